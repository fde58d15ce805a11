//! `/couverture` in headless Chromium: the map, the tables against the API, a filter
//! changing the figures, and accessibility (axe-core).

use carto82_e2e::browser::{
    assert_accessible, axe_violations, mark_the_document, open, poll, save_screenshot,
    still_the_marked_document, with_browser,
};
use carto82_e2e::spawn_app;
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction};
use fantoccini::key::Key;
use serde_json::Value;

/// The EPCI table as [name, population, places] with the digits only.
const EPCI_TABLE: &str = r#"
    return [...document.querySelectorAll('table.indicateurs-epci tbody tr')].map(tr => {
        const cells = [...tr.children].map(c => c.textContent.trim());
        return [cells[0], cells[1].replace(/\D/g, ''), cells[2]];
    });
"#;

/// Communes drawn in the map the page shows.
const MAP_SHAPES: &str = "return document.querySelectorAll('.carte-communes use.commune').length;";

/// The communes whose name the map shows (hovered or focused), as `[name, …]`.
const NAMES_SHOWN: &str = r#"
    return [...document.querySelectorAll('.carte-communes .nom-commune text')]
        .filter(t => getComputedStyle(t).visibility === 'visible')
        .map(t => t.textContent);
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

/// Issue 13, item 17: each commune of the map says its name on hover and on keyboard focus,
/// and leads to its row of the table; the page carries no app code.
#[tokio::test]
async fn each_commune_of_the_map_names_itself_on_hover_and_focus() {
    let app = spawn_app().await;
    let html = app.get_page("/couverture").await;
    assert_eq!(
        html.matches("<use class=\"commune ").count(),
        195,
        "drawn by the server"
    );
    assert_eq!(
        html.matches("<a class=\"nom-commune\" href=\"#commune-")
            .count(),
        195
    );
    let url = app.url("/couverture");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        assert_eq!(client.execute(NAMES_SHOWN, vec![]).await.unwrap(), serde_json::json!([]));

        // The keyboard: the skip link, then Tab reaches the first commune, which says its name.
        client
            .execute("document.querySelector('.carte-couverture .evitement').focus();", vec![])
            .await
            .unwrap();
        let tab = KeyActions::new("clavier".into())
            .then(KeyAction::Down { value: Key::Tab.into() })
            .then(KeyAction::Up { value: Key::Tab.into() });
        client.perform_actions(tab).await.unwrap();
        let focused = client
            .execute("return document.activeElement.querySelector('title').textContent;", vec![])
            .await
            .unwrap();
        assert!(focused.as_str().unwrap().starts_with("Albefeuille-Lagarde : "), "{focused}");
        assert_eq!(
            client.execute(NAMES_SHOWN, vec![]).await.unwrap(),
            serde_json::json!(["Albefeuille-Lagarde"])
        );
        save_screenshot(&client, "couverture-commune-au-clavier.png").await;
        client.execute("document.activeElement.blur();", vec![]).await.unwrap();

        // The mouse, over a point inside Laguépie.
        let point = client
            .execute(
                r##"const shape = document.getElementById('forme-82088');
                    shape.closest('svg').scrollIntoView({block: 'center'});
                    const box = shape.getBBox();
                    const svg = shape.ownerSVGElement;
                    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
                        const p = svg.createSVGPoint();
                        p.x = box.x + box.width * i / 20;
                        p.y = box.y + box.height * j / 20;
                        if (shape.isPointInFill(p)) {
                            const s = p.matrixTransform(svg.getScreenCTM());
                            return [s.x, s.y];
                        }
                    }
                    return null;"##,
                vec![],
            )
            .await
            .unwrap();
        let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
        let hover = MouseActions::new("souris".into()).then(PointerAction::MoveTo {
            duration: None,
            x: x.round(),
            y: y.round(),
        });
        client.perform_actions(hover).await.unwrap();
        assert_eq!(
            client.execute(NAMES_SHOWN, vec![]).await.unwrap(),
            serde_json::json!(["Laguépie"])
        );
        save_screenshot(&client, "couverture-commune-survolee.png").await;

        // A click leads to the commune's row, in the folded table, now open.
        let click = MouseActions::new("souris".into())
            .then(PointerAction::Down { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: fantoccini::actions::MOUSE_BUTTON_LEFT });
        client.perform_actions(click).await.unwrap();
        let row = poll(
            &client,
            r#"const row = document.querySelector('tr:target');
               return row && row.closest('details').open ? row.querySelector('th').textContent : null;"#,
            10,
            |v| !v.is_null(),
        )
        .await;
        assert_eq!(row, "Laguépie");

        // The page is a document (no wasm): sorting a table loads the page again, and the
        // server draws the map again.
        mark_the_document(&client).await;
        client
            .find(Locator::Css("table.indicateurs-epci th a"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert_eq!(
            poll(&client, "return location.search.includes('sort=');", 10, |v| v == true).await,
            true
        );
        assert!(!still_the_marked_document(&client).await, "a page load");
        assert_eq!(poll(&client, MAP_SHAPES, 15, |v| v == 195).await, 195);
        let fetched = client
            .execute("return performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('.wasm') || n.includes('leaflet'));", vec![])
            .await
            .unwrap();
        assert_eq!(fetched, serde_json::json!([]), "no app code on the coverage page");
        assert_accessible(&client, "/couverture sorted").await;
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
