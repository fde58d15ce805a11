//! The list of the records of one kind, one frame for every kind: an ordered list (its order
//! means something: nearest first, or by date), one entry a record, drawn by the kind. Every
//! record on the map is also reachable here, by keyboard and without JavaScript.

use leptos::prelude::*;

use crate::model::Record;

/// How a kind of record is listed.
pub trait Listed: Record {
    /// The class of the list: `lieux`, `evenements`, `ressources`.
    const LIST_CLASS: &'static str;
    /// The class of each entry, when the kind styles its entries.
    const ENTRY_CLASS: Option<&'static str> = None;

    /// One record's entry, inside its `<li>`.
    fn entry(self) -> AnyView;
}

#[component]
pub fn RecordList<R: Listed>(records: Vec<R>) -> impl IntoView {
    view! {
        <ol class=R::LIST_CLASS>
            {records
                .into_iter()
                .map(|r| view! { <li class=R::ENTRY_CLASS>{r.entry()}</li> })
                .collect_view()}
        </ol>
    }
}
