//! The query strings of the pages and of the API, in one place.
//!
//! Each parameter is declared once in [`params`]: its name (and the older names still
//! read), what it means, the values it takes, and how one value is read (with the reason,
//! in French, when it cannot be) and written back. Everything that reads or writes a query
//! goes through these declarations: the filters of places, events and resources, the map
//! page's whole state (`MapQuery`), the embed's settings, the API handlers, and the OpenAPI
//! description (built from [`Documented`]).
//!
//! Rules shared by every parameter: several values of a list parameter mean "one or the
//! other" (`zone=Est,Ouest`, or the parameter repeated); an empty value means "no choice"
//! (a form sends a blank field so); unknown parameters are ignored (links carry tracking).

pub mod params;

use std::fmt::Debug;

use serde::{Deserialize, Serialize};

pub use params::*;

/// Free text given some other way than a URL (a server function's JSON), bounded like the
/// URL's.
pub fn check_text(parameter: &str, value: &str) -> Result<(), FilterError> {
    if value.chars().count() > MAX_TEXT_CHARS {
        Err(FilterError::new(
            parameter,
            format!("{MAX_TEXT_CHARS} caractères au plus"),
        ))
    } else {
        Ok(())
    }
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

/// The values a parameter takes, as the API description says them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Values {
    /// Labels of a closed list; accents and capitals are not significant.
    Labels(&'static [&'static str]),
    /// Codes matching `pattern` (INSEE, SIREN).
    Codes {
        pattern: &'static str,
        example: &'static str,
    },
    /// Free text, at most this many characters.
    Text { max_chars: usize },
    /// A number greater than `above`, at most `max`.
    Number { above: f64, max: f64 },
    /// A whole number from `min` to `max`.
    Integer { min: i64, max: i64 },
    /// A day, `AAAA-MM-JJ`.
    Date,
    /// `oui` or `non` (also `true`/`false`, `yes`/`no`, `1`/`0`).
    YesNo,
    /// Numbers separated by commas, matching `pattern`.
    Numbers {
        pattern: &'static str,
        example: &'static str,
    },
    /// A colour `#rrggbb`.
    Colour,
}

/// The words [`Values::YesNo`] reads.
pub const YES_NO: [&str; 8] = ["oui", "non", "true", "false", "yes", "no", "1", "0"];

impl Values {
    /// A value it takes, for tests.
    pub fn example(self) -> String {
        match self {
            Values::Labels(labels) => labels[labels.len() - 1].to_owned(),
            Values::Codes { example, .. } | Values::Numbers { example, .. } => example.to_owned(),
            Values::Text { .. } => "Médiathèque « Émile Zola »".to_owned(),
            Values::Number { above, max } => ((above + max) / 2.0).to_string(),
            Values::Integer { min, max } => ((min + max) / 2).to_string(),
            Values::Date => "2026-04-14".to_owned(),
            Values::YesNo => "oui".to_owned(),
            Values::Colour => "#a03c00".to_owned(),
        }
    }
}

/// One parameter: its names, its meaning, and how a value is read and written.
pub struct Param<T: 'static> {
    pub name: &'static str,
    /// Older names still read, never written (links that partners already pasted).
    pub aliases: &'static [&'static str],
    /// What it means, in French, for the API description.
    pub doc: &'static str,
    pub values: Values,
    /// Takes several values (comma-separated or repeated).
    pub many: bool,
    /// One value (one item of a list), or why it cannot be read.
    pub read: fn(&str) -> Result<T, String>,
    /// One value as `read` reads it back.
    pub write: fn(&T) -> String,
}

impl<T> Param<T> {
    fn named(&self, key: &str) -> bool {
        key == self.name || self.aliases.contains(&key)
    }
}

/// A parameter seen without its value type: for the API description and the tests.
pub trait Documented: Sync {
    fn name(&self) -> &'static str;
    fn aliases(&self) -> &'static [&'static str];
    fn doc(&self) -> &'static str;
    fn values(&self) -> Values;
    fn many(&self) -> bool;
    /// Reads `text`, writes it and reads that again: the same value, or what went wrong.
    fn round_trip(&self, text: &str) -> Result<(), String>;
}

impl<T: PartialEq + Debug> Documented for Param<T> {
    fn name(&self) -> &'static str {
        self.name
    }
    fn aliases(&self) -> &'static [&'static str] {
        self.aliases
    }
    fn doc(&self) -> &'static str {
        self.doc
    }
    fn values(&self) -> Values {
        self.values
    }
    fn many(&self) -> bool {
        self.many
    }
    fn round_trip(&self, text: &str) -> Result<(), String> {
        let first = (self.read)(text)?;
        let written = (self.write)(&first);
        let again = (self.read)(&written)?;
        if again == first {
            Ok(())
        } else {
            Err(format!("{first:?} écrit « {written} », relu {again:?}"))
        }
    }
}

