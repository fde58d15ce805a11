//! The territory's digital actors (issue 15): built from the real sources, checked with
//! located errors, found by competence near a commune, in the API, the directory and the
//! sheets.

use std::path::Path;

use app::model::{Actor, Place, Record};
use carto82::dataset::{ACTEURS, Dataset, DatasetError};
use carto82_e2e::browser::{assert_accessible, click, fits_the_width, open, poll, with_browser};
use carto82_e2e::{copy_dir, spawn_app, spawn_app_with, text_at};
use fantoccini::Locator;
use serde_json::{Value, json};

/// A copy of the real dataset whose actors are edited.
fn with_actors(edit: impl FnOnce(&mut Vec<Value>)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&carto82_e2e::data_dir(), dir.path());
    let path = dir.path().join(ACTEURS);
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(doc["features"].as_array_mut().unwrap());
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    dir
}

fn single_error(dir: &Path) -> DatasetError {
    match Dataset::load(dir) {
        Ok(_) => panic!("the dataset should be refused"),
        Err(mut e) => {
            assert_eq!(e.0.len(), 1, "{:#?}", e.0);
            e.0.remove(0)
        }
    }
}

fn index_of(features: &[Value], id: &str) -> usize {
    features
        .iter()
        .position(|f| f["properties"]["id"] == id)
        .unwrap_or_else(|| panic!("actor {id} in data/"))
}

#[test]
fn the_actors_are_the_structures_behind_the_places_by_their_siret() {
    let dataset = Dataset::load(&carto82_e2e::data_dir()).expect("data/ is valid");
    let records = &dataset.records;
    assert_eq!(records.actors.len(), 30);
    // Known SIRETs of the sources and the structure each one is.
    for (siret, actor, place) in [
        (
            "22820001000012",
            "departement-tarn-et-garonne",
            "france-services-014",
        ),
        (
            "38415424100028",
            "association-inter-ressources-action-sociale",
            "conseiller-numerique-019",
        ),
        ("35600000036494", "la-poste", ""),
    ] {
        let found = records
            .by_text::<Actor>(actor)
            .unwrap_or_else(|| panic!("{actor}"));
        assert_eq!(
            found.properties.siret.as_ref().map(|s| s.to_string()),
            Some(siret.to_owned()),
            "{actor}"
        );
        if !place.is_empty() {
            assert!(found.properties.lieux.iter().any(|p| p.as_str() == place));
            assert_eq!(
                records
                    .by_text::<Place>(place)
                    .and_then(|p| records.actor_of(p))
                    .map(|a| a.id().to_string()),
                Some(actor.to_owned())
            );
        }
    }
    // Every place with a SIRET is run by the actor of its SIREN; none by two.
    for place in records.all::<Place>() {
        let pivot = place.properties.pivot.to_string();
        let runners: Vec<&Actor> = records
            .actors
            .iter()
            .filter(|a| a.properties.lieux.contains(place.id()))
            .collect();
        assert!(runners.len() <= 1, "{}", place.id());
        if pivot.bytes().any(|b| b != b'0') {
            let actor = runners
                .first()
                .unwrap_or_else(|| panic!("{} has a SIRET", place.id()));
            assert_eq!(
                actor.properties.siren.as_ref().map(|s| s.to_string()),
                Some(pivot[..9].to_owned()),
                "{}",
                place.id()
            );
        }
    }
    // What an actor can do includes its places' services.
    let departement = records
        .by_text::<Actor>("departement-tarn-et-garonne")
        .unwrap();
    assert!(
        departement
            .competences
            .iter()
            .any(|c| c.label() == "Aide aux démarches administratives")
    );
}

