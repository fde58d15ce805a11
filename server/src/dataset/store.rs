//! The dataset being served, and its reload when a file of `data/` changes.
//!
//! A reload builds a whole new `Dataset` beside the current one and swaps it in only if it is
//! valid: requests always see one complete, checked version, and a bad edit leaves the last
//! good data online (the refusal is logged and shown by `/healthz`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use notify::{RecursiveMode, Watcher};

use app::catalogue::Catalogue;
use app::model::coverage::{Coverage, CoverageFilter};
use app::model::{
    Event, EventFilter, EventId, Place, PlaceFilter, PlaceId, Resource, ResourceFilter, ResourceId,
    TerritoryIndex,
};

use super::{Dataset, DatasetErrors, LoadOptions};

/// Editors write a file in several steps: wait for this much quiet before reloading.
const SETTLE: Duration = Duration::from_millis(300);

pub struct Store {
    dir: PathBuf,
    options: LoadOptions,
    current: ArcSwap<Dataset>,
    last_refusal: Mutex<Option<String>>,
}

/// Keeps the file watcher alive; dropping it stops reloads.
pub struct WatchGuard {
    _watcher: notify::RecommendedWatcher,
}

impl Store {
    pub fn open(dir: &Path, options: LoadOptions) -> Result<Store, DatasetErrors> {
        let dataset = Dataset::load_with(dir, options)?;
        Ok(Store {
            dir: dir.to_owned(),
            options,
            current: ArcSwap::from_pointee(dataset),
            last_refusal: Mutex::new(None),
        })
    }

    pub fn current(&self) -> Arc<Dataset> {
        self.current.load_full()
    }

    /// Why the last reload was refused, if the data served is older than the files.
    pub fn last_refusal(&self) -> Option<String> {
        self.last_refusal.lock().expect("not poisoned").clone()
    }

    pub fn reload(&self) {
        match Dataset::load_with(&self.dir, self.options) {
            Ok(dataset) => {
                tracing::info!(lieux = dataset.places.len(), "jeu de données rechargé");
                self.current.store(Arc::new(dataset));
                *self.last_refusal.lock().expect("not poisoned") = None;
            }
            Err(problems) => {
                tracing::warn!(
                    "jeu de données modifié mais invalide : la version précédente reste servie.\n{problems}"
                );
                *self.last_refusal.lock().expect("not poisoned") = Some(problems.to_string());
            }
        }
    }

    /// Reloads after each burst of changes in the dataset directory.
    pub fn watch(self: &Arc<Self>) -> notify::Result<WatchGuard> {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if event
                    .is_ok_and(|e| e.kind.is_create() || e.kind.is_modify() || e.kind.is_remove())
                {
                    let _ = tx.send(());
                }
            })?;
        watcher.watch(&self.dir, RecursiveMode::Recursive)?;
        let store = Arc::clone(self);
        std::thread::Builder::new()
            .name("carto82-reload".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    while rx.recv_timeout(SETTLE).is_ok() {}
                    store.reload();
                }
            })
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(WatchGuard { _watcher: watcher })
    }
}

impl Catalogue for Store {
    fn places(&self, filter: &PlaceFilter) -> Vec<Place> {
        self.current().places(filter)
    }

    fn events(&self, filter: &EventFilter) -> Vec<Event> {
        self.current().events(filter)
    }

    fn resources(&self, filter: &ResourceFilter) -> Vec<Resource> {
        self.current().resources(filter)
    }

    fn coverage(&self, filter: &CoverageFilter) -> Coverage {
        self.current().coverage(filter)
    }

    fn place(&self, id: &PlaceId) -> Option<Place> {
        self.current().place(id)
    }

    fn event(&self, id: &EventId) -> Option<Event> {
        self.current().event(id)
    }

    fn resource(&self, id: &ResourceId) -> Option<Resource> {
        self.current().resource(id)
    }

    fn territory_index(&self) -> TerritoryIndex {
        self.current().territory_index()
    }
}
