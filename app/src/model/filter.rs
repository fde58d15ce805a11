use geo::{Distance, Haversine, Point};
use serde::{Deserialize, Serialize};

use super::place::Place;
use super::standard::{Frais, Programme, Public, Service};
use super::territory::{BBox, Insee, Siren, Zone};
use super::text::fold;

/// Which places to show. One parser and one matcher for the page URL (`/?zone=Ouest`), the
/// server functions and the API (`/api/places?service=…&near=44.0,1.35`), so the list, the
/// map and the API always agree. Several values of one filter mean OR (`zone=Est,Ouest`);
/// different filters mean AND.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceFilter {
    pub zones: Vec<Zone>,
    pub epcis: Vec<Siren>,
    pub communes: Vec<Insee>,
    pub bbox: Option<BBox>,
    pub near: Option<Near>,
    /// Words that must all appear (accents and case ignored) in the name, commune, address,
    /// services or presentation.
    pub q: Option<String>,
    pub services: Vec<Service>,
    pub publics: Vec<Public>,
    pub frais: Vec<Frais>,
    pub programmes: Vec<Programme>,
}

/// Around a point, within a radius.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

/// A query parameter that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("paramètre « {parameter} » : {reason}")]
pub struct FilterError {
    pub parameter: String,
    pub reason: String,
}

const DEFAULT_RADIUS_KM: f64 = 10.0;
const MAX_RADIUS_KM: f64 = 300.0;
const MAX_QUERY_CHARS: usize = 200;

/// The parameters `from_query` reads; others are ignored (links may carry tracking or
/// parameters for other purposes, such as `format`).
pub const FILTER_PARAMETERS: [&str; 11] = [
    "zone",
    "epci",
    "commune",
    "bbox",
    "near",
    "radius",
    "q",
    "service",
    "public",
    "frais",
    "programme",
];

impl PlaceFilter {
    /// The territory choice of the map page's controls.
    pub fn territory(zone: Option<Zone>, epci: Option<Siren>) -> PlaceFilter {
        PlaceFilter {
            zones: zone.into_iter().collect(),
            epcis: epci.into_iter().collect(),
            ..PlaceFilter::default()
        }
    }

    /// The zone, when exactly one is chosen.
    pub fn zone(&self) -> Option<Zone> {
        match self.zones[..] {
            [zone] => Some(zone),
            _ => None,
        }
    }

    /// The EPCI, when exactly one is chosen.
    pub fn epci(&self) -> Option<&Siren> {
        match &self.epcis[..] {
            [epci] => Some(epci),
            _ => None,
        }
    }

    /// Parses query pairs. A key may repeat, and a value may list several choices separated
    /// by commas; an empty value means "no filter", as sent by a form's empty option.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, FilterError> {
        let mut filter = PlaceFilter::default();
        let mut radius = None;
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let error = |reason: String| FilterError {
                parameter: key.to_owned(),
                reason,
            };
            let items = || value.split(',').map(str::trim).filter(|v| !v.is_empty());
            match key {
                "zone" => filter
                    .zones
                    .extend(parse_all(items(), str::parse::<Zone>).map_err(error)?),
                "epci" => filter
                    .epcis
                    .extend(parse_all(items(), str::parse::<Siren>).map_err(error)?),
                "commune" => filter
                    .communes
                    .extend(parse_all(items(), str::parse::<Insee>).map_err(error)?),
                "service" => filter
                    .services
                    .extend(parse_all(items(), by_label(Service::ALL)).map_err(error)?),
                "public" => filter
                    .publics
                    .extend(parse_all(items(), by_label(Public::ALL)).map_err(error)?),
                "frais" => filter
                    .frais
                    .extend(parse_all(items(), by_label(Frais::ALL)).map_err(error)?),
                "programme" => filter
                    .programmes
                    .extend(parse_all(items(), by_label(Programme::ALL)).map_err(error)?),
                "bbox" => filter.bbox = Some(parse_bbox(value).map_err(error)?),
                "near" => {
                    let [lat, lon] = numbers::<2>(value).map_err(error)?;
                    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                        return Err(error(format!(
                            "« {value} » n'est pas un point « latitude,longitude »"
                        )));
                    }
                    filter.near = Some(Near {
                        lat,
                        lon,
                        radius_km: DEFAULT_RADIUS_KM,
                    });
                }
                "radius" => {
                    let [km] = numbers::<1>(value).map_err(error)?;
                    if !(km > 0.0 && km <= MAX_RADIUS_KM) {
                        return Err(error(format!(
                            "rayon en km entre 0 et {MAX_RADIUS_KM} attendu, pas {value}"
                        )));
                    }
                    radius = Some(km);
                }
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        return Err(error(format!("{MAX_QUERY_CHARS} caractères au plus")));
                    }
                    filter.q = Some(value.to_owned());
                }
                _ => {}
            }
        }
        match (radius, &mut filter.near) {
            (Some(km), Some(near)) => near.radius_km = km,
            (Some(_), None) => {
                return Err(FilterError {
                    parameter: "radius".into(),
                    reason: "un rayon n'a de sens qu'avec « near=latitude,longitude »".into(),
                });
            }
            _ => {}
        }
        Ok(filter)
    }

    /// The query string (without `?`) that `from_query` reads back into the same filter.
    pub fn to_query(&self) -> String {
        let list = |values: Vec<String>| values.join(",");
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut push = |key, value: String| {
            if !value.is_empty() {
                pairs.push((key, value));
            }
        };
        push(
            "zone",
            list(self.zones.iter().map(ToString::to_string).collect()),
        );
        push(
            "epci",
            list(self.epcis.iter().map(ToString::to_string).collect()),
        );
        push(
            "commune",
            list(self.communes.iter().map(ToString::to_string).collect()),
        );
        if let Some([w, s, e, n]) = self.bbox {
            push("bbox", format!("{w},{s},{e},{n}"));
        }
        if let Some(near) = self.near {
            push("near", format!("{},{}", near.lat, near.lon));
            push("radius", near.radius_km.to_string());
        }
        push("q", self.q.clone().unwrap_or_default());
        push(
            "service",
            list(self.services.iter().map(ToString::to_string).collect()),
        );
        push(
            "public",
            list(self.publics.iter().map(ToString::to_string).collect()),
        );
        push(
            "frais",
            list(self.frais.iter().map(ToString::to_string).collect()),
        );
        push(
            "programme",
            list(self.programmes.iter().map(ToString::to_string).collect()),
        );
        serde_urlencoded::to_string(&pairs).expect("strings encode")
    }

    /// The map page showing this filter.
    pub fn page_url(&self) -> String {
        match self.to_query() {
            query if query.is_empty() => "/".to_owned(),
            query => format!("/?{query}"),
        }
    }

    /// Great-circle distance from the `near` point, in km.
    pub fn distance_km(&self, place: &Place) -> Option<f64> {
        let near = self.near?;
        let from = Point::new(near.lon, near.lat);
        let to = Point::new(place.position.lon, place.position.lat);
        Some(Haversine.distance(from, to) / 1000.0)
    }

    pub fn matches(&self, place: &Place) -> bool {
        let here = &place.localisation;
        let f = &place.fiche;
        (self.zones.is_empty() || self.zones.contains(&here.zone))
            && (self.epcis.is_empty() || self.epcis.contains(&here.epci_siren))
            && (self.communes.is_empty() || self.communes.contains(&here.insee_localise))
            && self.bbox.is_none_or(|[w, s, e, n]| {
                (w..=e).contains(&place.position.lon) && (s..=n).contains(&place.position.lat)
            })
            && self
                .near
                .is_none_or(|near| self.distance_km(place).is_some_and(|d| d <= near.radius_km))
            && any_of(&self.services, &f.services)
            && any_of(&self.publics, &f.publics_specifiquement_adresses)
            && any_of(&self.frais, &f.frais_a_charge)
            && any_of(&self.programmes, &f.dispositif_programmes_nationaux)
            && self.q.as_deref().is_none_or(|q| matches_words(q, place))
    }

    /// The places that match, nearest first when `near` is given, else in the given order.
    pub fn select<'a>(&self, places: impl IntoIterator<Item = &'a Place>) -> Vec<Place> {
        let mut found: Vec<Place> = places
            .into_iter()
            .filter(|p| self.matches(p))
            .cloned()
            .collect();
        if self.near.is_some() {
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

/// No choice, or at least one of the choices.
fn any_of<T: PartialEq>(wanted: &[T], has: &[T]) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| has.contains(w))
}

