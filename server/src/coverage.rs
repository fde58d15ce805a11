//! Who lives far from help, and how balanced a programme is: the figures of `/couverture`
//! and `/api/coverage`, computed from the dataset (no state, deterministic).
//!
//! Nearest places come from an R-tree of points on the unit sphere: the straight-line
//! (chord) distance between two such points grows with their great-circle distance, so the
//! R-tree's Euclidean nearest neighbour is the great-circle nearest one.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use geo::{Distance, Haversine, Point};
use rstar::RTree;
use rstar::primitives::GeomWithData;

use app::model::coverage::{
    Balance, Beyond, Cell, CommuneCoverage, CompetenceCoverage, CompetenceInZone, Coverage,
    CoverageFilter, EpciIndicators, FlagshipWeek, GAP_KM, Indicators, THRESHOLDS_KM, Week,
    ZoneIndicators, ZoneTowns, places_per_10000,
};
use app::model::hours;
use app::model::{
    ActivityType, Actor, Competence, Event, EventStatus, Place, Position, Theme, Zone,
};

use crate::dataset::{Commune, Dataset, Epci};

/// Every figure for the places `filter` chooses in `dataset`: computed once per dataset
/// version, week and filter (a whole country's take most of a second; issue 18).
pub fn of(dataset: &Dataset, filter: &CoverageFilter) -> Coverage {
    let key = format!(
        "{} {}",
        this_week(),
        app::model::FromQuery::to_query(filter)
    );
    if let Some(kept) = dataset.coverages.get(&key) {
        return Coverage::clone(&kept);
    }
    let coverage = of_places(
        dataset,
        &dataset.records.select::<Place>(&filter.places),
        filter,
    );
    dataset
        .coverages
        .insert(key, std::sync::Arc::new(coverage.clone()));
    coverage
}

/// Every figure, with `places` as the help (already chosen by `filter.places`).
pub fn of_places(dataset: &Dataset, places: &[Place], filter: &CoverageFilter) -> Coverage {
    let mut coverage = compute(
        &dataset.territory.communes,
        &dataset.territory.epcis,
        places,
        &dataset.records.events,
        filter,
        this_week(),
    );
    coverage.competences =
        competences(&dataset.territory.communes, &dataset.records.actors, filter);
    coverage
}

/// The Monday of the current week at Paris: opening hours are counted over it.
fn this_week() -> NaiveDate {
    hours::monday_of(hours::paris_now().date())
}

