//! `acteurs.geojson`: the structures behind the places (issue 15). An actor names the places
//! it runs; its communes, point and competences follow from them and from the territory it
//! declares serving.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::Utc;

use app::model::actor::{ServedTerritory, siren_key_is_valid};
use app::model::{Actor, ActorProperties, Competence, Footprint};

use super::error::DatasetError;
use super::geojson_file::RawFeature;
use super::places::{courriel_problem, telephone_problem};
use super::stored::{Known, Stored};
use super::territory::Commune;
use super::text_limits::{self, TextLimits};

fn actor(path: &Path, raw: &RawFeature, known: &Known) -> Result<Actor, Vec<DatasetError>> {
    let territory = known.territory;
    let properties: ActorProperties = raw.properties(path).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    let mut fail =
        |field: &str, reason: String| problems.push(raw.error(path, Some(field), reason));

    if properties.nom.trim().is_empty() {
        fail("nom", "valeur vide".to_owned());
    }
    if properties.source.trim().is_empty() {
        fail("source", "la provenance de l'acteur manque".to_owned());
    }
    if raw.feature.geometry.is_some() {
        fail(
            "geometry",
            "un acteur est situé par ses lieux : null attendu".to_owned(),
        );
    }
    if let Some(siren) = &properties.siren
        && !siren_key_is_valid(siren)
    {
        fail(
            "siren",
            format!("« {siren} » : la clé du numéro SIREN est fausse (une erreur de frappe ?)"),
        );
    }
    if let (Some(siret), Some(siren)) = (&properties.siret, &properties.siren)
        && siret.siren() != siren.as_str()
    {
        fail(
            "siret",
            format!("{siret} ne commence pas par le SIREN de l'acteur, {siren}"),
        );
    }
    if let Some(why) = properties.telephone.as_deref().and_then(telephone_problem) {
        fail("telephone", why);
    }
    if let Some(why) = properties.courriel.as_deref().and_then(courriel_problem) {
        fail("courriel", why);
    }
    if properties.date_maj > Utc::now().date_naive() {
        fail(
            "date_maj",
            format!("{} est dans le futur", properties.date_maj),
        );
    }
    if properties.lieux.is_empty() && properties.territoire.is_empty() {
        fail(
            "lieux",
            "un acteur tient au moins un lieu ou dessert un territoire (territoire)".to_owned(),
        );
    }

    let mut places = Vec::new();
    for (i, id) in properties.lieux.iter().enumerate() {
        let field = format!("lieux[{i}]");
        match known.places.get(id) {
            Some(place) => places.push(*place),
            None => fail(&field, format!("aucun lieu « {id} » dans lieux.geojson")),
        }
        let mut runs = known.runs.borrow_mut();
        match runs.get(id) {
            Some(other) => fail(
                &field,
                format!(
                    "le lieu « {id} » est déjà tenu par l'acteur « {other} » : un lieu a un seul acteur"
                ),
            ),
            None => {
                runs.insert(id.clone(), properties.id.clone());
            }
        }
    }
    let mut served: Vec<&Commune> = Vec::new();
    let mut served_names = Vec::new();
    for (i, area) in properties.territoire.iter().enumerate() {
        let field = format!("territoire[{i}]");
        match area {
            ServedTerritory::Commune { insee } => match territory.commune(insee) {
                Some(c) => {
                    served.push(c);
                    served_names.push(c.nom.clone());
                }
                None => fail(
                    &field,
                    format!("{insee} n'est pas une commune du Tarn-et-Garonne"),
                ),
            },
            ServedTerritory::Epci { siren } => match territory.epci(siren) {
                Some(epci) => {
                    served.extend(territory.communes.iter().filter(|c| &c.epci == siren));
                    served_names.push(epci.nom.clone());
                }
                None => fail(
                    &field,
                    format!("{siren} n'est pas un EPCI du Tarn-et-Garonne"),
                ),
            },
            ServedTerritory::Zone { zone } => {
                served.extend(territory.communes.iter().filter(|c| c.zone == *zone));
                served_names.push(format!("zone {zone}"));
            }
            ServedTerritory::Departement => {
                served.extend(territory.communes.iter());
                served_names.push("Tarn-et-Garonne".to_owned());
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let place_communes = places
        .iter()
        .filter_map(|p| territory.commune(&p.location.insee_localise));
    let all: Vec<&Commune> = served.iter().copied().chain(place_communes).collect();
    let footprint = if all.is_empty() {
        // Places outside any commune cannot be: places are located at load.
        Footprint::point(&places[0].position, &places[0].location)
    } else {
        territory.footprint(all.iter().copied())
    };
    let served_points = served
        .iter()
        .map(|c| app::model::Position {
            lon: c.label.lon,
            lat: c.label.lat,
        })
        .collect();
    let competences: BTreeSet<Competence> = properties
        .competences
        .iter()
        .copied()
        .chain(
            places
                .iter()
                .flat_map(|p| p.properties.services.iter().map(|s| Competence::from(*s))),
        )
        .collect();
    let served_name = if served_names.is_empty() {
        let communes: BTreeSet<&str> = places
            .iter()
            .map(|p| p.location.commune_localisee.as_str())
            .collect();
        communes.into_iter().collect::<Vec<_>>().join(", ")
    } else {
        served_names.join(", ")
    };
    Ok(Actor {
        position: places.first().map(|p| p.position),
        points: places.iter().map(|p| p.position).collect(),
        footprint,
        competences: competences.into_iter().collect(),
        served_points,
        served_name,
        properties,
    })
}

impl Stored for Actor {
    const TEXT_LIMITS: &'static TextLimits = text_limits::ACTORS;
    const ANOTHER: &'static str = "un autre acteur";

    fn read(path: &Path, raw: &RawFeature, known: &Known) -> Result<Self, Vec<DatasetError>> {
        actor(path, raw, known)
    }
}
