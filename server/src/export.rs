//! `carto82 exporter DOSSIER`: the whole published state as a data folder of the same
//! format, to validate, version and publish as open data: the curated folder, with the
//! events published from contributions added to its events file, the places and structures
//! published (new or updated) in their files, exactly those the server serves. Written beside the target and moved into place only once it loads, so a folder
//! half-written is never left under the target's name.

use std::fs;
use std::path::{Path, PathBuf};

use app::model::Event;

use crate::dataset::{ACTEURS, Dataset, EVENEMENTS, LIEUX, LoadOptions, Published, places};

/// What was written.
#[derive(Debug, PartialEq)]
pub struct Exported {
    pub events: usize,
    pub contributed: usize,
    /// Places new or corrected from contributions.
    pub places: usize,
    /// Structures new or updated from contributions.
    pub actors: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} : ce dossier existe et n'est pas vide ; choisissez un dossier neuf")]
    NotEmpty(PathBuf),
    #[error("{dir} : jeu de données invalide, rien n'est exporté :\n{problems}")]
    Invalid { dir: PathBuf, problems: String },
    #[error("{path} : {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} : {message}")]
    Format { path: PathBuf, message: String },
}

fn invalid(dir: &Path) -> impl FnOnce(crate::dataset::DatasetErrors) -> ExportError + '_ {
    move |problems| ExportError::Invalid {
        dir: dir.to_owned(),
        problems: problems.to_string(),
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes into `out` the folder `data` with the `published` contributions the server would
/// serve with it.
pub fn export(data: &Path, published: &Published, out: &Path) -> Result<Exported, ExportError> {
    if fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(ExportError::NotEmpty(out.to_owned()));
    }
    let curated = Dataset::load(data).map_err(invalid(data))?;
    let served =
        Dataset::load_with(data, LoadOptions::default(), published).map_err(invalid(data))?;
    // Those the server keeps: new identifiers, each once, that pass the data's rules.
    let mut added: Vec<&serde_json::Value> = Vec::new();
    for feature in &published.events {
        let Some(id) = feature["properties"]["id"].as_str() else {
            continue;
        };
        let taken = added
            .iter()
            .any(|f| f["properties"]["id"].as_str() == Some(id));
        if !taken
            && curated.records.by_text::<Event>(id).is_none()
            && served.records.by_text::<Event>(id).is_some()
        {
            added.push(feature);
        }
    }

    let name = out
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let staging = out.with_file_name(format!(".{name}.en-cours"));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    copy_dir(data, &staging)?;
    let events = staging.join(EVENEMENTS);
    let text = fs::read(&events).map_err(io(&events))?;
    let mut collection: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| ExportError::Format {
            path: events.clone(),
            message: e.to_string(),
        })?;
    let Some(features) = collection["features"].as_array_mut() else {
        return Err(ExportError::Format {
            path: events,
            message: "pas de liste « features »".to_owned(),
        });
    };
    features.extend(added.iter().map(|f| (*f).clone()));
    let written = serde_json::to_vec_pretty(&collection).map_err(|e| ExportError::Format {
        path: events.clone(),
        message: e.to_string(),
    })?;
    fs::write(&events, written).map_err(io(&events))?;
    // The places as the server serves them, when contributions changed them.
    if !published.places.is_empty() {
        let path = staging.join(LIEUX);
        fs::write(&path, places::to_file_text(&served.records.places)).map_err(io(&path))?;
    }
    if !published.actors.is_empty() {
        let path = staging.join(ACTEURS);
        let features: Vec<serde_json::Value> = served
            .records
            .actors
            .iter()
            .map(|a| serde_json::json!({"type": "Feature", "geometry": null, "properties": a.properties}))
            .collect();
        let text = serde_json::to_vec_pretty(
            &serde_json::json!({"type": "FeatureCollection", "features": features}),
        )
        .map_err(|e| ExportError::Format {
            path: path.clone(),
            message: e.to_string(),
        })?;
        fs::write(&path, text).map_err(io(&path))?;
    }

    // The folder written must be the data served, read by the same rules.
    let check = Dataset::load(&staging).map_err(invalid(&staging))?;
    if check.records.events.len() != served.records.events.len() {
        return Err(ExportError::Format {
            path: events,
            message: format!(
                "{} événements écrits, {} servis",
                check.records.events.len(),
                served.records.events.len()
            ),
        });
    }
    if out.exists() {
        fs::remove_dir(out).map_err(io(out))?;
    }
    fs::rename(&staging, out).map_err(io(out))?;
    if check.records.actors != served.records.actors {
        return Err(ExportError::Format {
            path: staging.join(ACTEURS),
            message: "les structures écrites ne sont pas celles servies".to_owned(),
        });
    }
    if check.records.places != served.records.places {
        return Err(ExportError::Format {
            path: staging.join(LIEUX),
            message: "les lieux écrits ne sont pas ceux servis".to_owned(),
        });
    }
    Ok(Exported {
        events: check.records.events.len(),
        contributed: added.len(),
        places: published.places.len(),
        actors: published.actors.len(),
    })
}

/// Copies a folder, but for hidden files (an editor's or a version control's).
fn copy_dir(from: &Path, to: &Path) -> Result<(), ExportError> {
    fs::create_dir_all(to).map_err(io(to))?;
    for entry in fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().map_err(io(&source))?.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(io(&source))?;
        }
    }
    Ok(())
}
