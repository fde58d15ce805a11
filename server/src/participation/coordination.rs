//! The coordinators' side: sign in (`/connexion`), the queue of proposals (`/suivi`), one
//! proposal with its history and the actions (`/suivi/{id}`), sign out. A session is a
//! cookie (HttpOnly, SameSite=Strict, Secure over TLS) naming a row of the database; every
//! form of a session carries its token (CSRF), and every action names the version it was
//! decided on, so that of two coordinators acting at once the second is told.

use std::fmt::Write;
use std::time::Duration;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use app::format::date_fr;
use app::model::{Actor, Event, Place, Zone, escape_html as e};

use super::pages::{proposal_summary, record_summary, title, when_and_where};
use super::programme::{QueueFilter, QueueQuery, programme_page};
use super::store::{Acted, BY_STRUCTURE, Kind, Proposal, Role, Session, Token};
use super::{Participation, Status, actor_page, page, place_page, private};
use crate::client::SiteAddress;
use crate::dataset::{Dataset, Store};
use crate::rate_limit::Rate;

const COOKIE: &str = "carto82_session";
/// A session ends after a working day.
const SESSION_HOURS: i64 = 10;
/// Sign-in attempts, per address: a few in a row, then one a minute.
pub const SIGN_IN: Rate = Rate {
    count: 60,
    per: Duration::from_secs(3600),
    burst: 5,
};
pub const SIGN_IN_OVERALL: Rate = Rate {
    count: 600,
    per: Duration::from_secs(3600),
    burst: 30,
};
const MAX_MESSAGE_CHARS: usize = 2000;

/// A decision's body: its message of [`MAX_MESSAGE_CHARS`] characters, each up to 9 bytes
/// once percent-encoded (« € »), and the form's other fields.
const MAX_DECISION_BYTES: usize = 9 * MAX_MESSAGE_CHARS + 4096;

/// A form too long or unreadable: a page in French, not the framework's English.
fn form_error(error: actix_web::error::UrlencodedError, request: &HttpRequest) -> actix_web::Error {
    let text = match &error {
        actix_web::error::UrlencodedError::Overflow { .. } => format!(
            "Le formulaire est trop long. Un message a {MAX_MESSAGE_CHARS} caractères au plus."
        ),
        _ => "Le formulaire n'a pas pu être lu. Revenez en arrière et réessayez.".to_owned(),
    };
    let status = match &error {
        actix_web::error::UrlencodedError::Overflow { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::BAD_REQUEST,
    };
    actix_web::error::InternalError::from_response(
        error,
        coordinator_refusal(request, status, &text),
    )
    .into()
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    let forms = web::FormConfig::default()
        .limit(MAX_DECISION_BYTES)
        .error_handler(form_error);
    cfg.service(
        web::resource("/connexion")
            .app_data(forms.clone())
            .route(web::get().to(sign_in_form))
            .route(web::post().to(sign_in)),
    )
    .route("/deconnexion", web::post().to(sign_out))
    .route("/suivi", web::get().to(queue))
    .route("/suivi/programme", web::get().to(programme))
    .route("/suivi/propositions.csv", web::get().to(spreadsheet))
    .service(
        web::resource("/suivi/{id}")
            .app_data(forms)
            .route(web::get().to(one))
            .route(web::post().to(act)),
    );
}

/// The session of the request's cookie, if it is valid.
async fn session_of(
    request: &HttpRequest,
    participation: &Participation,
) -> Option<(Token, Session)> {
    let token = Token::parse(request.cookie(COOKIE)?.value())?;
    let session = participation
        .store
        .session(&token, Utc::now())
        .await
        .ok()??;
    Some((token, session))
}

/// The session of a form sent with its token (CSRF): else to the sign-in page, or refused.
async fn signed_form(
    request: &HttpRequest,
    participation: &Participation,
    form_token: &str,
) -> Result<(Token, Session), HttpResponse> {
    let Some((token, session)) = session_of(request, participation).await else {
        return Err(to_sign_in());
    };
    if !same(form_token, &session.form_token) {
        return Err(forbidden(request));
    }
    Ok((token, session))
}

fn to_sign_in() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/connexion"))
        .finish()
}

/// The cookie that holds the sign-in form's token: a form sent from another site has not
/// got it (SameSite=Strict), so nobody can sign a coordinator in to an account of theirs.
const SIGN_IN_COOKIE: &str = "carto82_connexion";

