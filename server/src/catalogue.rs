//! The server's side of `app::catalogue`: what the pages read is one version of the dataset,
//! the one current when the request arrived.

use app::catalogue::Catalogue;
use app::model::coverage::{Coverage, CoverageFilter};
use app::model::publication::Publication;
use app::model::{Actor, Place, Records, TerritoryIndex};

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

    fn coverage_map(&self, filter: &CoverageFilter, coverage: &Coverage) -> String {
        let places = self.records.select::<Place>(&filter.places);
        crate::choropleth::render(&self.territory, coverage, &places)
    }

    fn actor_map(&self, actor: &Actor, places: &[Place]) -> String {
        crate::actor_map::render(&self.territory, actor, places)
    }

    fn publication(&self) -> Option<&Publication> {
        self.publication.as_ref()
    }
}
