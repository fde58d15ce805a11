use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::area::AreaFilter;
use super::{any_of, matches_words};
use crate::model::event::{ActivityType, Event, EventStatus, Theme};
use crate::model::query::FilterError;
use crate::model::query::{
    Documented, EVENT_TYPE, FROM, FromQuery, Q, Query, QueryWriter, STATUS, THEME, TO,
};
use crate::model::record::{Record, Select};

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

impl FromQuery for EventFilter {
    const PARAMETERS: &'static [&'static dyn Documented] =
        crate::with_area![&Q, &THEME, &EVENT_TYPE, &STATUS, &FROM, &TO,];

    fn read(query: &Query) -> Result<EventFilter, FilterError> {
        let filter = EventFilter {
            area: AreaFilter::read(query)?,
            q: query.one(&Q)?,
            themes: query.all(&THEME)?,
            types: query.all(&EVENT_TYPE)?,
            statuses: query.all(&STATUS)?,
            from: query.one(&FROM)?,
            to: query.one(&TO)?,
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            return Err(FilterError::new(TO.name, format!("{to} est avant {from}")));
        }
        Ok(filter)
    }

    fn write(&self, w: &mut QueryWriter) {
        self.area.write(w);
        w.one(&Q, self.q.as_ref())
            .all(&THEME, &self.themes)
            .all(&EVENT_TYPE, &self.types)
            .all(&STATUS, &self.statuses)
            .one(&FROM, self.from.as_ref())
            .one(&TO, self.to.as_ref());
    }
}

impl Select<Event> for EventFilter {
    fn distance_km(&self, event: &Event) -> Option<f64> {
        self.area.distance_km(&event.position)
    }

    fn matches(&self, event: &Event) -> bool {
        let f = &event.properties;
        let in_dates = f.creneaux.iter().any(|slot| {
            self.from.is_none_or(|from| slot.fin.date_naive() >= from)
                && self.to.is_none_or(|to| slot.debut.date_naive() <= to)
        });
        self.area.matches(&event.position, &event.location)
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

    /// In date order.
    fn sort_without_point(&self, found: &mut [&Event]) {
        found.sort_by_key(|e| (e.debut(), e.id().clone()));
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
        let back = EventFilter::from_query_string(&f.to_query()).unwrap();
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
