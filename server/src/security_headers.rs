//! The headers every answer carries against injected scripts, framing and sniffing.
//!
//! Each request gets a fresh nonce; the page rendered for it gives that nonce to its own
//! inline scripts and styles (Leptos's hydration scripts, `<Style>`), and its
//! `Content-Security-Policy` allows those, the files of our origin, the WebAssembly they
//! load, and the tile and address servers the operator configured: nothing else runs,
//! whatever text reaches the page. Browsers report what the policy blocked to
//! `/csp-report`; the server logs it (cut short, rate-limited) and keeps the last few for
//! the tests.

use std::sync::Mutex;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, web};

use crate::framing::{EMBED_PATH, FrameAncestors};

/// Where browsers send reports of what the policy blocked.
pub const REPORT_PATH: &str = "/csp-report";

/// The nonce of one request's inline scripts and styles.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The fixed parts of the policies, built once at start-up from the configuration.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    /// Extra `img-src` sources: the tile server.
    images: String,
    /// Extra `connect-src` sources: the address API.
    connect: String,
    /// `frame-ancestors …` of the embed.
    embed_ancestors: String,
}

impl SecurityHeaders {
    /// `tiles` is the tile URL template, `addresses` the address API's base URL; both are
    /// reduced to their origin (a `{s}` subdomain becomes `*`).
    pub fn new(
        tiles: Option<&str>,
        addresses: Option<&str>,
        framing: &FrameAncestors,
    ) -> Result<SecurityHeaders, String> {
        let source = |url: Option<&str>| -> Result<String, String> {
            url.map(origin_source)
                .transpose()
                .map(|o| o.map(|o| format!(" {o}")).unwrap_or_default())
        };
        Ok(SecurityHeaders {
            images: source(tiles)?,
            connect: source(addresses)?,
            embed_ancestors: framing.policy(),
        })
    }

    /// The policy of an HTML page: only our files, the nonce's inline code, WebAssembly.
    fn page_policy(&self, nonce: &str, path: &str) -> String {
        let ancestors = if path == EMBED_PATH {
            self.embed_ancestors.as_str()
        } else {
            "frame-ancestors 'none'"
        };
        format!(
            "default-src 'none'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self' 'nonce-{nonce}'; img-src 'self' data:{images}; \
             connect-src 'self'{connect}; frame-src 'self'; manifest-src 'self'; \
             base-uri 'none'; form-action 'self'; object-src 'none'; {ancestors}; \
             report-uri {REPORT_PATH}",
            images = self.images,
            connect = self.connect,
        )
    }

    /// The policy of anything else (data, files, images): nothing may run in it.
    fn other_policy(&self, path: &str) -> String {
        let ancestors = if path == EMBED_PATH {
            self.embed_ancestors.as_str()
        } else {
            "frame-ancestors 'none'"
        };
        format!("default-src 'none'; style-src 'unsafe-inline'; {ancestors}")
    }

    fn apply(&self, path: &str, nonce: &str, headers: &mut HeaderMap) {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let html = content_type.starts_with("text/html");
        // Everything we write is UTF-8; a browser told so never guesses (Leptos answers
        // `text/html` alone, static files `text/javascript`).
        if content_type.starts_with("text/") && !content_type.contains("charset") {
            let with_charset = format!("{content_type}; charset=utf-8");
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&with_charset).expect("a header-safe type"),
            );
        }
        let policy = if html {
            self.page_policy(nonce, path)
        } else {
            self.other_policy(path)
        };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).expect("the policy is header-safe"),
        );
        if path == EMBED_PATH {
            headers.remove(header::X_FRAME_OPTIONS);
        } else {
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        // A page whose address is a secret (a follow-up link) sets a stricter one itself.
        if !headers.contains_key(header::REFERRER_POLICY) {
            headers.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("strict-origin-when-cross-origin"),
            );
        }
        // The position is asked for by « près de moi », on our pages and in the embed
        // (which the partner's frame must also allow); nothing else is ever needed.
        headers.insert(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), \
                 serial=(), bluetooth=(), midi=(), display-capture=()",
            ),
        );
    }
}

