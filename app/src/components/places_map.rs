use leptos::prelude::*;

use crate::model::{Place, PlaceFilter, PlaceId, TerritoryIndex};

/// The map container. The server renders it with a note for browsers without JavaScript;
/// in the browser, `leaflet_map` draws the territory and the same places as the list.
#[component]
pub fn PlacesMap(
    places: Signal<Option<Vec<Place>>>,
    territory: Signal<Option<TerritoryIndex>>,
    filter: Memo<PlaceFilter>,
    selected: RwSignal<Option<PlaceId>>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    crate::leaflet_map::attach(node, places, territory, filter, selected);
    #[cfg(not(feature = "hydrate"))]
    let _ = (places, territory, filter, selected);

    view! {
        <div
            id="carte"
            class="carte"
            node_ref=node
            role="region"
            aria-label="Carte des lieux. La liste des lieux donne les mêmes informations."
        >
            <p class="carte-sans-js">
                "La carte a besoin de JavaScript. La liste contient tous les lieux."
            </p>
        </div>
    }
}
