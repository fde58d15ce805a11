//! Who sent a request, and to which address. `Host`, `Forwarded` and `X-Forwarded-*` are
//! written by whoever sends the request: the forwarded headers are believed only when the
//! connection comes from a proxy the operator named (`CARTO82_PROXIES`), and every value
//! is checked before it reaches a page, the embed code or a rate limit.

use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderMap};
use ipnet::IpNet;

/// Addresses or networks (`127.0.0.1`, `10.0.0.0/8`, `::1`), written separated by spaces
/// or commas: the reverse proxies whose forwarded headers are believed, who may read
/// `/metrics`. None by default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Networks(Vec<IpNet>);

/// The reverse proxies whose forwarded headers are believed (`CARTO82_PROXIES`).
pub type TrustedProxies = Networks;

impl FromStr for Networks {
    type Err = String;

    fn from_str(value: &str) -> Result<Networks, String> {
        value
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("« {item} » : adresse IP ou réseau attendu (127.0.0.1, 10.0.0.0/8)")
                    })
            })
            .collect::<Result<_, _>>()
            .map(Networks)
    }
}

impl Networks {
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How the site finds its own address and its visitors' ones.
#[derive(Clone, Debug, Default)]
pub struct SiteAddress {
    /// `CARTO82_URL`, already reduced to an origin.
    pub configured: Option<String>,
    pub proxies: TrustedProxies,
}

impl SiteAddress {
    /// The site's origin for the code partners paste and oEmbed: the configured one, or the
    /// request's (checked) scheme and host.
    pub fn origin(&self, request: &HttpRequest) -> String {
        match &self.configured {
            Some(url) => url.clone(),
            None => self.source(request).origin(),
        }
    }

    pub fn source(&self, request: &HttpRequest) -> RequestSource {
        RequestSource::of(request, &self.proxies)
    }
}

/// The scheme of an address we write: only these two can reach an `href` or a `src`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    fn parse(value: &str) -> Option<Scheme> {
        match value.trim().to_ascii_lowercase().as_str() {
            "http" => Some(Scheme::Http),
            "https" => Some(Scheme::Https),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
}

/// What the server knows of a request's sender, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestSource {
    /// The visitor's address: the connection's, or behind a trusted proxy the nearest
    /// address it forwarded that is not itself a trusted proxy.
    pub client_ip: IpAddr,
    pub scheme: Scheme,
    /// `host` or `host:port`, with only the characters a host name may have.
    pub host: String,
}

impl RequestSource {
    pub fn of(request: &HttpRequest, proxies: &TrustedProxies) -> RequestSource {
        let peer = request
            .peer_addr()
            .map(|a| a.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let fallback_host = request.app_config().host().to_owned();
        read(peer, request.headers(), proxies, &fallback_host)
    }

    /// `scheme://host`, as browsers write an origin.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme.as_str(), self.host)
    }
}

/// The forwarded values of one request, from `Forwarded` (RFC 7239) or else the
/// `X-Forwarded-*` headers.
#[derive(Default)]
struct Forwarded {
    /// Nearest hop last.
    chain: Vec<IpAddr>,
    proto: Option<String>,
    host: Option<String>,
}

