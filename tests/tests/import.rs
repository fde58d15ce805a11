//! `carto82 import`: merging the national standard's places into the dataset, from a file
//! or from a stand-in of the national sources on loopback (pages, gzip, an error, a slow
//! answer, a malformed row), and the server's scheduled import.

use std::path::Path;
use std::time::Duration;

use app::model::Record;
use carto82::dataset::{Dataset, LIEUX};
use carto82::import::{ImportError, Options, Report, Source, Why, import};
use carto82_e2e::{StandInAnswer, copy_dir, data_dir, stand_in_http, workspace_root};

fn options() -> Options {
    Options {
        departement: "82".parse().unwrap(),
        time_limit: Duration::from_secs(10),
    }
}

async fn import_file(file: &Path, data: &Path) -> Result<Report, ImportError> {
    import(&Source::File(file.to_owned()), data, &options()).await
}

fn copy_of_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir(), dir.path());
    dir
}

fn export_csv(data: &std::path::Path) -> String {
    let dataset = Dataset::load(data).unwrap();
    String::from_utf8(carto82::standard::to_csv(&dataset.records.places).unwrap()).unwrap()
}

#[tokio::test]
async fn exporting_then_importing_gives_the_same_places() {
    let dir = copy_of_data();
    let before = export_csv(dir.path());
    let file_before = std::fs::read(dir.path().join(LIEUX)).unwrap();
    let file = dir.path().join("export.csv");
    std::fs::write(&file, &before).unwrap();

    let report = import_file(&file, dir.path()).await.unwrap();
    let dataset = Dataset::load(dir.path()).unwrap();
    assert_eq!(report.left.len(), dataset.records.places.len(), "{report}");
    assert!(
        report.added.is_empty() && report.updated.is_empty(),
        "{report}"
    );
    // Each row is its own place, as recent as ours: left as it is.
    for (left, place) in report.left.iter().zip(&dataset.records.places) {
        match &left.why {
            Why::OursAsRecent { place: id, .. } => assert_eq!(id, place.id().as_str()),
            other => panic!("{}: {other:?}", left.at),
        }
    }
    assert_eq!(
        export_csv(dir.path()),
        before,
        "same places, same standard columns"
    );
    assert_eq!(
        std::fs::read(dir.path().join(LIEUX)).unwrap(),
        file_before,
        "nothing changed, nothing written"
    );
}

