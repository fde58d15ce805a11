//! The communication kit (issue 17): every kind of file made from the real data, read back
//! with Debian's tools as a partner's printer and phone would (poppler's `pdftotext`,
//! `pdfinfo`, `pdffonts`, `pdftoppm`; zbar's `zbarimg` for the QR codes), the kit page in
//! Chromium, and the cards social networks show.

use std::path::Path;
use std::process::Command;

use carto82::dataset::Dataset;
use carto82::kit::KitFile;
use carto82_e2e::browser::{
    assert_accessible, click, fits_the_width, open, poll, save_screenshot, with_browser,
};
use carto82_e2e::{TestApp, copy_dir, spawn_app, spawn_app_with};
use fantoccini::Locator;
use serde_json::Value;

/// Runs a tool on `file` and gives its standard output.
fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} (tools/setup --tests installs it): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The text of a PDF as one line: no-break spaces and line ends as plain spaces.
fn pdf_text(pdf: &Path) -> String {
    let text = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    text.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every QR code of the PDF's first page, as a phone reads the printed page (150 dpi).
fn qr_codes(pdf: &Path) -> Vec<String> {
    let png = pdf.with_extension("");
    tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            "-singlefile",
            "-f",
            "1",
            pdf.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    tool(
        "zbarimg",
        &[
            "-q",
            "--raw",
            "--nodbus",
            png.with_extension("png").to_str().unwrap(),
        ],
    )
    .lines()
    .map(str::to_owned)
    .collect()
}

/// A file of the kit, saved in `dir`, after checking its media type.
async fn download(app: &TestApp, path: &str, media: &str, dir: &Path) -> std::path::PathBuf {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    assert_eq!(response.headers()["content-type"], media, "{path}");
    let file = dir.join(path.trim_start_matches('/').replace('/', "-"));
    std::fs::write(&file, response.bytes().await.unwrap()).unwrap();
    file
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let at = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (at(16), at(20))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn events(app: &TestApp) -> Vec<Value> {
    app.get_json("/api/events").await["features"]
        .as_array()
        .unwrap()
        .clone()
}

fn prop<'a>(feature: &'a Value, key: &str) -> &'a str {
    feature["properties"][key].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_poster_says_what_when_and_where_and_its_qr_code_opens_the_event() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let event = events(&app)
        .await
        .into_iter()
        .find(|e| prop(e, "id") == "2026-beaumont-jeux-video-famille")
        .expect("the real example event");
    let id = prop(&event, "id");
    let poster = download(
        &app,
        &format!("/kit/evenements/{id}/affiche.pdf"),
        "application/pdf",
        dir.path(),
    )
    .await;
    let text = pdf_text(&poster);
    let sheet = app.url(&format!("/evenements/{id}"));
    for expected in [
        "Jeux vidéo en famille : bien choisir",
        "Mercredi 29 avril 2026, 14 h – 17 h",
        "413 rue d'Esparsac",
        "82500 Beaumont-de-Lomagne",
        "Parents et enfants dès 6 ans",
        "Gratuit",
        "Sans inscription",
        "handicap moteur",
        "Le 82 fait son numérique",
        "Du 13 avril au 10 mai 2026",
        "#Le82FaitSonNumerique",
        "Exemple : cet événement est inventé",
        sheet.as_str(),
    ] {
        assert!(
            text.contains(expected),
            "« {expected} » in the poster: {text}"
        );
    }
    // French typography: no line starts with the punctuation its no-break space holds.
    // (A PDF maps the no-break space to the space's glyph: extracted, it reads as a space.)
    let raw = tool(
        "pdftotext",
        &["-enc", "UTF-8", poster.to_str().unwrap(), "-"],
    );
    for line in raw.lines() {
        assert!(
            !line.trim_start().starts_with([':', ';', '!', '?', '»']),
            "{line}"
        );
    }
    assert_eq!(
        qr_codes(&poster),
        vec![sheet.clone()],
        "the QR code opens the event's page"
    );
    let info = tool("pdfinfo", &[poster.to_str().unwrap()]);
    assert!(
        info.contains("Title:           Affiche : Jeux vidéo en famille"),
        "{info}"
    );
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    let meta = tool("pdfinfo", &["-meta", poster.to_str().unwrap()]);
    assert!(meta.contains("fr-FR"), "the language is said: {meta}");
    let fonts = tool("pdffonts", &[poster.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "real text, in fonts: {fonts}");
    for row in rows {
        assert!(
            row.contains("yes yes yes"),
            "embedded, subset, with Unicode: {row}"
        );
    }
    // The flyer is the same page in A5.
    let flyer = download(
        &app,
        &format!("/kit/evenements/{id}/flyer.pdf"),
        "application/pdf",
        dir.path(),
    )
    .await;
    assert!(tool("pdfinfo", &[flyer.to_str().unwrap()]).contains("419.53 x 595.28 pts"));
    assert!(pdf_text(&flyer).contains("Mercredi 29 avril 2026"));
    assert_eq!(qr_codes(&flyer), vec![sheet], "the flyer's code reads too");
}

#[tokio::test]
async fn the_same_data_gives_the_same_bytes_and_an_etag() {
    let app = spawn_app().await;
    let path = "/kit/evenements/2026-beaumont-jeux-video-famille/affiche.pdf";
    let first = app.get(path).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let bytes = first.bytes().await.unwrap();
    let again = app
        .client
        .get(app.url(path))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // Made again from the files, not from a cache: the same bytes.
    let made = |dataset: &Dataset| match KitFile::parse(
        "evenements/2026-beaumont-jeux-video-famille/affiche.pdf",
    )
    .unwrap()
    .make(dataset, &format!("http://{}", app.address))
    {
        Some(Ok(made)) => made.bytes,
        _ => panic!("the poster is made"),
    };
    let data = carto82_e2e::data_dir();
    assert_eq!(made(&Dataset::load(&data).unwrap()), bytes.to_vec());
    assert_eq!(made(&Dataset::load(&data).unwrap()), bytes.to_vec());
}

#[tokio::test]
async fn a_cancelled_event_says_so_in_large_type() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let cancelled = events(&app)
        .await
        .into_iter()
        .find(|e| prop(e, "statut") == "annulé")
        .expect("the example programme has a cancelled event");
    let poster = download(
        &app,
        &format!("/kit/evenements/{}/affiche.pdf", prop(&cancelled, "id")),
        "application/pdf",
        dir.path(),
    )
    .await;
    assert!(pdf_text(&poster).contains("Annulé Cet événement n'aura pas lieu."));
    // Each word's box: « Annulé » is at least 40 points tall (the title is 40, the text 17).
    let boxes = tool("pdftotext", &["-bbox", poster.to_str().unwrap(), "-"]);
    let word = boxes
        .lines()
        .find(|l| l.contains(">Annulé<"))
        .expect("the word in the page");
    let number = |name: &str| -> f64 {
        let start = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        word[start..].split('"').next().unwrap().parse().unwrap()
    };
    assert!(
        number("yMax") - number("yMin") >= 40.0,
        "large type: {word}"
    );
    // Nothing to register to any more.
    assert!(!pdf_text(&poster).contains("Inscription"));
}

