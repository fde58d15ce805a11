//! "Signaler une erreur" over HTTP: a good report lands whole in the coordinators' queue;
//! malformed or hostile ones are refused with the field named, and nothing stored is lost;
//! the server keeps serving.

use carto82::participation::{Contributions, Kind, Proposal, Role};
use carto82_e2e::spawn_app_with;

/// A server with its contributions database in `dir`, and the URL of that database.
async fn with_base(dir: &std::path::Path) -> (carto82_e2e::TestApp, String) {
    let base = format!("sqlite:{}", dir.join("base.sqlite").display());
    let url = base.clone();
    (spawn_app_with(move |args| args.base = url).await, base)
}

/// The residents' reports in the queue, oldest first.
async fn reports_in(base: &str) -> Vec<Proposal> {
    let store = Contributions::open(base).await.unwrap();
    let mut queue = store.queue(Role::Coordinator, None).await.unwrap();
    queue.retain(|p| p.kind == Kind::Report);
    queue
}

#[tokio::test]
async fn reports_land_in_the_queue_whole_and_bad_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (app, base) = with_base(dir.path()).await;
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
            vec![
                ("page", "/lieux/france-services-000".to_owned()),
                ("message", " ".to_owned()),
            ],
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
                ("page", "/lieux/france-services-000".to_owned()),
                ("message", "Un vrai message".to_owned()),
                ("courriel", "<script>".to_owned()),
            ],
            "courriel",
        ),
        (
            vec![
                ("page", "/lieux/pas-un-lieu".to_owned()),
                ("message", "Un vrai message".to_owned()),
            ],
            "page",
        ),
    ] {
        let typed = form
            .iter()
            .find(|(k, _)| *k == "message")
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default();
        let response = post(form).await;
        assert_eq!(response.status(), 400);
        let page = response.text().await.unwrap();
        assert!(
            page.contains(&format!("id=\"signaler-erreur-{field}\"")),
            "the field at fault is named next to it: {field}"
        );
        assert!(page.contains(&typed), "what was typed is kept: {field}");
        assert!(page.contains("class=\"entete\""), "in the site's frame");
    }
    // Far more than a report: refused before it is read, in French.
    let huge = post(vec![
        ("page", "/lieux/x".into()),
        ("message", "x".repeat(1_000_000)),
    ])
    .await;
    assert_eq!(huge.status(), 413);
    assert!(
        huge.text()
            .await
            .unwrap()
            .contains("Votre message est trop long")
    );

    let stored = reports_in(&base).await;
    assert_eq!(stored.len(), 1, "only the good report: {stored:?}");
    assert_eq!(stored[0].content["page"], "/lieux/france-services-000");
    assert_eq!(
        stored[0].content["message"],
        "Le lieu est fermé le mercredi."
    );
    assert_eq!(stored[0].content["concerne"]["id"], "france-services-000");
    assert_eq!(stored[0].email, None);
    assert_eq!(app.get("/healthz").await.status(), 200, "still serving");

    // The form is on the pages.
    let page = app.get_page("/lieux/france-services-000").await;
    assert!(
        page.contains("action=\"/signaler\"")
            && page.contains("value=\"/lieux/france-services-000\"")
    );
}

#[tokio::test]
async fn a_long_message_in_euros_is_accepted_and_a_flood_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (app, base) = with_base(dir.path()).await;
    let send = |message: String| {
        let client = app.client.clone();
        let url = app.url("/signaler");
        async move {
            client
                .post(url)
                .form(&[
                    ("page", "/lieux/france-services-000".to_owned()),
                    ("message", message),
                    ("courriel", String::new()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    // 2 000 "€" are 18 000 bytes once percent-encoded: a browser may send that.
    let euros = send("€".repeat(2000)).await;
    assert_eq!(euros.status(), 200);

    let mut statuses = Vec::new();
    for i in 0..20 {
        let response = send(format!("Message numéro {i} : fermé le lundi")).await;
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            assert!(response.headers().contains_key("retry-after"));
            let page = response.text().await.unwrap();
            assert!(page.contains("Réessayez dans"), "said in French");
            assert!(
                page.contains(&format!("Message numéro {i}")),
                "what was typed is given back"
            );
        }
    }
    let accepted = statuses.iter().filter(|s| **s == 200).count();
    assert!(accepted <= 5, "a few in a row, then refused: {statuses:?}");
    assert!(statuses.contains(&429));
    assert_eq!(
        reports_in(&base).await.len(),
        1 + accepted,
        "every accepted one stored"
    );
    assert_eq!(app.get("/healthz").await.status(), 200, "still serving");
}

#[tokio::test]
async fn a_resident_who_mistypes_gets_the_form_back_on_a_phone() {
    use carto82_e2e::browser::{
        assert_accessible, fits_the_width, open, save_screenshot, with_browser,
    };
    use fantoccini::Locator;

    let dir = tempfile::tempdir().unwrap();
    let (app, base) = with_base(dir.path()).await;
    let page = app.url("/lieux/france-services-000");
    with_browser(360, 740, move |client| async move {
        open(&client, &page).await;
        client
            .find(Locator::Css("details.signaler > summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let message = "Le lieu est fermé le mercredi <b>depuis</b> mars.";
        client
            .find(Locator::Id("signaler-message"))
            .await
            .unwrap()
            .send_keys(message)
            .await
            .unwrap();
        client
            .find(Locator::Id("signaler-courriel"))
            .await
            .unwrap()
            .send_keys("pas-une-adresse@")
            .await
            .unwrap();
        // The browser's own check of `type="email"` is what a resident meets first; the
        // server's is what this test is about, so the form is sent as it is.
        client
            .execute(
                "const f = document.querySelector('details.signaler form'); f.noValidate = true; f.submit(); return true;",
                vec![],
            )
            .await
            .unwrap();
        let error = client
            .wait()
            .for_element(Locator::Id("signaler-erreur-courriel"))
            .await
            .expect("the problem is said next to the field");
        assert!(error.text().await.unwrap().contains("Cette adresse de courriel"));
        let kept = client
            .find(Locator::Id("signaler-message"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(kept, message, "what was typed is kept, as text");
        let header = client.find(Locator::Css("header.entete")).await;
        assert!(header.is_ok(), "in the site's frame");
        assert!(fits_the_width(&client).await);
        assert_accessible(&client, "the answer to a mistyped report").await;
        save_screenshot(&client, "signaler-erreur-360.png").await;
    })
    .await;
    assert!(reports_in(&base).await.is_empty(), "nothing stored");
}
