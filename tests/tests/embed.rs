//! Partners embed the map: the code built on /integrer, a partner's page on another origin
//! framing /embed, the height it adapts to, framing headers, and oEmbed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use carto82_e2e::browser::{
    HYDRATED, assert_accessible, choose_and_load, click, fits_the_width, mark_the_document, open,
    poll, the_new_page, with_browser,
};
use carto82_e2e::{frame_ancestors, spawn_app, spawn_app_with, stand_in_server};
use fantoccini::Client;

/// A partner's site on another loopback port: each path serves the page set for it.
async fn partner_site() -> (u16, Arc<Mutex<HashMap<String, String>>>) {
    let pages: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let served = pages.clone();
    let port = stand_in_server(move |request| {
        let path = request.split(' ').nth(1).unwrap_or("/");
        let page = served
            .lock()
            .unwrap()
            .get(path)
            .cloned()
            .unwrap_or_default();
        ("text/html; charset=utf-8", page)
    })
    .await;
    (port, pages)
}

fn partner_page(code: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Médiathèque de Nègrepelisse</title></head>\
         <body><h1>Nos ateliers numériques</h1>{code}<p>Pied de page de la médiathèque.</p></body></html>"
    )
}

async fn value_of(client: &Client, css: &str) -> String {
    let script = format!("return document.querySelector({css:?}).value;");
    client
        .execute(&script, vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

/// The event pages an embed lists, in order.
const LISTED_EVENTS: &str = "return Array.from(document.querySelectorAll('.bloc-evenements a[href^=\"/evenements/\"]')).map(a => a.getAttribute('href'));";

#[tokio::test]
async fn a_partner_builds_the_code_and_its_page_shows_only_est_ai_events_at_the_height_of_its_content()
 {
    let app = spawn_app().await;
    let (partner, pages) = partner_site().await;
    let ids = |v: serde_json::Value| -> Vec<String> {
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("/evenements/{}", f["properties"]["id"].as_str().unwrap()))
            .collect()
    };
    let expected = ids(app.get_json("/api/events?zone=Est&theme=IA").await);
    let all_ai = ids(app.get_json("/api/events?theme=IA").await);
    assert!(
        !expected.is_empty() && all_ai.len() > expected.len(),
        "the example programme has AI events in Est and elsewhere"
    );
    let builder = app.url("/integrer");
    let origin = app.url("");
    let partner_url = format!("http://127.0.0.1:{partner}");
    with_browser(420, 900, move |client| async move {
        // The partner chooses on /integrer: zone Est, events only, the AI theme. Each choice
        // loads the page it asks for.
        open(&client, &builder).await;
        choose_and_load(&client, "i-zone", "Est").await;
        for label in ["label[for='i-layers-places']", "label[for='i-layers-resources']"] {
            mark_the_document(&client).await;
            click(&client, label).await;
            the_new_page(&client).await;
        }
        click(&client, "form.integrer details.besoins summary").await;
        mark_the_document(&client).await;
        click(&client, "label[for='f-theme-ia']").await;
        the_new_page(&client).await;
        let chosen = poll(
            &client,
            "const q = new URLSearchParams(location.search); const code = document.getElementById('code-integration'); \
             return q.get('zone') === 'Est' && q.getAll('layers').join() === 'events' && q.get('theme') === 'IA' \
             && code !== null && code.value.includes('theme=IA');",
            20,
            |v| v == true,
        )
        .await;
        let state = client
            .execute("const c = document.getElementById('code-integration'); return [location.search, c && c.value, document.querySelectorAll('textarea').length, Array.from(document.querySelectorAll('iframe')).map(f => f.src), document.querySelectorAll('.resultat-integration').length];", vec![])
            .await
            .unwrap();
        assert_eq!(chosen, true, "each choice updates the address and the code: {state}");
        let code = value_of(&client, "#code-integration").await;
        // One click copies it.
        click(&client, ".resultat-integration p.avec-js button").await;
        let said = poll(
            &client,
            "return document.querySelector('.resultat-integration p.avec-js [role=status]').textContent;",
            10,
            |v| v.as_str().is_some_and(|s| !s.is_empty()),
        )
        .await;
        // The browser accepted the text (reading the clipboard back is refused to pages).
        assert_eq!(said, " Code copié.");
        let embed_src = format!("{origin}/embed?");
        for part in [
            embed_src.as_str(),
            "zone=Est",
            "layers=events",
            "theme=IA",
            "title=\"Carte Carto82 : ",
            "loading=\"lazy\"",
            "allow=\"geolocation\"",
            "height=\"600\"",
        ] {
            assert!(code.contains(part), "{part} in {code}");
        }
        assert!(code.ends_with(&format!("<script src=\"{origin}/assets/integration.js\" async></script>")));
        let preview = client
            .execute("return document.querySelector('iframe.apercu').getAttribute('src');", vec![])
            .await
            .unwrap();
        assert!(preview.as_str().unwrap().contains("theme=IA"), "the preview shows the same map");
        let link = value_of(&client, "#lien-integration").await;
        assert!(link.starts_with(&format!("{origin}/?")) && link.contains("zone=Est") && !link.contains("embed"));

        // The same map without our script: the frame keeps its height.
        click(&client, "form.integrer details.avance summary").await;
        mark_the_document(&client).await;
        click(&client, "label[for='i-auto_height-non']").await;
        the_new_page(&client).await;
        let fixed = poll(
            &client,
            "const c = document.getElementById('code-integration'); return c !== null && !c.value.includes('<script');",
            20,
            |v| v == true,
        )
        .await;
        assert_eq!(fixed, true);
        let fixed_code = value_of(&client, "#code-integration").await;
        assert_eq!(fixed_code, code.split('\n').next().unwrap(), "the same frame, without the script");
        // The frame of the issue, written by hand with the lower-case theme.
        let by_hand = format!(
            "<iframe src=\"{origin}/embed?zone=Est&amp;layers=events&amp;theme=ia\" title=\"Ateliers IA\" width=\"100%\" height=\"600\" style=\"border:0\"></iframe>"
        );
        {
            let mut pages = pages.lock().unwrap();
            pages.insert("/".to_owned(), partner_page(&code));
            pages.insert("/fixe".to_owned(), partner_page(&by_hand));
        }

        // The partner's page, on another origin.
        client.goto(&format!("{partner_url}/")).await.unwrap();
        let height = poll(
            &client,
            "const f = document.querySelector('iframe'); return f.getAttribute('data-carto82-hauteur') === null ? null : Math.round(f.getBoundingClientRect().height);",
            30,
            |v| v.as_u64().is_some_and(|h| h != 600),
        )
        .await;
        let height = height.as_u64().expect("the frame was resized by integration.js");
        client.enter_frame(0).await.unwrap();
        assert_eq!(poll(&client, HYDRATED, 20, |v| v == true).await, true, "the embed hydrates in the frame");
        let listed = poll(&client, LISTED_EVENTS, 15, |v| v.as_array().is_some_and(|a| !a.is_empty())).await;
        let listed: Vec<String> = serde_json::from_value(listed).unwrap();
        assert_eq!(listed, expected, "only the AI events of the Est zone");
        let hidden = client
            .execute(
                "return [document.querySelector('.liste').hidden, document.querySelector('.bloc-ressources').hidden, document.querySelector('.entete') === null];",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(hidden, serde_json::json!([true, true, true]), "no places, no resources, no site header");
        let markers = poll(&client, "return document.querySelectorAll('#carte .marqueur-evenement').length;", 15, |v| {
            v.as_u64() == Some(expected.len() as u64)
        })
        .await;
        assert_eq!(markers.as_u64(), Some(expected.len() as u64), "one marker per event");
        // Once everything is drawn, the frame is as tall as its content: no inner scroll bar.
        let content = poll(&client, "return Math.ceil(document.documentElement.getBoundingClientRect().height);", 5, |_| true).await;
        client.enter_parent_frame().await.unwrap();
        let frame = poll(
            &client,
            "return Math.round(document.querySelector('iframe').getBoundingClientRect().height);",
            10,
            |v| *v == content,
        )
        .await;
        assert_eq!(frame, content, "frame height = content height (was {height} at first)");
        assert!(content.as_u64().unwrap() > 600, "on a phone the list makes the content taller than 600 px");

        // A click on an event opens the full site in a new tab.
        let before = client.windows().await.unwrap();
        client.enter_frame(0).await.unwrap();
        click(&client, ".bloc-evenements a[href^='/evenements/']").await;
        let mut after = client.windows().await.unwrap();
        for _ in 0..50 {
            if after.len() > before.len() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            after = client.windows().await.unwrap();
        }
        let opened = after.into_iter().find(|w| !before.contains(w)).expect("a new tab");
        client.switch_to_window(opened).await.unwrap();
        let full = poll(&client, "return document.querySelector('.entete') !== null && location.href;", 15, |v| v.is_string()).await;
        assert_eq!(full.as_str().unwrap(), format!("{origin}{}", expected[0]), "the full page of the event");
        client.switch_to_window(before[0].clone()).await.unwrap();

        // Without the script: the same map at the height written in the code.
        client.goto(&format!("{partner_url}/fixe")).await.unwrap();
        client.enter_frame(0).await.unwrap();
        let listed = poll(&client, LISTED_EVENTS, 20, |v| v.as_array().is_some_and(|a| !a.is_empty())).await;
        assert_eq!(serde_json::from_value::<Vec<String>>(listed).unwrap(), expected);
        client.enter_parent_frame().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        let fixed_height = client
            .execute("return Math.round(document.querySelector('iframe').getBoundingClientRect().height);", vec![])
            .await
            .unwrap();
        assert_eq!(fixed_height.as_u64(), Some(600));
    })
    .await;
}

#[tokio::test]
async fn the_builder_and_an_embed_have_no_accessibility_violations() {
    let app = spawn_app().await;
    let pages = [
        app.url("/integrer?zone=Est&layers=events&theme=IA&titre=Ateliers+IA&couleur=%23ffcc00"),
        app.url("/embed?zone=Est&layers=events&theme=ia"),
        app.url("/embed?epci=200066884&couleur=%23ffcc00&liste=non&langue=courant"),
    ];
    for (width, height) in [(360, 740), (1280, 900)] {
        let pages = pages.clone();
        with_browser(width, height, move |client| async move {
            for page in pages {
                open(&client, &page).await;
                assert_accessible(&client, &format!("{page} at {width} px")).await;
                assert!(fits_the_width(&client).await, "{page} fits {width} px");
            }
        })
        .await;
    }
}

#[tokio::test]
async fn only_the_embed_may_be_framed_by_other_sites() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/couverture",
        "/integrer",
        "/lieux/france-services-000",
        "/api/places",
        "/oembed",
        "/page-inconnue",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
        assert_eq!(
            frame_ancestors(&response),
            "frame-ancestors 'none'",
            "{path}"
        );
    }
    let response = app.get("/embed?zone=Est&layers=events&theme=ia").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("x-frame-options").is_none());
    assert_eq!(frame_ancestors(&response), "frame-ancestors *");
    assert!(
        response.headers().get("set-cookie").is_none(),
        "an embed needs no cookie"
    );

    let listed = spawn_app_with(|args| {
        args.frame_ancestors = "https://www.moissac.fr https://*.mediatheques82.fr"
            .parse()
            .unwrap()
    })
    .await;
    let response = listed.get("/embed").await;
    assert_eq!(
        frame_ancestors(&response),
        "frame-ancestors 'self' https://www.moissac.fr https://*.mediatheques82.fr"
    );
    assert_eq!(listed.get("/").await.headers()["x-frame-options"], "DENY");
}

