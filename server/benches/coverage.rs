//! The coverage computation at national scale, and on the real département.
//!
//! `cargo bench -p carto82 --bench coverage` writes a synthetic dataset (35 000 communes,
//! 30 000 places, 20 000 events; `carto82 synthetic`) into a temporary directory, loads it,
//! then times the full computation of `/api/coverage` (place filter, nearest help for every
//! commune, indicators per commune / EPCI / zone / département, gaps, programme balance).
//! Pass a directory after `--` to keep the synthetic files there.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use app::catalogue::Catalogue;
use app::model::FromQuery;
use app::model::coverage::CoverageFilter;
use carto82::dataset::Dataset;
use carto82::synthetic::{Size, generate};

fn main() {
    let keep: Option<PathBuf> = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from);
    let temporary = tempfile::tempdir().expect("temporary directory");
    let dir = keep.unwrap_or_else(|| temporary.path().to_owned());

    let size = Size::default();
    let started = Instant::now();
    generate(&dir, size).expect("synthetic dataset written");
    println!("synthèse écrite : {:?} en {}", size, ms(started.elapsed()));

    let started = Instant::now();
    let national = Dataset::load(&dir).unwrap_or_else(|e| panic!("synthetic dataset invalid: {e}"));
    println!(
        "chargement et validation : {} communes, {} lieux, {} événements en {}",
        national.territory.communes.len(),
        national.records.places.len(),
        national.records.events.len(),
        ms(started.elapsed())
    );

    let all = CoverageFilter::default();
    let france_services = CoverageFilter::from_query_string("programme=France+Services").unwrap();
    let open_saturday = CoverageFilter::from_query_string("open_on=2026-04-18").unwrap();
    for (name, filter) in [
        ("national, tous les lieux", &all),
        ("national, France services", &france_services),
        (
            "national, ouverts le samedi 18 avril (horaires OSM)",
            &open_saturday,
        ),
    ] {
        time(name, 10, || national.coverage(filter));
    }

    let real = Dataset::load(&carto82_data()).expect("data/ is valid");
    time("Tarn-et-Garonne (data/), tous les lieux", 200, || {
        real.coverage(&all)
    });
}

fn carto82_data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data")
}

/// Runs `f` `runs` times and prints the fastest, median and slowest.
fn time<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) {
    black_box(f());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            black_box(f());
            started.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{name} : médiane {}, min {}, max {} ({runs} fois)",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
