//! Editing the dataset while the server runs: a valid edit is served, a bad one is refused
//! and the last good data stays online.

use std::time::{Duration, Instant};

use carto82_e2e::{TestApp, copy_dir, data_dir, spawn_app_with};
use serde_json::Value;

/// Polls `/healthz` until `ok` holds (10 s at most) and returns the last answer.
async fn health_until(app: &TestApp, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let health = app.get_json("/healthz").await;
        if ok(&health) || Instant::now() > deadline {
            return health;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn edits_are_served_and_a_bad_edit_keeps_the_last_good_data() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir(), dir.path());
    let app = spawn_app_with(|args| args.data = dir.path().to_owned()).await;
    let places = dir.path().join("lieux.geojson");
    let start = app.get_json("/healthz").await["lieux"].as_u64().unwrap();

    // A valid edit: one place less.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&places).unwrap()).unwrap();
    // A place no event refers to (removing one that has events would be refused).
    let events = std::fs::read_to_string(dir.path().join("evenements.geojson")).unwrap();
    let features = doc["features"].as_array_mut().unwrap();
    let free = features
        .iter()
        .position(|f| !events.contains(&format!("\"lieu_id\": \"{}\"", f["id"].as_str().unwrap())))
        .expect("a place without events");
    let removed = features.remove(free);
    std::fs::write(&places, doc.to_string()).unwrap();
    let health = health_until(&app, |h| h["lieux"] == start - 1).await;
    assert_eq!(health["lieux"], start - 1, "the edit is served");
    assert!(health["rechargement_refuse"].is_null());
    let api = app.get_json("/api/places").await;
    assert_eq!(api["features"].as_array().unwrap().len() as u64, start - 1);
    assert!(!api.to_string().contains(removed["id"].as_str().unwrap()));

    // A bad edit: a broken file. The previous version stays online, and says why.
    std::fs::write(&places, "{\"type\": \"FeatureCollection\", \"features\": [").unwrap();
    let health = health_until(&app, |h| h["rechargement_refuse"].is_string()).await;
    let refusal = health["rechargement_refuse"]
        .as_str()
        .expect("refusal reported");
    assert!(
        refusal.contains("lieux.geojson") && refusal.contains("JSON invalide"),
        "{refusal}"
    );
    assert_eq!(health["lieux"], start - 1);
    let api = app.get_json("/api/places").await;
    assert_eq!(api["features"].as_array().unwrap().len() as u64, start - 1);
    let page = app.get_page("/").await;
    assert_eq!(
        page.matches("<details id=\"lieu-").count() as u64,
        start - 1
    );

    // Mended: served again, refusal cleared.
    doc["features"].as_array_mut().unwrap().push(removed);
    std::fs::write(&places, doc.to_string()).unwrap();
    let health = health_until(&app, |h| h["lieux"] == start).await;
    assert_eq!(health["lieux"], start);
    assert!(health["rechargement_refuse"].is_null());
}
