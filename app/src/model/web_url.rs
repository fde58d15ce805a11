//! Web addresses that the pages turn into links. Data files and imported CSV rows are
//! third-party text: an address read from them becomes a [`WebUrl`] when it is read, so that
//! `javascript:`, `data:` or any other scheme can never reach an `href`.

use serde::{Deserialize, Serialize};

/// The longest address we accept (browsers and servers commonly stop near 2 000).
pub const MAX_URL_CHARS: usize = 2000;

/// An `https://` or `http://` address with a host, without spaces, control characters or
/// credentials (`https://user@host` hides where a link goes).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

impl WebUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WebUrl {
    type Error = String;

    fn try_from(text: String) -> Result<WebUrl, String> {
        let shown: String = text.chars().take(80).collect();
        let wrong = |why: &str| format!("« {shown} » : {why}");
        if text.chars().count() > MAX_URL_CHARS {
            return Err(wrong(&format!(
                "adresse web trop longue ({MAX_URL_CHARS} caractères au plus)"
            )));
        }
        let lower = text.get(..8).unwrap_or(&text).to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            &text[8..]
        } else if lower.starts_with("http://") {
            &text[7..]
        } else {
            return Err(wrong(
                "adresse web commençant par https:// (ou http://) attendue",
            ));
        };
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(wrong(
                "une adresse web ne contient ni espace ni saut de ligne",
            ));
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if authority.is_empty() || authority.starts_with(':') {
            return Err(wrong("le nom du site manque après https://"));
        }
        if authority.contains('@') {
            return Err(wrong(
                "une adresse web avec « @ » avant le nom du site cache sa vraie destination",
            ));
        }
        Ok(WebUrl(text))
    }
}

impl std::str::FromStr for WebUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<WebUrl, String> {
        WebUrl::try_from(s.to_owned())
    }
}

impl From<WebUrl> for String {
    fn from(url: WebUrl) -> String {
        url.0
    }
}

impl std::fmt::Display for WebUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::WebUrl;

    #[test]
    fn only_web_addresses_with_a_host() {
        for good in [
            "https://www.montauban.fr",
            "http://mediatheque.fr/horaires?jour=lundi#ici",
            "HTTPS://EXEMPLE.FR/",
            "https://[2001:db8::1]:8443/x",
            "https://élan-numérique.fr/atelier",
        ] {
            assert!(good.parse::<WebUrl>().is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//exemple.fr",
            "www.exemple.fr",
            "https://",
            "https:///chemin",
            "https://:80",
            "https://exemple.fr/a b",
            "https://exemple.fr/\n",
            "https://utilisateur@exemple.fr",
            "https://exemple.fr\u{0}",
            "mailto:contact@exemple.fr",
            "",
        ] {
            assert!(bad.parse::<WebUrl>().is_err(), "{bad:?}");
        }
        let long = format!("https://exemple.fr/{}", "a".repeat(2000));
        assert!(long.parse::<WebUrl>().is_err());
    }

    #[test]
    fn the_error_quotes_a_short_part_of_the_value() {
        let error = format!("javascript:{}", "x".repeat(10_000))
            .parse::<WebUrl>()
            .unwrap_err();
        assert!(error.len() < 300, "{error}");
    }
}
