//! The HTTP API and the server-rendered page, against the real server and dataset.

use app::model::TerritoryFile;
use carto82_e2e::{spawn_app, spawn_app_with};
use serde_json::{Value, json};

fn features(collection: &Value) -> &Vec<Value> {
    assert_eq!(collection["type"], "FeatureCollection");
    collection["features"].as_array().expect("features array")
}

fn dataset_place_count() -> usize {
    let text = std::fs::read_to_string(carto82_e2e::data_dir().join("lieux.geojson")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["features"].as_array().unwrap().len()
}

#[tokio::test]
async fn health_reports_the_loaded_dataset() {
    let app = spawn_app().await;
    let health = app.get_json("/healthz").await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["lieux"], dataset_place_count());
    assert_eq!(health["communes"], 195);
}

#[tokio::test]
async fn places_are_geojson_points_inside_the_departement_with_their_territory() {
    let app = spawn_app().await;
    let response = app.get("/api/places").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/geo+json");
    let body: Value = response.json().await.unwrap();
    let features = features(&body);
    assert_eq!(features.len(), dataset_place_count());
    for f in features {
        let id = f["id"].as_str().expect("string id");
        assert_eq!(f["properties"]["id"], id);
        assert_eq!(f["geometry"]["type"], "Point");
        let lon = f["geometry"]["coordinates"][0].as_f64().unwrap();
        let lat = f["geometry"]["coordinates"][1].as_f64().unwrap();
        assert!(
            (0.73..=2.01).contains(&lon) && (43.76..=44.40).contains(&lat),
            "{id}: {lon},{lat}"
        );
        let p = &f["properties"];
        for field in [
            "nom",
            "commune",
            "code_postal",
            "adresse",
            "date_maj",
            "pivot",
        ] {
            assert!(p[field].is_string(), "{id}: {field} missing");
        }
        assert!(
            p["services"].as_array().is_some_and(|s| !s.is_empty()),
            "{id}: services"
        );
        assert!(
            ["Est", "Centre", "Ouest"].contains(&p["zone"].as_str().unwrap()),
            "{id}: zone"
        );
        assert_eq!(p["epci_siren"].as_str().unwrap().len(), 9, "{id}: epci");
        assert_eq!(
            p["insee_localise"].as_str().unwrap().len(),
            5,
            "{id}: insee"
        );
    }
}

#[tokio::test]
async fn zone_and_epci_filters_partition_the_places() {
    let app = spawn_app().await;
    let all = features(&app.get_json("/api/places").await).len();
    let mut sum = 0;
    for zone in ["Est", "Centre", "Ouest"] {
        let body = app.get_json(&format!("/api/places?zone={zone}")).await;
        let fs = features(&body);
        assert!(!fs.is_empty(), "zone {zone} has places");
        assert!(
            fs.iter().all(|f| f["properties"]["zone"] == zone),
            "zone {zone}"
        );
        sum += fs.len();
    }
    assert_eq!(sum, all);

    let body = app.get_json("/api/places?epci=248200016").await;
    let fs = features(&body);
    assert!(!fs.is_empty());
    assert!(
        fs.iter()
            .all(|f| f["properties"]["epci_siren"] == "248200016")
    );
    // Zone and EPCI together: both must hold.
    let body = app.get_json("/api/places?zone=Est&epci=248200016").await;
    assert!(features(&body).is_empty());
}

