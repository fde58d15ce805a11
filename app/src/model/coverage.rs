//! Coverage of the territory by help places, and balance of an event programme: the figures
//! the server computes (`carto82::coverage`) for `/couverture` and `/api/coverage`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{ActivityType, Theme};
use super::filter::{FilterError, PlaceFilter};
use super::territory::{Insee, Siren, Zone};

/// Distances (km) beyond which people count as far from help.
pub const THRESHOLDS_KM: [u32; 3] = [10, 15, 20];
/// The threshold of the "no help within" list.
pub const GAP_KM: u32 = 15;

/// Which places count as help, which edition of the programme, and which zone to show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverageFilter {
    /// What a place must offer (service, public, cost, programme, opening) to count. Its area
    /// is always empty: people cross zone lines, so every place counts wherever it is.
    pub places: PlaceFilter,
    /// Only show the figures of these zones (communes, EPCI, gaps); all when empty.
    pub zones: Vec<Zone>,
    /// Programme edition (year); the latest one in the data when absent.
    pub edition: Option<u16>,
}

/// The parameters `CoverageFilter::from_query` reads.
pub const COVERAGE_PARAMETERS: [&str; 10] = [
    "zone",
    "service",
    "public",
    "prise_en_charge",
    "frais",
    "programme",
    "open_now",
    "open_on",
    "q",
    "edition",
];

impl CoverageFilter {
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Result<Self, FilterError> {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        let area_free = pairs
            .iter()
            .copied()
            .filter(|(k, _)| !super::filter::AREA_PARAMETERS.contains(k));
        let mut places = PlaceFilter::from_query(area_free)?;
        places.area = Default::default();
        let zones_only = pairs.iter().copied().filter(|(k, _)| *k == "zone");
        let zones = super::filter::AreaFilter::from_query(zones_only)?.zones;
        let mut edition = None;
        for (key, value) in &pairs {
            if *key == "edition" && !value.trim().is_empty() {
                edition = Some(
                    value
                        .trim()
                        .parse::<u16>()
                        .ok()
                        .filter(|y| {
                            (super::query::EDITIONS.0..=super::query::EDITIONS.1).contains(y)
                        })
                        .ok_or_else(|| FilterError {
                            parameter: "edition".to_owned(),
                            reason: format!("« {value} » : une année (par exemple 2026) attendue"),
                        })?,
                );
            }
        }
        Ok(CoverageFilter {
            places,
            zones,
            edition,
        })
    }

    /// The query string (without `?`) that `from_query` reads back into the same filter.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.zones.is_empty() {
            let zones: Vec<&str> = self.zones.iter().map(|z| z.as_str()).collect();
            pairs.push(("zone", zones.join(",")));
        }
        let places = self.places.to_query();
        let mut query = serde_urlencoded::to_string(&pairs).expect("strings encode");
        for part in [
            places,
            self.edition
                .map(|e| format!("edition={e}"))
                .unwrap_or_default(),
        ] {
            if !part.is_empty() {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&part);
            }
        }
        query
    }

    pub fn shows(&self, zone: Zone) -> bool {
        self.zones.is_empty() || self.zones.contains(&zone)
    }
}

/// One commune: how far its people live from the nearest help.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommuneCoverage {
    pub insee: Insee,
    pub nom: String,
    pub epci: Siren,
    pub zone: Zone,
    pub population: u32,
    /// Places counted inside the commune.
    pub lieux: usize,
    /// Great-circle km from the commune's population point to the nearest place, rounded
    /// to the metre; none when no place counts at all.
    pub distance_km: Option<f64>,
    pub lieu_le_plus_proche: Option<String>,
}

/// People farther than a threshold from any help.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Beyond {
    pub seuil_km: u32,
    pub population: u64,
    /// Share of the area's population, in percent, one decimal.
    pub part_pourcent: f64,
}