/// What a case does to one actor's feature.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn each_rule_of_an_actor_gives_a_located_error() {
    let cases: Vec<(&str, Edit, &str, &str)> = vec![
        (
            "a place that does not exist",
            Box::new(|a| a["properties"]["lieux"][0] = json!("nulle-part")),
            "lieux[0]",
            "aucun lieu « nulle-part »",
        ),
        (
            "a place run by two actors",
            Box::new(|a| a["properties"]["lieux"] = json!(["france-services-014"])),
            "lieux[0]",
            "déjà tenu par l'acteur « departement-tarn-et-garonne »",
        ),
        (
            "a SIRET with a wrong key",
            Box::new(|a| a["properties"]["siret"] = json!("38415424100029")),
            "siret",
            "clé",
        ),
        (
            "a SIREN with a wrong key",
            Box::new(|a| {
                a["properties"]["siren"] = json!("384154242");
                a["properties"].as_object_mut().unwrap().remove("siret");
            }),
            "siren",
            "clé",
        ),
        (
            "a SIRET of another company",
            Box::new(|a| {
                a["properties"]["siret"] = json!("22820001000012");
            }),
            "siret",
            "ne commence pas par le SIREN",
        ),
        (
            "a point of its own",
            Box::new(|a| a["geometry"] = json!({"type": "Point", "coordinates": [1.3, 44.0]})),
            "geometry",
            "null attendu",
        ),
        (
            "neither a place nor a territory",
            Box::new(|a| {
                a["properties"]["lieux"] = json!([]);
                a["properties"]
                    .as_object_mut()
                    .unwrap()
                    .remove("territoire");
            }),
            "lieux",
            "au moins un lieu",
        ),
        (
            "a commune served outside the département",
            Box::new(|a| {
                a["properties"]["territoire"] = json!([{"type": "commune", "insee": "31555"}])
            }),
            "territoire[0]",
            "31555",
        ),
        (
            "a competence outside the vocabulary",
            Box::new(|a| a["properties"]["competences"] = json!(["Jardinage"])),
            "competences[0]",
            "Intelligence artificielle",
        ),
    ];
    let target = "association-inter-ressources-action-sociale";
    for (what, edit, field, reason) in cases {
        // Last in the file: a place it claims is already another's.
        let dir = with_actors(|features| {
            let actor = features.remove(index_of(features, target));
            features.push(actor);
            edit(features.last_mut().unwrap());
        });
        let error = single_error(dir.path());
        assert!(error.file.ends_with(ACTEURS), "{what}: {error}");
        assert_eq!(
            error.feature.as_ref().and_then(|f| f.id.as_deref()),
            Some(target),
            "{what}: {error}"
        );
        assert_eq!(error.field.as_deref(), Some(field), "{what}: {error}");
        assert!(error.reason.contains(reason), "{what}: {error}");
    }
}

#[test]
fn without_the_actors_file_the_dataset_has_none() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&carto82_e2e::data_dir(), dir.path());
    std::fs::remove_file(dir.path().join(ACTEURS)).unwrap();
    let dataset = Dataset::load(dir.path()).expect("the actors are optional");
    assert!(dataset.records.actors.is_empty());
}

/// Lauzerte's point (its commune's centre, as `/api/communes` gives it).
async fn lauzerte(app: &carto82_e2e::TestApp) -> (f64, f64) {
    let communes = app.get_json("/api/communes").await;
    let c = communes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["nom"] == "Lauzerte")
        .unwrap()
        .clone();
    (c["lat"].as_f64().unwrap(), c["lon"].as_f64().unwrap())
}

#[tokio::test]
async fn the_api_finds_who_can_help_near_a_commune_nearest_first() {
    let app = spawn_app().await;
    let (lat, lon) = lauzerte(&app).await;
    let url = format!(
        "/api/actors?competence=Aide%20aux%20d%C3%A9marches%20administratives&near={lat},{lon}&radius=30"
    );
    let found = app.get_json(&url).await;
    let features = found["features"].as_array().unwrap();
    assert!(features.len() >= 3, "{found}");
    let distances: Vec<f64> = features
        .iter()
        .map(|f| f["properties"]["distance_km"].as_f64().unwrap())
        .collect();
    assert!(distances.is_sorted(), "{distances:?}");
    assert!(distances.iter().all(|d| *d <= 30.0));
    for f in features {
        assert!(
            f["properties"]["competences_toutes"]
                .as_array()
                .unwrap()
                .contains(&json!("Aide aux démarches administratives")),
            "{f}"
        );
    }
    // One actor, with its places; an actor without a place has no point.
    let one = app
        .get_json("/api/actors/departement-tarn-et-garonne")
        .await;
    assert_eq!(one["geometry"]["type"], "Point");
    assert_eq!(one["properties"]["lieux"][0], "france-services-014");
    // A place names its actor, and places filter by actor, on the map page too.
    let its = app
        .get_json("/api/places?actor=departement-tarn-et-garonne")
        .await;
    let mut ids: Vec<&str> = its["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["properties"]["structure"], "departement-tarn-et-garonne");
            f["id"].as_str().unwrap()
        })
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "conseiller-numerique-046",
            "conseiller-numerique-052",
            "france-services-014"
        ]
    );
    let map = app.get_page("/?acteur=departement-tarn-et-garonne").await;
    assert_eq!(
        map.matches("<details id=\"lieu-").count(),
        3,
        "the map page lists its 3 places"
    );
    // CSV, and a format actors do not have.
    let csv = app
        .get("/api/actors?format=csv&actor_type=association")
        .await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("id,nom,nom_officiel,type,siret"), "{csv}");
    assert!(
        csv.lines().skip(1).all(|l| l.contains(",association,")),
        "{csv}"
    );
    assert_eq!(app.get("/api/actors?format=json").await.status(), 400);
    assert_eq!(
        app.get("/api/actors?competence=Jardinage").await.status(),
        400
    );
    // Described in the OpenAPI, with its parameters.
    let openapi = app.get_json("/api/openapi.json").await;
    let list = &openapi["paths"]["/api/actors"]["get"];
    let names: Vec<&str> = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "competence",
        "actor_type",
        "network",
        "audience",
        "near",
        "format",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(openapi["paths"]["/api/actors/{id}"]["get"].is_object());
}

