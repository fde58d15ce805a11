use actix_web::{HttpRequest, HttpResponse, web};

use app::model::{Event, EventFilter, Record};

use super::{ApiError, cache, read_query};
use crate::calendar;
use crate::dataset::Store;

#[utoipa::path(
    get,
    path = "/api/events.ics",
    summary = "Les mêmes événements en iCalendar (RFC 5545), pour s'abonner à un agenda filtré.",
    responses(
        (status = 200, description = "Calendrier iCalendar", content_type = "text/calendar"),
        (status = 400, description = "Paramètre invalide", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/events.ics`: the same events as an iCalendar feed.
pub async fn ics(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let filter: EventFilter = read_query(&req)?;
    let dataset = store.current();
    let body = calendar::to_ics(&dataset.records.select::<Event>(&filter), dataset.loaded_at);
    Ok(cache::respond(
        &req,
        "text/calendar; charset=utf-8",
        body.into_bytes().into(),
    ))
}

#[utoipa::path(
    get,
    path = "/api/events/{id}.ics",
    summary = "Un événement en iCalendar, pour l'ajouter à son agenda.",
    params(("id" = String, Path, description = "Identifiant de l'événement")),
    responses(
        (status = 200, description = "Calendrier iCalendar d'un événement", content_type = "text/calendar"),
        (status = 404, description = "Aucun événement de cet identifiant", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/events/{id}.ics`: one event, as a file to open in a calendar.
pub async fn one_ics(
    req: HttpRequest,
    id: web::Path<String>,
    store: web::Data<Store>,
) -> Result<HttpResponse, ApiError> {
    let dataset = store.current();
    let event = dataset
        .records
        .by_text::<Event>(&id)
        .ok_or_else(|| ApiError::not_found(format!("{} « {id} »", Event::KIND.none)))?;
    let body = calendar::to_ics(std::slice::from_ref(event), dataset.loaded_at);
    let mut response = cache::respond(
        &req,
        "text/calendar; charset=utf-8",
        body.into_bytes().into(),
    );
    response.headers_mut().insert(
        actix_web::http::header::CONTENT_DISPOSITION,
        actix_web::http::header::HeaderValue::from_str(&format!(
            "attachment; filename=\"{}.ics\"",
            event.id()
        ))
        .expect("a slug is a valid header value"),
    );
    Ok(response)
}
