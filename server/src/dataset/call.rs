//! `appel.json`: the call for participation as the département edits it: the editions of
//! « Le 82 fait son numérique » with their dates, the call for the next one (when it opens,
//! until when proposals are taken, when the communication campaign starts), and the call's
//! paragraphs. Optional: without it, `/participer` says that the dates are not set.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::data_dir::{parse_json, read_optional};
use super::error::{DatasetError, DatasetErrors};

pub const FILE: &str = "appel.json";

/// The longest paragraph of the call.
const MAX_TEXT_CHARS: usize = 1000;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Call {
    /// The editions, as held or planned.
    pub editions: Vec<Edition>,
    /// The call for the next edition, once the département has set its dates.
    #[serde(default)]
    pub appel: Option<Opening>,
    /// The call's own words, a paragraph each, shown before the forms.
    #[serde(default)]
    pub presentation: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub annee: i32,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
    /// The flagship week, with its town.
    #[serde(default)]
    pub semaine_phare: Option<Week>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Week {
    pub debut: NaiveDate,
    pub fin: NaiveDate,
    pub lieu: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// The edition it is for (one of `editions`).
    pub edition: i32,
    pub ouverture: NaiveDate,
    /// Proposals are taken until this day.
    pub date_limite: NaiveDate,
    /// The communication campaign starts: what is published must be complete by then.
    pub campagne: NaiveDate,
}

impl Call {
    /// The edition the call is for.
    pub fn edition_called(&self) -> Option<&Edition> {
        let year = self.appel.as_ref()?.edition;
        self.editions.iter().find(|e| e.annee == year)
    }
}

pub fn load(dir: &Path) -> Result<Option<Call>, DatasetErrors> {
    let Some((path, text)) = read_optional(dir, FILE)? else {
        return Ok(None);
    };
    let at = |field: &str, reason: String| DatasetError::field(&path, field, reason);
    let call: Call = parse_json(&path, &text)?;
    let mut problems = Vec::new();
    if call.editions.is_empty() {
        problems.push(at("editions", "au moins une édition".to_owned()));
    }
    for (i, edition) in call.editions.iter().enumerate() {
        let field = |name: &str| format!("editions[{i}].{name}");
        if edition.fin < edition.debut {
            problems.push(at(&field("fin"), "avant le début".to_owned()));
        }
        if edition.debut.format("%Y").to_string() != edition.annee.to_string() {
            problems.push(at(&field("debut"), format!("pas en {}", edition.annee)));
        }
        if let Some(week) = &edition.semaine_phare {
            if week.fin < week.debut || week.debut < edition.debut || week.fin > edition.fin {
                problems.push(at(
                    &field("semaine_phare"),
                    "ses dates doivent être dans celles de l'édition, la fin après le début"
                        .to_owned(),
                ));
            }
            if week.lieu.trim().is_empty() || week.lieu.chars().count() > 100 {
                problems.push(at(
                    &field("semaine_phare.lieu"),
                    "une commune, 100 caractères au plus".to_owned(),
                ));
            }
        }
    }
    if let Some(opening) = &call.appel {
        match call.edition_called() {
            None => problems.push(at(
                "appel.edition",
                format!("l'édition {} n'est pas dans « editions »", opening.edition),
            )),
            Some(edition) => {
                let in_order = opening.ouverture <= opening.date_limite
                    && opening.date_limite <= opening.campagne
                    && opening.campagne <= edition.debut;
                if !in_order {
                    problems.push(at(
                        "appel",
                        "les dates vont dans cet ordre : ouverture, date limite, campagne, début de l'édition"
                            .to_owned(),
                    ));
                }
            }
        }
    }
    for (i, paragraph) in call.presentation.iter().enumerate() {
        let count = paragraph.chars().count();
        if paragraph.trim().is_empty() || count > MAX_TEXT_CHARS {
            problems.push(at(
                &format!("presentation[{i}]"),
                format!("un paragraphe de 1 à {MAX_TEXT_CHARS} caractères"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(Some(call))
    } else {
        Err(DatasetErrors(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(json: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), json).unwrap();
        match load(dir.path()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.0.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn the_shipped_call_loads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        let call = load(&dir).unwrap().expect("data/appel.json");
        assert_eq!(call.editions[0].annee, 2026);
    }

    #[test]
    fn each_problem_names_its_field() {
        let bad = problems_of(
            r#"{"editions": [{"annee": 2027, "debut": "2027-05-01", "fin": "2027-04-01"}],
                "appel": {"edition": 2028, "ouverture": "2027-01-05", "date_limite": "2027-02-15", "campagne": "2027-03-15"},
                "presentation": [""]}"#,
        );
        let all = bad.join("\n");
        for field in ["editions[0].fin", "appel.edition", "presentation[0]"] {
            assert!(all.contains(field), "{field} in {all}");
        }
        let typo = problems_of(r#"{"editions": [], "apel": null}"#).join("\n");
        assert!(typo.contains("apel"), "{typo}");
        let order = problems_of(
            r#"{"editions": [{"annee": 2027, "debut": "2027-04-12", "fin": "2027-05-09"}],
                "appel": {"edition": 2027, "ouverture": "2027-03-01", "date_limite": "2027-02-15", "campagne": "2027-03-15"}}"#,
        )
        .join("\n");
        assert!(
            order.contains("ouverture, date limite, campagne"),
            "{order}"
        );
        let date = problems_of(
            r#"{"editions": [{"annee": 2027, "debut": "12/04/2027", "fin": "2027-05-09"}]}"#,
        )
        .join("\n");
        assert!(date.contains("editions[0].debut"), "{date}");
    }
}
