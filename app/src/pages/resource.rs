use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::catalogue::resource_details;
use crate::components::actions::Actions;
use crate::components::report::ReportError;
use crate::components::resource_list::ResourceList;
use crate::model::{Desserte, Resource as Ressource};
use crate::pages::not_found::NotFound;

/// `/ressources/{id}`: what the resource is, for whom, where, and whom to ask.
#[component]
pub fn ResourcePage() -> impl IntoView {
    let params = use_params_map();
    let resource = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        resource_details,
    );
    view! {
        <Transition fallback=|| view! { <p>"Chargement de la ressource…"</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(Some(r)) => view! { <ResourceView resource=r /> }.into_any(),
                    Ok(None) => view! { <NotFound what="Cette ressource" /> }.into_any(),
                    Err(e) => view! { <p class="alerte" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ResourceView(resource: Ressource) -> impl IntoView {
    let name = resource.fiche.nom.clone();
    let place = match &resource.fiche.desserte {
        Desserte::Lieu { lieu_id } => Some(format!("/lieux/{lieu_id}")),
        _ => None,
    };
    let destination = resource.position.map(|p| (p, name.clone()));
    let served = resource.desserte_nom.clone();
    let page = format!("/ressources/{}", resource.id());
    view! {
        <Title text=format!("{name} – Carto82") />
        <article class="page-fiche">
            <p class="fil">
                <a href="/">"← Retour à la carte"</a>
            </p>
            <h1>{name.clone()}</h1>
            {place
                .map(|href| view! { <p>"Dans le lieu : " <a href=href>{served.clone()}</a></p> })}
            <ResourceList resources=vec![resource] links=false />
            <Actions destination calendar=None title=name />
            <ReportError page />
        </article>
    }
}
