//! Threads that work beside the server until it stops: the data folder's watch
//! (`dataset::Store::watch`) and the scheduled import (`import::schedule`). Each runs until
//! its [`Background`] is dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Keeps a background thread running; dropping it stops the thread at its next wait.
pub struct Background {
    stop: Arc<AtomicBool>,
}

impl Drop for Background {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// What a background thread waits with: told when to stop.
pub struct Waits {
    stop: Arc<AtomicBool>,
}

/// How often a wait looks whether it should stop.
const STEP: Duration = Duration::from_millis(200);

impl Waits {
    /// Waits `duration`; false if the thread is to stop instead.
    pub fn wait(&self, duration: Duration) -> bool {
        let due = Instant::now() + duration;
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return false;
            }
            let left = due.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            std::thread::sleep(STEP.min(left));
        }
    }
}

impl Background {
    /// Runs `work` on a thread named `name`; `work` waits with the [`Waits`] it is given and
    /// returns when a wait says to stop.
    pub fn spawn(
        name: &str,
        work: impl FnOnce(Waits) + Send + 'static,
    ) -> std::io::Result<Background> {
        let stop = Arc::new(AtomicBool::new(false));
        let waits = Waits {
            stop: Arc::clone(&stop),
        };
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || work(waits))?;
        Ok(Background { stop })
    }
}
