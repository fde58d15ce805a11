use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, web};
use bytes::Bytes;

use crate::compression::{Packed, negotiate};

/// A cacheable GET answer: a strong ETag computed from the exact bytes, `304 Not Modified`
/// when the client already has them, and a short public cache lifetime (the data can be
/// reloaded while the server runs).
///
/// The tag is XXH3 of the bytes: a fixed, published algorithm, so that the same answer
/// keeps its tag across restarts and Rust releases (std's `DefaultHasher` may change with
/// each release, which would make every cached copy look stale after an upgrade).
pub fn respond(req: &HttpRequest, content_type: &str, body: Bytes) -> HttpResponse {
    let (fresh, mut response) = validated(req, etag_of(&body));
    if fresh {
        response.finish()
    } else {
        response.content_type(content_type).body(body)
    }
}

/// The same for an answer compressed in advance: the bytes the client accepts, already
/// encoded (the compression layer leaves them as they are).
pub fn respond_packed(req: &HttpRequest, content_type: &str, packed: &Packed) -> HttpResponse {
    let (fresh, mut response) = validated(req, packed.etag.clone());
    if fresh {
        return response.finish();
    }
    let (body, encoding) = packed.get(negotiate(req));
    if encoding != ContentEncoding::Identity {
        response.insert_header((header::CONTENT_ENCODING, encoding.as_str()));
    }
    response.content_type(content_type).body(body)
}

/// An answer asked for under its content's name (`?v=` the `version` of what it serves; see
/// `app::model::TerritoryFile`) never changes: the browser may keep it for good. Under an
/// older name (a page from before a reload), the current content comes with the short life.
pub fn named(req: &HttpRequest, version: &str, mut response: HttpResponse) -> HttpResponse {
    let asked = web::Query::<NameQuery>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.into_inner().v);
    let answered = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    if answered && asked.as_deref() == Some(version) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    response
}

#[derive(serde::Deserialize)]
struct NameQuery {
    v: Option<String>,
}

/// The strong tag of exactly these bytes.
pub fn etag_of(body: &[u8]) -> String {
    format!(
        "\"{:016x}-{:x}\"",
        xxhash_rust::xxh3::xxh3_64(body),
        body.len()
    )
}

/// The answer's validators (its `etag`), and whether the client already has it.
fn validated(req: &HttpRequest, etag: String) -> (bool, HttpResponseBuilder) {
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        // A 304 too (RFC 9110 §15.4.5): the answer depends on the encodings accepted.
        .insert_header((header::VARY, "accept-encoding"));
    (fresh, response)
}
