use leptos::prelude::*;

use crate::catalogue::Search;
use crate::components::map_page::use_map_page;
use crate::model::plain_words::PlainWords;
use crate::model::query::{
    AUDIENCE, COMPETENCE, EVENT_TYPE, FEES, FROM, OPEN_NOW, OPEN_ON, SERVICE,
    SUPPORT as SPECIFIC_SUPPORT, THEME, TO,
};
use crate::model::standard::{Frais, PriseEnCharge, Public, Service};
use crate::model::{ActivityType, Competence, EventFilter, Theme};

/// Services grouped as people think of them (as the national map does: learning,
/// procedures, equipment), each named in the resident's words of `PlainWords`.
const NEEDS: [(&str, &[Service]); 3] = [
    ("Faire une démarche", &[Service::AideDemarches]),
    (
        "Apprendre",
        &[
            Service::MaitriseOutils,
            Service::UtilisationSecurisee,
            Service::ComprehensionMonde,
            Service::Parentalite,
            Service::InsertionPro,
            Service::Loisirs,
        ],
    ),
    (
        "Avoir du matériel",
        &[Service::AccesInternet, Service::MaterielSolidaire],
    ),
];

const PUBLICS: [Public; 5] = [
    Public::Seniors,
    Public::Jeunes,
    Public::Etudiants,
    Public::Familles,
    Public::Femmes,
];

const SUPPORT: [PriseEnCharge; 7] = [
    PriseEnCharge::Surdite,
    PriseEnCharge::DeficienceVisuelle,
    PriseEnCharge::HandicapsMoteurs,
    PriseEnCharge::HandicapsMentaux,
    PriseEnCharge::Illettrisme,
    PriseEnCharge::LanguesAnglais,
    PriseEnCharge::LanguesAutres,
];

/// "What I need, for whom, when": checkboxes and dates inside the search form (issue 13,
/// item 8: a commune typed but not yet searched goes with them), so one GET submission
/// carries the place and the needs, with or without JavaScript.
#[component]
pub fn NeedsPanel(search: Search) -> impl IntoView {
    let (p, e) = (&search.places, &search.events);
    let active = !(p.services.is_empty()
        && p.publics.is_empty()
        && p.prises_en_charge.is_empty()
        && p.frais.is_empty()
        && !p.open_now
        && p.open_on.is_none()
        && p.competences.is_empty()
        && e.themes.is_empty()
        && e.types.is_empty()
        && e.from.is_none()
        && e.to.is_none());
    let page = use_map_page();
    view! {
        <details class="besoins" open=active>
            <summary>"Préciser : ce dont j'ai besoin, pour qui, quand"</summary>
            <div class="filtres-besoins">
                <NeedFields search />
                <p class="boutons">
                    <button type="submit">"Afficher les résultats"</button>
                    <a href=page.url("")>"Tout effacer"</a>
                </p>
            </div>
        </details>
    }
}

/// A checkbox of a GET form, named and valued as the URL says it, with its label.
fn check(name: &'static str, value: String, label: String, checked: bool) -> impl IntoView {
    let id = format!("f-{name}-{}", crate::model::fold(&value).replace(' ', "-"));
    view! {
        <li>
            <input type="checkbox" id=id.clone() name=name value=value checked=checked />
            <label for=id>{label}</label>
        </li>
    }
}

/// What events to show: themes, types, days. In the needs panel and on the agenda.
#[component]
pub fn EventFields(filter: EventFilter) -> impl IntoView {
    view! {
        <p class="groupe">"Thèmes"</p>
        <ul>
            {Theme::ALL
                .iter()
                .map(|t| check(THEME.name, t.to_string(), t.to_string(), filter.themes.contains(t)))
                .collect_view()}
        </ul>
        <p class="groupe">"Types"</p>
        <ul>
            {ActivityType::ALL
                .iter()
                .map(|t| check(EVENT_TYPE.name, t.to_string(), t.to_string(), filter.types.contains(t)))
                .collect_view()}
        </ul>
        <p class="champ-date">
            <label for="f-from">"À partir du"</label>
            <input id="f-from" type="date" name=FROM.name value=filter.from.map(|d| d.to_string()).unwrap_or_default() />
        </p>
        <p class="champ-date">
            <label for="f-to">"Jusqu'au"</label>
            <input id="f-to" type="date" name=TO.name value=filter.to.map(|d| d.to_string()).unwrap_or_default() />
        </p>
    }
}

/// The needs as checkboxes and dates, named as the URL names them: the fields of the map
/// page's needs panel and of the embed builder.
#[component]
pub fn NeedFields(search: Search) -> impl IntoView {
    let p = search.places;
    let e = search.events;
    view! {
        <fieldset>
            <legend>"De quoi avez-vous besoin ?"</legend>
            {NEEDS
                .iter()
                .map(|(group, needs)| {
                    view! {
                        <p class="groupe">{*group}</p>
                        <ul>
                            {needs
                                .iter()
                                .map(|s| check(SERVICE.name, s.to_string(), s.plain().to_owned(), p.services.contains(s)))
                                .collect_view()}
                        </ul>
                    }
                })
                .collect_view()}
        </fieldset>
        <fieldset>
            <legend>"Pour qui ?"</legend>
            <ul>
                {PUBLICS
                    .iter()
                    .map(|v| check(AUDIENCE.name, v.to_string(), v.plain().to_owned(), p.publics.contains(v)))
                    .collect_view()}
            </ul>
            <p class="groupe">"Une aide adaptée pour :"</p>
            <ul>
                {SUPPORT
                    .iter()
                    .map(|v| check(SPECIFIC_SUPPORT.name, v.to_string(), v.plain().to_owned(), p.prises_en_charge.contains(v)))
                    .collect_view()}
            </ul>
        </fieldset>
        <fieldset>
            <legend>"Prix et horaires"</legend>
            <ul>
                {check(FEES.name, Frais::Gratuit.to_string(), "Seulement les lieux gratuits".to_owned(), p.frais.contains(&Frais::Gratuit))}
                {check(OPEN_NOW.name, "oui".to_owned(), "Ouvert maintenant".to_owned(), p.open_now)}
            </ul>
            <p class="champ-date">
                <label for="f-open-on">"Ouvert le jour de votre choix"</label>
                <input id="f-open-on" type="date" name=OPEN_ON.name value=p.open_on.map(|d| d.to_string()).unwrap_or_default() />
            </p>
        </fieldset>
        <fieldset>
            <legend>"Ce que sait faire la structure"</legend>
            <p class="champ">
                <label for="f-competence">"Lieux où l'on sait faire"</label>
                // An option without `value` sends its text: the label is the URL's value.
                <select id="f-competence" name=COMPETENCE.name>
                    <option value="" selected=p.competences.is_empty()>"Peu importe"</option>
                    {Competence::beyond_services()
                        .map(|c| view! { <option selected=p.competences.first() == Some(&c)>{c.label()}</option> })
                        .collect_view()}
                </select>
            </p>
        </fieldset>
        <fieldset>
            <legend>"Événements"</legend>
            <EventFields filter=e />
            <p class="aide">"Sans date choisie : les dates du programme."</p>
        </fieldset>
    }
}
