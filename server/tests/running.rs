//! The `carto82` server process as it runs in production: stopped by SIGTERM, flooded with
//! bad requests. Spoken to over plain TCP, to see exactly what each connection gets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_carto82");

struct Server {
    child: Child,
    address: SocketAddr,
    /// Every line the server wrote to stderr (its log).
    log: Arc<Mutex<Vec<String>>>,
    /// Its contributions database, its own.
    base: Option<tempfile::TempDir>,
}

impl Server {
    fn start() -> Server {
        Server::start_with(tempfile::tempdir().unwrap(), &[])
    }

    /// With its contributions database in `base`, and more options.
    fn start_with(base: tempfile::TempDir, options: &[&str]) -> Server {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(options)
            .args(["--bind", "127.0.0.1:0", "--data"])
            .arg(&data)
            .arg("--base")
            .arg(format!(
                "sqlite:{}",
                base.path().join("base.sqlite").display()
            ))
            .env_remove("RUST_LOG")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut ready = String::new();
        stdout.read_line(&mut ready).unwrap();
        let address = ready
            .trim()
            .rsplit("http://")
            .next()
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("« prêt » line expected, got {ready:?}"));
        Server {
            child,
            address,
            log,
            base: Some(base),
        }
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to end (20 s at most) and returns its exit code.
    fn wait(&mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange on a kept-alive connection: the status, and whether the server
/// will close the connection after it.
fn exchange(stream: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<(u16, bool)> {
    stream
        .get_mut()
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: carto82.test\r\n\r\n").as_bytes())?;
    let mut status_line = String::new();
    if stream.read_line(&mut status_line)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    let (mut length, mut close) = (0usize, false);
    loop {
        let mut line = String::new();
        stream.read_line(&mut line)?;
        let line = line.trim_end().to_ascii_lowercase();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if line == "connection: close" {
            close = true;
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok((status, close))
}

#[test]
fn sigterm_answers_every_request_received_then_exits_cleanly() {
    let mut server = Server::start();
    let sent = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(AtomicUsize::new(0));
    let lost = Arc::new(Mutex::new(Vec::new()));
    let stop_sending = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..32)
        .map(|i| {
            let (sent, answered, lost, stop) = (
                sent.clone(),
                answered.clone(),
                lost.clone(),
                stop_sending.clone(),
            );
            let address = server.address;
            std::thread::spawn(move || {
                let mut stream = BufReader::new(TcpStream::connect(address).unwrap());
                // As a browser keeps a connection: requests one after the other until the
                // server says it closes it.
                while !stop.load(Ordering::Relaxed) {
                    sent.fetch_add(1, Ordering::Relaxed);
                    match exchange(&mut stream, "/api/places?zone=Est") {
                        Ok((200, close)) => {
                            answered.fetch_add(1, Ordering::Relaxed);
                            if close {
                                return;
                            }
                        }
                        other => {
                            lost.lock().unwrap().push(format!("client {i}: {other:?}"));
                            return;
                        }
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        answered.load(Ordering::Relaxed) > 32,
        "the clients are busy"
    );
    server.signal("TERM");
    let started = Instant::now();
    for client in clients {
        client.join().unwrap();
    }
    stop_sending.store(true, Ordering::Relaxed);
    assert_eq!(
        lost.lock().unwrap().clone(),
        Vec::<String>::new(),
        "every request sent on a kept-alive connection is answered"
    );
    assert_eq!(
        sent.load(Ordering::Relaxed),
        answered.load(Ordering::Relaxed)
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "each connection is told to close quickly"
    );
    assert_eq!(server.wait(), Some(0), "exit status 0");
    assert!(
        TcpStream::connect_timeout(&server.address, Duration::from_millis(500)).is_err(),
        "no longer listening"
    );
}

#[test]
fn a_flood_of_bad_requests_writes_a_few_log_lines_without_their_text() {
    let mut server = Server::start();
    let before = server.log.lock().unwrap().len();
    let mut stream = BufReader::new(TcpStream::connect(server.address).unwrap());
    for i in 0..1000 {
        let (status, _) = exchange(
            &mut stream,
            &format!(
                "/api/places?zone=%3Cscript%3Eattaque{i}{}",
                "x".repeat(2000)
            ),
        )
        .unwrap();
        assert_eq!(status, 400);
    }
    // A malformed request line, which actix refuses before any handler.
    let mut raw = TcpStream::connect(server.address).unwrap();
    raw.write_all(b"GET /<script>attaque HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = raw.read_to_end(&mut answer);
    std::thread::sleep(Duration::from_millis(300));
    server.signal("TERM");
    assert_eq!(server.wait(), Some(0));
    let log = server.log.lock().unwrap();
    let written = &log[before..];
    assert!(
        written.len() < 30,
        "1 000 refusals, a few lines: {} lines",
        written.len()
    );
    assert!(
        written.iter().all(|l| !l.contains("attaque")),
        "no attacker text: {written:#?}"
    );
    assert!(
        written.iter().any(|l| l.contains("requête refusée")
            && l.contains("/api/places")
            && l.contains("400")),
        "the fact is logged: {written:#?}"
    );
    assert!(
        written
            .iter()
            .any(|l| l.contains("messages semblables") && l.contains("omis")),
        "and how many were left out: {written:#?}"
    );
}

/// The resident memory of a process, in megabytes.
fn resident_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb / 1024.0
}

#[test]
fn many_clients_at_once_wait_their_turn_in_bounded_memory() {
    const CLIENTS: usize = 300;
    let mut server = Server::start();
    let pid = server.child.id();
    // Warm: the first page loads what every page needs.
    let mut warm = BufReader::new(TcpStream::connect(server.address).unwrap());
    exchange(&mut warm, "/?ou=Lauzerte").unwrap();
    let idle = resident_mb(pid);
    let peak = Arc::new(Mutex::new(idle));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                let now = resident_mb(pid);
                let mut p = peak.lock().unwrap();
                *p = p.max(now);
                drop(p);
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    // Every client sends its request first, then they all read: the server holds them all.
    let mut streams: Vec<TcpStream> = (0..CLIENTS)
        .map(|_| TcpStream::connect(server.address).unwrap())
        .collect();
    for stream in &mut streams {
        stream
            .write_all(
                b"GET /?ou=Lauzerte HTTP/1.1\r\nHost: carto82.test\r\nAccept-Encoding: br\r\n\r\n",
            )
            .unwrap();
    }
    let mut statuses = Vec::new();
    for stream in streams {
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        statuses.push(line.split(' ').nth(1).unwrap_or("").to_owned());
    }
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    assert!(
        statuses.iter().all(|s| s == "200"),
        "all answered: {statuses:?}"
    );
    let peak = *peak.lock().unwrap();
    assert!(
        peak < idle + 120.0,
        "{CLIENTS} clients at once: {idle:.0} MB idle, {peak:.0} MB at most"
    );
    server.signal("TERM");
    assert_eq!(server.wait(), Some(0));
}

/// One proposal of an event, sent as a browser would from the address `from` (the server
/// trusts the loopback proxy): the follow-up token, when the server acknowledged it.
fn propose(address: SocketAddr, from: usize, title: &str) -> Option<String> {
    let next_year = chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .ok()?
        + 1;
    let body = format!(
        "titre={}&resume=Envoyer+des+photos.&theme=famille&type=atelier&jour={next_year}-04-14\
         &debut=14%3A00&fin=16%3A00&lieu_id=france-services-014&public=Tout+public&prix=Gratuit\
         &inscription=libre&organisateur=Les+Claviers",
        title.replace(' ', "+")
    );
    let mut stream = TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    write!(
        stream,
        "POST /participer/evenement HTTP/1.1\r\nHost: carto82.test\r\n\
         X-Forwarded-For: 10.0.{}.{}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        from / 250,
        from % 250 + 1,
        body.len()
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    // Acknowledged: sent on to the follow-up page.
    if !answer.starts_with("HTTP/1.1 303") {
        return None;
    }
    let at = answer.find("location: /participer/suivi/")? + "location: /participer/suivi/".len();
    Some(answer.get(at..at + 64)?.to_owned())
}

#[test]
fn every_acknowledged_proposal_survives_a_kill_in_the_middle_of_a_burst() {
    let mut server = Server::start_with(tempfile::tempdir().unwrap(), &["--proxies", "127.0.0.1"]);
    let address = server.address;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let senders: Vec<_> = (0..200)
        .map(|n| {
            let acknowledged = acknowledged.clone();
            std::thread::spawn(move || {
                let title = format!("Atelier {n}");
                if let Some(token) = propose(address, n, &title) {
                    acknowledged.lock().unwrap().push((token, title));
                }
            })
        })
        .collect();
    // Killed as soon as some are acknowledged, while the others are on their way.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 25 {
        assert!(Instant::now() < deadline, "no proposal acknowledged");
        std::thread::sleep(Duration::from_millis(1));
    }
    server.signal("KILL");
    server.wait();
    for sender in senders {
        sender.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let base = server.base.take().unwrap();
    drop(server);

    let server = Server::start_with(base, &[]);
    for (token, title) in &acknowledged {
        let mut stream = TcpStream::connect(server.address).unwrap();
        write!(
            stream,
            "GET /participer/suivi/{token} HTTP/1.1\r\nHost: carto82.test\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut page = String::new();
        stream.read_to_string(&mut page).unwrap();
        assert!(page.starts_with("HTTP/1.1 200"), "{title}: {page:.200}");
        assert!(
            page.contains(&format!("<h2>{title}</h2>")),
            "{title} is kept"
        );
    }
    println!(
        "{} of 200 proposals acknowledged before the kill, all there after the restart",
        acknowledged.len()
    );
}
