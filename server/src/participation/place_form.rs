//! "Proposer un lieu" and "Corriger un lieu": the form as posted, read field by field, then
//! checked by the dataset's own rules (`dataset::check_feature`), so that a place accepted
//! here is a place the data would accept. A correction starts from the published place and
//! changes only what the form shows; the rest (its sources, its national labels) is kept.

use chrono::NaiveDate;
use serde_json::{Value, json};

use app::model::hours::{Week, to_osm, week_of};
use app::model::standard::Service;
use app::model::{Place, Record, WebUrl};

use super::Kind;
use super::event_form::{
    AddressField, FormField, commune_of, is_email, phone, point_in, short_id, text, time, too_long,
};
use super::record_form::{Checked, RecordForm, Sender};
use crate::dataset::{Dataset, Known, check_feature};

/// The fields of the form, as named in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceField {
    Lieu,
    Nom,
    Adresse,
    Complement,
    CodePostal,
    Commune,
    Point,
    Telephone,
    CourrielLieu,
    SiteWeb,
    Horaires,
    Services,
    Resume,
    Courriel,
}

impl FormField for PlaceField {
    fn name(self) -> &'static str {
        match self {
            PlaceField::Lieu => "lieu",
            PlaceField::Nom => "nom",
            PlaceField::Adresse => "adresse",
            PlaceField::Complement => "complement",
            PlaceField::CodePostal => "code_postal",
            PlaceField::Commune => "commune",
            PlaceField::Point => "point",
            PlaceField::Telephone => "telephone",
            PlaceField::CourrielLieu => "courriel_lieu",
            PlaceField::SiteWeb => "site_web",
            PlaceField::Horaires => "horaires",
            PlaceField::Services => "services",
            PlaceField::Resume => "resume",
            PlaceField::Courriel => "courriel",
        }
    }
}

impl PlaceField {
    /// The field a rule of the dataset names.
    fn of_dataset(field: &str) -> PlaceField {
        match field.split(['.', '[']).next().unwrap_or(field) {
            "nom" | "nom_affiche" => PlaceField::Nom,
            "adresse" => PlaceField::Adresse,
            "complement_adresse" => PlaceField::Complement,
            "code_postal" => PlaceField::CodePostal,
            "telephone" => PlaceField::Telephone,
            "courriels" => PlaceField::CourrielLieu,
            "site_web" => PlaceField::SiteWeb,
            "horaires" => PlaceField::Horaires,
            "services" => PlaceField::Services,
            "presentation_resume" => PlaceField::Resume,
            _ => PlaceField::Commune,
        }
    }
}

/// The days of the hours grid, from Monday: the word shown and the name of its fields.
pub const DAYS: [(&str, &str); 7] = [
    ("Lundi", "lundi"),
    ("Mardi", "mardi"),
    ("Mercredi", "mercredi"),
    ("Jeudi", "jeudi"),
    ("Vendredi", "vendredi"),
    ("Samedi", "samedi"),
    ("Dimanche", "dimanche"),
];
/// How the identifier of a new place begins.
pub const NEW_PLACE: &str = "proposition-lieu-";
/// The longest texts, as the dataset allows them (`text_limits::PLACES`).
pub const MAX_NAME: usize = 150;
pub const MAX_LINE: usize = 200;
pub const MAX_SUMMARY: usize = 280;
const MAX_LINK: usize = 2000;

/// A day of the grid as typed: morning from, to; afternoon from, to.
pub type DayHours = [String; 4];

/// The form as posted: every value kept as typed, to be given back when something is to
/// correct.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceForm {
    /// The published place corrected; empty for a new place.
    pub lieu: String,
    pub nom: String,
    pub adresse: String,
    pub complement: String,
    pub code_postal: String,
    pub commune: String,
    /// The point set on the small map, when a script let the structure set one.
    pub lat: String,
    pub lon: String,
    pub telephone: String,
    pub courriel_lieu: String,
    pub site_web: String,
    pub horaires: [DayHours; 7],
    pub services: Vec<String>,
    pub resume: String,
    pub sender: Sender,
}

impl RecordForm for PlaceForm {
    type Record = Place;
    type Field = PlaceField;
    const KIND: Kind = Kind::Place;
    const TITLES: [&'static str; 3] = [
        "Un lieu d'aide au numérique – Carto82",
        "Corriger un lieu – Carto82",
        "Proposer un lieu – Carto82",
    ];
    const UNKNOWN: &'static str =
        "Ce lieu n'est pas sur la carte. Choisissez-le dans la liste, ou proposez un nouveau lieu.";

