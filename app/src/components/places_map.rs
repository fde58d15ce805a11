use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::map_point::MapPoint;
use crate::model::BBox;
use crate::model::embed::InitialView;
use crate::model::layers::Layers;

/// What the map draws, written by the server into the page as the map island's props. The
/// places, events and resources come from their lists (`leaflet_map`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    /// The stops of the mobile services.
    pub points: Vec<MapPoint>,
    /// The view of the territory shown, unless `initial` says otherwise.
    pub bbox: BBox,
    /// Where the map opens, when an embed says.
    pub initial: Option<InitialView>,
    /// `_blank` in an embed: a record opens on the full site.
    pub target: Option<String>,
    /// The page each EPCI outline opens, by SIREN.
    pub epci_links: Vec<(String, String)>,
    /// Names the outlines' content: [`crate::model::TerritoryFile`].
    pub territory_version: String,
}

/// The map and its legend. The server renders the map's container with a note for browsers
/// without JavaScript; in the browser, the island draws the same points as the lists.
#[component]
pub fn PlacesMap(
    data: MapData,
    /// The kinds of records shown: the legend names only these.
    layers: Layers,
) -> impl IntoView {
    let l = layers;
    view! {
        <div class="bloc-carte">
            <Carte data />
            <p class="legende-carte" aria-hidden="true">
                {l.places.then(|| view! { <span class="exemple-marqueur marqueur-lieu"></span>" lieu d'aide " })}
                {l.places.then(|| view! { <span class="exemple-marqueur marqueur-arret">"B"</span>" arrêt d'un service qui se déplace " })}
                {l.events.then(|| view! { <span class="exemple-marqueur marqueur-evenement">"É"</span>" événement " })}
                {l.resources.then(|| view! { <span class="exemple-marqueur marqueur-ressource">"R"</span>" ressource" })}
            </p>
        </div>
    }
}

/// The Leaflet map: the one part of the map page that needs the wasm with the search box.
#[island]
fn Carte(data: MapData) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(element) = node.get()
            && let Err(e) = crate::leaflet_map::draw(&element, data.clone())
        {
            leptos::logging::error!("carte : {e:?}");
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = data;
    view! {
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
    }
}