/// `scheme://host` of a configured URL, as a CSP source.
fn origin_source(url: &str) -> Result<String, String> {
    let wrong = || format!("« {url} » : adresse https://… attendue");
    let (scheme, rest) = url.split_once("://").ok_or_else(wrong)?;
    if !matches!(scheme, "https" | "http") {
        return Err(wrong());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.replace("{s}", "*");
    let ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:*[]".contains(c));
    if ok {
        Ok(format!("{scheme}://{host}"))
    } else {
        Err(wrong())
    }
}

/// Gives the request its nonce, and the answer its headers.
pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let nonce = leptos::nonce::Nonce::new().to_string();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let path = request.path().to_owned();
    let settings = request
        .app_data::<web::Data<SecurityHeaders>>()
        .cloned()
        .expect("SecurityHeaders configured");
    let mut response = next.call(request).await?;
    // A page kept once rendered carries the nonce it was rendered with (`page_cache`).
    let nonce = response
        .response()
        .extensions()
        .get::<CspNonce>()
        .map_or(nonce, |kept| kept.0.clone());
    settings.apply(&path, &nonce, response.headers_mut());
    Ok(response)
}

/// Provides the request's nonce to the Leptos page rendered for it, in place of the one
/// leptos_actix draws (which the header would not know).
pub fn provide_nonce_of(request: &actix_web::HttpRequest) {
    if let Some(nonce) = request.extensions().get::<CspNonce>() {
        leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce.0.as_str()));
    }
}

/// The last reports kept, for the tests and for a person reading `/healthz`.
static REPORTS: Mutex<Vec<String>> = Mutex::new(Vec::new());
const REPORTS_KEPT: usize = 20;
const REPORT_CHARS: usize = 300;

/// What the policy blocked in browsers, most recent last.
pub fn violations() -> Vec<String> {
    REPORTS.lock().expect("not poisoned").clone()
}

/// `POST /csp-report`: a browser says what the policy blocked. The body is third-party
/// text: it is cut short, logged through the rate-limited warnings, never shown in a page.
pub async fn report(body: web::Bytes) -> HttpResponse {
    let text: String = String::from_utf8_lossy(&body)
        .chars()
        .filter(|c| !c.is_control())
        .take(REPORT_CHARS)
        .collect();
    crate::telemetry::warn_limited("csp", &format!("contenu bloqué par la CSP : {text}"));
    let mut kept = REPORTS.lock().expect("not poisoned");
    if kept.len() == REPORTS_KEPT {
        kept.remove(0);
    }
    kept.push(text);
    HttpResponse::NoContent().finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(content_type: &str, path: &str, s: &SecurityHeaders) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).unwrap(),
        );
        s.apply(path, "abc123", &mut h);
        h
    }

    #[test]
    fn a_page_runs_only_our_code_and_the_configured_hosts() {
        let s = SecurityHeaders::new(
            Some("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"),
            Some("https://api-adresse.data.gouv.fr"),
            &FrameAncestors::Any,
        )
        .unwrap();
        let h = headers("text/html", "/", &s);
        let csp = h
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(csp.contains("img-src 'self' data: https://*.tile.openstreetmap.org;"));
        assert!(csp.contains("connect-src 'self' https://api-adresse.data.gouv.fr;"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(
            h.get(header::CONTENT_TYPE).unwrap(),
            "text/html; charset=utf-8"
        );
        assert_eq!(h.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
        let embed = headers("text/html", "/embed", &s);
        let csp = embed
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors *"), "{csp}");
        assert!(embed.get(header::X_FRAME_OPTIONS).is_none());
        let data = headers("application/geo+json", "/api/places", &s);
        assert!(
            data.get(header::CONTENT_SECURITY_POLICY)
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("default-src 'none'")
        );
    }

    #[test]
    fn configured_hosts_must_be_web_origins() {
        for wrong in [
            "javascript:alert(1)",
            "https://a b/",
            "https://x.fr;script-src *",
        ] {
            assert!(origin_source(wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            origin_source("https://data.geopf.fr/wmts?SERVICE=WMTS").unwrap(),
            "https://data.geopf.fr"
        );
    }
}
