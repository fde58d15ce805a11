use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Map, Value};

use app::catalogue::Catalogue;
use app::model::{Place, PlaceFilter};

use super::{ApiError, GEOJSON};
use crate::dataset::Dataset;

/// `GET /api/places`: the places matching `zone` / `epci`, as a FeatureCollection.
pub async fn list(req: HttpRequest, dataset: web::Data<Dataset>) -> Result<HttpResponse, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string())
        .map_err(|e| ApiError::bad_query(format!("chaîne de requête illisible : {e}")))?;
    let filter = PlaceFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let features: Vec<geojson::Feature> = dataset.places(&filter).iter().map(feature).collect();
    let collection = geojson::FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    };
    Ok(HttpResponse::Ok()
        .content_type(GEOJSON)
        .body(serde_json::to_string(&collection).expect("GeoJSON serialises")))
}

/// A place as a GeoJSON Feature: the standard's fields, then what Carto82 computed
/// from the point (`insee_localise`, `commune_localisee`, `epci_siren`, `epci_nom`, `zone`).
pub fn feature(place: &Place) -> geojson::Feature {
    let mut properties = match serde_json::to_value(&place.fiche) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let Ok(Value::Object(computed)) = serde_json::to_value(&place.localisation) {
        properties.extend(computed);
    }
    geojson::Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new_point([
            place.position.lon,
            place.position.lat,
        ])),
        id: Some(geojson::feature::Id::String(place.id().to_string())),
        properties: Some(properties),
        foreign_members: None,
    }
}
