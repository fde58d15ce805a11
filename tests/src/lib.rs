//! Helpers shared by the end-to-end tests: the real server on a free loopback port, with the
//! real dataset and the real built site.

use std::net::SocketAddr;
use std::path::PathBuf;

use carto82::config::ServeArgs;
use carto82::startup::Application;

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_owned()
}

pub fn data_dir() -> PathBuf {
    workspace_root().join("data")
}

pub fn site_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("site")
}

/// The browser code's folder in the built site and in URLs, `pkg/{version}` (see xtask).
pub fn pkg_path() -> String {
    carto82::startup::built_pkg_dir(&site_dir()).expect("site built by `cargo xtask site`")
}

/// Copies a directory tree (a dataset or a built site to edit in a test).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Where tests leave files a person may want to look at (screenshots).
pub fn artefacts_dir() -> PathBuf {
    let dir = workspace_root().join("tests/artefacts");
    std::fs::create_dir_all(&dir).expect("artefacts directory");
    dir
}

pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// The body of a page that must answer 200.
    pub async fn get_page(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        let html = response.text().await.expect("text body");
        // Leptos leaves empty comments `<!>` where hydration needs a marker (many, with
        // erased component types); they are not content, and tests read content.
        html.replace("<!>", "")
    }

    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path).await;
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.json().await.expect("JSON body")
    }
}

/// The `frame-ancestors` directive of an answer's Content-Security-Policy.
pub fn frame_ancestors(response: &reqwest::Response) -> String {
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .expect("an ASCII policy");
    policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("frame-ancestors"))
        .unwrap_or_else(|| panic!("no frame-ancestors in {policy}"))
        .to_owned()
}

/// Each server of a test process has a contributions database of its own.
static BASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Starts Carto82 on 127.0.0.1 with an OS-chosen port, as `carto82` itself would.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Same, with settings changed by `configure`.
pub async fn spawn_app_with(configure: impl FnOnce(&mut ServeArgs)) -> TestApp {
    let mut args = ServeArgs {
        config: None,
        import_schedule: None,
        import: carto82::config::ImportSettings {
            import_source: None,
            import_departement: "82".parse().unwrap(),
            import_time_limit: 120,
        },
        metrics_allow: Default::default(),
        metrics_token: None,
        log_format: "texte".to_owned(),
        log_requests: false,
        bind: "127.0.0.1:0".parse().unwrap(),
        data: data_dir(),
        site: site_dir(),
        examples: true,
        tiles: None,
        tiles_attribution: String::new(),
        address_api: None,
        url: None,
        frame_ancestors: carto82::framing::FrameAncestors::Any,
        proxies: Default::default(),
        force_reload: false,
        smtp: None,
        courriel: None,
        base: format!(
            "sqlite:{}",
            std::env::temp_dir()
                .join(format!(
                    "carto82-base-{}-{}.sqlite",
                    std::process::id(),
                    BASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                ))
                .display()
        ),
    };
    configure(&mut args);
    let app = Application::build(args).await.expect("server starts");
    let address = app.address();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        // A request that never gets its answer fails its test, naming the address, instead
        // of stopping the whole run.
        client: reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("an HTTP client"),
    }
}

/// The year after this one: event dates that stay in the future.
pub fn next_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year() + 1
}

