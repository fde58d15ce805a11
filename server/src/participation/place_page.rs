//! The pages of a place proposed or corrected: the form (written by the server, it needs no
//! script), and for coordinators what it says against the published place.

use std::fmt::Write;

use app::model::plain_words::PlainWords;
use app::model::standard::Service;
use app::model::{Place, Record, escape_html as e};

use super::pages::{REQUIRED, boxes, field, form_start, problem, problems_or_intro, text_input};
use super::place_form::{DAYS, MAX_LINE, MAX_NAME, MAX_SUMMARY, PlaceField, PlaceForm};
use super::store::Proposal;
use crate::dataset::Dataset;

type Problems = super::pages::Problems<PlaceField>;

/// `/participer/lieu`: choose a place to correct, or propose a new one; `suivi` is the
/// follow-up the proposal goes to, if any.
pub fn chooser(dataset: &Dataset, suivi: &str) -> String {
    let mut out = String::from(concat!(
        "<h1>Un lieu d'aide au numérique</h1>",
        "<p class=\"intro\">Vous aidez les gens avec le numérique dans un lieu ? Dites-le, pour qu'il soit sur la carte. ",
        "Ses horaires ou son téléphone ont changé ? Corrigez-le.</p>",
        "<h2>Corriger un lieu de la carte</h2>",
        "<form class=\"participer\" method=\"get\" action=\"/participer/lieu\">",
    ));
    let follow = if suivi.is_empty() {
        String::new()
    } else {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"suivi\" value=\"{}\">",
            e(suivi)
        );
        format!("&amp;suivi={}", e(suivi))
    };
    out.push_str(
        "<p class=\"champ\"><label for=\"p-corriger\">Le lieu</label><select id=\"p-corriger\" name=\"corriger\">",
    );
    for place in sorted_places(dataset) {
        let _ = write!(
            out,
            "<option value=\"{}\">{} – {}</option>",
            e(place.id().as_str()),
            e(&place.location.commune_localisee),
            e(&place.properties.display_name())
        );
    }
    let _ = write!(
        out,
        concat!(
            "</select></p><p class=\"boutons\"><button type=\"submit\">Corriger ce lieu</button></p></form>",
            "<h2>Un lieu qui n'est pas sur la carte</h2>",
            "<p><a class=\"bouton\" href=\"/participer/lieu?nouveau=1{}\">Proposer un nouveau lieu</a></p>",
        ),
        follow
    );
    out
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
    let mut out = match correcting {
        Some(place) => format!(
            "<h1>Corriger un lieu : {}</h1><p>Changez ce qui n'est plus juste, puis envoyez. L'équipe du Département vérifie avant de publier.</p>",
            e(&place.properties.display_name())
        ),
        None => "<h1>Proposer un nouveau lieu</h1><p>L'équipe du Département vérifie avant de publier.</p>".to_owned(),
    };
    problems_or_intro(&mut out, problems);
    form_start(&mut out, "/participer/lieu", &form.suivi, None);
    if !form.lieu.is_empty() {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"lieu\" value=\"{}\">",
            e(&form.lieu)
        );
    }
    if let Some(why) = problem(p, PlaceField::Lieu) {
        let _ = write!(
            out,
            "<p class=\"erreur-champ\" id=\"p-lieu\" tabindex=\"-1\">{}</p>",
            e(why)
        );
    }

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
            "Le lieu est placé sur la carte au centre de sa commune. L'équipe le place ensuite à la bonne adresse.",
        ),
        &form.commune,
        "text",
        " maxlength=\"100\" required autocomplete=\"address-level2\"",
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
    out += &field(
        p,
        PlaceField::Courriel,
        "Votre courriel (facultatif)",
        Some("Pour que l'équipe puisse vous joindre. Il n'est pas publié."),
        &format!(
            "<input type=\"email\" <CONTROL value=\"{}\" maxlength=\"200\" autocomplete=\"email\">",
            e(&form.courriel)
        ),
    );
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

/// A place proposed, for coordinators: each field, and for a correction what the published
/// place says where it differs.
pub fn summary(proposal: &Proposal, published: Option<&Place>) -> String {
    let proposed = &proposal.content["properties"];
    let before = published.and_then(|p| serde_json::to_value(&p.properties).ok());
    let mut out = format!(
        "<h1>{}</h1><p><strong>{}</strong> : {}</p>",
        e(&super::pages::title(proposal)),
        e(&app::format::capitalised(proposal.status.label())),
        e(proposal.status.meaning())
    );
    if before.is_some() {
        out.push_str("<p>Une correction d'un lieu de la carte. Les lignes en gras ont changé.</p>");
    }
    out.push_str(concat!(
        "<table class=\"changements\"><caption>Ce que dit la proposition</caption><thead><tr>",
        "<th scope=\"col\">Champ</th><th scope=\"col\">Proposé</th><th scope=\"col\">Publié aujourd'hui</th>",
        "</tr></thead><tbody>",
    ));
    for (key, words) in [
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
    ] {
        let now = shown(&proposed[key]);
        let was = before.as_ref().map(|b| shown(&b[key]));
        if now.is_empty() && was.as_deref().is_none_or(str::is_empty) {
            continue;
        }
        let changed = was.as_ref().is_some_and(|w| *w != now);
        let (open, close) = if changed {
            ("<strong>", "</strong>")
        } else {
            ("", "")
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{open}{}{close}</th><td>{open}{}{close}</td><td>{}</td></tr>",
            e(words),
            e(&now),
            e(&was.unwrap_or_else(|| "(nouveau lieu)".to_owned()))
        );
    }
    out.push_str("</tbody></table><dl class=\"proposition\">");
    for (term, value) in [
        (
            "Courriel de la structure",
            proposal.email.clone().unwrap_or_default(),
        ),
        (
            "Zone",
            proposal
                .zone
                .map(|z| z.as_str().to_owned())
                .unwrap_or_default(),
        ),
    ] {
        if !value.is_empty() {
            let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", e(term), e(&value));
        }
    }
    out.push_str("</dl>");
    out
}

/// A value of the place as a line of text: a list joined with commas.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
