//! The call for participation (issue 16, first part): a structure proposes an event
//! without an account, every rule is checked with its message next to its field, and the
//! private follow-up link lists what it proposed, across a restart.

use carto82_e2e::browser::{assert_accessible, fits_the_width, poll, with_browser};
use carto82_e2e::{TestApp, spawn_app, spawn_app_with, text_at};
use fantoccini::Locator;

/// A form as posted: names and values, in order.
type Form = Vec<(&'static str, String)>;

/// A proposal every rule accepts: next year, at a place of the map.
fn good() -> Form {
    let next_year = carto82_e2e::next_year();
    vec![
        (
            "titre",
            "Atelier « Mon smartphone au quotidien »".to_owned(),
        ),
        (
            "resume",
            "Apprendre à régler son téléphone et à envoyer des photos.".to_owned(),
        ),
        ("description", String::new()),
        ("theme", "famille".to_owned()),
        ("type", "atelier".to_owned()),
        ("jour", format!("{next_year}-04-14")),
        ("debut", "14:00".to_owned()),
        ("fin", "16:30".to_owned()),
        ("lieu_id", "france-services-014".to_owned()),
        ("public", "Tout public".to_owned()),
        ("prix", "Gratuit".to_owned()),
        ("accessibilite", "handicap moteur".to_owned()),
        ("inscription", "obligatoire".to_owned()),
        ("inscription_telephone", "05 63 00 00 00".to_owned()),
        ("organisateur_id", "departement-tarn-et-garonne".to_owned()),
        ("courriel", "contact@exemple.fr".to_owned()),
    ]
}

/// The good form, in a hall of Lauzerte typed by hand rather than a place of the list.
fn in_lauzerte() -> Form {
    let typed = [
        ("lieu_id", ""),
        ("lieu_nom", "Salle des fêtes"),
        ("adresse", "Place des Cornières"),
        ("code_postal", "82110"),
        ("commune", "Lauzerte"),
    ];
    typed
        .into_iter()
        .fold(good(), |form, (name, value)| with(form, name, value))
}

fn with(
    mut form: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    form.retain(|(k, _)| *k != name);
    form.push((name, value.to_owned()));
    form
}

async fn post(app: &TestApp, form: &[(&str, String)]) -> reqwest::Response {
    app.client
        .post(app.url("/participer/evenement"))
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn each_rule_names_its_field_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let long = "é".repeat(141);
    let cases: Vec<(Form, &str, &str)> = vec![
        (with(good(), "titre", ""), "titre", "Donnez un titre."),
        (
            with(good(), "titre", &long),
            "titre",
            "141 caractères, 140 au plus",
        ),
        (with(good(), "resume", ""), "resume", "en une phrase"),
        (
            with(good(), "theme", "jardinage"),
            "theme",
            "Choisissez un thème.",
        ),
        (with(good(), "type", ""), "type", "Choisissez un type"),
        (
            with(good(), "jour", "2020-04-14"),
            "jour",
            "Cette date est passée.",
        ),
        (with(good(), "jour", "31/02/2027"), "jour", "Donnez la date"),
        (
            with(good(), "fin", "13:00"),
            "fin",
            "après l'heure du début",
        ),
        (
            with(good(), "lieu_id", "nulle-part"),
            "lieu_id",
            "pas dans la liste",
        ),
        (with(good(), "lieu_id", ""), "lieu_nom", "nom du lieu"),
        (
            with(
                with(
                    with(with(good(), "lieu_id", ""), "lieu_nom", "Salle des fêtes"),
                    "adresse",
                    "1 place de la Mairie",
                ),
                "code_postal",
                "31000",
            ),
            "code_postal",
            "commence par 82",
        ),
        (
            with(
                with(
                    with(
                        with(with(good(), "lieu_id", ""), "lieu_nom", "Salle"),
                        "adresse",
                        "1 rue",
                    ),
                    "code_postal",
                    "82110",
                ),
                "commune",
                "Toulouse",
            ),
            "commune",
            "pas dans le Tarn-et-Garonne",
        ),
        (
            with(with(in_lauzerte(), "lat", "44.0176"), "lon", "1.3545"),
            "point",
            "est à Montauban, pas à Lauzerte",
        ),
        (
            with(with(in_lauzerte(), "lat", "48.8566"), "lon", "2.3522"),
            "point",
            "pas dans le Tarn-et-Garonne",
        ),
        (
            with(with(in_lauzerte(), "lat", "NaN"), "lon", "1e999"),
            "point",
            "n'a pas pu être lu",
        ),
        (
            with(in_lauzerte(), "lat", "44.25"),
            "point",
            "n'a pas pu être lu",
        ),
        (
            with(good(), "inscription_telephone", ""),
            "inscription",
            "au moins un moyen",
        ),
        (
            with(good(), "inscription_telephone", "12"),
            "inscription_telephone",
            "10 chiffres",
        ),
        (
            with(good(), "inscription_lien", "javascript:alert(1)"),
            "inscription_lien",
            "https://",
        ),
        (
            with(good(), "courriel", "pas une adresse"),
            "courriel",
            "pas valide",
        ),
        (
            with(good(), "organisateur_id", ""),
            "organisateur",
            "nom de votre structure",
        ),
        (
            with(good(), "accessibilite", "<b>tout</b>"),
            "accessibilite",
            "Choisissez dans la liste.",
        ),
    ];
    for (form, field, said) in cases {
        let answer = post(&app, &form).await;
        assert_eq!(answer.status(), 400, "{field}");
        let page = answer.text().await.unwrap();
        let error = text_at(&page, &format!("#erreur-{field}"));
        assert!(error.contains(said), "{field}: {error}");
        // The list of problems links to the field, and the title stays as typed.
        assert!(page.contains(&format!("href=\"#p-{field}\"")), "{field}");
        if field != "titre" {
            assert!(
                page.contains("value=\"Atelier « Mon smartphone au quotidien »\""),
                "{field}: the title is kept"
            );
        }
    }
}

#[tokio::test]
async fn hostile_input_is_text_a_huge_body_is_refused_and_robots_are_turned_away() {
    let app = spawn_app().await;
    let script = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    // Refused for another field: the hostile title comes back as text, in the value.
    let answer = post(&app, &with(with(good(), "titre", script), "theme", "")).await;
    assert_eq!(answer.status(), 400);
    let page = answer.text().await.unwrap();
    assert!(!page.contains("<script>alert(1)"), "escaped");
    assert!(!page.contains("<img src=x"), "escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"));
    // Accepted: shown as text on the follow-up page.
    let answer = post(&app, &with(with(good(), "titre", script), "resume", script)).await;
    assert_eq!(answer.status(), 200);
    assert!(answer.url().path().starts_with("/participer/suivi/"));
    let page = answer.text().await.unwrap();
    assert!(
        !page.contains("<script>alert(1)"),
        "escaped on the follow-up page"
    );
    assert_eq!(text_at(&page, "ol.propositions h2"), script);
    // A 1 MB field: a page in French, nothing stored.
    let huge = with(good(), "description", &"x".repeat(1_000_000));
    let answer = post(&app, &huge).await;
    assert_eq!(answer.status(), 413);
    assert!(answer.text().await.unwrap().contains("trop longue"));
    // Odd Unicode (joiners, right-to-left marks, emoji) is kept as typed, and shown as text.
    let odd = "Atelier \u{202e}lanigiro\u{202c} 👩‍💻 e\u{301}";
    let answer = post(&app, &with(good(), "titre", odd)).await;
    assert_eq!(answer.status(), 200);
    assert_eq!(
        text_at(&answer.text().await.unwrap(), "ol.propositions h2"),
        odd
    );
    // A date typed by hand, day first, is read too.
    let next_year = carto82_e2e::next_year();
    let typed = post(&app, &with(good(), "jour", &format!("14/04/{next_year}"))).await;
    assert_eq!(typed.status(), 200);
    // The field only robots fill.
    let answer = post(&app, &with(good(), "site_web_bis", "https://spam.example")).await;
    assert_eq!(answer.status(), 400);
    // A follow-up that does not exist.
    let answer = post(&app, &with(good(), "suivi", &"0".repeat(64))).await;
    assert_eq!(answer.status(), 400);
    assert_eq!(
        app.get(&format!("/participer/suivi/{}", "0".repeat(64)))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get("/participer/suivi/%3Cscript%3E").await.status(),
        404
    );
}

