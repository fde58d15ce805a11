//! The map page and the embed, kept once rendered (issue 18). A search page takes 30 ms of
//! CPU for the 82 (100 ms for a country's lists), and compressing it per request another
//! 3 ms; every visitor of a partner's page loads the embed. The same question is rendered
//! once per dataset version, minute (a place open now, an event past) and site origin,
//! compressed once per encoding, then served as bytes.
//!
//! A kept page keeps the CSP nonce it was rendered with, and its answers carry that nonce in
//! their policy (`security_headers` reads it from the answer). This is still a secret an
//! injection cannot use: whatever a request or the data puts into a page is part of what is
//! rendered (its address is the key, the data its version), and it was rendered before its
//! nonce was drawn. A text cannot carry the nonce of the page it is in.

use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, web};
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::client::SiteAddress;
use crate::compression::{Packed, negotiate};
use crate::dataset::Store;
use crate::framing::EMBED_PATH;
use crate::security_headers::CspNonce;

/// The pages kept: the questions people ask again and again.
const KEPT_PATHS: [&str; 2] = ["/", EMBED_PATH];
/// At most this many bytes of pages per dataset version.
const CAPACITY_BYTES: u64 = 32 * 1024 * 1024;
const ESTIMATED_PAGES: usize = 512;
/// A longer page is rendered each time: alone it would push out many others.
const LONGEST: usize = 2 * 1024 * 1024;

/// One page as rendered, with the nonce it was rendered with.
pub struct Page {
    packed: Packed,
    nonce: String,
    headers: Vec<(header::HeaderName, header::HeaderValue)>,
}

#[derive(Clone)]
struct ByBytes;

impl Weighter<String, Arc<Page>> for ByBytes {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        // Counted as if both compressed encodings were made too (a bound, not a measure).
        (key.len() as u64).saturating_add((page.packed.identity.len() as u64).saturating_mul(2))
    }
}

/// The pages of one dataset version, the least recently used let go first.
pub struct Pages {
    cache: Cache<String, Arc<Page>, ByBytes>,
}

impl Default for Pages {
    fn default() -> Pages {
        Pages {
            cache: Cache::with_weighter(ESTIMATED_PAGES, CAPACITY_BYTES, ByBytes),
        }
    }
}

impl Page {
    /// The page in the encoding `request` accepts, with the nonce of its policy.
    fn answer(&self, request: &actix_web::HttpRequest) -> HttpResponse {
        let mut response = HttpResponse::Ok();
        for (name, value) in &self.headers {
            response.insert_header((name.clone(), value.clone()));
        }
        let (body, encoding) = self.packed.get(negotiate(request));
        if encoding != actix_web::http::header::ContentEncoding::Identity {
            response.insert_header((header::CONTENT_ENCODING, encoding.as_str()));
        }
        let mut response = response.body(body);
        response
            .extensions_mut()
            .insert(CspNonce(self.nonce.clone()));
        response
    }
}

/// Serves a kept page, or keeps the page rendered now.
pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some((key, nonce, store)) = key_of(&request) else {
        return Ok(next.call(request).await?.map_into_boxed_body());
    };
    let dataset = store.current();
    if let Some(page) = dataset.pages.cache.get(&key) {
        let (request, _) = request.into_parts();
        let answer = page.answer(&request);
        return Ok(ServiceResponse::new(request, answer));
    }
    let response = next.call(request).await?;
    if response.status() != StatusCode::OK {
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("page illisible"))?;
    // A page that sets a cookie is somebody's own: never kept.
    let own = head.headers().contains_key(header::SET_COOKIE);
    let page = match std::str::from_utf8(&bytes) {
        Ok(html) if !own && html.len() <= LONGEST && html.contains(nonce.as_str()) => {
            Arc::new(Page {
                packed: Packed::lazy(bytes, false),
                nonce,
                headers: head
                    .headers()
                    .iter()
                    // The length is the new body's, set when it is sent.
                    .filter(|(n, _)| {
                        *n != header::CONTENT_LENGTH && *n != header::TRANSFER_ENCODING
                    })
                    .map(|(n, v)| (n.clone(), v.clone()))
                    .collect(),
            })
        }
        _ => {
            let response = head.set_body(bytes).map_into_boxed_body();
            return Ok(ServiceResponse::new(request, response));
        }
    };
    dataset.pages.cache.insert(key, page.clone());
    let answer = page.answer(&request);
    Ok(ServiceResponse::new(request, answer))
}

/// The key of a page that may be kept, with the request's nonce and the data: a GET of a
/// kept path, rendered for the site's origin at this minute.
fn key_of(request: &ServiceRequest) -> Option<(String, String, web::Data<Store>)> {
    if request.method() != Method::GET || !KEPT_PATHS.contains(&request.path()) {
        return None;
    }
    let nonce = request.extensions().get::<CspNonce>()?.0.clone();
    let store = request.app_data::<web::Data<Store>>()?.clone();
    let origin = request
        .app_data::<web::Data<SiteAddress>>()?
        .origin(request.request());
    let minute = app::model::hours::paris_now().format("%Y-%m-%dT%H:%M");
    let key = format!("{minute} {origin}{}", request.uri());
    Some((key, nonce, store))
}
