//! Merging a source's rows into `data/lieux.geojson`.
//!
//! A row is the same place as one we have when it came from the same source record before
//! (its `sources`), or when, in the same commune (INSEE code), the mean of three scores
//! reaches [`SAME_PLACE`]: name similarity, address similarity, and nearness — the national
//! pipeline's rule (../shared/notes/peers.md).
//!
//! Local edits win unless the source is newer, by the standard's `date_maj`: a same place
//! whose source date is later takes the source's values, and keeps ours where the source says
//! nothing, with what only we curate (the name shown, the stops of a mobile service, the
//! reports, the sources); one whose source date is not later is left as it is, and the report
//! says so. A new place is added. A row that cannot be read is left with its reason, and so
//! is one dated in the future (it would win over every later edit). One place, one row: a
//! second row describing a place another row took is left. Nothing already in the dataset is
//! removed, and the file is replaced atomically once the result is checked, only when
//! something changed, one import at a time (a lock beside the file). A source whose rows of
//! the département are all unreadable, or that has none, is refused: its form changed, or
//! it is not the source meant.

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use geo::{Distance, Haversine, Point};

use app::model::{Place, PlaceId, PlaceProperties, Record, SourceRef, fold};

use super::rows::{Read, Row, filled};
use crate::dataset::places::{checked, write_atomically};
use crate::dataset::text_limits::{self, too_long};
use crate::dataset::{Dataset, LIEUX};

/// Mean score (0–100) from which two records are the same place (the national pipeline's
/// threshold across sources).
pub const SAME_PLACE: f64 = 83.0;
/// Nearness scores 100 at the same point and 0 from this distance on.
const NEARNESS_ZERO_METRES: f64 = 500.0;
/// Beside the places' file, held while an import reads and writes it.
const LOCK: &str = "lieux.geojson.verrou";
/// The `jeu` of the source references an import writes into `sources`.
const JEU: &str = "import";

/// What an import did, row by row.
#[derive(Debug, Default)]
pub struct Report {
    /// Ids of the places added.
    pub added: Vec<String>,
    /// Places that took the source's newer values.
    pub updated: Vec<Matched>,
    /// Rows that changed nothing, and why.
    pub left: Vec<Left>,
    /// Rows of other départements, not read further.
    pub elsewhere: usize,
}

/// A row recognised as one of our places.
#[derive(Debug)]
pub struct Matched {
    pub row: String,
    pub place: String,
    /// 100 when the row came from the same source record before.
    pub score: f64,
}

#[derive(Debug)]
pub struct Left {
    /// Where the row is (« ligne 12 », « page 2, élément 3 »).
    pub at: String,
    pub why: Why,
}

#[derive(Debug)]
pub enum Why {
    /// The row cannot be read into a place of the standard, or is outside the territory.
    Unreadable(String),
    /// The same place, but our record is as recent: local edits win.
    OursAsRecent {
        place: String,
        ours: NaiveDate,
        theirs: NaiveDate,
    },
    /// Another row of the source describes this place already.
    Twice { place: String },
}

impl Report {
    /// The reasons of the rows that could not be read, in order.
    pub fn unreadable(&self) -> Vec<&str> {
        self.left
            .iter()
            .filter_map(|l| match &l.why {
                Why::Unreadable(reason) => Some(reason.as_str()),
                Why::OursAsRecent { .. } | Why::Twice { .. } => None,
            })
            .collect()
    }

    /// How many rows went where: for the logs, `/healthz` and `/metrics`.
    pub fn summary(&self) -> Summary {
        Summary {
            added: self.added.len(),
            updated: self.updated.len(),
            left: self.left.len(),
            unreadable: self.unreadable().len(),
            elsewhere: self.elsewhere,
        }
    }
}

/// How many rows of an import went where.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub left: usize,
    /// Among the rows left.
    pub unreadable: usize,
    pub elsewhere: usize,
}

