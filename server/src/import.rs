//! `carto82 import FILE.csv`: merges places published in the national standard's CSV (as the
//! national map publishes them) into `data/lieux.geojson`.
//!
//! A row is the same place as one we have when, in the same commune (INSEE code), the mean of
//! three scores reaches [`SAME_PLACE`]: name similarity, address similarity, and nearness —
//! the national pipeline's rule (../shared/notes/peers.md). A same place is merged (lists
//! united, missing values filled, the newer date kept, the row added to `sources`); another
//! is added; a row that cannot be read is refused with its reason. Nothing already in the
//! dataset is removed, and the file is replaced atomically once the result is checked.

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use geo::{Distance, Haversine, Point};
use serde::Deserialize;

use app::model::{Place, PlaceId, PlaceProperties, Record, SourceRef, fold};

use crate::dataset::places::{checked, write_atomically};
use crate::dataset::text_limits::{self, too_long};
use crate::dataset::{Dataset, DatasetErrors, LIEUX};

/// Mean score (0–100) from which two records are the same place (the national pipeline's
/// threshold across sources).
pub const SAME_PLACE: f64 = 83.0;
/// Nearness scores 100 at the same point and 0 from this distance on.
const NEARNESS_ZERO_METRES: f64 = 500.0;

/// One row of the standard's CSV, as read: every column optional, checked afterwards.
#[derive(Debug, Deserialize)]
struct Row {
    id: Option<String>,
    pivot: Option<String>,
    nom: Option<String>,
    commune: Option<String>,
    code_postal: Option<String>,
    code_insee: Option<String>,
    adresse: Option<String>,
    complement_adresse: Option<String>,
    latitude: Option<String>,
    longitude: Option<String>,
    typologie: Option<String>,
    telephone: Option<String>,
    courriels: Option<String>,
    site_web: Option<String>,
    horaires: Option<String>,
    presentation_resume: Option<String>,
    presentation_detail: Option<String>,
    source: Option<String>,
    itinerance: Option<String>,
    structure_parente: Option<String>,
    date_maj: Option<String>,
    services: Option<String>,
    publics_specifiquement_adresses: Option<String>,
    prise_en_charge_specifique: Option<String>,
    frais_a_charge: Option<String>,
    dispositif_programmes_nationaux: Option<String>,
    formations_labels: Option<String>,
    autres_formations_labels: Option<String>,
    modalites_acces: Option<String>,
    modalites_accompagnement: Option<String>,
    fiche_acces_libre: Option<String>,
    prise_rdv: Option<String>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub added: Vec<String>,
    /// (row id, id of the place it was merged into, score)
    pub merged: Vec<(String, String, f64)>,
    /// (line of the CSV, reason)
    pub refused: Vec<(usize, String)>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ajouté(s), {} fusionné(s), {} refusé(s).",
            self.added.len(),
            self.merged.len(),
            self.refused.len()
        )?;
        for id in &self.added {
            writeln!(f, "  ajouté : {id}")?;
        }
        for (row, place, score) in &self.merged {
            writeln!(
                f,
                "  fusionné : {row} → {place} (ressemblance {score:.0}/100)"
            )?;
        }
        for (line, reason) in &self.refused {
            writeln!(f, "  refusé, ligne {line} : {reason}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0} : lecture impossible : {1}")]
    Read(String, String),
    #[error("le jeu de données est invalide, rien n'a été écrit :\n{0}")]
    Dataset(#[from] DatasetErrors),
}

