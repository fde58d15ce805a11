//! What the map draws besides the records of the lists (which it reads from the lists): the
//! stops of mobile services, written by the server as the map island's props. Only what a
//! marker and its popup say travels (issue 14).

use serde::{Deserialize, Serialize};

use crate::model::{Place, page_path};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// The class of its marker (a kind's `marker`).
    pub class: String,
    /// The letter on its marker; a place's is a plain pin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub title: String,
    /// What, where and when, under the title in its popup.
    pub lines: Vec<String>,
    /// Its page.
    pub href: String,
}

/// A stop of a mobile service: a bus, not a pin, so it cannot be taken for an address.
pub const STOP_MARKER: (&str, Option<&str>) = ("marqueur-arret", Some("B"));

impl MapPoint {
    fn new(
        (class, letter): (&str, Option<&str>),
        at: &crate::model::Position,
        title: String,
    ) -> MapPoint {
        MapPoint {
            class: class.to_owned(),
            letter: letter.map(str::to_owned),
            lat: at.lat,
            lon: at.lon,
            title,
            lines: Vec::new(),
            href: String::new(),
        }
    }

    /// The stops of a mobile service, each a marker leading to the service's page.
    pub fn stops_of(place: &Place) -> impl Iterator<Item = MapPoint> + '_ {
        place.stops.iter().map(move |s| MapPoint {
            lines: vec![format!("{}, {}.", s.stop.when_fr(), s.stop.hours_fr())],
            href: page_path(place),
            ..MapPoint::new(
                STOP_MARKER,
                &s.position,
                format!(
                    "Arrêt de {} à {}",
                    place.properties.display_name(),
                    s.location.commune_localisee
                ),
            )
        })
    }
}
