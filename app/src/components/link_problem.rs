use leptos::prelude::*;

use crate::model::FilterError;

/// A choice of the link the page could not read, named, and what the page shows instead.
#[component]
pub fn LinkProblem(error: FilterError, instead: &'static str) -> impl IntoView {
    view! {
        <p class="alerte" role="alert">
            "Ce lien contient un choix que nous ne comprenons pas ("
            {error.to_string()}
            "). "
            {instead}
        </p>
    }
}
