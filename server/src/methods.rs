//! Which HTTP methods each path answers. Every page, file and API answer is read with
//! `GET`, and with `HEAD` alike (the same headers, no body: the HTTP layer drops the body
//! of an answer to `HEAD`); the forms and server functions take `POST`. Any other method
//! gets `405 Method Not Allowed` with the `Allow` header, as RFC 9110 asks; the open API
//! also answers `OPTIONS` (CORS preflight).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};

use crate::security_headers::REPORT_PATH;

/// Paths that only take `POST`.
fn post_only(path: &str) -> bool {
    path == "/signaler"
        || path == "/deconnexion"
        || path == REPORT_PATH
        || path.starts_with("/_fn/")
}

/// Forms shown by `GET` and sent by `POST` to the same address.
fn form(path: &str) -> bool {
    path == "/participer/evenement"
        || path == "/participer/lieu"
        || path == "/participer/structure"
        || path == "/connexion"
        || path.starts_with("/suivi/")
        // Completing a proposal: /participer/suivi/{token}/{id}.
        || path
            .strip_prefix("/participer/suivi/")
            .is_some_and(|rest| rest.contains('/'))
}

pub async fn middleware(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = request.path().to_owned();
    let allowed = if post_only(&path) {
        "POST"
    } else if form(&path) {
        "GET, HEAD, POST"
    } else {
        "GET, HEAD"
    };
    let method = request.method().clone();
    let fine = match (post_only(&path), &method) {
        (true, m) => m == Method::POST,
        (false, m) => m == Method::GET || m == Method::HEAD || (form(&path) && m == Method::POST),
    };
    if method == Method::OPTIONS && path.starts_with("/api") {
        let response = HttpResponse::NoContent()
            .insert_header((header::ALLOW, "GET, HEAD, OPTIONS"))
            .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
            .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS"))
            .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, "If-None-Match"))
            .insert_header((header::ACCESS_CONTROL_MAX_AGE, "86400"))
            .finish();
        return Ok(request.into_response(response));
    }
    // An unknown path stays a 404, whatever the method.
    if !fine && request.match_pattern().is_some() {
        let response = if path.starts_with("/api") {
            crate::api::ApiError::method_not_allowed(&method, allowed).error_response()
        } else {
            HttpResponse::build(StatusCode::METHOD_NOT_ALLOWED)
                .content_type("text/plain; charset=utf-8")
                .body(format!(
                    "Méthode {method} non acceptée ici. Méthodes acceptées : {allowed}."
                ))
        };
        let mut response = request.into_response(response);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allowed));
        return Ok(response);
    }
    if method == Method::HEAD {
        // Routed as GET; actix-http sends the headers of the answer without its body.
        request.head_mut().method = Method::GET;
    }
    Ok(next.call(request).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::post_only;

    #[test]
    fn forms_and_server_functions_take_post() {
        for path in ["/signaler", "/csp-report", "/_fn/find"] {
            assert!(post_only(path), "{path}");
        }
        for path in ["/", "/api/places", "/lieux/x", "/_fnord"] {
            assert!(!post_only(path), "{path}");
        }
    }
}
