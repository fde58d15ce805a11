//! The map page in headless Chromium: hydration, markers, list, zone choice, opening a place;
//! and how the other pages' code arrives (in files of its own, by page loads).

use carto82_e2e::browser::{
    HYDRATED, choose_and_load, click, mark_the_document, open, poll, save_screenshot,
    still_the_marked_document, the_new_page, with_browser,
};
use carto82_e2e::{spawn_app, spawn_app_with};
use fantoccini::Locator;
use serde_json::Value;

/// Markers on the map: single markers plus the places counted inside each cluster.
const MARKER_COUNT: &str = r#"
    const singles = document.querySelectorAll('#carte .leaflet-marker-icon.marqueur').length;
    const grouped = [...document.querySelectorAll('#carte .marker-cluster')]
        .reduce((n, c) => n + parseInt(c.textContent, 10), 0);
    return singles + grouped;
"#;
const LIST_COUNT: &str = "return document.querySelectorAll('ol.lieux > li').length;";

async fn api_ids(app: &carto82_e2e::TestApp, query: &str) -> Vec<String> {
    let body = app.get_json(&format!("/api/places{query}")).await;
    body["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_map_page_hydrates_shows_every_place_and_filters_by_zone() {
    let app = spawn_app().await;
    let all = api_ids(&app, "").await;
    let ouest = api_ids(&app, "?zone=Ouest").await;
    assert!(!ouest.is_empty() && ouest.len() < all.len());
    let url = app.url("/");

    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;

        let n = all.len() as u64;
        let markers = poll(&client, MARKER_COUNT, 20, |v| v == n).await;
        assert_eq!(markers, n, "one marker per place");
        assert_eq!(client.execute(LIST_COUNT, vec![]).await.unwrap(), n, "list = places");
        // The outlines of the 3 zones and 10 EPCI are drawn (SVG paths), without any tiles.
        let paths = poll(&client, "return document.querySelectorAll('#carte path.leaflet-interactive, #carte .leaflet-overlay-pane path').length;", 10, |v| v.as_u64() >= Some(13)).await;
        assert!(paths.as_u64() >= Some(13), "outlines drawn: {paths}");
        assert_eq!(
            client.execute("return document.querySelectorAll('#carte .leaflet-tile').length;", vec![]).await.unwrap(),
            0,
            "no tile layer unless configured"
        );
        save_screenshot(&client, "carte-accueil.png").await;

        // Choose the zone "Ouest" in the control, behind its disclosure.
        client
            .find(Locator::Css("details.territoire > summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .find(Locator::Css("#choix-zone"))
            .await
            .unwrap()
            .select_by_value("Ouest")
            .await
            .unwrap();
        let n = ouest.len() as u64;
        assert_eq!(poll(&client, LIST_COUNT, 15, |v| v == n).await, n, "list keeps Ouest places");
        assert_eq!(poll(&client, MARKER_COUNT, 15, |v| v == n).await, n, "map keeps Ouest places");
        let url = client.current_url().await.unwrap();
        assert!(url.as_str().contains("zone=Ouest"), "the URL carries the choice: {url}");
        let listed: Value = client
            .execute("return [...document.querySelectorAll('ol.lieux details')].map(d => d.id.slice(5));", vec![])
            .await
            .unwrap();
        let mut listed: Vec<String> = serde_json::from_value(listed).unwrap();
        listed.sort();
        let mut expected = ouest.clone();
        expected.sort();
        assert_eq!(listed, expected, "exactly the Ouest places of the API");
        save_screenshot(&client, "carte-zone-ouest.png").await;

        // Clicking a list item opens that place, in the list and on the map.
        let summary = client.find(Locator::Css("ol.lieux > li:first-child summary")).await.unwrap();
        let name = client
            .find(Locator::Css("ol.lieux > li:first-child summary .nom"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        summary.click().await.unwrap();
        let open = client
            .execute("return document.querySelector('ol.lieux > li:first-child details').open;", vec![])
            .await
            .unwrap();
        assert_eq!(open, true, "the entry opens");
        let card = client
            .find(Locator::Css("ol.lieux > li:first-child .fiche"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(card.contains("Source") && card.contains("Mise à jour"), "card shows provenance: {card}");
        let popup = poll(
            &client,
            "const p = document.querySelector('#carte .leaflet-popup-content strong'); return p ? p.textContent : null;",
            15,
            |v| v.as_str() == Some(name.as_str()),
        )
        .await;
        assert_eq!(popup.as_str(), Some(name.as_str()), "the map shows the same place");
        save_screenshot(&client, "carte-lieu-ouvert.png").await;
    })
    .await;
}

#[tokio::test]
async fn clicking_a_marker_opens_its_place_in_the_list() {
    let app = spawn_app().await;
    let url = app.url("/?epci=248200099");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        let marker = poll(
            &client,
            "const m = document.querySelector('#carte .leaflet-marker-icon.marqueur'); return m ? m.title : null;",
            20,
            |v| v.is_string(),
        )
        .await;
        let title = marker.as_str().expect("a single marker is visible").to_owned();
        client
            .find(Locator::Css("#carte .leaflet-marker-icon.marqueur"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let opened = poll(
            &client,
            "const d = document.querySelector('ol.lieux details[open] .nom'); return d ? d.textContent : null;",
            10,
            |v| v.as_str() == Some(title.as_str()),
        )
        .await;
        assert_eq!(opened.as_str(), Some(title.as_str()));
        // The popup says, from the entry in the list, what it is, where, its hours, and
        // leads to the sheet.
        let entry: Value = client
            .execute(
                "const d = document.querySelector('ol.lieux details[open]');
                 return [d.querySelector('.adresse').textContent, d.querySelector('ul.horaires li, .horaires-inconnus').textContent];",
                vec![],
            )
            .await
            .unwrap();
        let popup = open_popup(&client).await;
        let text = popup[0].as_str().unwrap();
        assert!(text.starts_with(title.as_str()) && text.contains("Voir la fiche"), "{text}");
        let (address, hours) = (entry[0].as_str().unwrap(), entry[1].as_str().unwrap());
        assert!(text.contains(address.trim()), "{text} / {address}");
        assert!(text.contains(hours.trim()), "{text} / {hours}");
        assert!(popup[1].as_str().unwrap().starts_with("/lieux/"), "{popup}");
    })
    .await;
}

/// The text of the map's open popup and the address of its link.
async fn open_popup(client: &fantoccini::Client) -> Value {
    poll(
        client,
        "const p = document.querySelector('#carte .leaflet-popup-content'); return p ? [p.textContent, p.querySelector('a').getAttribute('href')] : null;",
        10,
        |v| v.is_array(),
    )
    .await
}

/// Issue 13, item 9: every event marker can be tapped (none under a place's pin or another
/// event at the same place), and its popup says what and when, and leads to its sheet.
#[tokio::test]
async fn every_event_marker_is_reachable_and_says_what_and_when() {
    let app = spawn_app().await;
    // Around Montauban, where the flagship week's events are, several at one place.
    let url = app.url("/?where=Montauban&radius=5");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        let reachable = poll(
            &client,
            "const ms = [...document.querySelectorAll('#carte .marqueur-evenement')]; \
             if (ms.length < 2) return null; \
             const map = document.getElementById('carte'); map.scrollIntoView(); \
             const box = map.getBoundingClientRect(); \
             const inside = r => r.x >= box.x && r.right <= box.right && r.y >= box.y && r.bottom <= box.bottom; \
             return ms.filter(m => inside(m.getBoundingClientRect())).map(m => { const r = m.getBoundingClientRect(); \
                 const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
                 return (top === m || m.contains(top)) ? true : (top ? top.className + ' ' + (top.title || '') + ' vs ' + m.title : 'none'); });",
            20,
            |v| v.is_array(),
        )
        .await;
        let all = reachable.as_array().unwrap();
        assert!(all.len() >= 6, "{reachable}");
        assert!(all.iter().all(|r| *r == true), "every event marker is on top where it stands: {reachable}");
        client
            .find(Locator::Css("#carte .marqueur-evenement"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let popup = open_popup(&client).await;
        assert!(popup[0].as_str().unwrap().contains("2026"), "when, with the year: {popup}");
        assert!(popup[1].as_str().unwrap().starts_with("/evenements/"), "{popup}");
    })
    .await;
}

#[tokio::test]
async fn on_a_phone_the_map_and_list_stack_without_overflow() {
    let app = spawn_app().await;
    let url = app.url("/");
    with_browser(360, 740, move |client| async move {
        open(&client, &url).await;
        let overflow = client
            .execute("return document.documentElement.scrollWidth - window.innerWidth;", vec![])
            .await
            .unwrap();
        assert!(overflow.as_i64() <= Some(0), "horizontal overflow: {overflow}");
        let stacked = client
            .execute(
                "const m = document.getElementById('carte').getBoundingClientRect(); const l = document.getElementById('liste').getBoundingClientRect(); return l.top >= m.bottom;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(stacked, true, "the list comes below the map");
        save_screenshot(&client, "telephone-accueil.png").await;
    })
    .await;
}

#[tokio::test]
async fn clicking_an_epci_on_the_map_chooses_its_zone_then_the_epci() {
    let app = spawn_app().await;
    let url = app.url("/");
    let base = app.url("");
    let expected_counts = {
        let mut counts = std::collections::HashMap::new();
        for zone in ["Est", "Centre", "Ouest"] {
            counts.insert(
                format!("zone={zone}"),
                api_ids(&app, &format!("?zone={zone}")).await.len(),
            );
        }
        counts
    };
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        // EPCI outlines are the map's only clickable shapes.
        const CLICK_FIRST_EPCI: &str = r#"
            const path = document.querySelector('#carte path.leaflet-interactive');
            if (!path) return false;
            const box = path.getBoundingClientRect();
            path.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2}));
            return true;
        "#;
        assert_eq!(poll(&client, CLICK_FIRST_EPCI, 15, |v| v == true).await, true);
        let after_first = poll(&client, "return location.search;", 10, |v| v.as_str().is_some_and(|s| s.contains("zone="))).await;
        let query = after_first.as_str().unwrap().trim_start_matches('?').to_owned();
        assert!(query.starts_with("zone=") && !query.contains("epci="), "first click chooses a zone: {query}");
        let n = expected_counts[&query] as u64;
        assert_eq!(poll(&client, LIST_COUNT, 10, |v| v == n).await, n, "list follows {query}");

        assert_eq!(poll(&client, CLICK_FIRST_EPCI, 15, |v| v == true).await, true);
        let after_second = poll(&client, "return location.search;", 10, |v| v.as_str().is_some_and(|s| s.contains("epci="))).await;
        let query = after_second.as_str().unwrap().to_owned();
        let api = reqwest::get(format!("{base}/api/places{query}")).await.unwrap().json::<Value>().await.unwrap();
        let n = api["features"].as_array().unwrap().len() as u64;
        assert_eq!(poll(&client, LIST_COUNT, 10, |v| v == n).await, n, "list follows {query}");
        assert_eq!(poll(&client, MARKER_COUNT, 10, |v| v == n).await, n, "markers follow {query}");
    })
    .await;
}

