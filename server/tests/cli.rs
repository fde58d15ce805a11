//! The `carto82` binary as an operator runs it: `validate`, and refusing to serve bad data.

use std::path::Path;
use std::process::Command;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_carto82");

fn data() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

/// A copy of the real dataset whose third place has a postcode of four digits.
fn broken_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = |rel: &str| {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(data().join(rel), to).unwrap();
    };
    for rel in [
        "territoire/communes.geojson",
        "territoire/communes.simplifie.geojson",
        "territoire/epci.simplifie.geojson",
        "territoire/zones.simplifie.geojson",
    ] {
        copy(rel);
    }
    let text = std::fs::read_to_string(data().join("lieux.geojson")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["features"][2]["properties"]["code_postal"] = "8200".into();
    std::fs::write(dir.path().join("lieux.geojson"), doc.to_string()).unwrap();
    dir
}

#[test]
fn validate_accepts_the_embedded_dataset() {
    let out = Command::new(BIN)
        .arg("validate")
        .arg(data())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("valide") && stdout.contains("195 communes"),
        "{stdout}"
    );
}

#[test]
fn validate_reports_file_feature_and_field_and_fails() {
    let dir = broken_copy();
    let out = Command::new(BIN)
        .arg("validate")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("lieux.geojson")
            && stderr.contains("features[2]")
            && stderr.contains("code_postal"),
        "{stderr}"
    );
}

#[test]
fn the_server_refuses_to_start_on_an_invalid_dataset() {
    let dir = broken_copy();
    let out = Command::new(BIN)
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("ne démarre pas") && stderr.contains("features[2]"),
        "{stderr}"
    );
}

#[test]
fn settings_come_from_the_environment_too() {
    let out = Command::new(BIN)
        .arg("serve")
        .env("CARTO82_DATA", "/nonexistent/carto82")
        .env("CARTO82_BIND", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/carto82"));
}

/// `carto82 utilisateur ajouter`: the password read on standard input, kept as an Argon2id
/// hash only; a short password, a referent without a zone or a second account of the same
/// name are refused.
#[test]
fn an_operator_adds_coordinators_and_referents() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("base.sqlite");
    let base = format!("sqlite:{}", path.display());
    let add = |args: &[&str], password: &str| {
        let mut child = Command::new(BIN)
            .args(["utilisateur", "ajouter"])
            .args(args)
            .args(["--base", &base])
            .env_remove("CARTO82_MOT_DE_PASSE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let secret = "correct cheval agrafe batterie";
    let out = add(&["anne", "--role", "coordinateur"], secret);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = add(&["rene", "--role", "referent", "--zone", "Est"], secret);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (args, password, said) in [
        (&["court", "--role", "coordinateur"][..], "court", "12"),
        (&["sanszone", "--role", "referent"][..], secret, "zone"),
        (
            &["anne", "--role", "coordinateur"][..],
            secret,
            "compte non créé",
        ),
    ] {
        let out = add(args, password);
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(said), "{args:?}: {stderr}");
    }
    let stored = [
        std::fs::read(&path).unwrap_or_default(),
        std::fs::read(dir.path().join("base.sqlite-wal")).unwrap_or_default(),
    ]
    .concat();
    let text = String::from_utf8_lossy(&stored);
    assert!(!text.contains(secret), "never in clear");
    assert!(text.contains("$argon2id$"), "an Argon2id hash");
}

#[tokio::test]
async fn an_operator_backs_up_restores_and_exports_the_published_state() {
    use carto82::participation::Contributions;
    let dir = tempfile::tempdir().unwrap();
    let base = format!("sqlite:{}", dir.path().join("base.sqlite").display());
    let store = Contributions::open(&base).await.unwrap();
    let dataset = carto82::dataset::Dataset::load(&data()).unwrap();
    let common::Published {
        token,
        feature,
        id,
        hours,
    } = common::publish_an_event_and_a_correction(&store, &dataset).await;

    // Backed up while the database is open, never over a file.
    let copy = dir.path().join("copie.sqlite");
    let back_up = || {
        Command::new(BIN)
            .args(["sauvegarder"])
            .arg(&copy)
            .args(["--base", &base])
            .output()
            .unwrap()
    };
    // A mistyped address is no database: nothing is made, nothing is said saved.
    let missing = dir.path().join("faute.sqlite");
    let out = Command::new(BIN)
        .args(["sauvegarder"])
        .arg(dir.path().join("rien.sqlite"))
        .args(["--base", &format!("sqlite:{}", missing.display())])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pas de base à cette adresse"));
    assert!(!missing.exists() && !dir.path().join("rien.sqlite").exists());
    let out = back_up();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = back_up();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("existe déjà"));
    // Restored: the copy in place of the database has it all.
    drop(store);
    let restored = Contributions::open(&format!("sqlite:{}", copy.display()))
        .await
        .unwrap();
    assert_eq!(
        restored.published().await.unwrap().events,
        vec![feature.clone()]
    );
    assert_eq!(restored.follow_up(&token).await.unwrap().unwrap().len(), 2);
    drop(restored);

    // Exported: the folder plus what is published, valid, in the same format.
    let out_dir = dir.path().join("publie");
    let export = || {
        Command::new(BIN)
            .args(["exporter"])
            .arg(&out_dir)
            .arg("--data")
            .arg(data())
            .args(["--base", &format!("sqlite:{}", copy.display())])
            .output()
            .unwrap()
    };
    let out = export();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("dont 1 venus des propositions publiées. Lieux venus des propositions : 1. Structures venues des propositions : 0."),
        "{said}"
    );
    let exported = carto82::dataset::Dataset::load(&out_dir).unwrap();
    assert_eq!(
        exported.records.events.len(),
        dataset.records.events.len() + 1
    );
    assert!(exported.records.by_text::<app::model::Event>(&id).is_some());
    assert_eq!(exported.records.places.len(), dataset.records.places.len());
    let corrected = exported
        .records
        .by_text::<app::model::Place>("conseiller-numerique-022")
        .unwrap();
    assert_eq!(corrected.properties.horaires.as_deref(), Some(hours));
    let out = export();
    assert!(!out.status.success(), "never into a folder with files");
    assert!(String::from_utf8_lossy(&out.stderr).contains("n'est pas vide"));
}

#[test]
fn a_mail_relay_needs_a_sender_and_the_public_address_to_start() {
    let base = tempfile::tempdir().unwrap();
    let start = |more: &[&str]| {
        let out = Command::new(BIN)
            .args([
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--smtp",
                "smtp://127.0.0.1:25",
            ])
            .args(more)
            .arg("--data")
            .arg(data())
            .arg("--base")
            .arg(format!("sqlite:{}", base.path().join("b.sqlite").display()))
            .env_remove("CARTO82_COURRIEL")
            .env_remove("CARTO82_URL")
            .output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // Without the public address, a mail's link would come from the request's Host.
    let said = start(&["--courriel", "carto82@exemple.fr"]);
    assert!(said.contains("CARTO82_URL"), "{said}");
    let said = start(&["--url", "https://carto82.exemple.fr"]);
    assert!(said.contains("CARTO82_COURRIEL"), "{said}");
}