    fn page(
        &self,
        problems: &[(PlaceField, String)],
        published: Option<&Place>,
        _: &Dataset,
    ) -> String {
        super::place_page::form(self, problems, published)
    }

    fn chooser(dataset: &Dataset, suivi: &str) -> String {
        super::place_page::chooser(dataset, suivi)
    }

    fn record_id(&self) -> &str {
        &self.lieu
    }

    fn sender(&self) -> &Sender {
        &self.sender
    }

    fn sender_mut(&mut self) -> &mut Sender {
        &mut self.sender
    }

    /// The form from its `application/x-www-form-urlencoded` body.
    fn parse(body: &[u8]) -> Self {
        let mut form = PlaceForm::default();
        for (name, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            let slot = match name.as_ref() {
                "lieu" => &mut form.lieu,
                "nom" => &mut form.nom,
                "adresse" => &mut form.adresse,
                "complement" => &mut form.complement,
                "code_postal" => &mut form.code_postal,
                "commune" => &mut form.commune,
                "lat" => &mut form.lat,
                "lon" => &mut form.lon,
                "telephone" => &mut form.telephone,
                "courriel_lieu" => &mut form.courriel_lieu,
                "site_web" => &mut form.site_web,
                "resume" => &mut form.resume,
                "services" => {
                    form.services.push(value);
                    continue;
                }
                other => match form.sender.slot(other) {
                    Some(slot) => slot,
                    None => match hours_slot(&mut form.horaires, other) {
                        Some(slot) => slot,
                        None => continue,
                    },
                },
            };
            *slot = value;
        }
        form
    }

    /// The form that gives the published `place`, to correct it; its hours as in the
    /// week of `today`.
    fn from_record(place: &Place, today: NaiveDate) -> Self {
        let monday = app::model::hours::monday_of(today);
        let p = &place.properties;
        let mut horaires: [DayHours; 7] = Default::default();
        let week = p.horaires.as_deref().and_then(|h| week_of(h, monday));
        for (day, times) in horaires.iter_mut().zip(week.iter().flatten()) {
            for (i, (start, end)) in times.iter().take(2).enumerate() {
                day[2 * i] = start.format("%H:%M").to_string();
                day[2 * i + 1] = end.format("%H:%M").to_string();
            }
        }
        PlaceForm {
            lieu: place.id().to_string(),
            nom: p.display_name(),
            adresse: p.adresse.clone(),
            complement: p.complement_adresse.clone().unwrap_or_default(),
            code_postal: p.code_postal.to_string(),
            commune: p.commune.clone(),
            telephone: p.telephone.as_deref().map(french_phone).unwrap_or_default(),
            courriel_lieu: p.courriels.first().cloned().unwrap_or_default(),
            site_web: p
                .site_web
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            horaires,
            services: p.services.iter().map(|s| s.label().to_owned()).collect(),
            resume: p.presentation_resume.clone().unwrap_or_default(),
            ..PlaceForm::default()
        }
    }

