//! Random input for every parser of what comes from a URL or a form: each one answers,
//! with a value or a located error, and never panics.

use proptest::prelude::*;

use super::coverage::CoverageFilter;
use super::embed::{Colour, EmbedOptions};
use super::map_query::MapQuery;
use super::{EventFilter, FromQuery, PlaceFilter, Query, ResourceFilter, WebUrl, fold};

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
        let query = Query::from_pairs(pairs.clone());
        let _ = PlaceFilter::read(&query);
        let _ = EventFilter::read(&query);
        let _ = ResourceFilter::read(&query);
        let _ = CoverageFilter::read(&query);
        let _ = EmbedOptions::read_each(&query);
        let (map, _) = MapQuery::read_each(&query);
        // What a page accepts, its server function accepts too.
        prop_assert!(map.search.check().is_ok(), "{map:?}");
    }

    #[test]
    fn what_is_read_reads_back_the_same(pairs in pairs()) {
        let query = Query::from_pairs(pairs);
        if let Ok(filter) = PlaceFilter::read(&query) {
            prop_assert_eq!(PlaceFilter::from_query_string(&filter.to_query()).unwrap(), filter);
        }
        if let Ok(filter) = EventFilter::read(&query) {
            prop_assert_eq!(EventFilter::from_query_string(&filter.to_query()).unwrap(), filter);
        }
        let (map, _) = MapQuery::read_each(&query);
        let (again, errors) = MapQuery::read_each(&Query::parse(&map.to_query()).unwrap());
        prop_assert!(errors.is_empty(), "{errors:?}");
        prop_assert_eq!(again, map);
    }

    #[test]
    fn text_parsers_never_panic(text in any::<String>()) {
        let _ = text.parse::<WebUrl>();
        let _ = text.parse::<Colour>();
        let _ = fold(&text);
        let _ = super::escape_html(&text);
    }
}