/// The indicators of an area (département, zone, EPCI).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicators {
    pub communes: usize,
    pub population: u64,
    pub lieux: usize,
    /// One decimal.
    pub lieux_pour_10000_habitants: f64,
    /// One per threshold of `THRESHOLDS_KM`.
    pub population_eloignee: Vec<Beyond>,
    /// Half of the people live closer than this (population-weighted median), km.
    pub distance_mediane_km: Option<f64>,
    /// The farthest commune's distance, km.
    pub distance_max_km: Option<f64>,
    /// Communes with no help within `GAP_KM`.
    pub communes_sans_aide: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneIndicators {
    pub zone: Zone,
    pub indicateurs: Indicators,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpciIndicators {
    pub siren: Siren,
    pub nom: String,
    pub zone: Zone,
    pub indicateurs: Indicators,
}

/// Events of one zone × theme, or zone × activity type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell<T> {
    pub zone: Zone,
    pub valeur: T,
    pub evenements: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Week {
    /// Monday of the week.
    pub lundi: NaiveDate,
    pub evenements: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneTowns {
    pub zone: Zone,
    /// Distinct communes hosting at least one event, by name.
    pub communes: Vec<String>,
}

/// How an edition of the programme is spread over zones, themes, types and weeks. Cancelled
/// events do not count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    pub edition: Option<u16>,
    pub evenements: usize,
    pub par_theme: Vec<Cell<Theme>>,
    pub par_type: Vec<Cell<ActivityType>>,
    /// Every week from the first event to the last, empty ones included.
    pub par_semaine: Vec<Week>,
    /// The empty cells, in words ("Ouest : aucun événement sur la santé").
    pub manques: Vec<String>,
    pub villes: Vec<ZoneTowns>,
}

/// Everything `/couverture` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub departement: Indicators,
    pub zones: Vec<ZoneIndicators>,
    pub epci: Vec<EpciIndicators>,
    /// By INSEE code.
    pub communes: Vec<CommuneCoverage>,
    /// Communes without help within `GAP_KM`, most populated first.
    pub sans_aide: Vec<CommuneCoverage>,
    pub programme: Balance,
}

/// Classes of the choropleth, for its legend and its colours: upper bounds in km.
pub const DISTANCE_CLASSES_KM: [f64; 4] = [5.0, 10.0, 15.0, 20.0];

/// Colours of the classes, light = near to dark = far (ColorBrewer YlOrRd, readable in grey
/// too), then "no help counts at all": the map's fills and the page's legend.
pub const CLASS_COLOURS: [&str; 6] = [
    "#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026", "#3d3d3d",
];

/// The class of a distance: 0 (< 5 km) to 4 (> 20 km), 5 when no help counts at all.
pub fn distance_class(distance_km: Option<f64>) -> usize {
    match distance_km {
        None => DISTANCE_CLASSES_KM.len() + 1,
        Some(d) => DISTANCE_CLASSES_KM
            .iter()
            .position(|bound| d <= *bound)
            .unwrap_or(DISTANCE_CLASSES_KM.len()),
    }
}

/// The legend label of a class, in words.
pub fn distance_class_label(class: usize) -> String {
    let b = DISTANCE_CLASSES_KM;
    match class {
        0 => format!("{} km ou moins", b[0]),
        c if c < b.len() => format!("de {} à {} km", b[c - 1], b[c]),
        c if c == b.len() => format!("plus de {} km", b[b.len() - 1]),
        _ => "aucun lieu ne correspond".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<CoverageFilter, FilterError> {
        crate::model::filter::testing::parse(query)
    }

    #[test]
    fn reads_place_filters_zones_and_edition_and_round_trips() {
        let f = parse("zone=Ouest&programme=France Services&frais=Gratuit&edition=2026").unwrap();
        assert_eq!(f.zones, vec![Zone::Ouest]);
        assert!(
            f.places.area.zones.is_empty(),
            "places count wherever they are"
        );
        assert_eq!(f.places.programmes.len(), 1);
        assert_eq!(f.edition, Some(2026));
        let back: CoverageFilter = crate::model::filter::testing::reread(&f.to_query());
        assert_eq!(back, f);
    }

    #[test]
    fn names_the_bad_parameter() {
        for (query, parameter) in [
            ("edition=vingt", "edition"),
            ("zone=Nord", "zone"),
            ("service=Danse", "service"),
        ] {
            assert_eq!(parse(query).unwrap_err().parameter, parameter, "{query}");
        }
    }

    #[test]
    fn classes_include_their_upper_bound() {
        assert_eq!(distance_class(Some(0.0)), 0);
        assert_eq!(distance_class(Some(5.0)), 0);
        assert_eq!(distance_class(Some(5.001)), 1);
        assert_eq!(distance_class(Some(15.0)), 2);
        assert_eq!(distance_class(Some(20.5)), 4);
        assert_eq!(distance_class(None), 5);
        assert_eq!(distance_class_label(2), "de 10 à 15 km");
        assert_eq!(distance_class_label(4), "plus de 20 km");
    }
}
