//! The files of the data folder, read with care: only regular files inside the folder (a
//! link out of it, to `/etc/passwd` or `/dev/zero`, is refused), of bounded size, in UTF-8
//! (a byte-order mark is accepted, as spreadsheets and some editors write one).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::error::{DatasetError, DatasetErrors};
use super::{
    COMMUNES, COMMUNES_SIMPLIFIEES, EPCI_SIMPLIFIES, EVENEMENTS, LIEUX, RESSOURCES,
    ZONES_SIMPLIFIEES, call, identity, publication,
};

/// The largest file read: a national dataset is a few tens of megabytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Every file of a dataset, relative to its folder.
pub const FILES: [&str; 11] = [
    LIEUX,
    EVENEMENTS,
    RESSOURCES,
    publication::FILE,
    call::FILE,
    identity::FILE,
    identity::LOGO,
    COMMUNES,
    COMMUNES_SIMPLIFIEES,
    EPCI_SIMPLIFIES,
    ZONES_SIMPLIFIEES,
];

/// Refuses any file of the dataset that is, or leads through a link to, something outside
/// `dir` (the folder itself may be a link: deployments switch folders that way).
pub fn check_files_inside(dir: &Path) -> Result<(), DatasetErrors> {
    let root = dir
        .canonicalize()
        .map_err(|e| DatasetError::file(dir, format!("dossier illisible : {e}")))?;
    if !root.is_dir() {
        return Err(DatasetError::file(dir, "ce n'est pas un dossier").into());
    }
    let problems: Vec<DatasetError> = FILES
        .iter()
        .filter_map(|relative| {
            let path = dir.join(relative);
            let real = path.canonicalize().ok()?;
            (!real.starts_with(&root)).then(|| {
                DatasetError::file(
                    &path,
                    format!(
                        "ce fichier mène hors du dossier des données (vers {}) : seuls les fichiers du dossier sont lus",
                        real.display()
                    ),
                )
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DatasetErrors(problems))
    }
}

/// The text of a regular file of at most [`MAX_FILE_BYTES`], without its byte-order mark.
/// An optional file of the folder, with its text; none when it is absent.
pub fn read_optional(dir: &Path, file: &str) -> Result<Option<(PathBuf, String)>, DatasetError> {
    let path = dir.join(file);
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    Ok(Some((path, text)))
}

pub fn read_text(path: &Path) -> Result<String, DatasetError> {
    let fail = |reason: String| DatasetError::file(path, reason);
    let mut file =
        std::fs::File::open(path).map_err(|e| fail(format!("lecture impossible : {e}")))?;
    // Asked of the open file, so that what is checked is what is read.
    let meta = file
        .metadata()
        .map_err(|e| fail(format!("lecture impossible : {e}")))?;
    if !meta.is_file() {
        return Err(fail(
            "ce n'est pas un fichier ordinaire (dossier, périphérique ou tube)".to_owned(),
        ));
    }
    let too_big = |size: u64| {
        fail(format!(
            "fichier trop gros ({size} octets ; {MAX_FILE_BYTES} au plus)"
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("lecture impossible : {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "le fichier n'est pas en UTF-8 (octet {} illisible) : enregistrez-le en UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// What identifies the dataset's files on disk: the folder the path leads to and each
/// file's identity, size and time. Any deployment (an edit, a file renamed over another,
/// a folder moved aside and replaced, a link switched to another folder) changes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    root: Option<PathBuf>,
    files: Vec<Option<(u64, u64, u64, SystemTime)>>,
}

pub fn fingerprint(dir: &Path) -> Fingerprint {
    use std::os::unix::fs::MetadataExt;
    Fingerprint {
        root: dir.canonicalize().ok(),
        files: FILES
            .iter()
            .map(|relative| {
                let meta = std::fs::metadata(dir.join(relative)).ok()?;
                Some((meta.dev(), meta.ino(), meta.len(), meta.modified().ok()?))
            })
            .collect(),
    }
}

/// The JSON `text` of the file at `path` read into `T`: a syntax error says its line and
/// column, a wrong value names its field (`editions[0].debut`).
pub fn parse_json<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, DatasetError> {
    let mut reader = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            DatasetError::file(
                path,
                format!(
                    "JSON invalide ligne {}, colonne {} : {inner}",
                    inner.line(),
                    inner.column()
                ),
            )
        } else {
            DatasetError::field(path, &field, inner.to_string())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_files_only_without_their_mark() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.geojson");
        std::fs::write(&file, "\u{feff}{\"type\": \"FeatureCollection\"}").unwrap();
        assert_eq!(
            read_text(&file).unwrap(),
            "{\"type\": \"FeatureCollection\"}"
        );
        assert!(
            read_text(Path::new("/dev/zero"))
                .unwrap_err()
                .reason
                .contains("fichier ordinaire")
        );
        assert!(read_text(dir.path()).is_err(), "a folder");
        std::fs::write(&file, b"{\"nom\": \"Montauban \xe9\"}").unwrap();
        assert!(read_text(&file).unwrap_err().reason.contains("UTF-8"));
    }

    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join(LIEUX)).unwrap();
        let problems = check_files_inside(dir.path()).unwrap_err().to_string();
        assert!(problems.contains("hors du dossier"), "{problems}");
        // A link inside the folder is fine, and so is a folder that is itself a link.
        let other = tempfile::tempdir().unwrap();
        std::fs::remove_file(dir.path().join(LIEUX)).unwrap();
        std::fs::write(dir.path().join("vrai.geojson"), "{}").unwrap();
        std::os::unix::fs::symlink("vrai.geojson", dir.path().join(LIEUX)).unwrap();
        let link = other.path().join("donnees");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap();
        assert!(check_files_inside(&link).is_ok());
    }
}
