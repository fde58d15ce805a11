//! Where a mobile service (a France services bus) stops: a commune, a weekday, every week or
//! every other one, and the hours there (issue 13, item 1). The source describes them in
//! words; `data/lieux.geojson` stores them as `arrets`, each located at its commune's point.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::place::{Location, Position};
use super::territory::Insee;
use super::vocabulary::vocabulary;

vocabulary!(
    /// The day of a stop.
    Jour {
        Lundi => "lundi",
        Mardi => "mardi",
        Mercredi => "mercredi",
        Jeudi => "jeudi",
        Vendredi => "vendredi",
        Samedi => "samedi",
        Dimanche => "dimanche",
    }
);

vocabulary!(
    /// Which weeks a stop is served, by ISO week number.
    Semaines {
        Toutes => "toutes",
        Paires => "paires",
        Impaires => "impaires",
    }
);

/// One stop as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// INSEE code of the commune where it stops.
    pub commune: Insee,
    /// Where in the commune, when the source says ("Sarlac", "centre-ville").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lieu: Option<String>,
    pub jour: Jour,
    #[serde(default = "every_week")]
    pub semaines: Semaines,
    /// The times of that day, OSM style: `09:30-12:00,13:30-16:00`.
    pub horaires: String,
}

fn every_week() -> Semaines {
    Semaines::Toutes
}

/// A stop with its commune's name and point, computed by the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocatedStop {
    pub stop: Stop,
    pub position: Position,
    pub location: Location,
}

impl Jour {
    fn weekday(self) -> Weekday {
        match self {
            Jour::Lundi => Weekday::Mon,
            Jour::Mardi => Weekday::Tue,
            Jour::Mercredi => Weekday::Wed,
            Jour::Jeudi => Weekday::Thu,
            Jour::Vendredi => Weekday::Fri,
            Jour::Samedi => Weekday::Sat,
            Jour::Dimanche => Weekday::Sun,
        }
    }

    /// The OSM day code, to check the hours with the opening-hours grammar.
    pub fn osm(self) -> &'static str {
        ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][self.weekday().num_days_from_monday() as usize]
    }
}

impl Stop {
    /// The first day from `today` (included) the service stops here.
    pub fn next_date(&self, today: NaiveDate) -> NaiveDate {
        (0..14)
            .filter_map(|n| today.checked_add_days(Days::new(n)))
            .find(|d| d.weekday() == self.jour.weekday() && self.serves_week(*d))
            .unwrap_or(today)
    }

    fn serves_week(&self, day: NaiveDate) -> bool {
        let even = day.iso_week().week().is_multiple_of(2);
        match self.semaines {
            Semaines::Toutes => true,
            Semaines::Paires => even,
            Semaines::Impaires => !even,
        }
    }

    /// "le lundi, une semaine sur deux (semaines paires)"
    pub fn when_fr(&self) -> String {
        match self.semaines {
            Semaines::Toutes => format!("chaque {}", self.jour),
            Semaines::Paires => format!("le {}, une semaine sur deux (semaines paires)", self.jour),
            Semaines::Impaires => {
                format!("le {}, une semaine sur deux (semaines impaires)", self.jour)
            }
        }
    }

    /// "9 h 30 – 12 h et 13 h 30 – 16 h"
    pub fn hours_fr(&self) -> String {
        crate::format::hours_fr(&self.horaires)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(jour: Jour, semaines: Semaines) -> Stop {
        Stop {
            commune: "82068".parse().unwrap(),
            lieu: None,
            jour,
            semaines,
            horaires: "09:30-12:00,13:30-16:00".into(),
        }
    }

    #[test]
    fn the_next_date_follows_the_day_and_the_parity_of_the_week() {
        // Monday 30 November 2026 is in ISO week 49 (odd).
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(monday.iso_week().week(), 49);
        let odd = stop(Jour::Lundi, Semaines::Impaires);
        assert_eq!(odd.next_date(monday), monday);
        let even = stop(Jour::Lundi, Semaines::Paires);
        assert_eq!(
            even.next_date(monday),
            NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
        );
        let thursday = stop(Jour::Jeudi, Semaines::Toutes);
        assert_eq!(
            thursday.next_date(monday),
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
        );
        assert_eq!(
            stop(Jour::Jeudi, Semaines::Paires).next_date(monday),
            NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
        );
    }

    #[test]
    fn stops_say_when_in_words() {
        let s = stop(Jour::Lundi, Semaines::Paires);
        assert_eq!(
            s.when_fr(),
            "le lundi, une semaine sur deux (semaines paires)"
        );
        assert_eq!(s.hours_fr(), "9 h 30 – 12 h et 13 h 30 – 16 h");
        assert_eq!(
            stop(Jour::Mardi, Semaines::Toutes).when_fr(),
            "chaque mardi"
        );
    }
}
