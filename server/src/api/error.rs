use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// An API error as an RFC 7807 problem document, in French, naming the parameter at fault.
#[derive(Debug, Serialize, thiserror::Error)]
#[error("{title} : {detail}")]
pub struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    title: &'static str,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<String>,
}

impl ApiError {
    pub fn bad_parameter(parameter: impl Into<String>, detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            title: "Paramètre invalide",
            detail: detail.into(),
            parameter: Some(parameter.into()),
        }
    }

    pub fn bad_query(detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            title: "Requête invalide",
            detail: detail.into(),
            parameter: None,
        }
    }

    pub fn not_implemented(detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_IMPLEMENTED,
            title: "Non proposé",
            detail: detail.into(),
            parameter: None,
        }
    }

    pub fn method_not_allowed(method: &actix_web::http::Method, allowed: &str) -> Self {
        ApiError {
            status: StatusCode::METHOD_NOT_ALLOWED,
            title: "Méthode non acceptée",
            detail: format!("{method} n'est pas accepté ici ; méthodes acceptées : {allowed}"),
            parameter: None,
        }
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            title: "Introuvable",
            detail: detail.into(),
            parameter: None,
        }
    }

    /// Our fault, not the client's: logged, and the answer says so without details.
    pub fn internal(what: impl std::fmt::Display) -> Self {
        tracing::error!("{what}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            title: "Erreur du serveur",
            detail:
                "Carto82 n'a pas pu écrire cette réponse ; l'équipe est prévenue par le journal."
                    .to_owned(),
            parameter: None,
        }
    }
}

impl From<csv::Error> for ApiError {
    fn from(e: csv::Error) -> Self {
        ApiError::internal(format!("CSV : {e}"))
    }
}

impl From<app::model::FilterError> for ApiError {
    fn from(e: app::model::FilterError) -> Self {
        ApiError::bad_parameter(e.parameter, e.reason)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let body = serde_json::json!({
            "type": "about:blank",
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
            "parameter": self.parameter,
        });
        HttpResponse::build(self.status)
            .content_type("application/problem+json")
            .body(body.to_string())
    }
}

/// An error, as RFC 7807 describes it.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct Problem {
    r#type: String,
    title: String,
    status: u16,
    /// What is wrong, in French.
    detail: String,
    /// The query parameter at fault, if one is.
    parameter: Option<String>,
}
