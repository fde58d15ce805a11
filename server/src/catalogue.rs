//! The server's side of `app::catalogue`: what the pages read is one version of the dataset,
//! the one current when the request arrived.

use app::catalogue::Catalogue;
use app::model::coverage::{Coverage, CoverageFilter};
use app::model::publication::Publication;
use app::model::{Records, TerritoryIndex};

use crate::dataset::Dataset;

impl Catalogue for Dataset {
    fn records(&self) -> &Records {
        &self.records
    }

    fn territory_index(&self) -> &TerritoryIndex {
        &self.index
    }

    fn coverage(&self, filter: &CoverageFilter) -> Coverage {
        crate::coverage::of(self, filter)
    }

    fn publication(&self) -> Option<&Publication> {
        self.publication.as_ref()
    }
}
