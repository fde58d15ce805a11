use geo::{Distance, Haversine, Point};
use serde::{Deserialize, Serialize};

use super::any_of;
use crate::model::place::{Location, Position};
use crate::model::query::FilterError;
use crate::model::query::{
    BBOX, COMMUNE, Documented, EPCI, LatLon, NEAR, Query, QueryWriter, RADIUS, ZONE,
};
use crate::model::territory::{BBox, Insee, Siren, Zone};

/// Where: zones, EPCI, communes, a rectangle, or around a point. Shared by every kind of
/// record (a resource matches by the territory it serves) and by the coverage filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaFilter {
    pub zones: Vec<Zone>,
    pub epcis: Vec<Siren>,
    pub communes: Vec<Insee>,
    pub bbox: Option<BBox>,
    pub near: Option<Near>,
}

/// Around a point, within a radius.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

/// Radius around a point when none is given.
pub const DEFAULT_RADIUS_KM: f64 = 10.0;

impl AreaFilter {
    /// The parameters of an area.
    pub const PARAMETERS: &'static [&'static dyn Documented] = crate::with_area![];

    /// Reads the area of `query`; `radius` belongs to `near` (without it, it is an error).
    pub fn read(query: &Query) -> Result<AreaFilter, FilterError> {
        let radius = query.one(&RADIUS)?;
        let near = query.one(&NEAR)?;
        if radius.is_some() && near.is_none() {
            return Err(FilterError::new(
                RADIUS.name,
                "un rayon n'a de sens qu'avec « near=latitude,longitude »",
            ));
        }
        Ok(AreaFilter {
            zones: query.all(&ZONE)?,
            epcis: query.all(&EPCI)?,
            communes: query.all(&COMMUNE)?,
            bbox: query.one(&BBOX)?,
            near: near.map(|LatLon { lat, lon }| Near {
                lat,
                lon,
                radius_km: radius.unwrap_or(DEFAULT_RADIUS_KM),
            }),
        })
    }

    pub fn write(&self, w: &mut QueryWriter) {
        w.all(&ZONE, &self.zones)
            .all(&EPCI, &self.epcis)
            .all(&COMMUNE, &self.communes)
            .one(&BBOX, self.bbox.as_ref());
        if let Some(near) = self.near {
            w.one(
                &NEAR,
                Some(&LatLon {
                    lat: near.lat,
                    lon: near.lon,
                }),
            )
            .one(&RADIUS, Some(&near.radius_km));
        }
    }

    /// Great-circle distance from the `near` point, in km.
    pub fn distance_km(&self, position: &Position) -> Option<f64> {
        self.distance_to_box_km(&[position.lon, position.lat, position.lon, position.lat])
    }

    /// Great-circle distance from the `near` point to the nearest point of a box (0 inside).
    /// Clamping is exact enough at the scale of a département.
    pub fn distance_to_box_km(&self, &[w, s, e, n]: &BBox) -> Option<f64> {
        let near = self.near?;
        let from = Point::new(near.lon, near.lat);
        let to = Point::new(near.lon.clamp(w, e), near.lat.clamp(s, n));
        Some(Haversine.distance(from, to) / 1000.0)
    }

    /// A record at a point, located in one commune.
    pub fn matches(&self, position: &Position, here: &Location) -> bool {
        self.matches_lists(
            std::slice::from_ref(&here.zone),
            std::slice::from_ref(&here.epci_siren),
            std::slice::from_ref(&here.insee_localise),
        ) && self.matches_box(&[position.lon, position.lat, position.lon, position.lat])
    }

    /// A record that serves a territory: it matches when it serves one of the chosen zones,
    /// EPCI or communes, and when its area meets the box or comes within the radius.
    pub fn matches_footprint(&self, footprint: &Footprint) -> bool {
        self.matches_lists(&footprint.zones, &footprint.epcis, &footprint.communes)
            && self.matches_box(&footprint.bbox)
    }

    fn matches_lists(&self, zones: &[Zone], epcis: &[Siren], communes: &[Insee]) -> bool {
        any_of(&self.zones, zones) && any_of(&self.epcis, epcis) && any_of(&self.communes, communes)
    }

    fn matches_box(&self, area: &BBox) -> bool {
        let [w, s, e, n] = *area;
        self.bbox
            .is_none_or(|[bw, bs, be, bn]| w <= be && bw <= e && s <= bn && bs <= n)
            && self.near.is_none_or(|near| {
                self.distance_to_box_km(area)
                    .is_some_and(|d| d <= near.radius_km)
            })
    }
}

/// The territory a record serves: every zone, EPCI and commune of it, and its bounding box
/// (a point's box is the point itself). Computed by the server at load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Footprint {
    pub zones: Vec<Zone>,
    pub epcis: Vec<Siren>,
    pub communes: Vec<Insee>,
    pub bbox: BBox,
}

impl Footprint {
    /// A point, in the commune it was located in.
    pub fn point(position: &Position, here: &Location) -> Footprint {
        Footprint {
            zones: vec![here.zone],
            epcis: vec![here.epci_siren.clone()],
            communes: vec![here.insee_localise.clone()],
            bbox: [position.lon, position.lat, position.lon, position.lat],
        }
    }
}
