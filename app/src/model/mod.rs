//! Domain types shared by the server (which loads and validates them) and the browser
//! (which receives them already validated). Parsing from untrusted input happens at the edge:
//! the server's `dataset` module for files, `query` for URLs.

pub mod actor;
pub mod colour;
pub mod coverage;
pub mod embed;
mod event;
mod filter;
#[cfg(feature = "ssr")]
pub mod hours;
mod id;
pub mod layers;
pub mod map_query;
#[cfg(test)]
mod never_panics;
mod place;
pub mod plain_words;
pub mod publication;
pub mod query;
pub mod record;
mod resource;
pub mod standard;
pub mod stop;
mod territory;
mod text;
mod vocabulary;
mod web_url;

pub use actor::{Actor, ActorId, ActorProperties, ActorType, Competence, Network};
pub use event::{
    Accessibilite, ActivityType, Event, EventId, EventProperties, EventStatus, Inscription, Slot,
    StatusOffer, Theme, latest_edition,
};
pub use filter::{
    ActorFilter, AreaFilter, DEFAULT_RADIUS_KM, EventFilter, Footprint, Near, PlaceFilter,
    ResourceFilter,
};
pub use place::{Location, Place, PlaceId, PlaceProperties, Position, SourceRef};
pub use query::{FilterError, FromQuery, Query, QueryWriter, check_text};
pub use record::{Kind, Record, Records, Select, page_of, page_path};
pub use resource::{Resource, ResourceId, ResourceProperties, ResourceType, ServedArea};
pub use territory::{
    BBox, CodePostal, CommuneSummary, Communes, EpciSummary, Insee, MAX_SUGGESTIONS, Resolved,
    Siren, TerritoryFile, TerritoryIndex, Zone, ZoneSummary,
};
pub use text::{escape_html, fold, text_left_raw_by_leptos};
pub use web_url::{MAX_URL_CHARS, WebUrl};
