//! "Signaler une erreur": a resident tells the coordinators what is wrong on a page. A
//! report lands in the coordinators' queue (`/suivi`) beside the structures' proposals,
//! with the same statuses, attached to the place, event, resource or actor of the page; it
//! never touches the dataset.
//!
//! The form is open to anyone, so it is bounded on every side: a report must be about one
//! of our pages and a few lines long; each address may send a few an hour and all together
//! a few hundred; no more are taken while [`MAX_UNREAD`] wait to be read. A refusal is a
//! page of the site, in French, that gives the form back with what was typed and says what
//! to change.

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use app::model::{Actor, Event, Place, Record, Records, Resource, Zone, escape_html};
use app::{MAX_MESSAGE_CHARS, ReportDraft, ReportField, server_html};

use crate::client::SiteAddress;
use crate::dataset::Store;
use crate::participation::{Kind, Participation};
use crate::rate_limit::{Rate, TooMany, WriteLimiter};

const MIN_MESSAGE_CHARS: usize = 5;
const MAX_EMAIL_CHARS: usize = 200;
const MAX_PAGE_CHARS: usize = 2000;
/// No more reports are taken while this many wait to be read.
pub const MAX_UNREAD: i64 = 20_000;
/// The form's body, percent-encoded: 2 000 characters of "€" take 18 000 bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// One address: a few reports in a row, then one every 6 minutes.
const PER_CLIENT: Rate = Rate {
    count: 10,
    per: Duration::from_secs(3600),
    burst: 5,
};
/// All addresses together.
const OVERALL: Rate = Rate {
    count: 300,
    per: Duration::from_secs(3600),
    burst: 30,
};

/// The form as posted; fields a browser adds or leaves out are accepted.
#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    page: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    courriel: String,
}

/// A checked report.
#[derive(Debug, PartialEq)]
pub struct Report {
    pub recu: DateTime<Utc>,
    pub page: String,
    pub message: String,
    pub courriel: Option<String>,
}

/// What a report is about: the record of its page, if it is one.
#[derive(Debug, Serialize, PartialEq)]
pub struct Concerned {
    /// `lieux`, `evenements`, `ressources`, `acteurs`, or `carte` for the map.
    pub genre: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub nom: String,
    #[serde(skip)]
    pub zone: Option<Zone>,
}

impl Report {
    /// The record of the report's page, and its zone.
    pub fn concerned(&self, records: &Records) -> Concerned {
        let found = self.page[1..].split_once('/').and_then(|(kind, id)| {
            let (nom, zone) = if kind == Place::KIND.page {
                records
                    .by_text::<Place>(id)
                    .map(|p| (p.title().into_owned(), Some(p.location.zone)))
            } else if kind == Event::KIND.page {
                records
                    .by_text::<Event>(id)
                    .map(|e| (e.title().into_owned(), Some(e.location.zone)))
            } else if kind == Resource::KIND.page {
                records
                    .by_text::<Resource>(id)
                    .map(|r| (r.title().into_owned(), None))
            } else if kind == Actor::KIND.page {
                records
                    .by_text::<Actor>(id)
                    .map(|a| (a.title().into_owned(), None))
            } else {
                None
            }?;
            Some((kind.to_owned(), id.to_owned(), nom, zone))
        });
        match found {
            Some((genre, id, nom, zone)) => Concerned {
                genre,
                id: Some(id),
                nom,
                zone,
            },
            None => Concerned {
                genre: "carte".to_owned(),
                id: None,
                nom: "La carte".to_owned(),
                zone: None,
            },
        }
    }

    /// As the queue keeps it.
    fn content(&self, concerned: &Concerned) -> serde_json::Value {
        serde_json::json!({
            "page": self.page,
            "message": self.message,
            "concerne": concerned,
        })
    }
}

/// What `page` must be: one of our pages that shows data.
fn is_our_page(page: &str, records: &Records) -> bool {
    if page.chars().count() > MAX_PAGE_CHARS
        || !page.starts_with('/')
        || page.starts_with("//")
        || !page.bytes().all(|b| b.is_ascii_graphic())
    {
        return false;
    }
    if page == "/" || page.starts_with("/?") {
        return true;
    }
    page[1..]
        .split_once('/')
        .is_some_and(|(kind, id)| records.has_page(kind, id))
}