/// Names of the files under `/pkg/` the page has fetched so far.
const FETCHED_CODE: &str = "return performance.getEntriesByType('resource')
    .map(e => new URL(e.name).pathname).filter(p => p.startsWith('/pkg/'))
    .map(p => p.slice(p.lastIndexOf('/') + 1));";

async fn fetched_code(client: &fantoccini::Client) -> Vec<String> {
    let paths = client
        .execute(FETCHED_CODE, vec![])
        .await
        .expect("script runs");
    serde_json::from_value(paths).expect("a list of paths")
}

/// Opens `/`, checks that it downloaded no other page's code, follows the menu link to the
/// embed builder, and returns once that page shows its code to copy.
async fn from_the_map_to_the_builder(client: &fantoccini::Client, url: &str) {
    open(client, url).await;
    let on_the_map = fetched_code(client).await;
    assert!(
        on_the_map.iter().any(|p| p == "app_bg.wasm"),
        "{on_the_map:?}"
    );
    assert!(
        on_the_map
            .iter()
            .all(|p| ["app.js", "app_bg.wasm"].contains(&p.as_str())),
        "the map page downloads its islands' code and nothing else: {on_the_map:?}"
    );
    mark_the_document(client).await;
    client
        .find(Locator::LinkText("Intégrer la carte"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let code = poll(
        client,
        "const c = document.getElementById('code-integration'); return c && c.value;",
        20,
        |v| v.as_str().is_some_and(|c| c.contains("/embed")),
    )
    .await;
    assert!(
        code.as_str().unwrap().contains("<iframe"),
        "the builder shows its code: {code}"
    );
    assert!(
        !still_the_marked_document(client).await,
        "a link to another page is a page load"
    );
}

/// The builder is a page of the server with one island: each choice loads the page it
/// asks for (its preview and code), and the reader is back where they were, the focus on
/// the field they changed.
#[tokio::test]
async fn each_choice_in_the_builder_loads_its_code_and_keeps_the_reader_in_place() {
    let app = spawn_app().await;
    let url = app.url("/");
    with_browser(1280, 700, move |client| async move {
        from_the_map_to_the_builder(&client, &url).await;
        assert_eq!(
            poll(&client, HYDRATED, 20, |v| v == true).await,
            true,
            "the builder's island is alive"
        );
        assert_eq!(
            fetched_code(&client).await,
            ["app.js", "app_bg.wasm"],
            "the same code as the map page, from the browser's cache"
        );
        let before = client
            .execute(
                "const top = document.getElementById('i-zone').getBoundingClientRect().top;
                 window.scrollTo(0, top + scrollY - 100);
                 return Math.round(scrollY);",
                vec![],
            )
            .await
            .unwrap();
        assert!(before.as_i64().unwrap() > 0, "the page is scrolled: {before}");
        mark_the_document(&client).await;
        client
            .find(Locator::Css("#i-zone"))
            .await
            .unwrap()
            .select_by_value("Est")
            .await
            .unwrap();
        let code = poll(
            &client,
            "const c = !window.marked && document.getElementById('code-integration'); return c && c.value;",
            20,
            |v| v.as_str().is_some_and(|c| c.contains("zone=Est")),
        )
        .await;
        assert!(code.as_str().unwrap().contains("zone=Est"), "{code}");
        assert!(!still_the_marked_document(&client).await, "a page load");
        assert_eq!(
            poll(&client, "return document.activeElement.id;", 10, |v| v == "i-zone").await,
            "i-zone",
            "the focus is back on the field changed"
        );
        let after = client.execute("return Math.round(scrollY);", vec![]).await.unwrap();
        assert!(
            (after.as_i64().unwrap() - before.as_i64().unwrap()).abs() <= 2,
            "the page is where it was: {before} then {after}"
        );
    })
    .await;
}

/// Choosing a zone on the map page loads its page: what is shown (the layers) stays, and
/// the keyboard user is back on the zone they chose, its folded section open again.
#[tokio::test]
async fn a_zone_chosen_keeps_the_layers_and_the_focus() {
    let app = spawn_app().await;
    let url = app.url("/?layers=events");
    with_browser(360, 740, move |client| async move {
        open(&client, &url).await;
        click(&client, "details.territoire summary").await;
        choose_and_load(&client, "choix-zone", "Est").await;
        let search = client
            .execute("return location.search;", vec![])
            .await
            .unwrap();
        let search = search.as_str().unwrap();
        assert!(
            search.contains("zone=Est") && search.contains("layers=events"),
            "{search}"
        );
        assert_eq!(
            poll(&client, "return document.activeElement.id;", 10, |v| v
                == "choix-zone")
            .await,
            "choix-zone",
            "the focus is back on the zone"
        );
        assert_eq!(
            client
                .execute(
                    "return document.querySelector('details.territoire').open;",
                    vec![]
                )
                .await
                .unwrap(),
            true,
            "its section is open again"
        );
    })
    .await;
}

/// With the keyboard, the arrows go through a closed list without loading a page at each
/// step (WCAG 3.2.2); Enter applies the choice, and the focus comes back to the list.
#[tokio::test]
async fn arrows_in_a_list_do_not_load_pages_enter_does() {
    let app = spawn_app().await;
    let url = app.url("/");
    with_browser(360, 740, move |client| async move {
        open(&client, &url).await;
        click(&client, "details.territoire summary").await;
        mark_the_document(&client).await;
        let zone = client.find(Locator::Id("choix-zone")).await.unwrap();
        // Down twice: from "every zone" to the second zone.
        zone.send_keys("\u{E015}\u{E015}").await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        assert!(
            still_the_marked_document(&client).await,
            "no page load while the arrows move"
        );
        let chosen = client
            .execute(
                "return document.getElementById('choix-zone').value;",
                vec![],
            )
            .await
            .unwrap();
        assert_ne!(chosen, "", "the arrows changed the choice");
        zone.send_keys("\u{E007}").await.unwrap();
        the_new_page(&client).await;
        let search = client
            .execute("return location.search;", vec![])
            .await
            .unwrap();
        assert!(
            search
                .as_str()
                .unwrap()
                .contains(&format!("zone={}", chosen.as_str().unwrap())),
            "{search} has {chosen}"
        );
        assert_eq!(
            poll(&client, "return document.activeElement.id;", 10, |v| v
                == "choix-zone")
            .await,
            "choix-zone"
        );
    })
    .await;
}

/// On a weak network the code may fail to download: the map page is still the server's
/// whole page, every place listed, and its search works as a plain form.
#[tokio::test]
async fn a_page_whose_code_does_not_arrive_still_lists_and_searches() {
    let site = tempfile::tempdir().expect("temporary directory");
    carto82_e2e::copy_dir(&carto82_e2e::site_dir(), site.path());
    for entry in std::fs::read_dir(site.path().join(carto82_e2e::pkg_path())).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains("app_bg.wasm") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let app = spawn_app_with(|args| args.site = site.path().to_owned()).await;
    let places = api_ids(&app, "").await.len();
    let url = app.url("/");
    with_browser(1280, 900, move |client| async move {
        client.goto(&url).await.unwrap();
        assert_eq!(
            poll(&client, LIST_COUNT, 20, |v| v == places).await,
            places,
            "every place is listed by the server"
        );
        client
            .find(Locator::Css("#ou"))
            .await
            .unwrap()
            .send_keys("Montauban\n")
            .await
            .unwrap();
        let search = poll(&client, "return location.search;", 20, |v| {
            v.as_str().is_some_and(|s| s.contains("where=Montauban"))
        })
        .await;
        assert!(
            search.as_str().unwrap().contains("where=Montauban"),
            "{search}"
        );
        let heading = poll(
            &client,
            "return document.getElementById('titre-liste').textContent;",
            20,
            |v| v.as_str().is_some_and(|h| h.contains("Montauban")),
        )
        .await;
        assert!(heading.as_str().unwrap().contains("Montauban"), "{heading}");
        let near = client.execute(LIST_COUNT, vec![]).await.unwrap();
        assert!(
            near.as_u64().unwrap() < places as u64,
            "the list is narrowed: {near}"
        );
        assert_eq!(
            client.execute(HYDRATED, vec![]).await.unwrap(),
            false,
            "no island came to life"
        );
    })
    .await;
}

/// Issue 13, item 11: the wheel over the map scrolls the page (a hint says how to zoom);
/// Ctrl + wheel zooms the map and not the page.
#[tokio::test]
async fn the_page_scrolls_over_the_map_and_ctrl_wheel_zooms_it() {
    let app = spawn_app().await;
    let url = app.url("/");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        const WIDTH: &str = "const p = document.querySelector('#carte .leaflet-overlay-pane path'); return p ? p.getBoundingClientRect().width : null;";
        let before = poll(&client, WIDTH, 20, |v| v.as_f64().is_some()).await;
        const WHEEL: &str = "const c = document.getElementById('carte'); const r = c.getBoundingClientRect(); \
            return c.dispatchEvent(new WheelEvent('wheel', {deltaY: -120, ctrlKey: arguments[0], bubbles: true, cancelable: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2}));";
        let plain = client.execute(WHEEL, vec![serde_json::json!(false)]).await.unwrap();
        assert_eq!(plain, true, "a plain wheel is left to the page");
        let hint = client
            .execute("const h = document.querySelector('#carte .carte-astuce.visible'); return h && h.textContent;", vec![])
            .await
            .unwrap();
        assert!(hint.as_str().unwrap().contains("Ctrl + molette"), "{hint}");
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert_eq!(client.execute(WIDTH, vec![]).await.unwrap(), before, "the map did not zoom");
        let ctrl = client.execute(WHEEL, vec![serde_json::json!(true)]).await.unwrap();
        assert_eq!(ctrl, false, "Ctrl + wheel is the map's, not the page's zoom");
        let after = poll(&client, WIDTH, 10, |v| v.as_f64() > before.as_f64()).await;
        assert!(after.as_f64() > before.as_f64(), "the map zoomed: {before} → {after}");
    })
    .await;
}