fn matches_words(q: &str, place: &Place) -> bool {
    let f = &place.fiche;
    let mut haystack = vec![
        f.nom.clone(),
        f.commune.clone(),
        place.localisation.commune_localisee.clone(),
        f.adresse.clone(),
        f.code_postal.to_string(),
        f.presentation_resume.clone().unwrap_or_default(),
    ];
    haystack.extend(f.services.iter().map(ToString::to_string));
    let haystack = fold(&haystack.join(" "));
    fold(q).split(' ').all(|word| haystack.contains(word))
}

fn parse_all<'a, T>(
    items: impl Iterator<Item = &'a str>,
    parse: impl Fn(&'a str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    items.map(parse).collect()
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

fn numbers<const N: usize>(value: &str) -> Result<[f64; N], String> {
    let parsed: Vec<f64> = value
        .split(',')
        .map(|n| n.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            format!("« {value} » : {N} nombre(s) séparé(s) par des virgules attendu(s)")
        })?;
    parsed
        .try_into()
        .map_err(|_| format!("« {value} » : {N} nombre(s) séparé(s) par des virgules attendu(s)"))
}

fn parse_bbox(value: &str) -> Result<BBox, String> {
    let [w, s, e, n] = numbers::<4>(value)?;
    if w < e
        && s < n
        && (-180.0..=180.0).contains(&w)
        && (-180.0..=180.0).contains(&e)
        && (-90.0..=90.0).contains(&s)
        && (-90.0..=90.0).contains(&n)
    {
        Ok([w, s, e, n])
    } else {
        Err(format!(
            "« {value} » : ouest,sud,est,nord attendus, avec ouest < est et sud < nord"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<PlaceFilter, FilterError> {
        PlaceFilter::from_query(query.split('&').filter_map(|kv| kv.split_once('=')))
    }

    #[test]
    fn parses_known_parameters_and_ignores_others() {
        let f = PlaceFilter::from_query([("zone", "Ouest"), ("utm_source", "x"), ("epci", "")])
            .unwrap();
        assert_eq!(f.zones, vec![Zone::Ouest]);
        assert!(f.epcis.is_empty());
    }

    #[test]
    fn several_values_of_one_filter_by_comma_or_repetition() {
        let f = parse("zone=Est,Ouest&service=Aide aux démarches administratives&service=maitrise des outils numeriques du quotidien").unwrap();
        assert_eq!(f.zones, vec![Zone::Est, Zone::Ouest]);
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
        let back = PlaceFilter::from_query(
            serde_urlencoded::from_str::<Vec<(String, String)>>(&f.to_query())
                .unwrap()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .unwrap();
        assert_eq!(back, f);
        assert_eq!(PlaceFilter::default().page_url(), "/");
    }
}
