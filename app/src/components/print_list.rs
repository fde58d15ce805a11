use leptos::prelude::*;

/// "Imprimer cette liste": mediators print the results for people without a phone. Every
/// entry of the list is opened first, so the sheet shows addresses, hours and contacts.
#[component]
pub fn PrintList() -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Ok(entries) = document().query_selector_all("#liste details") {
                for i in 0..entries.length() {
                    if let Some(details) = entries
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                    {
                        details.set_open(true);
                    }
                }
            }
            let _ = window().print();
        }
    };
    view! {
        <p class="avec-js imprimer-liste">
            <button type="button" on:click=print>
                "Imprimer cette liste"
            </button>
        </p>
    }
}
