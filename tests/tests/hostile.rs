//! A hostile or careless world: script payloads in every text field of the data and in
//! every parameter of every page, odd Unicode, long values, broken percent-encoding. Each
//! page is rendered by the real server and read as a browser would: nothing in it may run
//! but our own code, and the server answers every request without a 5xx.

use std::path::Path;

use carto82_e2e::browser::{open, poll, with_browser};
use carto82_e2e::html::{executable_parts, nonce_of};
use carto82_e2e::{TestApp, copy_dir, data_dir, spawn_app, spawn_app_with};
use serde_json::Value;

/// Ends every element whose text Leptos or a browser might not escape, then tries to run.
/// (96 characters: within every field's limit.)
const PAYLOAD: &str = "P</title></textarea></script><script>window.__xss=1</script><img src=x onerror=window.__xss=2>\"'";

/// How many of [`parameter_values`] come first as script payloads.
const SCRIPTS: usize = 4;

/// Values for URL parameters: scripts and schemes first, then odd Unicode, broken
/// percent-encoding, numbers that are not, long values.
fn parameter_values() -> Vec<String> {
    [
        "%3C%2Ftitle%3E%3C%2Ftextarea%3E%3Cscript%3Ealert(document.domain)%3C%2Fscript%3E",
        "x%22%20onload%3D%22alert(1)",
        "%27%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "javascript%3Aalert(1)",
        "%E2%80%AEtxt.exe%E2%80%8B%EF%BB%BF",
        "%00%01%1F",
        "%",
        "%zz",
        "%E2%82",
        "%C0%AF",
        "%ED%A0%80",
        "%253Cscript%253E",
        "+%2B+",
        "Est,,,Ouest,",
        "-1e309",
        "NaN",
        "44.0,1.3,5",
    ]
    .iter()
    .map(|v| v.to_string())
    .collect()
}

/// A long value, tried one parameter at a time (in all at once, the address would be
/// longer than clients send).
fn long_value() -> String {
    "%C3%A9".repeat(2_000)
}

/// The parameters the pages and the API read, and one they do not.
fn parameters() -> Vec<&'static str> {
    let mut names = app::model::query::every_name();
    names.push("inconnu");
    names
}

/// Asserts the answer is not a server error and, for HTML, that nothing in it can run.
async fn check(app: &TestApp, path: &str) {
    let shown: String = path.chars().take(160).collect();
    let send = || {
        app.client
            .get(app.url(path))
            .timeout(std::time::Duration::from_secs(30))
            .send()
    };
    // A kept-alive connection that the server closed just as it was reused fails before
    // anything is sent; a client sends the request again, as HTTP allows for a GET.
    let response = match send().await {
        Err(e) if e.is_request() && !e.is_timeout() => send().await,
        other => other,
    }
    .unwrap_or_else(|e| panic!("GET {shown}: {e:?}"));
    let status = response.status();
    // oEmbed's own answer to a format it does not offer is 501 (oEmbed 1.0, 2.3.4).
    let unsupported_format =
        path.starts_with("/oembed?") && path.contains("format=") && status == 501;
    let path = shown;
    assert!(
        !status.is_server_error() || unsupported_format,
        "GET {path} → {status}"
    );
    let html = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let nonce = nonce_of(&response);
    let body = response.text().await.expect("a body");
    if html {
        let problems = executable_parts(&body, &nonce);
        assert!(problems.is_empty(), "GET {path}: {problems:#?}");
    }
}

/// [`check`] on each path, four at a time (the server renders on its own threads).
async fn check_all(app: &TestApp, paths: impl Iterator<Item = String>) {
    use futures::StreamExt;
    futures::stream::iter(paths)
        .for_each_concurrent(4, |path| async move { check(app, &path).await })
        .await;
}

