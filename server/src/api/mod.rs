//! The public HTTP API: GeoJSON (RFC 7946) for data, RFC 7807 problem documents for errors.

mod cache;
mod error;
mod places;
mod territory;

use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, web};

pub use error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health)).service(
        web::scope("/api")
            // Open data: any site may read it from a browser.
            .wrap(DefaultHeaders::new().add(("Access-Control-Allow-Origin", "*")))
            .route("/places", web::get().to(places::list))
            .route("/territory/{layer}", web::get().to(territory::layer))
            .default_service(web::to(not_found)),
    );
}

async fn health(store: web::Data<crate::dataset::Store>) -> HttpResponse {
    let dataset = store.current();
    HttpResponse::Ok().json(serde_json::json!({
        "status": "ok",
        "lieux": dataset.places.len(),
        "communes": dataset.territory.communes.len(),
        // Set when the files changed into an invalid dataset: the previous one is served.
        "rechargement_refuse": store.last_refusal(),
    }))
}

async fn not_found(req: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found(format!(
        "aucune ressource à l'adresse {}",
        req.path()
    )))
}

const GEOJSON: &str = "application/geo+json";
