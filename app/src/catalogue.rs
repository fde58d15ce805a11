//! What the pages ask of the data, as server functions, called in-process while rendering on
//! the server. Their HTTP endpoints (`/_fn/...`) are no longer called by any page: every
//! change of view is a page load since the map pages became islands (issue 14).

use leptos::prelude::*;
// Filters have lists and nested values: JSON carries them as they are.
use leptos::server_fn::codec::Json;

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::model::query::FromQuery;

pub use crate::model::DEFAULT_RADIUS_KM;
use crate::model::coverage::{Coverage, CoverageFilter};
pub use crate::model::map_query::Search;
use crate::model::{CommuneSummary, Event, Place, PlaceFilter, Resource, TerritoryIndex};
#[cfg(feature = "ssr")]
use crate::model::{Record, Records, ResourceFilter};

/// The most places, and the most events, a page lists. A whole country's answer would be a
/// page of tens of megabytes that nobody reads (issue 18): the page lists the nearest (or
/// the coming events), says how many there are in all and how to narrow the search. The
/// API gives them all.
pub const LISTED: usize = 100;

/// The answer to a `Search`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Found {
    /// The commune the text typed was read as.
    pub centre: Option<CommuneSummary>,
    /// A text was typed but names no commune of the département.
    pub unknown_commune: bool,
    /// The communes the text typed fits equally (a shared postal code): the resident
    /// chooses.
    pub choices: Vec<CommuneSummary>,
    /// The place filter applied: the URL's, around the commune when one was found.
    pub filter: PlaceFilter,
    /// Nearest first when there is a point; `LISTED` at most.
    pub places: Vec<Place>,
    /// How many places the search found, listed or not.
    pub places_total: usize,
    /// The days events were taken from: the URL's, or the latest programme's.
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// In date order; `LISTED` at most, the coming ones first.
    pub events: Vec<Event>,
    /// How many events the search found, listed or not.
    pub events_total: usize,
    pub resources: Vec<Resource>,
    /// The day at the server (Paris): what ended before it is shown as past.
    pub today: chrono::NaiveDate,
    /// The actors whose places only are shown (`actor=`): their page and their name.
    pub actors: Vec<(String, String)>,
}

/// What the page of one place shows beyond the place itself, computed on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceInfo {
    pub place: Place,
    /// "Ouvert maintenant, jusqu'à 12 h." at Paris time, when its hours are known.
    pub opening: Option<String>,
    /// Its data is more than a year old.
    pub outdated: bool,
    /// Events held there, in date order.
    pub events: Vec<Event>,
    /// Resources found there.
    pub resources: Vec<Resource>,
    /// Who runs it, when the data says.
    pub actor: Option<crate::model::Actor>,
    /// The day at the server (Paris).
    pub today: chrono::NaiveDate,
}

/// An event's page: the event, and the day, to say whether it is past.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventInfo {
    pub event: Event,
    pub today: chrono::NaiveDate,
}

/// The dataset a request reads, provided to the pages as context: the server gives each
/// request the version current when it arrived, so that everything one answer shows comes
/// from one version even if the files are reloaded meanwhile. The trait keeps `app` free of
/// the server's loading and indexing code.
#[cfg(feature = "ssr")]
pub trait Catalogue: Send + Sync + 'static {
    fn records(&self) -> &Records;
    /// Built once per version.
    fn territory_index(&self) -> &TerritoryIndex;
    fn coverage(&self, filter: &CoverageFilter) -> Coverage;
    /// `coverage` drawn as an SVG map (that of `/api/coverage.svg`).
    fn coverage_map(&self, filter: &CoverageFilter, coverage: &Coverage) -> String;
    /// Where an actor works, as an SVG map: what it serves and its places.
    fn actor_map(&self, actor: &crate::model::Actor, places: &[Place]) -> String;
    /// The legal notice and accessibility statement, when the data has them.
    fn publication(&self) -> Option<&crate::model::publication::Publication>;
}

#[cfg(feature = "ssr")]
pub type SharedCatalogue = std::sync::Arc<dyn Catalogue>;

#[cfg(feature = "ssr")]
fn catalogue() -> Result<SharedCatalogue, ServerFnError> {
    use_context::<SharedCatalogue>().ok_or_else(|| ServerFnError::new("catalogue indisponible"))
}

/// The accessibility state the footer names on every page.
#[server(prefix = "/_fn", endpoint = "conformity", input = Json)]
pub async fn load_conformity()
-> Result<Option<crate::model::publication::Conformite>, ServerFnError> {
    Ok(catalogue()?.publication().map(|p| p.accessibilite.etat))
}

#[server(prefix = "/_fn", endpoint = "coverage", input = Json)]
pub async fn load_coverage(filter: CoverageFilter) -> Result<Coverage, ServerFnError> {
    // The limits of the URL, applied to a filter posted as JSON.
    CoverageFilter::from_query_string(&filter.to_query())
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    Ok(catalogue()?.coverage(&filter))
}