#[tokio::test]
async fn bad_parameters_get_a_problem_document_naming_them() {
    let app = spawn_app().await;
    for (query, parameter) in [
        ("zone=Nord", "zone"),
        ("epci=12", "epci"),
        ("zone=%FF", "zone"),
    ] {
        let response = app.get(&format!("/api/places?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], 400);
        assert_eq!(body["parameter"], parameter, "{query}: {body}");
        assert!(body["detail"].as_str().unwrap().len() > 10);
    }
    // The server keeps serving.
    assert_eq!(app.get_json("/healthz").await["status"], "ok");
}

#[tokio::test]
async fn territory_layers_have_every_unit() {
    let app = spawn_app().await;
    for (layer, count) in [("zones", 3), ("epci", 10), ("communes", 195)] {
        let body = app.get_json(&format!("/api/territory/{layer}")).await;
        assert_eq!(features(&body).len(), count, "{layer}");
    }
    let response = app.get("/api/territory/regions").await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let response = app.get("/api/nothing").await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn the_page_lists_the_same_places_without_javascript() {
    let app = spawn_app().await;
    for (query, api_query) in [
        ("", ""),
        ("?zone=Ouest", "?zone=Ouest"),
        ("?epci=248200099", "?epci=248200099"),
        ("?q=lafrancaise", "?q=lafrancaise"),
        ("?frais=Gratuit&zone=Est", "?frais=Gratuit&zone=Est"),
        (
            "?near=44.0176,1.3545&radius=5",
            "?near=44.0176,1.3545&radius=5",
        ),
    ] {
        let html = app.get_page(&format!("/{query}")).await;
        let api = app.get_json(&format!("/api/places{api_query}")).await;
        let ids: Vec<&str> = features(&api)
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            html.matches("<details id=\"lieu-").count(),
            ids.len(),
            "page {query}"
        );
        for id in ids {
            assert!(
                html.contains(&format!("id=\"lieu-{id}\"")),
                "page {query} lists {id}"
            );
        }
        assert!(html.contains("<html lang=\"fr\""));
    }
}

#[tokio::test]
async fn a_bad_filter_in_the_page_url_is_explained_not_fatal() {
    let app = spawn_app().await;
    let html = app.get_page("/?zone=Nord").await;
    assert!(html.contains("Nord"), "the message names the bad value");
    assert_eq!(
        html.matches("<details id=\"lieu-").count(),
        dataset_place_count()
    );
}

#[tokio::test]
async fn unknown_pages_are_404_in_french() {
    let app = spawn_app().await;
    let response = app.get("/nulle-part").await;
    assert_eq!(response.status(), 404);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Cette page n'existe pas")
    );
}

/// What the search field suggests from: every commune, by name, with its postal codes.
#[tokio::test]
async fn the_communes_of_the_search_field_are_one_request() {
    let app = spawn_app().await;
    let communes = app.get_json(TerritoryFile::Communes.path()).await;
    let communes = communes.as_array().expect("an array");
    assert_eq!(communes.len(), 195);
    let montauban = communes
        .iter()
        .find(|c| c["nom"] == "Montauban")
        .expect("Montauban");
    assert_eq!(montauban["codes_postaux"], json!(["82000"]));
    let names: Vec<&str> = communes
        .iter()
        .map(|c| c["nom"].as_str().unwrap())
        .collect();
    assert!(names.is_sorted(), "by name");
}

/// The map page names the territory's files by their content (issue 14): under that name
/// the browser keeps them for good; under no name or an old one, for five minutes.
#[tokio::test]
async fn the_territory_files_are_named_by_their_content_and_kept_for_good() {
    let app = spawn_app().await;
    let page = app.get_page("/").await;
    let named = format!("{}?v=", TerritoryFile::Communes.path());
    let at = page
        .find(&named)
        .expect("the page names the communes' file")
        + named.len();
    let version = &page[at..at + 16];
    assert!(version.chars().all(|c| c.is_ascii_hexdigit()), "{version}");
    // The search field's props, and the map's, whose outlines it names.
    assert_eq!(page.matches(version).count(), 2, "{version} in the page");
    let cache_control =
        |r: &reqwest::Response| r.headers()["cache-control"].to_str().unwrap().to_owned();
    for file in [
        TerritoryFile::ZoneOutlines,
        TerritoryFile::EpciOutlines,
        TerritoryFile::CommuneOutlines,
        TerritoryFile::Communes,
    ] {
        let url = file.url(version);
        let kept = app.get(&url).await;
        assert_eq!(kept.status(), 200, "{url}");
        assert_eq!(
            cache_control(&kept),
            "public, max-age=31536000, immutable",
            "{url}"
        );
        let etag = kept.headers()["etag"].clone();
        let again = app
            .client
            .get(app.url(&url))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{url}");
        assert_eq!(cache_control(&again), "public, max-age=31536000, immutable");
        for other in [file.path().to_owned(), file.url("0123456789abcdef")] {
            let short = app.get(&other).await;
            assert_eq!(short.status(), 200, "{other}");
            assert_eq!(cache_control(&short), "public, max-age=300", "{other}");
        }
    }
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let app = spawn_app().await;
    // Pages too: Leptos streams them, and they went out uncompressed (issue 14).
    for path in [
        "/api/territory/communes",
        // Compressed in advance, at the best level (issue 14).
        "/api/territory/zones",
        "/api/territory/epci",
        "/",
        "/couverture",
        "/lieux/france-services-000",
    ] {
        let whole = app.get(path).await.bytes().await.unwrap().len();
        for encoding in ["br", "gzip"] {
            let response = app
                .client
                .get(app.url(path))
                .header("Accept-Encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(response.headers()["content-encoding"], encoding, "{path}");
            assert_eq!(response.headers()["vary"], "accept-encoding", "{path}");
            let sent = response.bytes().await.unwrap().len();
            assert!(sent < whole / 2, "{path} {encoding}: {sent} of {whole}");
        }
    }
}

#[tokio::test]
async fn no_third_party_address_in_the_page_unless_tiles_are_configured() {
    let app = spawn_app().await;
    let html = app.get_page("/").await;
    assert!(!html.contains("carto82:tuiles"));
    // Nothing the page loads (scripts, images, stylesheets, icons) comes from elsewhere.
    assert!(!html.contains("src=\"http"));
    // Links are relative, or name our own origin (the oEmbed discovery link).
    let ours = format!("href=\"{}", app.url("/"));
    for link in html.split("<link ").skip(1) {
        let tag = &link[..link.find('>').unwrap()];
        assert!(
            tag.contains("href=\"/") || tag.contains(&ours),
            "<link {tag}>"
        );
    }

    let app = spawn_app_with(|args| args.tiles = Some("osm".into())).await;
    let html = app.get_page("/").await;
    assert!(html.contains(
        "name=\"carto82:tuiles\" content=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\""
    ));
    assert!(html.contains("OpenStreetMap"), "attribution");
}

#[tokio::test]
async fn static_files_are_sent_precompressed_and_stay_inside_the_site() {
    let app = spawn_app().await;
    let wasm = format!("/{}/app_bg.wasm", carto82_e2e::pkg_path());
    let raw = std::fs::metadata(carto82_e2e::site_dir().join(&wasm[1..]))
        .expect("site built by `cargo xtask site`")
        .len();
    for (accept, encoding) in [
        ("br", Some("br")),
        ("gzip, deflate", Some("gzip")),
        ("identity", None),
    ] {
        let response = app
            .client
            .get(app.url(&wasm))
            .header("Accept-Encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/wasm");
        assert_eq!(response.headers()["vary"], "Accept-Encoding");
        let sent = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(sent.as_deref(), encoding, "{accept}");
        let body = response.bytes().await.unwrap().len() as u64;
        match encoding {
            None => assert_eq!(body, raw),
            Some(_) => assert!(body < raw / 2, "{accept}: {body} of {raw}"),
        }
    }
    for path in [
        "/assets/../../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/pkg/absent.js",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
}

/// The national standard's schema, as shipped in data/standard/.
fn standard_schema() -> Value {
    let path = carto82_e2e::data_dir().join("standard/standard-mediation-num.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test]
async fn csv_export_is_the_national_standard_and_every_row_is_valid() {
    let app = spawn_app().await;
    let response = app.get("/api/places?format=csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let text = response.text().await.unwrap();

    let schema = standard_schema();
    let fields = schema["fields"].as_array().unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let expected: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(header, expected, "columns of the standard, in order");

    let checks: Vec<(usize, bool, Option<regex::Regex>)> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let constraints = &f["constraints"];
            let required = constraints["required"].as_bool().unwrap_or(false);
            let pattern = constraints["pattern"]
                .as_str()
                .map(|p| regex::Regex::new(&format!("^(?:{p})$")).unwrap());
            (i, required, pattern)
        })
        .collect();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        rows += 1;
        for (i, required, pattern) in &checks {
            let value = &record[*i];
            let name = expected[*i];
            if value.is_empty() {
                assert!(!required, "row {rows}: {name} is required");
                continue;
            }
            if let Some(pattern) = pattern {
                assert!(pattern.is_match(value), "row {rows}: {name} = {value:?}");
            }
        }
        assert!(chrono_like_date(&record[20]), "date_maj {}", &record[20]);
        let (lat, lon): (f64, f64) = (record[8].parse().unwrap(), record[9].parse().unwrap());
        assert!((43.7..44.4).contains(&lat) && (0.7..2.1).contains(&lon));
    }
    assert_eq!(rows, dataset_place_count());

    // The same rows as JSON objects, and filters apply to every format.
    let json = app.get_json("/api/places?format=json&zone=Ouest").await;
    let ouest = features(&app.get_json("/api/places?zone=Ouest").await).len();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), ouest);
    assert_eq!(rows[0].as_object().unwrap().len(), expected.len());
    let csv_ouest = app.get_page("/api/places?format=csv&zone=Ouest").await;
    assert_eq!(csv_ouest.lines().count(), ouest + 1 /* header */);
}

fn chrono_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.bytes().filter(u8::is_ascii_digit).count() == 8
}

