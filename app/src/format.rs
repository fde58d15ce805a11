//! Plain-French formatting of values shown to residents.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "1 décembre 2022"
pub fn date_fr(date: NaiveDate) -> String {
    let day = date.day();
    let month = MONTHS[date.month0() as usize];
    let day = if day == 1 {
        "1er".to_owned()
    } else {
        day.to_string()
    };
    format!("{day} {month} {}", date.year())
}

/// "lundi 7 décembre 2026"
pub fn day_fr(date: NaiveDate) -> String {
    format!(
        "{} {}",
        WEEKDAYS[date.weekday().num_days_from_monday() as usize],
        date_fr(date)
    )
}

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// "14 h", "14 h 30": the one way the site says a time of day.
pub fn time_of_day_fr(hour: u32, minute: u32) -> String {
    match minute {
        0 => format!("{hour} h"),
        m => format!("{hour} h {m:02}"),
    }
}

fn time_fr(at: DateTime<FixedOffset>) -> String {
    time_of_day_fr(at.hour(), at.minute())
}

/// "mardi 14 avril 2026, 14 h – 16 h", in the slot's own (Paris) time; the end's day is
/// named when it differs. The year is always said: a programme is seen long after it ran.
pub fn slot_fr(debut: DateTime<FixedOffset>, fin: DateTime<FixedOffset>) -> String {
    let day = |at: DateTime<FixedOffset>| {
        let d = at.date_naive();
        let n = if d.day() == 1 {
            "1er".to_owned()
        } else {
            d.day().to_string()
        };
        format!(
            "{} {n} {} {}",
            WEEKDAYS[d.weekday().num_days_from_monday() as usize],
            MONTHS[d.month0() as usize],
            d.year()
        )
    };
    if debut.date_naive() == fin.date_naive() {
        format!("{}, {} – {}", day(debut), time_fr(debut), time_fr(fin))
    } else {
        format!(
            "{}, {} – {}, {}",
            day(debut),
            time_fr(debut),
            day(fin),
            time_fr(fin)
        )
    }
}

/// The text with its first letter in capitals ("lundi 7 décembre" → "Lundi 7 décembre").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "09:30" → "9 h 30", "12:00" → "12 h"; anything else as given.
fn clock_fr(hhmm: &str) -> String {
    let parsed = hhmm
        .trim()
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse().ok()?, m.parse().ok()?)));
    match parsed {
        Some((h, m)) => time_of_day_fr(h, m),
        None => hhmm.trim().to_owned(),
    }
}

/// The times of a day, OSM style (`09:30-12:00,13:30-16:00`), the one way every page says
/// hours: "9 h 30 – 12 h et 13 h 30 – 16 h" (issue 13, item 23).
pub fn hours_fr(times: &str) -> String {
    times
        .split(',')
        .map(|range| match range.split_once('-') {
            Some((from, to)) => format!("{} – {}", clock_fr(from), clock_fr(to)),
            None => clock_fr(range),
        })
        .collect::<Vec<_>>()
        .join(" et ")
}

/// "265 817" (non-breaking space between thousands).
pub fn int_fr(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// "13,3 %"
pub fn percent_fr(p: f64) -> String {
    let text = format!("{p:.1}").replace('.', ",");
    format!("{}\u{a0}%", text.strip_suffix(",0").unwrap_or(&text))
}

/// "12,3 km" with a decimal comma and one decimal; "0 km" stays "0 km".
pub fn km_fr(km: f64) -> String {
    let text = format!("{km:.1}").replace('.', ",");
    format!("{} km", text.strip_suffix(",0").unwrap_or(&text))
}

/// "Aucun lieu", "1 lieu", "12 lieux".
pub fn count_places(n: usize) -> String {
    count(n, "Aucun lieu", "lieu", "lieux")
}

/// "Aucun événement", "1 événement", "3 événements".
pub fn count_events(n: usize) -> String {
    count(n, "Aucun événement", "événement", "événements")
}

/// "Aucune ressource", "1 ressource", "3 ressources".
pub fn count_resources(n: usize) -> String {
    count(n, "Aucune ressource", "ressource", "ressources")
}

/// "1 commune", "12 communes" (never "Aucune": said where it is the whole answer).
pub fn count_communes(n: usize) -> String {
    format!("{} {}", int_fr(n as u64), agree(n, "commune", "communes"))
}

/// "1 habitant", "1 250 habitants".
pub fn count_people(n: u64) -> String {
    format!(
        "{} {}",
        int_fr(n),
        agree(n as usize, "habitant", "habitants")
    )
}

/// The singular for none or one, the plural from two (French agreement).
pub fn agree<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n <= 1 { one } else { many }
}

