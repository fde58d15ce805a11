use unicode_normalization::UnicodeNormalization;

/// Text folded for matching: no accents, lower case, punctuation as spaces, single spaces.
/// "Lafrançaise" and "LAFRANCAISE" fold to the same "lafrancaise".
pub fn fold(text: &str) -> String {
    let bare: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
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
    }
}
