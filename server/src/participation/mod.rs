//! The call for participation (issue 16): a structure proposes an event without an
//! account, and follows it by a private link that lists its proposals and where each
//! stands. Proposals are kept in the contributions database (`store`), checked by the
//! dataset's own rules (`event_form`), never written into the data folder.
//!
//! The forms are open to anyone, so they are bounded on every side: a body of
//! [`MAX_BODY_BYTES`] at most, each field within the dataset's limits, a few proposals an
//! hour per address and a few hundred in all, a field only robots fill.

pub mod accounts;
mod actor_form;
mod actor_page;
mod coordination;
mod event_form;
mod mail;
mod pages;
mod place_form;
mod place_page;
mod programme;
mod record_form;
mod status;
mod store;

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use crate::client::SiteAddress;
use crate::dataset::Store;
use crate::plain_page::document_styled;
use crate::rate_limit::{Rate, TooMany, WriteLimiter};

use actor_form::ActorForm;
pub use event_form::{EventForm, Field};
pub use mail::Mailer;
use place_form::PlaceForm;
pub use status::Status;
pub use store::{Acted, BY_STRUCTURE, Contributions, Kind, Proposal, Role, StoreError, Token};

/// The form's body, percent-encoded: the longest description (4 000 characters) of "€"
/// takes 36 000 bytes.
pub const MAX_BODY_BYTES: usize = 96 * 1024;
/// One address: a few proposals in a row, then one every 6 minutes.
const PER_CLIENT: Rate = Rate {
    count: 10,
    per: Duration::from_secs(3600),
    burst: 5,
};
/// All addresses together.
const OVERALL: Rate = Rate {
    count: 500,
    per: Duration::from_secs(3600),
    burst: 50,
};
const STYLE: &str = "/assets/participer.css";
/// How often an instance looks whether a decision was taken, here or on another instance
/// sharing the database.
const WATCH_EVERY: Duration = Duration::from_secs(1);

pub struct Participation {
    store: Contributions,
    limiter: WriteLimiter,
    sign_ins: WriteLimiter,
    /// Held while the published list is read and applied.
    publishing: tokio::sync::Mutex<()>,
    /// Writes to structures, when a relay is configured.
    mailer: Option<Mailer>,
}

impl Participation {
    pub fn new(store: Contributions, mailer: Option<Mailer>) -> Participation {
        Participation {
            store,
            mailer,
            limiter: WriteLimiter::new(PER_CLIENT, OVERALL),
            sign_ins: WriteLimiter::new(coordination::SIGN_IN, coordination::SIGN_IN_OVERALL),
            publishing: tokio::sync::Mutex::new(()),
        }
    }

    /// The contributions database.
    pub fn contributions(&self) -> &Contributions {
        &self.store
    }

    /// Writes to a structure, when it gave an address and a relay is configured.
    fn write(&self, to: Option<&str>, letter: mail::Letter) {
        if let (Some(mailer), Some(to)) = (&self.mailer, to) {
            mailer.send_later(to, letter);
        }
    }

    /// Serves the published contributions as the database has them now; false when they
    /// could not be read (the data served stays as it was).
    async fn serve_published(&self, store: &Arc<Store>) -> bool {
        // One list at a time: a list read earlier is never applied after a later one.
        let _turn = self.publishing.lock().await;
        match self.store.published().await {
            Ok(published) => {
                let store = store.clone();
                web::block(move || store.set_contributions(published))
                    .await
                    .is_ok()
            }
            Err(err) => {
                crate::telemetry::warn_limited(
                    "suivi",
                    &format!("contributions publiées illisibles : {err}"),
                );
                false
            }
        }
    }
}

