//! `ressources.geojson`: local digital resources, each at one of our places, at a point of
//! its own, or serving a commune, an EPCI or the whole département.

use std::path::Path;

use chrono::Utc;

use app::model::{Footprint, Position, Resource, ResourceProperties, ServedArea};

use super::error::DatasetError;
use super::geojson_file::RawFeature;
use super::places::{courriel_problem, locate, telephone_problem};
use super::stored::{Known, Stored};
use super::text_limits::{self, TextLimits};

const MAX_NAME: usize = 140;

fn resource(path: &Path, raw: &RawFeature, known: &Known) -> Result<Resource, Vec<DatasetError>> {
    let (territory, places) = (known.territory, &known.places);
    let properties: ResourceProperties = raw.properties(path).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    let mut fail =
        |field: &str, reason: String| problems.push(raw.error(path, Some(field), reason));

    let name_chars = properties.nom.trim().chars().count();
    if name_chars == 0 || name_chars > MAX_NAME {
        fail(
            "nom",
            format!("{name_chars} caractères ; entre 1 et {MAX_NAME} attendus"),
        );
    }
    if properties.description.trim().is_empty() {
        fail("description", "valeur vide".to_owned());
    }
    if properties.source.trim().is_empty() {
        fail("source", "la provenance de la ressource manque".to_owned());
    }
    if let Some(why) = properties.telephone.as_deref().and_then(telephone_problem) {
        fail("telephone", why);
    }
    if let Some(why) = properties.courriel.as_deref().and_then(courriel_problem) {
        fail("courriel", why);
    }
    if properties.site_web.is_none() && properties.type_ressource.is_online() {
        fail(
            "site_web",
            format!(
                "une ressource « {} » se consulte en ligne : son adresse web est obligatoire",
                properties.type_ressource
            ),
        );
    }
    if properties.date_maj > Utc::now().date_naive() {
        fail(
            "date_maj",
            format!("{} est dans le futur", properties.date_maj),
        );
    }

    let geometry = raw.feature.geometry.is_some();
    let point_only = |fail: &mut dyn FnMut(&str, String)| {
        if geometry {
            fail(
                "geometry",
                "une ressource qui dessert un lieu ou un territoire n'a pas de point à elle : null attendu"
                    .to_owned(),
            );
        }
    };
    let located = match &properties.desserte {
        ServedArea::Lieu { lieu_id } => {
            point_only(&mut fail);
            match places.get(lieu_id) {
                Some(place) => Some((
                    Some(place.position),
                    Footprint::point(&place.position, &place.location),
                    place.properties.nom.clone(),
                )),
                None => {
                    fail(
                        "desserte.lieu_id",
                        format!("aucun lieu « {lieu_id} » dans lieux.geojson"),
                    );
                    None
                }
            }
        }
        ServedArea::Point => match raw.geometry::<geo::Point<f64>>(path) {
            Ok(point) => {
                let position = Position {
                    lon: point.x(),
                    lat: point.y(),
                };
                match locate(territory, position.lon, position.lat) {
                    Some(here) => Some((
                        Some(position),
                        Footprint::point(&position, &here),
                        here.commune_localisee,
                    )),
                    None => {
                        fail(
                            "geometry",
                            format!(
                                "le point [{}, {}] n'est dans aucune commune du Tarn-et-Garonne",
                                position.lon, position.lat
                            ),
                        );
                        None
                    }
                }
            }
            Err(e) => {
                problems.push(e);
                None
            }
        },
        ServedArea::Commune { insee } => {
            point_only(&mut fail);
            match territory.commune(insee) {
                Some(commune) => Some((
                    None,
                    territory.footprint(std::iter::once(commune)),
                    commune.nom.clone(),
                )),
                None => {
                    fail(
                        "desserte.insee",
                        format!("{insee} n'est pas une commune du Tarn-et-Garonne"),
                    );
                    None
                }
            }
        }
        ServedArea::Epci { siren } => {
            point_only(&mut fail);
            match territory.epci(siren) {
                Some(epci) => Some((
                    None,
                    territory.footprint(territory.communes.iter().filter(|c| &c.epci == siren)),
                    epci.nom.clone(),
                )),
                None => {
                    fail(
                        "desserte.siren",
                        format!("{siren} n'est pas un EPCI du Tarn-et-Garonne"),
                    );
                    None
                }
            }
        }
        ServedArea::Departement => {
            point_only(&mut fail);
            Some((
                None,
                territory.footprint(territory.communes.iter()),
                "Tarn-et-Garonne".to_owned(),
            ))
        }
    };
    match located {
        Some((position, footprint, served_name)) if problems.is_empty() => Ok(Resource {
            properties,
            position,
            footprint,
            served_name,
        }),
        _ => Err(problems),
    }
}

impl Stored for Resource {
    const TEXT_LIMITS: &'static TextLimits = text_limits::RESOURCES;
    const ANOTHER: &'static str = "une autre ressource";

    fn read(path: &Path, raw: &RawFeature, known: &Known) -> Result<Self, Vec<DatasetError>> {
        resource(path, raw, known)
    }
}
