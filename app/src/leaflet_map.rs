//! The Leaflet map, driven from Leptos signals. Browser-only: compiled with `hydrate`.
//!
//! Leaflet keeps its own state (layers, markers), so this module holds it in one `MapState`
//! created on the first run of an effect, and each effect updates one aspect of it from the
//! signals the page shares with the list: the places, the filter (zoom) and the selection.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use leaflet::{
    Evented, FeatureGroup, GeoJson, LatLng, LatLngBounds, Layer, LayerGroup, Map, MapOptions,
    Marker, MarkerOptions, TileLayer, TileLayerOptions,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::components::map_page::use_map_page;
use crate::components::places_map::{MapPoint, PointKind};
use crate::model::embed::InitialView;
use crate::model::{BBox, FromQuery, Place, PlaceFilter, PlaceId, Siren, TerritoryIndex, Zone};

// What the `leaflet` crate does not bind: the cluster plugin and two factories.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = FeatureGroup, extends = LayerGroup, extends = Layer, extends = Evented)]
    #[derive(Clone, Debug)]
    type MarkerClusterGroup;

    #[wasm_bindgen(js_namespace = L, js_name = markerClusterGroup)]
    fn marker_cluster_group(options: &JsValue) -> MarkerClusterGroup;

    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json(data: &JsValue, options: &JsValue) -> GeoJson;

    // The crate binds `bindTooltip(content, options)` to a non-existent
    // `bindTooltipWithContent`; this view of a layer has the right one.
    #[wasm_bindgen(extends = Layer)]
    type TooltipLayer;

    #[wasm_bindgen(method, js_name = bindTooltip)]
    fn bind_tooltip(this: &TooltipLayer, content: &JsValue, options: &JsValue);

    // The crate's `DivIcon` binds to `L.Icon`; this is Leaflet's own factory.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &JsValue) -> leaflet::Icon;
}

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
                &popup_content(place).into(),
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
    let map = Map::new_with_element(element, &options)?;
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
fn configured_tiles() -> Option<(String, String)> {
    let meta = document()
        .query_selector("meta[name='carto82:tuiles']")
        .ok()??;
    let url = meta.get_attribute("content")?;
    let attribution = meta.get_attribute("data-attribution").unwrap_or_default();
    Some((url, attribution))
}

fn show_places(s: &mut MapState, places: &[Place], selected: RwSignal<Option<PlaceId>>) {
    s.cluster.clear_layers();
    s.shown.clear();
    s.handlers.clear();
    let icon = div_icon(&object(&[
        ("className", JsValue::from_str("marqueur")),
        ("html", JsValue::from_str("<span></span>")),
        (
            "iconSize",
            js_sys::Array::of2(&24.into(), &24.into()).into(),
        ),
    ]));
    for place in places {
        let options = MarkerOptions::new();
        options.set_icon(icon.clone());
        options.set_title(place.properties.nom.clone());
        options.set_alt(place.properties.nom.clone());
        options.set_keyboard(true);
        let marker = Marker::new_with_options(
            &LatLng::new(place.position.lat, place.position.lon),
            &options,
        );
        let id = place.id().clone();
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |_| selected.set(Some(id.clone())));
        marker
            .unchecked_ref::<Evented>()
            .on("click", handler.as_ref().unchecked_ref());
        s.cluster.add_layer(marker.unchecked_ref());
        s.shown.insert(place.id().clone(), place.clone());
        s.handlers.push(handler);
    }
}

