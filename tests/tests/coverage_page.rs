//! `/couverture` in headless Chromium: the map image, the tables against the API, a filter
//! changing the figures, and accessibility (axe-core).

use carto82_e2e::browser::{
    assert_accessible, axe_violations, open, poll, save_screenshot, with_browser,
};
use carto82_e2e::spawn_app;
use fantoccini::Locator;
use serde_json::Value;

/// The EPCI table as [name, population, places] with the digits only.
const EPCI_TABLE: &str = r#"
    return [...document.querySelectorAll('table.indicateurs-epci tbody tr')].map(tr => {
        const cells = [...tr.children].map(c => c.textContent.trim());
        return [cells[0], cells[1].replace(/\D/g, ''), cells[2]];
    });
"#;

/// Shapes in the map image, counted in the SVG the page shows (once it has loaded).
const MAP_SHAPES: &str = r#"
    const img = document.querySelector('.choroplethe img');
    if (!img || !img.complete || img.naturalWidth === 0) return -1;
    return fetch(img.src).then(r => r.text()).then(t => (t.match(/<path class="commune /g) || []).length);
"#;

#[tokio::test]
async fn the_coverage_page_shows_the_map_the_tables_of_the_api_and_follows_filters() {
    let app = spawn_app().await;
    let all = app.get_json("/api/coverage").await;
    let fs = app
        .get_json("/api/coverage?programme=France%20Services")
        .await;
    let url = app.url("/couverture");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        assert_eq!(poll(&client, MAP_SHAPES, 15, |v| v == 195).await, 195, "one shape per commune");

        let expected = |c: &Value| -> Value {
            let mut rows: Vec<Value> = c["epci"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    serde_json::json!([
                        format!("{} ({})", e["nom"].as_str().unwrap(), e["zone"].as_str().unwrap()),
                        e["indicateurs"]["population"].to_string(),
                        e["indicateurs"]["lieux"].to_string()
                    ])
                })
                .collect();
            rows.sort_by(|a, b| a[0].as_str().cmp(&b[0].as_str()));
            Value::Array(rows)
        };
        let shown = client.execute(EPCI_TABLE, vec![]).await.unwrap();
        assert_eq!(shown, expected(&all), "the EPCI table is the API's");

        assert_accessible(&client, "/couverture").await;

        // Choose the France services network by keyboard-reachable controls, and submit.
        client
            .find(Locator::Css("#couv-programme"))
            .await
            .unwrap()
            .select_by_value("France Services")
            .await
            .unwrap();
        client
            .find(Locator::Css("form.filtres button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let changed = poll(
            &client,
            "return location.search.includes('programme=France') && document.documentElement.classList.contains('hydrate');",
            20,
            |v| v == true,
        )
        .await;
        assert_eq!(changed, true, "the URL carries the choice");
        let shown = poll(&client, EPCI_TABLE, 15, |v| *v == expected(&fs)).await;
        assert_eq!(shown, expected(&fs), "the table follows the filter");
        assert_ne!(expected(&fs), expected(&all));
        let gaps = client
            .execute("return document.querySelectorAll('table.sans-aide tbody tr').length;", vec![])
            .await
            .unwrap();
        assert_eq!(gaps.as_u64(), Some(fs["sans_aide"].as_array().unwrap().len() as u64));
        assert_eq!(poll(&client, MAP_SHAPES, 15, |v| v == 195).await, 195);
        save_screenshot(&client, "couverture-france-services.png").await;

        assert_accessible(&client, "/couverture with a filter").await;
    })
    .await;
}

/// The axe helper itself finds what it must: an image without text alternative and an
/// unlabelled field (so a clean result above means something).
#[tokio::test]
async fn the_accessibility_check_reports_known_violations() {
    with_browser(800, 600, |client| async move {
        client
            .goto("data:text/html,<html lang=fr><title>t</title><main><img src=x.png><input type=text></main></html>")
            .await
            .unwrap();
        let violations = axe_violations(&client).await;
        assert!(violations.iter().any(|v| v.starts_with("image-alt")), "{violations:#?}");
        assert!(violations.iter().any(|v| v.starts_with("label")), "{violations:#?}");
    })
    .await;
}