/// Computes every figure. `places` are those that count as help (already filtered), `events`
/// all events of the dataset (the edition is chosen here).
pub fn compute(
    communes: &[Commune],
    epcis: &[Epci],
    places: &[Place],
    events: &[Event],
    filter: &CoverageFilter,
    week: NaiveDate,
) -> Coverage {
    let nearest = NearestPlace::new(places);
    // Per commune: places, hours open this week, places without known hours.
    let mut in_commune: BTreeMap<&app::model::Insee, (usize, f64, usize)> = BTreeMap::new();
    for p in places {
        let entry = in_commune.entry(&p.location.insee_localise).or_default();
        entry.0 += 1;
        match p
            .properties
            .horaires
            .as_deref()
            .and_then(|h| hours::weekly_hours(h, week))
        {
            Some(h) => entry.1 += h,
            None => entry.2 += 1,
        }
    }
    let all: Vec<CommuneCoverage> = communes
        .iter()
        .map(|c| {
            let found = nearest.find(&c.label);
            CommuneCoverage {
                insee: c.insee.clone(),
                nom: c.nom.clone(),
                epci: c.epci.clone(),
                zone: c.zone,
                population: c.population,
                lieux: in_commune.get(&c.insee).map_or(0, |e| e.0),
                heures_par_semaine: in_commune.get(&c.insee).map_or(0.0, |e| e.1),
                lieux_sans_horaires: in_commune.get(&c.insee).map_or(0, |e| e.2),
                distance_km: found.map(|(_, km)| km),
                lieu_le_plus_proche: found.map(|(p, _)| p.properties.display_name()),
            }
        })
        .collect();

    // Each commune once into its zone and its EPCI: indicators are then linear overall.
    let mut by_zone: BTreeMap<Zone, Vec<&CommuneCoverage>> = BTreeMap::new();
    let mut by_epci: BTreeMap<&app::model::Siren, Vec<&CommuneCoverage>> = BTreeMap::new();
    for c in &all {
        by_zone.entry(c.zone).or_default().push(c);
        by_epci.entry(&c.epci).or_default().push(c);
    }
    let of = |group: Option<&Vec<&CommuneCoverage>>| {
        indicators(group.map(Vec::as_slice).unwrap_or_default().iter().copied())
    };
    let departement = indicators(all.iter());
    let zones = Zone::ALL
        .into_iter()
        .filter(|z| filter.shows(*z))
        .map(|zone| ZoneIndicators {
            zone,
            indicateurs: of(by_zone.get(&zone)),
        })
        .collect();
    let epci = epcis
        .iter()
        .filter(|e| filter.shows(e.zone))
        .map(|e| EpciIndicators {
            siren: e.siren.clone(),
            nom: e.nom.clone(),
            zone: e.zone,
            indicateurs: of(by_epci.get(&e.siren)),
        })
        .collect();
    let shown: Vec<CommuneCoverage> = all.into_iter().filter(|c| filter.shows(c.zone)).collect();
    let mut sans_aide: Vec<CommuneCoverage> = shown
        .iter()
        .filter(|c| is_beyond(c.distance_km, GAP_KM))
        .cloned()
        .collect();
    sans_aide.sort_by(|a, b| {
        b.population
            .cmp(&a.population)
            .then_with(|| a.insee.cmp(&b.insee))
    });
    Coverage {
        departement,
        zones,
        epci,
        communes: shown,
        sans_aide,
        programme: balance(events, filter.edition),
        competences: Vec::new(),
    }
}

/// For each competence and each zone shown: the actors who serve a commune of the zone
/// (by their places or the territory they declare) and the people of those communes.
pub fn competences(
    communes: &[Commune],
    actors: &[Actor],
    filter: &CoverageFilter,
) -> Vec<CompetenceCoverage> {
    Competence::ALL
        .iter()
        .map(|&competence| {
            let able: Vec<&Actor> = actors
                .iter()
                .filter(|a| a.competences.contains(&competence))
                .collect();
            let zones = Zone::ALL
                .into_iter()
                .filter(|z| filter.shows(*z))
                .map(|zone| {
                    let in_zone = communes.iter().filter(|c| c.zone == zone);
                    let served =
                        |c: &&Commune| able.iter().any(|a| a.footprint.communes.contains(&c.insee));
                    CompetenceInZone {
                        zone,
                        acteurs: able
                            .iter()
                            .filter(|a| a.footprint.zones.contains(&zone))
                            .count(),
                        population_desservie: in_zone
                            .clone()
                            .filter(served)
                            .map(|c| u64::from(c.population))
                            .sum(),
                        population: in_zone.map(|c| u64::from(c.population)).sum(),
                    }
                })
                .collect();
            CompetenceCoverage { competence, zones }
        })
        .collect()
}

/// Farther than `km` from any help (no help at all counts as farther than anything).
fn is_beyond(distance_km: Option<f64>, km: u32) -> bool {
    distance_km.is_none_or(|d| d > f64::from(km))
}

struct NearestPlace<'a> {
    places: &'a [Place],
    /// Every point where a place can be met (its address, its stops), with the place's index.
    tree: RTree<GeomWithData<[f64; 3], (usize, Position)>>,
}

