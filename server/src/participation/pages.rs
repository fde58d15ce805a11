//! The pages of the call for participation, written by the server (they need no script):
//! the call, the form to propose an event, and a structure's follow-up. Every value typed
//! or stored goes through `escape_html` where it is shown, in text and attributes alike.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use app::format::{date_fr, slot_fr};
use app::model::{Accessibilite, ActivityType, Actor, Place, Record, Theme, escape_html as e};

use super::Status;
use super::actor_form::NEW_ACTOR;
use super::event_form::{
    EventForm, Field, FormField, MAX_DESCRIPTION, MAX_LINE, MAX_SUMMARY, MAX_TITLE, TRAP,
};
use super::place_form::NEW_PLACE;
use super::store::{Kind, Proposal, Token};
use crate::dataset::Dataset;
use crate::dataset::call::Call;

/// `/participer`: the call itself, as the data folder gives it (`appel.json`), on `today`;
/// `mails` when the link is also sent by e-mail.
pub fn call(mails: bool, call: Option<&Call>, today: NaiveDate) -> String {
    let mut out = String::from("<h1>Participer au « 82 fait son numérique »</h1>");
    match call.map(|c| &c.presentation[..]).filter(|p| !p.is_empty()) {
        Some(paragraphs) => {
            for p in paragraphs {
                let _ = write!(out, "<p>{}</p>", e(p));
            }
        }
        None => out.push_str(concat!(
            "<p class=\"intro\">Chaque printemps, le Département de Tarn-et-Garonne organise un mois d'événements sur le numérique, partout dans le département.</p>",
            "<p>Proposez un atelier, une conférence, une table ronde, une exposition ou une rencontre. Vous organisez votre événement vous-même. L'équipe du Département choisit les événements et prépare le programme avec vous.</p>",
        )),
    }
    out.push_str("<h2>Quand ?</h2>");
    for sentence in when(call, today) {
        let _ = write!(out, "<p>{}</p>", e(&sentence));
    }
    let link = if mails {
        "Une page s'affiche avec votre lien personnel. Notez-le : il permet de suivre votre proposition. Si vous donnez votre courriel, nous vous l'envoyons aussi, avec chaque réponse de l'équipe."
    } else {
        "Une page s'affiche avec votre lien personnel. Notez-le : il n'est pas envoyé par courriel. Il permet de suivre votre proposition."
    };
    let _ = write!(
        out,
        concat!(
            "<h2>Comment ?</h2>",
            "<ol><li>Remplissez le formulaire. Il faut environ 10 minutes.</li>",
            "<li>{}</li>",
            "<li>L'équipe vous répond sur cette page : acceptée, à compléter ou refusée.</li></ol>",
            "<p><a class=\"bouton\" href=\"/participer/evenement\">Proposer un événement</a></p>",
            "<h2>Un lieu d'aide au numérique</h2>",
            "<p>Vous aidez les gens avec le numérique dans un lieu ? Ou les horaires d'un lieu de la carte ont changé ?</p>",
            "<p><a class=\"bouton\" href=\"/participer/lieu\">Proposer ou corriger un lieu</a></p>",
            "<h2>Votre structure</h2>",
            "<p>Association, commune, entreprise, médiathèque… Dites ce que vous savez faire, pour que les médiateurs et les habitants vous trouvent.</p>",
            "<p><a class=\"bouton\" href=\"/participer/structure\">Présenter votre structure</a></p>",
            "<p>Tout ce qui est publié sur la carte est une donnée ouverte : chacun peut la réutiliser.</p>",
        ),
        link
    );
    out
}

/// "du 13 avril au 10 mai 2026", "du 13 au 17 avril 2026".
fn span_fr(start: NaiveDate, end: NaiveDate) -> String {
    use chrono::Datelike;
    let full = date_fr(start);
    let first = if start.year() != end.year() {
        full
    } else if start.month() != end.month() {
        full.trim_end_matches(&format!(" {}", start.year()))
            .to_owned()
    } else {
        full.split(' ').next().unwrap_or_default().to_owned()
    };
    format!("du {first} au {}", date_fr(end))
}

const NOT_SET: &str = "Les dates de la prochaine édition ne sont pas encore fixées. Vous pouvez déjà proposer un événement : l'équipe vous répondra quand elle préparera le programme.";

/// « a eu lieu », « a lieu » or « aura lieu », from `start` to `end`, on `today`.
fn takes_place(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> &'static str {
    if end < today {
        "a eu lieu"
    } else if start <= today {
        "a lieu"
    } else {
        "aura lieu"
    }
}

const NOT_OPEN: &str = "L'appel à participation n'est pas encore ouvert. Vous pouvez déjà proposer un événement : l'équipe vous répondra quand elle préparera le programme.";

