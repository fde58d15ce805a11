//! A form that applies itself: each change loads the page it asks for, as its button does
//! without JavaScript (a list chosen with the keyboard: on Enter or on leaving it). The new page comes back where the reader was: the same scroll, the
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
    use std::cell::Cell;

    use leptos::prelude::{document, window};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlSelectElement};

    /// Where the reader was, kept across the page load: `scroll id time path`.
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
        // A closed list changes at each arrow key: the page would reload at each step
        // (WCAG 3.2.2). Chosen with the keyboard, a list applies on Enter or when the
        // reader leaves it; chosen with a finger or a mouse, at once. One listener for the
        // four events: each closure is code in the wasm every map page downloads.
        let (keyed, pending) = (Cell::new(false), Cell::new(false));
        let submitted = form.clone();
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let Some(field) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let list = field.dyn_ref::<HtmlSelectElement>().is_some();
            match ev.type_().as_str() {
                "pointerdown" => keyed.set(false),
                "keydown" if list => {
                    let key = ev
                        .dyn_ref::<web_sys::KeyboardEvent>()
                        .map(|k| k.key())
                        .unwrap_or_default();
                    match key.as_str() {
                        "Enter" if pending.get() => {
                            ev.prevent_default();
                            send(&submitted, &field);
                        }
                        "Tab" | "Escape" | "Enter" => {}
                        _ => keyed.set(true),
                    }
                }
                "change" => {
                    follow_rules(&field);
                    if list && keyed.get() {
                        pending.set(true);
                    } else {
                        send(&submitted, &field);
                    }
                }
                "focusout" if list && pending.get() => {
                    // The new page gives the focus to where the reader was going.
                    let next = ev
                        .dyn_ref::<web_sys::FocusEvent>()
                        .and_then(|f| f.related_target())
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .filter(|e| !e.id().is_empty())
                        .unwrap_or(field);
                    send(&submitted, &next);
                }
                _ => {}
            }
        });
        for event in ["pointerdown", "keydown", "change", "focusout"] {
            let _ = form.add_event_listener_with_callback(event, on_event.as_ref().unchecked_ref());
        }
        // The form lives as long as the page.
        on_event.forget();
    }

    /// The rules between fields (`data-vide`, `data-zone-de`), as soon as a field changes.
    fn follow_rules(field: &Element) {
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
    }

    /// Loads the page the form asks for; `focus` gets the focus back there.
    fn send(form: &HtmlFormElement, focus: &Element) {
        remember(focus, form);
        // Browsers without `requestSubmit` (Safari before 16) send the form as it is.
        if form.request_submit().is_err() {
            let _ = form.submit();
        }
    }

    fn set_value(id: &str, value: &str) {
        if let Some(select) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        {
            select.set_value(value);
        }
    }

    fn remember(field: &Element, form: &HtmlFormElement) {
        let y = window().scroll_y().unwrap_or(0.0);
        // The page the form opens: the note is for it only.
        let path = web_sys::Url::new(&form.action())
            .map(|u| u.pathname())
            .unwrap_or_default();
        if let Ok(Some(storage)) = window().session_storage() {
            let _ = storage.set_item(
                KEY,
                &format!("{y} {} {} {path}", field.id(), js_sys::Date::now()),
            );
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
        let (Some(y), Some(id), Some(time), Some(path)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return;
        };
        let (Ok(y), Ok(time)) = (y.parse::<f64>(), time.parse::<f64>()) else {
            return;
        };
        let here = window().location().pathname().unwrap_or_default();
        if js_sys::Date::now() - time > FRESH_MS || here != path {
            return;
        }
        if let Some(field) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            // A field inside a folded section (the territory, the builder's advanced
            // settings) is shown again, or the focus could not go back to it.
            let mut folded = field.closest("details").ok().flatten();
            while let Some(details) = folded {
                let _ = details.set_attribute("open", "");
                folded = details
                    .parent_element()
                    .and_then(|p| p.closest("details").ok().flatten());
            }
            let _ = field.focus();
        }
        window().scroll_to_with_x_and_y(0.0, y);
    }
}
