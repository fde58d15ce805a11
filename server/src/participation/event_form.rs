//! "Proposer un événement": the form as posted, read field by field, then checked by the
//! dataset's own rules (`dataset::check_feature`), so that a proposal accepted here is an
//! event the data would accept. Each problem names its field, in plain words.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Europe::Paris;
use serde_json::{Value, json};

use app::model::{
    Accessibilite, ActivityType, Actor, Event, Place, Record, Resolved, Theme, WebUrl, Zone,
};

use crate::dataset::{Dataset, Known, check_feature};

/// The fields of the form, as named in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Titre,
    Resume,
    Description,
    Theme,
    Type,
    Jour,
    Debut,
    Fin,
    Lieu,
    LieuNom,
    Adresse,
    CodePostal,
    Commune,
    Point,
    Public,
    Accessibilite,
    Inscription,
    InscriptionLien,
    InscriptionTelephone,
    InscriptionCourriel,
    Prix,
    Organisateur,
    OrganisateurId,
    Courriel,
}

/// A field of a form: its name in the page.
pub trait FormField: Copy + PartialEq {
    fn name(self) -> &'static str;
}

impl FormField for Field {
    fn name(self) -> &'static str {
        match self {
            Field::Titre => "titre",
            Field::Resume => "resume",
            Field::Description => "description",
            Field::Theme => "theme",
            Field::Type => "type",
            Field::Jour => "jour",
            Field::Debut => "debut",
            Field::Fin => "fin",
            Field::Lieu => "lieu_id",
            Field::LieuNom => "lieu_nom",
            Field::Adresse => "adresse",
            Field::CodePostal => "code_postal",
            Field::Commune => "commune",
            Field::Point => "point",
            Field::Public => "public",
            Field::Accessibilite => "accessibilite",
            Field::Inscription => "inscription",
            Field::InscriptionLien => "inscription_lien",
            Field::InscriptionTelephone => "inscription_telephone",
            Field::InscriptionCourriel => "inscription_courriel",
            Field::Prix => "prix",
            Field::Organisateur => "organisateur",
            Field::OrganisateurId => "organisateur_id",
            Field::Courriel => "courriel",
        }
    }
}

impl Field {
    /// The field a rule of the dataset names (`creneaux[0].fin`, `inscription.lien`…).
    fn of_dataset(field: &str) -> Field {
        let head = field.split(['.', '[']).next().unwrap_or(field);
        match (head, field) {
            (_, f) if f.ends_with(".lien") => Field::InscriptionLien,
            (_, f) if f.ends_with(".telephone") => Field::InscriptionTelephone,
            (_, f) if f.ends_with(".courriel") => Field::InscriptionCourriel,
            ("titre", _) => Field::Titre,
            ("resume", _) => Field::Resume,
            ("description", _) => Field::Description,
            ("theme", _) => Field::Theme,
            ("type", _) => Field::Type,
            ("creneaux", f) if f.ends_with(".debut") => Field::Debut,
            ("creneaux", _) => Field::Fin,
            ("edition", _) => Field::Jour,
            ("lieu_id", _) => Field::Lieu,
            ("lieu_nom", _) => Field::LieuNom,
            ("adresse", _) => Field::Adresse,
            ("code_postal", _) => Field::CodePostal,
            ("commune" | "geometry", _) => Field::Commune,
            ("public", _) => Field::Public,
            ("accessibilite", _) => Field::Accessibilite,
            ("inscription", _) => Field::Inscription,
            ("prix", _) => Field::Prix,
            ("organisateur_id", _) => Field::OrganisateurId,
            _ => Field::Organisateur,
        }
    }
}

/// The longest texts, as the dataset allows them (`text_limits::EVENTS`).
pub const MAX_TITLE: usize = 140;
pub const MAX_SUMMARY: usize = 200;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_LINE: usize = 200;
const MAX_EMAIL: usize = 200;
const MAX_LINK: usize = 2000;

