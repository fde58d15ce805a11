//! Running Carto82 for real (issue 19), as an operator does: the settings file and its
//! precedence, `carto82 config` and the documented table, `/readyz` and `/metrics` with
//! their access, the shipped systemd unit checked by `systemd-analyze verify`, nginx in
//! front, and a backup restored on another machine that gives the same answers.

use std::path::Path;
use std::process::Command;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_carto82");

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// `carto82 config` with `env` set (and nothing inherited from the test's environment
/// about Carto82): its lines.
fn config(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = Command::new(BIN);
    command.arg("config").args(args);
    for (key, _) in std::env::vars() {
        if key.starts_with("CARTO82_") {
            command.env_remove(key);
        }
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_settings_file_comes_after_the_environment_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("carto82.toml");
    std::fs::write(
        &file,
        "bind = \"127.0.0.1:9000\"\ndata = \"/srv/donnees\"\nproxies = [\"127.0.0.1\", \"10.0.0.0/8\"]\nbase = \"postgres://carto82:s3cret@db.local/carto82\"\nexamples = false\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let lines = config(
        &["--bind", "127.0.0.1:9100"],
        &[("CARTO82_CONFIG", path), ("CARTO82_DATA", "/srv/autres")],
    );
    for expected in [
        "CARTO82_BIND = \"127.0.0.1:9100\" (ligne de commande)",
        "CARTO82_DATA = \"/srv/autres\" (environnement)",
        &format!("CARTO82_PROXIES = \"127.0.0.1 10.0.0.0/8\" (fichier {path})"),
        &format!("CARTO82_EXAMPLES = \"false\" (fichier {path})"),
        "CARTO82_SITE = \"target/site\" (par défaut)",
        // The password is never printed.
        &format!("CARTO82_BASE = \"postgres://carto82:****@db.local/carto82\" (fichier {path})"),
    ] {
        assert!(lines.contains(expected), "« {expected} » in:\n{lines}");
    }
    assert!(!lines.contains("s3cret"));
    // `--config` names the file too; a wrong key is refused, named.
    std::fs::write(&file, "bnd = \"127.0.0.1:9000\"\n").unwrap();
    let out = Command::new(BIN)
        .args(["config", "--config", path])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("réglage inconnu « bnd »") && err.contains("carto82.toml"),
        "{err}"
    );
}

#[test]
fn the_shipped_settings_file_reads() {
    let shipped = root().join("deploy/carto82.toml");
    let shipped = shipped.to_str().unwrap();
    let lines = config(&[], &[("CARTO82_CONFIG", shipped)]);
    for expected in [
        format!("CARTO82_URL = \"https://carto82.example.fr\" (fichier {shipped})"),
        format!("CARTO82_PROXIES = \"127.0.0.1\" (fichier {shipped})"),
        format!("CARTO82_BASE = \"sqlite:/var/lib/carto82/carto82.sqlite\" (fichier {shipped})"),
    ] {
        assert!(lines.contains(&expected), "« {expected} » in:\n{lines}");
    }
}

#[test]
fn the_documented_table_is_the_one_the_code_writes() {
    let table = config(&["--tableau"], &[]);
    let doc = std::fs::read_to_string(root().join("docs/configuration.md")).unwrap();
    assert!(
        doc.contains(&table),
        "docs/configuration.md is out of date: write `carto82 config --tableau` into it"
    );
    for variable in [
        "CARTO82_CONFIG",
        "CARTO82_BIND",
        "CARTO82_METRICS_ALLOW",
        "CARTO82_LOG_FORMAT",
    ] {
        assert!(table.contains(variable), "{variable}");
    }
}

