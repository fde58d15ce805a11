use leptos::prelude::*;

use crate::components::example_badge::{ExampleBadge, INVENTED_ACTOR};
use crate::components::record_list::Listed;
use crate::model::{Actor, page_path};

/// An actor in the directory: who it is, what it can do in plain words, where; its name
/// leads to its sheet.
impl Listed for Actor {
    const LIST_CLASS: &'static str = "acteurs";
    const ENTRY_CLASS: Option<&'static str> = Some("acteur");

    fn entry(self) -> AnyView {
        let page = page_path(&self);
        let f = self.properties;
        let competences = self
            .competences
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="titre">
                <a href=page>{f.nom}</a>
                {f.exemple.then(|| view! { <ExampleBadge what=INVENTED_ACTOR /> })}
            </p>
            <p class="genre">{format!("{} · {}", crate::format::capitalised(f.type_acteur.label()), self.served_name)}</p>
            {(!competences.is_empty())
                .then(|| view! { <p class="competences">"Sait aider pour : " {competences}</p> })}
        }
        .into_any()
    }
}
