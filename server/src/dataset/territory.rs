//! Communes, EPCI and zones. The full-resolution communes locate places (point in polygon
//! through an R-tree of their bounding boxes); the simplified files are what maps draw.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use geo::{Area, BoundingRect, Intersects, MultiPolygon, Point, Polygon, Rect};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};
use serde::Deserialize;

use crate::compression::Packed;

use app::model::{
    BBox, CodePostal, CommuneSummary, EpciSummary, Footprint, Insee, Position, Siren,
    TerritoryIndex, Zone, ZoneSummary,
};

use super::error::{DatasetError, DatasetErrors};
use super::geojson_file::{self, RawFeature};
use super::text_limits::TERRITORY;
use super::{COMMUNES, COMMUNES_SIMPLIFIEES, EPCI_SIMPLIFIES, ZONES_SIMPLIFIEES};

#[derive(Deserialize)]
struct CommuneProperties {
    code: Insee,
    nom: String,
    codes_postaux: Vec<CodePostal>,
    population: u32,
    epci: Siren,
    zone: Zone,
}

#[derive(Deserialize)]
struct EpciProperties {
    siren: Siren,
    nom: String,
    zone: Zone,
}

#[derive(Deserialize)]
struct ZoneProperties {
    zone: Zone,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub insee: Insee,
    pub nom: String,
    pub codes_postaux: Vec<CodePostal>,
    pub population: u32,
    pub epci: Siren,
    pub zone: Zone,
    pub shape: MultiPolygon<f64>,
    /// Where its people are taken to live for distances: the pole of inaccessibility of its
    /// largest polygon (always inside, unlike a centroid; not the town hall).
    pub label: Position,
}

#[derive(Debug, Clone)]
pub struct Epci {
    pub siren: Siren,
    pub nom: String,
    pub zone: Zone,
    pub bbox: BBox,
}

/// The simplified shapes, for drawing (the coverage map).
pub struct Drawing {
    /// Same order as `Territory::communes`.
    pub communes: Vec<MultiPolygon<f64>>,
    /// In the files' order, each with what it is.
    pub epcis: Vec<(Siren, MultiPolygon<f64>)>,
    pub zones: Vec<(Zone, MultiPolygon<f64>)>,
}

/// GeoJSON ready to send, checked at load time.
/// The outlines as `/api/territory/*` serves them. The zones and EPCI, which every visit of
/// the map downloads, are compressed at the best levels by a thread of their own as soon as
/// they are read: start-up does not wait for it (a second for the whole country, issue 18),
/// and a request that comes first waits for that thread's result, not for a second
/// compression. The communes, large and fetched only when zoomed in, are compressed the
/// first time each encoding is asked for (at the per-request levels: at the best ones the
/// first visitor would wait a second), then kept.
pub struct Outlines {
    pub zones: std::sync::Arc<Packed>,
    pub epci: std::sync::Arc<Packed>,
    pub communes: Packed,
}

pub struct Territory {
    /// Sorted by INSEE code.
    pub communes: Vec<Commune>,
    /// Sorted by SIREN.
    pub epcis: Vec<Epci>,
    pub zones: Vec<ZoneSummary>,
    pub departement_bbox: BBox,
    pub outlines: Outlines,
    pub drawing: Drawing,
    index: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
}

