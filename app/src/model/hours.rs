//! Opening hours (OSM `opening_hours` syntax), evaluated on the server at Paris time.
//! Hours a place gives are checked when the dataset loads, so evaluation here cannot fail on
//! served data; an unparsable string counts as "unknown", never as open.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Europe::Paris;
use opening_hours::OpeningHours;

/// Why a string is not valid OSM opening hours, if it is not.
pub fn check(osm: &str) -> Result<(), String> {
    // Many places give the same hours (a whole country's places: a few thousand strings for
    // tens of thousands of places), and parsing is the dearest check of a place: each string
    // is parsed once per thread while the memory stays bounded.
    const KEPT: usize = 4096;
    thread_local! {
        static CHECKED: std::cell::RefCell<std::collections::HashMap<String, Result<(), String>>> =
            Default::default();
    }
    CHECKED.with_borrow_mut(|checked| {
        if let Some(known) = checked.get(osm) {
            return known.clone();
        }
        let result = osm
            .parse::<OpeningHours>()
            .map(|_| ())
            .map_err(|e| e.to_string());
        if checked.len() >= KEPT {
            checked.clear();
        }
        checked.insert(osm.to_owned(), result.clone());
        result
    })
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

/// Hours open in the week that starts on `monday` (issue 13, item 19: a town hall open 3
/// hours a week is not the help of a France services open 35); none if unreadable.
pub fn weekly_hours(osm: &str, monday: NaiveDate) -> Option<f64> {
    let start = monday.and_hms_opt(0, 0, 0)?;
    let end = start + chrono::Duration::days(7);
    let hours = osm.parse::<OpeningHours>().ok()?;
    let minutes: i64 = hours
        .iter_range(start, end)
        .filter(|range| range.kind == opening_hours::RuleKind::Open)
        .map(|range| (range.range.end - range.range.start).num_minutes())
        .sum();
    Some(minutes as f64 / 60.0)
}

/// A week of opening hours as people fill it: for each day from Monday, the times it is
/// open (start, end), in order.
pub type Week = [Vec<(NaiveTime, NaiveTime)>; 7];

/// The hours `osm` gives in the week that starts on `monday`, day by day; none if
/// unreadable. Rules that depend on the date (holidays, weeks of the year) give that week's.
pub fn week_of(osm: &str, monday: NaiveDate) -> Option<Week> {
    let start = monday.and_hms_opt(0, 0, 0)?;
    let hours = osm.parse::<OpeningHours>().ok()?;
    let mut week: Week = Default::default();
    for range in hours.iter_range(start, start + chrono::Duration::days(7)) {
        if range.kind != opening_hours::RuleKind::Open {
            continue;
        }
        let day = (range.range.start.date() - monday).num_days();
        // An opening past midnight is cut at the end of its first day.
        let end = if range.range.end.date() == range.range.start.date() {
            range.range.end.time()
        } else {
            NaiveTime::from_hms_opt(23, 59, 0)?
        };
        if let Some(times) = usize::try_from(day).ok().and_then(|d| week.get_mut(d)) {
            times.push((range.range.start.time(), end));
        }
    }
    Some(week)
}

/// The OSM `opening_hours` text of `week`, days of the same hours grouped
/// (`Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00`); none when it is never open.
pub fn to_osm(week: &Week) -> Option<String> {
    const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    let mut rules: Vec<String> = Vec::new();
    let mut day = 0;
    while day < 7 {
        let mut last = day;
        while last + 1 < 7 && week[last + 1] == week[day] {
            last += 1;
        }
        if !week[day].is_empty() {
            let days = match last - day {
                0 => DAYS[day].to_owned(),
                1 => format!("{},{}", DAYS[day], DAYS[last]),
                _ => format!("{}-{}", DAYS[day], DAYS[last]),
            };
            let times: Vec<String> = week[day]
                .iter()
                .map(|(s, e)| format!("{}-{}", s.format("%H:%M"), e.format("%H:%M")))
                .collect();
            rules.push(format!("{days} {}", times.join(",")));
        }
        day = last + 1;
    }
    (!rules.is_empty()).then(|| rules.join("; "))
}

/// The Monday of the week of `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Whether a place is open at `at`, and until or from when, in plain words:
/// "Ouvert maintenant, jusqu'à 12 h", "Fermé maintenant. Ouvre demain à 9 h".
/// None when the hours are unknown.
pub fn status_sentence(osm: &str, at: NaiveDateTime) -> Option<String> {
    let hours = osm.parse::<OpeningHours>().ok()?;
    let change = hours.next_change(at);
    let next = change.map(|t| when_fr(at, t));
    Some(match (hours.is_open(at), next) {
        (true, Some(_)) if change.is_some_and(|t| t.date() == at.date()) => {
            format!(
                "Ouvert maintenant, jusqu'à {}.",
                time_fr(change.expect("some"))
            )
        }
        (true, Some(next)) => format!("Ouvert maintenant, jusqu'à {next}."),
        (true, None) => "Ouvert maintenant.".to_owned(),
        (false, Some(next)) => format!("Fermé maintenant. Ouvre {next}."),
        (false, None) => "Fermé maintenant.".to_owned(),
    })
}

fn time_fr(at: NaiveDateTime) -> String {
    use chrono::Timelike;
    crate::format::time_of_day_fr(at.hour(), at.minute())
}

/// "aujourd'hui à 14 h", "demain à 9 h", "mardi à 9 h 30" within a week, else
/// "le 3 juin 2026 à 9 h".
fn when_fr(now: NaiveDateTime, at: NaiveDateTime) -> String {
    use chrono::Datelike;
    let time = time_fr(at);
    let days = (at.date() - now.date()).num_days();
    const WEEKDAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    match days {
        0 => format!("aujourd'hui à {time}"),
        1 => format!("demain à {time}"),
        2..=6 => format!(
            "{} à {time}",
            WEEKDAYS[at.weekday().num_days_from_monday() as usize]
        ),
        _ => format!("le {} à {time}", crate::format::date_fr(at.date())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_whether_open_and_until_or_from_when() {
        let hours = "Mo-Fr 09:00-12:00,14:00-17:30";
        // Monday 13 April 2026.
        assert_eq!(
            status_sentence(hours, at("2026-04-13 10:00")).unwrap(),
            "Ouvert maintenant, jusqu'à 12 h."
        );
        assert_eq!(
            status_sentence(hours, at("2026-04-13 12:30")).unwrap(),
            "Fermé maintenant. Ouvre aujourd'hui à 14 h."
        );
        assert_eq!(
            status_sentence(hours, at("2026-04-13 18:00")).unwrap(),
            "Fermé maintenant. Ouvre demain à 9 h."
        );
        // Friday evening: next opening on Monday.
        assert_eq!(
            status_sentence(hours, at("2026-04-17 18:00")).unwrap(),
            "Fermé maintenant. Ouvre lundi à 9 h."
        );
        assert_eq!(status_sentence("lundi 9h", at("2026-04-13 10:00")), None);
    }

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
    fn hours_of_a_week_add_up() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(
            monday_of(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()),
            monday
        );
        assert_eq!(
            weekly_hours("Mo-Fr 09:00-12:00,14:00-17:00", monday),
            Some(30.0)
        );
        assert_eq!(
            weekly_hours("Tu 14:00-17:00; Sa 09:30-12:00", monday),
            Some(5.5)
        );
        assert_eq!(weekly_hours("not hours", monday), None);
    }

    #[test]
    fn a_week_goes_to_a_grid_and_back() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let hours = "Mo-Fr 09:00-12:00,14:00-17:00; We 09:00-12:00; Sa 10:00-12:00";
        let week = week_of(hours, monday).unwrap();
        assert_eq!(week[2].len(), 1, "Wednesday mornings only");
        assert!(week[6].is_empty(), "closed on Sunday");
        assert_eq!(
            to_osm(&week).unwrap(),
            "Mo,Tu 09:00-12:00,14:00-17:00; We 09:00-12:00; Th,Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00"
        );
        assert_eq!(weekly_hours(&to_osm(&week).unwrap(), monday), Some(29.0));
        assert_eq!(to_osm(&Week::default()), None);
        assert_eq!(week_of("lundi 9h", monday), None);
    }

    #[test]
    fn bad_syntax_is_reported_and_never_open() {
        assert!(check("Mo-Fr 09:00-12:00").is_ok());
        assert!(check("lundi 9h-12h").is_err());
        assert!(!is_open_at("lundi 9h-12h", at("2026-04-13 10:00")));
    }
}