/// Serves within [`WATCH_EVERY`] what another instance published or withdrew: the
/// database's change number is read each time, the published list only when it moved.
/// Ends with the server (the last holder of `participation`).
pub fn follow_decisions(participation: &web::Data<Participation>, store: Arc<Store>) {
    let participation = Arc::downgrade(&participation.clone().into_inner());
    tokio::spawn(async move {
        let mut seen = None;
        loop {
            tokio::time::sleep(WATCH_EVERY).await;
            let Some(participation) = participation.upgrade() else {
                return;
            };
            match participation.store.changes().await {
                // Noted as seen once served: a failed read is tried again next time.
                Ok(now) if seen != Some(now) => {
                    if participation.serve_published(&store).await {
                        seen = Some(now);
                    }
                }
                Ok(_) => {}
                Err(err) => crate::telemetry::warn_limited(
                    "suivi",
                    &format!("base des contributions injoignable : {err}"),
                ),
            }
        }
    });
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/participer", web::get().to(call))
        .service(
            web::resource("/participer/evenement")
                .route(web::get().to(blank_form))
                .route(web::post().to(propose)),
        )
        .service(
            web::resource("/participer/structure")
                .route(web::get().to(record_form::show::<ActorForm>))
                .route(web::post().to(record_form::propose::<ActorForm>)),
        )
        .service(
            web::resource("/participer/lieu")
                .route(web::get().to(record_form::show::<PlaceForm>))
                .route(web::post().to(record_form::propose::<PlaceForm>)),
        )
        .route("/participer/suivi/{token}", web::get().to(follow_up))
        .service(
            web::resource("/participer/suivi/{token}/{id}")
                // Every answer here, refusals too: the address holds the follow-up's key.
                .wrap(
                    actix_web::middleware::DefaultHeaders::new()
                        .add((header::REFERRER_POLICY, "no-referrer"))
                        .add((header::CACHE_CONTROL, "no-store"))
                        .add(("x-robots-tag", "noindex")),
                )
                .route(web::get().to(completion_form))
                .route(web::post().to(complete)),
        )
        .configure(coordination::configure);
}

fn page(request: &HttpRequest, status: StatusCode, title: &str, main: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(document_styled(
            request,
            title,
            Some("participer"),
            main,
            Some(STYLE),
        ))
}

async fn call(
    request: HttpRequest,
    participation: web::Data<Participation>,
    store: web::Data<Store>,
) -> HttpResponse {
    let dataset = store.current();
    page(
        &request,
        StatusCode::OK,
        "Participer au « 82 fait son numérique » – Carto82",
        &pages::call(
            participation.mailer.is_some(),
            dataset.call.as_ref(),
            pages::today(),
        ),
    )
}

#[derive(serde::Deserialize)]
struct FormQuery {
    suivi: Option<String>,
}

async fn blank_form(
    request: HttpRequest,
    query: web::Query<FormQuery>,
    store: web::Data<Store>,
) -> HttpResponse {
    let suivi = query.suivi.as_deref().and_then(Token::parse);
    let form = EventForm::blank(suivi.as_ref().map(Token::as_str));
    let dataset = store.current();
    let main = pages::event_form(&form, &[], &dataset, pages::today(), None);
    page(
        &request,
        StatusCode::OK,
        "Proposer un événement – Carto82",
        &main,
    )
}

/// The body of a posted form, within [`MAX_BODY_BYTES`]; else the answer that says why not.
async fn form_body(request: &HttpRequest, body: web::Payload) -> Result<web::Bytes, HttpResponse> {
    match body.to_bytes_limited(MAX_BODY_BYTES).await {
        Ok(Ok(body)) => Ok(body),
        Ok(Err(_)) => Err(refusal(
            request,
            StatusCode::BAD_REQUEST,
            "Le formulaire n'a pas pu être lu. Revenez en arrière et réessayez.",
        )),
        Err(_) => Err(refusal(
            request,
            StatusCode::PAYLOAD_TOO_LARGE,
            "Votre proposition est trop longue. Un texte peut avoir 4 000 caractères au plus.",
        )),
    }
}

/// The refusal of a form a robot filled (the field people do not see), if it did.
fn trapped(request: &HttpRequest, trap: &str) -> Option<HttpResponse> {
    if trap.is_empty() {
        return None;
    }
    crate::telemetry::warn_limited("participation", "proposition refusée : champ piège rempli");
    Some(refusal(
        request,
        StatusCode::BAD_REQUEST,
        "Le formulaire n'a pas pu être envoyé.",
    ))
}

/// Counts a proposal about to be kept against its sender's limit (correcting a form is not
/// sending more): the refusal when it is past.
fn over_limit(
    request: &HttpRequest,
    participation: &Participation,
    site: &SiteAddress,
) -> Option<HttpResponse> {
    let too_many = participation
        .limiter
        .check(site.source(request).client_ip)
        .err()?;
    crate::telemetry::warn_limited("participation", "proposition refusée : trop d'envois");
    Some(too_many_answer(request, too_many))
}

