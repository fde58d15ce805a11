//! The communication kit (issue 17): posters, flyers, a place's sign, programme leaflets
//! and the booklet as PDF, images for social networks as PNG, QR codes to our pages, all
//! made on the server from the data of the request's version, and the `/kit` pages that
//! show them. A file is made once per dataset version and origin (`Dataset::answers`), so
//! the same data gives the same bytes and the same ETag.

mod documents;
mod files;
pub mod fonts;
mod page;
mod pdf;
mod png;
mod qr;
mod sheet;
mod typography;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::client::SiteAddress;
use crate::dataset::Store;

pub use documents::SOCIAL_TEXT_CHARS;
pub use files::KitFile;

/// How many kit files are made at once: one per core.
static MAKING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kit", web::get().to(page::overview))
        .route("/kit/{tail:.*}", web::get().to(file_or_page));
}

/// A file of the kit, or the kit page of an event, a place or an actor.
async fn file_or_page(
    req: HttpRequest,
    tail: web::Path<String>,
    store: web::Data<Store>,
    site: web::Data<SiteAddress>,
) -> HttpResponse {
    let tail = tail.into_inner();
    let Some(file) = KitFile::parse(&tail) else {
        return page::subject(&req, &tail, &store.current());
    };
    let dataset = store.current();
    let origin = site.origin(&req);
    let key = format!("kit {origin} {}", file.path());
    let name = file.file_name();
    let made = match dataset.answers.get(&key) {
        Some(ready) => Ok(Ok(ready)),
        None => {
            // Made on the blocking pool, one per core at most: a booklet takes tens of
            // milliseconds, and addresses never asked before (another `Host`, when
            // `CARTO82_URL` is not set) must not take the cores from every other answer.
            let Ok(_permit) = MAKING.acquire().await else {
                return failed("semaphore closed");
            };
            web::block(move || {
                dataset
                    .answers
                    .get_or_make(key, false, || match file.make(&dataset, &origin) {
                        Some(Ok(made)) => Ok((made.content_type, made.bytes)),
                        Some(Err(why)) => Err(Some(why)),
                        None => Err(None),
                    })
            })
            .await
        }
    };
    match made {
        Ok(Ok(ready)) => {
            let mut response =
                crate::api::respond(&req, ready.content_type, ready.packed.identity.clone());
            response.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                header::HeaderValue::from_str(&format!("inline; filename=\"{name}\""))
                    .unwrap_or(header::HeaderValue::from_static("inline")),
            );
            response
        }
        Ok(Err(None)) => page::not_found(&req),
        Ok(Err(Some(why))) => failed(&why),
        Err(blocking) => failed(&blocking.to_string()),
    }
}

fn failed(why: &str) -> HttpResponse {
    tracing::error!("fichier du kit non fait : {why}");
    HttpResponse::InternalServerError()
        .content_type("text/plain; charset=utf-8")
        .body("Le fichier n'a pas pu être fait. Réessayez plus tard.")
}