/// The call's dates in sentences, past, present or future as `today` makes them.
fn when(call: Option<&Call>, today: NaiveDate) -> Vec<String> {
    let mut said = Vec::new();
    let Some(call) = call else {
        return vec![NOT_SET.to_owned()];
    };
    for edition in &call.editions {
        let tense = takes_place(edition.debut, edition.fin, today);
        let mut sentence = format!(
            "L'édition {} {tense} {}.",
            edition.annee,
            span_fr(edition.debut, edition.fin)
        );
        if let Some(week) = &edition.semaine_phare {
            let tense = takes_place(week.debut, week.fin, today);
            let _ = write!(
                sentence,
                " La semaine phare {tense} à {}, {}.",
                week.lieu,
                span_fr(week.debut, week.fin)
            );
        }
        said.push(sentence);
    }
    match (&call.appel, call.edition_called()) {
        (Some(opening), Some(edition)) => said.push(if today < opening.ouverture {
            format!(
                "L'appel à participation pour l'édition {} ouvrira le {}. Vous pouvez déjà proposer un événement.",
                edition.annee,
                date_fr(opening.ouverture)
            )
        } else if today <= opening.date_limite {
            format!(
                "L'appel à participation pour l'édition {} est ouvert. Envoyez vos propositions jusqu'au {} inclus.",
                edition.annee,
                date_fr(opening.date_limite)
            )
        } else {
            format!(
                "L'appel à participation pour l'édition {} est clos depuis le {}. Vous pouvez encore proposer un événement : l'équipe vous dira s'il peut entrer dans le programme.",
                edition.annee,
                date_fr(opening.date_limite)
            )
        }),
        // An edition is announced, its call not yet.
        _ if call.editions.iter().any(|e| e.debut > today) => said.push(NOT_OPEN.to_owned()),
        _ => said.push(NOT_SET.to_owned()),
    }
    said
}

/// One problem per field, in the form's order.
pub type Problems<F = Field> = [(F, String)];

pub fn problem<F: FormField>(problems: &Problems<F>, field: F) -> Option<&str> {
    problems
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, why)| why.as_str())
}

/// The label, the problem when there is one, then the control; the control says which
/// texts describe it.
pub fn field<F: FormField>(
    problems: &Problems<F>,
    field: F,
    label: &str,
    help: Option<&str>,
    control: &str,
) -> String {
    let name = field.name();
    let mut described = Vec::new();
    let mut out = format!("<p class=\"champ\"><label for=\"p-{name}\">{label}</label>");
    if let Some(help) = help {
        let _ = write!(out, "<span class=\"aide\" id=\"aide-{name}\">{help}</span>");
        described.push(format!("aide-{name}"));
    }
    let invalid = match problem(problems, field) {
        Some(why) => {
            let _ = write!(
                out,
                "<span class=\"erreur-champ\" id=\"erreur-{name}\">{}</span>",
                e(why)
            );
            described.push(format!("erreur-{name}"));
            " aria-invalid=\"true\""
        }
        None => "",
    };
    let described = if described.is_empty() {
        String::new()
    } else {
        format!(" aria-describedby=\"{}\"", described.join(" "))
    };
    let control = control.replacen(
        "<CONTROL",
        &format!("id=\"p-{name}\" name=\"{name}\"{described}{invalid}"),
        1,
    );
    let _ = write!(out, "{control}</p>");
    out
}

pub fn text_input<F: FormField>(
    problems: &Problems<F>,
    f: F,
    label: &str,
    help: Option<&str>,
    value: &str,
    kind: &str,
    attributes: &str,
) -> String {
    field(
        problems,
        f,
        label,
        help,
        &format!(
            "<input type=\"{kind}\" <CONTROL value=\"{}\"{attributes}>",
            e(value)
        ),
    )
}

pub fn select<F: FormField>(
    problems: &Problems<F>,
    f: F,
    label: &str,
    help: Option<&str>,
    chosen: &str,
    options: &[(String, String)],
) -> String {
    let mut control = "<select <CONTROL>".to_owned();
    for (value, text) in options {
        let selected = if value == chosen { " selected" } else { "" };
        let _ = write!(
            control,
            "<option value=\"{}\"{selected}>{}</option>",
            e(value),
            e(text)
        );
    }
    control.push_str("</select>");
    field(problems, f, label, help, &control)
}

/// A group of boxes to tick, each `(value, words)`, those `chosen` ticked; its problem on
/// top, where the list of problems leads.
pub fn boxes<F: FormField>(
    problems: &Problems<F>,
    field: F,
    legend: &str,
    options: &[(&str, &str)],
    chosen: &[String],
) -> String {
    let name = field.name();
    let mut out = format!(
        "<fieldset class=\"cases\" id=\"p-{name}\" tabindex=\"-1\"><legend>{}</legend>",
        e(legend)
    );
    if let Some(why) = problem(problems, field) {
        let _ = write!(
            out,
            "<p class=\"erreur-champ\" id=\"erreur-{name}\">{}</p>",
            e(why)
        );
    }
    out.push_str("<ul>");
    for (i, (value, words)) in options.iter().enumerate() {
        let checked = if chosen.iter().any(|v| v == value) {
            " checked"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li><input type=\"checkbox\" id=\"p-{name}-{i}\" name=\"{name}\" value=\"{}\"{checked}><label for=\"p-{name}-{i}\">{}</label></li>",
            e(value),
            e(words)
        );
    }
    out.push_str("</ul></fieldset>");
    out
}

