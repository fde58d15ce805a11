use leptos::prelude::*;

/// Says, in words and not by colour alone, that a record was invented for demonstration.
/// `what` is the whole phrase, agreed with its noun ("ressource inventée… elle").
#[component]
pub fn ExampleBadge(what: &'static str) -> impl IntoView {
    view! {
        <span class="badge-exemple">
            "exemple"
            <span class="lecteur-seul">{format!(" : {what}")}</span>
        </span>
    }
}

/// The phrases of `ExampleBadge`.
pub const INVENTED_EVENT: &str = "événement inventé pour montrer le service, il n'existe pas";
pub const INVENTED_RESOURCE: &str = "ressource inventée pour montrer le service, elle n'existe pas";
pub const INVENTED_ACTOR: &str = "acteur inventé pour montrer le service, il n'existe pas";