impl ReportForm {
    /// The report, or the field at fault and why, in words for the resident.
    pub fn check(
        &self,
        now: DateTime<Utc>,
        records: &Records,
    ) -> Result<Report, (ReportField, String)> {
        let page = self.page.trim().to_owned();
        if !is_our_page(&page, records) {
            return Err((
                ReportField::Page,
                "La page signalée n'est pas une page de Carto82.".to_owned(),
            ));
        }
        let message = self.message.trim().replace("\r\n", "\n");
        let chars = message.chars().count();
        if chars < MIN_MESSAGE_CHARS {
            return Err((
                ReportField::Message,
                "Écrivez en quelques mots ce qui est faux.".to_owned(),
            ));
        }
        if chars > MAX_MESSAGE_CHARS {
            return Err((
                ReportField::Message,
                format!(
                    "Le message est trop long : {chars} caractères, {MAX_MESSAGE_CHARS} au plus."
                ),
            ));
        }
        let courriel = self.courriel.trim().to_owned();
        let courriel = if courriel.is_empty() {
            None
        } else if courriel.chars().count() <= MAX_EMAIL_CHARS
            && email_address::EmailAddress::is_valid(&courriel)
        {
            Some(courriel)
        } else {
            return Err((
                ReportField::Courriel,
                "Cette adresse de courriel n'est pas valide. Vous pouvez la laisser vide."
                    .to_owned(),
            ));
        };
        Ok(Report {
            recu: now,
            page,
            message,
            courriel,
        })
    }

    fn draft(&self, problem: Option<(ReportField, String)>) -> ReportDraft {
        ReportDraft {
            message: self.message.chars().take(MAX_MESSAGE_CHARS * 2).collect(),
            courriel: self.courriel.chars().take(MAX_EMAIL_CHARS * 2).collect(),
            problem,
        }
    }
}

/// How many reports each address, and everyone, may send.
pub struct Reports {
    limiter: WriteLimiter,
    max_unread: i64,
}

impl Default for Reports {
    fn default() -> Reports {
        Reports {
            limiter: WriteLimiter::new(PER_CLIENT, OVERALL),
            max_unread: MAX_UNREAD,
        }
    }
}

/// Why a report was not stored.
#[derive(Debug)]
pub enum StoreError {
    /// [`MAX_UNREAD`] reports wait to be read.
    Full,
    Database(crate::participation::StoreError),
}

impl Reports {
    /// Into the coordinators' queue, once committed.
    pub async fn keep(
        &self,
        report: &Report,
        records: &Records,
        participation: &Participation,
    ) -> Result<(), StoreError> {
        let store = participation.contributions();
        let unread = store
            .unread(Kind::Report)
            .await
            .map_err(StoreError::Database)?;
        if unread >= self.max_unread {
            return Err(StoreError::Full);
        }
        let concerned = report.concerned(records);
        store
            .propose(
                None,
                report.courriel.as_deref(),
                Kind::Report,
                &report.content(&concerned),
                concerned.zone,
                report.recu,
            )
            .await
            .map_err(StoreError::Database)?;
        Ok(())
    }
}