#[tokio::test]
async fn no_url_parameter_gets_anything_to_run() {
    let app = spawn_app().await;
    let values = parameter_values();
    // Each script payload in each parameter alone; the other values in all parameters at
    // once (a page reads each parameter on its own, so one request tries them all).
    let (scripts, others) = values.split_at(SCRIPTS);
    let queries = |parameters: &[&str]| -> Vec<String> {
        let mut queries: Vec<String> = parameters
            .iter()
            .flat_map(|p| scripts.iter().map(move |v| format!("{p}={v}")))
            .collect();
        queries.extend(others.iter().map(|v| {
            parameters
                .iter()
                .map(|p| format!("{p}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        }));
        let long = long_value();
        queries.extend(parameters.iter().map(|p| format!("{p}={long}")));
        queries
    };
    let pages = ["/", "/embed", "/integrer", "/couverture"]
        .iter()
        .flat_map(|page| {
            queries(&parameters())
                .into_iter()
                .map(move |q| format!("{page}?{q}"))
        });
    check_all(&app, pages).await;
    let api_parameters: Vec<&str> = parameters()
        .into_iter()
        .chain(["url", "maxwidth", "maxheight"])
        .collect();
    for api in [
        "/api/places",
        "/api/events",
        "/api/resources",
        "/api/stats",
        "/api/coverage",
        "/api/events.ics",
        "/api/coverage.svg",
        "/api/coverage/communes.csv",
        "/oembed",
    ] {
        check_all(
            &app,
            queries(&api_parameters)
                .into_iter()
                .map(|q| format!("{api}?{q}")),
        )
        .await;
    }
    let values: Vec<String> = values.into_iter().chain([long_value()]).collect();
    for value in &values {
        for record in [
            "/lieux/",
            "/evenements/",
            "/ressources/",
            "/api/events/",
            "/api/territory/",
        ] {
            check(&app, &format!("{record}{value}")).await;
        }
        check(&app, &format!("/{value}")).await;
    }
    // The issue's own addresses.
    check(
        &app,
        "/embed?titre=%3C%2Ftitle%3E%3Cscript%3Ealert(document.domain)%3C%2Fscript%3E",
    )
    .await;
    let builder = app
        .get_page("/integrer?titre=x%22%20onload%3D%22alert(1)")
        .await;
    assert!(
        builder.contains("title=&quot;Carte Carto82 : x&amp;quot; onload=&amp;quot;alert(1)&quot;"),
        "the code is shown as text, its quotes escaped once more than in the code itself"
    );
}

#[tokio::test]
async fn a_very_long_address_is_refused_without_harm() {
    let app = spawn_app().await;
    for page in ["/", "/embed", "/api/places"] {
        let url = app.url(&format!("{page}?q={}", "a".repeat(1_000_000)));
        let answer = app.client.get(&url).send().await;
        if let Ok(response) = answer {
            assert!(
                response.status().is_client_error(),
                "{page}: {}",
                response.status()
            );
        }
    }
    // Still serving.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// Puts `value` into every field of `fields` present in each feature of `file` (added
/// where absent, for a top-level field, with `add`).
fn poison(file: &Path, fields: &[&str], value: &dyn Fn(&str) -> Value, add: bool) {
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    for feature in doc["features"].as_array_mut().unwrap() {
        let properties = feature["properties"].as_object_mut().unwrap();
        for field in fields {
            let (field, inner) = field.split_once('.').unwrap_or((field, ""));
            if add && inner.is_empty() {
                properties.entry(field).or_insert(Value::Null);
            }
            let Some(slot) = properties.get_mut(field) else {
                continue;
            };
            let slot = if inner.is_empty() {
                slot
            } else {
                match slot.get_mut(inner) {
                    Some(s) => s,
                    None => continue,
                }
            };
            *slot = match slot {
                Value::Array(items) => Value::Array(items.iter().map(|_| value(field)).collect()),
                _ => value(field),
            };
        }
    }
    std::fs::write(file, doc.to_string()).unwrap();
}

/// The text fields of each file that are shown as they are (names, descriptions…).
const PLACE_TEXT: [&str; 12] = [
    "nom",
    "nom_affiche",
    "commune",
    "adresse",
    "complement_adresse",
    "presentation_resume",
    "presentation_detail",
    "source",
    "structure_parente",
    "autres_formations_labels",
    "courriels",
    "signalements",
];
const EVENT_TEXT: [&str; 10] = [
    "titre",
    "resume",
    "description",
    "lieu_nom",
    "adresse",
    "commune",
    "public",
    "prix",
    "organisateur",
    "inscription.courriel",
];
const RESOURCE_TEXT: [&str; 7] = [
    "nom",
    "description",
    "conditions",
    "adresse",
    "commune",
    "source",
    "courriel",
];

/// The real dataset with a script in every text field, in `dir`.
fn poisoned_dataset(dir: &Path) {
    copy_dir(&data_dir(), dir);
    let payload = |field: &str| {
        // Within each field's length limit.
        let text = match field {
            "resume" => PAYLOAD.chars().take(190).collect(),
            // Valid by RFC 5322 (a quoted local part), so the dataset accepts it.
            "courriel" | "courriels" => "\"x'><script>alert(1)</script>\"@exemple.fr".to_owned(),
            _ => PAYLOAD.to_owned(),
        };
        Value::String(text)
    };
    poison(&dir.join("lieux.geojson"), &PLACE_TEXT, &payload, false);
    poison(
        &dir.join("evenements.geojson"),
        &EVENT_TEXT,
        &payload,
        false,
    );
    poison(
        &dir.join("ressources.geojson"),
        &RESOURCE_TEXT,
        &payload,
        false,
    );
    // The kit's identity: shown on `/kit`, drawn into every poster and image.
    let identity = dir.join("identite.json");
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&identity).unwrap()).unwrap();
    let short: String = PAYLOAD.chars().take(80).collect();
    doc["nom"] = Value::String(short);
    for field in ["organisateur", "citation"] {
        doc[field] = Value::String(PAYLOAD.chars().take(200).collect());
    }
    doc["messages"][0] = Value::String(PAYLOAD.chars().take(200).collect());
    std::fs::write(&identity, doc.to_string()).unwrap();
    for layer in ["communes.simplifie.geojson", "epci.simplifie.geojson"] {
        poison(
            &dir.join("territoire").join(layer),
            &["nom"],
            &payload,
            false,
        );
    }
}

#[tokio::test]
async fn scripts_in_the_data_are_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    poisoned_dataset(dir.path());
    let app = spawn_app_with(|args| args.data = dir.path().to_owned()).await;
    let places = app.get_json("/api/places").await;
    let events = app.get_json("/api/events").await;
    let resources = app.get_json("/api/resources").await;
    let ids = |doc: &Value| -> Vec<String> {
        doc["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut pages: Vec<String> = [
        "/",
        "/?ou=Lauzerte",
        "/?layers=places,events,resources",
        "/embed",
        "/embed?zone=Est&layers=events",
        "/couverture",
        "/integrer",
        "/api",
        "/page-inconnue",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    pages.extend(ids(&places).iter().map(|id| format!("/lieux/{id}")));
    pages.extend(ids(&events).iter().map(|id| format!("/evenements/{id}")));
    pages.extend(ids(&resources).iter().map(|id| format!("/ressources/{id}")));
    // The communication kit: its pages, and its images drawn from SVG the data's text is
    // written into (unescaped, the drawing would not read and the answer would be a 500).
    pages.push("/kit".to_owned());
    pages.extend(ids(&places).iter().map(|id| format!("/kit/lieux/{id}")));
    pages.extend(
        ids(&events)
            .iter()
            .map(|id| format!("/kit/evenements/{id}")),
    );
    for page in &pages {
        check(&app, page).await;
    }
    for file in [
        format!("/kit/evenements/{}/carre.png", ids(&events)[0]),
        format!("/kit/evenements/{}/affiche.pdf", ids(&events)[0]),
        format!("/kit/lieux/{}/partage.png", ids(&places)[0]),
        "/kit/programmes/livret.pdf".to_owned(),
    ] {
        assert_eq!(app.get(&file).await.status(), 200, "{file}");
    }
    // The text is there, as text.
    let page = app.get_page(&format!("/lieux/{}", ids(&places)[0])).await;
    assert!(page.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"));
    assert!(
        page.contains("<title>P&lt;/title&gt;"),
        "the title is escaped"
    );

    // In a browser: nothing ran, nothing was injected, and nothing was blocked (a blocked
    // script would mean one got into the page: `with_browser` checks the CSP reports).
    let base = app.url("");
    let first_place = format!("{base}/lieux/{}", ids(&places)[0]);
    let first_event = format!("{base}/evenements/{}", ids(&events)[0]);
    with_browser(1280, 900, move |client| async move {
        for url in [
            format!("{base}/"),
            first_place,
            first_event,
            format!("{base}/embed?layers=places,events,resources"),
            format!("{base}/couverture"),
        ] {
            open(&client, &url).await;
            let found = poll(
                &client,
                r#"return {
                    ran: window.__xss === undefined ? 0 : window.__xss,
                    injected: document.querySelectorAll('img[onerror], svg[onload], script:not([src]):not([type])').length
                        - document.querySelectorAll('script:not([src]):not([type])[nonce]').length
                };"#,
                1,
                |_| true,
            )
            .await;
            assert_eq!(found["ran"], 0, "{url}: a script ran");
            assert_eq!(found["injected"], 0, "{url}: an element was injected");
        }
    })
    .await;
}

#[test]
fn web_addresses_in_the_data_must_be_web_addresses() {
    let bad = |_: &str| Value::String("javascript:alert(document.cookie)".to_owned());
    for (file, field, named) in [
        ("lieux.geojson", "site_web", "site_web[0]"),
        ("lieux.geojson", "prise_rdv", "prise_rdv"),
        ("lieux.geojson", "fiche_acces_libre", "fiche_acces_libre"),
        ("ressources.geojson", "site_web", "site_web"),
        // An internally tagged enum is read whole: serde names the enum, not its member.
        ("evenements.geojson", "inscription.lien", "inscription"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&data_dir(), dir.path());
        poison(&dir.path().join(file), &[field], &bad, field != "site_web");
        let problems = carto82::dataset::Dataset::load(dir.path())
            .err()
            .expect("refused")
            .to_string();
        let located = problems.lines().any(|l| {
            l.contains(file) && l.contains(&format!("champ « {named} »")) && l.contains("https://")
        });
        assert!(located, "{file} {named} named:\n{problems}");
    }
}

#[tokio::test]
async fn forwarded_headers_are_believed_only_from_the_configured_proxies() {
    let poison = |request: reqwest::RequestBuilder| {
        request
            .header("x-forwarded-proto", "javascript")
            .header("x-forwarded-host", "evil.example")
            .header(
                "forwarded",
                "for=1.2.3.4;proto=javascript;host=evil.example",
            )
    };
    let oembed = |app: &TestApp, map: String| {
        let request = poison(app.client.get(app.url("/oembed")).query(&[("url", map)]));
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    // No proxy configured: the forwarded headers are ignored.
    let app = spawn_app().await;
    let origin = app.url("");
    let answer = oembed(&app, format!("{origin}/embed?zone=Est")).await;
    let html = answer["html"].as_str().unwrap();
    assert!(html.contains(&format!("src=\"{origin}/embed?")), "{html}");
    assert!(
        !html.contains("javascript") && !html.contains("evil"),
        "{html}"
    );
    let builder = poison(app.client.get(app.url("/integrer")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!builder.contains("evil.example") && !builder.contains("javascript:"));

    // Behind the configured proxy: its host is believed, a scheme other than http(s) never.
    let app = spawn_app_with(|args| args.proxies = "127.0.0.1".parse().unwrap()).await;
    // The proxy said the public host; the scheme it said is not http(s): http is kept.
    let answer = oembed(&app, "http://evil.example/embed?zone=Est".to_owned()).await;
    let html = answer["html"].as_str().unwrap_or_default();
    assert!(
        html.contains("src=\"http://evil.example/embed?"),
        "{answer}"
    );
    assert!(!html.contains("javascript"), "{answer}");
    // A host that is not a host name is not believed, even from the proxy.
    let page = app
        .client
        .get(app.url("/integrer"))
        .header("x-forwarded-host", "x\" onload=\"alert(1)")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("onload=\"alert"), "the host is checked");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = spawn_app().await;
    let doc = app.get_json("/api/openapi.json").await;
    let mut paths: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|p| {
            p.replace("{id}", "2026-negrepelisse-essayer-ia")
                .replace("{layer}", "zones")
        })
        .collect();
    paths.extend(
        [
            "/",
            "/embed",
            "/couverture",
            "/integrer",
            "/lieux/france-services-000",
            "/evenements/2026-negrepelisse-essayer-ia",
            "/ressources/inconnue",
            "/api",
            "/api/inconnu",
            "/oembed",
            "/page-inconnue",
            "/assets/carto82.css",
            "/assets/hauteur.js",
        ]
        .map(str::to_owned),
    );
    for path in &paths {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: CSP"))
            .to_str()
            .unwrap();
        let content_type = headers
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        if content_type.starts_with("text/html") {
            assert_eq!(content_type, "text/html; charset=utf-8", "{path}");
            assert!(csp.contains("script-src 'self' 'nonce-"), "{path}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        } else {
            assert!(csp.starts_with("default-src 'none'"), "{path}: {csp}");
        }
        if content_type.starts_with("text/") {
            assert!(
                content_type.contains("charset=utf-8"),
                "{path}: {content_type}"
            );
        }
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(
            headers["permissions-policy"]
                .to_str()
                .unwrap()
                .starts_with("geolocation=(self)"),
            "{path}"
        );
        assert!(headers.contains_key("referrer-policy"), "{path}");
        let framing = carto82_e2e::frame_ancestors(&response);
        if path == "/embed" {
            assert_eq!(framing, "frame-ancestors *");
        } else {
            assert_eq!(framing, "frame-ancestors 'none'", "{path}");
            assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
        }
    }
    // The answer to a form, too.
    let report = app
        .client
        .post(app.url("/signaler"))
        .form(&[("page", "/"), ("message", "trop court")])
        .send()
        .await
        .unwrap();
    assert!(report.headers().contains_key("content-security-policy"));
}