/// The structure's own address: to write to it, never published.
pub fn your_email<F: FormField>(problems: &Problems<F>, field: F, value: &str) -> String {
    text_input(
        problems,
        field,
        "Votre courriel (facultatif)",
        Some("Pour que l'équipe puisse vous joindre. Il n'est pas publié."),
        value,
        "email",
        " maxlength=\"200\" autocomplete=\"email\"",
    )
}

/// The small map to set a place's point at its address (`public/point.js`): hidden until
/// the script runs, so that without it nothing is offered that cannot be done. `lat` and
/// `lon` are as posted; `near` is where the map opens (the published place's point).
pub fn point_picker<F: FormField>(
    problems: &Problems<F>,
    field: F,
    (lat, lon): (&str, &str),
    near: Option<(f64, f64)>,
) -> String {
    let mut out = String::new();
    if let Some(why) = problem(problems, field) {
        let _ = write!(
            out,
            "<div id=\"p-{0}\" tabindex=\"-1\"><p class=\"erreur-champ\" id=\"erreur-{0}\">{1}</p></div>",
            field.name(),
            e(why)
        );
    }
    let near = near
        .map(|(lon, lat)| format!(" data-lat=\"{lat}\" data-lon=\"{lon}\""))
        .unwrap_or_default();
    let _ = write!(
        out,
        concat!(
            "<div class=\"point\" data-point{} hidden>",
            "<p class=\"aide\">Vous pouvez placer le lieu sur une carte, à son adresse. Sinon, il est placé au centre de sa commune.</p>",
            "<p><button type=\"button\" data-point-ouvrir aria-controls=\"carte-point\" aria-expanded=\"false\">Placer le lieu sur une carte</button></p>",
            "<div id=\"carte-point\" class=\"petite-carte\" hidden></div>",
            "<p class=\"point-actions\" hidden><button type=\"button\" data-point-centre>Placer le point au centre de la carte</button>",
            "<button type=\"button\" data-point-effacer>Effacer le point</button></p>",
            "<p role=\"status\" data-point-dit></p>",
            "<input type=\"hidden\" name=\"lat\" value=\"{}\"><input type=\"hidden\" name=\"lon\" value=\"{}\">",
            "</div><script defer src=\"/assets/point.js\"></script>",
        ),
        near,
        e(lat),
        e(lon)
    );
    out
}

pub const REQUIRED: &str = " <span class=\"aide\">(obligatoire)</span>";

/// The list of problems, each a link to its field; or, when there is none, what the form
/// needs.
pub fn problems_or_intro<F: FormField>(out: &mut String, problems: &Problems<F>) {
    if problems.is_empty() {
        out.push_str("<p class=\"intro\">Les champs marqués « obligatoire » sont nécessaires. Le reste aide les habitants à venir.</p>");
        return;
    }
    let n = problems.len();
    let _ = write!(
        out,
        "<div class=\"alerte\" role=\"alert\" id=\"a-corriger\" tabindex=\"-1\"><h2>{}</h2><ul>",
        if n == 1 {
            "Un champ est à corriger".to_owned()
        } else {
            format!("{n} champs sont à corriger")
        }
    );
    for (f, why) in problems {
        let _ = write!(out, "<li><a href=\"#p-{}\">{}</a></li>", f.name(), e(why));
    }
    out.push_str("</ul><p>Ce que vous avez écrit est gardé.</p></div>");
}

/// The opening of a form sent to `action`: the follow-up it adds to and the version it
/// answers, when there are, and the field only robots fill.
pub fn form_start(out: &mut String, action: &str, suivi: &str, version: Option<&str>) {
    let _ = write!(
        out,
        "<form class=\"participer\" method=\"post\" action=\"{}\" novalidate>",
        e(action)
    );
    if let Some(version) = version {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"version\" value=\"{}\">",
            e(version)
        );
    }
    if !suivi.is_empty() {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"suivi\" value=\"{}\">",
            e(suivi)
        );
    }
    // Hidden from people and from screen readers: only a robot fills it.
    let _ = write!(
        out,
        "<p class=\"piege\" aria-hidden=\"true\"><label for=\"p-piege\">Ne pas remplir</label><input id=\"p-piege\" name=\"{TRAP}\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></p>"
    );
}

