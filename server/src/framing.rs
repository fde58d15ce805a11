//! Who may show our pages inside a frame. Only `/embed` may be framed by other sites (the
//! partners' pages); every other page refuses it, against clickjacking.

use std::str::FromStr;

/// The page partners frame.
pub const EMBED_PATH: &str = "/embed";

/// The `frame-ancestors` sources of `/embed`: any site (`*`, the default), no other site
/// (`aucun`: our own preview only), or a list of origins such as
/// `https://www.moissac.fr https://*.mediatheques82.fr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameAncestors {
    Any,
    None,
    Origins(Vec<String>),
}

impl FrameAncestors {
    /// The `frame-ancestors` directive of `/embed`. A list keeps our own origin, whose
    /// "Intégrer la carte" page shows a preview.
    pub fn policy(&self) -> String {
        match self {
            FrameAncestors::Any => "frame-ancestors *".to_owned(),
            FrameAncestors::None => "frame-ancestors 'self'".to_owned(),
            FrameAncestors::Origins(origins) => {
                format!("frame-ancestors 'self' {}", origins.join(" "))
            }
        }
    }
}

impl FromStr for FrameAncestors {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        let items: Vec<&str> = value
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .collect();
        match items[..] {
            [] | ["*"] => Ok(FrameAncestors::Any),
            ["aucun"] | ["'none'"] => Ok(FrameAncestors::None),
            _ => items
                .iter()
                .map(|item| parse_origin(item, true))
                .collect::<Result<_, _>>()
                .map(FrameAncestors::Origins),
        }
    }
}

/// `http(s)://host[:port]`, without path; a leading `*.` in the host when `wildcard`.
pub fn parse_origin(value: &str, wildcard: bool) -> Result<String, String> {
    let wrong = |why: &str| format!("« {value} » : {why}");
    let origin = value.trim().trim_end_matches('/');
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| wrong("adresse en http:// ou https:// attendue"))?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let host = match host.strip_prefix("*.") {
        Some(h) if wildcard => h,
        _ => host,
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !host_ok {
        return Err(wrong(
            "nom de site seul attendu, sans chemin (https://exemple.fr)",
        ));
    }
    if port.is_some_and(|p| p.parse::<u16>().is_err()) {
        return Err(wrong("port invalide"));
    }
    Ok(origin.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_allowed_sites() {
        assert_eq!("*".parse(), Ok(FrameAncestors::Any));
        assert_eq!("".parse(), Ok(FrameAncestors::Any));
        assert_eq!("aucun".parse(), Ok(FrameAncestors::None));
        let list: FrameAncestors =
            "https://www.moissac.fr/, http://localhost:8080 https://*.mediatheques82.fr"
                .parse()
                .unwrap();
        assert_eq!(
            list.policy(),
            "frame-ancestors 'self' https://www.moissac.fr http://localhost:8080 https://*.mediatheques82.fr"
        );
        for wrong in [
            "moissac.fr",
            "https://moissac.fr/page",
            "https://a b",
            "https://x.fr:99999",
            "javascript:alert(1)",
        ] {
            assert!(wrong.parse::<FrameAncestors>().is_err(), "{wrong}");
        }
        assert!(parse_origin("https://*.x.fr", false).is_err());
    }
}
