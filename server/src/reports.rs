//! "Signaler une erreur": a resident tells the coordinators what is wrong on a page. Each
//! report is one JSON line appended to a file of its own (`CARTO82_REPORTS_FILE`), which
//! coordinators read; a report never touches the dataset.
//!
//! The form is open to anyone, so it is bounded on every side: a report must be about one
//! of our pages and a few lines long; each address may send a few an hour and all together
//! a few hundred; the file stops growing at [`MAX_FILE_BYTES`]. A refusal is a page of the
//! site, in French, that gives the form back with what was typed and says what to change.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use app::model::{Records, escape_html};
use app::{MAX_MESSAGE_CHARS, ReportDraft, ReportField, server_html};

use crate::client::SiteAddress;
use crate::dataset::Store;
use crate::rate_limit::{Rate, TooMany, WriteLimiter};

const MIN_MESSAGE_CHARS: usize = 5;
const MAX_EMAIL_CHARS: usize = 200;
const MAX_PAGE_CHARS: usize = 2000;
/// The reports file stops growing here (about 20 000 reports); coordinators empty it.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
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

/// A checked report, as stored.
#[derive(Debug, Serialize, PartialEq)]
pub struct Report {
    pub recu: DateTime<Utc>,
    pub page: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub courriel: Option<String>,
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

/// Where reports are kept; one writer at a time, one line per report.
pub struct Reports {
    path: PathBuf,
    lock: Mutex<()>,
    limiter: WriteLimiter,
    max_bytes: u64,
}

/// Why a report was not stored.
#[derive(Debug)]
pub enum StoreError {
    /// The file reached [`MAX_FILE_BYTES`].
    Full,
    Io(std::io::Error),
}

impl Reports {
    pub fn new(path: PathBuf) -> Reports {
        Reports {
            path,
            lock: Mutex::new(()),
            limiter: WriteLimiter::new(PER_CLIENT, OVERALL),
            max_bytes: MAX_FILE_BYTES,
        }
    }

    pub fn append(&self, report: &Report) -> Result<(), StoreError> {
        let mut line = serde_json::to_vec(report).expect("a report serialises");
        line.push(b'\n');
        let _guard = self.lock.lock().expect("not poisoned");
        let size = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        if size + line.len() as u64 > self.max_bytes {
            return Err(StoreError::Full);
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(StoreError::Io)?;
        // One write of the whole line: a report is stored whole or not at all.
        file.write_all(&line).map_err(StoreError::Io)?;
        file.sync_data().map_err(StoreError::Io)
    }
}

/// `POST /signaler`
pub async fn post(
    request: HttpRequest,
    form: web::Form<ReportForm>,
    reports: web::Data<Reports>,
    store: web::Data<Store>,
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
    match reports.append(&report) {
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
                        "fichier des signalements plein ({MAX_FILE_BYTES} octets) : videz-le après lecture"
                    ),
                    StoreError::Io(e) => format!("signalement non enregistré : {e}"),
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

    #[test]
    fn the_file_stops_growing_and_keeps_what_it_has() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("signalements.jsonl");
        let reports = Reports {
            max_bytes: 400,
            ..Reports::new(path.clone())
        };
        let report = Report {
            recu: Utc::now(),
            page: "/".into(),
            message: "Le lieu a fermé.".repeat(5),
            courriel: None,
        };
        let mut stored = 0;
        while reports.append(&report).is_ok() {
            stored += 1;
        }
        assert!(matches!(reports.append(&report), Err(StoreError::Full)));
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), stored, "whole lines only");
        assert!(text.len() <= 400);
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
