//! Loading the real dataset, and each kind of malformed file giving its precise error.

use app::model::Record;
use std::path::{Path, PathBuf};

use carto82::dataset::{COMMUNES, Dataset, DatasetError, EVENEMENTS, LIEUX, RESSOURCES};
use carto82_e2e::copy_dir;
use serde_json::{Value, json};

fn real_data() -> PathBuf {
    carto82_e2e::data_dir()
}

fn with_places(edit: impl FnOnce(&mut Vec<Value>)) -> tempfile::TempDir {
    with_file(LIEUX, edit)
}

fn with_events(edit: impl FnOnce(&mut Vec<Value>)) -> tempfile::TempDir {
    with_file(EVENEMENTS, edit)
}

fn with_resources(edit: impl FnOnce(&mut Vec<Value>)) -> tempfile::TempDir {
    with_file(RESSOURCES, edit)
}

/// The index of the resource `id` in the real file.
fn resource_index(features: &[Value], id: &str) -> usize {
    features
        .iter()
        .position(|f| f["properties"]["id"] == id)
        .unwrap_or_else(|| panic!("resource {id} in data/"))
}

/// A copy of the real dataset in a temporary directory, with the features of `file` edited.
fn with_file(file: &str, edit: impl FnOnce(&mut Vec<Value>)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&real_data(), dir.path());
    let path = dir.path().join(file);
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(doc["features"].as_array_mut().unwrap());
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    dir
}

fn errors(dir: &Path) -> Vec<DatasetError> {
    match Dataset::load(dir) {
        Ok(_) => panic!("the dataset should be refused"),
        Err(e) => e.0,
    }
}

fn single_error(dir: &Path) -> DatasetError {
    let mut errors = errors(dir);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.remove(0)
}

#[test]
fn the_real_dataset_loads_and_every_place_is_located() {
    let dataset = Dataset::load(&real_data()).expect("data/ is valid");
    assert_eq!(dataset.territory.communes.len(), 195);
    assert_eq!(dataset.territory.epcis.len(), 10);
    assert!(!dataset.records.places.is_empty());
    let population: u32 = dataset
        .territory
        .communes
        .iter()
        .map(|c| c.population)
        .sum();
    assert_eq!(
        population, 265_817,
        "population of the 82 (INSEE, data/README.md)"
    );
    for place in &dataset.records.places {
        let commune = dataset
            .territory
            .commune(&place.location.insee_localise)
            .unwrap();
        assert_eq!(commune.epci, place.location.epci_siren);
        assert_eq!(commune.zone, place.location.zone);
    }
    // Every zone has help somewhere.
    for zone in app::model::Zone::ALL {
        assert!(
            dataset
                .records
                .places
                .iter()
                .any(|p| p.location.zone == zone),
            "{zone}"
        );
    }
}