fn show_points(s: &MapState, points: &[MapPoint], target: Option<&str>) {
    s.others.clear_layers();
    for point in points {
        // A shape and a letter, not colour alone.
        let (class, letter) = match point.kind {
            PointKind::Evenement => ("marqueur-evenement", "É"),
            PointKind::Ressource => ("marqueur-ressource", "R"),
        };
        let icon = div_icon(&object(&[
            ("className", JsValue::from_str(class)),
            ("html", JsValue::from_str(letter)),
            (
                "iconSize",
                js_sys::Array::of2(&22.into(), &22.into()).into(),
            ),
        ]));
        let options = MarkerOptions::new();
        options.set_icon(icon);
        options.set_title(point.title.clone());
        options.set_alt(point.title.clone());
        options.set_keyboard(true);
        let marker = Marker::new_with_options(&LatLng::new(point.lat, point.lon), &options);
        let doc = document();
        let root = doc.create_element("div").expect("div");
        let link = doc.create_element("a").expect("a");
        let _ = link.set_attribute("href", &point.href);
        link.set_text_content(Some(&point.title));
        if let Some(target) = target {
            let _ = link.set_attribute("target", target);
            let note = doc.create_element("span").expect("span");
            note.set_class_name("visuellement-cache");
            note.set_text_content(Some(" (nouvel onglet)"));
            let _ = link.append_child(&note);
        }
        let _ = root.append_child(&link);
        marker.bind_popup_with_options(&root.into(), &JsValue::UNDEFINED);
        s.others.add_layer(marker.unchecked_ref());
    }
}

fn popup_content(place: &Place) -> web_sys::Element {
    let doc = document();
    let root = doc.create_element("div").expect("div");
    let name = doc.create_element("strong").expect("strong");
    name.set_text_content(Some(&place.properties.nom));
    let town = doc.create_element("div").expect("div");
    town.set_text_content(Some(&format!(
        "{} {}",
        place.properties.code_postal, place.location.commune_localisee
    )));
    root.append_with_node_2(&name, &town).expect("append");
    root
}

/// Zone and EPCI outlines, fetched from our own API. Clicking an EPCI chooses its zone
/// first, then the EPCI itself: the same drill-down as the controls.
async fn draw_territory(map: Map, filter: Memo<PlaceFilter>, choose: Rc<dyn Fn(PlaceFilter)>) {
    let (zones, epci) = match (
        fetch_json("/api/territory/zones").await,
        fetch_json("/api/territory/epci").await,
    ) {
        (Ok(z), Ok(e)) => (z, e),
        (Err(e), _) | (_, Err(e)) => {
            leptos::logging::error!("contours : {e}");
            return;
        }
    };

    let zone_style = object(&[
        ("color", "#1d3f72".into()),
        ("weight", 3.into()),
        ("fillColor", "#dfe8f3".into()),
        ("fillOpacity", JsValue::from(0.5)),
        ("interactive", JsValue::FALSE),
    ]);
    let on_zone = Closure::<dyn FnMut(JsValue, Layer)>::new(|feature: JsValue, layer: Layer| {
        if let Some(name) = prop(&feature, "zone") {
            let options = object(&[
                ("permanent", JsValue::TRUE),
                ("direction", "center".into()),
                ("className", "etiquette-zone".into()),
            ]);
            layer
                .unchecked_ref::<TooltipLayer>()
                .bind_tooltip(&text_node(&name), &options);
        }
    });
    let zones_layer = geo_json(
        &zones,
        &object(&[
            ("style", zone_style),
            ("onEachFeature", on_zone.as_ref().clone()),
            ("attribution", "Contours : IGN Admin Express, INSEE".into()),
        ]),
    );
    zones_layer.add_to(&map);

    let epci_style = object(&[
        ("color", "#3b6aa8".into()),
        ("weight", 1.into()),
        ("dashArray", "4 3".into()),
        ("fillOpacity", JsValue::from(0.0)),
    ]);
    let on_epci =
        Closure::<dyn FnMut(JsValue, Layer)>::new(move |feature: JsValue, layer: Layer| {
            let (Some(siren), Some(nom), Some(zone)) = (
                prop(&feature, "siren").and_then(|s| s.parse::<Siren>().ok()),
                prop(&feature, "nom"),
                prop(&feature, "zone").and_then(|z| z.parse::<Zone>().ok()),
            ) else {
                return;
            };
            layer
                .unchecked_ref::<TooltipLayer>()
                .bind_tooltip(&text_node(&nom), &object(&[("sticky", JsValue::TRUE)]));
            let choose = choose.clone();
            let click = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let current = filter.get_untracked();
                let mut next = current.clone();
                if current.zone() == Some(zone) {
                    next.area.epcis = vec![siren.clone()];
                } else {
                    next.area.zones = vec![zone];
                    next.area.epcis.clear();
                }
                choose(next);
            });
            layer
                .unchecked_ref::<Evented>()
                .on("click", click.as_ref().unchecked_ref());
            // The outlines stay for the life of the page.
            click.forget();
        });
    let epci_layer = geo_json(
        &epci,
        &object(&[
            ("style", epci_style),
            ("onEachFeature", on_epci.as_ref().clone()),
        ]),
    );
    epci_layer.add_to(&map);
    // Both callbacks ran synchronously inside geoJSON(); they are no longer needed.
    drop((on_zone, on_epci));
    show_communes_when_close(map);
}

