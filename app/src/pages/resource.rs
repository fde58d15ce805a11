use crate::components::page_title::PageTitle;
use leptos::prelude::*;

use crate::catalogue::resource_details;
use crate::components::actions::Actions;
use crate::components::example_badge::{ExampleBadge, INVENTED_RESOURCE};
use crate::components::report::ReportError;
use crate::components::resource_list::ResourceEntry;
use crate::model::{Place, Resource as Ressource, ServedArea, page_of, page_path};
use crate::pages::record::RecordPage;

/// `/ressources/{id}`: what the resource is, for whom, where, and whom to ask.
#[component]
pub fn ResourcePage() -> impl IntoView {
    view! {
        <RecordPage
            load=resource_details
            what="Cette ressource"
            loading="Chargement de la ressource…"
            view=|resource| view! { <ResourceView resource /> }
        />
    }
}

#[component]
fn ResourceView(resource: Ressource) -> impl IntoView {
    let name = resource.properties.nom.clone();
    let place = match &resource.properties.desserte {
        ServedArea::Lieu { lieu_id } => Some(page_of::<Place>(lieu_id)),
        _ => None,
    };
    let destination = resource.position.map(|p| (p, name.clone()));
    let served = resource.served_name.clone();
    let page = page_path(&resource);
    let example = resource.properties.exemple;
    view! {
        <PageTitle text=format!("{name} – Carto82") />
        <article class="page-fiche">
            <p class="fil">
                <a href="/">"← Retour à la carte"</a>
            </p>
            <h1>
                {name.clone()}
                {example.then(|| view! { <ExampleBadge what=INVENTED_RESOURCE /> })}
            </h1>
            {place
                .map(|href| view! { <p>"Dans le lieu : " <a href=href>{served.clone()}</a></p> })}
            <div class="ressources">
                <div class="ressource">
                    <ResourceEntry resource links=false />
                </div>
            </div>
            <Actions destination calendar=None title=name />
            <ReportError page />
        </article>
    }
}