/// What a chooser of records says: its words, and where its form goes.
pub struct Chooser<'w> {
    /// `/participer/lieu`.
    pub action: &'w str,
    /// The title and the introduction, as HTML.
    pub intro: &'w str,
    /// Above the list, its label, and the button that opens the form.
    pub update: [&'w str; 3],
    /// Below: the title and the button for a new record.
    pub new: [&'w str; 2],
}

/// A page to choose a published record to update (its `options`, `(id, words)`), or to
/// propose a new one; `suivi` is the follow-up the proposal goes to, if any.
pub fn chooser(words: &Chooser, options: &[(String, String)], suivi: &str) -> String {
    let [heading, label, button] = words.update;
    let mut out = format!(
        "{}<h2>{}</h2><form class=\"participer\" method=\"get\" action=\"{}\">",
        words.intro,
        e(heading),
        e(words.action)
    );
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
    let _ = write!(
        out,
        "<p class=\"champ\"><label for=\"p-corriger\">{}</label><select id=\"p-corriger\" name=\"corriger\">",
        e(label)
    );
    for (id, text) in options {
        let _ = write!(out, "<option value=\"{}\">{}</option>", e(id), e(text));
    }
    let [new_heading, new_button] = words.new;
    let _ = write!(
        out,
        concat!(
            "</select></p><p class=\"boutons\"><button type=\"submit\">{}</button></p></form>",
            "<h2>{}</h2><p><a class=\"bouton\" href=\"{}?nouveau=1{}\">{}</a></p>",
        ),
        e(button),
        e(new_heading),
        e(words.action),
        follow,
        e(new_button)
    );
    out
}

/// The top of a record's form: its title (`heading`, as HTML), what happens next, its
/// problems, the opening of the form sent to `action`, and the published record it updates
/// (`record`: its field and id, empty for a new one).
pub fn record_form_top<F: FormField>(
    problems: &Problems<F>,
    heading: &str,
    action: &str,
    suivi: &str,
    record: (F, &str),
) -> String {
    let (field, id) = record;
    let mut out = format!("<h1>{heading}</h1>");
    out.push_str(if id.is_empty() {
        "<p>L'équipe du Département vérifie avant de publier.</p>"
    } else {
        "<p>Changez ce qui n'est plus juste, puis envoyez. L'équipe du Département vérifie avant de publier.</p>"
    });
    problems_or_intro(&mut out, problems);
    form_start(&mut out, action, suivi, None);
    let name = field.name();
    if !id.is_empty() {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
            e(id)
        );
    }
    if let Some(why) = problem(problems, field) {
        let _ = write!(
            out,
            "<p class=\"erreur-champ\" id=\"p-{name}\" tabindex=\"-1\">{}</p>",
            e(why)
        );
    }
    out
}

/// `/participer/evenement`: the form, filled with what was typed and each problem next to
/// its field, with the list of problems first.
/// A proposal sent back to its structure, completed in the event form.
pub struct Completing {
    /// Where the form is sent: `/participer/suivi/{token}/{id}`.
    pub action: String,
    /// What the team asked for, last.
    pub message: Option<String>,
}

