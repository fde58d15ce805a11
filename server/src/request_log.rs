//! What the log says about requests, and what `/metrics` counts of them. Each answer is
//! logged (method, route, status, duration) at `info` when `log_requests` is set, else at
//! `debug` (`RUST_LOG=debug` shows them); a refusal (4xx) is a fact worth a
//! warning, but a client can cause thousands a second, so refusals go through
//! [`warn_limited`]; a server error (5xx) is always logged. Only the route's pattern is
//! written, never the query or the path a client typed: no personal data, no attacker text.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::web;

use crate::observe::Metrics;
use crate::telemetry::warn_limited;

static EVERY_REQUEST: AtomicBool = AtomicBool::new(false);

/// One `info` line per request from now on (`log_requests`), or only at `debug`.
pub fn log_every_request(on: bool) {
    EVERY_REQUEST.store(on, Ordering::Relaxed);
}

pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .match_pattern()
        .unwrap_or_else(|| "(aucune route)".to_owned());
    let metrics = request.app_data::<web::Data<Metrics>>().cloned();
    let response = next.call(request).await?;
    let status = response.status();
    let seconds = started.elapsed().as_secs_f64();
    let millis = seconds * 1000.0;
    if let Some(metrics) = metrics {
        metrics.observe(&route, method.as_str(), status.as_u16(), seconds);
    }
    if status.is_server_error() {
        tracing::error!(
            methode = %method,
            route = %route,
            statut = status.as_u16(),
            "erreur du serveur"
        );
    } else if status.is_client_error() {
        warn_limited(
            "requete-refusee",
            &format!("requête refusée : {method} {route} → {}", status.as_u16()),
        );
    }
    if EVERY_REQUEST.load(Ordering::Relaxed) {
        tracing::info!(
            methode = %method,
            route = %route,
            statut = status.as_u16(),
            duree_ms = format!("{millis:.1}"),
            "requête"
        );
    } else {
        tracing::debug!(
            methode = %method,
            route = %route,
            statut = status.as_u16(),
            duree_ms = format!("{millis:.1}"),
            "requête"
        );
    }
    Ok(response)
}