#[tokio::test]
async fn one_address_sends_a_few_proposals_then_waits() {
    let app = spawn_app().await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let answer = post(&app, &good()).await;
        statuses.push(answer.status().as_u16());
        if answer.status() == 429 {
            assert!(answer.headers().contains_key("retry-after"));
            assert!(answer.text().await.unwrap().contains("Réessayez dans"));
        }
    }
    assert_eq!(&statuses[..5], [200; 5]);
    assert_eq!(statuses[6], 429, "{statuses:?}");
}

/// A structure answers the call in a browser, lands on its follow-up page, proposes a
/// second event from there; a server started again on the same database lists both.
#[tokio::test]
async fn a_structure_proposes_an_event_and_follows_it_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let base = format!(
        "sqlite:{}",
        dir.path().join("contributions.sqlite").display()
    );
    let first_base = base.clone();
    let app = spawn_app_with(move |args| args.base = first_base).await;
    // The call's dates come from data/appel.json, said as past, present or future.
    let page = app.get_page("/participer").await;
    assert!(
        page.contains("L'édition 2026 a eu lieu du 13 avril au 10 mai 2026. La semaine phare a eu lieu à Montauban, du 13 au 17 avril 2026."),
        "{page}"
    );
    let call = app.url("/participer");
    let next_year = carto82_e2e::next_year();
    let follow_up = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let found = follow_up.clone();
    with_browser(360, 740, move |client| async move {
        // Pages written by the server: nothing to hydrate.
        client.goto(&call).await.unwrap();
        assert_accessible(&client, "/participer at 360 px").await;
        client.find(Locator::Css("a.bouton")).await.unwrap().click().await.unwrap();
        poll(&client, "return location.pathname;", 20, |v| v == "/participer/evenement").await;
        assert_accessible(&client, "the event form at 360 px").await;
        assert!(fits_the_width(&client).await, "the form fits 360 px");
        // A few letters of a town keep only its places; one left is chosen.
        client.find(Locator::Id("p-chercher-lieu")).await.unwrap().send_keys("lauzerte").await.unwrap();
        poll(&client, "return document.getElementById('p-lieu_id').value;", 20, |v| v == "france-services-000").await;
        let said = client
            .find(Locator::Css("[data-chercher-lieu] [role=status]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(said, "Un lieu correspond : il est choisi dans la liste.");
        // Back to "another place", whose address is typed below.
        client.find(Locator::Id("p-lieu_id")).await.unwrap().select_by_value("").await.unwrap();
        let fill = |id: &'static str, text: String| {
            let client = client.clone();
            async move {
                let field = client.find(Locator::Id(id)).await.unwrap();
                field.clear().await.unwrap();
                field.send_keys(&text).await.unwrap();
            }
        };
        fill("p-titre", "Café numérique".to_owned()).await;
        fill("p-resume", "On répond à vos questions sur l'ordinateur.".to_owned()).await;
        client.find(Locator::Id("p-theme")).await.unwrap().select_by_value("éducation").await.unwrap();
        client.find(Locator::Id("p-type")).await.unwrap().select_by_value("rencontre").await.unwrap();
        // A date field takes the digits of the browser's locale order; set as the
        // browser's own value.
        client
            .execute(
                "document.getElementById('p-jour').value = arguments[0]; document.getElementById('p-debut').value = '10:00'; document.getElementById('p-fin').value = '12:00';",
                vec![serde_json::json!(format!("{next_year}-04-20"))],
            )
            .await
            .unwrap();
        fill("p-lieu_nom", "Salle des fêtes".to_owned()).await;
        fill("p-adresse", "Place de la Mairie".to_owned()).await;
        fill("p-code_postal", "82110".to_owned()).await;
        fill("p-commune", "Lauzerte".to_owned()).await;
        fill("p-organisateur", "Association Les Claviers du Quercy".to_owned()).await;
        press_enter_on_send(&client).await;
        let path = poll(&client, "return location.pathname;", 20, |v| {
            v.as_str().is_some_and(|p| p.starts_with("/participer/suivi/"))
        })
        .await;
        let path = path.as_str().unwrap().to_owned();
        assert!(path.starts_with("/participer/suivi/"), "{path}");
        assert_accessible(&client, "the follow-up page at 360 px").await;
        assert!(fits_the_width(&client).await, "the follow-up page fits 360 px");
        let said = client.find(Locator::Css(".confirmation")).await.unwrap().text().await.unwrap();
        assert!(said.contains("bien enregistrée"), "{said}");
        *found.lock().unwrap() = path;
    })
    .await;
    let path = follow_up.lock().unwrap().clone();
    // A second proposal under the same follow-up, sent from its page's link.
    let token = path.trim_start_matches("/participer/suivi/").to_owned();
    let again = app
        .get_page(&format!("/participer/evenement?suivi={token}"))
        .await;
    assert!(again.contains(&format!("name=\"suivi\" value=\"{token}\"")));
    let answer = post(&app, &with(good(), "suivi", &token)).await;
    assert_eq!(answer.url().path(), path);
    // Another server on the same database: both are there, as received.
    let restarted = spawn_app_with(move |args| args.base = base).await;
    let response = restarted.get(&path).await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    let page = response.text().await.unwrap();
    let titles: Vec<String> = scraper::Html::parse_document(&page)
        .select(&scraper::Selector::parse("ol.propositions h2").unwrap())
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        titles,
        ["Café numérique", "Atelier « Mon smartphone au quotidien »"]
    );
    assert!(page.contains("Reçue</strong>"), "its status");
    assert!(page.contains("Lauzerte"));
}

