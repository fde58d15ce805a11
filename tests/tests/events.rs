//! Events: the example programme, the API with its filters, the calendar feed, and the
//! setting that hides invented events.

use std::collections::BTreeSet;

use chrono::Datelike;

use carto82_e2e::{TestApp, spawn_app, spawn_app_with};
use serde_json::Value;

async fn events(app: &TestApp, query: &str) -> Vec<Value> {
    let body = app.get_json(&format!("/api/events?{query}")).await;
    assert_eq!(body["type"], "FeatureCollection");
    body["features"].as_array().unwrap().clone()
}

fn prop<'a>(e: &'a Value, key: &str) -> &'a str {
    e["properties"][key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {e}"))
}

#[tokio::test]
async fn the_example_programme_covers_every_zone_theme_and_type_and_says_it_is_an_example() {
    let app = spawn_app().await;
    let all = events(&app, "").await;
    assert!(all.len() >= 15);
    let zones: BTreeSet<&str> = all.iter().map(|e| prop(e, "zone")).collect();
    let themes: BTreeSet<&str> = all.iter().map(|e| prop(e, "theme")).collect();
    let types: BTreeSet<&str> = all.iter().map(|e| prop(e, "type")).collect();
    assert_eq!(zones, BTreeSet::from(["Centre", "Est", "Ouest"]));
    assert_eq!(
        themes,
        BTreeSet::from([
            "IA",
            "famille",
            "numérique responsable",
            "santé",
            "éducation"
        ])
    );
    assert_eq!(
        types,
        BTreeSet::from([
            "atelier",
            "autre",
            "conférence",
            "exposition",
            "rencontre",
            "table ronde"
        ])
    );
    assert!(
        all.iter().all(|e| e["properties"]["exemple"] == true),
        "nothing invented passes for real"
    );
    // Flagship week in Montauban, 13–17 April 2026, then local weeks until 10 May.
    let montauban: Vec<&Value> = all
        .iter()
        .filter(|e| prop(e, "insee_localise") == "82121")
        .collect();
    assert!(montauban.len() >= 5);
    for e in &montauban {
        let start = e["properties"]["creneaux"][0]["debut"].as_str().unwrap();
        assert!(
            ("2026-04-13".."2026-04-18").contains(&start),
            "flagship week: {start}"
        );
    }
    let starts: Vec<&str> = all
        .iter()
        .map(|e| e["properties"]["creneaux"][0]["debut"].as_str().unwrap())
        .collect();
    assert!(
        starts
            .iter()
            .all(|d| ("2026-04-13".."2026-05-11").contains(d)),
        "{starts:?}"
    );
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "in date order");
}

