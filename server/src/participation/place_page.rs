//! The pages of a place proposed or corrected: the form (written by the server, it needs no
//! script), and for coordinators what it says against the published place.

use std::fmt::Write;

use app::model::plain_words::PlainWords;
use app::model::standard::Service;
use app::model::{Place, Record, escape_html as e};

use super::pages::{
    Chooser, REQUIRED, boxes, point_picker, problem, record_form_top, text_input, your_email,
};
use super::place_form::{DAYS, MAX_LINE, MAX_NAME, MAX_SUMMARY, PlaceField, PlaceForm};
use crate::dataset::Dataset;

type Problems = super::pages::Problems<PlaceField>;

/// `/participer/lieu`: choose a place to correct, or propose a new one; `suivi` is the
/// follow-up the proposal goes to, if any.
pub fn chooser(dataset: &Dataset, suivi: &str) -> String {
    let words = Chooser {
        action: "/participer/lieu",
        intro: concat!(
            "<h1>Un lieu d'aide au numérique</h1>",
            "<p class=\"intro\">Vous aidez les gens avec le numérique dans un lieu ? Dites-le, pour qu'il soit sur la carte. ",
            "Ses horaires ou son téléphone ont changé ? Corrigez-le.</p>",
        ),
        update: [
            "Corriger un lieu de la carte",
            "Le lieu",
            "Corriger ce lieu",
        ],
        new: [
            "Un lieu qui n'est pas sur la carte",
            "Proposer un nouveau lieu",
        ],
    };
    let options: Vec<(String, String)> = sorted_places(dataset)
        .iter()
        .map(|place| {
            (
                place.id().to_string(),
                format!(
                    "{} – {}",
                    place.location.commune_localisee,
                    place.properties.display_name()
                ),
            )
        })
        .collect();
    super::pages::chooser(&words, &options, suivi)
}

fn sorted_places(dataset: &Dataset) -> Vec<&Place> {
    let mut places: Vec<&Place> = dataset.records.all::<Place>().iter().collect();
    places.sort_by_key(|p| {
        (
            p.location.commune_localisee.clone(),
            p.properties.display_name(),
        )
    });
    places
}

