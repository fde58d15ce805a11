//! The suggestions under the search field: communes of our own list, then addresses, in
//! the ARIA combobox pattern (the field keeps the focus; arrows move `active`).

use leptos::prelude::*;

use super::addresses::AddressHit;
use crate::model::CommuneSummary;

/// One line of the suggestions: a commune of ours, or an address.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    Commune(CommuneSummary),
    Adresse(AddressHit),
}

impl Choice {
    pub fn label(&self) -> String {
        match self {
            Choice::Commune(c) => c.label(),
            Choice::Adresse(a) => a.label.clone(),
        }
    }
}

/// The list of suggestions; `choose` is called with the one clicked.
#[component]
pub fn Suggestions(
    suggestions: Memo<Vec<Choice>>,
    open: RwSignal<bool>,
    active: RwSignal<Option<usize>>,
    choose: Callback<Choice>,
) -> impl IntoView {
    view! {
        <ul
            id="suggestions"
            role="listbox"
            aria-label="Communes proposées"
            class="suggestions"
            hidden=move || !open.get() || suggestions.with(Vec::is_empty)
        >
            {move || {
                suggestions
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let label = c.label();
                        let kind = match c {
                            Choice::Commune(_) => "commune",
                            Choice::Adresse(_) => "adresse",
                        };
                        view! {
                            <li
                                id=format!("suggestion-{i}")
                                role="option"
                                aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                class:actif=move || active.get() == Some(i)
                                data-genre=kind
                                // mousedown, not click: the field must not lose focus first.
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    choose.run(c.clone());
                                }
                            >
                                {label}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
