//! Carto82's user interface. The same components render on the server (feature `ssr`) and
//! hydrate in the browser (feature `hydrate`, compiled to WebAssembly); `model` holds the
//! domain types both sides share.

// The view types of the map page nest deeper than the default limit allows.
#![recursion_limit = "256"]

pub mod catalogue;
mod components;
pub mod format;
#[cfg(feature = "hydrate")]
mod full_page_links;
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

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    full_page_links::install();
    // Asynchronous, as `leptos::mount::hydrate_lazy`: a page split off into its own wasm
    // file (see shell.rs) is fetched before it can hydrate.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body().expect("a <body>");
        leptos::mount::hydrate_from_async(body, App).await.forget();
        // Lets the stylesheet hide what only a page without JavaScript needs (and tells
        // tests that hydration ran).
        if let Some(root) = leptos::prelude::document().document_element() {
            let _ = root.set_attribute("class", "hydrate");
        }
    });
}