/// The sign-in page, with a new form token in the form and in its cookie.
fn sign_in_page(
    request: &HttpRequest,
    status: StatusCode,
    identifier: &str,
    problem: Option<&str>,
) -> HttpResponse {
    let token = Token::random();
    let mut main = String::from("<h1>Connexion des coordinateurs</h1>");
    if let Some(problem) = problem {
        let _ = write!(
            main,
            "<p class=\"alerte\" role=\"alert\">{}</p>",
            e(problem)
        );
    }
    let _ = write!(
        main,
        concat!(
            "<form class=\"participer\" method=\"post\" action=\"/connexion\">",
            "<input type=\"hidden\" name=\"jeton\" value=\"{}\">",
            "<p class=\"champ\"><label for=\"c-identifiant\">Identifiant</label>",
            "<input id=\"c-identifiant\" name=\"identifiant\" autocomplete=\"username\" required maxlength=\"100\" value=\"{}\"></p>",
            "<p class=\"champ\"><label for=\"c-mdp\">Mot de passe</label>",
            "<input id=\"c-mdp\" name=\"mot_de_passe\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"200\"></p>",
            "<p class=\"boutons\"><button type=\"submit\">Se connecter</button></p></form>",
            "<p>Les structures n'ont pas besoin de compte : <a href=\"/participer\">proposer un événement</a>.</p>"
        ),
        token.as_str(),
        e(identifier)
    );
    let mut response = private(page(request, status, "Connexion – Carto82", &main));
    let cookie = Cookie::build(SIGN_IN_COOKIE, token.as_str().to_owned())
        .path("/connexion")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(site_scheme_is_https(request))
        .max_age(actix_web::cookie::time::Duration::hours(SESSION_HOURS))
        .finish();
    let _ = response.add_cookie(&cookie);
    response
}

/// Whether the request came over TLS, as the trusted proxies say.
fn site_scheme_is_https(request: &HttpRequest) -> bool {
    request
        .app_data::<web::Data<SiteAddress>>()
        .is_some_and(|site| site.source(request).scheme == crate::client::Scheme::Https)
}

async fn sign_in_form(request: HttpRequest) -> HttpResponse {
    sign_in_page(&request, StatusCode::OK, "", None)
}

#[derive(serde::Deserialize)]
struct SignIn {
    #[serde(default)]
    jeton: String,
    #[serde(default)]
    identifiant: String,
    #[serde(default)]
    mot_de_passe: String,
}

async fn sign_in(
    request: HttpRequest,
    form: web::Form<SignIn>,
    participation: web::Data<Participation>,
    site: web::Data<SiteAddress>,
) -> HttpResponse {
    let source = site.source(&request);
    let expected = request.cookie(SIGN_IN_COOKIE);
    if !expected.is_some_and(|c| same(c.value(), &form.jeton)) {
        return sign_in_page(
            &request,
            StatusCode::FORBIDDEN,
            &form.identifiant,
            Some("La page de connexion était trop ancienne. Entrez à nouveau votre mot de passe."),
        );
    }
    if let Err(too_many) = participation.sign_ins.check(source.client_ip) {
        crate::telemetry::warn_limited("connexion", "connexion refusée : trop d'essais");
        let mut response = sign_in_page(
            &request,
            StatusCode::TOO_MANY_REQUESTS,
            &form.identifiant,
            Some(&format!(
                "Trop d'essais. Réessayez dans {}.",
                too_many.wait_fr()
            )),
        );
        too_many.mark(&mut response);
        return response;
    }
    let id = form.identifiant.trim();
    let role = match super::accounts::check(&participation.store, id, &form.mot_de_passe).await {
        Ok(role) => role,
        Err(err) => {
            crate::telemetry::warn_limited("connexion", &format!("connexion impossible : {err}"));
            return sign_in_page(
                &request,
                StatusCode::SERVICE_UNAVAILABLE,
                id,
                Some("La connexion est impossible pour le moment. Réessayez dans un moment."),
            );
        }
    };
    if role.is_none() {
        return sign_in_page(
            &request,
            StatusCode::UNAUTHORIZED,
            id,
            Some("Identifiant ou mot de passe incorrect."),
        );
    }
    let expires = Utc::now() + chrono::Duration::hours(SESSION_HOURS);
    let token = match participation.store.open_session(id, expires).await {
        Ok(token) => token,
        Err(err) => {
            crate::telemetry::warn_limited("connexion", &format!("session non ouverte : {err}"));
            return sign_in_page(
                &request,
                StatusCode::SERVICE_UNAVAILABLE,
                id,
                Some("La connexion est impossible pour le moment. Réessayez dans un moment."),
            );
        }
    };
    let cookie = Cookie::build(COOKIE, token.as_str().to_owned())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(site_scheme_is_https(&request))
        .max_age(actix_web::cookie::time::Duration::hours(SESSION_HOURS))
        .finish();
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/suivi"))
        .cookie(cookie)
        .finish()
}

