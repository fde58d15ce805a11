//! Reading a GeoJSON FeatureCollection file feature by feature, so that one bad feature is
//! reported with its index, id and field while the others are still checked.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::data_dir::read_text;
use super::error::{DatasetError, DatasetErrors};
use super::text_limits::{TextLimits, too_long};

pub struct RawFeature {
    pub index: usize,
    /// The feature's `id`, or failing that its `properties.id`, for error messages.
    pub id: Option<String>,
    pub feature: geojson::Feature,
}

/// Reads `path` as a FeatureCollection. File-level problems (missing, not JSON, not a
/// FeatureCollection) stop here; malformed features, and texts longer than `limits` allow,
/// are collected into `problems`.
pub fn read(
    path: &Path,
    limits: &TextLimits,
    problems: &mut Vec<DatasetError>,
) -> Result<Vec<RawFeature>, DatasetErrors> {
    let text = read_text(path)?;
    let mut root: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        DatasetError::file(
            path,
            format!("JSON invalide : {}", in_french(&e.to_string())),
        )
    })?;
    if root.get("type").and_then(|t| t.as_str()) != Some("FeatureCollection") {
        return Err(DatasetError::file(
            path,
            "ce n'est pas une FeatureCollection GeoJSON (membre « type » attendu : \"FeatureCollection\")",
        )
        .into());
    }
    let Some(values) = root.get_mut("features").and_then(|f| f.as_array_mut()) else {
        return Err(DatasetError::file(path, "le membre « features » (tableau) manque").into());
    };
    // Each feature on its own, on every core; problems come back in the file's order.
    use rayon::prelude::*;
    let read: Vec<(Option<RawFeature>, Vec<DatasetError>)> = values
        .par_iter_mut()
        .enumerate()
        .map(|(index, value)| feature(path, limits, index, value.take()))
        .collect();
    let mut features = Vec::with_capacity(read.len());
    for (feature, mut found) in read {
        problems.append(&mut found);
        features.extend(feature);
    }
    Ok(features)
}