    /// The place proposed, as a GeoJSON Feature of the dataset's format, once every rule
    /// holds; or each problem with its field.
    fn check(&self, dataset: &Dataset, today: NaiveDate) -> Checked<PlaceField> {
        let mut problems: Vec<(PlaceField, String)> = Vec::new();
        let mut fail = |field: PlaceField, reason: &str| problems.push((field, reason.to_owned()));
        let published: Option<&Place> = match self.lieu.trim() {
            "" => None,
            id => match dataset.records.by_text::<Place>(id) {
                Some(place) => Some(place),
                None => {
                    return Err(vec![(
                        PlaceField::Lieu,
                        "Ce lieu n'est plus sur la carte. Proposez-le comme un nouveau lieu."
                            .to_owned(),
                    )]);
                }
            },
        };
        let nom = text(
            &self.nom,
            MAX_NAME,
            PlaceField::Nom,
            "Donnez le nom du lieu.",
            &mut fail,
        );
        let adresse = text(
            &self.adresse,
            MAX_LINE,
            PlaceField::Adresse,
            "Donnez l'adresse (numéro et rue).",
            &mut fail,
        );
        let complement = optional(
            &self.complement,
            MAX_LINE,
            PlaceField::Complement,
            &mut fail,
        );
        let commune = match commune_of(dataset, &self.commune, &self.code_postal) {
            Ok(c) => Some(c),
            Err(found) => {
                for (part, why) in found {
                    let field = match part {
                        AddressField::CodePostal => PlaceField::CodePostal,
                        AddressField::Commune => PlaceField::Commune,
                    };
                    fail(field, &why);
                }
                None
            }
        };
        let point = match commune.map(|c| point_in(dataset, c, &self.lat, &self.lon)) {
            Some(Err(why)) => {
                fail(PlaceField::Point, &why);
                None
            }
            Some(Ok(point)) => point,
            None => None,
        };
        let telephone = match self.telephone.trim() {
            "" => None,
            typed => {
                let international = phone(typed);
                if international.is_none() {
                    fail(
                        PlaceField::Telephone,
                        "Donnez un numéro à 10 chiffres, par exemple 05 63 00 00 00.",
                    );
                }
                international
            }
        };
        let courriel = optional(
            &self.courriel_lieu,
            MAX_LINE,
            PlaceField::CourrielLieu,
            &mut fail,
        );
        if courriel.as_deref().is_some_and(|c| !is_email(c)) {
            fail(
                PlaceField::CourrielLieu,
                "Cette adresse de courriel n'est pas valide.",
            );
        }
        let site = optional(&self.site_web, MAX_LINK, PlaceField::SiteWeb, &mut fail);
        if site
            .as_deref()
            .is_some_and(|s| s.parse::<WebUrl>().is_err())
        {
            fail(
                PlaceField::SiteWeb,
                "L'adresse du site doit commencer par https:// ou http://.",
            );
        }
        let horaires = match week(&self.horaires) {
            Ok(week) => to_osm(&week),
            Err(why) => {
                fail(PlaceField::Horaires, &why);
                None
            }
        };
        let mut services: Vec<Service> = Vec::new();
        for value in &self.services {
            match Service::from_label(value) {
                Some(s) if !services.contains(&s) => services.push(s),
                Some(_) => {}
                None => fail(PlaceField::Services, "Choisissez dans la liste."),
            }
        }
        if self.services.is_empty() {
            fail(
                PlaceField::Services,
                "Cochez au moins une aide que l'on trouve dans ce lieu.",
            );
        }
        let resume = optional(&self.resume, MAX_SUMMARY, PlaceField::Resume, &mut fail);
        if let Some(why) = self.sender.email_problem() {
            fail(PlaceField::Courriel, why);
        }
        let Some(commune) = commune else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }

        // The point set on the map; else a correction keeps its point unless it moved to
        // another commune; else the commune's centre, until the team places it.
        let same_commune =
            published.is_some_and(|p| p.properties.code_insee.as_ref() == Some(&commune.insee));
        let (lon, lat) = match (point, published) {
            (Some(point), _) => point,
            (None, Some(p)) if same_commune => (p.position.lon, p.position.lat),
            _ => (commune.lon, commune.lat),
        };
        let id = published.map_or_else(
            || format!("{NEW_PLACE}{}", short_id()),
            |p| p.id().to_string(),
        );
        let mut properties = match published {
            Some(p) => serde_json::to_value(&p.properties).unwrap_or_default(),
            None => json!({
                "id": id,
                // The standard's "unknown" identifier, as the national sources write it.
                "pivot": "00000000000000",
                "nom": nom,
                "source": "Proposé par la structure (Carto82)",
                "sources": [],
            }),
        };
        let props = properties.as_object_mut().ok_or_else(|| {
            vec![(
                PlaceField::Nom,
                "Le lieu n'a pas pu être lu. Réessayez.".to_owned(),
            )]
        })?;
        if published.is_some_and(|p| p.properties.nom != nom) {
            props.insert("nom_affiche".into(), json!(nom));
        }
        let mut set = |key: &str, value: Option<Value>| match value {
            Some(v) => {
                props.insert(key.to_owned(), v);
            }
            None => {
                props.remove(key);
            }
        };
        set("adresse", Some(json!(adresse)));
        set("complement_adresse", complement.map(Value::from));
        set("commune", Some(json!(commune.nom)));
        set("code_postal", Some(json!(self.code_postal.trim())));
        set("code_insee", Some(json!(commune.insee.as_str())));
        set("telephone", telephone.map(Value::from));
        set("courriels", courriel.map(|c| json!([c])));
        set("site_web", site.map(|s| json!([s])));
        set("horaires", horaires.map(Value::from));
        set(
            "services",
            Some(json!(
                services.iter().map(|s| s.label()).collect::<Vec<_>>()
            )),
        );
        set("presentation_resume", resume.map(Value::from));
        set("date_maj", Some(json!(today.to_string())));
        // Where this version comes from, beside the national sources it started from.
        if let Some(sources) = props.get_mut("sources").and_then(Value::as_array_mut) {
            sources.push(json!({
                "jeu": "Carto82",
                "id": id,
                "id_source": "",
                "date_maj": today.to_string(),
            }));
        }
        let feature = json!({
            "type": "Feature",
            "id": id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        });
        let parsed: geojson::Feature = serde_json::from_value(feature.clone()).map_err(|e| {
            vec![(
                PlaceField::Nom,
                format!("Le formulaire n'a pas pu être lu : {e}"),
            )]
        })?;
        check_feature::<Place>(
            std::path::Path::new("proposition"),
            parsed,
            &Known::new(&dataset.territory, &[]),
        )
        .map(|place| (feature, Some(place.location.zone)))
        .map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    let field = e
                        .field
                        .as_deref()
                        .map_or(PlaceField::Nom, PlaceField::of_dataset);
                    (field, format!("À corriger : {}.", e.reason))
                })
                .collect()
        })
    }
}

