use leptos::prelude::*;

/// An unknown or mistyped address: say so plainly and offer the way back.
#[component]
pub fn NotFound(what: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_actix::ResponseOptions>() {
        response.set_status(actix_web::http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>{format!("{what} n'existe pas ou n'existe plus")}</h1>
        <p>"Le lien est peut-être ancien ou incomplet."</p>
        <p>
            <a href="/">"Revenir à la carte pour chercher de l'aide"</a>
        </p>
    }
}
