use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::id::slug_id;
use super::standard::{
    Accompagnement, FormationLabel, Frais, Itinerance, ModaliteAcces, PriseEnCharge, Programme,
    Public, Service,
};
use super::stop::{LocatedStop, Stop};
use super::territory::{CodePostal, Insee, Siren, Zone};
use super::web_url::WebUrl;

slug_id!(
    /// Stable identifier of a place.
    PlaceId
);

/// WGS84 point, longitude first as in GeoJSON.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub lon: f64,
    pub lat: f64,
}

/// One source record merged into a place (see data/README.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Source data set, as listed in data/README.md (S3, S4, S5…).
    pub jeu: String,
    /// Identifier of the point in the shared extraction (`lieux-82.geojson`).
    pub id: String,
    /// Identifier in the original source file.
    pub id_source: String,
    pub date_maj: NaiveDate,
}

/// The properties of a place as stored in `data/lieux.geojson`: the field names and meanings
/// of the national standard of mediation places (v1.0.2), multi-values as arrays, plus
/// Carto82's provenance (`sources`, `signalements`). Coordinates live in the geometry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceProperties {
    pub id: PlaceId,
    pub pivot: String,
    /// The name as the source writes it, kept for the API and the standard's export.
    pub nom: String,
    /// The name residents read, when the source's is in raw capitals, abbreviated or bare
    /// ("MIS LOCAL INSERTION PROF JEUNES TARN GNE", "Mairie"): a Carto82 field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nom_affiche: Option<String>,
    pub commune: String,
    pub code_postal: CodePostal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_insee: Option<Insee>,
    pub adresse: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complement_adresse: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typologie: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub courriels: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub site_web: Vec<WebUrl>,
    /// OSM `opening_hours` syntax, shown as given; `model::hours` evaluates it (open now, open
    /// on a day) on the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horaires: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation_resume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation_detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub itinerance: Vec<Itinerance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure_parente: Option<String>,
    pub date_maj: NaiveDate,
    pub services: Vec<Service>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publics_specifiquement_adresses: Vec<Public>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prise_en_charge_specifique: Vec<PriseEnCharge>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frais_a_charge: Vec<Frais>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dispositif_programmes_nationaux: Vec<Programme>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formations_labels: Vec<FormationLabel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autres_formations_labels: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modalites_acces: Vec<ModaliteAcces>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modalites_accompagnement: Vec<Accompagnement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiche_acces_libre: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prise_rdv: Option<WebUrl>,
    pub sources: Vec<SourceRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signalements: Vec<String>,
    /// Where a mobile service stops (a Carto82 field): `stop.rs`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arrets: Vec<Stop>,
}

impl PlaceProperties {
    /// The name every page shows: `nom_affiche`, else the source's name, softened when it
    /// is written all in capitals.
    pub fn display_name(&self) -> String {
        match &self.nom_affiche {
            Some(name) => name.clone(),
            None if shouts(&self.nom) => title_case_fr(&self.nom),
            None => self.nom.clone(),
        }
    }
}

/// Whether a name is written all in capitals (acronyms of 5 letters or fewer aside).
pub fn shouts(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 5 && letters.iter().all(|c| !c.is_lowercase())
}

/// "COMMUNE DE BOUDOU" → "Commune de Boudou": each word capitalised but the French little
/// words, short acronyms ("CIDFF", "82") kept.
fn title_case_fr(name: &str) -> String {
    const SMALL: [&str; 14] = [
        "de", "du", "des", "la", "le", "les", "et", "à", "au", "aux", "en", "sur", "pour", "d",
    ];
    name.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                lower
            } else if let Some(rest) = lower.strip_prefix("d'").or(lower.strip_prefix("l'")) {
                format!("{}{}", &lower[..2], crate::format::capitalised(rest))
            } else {
                crate::format::capitalised(&lower)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a place is, computed by the server from its point (never read from the file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// INSEE code of the commune that contains the point.
    pub insee_localise: Insee,
    pub commune_localisee: String,
    pub epci_siren: Siren,
    pub epci_nom: String,
    pub zone: Zone,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub properties: PlaceProperties,
    pub position: Position,
    pub location: Location,
    /// `properties.arrets`, each at its commune's point, in the same order.
    pub stops: Vec<LocatedStop>,
    /// The actor who runs it, as `acteurs.geojson` says (set once the actors are read).
    pub structure: Option<super::ActorId>,
    /// What one can find help with there: its services, then what its actor declares it
    /// can do (set with `structure`), each once, in the vocabulary's order.
    pub competences: Vec<super::Competence>,
}

impl Place {
    /// Where one can meet the service: its address, then its stops.
    pub fn points(&self) -> impl Iterator<Item = (&Position, &Location)> {
        std::iter::once((&self.position, &self.location))
            .chain(self.stops.iter().map(|s| (&s.position, &s.location)))
    }

    /// A service that comes to the communes rather than waiting at its address.
    pub fn is_mobile(&self) -> bool {
        !self.stops.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::{shouts, title_case_fr};

    #[test]
    fn names_in_capitals_are_softened_for_reading() {
        assert!(shouts("COMMUNE DE BOUDOU"));
        assert!(!shouts("CIDFF"));
        assert!(!shouts("France services Lauzerte"));
        assert_eq!(title_case_fr("COMMUNE DE BOUDOU"), "Commune de Boudou");
        assert_eq!(
            title_case_fr("ASSOCIATION L'AGE D'OR DU BRULHOIS"),
            "Association l'Age d'Or du Brulhois"
        );
    }
}
