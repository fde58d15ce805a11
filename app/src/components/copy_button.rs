use leptos::prelude::*;

/// A button that copies `text` to the clipboard and says so. It needs JavaScript, so it is
/// shown only once the page is interactive (class `avec-js` on its container).
#[component]
pub fn CopyButton(
    text: Signal<String>,
    label: &'static str,
    /// What the status line says once copied.
    done: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let _ = window()
            .navigator()
            .clipboard()
            .write_text(&text.get_untracked());
        copied.set(true);
    };
    view! {
        <button type="button" on:click=copy>
            {label}
        </button>
        <span role="status">{move || copied.get().then_some(done)}</span>
    }
}
