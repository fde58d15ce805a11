use leptos::prelude::*;

/// Says, in words and not by colour alone, that a record was invented for demonstration.
#[component]
pub fn ExampleBadge(what: &'static str) -> impl IntoView {
    view! {
        <span class="badge-exemple">
            "exemple"
            <span class="lecteur-seul">{format!(" : {what} inventé pour montrer le service, il n'existe pas")}</span>
        </span>
    }
}