#[derive(serde::Deserialize)]
struct SignOut {
    #[serde(default)]
    jeton: String,
}

async fn sign_out(
    request: HttpRequest,
    form: web::Form<SignOut>,
    participation: web::Data<Participation>,
) -> HttpResponse {
    let (token, _) = match signed_form(&request, &participation, &form.jeton).await {
        Ok(signed) => signed,
        Err(refused) => return refused,
    };
    let _ = participation.store.close_session(&token).await;
    let mut gone = Cookie::build(COOKIE, "").path("/").finish();
    gone.make_removal();
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/connexion"))
        .cookie(gone)
        .finish()
}

/// The two tokens are the same, compared in a time that does not tell how much of them is.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn forbidden(request: &HttpRequest) -> HttpResponse {
    coordinator_refusal(
        request,
        StatusCode::FORBIDDEN,
        "Cette action n'est pas permise : la page était peut-être trop ancienne. Rechargez-la et recommencez.",
    )
}

fn outside_zone(request: &HttpRequest) -> HttpResponse {
    coordinator_refusal(
        request,
        StatusCode::FORBIDDEN,
        "Cette proposition est hors de votre zone.",
    )
}

/// A coordinator's request that cannot be answered: why, and the way back to the queue.
fn coordinator_refusal(request: &HttpRequest, status: StatusCode, text: &str) -> HttpResponse {
    let main = format!(
        "<h1>Action impossible</h1><p role=\"status\">{}</p><p><a href=\"/suivi\">Revenir aux propositions</a></p>",
        e(text)
    );
    private(page(request, status, "Action impossible – Carto82", &main))
}

/// Who is signed in, and the way out.
fn signed_in_bar(session: &Session) -> String {
    let role = match session.role {
        Role::Coordinator => "coordinateur".to_owned(),
        Role::Referent(zone) => format!("référent de la zone {zone}"),
    };
    format!(
        concat!(
            "<form class=\"connecte\" method=\"post\" action=\"/deconnexion\">",
            "<p>Connecté : {} ({}). <input type=\"hidden\" name=\"jeton\" value=\"{}\">",
            "<button type=\"submit\">Se déconnecter</button></p></form>"
        ),
        e(&session.account),
        e(&role),
        e(&session.form_token)
    )
}

/// The proposals the session may see, oldest first; or the page that says they cannot be
/// read.
async fn visible(
    request: &HttpRequest,
    participation: &Participation,
    session: &Session,
) -> Result<Vec<Proposal>, HttpResponse> {
    participation
        .store
        .queue(session.role, None)
        .await
        .map_err(|err| {
            crate::telemetry::warn_limited("suivi", &format!("file illisible : {err}"));
            coordinator_refusal(
                request,
                StatusCode::SERVICE_UNAVAILABLE,
                "La file des propositions ne peut pas être lue pour le moment.",
            )
        })
}

/// The session, the queue's filters, and the proposals they keep; or the answer to give
/// instead (to sign in, or that the queue cannot be read).
async fn filtered(
    request: &HttpRequest,
    query: &QueueQuery,
    participation: &Participation,
) -> Result<(Session, QueueFilter, Vec<Proposal>), HttpResponse> {
    let Some((_, session)) = session_of(request, participation).await else {
        return Err(to_sign_in());
    };
    let filter = QueueFilter::read(query);
    let all = visible(request, participation, &session).await?;
    let kept = all.into_iter().filter(|p| filter.matches(p)).collect();
    Ok((session, filter, kept))
}

