use leptos::prelude::*;

use crate::components::auto_submit::AutoSubmit;
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
    let page = use_map_page();
    let action = page.path();
    let mut without_layers = keep;
    without_layers.layers = Layers::default();
    let hidden = page.hidden_fields(without_layers.pairs());
    view! {
        <form class="couches" method="get" action=action>
            {hidden}
            // Sent with the boxes ticked, it changes nothing; alone, it says "none" (nothing
            // ticked would otherwise read as the default, everything).
            <input type="hidden" name=LAYERS.name value=Layer::None.name() />
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
                                />
                                <label for=id>{*label}</label>
                            </span>
                        }
                    })
                    .collect_view()}
                <button type="submit" class="sans-js">"Appliquer"</button>
            </fieldset>
            <AutoSubmit />
        </form>
    }
}
