use leptos::prelude::*;

/// A button that copies `text` (the page's address when none) to the clipboard and says
/// whether it worked. `/assets/gestes.js` does the copying, on every page, wasm or not; the
/// button is shown only once a script runs (class `avec-js` on its container).
#[component]
pub fn CopyButton(
    #[prop(optional, into)] text: Option<String>,
    label: &'static str,
    /// What the status line says once copied.
    done: &'static str,
) -> impl IntoView {
    view! {
        <button type="button" data-geste="copier" data-texte=text data-fait=done>
            {label}
        </button>
        <span role="status"></span>
    }
}
