use leptos::prelude::*;

use crate::components::map_point::MapPoint;
use crate::model::embed::InitialView;
use crate::model::layers::Layers;
use crate::model::{Place, PlaceFilter, PlaceId, TerritoryIndex};

/// The map container. The server renders it with a note for browsers without JavaScript;
/// in the browser, `leaflet_map` draws the territory and the same places as the list.
#[component]
pub fn PlacesMap(
    places: Signal<Option<Vec<Place>>>,
    extras: Signal<Vec<MapPoint>>,
    territory: Signal<Option<TerritoryIndex>>,
    filter: Memo<PlaceFilter>,
    selected: RwSignal<Option<PlaceId>>,
    /// Where the map opens, when an embed says; otherwise on the territory shown.
    #[prop(default = None)]
    initial: Option<InitialView>,
    /// The kinds of records shown: the legend names only these.
    layers: Signal<Layers>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    crate::leaflet_map::attach(node, places, extras, territory, filter, selected, initial);
    #[cfg(not(feature = "hydrate"))]
    let _ = (places, extras, territory, filter, selected, initial);

    view! {
        <div class="bloc-carte">
        <div
            id="carte"
            class="carte"
            node_ref=node
            role="region"
            aria-label="Carte des lieux, des événements et des ressources. Les listes donnent les mêmes informations."
        >
            <p class="carte-sans-js">
                "La carte a besoin de JavaScript. Les listes sous la carte donnent les mêmes informations."
            </p>
        </div>
        <p class="legende-carte" aria-hidden="true">
            {move || {
                let l = layers.get();
                view! {
                    {l.places.then(|| view! { <span class="exemple-marqueur marqueur-lieu"></span>" lieu d'aide " })}
                    {l.places.then(|| view! { <span class="exemple-marqueur marqueur-arret">"B"</span>" arrêt d'un service qui se déplace " })}
                    {l.events.then(|| view! { <span class="exemple-marqueur marqueur-evenement">"É"</span>" événement " })}
                    {l.resources.then(|| view! { <span class="exemple-marqueur marqueur-ressource">"R"</span>" ressource" })}
                }
            }}
        </p>
        </div>
    }
}
