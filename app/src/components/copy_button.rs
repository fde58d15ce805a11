use leptos::prelude::*;

/// A button that copies `text` to the clipboard and says whether it worked. It needs
/// JavaScript, so it is shown only once the page is interactive (class `avec-js` on its
/// container).
#[component]
pub fn CopyButton(
    text: Signal<String>,
    label: &'static str,
    /// What the status line says once copied.
    done: &'static str,
) -> impl IntoView {
    let status = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let promise = window()
                .navigator()
                .clipboard()
                .write_text(&text.get_untracked());
            leptos::task::spawn_local(async move {
                // Refused when the page is not allowed the clipboard (some browsers, frames).
                let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                status.set(Some(if copied {
                    done
                } else {
                    " La copie n'a pas marché : sélectionnez le texte, puis copiez-le."
                }));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (text, done);
    };
    view! {
        <button type="button" on:click=copy>
            {label}
        </button>
        <span role="status">{move || status.get()}</span>
    }
}