async fn queue(
    request: HttpRequest,
    query: web::Query<QueueQuery>,
    participation: web::Data<Participation>,
) -> HttpResponse {
    let (session, filter, proposals) = match filtered(&request, &query, &participation).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let mut main = signed_in_bar(&session);
    main.push_str("<h1>Les propositions</h1>");
    main.push_str("<p><a href=\"/suivi/programme\">Le suivi du programme : par zone et par semaine, par structure, ce qui manque</a></p>");
    main.push_str(&filter.form());
    if !filter.unread.is_empty() {
        main.push_str(
            "<div class=\"alerte\" role=\"alert\"><p>Ces filtres ne sont pas appliqués :</p><ul>",
        );
        for why in &filter.unread {
            let _ = write!(main, "<li>{}</li>", e(why));
        }
        main.push_str("</ul></div>");
    }
    let n = proposals.len();
    let _ = write!(
        main,
        "<p role=\"status\">{}</p>",
        match n {
            0 => "Aucune proposition.".to_owned(),
            1 => "1 proposition.".to_owned(),
            n => format!("{n} propositions, de la plus ancienne à la plus récente."),
        }
    );
    if n > 0 {
        let _ = write!(
            main,
            "<p><a href=\"/suivi/propositions.csv?{}\" download>Télécharger ces propositions pour un tableur (CSV)</a></p>",
            e(&filter.query_string())
        );
    }
    main.push_str("<div class=\"tableau-defilant\" tabindex=\"0\"><table><caption>Les propositions reçues</caption><thead><tr><th scope=\"col\">Quoi</th><th scope=\"col\">Quand et où</th><th scope=\"col\">Zone</th><th scope=\"col\">État</th><th scope=\"col\">Reçue le</th></tr></thead><tbody>");
    for p in &proposals {
        let _ = write!(
            main,
            "<tr><td><a href=\"/suivi/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&p.id),
            e(&title(p)),
            e(&when_and_where(p)),
            p.zone.map(Zone::as_str).unwrap_or("?"),
            e(p.status.label()),
            e(&date_fr(p.received.date_naive()))
        );
    }
    main.push_str("</tbody></table></div>");
    private(page(
        &request,
        StatusCode::OK,
        "Les propositions – Carto82",
        &main,
    ))
}

async fn programme(
    request: HttpRequest,
    participation: web::Data<Participation>,
    store: web::Data<Store>,
) -> HttpResponse {
    let Some((_, session)) = session_of(&request, &participation).await else {
        return to_sign_in();
    };
    let proposals = match visible(&request, &participation, &session).await {
        Ok(all) => all,
        Err(refused) => return refused,
    };
    let zones: Vec<Zone> = match session.role {
        Role::Coordinator => Zone::ALL.to_vec(),
        Role::Referent(zone) => vec![zone],
    };
    let mut main = signed_in_bar(&session);
    let campaign = store
        .current()
        .call
        .as_ref()
        .and_then(|c| c.appel.as_ref())
        .map(|a| a.campagne);
    main.push_str(&programme_page(&proposals, &zones, campaign));
    private(page(
        &request,
        StatusCode::OK,
        "Le suivi du programme – Carto82",
        &main,
    ))
}

async fn spreadsheet(
    request: HttpRequest,
    query: web::Query<QueueQuery>,
    participation: web::Data<Participation>,
) -> HttpResponse {
    let (_, _, proposals) = match filtered(&request, &query, &participation).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    match super::programme::spreadsheet(&proposals) {
        Ok(bytes) => private(
            HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"propositions.csv\"",
                ))
                .body(bytes),
        ),
        Err(err) => {
            crate::telemetry::warn_limited("suivi", &format!("export CSV : {err}"));
            coordinator_refusal(
                &request,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Le fichier n'a pas pu être préparé.",
            )
        }
    }
}

async fn one(
    request: HttpRequest,
    path: web::Path<String>,
    participation: web::Data<Participation>,
    store: web::Data<Store>,
) -> HttpResponse {
    let Some((_, session)) = session_of(&request, &participation).await else {
        return to_sign_in();
    };
    match readable(&request, &participation, &session, &path).await {
        Ok(p) => private(page(
            &request,
            StatusCode::OK,
            "Une proposition – Carto82",
            &proposal_page(&session, &p, &store.current(), None),
        )),
        Err(refused) => refused,
    }
}

/// The proposal `id` when the session may see it; else the page that says why.
async fn readable(
    request: &HttpRequest,
    participation: &Participation,
    session: &Session,
    id: &str,
) -> Result<Proposal, HttpResponse> {
    match participation.store.proposal(id).await {
        Ok(Some(p)) if session.role.covers(p.zone) => Ok(p),
        Ok(Some(_)) => Err(outside_zone(request)),
        Ok(None) => Err(no_such_proposal(request)),
        Err(err) => {
            crate::telemetry::warn_limited("suivi", &format!("proposition illisible : {err}"));
            Err(coordinator_refusal(
                request,
                StatusCode::SERVICE_UNAVAILABLE,
                "Cette proposition ne peut pas être lue pour le moment.",
            ))
        }
    }
}

