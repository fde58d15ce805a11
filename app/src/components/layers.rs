use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::map_page::use_map_page;
use crate::model::layers::{Layer, Layers};
use crate::model::map_query::MapQuery;
use crate::model::query::LAYERS;

/// The layers, with their names for people.
const NAMES: [(Layer, &str); 3] = [
    (Layer::Places, "Lieux d'aide"),
    (Layer::Events, "Événements"),
    (Layer::Resources, "Ressources"),
];

/// Three checkboxes. Without JavaScript a button applies them; with it, each change does.
#[component]
pub fn LayerChoice(
    layers: Layers,
    /// The page's state, whose layers this form replaces.
    keep: MapQuery,
) -> impl IntoView {
    let navigate = use_navigate();
    let page = use_map_page();
    let action = page.path();
    let form = NodeRef::<leptos::html::Form>::new();
    let mut without_layers = keep.clone();
    without_layers.layers = Layers::default();
    let hidden = page.hidden_fields(without_layers.pairs());
    let keep = StoredValue::new(keep);
    let on_change = move |_| {
        let Some(form) = form.get_untracked() else {
            return;
        };
        let checked: Vec<Layer> = NAMES
            .iter()
            .filter(|(layer, _)| {
                form.query_selector(&format!("input[value={}]", layer.name()))
                    .ok()
                    .flatten()
                    .and_then(|e| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok()
                    })
                    .is_some_and(|input| input.checked())
            })
            .map(|(layer, _)| *layer)
            .collect();
        let mut next = keep.get_value();
        next.layers = if checked.is_empty() {
            Layers::from_list(&[Layer::None])
        } else {
            Layers::from_list(&checked)
        };
        navigate(&page.url(&next.to_query()), Default::default());
    };
    view! {
        <form class="couches" method="get" action=action node_ref=form>
            {hidden}
            <fieldset>
                <legend>"Afficher sur la carte et dans la liste"</legend>
                {NAMES
                    .iter()
                    .map(|(layer, label)| {
                        let name = layer.name();
                        let id = format!("couche-{name}");
                        view! {
                            <span class="couche">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    name=LAYERS.name
                                    value=name
                                    checked=layers.shows(*layer)
                                    on:change=on_change.clone()
                                />
                                <label for=id>{*label}</label>
                            </span>
                        }
                    })
                    .collect_view()}
                <button type="submit" class="sans-js">"Appliquer"</button>
            </fieldset>
        </form>
    }
}
