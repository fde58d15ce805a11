//! Every page fits a phone's width (360 px), its folded sections opened too: nothing makes
//! the page scroll sideways (a long address, a wide form, a table).

use carto82_e2e::browser::{fits_the_width, open, with_browser};
use carto82_e2e::spawn_app;

#[tokio::test]
async fn every_page_fits_a_phone_with_its_sections_open() {
    let app = spawn_app().await;
    let first = |v: serde_json::Value, kind: &str| {
        format!(
            "/{kind}/{}",
            v["features"][0]["properties"]["id"].as_str().unwrap()
        )
    };
    let event = first(app.get_json("/api/events").await, "evenements");
    let resource = first(app.get_json("/api/resources").await, "ressources");
    let pages: Vec<String> = [
        "/",
        "/?layers=resources",
        "/?where=Montauban&radius=30",
        "/couverture",
        "/integrer?zone=Est&layers=events&theme=IA",
        "/embed?zone=Est",
        "/evenements",
        &event,
        &resource,
        "/lieux/france-services-015",
    ]
    .iter()
    .map(|p| app.url(p))
    .collect();
    with_browser(360, 740, move |client| async move {
        let mut wide = Vec::new();
        for page in &pages {
            open(&client, page).await;
            if !fits_the_width(&client).await {
                wide.push(page.clone());
            }
        }
        assert!(wide.is_empty(), "wider than a phone: {wide:?}");
    })
    .await;
}
