use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::area::{AREA_PARAMETERS, AreaFilter};
use super::{
    FilterError, any_of, by_label, each_pair, list_pair, matches_words, parse_all, parse_date,
    parse_text, parse_yes_no,
};
use crate::model::place::Place;
use crate::model::standard::{Frais, PriseEnCharge, Programme, Public, Service};
use crate::model::territory::{Siren, Zone};

/// Which places to show (`/?zone=Ouest`, `/api/places?service=…&near=44.0,1.35`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceFilter {
    pub area: AreaFilter,
    /// Words that must all appear (accents and case ignored) in the name, commune, address,
    /// postcode, services or presentation.
    pub q: Option<String>,
    pub services: Vec<Service>,
    pub publics: Vec<Public>,
    /// Specific support: deafness, disabilities, illiteracy, languages.
    pub prises_en_charge: Vec<PriseEnCharge>,
    pub frais: Vec<Frais>,
    pub programmes: Vec<Programme>,
    /// Open now, at Paris time (evaluated on the server).
    pub open_now: bool,
    /// Open at some time of this day (evaluated on the server).
    pub open_on: Option<NaiveDate>,
}

/// The parameters `PlaceFilter::from_query` reads.
pub const FILTER_PARAMETERS: [&str; 14] = [
    AREA_PARAMETERS[0],
    AREA_PARAMETERS[1],
    AREA_PARAMETERS[2],
    AREA_PARAMETERS[3],
    AREA_PARAMETERS[4],
    AREA_PARAMETERS[5],
    "q",
    "service",
    "public",
    "prise_en_charge",
    "frais",
    "programme",
    "open_now",
    "open_on",
];

impl PlaceFilter {
    /// The territory choice of the map page's controls.
    pub fn territory(zone: Option<Zone>, epci: Option<Siren>) -> PlaceFilter {
        PlaceFilter {
            area: AreaFilter {
                zones: zone.into_iter().collect(),
                epcis: epci.into_iter().collect(),
                ..AreaFilter::default()
            },
            ..PlaceFilter::default()
        }
    }

    /// The zone, when exactly one is chosen.
    pub fn zone(&self) -> Option<Zone> {
        match self.area.zones[..] {
            [zone] => Some(zone),
            _ => None,
        }
    }

    /// The EPCI, when exactly one is chosen.
    pub fn epci(&self) -> Option<&Siren> {
        match &self.area.epcis[..] {
            [epci] => Some(epci),
            _ => None,
        }
    }

    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Result<Self, FilterError> {
        let mut filter = PlaceFilter {
            area: AreaFilter::from_query(pairs.clone())?,
            ..PlaceFilter::default()
        };
        each_pair(pairs, |key, value| {
            match key {
                "q" => filter.q = Some(parse_text(value)?),
                "service" => filter
                    .services
                    .extend(parse_all(value, by_label(Service::ALL))?),
                "public" => filter
                    .publics
                    .extend(parse_all(value, by_label(Public::ALL))?),
                "prise_en_charge" => filter
                    .prises_en_charge
                    .extend(parse_all(value, by_label(PriseEnCharge::ALL))?),
                "frais" => filter.frais.extend(parse_all(value, by_label(Frais::ALL))?),
                "programme" => filter
                    .programmes
                    .extend(parse_all(value, by_label(Programme::ALL))?),
                "open_now" => filter.open_now = parse_yes_no(value)?,
                "open_on" => filter.open_on = Some(parse_date(value)?),
                _ => {}
            }
            Ok(())
        })?;
        Ok(filter)
    }

    /// The query string (without `?`) that `from_query` reads back into the same filter.
    pub fn to_query(&self) -> String {
        let mut pairs = self.area.query_pairs();
        pairs.extend(self.q.clone().map(|q| ("q", q)));
        pairs.extend(
            [
                list_pair("service", &self.services),
                list_pair("public", &self.publics),
                list_pair("prise_en_charge", &self.prises_en_charge),
                list_pair("frais", &self.frais),
                list_pair("programme", &self.programmes),
            ]
            .into_iter()
            .flatten(),
        );
        if self.open_now {
            pairs.push(("open_now", "true".to_owned()));
        }
        pairs.extend(self.open_on.map(|d| ("open_on", d.to_string())));
        serde_urlencoded::to_string(&pairs).expect("strings encode")
    }

    /// The map page showing this filter.
    pub fn page_url(&self) -> String {
        match self.to_query() {
            query if query.is_empty() => "/".to_owned(),
            query => format!("/?{query}"),
        }
    }