#[tokio::test]
async fn images_have_the_sizes_social_networks_ask_for() {
    let app = spawn_app().await;
    for (path, size) in [
        (
            "/kit/evenements/2026-beaumont-jeux-video-famille/carre.png",
            (1080, 1080),
        ),
        (
            "/kit/evenements/2026-beaumont-jeux-video-famille/partage.png",
            (1200, 630),
        ),
        (
            "/kit/lieux/conseiller-numerique-019/partage.png",
            (1200, 630),
        ),
        ("/kit/partage.png", (1200, 630)),
        (
            "/kit/evenements/2026-beaumont-jeux-video-famille/affiche.png",
            (595, 842),
        ),
        ("/kit/logo.png", (1200, 600)),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["content-type"], "image/png", "{path}");
        assert_eq!(png_size(&response.bytes().await.unwrap()), size, "{path}");
    }
    let logo = app.get("/kit/logo.svg").await;
    assert_eq!(logo.headers()["content-type"], "image/svg+xml");
    let svg = logo.text().await.unwrap();
    assert!(svg.starts_with("<svg") && !svg.contains("<script"), "{svg}");
}

#[tokio::test]
async fn each_zone_has_its_leaflet_and_the_booklet_has_every_event() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let all = events(&app).await;
    let title = |e: &Value| one_line(prop(e, "titre"));
    for zone in ["Est", "Centre", "Ouest"] {
        let path = format!("/kit/programmes/zone-{}.pdf", zone.to_lowercase());
        let leaflet = download(&app, &path, "application/pdf", dir.path()).await;
        let text = pdf_text(&leaflet);
        assert!(
            text.contains(&format!("Le programme de la zone {zone}")),
            "{text}"
        );
        for event in &all {
            let here = prop(event, "zone") == zone;
            assert_eq!(
                text.contains(&title(event)),
                here,
                "{} in {path}: {text}",
                title(event)
            );
        }
        let codes = qr_codes(&leaflet);
        assert!(
            codes.contains(&app.url(&format!("/evenements?zone={zone}"))),
            "the online programme's code on {path}: {codes:?}"
        );
        assert!(
            codes
                .iter()
                .any(|c| c.starts_with(&app.url("/evenements/2026-"))),
            "each event's code: {codes:?}"
        );
    }
    let booklet = download(
        &app,
        "/kit/programmes/livret.pdf",
        "application/pdf",
        dir.path(),
    )
    .await;
    let text = pdf_text(&booklet);
    for event in &all {
        assert!(
            text.contains(&title(event)),
            "{} in the booklet",
            title(event)
        );
    }
    assert!(
        text.contains("Mardi 14 avril 2026") && text.contains("Page 1 sur"),
        "{text}"
    );
    let week = download(
        &app,
        "/kit/programmes/semaine-phare.pdf",
        "application/pdf",
        dir.path(),
    )
    .await;
    let text = pdf_text(&week);
    assert!(text.contains("La semaine phare à Montauban"), "{text}");
    for event in &all {
        let flagship = event["properties"]["semaine_phare"] == true;
        assert_eq!(
            text.contains(&title(event)),
            flagship,
            "{} in the week",
            title(event)
        );
    }
    let epci = download(
        &app,
        "/kit/programmes/epci-248200099.pdf",
        "application/pdf",
        dir.path(),
    )
    .await;
    assert!(pdf_text(&epci).contains("Le programme :"));
}