fn no_such_proposal(request: &HttpRequest) -> HttpResponse {
    coordinator_refusal(
        request,
        StatusCode::NOT_FOUND,
        "Cette proposition n'existe pas.",
    )
}

fn proposal_page(
    session: &Session,
    p: &Proposal,
    dataset: &Dataset,
    notice: Option<&str>,
) -> String {
    let mut main = signed_in_bar(session);
    main.push_str("<p><a href=\"/suivi\">← Toutes les propositions</a></p>");
    if let Some(notice) = notice {
        let _ = write!(main, "<p class=\"alerte\" role=\"alert\">{}</p>", e(notice));
    }
    let id = p.content["properties"]["id"].as_str().unwrap_or_default();
    main.push_str(&match p.kind {
        Kind::Place => record_summary(
            p,
            dataset
                .records
                .by_text::<Place>(id)
                .and_then(|r| serde_json::to_value(&r.properties).ok()),
            place_page::SHOWN,
        ),
        Kind::Actor => record_summary(
            p,
            dataset
                .records
                .by_text::<Actor>(id)
                .and_then(|r| serde_json::to_value(&r.properties).ok()),
            actor_page::SHOWN,
        ),
        Kind::Event | Kind::Report => proposal_summary(p),
    });
    main.push_str("<h2>Ce qui a été fait</h2>");
    if p.history.is_empty() {
        main.push_str("<p>Rien encore.</p>");
    } else {
        main.push_str("<ol>");
        for a in &p.history {
            let who = if a.account == BY_STRUCTURE {
                "la structure a complété sa proposition"
            } else {
                &a.account
            };
            let _ = write!(
                main,
                "<li>{} – {} : {}{}</li>",
                e(&date_fr(a.at.date_naive())),
                e(who),
                e(a.status.label()),
                a.message
                    .as_deref()
                    .map(|m| format!(" – « {} »", e(m)))
                    .unwrap_or_default()
            );
        }
        main.push_str("</ol>");
    }
    // The same decisions for a report, in its own words.
    let [published, accepted, to_complete, refused, to_whom] = match p.kind {
        Kind::Event | Kind::Place | Kind::Actor => [
            "publiée (sur la carte, tout de suite)",
            "acceptée (publiée plus tard)",
            "à compléter (dites quoi)",
            "refusée (dites pourquoi)",
            "Message à la structure",
        ],
        Kind::Report => [
            "publiée (la page est corrigée)",
            "acceptée (à corriger)",
            "à compléter (demandez des précisions)",
            "refusée (dites pourquoi)",
            "Message à l'habitant",
        ],
    };
    let _ = write!(
        main,
        concat!(
            "<h2>Décider</h2><form class=\"participer\" method=\"post\" action=\"/suivi/{id}\">",
            "<input type=\"hidden\" name=\"jeton\" value=\"{token}\"><input type=\"hidden\" name=\"version\" value=\"{version}\">",
            "<fieldset class=\"cases\"><legend>La proposition est</legend><ul>",
            "<li><input type=\"radio\" id=\"d-publiee\" name=\"statut\" value=\"publiee\"><label for=\"d-publiee\">{published}</label></li>",
            "<li><input type=\"radio\" id=\"d-acceptee\" name=\"statut\" value=\"acceptee\"><label for=\"d-acceptee\">{accepted}</label></li>",
            "<li><input type=\"radio\" id=\"d-a_completer\" name=\"statut\" value=\"a_completer\"><label for=\"d-a_completer\">{to_complete}</label></li>",
            "<li><input type=\"radio\" id=\"d-refusee\" name=\"statut\" value=\"refusee\"><label for=\"d-refusee\">{refused}</label></li>",
            "</ul></fieldset>",
            "<p class=\"champ\"><label for=\"d-message\">{to_whom}</label><textarea id=\"d-message\" name=\"message\" rows=\"4\" maxlength=\"{max}\"></textarea></p>",
            "<p class=\"boutons\"><button type=\"submit\">Enregistrer</button></p></form>"
        ),
        id = e(&p.id),
        token = e(&session.form_token),
        version = p.version,
        max = MAX_MESSAGE_CHARS,
        published = published,
        accepted = accepted,
        to_complete = to_complete,
        refused = refused,
        to_whom = to_whom,
    );
    main
}

