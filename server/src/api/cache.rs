use std::hash::{DefaultHasher, Hash, Hasher};

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use bytes::Bytes;

/// A cacheable GET answer: a strong ETag computed from the exact bytes, `304 Not Modified`
/// when the client already has them, and a short public cache lifetime (the data can be
/// reloaded while the server runs).
pub fn respond(req: &HttpRequest, content_type: &str, body: Bytes) -> HttpResponse {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    let etag = format!("\"{:016x}-{:x}\"", hasher.finish(), body.len());
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
