//! Logs. Requests and their refusals come from the outside world: a client can make the
//! server log as often as it can send, so warnings about them go through
//! [`warn_limited`], which lets a few lines of each kind through per minute and then says
//! how many it left out.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tracing_subscriber::EnvFilter;

/// Logs to stderr; `RUST_LOG` overrides the default level (`info`).
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // A second call (tests start several servers in one process) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
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
    let left_out = {
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
        std::mem::take(&mut window.left_out)
    };
    let message = cut(message);
    if left_out > 0 {
        tracing::warn!(
            genre = kind,
            omis = left_out,
            "{message} ({left_out} messages semblables omis)"
        );
    } else {
        tracing::warn!(genre = kind, "{message}");
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
