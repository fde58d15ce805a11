//! Links the browser follows itself, with a full page load, instead of the router.
//!
//! - Links to another page, unless both are map pages (`shell::PageCode::Map`): the other
//!   pages carry other code (the documents none, the builder its own split wasm file, not
//!   Leaflet) and `/api` is not a page of the app, which the router would answer with its
//!   "no such page". With Leptos 0.8 a split file that fails to download stops the whole
//!   app (a panic): a resident on a weak network would click a place and be left with a
//!   map that no longer answers. A page load instead shows the page from the server,
//!   readable with or without its code. Links within the current page stay with the
//!   router.
//! - Every link of ours, once the app has stopped (any panic): the router would still take
//!   the click and then do nothing. The document then carries `data-arret`.
//!
//! The router leaves links marked `rel="external"` to the browser. This marks a link as it
//! is clicked, before the router sees the click, so that every link is covered in one
//! place: menus, lists and map popups alike.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Element, Event, HtmlAnchorElement};

use crate::shell::PageCode;

static STOPPED: AtomicBool = AtomicBool::new(false);

/// Call once, after the panic hook that reports panics is set.
pub fn install() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        STOPPED.store(true, Ordering::Relaxed);
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("data-arret", "");
        }
        report(info);
    }));
    let on_click = Closure::<dyn Fn(Event)>::new(|event: Event| {
        let Some(link) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        let Some(location) = web_sys::window().map(|window| window.location()) else {
            return;
        };
        let ours = location
            .origin()
            .is_ok_and(|origin| link.origin() == origin);
        let path = link.pathname();
        let map_page = |path: &str| PageCode::of(path) == PageCode::Map;
        let for_the_router = !STOPPED.load(Ordering::Relaxed)
            && location
                .pathname()
                .is_ok_and(|here| here == path || map_page(&here) && map_page(&path));
        let rel = link.rel();
        if ours && !for_the_router && !rel.split_whitespace().any(|word| word == "external") {
            link.set_rel(format!("{rel} external").trim_start());
        }
    });
    // Capture phase on the document: the router listens on the window, afterwards.
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        let _ = document.add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
    }
    // Listens for the whole life of the page.
    on_click.forget();
}
