//! The public HTTP API: GeoJSON (RFC 7946) for data, RFC 7807 problem documents for errors.

mod error;
mod places;
mod territory;

use actix_web::{HttpResponse, web};

pub use error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health))
        .route("/api/places", web::get().to(places::list))
        .route("/api/territory/{layer}", web::get().to(territory::layer))
        .route("/api/{tail:.*}", web::to(not_found));
}

async fn health(dataset: web::Data<crate::dataset::Dataset>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({
        "status": "ok",
        "lieux": dataset.places.len(),
        "communes": dataset.territory.communes.len(),
    }))
}

async fn not_found(req: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found(format!(
        "aucune ressource à l'adresse {}",
        req.path()
    )))
}

const GEOJSON: &str = "application/geo+json";