/// `POST /signaler`
pub async fn post(
    request: HttpRequest,
    form: web::Form<ReportForm>,
    reports: web::Data<Reports>,
    store: web::Data<Store>,
    participation: web::Data<Participation>,
    site: web::Data<SiteAddress>,
) -> HttpResponse {
    let form = form.into_inner();
    let dataset = store.current();
    let back = if is_our_page(form.page.trim(), &dataset.records) {
        form.page.trim().to_owned()
    } else {
        "/".to_owned()
    };
    if let Err(too_many) = reports.limiter.check(site.source(&request).client_ip) {
        crate::telemetry::warn_limited(
            "signalements",
            "signalement refusé : trop de messages (limite par adresse ou d'ensemble)",
        );
        return refused(&request, &form, &back, too_many);
    }
    let report = match form.check(Utc::now(), &dataset.records) {
        Ok(report) => report,
        Err(problem) => {
            return answer(
                &request,
                StatusCode::BAD_REQUEST,
                "Votre message n'est pas parti",
                "Un champ est à corriger : il est indiqué ci-dessous. Ce que vous avez écrit est gardé.",
                &back,
                Some(form.draft(Some(problem))),
            );
        }
    };
    match reports
        .keep(&report, &dataset.records, &participation)
        .await
    {
        Ok(()) => answer(
            &request,
            StatusCode::OK,
            "Merci, votre message est transmis",
            "L'équipe de Carto82 va vérifier et corriger la page.",
            &report.page,
            None,
        ),
        Err(e) => {
            let full = matches!(e, StoreError::Full);
            crate::telemetry::warn_limited(
                "signalements",
                &match e {
                    StoreError::Full => format!(
                        "{MAX_UNREAD} signalements attendent d'être lus : les suivants sont refusés"
                    ),
                    StoreError::Database(e) => format!("signalement non enregistré : {e}"),
                },
            );
            answer(
                &request,
                StatusCode::SERVICE_UNAVAILABLE,
                "Votre message n'a pas pu être enregistré",
                if full {
                    "Nous avons reçu beaucoup de messages et devons d'abord les lire. Réessayez dans quelques jours, ou appelez le lieu."
                } else {
                    "Réessayez dans un moment. Ce que vous avez écrit est gardé ci-dessous."
                },
                &report.page,
                Some(form.draft(None)),
            )
        }
    }
}

/// Too many reports: the form comes back with what was typed, and when to try again.
fn refused(
    request: &HttpRequest,
    form: &ReportForm,
    back: &str,
    too_many: TooMany,
) -> HttpResponse {
    let minutes = too_many.wait_fr();
    let text = if too_many.overall {
        format!(
            "Nous recevons beaucoup de messages en ce moment. Réessayez dans {minutes}. Ce que vous avez écrit est gardé ci-dessous."
        )
    } else {
        format!(
            "Vous avez envoyé plusieurs messages. Réessayez dans {minutes}. Ce que vous avez écrit est gardé ci-dessous."
        )
    };
    let mut response = answer(
        request,
        StatusCode::TOO_MANY_REQUESTS,
        "Votre message n'est pas parti",
        &text,
        back,
        Some(form.draft(None)),
    );
    too_many.mark(&mut response);
    response
}

/// The answer to a form: what happened, the form again when something is to do, and the
/// way back to the page.
fn answer(
    request: &HttpRequest,
    status: StatusCode,
    title: &str,
    text: &str,
    back: &str,
    draft: Option<ReportDraft>,
) -> HttpResponse {
    use crate::plain_page::document;
    let form = draft
        .map(|d| server_html::report_form(back.to_owned(), d))
        .unwrap_or_default();
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(document(
            request,
            &format!("{title} – Carto82"),
            Some("reponse-formulaire"),
            &format!(
                "<h1>{}</h1><p role=\"status\">{}</p>{form}<p><a href=\"{}\">Revenir à la page</a></p>",
                escape_html(title),
                escape_html(text),
                escape_html(back)
            ),
        ))
}

