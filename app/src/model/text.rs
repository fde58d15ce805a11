/// Text folded for matching: no accents, lower case, punctuation as spaces, single spaces.
/// "Lafrançaise" and "LAFRANCAISE" fold to the same "lafrancaise".
pub fn fold(text: &str) -> String {
    let bare: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !COMBINING_ACCENTS.contains(c))
        .map(without_accent)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The accents written apart from their letter (text in decomposed form, NFD).
const COMBINING_ACCENTS: std::ops::RangeInclusive<char> = '\u{300}'..='\u{36f}';

/// A lower-case letter of French and its neighbours (Latin-1 and Latin Extended-A) without
/// its accent: what the canonical decomposition (NFD) keeps of it. Our own table rather
/// than the `unicode-normalization` crate, whose tables were 90 KB of the 210 KB of wasm a
/// resident's phone downloads with the search field (issue 14); communes, needs and
/// themes are written in these letters. A test checks the table against that crate.
fn without_accent(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// Text made safe inside HTML, attributes included.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text for the elements whose content Leptos 0.8 writes into the server's HTML without
/// escaping it: `<title>` (leptos_meta) and `<textarea>` (tachys treats it like `<script>`).
/// A `</title><script>` in a place's name or a URL parameter would otherwise run. The
/// server escapes it; the browser receives the text as is, and sets it as text.
pub fn text_left_raw_by_leptos(text: String) -> String {
    if cfg!(feature = "ssr") {
        escape_html(&text)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("Lafrançaise"), fold("LAFRANCAISE"));
        assert_eq!(fold("Saint-Antonin-Noble-Val"), "saint antonin noble val");
        assert_eq!(fold("  Éducation   numérique "), "education numerique");
        assert_eq!(
            fold("Cafe\u{301} Œuvre"),
            "cafe œuvre",
            "decomposed accents too"
        );
    }

    /// The table agrees with Unicode's decomposition on Latin-1 and Latin Extended-A, the
    /// letters of the names and words it folds (beyond, e.g. Romanian ș, the accent stays).
    #[test]
    fn folds_as_the_canonical_decomposition_does() {
        use unicode_normalization::UnicodeNormalization;
        let by_decomposition = |text: &str| -> String {
            let bare: String = text
                .nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect();
            bare.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for c in ('\u{20}'..='\u{17f}').chain('\u{300}'..='\u{36f}') {
            let text = format!("a{c}b");
            assert_eq!(
                fold(&text),
                by_decomposition(&text),
                "U+{:04X} {c}",
                c as u32
            );
        }
    }
}
