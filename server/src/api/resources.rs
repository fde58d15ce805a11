use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use app::catalogue::Catalogue;
use app::model::{Insee, ResourceFilter, Siren, Zone};

use super::{ApiError, GEOJSON, cache, feature, read_query};
use crate::dataset::Store;

/// What Carto82 computed of a resource: what it serves, for people and for programs.
#[derive(Serialize)]
struct Served<'a> {
    desserte_nom: &'a str,
    zones_desservies: &'a [Zone],
    epci_desservis: &'a [Siren],
    communes_desservies: &'a [Insee],
}

#[utoipa::path(
    get,
    path = "/api/resources",
    summary = "Les ressources numériques locales (matériel en accès libre, wifi, prêt, vente solidaire, tutoriels, formations), filtrées (GeoJSON ; géométrie nulle pour une ressource qui dessert tout un territoire).",
    responses(
        (status = 200, description = "FeatureCollection GeoJSON (RFC 7946)", content_type = "application/geo+json"),
        (status = 304, description = "Inchangé depuis l'ETag donné dans If-None-Match"),
        (status = 400, description = "Paramètre invalide", body = super::openapi::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/resources`: the resources matching `ResourceFilter`, as GeoJSON. A resource
/// matches the zones, EPCI and communes it serves; with `near`, nearest first.
pub async fn list(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let filter: ResourceFilter = read_query(&req)?;
    let collection = geojson::FeatureCollection {
        bbox: None,
        features: store
            .resources(&filter)
            .iter()
            .map(|r| {
                let served = Served {
                    desserte_nom: &r.served_name,
                    zones_desservies: &r.footprint.zones,
                    epci_desservis: &r.footprint.epcis,
                    communes_desservies: &r.footprint.communes,
                };
                feature(
                    r.id().as_str(),
                    r.position.as_ref(),
                    &r.properties,
                    &served,
                    filter.distance_km(r),
                )
            })
            .collect(),
        foreign_members: None,
    };
    let body = serde_json::to_vec(&collection).expect("GeoJSON serialises");
    Ok(cache::respond(&req, GEOJSON, body.into()))
}