#[tokio::test]
async fn the_directory_and_the_sheets_are_plain_pages_that_link_places_and_actors() {
    let app = spawn_app().await;
    let page = app
        .get_page("/acteurs?where=Lauzerte&radius=30&competence=Aide%20aux%20d%C3%A9marches%20administratives")
        .await;
    let said = text_at(&page, ".compte");
    assert!(
        said.contains("acteurs à moins de 30 km de Lauzerte, du plus proche au plus loin"),
        "{said}"
    );
    let all = app.get_page("/acteurs").await;
    assert!(
        text_at(&all, ".compte").starts_with("30 acteurs"),
        "{}",
        text_at(&all, ".compte")
    );
    // A hostile text is shown as text, in the field and the title alike.
    let hostile = app
        .get_page("/acteurs?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert!(!hostile.contains("<script>alert(1)"), "escaped");
    assert!(text_at(&hostile, ".compte").starts_with("Aucun acteur"));
    // The sheet: who, what, where, sources, and schema.org.
    let sheet = app.get_page("/acteurs/departement-tarn-et-garonne").await;
    assert!(sheet.contains("\"@type\":\"Organization\""), "JSON-LD");
    assert!(sheet.contains("href=\"/lieux/france-services-014\""));
    assert!(text_at(&sheet, "h1").contains("Département de Tarn-et-Garonne"));
    assert!(sheet.contains("SIRET 22820001000012"));
    // Its places on the map: the map page shows only them, and says whose they are.
    assert!(sheet.contains("href=\"/?actor=departement-tarn-et-garonne\""));
    let map = app.get_page("/?actor=departement-tarn-et-garonne").await;
    assert_eq!(
        text_at(&map, "p.structure"),
        "Seulement les lieux de : Département de Tarn-et-Garonne"
    );
    // The place names its actor.
    let place = app.get_page("/lieux/france-services-014").await;
    assert!(place.contains("href=\"/acteurs/departement-tarn-et-garonne\""));
    assert_eq!(app.get("/acteurs/personne").await.status(), 404);
}

/// A mediator looks for who can help with online procedures near Lauzerte, opens the
/// nearest actor's sheet, then one of its places.
#[tokio::test]
async fn a_mediator_finds_an_actor_by_competence_then_its_place() {
    let app = spawn_app().await;
    let (directory, sheet) = (
        app.url("/acteurs"),
        app.url("/acteurs/departement-tarn-et-garonne"),
    );
    for (width, height) in [(360, 740), (1280, 900)] {
        let (directory, sheet) = (directory.clone(), sheet.clone());
        with_browser(width, height, move |client| async move {
            open(&client, &directory).await;
            assert_accessible(&client, &format!("/acteurs at {width} px")).await;
            assert!(fits_the_width(&client).await, "/acteurs fits {width} px");
            client
                .find(Locator::Id("ac-competence"))
                .await
                .unwrap()
                .select_by_value("Aide aux démarches administratives")
                .await
                .unwrap();
            client
                .find(Locator::Id("ac-ou"))
                .await
                .unwrap()
                .send_keys("Lauzerte")
                .await
                .unwrap();
            click(&client, "form.filtres-acteurs button[type=submit]").await;
            let said = poll(
                &client,
                "const c = document.querySelector('.compte'); return c && c.textContent;",
                20,
                |v| v.as_str().is_some_and(|s| s.contains("Lauzerte")),
            )
            .await;
            assert!(said.as_str().unwrap().contains("du plus proche"), "{said}");
            click(&client, "ol.acteurs li:first-child .titre a").await;
            let title = poll(&client, "return location.pathname;", 20, |v| {
                v.as_str().is_some_and(|p| p.starts_with("/acteurs/"))
            })
            .await;
            assert!(title.as_str().unwrap().starts_with("/acteurs/"));
            open(&client, &sheet).await;
            assert_accessible(&client, &format!("an actor's sheet at {width} px")).await;
            assert!(fits_the_width(&client).await, "the sheet fits {width} px");
            click(&client, "ol.lieux li:first-child summary").await;
            click(&client, "ol.lieux li:first-child a[href^='/lieux/']").await;
            let place = poll(&client, "return location.pathname;", 20, |v| {
                v.as_str().is_some_and(|p| p.starts_with("/lieux/"))
            })
            .await;
            assert!(place.as_str().unwrap().starts_with("/lieux/"));
        })
        .await;
    }
}

/// `/couverture` says, for each competence, who serves each zone, and names the gaps.
#[tokio::test]
async fn coverage_counts_the_actors_of_each_competence_by_zone() {
    let app = spawn_app().await;
    let coverage = app.get_json("/api/coverage").await;
    let competences = coverage["competences"].as_array().unwrap();
    assert_eq!(
        competences.len(),
        17,
        "the standard's nine and the plan's eight"
    );
    let of = |name: &str| {
        competences
            .iter()
            .find(|c| c["competence"] == name)
            .unwrap_or_else(|| panic!("{name}"))["zones"]
            .as_array()
            .unwrap()
            .clone()
    };
    // The Département serves everyone with online procedures.
    for zone in of("Aide aux démarches administratives") {
        assert!(zone["acteurs"].as_u64().unwrap() >= 1, "{zone}");
        assert_eq!(zone["population_desservie"], zone["population"], "{zone}");
    }
    // Only the Centre has someone for professional integration.
    let insertion = of("Insertion professionnelle via le numérique");
    let est = insertion.iter().find(|z| z["zone"] == "Est").unwrap();
    assert_eq!(est["acteurs"], 0);
    let page = app.get_page("/couverture").await;
    let gaps = text_at(&page, "#titre-competences ~ ul.manques");
    assert!(
        gaps.contains("Zone Est : personne pour « Insertion professionnelle via le numérique »."),
        "{gaps}"
    );
    assert!(
        gaps.contains("Aucun acteur connu, dans aucune zone, pour :"),
        "{gaps}"
    );
}

/// A copy of the real dataset whose events are edited.
fn with_events(edit: impl FnOnce(&mut Vec<Value>)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&carto82_e2e::data_dir(), dir.path());
    let path = dir.path().join("evenements.geojson");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(doc["features"].as_array_mut().unwrap());
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    dir
}

