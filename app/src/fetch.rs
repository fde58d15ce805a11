//! The browser's own `fetch`, for the few GET requests of the islands (outlines, communes,
//! addresses). Not gloo-net: its request builder and streams weighed 4 KB of the wasm a
//! first visit downloads, for three plain GETs (issue 14).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The body of `url` as text, or what went wrong (the address first).
pub async fn text(url: &str) -> Result<String, String> {
    let failed = |e: wasm_bindgen::JsValue| format!("{url} : {e:?}");
    let response: web_sys::Response = JsFuture::from(leptos::prelude::window().fetch_with_str(url))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("{url} : statut {}", response.status()));
    }
    JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .ok_or_else(|| format!("{url} : pas de texte"))
}
