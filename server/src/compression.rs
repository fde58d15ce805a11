//! Compressing answers, whole. actix's `Compress` streams each answer through its own
//! encoder, which lives as long as the client takes to read: with hundreds of slow clients,
//! hundreds of brotli encoders (about a megabyte each) stayed in memory, and memory rose to
//! 600 MB. Here an answer is compressed at once into bytes, on the worker's thread, with a
//! window no larger than the answer: one encoder per worker at a time. API answers are built
//! whole; pages come from Leptos as a stream, but rendered in `SsrMode::Async` its chunks
//! are all ready at once, so the page is gathered first (it went out uncompressed before:
//! the HTML of `/`, 221 KB, crossed rural networks as it was).

use actix_web::HttpMessage;
use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, Header};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

/// Smaller answers are sent as they are (compression would save a packet at most).
const MIN_BYTES: usize = 1024;
/// Larger answers are sent as they are rather than held twice in memory.
const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Brotli's quality for answers made per request: near gzip's speed, smaller output.
const BROTLI_QUALITY: u32 = 5;

/// What the client accepts, best first among those we make: brotli, gzip, or none.
/// Reads `Accept-Encoding` as RFC 9110 says (weights, `q=0`, `*`).
pub fn negotiate(message: &impl HttpMessage) -> ContentEncoding {
    let Ok(accepted) = AcceptEncoding::parse(message) else {
        return ContentEncoding::Identity;
    };
    let ours = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
    match accepted.negotiate(ours.iter()) {
        Some(e) if e == Encoding::brotli() => ContentEncoding::Brotli,
        Some(e) if e == Encoding::gzip() => ContentEncoding::Gzip,
        _ => ContentEncoding::Identity,
    }
}

fn compressible(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.starts_with("text/")
        || matches!(
            essence,
            "application/json"
                | "application/geo+json"
                | "application/problem+json"
                | "application/javascript"
                | "application/xml"
                | "image/svg+xml"
        )
}

pub fn compress(bytes: &[u8], encoding: ContentEncoding) -> Vec<u8> {
    compress_at(bytes, encoding, BROTLI_QUALITY, 6)
}

/// An answer that stays the same while a dataset is served, kept in each encoding once
/// made. The map's outlines are made at load at the best levels: what every first visit
/// downloads is as small as it can be (brotli 11 makes them a third smaller than the
/// per-request level; issue 14). Cached answers of the API are made when first asked.
pub struct Packed {
    pub identity: bytes::Bytes,
    /// The tag of `identity`, made once: a kept answer is not hashed again on every request.
    pub etag: String,
    /// At the best levels, else at the per-request ones (a query nobody repeats then costs
    /// no more than an answer made each time).
    best: bool,
    brotli: std::sync::OnceLock<bytes::Bytes>,
    gzip: std::sync::OnceLock<bytes::Bytes>,
}

impl Packed {
    /// Compressed at the best levels by a thread of its own, started now.
    pub fn compressed_apart(identity: bytes::Bytes) -> std::sync::Arc<Packed> {
        let packed = std::sync::Arc::new(Packed::lazy(identity, true));
        let apart = std::sync::Arc::clone(&packed);
        // Should no thread be given, the first request compresses, as for a lazy answer.
        let _ = std::thread::Builder::new()
            .name("compression".to_owned())
            .spawn(move || {
                apart.get(ContentEncoding::Brotli);
                apart.get(ContentEncoding::Gzip);
            });
        packed
    }

    /// Each encoding compressed the first time a client asks for it.
    pub fn lazy(identity: bytes::Bytes, best: bool) -> Packed {
        Packed {
            etag: crate::api::etag_of(&identity),
            identity,
            best,
            brotli: std::sync::OnceLock::new(),
            gzip: std::sync::OnceLock::new(),
        }
    }

    /// The bytes for `encoding`, and the encoding they are in.
    pub fn get(&self, encoding: ContentEncoding) -> (bytes::Bytes, ContentEncoding) {
        let (brotli, gzip) = if self.best {
            (11, 9)
        } else {
            (BROTLI_QUALITY, 6)
        };
        let made = |slot: &std::sync::OnceLock<bytes::Bytes>| {
            slot.get_or_init(|| compress_at(&self.identity, encoding, brotli, gzip).into())
                .clone()
        };
        match encoding {
            ContentEncoding::Brotli => (made(&self.brotli), encoding),
            ContentEncoding::Gzip => (made(&self.gzip), encoding),
            _ => (self.identity.clone(), ContentEncoding::Identity),
        }
    }
}