#[tokio::test]
async fn a_place_has_its_sign_for_the_door() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let sign = download(
        &app,
        "/kit/lieux/conseiller-numerique-019/panneau.pdf",
        "application/pdf",
        dir.path(),
    )
    .await;
    let text = pdf_text(&sign);
    for expected in [
        "Ici, on vous aide avec le numérique",
        "Association Inter de ressources et d'action sociale",
        "Du lundi au vendredi : 8 h 30 – 12 h 30 et 13 h 30 – 17 h 30",
        "82400 Valence",
        "05 63 29 62 20",
        "C'est gratuit.",
    ] {
        assert!(
            text.contains(expected),
            "« {expected} » in the sign: {text}"
        );
    }
    assert_eq!(
        qr_codes(&sign),
        vec![app.url("/lieux/conseiller-numerique-019")]
    );
}

#[tokio::test]
async fn what_is_not_in_the_data_is_a_404_that_repeats_nothing() {
    let app = spawn_app().await;
    for path in [
        "/kit/evenements/%3Cscript%3Ealert(1)%3C%2Fscript%3E/affiche.pdf",
        "/kit/evenements/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/kit/lieux/inconnu/panneau.pdf",
        "/kit/programmes/zone-nord.pdf",
        "/kit/acteurs/inconnu",
        "/kit/rien",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body = response.text().await.unwrap();
        assert!(!body.contains("<script>alert"), "{path}");
        assert!(body.contains("Ce fichier n'existe pas"), "{path}");
    }
    // A megabyte of address: refused before any file is looked for, and the server goes on.
    let address = app.address;
    let status = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut client = std::net::TcpStream::connect(address).unwrap();
        let request = format!(
            "GET /kit/evenements/{}/affiche.pdf HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "a".repeat(1 << 20)
        );
        // The server may close before reading it all.
        let _ = client.write_all(request.as_bytes());
        let mut first = [0u8; 12];
        client
            .read_exact(&mut first)
            .map(|_| String::from_utf8_lossy(&first).into_owned())
    })
    .await
    .unwrap();
    if let Ok(status) = status {
        assert!(status.starts_with("HTTP/1.1 4"), "{status}");
    }
    assert_eq!(app.get("/kit").await.status(), 200, "still serving");
}

#[tokio::test]
async fn every_page_has_a_social_card_whose_image_answers() {
    let app = spawn_app().await;
    for (page, image) in [
        (
            "/evenements/2026-beaumont-jeux-video-famille",
            "/kit/evenements/2026-beaumont-jeux-video-famille/partage.png",
        ),
        (
            "/lieux/conseiller-numerique-019",
            "/kit/lieux/conseiller-numerique-019/partage.png",
        ),
        ("/", "/kit/partage.png"),
        ("/couverture", "/kit/partage.png"),
        ("/kit", "/kit/partage.png"),
        ("/mentions-legales", "/kit/partage.png"),
    ] {
        let html = scraper::Html::parse_document(&app.get_page(page).await);
        let meta = |property: &str| {
            let selector =
                scraper::Selector::parse(&format!("meta[property=\"{property}\"]")).unwrap();
            html.select(&selector)
                .next()
                .and_then(|m| m.value().attr("content"))
                .unwrap_or_else(|| panic!("{property} on {page}"))
                .to_owned()
        };
        let title = scraper::Selector::parse("title").unwrap();
        let title = html
            .select(&title)
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert_eq!(meta("og:title"), title, "{page}");
        assert_eq!(meta("og:url"), app.url(page), "{page}");
        assert_eq!(meta("og:image"), app.url(image), "{page}");
        let twitter = scraper::Selector::parse("meta[name=\"twitter:card\"]").unwrap();
        assert!(html.select(&twitter).next().is_some(), "{page}");
        let answer = app.get(image).await;
        assert_eq!(answer.status(), 200, "{image}");
        assert_eq!(answer.headers()["content-type"], "image/png");
    }
}