#[test]
fn montauban_is_located_in_grand_montauban_and_the_centre_zone() {
    let dataset = Dataset::load(&real_data()).unwrap();
    let commune = dataset
        .territory
        .locate(1.3545, 44.0176)
        .expect("Montauban");
    assert_eq!(commune.insee.as_str(), "82121");
    assert_eq!(commune.epci.as_str(), "248200099");
    assert_eq!(commune.zone, app::model::Zone::Centre);
    assert!(
        dataset.territory.locate(1.4442, 43.6047).is_none(),
        "Toulouse is outside"
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let e = &errors(dir.path())[0];
    assert!(e.file.ends_with(COMMUNES), "{e}");
    assert!(e.reason.contains("lecture impossible"), "{e}");
}

#[test]
fn invalid_json_gives_the_file_and_position() {
    let dir = with_places(|_| {});
    std::fs::write(
        dir.path().join(LIEUX),
        "{\"type\": \"FeatureCollection\", \"features\": [",
    )
    .unwrap();
    let e = single_error(dir.path());
    assert!(e.file.ends_with(LIEUX));
    assert!(
        e.reason.contains("JSON invalide") && e.reason.contains("line 1"),
        "{e}"
    );
}

#[test]
fn a_file_that_is_not_a_feature_collection_is_refused() {
    let dir = with_places(|_| {});
    std::fs::write(dir.path().join(LIEUX), "{\"type\": \"Feature\"}").unwrap();
    let e = single_error(dir.path());
    assert!(e.reason.contains("FeatureCollection"), "{e}");
}

#[test]
fn a_bad_field_value_names_the_feature_and_the_field() {
    let dir = with_places(|features| features[3]["properties"]["code_postal"] = json!("8200"));
    let e = single_error(dir.path());
    let feature = e.feature.as_ref().expect("feature located");
    assert_eq!(feature.index, 3);
    assert!(feature.id.is_some());
    assert_eq!(e.field.as_deref(), Some("code_postal"));
    assert!(e.reason.contains("8200"), "{e}");
    let message = e.to_string();
    assert!(
        message.contains("features[3]") && message.contains("code_postal"),
        "{message}"
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let dir = with_places(|features| {
        features[0]["properties"]
            .as_object_mut()
            .unwrap()
            .remove("nom");
    });
    let e = single_error(dir.path());
    assert_eq!(e.feature.as_ref().unwrap().index, 0);
    assert_eq!(e.field.as_deref(), Some("nom"));
}

#[test]
fn an_unknown_field_is_refused_so_typos_do_not_pass() {
    let dir = with_places(|features| features[1]["properties"]["telephon"] = json!("+33563000000"));
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("telephon"));
}

#[test]
fn a_wrong_type_inside_a_list_names_the_element() {
    let dir = with_places(|features| {
        features[2]["properties"]["services"] = json!(["Aide aux démarches administratives", 3])
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("services[1]"));
}

#[test]
fn a_value_outside_the_standard_vocabulary_is_refused_with_the_allowed_ones() {
    let dir = with_places(|features| {
        features[2]["properties"]["frais_a_charge"] = json!(["Gratuit", "Gratos"])
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("frais_a_charge[1]"));
    assert!(
        e.reason.contains("« Gratos »") && e.reason.contains("Gratuit sous condition"),
        "{e}"
    );
}

#[test]
fn a_point_outside_the_departement_is_refused() {
    let dir =
        with_places(|features| features[4]["geometry"]["coordinates"] = json!([1.4442, 43.6047]));
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("geometry"));
    assert!(e.reason.contains("aucune commune"), "{e}");
}

#[test]
fn a_geometry_that_is_not_a_point_is_refused() {
    let dir = with_places(|features| {
        features[4]["geometry"] =
            json!({"type": "LineString", "coordinates": [[1.0, 44.0], [1.1, 44.1]]})
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("geometry"));
}

#[test]
fn duplicate_ids_are_refused() {
    let dir = with_places(|features| {
        let copy = features[0].clone();
        features.push(copy);
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("id"));
    assert!(e.reason.contains("déjà utilisé"), "{e}");
}

#[test]
fn bad_phone_and_pivot_follow_the_standard_patterns() {
    let dir = with_places(|features| {
        features[0]["properties"]["telephone"] = json!("05 63 00 00 00");
        features[1]["properties"]["pivot"] = json!("123");
    });
    let errors = errors(dir.path());
    let fields: Vec<_> = errors.iter().map(|e| e.field.clone().unwrap()).collect();
    assert_eq!(fields, ["telephone", "pivot"], "{errors:#?}");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let dir = with_places(|features| {
        features[0]["properties"]["code_postal"] = json!("x");
        features[5]["geometry"]["coordinates"] = json!([5.0, 45.0]);
        features[7]["properties"]["date_maj"] = json!("2022-13-01");
    });
    let errors = errors(dir.path());
    let at: Vec<usize> = errors
        .iter()
        .map(|e| e.feature.as_ref().unwrap().index)
        .collect();
    assert_eq!(at, [0, 5, 7], "{errors:#?}");
}

#[test]
fn a_commune_without_polygon_is_refused() {
    let dir = with_places(|_| {});
    let path = dir.path().join(COMMUNES);
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["features"][10]["geometry"] = json!({"type": "Point", "coordinates": [1.0, 44.0]});
    std::fs::write(&path, doc.to_string()).unwrap();
    let e = single_error(dir.path());
    assert!(e.file.ends_with(COMMUNES));
    assert_eq!(e.feature.as_ref().unwrap().index, 10);
    assert_eq!(e.field.as_deref(), Some("geometry"));
}

#[test]
fn the_example_programme_loads_with_its_places() {
    let dataset = Dataset::load(&real_data()).unwrap();
    assert!(!dataset.records.events.is_empty());
    for event in &dataset.records.events {
        let place = event
            .properties
            .lieu_id
            .as_ref()
            .expect("example events are at our places");
        assert!(dataset.records.places.iter().any(|p| p.id() == place));
    }
}

#[test]
fn an_event_at_an_unknown_place_is_refused() {
    let dir = with_events(|features| features[0]["properties"]["lieu_id"] = json!("nulle-part"));
    let e = single_error(dir.path());
    assert!(e.file.ends_with(EVENEMENTS));
    assert_eq!(e.field.as_deref(), Some("lieu_id"));
}

#[test]
fn an_event_far_from_its_place_is_refused() {
    let dir = with_events(|features| features[0]["geometry"]["coordinates"] = json!([1.35, 44.0]));
    assert_eq!(single_error(dir.path()).field.as_deref(), Some("geometry"));
}

#[test]
fn slot_times_must_be_in_paris_time_and_end_after_they_start() {
    let dir = with_events(|features| {
        // Summer time in April: +02:00, not +01:00.
        features[0]["properties"]["creneaux"][0]["debut"] = json!("2026-04-29T14:00:00+01:00");
        features[1]["properties"]["creneaux"][0]["fin"] = json!("2026-01-01T00:00:00+01:00");
    });
    let errors = errors(dir.path());
    let fields: Vec<_> = errors.iter().map(|e| e.field.clone().unwrap()).collect();
    assert!(
        fields.contains(&"creneaux[0].debut".to_owned()),
        "{errors:#?}"
    );
    assert!(fields.contains(&"creneaux[0]".to_owned()), "{errors:#?}");
}

#[test]
fn a_required_registration_needs_a_way_to_register() {
    let dir = with_events(|features| {
        features[2]["properties"]["inscription"] = json!({"mode": "obligatoire"});
        features[3]["properties"]["theme"] = json!("cuisine");
    });
    let errors = errors(dir.path());
    let fields: Vec<_> = errors.iter().map(|e| e.field.clone().unwrap()).collect();
    assert_eq!(fields, ["inscription", "theme"], "{errors:#?}");
    assert!(errors[1].reason.contains("« cuisine »") && errors[1].reason.contains("IA"));
}

#[test]
fn duplicate_event_ids_are_refused() {
    let dir = with_events(|features| {
        let copy = features[0].clone();
        features.push(copy);
    });
    assert_eq!(single_error(dir.path()).field.as_deref(), Some("id"));
}

#[test]
fn opening_hours_must_be_osm_syntax() {
    let dir =
        with_places(|features| features[6]["properties"]["horaires"] = json!("lundi de 9h à 12h"));
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("horaires"));
    assert!(e.reason.contains("opening_hours"), "{e}");
}

#[test]
fn the_real_resources_load_and_examples_are_flagged() {
    let dataset = Dataset::load(&real_data()).unwrap();
    let real: Vec<_> = dataset
        .records
        .resources
        .iter()
        .filter(|r| !r.properties.exemple)
        .collect();
    // The three resources recorded by data·inclusion (data/README.md); every other one is
    // an example.
    assert_eq!(real.len(), 3, "{real:#?}");
    assert!(
        real.iter()
            .all(|r| r.properties.source.contains("data·inclusion"))
    );
    assert!(dataset.records.resources.len() > real.len());
    // A resource serving an EPCI serves each of its communes.
    let lomagne = dataset
        .records
        .resources
        .iter()
        .find(|r| r.id().as_str() == "exemple-pret-tablettes-lomagne")
        .unwrap();
    assert!(lomagne.position.is_none());
    assert_eq!(
        lomagne.footprint.communes.len(),
        31,
        "CC de la Lomagne: 31 communes"
    );
}

#[test]
fn a_resource_problem_names_the_feature_and_the_field() {
    for (id, edit, field) in [
        (
            "cidff-82-acces-internet",
            json!({"type": "lieu", "lieu_id": "nulle-part"}),
            "desserte.lieu_id",
        ),
        (
            "amar-82-materiel",
            json!({"type": "commune", "insee": "31555"}),
            "desserte.insee",
        ),
        (
            "exemple-pret-tablettes-lomagne",
            json!({"type": "epci", "siren": "200000000"}),
            "desserte.siren",
        ),
        (
            "exemple-wifi-caussade",
            json!({"type": "departement"}),
            "geometry",
        ),
    ] {
        let dir = with_resources(|features| {
            let i = resource_index(features, id);
            features[i]["properties"]["desserte"] = edit.clone();
        });
        let e = single_error(dir.path());
        assert!(e.file.ends_with(RESSOURCES), "{e}");
        assert_eq!(
            e.feature.as_ref().and_then(|f| f.id.as_deref()),
            Some(id),
            "{e}"
        );
        assert_eq!(e.field.as_deref(), Some(field), "{id}: {e}");
    }
}

#[test]
fn an_online_resource_needs_its_web_address_and_a_point_needs_a_geometry() {
    let dir = with_resources(|features| {
        let i = resource_index(features, "exemple-tutoriels-video");
        features[i]["properties"]
            .as_object_mut()
            .unwrap()
            .remove("site_web");
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("site_web"));
    assert!(e.reason.contains("obligatoire"), "{e}");

    let dir = with_resources(|features| {
        let i = resource_index(features, "exemple-wifi-caussade");
        features[i]["geometry"] = Value::Null;
    });
    assert_eq!(single_error(dir.path()).field.as_deref(), Some("geometry"));
}

#[test]
fn a_resource_type_outside_the_list_and_a_duplicate_id_are_refused() {
    let dir = with_resources(|features| {
        features[0]["properties"]["type"] = json!("vélo en libre service");
        let copy = features[1].clone();
        features.push(copy);
    });
    let errors = errors(dir.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.field.as_deref() == Some("type") && e.reason.contains("valeurs possibles"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.field.as_deref() == Some("id") && e.reason.contains("déjà utilisé"))
    );
}

#[test]
fn an_empty_dataset_is_not_served() {
    let dir = with_places(|features| features.clear());
    let e = single_error(dir.path());
    assert!(e.file.ends_with(LIEUX));
    assert!(e.reason.contains("aucun lieu"), "{}", e.reason);
}

#[test]
fn every_text_has_a_size_limit() {
    let dir = with_places(|features| {
        features[0]["properties"]["presentation_detail"] = json!("x".repeat(50_000_000));
        features[1]["properties"]["nom"] = json!("Médiathèque ".repeat(20));
    });
    let errors = errors(dir.path());
    let fields: Vec<(usize, String)> = errors
        .iter()
        .map(|e| {
            (
                e.feature.as_ref().unwrap().index,
                e.field.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [(0, "presentation_detail".to_owned()), (1, "nom".to_owned())]
    );
    assert!(
        errors[0]
            .reason
            .contains("50000000 caractères, 4000 au plus")
    );
}

#[test]
fn only_regular_files_inside_the_folder_are_read() {
    for target in ["/etc/passwd", "/dev/zero"] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&real_data(), dir.path());
        std::fs::remove_file(dir.path().join(LIEUX)).unwrap();
        std::os::unix::fs::symlink(target, dir.path().join(LIEUX)).unwrap();
        let e = single_error(dir.path());
        assert!(e.file.ends_with(LIEUX));
        assert!(
            e.reason.contains("hors du dossier"),
            "{target}: {}",
            e.reason
        );
    }
    // A folder in place of a file.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&real_data(), dir.path());
    std::fs::remove_file(dir.path().join(LIEUX)).unwrap();
    std::fs::create_dir(dir.path().join(LIEUX)).unwrap();
    assert!(
        single_error(dir.path())
            .reason
            .contains("fichier ordinaire")
    );
}

#[test]
fn common_mistakes_are_said_in_french_where_they_are() {
    // A byte-order mark, as spreadsheets write: accepted.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&real_data(), dir.path());
    let path = dir.path().join(LIEUX);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    assert!(Dataset::load(dir.path()).is_ok(), "a BOM is accepted");

    let dir = with_places(|features| {
        features[0]["geometry"]["coordinates"] = json!(["1.35", "44.0"]);
        features[1]["properties"]["date_maj"] = json!("12/03/2022");
        features[2]["properties"]["date_maj"] = json!("2022-02-30");
    });
    let errors = errors(dir.path());
    let said: Vec<(usize, Option<String>, String)> = errors
        .iter()
        .map(|e| {
            (
                e.feature.as_ref().unwrap().index,
                e.field.clone(),
                e.reason.clone(),
            )
        })
        .collect();
    assert_eq!(said.len(), 3, "{said:#?}");
    assert_eq!(said[0].1.as_deref(), Some("geometry.coordinates"));
    assert!(said[0].2.contains("nombres [longitude, latitude]"));
    for (_, field, reason) in &said[1..] {
        assert_eq!(field.as_deref(), Some("date_maj"));
        assert!(reason.contains("AAAA-MM-JJ"), "{reason}");
    }
    let dir = with_events(|features| {
        features[0]["properties"]["creneaux"][0]["debut"] = json!("2026-04-14 14:00");
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("creneaux[0].debut"));
    assert!(e.reason.contains("heure de Paris"), "{}", e.reason);
    for message in errors.iter().map(ToString::to_string) {
        for english in ["expected", "invalid", "input", "missing"] {
            assert!(!message.contains(english), "{message}");
        }
    }
}

#[test]
fn a_stop_in_an_unknown_commune_or_with_bad_hours_is_named() {
    let dir = with_places(|features| {
        features[3]["properties"]["arrets"] = json!([
            {"commune": "82051", "jour": "lundi", "semaines": "impaires", "horaires": "09:30-12:00"},
            {"commune": "31555", "jour": "mardi", "horaires": "09:30-12:00"}
        ])
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("arrets[1].commune"));
    assert!(e.reason.contains("31555"), "{e}");
    let dir = with_places(|features| {
        features[3]["properties"]["arrets"] =
            json!([{"commune": "82051", "jour": "lundi", "horaires": "le matin"}])
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("arrets[0].horaires"));
    let dir = with_places(|features| {
        features[3]["properties"]["arrets"] =
            json!([{"commune": "82051", "jour": "lundy", "horaires": "09:30-12:00"}])
    });
    let e = single_error(dir.path());
    assert_eq!(e.field.as_deref(), Some("arrets[0].jour"));
    assert!(
        e.reason.contains("mercredi"),
        "the days allowed are said: {e}"
    );
}