/// Reads `csv_file`, merges it into the dataset in `data`, writes `lieux.geojson`.
pub fn import(csv_file: &Path, data: &Path) -> Result<Report, ImportError> {
    let dataset = Dataset::load(data)?;
    let text = crate::dataset::read_text(csv_file)
        .map_err(|e| ImportError::Read(csv_file.display().to_string(), e.reason))?;
    let mut places = dataset.records.places.clone();
    let mut report = Report::default();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        // Line 1 is the header.
        let line = i + 2;
        let incoming = match row
            .map_err(|e| e.to_string())
            .and_then(|r| to_place(r, &dataset))
        {
            Ok(place) => place,
            Err(reason) => {
                report.refused.push((line, reason));
                continue;
            }
        };
        let best = places
            .iter_mut()
            .map(|p| {
                let score = similarity(p, &incoming);
                (p, score)
            })
            .filter(|(_, score)| *score >= SAME_PLACE)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((existing, score)) => {
                report
                    .merged
                    .push((incoming.id().to_string(), existing.id().to_string(), score));
                merge(existing, incoming);
            }
            None => {
                let mut place = incoming;
                place.properties.id = free_id(&place.properties.id, &places);
                report.added.push(place.id().to_string());
                places.push(place);
            }
        }
    }
    write_atomically(&data.join(LIEUX), &places, &dataset.territory)?;
    Ok(report)
}

/// Reads a row into a place, or says why it cannot be one.
fn to_place(row: Row, dataset: &Dataset) -> Result<Place, String> {
    let required = |name: &str, v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("colonne « {name} » vide"))
    };
    let id_text = required("id", &row.id)?;
    let coordinate = |name: &str, v: &Option<String>| -> Result<f64, String> {
        required(name, v)?
            .replace(',', ".")
            .parse::<f64>()
            .map_err(|_| format!("{name} illisible"))
    };
    let (lat, lon) = (
        coordinate("latitude", &row.latitude)?,
        coordinate("longitude", &row.longitude)?,
    );
    let date_maj = NaiveDate::parse_from_str(&required("date_maj", &row.date_maj)?, "%Y-%m-%d")
        .map_err(|_| "date_maj : AAAA-MM-JJ attendu".to_owned())?;
    let id = slug(&id_text);
    // The standard's own field checks (vocabularies, codes) are the loader's: build the
    // properties as JSON and deserialise them like a line of lieux.geojson.
    let multi = |v: &Option<String>| -> Vec<String> {
        v.as_deref()
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let properties = serde_json::json!({
        "id": id,
        "pivot": required("pivot", &row.pivot)?,
        "nom": required("nom", &row.nom)?,
        "commune": required("commune", &row.commune)?,
        "code_postal": required("code_postal", &row.code_postal)?,
        "code_insee": text(&row.code_insee),
        "adresse": required("adresse", &row.adresse)?,
        "complement_adresse": text(&row.complement_adresse),
        "typologie": multi(&row.typologie),
        "telephone": text(&row.telephone),
        "courriels": multi(&row.courriels),
        "site_web": multi(&row.site_web),
        "horaires": text(&row.horaires),
        "presentation_resume": text(&row.presentation_resume),
        "presentation_detail": text(&row.presentation_detail),
        "source": text(&row.source),
        "itinerance": multi(&row.itinerance),
        "structure_parente": text(&row.structure_parente),
        "date_maj": date_maj,
        "services": multi(&row.services),
        "publics_specifiquement_adresses": multi(&row.publics_specifiquement_adresses),
        "prise_en_charge_specifique": multi(&row.prise_en_charge_specifique),
        "frais_a_charge": multi(&row.frais_a_charge),
        "dispositif_programmes_nationaux": multi(&row.dispositif_programmes_nationaux),
        "formations_labels": multi(&row.formations_labels),
        "autres_formations_labels": text(&row.autres_formations_labels),
        "modalites_acces": multi(&row.modalites_acces),
        "modalites_accompagnement": multi(&row.modalites_accompagnement),
        "fiche_acces_libre": text(&row.fiche_acces_libre),
        "prise_rdv": text(&row.prise_rdv),
        "sources": [{"jeu": "import", "id": id, "id_source": id_text, "date_maj": date_maj}],
    });
    let properties = strip_empty(properties);
    // The file's rules, row by row: a bad row is refused with its reason, the others go in.
    let at = |field: &str, reason: &str| format!("« {id_text} », champ « {field} » : {reason}");
    if let Some((field, reason)) = properties
        .as_object()
        .and_then(|p| too_long(p, text_limits::PLACES).into_iter().next())
    {
        return Err(at(&field, &reason));
    }
    let properties: PlaceProperties = serde_path_to_error::deserialize(properties)
        .map_err(|e| at(&e.path().to_string(), &e.inner().to_string()))?;
    checked(properties, lon, lat, &dataset.territory).map_err(|problems| {
        problems
            .iter()
            .map(|(field, reason)| at(field, reason))
            .collect::<Vec<_>>()
            .join(" ; ")
    })
}

