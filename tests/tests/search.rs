//! Finding one's commune as people type it (issue 13, items 7, 12, 13 and 20): typos and
//! extra words, postal codes shared by several communes, the answer brought into view, and
//! a partner's territory kept as the frame's scope.

use carto82_e2e::browser::{open, poll, save_screenshot, with_browser};
use carto82_e2e::{spawn_app, text_at};

fn heading_of_list(page: &str) -> String {
    text_at(page, "h2#titre-liste")
}

fn encoded(text: &str) -> String {
    serde_urlencoded::to_string([("where", text)]).unwrap()
}

#[tokio::test]
async fn real_misspellings_and_extra_words_find_the_commune() {
    let app = spawn_app().await;
    for (typed, commune) in [
        ("Montaubn", "Montauban"),
        ("Montauban 82000", "Montauban"),
        ("82000 montauban", "Montauban"),
        ("st antonin noble val", "Saint-Antonin-Noble-Val"),
        ("St-Antonin", "Saint-Antonin-Noble-Val"),
        ("Castelsarazin", "Castelsarrasin"),
        ("castel sarrasin", "Castelsarrasin"),
        ("Negrepelisse", "Nègrepelisse"),
        ("Moisac", "Moissac"),
        ("Lafrancaise", "Lafrançaise"),
        ("Valence d'Agen", "Valence"),
        ("Beaumont de Lomagne", "Beaumont-de-Lomagne"),
        ("Verdun sur Garonne", "Verdun-sur-Garonne"),
        ("Labastide St Pierre", "Labastide-Saint-Pierre"),
        ("Lauzerte 82110", "Lauzerte"),
        ("CAUSSADE", "Caussade"),
        ("Causade", "Caussade"),
    ] {
        let page = app.get_page(&format!("/?{}", encoded(typed))).await;
        let heading = heading_of_list(&page);
        assert_eq!(
            heading,
            format!("Lieux à 10 km ou moins de {commune}"),
            "{typed}"
        );
    }
    let page = app.get_page("/?where=Paname").await;
    assert!(page.contains("Nous ne trouvons pas cette commune"));
}

#[tokio::test]
async fn a_shared_postal_code_offers_the_choice_and_takes_none_silently() {
    let app = spawn_app().await;
    let page = app.get_page("/?where=82110&radius=20&theme=IA").await;
    assert!(
        page.contains("Plusieurs communes correspondent à votre recherche"),
        "the choice is offered"
    );
    assert!(
        !heading_of_list(&page).contains("km ou moins de"),
        "no commune taken"
    );
    assert!(!page.contains("Nous ne trouvons pas cette commune"));
    let document = scraper::Html::parse_document(&page);
    let links = scraper::Selector::parse(".choix-commune a").unwrap();
    let choices: Vec<(String, String)> = document
        .select(&links)
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    let names: Vec<&str> = choices.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 9, "every commune of 82110: {names:?}");
    assert!(names.contains(&"Lauzerte (82110)") && names.contains(&"Cazes-Mondenard (82110)"));
    let (_, lauzerte) = choices
        .iter()
        .find(|(n, _)| n.starts_with("Lauzerte"))
        .unwrap();
    assert!(
        lauzerte.contains("where=Lauzerte")
            && lauzerte.contains("theme=IA")
            && lauzerte.ends_with("#resultats"),
        "the choice keeps the rest of the view: {lauzerte}"
    );
    let chosen = app
        .get_page(&lauzerte.replace("&amp;", "&").replace("#resultats", ""))
        .await;
    assert_eq!(
        heading_of_list(&chosen),
        "Lieux à 10 km ou moins de Lauzerte"
    );
}