/// The form as posted: every value kept as typed, to be given back when something is to
/// correct. Repeated names (the accessibility boxes) keep all their values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventForm {
    pub titre: String,
    pub resume: String,
    pub description: String,
    pub theme: String,
    pub type_activite: String,
    pub jour: String,
    pub debut: String,
    pub fin: String,
    pub lieu_id: String,
    pub lieu_nom: String,
    pub adresse: String,
    pub code_postal: String,
    pub commune: String,
    /// The point set on the small map, when a script let the structure set one.
    pub lat: String,
    pub lon: String,
    pub public: String,
    pub accessibilite: Vec<String>,
    pub inscription: String,
    pub inscription_lien: String,
    pub inscription_telephone: String,
    pub inscription_courriel: String,
    pub prix: String,
    pub organisateur: String,
    pub organisateur_id: String,
    pub courriel: String,
    /// The structure's follow-up, when it proposes from there.
    pub suivi: String,
    /// The version of the proposal a completed form answers.
    pub version: String,
    /// Left empty by people: a robot fills every field.
    pub piege: String,
}

/// The name of the field only robots fill (hidden from people and from screen readers).
pub const TRAP: &str = "site_web_bis";

impl EventForm {
    /// The form from its `application/x-www-form-urlencoded` body.
    pub fn parse(body: &[u8]) -> EventForm {
        let mut form = EventForm::default();
        for (name, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            let slot = match name.as_ref() {
                "titre" => &mut form.titre,
                "resume" => &mut form.resume,
                "description" => &mut form.description,
                "theme" => &mut form.theme,
                "type" => &mut form.type_activite,
                "jour" => &mut form.jour,
                "debut" => &mut form.debut,
                "fin" => &mut form.fin,
                "lieu_id" => &mut form.lieu_id,
                "lieu_nom" => &mut form.lieu_nom,
                "adresse" => &mut form.adresse,
                "code_postal" => &mut form.code_postal,
                "commune" => &mut form.commune,
                "lat" => &mut form.lat,
                "lon" => &mut form.lon,
                "public" => &mut form.public,
                "accessibilite" => {
                    form.accessibilite.push(value);
                    continue;
                }
                "inscription" => &mut form.inscription,
                "inscription_lien" => &mut form.inscription_lien,
                "inscription_telephone" => &mut form.inscription_telephone,
                "inscription_courriel" => &mut form.inscription_courriel,
                "prix" => &mut form.prix,
                "organisateur" => &mut form.organisateur,
                "organisateur_id" => &mut form.organisateur_id,
                "courriel" => &mut form.courriel,
                "suivi" => &mut form.suivi,
                "version" => &mut form.version,
                TRAP => &mut form.piege,
                _ => continue,
            };
            *slot = value;
        }
        form
    }