#[tokio::test]
async fn an_unknown_format_is_a_bad_parameter() {
    let app = spawn_app().await;
    let response = app.get("/api/places?format=xml").await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["parameter"], "format");
}

#[tokio::test]
async fn api_answers_are_cacheable_and_open_to_other_sites() {
    let app = spawn_app().await;
    for path in [
        "/api/places",
        "/api/places?format=csv",
        "/api/territory/zones",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()["access-control-allow-origin"],
            "*",
            "{path}"
        );
        assert!(
            response.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age")
        );
        let etag = response.headers()["etag"].to_str().unwrap().to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "strong ETag: {etag}"
        );
        let again = app
            .client
            .get(app.url(path))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    }
    // Different content, different tag.
    let all = app.get("/api/places").await.headers()["etag"].clone();
    let ouest = app.get("/api/places?zone=Ouest").await.headers()["etag"].clone();
    assert_ne!(all, ouest);
}

async fn ids(app: &carto82_e2e::TestApp, query: &str) -> Vec<String> {
    features(&app.get_json(&format!("/api/places?{query}")).await)
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_place_filter_narrows_the_list_and_values_of_one_filter_add_up() {
    let app = spawn_app().await;
    let all = ids(&app, "").await;

    // Several values of one filter: OR.
    let est = ids(&app, "zone=Est").await;
    let ouest = ids(&app, "zone=Ouest").await;
    let both = ids(&app, "zone=Est,Ouest").await;
    assert_eq!(both.len(), est.len() + ouest.len());
    assert_eq!(
        ids(&app, "zone=Est&zone=Ouest").await,
        both,
        "repeated key = comma list"
    );

    // Commune (INSEE of the commune the point is in).
    let montauban = app.get_json("/api/places?commune=82121").await;
    let fs = features(&montauban);
    assert!(!fs.is_empty());
    assert!(
        fs.iter()
            .all(|f| f["properties"]["insee_localise"] == "82121")
    );

    // Bounding box: west, south, east, north.
    for f in features(&app.get_json("/api/places?bbox=1.3,43.98,1.42,44.05").await) {
        let c = &f["geometry"]["coordinates"];
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((1.3..=1.42).contains(&lon) && (43.98..=44.05).contains(&lat));
    }

    // Text, accents and case ignored.
    let q = ids(&app, "q=LAFRANCAISE").await;
    assert!(!q.is_empty() && q.len() < all.len());
    assert_eq!(ids(&app, "q=lafrançaise").await, q);

    // Vocabulary filters, by the standard's labels (accents and case ignored).
    let demarches = app
        .get_json("/api/places?service=aide aux demarches administratives")
        .await;
    let fs = features(&demarches);
    assert!(!fs.is_empty() && fs.len() < all.len());
    assert!(fs.iter().all(|f| {
        f["properties"]["services"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Aide aux démarches administratives")
    }));
    let free = ids(&app, "frais=Gratuit").await;
    assert!(!free.is_empty() && free.len() < all.len());
    let fs_network = ids(&app, "programme=France Services").await;
    let cnfs = ids(&app, "programme=Conseillers numériques").await;
    let either = ids(&app, "programme=France Services,Conseillers numériques").await;
    assert!(
        either.len() >= fs_network.len().max(cnfs.len())
            && either.len() <= fs_network.len() + cnfs.len()
    );
    // Different filters: AND.
    let free_est = ids(&app, "frais=Gratuit&zone=Est").await;
    assert!(
        free_est
            .iter()
            .all(|id| free.contains(id) && est.contains(id))
    );
}

#[tokio::test]
async fn near_sorts_by_distance_within_the_radius_and_says_how_far() {
    let app = spawn_app().await;
    // Place d'Armes, Montauban.
    let body = app
        .get_json("/api/places?near=44.0176,1.3545&radius=5")
        .await;
    let fs = features(&body);
    assert!(!fs.is_empty());
    let distances: Vec<f64> = fs
        .iter()
        .map(|f| f["properties"]["distance_km"].as_f64().unwrap())
        .collect();
    assert!(
        distances.windows(2).all(|w| w[0] <= w[1]),
        "nearest first: {distances:?}"
    );
    assert!(distances.iter().all(|d| *d <= 5.0));
    let wider = features(
        &app.get_json("/api/places?near=44.0176,1.3545&radius=30")
            .await,
    )
    .len();
    assert!(wider > fs.len(), "a wider radius finds more");
    // Without `near`, no distance.
    assert!(
        features(&app.get_json("/api/places").await)[0]["properties"]
            .get("distance_km")
            .is_none()
    );
}

#[tokio::test]
async fn every_bad_filter_value_is_a_400_naming_its_parameter() {
    let app = spawn_app().await;
    for (query, parameter) in [
        ("commune=8212", "commune"),
        ("bbox=2,44,1,45", "bbox"),
        ("near=north", "near"),
        ("near=44,1&radius=0", "radius"),
        ("radius=3", "radius"),
        ("service=Réparer des vélos", "service"),
        // Old names are read; the problem names the one the link used.
        ("public=Martiens", "public"),
        ("frais=Cher", "frais"),
        ("audience=Martiens", "audience"),
        ("fees=Cher", "fees"),
        ("programme=Inconnu", "programme"),
    ] {
        let response = app.get(&format!("/api/places?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["parameter"], parameter, "{query}: {body}");
    }
}

#[tokio::test]
async fn opening_hours_filters_use_the_places_hours() {
    let app = spawn_app().await;
    let all = ids(&app, "").await;
    // Monday 13 April 2026: most places open; Sunday 19 April: none of ours.
    let monday = ids(&app, "open_on=2026-04-13").await;
    let sunday = ids(&app, "open_on=2026-04-19").await;
    assert!(
        monday.len() > all.len() / 2,
        "{} of {}",
        monday.len(),
        all.len()
    );
    assert!(sunday.is_empty(), "{sunday:?}");
    // Saturday mornings: a few France services.
    let saturday = ids(&app, "open_on=2026-04-18").await;
    assert!(!saturday.is_empty() && saturday.len() < monday.len());
    // Now: whatever the time, a subset, and a clear answer.
    let now = ids(&app, "open_now=oui").await;
    assert!(now.iter().all(|id| all.contains(id)));
    for (query, parameter) in [
        ("open_now=peut-être", "open_now"),
        ("open_on=demain", "open_on"),
    ] {
        let response = app.get(&format!("/api/places?{query}")).await;
        assert_eq!(response.status(), 400);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["parameter"], parameter);
    }
}

#[tokio::test]
async fn stats_count_places_events_and_people_per_zone_and_epci() {
    let app = spawn_app().await;
    let stats = app.get_json("/api/stats").await;
    let places = dataset_place_count() as u64;
    assert_eq!(stats["departement"]["lieux"], places);
    assert_eq!(stats["departement"]["population"], 265_817);
    let zones = stats["zones"].as_array().unwrap();
    let population: Vec<(String, u64)> = zones
        .iter()
        .map(|z| {
            (
                z["zone"].as_str().unwrap().to_owned(),
                z["population"].as_u64().unwrap(),
            )
        })
        .collect();
    // Figures of data/README.md (INSEE populations of the 82's communes).
    assert_eq!(
        population,
        [
            ("Est".to_owned(), 50_076),
            ("Centre".to_owned(), 179_037),
            ("Ouest".to_owned(), 36_704)
        ]
    );
    let sum =
        |key: &str, list: &[Value]| list.iter().map(|x| x[key].as_u64().unwrap()).sum::<u64>();
    let epci = stats["epci"].as_array().unwrap();
    assert_eq!(epci.len(), 10);
    for key in ["lieux", "evenements", "population"] {
        assert_eq!(
            sum(key, zones),
            stats["departement"][key].as_u64().unwrap(),
            "{key}"
        );
        assert_eq!(
            sum(key, epci),
            stats["departement"][key].as_u64().unwrap(),
            "{key}"
        );
    }
    let per_10000 = stats["departement"]["lieux_pour_10000_habitants"]
        .as_f64()
        .unwrap();
    assert!((per_10000 - (places as f64 * 10_000.0 / 265_817.0)).abs() < 0.06);

    let free = app.get_json("/api/stats?frais=Gratuit").await;
    assert!(free["departement"]["lieux"].as_u64().unwrap() < places);
    let workshops = app.get_json("/api/stats?type=atelier").await;
    assert!(
        workshops["departement"]["evenements"].as_u64().unwrap()
            < stats["departement"]["evenements"].as_u64().unwrap()
    );
}

#[tokio::test]
async fn the_openapi_description_matches_what_the_api_reads() {
    use app::model::query::Values;
    use carto82::api::{declared_parameters, documented_parameters};
    let app = spawn_app().await;
    // Each documented parameter is read by its path: an allowed value is accepted, a wrong
    // one is refused with its name (so the description cannot drift from the handlers).
    for path in [
        "/api/places",
        "/api/events",
        "/api/events.ics",
        "/api/resources",
        "/api/stats",
        "/api/coverage",
        "/api/coverage/epci.csv",
    ] {
        let documented = documented_parameters(path);
        assert!(!documented.is_empty(), "{path}");
        for name in documented {
            let p = declared_parameters(path)
                .into_iter()
                .find(|p| p.name() == name)
                .unwrap_or_else(|| panic!("{name} is declared"));
            let (good, wrong) = match p.values() {
                Values::Labels(_) | Values::Codes { .. } | Values::Colour => {
                    (p.values().example(), "n'importe-quoi".to_owned())
                }
                Values::Text { max_chars } => (p.values().example(), "x".repeat(max_chars + 1)),
                Values::Number { .. } | Values::Integer { .. } => {
                    (p.values().example(), "-1".to_owned())
                }
                Values::Date => (p.values().example(), "demain".to_owned()),
                Values::YesNo => (p.values().example(), "peut-être".to_owned()),
                Values::Numbers { .. } => (p.values().example(), "1".to_owned()),
            };
            let ask = |value: &str| {
                let mut pairs = vec![(name.as_str(), value)];
                // `radius` goes with a point.
                if name == "radius" {
                    pairs.push(("near", "44.0,1.35"));
                }
                let url = reqwest::Url::parse_with_params(&app.url(path), &pairs).unwrap();
                app.client.get(url).send()
            };
            let accepted = ask(&good).await.unwrap();
            assert_eq!(accepted.status(), 200, "{path} {name}={good}");
            let refused = ask(&wrong).await.unwrap();
            assert_eq!(refused.status(), 400, "{path} {name}={wrong}");
            let problem: Value = refused.json().await.unwrap();
            assert_eq!(problem["parameter"], name.as_str(), "{path}");
        }
    }
    let doc = app.get_json("/api/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/places",
        "/api/events",
        "/api/events.ics",
        "/api/resources",
        "/api/stats",
        "/api/territory/{layer}",
        "/healthz",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} documented");
    }
    // The French page lists every documented address and links the examples.
    let page = app.get_page("/api").await;
    assert!(page.contains("<html lang=\"fr\""));
    for path in ["/api/places", "/api/events.ics", "/api/stats"] {
        assert!(page.contains(&format!("<code>GET {path}</code>")), "{path}");
    }
    for example in page
        .split("<a href=\"")
        .skip(1)
        .filter(|s| s.starts_with("/api/"))
    {
        let href = example[..example.find('"').unwrap()].replace("&amp;", "&");
        assert_eq!(app.get(&href).await.status(), 200, "example {href}");
    }
}

/// Each kind of record has the same two addresses: its list and one record by id, the
/// same Feature in both.
#[tokio::test]
async fn every_kind_of_record_is_one_feature_at_its_own_address() {
    let app = spawn_app().await;
    for (kind, none) in [
        ("places", "aucun lieu"),
        ("events", "aucun événement"),
        ("resources", "aucune ressource"),
    ] {
        let list = app.get_json(&format!("/api/{kind}")).await;
        let first = &features(&list)[0];
        let id = first["id"].as_str().unwrap();
        let one = app.get(&format!("/api/{kind}/{id}")).await;
        assert_eq!(one.status(), 200, "{kind}/{id}");
        assert_eq!(
            one.headers()["content-type"],
            "application/geo+json",
            "{kind}"
        );
        let one: Value = one.json().await.unwrap();
        assert_eq!(&one, first, "{kind}/{id}: the same Feature as in the list");
        for unknown in ["inconnu", "Pas%20un%20id"] {
            let missing = app.get(&format!("/api/{kind}/{unknown}")).await;
            assert_eq!(missing.status(), 404, "{kind}/{unknown}");
            let problem: Value = missing.json().await.unwrap();
            assert!(
                problem["detail"].as_str().unwrap().starts_with(none),
                "{problem}"
            );
        }
    }
}

#[tokio::test]
async fn record_pages_answer_404_in_plain_words_for_an_unknown_id() {
    let app = spawn_app().await;
    for (path, words) in [
        ("/lieux/nulle-part", "Ce lieu n'existe pas"),
        ("/evenements/jamais", "Cet événement n'existe pas"),
        ("/ressources/Pas%20un%20id", "Cette ressource n'existe pas"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(response.text().await.unwrap().contains(words), "{path}");
    }
    assert_eq!(app.get("/lieux/france-services-000").await.status(), 200);
}

/// The browser code sits in a folder named after its content, so browsers keep it for good:
/// a new build has a new address, and the files of two builds are never mixed.
#[tokio::test]
async fn the_browser_code_is_cached_for_good_under_its_version_and_the_assets_for_an_hour() {
    let app = spawn_app().await;
    let pkg = carto82_e2e::pkg_path();
    let version = pkg.trim_start_matches("pkg/");
    assert_eq!(version.len(), 16, "{pkg}");
    let page = app.get_page("/").await;
    assert!(
        page.contains(&format!("/{pkg}/app.js")),
        "the page loads this build"
    );
    let wasm = app.get(&format!("/{pkg}/app_bg.wasm")).await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let style = app.get("/assets/carto82.css").await;
    assert_eq!(style.headers()["cache-control"], "public, max-age=3600");
    assert_eq!(app.get(&format!("/{pkg}/absent.wasm")).await.status(), 404);
}

#[tokio::test]
async fn head_answers_like_get_and_other_methods_are_refused_with_allow() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/lieux/france-services-000",
        "/api/places?zone=Est",
        "/api/events.ics",
        "/assets/carto82.css",
        "/healthz",
    ] {
        let get = app.get(path).await;
        let head = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status(), get.status(), "HEAD {path}");
        assert_eq!(
            head.headers().get("content-type"),
            get.headers().get("content-type"),
            "HEAD {path}"
        );
        assert_eq!(
            head.headers().get("etag"),
            get.headers().get("etag"),
            "HEAD {path}"
        );
        assert!(
            head.bytes().await.unwrap().is_empty(),
            "HEAD {path}: no body"
        );
    }
    for (method, path, allow) in [
        (reqwest::Method::POST, "/api/places", "GET, HEAD"),
        (reqwest::Method::DELETE, "/", "GET, HEAD"),
        (
            reqwest::Method::PUT,
            "/lieux/france-services-000",
            "GET, HEAD",
        ),
        (reqwest::Method::GET, "/signaler", "POST"),
    ] {
        let response = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
    }
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/places"))
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn the_openapi_description_types_every_parameter() {
    let app = spawn_app().await;
    let doc = app.get_json("/api/openapi.json").await;
    let parameter = |path: &str, name: &str| -> Value {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{path} {name}"))
            .clone()
    };
    // Closed lists: the vocabulary's own labels, several values comma-separated.
    let service = parameter("/api/places", "service");
    let labels = &service["schema"]["items"]["enum"];
    assert_eq!(
        labels.as_array().unwrap().len(),
        app::model::standard::Service::ALL.len()
    );
    assert!(
        labels
            .as_array()
            .unwrap()
            .contains(&json!("Aide aux démarches administratives"))
    );
    assert_eq!(service["explode"], false);
    let theme = parameter("/api/events", "theme");
    assert!(
        theme["schema"]["items"]["enum"]
            .as_array()
            .unwrap()
            .contains(&json!("IA"))
    );
    // Ranges and formats, with an empty value (a blank form field) allowed.
    let radius = &parameter("/api/places", "radius")["schema"]["anyOf"][0];
    assert_eq!(radius["exclusiveMinimum"], 0.0);
    assert_eq!(radius["maximum"], 300.0);
    assert_eq!(
        parameter("/api/events", "from")["schema"]["anyOf"][0]["format"],
        "date"
    );
    assert_eq!(
        parameter("/api/coverage", "edition")["schema"]["anyOf"][0]["minimum"],
        2000.0
    );
    // Every parameter an API path reads is in its description; a closed list's values are
    // the vocabulary's labels as the declaration gives them, in order, none retyped.
    for path in [
        "/api/places",
        "/api/events",
        "/api/events.ics",
        "/api/resources",
        "/api/stats",
        "/api/coverage",
        "/api/coverage/epci.csv",
    ] {
        for p in carto82::api::declared_parameters(path) {
            let described = parameter(path, p.name());
            let description = described["description"].as_str().unwrap();
            assert!(description.starts_with(p.doc()), "{path} {}", p.name());
            if let app::model::query::Values::Labels(labels) = p.values() {
                let schema = &described["schema"];
                let values = if p.many() {
                    &schema["items"]["enum"]
                } else {
                    &schema["anyOf"][0]["enum"]
                };
                assert_eq!(values, &json!(labels), "{path} {}", p.name());
            }
        }
    }
    // What the description allows, the API accepts; what it refuses, the API refuses.
    assert_eq!(
        app.get("/api/places?near=44.0,1.35&radius=0.5")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get("/api/places?near=44.0,1.35&radius=0")
            .await
            .status(),
        400
    );
    assert_eq!(app.get("/api/coverage?edition=2026").await.status(), 200);
    assert_eq!(app.get("/api/coverage?edition=0").await.status(), 400);
}

/// Advice only when it can be followed, no heading over nothing, and a way there on every
/// phone (issue 13, items 5 and 26).
#[tokio::test]
async fn a_place_page_gives_only_advice_that_can_be_followed() {
    let app = spawn_app().await;
    // No phone, no e-mail, no website, data from 2022.
    let silent = app.get_page("/lieux/conseiller-numerique-021").await;
    assert!(silent.contains("plus d'un an"), "the data is old");
    assert!(
        !silent.to_lowercase().contains("appelez"),
        "no phone to call"
    );
    assert!(!silent.contains("Écrivez"), "no address to write to");
    assert!(
        !silent.contains("<h3>Contact</h3>"),
        "no empty Contact heading"
    );
    // An e-mail but no phone: write, do not call.
    let by_mail = app.get_page("/lieux/conseiller-numerique-027").await;
    assert!(by_mail.contains("Écrivez avant de vous déplacer."));
    assert!(!by_mail.to_lowercase().contains("appelez"));
    assert!(by_mail.contains("<h3>Contact</h3>"));
    // A phone: call.
    let features = app.get_json("/api/places").await;
    let with_phone = features["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["telephone"].is_string())
        .unwrap();
    let page = app
        .get_page(&format!("/lieux/{}", with_phone["id"].as_str().unwrap()))
        .await;
    assert!(page.contains("<h3>Contact</h3>") && page.contains("href=\"tel:"));
    // Directions for Android (`geo:`), any browser (OpenStreetMap) and iPhone (Plans).
    for way in [
        "href=\"geo:",
        "openstreetmap.org/directions",
        "maps.apple.com/?daddr=",
    ] {
        assert!(page.contains(way), "{way}");
    }
}

/// A resource's page says its name once, as its heading; an empty list offers nothing to
/// print (issue 13, item 23).
#[tokio::test]
async fn pages_do_not_repeat_themselves_nor_offer_the_useless() {
    let app = spawn_app().await;
    let resources = app.get_json("/api/resources").await;
    for resource in resources["features"].as_array().unwrap() {
        let id = resource["id"].as_str().unwrap();
        let name = app::model::escape_html(resource["properties"]["nom"].as_str().unwrap());
        let page = app.get_page(&format!("/ressources/{id}")).await;
        let body = &page[page.find("<body").unwrap()..];
        assert!(body.contains(&format!("<h1>{name}")), "{id}: the heading");
        assert!(
            !body.contains("class=\"titre\""),
            "{id}: the name said once"
        );
        if resource["properties"]["exemple"] == true {
            assert!(
                body.contains("ressource inventée"),
                "{id}: still said invented"
            );
        }
    }
    let empty = app.get_page("/?q=zzzqqq").await;
    assert!(
        empty.contains("Aucun lieu trouvé."),
        "an empty list says so"
    );
    assert!(!empty.contains("Imprimer cette liste"));
    assert!(
        app.get_page("/").await.contains("Imprimer cette liste"),
        "a list to print"
    );
}
