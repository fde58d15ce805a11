//! Street addresses through the national address API, only when configured: a stand-in for
//! the API answers on another loopback port, and the browser asks it directly.

use std::sync::{Arc, Mutex};

use carto82_e2e::browser::{open, poll, with_browser};
use carto82_e2e::{spawn_app_with, stand_in_server};
use fantoccini::key::Key;

/// What the address API answers: one address in the Tarn-et-Garonne, one elsewhere.
const ANSWER: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","geometry":{"type":"Point","coordinates":[1.3536,44.0178]},
  "properties":{"label":"12 Rue de la République 82000 Montauban","context":"82, Tarn-et-Garonne, Occitanie"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[1.4442,43.6047]},
  "properties":{"label":"12 Rue de la République 31000 Toulouse","context":"31, Haute-Garonne, Occitanie"}}]}"#;

/// Serves `ANSWER` to every request on a free loopback port; returns the port and the
/// request lines received.
async fn fake_address_api() -> (u16, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let port = stand_in_server(move |request| {
        log.lock().unwrap().push(request.to_owned());
        ("application/json", ANSWER.to_owned())
    })
    .await;
    (port, seen)
}

#[tokio::test]
async fn a_street_address_is_found_through_the_configured_api_and_searched_around() {
    let (port, seen) = fake_address_api().await;
    let app =
        spawn_app_with(move |args| args.address_api = Some(format!("http://127.0.0.1:{port}/")))
            .await;
    let home = app.url("/");
    with_browser(1280, 900, move |client| async move {
        open(&client, &home).await;
        let input = client.find(fantoccini::Locator::Id("ou")).await.unwrap();
        input.send_keys("12 rue de la republique").await.unwrap();
        let shown = poll(
            &client,
            "return [...document.querySelectorAll('#suggestions:not([hidden]) [data-genre=adresse]')].map(o => o.textContent);",
            15,
            |v| v.as_array().is_some_and(|a| !a.is_empty()),
        )
        .await;
        assert_eq!(
            shown,
            serde_json::json!(["12 Rue de la République 82000 Montauban"]),
            "only addresses of the département"
        );
        input.send_keys(&Key::Down).await.unwrap();
        input.send_keys(&Key::Enter).await.unwrap();
        let heading = poll(
            &client,
            "const h = document.getElementById('titre-liste'); return h ? h.textContent : '';",
            15,
            |v| v.as_str().is_some_and(|s| s.contains("République")),
        )
        .await;
        assert_eq!(heading, "Lieux à 10 km ou moins de 12 Rue de la République 82000 Montauban");
        let url = client.current_url().await.unwrap();
        let near: Vec<f64> = url
            .query_pairs()
            .find(|(k, _)| k == "near")
            .map(|(_, v)| v.split(',').map(|n| n.parse().unwrap()).collect())
            .unwrap_or_default();
        assert_eq!(near, [44.0178, 1.3536], "the address's point, to 5 decimals: {url}");
        let distances = client
            .execute("return [...document.querySelectorAll('ol.lieux .distance')].map(d => parseFloat(d.textContent.replace('à ', '').replace(',', '.')));", vec![])
            .await
            .unwrap();
        let distances: Vec<f64> = serde_json::from_value(distances).unwrap();
        assert!(!distances.is_empty() && distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    })
    .await;
    let requests = seen.lock().unwrap().clone();
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with("GET /search/?q=12%20rue%20de%20la%20republique")),
        "{requests:?}"
    );
}

#[tokio::test]
async fn without_the_setting_no_address_api_is_named_to_the_browser() {
    let app = carto82_e2e::spawn_app().await;
    let page = app.get_page("/").await;
    assert!(!page.contains("carto82:adresses"));
    // The rest of the page names no other site either: see `api.rs`,
    // `no_third_party_address_in_the_page_unless_tiles_are_configured`.
}
