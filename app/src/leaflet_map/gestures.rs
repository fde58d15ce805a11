//! The page scrolls over the map (issue 13, item 11), as people expect of a map inside a
//! page (and worse inside a partner's frame): the wheel zooms only with Ctrl (or ⌘), one
//! finger scrolls the page and two move the map; otherwise a short hint says how.

use leaflet::{Handler, Map, Point};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// How long the hint stays, in ms.
const HINT_MS: i32 = 1500;

/// Whether the device has a touch screen: one finger then scrolls the page.
pub(super) fn touch_screen() -> bool {
    leptos::prelude::window().navigator().max_touch_points() > 0
}

/// Installs the listeners on the map's `element`; they live as long as the page.
pub(super) fn install(map: &Map, element: &web_sys::HtmlElement) -> Result<(), JsValue> {
    let hint = leptos::prelude::document().create_element("p")?;
    hint.set_class_name("carte-astuce");
    // A visual hint for a gesture: the keyboard and the lists do not need it.
    hint.set_attribute("aria-hidden", "true")?;
    element.append_child(&hint)?;
    let show = {
        let hint = hint.clone();
        move |text: &str| {
            hint.set_text_content(Some(text));
            let _ = hint.class_list().add_1("visible");
            let hint = hint.clone();
            let hide = Closure::once_into_js(move || {
                let _ = hint.class_list().remove_1("visible");
            });
            let _ = leptos::prelude::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    hide.unchecked_ref(),
                    HINT_MS,
                );
        }
    };

    let on_wheel = {
        let map = map.clone();
        let show = show.clone();
        Closure::<dyn FnMut(web_sys::WheelEvent)>::new(move |ev: web_sys::WheelEvent| {
            if ev.ctrl_key() || ev.meta_key() {
                // Ctrl + wheel zooms the map, not the page.
                ev.prevent_default();
                let step = if ev.delta_y() < 0.0 { 0.5 } else { -0.5 };
                let at = Point::new(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                map.set_zoom_around_point(&at, map.get_zoom() + step);
            } else {
                show("Pour zoomer sur la carte : Ctrl + molette (⌘ + molette sur Mac).");
            }
        })
    };
    element.add_event_listener_with_callback("wheel", on_wheel.as_ref().unchecked_ref())?;
    on_wheel.forget();

    if touch_screen() {
        let dragging: Handler =
            js_sys::Reflect::get(map.as_ref(), &"dragging".into())?.unchecked_into();
        let on_touch = {
            let dragging = dragging.clone();
            Closure::<dyn FnMut(web_sys::TouchEvent)>::new(move |ev: web_sys::TouchEvent| {
                if ev.touches().length() >= 2 {
                    dragging.enable();
                } else {
                    dragging.disable();
                    if ev.type_() == "touchmove" {
                        show("Pour déplacer la carte : deux doigts.");
                    }
                }
            })
        };
        for name in ["touchstart", "touchmove", "touchend"] {
            element.add_event_listener_with_callback(name, on_touch.as_ref().unchecked_ref())?;
        }
        on_touch.forget();
    }
    Ok(())
}