/// The form's body could not be read (too long, not a form): a page of the site that says
/// so, instead of actix's English.
pub fn form_error(
    error: actix_web::error::UrlencodedError,
    request: &HttpRequest,
) -> actix_web::Error {
    use actix_web::error::UrlencodedError;
    let (status, text) = match &error {
        UrlencodedError::Overflow { .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "Votre message est trop long. Écrivez-le en {MAX_MESSAGE_CHARS} caractères au plus."
            ),
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            "Le formulaire n'a pas pu être lu. Revenez à la page et réessayez.".to_owned(),
        ),
    };
    let page = answer(
        request,
        status,
        "Votre message n'est pas parti",
        &text,
        "/",
        None,
    );
    actix_web::error::InternalError::from_response(error, page).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(page: &str, message: &str, courriel: &str) -> ReportForm {
        ReportForm {
            page: page.into(),
            message: message.into(),
            courriel: courriel.into(),
        }
    }

    fn dataset() -> crate::dataset::Dataset {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        crate::dataset::Dataset::load(&dir).expect("the real dataset")
    }

    #[test]
    fn a_good_report_is_kept_whole() {
        let data = dataset();
        let place = app::model::Record::id(&data.records.places[0]).to_string();
        let r = form(
            &format!("/lieux/{place}"),
            "  Fermé le mercredi\r\nmême l'été  ",
            "",
        )
        .check(Utc::now(), &data.records)
        .unwrap();
        assert_eq!(r.message, "Fermé le mercredi\nmême l'été");
        assert_eq!(r.courriel, None);
        let euros = "€".repeat(MAX_MESSAGE_CHARS);
        assert!(
            form("/?ou=Moissac", &euros, "a.b@exemple.fr")
                .check(Utc::now(), &data.records)
                .is_ok()
        );
    }

    #[tokio::test]
    async fn a_report_lands_in_the_queue_attached_to_its_record_until_too_many_wait() {
        use crate::participation::{Contributions, Role, Status};
        let dir = tempfile::tempdir().unwrap();
        let base = format!("sqlite:{}", dir.path().join("base.sqlite").display());
        let participation = Participation::new(Contributions::open(&base).await.unwrap(), None);
        let reports = Reports {
            max_unread: 3,
            ..Reports::default()
        };
        let data = dataset();
        let place = &data.records.places[0];
        let report = Report {
            recu: Utc::now(),
            page: format!("/lieux/{}", place.id()),
            message: "Le lieu a fermé.".to_owned(),
            courriel: Some("a@b.fr".to_owned()),
        };
        for _ in 0..3 {
            reports
                .keep(&report, &data.records, &participation)
                .await
                .unwrap();
        }
        assert!(matches!(
            reports.keep(&report, &data.records, &participation).await,
            Err(StoreError::Full)
        ));
        let queue = participation
            .contributions()
            .queue(Role::Coordinator, None)
            .await
            .unwrap();
        assert_eq!(queue.len(), 3, "nothing more, nothing lost");
        let first = &queue[0];
        assert_eq!(first.kind, Kind::Report);
        assert_eq!(first.status, Status::Recue);
        assert_eq!(first.zone, Some(place.location.zone), "its place's zone");
        assert_eq!(first.email.as_deref(), Some("a@b.fr"));
        assert_eq!(first.content["concerne"]["id"], place.id().as_str());
        assert_eq!(first.content["concerne"]["nom"], place.title().as_ref());
        assert_eq!(first.content["message"], "Le lieu a fermé.");
        // The map itself is no record: no zone, so for coordinators.
        let map = Report {
            page: "/?ou=Moissac".to_owned(),
            ..report
        };
        let concerned = map.concerned(&data.records);
        assert_eq!((concerned.genre.as_str(), concerned.zone), ("carte", None));
        assert!(
            participation.contributions().published().await.unwrap()
                == crate::dataset::Published::default(),
            "a report is never published"
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let data = dataset();
        for (f, field) in [
            (
                form("https://ailleurs.example/", "Un message", ""),
                ReportField::Page,
            ),
            (
                form("//ailleurs.example/x", "Un message", ""),
                ReportField::Page,
            ),
            (form("/admin", "Un message", ""), ReportField::Page),
            (form("/lieux/inconnu", "Un message", ""), ReportField::Page),
            (form("/lieux/<script>", "Un message", ""), ReportField::Page),
            (form("/", "", ""), ReportField::Message),
            (
                form("/", &"x".repeat(MAX_MESSAGE_CHARS + 1), ""),
                ReportField::Message,
            ),
            (
                form("/", "Un message", "pas une adresse"),
                ReportField::Courriel,
            ),
            (form("/", "Un message", "a@b@c.fr"), ReportField::Courriel),
        ] {
            assert_eq!(f.check(Utc::now(), &data.records).unwrap_err().0, field);
        }
    }
}
