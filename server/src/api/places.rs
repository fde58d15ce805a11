use actix_web::{HttpRequest, HttpResponse, web};

use app::catalogue::Catalogue;
use app::model::query::{FORMAT, Format};
use app::model::{FromQuery, PlaceFilter};

use super::{ApiError, GEOJSON, cache, feature, query_of};
use crate::dataset::Store;
use crate::standard::{self, StandardRow};

#[utoipa::path(
    get,
    path = "/api/places",
    summary = "Les lieux d'aide au numérique, filtrés : GeoJSON, ou CSV et JSON du standard national.",
    responses(
        (status = 200, description = "FeatureCollection GeoJSON (RFC 7946), ou CSV / JSON du standard selon `format`", content_type = "application/geo+json"),
        (status = 304, description = "Inchangé depuis l'ETag donné dans If-None-Match"),
        (status = 400, description = "Paramètre invalide", body = super::openapi::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/places`: the places matching the filters of `PlaceFilter` (zone, epci,
/// commune, bbox, near + radius, q, service, public, frais, programme), as GeoJSON (default)
/// or in the national standard (`format=csv`, `format=json`). Nearest first with `near`.
pub async fn list(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let query = query_of(&req)?;
    let filter = PlaceFilter::read(&query)?;
    let format = query.one(&FORMAT)?.unwrap_or(Format::GeoJson);
    let places = store.places(&filter);
    let (content_type, body) = match format {
        Format::GeoJson => {
            let collection = geojson::FeatureCollection {
                bbox: None,
                features: places
                    .iter()
                    .map(|p| {
                        let distance = filter.distance_km(p);
                        feature(
                            p.id().as_str(),
                            Some(&p.position),
                            &p.properties,
                            &p.location,
                            distance,
                        )
                    })
                    .collect(),
                foreign_members: None,
            };
            (
                GEOJSON,
                serde_json::to_vec(&collection).expect("GeoJSON serialises"),
            )
        }
        Format::Csv => ("text/csv; charset=utf-8", standard::to_csv(&places)),
        Format::Json => {
            let rows: Vec<StandardRow> = places.iter().map(StandardRow::from).collect();
            (
                "application/json",
                serde_json::to_vec(&rows).expect("rows serialise"),
            )
        }
    };
    Ok(cache::respond(&req, content_type, body.into()))
}