/// One line: « 1 ajouté(s), 1 mis à jour, 2 laissé(s), 2 hors du département. »
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ajouté(s), {} mis à jour, {} laissé(s), {} hors du département.",
            self.added, self.updated, self.left, self.elsewhere
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary())?;
        for id in &self.added {
            writeln!(f, "  ajouté : {id}")?;
        }
        for m in &self.updated {
            writeln!(
                f,
                "  mis à jour : {} → {} (ressemblance {:.0}/100)",
                m.row, m.place, m.score
            )?;
        }
        for left in &self.left {
            match &left.why {
                Why::Unreadable(reason) => writeln!(f, "  laissé, {} : {reason}", left.at)?,
                Why::OursAsRecent {
                    place,
                    ours,
                    theirs,
                } => writeln!(
                    f,
                    "  laissé, {} : {place} est à jour (notre fiche du {ours}, la source du {theirs})",
                    left.at
                )?,
                Why::Twice { place } => writeln!(
                    f,
                    "  laissé, {} : {place} est déjà décrit par une autre ligne de la source",
                    left.at
                )?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0} : lecture impossible : {1}")]
    Read(String, String),
    #[error("le jeu de données est invalide, rien n'a été écrit :\n{0}")]
    Dataset(#[from] crate::dataset::DatasetErrors),
    #[error("la source n'a aucun lieu du département {0} (sur {1} ligne(s)) : rien n'a été changé")]
    Empty(String, usize),
    #[error(
        "aucune des {0} ligne(s) du département n'est lisible (la première : {1}) : la source a peut-être changé de forme, rien n'a été changé"
    )]
    Unreadable(usize, String),
}

/// Merges `rows` into the dataset in `data`, and writes `lieux.geojson` if anything changed.
pub fn merge_rows(rows: Vec<Read>, data: &Path, departement: &str) -> Result<Report, ImportError> {
    // One import at a time on a folder (the server's and one typed by hand): each reads the
    // file the other wrote. Released when `_lock` is dropped, or if the process dies.
    let lock_path = data.join(LOCK);
    // Read-only when it exists: a lock left by another user (a run by hand) still locks.
    let _lock = std::fs::File::open(&lock_path)
        .or_else(|_| std::fs::File::create(&lock_path))
        .and_then(|file| file.lock().map(|()| file))
        .map_err(|e| ImportError::Read(lock_path.display().to_string(), e.to_string()))?;
    let dataset = Dataset::load(data)?;
    let total = rows.len();
    let mut report = Report::default();
    let mut incoming = Vec::new();
    for Read { at, row } in rows {
        match row {
            Ok(row) if !row.is_in(departement) => report.elsewhere += 1,
            Ok(row) => incoming.push((at, to_place(row, &dataset))),
            Err(reason) => incoming.push((at, Err(reason))),
        }
    }
    let mut places = dataset.records.places.clone();
    let (by_id, mut taken) = imported_before(&places, &incoming);
    for ((at, place), by_id) in incoming.into_iter().zip(by_id) {
        let place = match place {
            Ok(place) => place,
            Err(reason) => {
                report.left.push(Left {
                    at,
                    why: Why::Unreadable(reason),
                });
                continue;
            }
        };
        // Else the most similar place, ours or added by an earlier row.
        let target = by_id.or_else(|| {
            let best = places
                .iter()
                .enumerate()
                .map(|(i, p)| (i, similarity(p, &place)))
                .filter(|(_, score)| *score >= SAME_PLACE)
                .max_by(|a, b| a.1.total_cmp(&b.1))?;
            Some(Target::take(&mut taken, best.0, best.1))
        });
        match target {
            Some(Target::Place(i, score))
                if place.properties.date_maj > places[i].properties.date_maj =>
            {
                report.updated.push(Matched {
                    row: source_id(&place).to_owned(),
                    place: places[i].id().to_string(),
                    score,
                });
                update(&mut places[i], place);
            }
            Some(Target::Place(i, _)) => report.left.push(Left {
                at,
                why: Why::OursAsRecent {
                    place: places[i].id().to_string(),
                    ours: places[i].properties.date_maj,
                    theirs: place.properties.date_maj,
                },
            }),
            Some(Target::Taken(i)) => report.left.push(Left {
                at,
                why: Why::Twice {
                    place: places[i].id().to_string(),
                },
            }),
            None => {
                let mut place = place;
                place.properties.id = free_id(&place.properties.id, &places);
                report.added.push(place.id().to_string());
                places.push(place);
                taken.push(true);
            }
        }
    }
    let ours = total - report.elsewhere;
    if ours == 0 {
        return Err(ImportError::Empty(departement.to_owned(), total));
    }
    if let [first, ..] = report.unreadable()[..]
        && report.unreadable().len() == ours
    {
        // A source whose form changed: all its rows refused is no success.
        return Err(ImportError::Unreadable(
            ours,
            first.chars().take(300).collect(),
        ));
    }
    if !report.added.is_empty() || !report.updated.is_empty() {
        write_atomically(&data.join(LIEUX), &places, &dataset.territory)?;
    }
    Ok(report)
}

