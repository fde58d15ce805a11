//! "Présenter votre structure": a structure presents itself, or updates its entry of the
//! directory of actors. The form as posted, read field by field, then checked by the
//! dataset's own rules (`dataset::check_feature`). An update starts from the published actor
//! and changes only what the form shows; its places, sources and the rest are kept.

use chrono::NaiveDate;
use serde_json::{Value, json};

use app::model::actor::Network;
use app::model::standard::Public;
use app::model::{Actor, ActorType, Competence, Record, WebUrl, Zone};

use super::Kind;
use super::event_form::{FormField, is_email, phone, short_id, text, too_long};
use super::record_form::{Checked, RecordForm, Sender};
use crate::dataset::{Dataset, Known, check_feature};

/// The fields of the form, as named in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorField {
    Acteur,
    Nom,
    Type,
    Siret,
    Description,
    Competences,
    Publics,
    Reseaux,
    Territoire,
    SiteWeb,
    CourrielActeur,
    Telephone,
    Courriel,
}

impl FormField for ActorField {
    fn name(self) -> &'static str {
        match self {
            ActorField::Acteur => "acteur",
            ActorField::Nom => "nom",
            ActorField::Type => "type",
            ActorField::Siret => "siret",
            ActorField::Description => "description",
            ActorField::Competences => "competences",
            ActorField::Publics => "publics",
            ActorField::Reseaux => "reseaux",
            ActorField::Territoire => "territoire",
            ActorField::SiteWeb => "site_web",
            ActorField::CourrielActeur => "courriel_acteur",
            ActorField::Telephone => "telephone",
            ActorField::Courriel => "courriel",
        }
    }
}

impl ActorField {
    /// The field a rule of the dataset names.
    fn of_dataset(field: &str) -> ActorField {
        match field.split(['.', '[']).next().unwrap_or(field) {
            "nom" => ActorField::Nom,
            "type" => ActorField::Type,
            "siret" | "siren" => ActorField::Siret,
            "description" => ActorField::Description,
            "competences" => ActorField::Competences,
            "publics" => ActorField::Publics,
            "reseaux" => ActorField::Reseaux,
            "site_web" => ActorField::SiteWeb,
            "courriel" => ActorField::CourrielActeur,
            "telephone" => ActorField::Telephone,
            _ => ActorField::Territoire,
        }
    }
}

/// How the identifier of a new actor begins.
pub const NEW_ACTOR: &str = "proposition-acteur-";
pub const MAX_NAME: usize = 150;
pub const MAX_DESCRIPTION: usize = 1000;
const MAX_LINK: usize = 2000;

/// Where a structure acts, as the form offers it: `departement`, `zone:Est`,
/// `epci:248200099`; empty keeps what the directory says.
pub fn served_choices(dataset: &Dataset) -> Vec<(String, String)> {
    let mut choices = vec![(
        "departement".to_owned(),
        "Tout le Tarn-et-Garonne".to_owned(),
    )];
    for zone in Zone::ALL {
        choices.push((format!("zone:{zone}"), format!("La zone {zone}")));
    }
    for epci in &dataset.territory.epcis {
        choices.push((format!("epci:{}", epci.siren), epci.nom.clone()));
    }
    choices
}

/// The form as posted: every value kept as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActorForm {
    /// The published actor updated; empty for a new one.
    pub acteur: String,
    pub nom: String,
    pub type_acteur: String,
    pub siret: String,
    pub description: String,
    pub competences: Vec<String>,
    pub publics: Vec<String>,
    pub reseaux: Vec<String>,
    pub territoire: String,
    pub site_web: String,
    pub courriel_acteur: String,
    pub telephone: String,
    pub sender: Sender,
}

impl RecordForm for ActorForm {
    type Record = Actor;
    type Field = ActorField;
    const KIND: Kind = Kind::Actor;
    const TITLES: [&'static str; 3] = [
        "Présenter votre structure – Carto82",
        "Mettre à jour votre structure – Carto82",
        "Présenter une nouvelle structure – Carto82",
    ];
    const UNKNOWN: &'static str = "Cette structure n'est pas dans l'annuaire. Choisissez-la dans la liste, ou présentez une nouvelle structure.";

    fn page(
        &self,
        problems: &[(ActorField, String)],
        published: Option<&Actor>,
        dataset: &Dataset,
    ) -> String {
        super::actor_page::form(self, problems, published, dataset)
    }

    fn chooser(dataset: &Dataset, suivi: &str) -> String {
        super::actor_page::chooser(dataset, suivi)
    }

    fn record_id(&self) -> &str {
        &self.acteur
    }

    fn sender(&self) -> &Sender {
        &self.sender
    }

    fn sender_mut(&mut self) -> &mut Sender {
        &mut self.sender
    }

