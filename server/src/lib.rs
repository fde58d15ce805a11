#![recursion_limit = "256"]
//! The Carto82 server: loads and validates the dataset (`dataset`), answers the public API
//! (`api`), renders the Leptos pages and serves static files (`startup`).

mod actor_map;
pub mod answers;
pub mod api;
pub mod background;
pub mod calendar;
mod catalogue;
pub mod choropleth;
pub mod client;
pub mod compression;
pub mod config;
pub mod coverage;
pub mod dataset;
pub mod export;
pub mod framing;
pub mod import;
pub mod kit;
mod legal_pages;
pub mod memory;
mod methods;
pub mod observe;
pub mod oembed;
pub mod page_cache;
pub mod participation;
mod plain_page;
pub mod rate_limit;
pub mod reports;
mod request_log;
pub mod security_headers;
pub mod settings;
pub mod standard;
pub mod startup;
mod static_files;
mod svg_map;
pub mod synthetic;
pub mod telemetry;