/// The row's id in its source.
fn source_id(place: &Place) -> &str {
    place
        .properties
        .sources
        .first()
        .map_or(place.id().as_str(), |s| s.id_source.as_str())
}

/// A place a row of the source describes.
#[derive(Clone, Copy)]
enum Target {
    /// This place (its index), with how sure.
    Place(usize, f64),
    /// The place another row of the source describes already.
    Taken(usize),
}

impl Target {
    /// Place `i` for this row, unless another row took it: it is taken from now on.
    fn take(taken: &mut [bool], i: usize, score: f64) -> Target {
        if std::mem::replace(&mut taken[i], true) {
            Target::Taken(i)
        } else {
            Target::Place(i, score)
        }
    }
}

/// For each row, the place it was imported into before, if any; and which places are so
/// taken. One place, one row: two rows never update it in turn.
fn imported_before(
    places: &[Place],
    incoming: &[(String, Result<Place, String>)],
) -> (Vec<Option<Target>>, Vec<bool>) {
    let mut taken = vec![false; places.len()];
    let targets = incoming
        .iter()
        .map(|(_, place)| {
            let id = source_id(place.as_ref().ok()?);
            let i = places.iter().position(|p| {
                p.properties
                    .sources
                    .iter()
                    .any(|s| s.jeu == JEU && s.id_source == id)
            })?;
            Some(Target::take(&mut taken, i, 100.0))
        })
        .collect();
    (targets, taken)
}

/// Reads a row into a place, or says why it cannot be one.
fn to_place(row: Row, dataset: &Dataset) -> Result<Place, String> {
    let required = |name: &str, v: &Option<String>| {
        filled(v)
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
    // A date to come would win over every later edit and import.
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    if date_maj > tomorrow {
        return Err(format!("date_maj {date_maj} : une date à venir"));
    }
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
    let text = |v: &Option<String>| filled(v).map(str::to_owned);
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
        "sources": [{"jeu": JEU, "id": id, "id_source": id_text, "date_maj": date_maj}],
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

/// Gives `existing` the newer values of `incoming`, keeping ours where the source says
/// nothing and what only we curate.
fn update(existing: &mut Place, incoming: Place) {
    let old = std::mem::replace(existing, incoming);
    let (e, o) = (&mut existing.properties, old.properties);
    fn keep<T: Default + PartialEq>(into: &mut T, ours: T) {
        // An absent value or an empty list: the source says nothing.
        if *into == T::default() {
            *into = ours;
        }
    }
    keep(&mut e.code_insee, o.code_insee);
    keep(&mut e.complement_adresse, o.complement_adresse);
    keep(&mut e.typologie, o.typologie);
    keep(&mut e.telephone, o.telephone);
    keep(&mut e.courriels, o.courriels);
    keep(&mut e.site_web, o.site_web);
    keep(&mut e.horaires, o.horaires);
    keep(&mut e.presentation_resume, o.presentation_resume);
    keep(&mut e.presentation_detail, o.presentation_detail);
    keep(&mut e.source, o.source);
    keep(&mut e.itinerance, o.itinerance);
    keep(&mut e.structure_parente, o.structure_parente);
    keep(&mut e.services, o.services);
    keep(
        &mut e.publics_specifiquement_adresses,
        o.publics_specifiquement_adresses,
    );
    keep(
        &mut e.prise_en_charge_specifique,
        o.prise_en_charge_specifique,
    );
    keep(&mut e.frais_a_charge, o.frais_a_charge);
    keep(
        &mut e.dispositif_programmes_nationaux,
        o.dispositif_programmes_nationaux,
    );
    keep(&mut e.formations_labels, o.formations_labels);
    keep(&mut e.autres_formations_labels, o.autres_formations_labels);
    keep(&mut e.modalites_acces, o.modalites_acces);
    keep(&mut e.modalites_accompagnement, o.modalites_accompagnement);
    keep(&mut e.fiche_acces_libre, o.fiche_acces_libre);
    keep(&mut e.prise_rdv, o.prise_rdv);
    // Ours alone: the id others link to, and what no source carries.
    e.id = o.id;
    e.nom_affiche = o.nom_affiche;
    e.signalements = o.signalements;
    e.arrets = o.arrets;
    existing.stops = old.stops;
    let new_sources: Vec<SourceRef> = std::mem::take(&mut e.sources)
        .into_iter()
        .filter(|s| {
            !o.sources
                .iter()
                .any(|k| k.id_source == s.id_source && k.jeu == s.jeu)
        })
        .collect();
    e.sources = o.sources;
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