impl Territory {
    pub fn load(dir: &Path) -> Result<Territory, DatasetErrors> {
        let mut problems = Vec::new();
        let path = dir.join(COMMUNES_SIMPLIFIEES);
        // The two files of communes are read at once: a whole country's are 10 MB each, and
        // parsing one is a single thread's work (issue 18).
        let (communes, (simplified, found)) = rayon::join(
            || load_communes(&dir.join(COMMUNES), &mut Vec::new()),
            || {
                let mut found = Vec::new();
                (geojson_file::read(&path, TERRITORY, &mut found), found)
            },
        );
        let communes = communes?;
        problems.extend(found);
        let simplified = simplified?;
        let insee: BTreeSet<&Insee> = communes.iter().map(|c| &c.insee).collect();
        let commune_epcis: BTreeMap<&Siren, Zone> =
            communes.iter().map(|c| (&c.epci, c.zone)).collect();
        // Each EPCI's communes, found in one pass (not one pass per EPCI: 1 400 EPCI times
        // 35 000 communes for the whole country).
        let mut epci_members: BTreeMap<&Siren, Vec<&Commune>> = BTreeMap::new();
        for c in &communes {
            epci_members.entry(&c.epci).or_default().push(c);
        }

        let mut seen = BTreeMap::new();
        for raw in &simplified {
            match raw.properties::<CommuneProperties>(&path) {
                Ok(p) if !insee.contains(&p.code) => problems.push(raw.error(
                    &path,
                    Some("code"),
                    format!("commune {} absente de {COMMUNES}", p.code),
                )),
                Ok(p) => match shape(&path, raw) {
                    Ok(shape) => {
                        seen.insert(p.code, shape);
                    }
                    Err(e) => problems.push(e),
                },
                Err(e) => problems.push(e),
            }
        }
        if seen.len() != insee.len() && problems.is_empty() {
            problems.push(DatasetError::file(
                &path,
                format!("{} communes au lieu de {}", seen.len(), insee.len()),
            ));
        }

        let path = dir.join(EPCI_SIMPLIFIES);
        let epci_features = geojson_file::read(&path, TERRITORY, &mut problems)?;
        let epci_shapes = shapes(&path, &epci_features, &mut problems);
        let mut epcis = Vec::new();
        let mut epci_order = Vec::new();
        for raw in &epci_features {
            match raw.properties::<EpciProperties>(&path) {
                Ok(p) => match commune_epcis.get(&p.siren) {
                    None => problems.push(raw.error(
                        &path,
                        Some("siren"),
                        format!("aucune commune n'appartient à l'EPCI {}", p.siren),
                    )),
                    Some(zone) if *zone != p.zone => problems.push(raw.error(
                        &path,
                        Some("zone"),
                        format!("zone {} alors que ses communes sont en zone {zone}", p.zone),
                    )),
                    Some(_) => {
                        let members = epci_members.get(&p.siren).map_or(&[][..], Vec::as_slice);
                        let bbox = union_bbox(members.iter().copied());
                        epci_order.push(p.siren.clone());
                        epcis.push(Epci {
                            siren: p.siren,
                            nom: p.nom,
                            zone: p.zone,
                            bbox,
                        });
                    }
                },
                Err(e) => problems.push(e),
            }
        }
        let described: BTreeSet<&Siren> = epcis.iter().map(|e| &e.siren).collect();
        for siren in commune_epcis.keys() {
            if !described.contains(siren) && problems.is_empty() {
                problems.push(DatasetError::file(
                    &path,
                    format!("l'EPCI {siren} de certaines communes manque"),
                ));
            }
        }
        epcis.sort_by(|a, b| a.siren.cmp(&b.siren));

        let path = dir.join(ZONES_SIMPLIFIEES);
        let zone_features = geojson_file::read(&path, TERRITORY, &mut problems)?;
        let zone_shapes = shapes(&path, &zone_features, &mut problems);
        let mut zones_seen = BTreeSet::new();
        let mut zone_order = Vec::new();
        for raw in &zone_features {
            match raw.properties::<ZoneProperties>(&path) {
                Ok(p) if !zones_seen.insert(p.zone) => problems.push(raw.error(
                    &path,
                    Some("zone"),
                    format!("zone {} en double", p.zone),
                )),
                Ok(p) => zone_order.push(p.zone),
                Err(e) => problems.push(e),
            }
        }
        if zones_seen.len() != Zone::ALL.len() && problems.is_empty() {
            problems.push(DatasetError::file(
                &path,
                "les 3 zones Est, Centre et Ouest sont attendues",
            ));
        }

        if !problems.is_empty() {
            return Err(DatasetErrors(problems));
        }

        let zones = Zone::ALL
            .into_iter()
            .map(|zone| ZoneSummary {
                zone,
                bbox: union_bbox(communes.iter().filter(|c| c.zone == zone)),
            })
            .collect();
        let departement_bbox = union_bbox(communes.iter());
        // Shapes and features pair up: any shape left out was a problem, returned above.
        let outlines = Outlines {
            zones: Packed::compressed_apart(to_geojson_bytes(drawn_at_map_scale(
                zone_features,
                &zone_shapes,
            ))),
            epci: Packed::compressed_apart(to_geojson_bytes(drawn_at_map_scale(
                epci_features,
                &epci_shapes,
            ))),
            communes: Packed::lazy(to_geojson_bytes(simplified), false),
        };
        let drawing = Drawing {
            communes: communes
                .iter()
                .map(|c| seen.remove(&c.insee).expect("every commune, checked above"))
                .collect(),
            epcis: epci_order.into_iter().zip(epci_shapes).collect(),
            zones: zone_order.into_iter().zip(zone_shapes).collect(),
        };

        let index = RTree::bulk_load(
            communes
                .iter()
                .enumerate()
                .map(|(i, c)| GeomWithData::new(rectangle(&bounding(&c.shape)), i))
                .collect(),
        );
        Ok(Territory {
            communes,
            epcis,
            zones,
            departement_bbox,
            outlines,
            drawing,
            index,
        })
    }

