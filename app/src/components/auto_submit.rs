//! A form that applies itself: each change loads the page it asks for, as its button does
//! without JavaScript. The new page comes back where the reader was: the same scroll, the
//! focus on the same field.

use leptos::prelude::*;

/// Put inside a form. Rules a form states in attributes: a field with `data-vide="ID"`
/// empties the field `ID` when it changes (a zone, its EPCI); a select with `data-zone-de="ID"`
/// sets the field `ID` to the `data-zone` of the option chosen (an EPCI, its zone).
#[island]
pub fn AutoSubmit() -> impl IntoView {
    let node = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(span) = node.get() {
            browser::install(&span);
        }
    });
    view! { <span hidden node_ref=node></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::{document, window};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlSelectElement};

    /// Where the reader was, kept across the page load: `scroll id time`.
    const KEY: &str = "carto82:retour";
    /// An older note is not about this page load.
    const FRESH_MS: f64 = 15_000.0;

    pub fn install(span: &Element) {
        come_back();
        let Some(form) = span
            .closest("form")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let submitted = form.clone();
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let Some(field) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if let Some(id) = field.get_attribute("data-vide") {
                set_value(&id, "");
            }
            if let (Some(id), Some(select)) = (
                field.get_attribute("data-zone-de"),
                field.dyn_ref::<HtmlSelectElement>(),
            ) && let Some(zone) = select
                .item(select.selected_index().max(0) as u32)
                .and_then(|o| o.get_attribute("data-zone"))
            {
                set_value(&id, &zone);
            }
            remember(&field);
            let _ = submitted.request_submit();
        });
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        // The form lives as long as the page.
        on_change.forget();
    }

    fn set_value(id: &str, value: &str) {
        if let Some(select) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        {
            select.set_value(value);
        }
    }

    fn remember(field: &Element) {
        let y = window().scroll_y().unwrap_or(0.0);
        if let Ok(Some(storage)) = window().session_storage() {
            let _ = storage.set_item(KEY, &format!("{y} {} {}", field.id(), js_sys::Date::now()));
        }
    }

    fn come_back() {
        let Ok(Some(storage)) = window().session_storage() else {
            return;
        };
        let Ok(Some(note)) = storage.get_item(KEY) else {
            return;
        };
        let _ = storage.remove_item(KEY);
        let mut parts = note.split(' ');
        let (Some(y), Some(id), Some(time)) = (parts.next(), parts.next(), parts.next()) else {
            return;
        };
        let (Ok(y), Ok(time)) = (y.parse::<f64>(), time.parse::<f64>()) else {
            return;
        };
        if js_sys::Date::now() - time > FRESH_MS {
            return;
        }
        if let Some(field) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = field.focus();
        }
        window().scroll_to_with_x_and_y(0.0, y);
    }
}
