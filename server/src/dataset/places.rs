//! `lieux.geojson`: mediation places in the national standard's field names, located in
//! their commune, EPCI and zone by their point.

use std::path::Path;

use chrono::Utc;

use app::model::stop::LocatedStop;
use app::model::{Location, Place, PlaceProperties, Position, Record};

use super::error::{DatasetError, DatasetErrors};
use super::geojson_file::RawFeature;
use super::stored::{Known, Stored, load_file};
use super::territory::Territory;
use super::text_limits::{self, TextLimits};

const TELEPHONE_PREFIXES: [&str; 10] = [
    "+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681",
];

fn place(path: &Path, raw: &RawFeature, territory: &Territory) -> Result<Place, Vec<DatasetError>> {
    let properties: PlaceProperties = raw.properties(path).map_err(|e| vec![e])?;
    let point: geo::Point<f64> = raw.geometry(path).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    if let Some(geojson::feature::Id::String(id)) = &raw.feature.id
        && id != properties.id.as_str()
    {
        problems.push(raw.error(
            path,
            Some("id"),
            format!("l'id de l'entité (« {id} ») diffère de properties.id"),
        ));
    }
    match checked(properties, point.x(), point.y(), territory) {
        Ok(place) if problems.is_empty() => Ok(place),
        Ok(_) => Err(problems),
        Err(found) => {
            problems.extend(
                found
                    .into_iter()
                    .map(|(field, reason)| raw.error(path, Some(&field), reason)),
            );
            Err(problems)
        }
    }
}

/// The rules of a place beyond its fields' types, located in the département by its point:
/// the place, or each field at fault and why. The file and `carto82 import` both use them.
pub fn checked(
    properties: PlaceProperties,
    lon: f64,
    lat: f64,
    territory: &Territory,
) -> Result<Place, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let mut fail = |field: &str, reason: String| problems.push((field.to_owned(), reason));
    if !(9..=14).contains(&properties.pivot.len())
        || !properties.pivot.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        fail(
            "pivot",
            format!(
                "« {} » : 9 à 14 lettres ou chiffres attendus (SIRET ou RNA)",
                properties.pivot
            ),
        );
    }
    for (field, value) in [
        ("nom", Some(&properties.nom)),
        ("nom_affiche", properties.nom_affiche.as_ref()),
        ("commune", Some(&properties.commune)),
        ("adresse", Some(&properties.adresse)),
    ] {
        if value.is_some_and(|v| v.trim().is_empty()) {
            fail(field, "valeur vide".to_owned());
        }
    }
    if let Some(why) = properties.telephone.as_deref().and_then(telephone_problem) {
        fail("telephone", why);
    }
    if let Some(hours) = &properties.horaires
        && let Err(reason) = app::model::hours::check(hours)
    {
        fail(
            "horaires",
            format!("« {hours} » n'est pas au format OSM opening_hours : {reason}"),
        );
    }
    if properties.services.is_empty() {
        fail("services", "au moins un service attendu".to_owned());
    }
    if properties.sources.is_empty() {
        fail("sources", "la provenance du lieu manque".to_owned());
    }
    if properties.date_maj > Utc::now().date_naive() {
        fail(
            "date_maj",
            format!("{} est dans le futur", properties.date_maj),
        );
    }
    if let Some(insee) = &properties.code_insee
        && territory.commune(insee).is_none()
    {
        fail(
            "code_insee",
            format!("{insee} n'est pas une commune du Tarn-et-Garonne"),
        );
    }
    let mut stops = Vec::new();
    for (i, stop) in properties.arrets.iter().enumerate() {
        let at = |part: &str| format!("arrets[{i}].{part}");
        match territory.commune(&stop.commune) {
            Some(commune) => {
                let (lon, lat) = (commune.label.lon, commune.label.lat);
                if let Some(location) = locate(territory, lon, lat) {
                    stops.push(LocatedStop {
                        stop: stop.clone(),
                        position: Position { lon, lat },
                        location,
                    });
                }
            }
            None => fail(
                &at("commune"),
                format!("{} n'est pas une commune du Tarn-et-Garonne", stop.commune),
            ),
        }
        if let Err(reason) =
            app::model::hours::check(&format!("{} {}", stop.jour.osm(), stop.horaires))
        {
            fail(
                &at("horaires"),
                format!(
                    "« {} » : des heures comme 09:30-12:00,13:30-16:00 sont attendues ({reason})",
                    stop.horaires
                ),
            );
        }
    }
    let Some(location) = locate(territory, lon, lat) else {
        fail(
            "geometry",
            format!("le point [{lon}, {lat}] n'est dans aucune commune du Tarn-et-Garonne"),
        );
        return Err(problems);
    };
    if problems.is_empty() {
        Ok(Place {
            properties,
            position: Position { lon, lat },
            location,
            stops,
            structure: None,
            competences: Vec::new(),
        })
    } else {
        Err(problems)
    }
}