#[tokio::test]
async fn event_filters_combine_and_name_bad_values() {
    let app = spawn_app().await;
    let all = events(&app, "").await.len();
    let ia = events(&app, "theme=ia").await;
    assert!(!ia.is_empty() && ia.len() < all);
    assert!(ia.iter().all(|e| prop(e, "theme") == "IA"));
    let est_ateliers = events(&app, "type=atelier&zone=Est").await;
    assert!(
        est_ateliers
            .iter()
            .all(|e| prop(e, "type") == "atelier" && prop(e, "zone") == "Est")
    );
    assert!(!est_ateliers.is_empty());
    let flagship = events(&app, "from=2026-04-13&to=2026-04-17").await;
    assert!(!flagship.is_empty() && flagship.len() < all);
    assert!(flagship.iter().all(|e| prop(e, "commune") == "Montauban"));
    let cancelled = events(&app, "status=annulé").await;
    assert!(cancelled.iter().all(|e| prop(e, "statut") == "annulé") && !cancelled.is_empty());
    let two_themes = events(&app, "theme=ia,santé").await.len();
    assert_eq!(
        two_themes,
        ia.len() + events(&app, "theme=santé").await.len()
    );
    let q = events(&app, "q=ecrans").await;
    assert!(q.iter().any(|e| prop(e, "titre").contains("écrans")));

    for (query, parameter) in [
        ("theme=cuisine", "theme"),
        ("type=concert", "type"),
        ("from=13-04-2026", "from"),
        ("from=2026-05-01&to=2026-04-01", "to"),
        ("near=44,1&radius=900", "radius"),
    ] {
        let response = app.get(&format!("/api/events?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["parameter"], parameter, "{query}");
    }
}

#[tokio::test]
async fn the_calendar_feed_is_valid_icalendar_with_the_same_filters() {
    let app = spawn_app().await;
    let response = app.get("/api/events.ics?type=atelier&zone=Est").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.trim_end().ends_with("END:VCALENDAR"));
    assert!(
        text.lines().all(|l| l.len() <= 75 + 1),
        "lines folded at 75 octets"
    );

    let parsed: icalendar::Calendar = text.parse().expect("RFC 5545 parses");
    let expected = events(&app, "type=atelier&zone=Est").await;
    let slots: usize = expected
        .iter()
        .map(|e| e["properties"]["creneaux"].as_array().unwrap().len())
        .sum();
    let vevents: Vec<_> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(vevents.len(), slots);
    use icalendar::Component;
    for v in vevents {
        assert!(v.get_uid().is_some_and(|u| u.ends_with("@carto82")));
        assert!(v.get_summary().is_some_and(|s| s.starts_with("[Exemple]")));
        assert!(v.get_start().is_some() && v.get_end().is_some() && v.get_timestamp().is_some());
    }
    // The 22 April workshop in Nègrepelisse, 10:00 in Paris = 08:00 UTC.
    assert!(text.contains("DTSTART:20260422T080000Z"), "{text}");
    // Same data, same bytes: the ETag lets a subscribed calendar skip unchanged feeds.
    let again = app.get_page("/api/events.ics?type=atelier&zone=Est").await;
    assert_eq!(again, text);
}

#[tokio::test]
async fn one_setting_hides_the_example_programme() {
    let app = spawn_app_with(|args| args.examples = false).await;
    assert!(events(&app, "").await.is_empty());
    assert_eq!(app.get_json("/healthz").await["evenements"], 0);
}

#[tokio::test]
async fn the_map_page_lists_events_and_resources_with_the_example_badge() {
    let app = spawn_app().await;
    let page = app.get_page("/").await;
    let examples = events(&app, "").await.len()
        + app.get_json("/api/resources").await["features"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["properties"]["exemple"] == true)
            .count();
    assert_eq!(page.matches("class=\"badge-exemple\"").count(), examples);
    assert!(page.contains("inventé pour montrer le service"));
    assert!(
        page.contains("Connexion internet au CIDFF 82"),
        "a real resource"
    );
    // Dates read as spoken.
    assert!(
        page.contains("mercredi 29 avril 2026, 14 h – 17 h"),
        "with the year"
    );

    // With examples off, no badge is left and the real resources remain.
    let real = spawn_app_with(|args| args.examples = false).await;
    let page = real.get_page("/").await;
    assert!(!page.contains("badge-exemple"));
    assert!(page.contains("Connexion internet au CIDFF 82"));
    assert!(page.contains("Aucun événement"));
}

/// Each status says what is true and offers only what a resident can still do (issue 13,
/// item 2): a full event takes no registration, a cancelled one gives no way there nor
/// calendar, a postponed one says its new date is to come.
#[tokio::test]
async fn an_event_page_offers_only_what_its_status_allows() {
    // The example programme, moved to next year: every event is to come.
    let data = carto82_e2e::programme_in(chrono::Utc::now().year() + 1);
    let app = spawn_app_with(|args| args.data = data.path().to_owned()).await;
    let page = |id: &'static str| {
        let app = &app;
        async move { app.get_page(&format!("/evenements/{id}")).await }
    };
    let directions = "Itinéraire sur OpenStreetMap";
    let calendar = "Ajouter à mon agenda";

    let scheduled = page("2026-montauban-ia-au-quotidien").await;
    for offered in [directions, calendar] {
        assert!(scheduled.contains(offered), "a scheduled event: {offered}");
    }

    let full = page("2026-negrepelisse-essayer-ia").await;
    assert!(full.contains("Cet événement est complet"));
    assert!(
        !full.contains("S'inscrire en ligne"),
        "no registration when full"
    );
    assert!(!full.contains("venez directement"));
    assert!(full.contains("Il n'y a plus de place"));
    assert!(
        full.contains(directions) && full.contains(calendar),
        "those registered still go"
    );

    let cancelled = page("2026-montpezat-cafe-numerique").await;
    let notice = cancelled.find("Cet événement est annulé").expect("said");
    let when = cancelled
        .find("Date prévue :")
        .expect("the date, as planned");
    assert!(notice < when, "the cancellation is said first");
    for absent in [directions, calendar, "venez directement", "geo:"] {
        assert!(!cancelled.contains(absent), "cancelled: no {absent}");
    }

    let postponed = page("2026-verdun-fablab-portes-ouvertes").await;
    assert!(postponed.contains("Nouvelle date : à venir"));
    assert!(
        !postponed.contains(calendar),
        "no calendar for a date that is not the date"
    );
    assert!(!postponed.contains("venez directement"));

    // The lists say the status, not how to register.
    let list = app.get_page("/?theme=IA").await;
    let entry = list
        .split("<li ")
        .filter(|e| {
            e.split('>')
                .next()
                .is_some_and(|tag| tag.contains("class=\"evenement\""))
        })
        .find(|e| e.contains("/evenements/2026-negrepelisse-essayer-ia"))
        .expect("the full event is listed");
    let entry = &entry[..entry.find("</li>").unwrap()];
    assert!(entry.contains("complet"), "{entry}");
    assert!(!entry.contains("Inscription obligatoire"), "{entry}");
}

