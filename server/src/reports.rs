//! "Signaler une erreur": a resident tells the coordinators what is wrong on a page. Each
//! report is one JSON line appended to a file of its own (`CARTO82_SIGNALEMENTS`), which
//! coordinators read; a report never touches the dataset. Hostile or malformed input is
//! refused with a page that says which field and why; nothing already stored is altered.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

const MAX_MESSAGE: usize = 2000;
const MAX_EMAIL: usize = 200;
const MAX_PAGE: usize = 200;
/// The pages a report can be about: the map (`/`, with its query) and the record pages.
const PAGES: [&str; 4] = ["/lieux/", "/evenements/", "/ressources/", "/?"];

/// The form as posted.
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

impl ReportForm {
    /// The report, or the field at fault and why, in words for the resident.
    pub fn check(self, now: DateTime<Utc>) -> Result<Report, (&'static str, String)> {
        let page = self.page.trim().to_owned();
        let known = page.len() <= MAX_PAGE
            && page.starts_with('/')
            && !page.starts_with("//")
            && page.bytes().all(|b| b.is_ascii_graphic())
            && (page == "/" || PAGES.iter().any(|p| page.starts_with(p)));
        if !known {
            return Err((
                "page",
                "la page signalée n'est pas une page de Carto82".to_owned(),
            ));
        }
        let message = self.message.trim().to_owned();
        let chars = message.chars().count();
        if chars < 5 {
            return Err((
                "message",
                "écrivez en quelques mots ce qui est faux".to_owned(),
            ));
        }
        if chars > MAX_MESSAGE {
            return Err((
                "message",
                format!("le message est trop long ({chars} caractères, {MAX_MESSAGE} au plus)"),
            ));
        }
        let courriel = self.courriel.trim().to_owned();
        let courriel = if courriel.is_empty() {
            None
        } else if courriel.len() <= MAX_EMAIL
            && !courriel.contains(char::is_whitespace)
            && courriel
                .split_once('@')
                .is_some_and(|(u, h)| !u.is_empty() && h.contains('.'))
        {
            Some(courriel)
        } else {
            return Err((
                "courriel",
                "cette adresse de courriel n'est pas valide (vous pouvez la laisser vide)"
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
}

/// Where reports are kept; one writer at a time, one line per report.
pub struct Reports {
    path: PathBuf,
    lock: Mutex<()>,
}

impl Reports {
    pub fn new(path: PathBuf) -> Reports {
        Reports {
            path,
            lock: Mutex::new(()),
        }
    }

    pub fn append(&self, report: &Report) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(report).expect("a report serialises");
        line.push(b'\n');
        let _guard = self.lock.lock().expect("not poisoned");
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        // One write of the whole line: a report is stored whole or not at all.
        file.write_all(&line)?;
        file.sync_data()
    }
}

/// `POST /signaler`
pub async fn post(form: web::Form<ReportForm>, reports: web::Data<Reports>) -> HttpResponse {
    match form.into_inner().check(Utc::now()) {
        Ok(report) => match reports.append(&report) {
            Ok(()) => page(
                StatusCode::OK,
                "Merci, votre message est transmis",
                "L'équipe de Carto82 va vérifier et corriger la page.",
                &report.page,
            ),
            Err(e) => {
                tracing::error!("signalement non enregistré : {e}");
                page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Votre message n'a pas pu être enregistré",
                    "Réessayez dans un moment.",
                    &report.page,
                )
            }
        },
        Err((field, reason)) => page(
            StatusCode::BAD_REQUEST,
            "Votre message n'est pas parti",
            &format!("Champ « {field} » : {reason}. Revenez à la page pour corriger."),
            "/",
        ),
    }
}

fn page(status: StatusCode, title: &str, text: &str, back: &str) -> HttpResponse {
    use crate::plain_page::document;
    use app::model::escape_html;
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(document(
            &format!("{title} – Carto82"),
            None,
            &format!(
                "<h1>{}</h1><p>{}</p><p><a href=\"{}\">Revenir à la page</a></p>",
                escape_html(title),
                escape_html(text),
                escape_html(back)
            ),
        ))
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

    #[test]
    fn a_good_report_is_kept_whole() {
        let r = form("/lieux/france-services-000", "  Fermé le mercredi  ", "")
            .check(Utc::now())
            .unwrap();
        assert_eq!(r.message, "Fermé le mercredi");
        assert_eq!(r.courriel, None);
    }

    #[test]
    fn each_bad_field_is_named() {
        for (f, field) in [
            (form("https://ailleurs.example/", "Un message", ""), "page"),
            (form("//ailleurs.example/x", "Un message", ""), "page"),
            (form("/admin", "Un message", ""), "page"),
            (form("/lieux/x", "", ""), "message"),
            (
                form("/lieux/x", &"x".repeat(MAX_MESSAGE + 1), ""),
                "message",
            ),
            (
                form("/lieux/x", "Un message", "pas une adresse"),
                "courriel",
            ),
        ] {
            assert_eq!(f.check(Utc::now()).unwrap_err().0, field);
        }
    }
}
