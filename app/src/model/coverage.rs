//! Coverage of the territory by help places, and balance of an event programme: the figures
//! the server computes (`carto82::coverage`) for `/couverture` and `/api/coverage`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{ActivityType, Theme};
use super::filter::{AreaFilter, PlaceFilter};
use super::query::FilterError;
use super::query::{
    AUDIENCE, COMPETENCE, Documented, EDITION, FEES, FromQuery, OPEN_NOW, OPEN_ON, PROGRAMME, Q,
    Query, QueryWriter, SERVICE, SUPPORT, ZONE,
};
use super::territory::{Insee, Siren, Zone};

/// Distances (km) beyond which people count as far from help.
pub const THRESHOLDS_KM: [u32; 3] = [10, 15, 20];
/// The threshold of the "no help within" list.
pub const GAP_KM: u32 = 15;
/// The most communes `/couverture` draws and lists one by one: a département's (the
/// largest has under 1 000). A whole country's would make a page of 20 MB that nobody
/// reads (issue 18): its table is a download.
pub const COMMUNES_SHOWN: usize = 1000;
/// The most communes without help listed in the page, most people first.
pub const WITHOUT_HELP_SHOWN: usize = 200;

/// Places for 10 000 inhabitants, to one decimal; 0 where nobody lives.
pub fn places_per_10000(places: usize, population: u64) -> f64 {
    if population == 0 {
        0.0
    } else {
        (places as f64 * 100_000.0 / population as f64).round() / 10.0
    }
}

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

impl FromQuery for CoverageFilter {
    const PARAMETERS: &'static [&'static dyn Documented] = &[
        &ZONE,
        &Q,
        &SERVICE,
        &AUDIENCE,
        &SUPPORT,
        &FEES,
        &PROGRAMME,
        &OPEN_NOW,
        &OPEN_ON,
        &COMPETENCE,
        &EDITION,
    ];

    /// The place filters without their area (every place counts, wherever it is), the zones
    /// shown, and the edition.
    fn read(query: &Query) -> Result<CoverageFilter, FilterError> {
        let mut places = PlaceFilter::read(&query.without(AreaFilter::PARAMETERS))?;
        places.area = AreaFilter::default();
        Ok(CoverageFilter {
            places,
            zones: query.all(&ZONE)?,
            edition: query.one(&EDITION)?,
        })
    }

    fn write(&self, w: &mut QueryWriter) {
        w.all(&ZONE, &self.zones);
        self.places.write(w);
        w.one(&EDITION, self.edition.as_ref());
    }
}

impl CoverageFilter {
    pub fn shows(&self, zone: Zone) -> bool {
        self.zones.is_empty() || self.zones.contains(&zone)
    }
}

/// Columns the EPCI table of `/couverture` can be sorted by (`?sort=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Population,
    PlacesPer10000,
    FarBeyondGap,
    MedianDistance,
}

impl SortKey {
    const ALL: [(SortKey, &'static str); 5] = [
        (SortKey::Name, "nom"),
        (SortKey::Population, "population"),
        (SortKey::PlacesPer10000, "lieux"),
        (SortKey::FarBeyondGap, "loin"),
        (SortKey::MedianDistance, "mediane"),
    ];

    /// The values of `sort`.
    pub const NAMES: &'static [&'static str] = &["nom", "population", "lieux", "loin", "mediane"];

    pub fn read(value: &str) -> Result<SortKey, String> {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == value)
            .map(|(s, _)| *s)
            .ok_or_else(|| format!("« {value} » : {} attendu", Self::NAMES.join(", ")))
    }

    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map(|(_, k)| *k)
            .unwrap_or("nom")
    }

    /// By name A to Z; every other column with the most worrying first (most people, fewest
    /// places for them, most people far away, farthest median).
    pub fn sort(self, epci: &mut [EpciIndicators]) {
        let far_share = |i: &Indicators| {
            i.population_eloignee
                .iter()
                .find(|b| b.seuil_km == GAP_KM)
                .map_or(0.0, |b| b.part_pourcent)
        };
        match self {
            SortKey::Name => epci.sort_by(|a, b| a.nom.cmp(&b.nom)),
            SortKey::Population => {
                epci.sort_by_key(|e| std::cmp::Reverse(e.indicateurs.population))
            }
            SortKey::PlacesPer10000 => epci.sort_by(|a, b| {
                a.indicateurs
                    .lieux_pour_10000_habitants
                    .total_cmp(&b.indicateurs.lieux_pour_10000_habitants)
            }),
            SortKey::FarBeyondGap => {
                epci.sort_by(|a, b| far_share(&b.indicateurs).total_cmp(&far_share(&a.indicateurs)))
            }
            SortKey::MedianDistance => epci.sort_by(|a, b| {
                b.indicateurs
                    .distance_mediane_km
                    .unwrap_or(f64::MAX)
                    .total_cmp(&a.indicateurs.distance_mediane_km.unwrap_or(f64::MAX))
            }),
        }
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
    /// Their hours open in the current week, summed (places without known hours add none).
    pub heures_par_semaine: f64,
    /// Of its places, those whose hours are not known.
    pub lieux_sans_horaires: usize,
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
    /// Hours open this week, all places together, per 10 000 inhabitants; one decimal.
    pub heures_pour_10000_habitants: f64,
    /// Places whose hours are not known: they count as places, not in the hours.
    pub lieux_sans_horaires: usize,
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
    /// Every event counted (cancelled ones aside), the flagship week's included.
    pub evenements: usize,
    /// The flagship week's events: the tables below count the local events only.
    pub semaine_phare: FlagshipWeek,
    pub par_theme: Vec<Cell<Theme>>,
    pub par_type: Vec<Cell<ActivityType>>,
    /// Every week from the first event to the last, empty ones included.
    pub par_semaine: Vec<Week>,
    /// The empty cells, in words ("Ouest : aucun événement sur la santé").
    pub manques: Vec<String>,
    pub villes: Vec<ZoneTowns>,
}

/// The flagship week of an edition (`semaine_phare` events).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FlagshipWeek {
    pub evenements: usize,
    /// Its first and last days, when it has events.
    pub du: Option<chrono::NaiveDate>,
    pub au: Option<chrono::NaiveDate>,
    pub communes: Vec<String>,
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
    /// For each competence, who in each zone shown can help (issue 15).
    #[serde(default)]
    pub competences: Vec<CompetenceCoverage>,
}

/// One competence across the zones: how many actors serve each, and how many people live
/// where one of them serves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetenceCoverage {
    pub competence: crate::model::Competence,
    pub zones: Vec<CompetenceInZone>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetenceInZone {
    pub zone: Zone,
    pub acteurs: usize,
    /// Inhabitants of the zone's communes that one of these actors serves.
    pub population_desservie: u64,
    pub population: u64,
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
        let back = CoverageFilter::from_query_string(&f.to_query()).unwrap();
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