/// The field of the hours grid a form name is (`mardi_de2`), if it is one.
fn hours_slot<'f>(grid: &'f mut [DayHours; 7], name: &str) -> Option<&'f mut String> {
    let (day, part) = name.split_once('_')?;
    let d = DAYS.iter().position(|(_, n)| *n == day)?;
    let i = ["de1", "a1", "de2", "a2"].iter().position(|p| *p == part)?;
    Some(&mut grid[d][i])
}

/// The week the grid gives, or what is wrong with it, in plain words.
fn week(grid: &[DayHours; 7]) -> Result<Week, String> {
    let mut week: Week = Default::default();
    for ((label, _), (day, times)) in DAYS.iter().zip(grid.iter().zip(week.iter_mut())) {
        for pair in day.chunks(2) {
            let (from, to) = (pair[0].trim(), pair[1].trim());
            match (from.is_empty(), to.is_empty()) {
                (true, true) => continue,
                (false, true) | (true, false) => {
                    return Err(format!(
                        "{label} : donnez l'heure d'ouverture et l'heure de fermeture."
                    ));
                }
                (false, false) => {}
            }
            let (Some(start), Some(end)) = (time(from), time(to)) else {
                return Err(format!("{label} : écrivez les heures comme 09:00."));
            };
            if end <= start {
                return Err(format!(
                    "{label} : la fermeture doit être après l'ouverture."
                ));
            }
            if times.last().is_some_and(|(_, before)| start < *before) {
                return Err(format!(
                    "{label} : l'après-midi commence après la fin du matin."
                ));
            }
            times.push((start, end));
        }
    }
    Ok(week)
}

/// An optional line of text, trimmed, within `max` characters; none when empty.
fn optional(
    value: &str,
    max: usize,
    field: PlaceField,
    fail: &mut impl FnMut(PlaceField, &str),
) -> Option<String> {
    let value = value.trim();
    if value.chars().count() > max {
        fail(field, &too_long(value, max));
    }
    (!value.is_empty()).then(|| value.to_owned())
}

/// `+33563000000` as people write it: `05 63 00 00 00`.
pub fn french_phone(international: &str) -> String {
    match international.strip_prefix("+33") {
        Some(rest) if rest.len() == 9 => {
            let digits = format!("0{rest}");
            digits
                .as_bytes()
                .chunks(2)
                .map(|pair| String::from_utf8_lossy(pair).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => international.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hours_grid_is_read_day_by_day() {
        let mut grid: [DayHours; 7] = Default::default();
        grid[0] = ["09:00", "12:00", "14:00", "17:00"].map(String::from);
        grid[1] = grid[0].clone();
        grid[5] = ["09:30", "12:00", "", ""].map(String::from);
        let week = week(&grid).unwrap();
        assert_eq!(
            to_osm(&week).unwrap(),
            "Mo,Tu 09:00-12:00,14:00-17:00; Sa 09:30-12:00"
        );
        grid[2] = ["14:00", "", "", ""].map(String::from);
        assert_eq!(
            super::week(&grid).unwrap_err(),
            "Mercredi : donnez l'heure d'ouverture et l'heure de fermeture."
        );
        grid[2] = ["14:00", "12:00", "", ""].map(String::from);
        assert!(
            super::week(&grid)
                .unwrap_err()
                .contains("après l'ouverture")
        );
        grid[2] = ["09:00", "13:00", "12:00", "17:00"].map(String::from);
        assert!(
            super::week(&grid)
                .unwrap_err()
                .contains("après la fin du matin")
        );
    }

    #[test]
    fn a_phone_is_shown_as_people_write_it() {
        assert_eq!(french_phone("+33563000000"), "05 63 00 00 00");
        assert_eq!(french_phone("+3225000000"), "+3225000000");
    }
}
