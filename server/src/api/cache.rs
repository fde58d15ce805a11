use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use bytes::Bytes;

/// A cacheable GET answer: a strong ETag computed from the exact bytes, `304 Not Modified`
/// when the client already has them, and a short public cache lifetime (the data can be
/// reloaded while the server runs).
///
/// The tag is XXH3 of the bytes: a fixed, published algorithm, so that the same answer
/// keeps its tag across restarts and Rust releases (std's `DefaultHasher` may change with
/// each release, which would make every cached copy look stale after an upgrade).
pub fn respond(req: &HttpRequest, content_type: &str, body: Bytes) -> HttpResponse {
    let etag = format!(
        "\"{:016x}-{:x}\"",
        xxhash_rust::xxh3::xxh3_64(&body),
        body.len()
    );
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
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"));
    if fresh {
        response.finish()
    } else {
        response.content_type(content_type).body(body)
    }
}