/// The form, filled with what was typed (or, for a correction, with the published place),
/// each problem next to its field and listed first.
pub fn form(form: &PlaceForm, problems: &Problems, correcting: Option<&Place>) -> String {
    let p = problems;
    let heading = match correcting {
        Some(place) => format!("Corriger un lieu : {}", e(&place.properties.display_name())),
        None => "Proposer un nouveau lieu".to_owned(),
    };
    let mut out = record_form_top(
        p,
        &heading,
        "/participer/lieu",
        &form.sender.suivi,
        (PlaceField::Lieu, &form.lieu),
    );

    out.push_str("<fieldset><legend>Le lieu</legend>");
    out += &text_input(
        p,
        PlaceField::Nom,
        &format!("Nom du lieu{REQUIRED}"),
        Some("Par exemple : Médiathèque de Lauzerte, France services de Caussade."),
        &form.nom,
        "text",
        &format!(" maxlength=\"{MAX_NAME}\" required"),
    );
    out += &text_input(
        p,
        PlaceField::Adresse,
        &format!("Numéro et rue{REQUIRED}"),
        None,
        &form.adresse,
        "text",
        &format!(" maxlength=\"{MAX_LINE}\" required autocomplete=\"street-address\""),
    );
    out += &text_input(
        p,
        PlaceField::Complement,
        "Complément d'adresse",
        Some("Bâtiment, étage, entrée…"),
        &form.complement,
        "text",
        &format!(" maxlength=\"{MAX_LINE}\""),
    );
    out += &text_input(
        p,
        PlaceField::CodePostal,
        &format!("Code postal{REQUIRED}"),
        None,
        &form.code_postal,
        "text",
        " inputmode=\"numeric\" maxlength=\"5\" required autocomplete=\"postal-code\"",
    );
    out += &text_input(
        p,
        PlaceField::Commune,
        &format!("Commune{REQUIRED}"),
        Some(
            "Sans point placé sur une carte, le lieu est placé au centre de sa commune. L'équipe le place ensuite à la bonne adresse.",
        ),
        &form.commune,
        "text",
        " maxlength=\"100\" required autocomplete=\"address-level2\"",
    );
    out += &point_picker(
        p,
        PlaceField::Point,
        (&form.lat, &form.lon),
        correcting.map(|c| (c.position.lon, c.position.lat)),
    );
    out += &text_input(
        p,
        PlaceField::Resume,
        "En une phrase (facultatif)",
        Some("Ce que l'on y trouve, pour qui."),
        &form.resume,
        "text",
        &format!(" maxlength=\"{MAX_SUMMARY}\""),
    );
    out.push_str("</fieldset>");

    let services: Vec<(&str, &str)> = Service::ALL
        .iter()
        .map(|s| (s.label(), s.plain()))
        .collect();
    out += &boxes(
        p,
        PlaceField::Services,
        "On y trouve de l'aide pour (au moins une)",
        &services,
        &form.services,
    );

    out.push_str(concat!(
        "<fieldset class=\"horaires\" id=\"p-horaires\" tabindex=\"-1\"><legend>Horaires d'ouverture</legend>",
        "<p class=\"aide\" id=\"aide-horaires\">Écrivez les heures comme 09:00. Laissez vide un jour de fermeture. ",
        "Ouvert sans pause : remplissez seulement le matin.</p>",
    ));
    if let Some(why) = problem(p, PlaceField::Horaires) {
        let _ = write!(
            out,
            "<p class=\"erreur-champ\" id=\"erreur-horaires\">{}</p>",
            e(why)
        );
    }
    out.push_str(concat!(
        "<table><caption class=\"visuellement-cache\">Horaires, jour par jour</caption>",
        "<thead><tr><th scope=\"col\">Jour</th><th scope=\"col\">Matin, de</th><th scope=\"col\">à</th>",
        "<th scope=\"col\">Après-midi, de</th><th scope=\"col\">à</th></tr></thead><tbody>",
    ));
    // The form's name, what a screen reader says, what a phone shows above the box.
    let parts = [
        ("de1", "le matin, de", "Matin, de"),
        ("a1", "le matin, à", "Matin, à"),
        ("de2", "l'après-midi, de", "Après-midi, de"),
        ("a2", "l'après-midi, à", "Après-midi, à"),
    ];
    for ((label, name), day) in DAYS.iter().zip(form.horaires.iter()) {
        let _ = write!(out, "<tr><th scope=\"row\">{label}</th>");
        for ((part, said, shown), value) in parts.iter().zip(day.iter()) {
            let _ = write!(
                out,
                "<td data-nom=\"{shown}\"><input type=\"time\" name=\"{name}_{part}\" aria-label=\"{label} {said}\" value=\"{}\"></td>",
                e(value)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></fieldset>");

    out.push_str("<fieldset><legend>Pour joindre le lieu</legend>");
    out += &text_input(
        p,
        PlaceField::Telephone,
        "Téléphone",
        None,
        &form.telephone,
        "tel",
        " maxlength=\"30\"",
    );
    out += &text_input(
        p,
        PlaceField::CourrielLieu,
        "Courriel du lieu",
        Some("Il est publié sur la carte."),
        &form.courriel_lieu,
        "email",
        " maxlength=\"200\"",
    );
    out += &text_input(
        p,
        PlaceField::SiteWeb,
        "Site internet",
        None,
        &form.site_web,
        "url",
        " maxlength=\"2000\"",
    );
    out.push_str("</fieldset>");

    out.push_str("<fieldset><legend>Vous</legend>");
    out += &your_email(p, PlaceField::Courriel, &form.sender.courriel);
    let _ = write!(
        out,
        "</fieldset><p class=\"boutons\"><button type=\"submit\">{}</button></p></form>",
        if correcting.is_some() {
            "Envoyer la correction"
        } else {
            "Envoyer le lieu"
        }
    );
    out
}

/// What the coordinators' page shows of a place proposed: each field, in these words.
pub const SHOWN: &[(&str, &str)] = &[
    ("nom_affiche", "Nom affiché"),
    ("nom", "Nom (source)"),
    ("adresse", "Adresse"),
    ("complement_adresse", "Complément"),
    ("code_postal", "Code postal"),
    ("commune", "Commune"),
    ("horaires", "Horaires"),
    ("services", "Aides"),
    ("telephone", "Téléphone"),
    ("courriels", "Courriel"),
    ("site_web", "Site"),
    ("presentation_resume", "En une phrase"),
];
