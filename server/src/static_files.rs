//! Static files of the built site, sent pre-compressed when the browser accepts it.
//!
//! `cargo xtask site` writes `file.br` (brotli, best quality) and `file.gz` beside each text
//! and wasm file. Compressing once at build time at the best level saves bytes on every first
//! visit (a third of the wasm) and the CPU the `Compress` middleware would spend per request.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentEncoding};
use actix_web::{HttpRequest, HttpResponse, Resource, web};

/// `GET {mount}/{path}` served from `dir`, with the given `Cache-Control`.
pub fn service(mount: &str, dir: PathBuf, cache_control: &'static str) -> Resource {
    web::resource(format!("{mount}/{{path:.+}}")).route(web::get().to(
        move |req: HttpRequest, path: web::Path<String>| {
            let dir = dir.clone();
            async move {
                let mut response = serve(&req, &dir, &path).await;
                if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
                    response.headers_mut().insert(
                        header::CACHE_CONTROL,
                        header::HeaderValue::from_static(cache_control),
                    );
                }
                response
            }
        },
    ))
}

async fn serve(req: &HttpRequest, dir: &Path, path: &str) -> HttpResponse {
    let relative = Path::new(path);
    // Only plain names below `dir`: no `..`, no absolute path, no hidden trick.
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return HttpResponse::NotFound().finish();
    }
    let original = dir.join(relative);
    let mime = actix_files::file_extension_to_mime(
        original.extension().and_then(|e| e.to_str()).unwrap_or(""),
    );
    let wanted = crate::compression::negotiate(req);
    let variants = [
        ("br", ContentEncoding::Brotli),
        ("gz", ContentEncoding::Gzip),
    ];
    for (extension, encoding) in variants {
        let candidate = original.with_added_extension(extension);
        if wanted == encoding
            && let Ok(file) = NamedFile::open_async(&candidate).await
        {
            let mut response = file
                .set_content_type(mime.clone())
                .set_content_encoding(encoding)
                .disable_content_disposition()
                .into_response(req);
            vary(&mut response);
            return response;
        }
    }
    match NamedFile::open_async(&original).await {
        Ok(file) => {
            let mut response = file.disable_content_disposition().into_response(req);
            vary(&mut response);
            response
        }
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

fn vary(response: &mut HttpResponse) {
    response.headers_mut().insert(
        header::VARY,
        header::HeaderValue::from_static("Accept-Encoding"),
    );
}