/// A new, empty database on the throwaway PostgreSQL server that the test command starts
/// (`tools/postgres-jetable`, which sets `CARTO82_TEST_POSTGRES` to an administrator's URL):
/// its URL. Each test has its own database, so tests run side by side.
pub async fn postgres_database() -> String {
    use sqlx::{Connection, Executor};
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let admin = std::env::var("CARTO82_TEST_POSTGRES").expect(
        "CARTO82_TEST_POSTGRES : l'adresse d'un serveur PostgreSQL où les tests créent leurs \
         bases ; tools/test en démarre un (tools/postgres-jetable start)",
    );
    let name = format!(
        "carto82_{}_{}_{}",
        std::process::id(),
        COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut connection = sqlx::PgConnection::connect(&admin)
        .await
        .expect("the test PostgreSQL server answers");
    connection
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let (server, _) = admin.rsplit_once('/').expect("a URL that names a database");
    format!("{server}/{name}")
}

/// Each storage backend, with a new empty database: SQLite (a file in `dir`) and
/// PostgreSQL. Both must pass the same tests.
pub async fn each_backend(dir: &std::path::Path) -> [String; 2] {
    [
        format!("sqlite:{}", dir.join("base.sqlite").display()),
        postgres_database().await,
    ]
}

/// A mail relay on a free loopback port, as a département's relay would be: it speaks
/// plain SMTP, takes every message and keeps it whole (the text after `DATA`, headers
/// included). Returns the port and the messages received, oldest first.
pub async fn smtp_server() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 relais.test ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let answer = match verb.as_str() {
                        "EHLO" => "250-relais.test\r\n250 8BITMIME",
                        "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => "250 OK",
                        "DATA" => {
                            let _ = write
                                .write_all(b"354 fin par une ligne avec un point\r\n")
                                .await;
                            let mut message = String::new();
                            while let Ok(Some(line)) = lines.next_line().await {
                                if line == "." {
                                    break;
                                }
                                // Dot-stuffing undone (RFC 5321, 4.5.2).
                                let line = line
                                    .strip_prefix('.')
                                    .filter(|_| line.starts_with(".."))
                                    .unwrap_or(&line);
                                message.push_str(line);
                                message.push_str("\r\n");
                            }
                            kept.lock().unwrap().push(message);
                            "250 OK"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 au revoir\r\n").await;
                            break;
                        }
                        _ => "502 commande inconnue",
                    };
                    let _ = write.write_all(format!("{answer}\r\n").as_bytes()).await;
                }
            });
        }
    });
    (port, inbox)
}

/// The text of a plain-text message, its quoted-printable encoding undone.
pub fn mail_text(message: &str) -> String {
    let body = message.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    let bytes = quoted_printable::decode(body, quoted_printable::ParseMode::Robust).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// Another web server on a free loopback port (another origin than Carto82's): the
/// national address API, a partner's site. `answer` gives the content type and body for
/// each request line (`GET /path HTTP/1.1`). Returns the port.
pub async fn stand_in_server(
    answer: impl Fn(&str) -> (&'static str, String) + Send + Sync + 'static,
) -> u16 {
    stand_in_http(move |request_line| {
        let (content_type, body) = answer(request_line);
        StandInAnswer::ok(content_type, body.into_bytes())
    })
    .await
}

/// What a stand-in HTTP server answers to one request.
pub struct StandInAnswer {
    pub status: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Waited before answering: a slow source.
    pub delay: std::time::Duration,
}

impl StandInAnswer {
    pub fn ok(content_type: &str, body: Vec<u8>) -> StandInAnswer {
        StandInAnswer {
            status: "200 OK",
            headers: vec![("Content-Type", content_type.to_owned())],
            body,
            delay: std::time::Duration::ZERO,
        }
    }
}

/// A stand-in HTTP/1.1 server on loopback: `answer` gets each request's first line.
pub async fn stand_in_http(answer: impl Fn(&str) -> StandInAnswer + Send + Sync + 'static) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = std::sync::Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 8192];
                let n = socket.read(&mut buffer).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buffer[..n]).to_string();
                let answer = answer(request.lines().next().unwrap_or(""));
                tokio::time::sleep(answer.delay).await;
                let mut head = format!("HTTP/1.1 {}\r\n", answer.status);
                for (name, value) in &answer.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str(&format!(
                    "Access-Control-Allow-Origin: *\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    answer.body.len()
                ));
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&answer.body).await;
            });
        }
    });
    port
}

pub mod browser {
    //! Headless Chromium driven through Debian's chromedriver (installed by tools/setup).

    use std::future::Future;
    use std::net::TcpListener;
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    use fantoccini::{Client, ClientBuilder, Locator};
    use serde_json::json;

    const CHROMIUM: &str = "/usr/bin/chromium";
    const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

    struct Driver {
        child: Child,
        port: u16,
    }