/// The feature at `index` of `path`, and the problems of its texts or of its form.
fn feature(
    path: &Path,
    limits: &TextLimits,
    index: usize,
    value: serde_json::Value,
) -> (Option<RawFeature>, Vec<DatasetError>) {
    let id = value
        .get("id")
        .or_else(|| value.get("properties").and_then(|p| p.get("id")))
        .and_then(|id| match id {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
    let mut problems = Vec::new();
    if let Some(properties) = value.get("properties").and_then(|p| p.as_object()) {
        for (field, reason) in too_long(properties, limits) {
            problems.push(DatasetError::feature(
                path,
                index,
                id.as_deref(),
                Some(&field),
                reason,
            ));
        }
    }
    match serde_json::from_value::<geojson::Feature>(value) {
        Ok(feature) => (Some(RawFeature { index, id, feature }), problems),
        Err(e) => {
            let reason = e.to_string();
            let (field, reason) = if reason.contains("coordinate") {
                (
                    Some("geometry.coordinates"),
                    "les coordonnées sont des nombres [longitude, latitude], sans guillemets (par exemple [1.3545, 44.0176])".to_owned(),
                )
            } else {
                (
                    None,
                    format!("entité GeoJSON invalide : {}", in_french(&reason)),
                )
            };
            problems.push(DatasetError::feature(
                path,
                index,
                id.as_deref(),
                field,
                reason,
            ));
            (None, problems)
        }
    }
}

impl RawFeature {
    pub fn error(
        &self,
        path: &Path,
        field: Option<&str>,
        reason: impl Into<String>,
    ) -> DatasetError {
        DatasetError::feature(path, self.index, self.id.as_deref(), field, reason)
    }

    /// Deserialises the properties into `T`, naming the offending field on failure.
    pub fn properties<T: DeserializeOwned>(&self, path: &Path) -> Result<T, DatasetError> {
        let none = serde_json::Map::new();
        let properties = self.feature.properties.as_ref().unwrap_or(&none);
        serde_path_to_error::deserialize(properties).map_err(|e| {
            let at = e.path().to_string();
            let reason = e.into_inner().to_string();
            // serde reports a missing key at its parent: name the key itself.
            let key = ["missing field `", "unknown field `"]
                .iter()
                .find_map(|prefix| reason.strip_prefix(prefix))
                .and_then(|rest| rest.split('`').next());
            let field = match (at.as_str(), key) {
                (".", Some(key)) => Some(key.to_owned()),
                (".", None) => None,
                (at, Some(key)) if !at.ends_with(key) => Some(format!("{at}.{key}")),
                (at, _) => Some(at.to_owned()),
            };
            self.error(path, field.as_deref(), in_french(&reason))
        })
    }

    pub fn geometry<G>(&self, path: &Path) -> Result<G, DatasetError>
    where
        G: TryFrom<geojson::Geometry, Error = geojson::Error>,
    {
        let geometry = self
            .feature
            .geometry
            .clone()
            .ok_or_else(|| self.error(path, Some("geometry"), "géométrie absente"))?;
        G::try_from(geometry).map_err(|e| self.error(path, Some("geometry"), e.to_string()))
    }
}

/// serde's and chrono's messages for the common cases, in the words of the rest of the tool.
fn in_french(reason: &str) -> String {
    let quoted = |s: &str| s.replace('`', "");
    // chrono's own words, for a date or a date and time that cannot be read.
    const DATE_ERRORS: [&str; 6] = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "no possible date and time matching input",
        "input is not enough for unique date and time",
    ];
    if DATE_ERRORS.iter().any(|e| reason.starts_with(e)) {
        return "date illisible : AAAA-MM-JJ attendue (par exemple 2026-04-14), ou pour une date et une heure AAAA-MM-JJTHH:MM:SS+02:00 (heure de Paris)".to_owned();
    }
    if let Some(rest) = reason.strip_prefix("expected value at line ") {
        return format!("une valeur JSON est attendue ligne {rest}");
    }
    if let Some(rest) = reason.strip_prefix("EOF while parsing") {
        return format!("fichier incomplet (il se termine trop tôt){rest}");
    }
    if let Some(rest) = reason.strip_prefix("unknown variant `")
        && let Some((value, allowed)) = rest.split_once("`, expected one of ")
    {
        return format!(
            "valeur « {value} » inconnue ; valeurs possibles : {}",
            quoted(allowed)
        );
    }
    if let Some(rest) = reason.strip_prefix("unknown field `")
        && let Some((field, _)) = rest.split_once('`')
    {
        return format!("champ « {field} » inconnu du standard (faute de frappe ?)");
    }
    if let Some(rest) = reason.strip_prefix("missing field `") {
        return format!(
            "champ obligatoire « {} » absent",
            rest.trim_end_matches('`')
        );
    }
    if let Some(rest) = reason.strip_prefix("invalid type: ") {
        return format!(
            "type invalide : {}",
            quoted(rest).replace(", expected ", " au lieu de ")
        );
    }
    reason.to_owned()
}

/// Reads every feature of `path` into a record with `build`, refusing a second record with
/// the same id; all problems of all features are reported together.
pub fn read_records<T, Id: Ord + std::fmt::Display>(
    path: &Path,
    what: &str,
    limits: &TextLimits,
    id_of: impl Fn(&T) -> Id,
    mut build: impl FnMut(&RawFeature) -> Result<T, Vec<DatasetError>>,
) -> Result<Vec<T>, DatasetErrors> {
    let mut problems = Vec::new();
    let features = read(path, limits, &mut problems)?;
    let mut records = Vec::with_capacity(features.len());
    let mut ids = std::collections::BTreeSet::new();
    for raw in &features {
        match build(raw) {
            Ok(record) => {
                let id = id_of(&record);
                if ids.contains(&id) {
                    problems.push(raw.error(
                        path,
                        Some("id"),
                        format!("identifiant « {id} » déjà utilisé par {what}"),
                    ));
                } else {
                    ids.insert(id);
                    records.push(record);
                }
            }
            Err(mut errors) => problems.append(&mut errors),
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(DatasetErrors(problems))
    }
}