pub fn event_form(
    form: &EventForm,
    problems: &Problems,
    dataset: &Dataset,
    today: NaiveDate,
    completing: Option<&Completing>,
) -> String {
    let p = problems;
    let mut out = String::from(match completing {
        None => "<h1>Proposer un événement</h1>",
        Some(_) => "<h1>Compléter votre proposition</h1>",
    });
    if let Some(message) = completing.and_then(|c| c.message.as_deref()) {
        let _ = write!(
            out,
            "<p class=\"message\">L'équipe vous demande : « {} »</p>",
            e(message)
        );
    }
    problems_or_intro(&mut out, problems);
    let action = completing.map_or("/participer/evenement", |c| &c.action);
    let version = completing.map(|_| form.version.as_str());
    form_start(&mut out, action, &form.suivi, version);

    out.push_str("<fieldset><legend>L'événement</legend>");
    out += &text_input(
        p,
        Field::Titre,
        &format!("Titre{REQUIRED}"),
        Some("Par exemple : Atelier « Mon smartphone au quotidien »."),
        &form.titre,
        "text",
        &format!(" maxlength=\"{MAX_TITLE}\" required"),
    );
    out += &text_input(
        p,
        Field::Resume,
        &format!("En une phrase{REQUIRED}"),
        Some("Ce que les gens vont faire ou apprendre."),
        &form.resume,
        "text",
        &format!(" maxlength=\"{MAX_SUMMARY}\" required"),
    );
    out += &field(
        p,
        Field::Description,
        "Description (facultatif)",
        None,
        &format!(
            "<textarea <CONTROL rows=\"5\" maxlength=\"{MAX_DESCRIPTION}\">{}</textarea>",
            e(&form.description)
        ),
    );
    let mut themes = vec![(String::new(), "Choisissez".to_owned())];
    themes.extend(
        Theme::ALL
            .iter()
            .map(|t| (t.label().to_owned(), t.label().to_owned())),
    );
    out += &select(
        p,
        Field::Theme,
        &format!("Thème{REQUIRED}"),
        None,
        &form.theme,
        &themes,
    );
    let mut kinds = vec![(String::new(), "Choisissez".to_owned())];
    kinds.extend(
        ActivityType::ALL
            .iter()
            .map(|t| (t.label().to_owned(), t.label().to_owned())),
    );
    out += &select(
        p,
        Field::Type,
        &format!("Type d'activité{REQUIRED}"),
        None,
        &form.type_activite,
        &kinds,
    );
    out.push_str("</fieldset>");

    out.push_str("<fieldset><legend>Quand</legend>");
    out += &text_input(
        p,
        Field::Jour,
        &format!("Date{REQUIRED}"),
        None,
        &form.jour,
        "date",
        &format!(" min=\"{today}\" required"),
    );
    out += &text_input(
        p,
        Field::Debut,
        &format!("Heure de début{REQUIRED}"),
        None,
        &form.debut,
        "time",
        " required",
    );
    out += &text_input(
        p,
        Field::Fin,
        &format!("Heure de fin{REQUIRED}"),
        None,
        &form.fin,
        "time",
        " required",
    );
    out.push_str("</fieldset>");

    out.push_str("<fieldset><legend>Où</legend>");
    let mut places: Vec<&Place> = dataset.records.all::<Place>().iter().collect();
    places.sort_by_key(|pl| {
        (
            pl.location.commune_localisee.clone(),
            pl.properties.display_name(),
        )
    });
    let mut choices = vec![(
        String::new(),
        "Un autre lieu (écrivez l'adresse ci-dessous)".to_owned(),
    )];
    choices.extend(places.iter().map(|pl| {
        (
            pl.id().to_string(),
            format!(
                "{} – {}",
                pl.location.commune_localisee,
                pl.properties.display_name()
            ),
        )
    }));
    // A search over the list, shown when its script runs (`public/chercher-lieu.js`).
    out.push_str(concat!(
        "<p class=\"champ\" data-chercher-lieu hidden><label for=\"p-chercher-lieu\">Chercher un lieu de la liste</label>",
        "<span class=\"aide\" id=\"aide-chercher-lieu\">Écrivez une commune ou un nom, par exemple « Caussade ».</span>",
        "<input id=\"p-chercher-lieu\" type=\"search\" autocomplete=\"off\" aria-controls=\"p-lieu_id\" aria-describedby=\"aide-chercher-lieu\">",
        "<span role=\"status\" class=\"aide\"></span></p>",
        "<script defer src=\"/assets/chercher-lieu.js\"></script>",
    ));
    out += &select(
        p,
        Field::Lieu,
        "Un lieu d'aide de la carte",
        Some(
            "Si votre événement a lieu dans un de ces lieux, choisissez-le : l'adresse est déjà connue.",
        ),
        &form.lieu_id,
        &choices,
    );
    out.push_str("<p>Sinon, l'adresse :</p>");
    out += &text_input(
        p,
        Field::LieuNom,
        "Nom du lieu",
        Some("Salle, médiathèque, mairie…"),
        &form.lieu_nom,
        "text",
        &format!(" maxlength=\"{MAX_LINE}\""),
    );
    out += &text_input(
        p,
        Field::Adresse,
        "Numéro et rue",
        None,
        &form.adresse,
        "text",
        &format!(" maxlength=\"{MAX_LINE}\" autocomplete=\"street-address\""),
    );
    out += &text_input(
        p,
        Field::CodePostal,
        "Code postal",
        None,
        &form.code_postal,
        "text",
        " inputmode=\"numeric\" maxlength=\"5\" autocomplete=\"postal-code\"",
    );
    out += &text_input(
        p,
        Field::Commune,
        "Commune",
        None,
        &form.commune,
        "text",
        " maxlength=\"100\" autocomplete=\"address-level2\"",
    );
    out += &point_picker(p, Field::Point, (&form.lat, &form.lon), None);
    out.push_str("</fieldset>");

    out.push_str("<fieldset><legend>Pour qui, à quel prix</legend>");
    out += &text_input(
        p,
        Field::Public,
        &format!("Pour qui{REQUIRED}"),
        Some("Tout public, seniors, parents et enfants…"),
        &form.public,
        "text",
        &format!(" maxlength=\"{MAX_LINE}\" required"),
    );
    out += &text_input(
        p,
        Field::Prix,
        &format!("Prix{REQUIRED}"),
        Some("« Gratuit », ou le prix."),
        &form.prix,
        "text",
        &format!(" maxlength=\"{MAX_LINE}\" required"),
    );
    let options: Vec<(&str, &str)> = Accessibilite::ALL
        .iter()
        .map(|a| (a.label(), a.label()))
        .collect();
    out += &boxes(
        p,
        Field::Accessibilite,
        "Le lieu et l'animation sont adaptés à",
        &options,
        &form.accessibilite,
    );
    out.push_str("</fieldset>");

    out.push_str("<fieldset><legend>Inscription</legend>");
    let inscriptions = [
        ("libre".to_owned(), "Pas besoin de s'inscrire".to_owned()),
        ("obligatoire".to_owned(), "Il faut s'inscrire".to_owned()),
    ];
    out += &select(
        p,
        Field::Inscription,
        &format!("Faut-il s'inscrire ?{REQUIRED}"),
        None,
        &form.inscription,
        &inscriptions,
    );
    out.push_str("<p>Si oui, comment (au moins un) :</p>");
    out += &text_input(
        p,
        Field::InscriptionLien,
        "Lien d'inscription",
        None,
        &form.inscription_lien,
        "url",
        " maxlength=\"2000\"",
    );
    out += &text_input(
        p,
        Field::InscriptionTelephone,
        "Téléphone",
        None,
        &form.inscription_telephone,
        "tel",
        " maxlength=\"30\" autocomplete=\"tel\"",
    );
    out += &text_input(
        p,
        Field::InscriptionCourriel,
        "Courriel",
        None,
        &form.inscription_courriel,
        "email",
        " maxlength=\"200\"",
    );
    out.push_str("</fieldset>");

    out.push_str("<fieldset><legend>Votre structure</legend>");
    let mut actors: Vec<&Actor> = dataset.records.all::<Actor>().iter().collect();
    actors.sort_by_key(|a| a.properties.nom.to_lowercase());
    let mut options = vec![(
        String::new(),
        "Ma structure n'est pas dans la liste".to_owned(),
    )];
    options.extend(
        actors
            .iter()
            .map(|a| (a.id().to_string(), a.properties.nom.clone())),
    );
    out += &select(
        p,
        Field::OrganisateurId,
        "Votre structure",
        Some("Si elle est dans l'annuaire des acteurs, choisissez-la."),
        &form.organisateur_id,
        &options,
    );
    out += &text_input(
        p,
        Field::Organisateur,
        "Son nom, si elle n'est pas dans la liste",
        None,
        &form.organisateur,
        "text",
        &format!(" maxlength=\"{MAX_LINE}\" autocomplete=\"organization\""),
    );
    // The follow-up already has the structure's address, if it gave one.
    if completing.is_none() {
        out += &your_email(p, Field::Courriel, &form.courriel);
    }
    out.push_str("</fieldset>");
    let _ = write!(
        out,
        "<p class=\"boutons\"><button type=\"submit\">{}</button></p></form>",
        match completing {
            None => "Envoyer ma proposition",
            Some(_) => "Envoyer ma proposition complétée",
        }
    );
    out
}

