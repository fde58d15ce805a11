//! A point on the map besides a place's own marker (events, resources, a mobile service's
//! stops): few, each a marker with a letter that links to its page.

use crate::model::{Place, Record, page_path};

#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    /// The class of its marker and its letter (a kind's `marker`).
    pub marker: (&'static str, Option<&'static str>),
    pub lat: f64,
    pub lon: f64,
    pub title: String,
    /// What and when, under the title in its popup.
    pub detail: Option<String>,
    /// Its page.
    pub href: String,
}

/// A stop of a mobile service: a bus, not a pin, so it cannot be taken for an address.
pub const STOP_MARKER: (&str, Option<&str>) = ("marqueur-arret", Some("B"));

impl MapPoint {
    /// The record's point; none for a record without one (a resource for a territory).
    pub fn of<R: Record>(record: &R) -> Option<MapPoint> {
        record.position().map(|p| MapPoint {
            marker: R::KIND.marker,
            lat: p.lat,
            lon: p.lon,
            title: record.title().into_owned(),
            detail: Some(record.summary()),
            href: page_path(record),
        })
    }

    /// The stops of a mobile service, each a marker leading to the service's page.
    pub fn stops_of(place: &Place) -> impl Iterator<Item = MapPoint> + '_ {
        place.stops.iter().map(move |s| MapPoint {
            marker: STOP_MARKER,
            lat: s.position.lat,
            lon: s.position.lon,
            title: format!(
                "Arrêt de {} à {}",
                place.properties.display_name(),
                s.location.commune_localisee
            ),
            detail: Some(format!("{}, {}.", s.stop.when_fr(), s.stop.hours_fr())),
            href: page_path(place),
        })
    }
}
