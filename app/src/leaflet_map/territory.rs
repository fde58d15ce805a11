//! The territory: zone and EPCI outlines (clicking one chooses it), commune outlines once
//! zoomed in, and the bounds of what the filter chooses.

use std::rc::Rc;

use leaflet::{Evented, FeatureGroup, LatLng, LatLngBounds, Layer, Map};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::bindings::{TooltipLayer, fetch_json, geo_json, object, prop, text_node};
use crate::model::{BBox, TerritoryFile};

/// Zone and EPCI outlines, fetched from our own API. Clicking an EPCI opens the page the
/// server gave for it in `links` (by SIREN): its zone first, then the EPCI itself, the same
/// drill-down as the controls.
pub(super) async fn draw_territory(map: Map, links: Rc<Vec<(String, String)>>, version: String) {
    let (zones, epci) = match (
        fetch_json(&TerritoryFile::ZoneOutlines.url(&version)).await,
        fetch_json(&TerritoryFile::EpciOutlines.url(&version)).await,
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
            let (Some(nom), Some(url)) = (
                prop(&feature, "nom"),
                prop(&feature, "siren")
                    .and_then(|s| links.iter().find(|(siren, _)| *siren == s))
                    .map(|(_, url)| url.clone()),
            ) else {
                return;
            };
            layer
                .unchecked_ref::<TooltipLayer>()
                .bind_tooltip(&text_node(&nom), &object(&[("sticky", JsValue::TRUE)]));
            let click = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let _ = window().location().assign(&url);
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
    show_communes_when_close(map, TerritoryFile::CommuneOutlines.url(&version));
}

/// Commune outlines give context once zoomed in (there is no background map by default).
/// They are fetched on the first zoom that close, so a first visit does not pay for them.
/// Without tiles, the communes' names are drawn from our own data once they can be read
/// (issue 13, item 10): the map is usable with no third-party request.
fn show_communes_when_close(map: Map, url: String) {
    const CLOSE_ZOOM: f64 = 10.0;
    const NAMES_ZOOM: f64 = 11.0;
    let names = super::configured_tiles().is_none();
    let requested = Rc::new(std::cell::Cell::new(false));
    let watched = map.clone();
    let on_zoom = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        // The stylesheet shows the names only this close (`noms-visibles`).
        let readable = names && watched.get_zoom() >= NAMES_ZOOM;
        let _ = watched
            .get_container()
            .class_list()
            .toggle_with_force("noms-visibles", readable);
        if requested.get() || watched.get_zoom() < CLOSE_ZOOM {
            return;
        }
        requested.set(true);
        let (map, url) = (watched.clone(), url.clone());
        spawn_local(async move {
            match fetch_json(&url).await {
                Ok(communes) => {
                    let style = object(&[
                        ("color", "#6b7a90".into()),
                        ("weight", JsValue::from(0.8)),
                        ("fillOpacity", JsValue::from(0.0)),
                        ("interactive", JsValue::FALSE),
                    ]);
                    let name = Closure::<dyn FnMut(JsValue, Layer)>::new(
                        move |feature: JsValue, layer: Layer| {
                            if let Some(nom) = prop(&feature, "nom").filter(|_| names) {
                                let options = object(&[
                                    ("permanent", JsValue::TRUE),
                                    ("direction", "center".into()),
                                    ("className", "nom-commune".into()),
                                ]);
                                layer
                                    .unchecked_ref::<TooltipLayer>()
                                    .bind_tooltip(&text_node(&nom), &options);
                            }
                        },
                    );
                    let layer = geo_json(
                        &communes,
                        &object(&[("style", style), ("onEachFeature", name.as_ref().clone())]),
                    );
                    // It ran synchronously inside geoJSON().
                    drop(name);
                    layer.add_to(&map);
                    layer.unchecked_ref::<FeatureGroup>().bring_to_back();
                }
                Err(e) => leptos::logging::error!("communes : {e}"),
            }
        });
    });
    map.unchecked_ref::<Evented>()
        .on("zoomend", on_zoom.as_ref().unchecked_ref());
    // The map may already be close: a search's link zooms in while the outlines above
    // were still on their way (a slow network), and no zoom would follow.
    let _ = on_zoom
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .call1(&JsValue::NULL, &JsValue::NULL);
    // Watches the map for the life of the page.
    on_zoom.forget();
}

pub(super) fn bounds([west, south, east, north]: BBox) -> LatLngBounds {
    LatLngBounds::new(&LatLng::new(south, west), &LatLng::new(north, east))
}