/// The pairs of a query string. Each parameter reads its own values from them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// A query string without `?`, percent-decoded.
    pub fn parse(query_string: &str) -> Result<Query, FilterError> {
        serde_urlencoded::from_str(query_string)
            .map(|pairs| Query { pairs })
            .map_err(|e| FilterError::new("", format!("chaîne de requête illisible : {e}")))
    }

    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Query {
        Query {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k.as_ref().to_owned(), v.as_ref().to_owned()))
                .collect(),
        }
    }

    /// The values given to `p`, each with the name it was given under (its own or an older
    /// one, which errors repeat so that the reader finds it in their link), without the
    /// empty ones.
    fn given<'a, T>(&'a self, p: &'a Param<T>) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.pairs
            .iter()
            .filter(move |(k, _)| p.named(k))
            .map(|(k, v)| (k.as_str(), v.trim()))
            .filter(|(_, v)| !v.is_empty())
    }

    /// Whether `p` has a value.
    pub fn has<T>(&self, p: &Param<T>) -> bool {
        self.given(p).next().is_some()
    }

    /// Every value of a list parameter, in order.
    pub fn all<T>(&self, p: &Param<T>) -> Result<Vec<T>, FilterError> {
        self.given(p)
            .flat_map(|(k, v)| v.split(',').map(move |item| (k, item.trim())))
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (p.read)(v).map_err(|reason| FilterError::new(k, reason)))
            .collect()
    }

    /// The value of a one-value parameter: the last one given.
    pub fn one<T>(&self, p: &Param<T>) -> Result<Option<T>, FilterError> {
        self.given(p)
            .last()
            .map(|(k, v)| (p.read)(v).map_err(|reason| FilterError::new(k, reason)))
            .transpose()
    }

    /// The same query with only the values of these parameters.
    pub fn only(&self, parameters: &[&dyn Documented]) -> Query {
        self.keeping(|named| named(parameters))
    }

    /// The same query without the values of these parameters.
    pub fn without(&self, parameters: &[&dyn Documented]) -> Query {
        self.keeping(|named| !named(parameters))
    }

    /// The pairs whose name `keep` accepts; it is given a test "is it one of these?".
    fn keeping(&self, keep: impl Fn(&dyn Fn(&[&dyn Documented]) -> bool) -> bool) -> Query {
        Query {
            pairs: self
                .pairs
                .iter()
                .filter(|(k, _)| {
                    let k = k.as_str();
                    keep(&|parameters: &[&dyn Documented]| {
                        parameters
                            .iter()
                            .any(|p| p.name() == k || p.aliases().contains(&k))
                    })
                })
                .cloned()
                .collect(),
        }
    }
}

/// A query string being written, parameter by parameter, under the parameters' names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryWriter {
    pairs: Vec<(&'static str, String)>,
}

impl QueryWriter {
    /// A list parameter's values, comma-joined; nothing when there is none.
    pub fn all<T>(&mut self, p: &Param<T>, values: &[T]) -> &mut Self {
        if !values.is_empty() {
            let joined: Vec<String> = values.iter().map(p.write).collect();
            self.pairs.push((p.name, joined.join(",")));
        }
        self
    }

    /// A one-value parameter's value, when there is one.
    pub fn one<T>(&mut self, p: &Param<T>, value: Option<&T>) -> &mut Self {
        if let Some(value) = value {
            self.pairs.push((p.name, (p.write)(value)));
        }
        self
    }

    pub fn pairs(self) -> Vec<(&'static str, String)> {
        self.pairs
    }

    /// The query string, without `?`.
    pub fn finish(self) -> String {
        serde_urlencoded::to_string(&self.pairs).expect("strings encode")
    }
}

/// What a query says (a filter, the map page's state, the embed's settings): read from the
/// declared parameters, written back through them.
pub trait FromQuery: Sized {
    /// The parameters it reads: the API description lists them.
    const PARAMETERS: &'static [&'static dyn Documented];

    fn read(query: &Query) -> Result<Self, FilterError>;

    fn write(&self, writer: &mut QueryWriter);

    /// The query string (without `?`) that `read` reads back into the same value.
    fn to_query(&self) -> String {
        let mut writer = QueryWriter::default();
        self.write(&mut writer);
        writer.finish()
    }

    /// Read from a query string (without `?`), such as one `to_query` wrote.
    fn from_query_string(query_string: &str) -> Result<Self, FilterError> {
        Self::read(&Query::parse(query_string)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_reads_back_what_it_writes() {
        for p in every_parameter() {
            let example = p.values().example();
            assert!(
                p.round_trip(&example).is_ok(),
                "{}: {:?}",
                p.name(),
                p.round_trip(&example)
            );
        }
    }

    #[test]
    fn names_are_not_shared_by_two_meanings() {
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for p in every_parameter() {
            for name in std::iter::once(p.name()).chain(p.aliases().iter().copied()) {
                if let Some((_, doc)) = seen.iter().find(|(n, _)| *n == name) {
                    assert!(
                        *doc == p.doc() || SHARED_NAMES.contains(&name),
                        "« {name} » means two things"
                    );
                }
                seen.push((name, p.doc()));
            }
        }
    }

    #[test]
    fn a_list_takes_commas_and_repetitions_and_old_names() {
        let q = Query::parse("zone=Est,Ouest&zone=Centre&frais=Gratuit&fees=Payant").unwrap();
        assert_eq!(q.all(&ZONE).unwrap().len(), 3);
        assert_eq!(q.all(&FEES).unwrap().len(), 2, "« frais » is still read");
        let bad = Query::parse("zone=Nord").unwrap().all(&ZONE).unwrap_err();
        assert_eq!(bad.parameter, "zone");
        let mut w = QueryWriter::default();
        w.all(&FEES, &q.all(&FEES).unwrap());
        assert_eq!(
            w.finish(),
            "fees=Gratuit%2CPayant",
            "written under the new name"
        );
    }
}