fn count(n: usize, none: &str, one: &str, many: &str) -> String {
    match n {
        0 => none.to_owned(),
        n => format!("{} {}", int_fr(n as u64), agree(n, one, many)),
    }
}

/// "+33563946513" -> "05 63 94 65 13", the way people read and dial it.
pub fn phone_fr(international: &str) -> String {
    let national = match international.strip_prefix("+33") {
        Some(rest) => format!("0{rest}"),
        None => return international.to_owned(),
    };
    let digits: Vec<char> = national.chars().collect();
    digits
        .chunks(2)
        .map(|pair| pair.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads OSM `opening_hours` the way it is written ("Mo-Fr 09:00-12:00,14:00-17:00") in
/// French words, one rule a line. Anything it does not recognise is shown as given.
pub fn hours_lines(osm: &str) -> Vec<String> {
    const DAYS: [(&str, &str); 8] = [
        ("Mo", "lundi"),
        ("Tu", "mardi"),
        ("We", "mercredi"),
        ("Th", "jeudi"),
        ("Fr", "vendredi"),
        ("Sa", "samedi"),
        ("Su", "dimanche"),
        ("PH", "jours fériés"),
    ];
    let day = |code: &str| DAYS.iter().find(|(c, _)| *c == code).map(|(_, fr)| *fr);
    let days_fr = |spec: &str| -> Option<String> {
        spec.split(',')
            .map(|part| match part.split_once('-') {
                Some((a, b)) => Some(format!("du {} au {}", day(a)?, day(b)?)),
                None => day(part).map(str::to_owned),
            })
            .collect::<Option<Vec<_>>>()
            .map(|v| v.join(", "))
    };
    osm.split(';')
        .map(str::trim)
        .filter(|rule| !rule.is_empty())
        .map(|rule| match rule.split_once(' ') {
            Some((days, times)) => match (days_fr(days), times.trim()) {
                (Some(d), "off") => capitalised(&format!("{d} : fermé")),
                (Some(d), t) => capitalised(&format!("{d} : {}", hours_fr(t))),
                (None, _) => rule.to_owned(),
            },
            None => rule.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_spoken() {
        let d = NaiveDate::from_ymd_opt(2022, 12, 1).unwrap();
        assert_eq!(date_fr(d), "1er décembre 2022");
        let d = NaiveDate::from_ymd_opt(2026, 4, 14).unwrap();
        assert_eq!(date_fr(d), "14 avril 2026");
    }

    #[test]
    fn slots_read_as_spoken() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(
            slot_fr(
                at("2026-04-14T14:00:00+02:00"),
                at("2026-04-14T16:30:00+02:00")
            ),
            "mardi 14 avril 2026, 14 h – 16 h 30"
        );
        assert_eq!(
            slot_fr(
                at("2026-05-01T09:05:00+02:00"),
                at("2026-05-02T12:00:00+02:00")
            ),
            "vendredi 1er mai 2026, 9 h 05 – samedi 2 mai 2026, 12 h"
        );
    }

    #[test]
    fn numbers_read_the_french_way() {
        assert_eq!(int_fr(265_817), "265\u{a0}817");
        assert_eq!(int_fr(644), "644");
        assert_eq!(int_fr(1_000_000), "1\u{a0}000\u{a0}000");
        assert_eq!(percent_fr(13.3), "13,3\u{a0}%");
        assert_eq!(percent_fr(0.0), "0\u{a0}%");
    }

    #[test]
    fn distances_use_a_decimal_comma() {
        assert_eq!(km_fr(3.24), "3,2 km");
        assert_eq!(km_fr(15.0), "15 km");
    }

    #[test]
    fn phone_numbers_group_by_two() {
        assert_eq!(phone_fr("+33563946513"), "05 63 94 65 13");
        assert_eq!(phone_fr("3939"), "3939");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count_places(0), "Aucun lieu");
        assert_eq!(count_places(1), "1 lieu");
        assert_eq!(count_places(57), "57 lieux");
    }
}
