//! How long each text of a data file may be. The files come from third parties (imports of
//! the national data, partners' edits): a 50 MB description would be served in every page
//! that shows it. Every string of a feature's properties is checked, in lists and nested
//! objects too; a field not listed has [`OTHER_FIELD`]. The limits are in data/README.md.

use serde_json::{Map, Value};

/// Characters allowed in a field, by its name (`inscription.lien` for a nested one).
pub type TextLimits = [(&'static str, usize)];

/// Any field not listed.
pub const OTHER_FIELD: usize = 500;

pub const PLACES: &TextLimits = &[
    ("nom", 150),
    ("nom_affiche", 150),
    ("commune", 100),
    ("adresse", 200),
    ("complement_adresse", 200),
    ("horaires", 500),
    // The national standard's own limit.
    ("presentation_resume", 280),
    ("presentation_detail", 4000),
    ("source", 200),
    ("structure_parente", 200),
    ("autres_formations_labels", 500),
    ("courriels", 200),
    ("site_web", 2000),
    ("fiche_acces_libre", 2000),
    ("prise_rdv", 2000),
    ("signalements", 1000),
];

pub const EVENTS: &TextLimits = &[
    ("titre", 140),
    ("resume", 200),
    ("description", 4000),
    ("lieu_nom", 150),
    ("adresse", 200),
    ("commune", 100),
    ("public", 200),
    ("prix", 200),
    ("organisateur", 200),
    ("inscription.lien", 2000),
    ("inscription.courriel", 200),
];

pub const RESOURCES: &TextLimits = &[
    ("nom", 140),
    ("description", 2000),
    ("conditions", 500),
    ("adresse", 200),
    ("commune", 100),
    ("courriel", 200),
    ("site_web", 2000),
    ("source", 300),
];

pub const ACTORS: &TextLimits = &[
    ("nom", 150),
    ("nom_officiel", 200),
    ("description", 2000),
    ("courriel", 200),
    ("site_web", 2000),
    ("provenance.champ", 100),
    ("provenance.detail", 1000),
    ("incertain", 1000),
    ("source", 300),
];

pub const TERRITORY: &TextLimits = &[("nom", 100)];

/// Each string of `properties` longer than its field allows: the field (`courriels[1]`,
/// `inscription.lien`) and why.
pub fn too_long(properties: &Map<String, Value>, limits: &TextLimits) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (key, value) in properties {
        walk(value, key, key, limits, &mut found);
    }
    found
}

fn walk(
    value: &Value,
    name: &str,
    shown: &str,
    limits: &TextLimits,
    found: &mut Vec<(String, String)>,
) {
    match value {
        Value::String(text) => {
            let max = limits
                .iter()
                .find(|(field, _)| *field == name)
                .map_or(OTHER_FIELD, |(_, max)| *max);
            let chars = text.chars().count();
            if chars > max {
                found.push((
                    shown.to_owned(),
                    format!("texte trop long : {chars} caractères, {max} au plus"),
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, name, &format!("{shown}[{i}]"), limits, found);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                walk(
                    item,
                    &format!("{name}.{key}"),
                    &format!("{shown}.{key}"),
                    limits,
                    found,
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_text_that_is_too_long() {
        let properties = serde_json::json!({
            "nom": "x".repeat(151),
            "adresse": "1 rue de la Paix",
            "courriels": ["a@b.fr", format!("{}@b.fr", "a".repeat(300))],
            "inscription": {"mode": "obligatoire", "lien": format!("https://x.fr/{}", "a".repeat(3000))},
            "inconnu": "é".repeat(OTHER_FIELD + 1),
        });
        let limits: &TextLimits = &[("nom", 150), ("courriels", 200), ("inscription.lien", 2000)];
        let mut found: Vec<String> = too_long(properties.as_object().unwrap(), limits)
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        found.sort();
        assert_eq!(
            found,
            ["courriels[1]", "inconnu", "inscription.lien", "nom"]
        );
    }
}
