use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::catalogue::{list_events, list_places, list_resources, load_territory};
use crate::components::{
    event_list::EventList, filters::TerritoryFilters, place_list::PlaceList, places_map::PlacesMap,
    resource_list::ResourceList,
};
use crate::format::{count_events, count_places, count_resources};
use crate::model::{
    EventFilter, FILTER_PARAMETERS, FilterError, PlaceFilter, PlaceId, ResourceFilter,
};

/// The map page: territory filters, the map, and the list of the same places.
/// The URL query is the single source of the filter, so a link opens the same view.
#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let parsed: Memo<Result<PlaceFilter, FilterError>> = Memo::new(move |_| {
        query.with(|q| {
            let pairs: Vec<(&str, String)> = FILTER_PARAMETERS
                .iter()
                .flat_map(|k| {
                    q.get_all(k)
                        .unwrap_or_default()
                        .into_iter()
                        .map(move |v| (*k, v))
                })
                .collect();
            PlaceFilter::from_query(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    });
    let filter = Memo::new(move |_| parsed.get().unwrap_or_default());
    let places = Resource::new(move || filter.get(), list_places);
    // Events and resources follow the territory chosen for the places.
    let area = Memo::new(move |_| filter.get().area);
    let events = Resource::new(
        move || area.get(),
        |area| {
            list_events(EventFilter {
                area,
                ..EventFilter::default()
            })
        },
    );
    let resources = Resource::new(
        move || area.get(),
        |area| {
            list_resources(ResourceFilter {
                area,
                ..ResourceFilter::default()
            })
        },
    );
    let territory = Resource::new(|| (), |_| load_territory());
    let selected = RwSignal::new(None::<PlaceId>);

    let map_places = Signal::derive(move || places.get().and_then(Result::ok));
    let map_territory = Signal::derive(move || territory.get().and_then(Result::ok));

    view! {
        <h1>"Où trouver de l'aide pour le numérique ?"</h1>
        <p class="intro">
            "Des lieux vous aident à utiliser un téléphone, un ordinateur, "
            "ou à faire vos démarches en ligne. Choisissez une zone ou une communauté de communes."
        </p>
        {move || {
            parsed
                .get()
                .err()
                .map(|e| {
                    view! {
                        <p class="alerte" role="alert">
                            "Ce lien contient un choix que nous ne comprenons pas ("
                            {e.to_string()}
                            "). Tous les lieux sont affichés."
                        </p>
                    }
                })
        }}
        <Transition fallback=|| {
            view! { <p>"Chargement des communautés de communes…"</p> }
        }>
            {move || Suspend::new(async move {
                territory
                    .await
                    .map(|index| view! { <TerritoryFilters index filter /> })
                    .map_err(|e| e.to_string())
            })}
        </Transition>
        <div class="carte-et-liste">
            <PlacesMap places=map_places territory=map_territory filter selected />
            <Transition fallback=|| view! { <p>"Chargement des lieux…"</p> }>
                {move || Suspend::new(async move {
                    match places.await {
                        Ok(places) => {
                            let count = count_places(places.len());
                            view! {
                                <section class="liste" id="liste" aria-labelledby="titre-liste">
                                    <h2 id="titre-liste">"Liste des lieux"</h2>
                                    <p class="compte" role="status" aria-live="polite">
                                        {count}
                                    </p>
                                    <PlaceList places selected />
                                </section>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <p class="alerte" role="alert">
                                    "La liste n'a pas pu être chargée. Réessayez dans un instant. ("
                                    {e.to_string()}
                                    ")"
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
        <Transition fallback=|| view! { <p>"Chargement des événements…"</p> }>
            {move || Suspend::new(async move {
                events
                    .await
                    .map(|events| {
                        view! {
                            <section class="bloc-evenements" aria-labelledby="titre-evenements">
                                <h2 id="titre-evenements">"Événements « Le 82 fait son numérique »"</h2>
                                <p class="compte">{count_events(events.len())}</p>
                                <EventList events />
                            </section>
                        }
                    })
                    .map_err(|e| e.to_string())
            })}
        </Transition>
        <Transition fallback=|| view! { <p>"Chargement des ressources…"</p> }>
            {move || Suspend::new(async move {
                resources
                    .await
                    .map(|resources| {
                        view! {
                            <section class="bloc-ressources" aria-labelledby="titre-ressources">
                                <h2 id="titre-ressources">"Autres ressources : matériel, wifi, prêts, tutoriels"</h2>
                                <p class="compte">{count_resources(resources.len())}</p>
                                <ResourceList resources />
                            </section>
                        }
                    })
                    .map_err(|e| e.to_string())
            })}
        </Transition>
    }
}