#[tokio::test]
async fn the_identity_is_checked_at_load_and_each_problem_located() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&carto82_e2e::data_dir(), dir.path());
    let path = dir.path().join("identite.json");
    let mut identity: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    identity["couleurs"]["sur_principale"] = "#2a4a80".into();
    identity["mot_diese"] = "#Le 82".into();
    identity["messages"][0] = "x".repeat(300).into();
    std::fs::write(&path, identity.to_string()).unwrap();
    std::fs::write(dir.path().join("identite/logo.svg"), "<svg><oops").unwrap();
    let problems = Dataset::load(dir.path())
        .err()
        .expect("refused")
        .to_string();
    for expected in [
        "identite.json, champ « couleurs.sur_principale » : trop peu de contraste",
        "champ « mot_diese »",
        "champ « messages[0] » : 200 caractères au plus",
        "logo.svg : SVG illisible",
    ] {
        assert!(problems.contains(expected), "« {expected} » in: {problems}");
    }
    // Without the file, the kit wears the site's identity.
    std::fs::remove_file(&path).unwrap();
    std::fs::remove_dir_all(dir.path().join("identite")).unwrap();
    let folder = dir.path().to_owned();
    let app = spawn_app_with(|args| args.data = folder).await;
    let page = app.get_page("/kit").await;
    assert!(page.contains("Carto82"), "{page}");
    assert_eq!(app.get("/kit/logo.svg").await.status(), 404);
    assert_eq!(
        app.get("/kit/evenements/2026-beaumont-jeux-video-famille/affiche.pdf")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn from_an_event_page_a_partner_reaches_its_poster_on_a_phone() {
    let app = spawn_app().await;
    let start = app.url("/evenements/2026-beaumont-jeux-video-famille");
    let overview = app.url("/kit");
    with_browser(360, 740, move |client| async move {
        open(&client, &start).await;
        client
            .find(Locator::LinkText("Affiche et visuels"))
            .await
            .expect("the link on the event's page")
            .click()
            .await
            .unwrap();
        poll(&client, "return location.pathname;", 20, |v| {
            v == "/kit/evenements/2026-beaumont-jeux-video-famille"
        })
        .await;
        poll(&client, carto82_e2e::browser::HYDRATED, 20, |v| v == true).await;
        assert_accessible(&client, "/kit/evenements/… at 360 px").await;
        assert!(fits_the_width(&client).await, "the event's kit fits 360 px");
        let previews = poll(
            &client,
            "return [...document.querySelectorAll('img.apercu')].every(i => i.complete && i.naturalWidth > 0) && document.querySelectorAll('img.apercu').length;",
            30,
            |v| v.as_u64().is_some_and(|n| n >= 3),
        )
        .await;
        assert_eq!(previews, 3, "the poster and both images are previewed");
        let text = client
            .find(Locator::Id("texte-a-copier"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap();
        assert!(text.chars().count() <= carto82::kit::SOCIAL_TEXT_CHARS, "{text}");
        assert!(text.contains("#Le82FaitSonNumerique") && text.contains("/evenements/2026-beaumont-jeux-video-famille"), "{text}");
        save_screenshot(&client, "kit-evenement-360.png").await;
        let download = client
            .find(Locator::Css("a[href$='affiche.pdf']"))
            .await
            .unwrap()
            .attr("download")
            .await
            .unwrap();
        assert_eq!(download.as_deref(), Some("evenements-2026-beaumont-jeux-video-famille-affiche.pdf"));
        open(&client, &overview).await;
        assert_accessible(&client, "/kit at 360 px").await;
        assert!(fits_the_width(&client).await, "/kit fits 360 px");
        save_screenshot(&client, "kit-360.png").await;
        // A place's sign, chosen from the list.
        click(&client, "#kit-lieux summary").await;
        click(&client, "a[href='/kit/lieux/conseiller-numerique-019']").await;
        poll(&client, "return location.pathname;", 20, |v| {
            v == "/kit/lieux/conseiller-numerique-019"
        })
        .await;
        poll(&client, carto82_e2e::browser::HYDRATED, 20, |v| v == true).await;
        assert_accessible(&client, "/kit/lieux/… at 360 px").await;
    })
    .await;
}
