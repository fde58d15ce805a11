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

/// The entries carry their record's point (`data-lat`, `data-lon`): the map of a map page
/// draws them from here, so that no record is written twice in the page (issue 14).
#[component]
pub fn RecordList<R: Listed>(records: Vec<R>) -> impl IntoView {
    view! {
        <ol class=R::LIST_CLASS>
            {records
                .into_iter()
                .map(|r| {
                    let at = r.position().map(|p| (p.lat, p.lon));
                    view! {
                        <li class=R::ENTRY_CLASS data-lat=at.map(|a| a.0) data-lon=at.map(|a| a.1)>
                            {r.entry()}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