/// Why `phone` does not follow the standard's telephone pattern, when it does not.
pub fn telephone_problem(phone: &str) -> Option<String> {
    (!valid_telephone(phone))
        .then(|| format!("« {phone} » : format international attendu, par exemple +33563000000"))
}

/// Why `mail` is not an e-mail address, when it is not: the same check as a resident's
/// address in a report (RFC 5322, by `email_address`).
pub fn courriel_problem(mail: &str) -> Option<String> {
    (!email_address::EmailAddress::is_valid(mail))
        .then(|| format!("« {mail} » n'est pas une adresse de courriel"))
}

/// The standard's telephone pattern: an international prefix of France and 6 to 9 digits.
fn valid_telephone(phone: &str) -> bool {
    TELEPHONE_PREFIXES.iter().any(|prefix| {
        phone.strip_prefix(prefix).is_some_and(|rest| {
            (6..=9).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// Commune, EPCI and zone of a point, if it is in the département.
pub fn locate(territory: &Territory, lon: f64, lat: f64) -> Option<Location> {
    let commune = territory.locate(lon, lat)?;
    Some(Location {
        insee_localise: commune.insee.clone(),
        commune_localisee: commune.nom.clone(),
        epci_siren: commune.epci.clone(),
        epci_nom: territory
            .epci(&commune.epci)
            .map(|e| e.nom.clone())
            .unwrap_or_default(),
        zone: commune.zone,
    })
}

/// The places as `lieux.geojson` stores them: properties of the standard, point geometry,
/// sorted by id, one-space indentation like the file in the repository.
pub fn to_file_text(places: &[Place]) -> String {
    let mut sorted: Vec<&Place> = places.iter().collect();
    sorted.sort_by(|a, b| a.id().cmp(b.id()));
    let features: Vec<serde_json::Value> = sorted
        .iter()
        .map(|p| {
            serde_json::json!({
                "type": "Feature",
                "id": p.id().as_str(),
                "geometry": {"type": "Point", "coordinates": [p.position.lon, p.position.lat]},
                "properties": p.properties,
            })
        })
        .collect();
    let doc =
        serde_json::json!({"type": "FeatureCollection", "name": "lieux-82", "features": features});
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b" "),
    );
    serde::Serialize::serialize(&doc, &mut serializer).expect("JSON serialises");
    String::from_utf8(out).expect("UTF-8") + "\n"
}

/// Replaces `path` with `places`, or changes nothing: the new file is written beside the
/// old one, loaded and checked like any dataset file, and only then renamed over it (an
/// atomic step on one file system).
pub fn write_atomically(
    path: &Path,
    places: &[Place],
    territory: &Territory,
) -> Result<(), DatasetErrors> {
    let temporary = path.with_extension("geojson.tmp");
    let result = std::fs::write(&temporary, to_file_text(places))
        .map_err(|e| DatasetError::file(&temporary, format!("écriture impossible : {e}")).into())
        .and_then(|()| load_file::<Place>(&temporary, &Known::new(territory, &[])).map(|_| ()))
        .and_then(|()| {
            std::fs::rename(&temporary, path).map_err(|e| {
                DatasetError::file(path, format!("remplacement impossible : {e}")).into()
            })
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

impl Stored for Place {
    const TEXT_LIMITS: &'static TextLimits = text_limits::PLACES;
    const ANOTHER: &'static str = "un autre lieu";

    fn read(path: &Path, raw: &RawFeature, known: &Known) -> Result<Self, Vec<DatasetError>> {
        place(path, raw, known.territory)
    }
}