#[server(prefix = "/_fn", endpoint = "find", input = Json)]
pub async fn find(search: Search) -> Result<Found, ServerFnError> {
    use crate::model::Near;
    search
        .check()
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    let catalogue = catalogue()?;
    let records = catalogue.records();
    let index = catalogue.territory_index();
    let resolved = search
        .typed
        .as_deref()
        .map(|text| index.communes.resolve(text));
    let (centre, choices) = match resolved {
        Some(crate::model::Resolved::One(c)) => (Some(c.clone()), Vec::new()),
        Some(crate::model::Resolved::Several(cs)) => (None, cs.into_iter().cloned().collect()),
        _ => (None, Vec::new()),
    };
    let mut filter = search.places;
    if let Some(c) = &centre {
        // A commune replaces any other point or box; the territory chosen stays the scope
        // (a partner's zone, issue 13, item 20).
        filter.area.bbox = None;
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
        let all = records.all::<Event>();
        if let Some(edition) = crate::model::latest_edition(all) {
            let of_edition = all.iter().filter(|e| e.properties.edition == edition);
            events.from = of_edition.clone().map(|e| e.debut().date_naive()).min();
            events.to = of_edition.map(|e| e.fin().date_naive()).max();
        }
    }
    let resources = records.select::<Resource>(&ResourceFilter {
        area: filter.area.clone(),
        q: filter.q.clone(),
        ..ResourceFilter::default()
    });
    let actors = filter
        .actors
        .iter()
        .filter_map(|id| records.get::<crate::model::Actor>(id))
        .map(|a| (crate::model::page_path(a), a.properties.nom.clone()))
        .collect();
    let today = crate::model::hours::paris_now().date();
    // Only the records listed are copied: a whole country's would be 50 000 (issue 18).
    let places = records.chosen::<Place>(&filter);
    let places_total = places.len();
    let places = places.into_iter().take(LISTED).cloned().collect();
    let (from, to) = (events.from, events.to);
    let events = records.chosen::<Event>(&events);
    let events_total = events.len();
    Ok(Found {
        actors,
        unknown_commune: search.typed.is_some() && centre.is_none() && choices.is_empty(),
        choices,
        centre,
        places,
        places_total,
        from,
        to,
        events: listed_events(events, today),
        events_total,
        resources,
        filter,
        today,
    })
}

/// `LISTED` events at most, in date order: the coming ones first, then the latest past.
#[cfg(feature = "ssr")]
fn listed_events(events: Vec<&Event>, today: chrono::NaiveDate) -> Vec<Event> {
    if events.len() <= LISTED {
        return events.into_iter().cloned().collect();
    }
    let (past, coming): (Vec<&Event>, Vec<&Event>) =
        events.into_iter().partition(|e| e.is_past(today));
    let room = LISTED.saturating_sub(coming.len());
    let mut listed: Vec<Event> = past.into_iter().rev().take(room).cloned().collect();
    listed.reverse();
    listed.extend(coming.into_iter().take(LISTED).cloned());
    listed
}

/// The page of a place; none for an unknown or malformed id.
#[server(prefix = "/_fn", endpoint = "place")]
pub async fn place_details(id: String) -> Result<Option<PlaceInfo>, ServerFnError> {
    use crate::model::hours;
    let catalogue = catalogue()?;
    let records = catalogue.records();
    let Some(place) = records.by_text::<Place>(&id).cloned() else {
        return Ok(None);
    };
    let now = hours::paris_now();
    let opening = place
        .properties
        .horaires
        .as_deref()
        .and_then(|h| hours::status_sentence(h, now));
    let outdated = (now.date() - place.properties.date_maj).num_days() > 365;
    let events = records
        .all::<Event>()
        .iter()
        .filter(|e| e.properties.lieu_id.as_ref() == Some(place.id()))
        .cloned()
        .collect();
    let resources = records
        .all::<Resource>()
        .iter()
        .filter(|r| matches!(&r.properties.desserte, crate::model::ServedArea::Lieu { lieu_id } if lieu_id == place.id()))
        .cloned()
        .collect();
    let actor = records.actor_of(&place).cloned();
    Ok(Some(PlaceInfo {
        place,
        opening,
        outdated,
        events,
        resources,
        actor,
        today: now.date(),
    }))
}

#[server(prefix = "/_fn", endpoint = "event")]
pub async fn event_details(id: String) -> Result<Option<EventInfo>, ServerFnError> {
    let today = crate::model::hours::paris_now().date();
    Ok(catalogue()?
        .records()
        .by_text::<Event>(&id)
        .cloned()
        .map(|event| EventInfo { event, today }))
}

#[server(prefix = "/_fn", endpoint = "resource")]
pub async fn resource_details(id: String) -> Result<Option<Resource>, ServerFnError> {
    Ok(catalogue()?.records().by_text::<Resource>(&id).cloned())
}

#[server(prefix = "/_fn", endpoint = "territory")]
pub async fn load_territory() -> Result<TerritoryIndex, ServerFnError> {
    Ok(catalogue()?.territory_index().clone())
}

/// The site's address as partners reach it (`https://carto82.example`): the configured
/// public address, or the checked scheme and host of the request. The server provides it
/// to each request it renders.
#[derive(Clone, Debug, Default)]
pub struct PublicOrigin(pub String);

/// The path of the page being written on the server, without its query.
#[cfg(feature = "ssr")]
pub fn request_path() -> String {
    // Leptos gives the request as a URL on a made-up origin (`http://leptos/…`).
    use_context::<leptos_router::location::RequestUrl>()
        .and_then(|url| url.parse().ok())
        .map(|url| url.path().to_owned())
        .unwrap_or_default()
}

/// The site's address as partners reach it: the origin of the code they paste.
#[server(prefix = "/_fn", endpoint = "origin")]
pub async fn site_origin() -> Result<String, ServerFnError> {
    use_context::<PublicOrigin>()
        .map(|o| o.0)
        .ok_or_else(|| ServerFnError::new("adresse du site inconnue"))
}
