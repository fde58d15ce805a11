//! What the pages ask of the data, as server functions: called in-process while rendering on
//! the server, and over HTTP (`/_fn/...`) from the hydrated page when a filter changes.

use leptos::prelude::*;
// Filters have lists and nested values: JSON carries them as they are.
use leptos::server_fn::codec::Json;

use serde::{Deserialize, Serialize};

pub use crate::model::DEFAULT_RADIUS_KM;
use crate::model::coverage::{Coverage, CoverageFilter};
use crate::model::{
    CommuneSummary, Event, EventFilter, FILTER_PARAMETERS, FilterError, Place, PlaceFilter,
    Resource, TerritoryIndex, read_query_string,
};
#[cfg(feature = "ssr")]
use crate::model::{EventId, PlaceId, ResourceFilter, ResourceId};

/// What the map page asks for: the filters of its URL, and where the resident is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Search {
    pub places: PlaceFilter,
    /// Theme, type, status and dates of events; their area is the places' one.
    pub events: EventFilter,
    /// A commune name or postal code typed in the search box.
    pub ou: Option<String>,
    /// Around the commune, in km.
    pub radius_km: Option<f64>,
}

/// Where the resident looks: a commune typed, an address, a point, an area. The search box
/// replaces them; the other forms keep them.
pub const WHERE_PARAMETERS: [&str; 8] = [
    "ou", "adresse", "near", "radius", "zone", "epci", "commune", "bbox",
];

/// Parameters of the events on this page (their area is the places').
pub const EVENT_PAGE_PARAMETERS: [&str; 5] = ["theme", "type", "status", "from", "to"];

/// The map page's parameters (`/` and `/embed`) found in a query, by name; `get_all` gives
/// every value of one name. Others (the embed's settings, tracking) are left out.
pub fn map_page_pairs(get_all: impl Fn(&str) -> Vec<String>) -> Vec<(&'static str, String)> {
    FILTER_PARAMETERS
        .iter()
        .chain(EVENT_PAGE_PARAMETERS.iter())
        .chain(["ou", "adresse", crate::components::layers::LAYERS_PARAMETER].iter())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .flat_map(|k| get_all(k).into_iter().map(move |v| (*k, v)))
        .collect()
}

impl Search {
    /// The map page's URL as a `Search`. `radius` without `near` belongs to `ou` (the
    /// commune typed), so it is read apart.
    pub fn from_pairs(pairs: &[(&str, String)]) -> Result<Search, FilterError> {
        let has_near = pairs
            .iter()
            .any(|(k, v)| *k == "near" && !v.trim().is_empty());
        let ou = pairs
            .iter()
            .find(|(k, v)| *k == "ou" && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned());
        let radius_km = pairs
            .iter()
            .find(|(k, _)| *k == "radius")
            .and_then(|(_, v)| v.trim().parse::<f64>().ok())
            .filter(|r| *r > 0.0 && *r <= 300.0);
        let place_pairs = pairs
            .iter()
            .filter(|(k, _)| FILTER_PARAMETERS.contains(k) && (has_near || *k != "radius"))
            .map(|(k, v)| (*k, v.as_str()));
        let event_pairs = pairs
            .iter()
            .filter(|(k, _)| EVENT_PAGE_PARAMETERS.contains(k))
            .map(|(k, v)| (*k, v.as_str()));
        Ok(Search {
            places: PlaceFilter::from_query(place_pairs.collect::<Vec<_>>())?,
            events: EventFilter::from_query(event_pairs.collect::<Vec<_>>())?,
            ou: if has_near { None } else { ou },
            radius_km,
        })
    }
}

impl Search {
    /// The limits of the URL's parsers, applied to a search that arrived some other way: a
    /// server function receives its `Search` as JSON, which anyone can post.
    pub fn check(&self) -> Result<(), FilterError> {
        read_query_string::<PlaceFilter>(&self.places.to_query())?;
        read_query_string::<EventFilter>(&self.events.to_query())?;
        if let Some(ou) = &self.ou {
            crate::model::check_text("ou", ou)?;
        }
        if let Some(r) = self.radius_km
            && !(r > 0.0 && r <= crate::model::query::MAX_RADIUS_KM)
        {
            return Err(FilterError::new("radius", "rayon hors limites"));
        }
        Ok(())
    }
}

/// The answer to a `Search`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Found {
    /// The commune `ou` was read as.
    pub centre: Option<CommuneSummary>,
    /// `ou` was given but names no commune of the département.
    pub ou_inconnu: bool,
    /// The place filter applied: the URL's, around the commune when one was found.
    pub filter: PlaceFilter,
    /// Nearest first when there is a point.
    pub places: Vec<Place>,
    /// The days events were taken from: the URL's, or the latest programme's.
    pub du: Option<chrono::NaiveDate>,
    pub au: Option<chrono::NaiveDate>,
    /// In date order.
    pub events: Vec<Event>,
    pub resources: Vec<Resource>,
}

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

#[server(prefix = "/_fn", endpoint = "couverture", input = Json)]
pub async fn load_coverage(filter: CoverageFilter) -> Result<Coverage, ServerFnError> {
    // The limits of the URL, applied to a filter posted as JSON.
    read_query_string::<CoverageFilter>(&filter.to_query())
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    Ok(catalogue()?.coverage(&filter))
}

#[server(prefix = "/_fn", endpoint = "chercher", input = Json)]
pub async fn find(search: Search) -> Result<Found, ServerFnError> {
    use crate::model::Near;
    search
        .check()
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    let catalogue = catalogue()?;
    let index = catalogue.territory_index();
    let centre = search
        .ou
        .as_deref()
        .and_then(|text| index.search(text).into_iter().next().cloned());
    let mut filter = search.places;
    if let Some(c) = &centre {
        // A commune replaces any other choice of area.
        filter.area = Default::default();
        filter.area.near = Some(Near {
            lat: c.lat,
            lon: c.lon,
            radius_km: search.radius_km.unwrap_or(DEFAULT_RADIUS_KM),
        });
    }
    let mut events = search.events;
    events.area = filter.area.clone();
    events.q = filter.q.clone();
    if events.from.is_none() && events.to.is_none() {
        // The latest programme's days, first slot to last.
        let all = catalogue.events(&EventFilter::default());
        if let Some(edition) = crate::model::latest_edition(&all) {
            let of_edition = all.iter().filter(|e| e.fiche.edition == edition);
            events.from = of_edition.clone().map(|e| e.debut().date_naive()).min();
            events.to = of_edition.map(|e| e.fin().date_naive()).max();
        }
    }
    let resources = catalogue.resources(&ResourceFilter {
        area: filter.area.clone(),
        q: filter.q.clone(),
        ..ResourceFilter::default()
    });
    Ok(Found {
        ou_inconnu: search.ou.is_some() && centre.is_none(),
        centre,
        places: catalogue.places(&filter),
        du: events.from,
        au: events.to,
        events: catalogue.events(&events),
        resources,
        filter,
    })
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

/// The site's address as partners reach it (`https://carto82.example`): the configured
/// public address, or the checked scheme and host of the request. The server provides it
/// to each request it renders.
#[derive(Clone, Debug, Default)]
pub struct PublicOrigin(pub String);

/// The site's address as partners reach it: the origin of the code they paste.
#[server(prefix = "/_fn", endpoint = "origine")]
pub async fn site_origin() -> Result<String, ServerFnError> {
    use_context::<PublicOrigin>()
        .map(|o| o.0)
        .ok_or_else(|| ServerFnError::new("adresse du site inconnue"))
}
