//! Local digital resources (ressources numériques locales): equipment in free access, public
//! wifi, device loans or solidarity sales, online tutorials and services, local training.
//! A resource is found at one of our places, at a point of its own, or serves a whole
//! territory (a commune, an EPCI, the département) without a point.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::filter::Footprint;
use super::id::slug_id;
use super::place::{PlaceId, Position};
use super::standard::{Frais, Public};
use super::territory::{CodePostal, Insee, Siren};
use super::vocabulary::vocabulary;
use super::web_url::WebUrl;

slug_id!(
    /// Stable identifier of a resource.
    ResourceId
);

vocabulary!(
    /// What kind of resource it is.
    ResourceType {
        EquipementLibre => "équipement en accès libre",
        Wifi => "wifi public",
        Pret => "prêt de matériel",
        VenteSolidaire => "vente solidaire",
        Tutoriel => "tutoriel en ligne",
        ServiceEnLigne => "service en ligne",
        Formation => "formation",
    }
);

impl ResourceType {
    /// Used from a distance: a link is needed to reach it.
    pub fn is_online(self) -> bool {
        matches!(self, ResourceType::Tutoriel | ResourceType::ServiceEnLigne)
    }
}

/// Where the resource is available. Only `Point` carries a geometry in the file: a place's
/// resource takes the place's point, and a territory has no single point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum ServedArea {
    /// At one of our mediation places.
    #[serde(rename = "lieu")]
    Lieu { lieu_id: PlaceId },
    /// At the feature's point (a wifi hotspot on a square, a shop).
    #[serde(rename = "point")]
    Point,
    /// For the inhabitants of a commune.
    #[serde(rename = "commune")]
    Commune { insee: Insee },
    /// For the inhabitants of an EPCI.
    #[serde(rename = "epci")]
    Epci { siren: Siren },
    /// For the whole département.
    #[serde(rename = "departement")]
    Departement,
}

/// The properties of a resource as stored in `data/ressources.geojson`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceProperties {
    pub id: ResourceId,
    pub nom: String,
    #[serde(rename = "type")]
    pub type_ressource: ResourceType,
    /// What it is and how to use it, in plain words.
    pub description: String,
    pub desserte: ServedArea,
    /// Who it is for, in the national standard's words; empty means everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publics: Vec<Public>,
    /// None when the source does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frais: Option<Frais>,
    /// Price or conditions in words, when not simply free.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
    /// Postal address, when it is not at one of our places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adresse: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_postal: Option<CodePostal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courriel: Option<String>,
    /// Required for online resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_web: Option<WebUrl>,
    /// Where the record comes from (data set and record, see data/README.md).
    pub source: String,
    pub date_maj: NaiveDate,
    /// Invented for demonstration: shown with an "exemple" badge, and hidden when the
    /// server is told to serve real data only.
    #[serde(default)]
    pub exemple: bool,
}

/// A checked resource and what the server computed of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub properties: ResourceProperties,
    /// Its point: the place's, or its own; none for a territory.
    pub position: Option<Position>,
    /// The territory it serves (for a point, the commune it is in).
    pub footprint: Footprint,
    /// Name of what it serves, for people: the place, the commune, the EPCI or
    /// "Tarn-et-Garonne".
    pub served_name: String,
}
