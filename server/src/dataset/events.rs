//! `evenements.geojson`: the events of the programme, each at a point of the département,
//! usually one of our places.

use std::path::Path;

use chrono::{Datelike, Offset, TimeZone};
use chrono_tz::Europe::Paris;
use geo::{Distance, Haversine, Point};

use app::model::{Event, EventProperties, Inscription, Position, Record};

use super::error::DatasetError;
use super::geojson_file::RawFeature;
use super::places::{locate, telephone_problem};
use super::stored::{Known, Stored};
use super::text_limits::{self, TextLimits};

/// Farther than this from its place, an event's point is taken for a mistake.
const MAX_METRES_FROM_PLACE: f64 = 200.0;
const MAX_TITLE: usize = 140;
const MAX_SUMMARY: usize = 200;

fn event(path: &Path, raw: &RawFeature, known: &Known) -> Result<Event, Vec<DatasetError>> {
    let (territory, places) = (known.territory, &known.places);
    let properties: EventProperties = raw.properties(path).map_err(|e| vec![e])?;
    let point: geo::Point<f64> = raw.geometry(path).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    let mut fail =
        |field: &str, reason: String| problems.push(raw.error(path, Some(field), reason));

    for (field, value, max) in [
        ("titre", &properties.titre, MAX_TITLE),
        ("resume", &properties.resume, MAX_SUMMARY),
    ] {
        let n = value.chars().count();
        if n == 0 || n > max {
            fail(field, format!("{n} caractères ; entre 1 et {max} attendus"));
        }
    }
    for (field, value) in [
        ("lieu_nom", &properties.lieu_nom),
        ("adresse", &properties.adresse),
        ("commune", &properties.commune),
        ("organisateur", &properties.organisateur),
        ("public", &properties.public),
        ("prix", &properties.prix),
    ] {
        if value.trim().is_empty() {
            fail(field, "valeur vide".to_owned());
        }
    }
    if properties.creneaux.is_empty() {
        fail("creneaux", "au moins un créneau attendu".to_owned());
    }
    for (i, slot) in properties.creneaux.iter().enumerate() {
        let field = format!("creneaux[{i}]");
        if slot.fin <= slot.debut {
            fail(
                &field,
                format!(
                    "la fin ({}) n'est pas après le début ({})",
                    slot.fin, slot.debut
                ),
            );
        }
        for (end, at) in [("debut", slot.debut), ("fin", slot.fin)] {
            let paris = Paris.offset_from_utc_datetime(&at.naive_utc()).fix();
            if *at.offset() != paris {
                fail(
                    &format!("{field}.{end}"),
                    format!(
                        "{at} : décalage {} au lieu de {paris} (heure de Paris à cette date)",
                        at.offset()
                    ),
                );
            }
        }
        if i32::from(properties.edition) != slot.debut.date_naive().year() {
            fail(
                "edition",
                format!(
                    "édition {} mais créneau le {}",
                    properties.edition,
                    slot.debut.date_naive()
                ),
            );
        }
    }
    if let Inscription::Obligatoire {
        lien,
        telephone,
        courriel,
    } = &properties.inscription
    {
        if lien.is_none() && telephone.is_none() && courriel.is_none() {
            fail(
                "inscription",
                "inscription obligatoire : donnez un lien, un téléphone ou un courriel".to_owned(),
            );
        }
        if let Some(why) = telephone.as_deref().and_then(telephone_problem) {
            fail("inscription.telephone", why);
        }
    }
    if let Some(id) = &properties.organisateur_id
        && !known.actors.contains_key(id)
    {
        fail(
            "organisateur_id",
            format!("aucun acteur « {id} » dans acteurs.geojson"),
        );
    }
    if let Some(id) = &properties.lieu_id {
        match places.get(id) {
            None => fail("lieu_id", format!("aucun lieu « {id} » dans lieux.geojson")),
            Some(place) => {
                let metres =
                    Haversine.distance(point, Point::new(place.position.lon, place.position.lat));
                if metres > MAX_METRES_FROM_PLACE {
                    fail(
                        "geometry",
                        format!("à {metres:.0} m du lieu « {id} » ; le point du lieu est attendu"),
                    );
                }
            }
        }
    }
    let (lon, lat) = (point.x(), point.y());
    let location = locate(territory, lon, lat).ok_or_else(|| {
        format!("le point [{lon}, {lat}] n'est dans aucune commune du Tarn-et-Garonne")
    });
    match location {
        Ok(location) if problems.is_empty() => Ok(Event {
            properties,
            position: Position { lon, lat },
            location,
        }),
        Ok(_) => Err(problems),
        Err(reason) => {
            problems.push(raw.error(path, Some("geometry"), reason));
            Err(problems)
        }
    }
}

impl Stored for Event {
    const TEXT_LIMITS: &'static TextLimits = text_limits::EVENTS;
    const ANOTHER: &'static str = "un autre événement";

    fn read(path: &Path, raw: &RawFeature, known: &Known) -> Result<Self, Vec<DatasetError>> {
        event(path, raw, known)
    }

    /// By start, then id.
    fn sort(records: &mut [Self]) {
        records.sort_by_key(|e| (e.debut(), e.id().clone()));
    }
}
