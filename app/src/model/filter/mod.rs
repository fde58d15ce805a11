//! Filters of places, events and resources. One filter and one matcher per kind, read from
//! the declared parameters of `model::query` by the page URL, the server functions and the
//! API alike, so the list, the map and the API always agree. Several values of one filter
//! mean OR; different filters mean AND.

mod actors;
mod area;
mod events;
mod places;
mod resources;

use super::text::fold;

pub use actors::ActorFilter;
pub use area::{AreaFilter, DEFAULT_RADIUS_KM, Footprint, Near};
pub use events::EventFilter;
pub use places::PlaceFilter;
pub use resources::ResourceFilter;

/// Every word of `q` (folded) appears in one of `texts` (folded).
fn matches_words(q: &str, texts: &[&str]) -> bool {
    let haystack = fold(&texts.join(" "));
    fold(q).split(' ').all(|word| haystack.contains(word))
}

/// No choice, or at least one of the choices.
fn any_of<T: PartialEq>(wanted: &[T], has: &[T]) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| has.contains(w))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Reading filters in tests from a query typed by hand.
    use crate::model::query::FilterError;
    use crate::model::query::{FromQuery, Query};

    /// A filter from `k=v&k=v` (values as typed, not percent-encoded).
    pub fn parse<T: FromQuery>(query: &str) -> Result<T, FilterError> {
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .collect();
        T::read(&Query::from_pairs(pairs))
    }
}
