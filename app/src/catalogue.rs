//! What the pages ask of the data, as server functions: called in-process while rendering on
//! the server, and over HTTP (`/_fn/...`) from the hydrated page when a filter changes.

use leptos::prelude::*;
// Filters have lists and nested values: JSON carries them as they are.
use leptos::server_fn::codec::Json;

use serde::{Deserialize, Serialize};

use crate::model::coverage::{Coverage, CoverageFilter};
use crate::model::{
    Event, EventFilter, Place, PlaceFilter, Resource, ResourceFilter, TerritoryIndex,
};
#[cfg(feature = "ssr")]
use crate::model::{EventId, PlaceId, ResourceId};

/// What the page of one place shows beyond the place itself, computed on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceInfo {
    pub place: Place,
    /// "Ouvert maintenant, jusqu'à 12 h." at Paris time, when its hours are known.
    pub ouverture: Option<String>,
    /// Its data is more than a year old.
    pub ancien: bool,
    /// Events held there, in date order.
    pub evenements: Vec<Event>,
    /// Resources found there.
    pub ressources: Vec<Resource>,
}

/// The server's read access to the current dataset, provided to the pages as context.
/// The trait keeps `app` free of the server's loading and indexing code.
#[cfg(feature = "ssr")]
pub trait Catalogue: Send + Sync + 'static {
    fn places(&self, filter: &PlaceFilter) -> Vec<Place>;
    fn events(&self, filter: &EventFilter) -> Vec<Event>;
    fn resources(&self, filter: &ResourceFilter) -> Vec<Resource>;
    fn coverage(&self, filter: &CoverageFilter) -> Coverage;
    fn place(&self, id: &PlaceId) -> Option<Place>;
    fn event(&self, id: &EventId) -> Option<Event>;
    fn resource(&self, id: &ResourceId) -> Option<Resource>;
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

/// The page of a place; none for an unknown or malformed id.
#[server(prefix = "/_fn", endpoint = "lieu")]
pub async fn place_details(id: String) -> Result<Option<PlaceInfo>, ServerFnError> {
    use crate::model::hours;
    let catalogue = catalogue()?;
    let Some(place) = id.parse().ok().and_then(|id| catalogue.place(&id)) else {
        return Ok(None);
    };
    let now = hours::paris_now();
    let ouverture = place
        .fiche
        .horaires
        .as_deref()
        .and_then(|h| hours::status_sentence(h, now));
    let ancien = (now.date() - place.fiche.date_maj).num_days() > 365;
    let evenements = catalogue
        .events(&EventFilter::default())
        .into_iter()
        .filter(|e| e.fiche.lieu_id.as_ref() == Some(place.id()))
        .collect();
    let ressources = catalogue
        .resources(&ResourceFilter::default())
        .into_iter()
        .filter(|r| matches!(&r.fiche.desserte, crate::model::Desserte::Lieu { lieu_id } if lieu_id == place.id()))
        .collect();
    Ok(Some(PlaceInfo {
        place,
        ouverture,
        ancien,
        evenements,
        ressources,
    }))
}

#[server(prefix = "/_fn", endpoint = "evenement")]
pub async fn event_details(id: String) -> Result<Option<Event>, ServerFnError> {
    let catalogue = catalogue()?;
    Ok(id.parse().ok().and_then(|id| catalogue.event(&id)))
}

#[server(prefix = "/_fn", endpoint = "ressource")]
pub async fn resource_details(id: String) -> Result<Option<Resource>, ServerFnError> {
    let catalogue = catalogue()?;
    Ok(id.parse().ok().and_then(|id| catalogue.resource(&id)))
}

#[server(prefix = "/_fn", endpoint = "territoire")]
pub async fn load_territory() -> Result<TerritoryIndex, ServerFnError> {
    Ok(catalogue()?.territory_index())
}
