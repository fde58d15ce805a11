//! French typography for print: the spaces that must not break, and lines that fit.

use super::fonts::Weight;

/// Before « ; ! ? » and after « and before » (narrow), before « : » (full width).
pub const NARROW_NBSP: char = '\u{202F}';
pub const NBSP: char = '\u{A0}';

/// `text` with French spacing: a space before « ; ! ? » becomes a narrow no-break space, a
/// space before « : » or « » » and after « « » a no-break space, and the space of « 14 h »
/// one that keeps the hour with its number. Text already right stays the same.
pub fn french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after_next = chars.get(i + 2).copied();
        if c == ' ' {
            let replaced = match next {
                Some(';' | '!' | '?') => Some(NARROW_NBSP),
                Some(':' | '»') => Some(NBSP),
                // « 14 h », « 14 h 30 »: the hour stays with its number.
                Some('h')
                    if before.is_some_and(|b| b.is_ascii_digit())
                        && after_next.is_none_or(|a| a == ' ' || a == ',' || a == '.') =>
                {
                    Some(NBSP)
                }
                _ if before == Some('«') => Some(NBSP),
                _ => None,
            };
            out.push(replaced.unwrap_or(' '));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` cut into lines no wider than `width` at `size`: breaks only at ordinary spaces
/// (never at a no-break one); a word wider than a line is cut where it must.
pub fn wrap(text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
    let space = weight.width(" ", size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width = weight.width(word, size);
        if !line.is_empty() && line_width + space + word_width <= width {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= width {
            line.push_str(word);
            line_width = word_width;
            continue;
        }
        // A word longer than a line (an address of a website): cut by characters.
        line_width = 0.0;
        for c in word.chars() {
            let w = weight.width(c.encode_utf8(&mut [0; 4]), size);
            if !line.is_empty() && line_width + w > width {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spaces_do_not_break() {
        assert_eq!(
            french("Inscription : oui ; venez ! Gratuit ? « Bonjour » à 14 h et 14 h 30."),
            "Inscription\u{A0}: oui\u{202F}; venez\u{202F}! Gratuit\u{202F}? «\u{A0}Bonjour\u{A0}» à 14\u{A0}h et 14\u{A0}h 30."
        );
        assert_eq!(
            french("https://exemple.fr/a?b=c"),
            "https://exemple.fr/a?b=c"
        );
        assert_eq!(french(&french("Lieu : ici")), french("Lieu : ici"));
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let text =
            french("Jeux vidéo en famille : bien choisir, ensemble, selon l'âge des enfants");
        let lines = wrap(&text, Weight::Bold, 20.0, 150.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(Weight::Bold.width(line, 20.0) <= 150.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
        // The colon stays with the word before it.
        assert!(lines.iter().all(|l| !l.starts_with(':')));
        let long = "https://carto82.example/evenements/un-tres-long-identifiant-d-evenement";
        assert!(wrap(long, Weight::Regular, 12.0, 100.0).len() > 2);
    }
}
