//! The pages of a structure presenting itself or updating its entry of the directory: which
//! one, and the form (written by the server, it needs no script).

use app::model::actor::Network;
use app::model::standard::Public;
use app::model::{Actor, ActorType, Competence, Record, escape_html as e};

use super::actor_form::{ActorField, ActorForm, MAX_DESCRIPTION, MAX_NAME, served_choices};
use super::pages::{
    Chooser, REQUIRED, boxes, field, record_form_top, select, text_input, your_email,
};
use crate::dataset::Dataset;

type Problems = super::pages::Problems<ActorField>;

/// What the coordinators' page shows of a structure proposed: each field, in these words.
pub const SHOWN: &[(&str, &str)] = &[
    ("nom", "Nom"),
    ("type", "Genre"),
    ("siret", "SIRET"),
    ("description", "Ce qu'elle fait"),
    ("competences", "Ce qu'elle sait faire"),
    ("publics", "Publics"),
    ("reseaux", "Réseaux"),
    ("territoire", "Où elle agit"),
    ("lieux", "Ses lieux"),
    ("site_web", "Site"),
    ("courriel", "Courriel"),
    ("telephone", "Téléphone"),
];

/// `/participer/structure`: update a structure of the directory, or present a new one;
/// `suivi` is the follow-up the proposal goes to, if any.
pub fn chooser(dataset: &Dataset, suivi: &str) -> String {
    let words = Chooser {
        action: "/participer/structure",
        intro: concat!(
            "<h1>Présenter votre structure</h1>",
            "<p class=\"intro\">L'annuaire des acteurs dit qui fait quoi pour le numérique en Tarn-et-Garonne. ",
            "Les médiateurs s'en servent pour orienter les gens et pour trouver des partenaires.</p>",
        ),
        update: [
            "Votre structure est dans l'annuaire",
            "Votre structure",
            "Mettre à jour",
        ],
        new: [
            "Votre structure n'est pas dans l'annuaire",
            "Présenter une nouvelle structure",
        ],
    };
    let mut actors: Vec<&Actor> = dataset.records.all::<Actor>().iter().collect();
    actors.sort_by_key(|a| a.properties.nom.to_lowercase());
    let options: Vec<(String, String)> = actors
        .iter()
        .map(|a| (a.id().to_string(), a.properties.nom.clone()))
        .collect();
    super::pages::chooser(&words, &options, suivi)
}

/// The form, filled with what was typed (or with the published structure), each problem
/// next to its field and listed first.
pub fn form(
    form: &ActorForm,
    problems: &Problems,
    updating: Option<&Actor>,
    dataset: &Dataset,
) -> String {
    let p = problems;
    let heading = match updating {
        Some(actor) => format!("Mettre à jour : {}", e(&actor.properties.nom)),
        None => "Présenter votre structure".to_owned(),
    };
    let mut out = record_form_top(
        p,
        &heading,
        "/participer/structure",
        &form.sender.suivi,
        (ActorField::Acteur, &form.acteur),
    );

    out.push_str("<fieldset><legend>Votre structure</legend>");
    out += &text_input(
        p,
        ActorField::Nom,
        &format!("Son nom{REQUIRED}"),
        Some("Le nom que les gens connaissent."),
        &form.nom,
        "text",
        &format!(" maxlength=\"{MAX_NAME}\" required autocomplete=\"organization\""),
    );
    let mut kinds = vec![(String::new(), "Choisissez".to_owned())];
    kinds.extend(
        ActorType::ALL
            .iter()
            .map(|t| (t.label().to_owned(), t.label().to_owned())),
    );
    out += &select(
        p,
        ActorField::Type,
        &format!("C'est{REQUIRED}"),
        None,
        &form.type_acteur,
        &kinds,
    );
    out += &text_input(
        p,
        ActorField::Siret,
        "Numéro SIRET (facultatif)",
        Some("14 chiffres. Il aide l'équipe à vous reconnaître."),
        &form.siret,
        "text",
        " inputmode=\"numeric\" maxlength=\"20\"",
    );
    out += &field(
        p,
        ActorField::Description,
        "Ce que vous faites, en quelques phrases (facultatif)",
        None,
        &format!(
            "<textarea <CONTROL rows=\"4\" maxlength=\"{MAX_DESCRIPTION}\">{}</textarea>",
            e(&form.description)
        ),
    );
    let mut served = vec![(
        String::new(),
        if updating.is_some() {
            "Comme aujourd'hui".to_owned()
        } else {
            "Choisissez".to_owned()
        },
    )];
    served.extend(served_choices(dataset));
    let served_label = if updating.is_some() {
        "Où vous agissez".to_owned()
    } else {
        format!("Où vous agissez{REQUIRED}")
    };
    out += &select(
        p,
        ActorField::Territoire,
        &served_label,
        Some("Vos lieux comptent aussi : l'équipe les relie à votre structure."),
        &form.territoire,
        &served,
    );
    out.push_str("</fieldset>");

    let labels = |all: Vec<&'static str>| all.into_iter().map(|l| (l, l)).collect::<Vec<_>>();
    out += &boxes(
        p,
        ActorField::Competences,
        "Ce que vous savez faire",
        &labels(Competence::ALL.iter().map(|c| c.label()).collect()),
        &form.competences,
    );
    out += &boxes(
        p,
        ActorField::Publics,
        "Les publics que vous aidez en particulier (aucun : tout le monde)",
        &labels(Public::ALL.iter().map(|c| c.label()).collect()),
        &form.publics,
    );
    out += &boxes(
        p,
        ActorField::Reseaux,
        "Vos réseaux et labels",
        &labels(Network::ALL.iter().map(|c| c.label()).collect()),
        &form.reseaux,
    );

    out.push_str("<fieldset><legend>Pour vous joindre (publié)</legend>");
    out += &text_input(
        p,
        ActorField::SiteWeb,
        "Site internet",
        None,
        &form.site_web,
        "url",
        " maxlength=\"2000\"",
    );
    out += &text_input(
        p,
        ActorField::CourrielActeur,
        "Courriel",
        None,
        &form.courriel_acteur,
        "email",
        " maxlength=\"200\"",
    );
    out += &text_input(
        p,
        ActorField::Telephone,
        "Téléphone",
        None,
        &form.telephone,
        "tel",
        " maxlength=\"30\"",
    );
    out.push_str("</fieldset><fieldset><legend>Vous</legend>");
    out += &your_email(p, ActorField::Courriel, &form.sender.courriel);
    out.push_str(
        "</fieldset><p class=\"boutons\"><button type=\"submit\">Envoyer</button></p></form>",
    );
    out
}
