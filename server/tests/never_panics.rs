//! Random input for the dataset reader: a data file can be anything an editor or an import
//! writes. Loading answers with the dataset or with located errors, and never panics.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::{Value, json};

use app::model::Place;
use carto82::dataset::{Known, LIEUX, Territory, load_file};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

fn territory() -> &'static Territory {
    static TERRITORY: std::sync::OnceLock<Territory> = std::sync::OnceLock::new();
    TERRITORY.get_or_init(|| Territory::load(&data()).expect("the real territory"))
}

fn real_places() -> &'static Value {
    static PLACES: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        serde_json::from_str(&std::fs::read_to_string(data().join(LIEUX)).unwrap()).unwrap()
    })
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 20, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(".{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn load(text: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(LIEUX);
    std::fs::write(&file, text).unwrap();
    let _ = load_file::<Place>(&file, &Known::new(territory(), &[]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        load(&bytes);
    }

    /// A real place with one of its members (in properties or geometry) replaced.
    #[test]
    fn a_real_place_with_any_value_anywhere(
        place in 0usize..50,
        field in proptest::sample::select(vec![
            "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
            "telephone", "courriels", "site_web", "horaires", "date_maj", "services",
            "frais_a_charge", "sources", "itinerance", "prise_rdv", "inconnu",
        ]),
        value in json_value(),
        geometry in prop_oneof![Just(None), json_value().prop_map(Some)],
    ) {
        let mut doc = real_places().clone();
        let features = doc["features"].as_array_mut().unwrap();
        let index = place % features.len();
        features[index]["properties"][field] = value;
        if let Some(g) = geometry {
            features[index]["geometry"] = g;
        }
        load(doc.to_string().as_bytes());
    }
}
