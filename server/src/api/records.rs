//! Every kind of record through the same two addresses: `/api/{kind}`, the records its
//! filter chooses (a GeoJSON FeatureCollection), and `/api/{kind}/{id}`, one record (a
//! GeoJSON Feature). What differs between kinds is in [`Published`].

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use app::model::query::{Documented, FORMAT, Format};
use app::model::{
    Actor, Competence, Event, FromQuery, Insee, Place, Query, Resource, Select, Siren, Zone,
};

use super::{ApiError, GEOJSON, cache, query_of};
use crate::dataset::{Store, Stored};
use crate::standard::{self, StandardRow};

const CSV: &str = "text/csv";
const CSV_UTF8: &str = "text/csv; charset=utf-8";

/// What the API says of a kind of record.
pub trait Published: Stored {
    /// One line for the API description of its list.
    const SUMMARY: &'static str;
    /// Parameters of its list besides its filter's.
    const OTHER_PARAMETERS: &'static [&'static dyn Documented] = &[];
    /// The content types of its list besides GeoJSON (what `other_format` answers).
    const OTHER_CONTENT_TYPES: &'static [&'static str] = &[];

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
    visitor.kind::<Actor>();
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
    let paging = Paging::read(&query)?;
    let dataset = store.current();
    let make = || -> Result<(&'static str, Vec<u8>), ApiError> {
        let chosen = dataset.records.chosen::<R>(&filter);
        let total = chosen.len();
        let chosen = match &paging {
            Some(paging) => &chosen[paging.range(total)],
            None => &chosen[..],
        };
        let records: Vec<R> = chosen.iter().map(|r| (*r).clone()).collect();
        Ok(match R::other_format(&query, &records)? {
            Some(other) => other,
            None => {
                let collection = geojson::FeatureCollection {
                    bbox: None,
                    features: records
                        .iter()
                        .map(|r| feature(r, filter.distance_km(r)))
                        .collect(),
                    foreign_members: paging
                        .as_ref()
                        .map(|p| p.described(total, req.path(), req.query_string())),
                };
                let body = serde_json::to_vec(&collection).expect("GeoJSON serialises");
                (GEOJSON, body)
            }
        })
    };
    if filter.depends_on_the_clock() {
        let (content_type, body) = make()?;
        return Ok(cache::respond(&req, content_type, body.into()));
    }
    // The filter as it reads itself back, so that the same question asked in other words
    // (order, spelling of a value) finds the same answer; and the format asked.
    let canonical = filter.to_query();
    let formats: Vec<String> = url::form_urlencoded::parse(req.query_string().as_bytes())
        .filter(|(name, _)| name == "format")
        .map(|(_, value)| value.into_owned())
        .collect();
    let whole = canonical.is_empty() && formats.is_empty() && paging.is_none();
    let page = paging
        .as_ref()
        .map(|p| format!("{}/{}", p.page, p.per_page))
        .unwrap_or_default();
    let key = format!("{}?{canonical}#{}#{page}", R::KIND.name, formats.join(","));
    let ready = dataset.answers.get_or_make(key, whole, make)?;
    Ok(cache::respond_packed(
        &req,
        ready.content_type,
        &ready.packed,
    ))
}

/// A page of a list (`page`, `par_page`): a whole country's places are 20 MB at once.
struct Paging {
    page: u32,
    per_page: u32,
}

impl Paging {
    const PER_PAGE: u32 = 1000;

    /// The page asked for, if any: `par_page` alone asks for the first.
    fn read(query: &Query) -> Result<Option<Paging>, ApiError> {
        use app::model::query::{PAGE, PER_PAGE};
        Ok(match (query.one(&PAGE)?, query.one(&PER_PAGE)?) {
            (None, None) => None,
            (page, per_page) => Some(Paging {
                page: page.unwrap_or(1),
                per_page: per_page.unwrap_or(Self::PER_PAGE),
            }),
        })
    }

    /// Which of `total` records it holds (none past the last page).
    fn range(&self, total: usize) -> std::ops::Range<usize> {
        let per_page = self.per_page as usize;
        let start = (self.page as usize - 1).saturating_mul(per_page).min(total);
        start..start.saturating_add(per_page).min(total)
    }