/// Commune outlines give context once zoomed in (there is no background map by default).
/// They are fetched on the first zoom that close, so a first visit does not pay for them.
fn show_communes_when_close(map: Map) {
    const CLOSE_ZOOM: f64 = 10.0;
    let requested = Rc::new(std::cell::Cell::new(false));
    let watched = map.clone();
    let on_zoom = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        if requested.get() || watched.get_zoom() < CLOSE_ZOOM {
            return;
        }
        requested.set(true);
        let map = watched.clone();
        spawn_local(async move {
            match fetch_json("/api/territory/communes").await {
                Ok(communes) => {
                    let style = object(&[
                        ("color", "#6b7a90".into()),
                        ("weight", JsValue::from(0.8)),
                        ("fillOpacity", JsValue::from(0.0)),
                        ("interactive", JsValue::FALSE),
                    ]);
                    let layer = geo_json(&communes, &object(&[("style", style)]));
                    layer.add_to(&map);
                    layer.unchecked_ref::<FeatureGroup>().bring_to_back();
                }
                Err(e) => leptos::logging::error!("communes : {e}"),
            }
        });
    });
    map.unchecked_ref::<Evented>()
        .on("zoomend", on_zoom.as_ref().unchecked_ref());
    // Watches the map for the life of the page.
    on_zoom.forget();
}

/// Content for Leaflet from data: Leaflet reads a string as HTML, a node as it is.
fn text_node(text: &str) -> JsValue {
    let span = document().create_element("span").expect("span");
    span.set_text_content(Some(text));
    span.into()
}

async fn fetch_json(url: &str) -> Result<JsValue, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{url} : statut {}", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    js_sys::JSON::parse(&text).map_err(|e| format!("{url} : {e:?}"))
}

fn prop(feature: &JsValue, key: &str) -> Option<String> {
    let properties = Reflect::get(feature, &"properties".into()).ok()?;
    Reflect::get(&properties, &key.into()).ok()?.as_string()
}

fn territory_bbox(index: &TerritoryIndex, filter: &PlaceFilter) -> BBox {
    if let Some(near) = filter.area.near {
        // The circle of the search, in degrees.
        let dlat = near.radius_km / 111.2;
        let dlon = dlat / near.lat.to_radians().cos();
        return [
            near.lon - dlon,
            near.lat - dlat,
            near.lon + dlon,
            near.lat + dlat,
        ];
    }
    // Chosen communes: around their population points, with room for a commune's size.
    let points: geo::MultiPoint = index
        .communes
        .iter()
        .filter(|c| filter.area.communes.contains(&c.insee))
        .map(|c| geo::Point::new(c.lon, c.lat))
        .collect();
    if let Some(r) = geo::BoundingRect::bounding_rect(&points) {
        const PAD_DEGREES: f64 = 0.06;
        return [
            r.min().x - PAD_DEGREES,
            r.min().y - PAD_DEGREES,
            r.max().x + PAD_DEGREES,
            r.max().y + PAD_DEGREES,
        ];
    }
    filter
        .epci()
        .and_then(|s| index.epci(s).map(|e| e.bbox))
        .or_else(|| filter.zone().and_then(|z| index.zone(z).map(|z| z.bbox)))
        .unwrap_or(index.departement_bbox)
}

fn bounds([west, south, east, north]: BBox) -> LatLngBounds {
    LatLngBounds::new(&LatLng::new(south, west), &LatLng::new(north, east))
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in entries {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}