/// Issue 13, item 10: without tiles, the communes' names come from our own data once the
/// map is close enough to read them, and not before.
#[tokio::test]
async fn without_tiles_the_map_names_the_communes_when_close() {
    let app = spawn_app().await;
    let url = app.url("/?where=Lauzerte&radius=5");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        const SHOWN: &str = "return [...document.querySelectorAll('#carte .nom-commune')] \
            .filter(t => getComputedStyle(t).display !== 'none').map(t => t.textContent);";
        let names = poll(&client, SHOWN, 20, |v| {
            v.as_array()
                .is_some_and(|a| a.iter().any(|n| n == "Lauzerte"))
        })
        .await;
        assert!(
            names.as_array().unwrap().iter().any(|n| n == "Lauzerte"),
            "{names}"
        );
        save_screenshot(&client, "carte-noms-communes.png").await;
        // Zoomed out to the whole département, the names would only clutter.
        // One step out at each look, until far enough.
        let zoom_out_then_look =
            format!("document.querySelector('#carte .leaflet-control-zoom-out').click(); {SHOWN}");
        let hidden = poll(&client, &zoom_out_then_look, 10, |v| {
            v.as_array().is_some_and(Vec::is_empty)
        })
        .await;
        assert_eq!(hidden, serde_json::json!([]));
    })
    .await;
}

