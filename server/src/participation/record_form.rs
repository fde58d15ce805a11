//! What the forms of a place and of a structure share: each proposes a record of the
//! directory, new or an update of the published one (same id), at `/participer/lieu` and
//! `/participer/structure`. One pair of handlers serves both, through [`RecordForm`].

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde_json::Value;

use app::model::{Record, Zone};

use super::event_form::FormField;
use super::{Kind, Participation, Sent, Token, form_body, keep, over_limit, page, pages};
use super::{refusal, trapped};
use crate::client::SiteAddress;
use crate::dataset::{Dataset, Store};

/// A record checked: its Feature, and the zone whose referent follows it (none: wider than
/// one zone, coordinators follow it).
pub type Checked<F> = Result<(Value, Option<Zone>), Vec<(F, String)>>;

/// What every record form carries besides the record: who sends it and how to follow it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sender {
    /// The structure's follow-up, when it proposes from there.
    pub suivi: String,
    /// The structure's own address, to write to it; never published.
    pub courriel: String,
    /// Left empty by people: a robot fills every field.
    pub piege: String,
}

impl Sender {
    /// Where a posted `name` of the sender's goes, if it is one.
    pub fn slot(&mut self, name: &str) -> Option<&mut String> {
        match name {
            "suivi" => Some(&mut self.suivi),
            "courriel" => Some(&mut self.courriel),
            super::event_form::TRAP => Some(&mut self.piege),
            _ => None,
        }
    }

    /// Why the address given is not one, if it is not.
    pub fn email_problem(&self) -> Option<&'static str> {
        let email = self.courriel.trim();
        (!email.is_empty() && !super::event_form::is_email(email))
            .then_some("Cette adresse de courriel n'est pas valide. Vous pouvez la laisser vide.")
    }
}

/// A form proposing a record of kind `Record`.
pub trait RecordForm: Default + Sized {
    type Record: Record;
    type Field: FormField;
    const KIND: Kind;
    /// The page's titles: choosing, updating, a new record.
    const TITLES: [&'static str; 3];
    /// What the refusal says when `?corriger=` names no published record.
    const UNKNOWN: &'static str;

    fn parse(body: &[u8]) -> Self;
    /// The form filled with the published `record`, on `today`.
    fn from_record(record: &Self::Record, today: NaiveDate) -> Self;
    fn check(&self, dataset: &Dataset, today: NaiveDate) -> Checked<Self::Field>;
    fn page(
        &self,
        problems: &[(Self::Field, String)],
        published: Option<&Self::Record>,
        dataset: &Dataset,
    ) -> String;
    fn chooser(dataset: &Dataset, suivi: &str) -> String;
    /// The published record it updates, as posted (empty for a new one).
    fn record_id(&self) -> &str;
    fn sender(&self) -> &Sender;
    fn sender_mut(&mut self) -> &mut Sender;
}

#[derive(serde::Deserialize)]
pub struct RecordQuery {
    corriger: Option<String>,
    nouveau: Option<String>,
    suivi: Option<String>,
}

/// Which record to update; `?corriger=ID` the form filled with it; `?nouveau=1` the form
/// for a new one.
pub async fn show<F: RecordForm>(
    request: HttpRequest,
    query: web::Query<RecordQuery>,
    store: web::Data<Store>,
) -> HttpResponse {
    let dataset = store.current();
    // Only a follow-up that could exist goes on.
    let suivi = query
        .suivi
        .as_deref()
        .and_then(Token::parse)
        .map(|t| t.as_str().to_owned())
        .unwrap_or_default();
    let published = query
        .corriger
        .as_deref()
        .and_then(|id| dataset.records.by_text::<F::Record>(id));
    let [choosing, updating, new] = F::TITLES;
    let (title, form, published) = match (published, &query.corriger, &query.nouveau) {
        (Some(record), _, _) => (
            updating,
            F::from_record(record, pages::today()),
            Some(record),
        ),
        (None, Some(_), _) => {
            return refusal(&request, StatusCode::NOT_FOUND, F::UNKNOWN);
        }
        (None, None, Some(_)) => (new, F::default(), None),
        (None, None, None) => {
            let main = F::chooser(&dataset, &suivi);
            return page(&request, StatusCode::OK, choosing, &main);
        }
    };
    let mut form = form;
    form.sender_mut().suivi = suivi;
    let main = form.page(&[], published, &dataset);
    page(&request, StatusCode::OK, title, &main)
}

/// A posted form: checked, counted against its sender's limit, kept.
pub async fn propose<F: RecordForm>(
    request: HttpRequest,
    body: web::Payload,
    store: web::Data<Store>,
    participation: web::Data<Participation>,
    site: web::Data<SiteAddress>,
) -> HttpResponse {
    let dataset = store.current();
    let form = match form_body(&request, body).await {
        Ok(body) => F::parse(&body),
        Err(answer) => return answer,
    };
    if let Some(refused) = trapped(&request, &form.sender().piege) {
        return refused;
    }
    let published = dataset
        .records
        .by_text::<F::Record>(form.record_id().trim());
    let (feature, zone) = match form.check(&dataset, pages::today()) {
        Ok(checked) => checked,
        Err(problems) => {
            let title = format!("À corriger : {}", F::TITLES[0]);
            let main = form.page(&problems, published, &dataset);
            return page(&request, StatusCode::BAD_REQUEST, &title, &main);
        }
    };
    if let Some(refused) = over_limit(&request, &participation, &site) {
        return refused;
    }
    let sent = Sent {
        kind: F::KIND,
        feature,
        zone,
        suivi: &form.sender().suivi,
        email: Some(&form.sender().courriel),
        form_again: form.page(&[], published, &dataset),
    };
    keep(&request, &participation, &site, sent).await
}