    /// The form that gives `feature` (an event proposed earlier), to complete it.
    pub fn from_feature(feature: &Value, version: i64) -> EventForm {
        let props = &feature["properties"];
        let text = |key: &str| props[key].as_str().unwrap_or_default().to_owned();
        let slot = |key: &str| {
            props["creneaux"][0][key]
                .as_str()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Paris))
        };
        let (start, end) = (slot("debut"), slot("fin"));
        // A place or a structure of the lists is chosen again; what it gave is not typed.
        let chosen_place = !text("lieu_id").is_empty();
        let typed_place = |key: &str| {
            if chosen_place {
                String::new()
            } else {
                text(key)
            }
        };
        let chosen_actor = !text("organisateur_id").is_empty();
        let registration = &props["inscription"];
        let in_registration = |key: &str| registration[key].as_str().unwrap_or_default().to_owned();
        EventForm {
            titre: text("titre"),
            resume: text("resume"),
            description: text("description"),
            theme: text("theme"),
            type_activite: text("type"),
            jour: start
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            debut: start
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            fin: end
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            lieu_id: text("lieu_id"),
            lieu_nom: typed_place("lieu_nom"),
            adresse: typed_place("adresse"),
            code_postal: typed_place("code_postal"),
            commune: typed_place("commune"),
            public: text("public"),
            accessibilite: props["accessibilite"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_owned))
                .collect(),
            inscription: in_registration("mode"),
            inscription_lien: in_registration("lien"),
            inscription_telephone: in_registration("telephone"),
            inscription_courriel: in_registration("courriel"),
            prix: text("prix"),
            organisateur: if chosen_actor {
                String::new()
            } else {
                text("organisateur")
            },
            organisateur_id: text("organisateur_id"),
            version: version.to_string(),
            ..EventForm::default()
        }
    }

    /// An empty form, as first shown.
    pub fn blank(suivi: Option<&str>) -> EventForm {
        EventForm {
            prix: "Gratuit".to_owned(),
            public: "Tout public".to_owned(),
            inscription: "libre".to_owned(),
            suivi: suivi.unwrap_or_default().to_owned(),
            ..EventForm::default()
        }
    }

    /// The event proposed, as a GeoJSON Feature of the dataset's format, once every rule
    /// holds; or each problem with its field.
    pub fn check(
        &self,
        dataset: &Dataset,
        today: NaiveDate,
    ) -> Result<(Value, Zone), Vec<(Field, String)>> {
        let mut problems: Vec<(Field, String)> = Vec::new();
        let mut fail = |field: Field, reason: &str| problems.push((field, reason.to_owned()));

        let titre = text(
            &self.titre,
            MAX_TITLE,
            Field::Titre,
            "Donnez un titre.",
            &mut fail,
        );
        let resume = text(
            &self.resume,
            MAX_SUMMARY,
            Field::Resume,
            "Dites en une phrase ce que les gens vont faire.",
            &mut fail,
        );
        let description = self.description.trim().replace("\r\n", "\n");
        if description.chars().count() > MAX_DESCRIPTION {
            fail(Field::Description, &too_long(&description, MAX_DESCRIPTION));
        }
        let theme = Theme::from_label(&self.theme);
        if theme.is_none() {
            fail(Field::Theme, "Choisissez un thème.");
        }
        let kind = ActivityType::from_label(&self.type_activite);
        if kind.is_none() {
            fail(Field::Type, "Choisissez un type d'activité.");
        }
        // A date field sends 2027-04-14; typed by hand, 14/04/2027.
        let day = NaiveDate::parse_from_str(self.jour.trim(), "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(self.jour.trim(), "%d/%m/%Y"))
            .ok();
        match day {
            None => fail(Field::Jour, "Donnez la date, par exemple 14/04/2027."),
            Some(d) if d < today => fail(Field::Jour, "Cette date est passée."),
            Some(_) => {}
        }
        let start = time(&self.debut);
        let end = time(&self.fin);
        if start.is_none() {
            fail(Field::Debut, "Donnez l'heure du début, par exemple 14:00.");
        }
        if end.is_none() {
            fail(Field::Fin, "Donnez l'heure de fin, par exemple 16:30.");
        }
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            fail(
                Field::Fin,
                "L'heure de fin doit être après l'heure du début.",
            );
        }

        let records = &dataset.records;
        let place: Option<&Place> = match self.lieu_id.trim() {
            "" => None,
            id => {
                let found = records.by_text::<Place>(id);
                if found.is_none() {
                    fail(
                        Field::Lieu,
                        "Ce lieu n'est pas dans la liste. Choisissez-en un, ou « Un autre lieu ».",
                    );
                }
                found
            }
        };
        // The place's own name and address, or those typed, with the point of the commune.
        let (lieu_nom, adresse, code_postal, commune, point) = match place {
            Some(p) => (
                p.properties.display_name(),
                p.properties.adresse.clone(),
                p.properties.code_postal.to_string(),
                p.location.commune_localisee.clone(),
                Some((p.position.lon, p.position.lat)),
            ),
            None if !self.lieu_id.trim().is_empty() => Default::default(),
            None => {
                let nom = text(
                    &self.lieu_nom,
                    MAX_LINE,
                    Field::LieuNom,
                    "Donnez le nom du lieu (salle, médiathèque, mairie…).",
                    &mut fail,
                );
                let adresse = text(
                    &self.adresse,
                    MAX_LINE,
                    Field::Adresse,
                    "Donnez l'adresse (numéro et rue).",
                    &mut fail,
                );
                let code = self.code_postal.trim().to_owned();
                let (name, point) = match commune_of(dataset, &self.commune, &code) {
                    Ok(c) => match point_in(dataset, c, &self.lat, &self.lon) {
                        Ok(set) => (c.nom.clone(), Some(set.unwrap_or((c.lon, c.lat)))),
                        Err(why) => {
                            fail(Field::Point, &why);
                            (c.nom.clone(), None)
                        }
                    },
                    Err(problems) => {
                        for (f, why) in problems {
                            fail(
                                if f == AddressField::CodePostal {
                                    Field::CodePostal
                                } else {
                                    Field::Commune
                                },
                                &why,
                            );
                        }
                        (self.commune.trim().to_owned(), None)
                    }
                };
                (nom, adresse, code, name, point)
            }
        };

        let public = text(
            &self.public,
            MAX_LINE,
            Field::Public,
            "Dites pour qui c'est (tout public, seniors, parents…).",
            &mut fail,
        );
        let prix = text(
            &self.prix,
            MAX_LINE,
            Field::Prix,
            "Dites le prix, ou « Gratuit ».",
            &mut fail,
        );
        let mut accessibilite = Vec::new();
        for value in &self.accessibilite {
            match Accessibilite::from_label(value) {
                Some(a) if !accessibilite.contains(&a) => accessibilite.push(a),
                Some(_) => {}
                None => fail(Field::Accessibilite, "Choisissez dans la liste."),
            }
        }
        let inscription = match self.inscription.as_str() {
            "libre" => json!({"mode": "libre"}),
            "obligatoire" => {
                let lien = self.inscription_lien.trim();
                let telephone = phone(&self.inscription_telephone);
                let courriel = self.inscription_courriel.trim();
                if lien.is_empty()
                    && telephone.is_none()
                    && courriel.is_empty()
                    && self.inscription_telephone.trim().is_empty()
                {
                    fail(
                        Field::Inscription,
                        "Donnez au moins un moyen de s'inscrire : un lien, un téléphone ou un courriel.",
                    );
                }
                if !lien.is_empty()
                    && (lien.chars().count() > MAX_LINK || lien.parse::<WebUrl>().is_err())
                {
                    fail(
                        Field::InscriptionLien,
                        "Le lien doit commencer par https:// ou http://.",
                    );
                }
                if !self.inscription_telephone.trim().is_empty() && telephone.is_none() {
                    fail(
                        Field::InscriptionTelephone,
                        "Donnez un numéro à 10 chiffres, par exemple 05 63 00 00 00.",
                    );
                }
                if !courriel.is_empty() && !is_email(courriel) {
                    fail(
                        Field::InscriptionCourriel,
                        "Cette adresse de courriel n'est pas valide.",
                    );
                }
                let mut mode = json!({"mode": "obligatoire"});
                for (key, value) in [
                    ("lien", Some(lien.to_owned())),
                    ("telephone", telephone),
                    ("courriel", Some(courriel.to_owned())),
                ] {
                    if let Some(v) = value.filter(|v| !v.is_empty()) {
                        mode[key] = json!(v);
                    }
                }
                mode
            }
            _ => {
                fail(Field::Inscription, "Dites s'il faut s'inscrire.");
                Value::Null
            }
        };
        let actor: Option<&Actor> = match self.organisateur_id.trim() {
            "" => None,
            id => {
                let found = records.by_text::<Actor>(id);
                if found.is_none() {
                    fail(
                        Field::OrganisateurId,
                        "Cette structure n'est pas dans la liste. Choisissez « Ma structure n'est pas dans la liste » et écrivez son nom.",
                    );
                }
                found
            }
        };
        let organisateur = match (actor, self.organisateur.trim()) {
            (Some(a), "") => a.properties.nom.clone(),
            _ => text(
                &self.organisateur,
                MAX_LINE,
                Field::Organisateur,
                "Donnez le nom de votre structure.",
                &mut fail,
            ),
        };
        let courriel = self.courriel.trim();
        if !courriel.is_empty() && !is_email(courriel) {
            fail(
                Field::Courriel,
                "Cette adresse de courriel n'est pas valide. Vous pouvez la laisser vide.",
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(day), Some(start), Some(end), Some((lon, lat))) = (day, start, end, point) else {
            return Err(vec![(
                Field::Jour,
                "Le formulaire est incomplet.".to_owned(),
            )]);
        };
        let at = |t: NaiveTime| {
            Paris
                .from_local_datetime(&day.and_time(t))
                .earliest()
                .map(|d| d.fixed_offset().to_rfc3339())
        };
        let (Some(debut), Some(fin)) = (at(start), at(end)) else {
            return Err(vec![(
                Field::Debut,
                "Cette heure n'existe pas ce jour-là (changement d'heure).".to_owned(),
            )]);
        };
        let mut properties = json!({
            "id": format!("{}-proposition-{}", day.format("%Y"), short_id()),
            "titre": titre,
            "resume": resume,
            "creneaux": [{"debut": debut, "fin": fin}],
            "lieu_nom": lieu_nom,
            "adresse": adresse,
            "code_postal": code_postal,
            "commune": commune,
            "theme": theme.map(Theme::label),
            "type": kind.map(ActivityType::label),
            "public": public,
            "inscription": inscription,
            "prix": prix,
            "organisateur": organisateur,
            "statut": "programmé",
            "edition": day.format("%Y").to_string().parse::<u16>().unwrap_or_default(),
        });
        if !description.is_empty() {
            properties["description"] = json!(description);
        }
        if let Some(p) = place {
            properties["lieu_id"] = json!(p.id().as_str());
        }
        if let Some(a) = actor {
            properties["organisateur_id"] = json!(a.id().as_str());
        }
        if !accessibilite.is_empty() {
            properties["accessibilite"] =
                json!(accessibilite.iter().map(|a| a.label()).collect::<Vec<_>>());
        }
        let feature = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        });
        let parsed: geojson::Feature = serde_json::from_value(feature.clone()).map_err(|e| {
            vec![(
                Field::Titre,
                format!("Le formulaire n'a pas pu être lu : {e}"),
            )]
        })?;
        let known = Known::new(&dataset.territory, &dataset.records.places)
            .with_actors(&dataset.records.actors);
        check_feature::<Event>(std::path::Path::new("proposition"), parsed, &known)
            .map(|event| (feature, event.location.zone))
            .map_err(|errors| {
                errors
                    .into_iter()
                    .map(|e| {
                        let field = e.field.as_deref().map_or(Field::Titre, Field::of_dataset);
                        (field, format!("À corriger : {}.", e.reason))
                    })
                    .collect()
            })
    }
}

