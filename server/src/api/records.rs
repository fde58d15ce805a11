//! Every kind of record through the same two addresses: `/api/{kind}`, the records its
//! filter chooses (a GeoJSON FeatureCollection), and `/api/{kind}/{id}`, one record (a
//! GeoJSON Feature). What differs between kinds is in [`Published`].

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use app::model::query::{Documented, FORMAT, Format};
use app::model::{Event, FromQuery, Insee, Place, Query, Resource, Select, Siren, Zone};

use super::{ApiError, GEOJSON, cache, query_of};
use crate::dataset::{Store, Stored};
use crate::standard::{self, StandardRow};

/// What the API says of a kind of record.
pub trait Published: Stored {
    /// One line for the API description of its list.
    const SUMMARY: &'static str;
    /// Parameters of its list besides its filter's.
    const OTHER_PARAMETERS: &'static [&'static dyn Documented] = &[];

    /// Its properties as stored in its file.
    fn stored(&self) -> impl Serialize + '_;
    /// What Carto82 computed of it, beside what is stored.
    fn computed(&self) -> impl Serialize + '_;

    /// Its list in another format than GeoJSON, when `query` asks for one it has.
    fn other_format(
        _query: &Query,
        _records: &[Self],
    ) -> Result<Option<(&'static str, Vec<u8>)>, ApiError> {
        Ok(None)
    }
}

/// Something done for each kind of record: registering its routes, describing them.
pub trait ForEachKind {
    fn kind<R: Published>(&mut self);
}

/// The kinds of records the API publishes; a new kind is added here.
pub fn each_kind(visitor: &mut impl ForEachKind) {
    visitor.kind::<Place>();
    visitor.kind::<Event>();
    visitor.kind::<Resource>();
}

/// The two routes of every kind.
pub fn configure(scope: actix_web::Scope) -> actix_web::Scope {
    struct Routes(Option<actix_web::Scope>);
    impl ForEachKind for Routes {
        fn kind<R: Published>(&mut self) {
            let scope = self.0.take().expect("a scope");
            self.0 = Some(
                scope
                    .route(&format!("/{}", R::KIND.name), web::get().to(list::<R>))
                    .route(
                        &format!("/{}/{{id}}", R::KIND.name),
                        web::get().to(one::<R>),
                    ),
            );
        }
    }
    let mut routes = Routes(Some(scope));
    each_kind(&mut routes);
    routes.0.expect("a scope")
}

/// `GET /api/{kind}`: the records its filter chooses, nearest first with `near`.
async fn list<R: Published>(
    req: HttpRequest,
    store: web::Data<Store>,
) -> Result<HttpResponse, ApiError> {
    let query = query_of(&req)?;
    let filter = R::Filter::read(&query)?;
    let records = store.current().records.select::<R>(&filter);
    let (content_type, body) = match R::other_format(&query, &records)? {
        Some(other) => other,
        None => {
            let collection = geojson::FeatureCollection {
                bbox: None,
                features: records
                    .iter()
                    .map(|r| feature(r, filter.distance_km(r)))
                    .collect(),
                foreign_members: None,
            };
            let body = serde_json::to_vec(&collection).expect("GeoJSON serialises");
            (GEOJSON, body)
        }
    };
    Ok(cache::respond(&req, content_type, body.into()))
}

/// `GET /api/{kind}/{id}`: one record, or a 404 that names it.
async fn one<R: Published>(
    req: HttpRequest,
    id: web::Path<String>,
    store: web::Data<Store>,
) -> Result<HttpResponse, ApiError> {
    let dataset = store.current();
    let record = dataset
        .records
        .by_text::<R>(&id)
        .ok_or_else(|| ApiError::not_found(format!("{} « {id} »", R::KIND.none)))?;
    let body = serde_json::to_vec(&feature(record, None)).expect("GeoJSON serialises");
    Ok(cache::respond(&req, GEOJSON, body.into()))
}