#[tokio::test]
async fn the_place_and_structure_forms_are_accessible_and_usable_with_the_keyboard_on_a_phone() {
    let dir = tempfile::tempdir().unwrap();
    let base = format!("sqlite:{}", dir.path().join("base.sqlite").display());
    let app = spawn_app_with(move |args| args.base = base).await;
    let chooser = app.url("/participer/lieu");
    let structure = app.url("/participer/structure");
    with_browser(360, 740, move |client| async move {
        client.goto(&chooser).await.unwrap();
        assert_accessible(&client, "the place chooser at 360 px").await;
        // Choose La Comète with the keyboard, and open its form.
        client
            .find(Locator::Id("p-corriger"))
            .await
            .unwrap()
            .select_by_value("conseiller-numerique-022")
            .await
            .unwrap();
        press_enter_on_send(&client).await;
        poll(&client, "return location.search;", 20, |v| {
            v.as_str().is_some_and(|s| s.contains("corriger=conseiller-numerique-022"))
        })
        .await;
        assert_accessible(&client, "a place's correction form at 360 px").await;
        assert!(fits_the_width(&client).await, "the hours grid fits 360 px");
        carto82_e2e::browser::save_screenshot(&client, "lieu-corriger-360").await;
        // Saturday morning's opening typed, not its closing; no service left ticked.
        client
            .execute(
                "document.querySelector('[name=samedi_de1]').value = '14:00'; document.querySelectorAll('[name=services]').forEach(b => b.checked = false);",
                vec![],
            )
            .await
            .unwrap();
        press_enter_on_send(&client).await;
        poll(&client, "return document.querySelectorAll('.alerte li').length;", 20, |v| {
            v.as_u64() == Some(2)
        })
        .await;
        assert_accessible(&client, "the place form with its problems at 360 px").await;
        let problems = client
            .find(Locator::Css(".alerte"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(problems.contains("Samedi : donnez l'heure d'ouverture et l'heure de fermeture."), "{problems}");
        assert!(problems.contains("Cochez au moins une aide"), "{problems}");
        let kept = client
            .execute("return document.querySelector('[name=samedi_de1]').value;", vec![])
            .await
            .unwrap();
        assert_eq!(kept, "14:00", "what was typed is kept");

        // The small map: opened on the place, its point set at the map's centre.
        client
            .find(Locator::Css("[data-point-ouvrir]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        poll(&client, "return document.querySelector('input[name=lat]').value;", 20, |v| {
            v.as_str().is_some_and(|lat| lat.starts_with("44.00"))
        })
        .await;
        assert_accessible(&client, "the small map open at 360 px").await;
        assert!(fits_the_width(&client).await, "the small map fits 360 px");
        client
            .find(Locator::Css("[data-point-effacer]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let said = client
            .find(Locator::Css("[data-point-dit]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(said.contains("centre de sa commune"), "{said}");
        client
            .find(Locator::Css("[data-point-centre]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let lon = client
            .execute("return document.querySelector('input[name=lon]').value;", vec![])
            .await
            .unwrap();
        assert!(lon.as_str().is_some_and(|l| l.starts_with("1.3")), "{lon}");
        carto82_e2e::browser::save_screenshot(&client, "lieu-petite-carte-360").await;

        // A structure's forms: which one, its entry, a new one with a problem.
        client.goto(&structure).await.unwrap();
        assert_accessible(&client, "the structure chooser at 360 px").await;
        client.goto(&format!("{structure}?corriger=association-inter-ressources-action-sociale")).await.unwrap();
        assert_accessible(&client, "a structure's form at 360 px").await;
        assert!(fits_the_width(&client).await, "the structure form fits 360 px");
        client.goto(&format!("{structure}?nouveau=1")).await.unwrap();
        press_enter_on_send(&client).await;
        poll(&client, "return document.querySelectorAll('.alerte li').length;", 20, |v| {
            v.as_u64() == Some(3)
        })
        .await;
        assert_accessible(&client, "a new structure's form with its problems at 360 px").await;
        carto82_e2e::browser::save_screenshot(&client, "structure-nouvelle-360").await;
    })
    .await;
}

/// Sends the page's form as a keyboard user does: Enter on its button.
async fn press_enter_on_send(client: &fantoccini::Client) {
    client
        .find(Locator::Css("form.participer button[type=submit]"))
        .await
        .unwrap()
        .send_keys("\u{E007}")
        .await
        .unwrap();
}
