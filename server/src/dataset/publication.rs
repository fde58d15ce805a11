//! `publication.json`: the legal notice and the accessibility statement of the body that
//! publishes the site (`app::model::publication`). Optional: without it, the two pages say
//! that the text is not yet written.

use std::path::Path;

use app::model::publication::Publication;
use serde_json::Value;

use super::data_dir::read_optional;
use super::error::{DatasetError, DatasetErrors};
use super::places::{courriel_problem, telephone_problem};

pub const FILE: &str = "publication.json";

/// The longest paragraph of these pages.
const MAX_TEXT_CHARS: usize = 2000;

pub fn load(dir: &Path) -> Result<Option<Publication>, DatasetErrors> {
    let Some((path, text)) = read_optional(dir, FILE)? else {
        return Ok(None);
    };
    let at = |field: &str, reason: String| DatasetError::field(&path, field, reason);
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        DatasetError::file(
            &path,
            format!(
                "JSON invalide ligne {}, colonne {} : {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let mut problems = Vec::new();
    every_text(&value, "", &mut |field, text| {
        if text.trim().is_empty() {
            problems.push(at(field, "valeur vide".to_owned()));
        } else if text.chars().count() > MAX_TEXT_CHARS {
            problems.push(at(
                field,
                format!("texte trop long ({MAX_TEXT_CHARS} caractères au plus)"),
            ));
        }
    });
    if !problems.is_empty() {
        return Err(DatasetErrors(problems));
    }
    let publication: Publication = serde_path_to_error::deserialize(value)
        .map_err(|e| at(&e.path().to_string(), e.inner().to_string()))?;
    let mails = [
        ("editeur.courriel", &publication.editeur.courriel),
        (
            "accessibilite.contact_courriel",
            &publication.accessibilite.contact_courriel,
        ),
    ];
    for (field, mail) in mails {
        if let Some(why) = mail.as_deref().and_then(courriel_problem) {
            problems.push(at(field, why));
        }
    }
    if let Some(why) = publication
        .editeur
        .telephone
        .as_deref()
        .and_then(telephone_problem)
    {
        problems.push(at("editeur.telephone", why));
    }
    if problems.is_empty() {
        Ok(Some(publication))
    } else {
        Err(DatasetErrors(problems))
    }
}

/// Calls `check` on every string of `value`, with its path (`accessibilite.derogations[0]`).
fn every_text(value: &Value, path: &str, check: &mut impl FnMut(&str, &str)) {
    match value {
        Value::String(text) => check(path, text),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                every_text(item, &format!("{path}[{i}]"), check);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                let inner = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                every_text(item, &inner, check);
            }
        }
        _ => {}
    }
}
