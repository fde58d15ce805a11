//! Page weight (issue 14): each page's first visit, measured by the browser itself (the
//! compressed bodies it received, empty cache: the issue's figure), stays within its budget
//! of `tests/page-budgets.json`. A page that grows fails here, in the change that made it
//! grow. The bytes with headers (HTTP/1.1, as the test serves) are reported beside them.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use carto82_e2e::browser::{open, with_browser};
use carto82_e2e::{spawn_app, workspace_root};
use fantoccini::Client;
use serde_json::Value;

/// Every response of the page so far as `[url, compressed body, bytes with headers]`, the
/// document first.
const RECEIVED: &str = r#"
    const nav = performance.getEntriesByType('navigation')[0];
    return [[location.href, nav.encodedBodySize, nav.transferSize],
            ...performance.getEntriesByType('resource')
                .filter(r => r.name.startsWith('http'))
                .map(r => [r.name, r.encodedBodySize, r.transferSize])];
"#;

/// What the page received once it has settled: no new response for a second.
async fn settled(client: &Client) -> Vec<(String, u64, u64)> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = (0, Instant::now());
    loop {
        let received = client.execute(RECEIVED, vec![]).await.expect("script runs");
        let entries: Vec<(String, u64, u64)> = received
            .as_array()
            .expect("a list")
            .iter()
            .map(|e| {
                (
                    e[0].as_str().unwrap().to_owned(),
                    e[1].as_u64().unwrap_or(0),
                    e[2].as_u64().unwrap_or(0),
                )
            })
            .collect();
        if entries.len() != last.0 {
            last = (entries.len(), Instant::now());
        } else if last.1.elapsed() > Duration::from_secs(1) || Instant::now() > deadline {
            return entries;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn every_page_stays_within_its_weight_budget() {
    let budgets: Value = serde_json::from_slice(
        &std::fs::read(workspace_root().join("tests/page-budgets.json")).expect("budgets file"),
    )
    .expect("budgets are JSON");
    let app = spawn_app().await;
    let mut report = vec![
        "| page | first visit (kB) | with headers (kB) | budget | goal |".to_owned(),
        "|---|---:|---:|---:|---:|".to_owned(),
    ];
    let mut over = Vec::new();
    for page in budgets["pages"].as_array().expect("pages") {
        let path = page["path"].as_str().unwrap().to_owned();
        let (budget, goal) = (
            page["budget"].as_u64().unwrap(),
            page["goal"].as_u64().unwrap(),
        );
        // A browser of its own: the visit is a first one, with nothing cached.
        let received = Arc::new(Mutex::new(Vec::new()));
        let url = app.url(&path);
        let into = received.clone();
        with_browser(360, 740, move |client| async move {
            open(&client, &url).await;
            *into.lock().unwrap() = settled(&client).await;
        })
        .await;
        let received = received.lock().unwrap().clone();
        let kb = received
            .iter()
            .map(|(_, b, _)| b)
            .sum::<u64>()
            .div_ceil(1000);
        let with_headers = received
            .iter()
            .map(|(_, _, t)| t)
            .sum::<u64>()
            .div_ceil(1000);
        assert!(
            received.iter().all(|(_, b, t)| *b > 0 && t > b),
            "{path}: a response without size (cached?): {received:#?}"
        );
        report.push(format!(
            "| `{path}` | {kb} | {with_headers} | {budget} | {goal} |"
        ));
        if kb > budget {
            let detail: Vec<String> = received
                .iter()
                .map(|(u, b, _)| format!("{b:>8} {u}"))
                .collect();
            over.push(format!(
                "{path}: {kb} kB > {budget} kB\n{}",
                detail.join("\n")
            ));
        }
    }
    let report = report.join("\n");
    std::fs::write(
        carto82_e2e::artefacts_dir().join("poids-des-pages.md"),
        &report,
    )
    .expect("write the report");
    println!("{report}");
    assert!(over.is_empty(), "over budget:\n{}", over.join("\n\n"));
}
