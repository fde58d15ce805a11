//! `carto82 import`: merging a CSV of the national standard into the dataset.

use app::model::Record;
use carto82::dataset::{Dataset, LIEUX};
use carto82::import::import;
use carto82_e2e::{copy_dir, data_dir};

fn copy_of_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir(), dir.path());
    dir
}

fn export_csv(data: &std::path::Path) -> String {
    let dataset = Dataset::load(data).unwrap();
    String::from_utf8(carto82::standard::to_csv(&dataset.records.places).unwrap()).unwrap()
}

#[test]
fn exporting_then_importing_gives_the_same_places() {
    let dir = copy_of_data();
    let before = export_csv(dir.path());
    let file = dir.path().join("export.csv");
    std::fs::write(&file, &before).unwrap();

    let report = import(&file, dir.path()).unwrap();
    let count = Dataset::load(dir.path()).unwrap().records.places.len();
    assert_eq!(report.merged.len(), count, "{report}");
    assert!(
        report.added.is_empty() && report.refused.is_empty(),
        "{report}"
    );
    assert!(
        report.merged.iter().all(|(row, place, _)| row == place),
        "each row onto itself"
    );
    assert_eq!(
        export_csv(dir.path()),
        before,
        "same places, same standard columns"
    );
}

#[test]
fn new_places_are_added_near_duplicates_merged_and_bad_rows_refused() {
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

    let report = import(&file, dir.path()).unwrap();
    assert_eq!(report.merged.len(), 1, "{report}");
    assert_eq!(report.merged[0].1, "france-services-000");
    assert_eq!(report.added, ["mediatheque-caussade"], "{report}");
    let refused: Vec<&str> = report.refused.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(refused.len(), 5, "{report}");
    assert!(refused[0].contains("Tarn-et-Garonne"), "{refused:?}");
    assert!(
        refused[1].contains("services") && refused[1].contains("Réparer des vélos"),
        "{refused:?}"
    );
    for (reason, field) in refused[2..]
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
    assert!(
        merged
            .properties
            .sources
            .iter()
            .any(|s| s.jeu == "import" && s.id_source == "fs-lauzerte-national")
    );
    assert!(!dir.path().join("lieux.geojson.tmp").exists());
}

#[test]
fn an_unreadable_file_changes_nothing() {
    let dir = copy_of_data();
    let before = std::fs::read(dir.path().join(LIEUX)).unwrap();
    assert!(import(&dir.path().join("absent.csv"), dir.path()).is_err());
    assert_eq!(std::fs::read(dir.path().join(LIEUX)).unwrap(), before);
}