/// Issue 13, item 11, on a touch screen: one finger over the map scrolls the page (a hint
/// says how to move the map) and leaves the map still; two fingers move the map.
#[tokio::test]
async fn on_a_phone_one_finger_scrolls_the_page_and_two_move_the_map() {
    use fantoccini::actions::{Actions, InputSource, PointerAction, TouchActions};
    use std::time::Duration;
    let app = spawn_app().await;
    let url = app.url("/");
    with_browser(360, 740, move |client| async move {
        open(&client, &url).await;
        // Where the drawing of the communes sits inside the map, and the page's scroll.
        const STATE: &str = "const c = document.getElementById('carte'); \
            const p = c.querySelector('.leaflet-overlay-pane path'); \
            if (!p) return null; \
            const a = p.getBoundingClientRect(), b = c.getBoundingClientRect(); \
            return [Math.round(a.x - b.x), Math.round(a.y - b.y), Math.round(window.scrollY)];";
        poll(&client, STATE, 20, |v| !v.is_null()).await;
        client
            .execute("const c = document.getElementById('carte'); window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 100);", vec![])
            .await
            .unwrap();
        let before = client.execute(STATE, vec![]).await.unwrap();
        let centre = client
            .execute("const r = document.getElementById('carte').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];", vec![])
            .await
            .unwrap();
        let (x, y) = (centre[0].as_f64().unwrap().round(), centre[1].as_f64().unwrap().round());
        let finger = |id: &str, dx: f64| {
            TouchActions::new(id.into())
                .then(PointerAction::MoveTo { duration: None, x: x + dx, y })
                .then(PointerAction::Down { button: 0 })
                .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(400)), x: x + dx, y: y - 120.0 })
                .then(PointerAction::Up { button: 0 })
        };

        client.perform_actions(finger("doigt", 0.0)).await.unwrap();
        let hint = client
            .execute("const h = document.querySelector('#carte .carte-astuce.visible'); return h && h.textContent;", vec![])
            .await
            .unwrap();
        assert_eq!(hint, "Pour déplacer la carte : deux doigts.");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after_one = client.execute(STATE, vec![]).await.unwrap();
        assert_eq!((&after_one[0], &after_one[1]), (&before[0], &before[1]), "one finger leaves the map still");
        assert!(after_one[2].as_i64() > before[2].as_i64(), "and scrolls the page: {before} → {after_one}");

        client
            .perform_actions(Actions::from(vec![finger("pouce", -40.0), finger("index", 40.0)]))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after_two = client.execute(STATE, vec![]).await.unwrap();
        assert_ne!(after_two[1], after_one[1], "two fingers move the map");
    })
    .await;
}