fn forwarded(headers: &HeaderMap) -> Forwarded {
    let all = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let standard = all(header::FORWARDED.as_str());
    if !standard.is_empty() {
        let mut found = Forwarded::default();
        for element in standard {
            for pair in element.split(';') {
                let Some((key, value)) = pair.split_once('=') else {
                    continue;
                };
                let value = value.trim().trim_matches('"');
                match key.trim().to_ascii_lowercase().as_str() {
                    "for" => found.chain.extend(parse_node(value)),
                    "proto" => found.proto = Some(value.to_owned()),
                    "host" => found.host = Some(value.to_owned()),
                    _ => {}
                }
            }
        }
        return found;
    }
    Forwarded {
        chain: all("x-forwarded-for")
            .iter()
            .filter_map(|v| parse_node(v))
            .collect(),
        proto: all("x-forwarded-proto").pop(),
        host: all("x-forwarded-host").pop(),
    }
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711`.
fn parse_node(value: &str) -> Option<IpAddr> {
    let value = value.trim();
    if let Ok(ip) = value.parse() {
        return Some(ip);
    }
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    value.rsplit_once(':')?.0.parse().ok()
}

/// A host name, IPv4 or bracketed IPv6 address, with an optional port; nothing else.
pub fn valid_host(host: &str) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    };
    let name_ok = if let Some(inner) = name.strip_prefix('[') {
        inner
            .strip_suffix(']')
            .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok())
    } else {
        !name.is_empty()
            && name.len() <= 253
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && !name.starts_with(['.', '-'])
    };
    name_ok && port.is_none_or(|p| p.parse::<u16>().is_ok())
}

fn read(
    peer: IpAddr,
    headers: &HeaderMap,
    proxies: &TrustedProxies,
    fallback_host: &str,
) -> RequestSource {
    let own_host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::trim)
        .filter(|h| valid_host(h))
        .unwrap_or(fallback_host)
        .to_owned();
    if !proxies.contains(peer) {
        return RequestSource {
            client_ip: peer,
            scheme: Scheme::Http,
            host: own_host,
        };
    }
    let forwarded = forwarded(headers);
    // The nearest address that is not one of our proxies; a client may prepend anything.
    let client_ip = forwarded
        .chain
        .iter()
        .rev()
        .copied()
        .find(|ip| !proxies.contains(*ip))
        .unwrap_or(peer);
    RequestSource {
        client_ip,
        scheme: forwarded
            .proto
            .as_deref()
            .and_then(Scheme::parse)
            .unwrap_or(Scheme::Http),
        host: forwarded.host.filter(|h| valid_host(h)).unwrap_or(own_host),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    const PROXY: &str = "10.0.0.5";

    fn source(peer: &str, pairs: &[(&str, &str)]) -> RequestSource {
        let proxies: TrustedProxies = "10.0.0.0/24, ::1".parse().unwrap();
        read(
            peer.parse().unwrap(),
            &headers(pairs),
            &proxies,
            "127.0.0.1:8082",
        )
    }

    #[test]
    fn forwarded_headers_from_anyone_else_are_ignored() {
        let s = source(
            "203.0.113.9",
            &[
                ("host", "carto82.fr"),
                ("x-forwarded-host", "evil.example"),
                ("x-forwarded-proto", "https"),
                ("x-forwarded-for", "1.2.3.4"),
                ("forwarded", "for=5.6.7.8;proto=https;host=evil.example"),
            ],
        );
        assert_eq!(s.origin(), "http://carto82.fr");
        assert_eq!(s.client_ip.to_string(), "203.0.113.9");
    }

    #[test]
    fn a_trusted_proxy_says_who_and_where() {
        let s = source(
            PROXY,
            &[
                ("host", "127.0.0.1:8082"),
                ("x-forwarded-host", "carto82.tarnetgaronne.fr"),
                ("x-forwarded-proto", "https"),
                ("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.0.0.4"),
            ],
        );
        assert_eq!(s.origin(), "https://carto82.tarnetgaronne.fr");
        assert_eq!(
            s.client_ip.to_string(),
            "198.51.100.7",
            "the nearest untrusted hop, not what the client prepended"
        );
        let s = source(
            "::1",
            &[(
                "forwarded",
                "for=\"[2001:db8::7]:4711\";proto=https;host=carte.exemple.fr",
            )],
        );
        assert_eq!(s.origin(), "https://carte.exemple.fr");
        assert_eq!(s.client_ip.to_string(), "2001:db8::7");
    }

    #[test]
    fn only_http_and_a_plain_host_reach_an_address() {
        let s = source(
            PROXY,
            &[
                ("host", "carto82.fr"),
                ("x-forwarded-proto", "javascript"),
                ("x-forwarded-host", "x\" onload=\"alert(1)"),
            ],
        );
        assert_eq!(s.origin(), "http://carto82.fr");
        let s = source("203.0.113.9", &[("host", "<script>")]);
        assert_eq!(s.origin(), "http://127.0.0.1:8082");
        for good in ["carto82.fr", "localhost:8082", "[::1]:8082", "10.0.0.1"] {
            assert!(valid_host(good), "{good}");
        }
        for bad in [
            "",
            "a b",
            "x/y",
            "x:99999",
            "evil.fr@x",
            "[zz]",
            ".x",
            "a:b:c",
        ] {
            assert!(!valid_host(bad), "{bad}");
        }
    }

    #[test]
    fn reads_the_proxy_list() {
        assert_eq!("".parse::<TrustedProxies>(), Ok(TrustedProxies::default()));
        assert!("127.0.0.1 10.0.0.0/8,::1".parse::<TrustedProxies>().is_ok());
        assert!("tout".parse::<TrustedProxies>().is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_forwarded_headers_are_read_without_panic(
            host in "[ -~]{0,60}",
            forwarded in "[ -~]{0,80}",
            for_list in "[ -~]{0,80}",
            proto in "[ -~]{0,12}",
        ) {
            let s = source(
                PROXY,
                &[
                    ("host", &host),
                    ("forwarded", &forwarded),
                    ("x-forwarded-for", &for_list),
                    ("x-forwarded-proto", &proto),
                    ("x-forwarded-host", &host),
                ],
            );
            proptest::prop_assert!(valid_host(&s.host));
            proptest::prop_assert!(s.origin().starts_with("http"));
        }
    }
}
