use leptos::prelude::*;

/// "Imprimer cette liste": mediators print the results for people without a phone.
/// `/assets/gestes.js` opens every entry of the list first, so the sheet shows addresses,
/// hours and contacts.
#[component]
pub fn PrintList() -> impl IntoView {
    view! {
        <p class="avec-js imprimer-liste">
            <button type="button" data-geste="imprimer-liste">
                "Imprimer cette liste"
            </button>
        </p>
    }
}