    fn parse(body: &[u8]) -> Self {
        let mut form = ActorForm::default();
        for (name, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            let slot = match name.as_ref() {
                "acteur" => &mut form.acteur,
                "nom" => &mut form.nom,
                "type" => &mut form.type_acteur,
                "siret" => &mut form.siret,
                "description" => &mut form.description,
                "territoire" => &mut form.territoire,
                "site_web" => &mut form.site_web,
                "courriel_acteur" => &mut form.courriel_acteur,
                "telephone" => &mut form.telephone,
                "competences" => {
                    form.competences.push(value);
                    continue;
                }
                "publics" => {
                    form.publics.push(value);
                    continue;
                }
                "reseaux" => {
                    form.reseaux.push(value);
                    continue;
                }
                other => match form.sender.slot(other) {
                    Some(slot) => slot,
                    None => continue,
                },
            };
            *slot = value;
        }
        form
    }

    /// The form that gives the published `actor`, to update it.
    fn from_record(actor: &Actor, _: NaiveDate) -> Self {
        let p = &actor.properties;
        ActorForm {
            acteur: actor.id().to_string(),
            nom: p.nom.clone(),
            type_acteur: p.type_acteur.label().to_owned(),
            siret: p
                .siret
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            description: p.description.clone().unwrap_or_default(),
            competences: p.competences.iter().map(|c| c.label().to_owned()).collect(),
            publics: p.publics.iter().map(|c| c.label().to_owned()).collect(),
            reseaux: p.reseaux.iter().map(|c| c.label().to_owned()).collect(),
            site_web: p
                .site_web
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            courriel_acteur: p.courriel.clone().unwrap_or_default(),
            telephone: p
                .telephone
                .as_deref()
                .map(super::place_form::french_phone)
                .unwrap_or_default(),
            ..ActorForm::default()
        }
    }

