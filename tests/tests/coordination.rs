//! The coordinators' side of the call for participation (issue 16): accounts, sign-in,
//! the queue, the actions with their history, and what is refused without a session, with
//! a forged form, outside a referent's zone, or on a version someone changed meanwhile.

use carto82::participation::{Contributions, Role, accounts};
use carto82_e2e::browser::{assert_accessible, fits_the_width, poll, with_browser};
use carto82_e2e::{TestApp, spawn_app_with, text_at};
use fantoccini::Locator;
use reqwest::StatusCode;

const PASSWORD: &str = "un mot de passe assez long";

/// A server whose database has a coordinator (`anne`) and a referent of the Est zone
/// (`rene`); the folder of its database.
async fn with_accounts() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let base = format!("sqlite:{}", dir.path().join("base.sqlite").display());
    add_accounts(&base).await;
    (spawn_app_with(move |args| args.base = base).await, dir)
}

/// A server whose database has a coordinator (`anne`) and a referent of the Est zone
/// (`rene`), and one proposal of a structure, in the Centre zone (Montauban).
async fn with_a_proposal() -> (TestApp, tempfile::TempDir, String) {
    let (app, dir) = with_accounts().await;
    let follow_up = propose(&app, &workshop()).await;
    (app, dir, follow_up)
}

/// A structure's proposal of a workshop in Montauban next April, its title a script.
fn workshop() -> Vec<(&'static str, String)> {
    let next_year = carto82_e2e::next_year();
    vec![
        ("titre", WORKSHOP.to_owned()),
        ("resume", "Apprendre à envoyer des photos.".to_owned()),
        ("theme", "famille".to_owned()),
        ("type", "atelier".to_owned()),
        ("jour", format!("{next_year}-04-14")),
        ("debut", "14:00".to_owned()),
        ("fin", "16:00".to_owned()),
        ("lieu_id", "france-services-014".to_owned()),
        ("public", "Tout public".to_owned()),
        ("prix", "Gratuit".to_owned()),
        ("inscription", "libre".to_owned()),
        ("organisateur", "Les Claviers".to_owned()),
    ]
}

const WORKSHOP: &str = "Atelier <script>alert(1)</script>";

/// The page of the first proposal of the queue.
async fn first_in_queue(coordinator: &Coordinator) -> String {
    let queue = coordinator.get("/suivi").await.text().await.unwrap();
    scraper::Html::parse_document(&queue)
        .select(&scraper::Selector::parse("td a[href^='/suivi/']").unwrap())
        .next()
        .expect("a proposal in the queue")
        .value()
        .attr("href")
        .unwrap()
        .to_owned()
}

/// The coordinator `anne`, signed in, and the link of the first proposal of the queue.
async fn anne_and_first(app: &TestApp) -> (Coordinator, String) {
    let anne = Coordinator::sign_in(app, "anne", PASSWORD)
        .await
        .ok()
        .unwrap();
    let link = first_in_queue(&anne).await;
    (anne, link)
}

/// The coordinator `anne` publishes the first proposal of the queue: she, signed in, the
/// proposal's link, and its page as she read it.
async fn publish_first_in_queue(app: &TestApp) -> (Coordinator, String, String) {
    let (anne, link) = anne_and_first(app).await;
    let page = anne.get(&link).await.text().await.unwrap();
    let answer = anne.decide(&link, "publiee", None).await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    (anne, link, page)
}

