use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Map, Value};

use app::catalogue::Catalogue;
use app::model::{Place, PlaceFilter};

use super::{ApiError, GEOJSON, cache};
use crate::dataset::Store;
use crate::standard::{self, StandardRow};

/// How `/api/places` writes its answer (`format=`).
enum Format {
    GeoJson,
    /// The national standard's CSV.
    Csv,
    /// The national standard's rows as JSON objects.
    Json,
}

impl Format {
    fn parse(value: Option<&str>) -> Result<Format, ApiError> {
        match value.map(str::trim) {
            None | Some("") | Some("geojson") => Ok(Format::GeoJson),
            Some("csv") => Ok(Format::Csv),
            Some("json") => Ok(Format::Json),
            Some(other) => Err(ApiError::bad_parameter(
                "format",
                format!("format « {other} » inconnu (formats : geojson, csv, json)"),
            )),
        }
    }
}

/// `GET /api/places`: the places matching the filters of `PlaceFilter` (zone, epci,
/// commune, bbox, near + radius, q, service, public, frais, programme), as GeoJSON (default)
/// or in the national standard (`format=csv`, `format=json`). Nearest first with `near`.
pub async fn list(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string())
        .map_err(|e| ApiError::bad_query(format!("chaîne de requête illisible : {e}")))?;
    let filter = PlaceFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let format = Format::parse(
        pairs
            .iter()
            .find(|(k, _)| k == "format")
            .map(|(_, v)| v.as_str()),
    )?;
    let places = store.places(&filter);
    let (content_type, body) = match format {
        Format::GeoJson => {
            let collection = geojson::FeatureCollection {
                bbox: None,
                features: places
                    .iter()
                    .map(|p| feature(p, filter.distance_km(p)))
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

/// A place as a GeoJSON Feature: the standard's fields, then what Carto82 computed
/// from the point (`insee_localise`, `commune_localisee`, `epci_siren`, `epci_nom`, `zone`),
/// and `distance_km` from the `near` point when one was given.
pub fn feature(place: &Place, distance_km: Option<f64>) -> geojson::Feature {
    let mut properties = match serde_json::to_value(&place.fiche) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let Ok(Value::Object(computed)) = serde_json::to_value(&place.localisation) {
        properties.extend(computed);
    }
    if let Some(km) = distance_km {
        properties.insert("distance_km".into(), ((km * 100.0).round() / 100.0).into());
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
