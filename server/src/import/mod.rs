//! `carto82 import SOURCE`, and the scheduled import of the server: places published in the
//! national standard, from a file or a URL, merged into `data/lieux.geojson`.
//!
//! A source is the national map's API (JSON, `GET /lieux-inclusion-numerique`) or the
//! data.gouv.fr export of the standard (CSV), either maybe gzipped. Only the département's
//! rows are kept (`import_departement`). [`rows`] reads them, [`fetch`] brings them over
//! HTTP(S), [`merge`] merges them, [`schedule`] runs the whole on a schedule in the server.

mod fetch;
pub mod merge;
mod rows;
pub mod schedule;

use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

pub use merge::{ImportError, Left, Matched, Report, SAME_PLACE, Summary, Why, similarity};

/// Where the rows come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    File(PathBuf),
    Web(Url),
}

impl std::str::FromStr for Source {
    type Err = String;

    fn from_str(text: &str) -> Result<Source, String> {
        let text = text.trim();
        if text.starts_with("http://") || text.starts_with("https://") {
            Url::parse(text)
                .map(Source::Web)
                .map_err(|e| format!("adresse illisible : {e}"))
        } else if text.contains("://") {
            Err("seules les adresses http:// et https:// sont lues".to_owned())
        } else if text.is_empty() {
            Err("source vide : un fichier ou une adresse http(s)".to_owned())
        } else {
            Ok(Source::File(PathBuf::from(text)))
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Web(url) => write!(f, "{}", crate::telemetry::hidden_url(url)),
        }
    }
}

/// The département's code, the start of the INSEE codes kept (`82`, `2A`, `971`).
#[derive(Clone, Debug, PartialEq)]
pub struct Departement(String);

impl std::str::FromStr for Departement {
    type Err = String;

    fn from_str(text: &str) -> Result<Departement, String> {
        let text = text.trim().to_ascii_uppercase();
        let valid = matches!(text.len(), 2 | 3)
            && (text.chars().all(|c| c.is_ascii_digit()) || text == "2A" || text == "2B");
        if valid {
            Ok(Departement(text))
        } else {
            Err(format!(
                "« {} » n'est pas un code de département (82, 2A, 971…)",
                text.chars().take(20).collect::<String>()
            ))
        }
    }
}

impl std::fmt::Display for Departement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How an import reads its source.
#[derive(Clone, Debug)]
pub struct Options {
    pub departement: Departement,
    /// For each answer of a web source, body included.
    pub time_limit: Duration,
}

/// Reads `source`, merges its rows into the dataset in `data`, writes `lieux.geojson` if
/// anything changed. A page that cannot be read changes nothing.
pub async fn import(
    source: &Source,
    data: &Path,
    options: &Options,
) -> Result<Report, ImportError> {
    let pages = match source {
        Source::File(path) => vec![
            crate::dataset::read_text(path)
                .map_err(|e| ImportError::Read(path.display().to_string(), e.reason))?,
        ],
        Source::Web(url) => fetch::pages(url, options.time_limit)
            .await
            .map_err(|e| ImportError::Read(source.to_string(), e))?,
    };
    let paged = pages.len() > 1;
    let mut all = Vec::new();
    for (i, text) in pages.iter().enumerate() {
        let page = paged.then_some(i + 1);
        let rows = rows::read(text, page).map_err(|e| {
            let at = page.map_or(String::new(), |p| format!(", page {p}"));
            ImportError::Read(format!("{source}{at}"), e)
        })?;
        all.extend(rows);
    }
    let data = data.to_owned();
    let departement = options.departement.to_string();
    // Loading the dataset and comparing rows is CPU work: off the async workers.
    tokio::task::spawn_blocking(move || merge::merge_rows(all, &data, &departement))
        .await
        .map_err(|e| ImportError::Read(source.to_string(), e.to_string()))?
}
