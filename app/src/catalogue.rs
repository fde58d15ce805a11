//! What the pages ask of the data, as server functions: called in-process while rendering on
//! the server, and over HTTP (`/_fn/...`) from the hydrated page when a filter changes.

use leptos::prelude::*;
// Filters have lists and nested values: JSON carries them as they are.
use leptos::server_fn::codec::Json;

use crate::model::coverage::{Coverage, CoverageFilter};
use crate::model::{
    Event, EventFilter, Place, PlaceFilter, Resource, ResourceFilter, TerritoryIndex,
};

/// The server's read access to the current dataset, provided to the pages as context.
/// The trait keeps `app` free of the server's loading and indexing code.
#[cfg(feature = "ssr")]
pub trait Catalogue: Send + Sync + 'static {
    fn places(&self, filter: &PlaceFilter) -> Vec<Place>;
    fn events(&self, filter: &EventFilter) -> Vec<Event>;
    fn resources(&self, filter: &ResourceFilter) -> Vec<Resource>;
    fn coverage(&self, filter: &CoverageFilter) -> Coverage;
    fn territory_index(&self) -> TerritoryIndex;
}

#[cfg(feature = "ssr")]
pub type SharedCatalogue = std::sync::Arc<dyn Catalogue>;

#[cfg(feature = "ssr")]
fn catalogue() -> Result<SharedCatalogue, ServerFnError> {
    use_context::<SharedCatalogue>().ok_or_else(|| ServerFnError::new("catalogue indisponible"))
}

#[server(prefix = "/_fn", endpoint = "lieux", input = Json)]
pub async fn list_places(filter: PlaceFilter) -> Result<Vec<Place>, ServerFnError> {
    Ok(catalogue()?.places(&filter))
}

#[server(prefix = "/_fn", endpoint = "evenements", input = Json)]
pub async fn list_events(filter: EventFilter) -> Result<Vec<Event>, ServerFnError> {
    Ok(catalogue()?.events(&filter))
}

#[server(prefix = "/_fn", endpoint = "ressources", input = Json)]
pub async fn list_resources(filter: ResourceFilter) -> Result<Vec<Resource>, ServerFnError> {
    Ok(catalogue()?.resources(&filter))
}

#[server(prefix = "/_fn", endpoint = "couverture", input = Json)]
pub async fn load_coverage(filter: CoverageFilter) -> Result<Coverage, ServerFnError> {
    Ok(catalogue()?.coverage(&filter))
}

#[server(prefix = "/_fn", endpoint = "territoire")]
pub async fn load_territory() -> Result<TerritoryIndex, ServerFnError> {
    Ok(catalogue()?.territory_index())
}
