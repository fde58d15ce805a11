//! Domain types shared by the server (which loads and validates them) and the browser
//! (which receives them already validated). Parsing from untrusted input happens at the edge:
//! the server's `dataset` module for files, `PlaceFilter::from_query` for URLs.

pub mod coverage;
pub mod embed;
mod event;
mod filter;
#[cfg(feature = "ssr")]
pub mod hours;
mod id;
#[cfg(test)]
mod never_panics;
mod place;
pub mod query;
mod resource;
pub mod standard;
mod territory;
mod text;
mod vocabulary;
mod web_url;

pub use event::{
    Accessibilite, ActivityType, Event, EventId, EventProperties, EventStatus, Inscription, Slot,
    Theme, latest_edition,
};
pub use filter::{
    AREA_PARAMETERS, AreaFilter, DEFAULT_RADIUS_KM, EVENT_PARAMETERS, EventFilter,
    FILTER_PARAMETERS, FilterError, Footprint, FromQuery, Near, PlaceFilter, RESOURCE_PARAMETERS,
    ResourceFilter, check_text, read_query_string,
};
pub use place::{Localisation, Place, PlaceId, PlaceProperties, Position, SourceRef};
pub use resource::{Desserte, Resource, ResourceId, ResourceProperties, ResourceType};
pub use territory::{
    BBox, CodePostal, CommuneSummary, EpciSummary, Insee, MAX_SUGGESTIONS, Siren, TerritoryIndex,
    Zone, ZoneSummary,
};
pub use text::{escape_html, fold, text_left_raw_by_leptos};
pub use web_url::{MAX_URL_CHARS, WebUrl};
