//! The dataset in `data/`: read, checked and indexed once, then read-only.
//!
//! Every problem is reported with the file, the feature (index and id) and the field, and
//! loading goes on past a bad feature so that one run lists them all.

pub mod data_dir;
mod error;
mod events;
mod geojson_file;
pub mod places;
mod resources;
mod store;
mod territory;
pub mod text_limits;

use std::path::Path;

use app::catalogue::Catalogue;
use app::model::coverage::{Coverage, CoverageFilter};
use app::model::{
    Event, EventFilter, EventId, Place, PlaceFilter, PlaceId, Resource, ResourceFilter, ResourceId,
    TerritoryIndex,
};

pub use data_dir::{MAX_FILE_BYTES, read_text};
pub use error::{DatasetError, DatasetErrors, FeatureRef};
pub use store::{Store, WatchGuard};
pub use territory::{Commune, Epci, Territory};

/// File names inside the dataset directory.
pub const LIEUX: &str = "lieux.geojson";
/// Optional: a dataset without events is valid.
pub const EVENEMENTS: &str = "evenements.geojson";
/// Optional: a dataset without resources is valid.
pub const RESSOURCES: &str = "ressources.geojson";
pub const COMMUNES: &str = "territoire/communes.geojson";
pub const COMMUNES_SIMPLIFIEES: &str = "territoire/communes.simplifie.geojson";
pub const EPCI_SIMPLIFIES: &str = "territoire/epci.simplifie.geojson";
pub const ZONES_SIMPLIFIEES: &str = "territoire/zones.simplifie.geojson";

pub struct Dataset {
    pub territory: Territory,
    /// Sorted by id.
    pub places: Vec<Place>,
    /// Sorted by start, then id.
    pub events: Vec<Event>,
    /// Sorted by id.
    pub resources: Vec<Resource>,
    /// When these files were read: the `DTSTAMP` of calendar exports, stable between reloads.
    pub loaded_at: chrono::DateTime<chrono::Utc>,
}

/// What to keep of the files.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Keep the events and resources marked `exemple` (invented for demonstration).
    pub examples: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { examples: true }
    }
}

impl Dataset {
    pub fn load(dir: &Path) -> Result<Dataset, DatasetErrors> {
        Dataset::load_with(dir, LoadOptions::default())
    }

    pub fn load_with(dir: &Path, options: LoadOptions) -> Result<Dataset, DatasetErrors> {
        data_dir::check_files_inside(dir)?;
        let territory = Territory::load(dir)?;
        let places = places::load(&dir.join(LIEUX), &territory)?;
        let events_file = dir.join(EVENEMENTS);
        let mut events = if events_file.exists() {
            events::load(&events_file, &territory, &places)?
        } else {
            Vec::new()
        };
        let resources_file = dir.join(RESSOURCES);
        let mut resources = if resources_file.exists() {
            resources::load(&resources_file, &territory, &places)?
        } else {
            Vec::new()
        };
        if !options.examples {
            events.retain(|e| !e.properties.exemple);
            resources.retain(|r| !r.properties.exemple);
        }
        Ok(Dataset {
            territory,
            places,
            events,
            resources,
            loaded_at: chrono::Utc::now(),
        })
    }
}

impl Dataset {
    /// Coverage by `places`, already selected with `filter.places`.
    pub fn coverage_of(&self, places: &[Place], filter: &CoverageFilter) -> Coverage {
        crate::coverage::compute(
            &self.territory.communes,
            &self.territory.epcis,
            places,
            &self.events,
            filter,
        )
    }
}

impl Catalogue for Dataset {
    fn places(&self, filter: &PlaceFilter) -> Vec<Place> {
        filter.select(&self.places)
    }

    fn events(&self, filter: &EventFilter) -> Vec<Event> {
        filter.select(&self.events)
    }

    fn resources(&self, filter: &ResourceFilter) -> Vec<Resource> {
        filter.select(&self.resources)
    }

    fn coverage(&self, filter: &CoverageFilter) -> Coverage {
        self.coverage_of(&self.places(&filter.places), filter)
    }

    fn place(&self, id: &PlaceId) -> Option<Place> {
        self.places
            .binary_search_by(|p| p.id().cmp(id))
            .ok()
            .map(|i| self.places[i].clone())
    }

    fn event(&self, id: &EventId) -> Option<Event> {
        self.events.iter().find(|e| e.id() == id).cloned()
    }

    fn resource(&self, id: &ResourceId) -> Option<Resource> {
        self.resources
            .binary_search_by(|r| r.id().cmp(id))
            .ok()
            .map(|i| self.resources[i].clone())
    }

    fn territory_index(&self) -> TerritoryIndex {
        self.territory.index()
    }
}
