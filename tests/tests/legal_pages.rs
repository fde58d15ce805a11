//! The pages a public body must publish (issue 13, item 25): the legal notice and the RGAA
//! accessibility statement, from `data/publication.json`, linked from every page's footer.

use carto82::dataset::Dataset;
use carto82_e2e::{copy_dir, data_dir, spawn_app, spawn_app_with, text_at};
use serde_json::{Value, json};

/// A copy of the real data with `publication.json` edited (or removed, with `None`).
fn with_publication(edit: impl FnOnce(&mut Value) -> Option<()>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir(), dir.path());
    let path = dir.path().join("publication.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    match edit(&mut doc) {
        Some(()) => std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap(),
        None => std::fs::remove_file(&path).unwrap(),
    }
    dir
}

fn refused(dir: &std::path::Path) -> Vec<carto82::dataset::DatasetError> {
    match Dataset::load(dir) {
        Ok(_) => panic!("the dataset should be refused"),
        Err(e) => e.0,
    }
}

#[tokio::test]
async fn both_pages_are_linked_from_every_page_and_say_the_state() {
    let app = spawn_app().await;
    let place = app.get_json("/api/places").await["features"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for page in [
        "/",
        "/couverture",
        "/integrer",
        &format!("/lieux/{place}"),
        "/api",
        "/accessibilite",
        "/mentions-legales",
    ] {
        let html = app.get_page(page).await;
        let footer = text_at(&html, "footer nav");
        assert!(
            footer.contains("Mentions légales") && footer.contains("Accessibilité : non conforme"),
            "{page}: « {footer} »"
        );
        assert!(
            html.contains("href=\"/mentions-legales\"") && html.contains("href=\"/accessibilite\"")
        );
    }
    // Pages the server writes itself (a 404) have the same footer.
    let missing = app.get("/nulle-part").await;
    assert_eq!(missing.status(), 404);
    assert!(
        missing
            .text()
            .await
            .unwrap()
            .contains("Accessibilité : non conforme")
    );

    let statement = app.get_page("/accessibilite").await;
    assert!(statement.contains("<title>Déclaration d'accessibilité – Carto82</title>"));
    let text = text_at(&statement, "main");
    for said in [
        "Ce texte est un exemple",
        "Carto82 est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.",
        "Comment le site est vérifié",
        "axe-core",
        "Dérogations",
        "La carte interactive",
        "Cette déclaration a été établie le 30 novembre 2026.",
        "Voies de recours",
        "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07",
    ] {
        assert!(text.contains(said), "« {said} » in {text}");
    }
    // Without an e-mail address, the report form is the way to write.
    assert!(statement.contains("action=\"/signaler\""));
    let notice = app.get_page("/mentions-legales").await;
    let text = text_at(&notice, "main");
    for said in [
        "Qui publie ce site",
        "Conseil départemental de Tarn-et-Garonne",
        "Qui héberge ce site",
        "Licence Ouverte",
        "Vos données personnelles",
    ] {
        assert!(text.contains(said), "« {said} » in {text}");
    }
}

#[tokio::test]
async fn the_texts_are_data_the_publisher_edits_escaped_where_shown() {
    let dir = with_publication(|doc| {
        doc["exemple"] = json!(false);
        doc["editeur"]["nom"] = json!("Département <script>alert(1)</script>");
        doc["accessibilite"]["etat"] = json!("partiellement conforme");
        doc["accessibilite"]["contact_courriel"] = json!("accessibilite@example.org");
        doc["accessibilite"]["non_conformites"] = json!(["x".repeat(2000)]);
        Some(())
    });
    let path = dir.path().to_owned();
    let app = spawn_app_with(move |args| args.data = path).await;
    let home = app.get_page("/").await;
    assert!(text_at(&home, "footer nav").contains("Accessibilité : partiellement conforme"));
    let statement = app.get_page("/accessibilite").await;
    assert!(!statement.contains("Ce texte est un exemple"));
    assert!(!statement.contains("<script>alert"), "escaped");
    assert!(statement.contains("Département &lt;script&gt;"));
    assert!(statement.contains("href=\"mailto:accessibilite@example.org\""));
    assert!(
        !statement.contains("action=\"/signaler\""),
        "the address is the way to write"
    );
}

#[tokio::test]
async fn a_wrong_text_is_named_where_it_is_and_a_missing_file_says_so() {
    let dir = with_publication(|doc| {
        doc["accessibilite"]["contact_courriel"] = json!("pas une adresse");
        doc["accessibilite"]["derogations"] = json!(["  "]);
        doc["donnees_personnelles"] = json!(["y".repeat(2001)]);
        Some(())
    });
    let errors = refused(dir.path());
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields,
        ["accessibilite.derogations[0]", "donnees_personnelles[0]"],
        "{errors:#?}"
    );
    let dir = with_publication(|doc| {
        doc["accessibilite"]["contact_courriel"] = json!("pas une adresse");
        doc["accessibilite"]["etat"] = json!("conforme à moitié");
        Some(())
    });
    let errors = refused(dir.path());
    assert_eq!(
        errors[0].field.as_deref(),
        Some("accessibilite.etat"),
        "{errors:#?}"
    );
    assert!(
        errors[0].reason.contains("partiellement conforme"),
        "the states allowed are said"
    );
    let dir = with_publication(|doc| {
        doc["accessibilite"]["contact_courriel"] = json!("pas une adresse");
        Some(())
    });
    let errors = refused(dir.path());
    assert_eq!(
        errors[0].field.as_deref(),
        Some("accessibilite.contact_courriel")
    );

    let dir = with_publication(|_| None);
    let path = dir.path().to_owned();
    let app = spawn_app_with(move |args| args.data = path).await;
    let page = app.get("/accessibilite").await;
    assert_eq!(page.status(), 404);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Ce texte n'est pas encore publié")
    );
    assert!(text_at(&app.get_page("/").await, "footer nav").contains("Accessibilité"));
}

/// The pages added by issue 13 at phone width: no sideways scroll, no axe violation.
#[tokio::test]
async fn the_new_pages_fit_a_phone_and_pass_axe() {
    use carto82_e2e::browser::{
        assert_accessible, fits_the_width, open, save_screenshot, with_browser,
    };
    let app = spawn_app().await;
    let plain = [
        (app.url("/accessibilite"), "accessibilite-360.png"),
        (app.url("/mentions-legales"), "mentions-legales-360.png"),
    ];
    let hydrated = [
        (
            app.url("/lieux/france-services-015"),
            "bus-france-services-360.png",
        ),
        (app.url("/?where=82110"), "code-postal-partage-360.png"),
        (app.url("/evenements"), "agenda-360.png"),
        (app.url("/couverture"), "couverture-360.png"),
    ];
    with_browser(360, 740, move |client| async move {
        for (url, shot) in plain {
            // Written by the server alone: nothing to hydrate.
            client.goto(&url).await.unwrap();
            assert!(fits_the_width(&client).await, "{url} scrolls sideways");
            assert_accessible(&client, &url).await;
            save_screenshot(&client, shot).await;
        }
        for (url, shot) in hydrated {
            open(&client, &url).await;
            assert!(fits_the_width(&client).await, "{url} scrolls sideways");
            assert_accessible(&client, &url).await;
            save_screenshot(&client, shot).await;
        }
    })
    .await;
}
