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
    // Asked before the edit: a kept answer must not outlive its version.
    let before = app.get_json("/api/places").await;
    assert_eq!(before["features"].as_array().unwrap().len() as u64, start);

    // A valid edit: one place less.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&places).unwrap()).unwrap();
    let features = doc["features"].as_array_mut().unwrap();
    let removed = features.remove(free_place(dir.path(), features));
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

/// The data folder with one place less than the real one, and the count it has.
/// A place that no event refers to and no actor runs: removing one that another record
/// names would be refused.
fn free_place(dir: &std::path::Path, features: &[Value]) -> usize {
    let events = std::fs::read_to_string(dir.join("evenements.geojson")).unwrap();
    let actors = std::fs::read_to_string(dir.join("acteurs.geojson")).unwrap();
    features
        .iter()
        .position(|f| {
            let id = f["id"].as_str().unwrap();
            !events.contains(&format!("\"lieu_id\": \"{id}\""))
                && !actors.contains(&format!("\"{id}\""))
        })
        .expect("a place without events or actor")
}

fn dataset_without_a_place(dir: &std::path::Path) -> u64 {
    copy_dir(&data_dir(), dir);
    let places = dir.join("lieux.geojson");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&places).unwrap()).unwrap();
    let features = doc["features"].as_array_mut().unwrap();
    features.remove(free_place(dir, features));
    let count = features.len() as u64;
    std::fs::write(&places, doc.to_string()).unwrap();
    count
}

#[tokio::test]
async fn deployments_that_switch_folders_are_seen() {
    let base = tempfile::tempdir().unwrap();
    let first = base.path().join("version-1");
    let second = base.path().join("version-2");
    copy_dir(&data_dir(), &first);
    let fewer = dataset_without_a_place(&second);
    let link = base.path().join("donnees");
    std::os::unix::fs::symlink(&first, &link).unwrap();
    let served = link.clone();
    let app = spawn_app_with(move |args| args.data = served).await;
    let start = app.get_json("/healthz").await["lieux"].as_u64().unwrap();
    assert_eq!(start, fewer + 1);

    // `ln -sfn version-2 donnees`: a new link renamed over the old one.
    let staging = base.path().join("donnees.nouveau");
    std::os::unix::fs::symlink(&second, &staging).unwrap();
    std::fs::rename(&staging, &link).unwrap();
    let health = health_until(&app, |h| h["lieux"] == fewer).await;
    assert_eq!(health["lieux"], fewer, "the switched link is served");

    // `mv donnees donnees.old; cp -r nouveau donnees`: the folder moved aside, a copy in.
    let plain = base.path().join("dossier");
    copy_dir(&data_dir(), &plain);
    let served = plain.clone();
    let app = spawn_app_with(move |args| args.data = served).await;
    std::fs::rename(&plain, base.path().join("dossier.old")).unwrap();
    copy_dir(&second, &plain);
    let health = health_until(&app, |h| h["lieux"] == fewer).await;
    assert_eq!(health["lieux"], fewer, "the copied folder is served");
}

#[tokio::test]
async fn a_reload_that_empties_the_map_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir(), dir.path());
    let served = dir.path().to_owned();
    let app = spawn_app_with(move |args| args.data = served).await;
    let start = app.get_json("/healthz").await["lieux"].as_u64().unwrap();
    let places = dir.path().join("lieux.geojson");
    let original = std::fs::read_to_string(&places).unwrap();
    let mut doc: Value = serde_json::from_str(&original).unwrap();

    // No place at all: refused, said on /healthz. (Events, resources and actors go too:
    // they refer to places.)
    std::fs::remove_file(dir.path().join("evenements.geojson")).unwrap();
    std::fs::remove_file(dir.path().join("ressources.geojson")).unwrap();
    std::fs::remove_file(dir.path().join("acteurs.geojson")).unwrap();
    doc["features"] = Value::Array(Vec::new());
    std::fs::write(&places, doc.to_string()).unwrap();
    let health = health_until(&app, |h| h["rechargement_refuse"].is_string()).await;
    assert_eq!(health["status"], "avertissement");
    assert!(
        health["rechargement_refuse"]
            .as_str()
            .unwrap()
            .contains("aucun lieu")
    );
    assert_eq!(health["lieux"], start, "the last good data stays online");

    // Three places left: most of the map would go; refused.
    let mut three: Value = serde_json::from_str(&original).unwrap();
    three["features"].as_array_mut().unwrap().truncate(3);
    std::fs::write(&places, three.to_string()).unwrap();
    let health = health_until(&app, |h| {
        h["rechargement_refuse"]
            .as_str()
            .is_some_and(|r| r.contains("n'a que 3 lieux"))
    })
    .await;
    assert!(
        health["rechargement_refuse"]
            .as_str()
            .unwrap()
            .contains("CARTO82_FORCE_RELOAD")
    );
    assert_eq!(health["lieux"], start);

    // Allowed by the operator: served.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir(), dir.path());
    std::fs::remove_file(dir.path().join("evenements.geojson")).unwrap();
    std::fs::remove_file(dir.path().join("ressources.geojson")).unwrap();
    std::fs::remove_file(dir.path().join("acteurs.geojson")).unwrap();
    let served = dir.path().to_owned();
    let app = spawn_app_with(move |args| {
        args.data = served;
        args.force_reload = true;
    })
    .await;
    std::fs::write(dir.path().join("lieux.geojson"), three.to_string()).unwrap();
    let health = health_until(&app, |h| h["lieux"] == 3).await;
    assert_eq!(health["lieux"], 3);
    assert_eq!(health["status"], "ok");
}