    impl Driver {
        fn start() -> Driver {
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("free port")
                .port();
            let child = Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("{CHROMEDRIVER} ne démarre pas ({e}) : lancez tools/setup, qui installe chromium et chromium-driver")
                });
            Driver { child, port }
        }
    }

    impl Drop for Driver {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    async fn connect(port: u16, profile: &std::path::Path, width: u32, height: u32) -> Client {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
                // Files a test downloads land in `downloads_dir()`, without asking.
                "prefs": {
                    "download.default_directory": downloads_dir().to_string_lossy(),
                    "download.prompt_for_download": false
                },
                // Exact viewport, phones included (a headless window has a minimum width).
                "mobileEmulation": {
                    "deviceMetrics": {
                        "width": width, "height": height, "pixelRatio": 1.0,
                        "mobile": width < 600, "touch": width < 600
                    }
                }
            }),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => return client,
                Err(e) if Instant::now() > deadline => panic!("chromedriver injoignable : {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Where the browsers of this test process save downloads.
    pub fn downloads_dir() -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("carto82-telechargements-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("downloads directory");
        dir
    }

    /// Runs `test` in a fresh headless Chromium of the given window size; the browser is
    /// closed whatever happens, then a failure of `test` is re-raised.
    pub async fn with_browser<F, Fut>(width: u32, height: u32, test: F)
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        // A fresh profile per browser, deleted once Chromium has quit: a test run would
        // otherwise leave a few megabytes in /tmp for each browser it opened.
        let profile = tempfile::Builder::new()
            .prefix("carto82-chromium-")
            .tempdir()
            .expect("browser profile directory");
        let driver = Driver::start();
        let client = connect(driver.port, profile.path(), width, height).await;
        let outcome = tokio::spawn(test(client.clone())).await;
        let _ = client.close().await;
        drop(driver);
        drop(profile);
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
        // Chromium posts what the Content-Security-Policy blocked to the server of this
        // process: every page a test opened ran without being blocked.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let blocked = carto82::security_headers::violations();
        assert!(blocked.is_empty(), "blocked by the CSP: {blocked:#?}");
    }

    /// Script: true once the page's wasm has hydrated (`app::hydrate` sets the class).
    pub const HYDRATED: &str = "return document.documentElement.classList.contains('hydrate');";

    /// Opens `url` and waits until the page has hydrated (fails the test otherwise).
    pub async fn open(client: &Client, url: &str) {
        client.goto(url).await.expect("page opens");
        assert_eq!(
            poll(client, HYDRATED, 20, |v| v == true).await,
            true,
            "{url} hydrates"
        );
    }

    /// Marks the current document, to tell a navigation inside the page from a page load.
    pub async fn mark_the_document(client: &Client) {
        client
            .execute("window.marked = true;", vec![])
            .await
            .expect("script runs");
    }

    /// Waits for the page a change loaded (a form that applies itself, a link): another
    /// document than the one marked by `mark_the_document` before the change, ready.
    pub async fn the_new_page(client: &Client) {
        let ready = poll(
            client,
            "return !window.marked && document.documentElement.classList.contains('hydrate');",
            20,
            |v| v == true,
        )
        .await;
        assert_eq!(ready, true, "a new page, ready");
    }

    /// Clicks the element `css` names (fails the test, naming it, if it cannot).
    pub async fn click(client: &Client, css: &str) {
        client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
    }

    /// Chooses `value` in the list `#id` and waits for the page the choice loads.
    pub async fn choose_and_load(client: &Client, id: &str, value: &str) {
        mark_the_document(client).await;
        client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"))
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("#{id} = {value}: {e}"));
        the_new_page(client).await;
    }

    pub async fn still_the_marked_document(client: &Client) -> bool {
        client
            .execute("return window.marked === true;", vec![])
            .await
            .expect("script runs")
            == true
    }

    /// Saves a screenshot of the window in `tests/artefacts/`.
    pub async fn save_screenshot(client: &Client, name: &str) {
        let png = client.screenshot().await.expect("screenshot");
        std::fs::write(super::artefacts_dir().join(name), png).expect("write screenshot");
    }

    /// Fails the test, naming `what` and every violation, if axe-core finds any.
    pub async fn assert_accessible(client: &Client, what: &str) {
        let violations = axe_violations(client).await;
        assert!(violations.is_empty(), "axe-core on {what}: {violations:#?}");
    }

    /// No element wider than the window (phones).
    pub async fn fits_the_width(client: &Client) -> bool {
        client
            .execute(
                // Folded sections count: what they show when opened must fit too.
                "document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; d.dataset.ouvertParTest = ''; }); \
                 const fits = document.documentElement.scrollWidth <= window.innerWidth + 1; \
                 document.querySelectorAll('details[data-ouvert-par-test]').forEach(d => { d.open = false; delete d.dataset.ouvertParTest; }); \
                 return fits;",
                vec![],
            )
            .await
            .expect("script runs")
            == true
    }

    /// The accessibility violations axe-core (npm, pinned in package-lock.json) finds in the
    /// current page, against WCAG 2.1 A and AA, as "rule: help (elements)" lines.
    pub async fn axe_violations(client: &Client) -> Vec<String> {
        let source = std::fs::read_to_string(
            super::workspace_root().join("node_modules/axe-core/axe.min.js"),
        )
        .expect("axe-core installed by tools/setup (npm ci)");
        client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await
            .expect("axe-core loads");
        let found = client
            .execute(
                r#"return axe.run(document, {
                       runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
                   }).then(r => r.violations.map(v =>
                       v.id + ': ' + v.help + ' (' + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160)).join(' ; ') + ')'));"#,
                vec![],
            )
            .await
            .expect("axe runs");
        serde_json::from_value(found).expect("a list of strings")
    }

    /// Evaluates `script` (a function body returning JSON) until `ok` accepts its value,
    /// for at most `seconds`; returns the last value either way.
    pub async fn poll(
        client: &Client,
        script: &str,
        seconds: u64,
        ok: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let value = client.execute(script, vec![]).await.expect("script runs");
            if ok(&value) || Instant::now() > deadline {
                return value;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }
}

