//! The resident's journey, by keyboard only, in headless Chromium on the real server: type
//! a commune, choose it among the suggestions, open the nearest place, read its hours, open
//! an event held there and download its calendar file. Then accessibility (axe-core) on the
//! pages met, and phone-size screenshots.

use app::model::Record;
use std::time::{Duration, Instant};

use carto82_e2e::browser::{
    HYDRATED, assert_accessible, downloads_dir, fits_the_width, open, poll, save_screenshot,
    with_browser,
};
use carto82_e2e::spawn_app;
use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::Value;

/// Presses Tab until `focused` (a script returning true or false) holds; at most `max` times.
async fn tab_to(client: &Client, focused: &str, max: usize) {
    for _ in 0..max {
        if client.execute(focused, vec![]).await.unwrap() == true {
            return;
        }
        client
            .active_element()
            .await
            .unwrap()
            .send_keys(&Key::Tab)
            .await
            .unwrap();
    }
    panic!("focus never reached: {focused}");
}

async fn press(client: &Client, key: &str) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(key)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_resident_finds_help_near_home_by_keyboard_only() {
    // A programme to come: the resident adds an event to their calendar.
    let data = carto82_e2e::programme_in(chrono::Datelike::year(&chrono::Utc::now()) + 1);
    let app = carto82_e2e::spawn_app_with(|args| args.data = data.path().to_owned()).await;
    let home = app.url("/");
    with_browser(360, 740, move |client| async move {
        open(&client, &home).await;
        save_screenshot(&client, "telephone-accueil.png").await;
        assert!(fits_the_width(&client).await, "home fits a phone");

        // Type the beginning of a commune; the suggestions come from our own list.
        tab_to(&client, "return document.activeElement.id === 'ou';", 15).await;
        press(&client, "lauz").await;
        let suggestions = poll(
            &client,
            "return [...document.querySelectorAll('#suggestions:not([hidden]) [role=option]')].map(o => o.textContent);",
            10,
            |v| v.as_array().is_some_and(|a| !a.is_empty()),
        )
        .await;
        assert_eq!(suggestions, serde_json::json!(["Lauzerte (82110)"]));
        assert_accessible(&client, "the home page with suggestions open").await;
        press(&client, &Key::Down).await;
        assert_eq!(
            client.execute("return document.getElementById('ou').getAttribute('aria-activedescendant');", vec![]).await.unwrap(),
            "suggestion-0"
        );
        press(&client, &Key::Enter).await;

        // The nearest places, with their distance; the count is announced.
        let heading = poll(
            &client,
            "const h = document.getElementById('titre-liste'); return h ? h.textContent : '';",
            15,
            |v| v.as_str().is_some_and(|s| s.contains("Lauzerte")),
        )
        .await;
        assert_eq!(heading, "Lieux à 10 km ou moins de Lauzerte");
        assert!(client.current_url().await.unwrap().as_str().contains("where=Lauzerte"));
        let first = client
            .execute("return document.querySelector('ol.lieux > li:first-child .distance').textContent;", vec![])
            .await
            .unwrap();
        assert!(first.as_str().unwrap().starts_with("à "), "{first}");
        assert!(
            client.execute("return document.querySelector('[role=status][aria-live]').textContent;", vec![]).await.unwrap()
                .as_str().unwrap().contains("trouvés")
        );
        save_screenshot(&client, "telephone-resultats.png").await;
        assert!(fits_the_width(&client).await, "results fit a phone");
        assert_accessible(&client, "a search result").await;

        // Open the nearest place, then its own page.
        tab_to(&client, "return document.activeElement === document.querySelector('ol.lieux > li:first-child summary');", 120).await;
        press(&client, &Key::Enter).await;
        tab_to(&client, "return document.activeElement === document.querySelector('ol.lieux > li:first-child .vers-fiche a');", 5).await;
        press(&client, &Key::Enter).await;
        let title = poll(
            &client,
            "return location.pathname.startsWith('/lieux/') && document.querySelector('h1') ? document.querySelector('h1').textContent : '';",
            15,
            |v| v.as_str().is_some_and(|s| !s.is_empty()),
        )
        .await;
        assert_eq!(title, "France services Lauzerte");
        // A page load (its code is split off): wait for it to hydrate before using it.
        assert_eq!(poll(&client, HYDRATED, 20, |v| v == true).await, true, "the place page hydrates");
        let hours: Value = client
            .execute("return [...document.querySelectorAll('ul.horaires li')].map(l => l.textContent);", vec![])
            .await
            .unwrap();
        assert!(!hours.as_array().unwrap().is_empty(), "its hours are shown");
        let status = client.execute("return document.querySelector('.ouverture').textContent;", vec![]).await.unwrap();
        assert!(status.as_str().unwrap().starts_with("Ouvert maintenant") || status.as_str().unwrap().starts_with("Fermé maintenant"));
        save_screenshot(&client, "telephone-lieu.png").await;
        assert!(fits_the_width(&client).await, "a place page fits a phone");
        assert_accessible(&client, "a place page").await;

        // An event held there, and its calendar file.
        tab_to(&client, "return !!document.activeElement.closest('.evenement .titre');", 60).await;
        press(&client, &Key::Enter).await;
        let event = poll(
            &client,
            "return location.pathname.startsWith('/evenements/') && document.querySelector('h1') ? location.pathname : '';",
            15,
            |v| v.as_str().is_some_and(|s| !s.is_empty()),
        )
        .await;
        let id = event.as_str().unwrap().trim_start_matches("/evenements/").to_owned();
        assert_eq!(poll(&client, HYDRATED, 20, |v| v == true).await, true, "the event page hydrates");
        assert_accessible(&client, "an event page").await;
        let target = downloads_dir().join(format!("{id}.ics"));
        let _ = std::fs::remove_file(&target);
        tab_to(&client, "return !!document.activeElement.matches('a[download][href$=\".ics\"]');", 40).await;
        press(&client, &Key::Enter).await;
        let deadline = Instant::now() + Duration::from_secs(15);
        while !target.exists() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let text = std::fs::read_to_string(&target).expect("the .ics file is downloaded");
        let calendar: icalendar::Calendar = text.parse().expect("a valid iCalendar file");
        let events: Vec<_> = calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 1);
        use icalendar::Component;
        assert_eq!(events[0].get_uid(), Some(format!("{id}@carto82").as_str()));
        assert!(events[0].get_summary().unwrap().starts_with("[Exemple]"), "an example says so");
    })
    .await;
}