    pub fn distance_km(&self, place: &Place) -> Option<f64> {
        self.area.distance_km(&place.position)
    }

    pub fn matches(&self, place: &Place) -> bool {
        let f = &place.fiche;
        self.area.matches(&place.position, &place.localisation)
            && any_of(&self.services, &f.services)
            && any_of(&self.publics, &f.publics_specifiquement_adresses)
            && any_of(&self.prises_en_charge, &f.prise_en_charge_specifique)
            && any_of(&self.frais, &f.frais_a_charge)
            && any_of(&self.programmes, &f.dispositif_programmes_nationaux)
            && self.open_matches(place)
            && self.q.as_deref().is_none_or(|q| {
                let services: Vec<&str> = f.services.iter().map(|s| s.label()).collect();
                let code_postal = f.code_postal.to_string();
                let mut texts = vec![
                    f.nom.as_str(),
                    f.commune.as_str(),
                    place.localisation.commune_localisee.as_str(),
                    f.adresse.as_str(),
                    code_postal.as_str(),
                    f.presentation_resume.as_deref().unwrap_or(""),
                ];
                texts.extend(services);
                matches_words(q, &texts)
            })
    }

    /// Opening hours are evaluated on the server only: the browser never filters by itself,
    /// it asks the server.
    #[cfg(feature = "ssr")]
    fn open_matches(&self, place: &Place) -> bool {
        use crate::model::hours;
        let hours = place.fiche.horaires.as_deref();
        (!self.open_now || hours.is_some_and(|h| hours::is_open_at(h, hours::paris_now())))
            && self
                .open_on
                .is_none_or(|day| hours.is_some_and(|h| hours::is_open_on(h, day)))
    }

    #[cfg(not(feature = "ssr"))]
    fn open_matches(&self, _place: &Place) -> bool {
        true
    }

    /// The places that match, nearest first when `near` is given, else in the given order.
    pub fn select<'a>(&self, places: impl IntoIterator<Item = &'a Place>) -> Vec<Place> {
        let mut found: Vec<Place> = places
            .into_iter()
            .filter(|p| self.matches(p))
            .cloned()
            .collect();
        if self.area.near.is_some() {
            found.sort_by(|a, b| {
                self.distance_km(a)
                    .partial_cmp(&self.distance_km(b))
                    .expect("finite distances")
            });
        }
        found
    }

    pub fn is_empty(&self) -> bool {
        self == &PlaceFilter::default()
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<PlaceFilter, FilterError> {
        crate::model::filter::testing::parse(query)
    }

    #[test]
    fn parses_known_parameters_and_ignores_others() {
        let f = PlaceFilter::from_query([("zone", "Ouest"), ("utm_source", "x"), ("epci", "")])
            .unwrap();
        assert_eq!(f.area.zones, vec![Zone::Ouest]);
        assert!(f.area.epcis.is_empty());
    }

    #[test]
    fn several_values_of_one_filter_by_comma_or_repetition() {
        let f = parse("zone=Est,Ouest&service=Aide aux démarches administratives&service=maitrise des outils numeriques du quotidien").unwrap();
        assert_eq!(f.area.zones, vec![Zone::Est, Zone::Ouest]);
        assert_eq!(
            f.services,
            vec![Service::AideDemarches, Service::MaitriseOutils]
        );
    }

    #[test]
    fn names_the_bad_parameter() {
        for (query, parameter) in [
            ("epci=12", "epci"),
            ("zone=Nord", "zone"),
            ("commune=8212", "commune"),
            ("bbox=1,2,3", "bbox"),
            ("bbox=2,44,1,45", "bbox"),
            ("near=44.0", "near"),
            ("near=95,1", "near"),
            ("near=44,1&radius=-3", "radius"),
            ("radius=5", "radius"),
            ("service=Réparer des vélos", "service"),
            ("frais=NaN", "frais"),
        ] {
            let err = parse(query).unwrap_err();
            assert_eq!(err.parameter, parameter, "{query}: {err}");
            assert!(err.reason.len() > 5);
        }
    }

    #[test]
    fn query_round_trips() {
        let f = parse("zone=Est&epci=200066884&near=44.02,1.35&radius=15&q=médiathèque&service=Aide aux démarches administratives&frais=Gratuit&bbox=0.7,43.7,2.1,44.4").unwrap();
        let back: PlaceFilter = crate::model::filter::testing::reread(&f.to_query());
        assert_eq!(back, f);
        assert_eq!(PlaceFilter::default().page_url(), "/");
    }
}
