//! Random input for every parser of what comes from a URL or a form: each one answers,
//! with a value or a located error, and never panics.

use proptest::prelude::*;

use super::coverage::CoverageFilter;
use super::embed::{Colour, EmbedOptions};
use super::{EventFilter, PlaceFilter, ResourceFilter, WebUrl, fold};
use crate::catalogue::Search;

fn name() -> impl Strategy<Value = String> {
    let mut names = super::query::every_name();
    names.push("inconnu");
    prop_oneof![
        proptest::sample::select(names).prop_map(str::to_owned),
        any::<String>(),
    ]
}

/// Values as people and robots type them: any text, numbers with commas, dates.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-0-9.,eE+ ]{0,40}",
        "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}",
        "[A-Za-zÉéèàç ,'()-]{0,60}",
        ".{0,300}",
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec((name(), value()), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn query_parsers_never_panic(pairs in pairs()) {
        let borrowed: Vec<(&str, &str)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let _ = PlaceFilter::from_query(borrowed.iter().copied());
        let _ = EventFilter::from_query(borrowed.iter().copied());
        let _ = ResourceFilter::from_query(borrowed.iter().copied());
        let _ = CoverageFilter::from_query(borrowed.iter().copied());
        let _ = EmbedOptions::read_each(borrowed.iter().copied());
        let _ = crate::components::layers::Layers::from_query(
            &pairs.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>(),
        );
        let owned: Vec<(&str, String)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        if let Ok(search) = Search::from_pairs(&owned) {
            // What a page accepts, its server function accepts too.
            prop_assert!(search.check().is_ok(), "{search:?}");
        }
    }

    #[test]
    fn a_filter_reads_back_what_it_writes(pairs in pairs()) {
        let borrowed: Vec<(&str, &str)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if let Ok(filter) = PlaceFilter::from_query(borrowed.iter().copied()) {
            let again: PlaceFilter = super::read_query_string(&filter.to_query()).unwrap();
            prop_assert_eq!(again, filter);
        }
        if let Ok(filter) = EventFilter::from_query(borrowed.iter().copied()) {
            let again: EventFilter = super::read_query_string(&filter.to_query()).unwrap();
            prop_assert_eq!(again, filter);
        }
    }

    #[test]
    fn text_parsers_never_panic(text in any::<String>()) {
        let _ = text.parse::<WebUrl>();
        let _ = text.parse::<Colour>();
        let _ = fold(&text);
        let _ = super::escape_html(&text);
    }
}
