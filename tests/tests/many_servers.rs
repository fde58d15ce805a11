//! Several servers in one process, as the tests run them: a page being rendered by one must
//! not wait forever while another starts (leptos-rs/leptos#4773: listing the routes sets a
//! process-wide flag that stalled every resource first polled meanwhile).

use std::time::Duration;

use carto82_e2e::spawn_app;
use futures::StreamExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_while_other_servers_start() {
    let app = spawn_app().await;
    let places = app.get_json("/api/places").await;
    let ids: Vec<String> = places["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect();
    let starting = tokio::spawn(async {
        for _ in 0..10 {
            let _other = spawn_app().await;
        }
    });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let pages = ids.iter().cycle().take(150).map(|id| {
        let url = app.url(&format!("/lieux/{id}"));
        let client = client.clone();
        async move {
            let response = client
                .get(&url)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(response.status(), 200, "{url}");
            response
                .text()
                .await
                .unwrap_or_else(|e| panic!("{url}: {e}"));
        }
    });
    // A few at a time, as a browser and a test do.
    futures::stream::iter(pages)
        .buffer_unordered(8)
        .collect::<Vec<()>>()
        .await;
    starting.await.unwrap();
}
