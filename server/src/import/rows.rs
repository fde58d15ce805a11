//! The rows of a source, as read: the national standard's CSV (the data.gouv.fr export) or
//! its JSON (the national map's API, `GET /lieux-inclusion-numerique`), one row a place.
//!
//! Both give the same [`Row`]: every column optional and text, checked afterwards. A row that
//! cannot be read is kept as its reason, so that the others still go in; a page that cannot
//! be read at all refuses the whole import.

use serde::Deserialize;

/// One row of the standard, as read: every column optional, checked afterwards.
#[derive(Debug, Default, Deserialize)]
pub struct Row {
    pub id: Option<String>,
    pub pivot: Option<String>,
    pub nom: Option<String>,
    pub commune: Option<String>,
    pub code_postal: Option<String>,
    pub code_insee: Option<String>,
    pub adresse: Option<String>,
    pub complement_adresse: Option<String>,
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub typologie: Option<String>,
    pub telephone: Option<String>,
    pub courriels: Option<String>,
    pub site_web: Option<String>,
    pub horaires: Option<String>,
    pub presentation_resume: Option<String>,
    pub presentation_detail: Option<String>,
    pub source: Option<String>,
    pub itinerance: Option<String>,
    pub structure_parente: Option<String>,
    pub date_maj: Option<String>,
    pub services: Option<String>,
    pub publics_specifiquement_adresses: Option<String>,
    pub prise_en_charge_specifique: Option<String>,
    pub frais_a_charge: Option<String>,
    pub dispositif_programmes_nationaux: Option<String>,
    pub formations_labels: Option<String>,
    pub autres_formations_labels: Option<String>,
    pub modalites_acces: Option<String>,
    pub modalites_accompagnement: Option<String>,
    pub fiche_acces_libre: Option<String>,
    pub prise_rdv: Option<String>,
}

impl Row {
    /// Whether the place is in this département: by its INSEE code, else its postal code.
    pub fn is_in(&self, departement: &str) -> bool {
        filled(&self.code_insee)
            .or_else(|| filled(&self.code_postal))
            .is_some_and(|c| c.starts_with(departement))
    }
}

/// A column's text, trimmed, unless it is empty.
pub fn filled(column: &Option<String>) -> Option<&str> {
    column.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A row read, or why it cannot be: with where it is (« page 2, ligne 14 »).
pub struct Read {
    pub at: String,
    pub row: Result<Row, String>,
}

/// The rows of one page (a whole file is one page), or why the page cannot be read.
pub fn read(text: &str, page: Option<usize>) -> Result<Vec<Read>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let at = |what: &str, n: usize| match page {
        Some(p) => format!("page {p}, {what} {n}"),
        None => format!("{what} {n}"),
    };
    if text.trim_start().starts_with(['[', '{']) {
        let items: Vec<serde_json::Value> = match serde_json::from_str(text) {
            Ok(serde_json::Value::Array(items)) => items,
            Ok(_) => return Err("JSON : une liste de lieux était attendue".to_owned()),
            Err(e) => return Err(format!("JSON illisible : {e}")),
        };
        Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, item)| Read {
                at: at("élément", i + 1),
                row: from_json(item),
            })
            .collect())
    } else {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| format!("CSV illisible : {e}"))?;
        if !headers.iter().any(|h| h == "id") || !headers.iter().any(|h| h == "nom") {
            return Err(
                "ni une liste JSON ni un CSV du standard (colonnes « id » et « nom » absentes)"
                    .to_owned(),
            );
        }
        Ok(reader
            .deserialize::<Row>()
            .enumerate()
            .map(|(i, row)| Read {
                // Line 1 is the header.
                at: at("ligne", i + 2),
                row: row.map_err(|e| e.to_string()),
            })
            .collect())
    }
}

/// A JSON place as a row: numbers as text, lists joined by `|` as in the CSV. Fields outside
/// the standard are not read: a source that adds one still imports.
fn from_json(item: serde_json::Value) -> Result<Row, String> {
    use serde_json::Value;
    let Value::Object(fields) = item else {
        return Err("un objet était attendu".to_owned());
    };
    let mut texts = serde_json::Map::new();
    for (name, value) in fields {
        if !crate::standard::COLUMNS.contains(&name.as_str()) {
            continue;
        }
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(format!("champ « {name} » : liste de textes attendue")),
                })
                .collect::<Result<Vec<_>, _>>()?
                .join("|"),
            Value::Object(_) => return Err(format!("champ « {name} » : texte attendu")),
        };
        texts.insert(name, Value::String(text));
    }
    serde_json::from_value(Value::Object(texts)).map_err(|e| e.to_string())
}
