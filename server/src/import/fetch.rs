//! Fetching a source over HTTP(S): every page, following the `Link: <…>; rel="next"` header
//! (RFC 8288), gzip whether the server compresses the answer or serves a `.gz` file, each
//! answer within a time limit and a size cap. Any page that fails fails the whole fetch:
//! merging half a source would look like places had closed.
//!
//! Gzip is undone here, by its magic bytes, not by reqwest's `gzip` feature: that feature,
//! unified across the workspace, would also undo it in the tests' clients, which check what
//! the server compresses. Addresses are shown without their query (`hidden_url`): errors
//! reach `/healthz`.

use std::io::Read as _;
use std::time::Duration;

use url::Url;

use crate::telemetry::hidden_url;

/// The most a page may weigh once decompressed (the whole country is about 40 MB).
const MAX_PAGE_BYTES: usize = 256 * 1024 * 1024;
/// The most all pages together may weigh: they are all kept until the merge.
const MAX_TOTAL_BYTES: usize = 512 * 1024 * 1024;
/// The most pages followed: a source that never ends is an error, not a loop.
const MAX_PAGES: usize = 10_000;

/// The text of every page of `url`.
pub async fn pages(url: &Url, time_limit: Duration) -> Result<Vec<String>, String> {
    let client = reqwest::Client::builder()
        .timeout(time_limit)
        .user_agent(concat!(
            "Carto82/",
            env!("CARGO_PKG_VERSION"),
            " (import des lieux)"
        ))
        .build()
        .map_err(|e| format!("client HTTP : {e}"))?;
    let mut texts: Vec<String> = Vec::new();
    let mut total = 0;
    let mut next = Some(url.clone());
    let mut seen = std::collections::HashSet::new();
    while let Some(url) = next.take() {
        let n = texts.len() + 1;
        let at = format!("page {n} ({})", hidden_url(&url));
        if n > MAX_PAGES || !seen.insert(url.clone()) {
            return Err(format!(
                "{at} : la source renvoie sans fin à d'autres pages"
            ));
        }
        let response = client
            .get(url.clone())
            .header(reqwest::header::ACCEPT_ENCODING, "gzip")
            .send()
            .await
            .map_err(|e| format!("{at} : {}", failure(e, time_limit)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("{at} : la source a répondu « {status} »"));
        }
        next = next_page(&response, &url)
            .map(|next| {
                if next.origin() == url.origin() {
                    Ok(next)
                } else {
                    Err(format!(
                        "{at} : la page suivante est sur un autre site ({}), elle n'est pas lue",
                        hidden_url(&next)
                    ))
                }
            })
            .transpose()?;
        let body = body(response, time_limit)
            .await
            .map_err(|e| format!("{at} : {e}"))?;
        total += body.len();
        if total > MAX_TOTAL_BYTES {
            return Err(format!(
                "{at} : la source dépasse {} Mo en tout",
                MAX_TOTAL_BYTES / (1024 * 1024)
            ));
        }
        let text =
            String::from_utf8(body).map_err(|_| format!("{at} : le texte n'est pas en UTF-8"))?;
        texts.push(text);
    }
    Ok(texts)
}

/// Why a request failed, without its address: reqwest's message ends with the whole URL,
/// query included, and this one is shown on `/healthz`.
fn failure(error: reqwest::Error, time_limit: Duration) -> String {
    if error.is_timeout() {
        format!(
            "la source n'a pas répondu en {} s",
            time_limit.as_secs_f64().round()
        )
    } else if error.is_connect() {
        "connexion impossible à la source".to_owned()
    } else {
        format!("échec de la requête : {}", without_url(error))
    }
}

/// The error and its causes, without the address.
fn without_url(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        text.push_str(&format!(" : {inner}"));
        cause = inner.source();
    }
    text
}

/// The next page named by the `Link` header, resolved against this page's address.
fn next_page(response: &reqwest::Response, url: &Url) -> Option<Url> {
    response
        .headers()
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find(|link| {
            link.split(';')
                .skip(1)
                .any(|p| matches!(p.trim(), "rel=\"next\"" | "rel=next"))
        })
        .and_then(|link| {
            let target = link.split(';').next()?.trim();
            url.join(target.strip_prefix('<')?.strip_suffix('>')?).ok()
        })
        .filter(|next| matches!(next.scheme(), "http" | "https"))
}

/// The answer's bytes, decompressed, at most [`MAX_PAGE_BYTES`].
async fn body(mut response: reqwest::Response, time_limit: Duration) -> Result<Vec<u8>, String> {
    let too_big = || format!("plus de {} Mo", MAX_PAGE_BYTES / (1024 * 1024));
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| {
        if e.is_timeout() {
            format!(
                "la source n'a pas fini de répondre en {} s",
                time_limit.as_secs_f64().round()
            )
        } else {
            format!("réponse coupée : {}", without_url(e))
        }
    })? {
        if bytes.len() + chunk.len() > MAX_PAGE_BYTES {
            return Err(too_big());
        }
        bytes.extend_from_slice(&chunk);
    }
    // Compressed by `Content-Encoding: gzip`, or a file served as it is (`lieux.csv.gz`).
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .take(MAX_PAGE_BYTES as u64 + 1)
            .read_to_end(&mut plain)
            .map_err(|e| format!("gzip illisible : {e}"))?;
        if plain.len() > MAX_PAGE_BYTES {
            return Err(too_big());
        }
        return Ok(plain);
    }
    Ok(bytes)
}