/// A posted event form, read and checked, and counted against the sender's limit: the form
/// as typed, the event it gives and its zone; or the answer to give instead (the form with
/// its problems, a refusal).
async fn read_event_form(
    request: &HttpRequest,
    body: web::Payload,
    dataset: &crate::dataset::Dataset,
    participation: &Participation,
    site: &SiteAddress,
    completing: Option<&pages::Completing>,
) -> Result<(EventForm, serde_json::Value, app::model::Zone), HttpResponse> {
    let form = EventForm::parse(&form_body(request, body).await?);
    if let Some(refused) = trapped(request, &form.piege) {
        return Err(refused);
    }
    let (feature, zone) = match form.check(dataset, pages::today()) {
        Ok(checked) => checked,
        Err(problems) => {
            let main = pages::event_form(&form, &problems, dataset, pages::today(), completing);
            return Err(page(
                request,
                StatusCode::BAD_REQUEST,
                "À corriger : proposer un événement – Carto82",
                &main,
            ));
        }
    };
    if let Some(refused) = over_limit(request, participation, site) {
        return Err(refused);
    }
    Ok((form, feature, zone))
}

/// What a structure sent, checked, to keep in its follow-up.
struct Sent<'f> {
    kind: Kind,
    feature: serde_json::Value,
    /// None for a structure wider than one zone: coordinators follow it.
    zone: Option<app::model::Zone>,
    /// The follow-up it adds to, as posted (empty for a new one).
    suivi: &'f str,
    email: Option<&'f str>,
    /// The form again, should it not be kept.
    form_again: String,
}

/// Keeps a proposal and sends its structure to its follow-up (with the link by mail, when
/// it can be).
async fn keep(
    request: &HttpRequest,
    participation: &Participation,
    site: &SiteAddress,
    sent: Sent<'_>,
) -> HttpResponse {
    let suivi = match sent.suivi {
        "" => None,
        text => match Token::parse(text) {
            Some(token) => Some(token),
            None => {
                return refusal(
                    request,
                    StatusCode::BAD_REQUEST,
                    "Le lien de suivi n'est pas valide. Faites votre proposition depuis la page « Participer ».",
                );
            }
        },
    };
    let email = sent.email.map(str::trim).filter(|c| !c.is_empty());
    match participation
        .store
        .propose(
            suivi.as_ref(),
            email,
            sent.kind,
            &sent.feature,
            sent.zone,
            Utc::now(),
        )
        .await
    {
        Ok(Some(token)) => {
            let link = format!(
                "{}/participer/suivi/{}",
                site.origin(request),
                token.as_str()
            );
            let title = match sent.kind {
                Kind::Event => sent.feature["properties"]["titre"].as_str(),
                _ => sent.feature["properties"]["nom"].as_str(),
            };
            participation.write(email, mail::received(title.unwrap_or_default(), &link));
            HttpResponse::SeeOther()
                .insert_header((
                    header::LOCATION,
                    format!("/participer/suivi/{}?envoye=1", token.as_str()),
                ))
                .finish()
        }
        Ok(None) => refusal(
            request,
            StatusCode::BAD_REQUEST,
            "Ce lien de suivi n'existe pas. Faites votre proposition depuis la page « Participer ».",
        ),
        Err(e) => not_saved(
            request,
            &format!("proposition non enregistrée : {e}"),
            &sent.form_again,
        ),
    }
}

async fn propose(
    request: HttpRequest,
    body: web::Payload,
    store: web::Data<Store>,
    participation: web::Data<Participation>,
    site: web::Data<SiteAddress>,
) -> HttpResponse {
    let dataset = store.current();
    let (form, feature, zone) =
        match read_event_form(&request, body, &dataset, &participation, &site, None).await {
            Ok(read) => read,
            Err(answer) => return answer,
        };
    let sent = Sent {
        kind: Kind::Event,
        feature,
        zone: Some(zone),
        suivi: &form.suivi,
        email: Some(&form.courriel),
        form_again: pages::event_form(&form, &[], &dataset, pages::today(), None),
    };
    keep(&request, &participation, &site, sent).await
}

#[derive(serde::Deserialize)]
struct FollowUpQuery {
    envoye: Option<String>,
}

