//! The API's answers kept per dataset version (issue 18): the same bytes as made fresh, in
//! every encoding, for the same question however it is written; and accepted connections
//! send small writes at once (`TCP_NODELAY`).

use std::io::Read;

use carto82_e2e::{TestApp, spawn_app};

async fn body(app: &TestApp, path: &str, encoding: &str) -> (Vec<u8>, String, String) {
    let (plain, headers) = answer(app, path, encoding).await;
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    (plain, header("content-encoding"), header("etag"))
}

/// The body of a 200 answer to `path`, decoded from the `encoding` asked for, and its
/// headers.
async fn answer(
    app: &TestApp,
    path: &str,
    encoding: &str,
) -> (Vec<u8>, reqwest::header::HeaderMap) {
    let answer = app
        .client
        .get(app.url(path))
        .header("Accept-Encoding", encoding)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{path}");
    let headers = answer.headers().clone();
    let sent = headers
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = answer.bytes().await.unwrap().to_vec();
    let plain = match sent.as_str() {
        "gzip" => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .unwrap();
            out
        }
        "br" => {
            let mut out = Vec::new();
            brotli::Decompressor::new(&bytes[..], 4096)
                .read_to_end(&mut out)
                .unwrap();
            out
        }
        "" => bytes,
        other => panic!("{path}: {other}"),
    };
    (plain, headers)
}

#[tokio::test]
async fn kept_answers_are_the_fresh_bytes_in_every_encoding() {
    let app = spawn_app().await;
    for path in [
        "/api/places",
        "/api/places?zone=Est&service=Aide%20aux%20d%C3%A9marches%20administratives",
        "/api/events",
        "/api/actors?format=csv",
        "/api/places?format=json",
    ] {
        // The first answer is made for this question; the next ones are kept bytes.
        let (fresh, _, etag) = body(&app, path, "identity").await;
        for encoding in ["identity", "gzip", "br", "identity"] {
            let (kept, sent, kept_etag) = body(&app, path, encoding).await;
            assert_eq!(kept, fresh, "{path} {encoding}");
            assert_eq!(
                kept_etag, etag,
                "{path} {encoding}: one tag for one content"
            );
            if encoding != "identity" {
                assert_eq!(sent, if encoding == "br" { "br" } else { "gzip" }, "{path}");
            }
        }
    }
    // The same question in other words: the same answer.
    let one = body(&app, "/api/places?zone=Est&fees=Gratuit", "gzip").await;
    let other = body(&app, "/api/places?fees=Gratuit&zone=Est", "gzip").await;
    assert_eq!(one.0, other.0);
    assert_eq!(one.2, other.2);
    // "Open now" depends on the clock: answered, never kept (a later hour may differ).
    let (now, _, _) = body(&app, "/api/places?open_now=oui", "gzip").await;
    assert!(serde_json::from_slice::<serde_json::Value>(&now).is_ok());
}

/// Looks, among this process's open sockets (the test runs the server in-process), for the
/// one the server accepted from `client`, and reads its `TCP_NODELAY`.
fn accepted_nodelay(client: &std::net::TcpStream) -> Option<bool> {
    let (ours, theirs) = (client.local_addr().ok()?, client.peer_addr().ok()?);
    for entry in std::fs::read_dir("/proc/self/fd").ok()? {
        let Ok(fd) = entry.ok()?.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        // SAFETY: the descriptor is only read from while this loop holds it; a socket the
        // server closes meanwhile makes the calls fail, which is skipped.
        let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        let socket = socket2::SockRef::from(&borrowed);
        let (Ok(local), Ok(peer)) = (socket.local_addr(), socket.peer_addr()) else {
            continue;
        };
        if local.as_socket() == Some(theirs) && peer.as_socket() == Some(ours) {
            return socket.tcp_nodelay().ok();
        }
    }
    None
}

#[tokio::test]
async fn accepted_connections_send_small_writes_at_once() {
    use std::io::Write;
    let app = spawn_app().await;
    let address = app.address;
    let nodelay = tokio::task::spawn_blocking(move || {
        let mut client = std::net::TcpStream::connect(address).unwrap();
        // Accepted once a request came in and was answered.
        client
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut first = [0u8; 16];
        client.read_exact(&mut first).unwrap();
        assert!(first.starts_with(b"HTTP/1.1 200"));
        accepted_nodelay(&client)
    })
    .await
    .unwrap();
    assert_eq!(nodelay, Some(true), "the server's side of the connection");
}

/// The server on a synthetic dataset of this size (`carto82 synthetic`), with its folder.
async fn on_synthetic_data(
    communes: usize,
    places: usize,
    events: usize,
) -> (tempfile::TempDir, TestApp) {
    let dir = tempfile::tempdir().unwrap();
    carto82::synthetic::generate(
        dir.path(),
        carto82::synthetic::Size {
            communes,
            places,
            events,
            seed: 82,
        },
    )
    .unwrap();
    let data = dir.path().to_owned();
    let app = carto82_e2e::spawn_app_with(move |args| args.data = data).await;
    (dir, app)
}