/// The part of an address a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressField {
    CodePostal,
    Commune,
}

/// The commune of the département a postal code and a name give (the name first; the code
/// tells apart communes of one name), or each problem with its part of the address.
pub fn commune_of<'d>(
    dataset: &'d Dataset,
    commune: &str,
    code: &str,
) -> Result<&'d app::model::CommuneSummary, Vec<(AddressField, String)>> {
    let mut problems = Vec::new();
    let code = code.trim();
    let code_ok =
        code.len() == 5 && code.starts_with("82") && code.bytes().all(|b| b.is_ascii_digit());
    if !code_ok {
        problems.push((
            AddressField::CodePostal,
            "Le code postal a 5 chiffres et commence par 82.".to_owned(),
        ));
    }
    let commune = commune.trim();
    if commune.is_empty() {
        problems.push((AddressField::Commune, "Donnez la commune.".to_owned()));
        return Err(problems);
    }
    if commune.chars().count() > 100 {
        problems.push((AddressField::Commune, too_long(commune, 100)));
        return Err(problems);
    }
    let with_code =
        |c: &&app::model::CommuneSummary| c.codes_postaux.iter().any(|cp| cp.as_str() == code);
    let found = match dataset.index.communes.resolve(commune) {
        Resolved::One(c) if !code_ok || with_code(&c) => Ok(c),
        Resolved::One(_) => Err("Ce code postal n'est pas celui de cette commune."),
        Resolved::Several(list) => {
            let fitting: Vec<_> = list.into_iter().filter(with_code).collect();
            match fitting[..] {
                [c] => Ok(c),
                _ => Err("Plusieurs communes ont ce nom : vérifiez le code postal."),
            }
        }
        Resolved::Unknown => Err("Cette commune n'est pas dans le Tarn-et-Garonne."),
    };
    match found {
        Ok(c) if problems.is_empty() => Ok(c),
        Ok(_) => Err(problems),
        Err(why) => {
            problems.push((AddressField::Commune, why.to_owned()));
            Err(problems)
        }
    }
}

