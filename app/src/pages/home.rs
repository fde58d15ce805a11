use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::components::link_problem::LinkProblem;
use leptos_router::hooks::use_query_map;

use crate::catalogue::{DEFAULT_RADIUS_KM, Found, find, load_territory};
use crate::components::{
    filters::TerritoryFilters,
    layers::LayerChoice,
    map_page::{MapPage, RESULTS, use_map_page},
    map_point::MapPoint,
    oembed_link::OembedLink,
    place_list::PlaceList,
    places_map::{MapData, PlacesMap},
    print_list::PrintList,
    record_list::RecordList,
    search_box::SearchBox,
};
use crate::format::{agree, count_events, count_places, count_resources, date_fr};
use crate::model::embed::EmbedOptions;
use crate::model::layers::Layers;
use crate::model::map_query::MapQuery;
use crate::model::{Event, FromQuery, PlaceFilter, Query, TerritoryFile, TerritoryIndex};

/// The map page: where are you, what do you need; then the places nearest first, the next
/// events and the resources around.
#[component]
pub fn HomePage() -> impl IntoView {
    // Its own title for each search: a tab, a bookmark and the history say where.
    let typed = use_query_map()
        .with_untracked(|q| MapQuery::read_each(&Query::from_pairs(q)).0.search.typed);
    let title = match typed.filter(|t| !t.trim().is_empty()) {
        Some(place) => format!("Aide au numérique près de {place} – Carto82"),
        None => "Carto82 : trouver de l'aide pour le numérique en Tarn-et-Garonne".to_owned(),
    };
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
/// URL query is the single source of the view, so a link opens the same view; every change
/// of view is a new page, written by the server. Only the search field, "near me", the map
/// and the forms that apply themselves are islands of code in the browser.
#[component]
pub fn MapView(#[prop(optional)] embed: Option<EmbedOptions>) -> impl IntoView {
    let (map, errors) =
        use_query_map().with_untracked(|q| MapQuery::read_each(&Query::from_pairs(q)));
    let problem = errors.first().cloned();
    let found = Resource::new(|| (), {
        let search = map.search.clone();
        move |_| find(search.clone())
    });
    let territory = Resource::new(|| (), |_| load_territory());
    let page = use_map_page();
    let show_search = embed.as_ref().is_none_or(|e| e.search);
    let show_list = embed.as_ref().is_none_or(|e| e.list);
    let on_site = embed.is_none();
    let initial = embed.and_then(|e| e.view);
    view! {
        <OembedLink />
        {problem.map(|e| view! { <LinkProblem error=e instead="Tous les lieux sont affichés." /> })}
        <Suspense fallback=|| view! { <p>"Chargement des lieux…"</p> }>
            {move || {
                let (map, page) = (map.clone(), page.clone());
                Suspend::new(async move {
                    let (index, found) = match (territory.await, found.await) {
                        (Ok(index), Ok(found)) => (index, found),
                        (Err(e), _) | (_, Err(e)) => {
                            return view! {
                                <p class="alerte" role="alert">
                                    "La liste n'a pas pu être chargée. Réessayez dans un instant. ("
                                    {e.to_string()}
                                    ")"
                                </p>
                            }
                                .into_any();
                        }
                    };
                    let s = &map.search;
                    let typed = s.typed.clone().or_else(|| map.address.clone()).unwrap_or_default();
                    let radius = s
                        .radius_km
                        .or(s.places.area.near.map(|n| n.radius_km))
                        .unwrap_or(DEFAULT_RADIUS_KM) as u32;
                    // What is needed and for whom stays when the place changes; on the
                    // site, the needs are fields of the same form.
                    let keep = map.without_where();
                    let needs = on_site.then(|| s.clone());
                    let layers = map.layers;
                    let data = MapData {
                        points: points_of(&found, layers),
                        bbox: index.bbox_of(&found.filter),
                        initial,
                        target: page.link_target().map(str::to_owned),
                        epci_links: epci_links(&index, &found.filter, &page),
                        territory_version: index.version.clone(),
                    };
                    let controls = view! {
                        {show_search.then(|| view! { <SearchBox typed radius_km=radius communes_url=TerritoryFile::Communes.url(&index.version) keep needs /> })}
                        {on_site.then(|| {
                            let filter = found.filter.clone();
                            view! {
                                <details class="territoire">
                                    <summary>"Ou choisir une zone ou une communauté de communes"</summary>
                                    <TerritoryFilters index filter keep=map.clone() />
                                </details>
                                <LayerChoice layers keep=map.clone() />
                            }
                        })}
                    };
                    let every_structure = {
                        let mut all = map.clone();
                        all.search.places.actors.clear();
                        page.results_url(&all.to_query())
                    };
                    let results = view! { <Results found layers here=map.address.clone() keep=map.without_where() every_structure /> };
                    view! {
                        {controls}
                        <div class="carte-et-liste">
                            <PlacesMap data layers />
                            {if show_list {
                                results.into_any()
                            } else {
                                // The partner chose a map alone; the lists stay one click away.
                                view! {
                                    <details class="liste-repliee">
                                        <summary>"Voir la liste"</summary>
                                        {results}
                                    </details>
                                }
                                    .into_any()
                            }}
                        </div>
                    }
                        .into_any()
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// What the map draws besides the records of the lists (it reads them there): the stops of
/// the mobile services shown.
fn points_of(found: &Found, layers: Layers) -> Vec<MapPoint> {
    let places = found.places.iter().filter(|_| layers.places);
    places.flat_map(MapPoint::stops_of).collect()
}

/// The page each EPCI outline opens: its zone first, then, once in its zone, the EPCI itself
/// (the same drill-down as the controls).
fn epci_links(
    index: &TerritoryIndex,
    filter: &PlaceFilter,
    page: &MapPage,
) -> Vec<(String, String)> {
    index
        .epcis
        .iter()
        .map(|e| {
            let mut next = filter.clone();
            if filter.zone() == Some(e.zone) {
                next.area.epcis = vec![e.siren.clone()];
            } else {
                next.area.zones = vec![e.zone];
                next.area.epcis.clear();
            }
            (e.siren.to_string(), page.url(&next.to_query()))
        })
        .collect()
}

/// The places nearest first, then the next events and the resources of the same area.
#[component]
fn Results(
    found: Found,
    layers: Layers,
    /// The address searched around, when one was chosen.
    here: Option<String>,
    /// The view besides where to look: links that change the place keep it.
    keep: MapQuery,
    /// The same view with the places of every actor, when some are chosen (`actor=`).
    every_structure: String,
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
    let total = found.places_total;
    let announce = if total > n {
        let which = if radius.is_some() {
            "plus proches"
        } else {
            "premiers"
        };
        format!(
            "{} {}. Voici les {n} {which}. Pour voir les autres, précisez la recherche : une commune, une distance ou un besoin.",
            count_places(total),
            agree(total, "trouvé", "trouvés")
        )
    } else {
        format!("{} {}.", count_places(n), agree(n, "trouvé", "trouvés"))
    };
    let more_events = (found.events_total > found.events.len()).then(|| {
        format!(
            "{} en tout ; la liste en montre {}. Pour voir les autres, choisissez une commune, un thème ou des dates.",
            count_events(found.events_total),
            found.events.len()
        )
    });
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
            // `actor=`: the places of one structure (a link from its sheet).
            {(!found.actors.is_empty())
                .then(|| {
                    view! {
                        <p class="structure">
                            "Seulement les lieux de : "
                            {found
                                .actors
                                .iter()
                                .enumerate()
                                .map(|(i, (href, name))| view! { {(i > 0).then_some(", ")}<a href=href.clone()>{name.clone()}</a> })
                                .collect_view()}
                        </p>
                        <p>
                            <a href=every_structure>"Voir les lieux de toutes les structures"</a>
                        </p>
                    }
                })}
            <p class="compte" id="compte-lieux" role="status" aria-live="polite">
                {announce}
            </p>
            {widen}
            // Nothing to print on an empty list.
            {(!use_map_page().is_embed() && n > 0).then(|| view! { <PrintList /> })}
            <PlaceList places=found.places filter today=found.today />
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
            {more_events.map(|m| view! { <p class="compte">{m}</p> })}
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