impl<'a> NearestPlace<'a> {
    fn new(places: &'a [Place]) -> Self {
        let points = places
            .iter()
            .enumerate()
            // A mobile service helps where it stops too.
            .flat_map(|(i, p)| {
                p.points()
                    .map(move |(at, _)| GeomWithData::new(on_sphere(at), (i, *at)))
            })
            .collect();
        NearestPlace {
            places,
            tree: RTree::bulk_load(points),
        }
    }

    /// The nearest place and its great-circle distance in km, rounded to the metre so that
    /// a commune exactly on a threshold is not pushed over it by rounding noise.
    fn find(&self, from: &Position) -> Option<(&'a Place, f64)> {
        let hit = self.tree.nearest_neighbor(&on_sphere(from))?;
        let (index, point) = hit.data;
        let place = &self.places[index];
        let metres = Haversine.distance(
            Point::new(from.lon, from.lat),
            Point::new(point.lon, point.lat),
        );
        Some((place, metres.round() / 1000.0))
    }
}

fn on_sphere(p: &Position) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn indicators<'a>(communes: impl Iterator<Item = &'a CommuneCoverage> + Clone) -> Indicators {
    let count = communes.clone().count();
    let population: u64 = communes.clone().map(|c| u64::from(c.population)).sum();
    let lieux: usize = communes.clone().map(|c| c.lieux).sum();
    let heures: f64 = communes.clone().map(|c| c.heures_par_semaine).sum();
    let share = |people: u64| {
        if population == 0 {
            0.0
        } else {
            (people as f64 * 1000.0 / population as f64).round() / 10.0
        }
    };
    let population_eloignee = THRESHOLDS_KM
        .iter()
        .map(|&km| {
            let people = communes
                .clone()
                .filter(|c| is_beyond(c.distance_km, km))
                .map(|c| u64::from(c.population))
                .sum();
            Beyond {
                seuil_km: km,
                population: people,
                part_pourcent: share(people),
            }
        })
        .collect();
    let mut by_distance: Vec<(f64, u32)> = communes
        .clone()
        .filter_map(|c| c.distance_km.map(|d| (d, c.population)))
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Half of the people: the first distance at which the running population reaches half.
    let mut running = 0u64;
    let distance_mediane_km = by_distance
        .iter()
        .find(|(_, people)| {
            running += u64::from(*people);
            running * 2 >= population
        })
        .map(|(d, _)| *d);
    Indicators {
        communes: count,
        population,
        lieux,
        lieux_pour_10000_habitants: places_per_10000(lieux, population),
        heures_pour_10000_habitants: if population == 0 {
            0.0
        } else {
            (heures * 100_000.0 / population as f64).round() / 10.0
        },
        lieux_sans_horaires: communes.clone().map(|c| c.lieux_sans_horaires).sum(),
        population_eloignee,
        // Defined only when every commune has a nearest place.
        distance_mediane_km: distance_mediane_km.filter(|_| by_distance.len() == count),
        distance_max_km: by_distance
            .last()
            .map(|(d, _)| *d)
            .filter(|_| by_distance.len() == count),
        communes_sans_aide: communes
            .filter(|c| is_beyond(c.distance_km, GAP_KM))
            .count(),
    }
}

