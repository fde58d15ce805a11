use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::components::link_problem::LinkProblem;
use leptos_router::hooks::use_query_map;

use crate::catalogue::{DEFAULT_RADIUS_KM, Found, find, load_territory};
use crate::components::{
    filters::TerritoryFilters,
    layers::LayerChoice,
    map_page::{RESULTS, use_map_page},
    map_point::MapPoint,
    oembed_link::OembedLink,
    place_list::PlaceList,
    places_map::PlacesMap,
    print_list::PrintList,
    record_list::RecordList,
    search_box::SearchBox,
};
use crate::format::{agree, count_events, count_places, count_resources, date_fr};
use crate::model::embed::EmbedOptions;
use crate::model::layers::Layers;
use crate::model::map_query::MapQuery;
use crate::model::{Event, PlaceId, Query};

/// The map page: where are you, what do you need; then the places nearest first, the next
/// events and the resources around.
#[component]
pub fn HomePage() -> impl IntoView {
    // Its own title for each search: a tab, a bookmark and the history say where. Written
    // once by the server; the browser follows the searches made without a page load. (A
    // reactive <Title> read a value already disposed when the server was busy: the page
    // then failed.)
    let query = use_query_map();
    let title_of = move || {
        let typed = query.with(|q| MapQuery::read_each(&Query::from_pairs(q)).0.search.typed);
        match typed.filter(|t| !t.trim().is_empty()) {
            Some(place) => format!("Aide au numérique près de {place} – Carto82"),
            None => "Carto82 : trouver de l'aide pour le numérique en Tarn-et-Garonne".to_owned(),
        }
    };
    let title = untrack(title_of);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| document().set_title(&title_of()));
    view! {
        <PageTitle text=title />
        <h1>"Où trouver de l'aide pour le numérique ?"</h1>
        <p class="intro">
            "Des lieux vous aident à utiliser un téléphone, un ordinateur, "
            "ou à faire vos démarches en ligne. Tapez votre commune pour voir les lieux les plus proches."
        </p>
        <MapView />
    }
}

