//! `/evenements`: the programme by date, filtered like the map, with the same view as a
//! calendar to subscribe to (issue 13, item 24).

use carto82_e2e::{feature_ids as ids, programme_in, spawn_app, spawn_app_with, text_at};
use chrono::Datelike;

/// The event ids a page lists, in order.
fn listed(page: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(page);
    let links = scraper::Selector::parse("ol.evenements .titre a").unwrap();
    document
        .select(&links)
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap()
                .trim_start_matches("/evenements/")
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_agenda_lists_the_filtered_programme_by_day_and_offers_its_calendar() {
    let next_year = chrono::Utc::now().year() + 1;
    let dir = programme_in(next_year);
    let path = dir.path().to_owned();
    let app = spawn_app_with(move |args| args.data = path).await;

    let all = app.get_page("/evenements").await;
    assert!(all.contains("<title>Agenda des ateliers et événements – Carto82</title>"));
    let expected = ids(&app.get_json("/api/events").await);
    let mut shown = listed(&all);
    shown.sort();
    let mut wanted = expected.clone();
    wanted.sort();
    assert_eq!(shown, wanted, "every event of the programme");
    let first_day = text_at(&all, "h3.jour");
    assert!(
        first_day.ends_with(&next_year.to_string()),
        "days carry their year: {first_day}"
    );
    assert!(text_at(&all, "#titre-a-venir").contains("À venir"));
    assert!(
        !all.contains("Déjà passés"),
        "a programme to come has nothing past"
    );

    let filtered = app.get_page("/evenements?zone=Est&theme=IA").await;
    let expected = ids(&app.get_json("/api/events?zone=Est&theme=IA").await);
    assert!(!expected.is_empty());
    let mut shown = listed(&filtered);
    shown.sort();
    let mut wanted = expected.clone();
    wanted.sort();
    assert_eq!(shown, wanted, "the agenda filters as the API does");
    assert!(filtered.contains("href=\"/api/events.ics?zone=Est&amp;theme=IA\""));
    let webcal = format!(
        "href=\"webcal://{}/api/events.ics?zone=Est&amp;theme=IA\"",
        app.address
    );
    assert!(filtered.contains(&webcal), "a webcal: link to subscribe");
    let ics = app.get("/api/events.ics?zone=Est&theme=IA").await;
    assert_eq!(ics.status(), 200);
    let calendar = ics.text().await.unwrap();
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), expected.len());
    // The form says what was chosen.
    assert!(
        filtered.contains("id=\"f-theme-ia\" name=\"theme\" value=\"IA\" checked"),
        "the theme stays ticked"
    );
}

#[tokio::test]
async fn a_programme_over_is_shown_as_past_and_a_bad_link_is_named() {
    // The example programme is in April 2026, before today (November 2026).
    let app = spawn_app().await;
    let page = app.get_page("/evenements").await;
    assert!(
        text_at(&page, ".compte").contains("Aucun événement"),
        "nothing to come"
    );
    assert!(page.contains("Déjà passés"));
    assert!(text_at(&page, "h3.jour").contains("2026"));
    let bad = app.get_page("/evenements?theme=cuisine").await;
    assert!(
        text_at(&bad, "[role=alert]").contains("theme"),
        "the parameter is named"
    );
}