/// `/participer/suivi/{token}`: the structure's proposals and where each stands.
pub fn follow_up(token: &Token, proposals: &[Proposal], just_sent: bool, link: &str) -> String {
    let mut out = String::from("<h1>Vos propositions</h1>");
    if just_sent {
        out.push_str("<p class=\"confirmation\" role=\"status\">Merci ! Votre proposition est bien enregistrée.</p>");
    }
    let _ = write!(
        out,
        concat!(
            "<p>Gardez l'adresse de cette page : c'est le seul moyen de suivre vos propositions. Ne la partagez pas.</p>",
            "<p class=\"champ\"><label for=\"lien-suivi\">Adresse de cette page</label>",
            "<input id=\"lien-suivi\" type=\"text\" readonly value=\"{}\"></p>"
        ),
        e(link)
    );
    out.push_str("<ol class=\"propositions\">");
    for proposal in proposals {
        let _ = write!(
            out,
            "<li><h2>{}</h2><p>{}</p><p><strong>{}</strong> : {}</p>",
            e(&title(proposal)),
            e(&when_and_where(proposal)),
            e(&app::format::capitalised(proposal.status.label())),
            e(proposal.status.meaning()),
        );
        // The coordinators' words to the structure, last first.
        for action in proposal.history.iter().rev() {
            if let Some(message) = &action.message {
                let _ = write!(
                    out,
                    "<p class=\"message\">Message de l'équipe, le {} : « {} »</p>",
                    e(&paris_day(action.at)),
                    e(message)
                );
            }
        }
        match (proposal.status, proposal.kind) {
            (Status::ACompleter, Kind::Place | Kind::Actor) => {
                let _ = write!(
                    out,
                    "<p><a class=\"bouton\" href=\"{}\">Envoyer la proposition complétée</a></p>",
                    e(&record_again(token, proposal))
                );
            }
            (Status::ACompleter, _) => {
                let _ = write!(
                    out,
                    "<p><a class=\"bouton\" href=\"/participer/suivi/{}/{}\">Compléter cette proposition</a></p>",
                    e(token.as_str()),
                    e(&proposal.id)
                );
            }
            _ => {}
        }
        let _ = write!(
            out,
            "<p class=\"aide\">Reçue le {}.</p></li>",
            e(&paris_day(proposal.received))
        );
    }
    out.push_str("</ol>");
    let _ = write!(
        out,
        concat!(
            "<p><a class=\"bouton\" href=\"/participer/evenement?suivi={0}\">Proposer un autre événement</a></p>",
            "<p><a href=\"/participer/lieu?suivi={0}\">Proposer ou corriger un lieu</a></p>",
            "<p><a href=\"/participer/structure?suivi={0}\">Présenter votre structure</a></p>",
        ),
        e(token.as_str())
    );
    out
}

/// Where a structure sends again a place or a structure the team asked to complete: the
/// form of the published record it updates, or a new one's form (the team's message says
/// what to add).
pub fn record_again(token: &Token, proposal: &Proposal) -> String {
    let id = proposal.content["properties"]["id"]
        .as_str()
        .unwrap_or_default();
    let (path, new) = match proposal.kind {
        Kind::Actor => ("/participer/structure", NEW_ACTOR),
        _ => ("/participer/lieu", NEW_PLACE),
    };
    if id.is_empty() || id.starts_with(new) {
        format!("{path}?nouveau=1&suivi={}", token.as_str())
    } else {
        format!("{path}?corriger={id}&suivi={}", token.as_str())
    }
}