/// A record as a GeoJSON Feature: its stored properties, then what Carto82 computed (for a
/// point, `insee_localise`, `commune_localisee`, `epci_siren`, `epci_nom`, `zone`), and
/// `distance_km` when a `near` point was given. No point gives a null geometry.
fn feature<R: Published>(record: &R, distance_km: Option<f64>) -> geojson::Feature {
    use serde_json::{Map, Value};
    let mut properties = match serde_json::to_value(record.stored()) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let Ok(Value::Object(computed)) = serde_json::to_value(record.computed()) {
        properties.extend(computed);
    }
    if let Some(km) = distance_km {
        properties.insert("distance_km".into(), ((km * 100.0).round() / 100.0).into());
    }
    geojson::Feature {
        bbox: None,
        geometry: record
            .position()
            .map(|p| geojson::Geometry::new_point([p.lon, p.lat])),
        id: Some(geojson::feature::Id::String(record.id().to_string())),
        properties: Some(properties),
        foreign_members: None,
    }
}

impl Published for Place {
    const SUMMARY: &'static str =
        "Les lieux d'aide au numérique, filtrés : GeoJSON, ou CSV et JSON du standard national.";
    const OTHER_PARAMETERS: &'static [&'static dyn Documented] = &[&FORMAT];

    fn stored(&self) -> impl Serialize + '_ {
        &self.properties
    }
    /// Its location, and each stop's commune and point (`arrets_localises`, in the order
    /// of `arrets`).
    fn computed(&self) -> impl Serialize + '_ {
        #[derive(Serialize)]
        struct StopPoint<'a> {
            commune_localisee: &'a str,
            lon: f64,
            lat: f64,
            zone: app::model::Zone,
        }
        #[derive(Serialize)]
        struct Computed<'a> {
            #[serde(flatten)]
            location: &'a app::model::Location,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            arrets_localises: Vec<StopPoint<'a>>,
        }
        Computed {
            location: &self.location,
            arrets_localises: self
                .stops
                .iter()
                .map(|s| StopPoint {
                    commune_localisee: &s.location.commune_localisee,
                    lon: s.position.lon,
                    lat: s.position.lat,
                    zone: s.location.zone,
                })
                .collect(),
        }
    }

    /// `format=csv` and `format=json`: the national standard of mediation places.
    fn other_format(
        query: &Query,
        places: &[Place],
    ) -> Result<Option<(&'static str, Vec<u8>)>, ApiError> {
        Ok(match query.one(&FORMAT)?.unwrap_or(Format::GeoJson) {
            Format::GeoJson => None,
            Format::Csv => Some(("text/csv; charset=utf-8", standard::to_csv(places)?)),
            Format::Json => {
                let rows: Vec<StandardRow> = places.iter().map(StandardRow::from).collect();
                let body = serde_json::to_vec(&rows).expect("rows serialise");
                Some(("application/json", body))
            }
        })
    }
}

impl Published for Event {
    const SUMMARY: &'static str = "Les événements, filtrés, dans l'ordre des dates (GeoJSON).";

    fn stored(&self) -> impl Serialize + '_ {
        &self.properties
    }
    fn computed(&self) -> impl Serialize + '_ {
        &self.location
    }
}

/// What Carto82 computed of a resource: what it serves, for people and for programs.
#[derive(Serialize)]
struct Served<'a> {
    desserte_nom: &'a str,
    zones_desservies: &'a [Zone],
    epci_desservis: &'a [Siren],
    communes_desservies: &'a [Insee],
}

impl Published for Resource {
    const SUMMARY: &'static str = "Les ressources numériques locales (matériel en accès libre, wifi, prêt, vente solidaire, tutoriels, formations), filtrées (GeoJSON ; géométrie nulle pour une ressource qui dessert tout un territoire).";

    fn stored(&self) -> impl Serialize + '_ {
        &self.properties
    }
    fn computed(&self) -> impl Serialize + '_ {
        Served {
            desserte_nom: &self.served_name,
            zones_desservies: &self.footprint.zones,
            epci_desservis: &self.footprint.epcis,
            communes_desservies: &self.footprint.communes,
        }
    }
}
