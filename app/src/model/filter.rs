use serde::{Deserialize, Serialize};

use super::place::Place;
use super::territory::{Siren, Zone};

/// The territory filter shared by the page URL (`/?zone=Ouest`) and the API
/// (`/api/places?epci=248200016`): one parser, one matcher, so the list, the map and the API
/// always agree.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlaceFilter {
    pub zone: Option<Zone>,
    pub epci: Option<Siren>,
}

/// A query parameter that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("paramètre « {parameter} » : {reason}")]
pub struct FilterError {
    pub parameter: String,
    pub reason: String,
}

impl PlaceFilter {
    /// Parses query pairs. Unknown parameters are ignored (links may carry tracking or
    /// future parameters); an empty value means "no filter", as sent by a form's empty option.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, FilterError> {
        let mut filter = PlaceFilter::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let error = |reason: String| FilterError {
                parameter: key.to_owned(),
                reason,
            };
            match key {
                "zone" => filter.zone = Some(value.parse().map_err(error)?),
                "epci" => filter.epci = Some(value.parse().map_err(error)?),
                _ => {}
            }
        }
        Ok(filter)
    }

    /// The query string (without `?`) that `from_query` reads back into the same filter.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(zone) = self.zone {
            parts.push(format!("zone={zone}"));
        }
        if let Some(epci) = &self.epci {
            parts.push(format!("epci={epci}"));
        }
        parts.join("&")
    }

    /// The map page showing this filter.
    pub fn page_url(&self) -> String {
        match self.to_query() {
            query if query.is_empty() => "/".to_owned(),
            query => format!("/?{query}"),
        }
    }

    pub fn matches(&self, place: &Place) -> bool {
        let here = &place.localisation;
        self.zone.is_none_or(|z| here.zone == z)
            && self.epci.as_ref().is_none_or(|e| &here.epci_siren == e)
    }

    pub fn is_empty(&self) -> bool {
        self == &PlaceFilter::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_parameters_and_ignores_others() {
        let f = PlaceFilter::from_query([("zone", "Ouest"), ("utm_source", "x"), ("epci", "")])
            .unwrap();
        assert_eq!(f.zone, Some(Zone::Ouest));
        assert_eq!(f.epci, None);
    }

    #[test]
    fn names_the_bad_parameter() {
        let err = PlaceFilter::from_query([("epci", "12")]).unwrap_err();
        assert_eq!(err.parameter, "epci");
        assert!(err.reason.contains("SIREN"), "{err}");
    }

    #[test]
    fn query_round_trips() {
        let f = PlaceFilter {
            zone: Some(Zone::Est),
            epci: Some("200066884".parse().unwrap()),
        };
        let q = f.to_query();
        let back =
            PlaceFilter::from_query(q.split('&').filter_map(|kv| kv.split_once('='))).unwrap();
        assert_eq!(back, f);
    }
}
