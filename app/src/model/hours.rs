//! Opening hours (OSM `opening_hours` syntax), evaluated on the server at Paris time.
//! Hours a place gives are checked when the dataset loads, so evaluation here cannot fail on
//! served data; an unparsable string counts as "unknown", never as open.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Paris;
use opening_hours::OpeningHours;

/// Why a string is not valid OSM opening hours, if it is not.
pub fn check(osm: &str) -> Result<(), String> {
    osm.parse::<OpeningHours>()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Now, on the wall clocks of the département.
pub fn paris_now() -> NaiveDateTime {
    Utc::now().with_timezone(&Paris).naive_local()
}

pub fn is_open_at(osm: &str, at: NaiveDateTime) -> bool {
    osm.parse::<OpeningHours>().is_ok_and(|oh| oh.is_open(at))
}

/// Open at some time of `day`.
pub fn is_open_on(osm: &str, day: NaiveDate) -> bool {
    let (Some(start), Some(end)) = (
        day.and_hms_opt(0, 0, 0),
        day.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0)),
    ) else {
        return false;
    };
    osm.parse::<OpeningHours>().is_ok_and(|oh| {
        oh.iter_range(start, end)
            .any(|range| range.kind == opening_hours::RuleKind::Open)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn later_rules_override_earlier_ones_as_osm_says() {
        // Monday to Friday, but Wednesday mornings only.
        let hours = "Mo-Fr 09:00-12:00,14:00-18:00; We 09:00-12:00";
        assert!(is_open_at(hours, at("2026-04-13 10:00")), "Monday morning");
        assert!(!is_open_at(hours, at("2026-04-13 13:00")), "Monday lunch");
        assert!(
            !is_open_at(hours, at("2026-04-15 15:00")),
            "Wednesday afternoon"
        );
        assert!(is_open_on(
            hours,
            NaiveDate::from_ymd_opt(2026, 4, 15).unwrap()
        ));
        assert!(
            !is_open_on(hours, NaiveDate::from_ymd_opt(2026, 4, 18).unwrap()),
            "Saturday"
        );
    }

    #[test]
    fn bad_syntax_is_reported_and_never_open() {
        assert!(check("Mo-Fr 09:00-12:00").is_ok());
        assert!(check("lundi 9h-12h").is_err());
        assert!(!is_open_at("lundi 9h-12h", at("2026-04-13 10:00")));
    }
}