/// Drops nulls and empty lists, which the file format leaves out.
fn strip_empty(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .collect(),
        ),
        other => other,
    }
}

/// 0–100: how likely two records describe the same place (0 in different communes).
pub fn similarity(a: &Place, b: &Place) -> f64 {
    if a.location.insee_localise != b.location.insee_localise {
        return 0.0;
    }
    let text = |x: &str, y: &str| 100.0 * strsim::normalized_levenshtein(&fold(x), &fold(y));
    let metres = Haversine.distance(
        Point::new(a.position.lon, a.position.lat),
        Point::new(b.position.lon, b.position.lat),
    );
    let nearness = 100.0 * (1.0 - metres / NEARNESS_ZERO_METRES).max(0.0);
    (text(&a.properties.nom, &b.properties.nom)
        + text(&a.properties.adresse, &b.properties.adresse)
        + nearness)
        / 3.0
}

/// Unites `incoming` into `existing`: lists merged, missing values filled, newer date kept.
fn merge(existing: &mut Place, incoming: Place) {
    let (e, i) = (&mut existing.properties, incoming.properties);
    fn union<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
        for v in from {
            if !into.contains(&v) {
                into.push(v);
            }
        }
    }
    union(&mut e.typologie, i.typologie);
    union(&mut e.courriels, i.courriels);
    union(&mut e.site_web, i.site_web);
    union(&mut e.itinerance, i.itinerance);
    union(&mut e.services, i.services);
    union(
        &mut e.publics_specifiquement_adresses,
        i.publics_specifiquement_adresses,
    );
    union(
        &mut e.prise_en_charge_specifique,
        i.prise_en_charge_specifique,
    );
    union(&mut e.frais_a_charge, i.frais_a_charge);
    union(
        &mut e.dispositif_programmes_nationaux,
        i.dispositif_programmes_nationaux,
    );
    union(&mut e.formations_labels, i.formations_labels);
    union(&mut e.modalites_acces, i.modalites_acces);
    union(&mut e.modalites_accompagnement, i.modalites_accompagnement);
    fn fill<T>(into: &mut Option<T>, from: Option<T>) {
        if into.is_none() {
            *into = from;
        }
    }
    fill(&mut e.complement_adresse, i.complement_adresse);
    fill(&mut e.telephone, i.telephone);
    fill(&mut e.horaires, i.horaires);
    fill(&mut e.presentation_resume, i.presentation_resume);
    fill(&mut e.presentation_detail, i.presentation_detail);
    fill(&mut e.source, i.source);
    fill(&mut e.structure_parente, i.structure_parente);
    fill(&mut e.autres_formations_labels, i.autres_formations_labels);
    fill(&mut e.fiche_acces_libre, i.fiche_acces_libre);
    fill(&mut e.prise_rdv, i.prise_rdv);
    fill(&mut e.code_insee, i.code_insee);
    e.date_maj = e.date_maj.max(i.date_maj);
    let known = |s: &SourceRef| {
        e.sources
            .iter()
            .any(|k| k.id_source == s.id_source && k.jeu == s.jeu)
    };
    let new_sources: Vec<SourceRef> = i.sources.into_iter().filter(|s| !known(s)).collect();
    e.sources.extend(new_sources);
}

/// A lowercase ASCII slug of a source identifier.
fn slug(text: &str) -> String {
    let folded = fold(text).replace(' ', "-");
    let s: String = folded
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(90)
        .collect();
    if s.is_empty() {
        "lieu-importe".to_owned()
    } else {
        s
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`… if taken by another place.
fn free_id(wanted: &PlaceId, places: &[Place]) -> PlaceId {
    let taken = |id: &str| places.iter().any(|p| p.id().as_str() == id);
    if !taken(wanted.as_str()) {
        return wanted.clone();
    }
    (2..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|id| !taken(id))
        .and_then(|id| PlaceId::try_from(id).ok())
        .expect("a free id exists")
}