/// An oEmbed answer, checked against the fields oEmbed 1.0 requires of a "rich" type.
fn assert_rich(answer: &serde_json::Value, max_width: u64, max_height: u64) -> String {
    assert_eq!(answer["version"], "1.0");
    assert_eq!(answer["type"], "rich");
    let width = answer["width"]
        .as_u64()
        .expect("width, a whole number of pixels");
    let height = answer["height"]
        .as_u64()
        .expect("height, a whole number of pixels");
    assert!(width > 0 && width <= max_width && height > 0 && height <= max_height);
    for text in ["title", "provider_name", "provider_url", "html"] {
        assert!(answer[text].is_string(), "{text}");
    }
    assert!(answer["cache_age"].is_u64());
    let html = answer["html"].as_str().unwrap().to_owned();
    assert!(
        html.starts_with("<iframe ") && html.ends_with("</iframe>"),
        "{html}"
    );
    assert!(html.contains(&format!("width=\"{width}\" height=\"{height}\"")));
    html
}

#[tokio::test]
async fn oembed_gives_the_frame_of_a_map_link_and_refuses_other_links() {
    let app = spawn_app().await;
    let origin = app.url("");
    let ask = |url: &str, extra: &str| {
        format!(
            "/oembed?url={}{extra}",
            url.replace(':', "%3A")
                .replace('/', "%2F")
                .replace('?', "%3F")
                .replace('&', "%26")
                .replace('=', "%3D")
        )
    };
    let response = app
        .get(&ask(&format!("{origin}/?zone=Est&theme=IA"), ""))
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let answer: serde_json::Value = response.json().await.unwrap();
    let html = assert_rich(&answer, 800, 600);
    assert_eq!(answer["provider_name"], "Carto82");
    assert_eq!(answer["provider_url"], format!("{origin}/"));
    let src = format!("src=\"{origin}/embed?zone=Est&amp;theme=IA\"");
    assert!(html.contains(&src), "{html}");
    assert!(html.contains("loading=\"lazy\"") && html.contains("title=\"Carte Carto82 : "));
    // The frame it gives works, and may be framed.
    let embed = app.get("/embed?zone=Est&theme=IA").await;
    assert_eq!(embed.status(), 200);
    assert_eq!(frame_ancestors(&embed), "frame-ancestors *");

    let answer = app
        .get_json(&ask(
            &format!("{origin}/embed?titre=Nos ateliers&zone=Ouest"),
            "&maxwidth=500&maxheight=400&format=json",
        ))
        .await;
    let html = assert_rich(&answer, 500, 400);
    assert_eq!(answer["title"], "Carte Carto82 : Nos ateliers");
    assert!(html.contains("width=\"500\" height=\"400\""));

    for (path, status) in [
        (ask("https://ailleurs.example/?zone=Est", ""), 404),
        (ask(&format!("{origin}/couverture"), ""), 404),
        (ask(&format!("{origin}/?zone=Nord"), ""), 404),
        (ask(&format!("{origin}/"), "&format=xml"), 501),
        (ask(&format!("{origin}/"), "&maxwidth=large"), 400),
        ("/oembed".to_owned(), 400),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), status, "{path}");
        let problem: serde_json::Value = response.json().await.unwrap();
        assert!(
            problem["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{path}: {problem}"
        );
    }
}

