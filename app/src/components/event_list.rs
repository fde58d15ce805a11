use leptos::prelude::*;

use crate::components::example_badge::{ExampleBadge, INVENTED_EVENT};
use crate::components::map_page::{NewTab, use_map_page};
use crate::components::record_list::{Listed, RecordList};
use crate::format::slot_fr;
use crate::model::{Event, EventStatus, Inscription, page_path};

/// An event in a list: when, what, where, and whether to register. A cancelled or full
/// event says so in words.
impl Listed for Event {
    const LIST_CLASS: &'static str = "evenements";
    const ENTRY_CLASS: Option<&'static str> = Some("evenement");

    fn entry(self) -> AnyView {
        let event = self;
        let target = use_map_page().link_target();
        let page = page_path(&event);
        let f = event.properties;
        let status = match f.statut {
            EventStatus::Scheduled => None,
            other => Some(other.label()),
        };
        // A full, postponed or cancelled event says so (`status`), not how to register.
        let registration = match (f.statut.offer().registration, f.inscription) {
            (false, _) => None,
            (true, Inscription::Libre) => Some("Sans inscription"),
            (true, Inscription::Obligatoire { .. }) => Some("Inscription obligatoire"),
        };
        view! {
            <p class="quand">
                {f
                    .creneaux
                    .iter()
                    .map(|c| slot_fr(c.debut, c.fin))
                    .collect::<Vec<_>>()
                    .join(" ; ")}
            </p>
            <p class="titre">
                <a href=page target=target>{f.titre}<NewTab /></a>
                {f.exemple.then(|| view! { <ExampleBadge what=INVENTED_EVENT /> })}
                {status.map(|s| view! { <strong class="statut">{s}</strong> })}
            </p>
            <p>{f.resume}</p>
            <p class="ou">{format!("{}, {}", f.lieu_nom, f.commune)}</p>
            <p class="details">
                {[f.type_activite.to_string(), f.theme.to_string(), f.public, f.prix]
                    .into_iter()
                    .chain(registration.map(str::to_owned))
                    .collect::<Vec<_>>()
                    .join(" · ")}
            </p>
        }
        .into_any()
    }
}

/// The events of a place or an actor under `title`: those to come (or `none`), then those
/// past under a heading of their own.
#[component]
pub fn EventsOf(
    events: Vec<Event>,
    /// The day at the server (Paris): what ended before it is past.
    today: chrono::NaiveDate,
    /// The id of the section's heading.
    id: &'static str,
    title: &'static str,
    none: &'static str,
) -> impl IntoView {
    let (past, upcoming): (Vec<Event>, Vec<Event>) =
        events.into_iter().partition(|e| e.is_past(today));
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {if upcoming.is_empty() {
                view! { <p>{none}</p> }.into_any()
            } else {
                view! { <RecordList records=upcoming /> }.into_any()
            }}
            {(!past.is_empty())
                .then(|| {
                    view! {
                        <h3>"Déjà passés"</h3>
                        <RecordList records=past />
                    }
                })}
        </section>
    }
}