/// The day at the server, in Paris.
pub fn today() -> NaiveDate {
    app::model::hours::paris_now().date()
}

fn paris_day(at: DateTime<Utc>) -> String {
    date_fr(at.with_timezone(&chrono_tz::Europe::Paris).date_naive())
}

/// What a proposal is called in lists: an event's title, or what a report is about.
pub fn title(proposal: &Proposal) -> String {
    match proposal.kind {
        Kind::Event => proposal.content["properties"]["titre"]
            .as_str()
            .unwrap_or("Sans titre")
            .to_owned(),
        Kind::Place => {
            let props = &proposal.content["properties"];
            format!(
                "Lieu : {}",
                props["nom_affiche"]
                    .as_str()
                    .or(props["nom"].as_str())
                    .unwrap_or("sans nom")
            )
        }
        Kind::Actor => format!(
            "Structure : {}",
            proposal.content["properties"]["nom"]
                .as_str()
                .unwrap_or("sans nom")
        ),
        Kind::Report => format!(
            "Signalement : {}",
            proposal.content["concerne"]["nom"]
                .as_str()
                .unwrap_or("une page")
        ),
    }
}

/// "mardi 14 avril 2027, 14 h – 16 h 30 – Salle des fêtes, Lauzerte"; for a report, its
/// page.
pub fn when_and_where(proposal: &Proposal) -> String {
    if proposal.kind == Kind::Report {
        let page = proposal.content["page"].as_str().unwrap_or_default();
        return format!("page {page}");
    }
    let props = &proposal.content["properties"];
    if proposal.kind == Kind::Actor {
        return props["type"].as_str().unwrap_or_default().to_owned();
    }
    if proposal.kind == Kind::Place {
        return [props["adresse"].as_str(), props["commune"].as_str()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
    }
    let when = props["creneaux"][0]
        .as_object()
        .and_then(|slot| {
            let at = |k: &str| {
                slot.get(k)?
                    .as_str()
                    .and_then(|t| DateTime::<FixedOffset>::parse_from_rfc3339(t).ok())
            };
            Some(slot_fr(at("debut")?, at("fin")?))
        })
        .unwrap_or_default();
    let place = [props["lieu_nom"].as_str(), props["commune"].as_str()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    format!("{when} – {place}")
}

/// What a proposed event says, for the coordinators.
pub fn proposal_summary(proposal: &Proposal) -> String {
    if proposal.kind == Kind::Report {
        return report_summary(proposal);
    }
    let props = &proposal.content["properties"];
    let text = |k: &str| props[k].as_str().unwrap_or_default().to_owned();
    let mut out = format!(
        "<h1>{}</h1><p><strong>{}</strong> : {}</p><dl class=\"proposition\">",
        e(&text("titre")),
        e(&app::format::capitalised(proposal.status.label())),
        e(proposal.status.meaning())
    );
    let registration = match props["inscription"]["mode"].as_str() {
        Some("obligatoire") => {
            let ways: Vec<String> = ["lien", "telephone", "courriel"]
                .iter()
                .filter_map(|k| props["inscription"][*k].as_str().map(str::to_owned))
                .collect();
            format!("obligatoire : {}", ways.join(", "))
        }
        _ => "libre".to_owned(),
    };
    let accessibility = props["accessibilite"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "non précisé".to_owned());
    for (term, value) in [
        ("En une phrase", text("resume")),
        ("Description", text("description")),
        ("Quand et où", when_and_where(proposal)),
        (
            "Adresse",
            format!(
                "{}, {} {}",
                text("adresse"),
                text("code_postal"),
                text("commune")
            ),
        ),
        ("Thème", text("theme")),
        ("Type", text("type")),
        ("Pour qui", text("public")),
        ("Prix", text("prix")),
        ("Inscription", registration),
        ("Accessibilité", accessibility),
        ("Structure", text("organisateur")),
    ] {
        term_and_value(&mut out, term, &value);
    }
    contact_and_zone(&mut out, proposal, "Courriel de la structure");
    out
}

/// A resident's report, for coordinators: what is wrong, on which page, about what.
fn report_summary(proposal: &Proposal) -> String {
    let content = &proposal.content;
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let page = text(&content["page"]);
    let mut out = format!(
        "<h1>{}</h1><p><strong>{}</strong> : {}</p><dl class=\"proposition\">",
        e(&title(proposal)),
        e(&app::format::capitalised(proposal.status.label())),
        e(proposal.status.about_a_report())
    );
    // The page was checked to be one of ours when the report came: a path of this site.
    let _ = write!(
        out,
        "<dt>Ce que l'habitant a écrit</dt><dd class=\"message\">{}</dd><dt>Page</dt><dd><a href=\"{}\">{}</a></dd>",
        e(&text(&content["message"])),
        e(&page),
        e(&page)
    );
    contact_and_zone(&mut out, proposal, "Courriel de l'habitant");
    out
}

/// A record proposed (a place, a structure), for coordinators: each field of `shown`, and
/// for an update what the published record says, the lines that change in bold.
pub fn record_summary(
    proposal: &Proposal,
    published: Option<serde_json::Value>,
    shown: &[(&str, &str)],
) -> String {
    let proposed = &proposal.content["properties"];
    let mut out = format!(
        "<h1>{}</h1><p><strong>{}</strong> : {}</p>",
        e(&title(proposal)),
        e(&app::format::capitalised(proposal.status.label())),
        e(proposal.status.meaning())
    );
    out.push_str(if published.is_some() {
        "<p>Une mise à jour de ce qui est publié. Les lignes en gras changent.</p>"
    } else {
        "<p>Nouveau : rien n'est encore publié.</p>"
    });
    out.push_str(concat!(
        "<table class=\"changements\"><caption>Ce que dit la proposition</caption><thead><tr>",
        "<th scope=\"col\">Champ</th><th scope=\"col\">Proposé</th><th scope=\"col\">Publié aujourd'hui</th>",
        "</tr></thead><tbody>",
    ));
    for (key, words) in shown {
        let now = as_line(&proposed[*key]);
        let was = published.as_ref().map(|b| as_line(&b[*key]));
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
            e(&was.unwrap_or_else(|| "(nouveau)".to_owned()))
        );
    }
    out.push_str("</tbody></table><dl class=\"proposition\">");
    contact_and_zone(&mut out, proposal, "Courriel de la structure");
    out
}

/// The end of a proposal's description list: whom to write to (`term`), and its zone.
fn contact_and_zone(out: &mut String, proposal: &Proposal, term: &str) {
    let email = proposal.email.clone().unwrap_or_default();
    term_and_value(out, term, &email);
    term_and_value(out, "Zone", &zone_of(proposal));
    out.push_str("</dl>");
}

/// A value of a record as a line of text: a list joined with commas.
fn as_line(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(", "),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn zone_of(proposal: &Proposal) -> String {
    proposal
        .zone
        .map(|z| z.as_str().to_owned())
        .unwrap_or_default()
}

/// One line of a description list, when there is something to say.
fn term_and_value(out: &mut String, term: &str, value: &str) {
    if !value.trim().is_empty() {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", e(term), e(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::call::{Edition, Opening, Week};

    fn call(appel: Option<Opening>) -> Call {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Call {
            editions: vec![
                Edition {
                    annee: 2026,
                    debut: day(2026, 4, 13),
                    fin: day(2026, 5, 10),
                    semaine_phare: Some(Week {
                        debut: day(2026, 4, 13),
                        fin: day(2026, 4, 17),
                        lieu: "Montauban".to_owned(),
                    }),
                },
                Edition {
                    annee: 2027,
                    debut: day(2027, 4, 12),
                    fin: day(2027, 5, 9),
                    semaine_phare: None,
                },
            ],
            appel,
            presentation: Vec::new(),
        }
    }

    #[test]
    fn the_dates_are_said_in_the_tense_of_the_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let opening = Opening {
            edition: 2027,
            ouverture: day(2027, 1, 5),
            date_limite: day(2027, 2, 15),
            campagne: day(2027, 3, 15),
        };
        let said = when(Some(&call(Some(opening))), day(2026, 11, 30));
        assert_eq!(
            said,
            [
                "L'édition 2026 a eu lieu du 13 avril au 10 mai 2026. La semaine phare a eu lieu à Montauban, du 13 au 17 avril 2026.",
                "L'édition 2027 aura lieu du 12 avril au 9 mai 2027.",
                "L'appel à participation pour l'édition 2027 ouvrira le 5 janvier 2027. Vous pouvez déjà proposer un événement.",
            ]
        );
        let during = when(Some(&call(None)), day(2026, 4, 15));
        assert!(
            during[0].starts_with("L'édition 2026 a lieu du 13 avril"),
            "{during:?}"
        );
        assert!(during[0].contains("La semaine phare a lieu à Montauban"));
        assert_eq!(during[2], NOT_OPEN, "2027 is announced, its call is not");
        let opening = Opening {
            edition: 2027,
            ouverture: day(2027, 1, 5),
            date_limite: day(2027, 2, 15),
            campagne: day(2027, 3, 15),
        };
        let open = when(Some(&call(Some(opening.clone()))), day(2027, 2, 15));
        assert!(
            open[2]
                .contains("est ouvert. Envoyez vos propositions jusqu'au 15 février 2027 inclus.")
        );
        let closed = when(Some(&call(Some(opening))), day(2027, 2, 16));
        assert!(closed[2].contains("est clos depuis le 15 février 2027"));
        assert_eq!(when(None, day(2026, 11, 30)), [NOT_SET]);
        let mut past_only = call(None);
        past_only.editions.truncate(1);
        assert_eq!(when(Some(&past_only), day(2026, 11, 30))[1], NOT_SET);
    }
}
