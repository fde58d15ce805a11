use actix_web::{HttpResponse, web};

use super::{ApiError, GEOJSON};
use crate::dataset::Dataset;

/// `GET /api/territory/{zones,epci,communes}`: simplified outlines for drawing.
pub async fn layer(
    path: web::Path<String>,
    dataset: web::Data<Dataset>,
) -> Result<HttpResponse, ApiError> {
    let outlines = &dataset.territory.outlines;
    let body = match path.as_str() {
        "zones" => &outlines.zones,
        "epci" => &outlines.epci,
        "communes" => &outlines.communes,
        other => {
            return Err(ApiError::not_found(format!(
                "couche « {other} » inconnue (couches : zones, epci, communes)"
            )));
        }
    };
    Ok(HttpResponse::Ok()
        .content_type(GEOJSON)
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(body.clone()))
}
