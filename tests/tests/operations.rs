//! What an operator watches (issue 19): `/readyz` and `/metrics` on the real server, and
//! who may read the metrics.

use carto82_e2e::{spawn_app, spawn_app_with};

#[tokio::test]
async fn ready_once_the_data_is_loaded_and_the_database_answers() {
    let app = spawn_app().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["pret"], true);
    assert_eq!(body["base"], "répond");
    assert_eq!(body["donnees"]["lieux"], 50);
}

#[tokio::test]
async fn the_metrics_are_for_the_supervision_only() {
    // By default, nobody: not even the machine itself.
    let app = spawn_app().await;
    let refused = app.get("/metrics").await;
    assert_eq!(refused.status(), 403);
    assert!(refused.text().await.unwrap().contains("supervision"));

    let app = spawn_app_with(|args| {
        args.metrics_token = Some("jeton-de-la-supervision".to_owned());
    })
    .await;
    assert_eq!(app.get("/metrics").await.status(), 403);
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("jeton-de-la-supervisio")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    let right = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("jeton-de-la-supervision")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
}

#[tokio::test]
async fn the_metrics_count_answers_per_route_and_say_the_data_and_the_queue() {
    let app = spawn_app_with(|args| {
        args.metrics_allow = "127.0.0.1".parse().unwrap();
    })
    .await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/places?zone=Est").await.status(), 200);
    }
    assert_eq!(app.get("/api/places?zone=Nord").await.status(), 400);
    let report = app
        .client
        .post(app.url("/signaler"))
        .form(&[
            ("page", "/lieux/france-services-000"),
            ("message", "Les horaires ont changé le mardi."),
        ])
        .send()
        .await
        .unwrap();
    assert!(report.status().is_success(), "{}", report.status());
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    let text = response.text().await.unwrap();
    for expected in [
        // The route's pattern, never the address typed (no `zone=Est`).
        "carto82_answers_total{route=\"/api/places\",method=\"GET\",status=\"200\"} 3",
        "carto82_answers_total{route=\"/api/places\",method=\"GET\",status=\"400\"} 1",
        "carto82_answer_duration_seconds_count{route=\"/api/places\"} 4",
        "carto82_dataset_records{kind=\"lieux\"} 50",
        "carto82_dataset_reload_refused 0",
        "carto82_proposals_waiting{kind=\"signalement\"} 1",
        "carto82_database_up 1",
        "# EOF",
    ] {
        assert!(text.contains(expected), "« {expected} » in:\n{text}");
    }
    assert!(!text.contains("zone=Est") && !text.contains("Nord"));
}
