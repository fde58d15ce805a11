//! The Leaflet map, driven from Leptos signals. Browser-only: compiled with `hydrate`.
//!
//! Leaflet keeps its own state (layers, markers), so this module holds it in one `MapState`
//! created on the first run of an effect, and each effect updates one aspect of it from the
//! signals the page shares with the list: the places, the filter (zoom) and the selection.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::Reflect;
use leaflet::{LatLng, LayerGroup, Map, MapOptions, TileLayer, TileLayerOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

mod bindings;
mod gestures;
mod markers;
mod territory;

use crate::components::map_page::use_map_page;
use crate::components::map_point::MapPoint;
use crate::model::embed::InitialView;
use crate::model::{FromQuery, Place, PlaceFilter, PlaceId, TerritoryIndex};
use bindings::{MarkerClusterGroup, marker_cluster_group, object};
use markers::{popup_content, show_places, show_points};
use territory::{bounds, draw_territory, territory_bbox};

/// Zoom at which a chosen place is shown, unless the map is already closer.
const SELECTED_ZOOM: f64 = 11.0;

struct MapState {
    map: Map,
    cluster: MarkerClusterGroup,
    /// Events and resources: few, and not to be counted with the places' clusters.
    others: LayerGroup,
    /// The places on the map now, by id.
    shown: HashMap<PlaceId, Place>,
    // Marker click handlers live as long as their markers.
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

type Shared = Rc<RefCell<Option<MapState>>>;

pub fn attach(
    node: NodeRef<leptos::html::Div>,
    places: Signal<Option<Vec<Place>>>,
    extras: Signal<Vec<MapPoint>>,
    territory: Signal<Option<TerritoryIndex>>,
    filter: Memo<PlaceFilter>,
    selected: RwSignal<Option<PlaceId>>,
    initial: Option<InitialView>,
) {
    let state: Shared = Rc::default();
    let navigate = use_navigate();
    let page = use_map_page();
    let target = page.link_target();
    let choose: Rc<dyn Fn(PlaceFilter)> = Rc::new(move |f: PlaceFilter| {
        navigate(&page.url(&f.to_query()), Default::default());
    });
    // A view the partner chose is kept until the resident changes the territory.
    let keep_initial = Rc::new(std::cell::Cell::new(initial.is_some()));

    let ensure = {
        let state = state.clone();
        move || -> bool {
            if state.borrow().is_some() {
                return true;
            }
            let Some(element) = node.get() else {
                return false;
            };
            match create_map(&element, initial) {
                Ok(map_state) => {
                    let map = map_state.map.clone();
                    *state.borrow_mut() = Some(map_state);
                    spawn_local(draw_territory(map, filter, choose.clone()));
                    true
                }
                Err(e) => {
                    leptos::logging::error!("carte : {e:?}");
                    false
                }
            }
        }
    };

    // Events and resources follow their lists too.
    Effect::new({
        let state = state.clone();
        let ensure = ensure.clone();
        move |_| {
            let points = extras.get();
            if !ensure() {
                return;
            }
            if let Some(s) = state.borrow().as_ref() {
                show_points(s, &points, target);
            }
        }
    });

    // Markers follow the places shown in the list.
    Effect::new({
        let state = state.clone();
        let ensure = ensure.clone();
        move |_| {
            let places = places.get();
            if !ensure() {
                return;
            }
            if let (Some(places), Some(s)) = (places, state.borrow_mut().as_mut()) {
                show_places(s, &places, selected);
            }
        }
    });

    // The view follows the chosen territory.
    Effect::new({
        let state = state.clone();
        let ensure = ensure.clone();
        move |_| {
            let (f, index) = (filter.get(), territory.get());
            if !ensure() {
                return;
            }
            if keep_initial.replace(false) {
                return;
            }
            if let (Some(index), Some(s)) = (index, state.borrow().as_ref()) {
                s.map.fit_bounds(&bounds(territory_bbox(&index, &f)));
            }
        }
    });

    // A place opened in the list is shown on the map.
    Effect::new(move |_| {
        let Some(id) = selected.get() else { return };
        if !ensure() {
            return;
        }
        if let Some(s) = state.borrow().as_ref()
            && let Some(place) = s.shown.get(&id)
        {
            // A popup of the map's own, at the place: it shows whether or not the marker
            // is inside a cluster at this zoom.
            let at = LatLng::new(place.position.lat, place.position.lon);
            s.map.set_view(&at, s.map.get_zoom().max(SELECTED_ZOOM));
            s.map.open_popup_with_content_and_options(
                &popup_content(place, target).into(),
                &at,
                &object(&[(
                    "offset",
                    js_sys::Array::of2(&0.into(), &(-10).into()).into(),
                )]),
            );
        }
    });
}

fn create_map(
    element: &web_sys::HtmlDivElement,
    initial: Option<InitialView>,
) -> Result<MapState, JsValue> {
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
            map.fit_bounds(&bounds([0.73789, 43.76768, 2.00062, 44.39387]));
        }
    }
    if let Some((url, attribution)) = tiles {
        let tile_options = TileLayerOptions::new();
        tile_options.set_attribution(attribution);
        tile_options.set_max_zoom(18.0);
        TileLayer::new_options(&url, &tile_options).add_to(&map);
    }
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
    Ok(MapState {
        map,
        cluster,
        others,
        shown: HashMap::new(),
        handlers: Vec::new(),
    })
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
