use actix_web::{HttpRequest, HttpResponse, web};

use super::{ApiError, GEOJSON, cache};
use crate::dataset::Store;

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
