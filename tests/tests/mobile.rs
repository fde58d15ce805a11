//! A mobile service (the France services bus of Moissac-Confluences) is found where it
//! stops, with the next day it comes (issue 13, item 1).

use carto82_e2e::browser::{open, poll, save_screenshot, with_browser};
use carto82_e2e::{spawn_app, text_at};
use chrono::{Datelike, Days, NaiveDate};

const BUS: &str = "france-services-015";

/// The next Monday of an odd ISO week from today at Paris: the bus's day at
/// Durfort-Lacapelette, as the source says ("Lundi : … Durfort Lacapelette (semaines impaires)").
fn next_odd_monday() -> NaiveDate {
    let today = app::model::hours::paris_now().date();
    (0..14)
        .map(|n| today + Days::new(n))
        .find(|d| d.weekday() == chrono::Weekday::Mon && d.iso_week().week() % 2 == 1)
        .unwrap()
}

#[tokio::test]
async fn a_resident_of_durfort_lacapelette_finds_the_bus_stop_with_its_next_date() {
    let app = spawn_app().await;
    let date = app::format::day_fr(next_odd_monday());
    let page = app.get_page("/?where=Durfort-Lacapelette&radius=5").await;
    let entry = text_at(&page, &format!("details#lieu-{BUS} summary"));
    assert!(
        entry.contains("Bus France services Moissac-Confluences")
            && entry.contains(&format!(
                "arrêt à Durfort-Lacapelette, prochain passage le {date}"
            )),
        "{entry}"
    );
    // The API finds it in the commune (code INSEE 82051) and near it, at the stop's distance.
    let in_commune = app.get_json("/api/places?commune=82051").await;
    let bus = in_commune["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == BUS)
        .expect("the bus stops in Durfort-Lacapelette");
    let stops = bus["properties"]["arrets_localises"].as_array().unwrap();
    assert_eq!(stops.len(), 8);
    assert_eq!(stops[1]["commune_localisee"], "Durfort-Lacapelette");
    let near = format!(
        "/api/places?near={},{}&radius=3",
        stops[1]["lat"], stops[1]["lon"]
    );
    let near = app.get_json(&near).await;
    let bus = near["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == BUS)
        .expect("the bus is near its stop");
    assert_eq!(bus["properties"]["distance_km"], 0.0, "{bus}");
    // Coverage counts the stop as help within reach.
    let coverage = app.get_json("/api/coverage").await;
    let durfort = coverage["communes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["nom"] == "Durfort-Lacapelette")
        .unwrap();
    assert_eq!(durfort["distance_km"], 0.0, "{durfort}");
}

#[tokio::test]
async fn the_bus_page_shows_its_stops_and_no_fixed_hours_or_directions() {
    let app = spawn_app().await;
    let page = app.get_page(&format!("/lieux/{BUS}")).await;
    let stops = text_at(&page, ".arrets");
    for said in [
        "Ce service se déplace : ses arrêts",
        "Durfort-Lacapelette : le lundi, une semaine sur deux (semaines impaires), 9 h 30 – 12 h et 13 h 30 – 16 h.",
        "Moissac (Sarlac) : chaque mardi",
        &format!(
            "Prochain passage : {}.",
            app::format::day_fr(next_odd_monday())
        ),
    ] {
        assert!(stops.contains(said), "« {said} » in {stops}");
    }
    assert_eq!(stops.matches("Prochain passage").count(), 8);
    assert!(text_at(&page, ".lieu-commune").contains("Ce service se déplace"));
    assert!(
        !page.contains("class=\"ouverture\""),
        "no « open now » at its address"
    );
    assert!(!page.contains("geo:"), "no directions to its address");
    assert!(!page.contains("Itinéraire"), "no directions to its address");
    // A fixed place keeps them.
    let fixed = app.get_page("/lieux/france-services-000").await;
    assert!(fixed.contains("geo:"));
}

#[tokio::test]
async fn each_stop_is_a_marker_of_its_own_on_the_map() {
    let app = spawn_app().await;
    // The stops are in the Centre zone (Terres des Confluences), the bus at Montauban.
    let url = app.url("/?zone=Centre");
    with_browser(1280, 900, move |client| async move {
        open(&client, &url).await;
        let stops = poll(
            &client,
            "return document.querySelectorAll('#carte .marqueur-arret').length;",
            20,
            |v| v.as_u64() == Some(8),
        )
        .await;
        assert_eq!(stops, 8, "one marker per stop");
        let title = client
            .execute("return [...document.querySelectorAll('#carte .marqueur-arret')].map(m => m.title).find(t => t.includes('Durfort'));", vec![])
            .await
            .unwrap();
        assert_eq!(title, "Arrêt de Bus France services Moissac-Confluences à Durfort-Lacapelette");
        save_screenshot(&client, "carte-arrets-bus.png").await;
    })
    .await;
}