#[derive(serde::Deserialize)]
struct Decision {
    #[serde(default)]
    jeton: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    statut: String,
    #[serde(default)]
    message: String,
}

async fn act(
    request: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Decision>,
    participation: web::Data<Participation>,
    store: web::Data<Store>,
) -> HttpResponse {
    let (_, session) = match signed_form(&request, &participation, &form.jeton).await {
        Ok(signed) => signed,
        Err(refused) => return refused,
    };
    let current = match readable(&request, &participation, &session, &path).await {
        Ok(p) => p,
        Err(refused) => return refused,
    };
    let again = |status: StatusCode, notice: &str, p: &Proposal| {
        private(page(
            &request,
            status,
            "Une proposition – Carto82",
            &proposal_page(&session, p, &store.current(), Some(notice)),
        ))
    };
    let status = match Status::from_code(&form.statut) {
        Some(s @ (Status::Publiee | Status::Acceptee | Status::ACompleter | Status::Refusee)) => s,
        _ => {
            return again(
                StatusCode::BAD_REQUEST,
                "Choisissez : publiée, acceptée, à compléter ou refusée.",
                &current,
            );
        }
    };
    let message = form.message.trim().replace("\r\n", "\n");
    if message.chars().count() > MAX_MESSAGE_CHARS {
        return again(
            StatusCode::BAD_REQUEST,
            &format!("Le message est trop long : {MAX_MESSAGE_CHARS} caractères au plus."),
            &current,
        );
    }
    if message.is_empty() && matches!(status, Status::ACompleter | Status::Refusee) {
        return again(
            StatusCode::BAD_REQUEST,
            "Écrivez à la structure ce qu'il faut compléter, ou pourquoi c'est refusé.",
            &current,
        );
    }
    let Ok(version) = form.version.parse::<i64>() else {
        return forbidden(&request);
    };
    let message = Some(message).filter(|m| !m.is_empty());
    match participation
        .store
        .act(
            &current.id,
            version,
            &session.account,
            status,
            message.as_deref(),
            Utc::now(),
        )
        .await
    {
        Ok(Acted::Done) => {
            participation.write(
                current.email.as_deref(),
                super::mail::decided(&current, status, message.as_deref()),
            );
            // Published, or no longer: the served data follows at once.
            if status == Status::Publiee || current.status == Status::Publiee {
                // A failure is logged, and the check below tells the coordinator.
                let _ = participation
                    .serve_published(&store.clone().into_inner())
                    .await;
                let id = current.content["properties"]["id"]
                    .as_str()
                    .unwrap_or_default();
                let served = store.current();
                let missing = match current.kind {
                    Kind::Event => served.records.by_text::<Event>(id).is_none(),
                    Kind::Place => served.records.by_text::<Place>(id).is_none(),
                    Kind::Actor => served.records.by_text::<Actor>(id).is_none(),
                    Kind::Report => false,
                };
                if status == Status::Publiee && missing {
                    let now = participation
                        .store
                        .proposal(&current.id)
                        .await
                        .ok()
                        .flatten()
                        .unwrap_or(current);
                    return again(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "La proposition est notée « publiée », mais elle n'est pas sur la carte : elle ne passe plus les règles des données (son lieu a peut-être été retiré), ou les données du dossier sont refusées. Le journal du serveur dit pourquoi. Corrigez, ou changez sa décision.",
                        &now,
                    );
                }
            }
            HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("/suivi/{}", current.id)))
                .finish()
        }
        Ok(Acted::Conflict) => {
            let now = participation
                .store
                .proposal(&current.id)
                .await
                .ok()
                .flatten()
                .unwrap_or(current);
            // Completed meanwhile, it may have moved to another zone.
            if !session.role.covers(now.zone) {
                return outside_zone(&request);
            }
            again(
                StatusCode::CONFLICT,
                "Quelqu'un a changé cette proposition pendant que vous la lisiez : rien n'a été enregistré. Voici son état actuel ; décidez à nouveau si besoin.",
                &now,
            )
        }
        Ok(Acted::NotFound) => no_such_proposal(&request),
        Err(err) => {
            crate::telemetry::warn_limited("suivi", &format!("action non enregistrée : {err}"));
            again(
                StatusCode::SERVICE_UNAVAILABLE,
                "L'action n'a pas pu être enregistrée. Réessayez dans un moment.",
                &current,
            )
        }
    }
}