/// What is over is shown as over (issue 13, item 3): a programme of last year is "terminé",
/// its events "Déjà passés", never "prochains", every date with its year, and an event's
/// page offers nothing to do.
#[tokio::test]
async fn a_past_programme_is_shown_as_past() {
    let last_year = chrono::Utc::now().year() - 1;
    let data = carto82_e2e::programme_in(last_year);
    let app = spawn_app_with(|args| args.data = data.path().to_owned()).await;
    for page in ["/", "/?where=Montauban&radius=10"] {
        let html = app.get_page(page).await;
        let events = &html[html.find("class=\"bloc-evenements\"").unwrap()..];
        assert!(
            events.contains(&format!("Le programme {last_year} est terminé.")),
            "{page}"
        );
        assert!(events.contains("Déjà passés"), "{page}");
        assert!(!html.contains("Les prochains ateliers"), "{page}");
        assert!(
            events.contains(&format!("avril {last_year}")),
            "{page}: the year is said"
        );
    }
    let page = app
        .get_page("/evenements/2026-montauban-ia-au-quotidien")
        .await;
    assert!(page.contains("Cet événement est passé."));
    for absent in [
        "Ajouter à mon agenda",
        "Itinéraire",
        "S'inscrire en ligne",
        "venez directement",
    ] {
        assert!(!page.contains(absent), "a past event: no {absent}");
    }
    // A place's page keeps its past events apart.
    let place = app.get_page("/lieux/france-services-005").await;
    assert!(place.contains("Aucun événement prévu ici pour le moment."));
    assert!(place.contains("Déjà passés"));

    // The same programme to come: "prochains", no "Déjà passés".
    let next = carto82_e2e::programme_in(chrono::Utc::now().year() + 1);
    let app = spawn_app_with(|args| args.data = next.path().to_owned()).await;
    let html = app.get_page("/?where=Montauban&radius=10").await;
    assert!(html.contains("Les prochains ateliers"));
    assert!(!html.contains("Déjà passés"));
}