async fn follow_up(
    request: HttpRequest,
    path: web::Path<String>,
    query: web::Query<FollowUpQuery>,
    participation: web::Data<Participation>,
    site: web::Data<SiteAddress>,
) -> HttpResponse {
    let not_found = || {
        refusal(
            &request,
            StatusCode::NOT_FOUND,
            "Ce lien de suivi n'existe pas. Vérifiez l'adresse : elle doit être copiée en entier.",
        )
    };
    let Some(token) = Token::parse(&path) else {
        return not_found();
    };
    match participation.store.follow_up(&token).await {
        Ok(Some(proposals)) => {
            let link = format!(
                "{}/participer/suivi/{}",
                site.origin(&request),
                token.as_str()
            );
            let main = pages::follow_up(&token, &proposals, query.envoye.is_some(), &link);
            private(page(
                &request,
                StatusCode::OK,
                "Vos propositions – Carto82",
                &main,
            ))
        }
        Ok(None) => not_found(),
        Err(e) => {
            crate::telemetry::warn_limited("participation", &format!("suivi illisible : {e}"));
            refusal(
                &request,
                StatusCode::SERVICE_UNAVAILABLE,
                "Vos propositions ne peuvent pas être affichées pour le moment. Réessayez dans un moment.",
            )
        }
    }
}

/// The proposal `id` of the follow-up `token`, when the structure may complete it, with its
/// form's address and the team's request; else the answer that says why not.
async fn to_complete(
    request: &HttpRequest,
    participation: &Participation,
    token: &str,
    id: &str,
) -> Result<(Token, store::Proposal, pages::Completing), HttpResponse> {
    let gone = || {
        refusal(
            request,
            StatusCode::NOT_FOUND,
            "Cette proposition n'existe pas. Vérifiez l'adresse de votre page de suivi : elle doit être copiée en entier.",
        )
    };
    let token = Token::parse(token).ok_or_else(gone)?;
    let proposals = match participation.store.follow_up(&token).await {
        Ok(Some(proposals)) => proposals,
        Ok(None) => return Err(gone()),
        Err(e) => {
            crate::telemetry::warn_limited("participation", &format!("suivi illisible : {e}"));
            return Err(refusal(
                request,
                StatusCode::SERVICE_UNAVAILABLE,
                "Votre proposition ne peut pas être affichée pour le moment. Réessayez dans un moment.",
            ));
        }
    };
    let proposal = proposals
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(gone)?;
    if proposal.status != Status::ACompleter {
        return Err(not_to_complete(request, &token, &proposal));
    }
    // A place or a structure is completed by sending it again, from its form.
    if matches!(proposal.kind, Kind::Place | Kind::Actor) {
        return Err(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, pages::record_again(&token, &proposal)))
            .finish());
    }
    let completing = pages::Completing {
        action: format!("/participer/suivi/{}/{}", token.as_str(), proposal.id),
        message: team_request(&proposal),
    };
    Ok((token, proposal, completing))
}

/// What the team last asked the structure.
fn team_request(proposal: &store::Proposal) -> Option<String> {
    proposal
        .history
        .iter()
        .rev()
        .find_map(|a| a.message.clone())
}

fn not_to_complete(
    request: &HttpRequest,
    token: &Token,
    proposal: &store::Proposal,
) -> HttpResponse {
    let main = format!(
        "<h1>Cette proposition n'est plus à compléter</h1><p role=\"status\">Elle est « {} » : {}</p><p><a href=\"/participer/suivi/{}\">Revenir à vos propositions</a></p>",
        app::model::escape_html(proposal.status.label()),
        app::model::escape_html(proposal.status.meaning()),
        app::model::escape_html(token.as_str())
    );
    page(
        request,
        StatusCode::CONFLICT,
        "Proposition déjà traitée – Carto82",
        &main,
    )
}

async fn completion_form(
    request: HttpRequest,
    path: web::Path<(String, String)>,
    store: web::Data<Store>,
    participation: web::Data<Participation>,
) -> HttpResponse {
    let (token, id) = path.into_inner();
    let (_, proposal, completing) = match to_complete(&request, &participation, &token, &id).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let form = EventForm::from_feature(&proposal.content, proposal.version);
    let main = pages::event_form(
        &form,
        &[],
        &store.current(),
        pages::today(),
        Some(&completing),
    );
    page(
        &request,
        StatusCode::OK,
        "Compléter votre proposition – Carto82",
        &main,
    )
}

