//! What the dataset needs of each kind of record: its text limits, and how one feature of
//! its file is read and checked (each kind's module implements [`Stored`]). Loading a file
//! is then the same for every kind.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use app::model::{Actor, ActorId, Place, PlaceId, Record};

use super::error::{DatasetError, DatasetErrors};
use super::geojson_file::{self, RawFeature};
use super::territory::Territory;
use super::text_limits::{TextLimits, too_long};

/// What the records of a kind may refer to, once read: the territory, and the places
/// (events and resources are held in places).
pub struct Known<'a> {
    pub territory: &'a Territory,
    pub places: BTreeMap<&'a PlaceId, &'a Place>,
    /// Which actor runs each place, as the actors' file is read: a place has one.
    pub runs: RefCell<BTreeMap<PlaceId, ActorId>>,
    /// The actors, once read (events name their organiser among them).
    pub actors: BTreeMap<&'a ActorId, &'a Actor>,
}

impl<'a> Known<'a> {
    pub fn new(territory: &'a Territory, places: &'a [Place]) -> Known<'a> {
        Known {
            territory,
            places: places.iter().map(|p| (p.id(), p)).collect(),
            runs: RefCell::new(BTreeMap::new()),
            actors: BTreeMap::new(),
        }
    }

    /// The same, with the actors read.
    pub fn with_actors(mut self, actors: &'a [Actor]) -> Known<'a> {
        self.actors = actors.iter().map(|a| (a.id(), a)).collect();
        self
    }
}

pub trait Stored: Record {
    /// The longest text of each field (data/README.md lists them).
    const TEXT_LIMITS: &'static TextLimits;
    /// Who already has an id, in the error for a second record with it ("un autre lieu").
    const ANOTHER: &'static str;

    /// One feature of the file, checked, with what the server computes of it; or every
    /// problem, located.
    fn read(path: &Path, raw: &RawFeature, known: &Known) -> Result<Self, Vec<DatasetError>>;

    /// The order the dataset keeps: by id.
    fn sort(records: &mut [Self]) {
        records.sort_by(|a, b| a.id().cmp(b.id()));
    }
}

/// The records of kind `R` in the data folder `dir`. A kind whose file is required must
/// have at least one record: an emptied file should not empty the map.
pub fn load<R: Stored>(dir: &Path, known: &Known) -> Result<Vec<R>, DatasetErrors> {
    let path = dir.join(R::KIND.file);
    if R::KIND.optional && !path.exists() {
        return Ok(Vec::new());
    }
    load_file(&path, known)
}

/// The records of kind `R` in the file `path` (the kind's file, or a new version of it
/// being checked before it replaces the old one).
pub fn load_file<R: Stored>(path: &Path, known: &Known) -> Result<Vec<R>, DatasetErrors> {
    let mut records = geojson_file::read_records(
        path,
        R::ANOTHER,
        R::TEXT_LIMITS,
        |r: &R| r.id().clone(),
        |raw| R::read(path, raw, known),
    )?;
    if records.is_empty() && !R::KIND.optional {
        return Err(DatasetError::file(
            path,
            format!(
                "{} : ce fichier ne peut pas être vide (vidé par erreur ?) ; la carte n'est pas servie sans lui",
                R::KIND.none
            ),
        )
        .into());
    }
    R::sort(&mut records);
    Ok(records)
}

/// One record of kind `R` given as a GeoJSON feature (a structure's proposal), checked by
/// the same rules as its file: the text limits, then the kind's own checks against what is
/// `known`. Errors name the field; their file is `source`, a name for where it came from.
pub fn check_feature<R: Stored>(
    source: &Path,
    feature: geojson::Feature,
    known: &Known,
) -> Result<R, Vec<DatasetError>> {
    let id = feature
        .properties
        .as_ref()
        .and_then(|p| p.get("id"))
        .and_then(|id| id.as_str())
        .map(str::to_owned);
    let mut problems: Vec<DatasetError> = feature
        .properties
        .as_ref()
        .map(|p| too_long(p, R::TEXT_LIMITS))
        .unwrap_or_default()
        .into_iter()
        .map(|(field, reason)| {
            DatasetError::feature(source, 0, id.as_deref(), Some(&field), reason)
        })
        .collect();
    let raw = RawFeature {
        index: 0,
        id,
        feature,
    };
    match R::read(source, &raw, known) {
        Ok(record) if problems.is_empty() => Ok(record),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}