/// The search, the map and the lists, on the map page or, with `embed`, in a partner's
/// frame (without the needs panel and the territory choice: the partner chose them). The
/// URL query is the single source of the view, so a link opens the same view.
#[component]
pub fn MapView(#[prop(optional)] embed: Option<EmbedOptions>) -> impl IntoView {
    let query = use_query_map();
    let read = Memo::new(move |_| query.with(|q| MapQuery::read_each(&Query::from_pairs(q))));
    let map = Memo::new(move |_| read.with(|(map, _)| map.clone()));
    let problem = Memo::new(move |_| read.with(|(_, errors)| errors.first().cloned()));
    let search = Memo::new(move |_| map.with(|m| m.search.clone()));
    let found = Resource::new(move || search.get(), find);
    // The street address chosen in the search box, to name the point searched around.
    let address_label = Memo::new(move |_| map.with(|m| m.address.clone()));
    let layers = Memo::new(move |_| map.with(|m| m.layers));
    let territory = Resource::new(|| (), |_| load_territory());
    let selected = RwSignal::new(None::<PlaceId>);

    // What the map shows follows the answer, around the commune when there is one.
    let filter = Memo::new(move |_| {
        found
            .get()
            .and_then(Result::ok)
            .map(|f| f.filter)
            .unwrap_or_else(|| search.get().places)
    });
    let map_places = Signal::derive(move || {
        let shown = layers.get().places;
        found
            .get()
            .and_then(Result::ok)
            .map(|f| if shown { f.places } else { Vec::new() })
    });
    let extras = Signal::derive(move || {
        let l = layers.get();
        let Some(Ok(f)) = found.get() else {
            return Vec::new();
        };
        let events = f
            .events
            .iter()
            .filter(|_| l.events)
            .filter_map(MapPoint::of);
        let resources = f
            .resources
            .iter()
            .filter(|_| l.resources)
            .filter_map(MapPoint::of);
        let stops = f
            .places
            .iter()
            .filter(|_| l.places)
            .flat_map(MapPoint::stops_of)
            .collect::<Vec<_>>();
        events.chain(resources).chain(stops).collect()
    });
    let map_territory = Signal::derive(move || territory.get().and_then(Result::ok));

    let show_search = embed.as_ref().is_none_or(|e| e.search);
    let show_list = embed.as_ref().is_none_or(|e| e.list);
    let on_site = embed.is_none();
    let initial = embed.and_then(|e| e.view);
    view! {
        <OembedLink />
        {move || {
            problem
                .get()
                .map(|e| {
                    view! { <LinkProblem error=e instead="Tous les lieux sont affichés." /> }
                })
        }}
        <Transition fallback=|| view! { <p>"Chargement des communes…"</p> }>
            {move || Suspend::new(async move {
                territory
                    .await
                    .map(|index| {
                        let m = map.get_untracked();
                        let s = m.search.clone();
                        let typed = s
                            .typed
                            .clone()
                            .or_else(|| m.address.clone())
                            .unwrap_or_default();
                        let radius = s
                            .radius_km
                            .or(s.places.area.near.map(|n| n.radius_km))
                            .unwrap_or(DEFAULT_RADIUS_KM) as u32;
                        // What is needed and for whom stays when the place changes; on
                        // the site, the needs are fields of the same form.
                        let keep = m.without_where();
                        let needs = on_site.then(|| s.clone());
                        view! {
                            {show_search.then(|| view! { <SearchBox index=index.clone() typed radius_km=radius keep needs /> })}
                            {on_site.then(|| view! {
                                <details class="territoire">
                                    <summary>"Ou choisir une zone ou une communauté de communes"</summary>
                                    <TerritoryFilters index filter />
                                </details>
                            })}
                        }
                    })
                    .map_err(|e| e.to_string())
            })}
        </Transition>
        {move || {
            on_site.then(|| {
                let keep = map.get();
                view! { <LayerChoice layers=layers.get() keep /> }
            })
        }}
        <div class="carte-et-liste">
            <PlacesMap places=map_places extras territory=map_territory filter selected initial layers=layers.into() />
            <Transition fallback=|| view! { <p>"Chargement des lieux…"</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(found) if show_list => {
                            view! { <Results found layers=layers.get() here=address_label.get() selected keep=map.get_untracked().without_where() /> }
                                .into_any()
                        }
                        // The partner chose a map alone; the lists stay one click away.
                        Ok(found) => {
                            view! {
                                <details class="liste-repliee">
                                    <summary>"Voir la liste"</summary>
                                    <Results found layers=layers.get() here=address_label.get() selected keep=map.get_untracked().without_where() />
                                </details>
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
    }
    .into_any()
}

/// The places nearest first, then the next events and the resources of the same area.
#[component]
fn Results(
    found: Found,
    layers: Layers,
    /// The address searched around, when one was chosen.
    here: Option<String>,
    selected: RwSignal<Option<PlaceId>>,
    /// The view besides where to look: links that change the place keep it.
    keep: MapQuery,
) -> impl IntoView {
    let page = use_map_page();
    // The same view around another commune or at another distance.
    let around = move |commune: &str, radius_km: f64| {
        let mut next = keep.clone();
        next.search.typed = Some(commune.to_owned());
        next.search.radius_km = Some(radius_km);
        page.results_url(&next.to_query())
    };
    let radius = found.filter.area.near.map(|n| n.radius_km);
    let heading = match (&found.centre, radius) {
        (Some(c), Some(r)) => format!("Lieux à {r} km ou moins de {}", c.nom),
        (None, Some(r)) if here.is_some() => {
            format!("Lieux à {r} km ou moins de {}", here.unwrap_or_default())
        }
        (None, Some(r)) => format!("Lieux à {r} km ou moins de vous"),
        _ => "Liste des lieux".to_owned(),
    };
    let n = found.places.len();
    let announce = format!("{} {}.", count_places(n), agree(n, "trouvé", "trouvés"));
    // What is over is said to be over: a programme is read long after it ran.
    let (past, upcoming): (Vec<Event>, Vec<Event>) = found
        .events
        .into_iter()
        .partition(|e| e.is_past(found.today));
    let edition = past
        .last()
        .map(|e| e.properties.edition)
        .unwrap_or_default();
    let events_heading = if radius.is_some() && !upcoming.is_empty() {
        "Les prochains ateliers et événements près de chez vous"
    } else {
        "Ateliers et événements « Le 82 fait son numérique »"
    };
    let dates = match (found.from, found.to) {
        (Some(from), Some(to)) => Some(format!("Du {} au {}.", date_fr(from), date_fr(to))),
        _ => None,
    };
    let widen = radius
        .filter(|r| *r < 50.0 && found.places.len() < 3)
        .map(|r| {
            let wider = crate::components::search_box::RADII_KM
                .into_iter()
                .find(|x| f64::from(*x) > r)
                .unwrap_or(50);
            let ou = found
                .centre
                .as_ref()
                .map(|c| c.nom.clone())
                .unwrap_or_default();
            let href = around(&ou, f64::from(wider));
            view! { <p><a href=href>{format!("Chercher plus loin, jusqu'à {wider} km")}</a></p> }
        });
    // A postal code shared by communes, or the start of several names: the resident says
    // which (issue 13, item 12), by a link, with or without JavaScript.
    let choices = (!found.choices.is_empty()).then(|| {
        let radius = found
            .filter
            .area
            .near
            .map(|n| n.radius_km)
            .unwrap_or(DEFAULT_RADIUS_KM);
        view! {
            <div class="choix-commune" role="alert">
                <p>"Plusieurs communes correspondent à votre recherche. Choisissez la vôtre :"</p>
                <ul>
                    {found
                        .choices
                        .iter()
                        .map(|c| view! { <li><a href=around(&c.nom, radius)>{c.label()}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    let filter = found.filter.clone();
    // A search's answer (its URL ends with #resultats) takes the focus: the heading is read,
    // then the count it is described by.
    // After the frame that mounts it: the answer replaces the previous one in place.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            let document = leptos::prelude::document();
            let asked = document
                .location()
                .and_then(|l| l.hash().ok())
                .is_some_and(|h| h == format!("#{RESULTS}"));
            if let Some(heading) = document
                .query_selector(&format!("#{RESULTS} section:not([hidden]) h2"))
                .ok()
                .flatten()
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
                .filter(|_| asked)
            {
                let _ = heading.focus();
            }
        });
    });
    view! {
        <div class="resultats" id=RESULTS>
        <section class="liste" id="liste" aria-labelledby="titre-liste" hidden=!layers.places>
            <h2 id="titre-liste" tabindex="-1" aria-describedby="compte-lieux">{heading}</h2>
            {found
                .unknown_commune
                .then(|| {
                    view! {
                        <p class="alerte" role="alert">
                            "Nous ne trouvons pas cette commune dans le Tarn-et-Garonne. Vérifiez l'orthographe ou tapez le code postal."
                        </p>
                    }
                })}
            {choices}
            <p class="compte" id="compte-lieux" role="status" aria-live="polite">
                {announce}
            </p>
            {widen}
            // Nothing to print on an empty list.
            {(!use_map_page().is_embed() && n > 0).then(|| view! { <PrintList /> })}
            <PlaceList places=found.places filter selected today=found.today />
        </section>
        <section class="bloc-evenements" aria-labelledby="titre-evenements" hidden=!layers.events>
            <h2 id="titre-evenements" tabindex="-1">{events_heading}</h2>
            {if upcoming.is_empty() && !past.is_empty() {
                view! {
                    <p class="compte">
                        {format!("Le programme {edition} est terminé.")}
                        {dates.map(|d| format!(" Il s'est tenu {}", d.replacen("Du", "du", 1)))}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="compte">{count_events(upcoming.len())} {dates.map(|d| format!(" {d}"))}</p>
                    <RecordList records=upcoming />
                }
                    .into_any()
            }}
            {(!past.is_empty())
                .then(|| {
                    view! {
                        <h3>"Déjà passés"</h3>
                        <RecordList records=past />
                    }
                })}
        </section>
        <section class="bloc-ressources" aria-labelledby="titre-ressources" hidden=!layers.resources>
            <h2 id="titre-ressources" tabindex="-1">"Autres ressources : matériel, wifi, prêts, tutoriels"</h2>
            <p class="compte">{count_resources(found.resources.len())}</p>
            <RecordList records=found.resources />
        </section>
        </div>
    }
}
