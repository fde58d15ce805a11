//! A record other than a place on the map (events, resources): few, each a marker with a
//! letter that links to its page.

use crate::model::{Kind, Record, page_path};

#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    pub kind: &'static Kind,
    pub lat: f64,
    pub lon: f64,
    pub title: String,
    /// Its page.
    pub href: String,
}

impl MapPoint {
    /// The record's point; none for a record without one (a resource for a territory).
    pub fn of<R: Record>(record: &R) -> Option<MapPoint> {
        record.position().map(|p| MapPoint {
            kind: &R::KIND,
            lat: p.lat,
            lon: p.lon,
            title: record.title().into_owned(),
            href: page_path(record),
        })
    }
}
