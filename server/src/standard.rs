//! Places written in the national standard's own table form (v1.0.2): one row per place, the
//! 32 columns in the schema's order, multi-values joined with `|`. The CSV export and the
//! standard's JSON are two spellings of these rows.

use serde::Serialize;

use app::model::Place;

/// One row of the standard. Field order is the column order.
#[derive(Debug, Serialize)]
pub struct StandardRow {
    pub id: String,
    pub pivot: String,
    pub nom: String,
    pub commune: String,
    pub code_postal: String,
    pub code_insee: Option<String>,
    pub adresse: String,
    pub complement_adresse: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
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
    pub date_maj: String,
    pub services: String,
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

fn joined<T: ToString>(values: &[T]) -> Option<String> {
    (!values.is_empty()).then(|| {
        values
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("|")
    })
}

impl From<&Place> for StandardRow {
    fn from(place: &Place) -> Self {
        let f = &place.properties;
        StandardRow {
            id: f.id.to_string(),
            pivot: f.pivot.clone(),
            nom: f.nom.clone(),
            commune: f.commune.clone(),
            code_postal: f.code_postal.to_string(),
            code_insee: f.code_insee.as_ref().map(ToString::to_string),
            adresse: f.adresse.clone(),
            complement_adresse: f.complement_adresse.clone(),
            latitude: place.position.lat,
            longitude: place.position.lon,
            typologie: joined(&f.typologie),
            telephone: f.telephone.clone(),
            courriels: joined(&f.courriels),
            site_web: joined(&f.site_web),
            horaires: f.horaires.clone(),
            presentation_resume: f.presentation_resume.clone(),
            presentation_detail: f.presentation_detail.clone(),
            source: f.source.clone(),
            itinerance: joined(&f.itinerance),
            structure_parente: f.structure_parente.clone(),
            date_maj: f.date_maj.to_string(),
            services: joined(&f.services).unwrap_or_default(),
            publics_specifiquement_adresses: joined(&f.publics_specifiquement_adresses),
            prise_en_charge_specifique: joined(&f.prise_en_charge_specifique),
            frais_a_charge: joined(&f.frais_a_charge),
            dispositif_programmes_nationaux: joined(&f.dispositif_programmes_nationaux),
            formations_labels: joined(&f.formations_labels),
            autres_formations_labels: f.autres_formations_labels.clone(),
            modalites_acces: joined(&f.modalites_acces),
            modalites_accompagnement: joined(&f.modalites_accompagnement),
            fiche_acces_libre: f.fiche_acces_libre.as_ref().map(ToString::to_string),
            prise_rdv: f.prise_rdv.as_ref().map(ToString::to_string),
        }
    }
}

/// The standard's columns, in order.
pub const COLUMNS: [&str; 32] = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
];

/// The places as the standard's CSV (UTF-8, comma-separated, header row even when empty).
pub fn to_csv(places: &[Place]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for place in places {
        writer.serialize(StandardRow::from(place))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
