//! Carto82's user interface. The components render on the server (feature `ssr`); the few
//! interactive ones are islands, compiled to WebAssembly (feature `hydrate`) and brought to
//! life in the browser. `model` holds the domain types both sides share.

// The view types of the map page nest deeper than the default limit allows.
#![recursion_limit = "256"]

pub mod catalogue;
mod components;
#[cfg(feature = "hydrate")]
mod fetch;
pub mod format;
#[cfg(feature = "hydrate")]
mod leaflet_map;
pub mod model;
mod pages;
mod shell;

pub use components::report::{MAX_MESSAGE_CHARS, ReportDraft, ReportField};
pub use pages::embed::EmbedQuery;
#[cfg(feature = "ssr")]
pub use shell::server_html;
pub use shell::{ACCESSIBILITY, App, LEGAL_NOTICE, ShellConfig, TileLayerConfig, shell};

/// The wasm's start: the islands of the page (the search field, the map, forms that apply
/// themselves) come to life; the rest of the page is the server's HTML, as it is.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // `island_script.js` hydrates the islands when this returns, without waiting for
    // anything but the wasm; a task later, they are all alive.
    leptos::prelude::set_timeout(page_ready, std::time::Duration::ZERO);
}

/// Lets the stylesheet hide what only a page without JavaScript needs (and tells tests the
/// page is ready). A search's answer (its URL ends with `#resultats`) takes the focus: the
/// heading is read, then the count it is described by.
#[cfg(feature = "hydrate")]
fn page_ready() {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    if let Some(root) = document.document_element() {
        let _ = root.class_list().add_1("hydrate");
    }
    let results = components::map_page::RESULTS;
    let asked = document
        .location()
        .and_then(|l| l.hash().ok())
        .is_some_and(|h| h == format!("#{results}"));
    if let Some(heading) = document
        .query_selector(&format!("#{results} section:not([hidden]) h2"))
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|_| asked)
    {
        let _ = heading.focus();
    }
}