#[tokio::test]
async fn new_places_are_added_near_duplicates_merged_and_bad_rows_refused() {
    let dir = copy_of_data();
    let before = Dataset::load(dir.path()).unwrap();
    let lauzerte = before
        .records
        .places
        .iter()
        .find(|p| p.id().as_str() == "france-services-000")
        .unwrap();
    let header = carto82::standard::COLUMNS.join(",");
    let row = |fields: &[(&str, &str)]| {
        carto82::standard::COLUMNS
            .iter()
            .map(|c| {
                let v = fields
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| *v)
                    .unwrap_or("");
                format!("\"{}\"", v.replace('"', "\"\""))
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let lat = lauzerte.position.lat.to_string();
    let lon = lauzerte.position.lon.to_string();
    let csv = [
        header,
        // The same France services, spelled a little differently, with a website we lacked.
        row(&[
            ("id", "fs-lauzerte-national"),
            ("pivot", "00000000000000"),
            ("nom", "France Services Lauzerte"),
            ("commune", "Lauzerte"),
            ("code_postal", "82110"),
            ("adresse", "10 Place des Cornières"),
            ("latitude", &lat),
            ("longitude", &lon),
            ("site_web", "https://exemple.invalid/lauzerte"),
            ("date_maj", "2026-10-01"),
            (
                "services",
                "Aide aux démarches administratives|Accès internet et matériel informatique",
            ),
        ]),
        // A new place: the médiathèque of Caussade.
        row(&[
            ("id", "Mediatheque-Caussade"),
            ("pivot", "21820037600015"),
            ("nom", "Médiathèque de Caussade"),
            ("commune", "Caussade"),
            ("code_postal", "82300"),
            ("adresse", "Place Léonce Granié"),
            ("latitude", "44.1612"),
            ("longitude", "1.5389"),
            ("date_maj", "2026-09-15"),
            ("services", "Maîtrise des outils numériques du quotidien"),
            ("frais_a_charge", "Gratuit"),
        ]),
        // Outside the département.
        row(&[
            ("id", "reims"),
            ("pivot", "43493312300029"),
            ("nom", "Anonymal"),
            ("commune", "Reims"),
            ("code_postal", "51100"),
            ("adresse", "12 bis rue de Leclercq"),
            ("latitude", "49.25"),
            ("longitude", "4.03"),
            ("date_maj", "2024-04-02"),
            ("services", "Loisirs et créations numériques"),
        ]),
        // A service outside the standard's list.
        row(&[
            ("id", "bad-service"),
            ("pivot", "00000000000000"),
            ("nom", "Quelque part"),
            ("commune", "Moissac"),
            ("code_postal", "82200"),
            ("adresse", "1 rue X"),
            ("latitude", "44.105"),
            ("longitude", "1.085"),
            ("date_maj", "2026-01-01"),
            ("services", "Réparer des vélos"),
        ]),
        // Third-party data: a link that would run a script, a phone outside the standard,
        // a description of 10 000 characters.
        row(&[
            ("id", "lien-script"),
            ("pivot", "00000000000000"),
            ("nom", "Lieu piégé"),
            ("commune", "Moissac"),
            ("code_postal", "82200"),
            ("adresse", "1 rue X"),
            ("latitude", "44.105"),
            ("longitude", "1.085"),
            ("site_web", "javascript:alert(document.cookie)"),
            ("date_maj", "2026-01-01"),
            ("services", "Loisirs et créations numériques"),
        ]),
        row(&[
            ("id", "telephone-local"),
            ("pivot", "00000000000000"),
            ("nom", "Lieu au téléphone local"),
            ("commune", "Moissac"),
            ("code_postal", "82200"),
            ("adresse", "2 rue X"),
            ("latitude", "44.105"),
            ("longitude", "1.085"),
            ("telephone", "05 63 00 00 00"),
            ("date_maj", "2026-01-01"),
            ("services", "Loisirs et créations numériques"),
        ]),
        row(&[
            ("id", "description-geante"),
            ("pivot", "00000000000000"),
            ("nom", "Lieu bavard"),
            ("commune", "Moissac"),
            ("code_postal", "82200"),
            ("adresse", "3 rue X"),
            ("latitude", "44.105"),
            ("longitude", "1.085"),
            ("presentation_detail", &"bla ".repeat(2500)),
            ("date_maj", "2026-01-01"),
            ("services", "Loisirs et créations numériques"),
        ]),
    ]
    .join("\n");
    let file = dir.path().join("national.csv");
    // With the byte-order mark spreadsheets write.
    std::fs::write(&file, format!("\u{feff}{csv}")).unwrap();

    let report = import_file(&file, dir.path()).await.unwrap();
    assert_eq!(report.updated.len(), 1, "{report}");
    assert_eq!(report.updated[0].place, "france-services-000");
    assert_eq!(report.added, ["mediatheque-caussade"], "{report}");
    // Reims is another département's: not read further.
    assert_eq!(report.elsewhere, 1, "{report}");
    let refused = report.unreadable();
    assert_eq!(refused.len(), 4, "{report}");
    assert!(
        refused[0].contains("services") && refused[0].contains("Réparer des vélos"),
        "{refused:?}"
    );
    for (reason, field) in refused[1..]
        .iter()
        .zip(["site_web", "telephone", "presentation_detail"])
    {
        assert!(
            reason.contains(&format!("champ « {field}")),
            "{field}: {reason}"
        );
    }

    // Nothing lost; the merge filled what was missing; the file is valid.
    let after = Dataset::load(dir.path()).unwrap();
    assert_eq!(after.records.places.len(), before.records.places.len() + 1);
    for place in &before.records.places {
        assert!(
            after.records.places.iter().any(|p| p.id() == place.id()),
            "{} kept",
            place.id()
        );
    }
    let merged = after
        .records
        .places
        .iter()
        .find(|p| p.id().as_str() == "france-services-000")
        .unwrap();
    assert!(
        merged
            .properties
            .site_web
            .iter()
            .any(|s| s.as_str().contains("lauzerte"))
    );
    assert_eq!(merged.properties.date_maj.to_string(), "2026-10-01");
    assert_eq!(merged.properties.services.len(), 2);
    // The source gives no phone: ours is kept.
    assert_eq!(merged.properties.telephone.as_deref(), Some("+33563946513"));
    assert!(
        merged
            .properties
            .sources
            .iter()
            .any(|s| s.jeu == "import" && s.id_source == "fs-lauzerte-national")
    );
    assert!(!dir.path().join("lieux.geojson.tmp").exists());
}

#[tokio::test]
async fn an_unreadable_file_changes_nothing() {
    let dir = copy_of_data();
    let before = std::fs::read(dir.path().join(LIEUX)).unwrap();
    assert!(
        import_file(&dir.path().join("absent.csv"), dir.path())
            .await
            .is_err()
    );
    assert_eq!(std::fs::read(dir.path().join(LIEUX)).unwrap(), before);
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(workspace_root().join("tests/fixtures/national").join(name)).unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The national map's API on loopback: page 1 gzipped by `Content-Encoding`, pointing to
/// page 2 by a `Link` header; page 2 as `second` says.
async fn national_api(second: impl Fn() -> StandInAnswer + Send + Sync + 'static) -> Source {
    let port = stand_in_http(move |request| {
        if request.starts_with("GET /lieux-inclusion-numerique?page=2 ") {
            return second();
        }
        let mut answer = StandInAnswer::ok("application/json", gzip(&sample("page-1.json")));
        answer.headers.push(("Content-Encoding", "gzip".to_owned()));
        answer.headers.push((
            "Link",
            "</lieux-inclusion-numerique?page=2>; rel=\"next\"".to_owned(),
        ));
        answer
    })
    .await;
    format!("http://127.0.0.1:{port}/lieux-inclusion-numerique")
        .parse()
        .unwrap()
}

fn second_page() -> StandInAnswer {
    StandInAnswer::ok("application/json", sample("page-2.json"))
}

fn place<'a>(dataset: &'a Dataset, id: &str) -> &'a app::model::Place {
    dataset
        .records
        .places
        .iter()
        .find(|p| p.id().as_str() == id)
        .unwrap_or_else(|| panic!("{id} is there"))
}

#[tokio::test]
async fn the_national_api_is_read_page_after_page_and_merged() {
    let dir = copy_of_data();
    let before = Dataset::load(dir.path()).unwrap();
    let source = national_api(second_page).await;

    let report = import(&source, dir.path(), &options()).await.unwrap();
    assert_eq!(report.added.len(), 1, "{report}");
    assert_eq!(report.updated.len(), 1, "{report}");
    assert_eq!(report.updated[0].place, "conseiller-numerique-020");
    assert_eq!(report.elsewhere, 2, "Reims and Toulouse: {report}");
    // Lauzerte: ours is newer. Nègrepelisse: its latitude is no number.
    assert_eq!(report.left.len(), 2, "{report}");
    assert!(matches!(
        &report.left[0].why,
        Why::OursAsRecent { place, .. } if place == "france-services-000"
    ));
    assert_eq!(report.left[1].at, "page 2, élément 2");
    assert!(report.unreadable()[0].contains("latitude"), "{report}");
    let printed = report.to_string();
    assert!(
        printed.starts_with("1 ajouté(s), 1 mis à jour, 2 laissé(s), 2 hors du département."),
        "{printed}"
    );

    let after = Dataset::load(dir.path()).unwrap();
    assert_eq!(after.records.places.len(), before.records.places.len() + 1);
    let caussade = place(&after, &report.added[0]);
    assert_eq!(caussade.properties.nom, "Médiathèque de Caussade");
    assert_eq!(caussade.properties.services.len(), 2, "a JSON list read");
    // The source is newer: its hours and services; ours where it says nothing.
    let pij = place(&after, "conseiller-numerique-020");
    let pij_before = place(&before, "conseiller-numerique-020");
    assert_eq!(
        pij.properties.horaires.as_deref(),
        Some("Tu-Fr 09:00-12:00,13:30-17:00")
    );
    assert_eq!(pij.properties.services.len(), 3);
    assert_eq!(pij.properties.date_maj.to_string(), "2026-09-12");
    assert_eq!(pij.properties.site_web, pij_before.properties.site_web);
    assert_eq!(
        pij.properties.sources.len(),
        pij_before.properties.sources.len() + 1
    );
    // Ours is newer: left as it was, its phone too.
    assert_eq!(
        place(&after, "france-services-000").properties,
        place(&before, "france-services-000").properties
    );
    for p in &before.records.places {
        assert!(after.records.places.iter().any(|a| a.id() == p.id()));
    }

    // The same source again: the same places, recognised by their source ids; nothing to
    // write.
    let written = std::fs::read(dir.path().join(LIEUX)).unwrap();
    let again = import(&source, dir.path(), &options()).await.unwrap();
    assert!(
        again.added.is_empty() && again.updated.is_empty(),
        "{again}"
    );
    assert_eq!(std::fs::read(dir.path().join(LIEUX)).unwrap(), written);
}

#[tokio::test]
async fn the_data_gouv_export_is_read_gzipped() {
    let dir = copy_of_data();
    // A `.csv.gz` file served as it is, not compressed by the server.
    let port =
        stand_in_http(|_| StandInAnswer::ok("application/gzip", gzip(&sample("lieux.csv")))).await;
    let source: Source = format!("http://127.0.0.1:{port}/lieux-de-mediation-numerique.csv.gz")
        .parse()
        .unwrap();
    let report = import(&source, dir.path(), &options()).await.unwrap();
    assert_eq!(
        report.summary().to_string(),
        "1 ajouté(s), 1 mis à jour, 2 laissé(s), 2 hors du département."
    );
    assert_eq!(report.left[1].at, "ligne 6");
}

/// Rows written by anyone: a 1 MB name, a field of the wrong shape and a date to come are
/// left with their reason; a field outside the standard is not read; a script in a name is
/// kept as the text it is (escaped where shown: hostile.rs); two rows for one place update
/// it once.
#[tokio::test]
async fn hostile_rows_are_left_with_their_reason() {
    let dir = copy_of_data();
    let row = |id: &str, nom: &str| {
        serde_json::json!({
            "id": id, "pivot": "00000000000000", "nom": nom, "commune": "Moissac",
            "code_postal": "82200", "code_insee": "82112", "adresse": "1 rue X",
            "latitude": 44.105, "longitude": 1.085, "date_maj": "2026-01-01",
            "services": "Loisirs et créations numériques",
        })
    };
    let mut shaped = row("forme", "Lieu");
    shaped["horaires"] = serde_json::json!({"lundi": "9h"});
    let mut script = row("script", "<script>alert(1)</script> Médiathèque");
    script["ajout_de_la_source"] = serde_json::json!({"niveau": [1, 2]});
    let mut future = row("futur", "Lieu de demain");
    future["date_maj"] = "2099-01-01".into();
    let mut twice = script.clone();
    twice["id"] = "script-bis".into();
    let rows = serde_json::json!([
        row("enorme", &"a".repeat(1 << 20)),
        shaped,
        script,
        future,
        twice,
    ]);
    let port = stand_in_http(move |_| {
        StandInAnswer::ok("application/json", rows.to_string().into_bytes())
    })
    .await;
    let source: Source = format!("http://127.0.0.1:{port}/").parse().unwrap();
    let report = import(&source, dir.path(), &options()).await.unwrap();
    let left = report.unreadable();
    assert_eq!(left.len(), 3, "{report:.2000}");
    assert!(
        left[0].contains("champ « nom »") && left[0].len() < 300,
        "{}",
        left[0].chars().take(300).collect::<String>()
    );
    assert!(
        left[1].contains("champ « horaires » : texte attendu"),
        "{}",
        left[1]
    );
    assert!(left[2].contains("une date à venir"), "{}", left[2]);
    assert_eq!(report.added.len(), 1, "{report:.2000}");
    assert!(matches!(&report.left[3].why, Why::Twice { place } if *place == report.added[0]));
    let after = Dataset::load(dir.path()).unwrap();
    assert_eq!(
        place(&after, &report.added[0]).properties.nom,
        "<script>alert(1)</script> Médiathèque"
    );
}

/// A structure's correction, published by the team, is a local edit too: it wins over the
/// folder unless the folder's place is newer (imported since from a newer source).
#[tokio::test]
async fn a_published_correction_wins_unless_the_import_is_newer() {
    let dir = copy_of_data();
    import(&national_api(second_page).await, dir.path(), &options())
        .await
        .unwrap();
    let text = std::fs::read_to_string(dir.path().join(LIEUX)).unwrap();
    let places: serde_json::Value = serde_json::from_str(&text).unwrap();
    let correction = |date: &str| {
        let mut place = places["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["properties"]["id"] == "conseiller-numerique-020")
            .unwrap()
            .clone();
        place["properties"]["horaires"] = "Sa 09:00-12:00".into();
        place["properties"]["date_maj"] = date.into();
        carto82::dataset::Published {
            places: vec![place],
            ..Default::default()
        }
    };
    let served = |published| {
        let dataset = Dataset::load_with(
            dir.path(),
            carto82::dataset::LoadOptions { examples: true },
            &published,
        )
        .unwrap();
        place(&dataset, "conseiller-numerique-020")
            .properties
            .horaires
            .clone()
            .unwrap()
    };
    // Proposed before the source's update of 2026-09-12: the source's hours.
    assert_eq!(
        served(correction("2026-05-04")),
        "Tu-Fr 09:00-12:00,13:30-17:00"
    );
    // Proposed after: the structure's.
    assert_eq!(served(correction("2026-10-20")), "Sa 09:00-12:00");
}

/// Each failure of the source: an error saying which page and why, and the file untouched.
#[tokio::test]
async fn a_bad_page_a_slow_source_or_no_place_of_ours_change_nothing() {
    let dir = copy_of_data();
    let before = std::fs::read(dir.path().join(LIEUX)).unwrap();
    let fails = |report: Result<Report, ImportError>, expected: &[&str]| {
        let error = report.expect_err("refused").to_string();
        for part in expected {
            assert!(error.contains(part), "{part:?} in {error}");
        }
        assert_eq!(std::fs::read(dir.path().join(LIEUX)).unwrap(), before);
    };

    let error = national_api(|| StandInAnswer {
        status: "500 Internal Server Error",
        ..StandInAnswer::ok("text/plain", b"panne".to_vec())
    })
    .await;
    fails(
        import(&error, dir.path(), &options()).await,
        &["page 2", "a répondu « 500"],
    );

    let slow = national_api(|| StandInAnswer {
        delay: Duration::from_secs(3),
        ..second_page()
    })
    .await;
    let hurried = Options {
        time_limit: Duration::from_secs(1),
        ..options()
    };
    fails(
        import(&slow, dir.path(), &hurried).await,
        &["page 2", "n'a pas répondu en 1 s"],
    );

    let cut = national_api(|| StandInAnswer::ok("application/json", b"[{\"id\": ".to_vec())).await;
    fails(
        import(&cut, dir.path(), &options()).await,
        &["page 2", "JSON illisible"],
    );

    let elsewhere = Options {
        departement: "33".parse().unwrap(),
        ..options()
    };
    let source = national_api(second_page).await;
    fails(
        import(&source, dir.path(), &elsewhere).await,
        &["aucun lieu du département 33"],
    );

    let port =
        stand_in_http(|_| StandInAnswer::ok("text/html", b"<html>maintenance</html>".to_vec()))
            .await;
    let page: Source = format!("http://127.0.0.1:{port}/").parse().unwrap();
    fails(
        import(&page, dir.path(), &options()).await,
        &["ni une liste JSON ni un CSV du standard"],
    );

    // Every row of ours unreadable: the source changed its form; no success.
    let port = stand_in_http(|_| {
        let page = String::from_utf8(sample("page-2.json"))
            .unwrap()
            .replace("1.5389", "\"à l'est\"");
        let rows: Vec<serde_json::Value> = serde_json::from_str(&page).unwrap();
        StandInAnswer::ok("application/json", serde_json::to_vec(&rows[..2]).unwrap())
    })
    .await;
    let changed: Source = format!("http://127.0.0.1:{port}/").parse().unwrap();
    fails(
        import(&changed, dir.path(), &options()).await,
        &[
            "aucune des 2 ligne(s) du département n'est lisible",
            "longitude",
        ],
    );

    // The next page on another site is not followed.
    let port = stand_in_http(|_| {
        let mut answer = second_page();
        answer.headers.push((
            "Link",
            "<http://127.0.0.2:9/ailleurs>; rel=\"next\"".to_owned(),
        ));
        answer
    })
    .await;
    let elsewhere: Source = format!("http://127.0.0.1:{port}/").parse().unwrap();
    fails(
        import(&elsewhere, dir.path(), &options()).await,
        &["page 1", "sur un autre site (http://127.0.0.2:9/ailleurs)"],
    );

    // An answer that is no HTTP: the error says so, never the key in the address, which
    // `/healthz` shows.
    let port = stand_in_http(|_| StandInAnswer {
        status: "pas du HTTP",
        ..second_page()
    })
    .await;
    let keyed: Source = format!("http://127.0.0.1:{port}/lieux?cle=secret-de-la-source")
        .parse()
        .unwrap();
    let error = import(&keyed, dir.path(), &options())
        .await
        .expect_err("refused")
        .to_string();
    assert!(error.contains("échec de la requête"), "{error}");
    assert!(!error.contains("secret-de-la-source"), "{error}");
    assert_eq!(std::fs::read(dir.path().join(LIEUX)).unwrap(), before);
}

/// The server imports on its schedule: the new place shows on the map; then the source
/// fails, the map keeps it, and `/healthz` and `/metrics` say so.
#[tokio::test]
async fn the_scheduled_import_reloads_the_map_and_a_failure_keeps_the_last_good_data() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = copy_of_data();
    let broken = Arc::new(AtomicBool::new(false));
    let down = broken.clone();
    let source = national_api(move || {
        if down.load(Ordering::Relaxed) {
            StandInAnswer {
                status: "503 Service Unavailable",
                ..StandInAnswer::ok("text/plain", Vec::new())
            }
        } else {
            second_page()
        }
    })
    .await;
    let data = dir.path().to_owned();
    let app = carto82_e2e::spawn_app_with(move |args| {
        args.data = data;
        args.import.import_source = Some(source);
        args.import_schedule = Some("1s".parse().unwrap());
        args.metrics_allow = "127.0.0.1".parse().unwrap();
    })
    .await;
    let names = |places: &serde_json::Value| -> Vec<String> {
        places["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["properties"]["nom"].as_str().unwrap().to_owned())
            .collect()
    };
    let before = names(&app.get_json("/api/places").await).len();

    let mut shown = Vec::new();
    for _ in 0..60 {
        shown = names(&app.get_json("/api/places").await);
        if shown.iter().any(|n| n == "Médiathèque de Caussade") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        shown.iter().any(|n| n == "Médiathèque de Caussade"),
        "imported and reloaded: {shown:?}"
    );
    assert_eq!(shown.len(), before + 1);
    let health = app.get_json("/healthz").await;
    assert_eq!(health["status"], "ok", "{health}");
    assert!(
        health["import"]["derniere_reussite"]["bilan"]
            .as_str()
            .unwrap()
            .contains("hors du département"),
        "{health}"
    );

    broken.store(true, Ordering::Relaxed);
    let mut health = serde_json::Value::Null;
    for _ in 0..60 {
        health = app.get_json("/healthz").await;
        if health["status"] == "avertissement" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(health["status"], "avertissement", "{health}");
    let reason = health["import"]["dernier_echec"]["raison"]
        .as_str()
        .unwrap();
    assert!(
        reason.contains("page 2") && reason.contains("a répondu « 503"),
        "{reason}"
    );
    assert_eq!(
        names(&app.get_json("/api/places").await).len(),
        before + 1,
        "the last good data served"
    );

    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("carto82_import_failing 1"), "{metrics}");
    let count = |line: &str| -> u64 {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(line))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    assert!(
        count("carto82_imports_total{result=\"reussi\"}") >= 1,
        "{metrics}"
    );
    assert!(
        count("carto82_imports_total{result=\"echoue\"}") >= 1,
        "{metrics}"
    );
    // The last success: the first import added one place, the next ones none.
    assert!(
        metrics.contains("carto82_import_places{kind=\"ajoutes\"}"),
        "{metrics}"
    );
    assert!(
        count("carto82_import_last_success_timestamp_seconds") > 0,
        "{metrics}"
    );
}