#[test]
fn the_systemd_unit_passes_systemd_analyze() {
    let Ok(version) = Command::new("systemd-analyze").arg("--version").output() else {
        panic!("systemd-analyze is part of Debian's systemd package");
    };
    assert!(version.status.success());
    // The unit as shipped, with the binary where this build put it.
    let unit = std::fs::read_to_string(root().join("deploy/carto82.service"))
        .unwrap()
        .replace("/usr/local/bin/carto82", BIN);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("carto82.service");
    std::fs::write(&path, unit).unwrap();
    let out = Command::new("systemd-analyze")
        .args(["verify", path.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !said.contains("carto82.service"),
        "{said}"
    );
    let shipped = std::fs::read_to_string(root().join("deploy/carto82.service")).unwrap();
    for hardening in [
        "DynamicUser=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/carto82",
        "NoNewPrivileges=yes",
    ] {
        assert!(shipped.contains(hardening), "{hardening}");
    }
}

/// A free port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A child process stopped when dropped: with SIGTERM, so that nginx's master stops its
/// workers too (killed, it would leave them holding the test's output open).
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

/// The status of an answer `curl -i` printed (HTTP/1.1 or HTTP/2).
fn status(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// `curl` through the test's nginx, which answers for `carto82.example.fr`: the status
/// line, the headers and the body.
fn curl(url: &str, port: u16, extra: &[&str]) -> String {
    let out = Command::new("curl")
        .args(["-sk", "-i", "--max-time", "20"])
        .args(["--resolve", &format!("carto82.example.fr:{port}:127.0.0.1")])
        .args(extra)
        .arg(url)
        .output()
        .expect("curl");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_shipped_nginx_site_serves_carto82_over_tls_with_its_cache_and_headers() {
    let nginx = Path::new("/usr/sbin/nginx");
    assert!(
        nginx.exists(),
        "nginx (Debian's package; tools/setup --tests installs it)"
    );
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    // Carto82, trusting the forwarded headers of nginx only.
    let carto82_port = free_port();
    let _server = Running(
        Command::new(BIN)
            .args(["serve", "--bind", &format!("127.0.0.1:{carto82_port}")])
            .args(["--data", root().join("data").to_str().unwrap()])
            .args(["--site", root().join("target/site").to_str().unwrap()])
            .args(["--base", &format!("sqlite:{}", at("base.sqlite"))])
            .args(["--proxies", "127.0.0.1"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    // A self-signed certificate for the site's name.
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args([
            "-subj",
            "/CN=carto82.example.fr",
            "-keyout",
            &at("privkey.pem"),
            "-out",
            &at("fullchain.pem"),
        ])
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // The shipped site, on free ports, its files in the temporary folder.
    let (http, https) = (free_port(), free_port());
    std::fs::create_dir_all(at("cache")).unwrap();
    std::fs::create_dir_all(at("temp")).unwrap();
    let site = std::fs::read_to_string(root().join("deploy/nginx-carto82.conf"))
        .unwrap()
        .replace("    listen [::]:80;\n", "")
        .replace("    listen [::]:443 ssl http2;\n", "")
        .replace("listen 80;", &format!("listen 127.0.0.1:{http};"))
        .replace(
            "listen 443 ssl http2;",
            &format!("listen 127.0.0.1:{https} ssl http2;"),
        )
        .replace("/etc/ssl/carto82/fullchain.pem", &at("fullchain.pem"))
        .replace("/etc/ssl/carto82/privkey.pem", &at("privkey.pem"))
        .replace("/var/cache/nginx/carto82", &at("cache"))
        .replace(
            "server 127.0.0.1:8082;",
            &format!("server 127.0.0.1:{carto82_port};"),
        );
    let conf = format!(
        "user root root;\nworker_processes 1;\npid {pid};\nerror_log {log};\nevents {{ worker_connections 64; }}\nhttp {{\n access_log off;\n client_body_temp_path {tmp};\n proxy_temp_path {tmp};\n{site}\n}}\n",
        pid = at("nginx.pid"),
        log = at("nginx-error.log"),
        tmp = at("temp")
    );
    std::fs::write(at("nginx.conf"), conf).unwrap();
    let tested = Command::new(nginx)
        .args(["-t", "-c", &at("nginx.conf")])
        .output()
        .unwrap();
    assert!(
        tested.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&tested.stderr)
    );
    let _nginx = Running(
        Command::new(nginx)
            .args(["-c", &at("nginx.conf"), "-g", "daemon off;"])
            .spawn()
            .unwrap(),
    );
    let base = format!("https://carto82.example.fr:{https}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while status(&curl(&format!("{base}/readyz"), https, &[])) != 200 {
        assert!(
            std::time::Instant::now() < deadline,
            "Carto82 behind nginx never ready"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Plain HTTP is sent to HTTPS.
    let plain = curl(&format!("http://carto82.example.fr:{http}/"), http, &[]);
    assert_eq!(status(&plain), 301, "{plain}");
    // The forwarded headers: Carto82 sees HTTPS and the site's name, whatever a client
    // claims (nginx replaces those headers).
    let page = curl(
        &format!("{base}/lieux/france-services-000"),
        https,
        &[
            "-H",
            "X-Forwarded-Host: attaquant.example",
            "-H",
            "X-Forwarded-Proto: http",
        ],
    );
    assert!(
        page.contains("content=\"https://carto82.example.fr/lieux/france-services-000\""),
        "og:url made from the forwarded headers: {}",
        &page[..page.len().min(3000)]
    );
    assert!(!page.contains("attaquant.example"));
    // The API is kept by nginx, and revalidated with its ETag.
    let first = curl(&format!("{base}/api/places"), https, &[]);
    let second = curl(&format!("{base}/api/places"), https, &[]);
    assert!(
        first.to_lowercase().contains("x-cache: miss"),
        "{}",
        &first[..first.len().min(800)]
    );
    assert!(
        second.to_lowercase().contains("x-cache: hit"),
        "{}",
        &second[..second.len().min(800)]
    );
    // /metrics is not for the public, at nginx's door or at Carto82's.
    assert_eq!(status(&curl(&format!("{base}/metrics"), https, &[])), 403);
}

/// `carto82 serve` on a free port with this data folder and database, once ready.
fn serve(data: &Path, base: &str) -> (Running, u16) {
    let port = free_port();
    let server = Running(
        Command::new(BIN)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .arg("--data")
            .arg(data)
            .args(["--site", root().join("target/site").to_str().unwrap()])
            .args(["--base", base])
            // As in production: the links are made from the public address.
            .args(["--url", "https://carto82.example.fr"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while status(&plain_curl(&format!("http://127.0.0.1:{port}/readyz"))) != 200 {
        assert!(std::time::Instant::now() < deadline, "never ready");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    (server, port)
}

fn plain_curl(url: &str) -> String {
    let out = Command::new("curl")
        .args(["-s", "-i", "--max-time", "20", url])
        .output()
        .expect("curl");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a visitor and a structure are answered: the places, the programme, the one event,
/// the agenda, the follow-up of the structure's proposals (its body: it is made of the data
/// alone, but for the page's nonce, cut out).
fn answers(port: u16, event: &str, token: &str) -> Vec<(String, String)> {
    [
        "/api/places".to_owned(),
        "/api/events".to_owned(),
        format!("/api/events/{event}.ics"),
        "/api/events.ics".to_owned(),
        format!("/participer/suivi/{token}"),
    ]
    .into_iter()
    .map(|path| {
        let answer = plain_curl(&format!("http://127.0.0.1:{port}{path}"));
        assert_eq!(status(&answer), 200, "{path}: {answer:.300}");
        let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let nonce = nonce_in(body);
        // A calendar's DTSTAMP is when this server read the data (RFC 5545: when the
        // store's information was revised), not the data itself.
        let body: Vec<&str> = body
            .split("\r\n")
            .filter(|line| !line.starts_with("DTSTAMP:"))
            .collect();
        (path, body.join("\r\n").replace(&nonce, "NONCE"))
    })
    .collect()
}

/// The page's CSP nonce (`nonce="…"`), or nothing.
fn nonce_in(body: &str) -> String {
    body.split_once("nonce=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(nonce, _)| nonce.to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "\u{0}".to_owned())
}

fn run(command: &mut Command) {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The database kind, and how the guide backs it up into a folder and restores it on
/// another machine.
enum Database {
    Sqlite,
    /// On the throwaway server whose administrator's URL this is.
    Postgres(String),
}

impl Database {
    /// A new database for a machine (`var` is its `/var/lib/carto82`): its address.
    fn create(&self, var: &Path, machine: &str) -> String {
        match self {
            Database::Sqlite => format!("sqlite:{}", var.join("carto82.sqlite").display()),
            Database::Postgres(admin) => {
                let name = format!("carto82_restauration_{}_{machine}", std::process::id());
                run(Command::new(postgres_tool("createdb"))
                    .args(["--maintenance-db", admin])
                    .arg(&name));
                let server = admin.rsplit_once('/').expect("a URL naming a database").0;
                format!("{server}/{name}")
            }
        }
    }

    fn back_up(&self, base: &str, saved: &Path) {
        match self {
            Database::Sqlite => run(Command::new(BIN)
                .arg("sauvegarder")
                .arg(saved.join("base.sqlite"))
                .args(["--base", base])),
            Database::Postgres(_) => run(Command::new(postgres_tool("pg_dump"))
                .args(["--format=custom", "--file"])
                .arg(saved.join("base.dump"))
                .args(["--dbname", base])),
        }
    }

    /// Restores into the other machine's `var`: the restored database's address.
    fn restore(&self, saved: &Path, var: &Path) -> String {
        match self {
            Database::Sqlite => {
                std::fs::copy(saved.join("base.sqlite"), var.join("carto82.sqlite")).unwrap();
                self.create(var, "b")
            }
            Database::Postgres(_) => {
                let base = self.create(var, "b");
                run(Command::new(postgres_tool("pg_restore"))
                    .args(["--no-owner", "--dbname", &base])
                    .arg(saved.join("base.dump")));
                base
            }
        }
    }
}

/// The guide's section 5, as an operator follows it: the data folder and the database
/// backed up while Carto82 serves, restored on another machine: the same answers.
async fn restored_elsewhere_gives_the_same_answers(database: Database) {
    let machine = tempfile::tempdir().unwrap();
    let var = machine.path().join("var-lib-carto82");
    let data = var.join("data");
    std::fs::create_dir(&var).unwrap();
    run(Command::new("cp")
        .arg("-a")
        .arg(root().join("data"))
        .arg(&data));
    // The data changed since it was installed: fresh places from the national source.
    let out = Command::new(BIN)
        .arg("import")
        .arg(root().join("tests/fixtures/national/lieux.csv"))
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("1 ajouté(s), 1 mis à jour"));
    // And the database holds the structures' work: an event and a correction published.
    let base = database.create(&var, "a");
    let store = carto82::participation::Contributions::open(&base)
        .await
        .unwrap();
    let dataset = carto82::dataset::Dataset::load(&data).unwrap();
    let published = common::publish_an_event_and_a_correction(&store, &dataset).await;
    drop(store);

    let (server, port) = serve(&data, &base);
    let before = answers(port, &published.id, published.token.as_str());
    assert!(before[1].1.contains("Atelier sauvegarde"));
    assert!(before[0].1.contains("Médiathèque de Caussade"));
    assert!(before[0].1.contains(published.hours));

    // Backed up while it serves.
    let saved = machine.path().join("sauvegardes");
    std::fs::create_dir(&saved).unwrap();
    run(Command::new("tar")
        .arg("czf")
        .arg(saved.join("donnees.tar.gz"))
        .arg("-C")
        .arg(&var)
        .arg("data"));
    database.back_up(&base, &saved);
    drop(server);

    // Restored on another machine.
    let elsewhere = tempfile::tempdir().unwrap();
    let var = elsewhere.path().join("var-lib-carto82");
    std::fs::create_dir(&var).unwrap();
    run(Command::new("tar")
        .arg("xzf")
        .arg(saved.join("donnees.tar.gz"))
        .arg("-C")
        .arg(&var));
    let base = database.restore(&saved, &var);
    let (_server, port) = serve(&var.join("data"), &base);
    let after = answers(port, &published.id, published.token.as_str());
    for ((path, was), (_, is)) in before.iter().zip(&after) {
        let differ: Vec<(&str, &str)> = was
            .lines()
            .zip(is.lines())
            .filter(|(a, b)| a != b)
            .take(3)
            .collect();
        assert!(
            was == is,
            "{path}: not the same answer after the restore: {differ:?}"
        );
    }
}

#[tokio::test]
async fn a_backup_restored_elsewhere_gives_the_same_answers_on_sqlite() {
    restored_elsewhere_gives_the_same_answers(Database::Sqlite).await;
}

/// Debian's PostgreSQL tools, of the newest version installed.
fn postgres_tool(name: &str) -> std::path::PathBuf {
    let mut versions: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL (tools/setup --tests installs it)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.exists())
        .collect();
    versions.sort();
    versions.pop().expect("a PostgreSQL version with its tools")
}

#[tokio::test]
async fn a_backup_restored_elsewhere_gives_the_same_answers_on_postgresql() {
    let admin = std::env::var("CARTO82_TEST_POSTGRES").expect(
        "CARTO82_TEST_POSTGRES : un serveur PostgreSQL jetable (tools/postgres-jetable start)",
    );
    restored_elsewhere_gives_the_same_answers(Database::Postgres(admin)).await;
}