    /// The commune containing a point (boundary included), if it is in the département.
    pub fn locate(&self, lon: f64, lat: f64) -> Option<&Commune> {
        let point = Point::new(lon, lat);
        self.index
            .locate_all_at_point(&[lon, lat])
            .map(|hit| &self.communes[hit.data])
            .filter(|c| c.shape.intersects(&point))
            .min_by(|a, b| a.insee.cmp(&b.insee))
    }

    pub fn commune(&self, insee: &Insee) -> Option<&Commune> {
        self.communes
            .binary_search_by(|c| c.insee.cmp(insee))
            .ok()
            .map(|i| &self.communes[i])
    }

    pub fn epci(&self, siren: &Siren) -> Option<&Epci> {
        self.epcis
            .binary_search_by(|e| e.siren.cmp(siren))
            .ok()
            .map(|i| &self.epcis[i])
    }

    /// The territory made of these communes: their zones, EPCI, codes and bounding box.
    pub fn footprint<'a>(&self, communes: impl Iterator<Item = &'a Commune> + Clone) -> Footprint {
        let zones: BTreeSet<Zone> = communes.clone().map(|c| c.zone).collect();
        let epcis: BTreeSet<&Siren> = communes.clone().map(|c| &c.epci).collect();
        Footprint {
            zones: zones.into_iter().collect(),
            epcis: epcis.into_iter().cloned().collect(),
            communes: communes.clone().map(|c| c.insee.clone()).collect(),
            bbox: union_bbox(communes),
        }
    }

    pub fn index(&self) -> TerritoryIndex {
        let communes = self.commune_names();
        // What every territory file is made of: when one changes, the version does.
        let mut content = xxhash_rust::xxh3::Xxh3::new();
        for part in [
            &self.outlines.zones.identity[..],
            &self.outlines.epci.identity,
            &self.outlines.communes.identity,
            &serde_json::to_vec(&communes).expect("communes serialise"),
        ] {
            content.update(&(part.len() as u64).to_le_bytes());
            content.update(part);
        }
        TerritoryIndex {
            departement_bbox: self.departement_bbox,
            zones: self.zones.clone(),
            epcis: self
                .epcis
                .iter()
                .map(|e| EpciSummary {
                    siren: e.siren.clone(),
                    nom: e.nom.clone(),
                    zone: e.zone,
                    bbox: e.bbox,
                })
                .collect(),
            communes,
            version: format!("{:016x}", content.digest()),
        }
    }

    /// The communes by name, as the search field suggests them.
    fn commune_names(&self) -> app::model::Communes {
        let mut communes: Vec<CommuneSummary> = self
            .communes
            .iter()
            .map(|c| CommuneSummary {
                insee: c.insee.clone(),
                nom: c.nom.clone(),
                codes_postaux: c.codes_postaux.clone(),
                // About 10 m: a commune's point, as `/api/communes` and the
                // search around a commune need it.
                lat: (c.label.lat * 1e4).round() / 1e4,
                lon: (c.label.lon * 1e4).round() / 1e4,
            })
            .collect();
        communes.sort_by(|a, b| a.nom.cmp(&b.nom));
        app::model::Communes(communes)
    }
}

fn load_communes(
    path: &Path,
    problems: &mut Vec<DatasetError>,
) -> Result<Vec<Commune>, DatasetErrors> {
    let features = geojson_file::read(path, TERRITORY, problems)?;
    // Finding each commune's label point (polylabel) is most of reading them: on every core.
    use rayon::prelude::*;
    let read: Vec<Result<Commune, DatasetError>> =
        features.par_iter().map(|raw| commune(path, raw)).collect();
    let mut communes: Vec<Commune> = Vec::with_capacity(read.len());
    for c in read {
        match c {
            Ok(c) => communes.push(c),
            Err(e) => problems.push(e),
        }
    }
    communes.sort_by(|a, b| a.insee.cmp(&b.insee));
    for pair in communes.windows(2) {
        if pair[0].insee == pair[1].insee {
            problems.push(DatasetError::file(
                path,
                format!("code INSEE {} en double", pair[0].insee),
            ));
        }
    }
    if communes.is_empty() && problems.is_empty() {
        problems.push(DatasetError::file(path, "aucune commune"));
    }
    if !problems.is_empty() {
        return Err(DatasetErrors(std::mem::take(problems)));
    }
    Ok(communes)
}