/// An event names its organiser among the actors: checked, linked both ways.
#[tokio::test]
async fn an_event_names_its_organiser_and_the_actor_lists_its_events() {
    let unknown =
        with_events(|events| events[0]["properties"]["organisateur_id"] = json!("personne"));
    let error = single_error(unknown.path());
    assert_eq!(error.field.as_deref(), Some("organisateur_id"), "{error}");
    assert!(
        error.reason.contains("aucun acteur « personne »"),
        "{error}"
    );

    let known = with_events(|events| {
        events[0]["properties"]["organisateur_id"] = json!("departement-tarn-et-garonne");
    });
    let event: String = {
        let doc: Value = serde_json::from_str(
            &std::fs::read_to_string(known.path().join("evenements.geojson")).unwrap(),
        )
        .unwrap();
        doc["features"][0]["properties"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let data = known.path().to_owned();
    let app = spawn_app_with(move |args| args.data = data).await;
    let page = app.get_page(&format!("/evenements/{event}")).await;
    assert!(
        page.contains("href=\"/acteurs/departement-tarn-et-garonne\""),
        "the organiser links its sheet"
    );
    let sheet = app.get_page("/acteurs/departement-tarn-et-garonne").await;
    assert!(
        sheet.contains(&format!("href=\"/evenements/{event}\"")),
        "the sheet lists the event"
    );
    // The directory chooses by zone served too.
    let est = app.get_json("/api/actors?zone=Est").await;
    for f in est["features"].as_array().unwrap() {
        assert!(
            f["properties"]["zones_desservies"]
                .as_array()
                .unwrap()
                .contains(&json!("Est")),
            "{f}"
        );
    }
}

/// The sheet draws where the actor works: what it declares serving, at its own level (the
/// département, an EPCI, a commune), or its places' communes, and a dot per place.
#[tokio::test]
async fn the_sheet_draws_the_territory_served_and_the_places() {
    let app = spawn_app().await;
    // (actor, shapes of what it serves, places)
    for (actor, served, places) in [
        ("departement-tarn-et-garonne", 3, 3), // the three zones
        ("cc-terres-des-confluences", 1, 3),   // its EPCI
        ("commune-moissac", 1, 1),             // its commune
        ("age-d-or-du-brulhois", 0, 5),        // nothing declared: its places' communes
    ] {
        let sheet = app.get_page(&format!("/acteurs/{actor}")).await;
        let start = sheet
            .find("<div class=\"carte-acteur\">")
            .unwrap_or_else(|| panic!("{actor}: the map"));
        let end = start + sheet[start..].find("</svg>").unwrap();
        let map = &sheet[start..end];
        assert!(
            map.contains("<title id=\"carte-acteur-titre\">Où agit "),
            "{actor}: titled"
        );
        let group = |class: &str| {
            let from = map
                .find(&format!("<g class=\"{class}\""))
                .unwrap_or_else(|| panic!("{actor}: {class}"));
            let to = from + map[from..].find("</g>").unwrap();
            map[from..to].matches("<path ").count()
        };
        let expected = if served == 0 {
            let its = app.get_json(&format!("/api/places?actor={actor}")).await;
            let mut communes: Vec<String> = its["features"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["properties"]["insee_localise"].to_string())
                .collect();
            communes.sort();
            communes.dedup();
            communes.len()
        } else {
            served
        };
        assert!(expected > 0);
        assert_eq!(group("desservi"), expected, "{actor}: served shapes");
        assert_eq!(group("departement"), 3, "{actor}: the three zones");
        assert_eq!(map.matches("<circle ").count(), places, "{actor}: dots");
    }
}

/// The map page and the API find places by what they or their structure can do; the
/// needs form keeps the actor chosen, and one link shows every structure's places again.
#[tokio::test]
async fn places_are_found_by_the_competence_of_their_structure() {
    const TRAINS: &str = "Formation des aidants et des professionnels";
    let dir = with_actors(|actors| {
        let i = index_of(actors, "departement-tarn-et-garonne");
        actors[i]["properties"]["competences"] = json!([TRAINS]);
    });
    let data = dir.path().to_owned();
    let app = spawn_app_with(move |args| args.data = data).await;
    let encoded = TRAINS.replace(' ', "%20");
    let found = app
        .get_json(&format!("/api/places?competence={encoded}"))
        .await;
    let mut ids: Vec<&str> = found["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "conseiller-numerique-046",
            "conseiller-numerique-052",
            "france-services-014"
        ],
        "the département's places, and only them"
    );
    // A service of the standard is a competence of the places that offer it.
    let all = app.get_json("/api/places").await;
    let offering = all["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["properties"]["services"]
                .as_array()
                .unwrap()
                .contains(&json!("Aide aux démarches administratives"))
        })
        .count();
    let procedures = app
        .get_json("/api/places?competence=Aide%20aux%20d%C3%A9marches%20administratives")
        .await;
    assert!(offering > 0);
    assert_eq!(procedures["features"].as_array().unwrap().len(), offering);
    // Said in words on the coverage page.
    let coverage = app
        .get_page(&format!("/couverture?competence={encoded}"))
        .await;
    assert!(
        coverage.contains("où l'on sait faire « Formation des aidants et des professionnels »"),
        "the figure says what it counts"
    );

    let start = app.url("/?actor=departement-tarn-et-garonne");
    with_browser(360, 740, move |client| async move {
        open(&client, &start).await;
        click(&client, "details.besoins summary").await;
        client
            .find(Locator::Id("f-competence"))
            .await
            .unwrap()
            .select_by_label(TRAINS)
            .await
            .unwrap();
        // Sent from the keyboard: at 360 px the button is 3 000 px down the open panel,
        // and chromedriver's click lands on the map drawn meanwhile.
        client
            .find(Locator::Css("details.besoins button[type=submit]"))
            .await
            .unwrap()
            .send_keys("\u{E007}")
            .await
            .unwrap();
        let search = poll(&client, "return location.search;", 20, |v| {
            v.as_str().is_some_and(|s| s.contains("competence="))
        })
        .await;
        let search = search.as_str().unwrap();
        assert!(
            search.contains("actor=departement-tarn-et-garonne"),
            "{search}"
        );
        let said = client
            .find(Locator::Css("#compte-lieux"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(said, "3 lieux trouvés.");
        assert_accessible(&client, "the map page with a competence chosen").await;
        click(&client, "p.structure + p a").await;
        let search = poll(&client, "return location.search;", 20, |v| {
            v.as_str().is_some_and(|s| !s.contains("actor="))
        })
        .await;
        assert!(
            search.as_str().unwrap().contains("competence="),
            "the competence stays: {search}"
        );
    })
    .await;
}
