//! Plain-French formatting of values shown to residents.

use chrono::{Datelike, NaiveDate};

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

/// "1 lieu", "12 lieux", "aucun lieu".
pub fn count_places(n: usize) -> String {
    match n {
        0 => "Aucun lieu".to_owned(),
        1 => "1 lieu".to_owned(),
        n => format!("{n} lieux"),
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
