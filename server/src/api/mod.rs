//! The public HTTP API: GeoJSON (RFC 7946) for data, RFC 7807 problem documents for errors.

mod cache;
mod coverage;
mod error;
mod events;
mod openapi;
mod records;
mod stats;
mod territory;

use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, web};
use app::model::Query;

pub use cache::{etag_of, respond};
pub use error::ApiError;
pub use openapi::{declared_parameters, described_operations, parameters as documented_parameters};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let api = web::scope("/api")
        // Before `/events/{id}`, which would take `x.ics` for an id (and find none).
        .route("/events.ics", web::get().to(events::ics))
        .route("/events/{id}.ics", web::get().to(events::one_ics));
    cfg.route("/healthz", web::get().to(health)).service(
        records::configure(api)
            // Open data: any site may read it from a browser.
            .wrap(DefaultHeaders::new().add(("Access-Control-Allow-Origin", "*")))
            .route("/stats", web::get().to(stats::stats))
            .route("/coverage", web::get().to(coverage::json))
            .route("/coverage.svg", web::get().to(coverage::svg))
            .route(
                "/coverage/communes.csv",
                web::get().to(coverage::communes_csv),
            )
            .route("/coverage/epci.csv", web::get().to(coverage::epci_csv))
            .route(
                "/coverage/programme.csv",
                web::get().to(coverage::programme_csv),
            )
            .route("/openapi.json", web::get().to(openapi::json))
            .route("", web::get().to(openapi::page))
            .route("/territory/{layer}", web::get().to(territory::layer))
            .route("/communes", web::get().to(territory::communes))
            .default_service(web::to(not_found)),
    );
}

#[utoipa::path(
    get,
    path = "/healthz",
    summary = "État du service : nombre de lieux, d'événements, dernier rechargement refusé, et imports programmés.",
    responses((status = 200, description = "En service", content_type = "application/json"))
)]
async fn health(
    store: web::Data<crate::dataset::Store>,
    imports: web::Data<crate::import::schedule::Imports>,
) -> HttpResponse {
    let dataset = store.current();
    let refusal = store.last_refusal();
    let import = imports.state();
    HttpResponse::Ok().json(serde_json::json!({
        // Serving, but the files on disk are not what is served, or the source could not be
        // read: someone should look.
        "status": if refusal.is_some() || import.failing() { "avertissement" } else { "ok" },
        "lieux": dataset.records.places.len(),
        "communes": dataset.territory.communes.len(),
        "evenements": dataset.records.events.len(),
        "ressources": dataset.records.resources.len(),
        // Set when the files changed into an invalid dataset: the previous one is served.
        "rechargement_refuse": refusal,
        // Set when the server imports a source on a schedule.
        "import": import.source.as_ref().map(|source| serde_json::json!({
            "source": source,
            "reussis": import.succeeded,
            "echoues": import.failed,
            "derniere_reussite": import.last_success.as_ref().map(|(at, summary)| {
                serde_json::json!({ "le": at.to_rfc3339(), "bilan": summary.to_string() })
            }),
            "dernier_echec": import.last_failure.as_ref().map(|(at, reason)| {
                serde_json::json!({ "le": at.to_rfc3339(), "raison": reason })
            }),
        })),
    }))
}

async fn not_found(req: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found(format!(
        "aucune ressource à l'adresse {}",
        req.path()
    )))
}

const GEOJSON: &str = "application/geo+json";

/// The query string read into a filter, or a 400 naming the parameter at fault.
fn read_query<T: app::model::FromQuery>(req: &actix_web::HttpRequest) -> Result<T, ApiError> {
    Ok(T::read(&query_of(req)?)?)
}

/// The query string, or a 400 that says why it cannot be read.
fn query_of(req: &actix_web::HttpRequest) -> Result<Query, ApiError> {
    Query::parse(req.query_string()).map_err(|e| ApiError::bad_query(e.reason))
}
