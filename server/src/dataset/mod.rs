//! The dataset in `data/`: read, checked and indexed once, then read-only.
//!
//! Every problem is reported with the file, the feature (index and id) and the field, and
//! loading goes on past a bad feature so that one run lists them all.

mod error;
mod geojson_file;
mod places;
mod store;
mod territory;

use std::path::Path;

use app::catalogue::Catalogue;
use app::model::{Place, PlaceFilter, TerritoryIndex};

pub use error::{DatasetError, DatasetErrors, FeatureRef};
pub use store::{Store, WatchGuard};
pub use territory::{Commune, Epci, Territory};

/// File names inside the dataset directory.
pub const LIEUX: &str = "lieux.geojson";
pub const COMMUNES: &str = "territoire/communes.geojson";
pub const COMMUNES_SIMPLIFIEES: &str = "territoire/communes.simplifie.geojson";
pub const EPCI_SIMPLIFIES: &str = "territoire/epci.simplifie.geojson";
pub const ZONES_SIMPLIFIEES: &str = "territoire/zones.simplifie.geojson";

pub struct Dataset {
    pub territory: Territory,
    /// Sorted by id.
    pub places: Vec<Place>,
}

impl Dataset {
    pub fn load(dir: &Path) -> Result<Dataset, DatasetErrors> {
        let territory = Territory::load(dir)?;
        let places = places::load(&dir.join(LIEUX), &territory)?;
        Ok(Dataset { territory, places })
    }
}

impl Catalogue for Dataset {
    fn places(&self, filter: &PlaceFilter) -> Vec<Place> {
        filter.select(&self.places)
    }

    fn territory_index(&self) -> TerritoryIndex {
        self.territory.index()
    }
}
