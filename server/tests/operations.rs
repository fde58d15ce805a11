//! Running Carto82 for real (issue 19), as an operator does: the settings file and its
//! precedence, `carto82 config` and the documented table, `/readyz` and `/metrics` with
//! their access, and the shipped systemd unit checked by `systemd-analyze verify`.

use std::path::Path;
use std::process::Command;

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
