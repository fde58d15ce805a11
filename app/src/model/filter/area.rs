use geo::{Distance, Haversine, Point};
use serde::{Deserialize, Serialize};

use super::{FilterError, any_of, each_pair, list_pair, parse_all};
use crate::model::place::{Localisation, Position};
use crate::model::territory::{BBox, Insee, Siren, Zone};

/// Where: zones, EPCI, communes, a rectangle, or around a point. Shared by places and events.
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

pub const AREA_PARAMETERS: [&str; 6] = ["zone", "epci", "commune", "bbox", "near", "radius"];

use crate::model::query::MAX_RADIUS_KM;

/// Radius around a point when none is given.
pub const DEFAULT_RADIUS_KM: f64 = 10.0;

impl AreaFilter {
    /// Reads every area parameter of `pairs`, ignoring the others.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<AreaFilter, FilterError> {
        let mut area = AreaFilter::default();
        let mut radius = None;
        each_pair(pairs, |key, value| {
            match key {
                "zone" => area.zones.extend(parse_all(value, str::parse::<Zone>)?),
                "epci" => area.epcis.extend(parse_all(value, str::parse::<Siren>)?),
                "commune" => area.communes.extend(parse_all(value, str::parse::<Insee>)?),
                "bbox" => area.bbox = Some(parse_bbox(value)?),
                "near" => {
                    let [lat, lon] = numbers::<2>(value)?;
                    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                        return Err(format!(
                            "« {value} » n'est pas un point « latitude,longitude »"
                        ));
                    }
                    area.near = Some(Near {
                        lat,
                        lon,
                        radius_km: DEFAULT_RADIUS_KM,
                    });
                }
                "radius" => {
                    let [km] = numbers::<1>(value)?;
                    if !(km > 0.0 && km <= MAX_RADIUS_KM) {
                        return Err(format!(
                            "rayon en km entre 0 et {MAX_RADIUS_KM} attendu, pas {value}"
                        ));
                    }
                    radius = Some(km);
                }
                _ => {}
            }
            Ok(())
        })?;
        match (radius, &mut area.near) {
            (Some(km), Some(near)) => near.radius_km = km,
            (Some(_), None) => {
                return Err(FilterError::new(
                    "radius",
                    "un rayon n'a de sens qu'avec « near=latitude,longitude »",
                ));
            }
            _ => {}
        }
        Ok(area)
    }

    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = [
            list_pair("zone", &self.zones),
            list_pair("epci", &self.epcis),
            list_pair("commune", &self.communes),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some([w, s, e, n]) = self.bbox {
            pairs.push(("bbox", format!("{w},{s},{e},{n}")));
        }
        if let Some(near) = self.near {
            pairs.push(("near", format!("{},{}", near.lat, near.lon)));
            pairs.push(("radius", near.radius_km.to_string()));
        }
        pairs
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
    pub fn matches(&self, position: &Position, here: &Localisation) -> bool {
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
    pub fn point(position: &Position, here: &Localisation) -> Footprint {
        Footprint {
            zones: vec![here.zone],
            epcis: vec![here.epci_siren.clone()],
            communes: vec![here.insee_localise.clone()],
            bbox: [position.lon, position.lat, position.lon, position.lat],
        }
    }
}

fn numbers<const N: usize>(value: &str) -> Result<[f64; N], String> {
    let wrong = || format!("« {value} » : {N} nombre(s) séparé(s) par des virgules attendu(s)");
    let parsed: Vec<f64> = value
        .split(',')
        .map(|n| n.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(wrong)?;
    parsed.try_into().map_err(|_| wrong())
}

fn parse_bbox(value: &str) -> Result<BBox, String> {
    let [w, s, e, n] = numbers::<4>(value)?;
    let lon = -180.0..=180.0;
    let lat = -90.0..=90.0;
    if w < e
        && s < n
        && lon.contains(&w)
        && lon.contains(&e)
        && lat.contains(&s)
        && lat.contains(&n)
    {
        Ok([w, s, e, n])
    } else {
        Err(format!(
            "« {value} » : ouest,sud,est,nord attendus, avec ouest < est et sud < nord"
        ))
    }
}
