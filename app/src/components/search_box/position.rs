//! The resident's own position ("Près de moi"), asked of the browser.

/// Five decimals (about a metre): a position as precise as needed, in a short link.
pub fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}

/// Asks the browser for the position; `found` or `failed` is called once.
#[cfg(feature = "hydrate")]
pub fn locate_me(found: impl Fn(f64, f64) + 'static, failed: impl Fn() + Clone + 'static) {
    use leptos::prelude::window;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let Some(geolocation) = window().navigator().geolocation().ok() else {
        failed();
        return;
    };
    let on_found = Closure::once_into_js(move |position: web_sys::Position| {
        let c = position.coords();
        found(c.latitude(), c.longitude());
    });
    let on_failed = {
        let failed = failed.clone();
        Closure::once_into_js(move |_: JsValue| failed())
    };
    if geolocation
        .get_current_position_with_error_callback(
            on_found.unchecked_ref(),
            Some(on_failed.unchecked_ref()),
        )
        .is_err()
    {
        failed();
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn locate_me(_found: impl Fn(f64, f64) + 'static, _failed: impl Fn() + Clone + 'static) {}