/// The point set on the small map (`lat`, `lon` as the page's script fills them), when one
/// was: it must fall in `commune`. None when none was set (the commune's centre serves).
pub fn point_in(
    dataset: &Dataset,
    commune: &app::model::CommuneSummary,
    lat: &str,
    lon: &str,
) -> Result<Option<(f64, f64)>, String> {
    let read = |text: &str| text.trim().replace(',', ".").parse::<f64>().ok();
    match (lat.trim(), lon.trim()) {
        ("", "") => return Ok(None),
        (lat_text, lon_text) if lat_text.len() > 30 || lon_text.len() > 30 => {}
        _ => {
            if let (Some(lat), Some(lon)) = (read(lat), read(lon))
                && lat.is_finite()
                && lon.is_finite()
            {
                return match crate::dataset::places::locate(&dataset.territory, lon, lat) {
                    Some(here) if here.insee_localise == commune.insee => Ok(Some((lon, lat))),
                    Some(here) => Err(format!(
                        "Le point placé sur la carte est à {}, pas à {}. Placez-le à nouveau, ou effacez-le.",
                        here.commune_localisee, commune.nom
                    )),
                    None => Err(
                        "Le point placé sur la carte n'est pas dans le Tarn-et-Garonne. Placez-le à nouveau, ou effacez-le."
                            .to_owned(),
                    ),
                };
            }
        }
    }
    Err(
        "Le point placé sur la carte n'a pas pu être lu. Placez-le à nouveau, ou effacez-le."
            .to_owned(),
    )
}

