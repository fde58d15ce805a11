//! Resources over HTTP: the real server on a free port, with the real dataset.

use std::collections::BTreeSet;

use carto82_e2e::{TestApp, spawn_app, spawn_app_with};
use serde_json::Value;

async fn resources(app: &TestApp, query: &str) -> Vec<Value> {
    let response = app.get(&format!("/api/resources?{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    assert_eq!(response.headers()["content-type"], "application/geo+json");
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["type"], "FeatureCollection");
    body["features"].as_array().unwrap().clone()
}

fn ids(features: &[Value]) -> BTreeSet<String> {
    features
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_resource_is_served_with_what_it_serves() {
    let app = spawn_app().await;
    let all = resources(&app, "").await;
    assert_eq!(all.len(), 10);
    for f in &all {
        let p = &f["properties"];
        assert!(
            p["desserte_nom"].as_str().is_some_and(|s| !s.is_empty()),
            "{f}"
        );
        assert!(
            !p["communes_desservies"].as_array().unwrap().is_empty(),
            "{f}"
        );
        // A territory has no point; a place's resource has the place's point.
        match p["desserte"]["type"].as_str().unwrap() {
            "commune" | "epci" | "departement" => assert!(f["geometry"].is_null(), "{f}"),
            _ => assert_eq!(f["geometry"]["type"], "Point", "{f}"),
        }
    }
    let at_place = all
        .iter()
        .find(|f| f["id"] == "cidff-82-acces-internet")
        .unwrap();
    assert_eq!(
        at_place["geometry"]["coordinates"],
        serde_json::json!([1.371672, 44.016897])
    );
    assert_eq!(at_place["properties"]["exemple"], false);
    assert_eq!(app.get_json("/healthz").await["ressources"], 10);
}

#[tokio::test]
async fn area_filters_match_the_territory_a_resource_serves() {
    let app = spawn_app().await;
    // Montauban: its two siao resources, the CIDFF place, and the département-wide ones.
    let montauban = ids(&resources(&app, "commune=82121").await);
    for id in [
        "cidff-82-acces-internet",
        "cidff-82-mortarieu-materiel",
        "amar-82-materiel",
        "exemple-tutoriels-video",
        "exemple-rendez-vous-en-ligne",
    ] {
        assert!(montauban.contains(id), "{id} in {montauban:?}");
    }
    assert!(!montauban.contains("exemple-pret-tablettes-lomagne"));
    // A commune of the Lomagne (Auterive, 82006) gets the EPCI-wide loan.
    assert!(
        ids(&resources(&app, "commune=82006").await).contains("exemple-pret-tablettes-lomagne")
    );
    let ouest = ids(&resources(&app, "zone=Ouest").await);
    assert!(ouest.contains("exemple-pret-tablettes-lomagne"));
    assert!(!ouest.contains("exemple-wifi-caussade"));
    assert!(ids(&resources(&app, "epci=248200057").await).contains("exemple-wifi-caussade"));
}

#[tokio::test]
async fn near_sorts_by_distance_to_the_served_territory() {
    let app = spawn_app().await;
    // Centre of Caussade: the wifi there is nearest, the département-wide ones are at 0 km.
    let found = resources(&app, "near=44.1617,1.5375&radius=5").await;
    let distances: Vec<f64> = found
        .iter()
        .map(|f| f["properties"]["distance_km"].as_f64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances.iter().all(|d| *d <= 5.0));
    let found = ids(&found);
    assert!(found.contains("exemple-wifi-caussade"));
    assert!(found.contains("exemple-tutoriels-video"));
    assert!(
        !found.contains("amar-82-materiel"),
        "Montauban is 20 km away"
    );
}

#[tokio::test]
async fn type_public_cost_and_text_filters_combine() {
    let app = spawn_app().await;
    let free_internet = ids(&resources(&app, "type=équipement en accès libre&frais=Gratuit").await);
    assert_eq!(
        free_internet,
        BTreeSet::from(["exemple-ordinateurs-castelmayran".to_owned()]),
        "the real ones do not state their cost, or are free under conditions"
    );
    // Publics: resources for seniors, and those for everyone.
    let seniors = resources(&app, "public=Seniors").await;
    let jeunes = resources(&app, "public=Jeunes").await;
    assert!(ids(&seniors).contains("exemple-pret-tablettes-lomagne"));
    assert!(!ids(&jeunes).contains("exemple-pret-tablettes-lomagne"));
    assert_eq!(seniors.len(), jeunes.len() + 2);
    // Several values of one filter: either.
    assert_eq!(
        resources(&app, "type=wifi public,vente solidaire")
            .await
            .len(),
        2
    );
    assert_eq!(
        ids(&resources(&app, "q=REFUGIES").await),
        BTreeSet::from(["amar-82-materiel".to_owned()])
    );
}

#[tokio::test]
async fn bad_resource_parameters_are_named() {
    let app = spawn_app().await;
    for (query, parameter) in [
        ("type=vélo", "type"),
        ("public=Tous", "public"),
        ("near=1000,1", "near"),
    ] {
        let response = app.get(&format!("/api/resources?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["parameter"], parameter, "{query}: {problem}");
    }
}

#[tokio::test]
async fn one_setting_hides_the_example_resources() {
    let app = spawn_app_with(|args| args.examples = false).await;
    let real = resources(&app, "").await;
    assert_eq!(real.len(), 3);
    assert!(real.iter().all(|f| f["properties"]["exemple"] == false));
}
