//! The words residents read: counts agree with their nouns on every page (issue 13,
//! item 22). Pages are read as text, the way a screen reader says them.

use carto82_e2e::{spawn_app, text_at};
use regex::Regex;

/// The text of a page: no scripts, no styles, no tags; spaces as a reader hears them.
fn text_of(html: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    let skipped = scraper::Selector::parse("script, style, template").unwrap();
    let skip: Vec<_> = document.select(&skipped).map(|e| e.id()).collect();
    let mut text = String::new();
    for root in document.select(&body) {
        for node in root.descendants() {
            if node.ancestors().any(|a| skip.contains(&a.id())) {
                continue;
            }
            if let Some(t) = node.value().as_text() {
                text.push_str(t);
                text.push(' ');
            }
        }
    }
    text.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every count whose noun or participle does not agree with it.
fn mismatches(text: &str) -> Vec<String> {
    let nouns = "lieu|commune|événement|ressource|habitant|résultat|ville";
    let rules = [
        // One, or none: singular.
        format!(r"\b(?:1|Aucun|Aucune|aucun|aucune) (?:{nouns})s\b"),
        // Two or more: plural ("12 lieu" is wrong; "1 250 habitants" has its space inside).
        format!(r"\b(?:[2-9]|[1-9][0-9]+) (?:{nouns})\b[^s]"),
        r"\b(?:1|Aucun|Aucune) (?:lieu|événement|commune|ressource) trouvée?s\b".to_owned(),
        r"\blieux trouvé\b[^s]".to_owned(),
        r"\bressource inventé\b[^e]".to_owned(),
    ];
    rules
        .iter()
        .flat_map(|rule| {
            Regex::new(rule)
                .unwrap()
                .find_iter(text)
                .map(|m| m.as_str().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_rules_see_what_is_wrong_and_only_that() {
    for wrong in [
        "1 communes, 644 habitants.",
        "Aucun lieux trouvé.",
        "1 lieu trouvés.",
        "12 lieu près de vous.",
        "une ressource inventé pour",
    ] {
        assert!(!mismatches(wrong).is_empty(), "{wrong}");
    }
    for right in [
        "1 commune, 644 habitants.",
        "Aucun lieu trouvé.",
        "12 lieux trouvés.",
        "1 250 habitants",
        "ressource inventée pour",
        "Lieux à 10 km ou moins de Lauzerte",
    ] {
        assert_eq!(mismatches(right), Vec::<String>::new(), "{right}");
    }
}

#[tokio::test]
async fn every_count_on_every_page_agrees_with_its_noun() {
    let app = spawn_app().await;
    let places = app.get_json("/api/places").await;
    let events = app.get_json("/api/events").await;
    let resources = app.get_json("/api/resources").await;
    let first = |collection: &serde_json::Value| {
        collection["features"][0]["id"].as_str().unwrap().to_owned()
    };
    let pages = [
        "/".to_owned(),
        "/?where=Lauzerte&radius=5".to_owned(),
        "/?where=Laguépie&radius=5".to_owned(),
        "/?where=Nulle-Part".to_owned(),
        "/?zone=Est&theme=IA".to_owned(),
        "/?service=Aide+aux+d%C3%A9marches+administratives&open_now=oui".to_owned(),
        "/embed?zone=Ouest&layers=events".to_owned(),
        "/couverture".to_owned(),
        "/couverture?zone=Est".to_owned(),
        "/couverture?programme=France+Services".to_owned(),
        "/integrer".to_owned(),
        "/evenements".to_owned(),
        format!("/lieux/{}", first(&places)),
        format!("/evenements/{}", first(&events)),
        format!("/ressources/{}", first(&resources)),
        "/api".to_owned(),
    ];
    for page in pages {
        let text = text_of(&app.get_page(&page).await);
        assert!(text.len() > 100, "{page} has text");
        assert_eq!(mismatches(&text), Vec::<String>::new(), "{page}");
    }
}

#[tokio::test]
async fn residents_read_clean_names_and_plain_words_reviewers_keep_the_sources() {
    let app = spawn_app().await;
    let places = app.get_json("/api/places").await;
    let features = places["features"].as_array().unwrap();
    let mut with_notes = 0;
    for place in features {
        let p = &place["properties"];
        let id = p["id"].as_str().unwrap();
        let html = app.get_page(&format!("/lieux/{id}")).await;
        let text = text_of(&html);
        let name = text_at(&html, "h1");
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        assert!(
            letters.iter().any(|c| c.is_lowercase()),
            "/lieux/{id}: the name « {name} » is shouted"
        );
        assert!(
            !text.contains("À vérifier"),
            "/lieux/{id} shows reviewers' notes"
        );
        assert!(
            !text.contains("Maîtrise des outils numériques du quotidien"),
            "/lieux/{id} uses the standard's jargon"
        );
        if p["signalements"].is_array() {
            with_notes += 1;
            let note = p["signalements"][0].as_str().unwrap();
            assert!(!text.contains(note), "/lieux/{id} shows « {note} »");
        }
    }
    assert!(with_notes >= 2, "the API keeps reviewers' notes");

    let mission = app.get_json("/api/places/conseiller-numerique-034").await;
    assert_eq!(
        mission["properties"]["nom"], "MIS LOCAL INSERTION PROF JEUNES TARN GNE",
        "the API keeps the source's name"
    );
    let page = app.get_page("/lieux/conseiller-numerique-034").await;
    assert_eq!(
        text_at(&page, "h1").trim(),
        "Mission locale de Tarn-et-Garonne"
    );
    assert!(page.contains("<title>Mission locale de Tarn-et-Garonne"));
    assert!(
        text_of(&page).contains("Apprendre à utiliser un téléphone, une tablette ou un ordinateur")
    );
    let api = app.get_json("/api/places/conseiller-numerique-034").await;
    assert!(
        api["properties"]["services"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(
                "Maîtrise des outils numériques du quotidien"
            )),
        "the API keeps the standard's labels"
    );
    // The list and the search read the same name.
    let list = text_of(&app.get_page("/?q=mission+locale").await);
    assert!(list.contains("Mission locale de Tarn-et-Garonne"), "{list}");
}

/// Issue 13, item 23: a tab, a bookmark and the history say which page it is.
#[tokio::test]
async fn every_page_has_a_title_of_its_own() {
    let app = spawn_app().await;
    let pages = [
        "/",
        "/?where=Lauzerte",
        "/couverture",
        "/integrer",
        "/evenements",
        "/api",
        "/lieux/france-services-000",
        "/lieux/france-services-015",
        "/evenements/2026-montauban-ia-au-quotidien",
        "/ressources/amar-82-materiel",
        "/mentions-legales",
        "/accessibilite",
    ];
    let mut titles = Vec::new();
    for page in pages {
        let title = text_at(&app.get_page(page).await, "title");
        assert!(
            title.ends_with("Carto82") || title.starts_with("Carto82"),
            "{page}: {title}"
        );
        assert!(!titles.contains(&title), "{page} repeats « {title} »");
        titles.push(title);
    }
    assert_eq!(
        text_at(&app.get_page("/?where=%3Cb%3ELauzerte").await, "title"),
        "Aide au numérique près de <b>Lauzerte – Carto82",
        "the text typed, as text"
    );
}

/// Issue 13, item 23: on paper, the content without the forms (search, needs, layers,
/// « Signaler une erreur »). The browser's own selector matching says what the print
/// stylesheet hides.
#[tokio::test]
async fn printed_pages_keep_the_content_and_drop_the_forms() {
    use carto82_e2e::browser::{open, with_browser};
    let app = spawn_app().await;
    let urls = [
        app.url("/?where=Lauzerte"),
        app.url("/evenements/2026-montauban-ia-au-quotidien"),
        app.url("/lieux/france-services-000"),
    ];
    const ON_PAPER: &str = r#"
        const rules = [...document.styleSheets]
            .flatMap(s => [...s.cssRules])
            .filter(r => r.media && r.media.mediaText === 'print')
            .flatMap(r => [...r.cssRules]);
        const hidden = el => {
            for (let e = el; e; e = e.parentElement) {
                if (rules.some(r => r.style && r.style.display === 'none' && e.matches(r.selectorText))) return true;
            }
            return false;
        };
        return {
            forms: [...document.querySelectorAll('form, details.signaler')].filter(e => !hidden(e)).map(e => e.outerHTML.slice(0, 80)),
            content: !hidden(document.querySelector('h1')) && [...document.querySelectorAll('h2')].some(h => !hidden(h)),
        };
    "#;
    with_browser(1024, 800, move |client| async move {
        for url in urls {
            open(&client, &url).await;
            let printed = client.execute(ON_PAPER, vec![]).await.unwrap();
            assert_eq!(printed["forms"], serde_json::json!([]), "{url}");
            assert_eq!(printed["content"], true, "{url}");
        }
    })
    .await;
}