    /// The actor proposed, as a GeoJSON Feature of the dataset's format, and the zone its
    /// coordinators follow; or each problem with its field.
    fn check(&self, dataset: &Dataset, today: NaiveDate) -> Checked<ActorField> {
        let mut problems: Vec<(ActorField, String)> = Vec::new();
        let mut fail = |field: ActorField, reason: &str| problems.push((field, reason.to_owned()));
        let published: Option<&Actor> = match self.acteur.trim() {
            "" => None,
            id => match dataset.records.by_text::<Actor>(id) {
                Some(actor) => Some(actor),
                None => {
                    return Err(vec![(
                        ActorField::Acteur,
                        "Cette structure n'est plus dans l'annuaire. Présentez-la comme une nouvelle structure.".to_owned(),
                    )]);
                }
            },
        };
        let nom = text(
            &self.nom,
            MAX_NAME,
            ActorField::Nom,
            "Donnez le nom de votre structure.",
            &mut fail,
        );
        let kind = ActorType::from_label(&self.type_acteur);
        if kind.is_none() {
            fail(
                ActorField::Type,
                "Dites ce qu'est votre structure : association, commune, entreprise…",
            );
        }
        let siret: String = self.siret.chars().filter(|c| !c.is_whitespace()).collect();
        if !siret.is_empty() && siret.parse::<app::model::actor::Siret>().is_err() {
            fail(
                ActorField::Siret,
                "Le numéro SIRET a 14 chiffres (il est sur vos factures ou sur annuaire-entreprises.data.gouv.fr). Vous pouvez le laisser vide.",
            );
        }
        let description = self.description.trim().replace("\r\n", "\n");
        if description.chars().count() > MAX_DESCRIPTION {
            fail(
                ActorField::Description,
                &too_long(&description, MAX_DESCRIPTION),
            );
        }
        let competences = chosen::<Competence>(
            &self.competences,
            ActorField::Competences,
            Competence::from_label,
            &mut fail,
        );
        let publics = chosen::<Public>(
            &self.publics,
            ActorField::Publics,
            Public::from_label,
            &mut fail,
        );
        let reseaux = chosen::<Network>(
            &self.reseaux,
            ActorField::Reseaux,
            Network::from_label,
            &mut fail,
        );
        let territoire = match self.territoire.trim() {
            "" if published.is_some() => None,
            "" => {
                fail(ActorField::Territoire, "Dites où vous agissez.");
                None
            }
            "departement" => Some(json!([{"type": "departement"}])),
            other => match other.split_once(':') {
                Some(("zone", z)) if z.parse::<Zone>().is_ok() => {
                    Some(json!([{"type": "zone", "zone": z}]))
                }
                Some(("epci", siren))
                    if dataset
                        .territory
                        .epcis
                        .iter()
                        .any(|e| e.siren.as_str() == siren) =>
                {
                    Some(json!([{"type": "epci", "siren": siren}]))
                }
                _ => {
                    fail(ActorField::Territoire, "Choisissez dans la liste.");
                    None
                }
            },
        };
        let site = self.site_web.trim();
        if !site.is_empty() && (site.chars().count() > MAX_LINK || site.parse::<WebUrl>().is_err())
        {
            fail(
                ActorField::SiteWeb,
                "L'adresse du site doit commencer par https:// ou http://.",
            );
        }
        let courriel = self.courriel_acteur.trim();
        if !courriel.is_empty() && !is_email(courriel) {
            fail(
                ActorField::CourrielActeur,
                "Cette adresse de courriel n'est pas valide.",
            );
        }
        let telephone = match self.telephone.trim() {
            "" => None,
            typed => {
                let international = phone(typed);
                if international.is_none() {
                    fail(
                        ActorField::Telephone,
                        "Donnez un numéro à 10 chiffres, par exemple 05 63 00 00 00.",
                    );
                }
                international
            }
        };
        if let Some(why) = self.sender.email_problem() {
            fail(ActorField::Courriel, why);
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let id = published.map_or_else(
            || format!("{NEW_ACTOR}{}", short_id()),
            |a| a.id().to_string(),
        );
        let mut properties = match published {
            Some(a) => serde_json::to_value(&a.properties).unwrap_or_default(),
            None => json!({
                "id": id,
                "source": "Présentée par la structure (Carto82)",
                "provenance": [],
            }),
        };
        let Some(props) = properties.as_object_mut() else {
            return Err(vec![(
                ActorField::Nom,
                "La structure n'a pas pu être lue. Réessayez.".to_owned(),
            )]);
        };
        let mut set = |key: &str, value: Option<Value>| match value {
            Some(v) => {
                props.insert(key.to_owned(), v);
            }
            None => {
                props.remove(key);
            }
        };
        set("nom", Some(json!(nom)));
        set("type", kind.map(|k| json!(k.label())));
        let siren = (!siret.is_empty()).then(|| siret[..9].to_owned());
        set("siret", (!siret.is_empty()).then(|| json!(siret)));
        set("siren", siren.map(Value::from));
        set(
            "description",
            (!description.is_empty()).then(|| json!(description)),
        );
        let labels = |values: Vec<&'static str>| (!values.is_empty()).then(|| json!(values));
        set(
            "competences",
            labels(competences.iter().map(|c| c.label()).collect()),
        );
        set(
            "publics",
            labels(publics.iter().map(|c| c.label()).collect()),
        );
        set(
            "reseaux",
            labels(reseaux.iter().map(|c| c.label()).collect()),
        );
        if territoire.is_some() {
            set("territoire", territoire);
        }
        set("site_web", (!site.is_empty()).then(|| json!(site)));
        set("courriel", (!courriel.is_empty()).then(|| json!(courriel)));
        set("telephone", telephone.map(Value::from));
        set("date_maj", Some(json!(today.to_string())));
        if let Some(provenance) = props.get_mut("provenance").and_then(Value::as_array_mut) {
            provenance.push(json!({
                "champ": "nom, type, siret, description, compétences, publics, réseaux, territoire, contact",
                "detail": format!("présentés par la structure sur Carto82 le {today}, vérifiés par l'équipe du Département avant publication"),
            }));
        }
        let feature = json!({"type": "Feature", "geometry": null, "properties": properties});
        let parsed: geojson::Feature = serde_json::from_value(feature.clone()).map_err(|e| {
            vec![(
                ActorField::Nom,
                format!("Le formulaire n'a pas pu être lu : {e}"),
            )]
        })?;
        // Checked alone: its places are the published actor's, already its own.
        check_feature::<Actor>(
            std::path::Path::new("proposition"),
            parsed,
            &Known::new(&dataset.territory, &dataset.records.places),
        )
        // One zone is followed by its referent; a wider structure, by coordinators.
        .map(|actor| {
            let zone = match actor.footprint.zones[..] {
                [zone] => Some(zone),
                _ => None,
            };
            (feature, zone)
        })
        .map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    let field = e
                        .field
                        .as_deref()
                        .map_or(ActorField::Nom, ActorField::of_dataset);
                    (field, format!("À corriger : {}.", e.reason))
                })
                .collect()
        })
    }
}

/// The values of a closed list ticked, each once; a value not in the list is a problem.
fn chosen<T: PartialEq>(
    values: &[String],
    field: ActorField,
    read: impl Fn(&str) -> Option<T>,
    fail: &mut impl FnMut(ActorField, &str),
) -> Vec<T> {
    let mut kept = Vec::new();
    for value in values {
        match read(value) {
            Some(v) if !kept.contains(&v) => kept.push(v),
            Some(_) => {}
            None => fail(field, "Choisissez dans la liste."),
        }
    }
    kept
}