    /// The `pagination` member of the answer: where this page is, and the next one's address.
    fn described(&self, total: usize, path: &str, query: &str) -> geojson::JsonObject {
        let pages = total.div_ceil(self.per_page as usize);
        let next = (self.page as usize) < pages;
        let next = next.then(|| {
            let mut pairs = url::form_urlencoded::Serializer::new(String::new());
            for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
                if name != "page" {
                    pairs.append_pair(&name, &value);
                }
            }
            pairs.append_pair("page", &(self.page + 1).to_string());
            format!("{path}?{}", pairs.finish())
        });
        let mut member = geojson::JsonObject::new();
        member.insert(
            "pagination".to_owned(),
            serde_json::json!({
                "page": self.page,
                "par_page": self.per_page,
                "total": total,
                "pages": pages,
                "suivante": next,
            }),
        );
        member
    }
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
    const OTHER_CONTENT_TYPES: &'static [&'static str] = &[CSV, "application/json"];

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
            /// The actor who runs it (`/api/actors/{id}`).
            #[serde(skip_serializing_if = "Option::is_none")]
            structure: Option<&'a app::model::ActorId>,
        }
        Computed {
            location: &self.location,
            structure: self.structure.as_ref(),
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
            Format::Csv => Some((CSV_UTF8, standard::to_csv(places)?)),
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

/// What Carto82 computed of an actor: all it can do, what it serves.
#[derive(Serialize)]
struct ActorComputed<'a> {
    competences_toutes: &'a [Competence],
    #[serde(flatten)]
    served: Served<'a>,
}

impl Published for Actor {
    const SUMMARY: &'static str = "Les acteurs du numérique du territoire (structures) : ce qu'ils savent faire, leurs lieux, ce qu'ils desservent ; filtrés par compétence, type, public, réseau, territoire (GeoJSON situé au premier de leurs lieux, géométrie nulle sans lieu ; ou CSV).";
    const OTHER_PARAMETERS: &'static [&'static dyn Documented] = &[&FORMAT];
    const OTHER_CONTENT_TYPES: &'static [&'static str] = &[CSV];

    fn stored(&self) -> impl Serialize + '_ {
        &self.properties
    }
    fn computed(&self) -> impl Serialize + '_ {
        ActorComputed {
            competences_toutes: &self.competences,
            served: Served {
                desserte_nom: &self.served_name,
                zones_desservies: &self.footprint.zones,
                epci_desservis: &self.footprint.epcis,
                communes_desservies: &self.footprint.communes,
            },
        }
    }

    /// `format=csv`: one row per actor, lists joined by `|` as in the national standard.
    fn other_format(
        query: &Query,
        actors: &[Actor],
    ) -> Result<Option<(&'static str, Vec<u8>)>, ApiError> {
        match query.one(&FORMAT)?.unwrap_or(Format::GeoJson) {
            Format::GeoJson => Ok(None),
            Format::Json => Err(ApiError::bad_parameter(
                "format",
                "json est le format du standard des lieux ; pour les acteurs : geojson ou csv",
            )),
            Format::Csv => {
                let body = actors_csv(actors).map_err(ApiError::internal)?;
                Ok(Some((CSV_UTF8, body)))
            }
        }
    }
}

fn actors_csv(actors: &[Actor]) -> Result<Vec<u8>, csv::Error> {
    fn joined<T: std::fmt::Display>(items: &[T]) -> String {
        items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("|")
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "id",
        "nom",
        "nom_officiel",
        "type",
        "siret",
        "siren",
        "competences",
        "publics",
        "reseaux",
        "lieux",
        "desserte",
        "site_web",
        "courriel",
        "telephone",
        "incertain",
        "source",
        "date_maj",
    ])?;
    for a in actors {
        let f = &a.properties;
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        writer.write_record([
            f.id.to_string(),
            f.nom.clone(),
            text(&f.nom_officiel),
            f.type_acteur.to_string(),
            f.siret
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            f.siren
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            joined(&a.competences),
            joined(&f.publics),
            joined(&f.reseaux),
            joined(&f.lieux),
            a.served_name.clone(),
            f.site_web
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            text(&f.courriel),
            text(&f.telephone),
            text(&f.incertain),
            f.source.clone(),
            f.date_maj.to_string(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
