use leptos::prelude::*;

use crate::components::example_badge::{ExampleBadge, INVENTED_RESOURCE};
use crate::components::map_page::{NewTab, use_map_page};
use crate::components::record_list::Listed;
use crate::format::phone_fr;
use crate::model::{Resource, page_path};

/// A resource in a list: what it is, for whom, where, at what cost, whom to ask; its name
/// leads to its own page.
impl Listed for Resource {
    const LIST_CLASS: &'static str = "ressources";
    const ENTRY_CLASS: Option<&'static str> = Some("ressource");

    fn entry(self) -> AnyView {
        view! { <ResourceEntry resource=self links=true /> }.into_any()
    }
}

/// What the list shows of a resource; on the resource's own page, without the link to it
/// (`links: false`).
#[component]
pub fn ResourceEntry(resource: Resource, links: bool) -> impl IntoView {
    let target = use_map_page().link_target();
    let page = page_path(&resource);
    let f = resource.properties;
    let cost = match (f.frais, f.conditions) {
        (Some(frais), Some(c)) => format!("{frais}. {c}"),
        (Some(frais), None) => frais.to_string(),
        (None, Some(c)) => c,
        (None, None) => "Prix non précisé".to_owned(),
    };
    let publics = if f.publics.is_empty() {
        "Pour tous".to_owned()
    } else {
        format!(
            "Pour : {}",
            f.publics
                .iter()
                .map(|p| p.label())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let address = f
        .adresse
        .map(|a| format!("{a}, {}", f.commune.clone().unwrap_or_default()));
    view! {
        // On its own page the name is the page's heading: not said twice.
        {links
            .then(|| {
                view! {
                    <p class="titre">
                        <a href=page target=target>{f.nom}<NewTab /></a>
                        {f.exemple.then(|| view! { <ExampleBadge what=INVENTED_RESOURCE /> })}
                    </p>
                }
            })}
        <p class="genre">
            {format!("{} · {}", f.type_ressource, resource.served_name)}
        </p>
        <p>{f.description}</p>
        <p class="details">{format!("{publics} · {cost}")}</p>
        {address.map(|a| view! { <p class="adresse">{a}</p> })}
        {f
            .telephone
            .map(|t| {
                view! {
                    <p>
                        "Téléphone : " <a href=format!("tel:{t}")>{phone_fr(&t)}</a>
                    </p>
                }
            })}
        {f
            .site_web
            .map(|u| {
                view! {
                    <p>
                        <a href=u.to_string() rel="noopener" target=target>
                            "Ouvrir le site"
                        <NewTab /></a>
                    </p>
                }
            })}
    }
}
