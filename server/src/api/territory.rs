use actix_web::{HttpRequest, HttpResponse, web};

use super::{ApiError, GEOJSON, cache};
use crate::dataset::Dataset;

/// `GET /api/territory/{zones,epci,communes}`: simplified outlines for drawing.
pub async fn layer(
    req: HttpRequest,
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
    Ok(cache::respond(&req, GEOJSON, body.clone()))
}
