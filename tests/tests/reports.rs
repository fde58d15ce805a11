//! "Signaler une erreur" over HTTP: a good report is stored whole; malformed or hostile ones
//! are refused with the field named, and nothing stored is lost; the server keeps serving.

use carto82_e2e::spawn_app_with;

#[tokio::test]
async fn reports_are_stored_one_line_each_and_bad_ones_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("signalements.jsonl");
    let path = file.clone();
    let app = spawn_app_with(move |args| args.signalements = path).await;
    let post = |form: Vec<(&'static str, String)>| {
        let client = app.client.clone();
        let url = app.url("/signaler");
        async move { client.post(url).form(&form).send().await.unwrap() }
    };

    let ok = post(vec![
        ("page", "/lieux/france-services-000".into()),
        ("message", "Le lieu est fermé le mercredi.".into()),
        ("courriel", "".into()),
    ])
    .await;
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.unwrap().contains("Merci"));

    for (form, field) in [
        (
            vec![("page", "/lieux/x".to_owned()), ("message", " ".to_owned())],
            "message",
        ),
        (
            vec![
                ("page", "https://ailleurs.example/".to_owned()),
                ("message", "Bonjour à tous".to_owned()),
            ],
            "page",
        ),
        (
            vec![
                ("page", "/lieux/x".to_owned()),
                ("message", "Un vrai message".to_owned()),
                ("courriel", "<script>".to_owned()),
            ],
            "courriel",
        ),
    ] {
        let response = post(form).await;
        assert_eq!(response.status(), 400);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains(&format!("Champ « {field} »")),
            "{field}"
        );
    }
    // Far more than a report: refused before it is read.
    let huge = post(vec![
        ("page", "/lieux/x".into()),
        ("message", "x".repeat(100_000)),
    ])
    .await;
    assert_eq!(huge.status(), 413);

    let stored = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<serde_json::Value> = stored
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "only the good report: {stored}");
    assert_eq!(lines[0]["page"], "/lieux/france-services-000");
    assert_eq!(lines[0]["message"], "Le lieu est fermé le mercredi.");
    assert!(lines[0].get("courriel").is_none());
    assert_eq!(app.get("/healthz").await.status(), 200, "still serving");

    // The form is on the pages.
    let page = app.get_page("/lieux/france-services-000").await;
    assert!(
        page.contains("action=\"/signaler\"")
            && page.contains("value=\"/lieux/france-services-000\"")
    );
}
