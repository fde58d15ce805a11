//! Logs. Requests and their refusals come from the outside world: a client can make the
//! server log as often as it can send, so warnings about them go through
//! [`warn_limited`], which lets a few lines of each kind through per minute and then says
//! how many it left out. An address is logged or shown through [`hidden_url`], without its
//! password or query.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tracing_subscriber::EnvFilter;

/// Logs to stderr, as text or one JSON object a line (`log_format`); `RUST_LOG` overrides
/// the default level (`info`). By default actix-http's dispatcher is silent: it logs each
/// malformed request a client sends as an error, with no limit (the refusal itself is
/// answered, and counted by `request_log`).
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,actix_http::h1::dispatcher=off"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second call (tests start several servers in one process) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Lines of one kind let through per window.
const LINES_PER_WINDOW: u32 = 10;
const WINDOW: Duration = Duration::from_secs(60);
/// Text from outside is cut to this many characters in a log line.
pub const LOGGED_CHARS: usize = 200;

struct Window {
    started: Instant,
    logged: u32,
    left_out: u64,
}

static WINDOWS: Mutex<Option<HashMap<&'static str, Window>>> = Mutex::new(None);

/// Logs `message` as a warning unless `kind` has already used its lines this minute; the
/// next line logged says how many were left out. `message` is cut to [`LOGGED_CHARS`].
pub fn warn_limited(kind: &'static str, message: &str) {
    let now = Instant::now();
    let (left_out, last_of_window) = {
        let mut windows = WINDOWS.lock().expect("not poisoned");
        let window = windows
            .get_or_insert_with(HashMap::new)
            .entry(kind)
            .or_insert(Window {
                started: now,
                logged: 0,
                left_out: 0,
            });
        if now.duration_since(window.started) >= WINDOW {
            window.started = now;
            window.logged = 0;
        }
        if window.logged >= LINES_PER_WINDOW {
            window.left_out += 1;
            return;
        }
        window.logged += 1;
        (
            std::mem::take(&mut window.left_out),
            window.logged == LINES_PER_WINDOW,
        )
    };
    let message = cut(message);
    match (left_out, last_of_window) {
        (0, false) => tracing::warn!(genre = kind, "{message}"),
        (0, true) => tracing::warn!(
            genre = kind,
            "{message} (les messages semblables suivants sont omis pendant une minute)"
        ),
        (n, _) => tracing::warn!(
            genre = kind,
            omis = n,
            "{message} ({n} messages semblables omis la minute précédente)"
        ),
    }
}

/// `text` without control characters, at most [`LOGGED_CHARS`] characters.
pub fn cut(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(LOGGED_CHARS)
        .collect();
    if text.chars().count() > LOGGED_CHARS {
        out.push('…');
    }
    out
}

/// An address with its password and its query (which may hold a key, `?apikey=…`) replaced,
/// to be logged or shown: `https://exemple.fr/api?****`.
pub fn hidden_url(url: &url::Url) -> String {
    let mut url = url.clone();
    if url.password().is_some() {
        let _ = url.set_password(Some("****"));
    }
    if url.query().is_some() {
        url.set_query(Some("****"));
    }
    url.to_string()
}
