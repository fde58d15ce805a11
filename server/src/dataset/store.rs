//! The dataset being served, and its reload when the data folder changes.
//!
//! A reload builds a whole new `Dataset` beside the current one and swaps it in only if it is
//! valid: requests always see one complete, checked version, and a bad edit leaves the last
//! good data online (the refusal is logged and shown by `/healthz`). A reload that would
//! lose more than half of the places is refused too, unless the operator allowed it: an
//! export cut short or a wrong folder should not empty the map.
//!
//! Changes are found by looking at the folder twice a second ([`data_dir::fingerprint`]),
//! not by file notifications: deployments switch a link to another folder or move a folder
//! aside and copy a new one in, which notifications on the old folder never see.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;

use super::data_dir::{self, Fingerprint};
use super::{Dataset, DatasetErrors, LoadOptions, Published};
use crate::background::Background;

/// How often the folder is looked at; a change is loaded once it has stayed the same for
/// one more look (editors and copies write a file in several steps).
const POLL: Duration = Duration::from_millis(500);

pub struct Store {
    dir: PathBuf,
    options: LoadOptions,
    /// Whether a reload may drop more than half of the places.
    allow_large_drop: bool,
    current: ArcSwap<Dataset>,
    last_refusal: Mutex<Option<String>>,
    /// The published contributions, served with the folder's data.
    contributions: Mutex<Arc<Published>>,
    /// One reload at a time: a reload started earlier, with older contributions or files,
    /// never replaces the data of one started later.
    reloading: Mutex<()>,
    /// Reloads done and refused since start-up, for `/metrics`.
    reloads_done: std::sync::atomic::AtomicU64,
    reloads_refused: std::sync::atomic::AtomicU64,
}

impl Store {
    pub fn open(dir: &Path, options: LoadOptions) -> Result<Store, DatasetErrors> {
        let dataset = Dataset::load_with(dir, options, &Published::default())?;
        crate::memory::give_back();
        let store = Store {
            dir: dir.to_owned(),
            options,
            allow_large_drop: false,
            current: ArcSwap::from_pointee(dataset),
            last_refusal: Mutex::new(None),
            contributions: Mutex::new(Arc::new(Published::default())),
            reloading: Mutex::new(()),
            reloads_done: Default::default(),
            reloads_refused: Default::default(),
        };
        store.prepare();
        Ok(store)
    }

    /// Computes, by a thread apart, what the first visitors of a new version would wait
    /// for: the coverage of the whole territory (most of a second for a whole country).
    fn prepare(&self) {
        let dataset = self.current();
        // Should no thread be given, the first visitor computes it.
        let _ = std::thread::Builder::new()
            .name("carto82-preparation".into())
            .spawn(move || {
                crate::coverage::of(&dataset, &app::model::coverage::CoverageFilter::default());
            });
    }

    /// Serves these published contributions with the folder's data from now on: the data is
    /// read again with them, as on a change of the folder (not when they are the same).
    pub fn set_contributions(&self, published: Published) {
        {
            let mut served = self.contributions.lock().expect("not poisoned");
            if **served == published {
                return;
            }
            *served = Arc::new(published);
        }
        self.reload();
    }

    /// Lets a reload drop more than half of the places (`CARTO82_FORCE_RELOAD`).
    pub fn allowing_large_drops(mut self, allow: bool) -> Store {
        self.allow_large_drop = allow;
        self
    }

    pub fn current(&self) -> Arc<Dataset> {
        self.current.load_full()
    }

    /// Why the last reload was refused, if the data served is older than the files.
    pub fn last_refusal(&self) -> Option<String> {
        self.last_refusal.lock().expect("not poisoned").clone()
    }

    /// Reloads done and refused since start-up.
    pub fn reloads(&self) -> (u64, u64) {
        (
            self.reloads_done.load(Ordering::Relaxed),
            self.reloads_refused.load(Ordering::Relaxed),
        )
    }

    pub fn reload(&self) {
        let _one_at_a_time = self.reloading.lock().expect("not poisoned");
        let contributions = self.contributions.lock().expect("not poisoned").clone();
        let loaded = Dataset::load_with(&self.dir, self.options, &contributions);
        let refusal = match loaded {
            Ok(dataset) => {
                let (before, after) = (
                    self.current().records.places.len(),
                    dataset.records.places.len(),
                );
                if after * 2 < before && !self.allow_large_drop {
                    Some(format!(
                        "le nouveau jeu de données n'a que {after} lieux au lieu de {before} : \
                         plus de la moitié disparaîtrait, la version précédente reste servie. \
                         Si c'est voulu, redémarrez Carto82 ou réglez CARTO82_FORCE_RELOAD=true."
                    ))
                } else {
                    tracing::info!(lieux = after, "jeu de données rechargé");
                    // Cleared first: who sees the new data never reads the old refusal.
                    *self.last_refusal.lock().expect("not poisoned") = None;
                    self.current.store(Arc::new(dataset));
                    self.prepare();
                    None
                }
            }
            Err(problems) => Some(format!(
                "jeu de données modifié mais invalide, la version précédente reste servie :\n{problems}"
            )),
        };
        if let Some(reason) = &refusal {
            tracing::warn!("{reason}");
            self.reloads_refused.fetch_add(1, Ordering::Relaxed);
        } else {
            self.reloads_done.fetch_add(1, Ordering::Relaxed);
        }
        *self.last_refusal.lock().expect("not poisoned") = refusal;
        crate::memory::give_back();
    }

    /// Reloads after each change of the data folder, once it has settled, until the
    /// returned [`Background`] is dropped.
    pub fn watch(self: &Arc<Self>) -> std::io::Result<Background> {
        let store = Arc::clone(self);
        let mut loaded: Fingerprint = data_dir::fingerprint(&self.dir);
        Background::spawn("carto82-rechargement", move |waits| {
            let mut previous = loaded.clone();
            while waits.wait(POLL) {
                let now = data_dir::fingerprint(&store.dir);
                if now != loaded && now == previous {
                    store.reload();
                    loaded = now.clone();
                }
                previous = now;
            }
        })
    }
}