async fn complete(
    request: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Payload,
    store: web::Data<Store>,
    participation: web::Data<Participation>,
    site: web::Data<SiteAddress>,
) -> HttpResponse {
    let (token, id) = path.into_inner();
    let (token, proposal, completing) =
        match to_complete(&request, &participation, &token, &id).await {
            Ok(found) => found,
            Err(answer) => return answer,
        };
    let dataset = store.current();
    let (form, mut feature, zone) = match read_event_form(
        &request,
        body,
        &dataset,
        &participation,
        &site,
        Some(&completing),
    )
    .await
    {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    // The same event, completed: it keeps its identifier.
    feature["properties"]["id"] = proposal.content["properties"]["id"].clone();
    let Ok(version) = form.version.parse::<i64>() else {
        return refusal(
            &request,
            StatusCode::BAD_REQUEST,
            "Le formulaire n'a pas pu être lu. Revenez à vos propositions et réessayez.",
        );
    };
    match participation
        .store
        .complete(&token, &proposal.id, version, &feature, zone, Utc::now())
        .await
    {
        Ok(store::Acted::Done) => HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("/participer/suivi/{}?envoye=1", token.as_str()),
            ))
            .finish(),
        Ok(store::Acted::Conflict) => match participation.store.proposal(&proposal.id).await {
            // The team asked again meanwhile: its new request, and the form as typed.
            Ok(Some(now)) if now.status == Status::ACompleter => {
                let form = EventForm {
                    version: now.version.to_string(),
                    ..form
                };
                let completing = pages::Completing {
                    message: team_request(&now),
                    ..completing
                };
                let main = format!(
                    "<p class=\"alerte\" role=\"alert\">L'équipe a changé sa demande pendant que vous complétiez. Relisez-la, puis envoyez à nouveau : ce que vous avez écrit est gardé.</p>{}",
                    pages::event_form(&form, &[], &dataset, pages::today(), Some(&completing))
                );
                page(
                    &request,
                    StatusCode::CONFLICT,
                    "Compléter votre proposition – Carto82",
                    &main,
                )
            }
            Ok(Some(now)) => not_to_complete(&request, &token, &now),
            _ => refusal(
                &request,
                StatusCode::CONFLICT,
                "Votre proposition a changé pendant que vous la complétiez. Revenez à vos propositions pour voir où elle en est.",
            ),
        },
        Ok(store::Acted::NotFound) => refusal(
            &request,
            StatusCode::NOT_FOUND,
            "Cette proposition n'existe pas.",
        ),
        Err(e) => not_saved(
            &request,
            &format!("proposition complétée non enregistrée : {e}"),
            &pages::event_form(&form, &[], &dataset, pages::today(), Some(&completing)),
        ),
    }
}

/// The database did not take a proposal: the form again, as typed, to send later.
fn not_saved(request: &HttpRequest, why: &str, form: &str) -> HttpResponse {
    crate::telemetry::warn_limited("participation", why);
    let main = format!(
        "<p class=\"alerte\" role=\"alert\">Votre proposition n'a pas pu être enregistrée. Réessayez dans un moment : ce que vous avez écrit est gardé ci-dessous.</p>{form}"
    );
    page(
        request,
        StatusCode::SERVICE_UNAVAILABLE,
        "Proposition non enregistrée – Carto82",
        &main,
    )
}

/// A page for one reader: not kept by caches, not indexed, its address (which may hold a
/// follow-up's key) sent nowhere as `Referer`.
fn private(mut response: HttpResponse) -> HttpResponse {
    let headers = response.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    headers.insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    response
}

/// Something went wrong before the form could be read: what to do, and the way back.
fn refusal(request: &HttpRequest, status: StatusCode, text: &str) -> HttpResponse {
    let main = format!(
        "<h1>Votre proposition n'est pas partie</h1><p role=\"status\">{}</p><p><a href=\"/participer\">Revenir à la page « Participer »</a></p>",
        app::model::escape_html(text)
    );
    page(request, status, "Proposition non envoyée – Carto82", &main)
}

fn too_many_answer(request: &HttpRequest, too_many: TooMany) -> HttpResponse {
    let text = format!(
        "Vous avez envoyé plusieurs propositions. Réessayez dans {}.",
        too_many.wait_fr()
    );
    let mut response = refusal(request, StatusCode::TOO_MANY_REQUESTS, &text);
    too_many.mark(&mut response);
    response
}
