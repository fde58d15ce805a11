use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::map_page::use_map_page;
use crate::model::{FilterError, fold};

/// What the map and the lists show (`?layers=places,events`); all by default. English like
/// every other parameter of our URLs and of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers {
    pub lieux: bool,
    pub evenements: bool,
    pub ressources: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            lieux: true,
            evenements: true,
            ressources: true,
        }
    }
}

pub const LAYERS_PARAMETER: &str = "layers";

const NAMES: [(&str, &str); 3] = [
    ("places", "Lieux d'aide"),
    ("events", "Événements"),
    ("resources", "Ressources"),
];

impl Layers {
    /// Every value of `layers` (comma-separated or repeated); none means all, `none` none.
    pub fn from_query(values: &[String]) -> Result<Layers, FilterError> {
        let items: Vec<String> = values
            .iter()
            .flat_map(|v| v.split(','))
            .map(fold)
            .filter(|v| !v.is_empty())
            .collect();
        if items.is_empty() {
            return Ok(Layers::default());
        }
        let mut layers = Layers {
            lieux: false,
            evenements: false,
            ressources: false,
        };
        for item in items {
            match item.as_str() {
                "places" => layers.lieux = true,
                "events" => layers.evenements = true,
                "resources" => layers.ressources = true,
                "none" => {}
                other => {
                    return Err(FilterError {
                        parameter: LAYERS_PARAMETER.to_owned(),
                        reason: format!(
                            "« {other} » inconnu ; valeurs possibles : places, events, resources"
                        ),
                    });
                }
            }
        }
        Ok(layers)
    }

    fn shows(&self, name: &str) -> bool {
        match name {
            "places" => self.lieux,
            "events" => self.evenements,
            _ => self.ressources,
        }
    }
}

/// Three checkboxes. Without JavaScript a button applies them; with it, each change does.
#[component]
pub fn LayerChoice(layers: Layers, keep: Vec<(String, String)>) -> impl IntoView {
    let navigate = use_navigate();
    let page = use_map_page();
    let (action, hidden) = (page.path(), page.hidden_inputs());
    let form = NodeRef::<leptos::html::Form>::new();
    let keep = StoredValue::new(keep);
    let on_change = move |_| {
        let Some(form) = form.get_untracked() else {
            return;
        };
        let checked: Vec<String> = NAMES
            .iter()
            .filter(|(name, _)| {
                form.query_selector(&format!("input[value={name}]"))
                    .ok()
                    .flatten()
                    .and_then(|e| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok()
                    })
                    .is_some_and(|input| input.checked())
            })
            .map(|(name, _)| (*name).to_owned())
            .collect();
        let value = if checked.is_empty() {
            "none".to_owned()
        } else {
            checked.join(",")
        };
        let mut pairs = keep.get_value();
        pairs.push((LAYERS_PARAMETER.to_owned(), value));
        let query = serde_urlencoded::to_string(&pairs).expect("strings encode");
        navigate(&page.url(&query), Default::default());
    };
    view! {
        <form class="couches" method="get" action=action node_ref=form>
            {hidden}
            {keep
                .get_value()
                .into_iter()
                .map(|(k, v)| view! { <input type="hidden" name=k value=v /> })
                .collect_view()}
            <fieldset>
                <legend>"Afficher sur la carte et dans la liste"</legend>
                {NAMES
                    .iter()
                    .map(|(name, label)| {
                        let id = format!("couche-{name}");
                        view! {
                            <span class="couche">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    name=LAYERS_PARAMETER
                                    value=*name
                                    checked=layers.shows(name)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_layers_and_names_a_wrong_one() {
        assert_eq!(Layers::from_query(&[]).unwrap(), Layers::default());
        let l = Layers::from_query(&["places,Events".to_owned()]).unwrap();
        assert!(l.lieux && l.evenements && !l.ressources);
        let none = Layers::from_query(&["none".to_owned()]).unwrap();
        assert!(!none.lieux && !none.evenements && !none.ressources);
        assert_eq!(
            Layers::from_query(&["velos".to_owned()])
                .unwrap_err()
                .parameter,
            "layers"
        );
    }
}