/// A country's worth of places makes a page that lists what a person reads, and says how
/// many there are in all (issue 18): here 300 places and 250 events, 100 of each listed.
#[tokio::test]
async fn a_large_answer_lists_the_first_hundred_and_says_how_many_in_all() {
    let (_data, app) = on_synthetic_data(400, 300, 250).await;

    let page = app.get_page("/").await;
    let list = &page[page.find("id=\"liste\"").unwrap()..];
    let list = &list[..list.find("</section>").unwrap()];
    assert_eq!(list.matches("class=\"lieu-commune\"").count(), 100);
    assert!(
        list.contains(
            "300 lieux trouvés. Voici les 100 premiers. Pour voir les autres, précisez la recherche : une commune, une distance ou un besoin."
        ),
        "{list}"
    );
    assert!(
        page.contains("250 événements en tout ; la liste en montre 100."),
        "the events' count"
    );
    // The API still gives every one.
    let all: serde_json::Value = app.get_json("/api/places").await;
    assert_eq!(all["features"].as_array().unwrap().len(), 300);
}

/// `/couverture` for a whole country: no map or table of every commune in the page (they are
/// downloads), the communes without help cut to the most populated (issue 18).
#[tokio::test]
async fn the_coverage_page_of_a_large_territory_sends_its_tables_as_downloads() {
    let (_data, app) = on_synthetic_data(1200, 40, 10).await;

    let page = app.get_page("/couverture").await;
    assert!(
        page.contains("La carte montre au plus 1\u{a0}000 communes. Ici, il y en a 1\u{a0}"),
        "the map is not drawn"
    );
    assert!(!page.contains("class=\"carte-communes\""));
    assert!(page.contains("communes : trop pour une page."));
    assert!(!page.contains("<table class=\"communes\""));
    let without_help = &page[page.find("id=\"titre-sans-aide\"").unwrap()..];
    let without_help = &without_help[..without_help.find("</section>").unwrap()];
    if without_help.contains("<table") {
        let rows = without_help.matches("<tr>").count();
        assert!(rows <= 200 + 1, "{rows} rows");
    }
    // The downloads give every commune.
    let csv = app
        .get("/api/coverage/communes.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.lines().count() > 1200, "{} lines", csv.lines().count());
}

/// The map page is rendered once for the same question (issue 18) and kept with the nonce
/// it was rendered with: every answer's policy names the nonce its scripts carry, in every
/// encoding, and another question is rendered with another nonce.
#[tokio::test]
async fn a_kept_page_and_its_policy_name_the_same_nonce() {
    let app = spawn_app().await;
    let mut nonces = Vec::new();
    for (path, encoding) in [
        ("/?ou=Lauzerte&radius=10", "identity"),
        ("/?ou=Lauzerte&radius=10", "br"),
        ("/?ou=Lauzerte&radius=10", "gzip"),
        ("/?ou=Caussade&radius=10", "gzip"),
    ] {
        let (page, headers) = answer(&app, path, encoding).await;
        let sent = headers
            .get("content-encoding")
            .map(|v| v.to_str().unwrap())
            .unwrap_or("identity");
        assert_eq!(sent, encoding, "{path}");
        let policy = headers["content-security-policy"].to_str().unwrap();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap()
            .to_owned();
        let page = String::from_utf8(page).unwrap();
        assert!(
            page.contains(&format!("nonce=\"{nonce}\"")),
            "{path} ({encoding}): the policy names the nonce of the page's scripts"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[3], "another question, another nonce");
}

/// A list in pages (`page`, `par_page`): the pages put end to end are the whole list, in
/// its order, and each says the total and the next page's address (issue 18).
#[tokio::test]
async fn a_list_in_pages_is_the_whole_list_end_to_end() {
    let app = spawn_app().await;
    let ids = carto82_e2e::feature_ids;
    let whole = ids(&app.get_json("/api/places?zone=Ouest").await);
    assert!(whole.len() > 10, "{} places", whole.len());

    let mut end_to_end = Vec::new();
    let mut next = Some("/api/places?zone=Ouest&par_page=4".to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let page = app.get_json(&path).await;
        let pagination = &page["pagination"];
        assert_eq!(pagination["total"], whole.len(), "{path}");
        assert_eq!(pagination["par_page"], 4);
        end_to_end.extend(ids(&page));
        next = pagination["suivante"].as_str().map(str::to_owned);
        pages += 1;
        assert!(pages <= whole.len(), "the pages end");
    }
    assert_eq!(end_to_end, whole);
    assert_eq!(pages, whole.len().div_ceil(4));

    let past = app.get_json("/api/places?page=1000").await;
    assert_eq!(past["features"].as_array().unwrap().len(), 0);
    assert!(past["pagination"]["suivante"].is_null());

    let wrong = app.get("/api/places?page=1&par_page=50000").await;
    assert_eq!(wrong.status(), 400);
    let said = wrong.text().await.unwrap();
    assert!(said.contains("par_page"), "{said}");
}
