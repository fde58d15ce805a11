//! The Leaflet map of a map page. Browser-only (compiled with `hydrate`): the map island
//! draws it once, from what the server wrote in its props (the points, the view, the links of
//! the outlines). Every change of view is a new page, so nothing here is redrawn.
//!
//! A place is shown in both the list and the map: opening its entry in the list (a native
//! `<details>`) opens its popup, and choosing its marker opens its entry.

use std::rc::Rc;

use js_sys::Reflect;
use leaflet::{LatLng, LayerGroup, Map, MapOptions, TileLayer, TileLayerOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

mod bindings;
mod gestures;
mod markers;
mod territory;

use crate::components::places_map::MapData;
use crate::model::BBox;
use bindings::{MarkerClusterGroup, marker_cluster_group, object};
use markers::{listed_points, place_popup, places_in_the_list, show_places, show_points};
use territory::{bounds, draw_territory};

/// Zoom at which a chosen place is shown, unless the map is already closer.
const SELECTED_ZOOM: f64 = 11.0;

struct MapState {
    map: Map,
    cluster: MarkerClusterGroup,
    /// Events, resources and stops: few, and not to be counted with the places' clusters.
    others: LayerGroup,
    /// The places on the map, with the id of their entry in the list. (No `HashMap` in the
    /// browser's code: a few dozen entries, and its code weighs kilobytes; issue 14.)
    places: Vec<(String, LatLng)>,
    target: Option<String>,
}

/// Draws the map in `element`, for the life of the page.
pub fn draw(element: &web_sys::HtmlDivElement, data: MapData) -> Result<(), JsValue> {
    let MapData {
        points,
        bbox,
        initial,
        target,
        epci_links,
        territory_version,
    } = data;
    let map = create_map(element, initial, bbox)?;
    let listed = places_in_the_list();
    let cluster_options = object(&[
        ("showCoverageOnHover", JsValue::FALSE),
        ("maxClusterRadius", JsValue::from(40)),
        // Clusters fading in and out while the map moves are hard to read (and half-faded
        // numbers fail contrast); a map that simply redraws suits slow phones better too.
        ("animate", JsValue::FALSE),
    ]);
    let cluster = marker_cluster_group(&cluster_options);
    cluster.add_to(&map);
    let others = LayerGroup::new();
    others.add_to(&map);
    let state = Rc::new(MapState {
        map: map.clone(),
        cluster,
        others,
        places: listed
            .iter()
            .map(|p| (p.entry.clone(), LatLng::new(p.lat, p.lon)))
            .collect(),
        target,
    });
    show_places(&state, &listed, {
        let state = state.clone();
        move |entry: &str| {
            show_place(&state, entry);
            open_entry(entry);
        }
    });
    let others: Vec<_> = listed_points().into_iter().chain(points).collect();
    show_points(&state, &others);
    follow_the_list(state);
    spawn_local(draw_territory(map, Rc::new(epci_links), territory_version));
    Ok(())
}

/// A place opened in the list is shown on the map. `toggle` does not bubble: the document
/// hears it while it goes down to the `<details>` (capture).
fn follow_the_list(state: Rc<MapState>) {
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        else {
            return;
        };
        if details.open() {
            show_place(&state, &details.id());
        }
    });
    let _ = document().add_event_listener_with_callback_and_bool(
        "toggle",
        listener.as_ref().unchecked_ref(),
        true,
    );
    // Listens for the life of the page.
    listener.forget();
}

/// A popup of the map's own, at the place: it shows whether or not the marker is inside a
/// cluster at this zoom.
fn show_place(s: &MapState, entry: &str) {
    let at = s.places.iter().find(|(e, _)| e == entry).map(|(_, at)| at);
    let (Some(at), Some(element)) = (at, document().get_element_by_id(entry)) else {
        return;
    };
    s.map.set_view(at, s.map.get_zoom().max(SELECTED_ZOOM));
    s.map.open_popup_with_content_and_options(
        &place_popup(&element, s.target.as_deref()).into(),
        at,
        &object(&[(
            "offset",
            js_sys::Array::of2(&0.into(), &(-10).into()).into(),
        )]),
    );
}

/// Opens a place's entry in the list and brings it into view.
fn open_entry(entry: &str) {
    let Some(element) = document().get_element_by_id(entry) else {
        return;
    };
    if let Ok(details) = element.dyn_into::<web_sys::HtmlDetailsElement>() {
        details.set_open(true);
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        details.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

fn create_map(
    element: &web_sys::HtmlDivElement,
    initial: Option<crate::model::embed::InitialView>,
    bbox: BBox,
) -> Result<Map, JsValue> {
    let options = MapOptions::new();
    options.set_zoom_snap(0.25);
    options.set_min_zoom(7.0);
    // The cluster plugin needs a maximum zoom. Without tiles, closer than a town's scale
    // shows nothing but markers on a blank background.
    let tiles = configured_tiles();
    options.set_max_zoom(if tiles.is_some() { 18.0 } else { 13.0 });
    // The page scrolls over the map: `gestures` zooms with Ctrl + wheel, moves with two fingers.
    options.set_scroll_wheel_zoom(false);
    options.set_dragging(!gestures::touch_screen());
    let map = Map::new_with_element(element, &options)?;
    gestures::install(&map, element)?;
    // Leaflet's own credit link would otherwise open inside the map's page, or inside a
    // partner's frame.
    let control = Reflect::get(map.as_ref(), &"attributionControl".into())?;
    let set_prefix: js_sys::Function = Reflect::get(&control, &"setPrefix".into())?.dyn_into()?;
    set_prefix.call1(
        &control,
        &"<a href=\"https://leafletjs.com\" target=\"_blank\" rel=\"noopener\">Leaflet</a>".into(),
    )?;
    match initial {
        Some(v) => {
            map.set_view(&LatLng::new(v.lat, v.lon), f64::from(v.zoom));
        }
        None => {
            map.fit_bounds(&bounds(bbox));
        }
    }
    if let Some((url, attribution)) = tiles {
        let tile_options = TileLayerOptions::new();
        tile_options.set_attribution(attribution);
        tile_options.set_max_zoom(18.0);
        TileLayer::new_options(&url, &tile_options).add_to(&map);
    }
    Ok(map)
}

/// A tile layer is drawn only when the server was configured with one (`<meta>` in the page).
pub(super) fn configured_tiles() -> Option<(String, String)> {
    let meta = document()
        .query_selector("meta[name='carto82:tuiles']")
        .ok()??;
    let url = meta.get_attribute("content")?;
    let attribution = meta.get_attribute("data-attribution").unwrap_or_default();
    Some((url, attribution))
}