fn commune(path: &Path, raw: &RawFeature) -> Result<Commune, DatasetError> {
    let p: CommuneProperties = raw.properties(path)?;
    let shape = shape(path, raw)?;
    let largest = shape
        .0
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
        .expect("a non-empty shape");
    // 0.0005° is about 50 m: finer than any distance we report.
    let label = polylabel::polylabel(largest, &0.0005).map_err(|e| {
        raw.error(
            path,
            Some("geometry"),
            format!("point intérieur introuvable : {e}"),
        )
    })?;
    Ok(Commune {
        insee: p.code,
        nom: p.nom,
        codes_postaux: p.codes_postaux,
        population: p.population,
        epci: p.epci,
        zone: p.zone,
        shape,
        label: Position {
            lon: label.x(),
            lat: label.y(),
        },
    })
}

/// Every feature's area, in order; problems are collected.
fn shapes(
    path: &Path,
    features: &[RawFeature],
    problems: &mut Vec<DatasetError>,
) -> Vec<MultiPolygon<f64>> {
    features
        .iter()
        .filter_map(|raw| shape(path, raw).map_err(|e| problems.push(e)).ok())
        .collect()
}

/// A Polygon or MultiPolygon geometry, not empty.
fn shape(path: &Path, raw: &RawFeature) -> Result<MultiPolygon<f64>, DatasetError> {
    let shape = match raw.geometry::<geo::Geometry<f64>>(path)? {
        geo::Geometry::Polygon(polygon) => MultiPolygon(vec![polygon]),
        geo::Geometry::MultiPolygon(m) => m,
        other => {
            return Err(raw.error(
                path,
                Some("geometry"),
                format!(
                    "Polygon ou MultiPolygon attendu, pas {}",
                    geometry_name(&other)
                ),
            ));
        }
    };
    if shape
        .0
        .iter()
        .all(|p: &Polygon<f64>| p.exterior().0.len() < 4)
    {
        return Err(raw.error(path, Some("geometry"), "polygone vide"));
    }
    Ok(shape)
}

fn geometry_name(g: &geo::Geometry<f64>) -> &'static str {
    match g {
        geo::Geometry::Point(_) => "Point",
        geo::Geometry::Line(_) | geo::Geometry::LineString(_) => "LineString",
        geo::Geometry::MultiPoint(_) => "MultiPoint",
        geo::Geometry::MultiLineString(_) => "MultiLineString",
        geo::Geometry::GeometryCollection(_) => "GeometryCollection",
        _ => "une autre géométrie",
    }
}

fn bounding(shape: &MultiPolygon<f64>) -> Rect<f64> {
    shape
        .bounding_rect()
        .expect("non-empty polygons, checked at load")
}

fn rectangle(r: &Rect<f64>) -> Rectangle<[f64; 2]> {
    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y])
}

fn union_bbox<'a>(communes: impl Iterator<Item = &'a Commune>) -> BBox {
    communes.map(|c| bounding(&c.shape)).fold(
        [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
        |[w, s, e, n], r| {
            [
                w.min(r.min().x),
                s.min(r.min().y),
                e.max(r.max().x),
                n.max(r.max().y),
            ]
        },
    )
}

/// How far a zone or EPCI outline may stray from its shape on the map: about 100 m, a pixel
/// at zoom 10, where the communes' own outlines appear. Points to the same precision. A
/// fifth of the bytes the map downloads at its start (issue 14).
const MAP_TOLERANCE_DEGREES: f64 = 0.001;

fn drawn_at_map_scale(features: Vec<RawFeature>, shapes: &[MultiPolygon<f64>]) -> Vec<RawFeature> {
    use geo::{MapCoords, Simplify};
    // Divided, not multiplied by the tolerance: the nearest double to a 3-decimal number
    // prints as those 3 decimals.
    let round = |x: f64| (x / MAP_TOLERANCE_DEGREES).round() / (1.0 / MAP_TOLERANCE_DEGREES);
    features
        .into_iter()
        .zip(shapes)
        .map(|(mut raw, shape)| {
            let drawn = shape
                .map_coords(|c| geo::coord! { x: round(c.x), y: round(c.y) })
                .simplify(MAP_TOLERANCE_DEGREES);
            raw.feature.geometry =
                Some(geojson::Geometry::new(geojson::GeometryValue::from(&drawn)));
            raw
        })
        .collect()
}

fn to_geojson_bytes(features: Vec<RawFeature>) -> bytes::Bytes {
    let collection = geojson::FeatureCollection {
        bbox: None,
        features: features.into_iter().map(|r| r.feature).collect(),
        foreign_members: None,
    };
    serde_json::to_vec(&collection)
        .expect("GeoJSON serialises")
        .into()
}
