use leptos::prelude::*;

use crate::catalogue::Search;
use crate::components::map_page::use_map_page;
use crate::model::map_query::MapQuery;
use crate::model::query::{
    AUDIENCE, EVENT_TYPE, FEES, FROM, OPEN_NOW, OPEN_ON, SERVICE, SUPPORT as SPECIFIC_SUPPORT,
    THEME, TO,
};
use crate::model::standard::{Frais, PriseEnCharge, Public, Service};
use crate::model::{ActivityType, Theme};

/// Services of the national standard in a resident's words, grouped as people think of
/// them (as the national map does: learning, procedures, equipment).
const NEEDS: [(&str, &[(Service, &str)]); 3] = [
    (
        "Faire une démarche",
        &[(
            Service::AideDemarches,
            "Être aidé pour une démarche en ligne (CAF, impôts, santé, retraite…)",
        )],
    ),
    (
        "Apprendre",
        &[
            (
                Service::MaitriseOutils,
                "Apprendre à utiliser un téléphone, une tablette ou un ordinateur",
            ),
            (
                Service::UtilisationSecurisee,
                "Se protéger en ligne (arnaques, mots de passe)",
            ),
            (
                Service::ComprehensionMonde,
                "Comprendre le numérique (IA, réseaux sociaux…)",
            ),
            (
                Service::Parentalite,
                "Accompagner ses enfants face aux écrans",
            ),
            (
                Service::InsertionPro,
                "Chercher un emploi ou une formation en ligne",
            ),
            (Service::Loisirs, "Créer et se distraire avec le numérique"),
        ],
    ),
    (
        "Avoir du matériel",
        &[
            (
                Service::AccesInternet,
                "Utiliser un ordinateur ou internet sur place",
            ),
            (
                Service::MaterielSolidaire,
                "Acheter un ordinateur à petit prix",
            ),
        ],
    ),
];

const PUBLICS: [(Public, &str); 5] = [
    (Public::Seniors, "Les personnes âgées"),
    (Public::Jeunes, "Les jeunes"),
    (Public::Etudiants, "Les étudiants"),
    (Public::Familles, "Les familles et les enfants"),
    (Public::Femmes, "Les femmes"),
];

const SUPPORT: [(PriseEnCharge, &str); 7] = [
    (
        PriseEnCharge::Surdite,
        "Personnes sourdes ou malentendantes",
    ),
    (
        PriseEnCharge::DeficienceVisuelle,
        "Personnes aveugles ou malvoyantes",
    ),
    (
        PriseEnCharge::HandicapsMoteurs,
        "Personnes en fauteuil ou à mobilité réduite",
    ),
    (
        PriseEnCharge::HandicapsMentaux,
        "Personnes avec un handicap mental",
    ),
    (
        PriseEnCharge::Illettrisme,
        "Personnes qui ont du mal à lire ou à écrire",
    ),
    (PriseEnCharge::LanguesAnglais, "Aide en anglais"),
    (PriseEnCharge::LanguesAutres, "Aide dans d'autres langues"),
];

/// "What I need, for whom, when": a plain GET form of checkboxes, so it works without
/// JavaScript and every choice lands in the URL. It keeps the place searched.
#[component]
pub fn NeedFilters(
    search: Search,
    /// Where the resident looks, and the layers: kept by this form.
    place: MapQuery,
) -> impl IntoView {
    let (p, e) = (&search.places, &search.events);
    let active = !(p.services.is_empty()
        && p.publics.is_empty()
        && p.prises_en_charge.is_empty()
        && p.frais.is_empty()
        && !p.open_now
        && p.open_on.is_none()
        && e.themes.is_empty()
        && e.types.is_empty()
        && e.from.is_none()
        && e.to.is_none());
    let page = use_map_page();
    view! {
        <details class="besoins" open=active>
            <summary>"Préciser : ce dont j'ai besoin, pour qui, quand"</summary>
            <form class="filtres-besoins" method="get" action=page.path()>
                {page.hidden_fields(place.pairs())}
                <NeedFields search />
                <p class="boutons">
                    <button type="submit">"Afficher les résultats"</button>
                    <a href=page.url("")>"Tout effacer"</a>
                </p>
            </form>
        </details>
    }
}

/// The needs as checkboxes and dates, named as the URL names them: the fields of the map
/// page's needs panel and of the embed builder.
#[component]
pub fn NeedFields(search: Search) -> impl IntoView {
    let p = search.places;
    let e = search.events;
    let check = |name: &'static str, value: String, label: String, checked: bool| {
        let id = format!("f-{name}-{}", crate::model::fold(&value).replace(' ', "-"));
        view! {
            <li>
                <input type="checkbox" id=id.clone() name=name value=value checked=checked />
                <label for=id>{label}</label>
            </li>
        }
    };
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
                                .map(|(s, label)| check(SERVICE.name, s.to_string(), label.to_string(), p.services.contains(s)))
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
                    .map(|(v, label)| check(AUDIENCE.name, v.to_string(), label.to_string(), p.publics.contains(v)))
                    .collect_view()}
            </ul>
            <p class="groupe">"Une aide adaptée pour :"</p>
            <ul>
                {SUPPORT
                    .iter()
                    .map(|(v, label)| check(SPECIFIC_SUPPORT.name, v.to_string(), label.to_string(), p.prises_en_charge.contains(v)))
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
            <legend>"Événements"</legend>
            <p class="groupe">"Thèmes"</p>
            <ul>
                {Theme::ALL
                    .iter()
                    .map(|t| check(THEME.name, t.to_string(), t.to_string(), e.themes.contains(t)))
                    .collect_view()}
            </ul>
            <p class="groupe">"Types"</p>
            <ul>
                {ActivityType::ALL
                    .iter()
                    .map(|t| check(EVENT_TYPE.name, t.to_string(), t.to_string(), e.types.contains(t)))
                    .collect_view()}
            </ul>
            <p class="champ-date">
                <label for="f-from">"À partir du"</label>
                <input id="f-from" type="date" name=FROM.name value=e.from.map(|d| d.to_string()).unwrap_or_default() />
            </p>
            <p class="champ-date">
                <label for="f-to">"Jusqu'au"</label>
                <input id="f-to" type="date" name=TO.name value=e.to.map(|d| d.to_string()).unwrap_or_default() />
            </p>
            <p class="aide">"Sans date choisie : les dates du programme."</p>
        </fieldset>
    }
}
