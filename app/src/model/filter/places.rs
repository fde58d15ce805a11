use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::area::AreaFilter;
use super::{any_of, matches_words};
use crate::model::actor::{ActorId, Competence};
use crate::model::place::Place;
use crate::model::query::FilterError;
use crate::model::query::{
    ACTOR, AUDIENCE, COMPETENCE, Documented, FEES, FromQuery, OPEN_NOW, OPEN_ON, PROGRAMME, Q,
    Query, QueryWriter, SERVICE, SUPPORT,
};
use crate::model::record::Select;
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
    /// The places of these actors.
    pub actors: Vec<ActorId>,
    /// Places where one of these is done, by the place or by its actor (`Place::competences`).
    pub competences: Vec<Competence>,
}

impl FromQuery for PlaceFilter {
    const PARAMETERS: &'static [&'static dyn Documented] = crate::with_area![
        &Q,
        &SERVICE,
        &AUDIENCE,
        &SUPPORT,
        &FEES,
        &PROGRAMME,
        &OPEN_NOW,
        &OPEN_ON,
        &ACTOR,
        &COMPETENCE,
    ];

    fn read(query: &Query) -> Result<PlaceFilter, FilterError> {
        Ok(PlaceFilter {
            area: AreaFilter::read(query)?,
            q: query.one(&Q)?,
            services: query.all(&SERVICE)?,
            publics: query.all(&AUDIENCE)?,
            prises_en_charge: query.all(&SUPPORT)?,
            frais: query.all(&FEES)?,
            programmes: query.all(&PROGRAMME)?,
            open_now: query.one(&OPEN_NOW)?.unwrap_or(false),
            open_on: query.one(&OPEN_ON)?,
            actors: query.all(&ACTOR)?,
            competences: query.all(&COMPETENCE)?,
        })
    }

    fn write(&self, w: &mut QueryWriter) {
        self.area.write(w);
        w.one(&Q, self.q.as_ref())
            .all(&SERVICE, &self.services)
            .all(&AUDIENCE, &self.publics)
            .all(&SUPPORT, &self.prises_en_charge)
            .all(&FEES, &self.frais)
            .all(&PROGRAMME, &self.programmes)
            .one(&OPEN_NOW, self.open_now.then_some(&true))
            .one(&OPEN_ON, self.open_on.as_ref())
            .all(&ACTOR, &self.actors)
            .all(&COMPETENCE, &self.competences);
    }
}

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

    /// The map page showing this filter.
    pub fn page_url(&self) -> String {
        match self.to_query() {
            query if query.is_empty() => "/".to_owned(),
            query => format!("/?{query}"),
        }
    }

    /// Opening hours are evaluated on the server only: the browser never filters by itself,
    /// it asks the server.
    #[cfg(feature = "ssr")]
    fn open_matches(&self, place: &Place) -> bool {
        use crate::model::hours;
        let hours = place.properties.horaires.as_deref();
        (!self.open_now || hours.is_some_and(|h| hours::is_open_at(h, hours::paris_now())))
            && self
                .open_on
                .is_none_or(|day| hours.is_some_and(|h| hours::is_open_on(h, day)))
    }

    #[cfg(not(feature = "ssr"))]
    fn open_matches(&self, _place: &Place) -> bool {
        true
    }

    pub fn is_empty(&self) -> bool {
        self == &PlaceFilter::default()
    }
}

impl Select<Place> for PlaceFilter {
    fn depends_on_the_clock(&self) -> bool {
        self.open_now
    }

    /// To the nearest point one can meet the service: its address or one of its stops.
    fn distance_km(&self, place: &Place) -> Option<f64> {
        place
            .points()
            .filter(|(p, at)| self.area.matches(p, at))
            .filter_map(|(p, _)| self.area.distance_km(p))
            .min_by(f64::total_cmp)
    }

    fn matches(&self, place: &Place) -> bool {
        let f = &place.properties;
        place.points().any(|(p, at)| self.area.matches(p, at))
            && any_of(&self.services, &f.services)
            && any_of(&self.publics, &f.publics_specifiquement_adresses)
            && any_of(&self.prises_en_charge, &f.prise_en_charge_specifique)
            && any_of(&self.frais, &f.frais_a_charge)
            && any_of(&self.programmes, &f.dispositif_programmes_nationaux)
            && any_of(&self.competences, &place.competences)
            && self.open_matches(place)
            && (self.actors.is_empty()
                || place
                    .structure
                    .as_ref()
                    .is_some_and(|a| self.actors.contains(a)))
            && self.q.as_deref().is_none_or(|q| {
                let services: Vec<&str> = f.services.iter().map(|s| s.label()).collect();
                let code_postal = f.code_postal.to_string();
                let mut texts = vec![
                    f.nom.as_str(),
                    f.nom_affiche.as_deref().unwrap_or(""),
                    f.commune.as_str(),
                    place.location.commune_localisee.as_str(),
                    f.adresse.as_str(),
                    code_postal.as_str(),
                    f.presentation_resume.as_deref().unwrap_or(""),
                ];
                texts.extend(services);
                matches_words(q, &texts)
            })
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
        let f = PlaceFilter::read(&Query::from_pairs([
            ("zone", "Ouest"),
            ("utm_source", "x"),
            ("epci", ""),
        ]))
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
            ("fees=NaN", "fees"),
        ] {
            let err = parse(query).unwrap_err();
            assert_eq!(err.parameter, parameter, "{query}: {err}");
            assert!(err.reason.len() > 5);
        }
    }

    #[test]
    fn query_round_trips() {
        let f = parse("zone=Est&epci=200066884&near=44.02,1.35&radius=15&q=médiathèque&service=Aide aux démarches administratives&frais=Gratuit&bbox=0.7,43.7,2.1,44.4").unwrap();
        let back = PlaceFilter::from_query_string(&f.to_query()).unwrap();
        assert_eq!(back, f);
        assert_eq!(PlaceFilter::default().page_url(), "/");
    }
}