/// A required line of text, trimmed, within `max` characters.
pub fn text<F>(
    value: &str,
    max: usize,
    field: F,
    missing: &str,
    fail: &mut impl FnMut(F, &str),
) -> String {
    let value = value.trim();
    if value.is_empty() {
        fail(field, missing);
    } else if value.chars().count() > max {
        fail(field, &too_long(value, max));
    }
    value.to_owned()
}

pub fn too_long(value: &str, max: usize) -> String {
    format!(
        "C'est trop long : {} caractères, {max} au plus.",
        value.chars().count()
    )
}

/// `14:00` or `14:00:00`, as time fields send it.
pub fn time(value: &str) -> Option<NaiveTime> {
    let value = value.trim();
    NaiveTime::parse_from_str(value, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
        .ok()
}

/// A French number as people write it (`05 63 00 00 00`, `05.63…`, `+33 5…`), in the
/// international form the data keeps; none when it is not one.
pub fn phone(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let international = if value.trim_start().starts_with('+') {
        format!("+{digits}")
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("+33{}", &digits[1..])
    } else {
        return None;
    };
    crate::dataset::places::telephone_problem(&international)
        .is_none()
        .then_some(international)
}

pub fn is_email(value: &str) -> bool {
    value.chars().count() <= MAX_EMAIL && email_address::EmailAddress::is_valid(value)
}

/// Eight random lowercase letters and digits: proposals of the same day do not collide.
pub fn short_id() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}