pub mod html {
    //! What a page may contain that runs: only our own scripts and styles. Used by the
    //! hostile-input tests on pages rendered from poisoned data and URLs.

    use scraper::{Html, Selector};

    /// Schemes a link or a source of ours may use; anything else (`javascript:`, `data:`,
    /// `vbscript:`…) could run.
    const SCHEMES: [&str; 6] = ["http:", "https:", "mailto:", "tel:", "geo:", "webcal:"];

    /// The problems found in `html`: each a short sentence naming the element.
    /// `nonce` is the one of the answer's Content-Security-Policy.
    pub fn executable_parts(html: &str, nonce: &str) -> Vec<String> {
        let document = Html::parse_document(html);
        let mut problems = Vec::new();
        let all = Selector::parse("*").unwrap();
        for element in document.select(&all) {
            let e = element.value();
            let name = e.name();
            let shown = || {
                let mut s = element.html();
                s.truncate(120);
                s
            };
            for (attribute, value) in e.attrs() {
                let attribute = attribute.to_ascii_lowercase();
                if attribute.starts_with("on") {
                    problems.push(format!("event handler attribute: {}", shown()));
                }
                if attribute == "srcdoc" || attribute == "formaction" {
                    problems.push(format!("{attribute} attribute: {}", shown()));
                }
                if ["href", "src", "action", "data", "poster", "xlink:href"]
                    .contains(&attribute.as_str())
                    && !safe_address(value)
                {
                    problems.push(format!("unsafe {attribute}: {}", shown()));
                }
            }
            match name {
                "script" => {
                    let own_file = e
                        .attr("src")
                        .is_some_and(|s| s.starts_with("/assets/") || s.starts_with("/pkg/"));
                    let data = e.attr("type") == Some("application/ld+json");
                    let ours_inline = e.attr("src").is_none() && e.attr("nonce") == Some(nonce);
                    if data {
                        let text: String = element.text().collect();
                        if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                            problems.push(format!("JSON-LD that is not JSON: {}", shown()));
                        }
                    } else if !(own_file || ours_inline) {
                        problems.push(format!("script not ours: {}", shown()));
                    }
                }
                "style" if e.attr("nonce") != Some(nonce) => {
                    problems.push(format!("style without the nonce: {}", shown()));
                }
                "object" | "embed" | "base" | "applet" | "frameset" | "frame" => {
                    problems.push(format!("<{name}> element: {}", shown()));
                }
                "meta" if e.attr("http-equiv").is_some() => {
                    problems.push(format!("<meta http-equiv>: {}", shown()));
                }
                "link" | "iframe"
                    if !e
                        .attr(if name == "link" { "href" } else { "src" })
                        .is_some_and(|h| {
                            h.starts_with('/') && !h.starts_with("//")
                                || h.starts_with("http://127.0.0.1")
                        }) =>
                {
                    problems.push(format!("<{name}> to another site: {}", shown()));
                }
                _ => {}
            }
        }
        // The page's own title; an inline SVG has titles of its own.
        let titles = Selector::parse("title").unwrap();
        let in_svg = |title: &scraper::ElementRef| {
            title
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "svg"))
        };
        if document.select(&titles).filter(|t| !in_svg(t)).count() != 1 {
            problems.push("not exactly one <title>".to_owned());
        }
        problems
    }

    /// Relative, or one of the schemes of [`SCHEMES`].
    fn safe_address(value: &str) -> bool {
        let v: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        match v.find(':') {
            // No scheme before the first `/`, `?` or `#`: a relative address.
            Some(colon) if !v[..colon].contains(['/', '?', '#']) => {
                SCHEMES.iter().any(|s| v.starts_with(s))
            }
            _ => true,
        }
    }

    /// The nonce of a page's Content-Security-Policy.
    pub fn nonce_of(response: &reqwest::Response) -> String {
        let policy = response
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        policy
            .split_once("'nonce-")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(nonce, _)| nonce.to_owned())
            .unwrap_or_default()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn finds_what_could_run() {
            let page = |body: &str| {
                format!(
                    "<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"
                )
            };
            for bad in [
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\" JaVa\tscript:alert(1)\">x</a>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<svg><script>alert(1)</script></svg>",
                "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
                "<style>body{}</style>",
                "<object data=\"data:text/html,x\"></object>",
                "</title><title>deux</title>",
                "<svg><title>a</title></svg></title><title>deux</title>",
            ] {
                assert!(!executable_parts(&page(bad), "n").is_empty(), "{bad}");
            }
            let fine = page(
                "<script nonce=\"n\">x()</script><script src=\"/pkg/a/app.js\"></script>\
                 <a href=\"/lieux/a\">a</a><a href=\"tel:+33563\">t</a><a href=\"https://x.fr\">w</a>\
                 <a href=\"?zone=Est\">z</a><script type=\"application/ld+json\">{\"a\":1}</script>\
                 <svg><title>Montauban</title></svg>",
            );
            assert_eq!(executable_parts(&fine, "n"), Vec::<String>::new());
        }
    }
}

/// A copy of the dataset whose programme is held in `year` (its slots and edition moved
/// there, the days of the year kept).
pub fn programme_in(year: i32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    copy_dir(&data, dir.path());
    let file = dir.path().join(carto82::dataset::EVENEMENTS);
    let text = std::fs::read_to_string(&file).unwrap();
    let slots = regex::Regex::new(r#""(debut|fin)": "2026-"#).unwrap();
    let text = slots.replace_all(&text, format!(r#""$1": "{year}-"#));
    let text = text.replace("\"edition\": 2026", &format!("\"edition\": {year}"));
    std::fs::write(&file, text).unwrap();
    dir
}

/// The ids of a FeatureCollection's features, in its order.
pub fn feature_ids(collection: &serde_json::Value) -> Vec<String> {
    collection["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The text of the first element of `html` that `css` selects; empty when none does.
pub fn text_at(html: &str, css: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).expect("a valid selector");
    document
        .select(&selector)
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}