#[tokio::test]
async fn near_me_refused_says_so_and_offers_the_commune_search() {
    let app = spawn_app().await;
    let home = app.url("/");
    with_browser(360, 740, move |client| async move {
        open(&client, &home).await;
        // A headless browser has no position to give and nobody to grant it.
        client
            .execute("[...document.querySelectorAll('form.recherche button')].find(b => b.textContent === 'Près de moi').click(); return true;", vec![])
            .await
            .unwrap();
        let message = poll(
            &client,
            "return document.querySelector('.message-position').textContent;",
            20,
            |v| v.as_str().is_some_and(|s| s.contains("pas pu")),
        )
        .await;
        assert_eq!(
            message,
            "Nous n'avons pas pu connaître votre position. Tapez le nom de votre commune ou son code postal."
        );
        assert_eq!(client.execute("return document.activeElement.id;", vec![]).await.unwrap(), "ou");
    })
    .await;
}

#[tokio::test]
async fn needs_chosen_in_plain_words_filter_the_results_and_stay_in_the_link() {
    use app::catalogue::{Found, Search};
    use app::model::FromQuery;
    let app = spawn_app().await;
    let service = "Aide aux démarches administratives";
    let search = Search {
        places: app::model::PlaceFilter::read(&app::model::Query::from_pairs([(
            "service", service,
        )]))
        .unwrap(),
        typed: Some("Montauban".into()),
        radius_km: Some(20.0),
        ..Search::default()
    };
    let found: Found = app
        .client
        .post(app.url("/_fn/find"))
        .json(&serde_json::json!({ "search": search }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let expected: Vec<String> = found
        .places
        .iter()
        .map(|p| format!("lieu-{}", p.id()))
        .collect();
    let all_near: Found = app
        .client
        .post(app.url("/_fn/find"))
        .json(&serde_json::json!({ "search": Search { places: Default::default(), ..search.clone() } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        expected.len() < all_near.places.len(),
        "the need narrows the list"
    );
    let url = app.url("/?ou=Montauban&radius=20");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        client.find(fantoccini::Locator::Css("details.besoins > summary")).await.unwrap().click().await.unwrap();
        assert_accessible(&client, "the home page with the filters open").await;
        client
            .find(fantoccini::Locator::Css("label[for='f-service-aide-aux-demarches-administratives']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .find(fantoccini::Locator::Css(".filtres-besoins button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let listed = poll(
            &client,
            "return location.search.includes('service=') ? [...document.querySelectorAll('ol.lieux details')].map(d => d.id) : null;",
            20,
            |v| v.as_array().is_some_and(|a| a.len() == expected.len()),
        )
        .await;
        assert_eq!(listed, serde_json::json!(expected), "nearest first, only the places for the need");
        let search = client.execute("return decodeURIComponent(location.search.replace(/\\+/g, ' '));", vec![]).await.unwrap();
        let search = search.as_str().unwrap();
        assert!(search.contains("where=Montauban") && search.contains(&format!("service={service}")), "{search}");
        // The panel stays open on the filtered view, with the choice ticked.
        assert_eq!(
            client.execute("return document.querySelector('details.besoins').open && document.getElementById('f-service-aide-aux-demarches-administratives').checked;", vec![]).await.unwrap(),
            true
        );
    })
    .await;
}

#[tokio::test]
async fn layers_show_and_hide_events_and_resources_on_the_map_and_in_the_lists() {
    let app = spawn_app().await;
    let url = app.url("/?ou=Montauban&radius=10");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        let listed = client.execute("return document.querySelectorAll('.bloc-evenements li.evenement').length;", vec![]).await.unwrap();
        assert!(listed.as_u64().unwrap() > 0);
        let on_map = poll(&client, "return document.querySelectorAll('#carte .marqueur-evenement').length;", 15, |v| *v == listed).await;
        assert_eq!(on_map, listed, "one event marker per event listed");
        let resources_on_map = client.execute("return document.querySelectorAll('#carte .marqueur-ressource').length;", vec![]).await.unwrap();
        assert!(resources_on_map.as_u64().unwrap() > 0, "the resources with a point are on the map");

        client.find(fantoccini::Locator::Css("label[for='couche-events']")).await.unwrap().click().await.unwrap();
        let hidden = poll(
            &client,
            "return location.search.includes('layers=') && document.querySelector('.bloc-evenements').hidden && document.querySelectorAll('#carte .marqueur-evenement').length === 0;",
            15,
            |v| v == true,
        )
        .await;
        assert_eq!(hidden, true, "events leave the list and the map");
        // The new page draws its map after the list: wait for its markers.
        let expected = resources_on_map.clone();
        assert_eq!(
            poll(
                &client,
                "return document.querySelectorAll('#carte .marqueur-ressource').length;",
                15,
                move |v| *v == expected,
            )
            .await,
            resources_on_map,
            "resources stay"
        );
        assert!(client.current_url().await.unwrap().as_str().contains("where=Montauban"), "the search stays");
    })
    .await;
}

/// Issue 13, item 8: a commune typed but not yet searched goes with the needs chosen, with
/// JavaScript (one form, read as the browser sends it) and without (the same form).
#[tokio::test]
async fn the_needs_panel_keeps_the_commune_typed_but_not_yet_searched() {
    let app = spawn_app().await;
    let page = app.get_page("/").await;
    let document = scraper::Html::parse_document(&page);
    let form = scraper::Selector::parse("form[role=search]").unwrap();
    let form = document.select(&form).next().expect("the search form");
    for field in [
        "input#ou",
        "input[name=service]",
        "input[name=theme]",
        "input[name=open_on]",
    ] {
        let selector = scraper::Selector::parse(field).unwrap();
        assert!(
            form.select(&selector).next().is_some(),
            "{field} is in the search form"
        );
    }

    let url = app.url("/");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        client.find(fantoccini::Locator::Id("ou")).await.unwrap().send_keys("Caussade").await.unwrap();
        client.find(fantoccini::Locator::Css("details.besoins > summary")).await.unwrap().click().await.unwrap();
        for label in ["label[for='f-theme-ia']", "label[for='f-type-atelier']"] {
            client.find(fantoccini::Locator::Css(label)).await.unwrap().click().await.unwrap();
        }
        client
            .find(fantoccini::Locator::Css(".filtres-besoins button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let search = poll(
            &client,
            "return location.search.includes('theme=') ? decodeURIComponent(location.search.replace(/\\+/g, ' ')) : null;",
            20,
            |v| v.is_string(),
        )
        .await;
        let search = search.as_str().unwrap();
        assert!(search.contains("where=Caussade"), "{search}");
        assert!(search.contains("theme=IA") && search.contains("type=atelier"), "{search}");
        assert!(!search.contains("open_on="), "empty dates are left out: {search}");
    })
    .await;
}
