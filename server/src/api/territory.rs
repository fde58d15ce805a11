use actix_web::{HttpRequest, HttpResponse, web};

use super::{ApiError, GEOJSON, cache};
use crate::dataset::Store;

#[utoipa::path(
    get,
    path = "/api/territory/{layer}",
    summary = "Contours simplifiés des zones, des EPCI ou des communes (GeoJSON).",
    params(("layer" = String, Path, description = "zones, epci ou communes")),
    responses(
        (status = 200, description = "FeatureCollection GeoJSON", content_type = "application/geo+json"),
        (status = 404, description = "Couche inconnue", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/territory/{zones,epci,communes}`: simplified outlines for drawing.
pub async fn layer(
    req: HttpRequest,
    path: web::Path<String>,
    store: web::Data<Store>,
) -> Result<HttpResponse, ApiError> {
    let dataset = store.current();
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
