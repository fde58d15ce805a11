//! What the log says about requests. Each answer is logged at `debug` (method, route,
//! status, duration: `RUST_LOG=debug` shows them); a refusal (4xx) is a fact worth a
//! warning, but a client can cause thousands a second, so refusals go through
//! [`warn_limited`]; a server error (5xx) is always logged. Only the route's pattern is
//! written, never the query or the path a client typed: no personal data, no attacker text.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

use crate::telemetry::warn_limited;

pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .match_pattern()
        .unwrap_or_else(|| "(aucune route)".to_owned());
    let response = next.call(request).await?;
    let status = response.status();
    let millis = started.elapsed().as_secs_f64() * 1000.0;
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
    tracing::debug!(
        methode = %method,
        route = %route,
        statut = status.as_u16(),
        duree_ms = format!("{millis:.1}"),
        "requête"
    );
    Ok(response)
}
