//! The server's own import (`import_schedule`): the source read every night, say, merged
//! into the data folder, which the folder's watch then reloads (see `dataset::store`). A
//! failed import changes nothing on disk, so the last good data stays served; its reason is
//! kept for `/healthz` and counted for `/metrics`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;

use super::{Options, Source, import};
use crate::background::Background;

/// When the import runs: every day at a time of Paris, or at a fixed interval.
#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    Daily(NaiveTime),
    Every(Duration),
}

impl std::str::FromStr for Schedule {
    type Err = String;

    fn from_str(text: &str) -> Result<Schedule, String> {
        let text = text.trim();
        if let Ok(time) = NaiveTime::parse_from_str(text, "%H:%M") {
            return Ok(Schedule::Daily(time));
        }
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let seconds = match unit.trim() {
            "s" => 1,
            "min" => 60,
            "h" => 3600,
            _ => 0,
        };
        // At most 30 days: a longer wait is a typing error, and would overflow the clock.
        match number
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(seconds))
        {
            Some(n) if (1..=MAX_INTERVAL_S).contains(&n) => {
                Ok(Schedule::Every(Duration::from_secs(n)))
            }
            _ => Err(format!(
                "« {} » : une heure de Paris (« 03:30 », chaque nuit) ou un intervalle de 30 jours au plus (« 6h », « 30min », « 90s »)",
                text.chars().take(40).collect::<String>()
            )),
        }
    }
}

const MAX_INTERVAL_S: u64 = 30 * 24 * 3600;

impl Schedule {
    /// How long from `now` until the next run.
    pub fn wait_from(&self, now: DateTime<Utc>) -> Duration {
        match self {
            Schedule::Every(interval) => *interval,
            Schedule::Daily(time) => {
                let here = now.with_timezone(&Paris).date_naive();
                (0..3)
                    .filter_map(|days| {
                        let day = here + chrono::Days::new(days);
                        // On the night clocks go forward the time may not exist: an hour later.
                        let at = day.and_time(*time);
                        Paris.from_local_datetime(&at).earliest().or_else(|| {
                            Paris
                                .from_local_datetime(&(at + chrono::TimeDelta::hours(1)))
                                .earliest()
                        })
                    })
                    .map(|at| at.with_timezone(&Utc))
                    .find(|at| *at > now)
                    .and_then(|at| (at - now).to_std().ok())
                    .unwrap_or(Duration::from_secs(24 * 3600))
            }
        }
    }
}

/// What the imports did since start-up, for `/healthz` and `/metrics`.
#[derive(Debug, Default)]
pub struct Imports {
    state: Mutex<State>,
}

#[derive(Clone, Debug, Default)]
pub struct State {
    pub source: Option<String>,
    pub succeeded: u64,
    pub failed: u64,
    /// When, and what it did.
    pub last_success: Option<(DateTime<Utc>, super::merge::Summary)>,
    pub last_failure: Option<(DateTime<Utc>, String)>,
}

impl State {
    /// Whether the last import failed: the data is older than the source.
    pub fn failing(&self) -> bool {
        match (&self.last_failure, &self.last_success) {
            (Some((failed, _)), Some((succeeded, _))) => failed > succeeded,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// The most of a reason kept: a whole invalid dataset's problems would be very long.
const REASON_CHARS: usize = 4000;

impl Imports {
    pub fn state(&self) -> State {
        self.state.lock().expect("not poisoned").clone()
    }

    fn record(&self, result: &Result<super::Report, super::ImportError>) {
        let mut state = self.state.lock().expect("not poisoned");
        match result {
            Ok(report) => {
                state.succeeded += 1;
                state.last_success = Some((Utc::now(), report.summary()));
            }
            Err(e) => {
                state.failed += 1;
                state.last_failure = Some((
                    Utc::now(),
                    e.to_string().chars().take(REASON_CHARS).collect(),
                ));
            }
        }
    }
}

/// Runs the import of `source` into `data` on `schedule`, by a thread apart, until the
/// returned [`Background`] is dropped.
pub fn start(
    source: Source,
    schedule: Schedule,
    data: PathBuf,
    options: Options,
    imports: Arc<Imports>,
) -> std::io::Result<Background> {
    imports.state.lock().expect("not poisoned").source = Some(source.to_string());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Background::spawn("carto82-import", move |waits| {
        while waits.wait(schedule.wait_from(Utc::now())) {
            tracing::info!(%source, "import des lieux");
            // A bug in one import must not stop the next ones, nor hide behind an « ok ».
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                runtime.block_on(import(&source, &data, &options))
            }))
            .unwrap_or_else(|_| {
                Err(super::ImportError::Read(
                    source.to_string(),
                    "l'import s'est arrêté sur une erreur interne".to_owned(),
                ))
            });
            match &result {
                Ok(report) => tracing::info!(%source, "import fait : {}", report.summary()),
                Err(e) => tracing::warn!(
                    %source,
                    "import refusé, les données d'avant restent servies : {e}"
                ),
            }
            imports.record(&result);
        }
    })
}