/// Sends `form` to `path`, as a browser would.
async fn post_form(app: &TestApp, path: &str, form: &[(&str, String)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A structure sends `form`: its follow-up page's path.
async fn propose(app: &TestApp, form: &[(&str, String)]) -> String {
    let answer = post_form(app, "/participer/evenement", form).await;
    assert_eq!(answer.status(), 200);
    answer.url().path().to_owned()
}

/// Adds to the database at `base` the accounts of a coordinator (`anne`) and a referent
/// of the Est zone (`rene`).
async fn add_accounts(base: &str) {
    let store = Contributions::open(base).await.unwrap();
    accounts::add(&store, "anne", PASSWORD, Role::Coordinator)
        .await
        .unwrap();
    accounts::add(
        &store,
        "rene",
        PASSWORD,
        Role::Referent(app::model::Zone::Est),
    )
    .await
    .unwrap();
}

/// A client that sees redirections instead of following them.
fn without_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The sign-in page's cookie (`name=value`) and its form's token.
async fn sign_in_token(client: &reqwest::Client, app: &TestApp) -> (String, String) {
    let page = client.get(app.url("/connexion")).send().await.unwrap();
    let set = page.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        set.contains("HttpOnly")
            && set.contains("SameSite=Strict")
            && set.contains("Path=/connexion"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_owned();
    let token = hidden(&page.text().await.unwrap(), "jeton");
    assert_eq!(cookie, format!("carto82_connexion={token}"));
    (cookie, token)
}

/// A client that does not follow redirects, and its session cookie once signed in.
struct Coordinator {
    client: reqwest::Client,
    cookie: String,
    base: String,
}

impl Coordinator {
    async fn sign_in(
        app: &TestApp,
        who: &str,
        password: &str,
    ) -> Result<Coordinator, reqwest::Response> {
        let client = without_redirects();
        // The page first, as a browser: its form's token and the cookie that matches it.
        let (form_cookie, token) = sign_in_token(&client, app).await;
        let answer = client
            .post(app.url("/connexion"))
            .header("cookie", form_cookie)
            .form(&[
                ("jeton", token.as_str()),
                ("identifiant", who),
                ("mot_de_passe", password),
            ])
            .send()
            .await
            .unwrap();
        if answer.status() != StatusCode::SEE_OTHER {
            return Err(answer);
        }
        let set = answer.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Strict"),
            "{set}"
        );
        assert!(!set.contains("Secure"), "plain HTTP on loopback: {set}");
        Ok(Coordinator {
            client,
            cookie: set.split(';').next().unwrap().to_owned(),
            base: app.url(""),
        })
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap()
    }

    /// Decides on the proposal at `link` as its page stands now (its version, the
    /// session's form token).
    async fn decide(&self, link: &str, status: &str, message: Option<&str>) -> reqwest::Response {
        let page = self.get(link).await.text().await.unwrap();
        let (version, token) = (hidden(&page, "version"), hidden(&page, "jeton"));
        let mut form = vec![("statut", status), ("version", &version), ("jeton", &token)];
        form.extend(message.map(|m| ("message", m)));
        self.post(link, &form).await
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .form(form)
            .send()
            .await
            .unwrap()
    }
}

/// The form token and the version a page's form carries.
fn hidden(page: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse(&format!("input[name={name}]")).unwrap();
    doc.select(&selector)
        .next()
        .and_then(|i| i.value().attr("value"))
        .unwrap_or_else(|| panic!("{name} in the page"))
        .to_owned()
}

#[tokio::test]
async fn coordinators_decide_and_the_structure_reads_their_words() {
    let (app, _dir, follow_up) = with_a_proposal().await;
    let anonymous = without_redirects();
    // Without a session: to the sign-in page, and nothing changes.
    for path in ["/suivi", "/suivi/p-0000000000000000"] {
        let answer = anonymous.get(app.url(path)).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(answer.headers()["location"], "/connexion");
    }
    let answer = anonymous
        .post(app.url("/suivi/p-0000000000000000"))
        .form(&[
            ("statut", "refusee"),
            ("message", "non"),
            ("version", "1"),
            ("jeton", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    // A wrong password, an unknown account: the same words.
    for (who, password) in [("anne", "pas le bon mot de passe"), ("personne", PASSWORD)] {
        let refused = Coordinator::sign_in(&app, who, password)
            .await
            .err()
            .unwrap();
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("Identifiant ou mot de passe incorrect.")
        );
    }

    // The referent of the Est zone does not see a proposal of the Centre zone.
    let rene = Coordinator::sign_in(&app, "rene", PASSWORD)
        .await
        .ok()
        .unwrap();
    let queue = rene.get("/suivi").await.text().await.unwrap();
    assert!(queue.contains("Aucune proposition."), "{queue}");

    let anne = Coordinator::sign_in(&app, "anne", PASSWORD)
        .await
        .ok()
        .unwrap();
    let queue = anne.get("/suivi?statut=recue").await.text().await.unwrap();
    assert!(!queue.contains("<script>alert(1)"), "escaped in the queue");
    let link = first_in_queue(&anne).await;
    let page = anne.get(&link).await.text().await.unwrap();
    assert!(page.contains("Montauban"), "where it is");
    let (token, version) = (hidden(&page, "jeton"), hidden(&page, "version"));
    assert_eq!(version, "1");
    assert_eq!(
        rene.get(&link).await.status(),
        StatusCode::FORBIDDEN,
        "outside the referent's zone"
    );
    let rene_token = hidden(&rene.get("/suivi").await.text().await.unwrap(), "jeton");
    assert_eq!(
        rene.post(
            &link,
            &[
                ("statut", "refusee"),
                ("message", "Non"),
                ("version", "1"),
                ("jeton", &rene_token)
            ]
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    // A forged form (no token, another session's token): refused, nothing written.
    for forged in ["", "0123", rene_token.as_str()] {
        let answer = anne
            .post(
                &link,
                &[("statut", "acceptee"), ("version", "1"), ("jeton", forged)],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::FORBIDDEN, "token {forged:?}");
    }
    // A decision without its words is asked again.
    let answer = anne
        .post(
            &link,
            &[
                ("statut", "a_completer"),
                ("message", " "),
                ("version", "1"),
                ("jeton", &token),
            ],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    // Asked to complete, with a message; then a second decision on the old version is told.
    let message = "Précisez l'accès : <b>étage</b> ?";
    let answer = anne
        .post(
            &link,
            &[
                ("statut", "a_completer"),
                ("message", message),
                ("version", "1"),
                ("jeton", &token),
            ],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let late = anne
        .post(
            &link,
            &[
                ("statut", "refusee"),
                ("message", "Complet"),
                ("version", "1"),
                ("jeton", &token),
            ],
        )
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    let late = late.text().await.unwrap();
    assert!(late.contains("Quelqu'un a changé cette proposition"));
    assert_eq!(
        hidden(&late, "version"),
        "2",
        "the page shows the current version"
    );
    let page = anne.get(&link).await.text().await.unwrap();
    assert!(
        page.contains("anne : à compléter"),
        "the history says who and what"
    );
    let history = scraper::Html::parse_document(&page)
        .select(&scraper::Selector::parse("main ol > li").unwrap())
        .count();
    assert_eq!(history, 1, "one action kept");

    // The structure reads the decision and the words, as text.
    let theirs = app.get_page(&follow_up).await;
    assert!(theirs.contains("<strong>À compléter</strong>"));
    assert_eq!(
        text_at(&theirs, "p.message"),
        format!(
            "Message de l'équipe, le {} : « {message} »",
            // The page speaks of the day in Paris, whatever the machine's zone.
            app::format::date_fr(app::model::hours::paris_now().date())
        )
    );
    assert!(!theirs.contains("<b>étage</b>"));

    // Signing out needs the form's token, and ends the session.
    assert_eq!(
        anne.post("/deconnexion", &[("jeton", "x")]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        anne.post("/deconnexion", &[("jeton", &token)])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(anne.get("/suivi").await.status(), StatusCode::SEE_OTHER);
}

/// A coordinator signs in and reads the queue and a proposal in a browser at 360 px.
#[tokio::test]
async fn the_coordinators_pages_are_accessible_on_a_phone() {
    let (app, _dir, _) = with_a_proposal().await;
    let sign_in = app.url("/connexion");
    with_browser(360, 740, move |client| async move {
        client.goto(&sign_in).await.unwrap();
        assert_accessible(&client, "/connexion at 360 px").await;
        client
            .find(Locator::Id("c-identifiant"))
            .await
            .unwrap()
            .send_keys("anne")
            .await
            .unwrap();
        let password = client.find(Locator::Id("c-mdp")).await.unwrap();
        password.send_keys(PASSWORD).await.unwrap();
        password.send_keys("\u{E007}").await.unwrap();
        poll(&client, "return location.pathname;", 20, |v| v == "/suivi").await;
        assert_accessible(&client, "/suivi at 360 px").await;
        assert!(fits_the_width(&client).await, "/suivi fits 360 px");
        client
            .find(Locator::Css("td a"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        poll(&client, "return location.pathname;", 20, |v| {
            v.as_str().is_some_and(|p| p.starts_with("/suivi/p-"))
        })
        .await;
        assert_accessible(&client, "a proposal at 360 px").await;
        assert!(fits_the_width(&client).await, "a proposal fits 360 px");
    })
    .await;
}

/// Published, the event is on the map's data at once: the events API, its page, its
/// organiser's sheet; a server started again on the same database serves it too; set back
/// to another status, it leaves.
#[tokio::test]
async fn a_published_proposal_flows_everywhere_and_stays_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let base = format!("sqlite:{}", dir.path().join("base.sqlite").display());
    add_accounts(&base).await;
    let first_base = base.clone();
    let app = spawn_app_with(move |args| args.base = first_base).await;
    let next_year = carto82_e2e::next_year();
    let form = [
        ("titre", "Café numérique de Lauzerte".to_owned()),
        (
            "resume",
            "On répond à vos questions sur l'ordinateur.".to_owned(),
        ),
        ("theme", "éducation".to_owned()),
        ("type", "rencontre".to_owned()),
        ("jour", format!("{next_year}-04-20")),
        ("debut", "10:00".to_owned()),
        ("fin", "12:00".to_owned()),
        ("lieu_nom", "Salle des fêtes".to_owned()),
        ("adresse", "Place de la Mairie".to_owned()),
        ("code_postal", "82110".to_owned()),
        ("commune", "Lauzerte".to_owned()),
        ("public", "Tout public".to_owned()),
        ("prix", "Gratuit".to_owned()),
        ("inscription", "libre".to_owned()),
        ("organisateur_id", "departement-tarn-et-garonne".to_owned()),
        ("courriel", "claviers@exemple.fr".to_owned()),
    ];
    let follow_up = propose(&app, &form).await;
    let titles = |events: &serde_json::Value| -> Vec<String> {
        events["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["properties"]["titre"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        !titles(&app.get_json("/api/events").await)
            .contains(&"Café numérique de Lauzerte".to_owned()),
        "not before"
    );

    let (anne, link, page) = publish_first_in_queue(&app).await;
    assert!(
        page.contains("claviers@exemple.fr"),
        "the structure's address, for the coordinators"
    );

    let events = app.get_json("/api/events").await;
    let published = events["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["titre"] == "Café numérique de Lauzerte")
        .expect("in the events API at once")
        .clone();
    assert_eq!(
        published["properties"]["organisateur_id"],
        "departement-tarn-et-garonne"
    );
    let id = published["id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/evenements/{id}")).await.status(), 200);
    let sheet = app.get_page("/acteurs/departement-tarn-et-garonne").await;
    assert!(
        sheet.contains(&format!("href=\"/evenements/{id}\"")),
        "on its organiser's sheet"
    );
    assert!(
        app.get_page(&follow_up)
            .await
            .contains("<strong>Publiée</strong>")
    );

    // Another server on the same database serves it from the start.
    let restarted = spawn_app_with(move |args| args.base = base).await;
    assert_eq!(
        restarted.get(&format!("/evenements/{id}")).await.status(),
        200
    );

    // Set back to « à compléter »: no longer served.
    let answer = anne
        .decide(&link, "a_completer", Some("Donnez l'étage."))
        .await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/evenements/{id}")).await.status(), 404);
}

#[tokio::test]
async fn two_instances_on_one_postgresql_database_publish_for_each_other() {
    let base = carto82_e2e::postgres_database().await;
    add_accounts(&base).await;
    let first_base = base.clone();
    let one = spawn_app_with(move |args| args.base = first_base).await;
    let other = spawn_app_with(move |args| args.base = base).await;
    // Proposed through one instance, moderated through the other.
    let follow_up = propose(&other, &workshop()).await;
    publish_first_in_queue(&one).await;
    let on = |events: serde_json::Value| {
        events["features"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["properties"]["titre"] == WORKSHOP)
    };
    assert!(
        on(one.get_json("/api/events").await),
        "at once where it was published"
    );
    let published = std::time::Instant::now();
    while !on(other.get_json("/api/events").await) {
        assert!(
            published.elapsed() < std::time::Duration::from_secs(2),
            "on the other instance within 2 seconds"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    println!("seen on the other instance after {:?}", published.elapsed());
    assert!(
        other
            .get_page(&follow_up)
            .await
            .contains("<strong>Publiée</strong>")
    );
}

#[tokio::test]
async fn the_structure_completes_what_the_team_asked_then_it_is_published() {
    let (app, _dir, follow_up) = with_a_proposal().await;
    let (anne, link) = anne_and_first(&app).await;
    let asked = anne
        .decide(
            &link,
            "a_completer",
            Some("Dites comment on entre <b>en fauteuil</b>."),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);

    // The structure finds the way from its follow-up page, in a browser, on a phone.
    let follow_up_page = app.get_page(&follow_up).await;
    let completion = scraper::Html::parse_document(&follow_up_page)
        .select(&scraper::Selector::parse("a.bouton[href*='/p-']").unwrap())
        .next()
        .expect("a link to complete the proposal")
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let start = app.url(&follow_up);
    with_browser(360, 740, move |client| async move {
        client.goto(&start).await.unwrap();
        client
            .find(Locator::LinkText("Compléter cette proposition"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        poll(&client, "return location.pathname;", 20, |v| {
            v.as_str() == Some(completion.as_str())
        })
        .await;
        assert_accessible(&client, "completing a proposal at 360 px").await;
        assert!(fits_the_width(&client).await, "the form fits 360 px");
        let asked = client
            .find(Locator::Css("main .message"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            asked.contains("Dites comment on entre <b>en fauteuil</b>."),
            "{asked}"
        );
        let value = |id: &'static str| {
            let client = client.clone();
            async move {
                client
                    .find(Locator::Id(id))
                    .await
                    .unwrap()
                    .prop("value")
                    .await
                    .unwrap()
                    .unwrap_or_default()
            }
        };
        assert_eq!(
            value("p-titre").await,
            WORKSHOP,
            "what was sent, given back"
        );
        assert_eq!(value("p-lieu_id").await, "france-services-014");
        assert_eq!(value("p-debut").await, "14:00");
        let description = client.find(Locator::Id("p-description")).await.unwrap();
        description
            .send_keys("Entrée de plain-pied, rue de la République.")
            .await
            .unwrap();
        client
            .find(Locator::Css("form.participer button[type=submit]"))
            .await
            .unwrap()
            .send_keys("\u{E007}")
            .await
            .unwrap();
        poll(
            &client,
            "return location.pathname + location.search;",
            20,
            |v| v.as_str().is_some_and(|p| p.ends_with("?envoye=1")),
        )
        .await;
        let said = client
            .find(Locator::Css(".confirmation"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(said.contains("bien enregistrée"), "{said}");
    })
    .await;

    // Received again: nothing more to complete, and it cannot be sent twice.
    let now = app.get_page(&follow_up).await;
    assert!(now.contains("<strong>Reçue</strong>"), "{now}");
    assert!(!now.contains("Compléter cette proposition"));
    let token = follow_up.trim_start_matches("/participer/suivi/");
    let id = link.trim_start_matches("/suivi/");
    let path = format!("/participer/suivi/{token}/{id}");
    let again = app.get(&path).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(again.headers()["referrer-policy"], "no-referrer");
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("n'est plus à compléter")
    );
    let mut form = workshop();
    form.push(("version", "2".to_owned()));
    let stale = post_form(&app, &path, &form).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let wrong = format!("/participer/suivi/{}/{id}", "0".repeat(64));
    assert_eq!(app.get(&wrong).await.status(), StatusCode::NOT_FOUND);

    // The team sees what the structure did, and publishes it.
    let page = anne.get(&link).await.text().await.unwrap();
    assert!(
        page.contains("la structure a complété sa proposition"),
        "{page}"
    );
    let published = anne.decide(&link, "publiee", None).await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    let events = app.get_json("/api/events").await;
    let event = events["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["titre"] == WORKSHOP)
        .expect("published, completed");
    assert_eq!(
        event["properties"]["description"],
        "Entrée de plain-pied, rue de la République."
    );
    assert_eq!(event["properties"]["lieu_id"], "france-services-014");
}

/// `form` with `name` set to `value` (added when absent).
fn set(
    mut form: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    match form.iter_mut().find(|(n, _)| *n == name) {
        Some(field) => field.1 = value.to_owned(),
        None => form.push((name, value.to_owned())),
    }
    form
}

#[tokio::test]
async fn the_programme_is_followed_by_zone_and_week_and_goes_to_a_spreadsheet() {
    let (app, _dir, _) = with_a_proposal().await;
    // Two more: an address typed in Lauzerte, and a structure whose name is a formula.
    let typed = set(
        set(
            set(
                set(
                    set(workshop(), "lieu_id", ""),
                    "lieu_nom",
                    "Salle des fêtes",
                ),
                "adresse",
                "Place de la Mairie",
            ),
            "code_postal",
            "82110",
        ),
        "commune",
        "Lauzerte",
    );
    let typed = set(
        set(set(typed, "titre", "Café numérique"), "theme", "éducation"),
        "type",
        "rencontre",
    );
    propose(&app, &typed).await;
    let formula = set(
        set(
            set(workshop(), "titre", "Atelier tablette"),
            "organisateur",
            "=HYPERLINK(\"http://exemple.fr\";\"clic\")",
        ),
        "accessibilite",
        "handicap moteur",
    );
    propose(&app, &formula).await;

    let anonymous = without_redirects();
    for path in ["/suivi/programme", "/suivi/propositions.csv"] {
        let answer = anonymous.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            answer.status(),
            StatusCode::SEE_OTHER,
            "{path} needs a session"
        );
    }

    let (anne, link) = anne_and_first(&app).await;
    assert_eq!(
        anne.decide(&link, "publiee", None).await.status(),
        StatusCode::SEE_OTHER
    );

    // The queue's filters.
    let listed = |page: String| -> Vec<String> {
        let doc = scraper::Html::parse_document(&page);
        doc.select(&scraper::Selector::parse("td a[href^='/suivi/p-']").unwrap())
            .map(|a| a.text().collect())
            .collect()
    };
    let page = |path: &'static str| {
        let anne = &anne;
        async move { anne.get(path).await.text().await.unwrap() }
    };
    assert_eq!(listed(page("/suivi?theme=famille").await).len(), 2);
    assert_eq!(
        listed(page("/suivi?theme=%C3%A9ducation").await),
        ["Café numérique"]
    );
    assert_eq!(
        listed(page("/suivi?type=rencontre&statut=recue").await),
        ["Café numérique"]
    );
    assert_eq!(listed(page("/suivi?statut=publiee").await), [WORKSHOP]);
    assert_eq!(
        listed(page("/suivi?structure=CLAVIERS").await).len(),
        2,
        "a part of the name, any case"
    );
    assert_eq!(
        listed(page("/suivi?au=01/01/2000").await).len(),
        0,
        "received since"
    );
    let unknown = page("/suivi?zone=Nord&du=demain").await;
    assert_eq!(
        listed(unknown.clone()).len(),
        3,
        "what means nothing is not applied"
    );
    assert!(
        unknown.contains("Zone : « Nord » n&#39;est pas une valeur connue.")
            || unknown.contains("Zone : « Nord » n'est pas une valeur connue."),
        "{unknown}"
    );
    assert!(unknown.contains("« demain »"));

    // The programme by zone and week, the aims, each structure, what is missing.
    let programme = page("/suivi/programme").await;
    let next_year = carto82_e2e::next_year();
    // The 14th of April is in the week of Monday the 12th in 2027.
    let monday = chrono::NaiveDate::from_ymd_opt(next_year, 4, 14)
        .unwrap()
        .week(chrono::Weekday::Mon)
        .first_day();
    assert!(
        programme.contains(&app::format::date_fr(monday)),
        "{programme}"
    );
    let rows = text_at(&programme, "table tbody tr");
    assert!(
        rows.contains("1 publiée") && rows.contains("1 reçue"),
        "{rows}"
    );
    let aims = text_at(&programme, "ul.objectifs");
    assert!(
        aims.contains("Centre : 1 commune (Montauban) – il en manque 1"),
        "{aims}"
    );
    assert!(aims.contains("thèmes sans événement : santé"), "{aims}");
    let missing = text_at(&programme, "ul.manques");
    assert!(
        missing.contains("Café numérique : rien sur l'accessibilité ; lieu à confirmer"),
        "{missing}"
    );
    assert!(
        !missing.contains("Atelier tablette"),
        "it says its accessibility: {missing}"
    );
    assert!(
        programme.contains("=HYPERLINK(&quot;http://exemple.fr&quot;;&quot;clic&quot;)"),
        "escaped"
    );

    // The spreadsheet, with the same filters.
    let answer = anne.get("/suivi/propositions.csv?theme=famille").await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let bytes = answer.bytes().await.unwrap();
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark, for spreadsheets");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text);
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "the two of theme famille");
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let organisers: Vec<&str> = rows.iter().map(|r| &r[column("organisateur")]).collect();
    assert!(
        organisers.contains(&"'=HYPERLINK(\"http://exemple.fr\";\"clic\")"),
        "never a formula: {organisers:?}"
    );
    assert!(
        rows.iter()
            .any(|r| &r[column("titre")] == WORKSHOP && &r[column("état")] == "publiée")
    );

    // A zone referent follows their zone only.
    let rene = Coordinator::sign_in(&app, "rene", PASSWORD)
        .await
        .ok()
        .unwrap();
    let theirs = rene.get("/suivi/programme").await.text().await.unwrap();
    assert!(
        text_at(&theirs, "ul.objectifs").starts_with("Est"),
        "{theirs}"
    );
    assert!(!theirs.contains("Montauban"));
}

#[tokio::test]
async fn with_a_mail_relay_the_structure_gets_its_link_and_each_decision() {
    let (port, inbox) = carto82_e2e::smtp_server().await;
    let dir = tempfile::tempdir().unwrap();
    let base = format!("sqlite:{}", dir.path().join("base.sqlite").display());
    add_accounts(&base).await;
    let app = spawn_app_with(move |args| {
        args.base = base;
        args.smtp = Some(format!("smtp://127.0.0.1:{port}"));
        args.courriel = Some("Carto82 <carto82@exemple.fr>".to_owned());
        // Links in mails come from the configured address, never from a request's Host.
        args.url = Some("https://carto82.exemple.fr".to_owned());
    })
    .await;
    let follow_up = propose(&app, &set(workshop(), "courriel", "claviers@exemple.fr")).await;
    let mail = |n: usize| {
        let inbox = inbox.clone();
        async move {
            for _ in 0..200 {
                if let Some(message) = inbox.lock().unwrap().get(n) {
                    return message.clone();
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            panic!("message {n} not received");
        }
    };
    let first = mail(0).await;
    assert!(first.contains("To: claviers@exemple.fr"), "{first}");
    assert!(
        first.contains("From: Carto82 <carto82@exemple.fr>"),
        "{first}"
    );
    let text = carto82_e2e::mail_text(&first);
    assert!(
        text.contains(&format!("https://carto82.exemple.fr{follow_up}")),
        "the private link: {text}"
    );
    assert!(
        text.contains(&format!("« {WORKSHOP} »")),
        "plain text, as typed: {text}"
    );

    let (anne, link) = anne_and_first(&app).await;
    let asked = anne
        .decide(&link, "a_completer", Some("Ajoutez l'étage de la salle."))
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    let second = carto82_e2e::mail_text(&mail(1).await);
    assert!(second.contains("« à compléter »"), "{second}");
    assert!(
        second.contains("« Ajoutez l'étage de la salle. »"),
        "{second}"
    );
    let token = follow_up.trim_start_matches("/participer/suivi/");
    assert!(
        !second.contains(token),
        "the link is never stored, so never sent again"
    );
    // Without an address, nothing is sent.
    propose(&app, &set(workshop(), "titre", "Sans courriel")).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(inbox.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_residents_report_is_followed_in_the_same_queue() {
    let (app, _dir) = with_accounts().await;
    // A place of the Est zone: its referent sees the report.
    let places = app.get_json("/api/places?zone=Est").await;
    let place = &places["features"][0];
    let id = place["properties"]["id"].as_str().unwrap().to_owned();
    let sent = app
        .client
        .post(app.url("/signaler"))
        .form(&[
            ("page", format!("/lieux/{id}")),
            (
                "message",
                "Fermé le mercredi <script>alert(1)</script>".to_owned(),
            ),
            ("courriel", String::new()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::OK);
    let events_before = app.get_json("/api/events").await["features"]
        .as_array()
        .unwrap()
        .len();

    let rene = Coordinator::sign_in(&app, "rene", PASSWORD)
        .await
        .ok()
        .unwrap();
    let queue = rene
        .get("/suivi?genre=signalement")
        .await
        .text()
        .await
        .unwrap();
    let listed = text_at(&queue, "table");
    assert!(
        listed.contains("Signalement : ") && listed.contains(&format!("page /lieux/{id}")),
        "{listed}"
    );
    let link = first_in_queue(&rene).await;
    let page = rene.get(&link).await.text().await.unwrap();
    assert!(page.contains("Fermé le mercredi &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        page.contains(&format!("href=\"/lieux/{id}\"")),
        "the page concerned"
    );
    assert!(
        page.contains("publiée (la page est corrigée)"),
        "its own words"
    );
    let done = rene
        .decide(&link, "publiee", Some("Horaires corrigés."))
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let page = rene.get(&link).await.text().await.unwrap();
    assert!(page.contains("La page est corrigée."), "{page}");
    assert_eq!(
        app.get_json("/api/events").await["features"]
            .as_array()
            .unwrap()
            .len(),
        events_before,
        "a report is never an event"
    );
    // Not part of the programme.
    let programme = rene.get("/suivi/programme").await.text().await.unwrap();
    assert!(programme.contains("Aucun événement proposé pour le moment."));
}

#[tokio::test]
async fn a_long_message_in_euros_is_taken_and_a_huge_body_refused_in_french() {
    let (app, _dir, _) = with_a_proposal().await;
    let (anne, link) = anne_and_first(&app).await;
    // 2 000 « € » are 18 000 bytes once percent-encoded: over the framework's 16 kB.
    let euros = "€".repeat(2000);
    let taken = anne.decide(&link, "a_completer", Some(&euros)).await;
    assert_eq!(taken.status(), StatusCode::SEE_OTHER);
    let huge = "x".repeat(1_000_000);
    let refused = anne.decide(&link, "refusee", Some(&huge)).await;
    assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Le formulaire est trop long."), "{page:.300}");
    assert!(page.contains("lang=\"fr\""));
    let now = anne.get(&link).await.text().await.unwrap();
    assert!(now.contains(&euros), "the long one kept whole");
}

#[tokio::test]
async fn a_completion_crossed_by_a_new_request_keeps_what_was_typed() {
    let (app, _dir, follow_up) = with_a_proposal().await;
    let (anne, link) = anne_and_first(&app).await;
    anne.decide(&link, "a_completer", Some("Donnez l'étage."))
        .await;
    let token = follow_up.trim_start_matches("/participer/suivi/");
    let path = format!(
        "/participer/suivi/{token}/{}",
        link.trim_start_matches("/suivi/")
    );
    let version = hidden(&app.get_page(&path).await, "version");
    // The team asks again while the structure types.
    anne.decide(&link, "a_completer", Some("Et le code de la porte."))
        .await;
    let form = set(
        set(workshop(), "version", &version),
        "description",
        "Au 2e étage.",
    );
    let answer = post_form(&app, &path, &form).await;
    assert_eq!(answer.status(), StatusCode::CONFLICT);
    assert_eq!(answer.headers()["referrer-policy"], "no-referrer");
    let page = answer.text().await.unwrap();
    assert!(page.contains("L'équipe a changé sa demande"), "{page}");
    assert!(page.contains("Et le code de la porte."), "the new request");
    assert!(page.contains("Au 2e étage."), "what was typed");
    assert_ne!(hidden(&page, "version"), version, "to send again");
}

/// What a browser would send of the form of `page`: its fields as they stand (boxes when
/// ticked), without the button.
fn form_values(page: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(page);
    let fields = scraper::Selector::parse(
        "form.participer[method=post] input[name], form.participer[method=post] select[name], form.participer[method=post] textarea[name]",
    )
    .unwrap();
    doc.select(&fields)
        .filter(|f| {
            f.value().attr("type") != Some("checkbox") || f.value().attr("checked").is_some()
        })
        .map(|f| {
            let name = f.value().attr("name").unwrap().to_owned();
            let value = match f.value().name() {
                "textarea" => f.text().collect(),
                // The option selected, else the first, as a browser sends it.
                "select" => {
                    let options = scraper::Selector::parse("option").unwrap();
                    let mut all = f.select(&options);
                    let first = all.next();
                    f.select(&options)
                        .find(|o| o.value().attr("selected").is_some())
                        .or(first)
                        .and_then(|o| o.value().attr("value"))
                        .unwrap_or_default()
                        .to_owned()
                }
                _ => f.value().attr("value").unwrap_or_default().to_owned(),
            };
            (name, value)
        })
        .collect()
}

/// The value of the field `name` of `form`, empty when absent.
fn value(form: &[(String, String)], name: &str) -> String {
    form.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn put(form: &mut Vec<(String, String)>, name: &str, value: &str) {
    form.retain(|(n, _)| n != name);
    form.push((name.to_owned(), value.to_owned()));
}

#[tokio::test]
async fn a_structure_corrects_a_place_and_the_coordinator_sees_what_changed() {
    let (app, _dir) = with_accounts().await;
    let id = "conseiller-numerique-022";

    // The form is filled with the published place, its hours day by day.
    let chooser = app.get_page("/participer/lieu").await;
    assert!(chooser.contains(&format!("<option value=\"{id}\">")));
    let page = app
        .get_page(&format!("/participer/lieu?corriger={id}"))
        .await;
    let mut form = form_values(&page);
    assert_eq!(value(&form, "lieu"), id);
    assert_eq!(
        value(&form, "nom"),
        "Centre Social du Grand Montauban : La Comète"
    );
    assert_eq!(value(&form, "lundi_de1"), "09:00");
    assert_eq!(value(&form, "vendredi_a2"), "17:00");
    assert_eq!(value(&form, "samedi_de1"), "");
    assert_eq!(
        form.iter().filter(|(n, _)| n == "services").count(),
        2,
        "its two services are ticked"
    );

    // Half an opening, no service: each problem by its field, what was typed kept.
    let mut wrong = form.clone();
    wrong.retain(|(n, _)| n != "services");
    put(&mut wrong, "samedi_de1", "09:00");
    let answer = post_form(&app, "/participer/lieu", &as_pairs(&wrong)).await;
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let again = answer.text().await.unwrap();
    assert!(again.contains("Samedi : donnez l'heure d'ouverture et l'heure de fermeture."));
    assert!(again.contains("Cochez au moins une aide"));
    assert_eq!(value(&form_values(&again), "samedi_de1"), "09:00");

    // Open on Saturday mornings, a new number, a name with markup.
    put(&mut form, "samedi_de1", "09:00");
    put(&mut form, "samedi_a1", "12:00");
    put(&mut form, "telephone", "05 63 00 00 01");
    put(&mut form, "nom", "La Comète <b>centre social</b>");
    let answer = post_form(&app, "/participer/lieu", &as_pairs(&form)).await;
    assert_eq!(answer.status(), 200);
    assert!(answer.url().path().starts_with("/participer/suivi/"));
    let follow_up = answer.text().await.unwrap();
    assert!(follow_up.contains("Lieu : La Comète &lt;b&gt;centre social&lt;/b&gt;"));

    // The coordinator sees, field by field, what would change.
    let (anne, link) = anne_and_first(&app).await;
    let proposal = anne.get(&link).await.text().await.unwrap();
    let doc = scraper::Html::parse_document(&proposal);
    let rows: Vec<Vec<String>> = doc
        .select(&scraper::Selector::parse("table.changements tbody tr").unwrap())
        .map(|tr| {
            tr.select(&scraper::Selector::parse("th, td").unwrap())
                .map(|c| c.text().collect::<String>())
                .collect()
        })
        .collect();
    let row = |field: &str| rows.iter().find(|r| r[0] == field).cloned().unwrap();
    assert_eq!(
        row("Horaires"),
        [
            "Horaires",
            "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00",
            "Mo-Fr 09:00-12:00,14:00-17:00"
        ]
    );
    assert_eq!(row("Téléphone")[1], "+33563000001");
    assert_eq!(row("Nom affiché")[1], "La Comète <b>centre social</b>");
    assert!(!proposal.contains("<b>centre"), "shown as text");
    assert!(
        proposal.contains("<strong>Horaires</strong>"),
        "changed, in bold"
    );
    assert!(!proposal.contains("<strong>Adresse</strong>"), "unchanged");

    // Published: the map serves the corrected place, with its sources kept.
    assert_eq!(
        anne.decide(&link, "publiee", None).await.status(),
        StatusCode::SEE_OTHER
    );
    let places = app.get_json("/api/places").await;
    let place = places["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["id"] == id)
        .unwrap();
    assert_eq!(
        place["properties"]["horaires"],
        "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"
    );
    assert_eq!(place["properties"]["telephone"], "+33563000001");
    let sheet = app.get_page(&format!("/lieux/{id}")).await;
    assert!(sheet.contains("La Comète &lt;b&gt;centre social&lt;/b&gt;"));
    // Whoever runs it finds the form from its sheet.
    assert!(sheet.contains(&format!("href=\"/participer/lieu?corriger={id}\"")));
}

#[tokio::test]
async fn a_new_place_is_proposed_then_published_on_the_map() {
    let (app, _dir) = with_accounts().await;
    let before = app.get_json("/api/places").await["features"]
        .as_array()
        .unwrap()
        .len();
    let page = app.get_page("/participer/lieu?nouveau=1").await;
    let mut form = form_values(&page);
    for (name, value) in [
        ("nom", "Espace numérique de Lauzerte"),
        ("adresse", "Place des Cornières"),
        ("code_postal", "82110"),
        ("commune", "Lauzerte"),
        ("mardi_de1", "14:00"),
        ("mardi_a1", "17:30"),
        ("courriel_lieu", "espace@example.org"),
        // Set on the small map, as its script writes it.
        ("lat", "44.257100"),
        ("lon", "1.138100"),
    ] {
        put(&mut form, name, value);
    }
    form.push((
        "services".to_owned(),
        "Aide aux démarches administratives".to_owned(),
    ));
    // A body of a megabyte is refused in French, nothing kept.
    let mut huge = form.clone();
    put(&mut huge, "resume", &"é".repeat(1 << 20));
    let answer = post_form(&app, "/participer/lieu", &as_pairs(&huge)).await;
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.text().await.unwrap().contains("trop longue"));

    let answer = post_form(&app, "/participer/lieu", &as_pairs(&form)).await;
    assert_eq!(answer.status(), 200);
    let (anne, link) = anne_and_first(&app).await;
    let proposal = anne.get(&link).await.text().await.unwrap();
    assert!(proposal.contains("Nouveau : rien n'est encore publié."));
    assert!(proposal.contains("Ouest"), "Lauzerte is in the Ouest zone");
    assert_eq!(
        anne.decide(&link, "publiee", None).await.status(),
        StatusCode::SEE_OTHER
    );
    let places = app.get_json("/api/places").await;
    let features = places["features"].as_array().unwrap();
    assert_eq!(features.len(), before + 1);
    let new = features
        .iter()
        .find(|f| f["properties"]["nom"] == "Espace numérique de Lauzerte")
        .unwrap();
    assert_eq!(new["properties"]["horaires"], "Tu 14:00-17:30");
    assert_eq!(new["properties"]["commune"], "Lauzerte");
    assert_eq!(new["properties"]["code_insee"], "82094");
    assert_eq!(
        new["geometry"]["coordinates"],
        serde_json::json!([1.1381, 44.2571]),
        "the point set on the map"
    );
}

fn as_pairs(form: &[(String, String)]) -> Vec<(&str, String)> {
    form.iter().map(|(n, v)| (n.as_str(), v.clone())).collect()
}

#[tokio::test]
async fn a_structure_updates_its_entry_and_a_new_one_presents_itself() {
    let (app, _dir) = with_accounts().await;
    let id = "association-inter-ressources-action-sociale";

    // Its entry, filled: name, kind, SIRET, what it can do.
    let chooser = app.get_page("/participer/structure").await;
    assert!(chooser.contains(&format!("<option value=\"{id}\">")));
    let page = app
        .get_page(&format!("/participer/structure?corriger={id}"))
        .await;
    let mut form = form_values(&page);
    assert_eq!(value(&form, "acteur"), id);
    assert_eq!(value(&form, "siret"), "38415424100028");
    assert_eq!(value(&form, "type"), "association");
    assert!(form.contains(&("reseaux".to_owned(), "Conseillers numériques".to_owned())));

    // A SIRET whose key is wrong is refused by its field, the rest kept.
    let mut wrong = form.clone();
    put(&mut wrong, "siret", "38415424100029");
    let answer = post_form(&app, "/participer/structure", &as_pairs(&wrong)).await;
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let again = answer.text().await.unwrap();
    assert!(text_at(&again, "#erreur-siret").contains("14 chiffres"));
    assert_eq!(value(&form_values(&again), "siret"), "38415424100029");

    // It can also teach security online; its description has markup.
    form.push(("competences".to_owned(), "Cybersécurité".to_owned()));
    put(
        &mut form,
        "description",
        "Accueil <script>alert(1)</script> et accompagnement.",
    );
    let answer = post_form(&app, "/participer/structure", &as_pairs(&form)).await;
    assert_eq!(answer.status(), 200);
    let follow_up = answer.text().await.unwrap();
    assert!(
        follow_up.contains("Structure : Association Inter de ressources et d&#39;action sociale")
            || follow_up
                .contains("Structure : Association Inter de ressources et d'action sociale")
    );

    let (anne, link) = anne_and_first(&app).await;
    let proposal = anne.get(&link).await.text().await.unwrap();
    assert!(
        proposal.contains("<strong>Ce qu'elle sait faire</strong>"),
        "changed"
    );
    assert!(proposal.contains("&lt;script&gt;"), "shown as text");
    assert!(!proposal.contains("<script>alert"));
    assert_eq!(
        anne.decide(&link, "publiee", None).await.status(),
        StatusCode::SEE_OTHER
    );
    let sheet = app.get_page(&format!("/acteurs/{id}")).await;
    assert!(sheet.contains("Cybersécurité"), "on its sheet at once");
    assert!(sheet.contains(&format!("href=\"/participer/structure?corriger={id}\"")));
    let actor = app.get_json(&format!("/api/actors/{id}")).await;
    let competences = actor["properties"]["competences"].to_string();
    assert!(competences.contains("Cybersécurité"), "{competences}");
    assert_eq!(
        actor["properties"]["lieux"],
        serde_json::json!(["conseiller-numerique-019"]),
        "its places are kept"
    );

    // A new structure of the Est zone: its referent follows it.
    let page = app.get_page("/participer/structure?nouveau=1").await;
    let mut form = form_values(&page);
    for (name, value) in [
        ("nom", "Repair café de Caussade"),
        ("type", "association"),
        ("territoire", "zone:Est"),
        ("competences", "Réparation, reconditionnement, réemploi"),
    ] {
        put(&mut form, name, value);
    }
    let answer = post_form(&app, "/participer/structure", &as_pairs(&form)).await;
    assert_eq!(answer.status(), 200);
    let rene = Coordinator::sign_in(&app, "rene", PASSWORD)
        .await
        .ok()
        .unwrap();
    let link = first_in_queue(&rene).await;
    let proposal = rene.get(&link).await.text().await.unwrap();
    assert!(proposal.contains("Structure : Repair café de Caussade"));
    assert_eq!(
        rene.decide(&link, "publiee", None).await.status(),
        StatusCode::SEE_OTHER
    );
    let directory = app.get_page("/acteurs").await;
    assert!(directory.contains("Repair café de Caussade"));
}

/// Nobody can sign a coordinator in to an account of theirs from another site: the sign-in
/// form needs the token of a page this browser was given (login CSRF).
#[tokio::test]
async fn the_sign_in_form_needs_its_own_token() {
    let (app, _dir) = with_accounts().await;
    let client = without_redirects();
    let post = |cookie: Option<String>, token: &str| {
        let mut request = client.post(app.url("/connexion")).form(&[
            ("jeton", token),
            ("identifiant", "anne"),
            ("mot_de_passe", PASSWORD),
        ]);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send()
    };
    let (cookie, token) = sign_in_token(&client, &app).await;
    // No cookie (a form posted from elsewhere), or another page's token: refused, in words.
    let forged = post(None, &token).await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(
        forged
            .headers()
            .get("set-cookie")
            .is_some_and(|c| c.to_str().unwrap().starts_with("carto82_connexion="))
    );
    let text = forged.text().await.unwrap();
    assert!(text.contains("trop ancienne"), "{text}");
    assert!(!text.contains("carto82_session="));
    let (_, other) = sign_in_token(&client, &app).await;
    let crossed = post(Some(cookie.clone()), &other).await.unwrap();
    assert_eq!(crossed.status(), StatusCode::FORBIDDEN);
    // Its own: signed in.
    let signed = post(Some(cookie), &token).await.unwrap();
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
}

/// Every field of the place and structure forms: a script comes back as text, a megabyte is
/// refused in French, and nothing reaches the queue.
#[tokio::test]
async fn every_field_of_the_record_forms_takes_hostile_input() {
    let (app, _dir) = with_accounts().await;
    let script = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    let huge = "é".repeat(1 << 19);
    for path in [
        "/participer/lieu?corriger=conseiller-numerique-022",
        "/participer/structure?corriger=association-inter-ressources-action-sociale",
    ] {
        let page = app.get_page(path).await;
        let form = form_values(&page);
        let action = path.split('?').next().unwrap();
        let mut names: Vec<String> = form.iter().map(|(n, _)| n.clone()).collect();
        names.dedup();
        for name in names {
            let mut hostile = form.clone();
            put(&mut hostile, &name, script);
            let answer = post_form(&app, action, &as_pairs(&hostile)).await;
            let status = answer.status();
            let text = answer.text().await.unwrap();
            assert!(
                !text.contains("<script>alert(1)") && !text.contains("<img src=x"),
                "{action} {name}: {status}"
            );
            let mut big = form.clone();
            put(&mut big, &name, &huge);
            let answer = post_form(&app, action, &as_pairs(&big)).await;
            assert_eq!(
                answer.status(),
                StatusCode::PAYLOAD_TOO_LARGE,
                "{action} {name}"
            );
            assert!(answer.text().await.unwrap().contains("trop longue"));
        }
    }
    // Only what a script in a name or a text could be kept as: text, never code.
    let anne = Coordinator::sign_in(&app, "anne", PASSWORD)
        .await
        .ok()
        .unwrap();
    let queue = anne.get("/suivi").await.text().await.unwrap();
    assert!(!queue.contains("<script>alert(1)"));
}
