//! What the body that publishes Carto82 must say about itself: the legal notice
//! (`/mentions-legales`) and the accessibility statement (`/accessibilite`, RGAA 4.1). Both
//! are data it edits (`data/publication.json`), checked when the dataset loads like the rest,
//! so that a département reusing Carto82 changes no code (issue 13, item 25).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::vocabulary::vocabulary;
use super::web_url::WebUrl;

vocabulary!(
    /// The compliance state an accessibility statement declares (RGAA 4.1). A site never
    /// audited is « non conforme ».
    Conformite {
        Totale => "totalement conforme",
        Partielle => "partiellement conforme",
        Non => "non conforme",
    }
);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Example texts, to be completed by the body that publishes the site: the pages say so.
    #[serde(default)]
    pub exemple: bool,
    pub editeur: Editeur,
    pub hebergeur: Hebergeur,
    /// What personal data the site keeps, why and for how long, and how to exercise one's
    /// rights: one paragraph each.
    pub donnees_personnelles: Vec<String>,
    pub accessibilite: Accessibilite,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Editeur {
    pub nom: String,
    pub adresse: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// Without it, the pages send people to the report form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courriel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<WebUrl>,
    pub directeur_publication: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hebergeur {
    pub nom: String,
    pub adresse: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<WebUrl>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibilite {
    pub etat: Conformite,
    /// Why this state, in a sentence (an audit's rate, or why there was none).
    pub explication: String,
    /// When the statement was made.
    pub date: NaiveDate,
    /// How the site was checked: tools, pages, browsers.
    pub verifications: Vec<String>,
    /// What is known not to comply.
    #[serde(default)]
    pub non_conformites: Vec<String>,
    /// Contents exempted, and what replaces them.
    #[serde(default)]
    pub derogations: Vec<String>,
    /// Where to report a barrier: an e-mail address (else the report form)…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_courriel: Option<String>,
    /// …and by post.
    pub contact_adresse: String,
}