#[tokio::test]
async fn map_pages_name_their_oembed_address_and_the_public_address_can_be_set() {
    let app = spawn_app().await;
    let page = app.get_page("/?zone=Est").await;
    let origin = app.url("");
    let encoded = origin.replace(':', "%3A").replace('/', "%2F");
    let link = format!(
        "<link href=\"{origin}/oembed?url={encoded}%2F%3Fzone%3DEst&amp;format=json\" rel=\"alternate\" title=\"Carte Carto82\" type=\"application/json+oembed\">"
    );
    assert!(
        page.contains(&link),
        "discovery link in the head of the map page"
    );
    let href = format!("/oembed?url={encoded}%2F%3Fzone%3DEst&format=json");
    assert_rich(&app.get_json(&href).await, 800, 600);

    let public = spawn_app_with(|args| args.url = Some("https://carto82.example".to_owned())).await;
    let answer = public
        .get_json("/oembed?url=https%3A%2F%2Fcarto82.example%2F%3Fzone%3DEst")
        .await;
    assert!(
        assert_rich(&answer, 800, 600).contains("src=\"https://carto82.example/embed?zone=Est\"")
    );
    let builder = public.get_page("/integrer?zone=Est").await;
    assert!(
        builder.contains("https://carto82.example/embed?zone=Est"),
        "the code uses the public address"
    );
    assert_eq!(
        public
            .get(&format!("/oembed?url={encoded}%2F"))
            .await
            .status(),
        404,
        "a link to the loopback address is not the public site"
    );
}

