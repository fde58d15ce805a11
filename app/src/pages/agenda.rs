//! `/evenements`: the programme by date, filterable like the map (zone, theme, type, days),
//! with the same view as a calendar to subscribe to (issue 13, item 24). A GET form: it works
//! without JavaScript and every choice lands in the URL.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::link_problem::LinkProblem;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::need_filters::EventFields;
use crate::components::page_title::PageTitle;
use crate::components::record_list::RecordList;
use crate::format::{capitalised, count_events, day_fr};
use crate::model::query::ZONE;
use crate::model::{Event, EventFilter, FilterError, FromQuery, Query, Zone};

/// The events a filter selects, in date order, and what the page needs to say them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub events: Vec<Event>,
    /// The day at the server (Paris): what ended before it is past.
    pub today: NaiveDate,
    /// The site's address, for the calendar links.
    pub origin: String,
}

#[server(prefix = "/_fn", endpoint = "agenda", input = leptos::server_fn::codec::Json)]
pub async fn load_agenda(filter: EventFilter) -> Result<Agenda, ServerFnError> {
    use crate::catalogue::{PublicOrigin, SharedCatalogue};
    // The limits of the URL, applied to a filter posted as JSON.
    EventFilter::from_query_string(&filter.to_query())
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    let catalogue = use_context::<SharedCatalogue>()
        .ok_or_else(|| ServerFnError::new("catalogue indisponible"))?;
    Ok(Agenda {
        events: catalogue.records().select::<Event>(&filter),
        today: crate::model::hours::paris_now().date(),
        origin: use_context::<PublicOrigin>()
            .map(|o| o.0)
            .unwrap_or_default(),
    })
}

#[component]
pub fn AgendaPage() -> impl IntoView {
    let query = use_query_map();
    let parsed: Memo<Result<EventFilter, FilterError>> =
        Memo::new(move |_| query.with(|q| EventFilter::read(&Query::from_pairs(q))));
    let filter = Memo::new(move |_| parsed.get().unwrap_or_default());
    let agenda = Resource::new(move || filter.get(), load_agenda);
    view! {
        <PageTitle text="Agenda des ateliers et événements – Carto82".to_owned() />
        <h1>"Agenda des ateliers et événements"</h1>
        <p class="intro">
            "Les ateliers et les rencontres de « Le 82 fait son numérique », jour par jour. "
            "Choisissez une zone, un thème ou des dates."
        </p>
        {move || {
            parsed
                .get()
                .err()
                .map(|e| {
                    view! { <LinkProblem error=e instead="Tous les événements sont affichés." /> }
                })
        }}
        <AgendaFilters filter=filter.get_untracked() />
        <Suspense fallback=|| view! { <p>"Chargement de l'agenda…"</p> }>
            {move || Suspend::new(async move {
                agenda
                    .await
                    .map(|agenda| view! { <AgendaDays agenda filter=filter.get_untracked() /> })
                    .map_err(|e| e.to_string())
            })}
        </Suspense>
    }
}

#[component]
fn AgendaFilters(filter: EventFilter) -> impl IntoView {
    let zone = filter.area.zones.first().copied();
    // Folded unless a choice is made: on a phone, the days come first.
    let active = filter != EventFilter::default();
    view! {
        <details class="besoins" open=active>
        <summary>"Choisir une zone, un thème ou des dates"</summary>
        <form class="filtres filtres-agenda" method="get" action="/evenements">
            <p class="champ">
                <label for="a-zone">"Zone"</label>
                <select id="a-zone" name=ZONE.name>
                    <option value="" selected=zone.is_none()>"Tout le département"</option>
                    {Zone::ALL
                        .iter()
                        .map(|z| view! { <option value=z.as_str() selected=zone == Some(*z)>{z.as_str()}</option> })
                        .collect_view()}
                </select>
            </p>
            <fieldset>
                <legend>"Événements"</legend>
                <EventFields filter=filter.clone() />
            </fieldset>
            <p class="boutons">
                <button type="submit">"Afficher l'agenda"</button>
                <a href="/evenements">"Tout effacer"</a>
            </p>
        </form>
        </details>
    }
}

/// The events day by day, those to come first; then the calendar links of the same view.
#[component]
fn AgendaDays(agenda: Agenda, filter: EventFilter) -> impl IntoView {
    let (past, upcoming): (Vec<Event>, Vec<Event>) = agenda
        .events
        .into_iter()
        .partition(|e| e.is_past(agenda.today));
    let query = filter.to_query();
    let ics = if query.is_empty() {
        "/api/events.ics".to_owned()
    } else {
        format!("/api/events.ics?{query}")
    };
    // webcal: asks the calendar application to subscribe, and to fetch the file again.
    let host = agenda
        .origin
        .split_once("://")
        .map(|(_, host)| host.to_owned())
        .unwrap_or_default();
    let webcal = (!host.is_empty()).then(|| format!("webcal://{host}{ics}"));
    let subscribe = format!("{}{ics}", agenda.origin);
    view! {
        <section aria-labelledby="titre-a-venir">
            <h2 id="titre-a-venir">"À venir"</h2>
            <p class="compte" role="status">{count_events(upcoming.len())}</p>
            <ByDay events=upcoming />
        </section>
        <section class="abonnement" aria-labelledby="titre-abonnement">
            <h2 id="titre-abonnement">"S'abonner à cet agenda"</h2>
            <p>
                "Votre agenda (téléphone, ordinateur) peut afficher ces événements et se mettre à jour tout seul."
            </p>
            <ul>
                {webcal
                    .map(|href| {
                        view! { <li><a href=href>"S'abonner dans mon application d'agenda"</a></li> }
                    })}
                <li>
                    <a href=ics.clone()>"Télécharger le fichier de l'agenda (.ics)"</a>
                </li>
                <li>"Adresse à copier dans un agenda en ligne : " <code>{subscribe}</code></li>
            </ul>
        </section>
        {(!past.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="titre-passes">
                        <h2 id="titre-passes">"Déjà passés"</h2>
                        <ByDay events=past />
                    </section>
                }
            })}
    }
}

/// Events under the day each begins.
#[component]
fn ByDay(events: Vec<Event>) -> impl IntoView {
    let mut days: Vec<(NaiveDate, Vec<Event>)> = Vec::new();
    for event in events {
        let day = event.debut().date_naive();
        match days.last_mut() {
            Some((d, list)) if *d == day => list.push(event),
            _ => days.push((day, vec![event])),
        }
    }
    days.into_iter()
        .map(|(day, events)| {
            view! {
                <h3 class="jour">{capitalised(&day_fr(day))}</h3>
                <RecordList records=events />
            }
        })
        .collect_view()
}