#[tokio::test]
async fn an_embed_search_stays_inside_the_partner_s_zone() {
    let app = spawn_app().await;
    let ouest: Vec<String> = app.get_json("/api/places?zone=Ouest").await["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("lieu-{}", f["id"].as_str().unwrap()))
        .collect();
    // Montauban is in the Centre zone; around it, 50 km reach into the Ouest.
    let page = app
        .get_page("/embed?zone=Ouest&layers=places&where=Montauban&radius=50")
        .await;
    let document = scraper::Html::parse_document(&page);
    let listed = scraper::Selector::parse("ol.lieux details").unwrap();
    let ids: Vec<String> = document
        .select(&listed)
        .map(|d| d.value().attr("id").unwrap().to_owned())
        .collect();
    assert!(
        !ids.is_empty(),
        "places of the Ouest within 50 km of Montauban"
    );
    for id in &ids {
        assert!(ouest.contains(id), "{id} is outside the partner's zone");
    }
}

#[tokio::test]
async fn on_a_phone_the_answer_comes_into_view_and_takes_the_focus() {
    let app = spawn_app().await;
    let page = app.get_page("/").await;
    assert!(
        page.contains("action=\"/#resultats\""),
        "without JavaScript too, the answer opens at the results"
    );
    let url = app.url("/");
    with_browser(360, 740, move |client| async move {
        open(&client, &url).await;
        let input = client.find(fantoccini::Locator::Id("ou")).await.unwrap();
        input.send_keys("Caussade").await.unwrap();
        client
            .find(fantoccini::Locator::Css("form[role=search] button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let focused = poll(
            &client,
            "const a = document.activeElement; \
             if (!location.search.includes('where=Caussade') || a.id !== 'titre-liste') return null; \
             const r = a.getBoundingClientRect(); \
             return [a.textContent, location.hash, r.top >= -1 && r.bottom <= innerHeight];",
            20,
            |v| v.is_array(),
        )
        .await;
        assert_eq!(
            focused,
            serde_json::json!(["Lieux à 10 km ou moins de Caussade", "#resultats", true]),
            "the heading of the answer is focused and in view"
        );
        save_screenshot(&client, "recherche-reponse-360.png").await;
        // A search made without a page load names its commune in the tab too.
        let title = poll(&client, "return document.title;", 10, |v| {
            v.as_str() == Some("Aide au numérique près de Caussade – Carto82")
        })
        .await;
        assert_eq!(title, "Aide au numérique près de Caussade – Carto82");
        // The count is what the heading is described by, and a live region.
        let described = client
            .execute(
                "const d = document.getElementById(document.activeElement.getAttribute('aria-describedby')); \
                 return [d.textContent.trim(), d.getAttribute('aria-live')];",
                vec![],
            )
            .await
            .unwrap();
        assert!(described[0].as_str().unwrap().contains("trouvé"), "{described}");
        assert_eq!(described[1], "polite");
    })
    .await;
}

/// Issue 13, item 14: on a phone the suggestions open under the field and cover neither it
/// nor the button.
#[tokio::test]
async fn on_a_phone_the_suggestions_leave_the_field_and_the_button_visible() {
    let app = spawn_app().await;
    let url = app.url("/");
    with_browser(360, 740, move |client| async move {
        open(&client, &url).await;
        client
            .find(fantoccini::Locator::Id("ou"))
            .await
            .unwrap()
            .send_keys("Mont")
            .await
            .unwrap();
        let layout = poll(
            &client,
            "const list = document.getElementById('suggestions'); \
             if (!list || list.children.length < 2) return null; \
             const input = document.getElementById('ou'); \
             const button = document.querySelector('form[role=search] button[type=submit]'); \
             const top = (el) => { const r = el.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); }; \
             return [list.getBoundingClientRect().top >= input.getBoundingClientRect().bottom - 1, \
                     top(input) === input, button.getBoundingClientRect().top >= list.getBoundingClientRect().bottom - 1];",
            20,
            |v| v.is_array(),
        )
        .await;
        save_screenshot(&client, "suggestions-360.png").await;
        assert_eq!(layout, serde_json::json!([true, true, true]), "list under the field; field and button not covered");
    })
    .await;
}
