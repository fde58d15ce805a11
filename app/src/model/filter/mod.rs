//! Filters of places and events. One parser and one matcher per kind, shared by the page
//! URL, the server functions and the API, so the list, the map and the API always agree.
//! Several values of one filter mean OR (`zone=Est,Ouest` or a repeated key); different
//! filters mean AND. Unknown parameters are ignored (links may carry tracking, or parameters
//! for other purposes such as `format`); an empty value means "no filter".

mod area;
mod events;
mod places;
mod resources;

use serde::{Deserialize, Serialize};

use super::text::fold;

pub use area::{AREA_PARAMETERS, AreaFilter, DEFAULT_RADIUS_KM, Footprint, Near};
pub use events::{EVENT_PARAMETERS, EventFilter};
pub use places::{FILTER_PARAMETERS, PlaceFilter};
pub use resources::{RESOURCE_PARAMETERS, ResourceFilter};

/// A filter read from the pairs of a query string; one way for the API to read them all.
pub trait FromQuery: Sized {
    fn from_pairs(pairs: &[(&str, &str)]) -> Result<Self, FilterError>;
}

macro_rules! from_query {
    ($($filter:ty),+) => {
        $(impl FromQuery for $filter {
            fn from_pairs(pairs: &[(&str, &str)]) -> Result<Self, FilterError> {
                <$filter>::from_query(pairs.iter().copied())
            }
        })+
    };
}

from_query!(
    PlaceFilter,
    EventFilter,
    ResourceFilter,
    crate::model::coverage::CoverageFilter
);

/// A filter read from a query string (without `?`), such as one a filter wrote.
pub fn read_query_string<T: FromQuery>(query_string: &str) -> Result<T, FilterError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query_string)
        .map_err(|e| FilterError::new("", format!("chaîne de requête illisible : {e}")))?;
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    T::from_pairs(&pairs)
}

/// Free text given some other way than a URL (a server function's JSON), bounded like the
/// URL's.
pub fn check_text(parameter: &str, value: &str) -> Result<(), FilterError> {
    parse_text(value)
        .map(|_| ())
        .map_err(|reason| FilterError::new(parameter, reason))
}

/// A query parameter that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("paramètre « {parameter} » : {reason}")]
pub struct FilterError {
    pub parameter: String,
    pub reason: String,
}

impl FilterError {
    pub(crate) fn new(parameter: &str, reason: impl Into<String>) -> Self {
        FilterError {
            parameter: parameter.to_owned(),
            reason: reason.into(),
        }
    }
}

use super::query::MAX_TEXT_CHARS;

/// Calls `read` with each non-empty `(key, value)`; a reason it returns becomes the error of
/// that parameter.
pub(crate) fn each_pair<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    mut read: impl FnMut(&'a str, &'a str) -> Result<(), String>,
) -> Result<(), FilterError> {
    for (key, value) in pairs {
        let value = value.trim();
        if !value.is_empty() {
            read(key, value).map_err(|reason| FilterError::new(key, reason))?;
        }
    }
    Ok(())
}

/// The comma-separated choices of one value.
fn items(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|v| !v.is_empty())
}

fn parse_all<'a, T>(
    value: &'a str,
    parse: impl Fn(&'a str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    items(value).map(parse).collect()
}

/// Finds a vocabulary value by its label, ignoring accents and case.
fn by_label<T: Copy + std::fmt::Display>(all: &'static [T]) -> impl Fn(&str) -> Result<T, String> {
    move |wanted| {
        all.iter()
            .copied()
            .find(|v| fold(&v.to_string()) == fold(wanted))
            .ok_or_else(|| {
                let labels: Vec<String> = all.iter().map(ToString::to_string).collect();
                format!(
                    "« {wanted} » inconnu ; valeurs possibles : {}",
                    labels.join(", ")
                )
            })
    }
}

/// Free text, bounded.
pub(crate) fn parse_text(value: &str) -> Result<String, String> {
    if value.chars().count() > MAX_TEXT_CHARS {
        Err(format!("{MAX_TEXT_CHARS} caractères au plus"))
    } else {
        Ok(value.to_owned())
    }
}

fn parse_date(value: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("« {value} » : date AAAA-MM-JJ attendue"))
}

pub(crate) fn parse_yes_no(value: &str) -> Result<bool, String> {
    match fold(value).as_str() {
        "1" | "true" | "oui" | "yes" => Ok(true),
        "0" | "false" | "non" | "no" => Ok(false),
        _ => Err(format!(
            "« {value} » : oui ou non (true, false, 1, 0) attendu"
        )),
    }
}

/// Every word of `q` (folded) appears in one of `texts` (folded).
fn matches_words(q: &str, texts: &[&str]) -> bool {
    let haystack = fold(&texts.join(" "));
    fold(q).split(' ').all(|word| haystack.contains(word))
}

/// No choice, or at least one of the choices.
fn any_of<T: PartialEq>(wanted: &[T], has: &[T]) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| has.contains(w))
}

/// Query pairs for a list of values, comma-joined; nothing when empty.
fn list_pair<T: std::fmt::Display>(
    key: &'static str,
    values: &[T],
) -> Option<(&'static str, String)> {
    (!values.is_empty()).then(|| {
        (
            key,
            values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
        )
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Reading filters in tests: from a query typed by hand, and back from the query string a
    //! filter writes (the page URL must reproduce the view).
    use super::{FilterError, FromQuery};

    /// A filter from `k=v&k=v` (values as typed, not percent-encoded).
    pub fn parse<T: FromQuery>(query: &str) -> Result<T, FilterError> {
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .collect();
        T::from_pairs(&pairs)
    }

    /// The filter read back from a query string it wrote.
    pub fn reread<T: FromQuery>(query_string: &str) -> T {
        super::read_query_string(query_string).expect("a filter reads back what it wrote")
    }
}