#[tokio::test]
async fn a_search_in_an_embed_keeps_what_the_partner_chose_to_show_and_its_territory() {
    let app = spawn_app().await;
    let page = app
        .get_page("/embed?zone=Est&layers=events&theme=ia&titre=Ateliers&centre=44.1,1.5&zoom=10")
        .await;
    let start = page.find("<form role=\"search\"").expect("the search form");
    let form = &page[start..start + page[start..].find("</form>").unwrap()];
    assert!(
        form.contains("action=\"/embed#resultats\""),
        "the search stays in the frame"
    );
    for kept in [
        "<input type=\"hidden\" name=\"layers\" value=\"events\">",
        "<input type=\"hidden\" name=\"theme\" value=\"IA\">",
        "<input type=\"hidden\" name=\"title\" value=\"Ateliers\">",
        // The partner's territory is the frame's scope (issue 13, item 20).
        "<input type=\"hidden\" name=\"zone\" value=\"Est\">",
    ] {
        assert_eq!(form.matches(kept).count(), 1, "{kept}, once");
    }
    for replaced in ["name=\"center\"", "name=\"centre\"", "name=\"zoom\""] {
        assert!(
            !form.contains(replaced),
            "the resident's search replaces {replaced}"
        );
    }
    // The words and the legend follow the layers shown (issue 13, item 21).
    let intro = &page[page.find("<p class=\"intro\">").expect("plain words asked")..];
    let intro = &intro[..intro.find("</p>").unwrap()];
    assert!(
        intro.contains("les ateliers et événements")
            && !intro.contains("lieux")
            && !intro.contains("horaires"),
        "{intro}"
    );
    let legend = &page[page.find("class=\"legende-carte\"").unwrap()..];
    let legend = &legend[..legend.find("</p>").unwrap()];
    assert!(
        legend.contains("événement")
            && !legend.contains("lieu d'aide")
            && !legend.contains("ressource"),
        "{legend}"
    );
    // Links that leave the frame say so.
    assert!(page.contains("target=\"_blank\">Ouvrir la carte en grand sur Carto82<span class=\"visuellement-cache\"> (nouvel onglet)</span>"));
}

#[tokio::test]
async fn a_wrong_setting_is_named_and_the_others_still_apply() {
    let app = spawn_app().await;
    let page = app
        .get_page("/embed?titre=Nos+ateliers&couleur=bleu&zone=Est")
        .await;
    assert!(page.contains("<h1>Nos ateliers</h1>"), "the title stays");
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("paramètre « couleur » : « bleu » : couleur #rrggbb attendue"));
}