/// The balance of one edition: the one asked for, or the latest in the data.
fn balance(events: &[Event], edition: Option<u16>) -> Balance {
    let edition = edition.or_else(|| app::model::latest_edition(events));
    let counted: Vec<&Event> = events
        .iter()
        .filter(|e| {
            Some(e.properties.edition) == edition && e.properties.statut != EventStatus::Cancelled
        })
        .collect();
    // The flagship week is counted apart: the tables say how the zones' own programme is
    // balanced.
    let (flagship, local): (Vec<&Event>, Vec<&Event>) =
        counted.iter().partition(|e| e.properties.semaine_phare);
    let count = |zone: Zone, keep: &dyn Fn(&Event) -> bool| {
        local
            .iter()
            .filter(|e| e.location.zone == zone && keep(e))
            .count()
    };
    let mut manques = Vec::new();
    let mut par_theme = Vec::new();
    let mut par_type = Vec::new();
    for zone in Zone::ALL {
        for &theme in Theme::ALL {
            let n = count(zone, &|e| e.properties.theme == theme);
            if n == 0 {
                manques.push(format!(
                    "{zone} : aucun événement sur {}",
                    theme_phrase(theme)
                ));
            }
            par_theme.push(Cell {
                zone,
                valeur: theme,
                evenements: n,
            });
        }
        for &kind in ActivityType::ALL {
            let n = count(zone, &|e| e.properties.type_activite == kind);
            // "autre" is the catch-all: none of it is no gap.
            if n == 0 && kind != ActivityType::Autre {
                manques.push(format!("{zone} : {}", none_of_type(kind)));
            }
            par_type.push(Cell {
                zone,
                valeur: kind,
                evenements: n,
            });
        }
    }
    let villes = Zone::ALL
        .into_iter()
        .map(|zone| ZoneTowns {
            zone,
            communes: local
                .iter()
                .filter(|e| e.location.zone == zone)
                .map(|e| e.location.commune_localisee.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        })
        .collect();
    let days = flagship.iter().flat_map(|e| {
        e.properties
            .creneaux
            .iter()
            .flat_map(|s| [s.debut.date_naive(), s.fin.date_naive()])
    });
    let semaine_phare = FlagshipWeek {
        evenements: flagship.len(),
        du: days.clone().min(),
        au: days.max(),
        communes: flagship
            .iter()
            .map(|e| e.location.commune_localisee.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    Balance {
        edition,
        evenements: counted.len(),
        semaine_phare,
        par_theme,
        par_type,
        par_semaine: weeks(&counted),
        manques,
        villes,
    }
}

/// Events per week (by the day of their first slot), from the first week to the last.
fn weeks(events: &[&Event]) -> Vec<Week> {
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for e in events {
        *counts.entry(monday(e.debut().date_naive())).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut lundi = first;
    while lundi <= last {
        weeks.push(Week {
            lundi,
            evenements: counts.get(&lundi).copied().unwrap_or(0),
        });
        lundi += Duration::days(7);
    }
    weeks
}

fn theme_phrase(theme: Theme) -> &'static str {
    match theme {
        Theme::Famille => "la famille",
        Theme::Sante => "la santé",
        Theme::NumeriqueResponsable => "le numérique responsable",
        Theme::Education => "l'éducation",
        Theme::Ia => "l'IA",
    }
}

fn none_of_type(kind: ActivityType) -> &'static str {
    match kind {
        ActivityType::Conference => "aucune conférence",
        ActivityType::TableRonde => "aucune table ronde",
        ActivityType::Atelier => "aucun atelier",
        ActivityType::Exposition => "aucune exposition",
        ActivityType::Rencontre => "aucune rencontre",
        ActivityType::Autre => "aucun événement d'un autre type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{Location, Siren};
    use geo::{Destination, MultiPolygon};
    use serde_json::json;

    const EPCI_A: &str = "200000001";
    const EPCI_B: &str = "200000002";

    fn commune(
        insee: &str,
        population: u32,
        epci: &str,
        zone: Zone,
        lon: f64,
        lat: f64,
    ) -> Commune {
        Commune {
            insee: insee.parse().unwrap(),
            nom: format!("Commune {insee}"),
            codes_postaux: vec![],
            population,
            epci: epci.parse().unwrap(),
            zone,
            shape: MultiPolygon(vec![]),
            label: Position { lon, lat },
        }
    }

    fn epci(siren: &str, zone: Zone) -> Epci {
        Epci {
            siren: siren.parse().unwrap(),
            nom: format!("EPCI {siren}"),
            zone,
            bbox: [0.0, 0.0, 0.0, 0.0],
        }
    }

    fn here(insee: &str, epci: &str, zone: Zone) -> Location {
        Location {
            insee_localise: insee.parse().unwrap(),
            commune_localisee: format!("Commune {insee}"),
            epci_siren: epci.parse::<Siren>().unwrap(),
            epci_nom: String::new(),
            zone,
        }
    }

    /// A Monday: hours are counted over its week.
    fn week() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn place(id: &str, lon: f64, lat: f64, at: Location) -> Place {
        Place {
            properties: serde_json::from_value(json!({
                "id": id, "pivot": "000000000", "nom": format!("Lieu {id}"), "commune": "X",
                "code_postal": "82000", "adresse": "1 rue", "date_maj": "2026-01-01",
                "services": ["Aide aux démarches administratives"],
                "sources": [{"jeu": "T", "id": id, "id_source": id, "date_maj": "2026-01-01"}]
            }))
            .unwrap(),
            position: Position { lon, lat },
            location: at,
            stops: Vec::new(),
            structure: None,
            competences: Vec::new(),
        }
    }

    fn event(id: &str, day: &str, theme: &str, kind: &str, status: &str, at: Location) -> Event {
        Event {
            properties: serde_json::from_value(json!({
                "id": id, "titre": "T", "resume": "R",
                "creneaux": [{"debut": format!("{day}T10:00:00+02:00"), "fin": format!("{day}T12:00:00+02:00")}],
                "lieu_nom": "L", "adresse": "A", "code_postal": "82000", "commune": "C",
                "theme": theme, "type": kind, "public": "tous", "inscription": {"mode": "libre"},
                "prix": "Gratuit", "organisateur": "O", "statut": status, "edition": 2026
            }))
            .unwrap(),
            position: Position { lon: 1.0, lat: 44.0 },
            location: at,
        }
    }

    /// A point `metres` north of (1°, 44°).
    fn north(metres: f64) -> (f64, f64) {
        let p = Haversine.destination(Point::new(1.0, 44.0), 0.0, metres);
        (p.x(), p.y())
    }

    #[test]
    fn distances_are_great_circle_to_the_nearest_place() {
        let communes = [commune("82001", 100, EPCI_A, Zone::Est, 1.0, 44.0)];
        let (lon, lat) = north(7_000.0);
        let places = [
            place("loin", 1.0, 44.5, here("82001", EPCI_A, Zone::Est)),
            place("pres", lon, lat, here("82001", EPCI_A, Zone::Est)),
        ];
        let c = compute(
            &communes,
            &[epci(EPCI_A, Zone::Est)],
            &places,
            &[],
            &Default::default(),
            week(),
        );
        assert_eq!(c.communes[0].distance_km, Some(7.0));
        assert_eq!(
            c.communes[0].lieu_le_plus_proche.as_deref(),
            Some("Lieu pres")
        );
        // 0.5° of latitude on the mean Earth radius (6 371 008.8 m): 55 597.5 m.
        let far = compute(
            &communes,
            &[],
            &places[..1],
            &[],
            &Default::default(),
            week(),
        );
        assert_eq!(far.communes[0].distance_km, Some(55.598));
    }

    #[test]
    fn a_commune_exactly_on_a_threshold_is_not_beyond_it() {
        let communes = [commune("82001", 250, EPCI_A, Zone::Est, 1.0, 44.0)];
        let (lon, lat) = north(15_000.0);
        let places = [place("p", lon, lat, here("82002", EPCI_A, Zone::Est))];
        let c = compute(&communes, &[], &places, &[], &Default::default(), week());
        assert_eq!(c.communes[0].distance_km, Some(15.0));
        let beyond: Vec<(u32, u64)> = c
            .departement
            .population_eloignee
            .iter()
            .map(|b| (b.seuil_km, b.population))
            .collect();
        assert_eq!(beyond, vec![(10, 250), (15, 0), (20, 0)]);
        assert!(c.sans_aide.is_empty(), "15 km is within 15 km");
    }

    #[test]
    fn places_weigh_by_their_hours_open_in_the_week() {
        let communes = [
            commune("82001", 5_000, EPCI_A, Zone::Est, 1.0, 44.0),
            commune("82002", 15_000, EPCI_B, Zone::Ouest, 1.1, 44.0),
        ];
        let mut town_hall = place("mairie", 1.0, 44.0, here("82001", EPCI_A, Zone::Est));
        town_hall.properties.horaires = Some("Tu 14:00-17:00".into());
        let mut france_services = place("fs", 1.1, 44.0, here("82002", EPCI_B, Zone::Ouest));
        france_services.properties.horaires = Some("Mo-Fr 09:00-12:00,13:00-17:00".into());
        let unknown = place("inconnu", 1.1, 44.0, here("82002", EPCI_B, Zone::Ouest));
        let c = compute(
            &communes,
            &[],
            &[town_hall, france_services, unknown],
            &[],
            &Default::default(),
            week(),
        );
        // 3 h a week for 5 000 people: 6 h for 10 000.
        let est = &c
            .zones
            .iter()
            .find(|z| z.zone == Zone::Est)
            .unwrap()
            .indicateurs;
        assert_eq!(est.heures_pour_10000_habitants, 6.0);
        // 35 h for 15 000 people: 23,3 h for 10 000; one place without hours, said.
        let ouest = &c
            .zones
            .iter()
            .find(|z| z.zone == Zone::Ouest)
            .unwrap()
            .indicateurs;
        assert_eq!(ouest.heures_pour_10000_habitants, 23.3);
        assert_eq!(ouest.lieux_sans_horaires, 1);
        // 38 h for 20 000 people.
        assert_eq!(c.departement.heures_pour_10000_habitants, 19.0);
    }

    #[test]
    fn no_place_at_all_leaves_everyone_without_help() {
        let communes = [
            commune("82001", 100, EPCI_A, Zone::Est, 1.0, 44.0),
            commune("82002", 300, EPCI_B, Zone::Ouest, 1.1, 44.0),
        ];
        let c = compute(&communes, &[], &[], &[], &Default::default(), week());
        let d = &c.departement;
        assert_eq!(d.lieux, 0);
        assert_eq!(d.lieux_pour_10000_habitants, 0.0);
        assert!(
            d.population_eloignee
                .iter()
                .all(|b| b.population == 400 && b.part_pourcent == 100.0)
        );
        assert_eq!((d.distance_mediane_km, d.distance_max_km), (None, None));
        assert_eq!(d.communes_sans_aide, 2);
        // Most populated first.
        let gaps: Vec<&str> = c.sans_aide.iter().map(|c| c.insee.as_str()).collect();
        assert_eq!(gaps, ["82002", "82001"]);
    }

    #[test]
    fn an_epci_without_place_gets_zero_places_and_its_distances_from_elsewhere() {
        let communes = [
            commune("82001", 1_000, EPCI_A, Zone::Est, 1.0, 44.0),
            commune("82002", 500, EPCI_B, Zone::Est, 1.0, 44.0),
        ];
        let (lon, lat) = north(3_000.0);
        let places = [place("p", lon, lat, here("82001", EPCI_A, Zone::Est))];
        let epcis = [epci(EPCI_A, Zone::Est), epci(EPCI_B, Zone::Est)];
        let c = compute(&communes, &epcis, &places, &[], &Default::default(), week());
        let b = &c.epci[1].indicateurs;
        assert_eq!((b.lieux, b.lieux_pour_10000_habitants), (0, 0.0));
        assert_eq!(b.distance_max_km, Some(3.0));
        let a = &c.epci[0].indicateurs;
        assert_eq!((a.lieux, a.lieux_pour_10000_habitants), (1, 10.0));
    }

    #[test]
    fn the_median_is_weighted_by_population() {
        let at = |m: f64| north(m);
        let communes = [
            commune(
                "82001",
                100,
                EPCI_A,
                Zone::Est,
                at(2_000.0).0,
                at(2_000.0).1,
            ),
            commune(
                "82002",
                300,
                EPCI_A,
                Zone::Est,
                at(8_000.0).0,
                at(8_000.0).1,
            ),
            commune(
                "82003",
                50,
                EPCI_A,
                Zone::Est,
                at(30_000.0).0,
                at(30_000.0).1,
            ),
        ];
        let places = [place("p", 1.0, 44.0, here("82001", EPCI_A, Zone::Est))];
        let c = compute(&communes, &[], &places, &[], &Default::default(), week());
        // 450 people: 100 within 2 km, then 400 within 8 km ≥ half.
        assert_eq!(c.departement.distance_mediane_km, Some(8.0));
        assert_eq!(c.departement.distance_max_km, Some(30.0));
        assert_eq!(c.departement.population_eloignee[2].population, 50);
        assert_eq!(c.departement.population_eloignee[2].part_pourcent, 11.1);
    }

    #[test]
    fn a_zone_filter_only_narrows_what_is_shown() {
        let communes = [
            commune("82001", 100, EPCI_A, Zone::Est, 1.0, 44.0),
            commune("82002", 300, EPCI_B, Zone::Ouest, 0.9, 44.0),
        ];
        // The only place is in the Est: it still serves the Ouest commune.
        let places = [place("p", 1.0, 44.0, here("82001", EPCI_A, Zone::Est))];
        let filter = CoverageFilter {
            zones: vec![Zone::Ouest],
            ..Default::default()
        };
        let epcis = [epci(EPCI_A, Zone::Est), epci(EPCI_B, Zone::Ouest)];
        let c = compute(&communes, &epcis, &places, &[], &filter, week());
        assert_eq!(c.communes.len(), 1);
        assert!(c.communes[0].distance_km.unwrap() < 9.0);
        assert_eq!(c.zones.len(), 1);
        assert_eq!(c.epci.len(), 1);
        assert_eq!(c.departement.population, 400, "the département stays whole");
    }

    #[test]
    fn the_balance_names_empty_cells_weeks_and_towns() {
        let est = here("82001", EPCI_A, Zone::Est);
        let events = [
            event(
                "a",
                "2026-04-14",
                "santé",
                "atelier",
                "programmé",
                est.clone(),
            ),
            event(
                "b",
                "2026-04-29",
                "IA",
                "conférence",
                "complet",
                here("82002", EPCI_A, Zone::Est),
            ),
            event(
                "c",
                "2026-04-15",
                "IA",
                "atelier",
                "annulé",
                here("82003", EPCI_B, Zone::Ouest),
            ),
        ];
        let b = compute(&[], &[], &[], &events, &Default::default(), week()).programme;
        assert_eq!(b.edition, Some(2026));
        assert_eq!(b.evenements, 2, "the cancelled one does not count");
        let est_sante = b
            .par_theme
            .iter()
            .find(|c| c.zone == Zone::Est && c.valeur == Theme::Sante);
        assert_eq!(est_sante.map(|c| c.evenements), Some(1));
        assert!(
            b.manques
                .contains(&"Ouest : aucun événement sur la santé".to_owned())
        );
        assert!(b.manques.contains(&"Ouest : aucun atelier".to_owned()));
        assert!(!b.manques.contains(&"Est : aucun atelier".to_owned()));
        let weeks: Vec<(String, usize)> = b
            .par_semaine
            .iter()
            .map(|w| (w.lundi.to_string(), w.evenements))
            .collect();
        assert_eq!(
            weeks,
            [
                ("2026-04-13".into(), 1),
                ("2026-04-20".into(), 0),
                ("2026-04-27".into(), 1)
            ]
        );
        assert_eq!(b.villes[0].communes, ["Commune 82001", "Commune 82002"]);
        assert!(b.villes[2].communes.is_empty());
        assert_eq!(balance(&events, Some(2025)).evenements, 0);
    }
}
