//! Coverage over HTTP: the figures, their filters, the CSV exports and the map image, on the
//! real server with the real dataset.

use carto82_e2e::{TestApp, spawn_app};
use serde_json::Value;

async fn coverage(app: &TestApp, query: &str) -> Value {
    app.get_json(&format!("/api/coverage?{query}")).await
}

fn beyond(indicators: &Value, km: u64) -> u64 {
    indicators["population_eloignee"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["seuil_km"] == km)
        .unwrap()["population"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn every_commune_gets_its_distance_and_areas_add_up() {
    let app = spawn_app().await;
    let c = coverage(&app, "").await;
    let communes = c["communes"].as_array().unwrap();
    assert_eq!(communes.len(), 195);
    assert_eq!(c["departement"]["population"], 265_817);
    assert_eq!(c["departement"]["lieux"], 50);
    // A commune with a place inside is at most a few km from help.
    for commune in communes {
        let d = commune["distance_km"].as_f64().unwrap();
        assert!((0.0..25.0).contains(&d), "{commune}");
        if commune["lieux"].as_u64().unwrap() > 0 {
            assert!(d < 10.0, "{commune}");
        }
    }
    let sum = |key: &str, field: &str| -> u64 {
        c[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["indicateurs"][field].as_u64().unwrap())
            .sum()
    };
    for field in ["population", "lieux", "communes"] {
        assert_eq!(
            sum("zones", field),
            c["departement"][field].as_u64().unwrap(),
            "{field}"
        );
        assert_eq!(
            sum("epci", field),
            c["departement"][field].as_u64().unwrap(),
            "{field}"
        );
    }
    // The gap list is exactly the communes beyond 15 km, most populated first.
    let gaps = c["sans_aide"].as_array().unwrap();
    let expected = communes
        .iter()
        .filter(|x| x["distance_km"].as_f64().unwrap() > 15.0)
        .count();
    assert_eq!(gaps.len(), expected);
    assert!(
        gaps.windows(2)
            .all(|w| w[0]["population"].as_u64() >= w[1]["population"].as_u64())
    );
    let people: u64 = gaps.iter().map(|g| g["population"].as_u64().unwrap()).sum();
    assert_eq!(beyond(&c["departement"], 15), people);
}

#[tokio::test]
async fn a_filter_changes_every_figure_and_a_zone_narrows_what_is_shown() {
    let app = spawn_app().await;
    let all = coverage(&app, "").await;
    let fs = coverage(&app, "programme=France Services").await;
    assert!(fs["departement"]["lieux"].as_u64() < all["departement"]["lieux"].as_u64());
    assert!(beyond(&fs["departement"], 10) > beyond(&all["departement"], 10));
    assert_ne!(fs["communes"], all["communes"]);

    // The coordinator's question: who in the Ouest has nobody within 15 km, with France
    // services only? Places of other zones still count for them.
    let ouest = coverage(&app, "programme=France Services&zone=Ouest").await;
    assert!(
        ouest["communes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["zone"] == "Ouest")
    );
    assert_eq!(ouest["zones"].as_array().unwrap().len(), 1);
    let gaps = ouest["sans_aide"].as_array().unwrap();
    assert!(!gaps.is_empty());
    assert!(
        gaps.iter()
            .all(|g| g["zone"] == "Ouest" && g["distance_km"].as_f64().unwrap() > 15.0)
    );
    assert_eq!(
        ouest["departement"], fs["departement"],
        "the département stays whole"
    );

    // A filter that leaves no place: everyone is without help.
    let none = coverage(&app, "q=aucunlieuneportecenom").await;
    assert_eq!(none["departement"]["lieux"], 0);
    assert_eq!(beyond(&none["departement"], 20), 265_817);
    assert_eq!(none["sans_aide"].as_array().unwrap().len(), 195);
    assert!(none["departement"]["distance_mediane_km"].is_null());
}

#[tokio::test]
async fn the_programme_balance_names_what_is_missing() {
    let app = spawn_app().await;
    let p = coverage(&app, "").await["programme"].clone();
    assert_eq!(p["edition"], 2026);
    let counted: u64 = p["par_theme"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["evenements"].as_u64().unwrap())
        .sum();
    // The flagship week in Montauban is counted apart from the zones' local events.
    let flagship = &p["semaine_phare"];
    assert_eq!(flagship["evenements"], 6);
    assert_eq!(flagship["du"], "2026-04-13");
    assert_eq!(flagship["au"], "2026-04-17");
    assert_eq!(flagship["communes"], serde_json::json!(["Montauban"]));
    let counted = counted + flagship["evenements"].as_u64().unwrap();
    assert_eq!(counted, p["evenements"].as_u64().unwrap());
    let events = app.get_json("/api/events").await;
    let not_cancelled = events["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["properties"]["statut"] != "annulé")
        .count() as u64;
    assert_eq!(counted, not_cancelled);
    // Every empty cell is named, and only those.
    let empty_theme_cells = p["par_theme"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["evenements"] == 0)
        .count();
    let named = p["manques"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m.as_str().unwrap().contains("aucun événement sur"))
        .count();
    assert_eq!(named, empty_theme_cells);
    // The catch-all type is never a gap.
    assert!(
        p["manques"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| !m.as_str().unwrap().contains("autre")),
        "{}",
        p["manques"]
    );
    assert!(
        p["villes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["communes"].as_array().unwrap().len() >= 2)
    );
    assert_eq!(
        coverage(&app, "edition=2025").await["programme"]["evenements"],
        0
    );
}

#[tokio::test]
async fn csv_exports_and_the_map_image_carry_the_same_figures() {
    let app = spawn_app().await;
    let c = coverage(&app, "programme=France Services").await;

    let response = app
        .get("/api/coverage/communes.csv?programme=France Services")
        .await;
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 195);
    for (record, commune) in records.iter().zip(c["communes"].as_array().unwrap()) {
        assert_eq!(&record[0], commune["insee"].as_str().unwrap());
        assert_eq!(
            record[6].parse::<f64>().unwrap(),
            commune["distance_km"].as_f64().unwrap()
        );
    }

    let text = app
        .get_page("/api/coverage/epci.csv?programme=France Services")
        .await;
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 10);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (record, epci) in records.iter().zip(c["epci"].as_array().unwrap()) {
        assert_eq!(&record[col("epci_siren")], epci["siren"].as_str().unwrap());
        assert_eq!(
            record[col("population_a_plus_de_15_km")]
                .parse::<u64>()
                .unwrap(),
            beyond(&epci["indicateurs"], 15)
        );
    }

    let response = app.get("/api/coverage.svg?programme=France Services").await;
    assert_eq!(
        response.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    let svg = response.text().await.unwrap();
    assert_eq!(svg.matches("<use class=\"commune ").count(), 195);
    let places = app.get_json("/api/places?programme=France Services").await;
    assert_eq!(
        svg.matches("<circle").count(),
        places["features"].as_array().unwrap().len()
    );
    // The colour class follows the distance.
    let laguepie = c["communes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nom"] == "Laguépie")
        .unwrap();
    let class = app::model::coverage::distance_class(laguepie["distance_km"].as_f64());
    let insee = laguepie["insee"].as_str().unwrap();
    assert!(svg.contains(&format!(
        "class=\"commune classe-{class}\" data-insee=\"{insee}\""
    )));
}

#[tokio::test]
async fn bad_coverage_parameters_are_named_and_documented_ones_match() {
    let app = spawn_app().await;
    for (query, parameter) in [
        ("edition=demain", "edition"),
        ("zone=Nord", "zone"),
        ("programme=Inconnu", "programme"),
    ] {
        let response = app.get(&format!("/api/coverage?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["parameter"], parameter);
    }
    let documented = carto82::api::documented_parameters("/api/coverage");
    for read in [
        "zone",
        "q",
        "service",
        "fees",
        "programme",
        "open_on",
        "edition",
    ] {
        assert!(documented.iter().any(|d| d == read), "{read}");
    }
}

/// Issue 13, items 15, 16 and 18: what the page says it counts, the programme's totals, and
/// exports a French spreadsheet opens cleanly.
#[tokio::test]
async fn the_page_names_its_filter_totals_its_zones_and_exports_for_a_spreadsheet() {
    let app = spawn_app().await;
    let page = app
        .get_page("/couverture?service=Aide+aux+d%C3%A9marches+administratives&open_on=2026-12-05")
        .await;
    let headline = carto82_e2e::text_at(&page, ".chiffre-cle");
    assert!(
        headline.starts_with("Lieux comptés : démarches en ligne, ouverts le samedi 5 décembre 2026. Dans le Tarn-et-Garonne"),
        "{headline}"
    );
    let plain = app.get_page("/couverture").await;
    assert!(!carto82_e2e::text_at(&plain, ".chiffre-cle").contains("Lieux comptés"));
    assert!(plain.contains("Semaine phare du 13 avril 2026 au 17 avril 2026 : 6 événements"));
    assert!(plain.contains("<caption>Événements locaux par zone et par thème</caption>"));
    assert!(plain.contains("<th scope=\"col\">Total</th>"));
    // Item 19: places weighed by their hours open.
    assert!(plain.contains("Heures d'ouverture par semaine pour 10 000 habitants"));
    assert!(
        !plain.contains("Événements par zone et par thème"),
        "no chart repeating the table"
    );

    // The same figures, for a spreadsheet in French and for programs.
    let sheet = app.get("/api/coverage/epci.csv?excel=oui").await;
    let bytes = sheet.bytes().await.unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 with a byte-order mark"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let per_10000 = header
        .iter()
        .position(|h| h == "lieux_pour_10000_habitants")
        .unwrap();
    let hours = header
        .iter()
        .position(|h| h == "heures_par_semaine_pour_10000_habitants")
        .expect("hours open per 10 000 inhabitants");
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 10);
    assert!(
        records.iter().any(|r| r[per_10000].contains(',')),
        "decimal comma"
    );
    assert!(records.iter().all(|r| !r[per_10000].contains('.')));
    assert!(
        records
            .iter()
            .any(|r| r[hours].parse::<f64>().is_err() && r[hours] != *"0"),
        "hours with a decimal comma too"
    );
    let standard = app.get_page("/api/coverage/epci.csv").await;
    assert!(!standard.starts_with('\u{feff}') && standard.lines().next().unwrap().contains(','));

    let programme = app.get_page("/api/coverage/programme.csv").await;
    let mut rows = csv::Reader::from_reader(programme.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let last = records.last().unwrap();
    assert_eq!(&last[2], "semaine phare");
    assert_eq!(&last[4], "6");
    let local: u64 = records
        .iter()
        .filter(|r| &r[2] == "thème")
        .map(|r| r[4].parse::<u64>().unwrap())
        .sum();
    let json = coverage(&app, "").await;
    assert_eq!(
        local + 6,
        json["programme"]["evenements"].as_u64().unwrap(),
        "the export adds up to the page's figure"
    );
    assert!(plain.contains("href=\"/api/coverage/programme.csv?excel=oui\""));
}