/// Issue 14: a record page is a document. It carries none of the app (no wasm, no Leaflet,
/// no data written twice for hydration), and its buttons still work with the small
/// `gestes.js`.
#[tokio::test]
async fn a_record_page_carries_no_app_and_its_buttons_work() {
    let app = spawn_app().await;
    let path = "/lieux/france-services-000";
    let html = app.get_page(path).await;
    for absent in [
        "app_bg.wasm",
        "leaflet.js",
        "leaflet.css",
        "__RESOLVED_RESOURCES[0]",
    ] {
        assert!(!html.contains(absent), "{absent} in the record page");
    }
    assert!(
        html.contains("src=\"/assets/gestes.js\" data-seul"),
        "its one script"
    );
    // The message to send the page carries its whole address, written by the server.
    let address = app.url(path).replace(':', "%3A").replace('/', "%2F");
    assert!(
        html.contains(&format!("%0A{address}\"")),
        "the mail link carries {address}"
    );
    let url = app.url(path);
    with_browser(360, 740, move |client| async move {
        open(&client, &url).await;
        let fetched = client
            .execute("return performance.getEntriesByType('resource').map(r => r.name);", vec![])
            .await
            .unwrap();
        let fetched: Vec<&str> = fetched.as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(
            fetched.iter().all(|u| !u.contains(".wasm") && !u.contains("leaflet") && !u.contains("/pkg/")),
            "{fetched:?}"
        );
        client
            .find(Locator::XPath("//button[normalize-space()='Copier le lien']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let said = poll(
            &client,
            "return document.querySelector('button[data-geste=copier] + [role=status]').textContent;",
            10,
            |v| v.as_str().is_some_and(|s| !s.is_empty()),
        )
        .await;
        assert_eq!(said, " Lien copié.");
        carto82_e2e::browser::assert_accessible(&client, "a place's page").await;
    })
    .await;
}
