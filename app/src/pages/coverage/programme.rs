//! The programme's balance: events by zone and theme, by zone and type, what is missing,
//! which towns host events, and events by week.

use leptos::prelude::*;

use super::tables::{Matrix, matrix_rows};
use crate::format::{count_events, date_fr};
use crate::model::coverage::Balance;
use crate::model::{ActivityType, Theme};

#[component]
pub fn ProgrammeBalance(programme: Balance) -> impl IntoView {
    // The flagship week in Montauban, apart: the tables show how the zones' own programme
    // is balanced (issue 13, item 15).
    let week = &programme.semaine_phare;
    let flagship = (week.evenements > 0).then(|| {
        let days = match (week.du, week.au) {
            (Some(du), Some(au)) => format!(" du {} au {}", date_fr(du), date_fr(au)),
            _ => String::new(),
        };
        view! {
            <p class="semaine-phare">
                <strong>{format!("Semaine phare{days} : {}", count_events(week.evenements))}</strong>
                {format!(" à {}. ", week.communes.join(", "))}
                {format!("Événements locaux des zones : {}.", programme.evenements - week.evenements)}
            </p>
        }
    });
    view! {
        <section aria-labelledby="titre-programme">
            <h2 id="titre-programme">
                {match programme.edition {
                    Some(year) => format!("Programme {year} : {}", count_events(programme.evenements)),
                    None => "Programme : aucun événement".to_owned(),
                }}
            </h2>
            <p class="aide">"Les événements annulés ne comptent pas. Une case « aucun » montre un manque."</p>
            {flagship}
            <Matrix
                caption="Événements locaux par zone et par thème"
                columns=Theme::ALL.iter().map(|t| t.to_string()).collect()
                rows=matrix_rows(&programme.par_theme, Theme::ALL)
            />
            <Matrix
                caption="Événements locaux par zone et par type"
                columns=ActivityType::ALL.iter().map(|t| t.to_string()).collect()
                rows=matrix_rows(&programme.par_type, ActivityType::ALL)
            />
            {(!programme.manques.is_empty())
                .then(|| {
                    view! {
                        <h3>"Ce qui manque"</h3>
                        <ul class="manques">
                            {programme.manques.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <h3>"Villes qui accueillent des événements"</h3>
            <ul>
                {programme
                    .villes
                    .iter()
                    .map(|v| {
                        let warning = (v.communes.len() < 2).then_some(" À renforcer : 2 ou 3 villes par zone sont prévues.");
                        view! {
                            <li>
                                {format!("{} : {} ({})", v.zone, v.communes.len(), v.communes.join(", "))}
                                {warning.map(|w| view! { <strong>{w}</strong> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>"Événements par semaine"</h3>
            <ul>
                {programme
                    .par_semaine
                    .iter()
                    .map(|w| {
                        view! {
                            <li class:vide=w.evenements == 0>
                                {format!("Semaine du lundi {} : {}", date_fr(w.lundi), w.evenements)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