fn compress_at(bytes: &[u8], encoding: ContentEncoding, brotli: u32, gzip: u32) -> Vec<u8> {
    use std::io::Write;
    match encoding {
        ContentEncoding::Brotli => {
            // A window just large enough for the answer: less memory, same output.
            let window = (bytes.len().max(1 << 16) as f64).log2().ceil() as u32;
            let mut out = Vec::with_capacity(bytes.len() / 4);
            {
                let mut writer = brotli::CompressorWriter::new(
                    &mut out,
                    16 * 1024,
                    brotli,
                    window.clamp(16, 22),
                );
                writer.write_all(bytes).expect("writing to memory");
            }
            out
        }
        ContentEncoding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(
                Vec::with_capacity(bytes.len() / 3),
                flate2::Compression::new(gzip),
            );
            encoder.write_all(bytes).expect("writing to memory");
            encoder.finish().expect("writing to memory")
        }
        _ => bytes.to_vec(),
    }
}

pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let encoding = negotiate(&request);
    let head = request.method() == Method::HEAD;
    let response = next.call(request).await?.map_into_boxed_body();
    let status = response.status();
    let headers = response.headers();
    let eligible = !head
        && status != StatusCode::NO_CONTENT
        && status != StatusCode::NOT_MODIFIED
        && !headers.contains_key(header::CONTENT_ENCODING)
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(compressible)
        && match response.response().body().size() {
            BodySize::Sized(n) => (MIN_BYTES as u64..=MAX_BYTES as u64).contains(&n),
            BodySize::Stream => true,
            BodySize::None => false,
        };
    let mut response = response;
    if compressible_type(&response) && !response.headers().contains_key(header::VARY) {
        response.headers_mut().insert(
            header::VARY,
            header::HeaderValue::from_static("accept-encoding"),
        );
    }
    if !eligible || encoding == ContentEncoding::Identity {
        return Ok(response);
    }
    let (request, response) = response.into_parts();
    let (response, body) = response.into_parts();
    let bytes = match actix_web::body::to_bytes_limited(body, MAX_BYTES).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return Err(actix_web::error::ErrorInternalServerError(
                "corps illisible",
            ));
        }
        Err(_) => {
            tracing::error!(limit = MAX_BYTES, "answer too large to compress");
            return Err(actix_web::error::ErrorInternalServerError(
                "réponse trop grande",
            ));
        }
    };
    if bytes.len() < MIN_BYTES {
        return Ok(ServiceResponse::new(
            request,
            response.set_body(BoxBody::new(bytes)),
        ));
    }
    let compressed = compress(&bytes, encoding);
    let mut response = response.set_body(BoxBody::new(compressed));
    response.headers_mut().insert(
        header::CONTENT_ENCODING,
        header::HeaderValue::from_static(encoding.as_str()),
    );
    Ok(ServiceResponse::new(request, response))
}

fn compressible_type(response: &ServiceResponse<BoxBody>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(compressible)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn accepting(value: &str) -> ContentEncoding {
        negotiate(
            &TestRequest::default()
                .insert_header((header::ACCEPT_ENCODING, value))
                .to_http_request(),
        )
    }

    #[test]
    fn follows_the_clients_weights() {
        assert_eq!(accepting("gzip, deflate, br"), ContentEncoding::Brotli);
        assert_eq!(accepting("gzip"), ContentEncoding::Gzip);
        assert_eq!(accepting("br;q=0, gzip"), ContentEncoding::Gzip);
        assert_eq!(accepting("br;q=0.5, gzip;q=0.9"), ContentEncoding::Gzip);
        assert_eq!(accepting("identity"), ContentEncoding::Identity);
        assert_eq!(
            negotiate(&TestRequest::default().to_http_request()),
            ContentEncoding::Identity
        );
    }

    #[test]
    fn what_is_compressed_comes_back_whole() {
        let text = "Médiathèque de Montauban, 2 rue Louis Sabatié. ".repeat(500);
        for encoding in [ContentEncoding::Brotli, ContentEncoding::Gzip] {
            let packed = compress(text.as_bytes(), encoding);
            assert!(packed.len() < text.len() / 5);
            let mut unpacked = Vec::new();
            use std::io::Read;
            match encoding {
                ContentEncoding::Brotli => {
                    brotli::Decompressor::new(&packed[..], 4096)
                        .read_to_end(&mut unpacked)
                        .unwrap();
                }
                _ => {
                    flate2::read::GzDecoder::new(&packed[..])
                        .read_to_end(&mut unpacked)
                        .unwrap();
                }
            }
            assert_eq!(unpacked, text.as_bytes());
        }
    }
}
