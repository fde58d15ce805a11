//! What the `leaflet` crate does not bind, and small helpers to hand data to Leaflet.

use js_sys::{Object, Reflect};
use leaflet::{Evented, FeatureGroup, GeoJson, Layer, LayerGroup};
use leptos::prelude::document;
use wasm_bindgen::prelude::*;

// What the `leaflet` crate does not bind: the cluster plugin and two factories.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = FeatureGroup, extends = LayerGroup, extends = Layer, extends = Evented)]
    #[derive(Clone, Debug)]
    pub type MarkerClusterGroup;

    #[wasm_bindgen(js_namespace = L, js_name = markerClusterGroup)]
    pub fn marker_cluster_group(options: &JsValue) -> MarkerClusterGroup;

    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub fn geo_json(data: &JsValue, options: &JsValue) -> GeoJson;

    // The crate binds `bindTooltip(content, options)` to a non-existent
    // `bindTooltipWithContent`; this view of a layer has the right one.
    #[wasm_bindgen(extends = Layer)]
    pub type TooltipLayer;

    #[wasm_bindgen(method, js_name = bindTooltip)]
    pub fn bind_tooltip(this: &TooltipLayer, content: &JsValue, options: &JsValue);

    // The crate's `DivIcon` binds to `L.Icon`; this is Leaflet's own factory.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub fn div_icon(options: &JsValue) -> leaflet::Icon;
}

/// Content for Leaflet from data: Leaflet reads a string as HTML, a node as it is.
pub fn text_node(text: &str) -> JsValue {
    let span = document().create_element("span").expect("span");
    span.set_text_content(Some(text));
    span.into()
}

pub async fn fetch_json(url: &str) -> Result<JsValue, String> {
    let text = crate::fetch::text(url).await?;
    js_sys::JSON::parse(&text).map_err(|e| format!("{url} : {e:?}"))
}

pub fn prop(feature: &JsValue, key: &str) -> Option<String> {
    let properties = Reflect::get(feature, &"properties".into()).ok()?;
    Reflect::get(&properties, &key.into()).ok()?.as_string()
}

pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in entries {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}
