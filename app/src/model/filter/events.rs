use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::area::{AREA_PARAMETERS, AreaFilter};
use super::{
    FilterError, any_of, by_label, each_pair, list_pair, matches_words, parse_all, parse_date,
    parse_text,
};
use crate::model::event::{ActivityType, Event, EventStatus, Theme};

/// Which events to show (`/api/events?theme=IA&type=atelier&zone=Est&from=2026-04-20`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    pub area: AreaFilter,
    /// Words that must all appear in the title, summary, place or commune.
    pub q: Option<String>,
    pub themes: Vec<Theme>,
    pub types: Vec<ActivityType>,
    pub statuses: Vec<EventStatus>,
    /// Events with a slot on or after this day (local date of the slot).
    pub from: Option<NaiveDate>,
    /// Events with a slot on or before this day.
    pub to: Option<NaiveDate>,
}

/// The parameters `EventFilter::from_query` reads.
pub const EVENT_PARAMETERS: [&str; 12] = [
    AREA_PARAMETERS[0],
    AREA_PARAMETERS[1],
    AREA_PARAMETERS[2],
    AREA_PARAMETERS[3],
    AREA_PARAMETERS[4],
    AREA_PARAMETERS[5],
    "q",
    "theme",
    "type",
    "status",
    "from",
    "to",
];

impl EventFilter {
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Result<Self, FilterError> {
        let mut filter = EventFilter {
            area: AreaFilter::from_query(pairs.clone())?,
            ..EventFilter::default()
        };
        each_pair(pairs, |key, value| {
            match key {
                "q" => filter.q = Some(parse_text(value)?),
                "theme" => filter
                    .themes
                    .extend(parse_all(value, by_label(Theme::ALL))?),
                "type" => filter
                    .types
                    .extend(parse_all(value, by_label(ActivityType::ALL))?),
                "status" => filter
                    .statuses
                    .extend(parse_all(value, by_label(EventStatus::ALL))?),
                "from" => filter.from = Some(parse_date(value)?),
                "to" => filter.to = Some(parse_date(value)?),
                _ => {}
            }
            Ok(())
        })?;
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            return Err(FilterError::new("to", format!("{to} est avant {from}")));
        }
        Ok(filter)
    }

    /// The query string (without `?`) that `from_query` reads back into the same filter.
    pub fn to_query(&self) -> String {
        let mut pairs = self.area.query_pairs();
        pairs.extend(self.q.clone().map(|q| ("q", q)));
        pairs.extend(
            [
                list_pair("theme", &self.themes),
                list_pair("type", &self.types),
                list_pair("status", &self.statuses),
            ]
            .into_iter()
            .flatten(),
        );
        pairs.extend(self.from.map(|d| ("from", d.to_string())));
        pairs.extend(self.to.map(|d| ("to", d.to_string())));
        serde_urlencoded::to_string(&pairs).expect("strings encode")
    }

    pub fn matches(&self, event: &Event) -> bool {
        let f = &event.fiche;
        let in_dates = f.creneaux.iter().any(|slot| {
            self.from.is_none_or(|from| slot.fin.date_naive() >= from)
                && self.to.is_none_or(|to| slot.debut.date_naive() <= to)
        });
        self.area.matches(&event.position, &event.localisation)
            && any_of(&self.themes, &[f.theme])
            && any_of(&self.types, &[f.type_activite])
            && any_of(&self.statuses, &[f.statut])
            && in_dates
            && self.q.as_deref().is_none_or(|q| {
                matches_words(
                    q,
                    &[
                        f.titre.as_str(),
                        f.resume.as_str(),
                        f.lieu_nom.as_str(),
                        f.commune.as_str(),
                        f.theme.label(),
                        f.type_activite.label(),
                    ],
                )
            })
    }

    /// The events that match, in date order, or nearest first when `near` is given.
    pub fn select<'a>(&self, events: impl IntoIterator<Item = &'a Event>) -> Vec<Event> {
        let mut found: Vec<Event> = events
            .into_iter()
            .filter(|e| self.matches(e))
            .cloned()
            .collect();
        if self.area.near.is_some() {
            found.sort_by(|a, b| {
                let d = |e: &Event| self.area.distance_km(&e.position);
                d(a).partial_cmp(&d(b)).expect("finite distances")
            });
        } else {
            found.sort_by_key(|e| (e.debut(), e.id().clone()));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<EventFilter, FilterError> {
        crate::model::filter::testing::parse(query)
    }

    #[test]
    fn reads_themes_types_statuses_and_dates() {
        let f = parse(
            "theme=ia,sante&type=atelier&status=annulé&from=2026-04-13&to=2026-05-10&zone=Est",
        )
        .unwrap();
        assert_eq!(f.themes, vec![Theme::Ia, Theme::Sante]);
        assert_eq!(f.types, vec![ActivityType::Atelier]);
        assert_eq!(f.statuses, vec![EventStatus::Cancelled]);
        assert_eq!(f.from, NaiveDate::from_ymd_opt(2026, 4, 13));
        assert_eq!(f.area.zones.len(), 1);
        let back: EventFilter = crate::model::filter::testing::reread(&f.to_query());
        assert_eq!(back, f);
    }

    #[test]
    fn names_the_bad_parameter() {
        for (query, parameter) in [
            ("theme=cuisine", "theme"),
            ("type=concert", "type"),
            ("status=fini", "status"),
            ("from=13/04/2026", "from"),
            ("from=2026-05-01&to=2026-04-01", "to"),
            ("zone=Nord", "zone"),
        ] {
            assert_eq!(parse(query).unwrap_err().parameter, parameter, "{query}");
        }
    }
}
