use actix_web::{HttpRequest, HttpResponse, web};

use super::{ApiError, GEOJSON, cache};
use crate::dataset::Store;

#[utoipa::path(
    get,
    path = "/api/territory/{layer}",
    summary = "Contours simplifiés des zones, des EPCI ou des communes (GeoJSON).",
    params(
        ("layer" = String, Path, description = "zones, epci ou communes"),
        ("v" = Option<String>, Query, description = "Version du territoire (celle que donnent les pages) : la réponse se garde alors sans limite de durée.")
    ),
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
    let response = match path.as_str() {
        "zones" => cache::respond_packed(&req, GEOJSON, &outlines.zones),
        "epci" => cache::respond_packed(&req, GEOJSON, &outlines.epci),
        "communes" => cache::respond_packed(&req, GEOJSON, &outlines.communes),
        other => {
            return Err(ApiError::not_found(format!(
                "couche « {other} » inconnue (couches : zones, epci, communes)"
            )));
        }
    };
    Ok(cache::named(&req, &dataset.index.version, response))
}

#[utoipa::path(
    get,
    path = "/api/communes",
    summary = "Les communes du département, par nom : code INSEE, codes postaux, point central. La carte s'en sert pour proposer des communes pendant la frappe.",
    params(("v" = Option<String>, Query, description = "Version du territoire (celle que donnent les pages) : la réponse se garde alors sans limite de durée.")),
    responses((status = 200, description = "Tableau JSON", content_type = "application/json"))
)]
/// `GET /api/communes`: what the search field suggests from, fetched when it is first
/// used rather than written in every page (issue 14).
pub async fn communes(req: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    let index = &store.current().index;
    let body = serde_json::to_vec(&index.communes).expect("communes serialise");
    let response = cache::respond(&req, "application/json", body.into());
    cache::named(&req, &index.version, response)
}
