//! `carto82 synthetic DIR`: a synthetic dataset at national scale (by default 35 000 communes,
//! 30 000 places, 20 000 events) to measure the coverage computation and the loader. It is
//! a complete, valid dataset (`carto82 validate DIR` accepts it) but not a real one: square
//! communes on a grid over metropolitan France, populations and points drawn from a seeded
//! generator, so the same seed always writes the same files.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

use crate::dataset::{
    COMMUNES, COMMUNES_SIMPLIFIEES, EPCI_SIMPLIFIES, EVENEMENTS, LIEUX, ZONES_SIMPLIFIEES,
};

/// How big a dataset to write.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub communes: usize,
    pub places: usize,
    pub events: usize,
    pub seed: u64,
}

impl Default for Size {
    fn default() -> Self {
        Size {
            communes: 35_000,
            places: 30_000,
            events: 20_000,
            seed: 82,
        }
    }
}

/// Metropolitan France, roughly: where the grid of communes lies.
const WEST: f64 = -4.8;
const EAST: f64 = 8.2;
const SOUTH: f64 = 42.3;
const NORTH: f64 = 51.1;
/// An EPCI is a block of BLOCK × BLOCK communes.
const BLOCK: usize = 5;

struct Grid {
    columns: usize,
    rows: usize,
    cell_lon: f64,
    cell_lat: f64,
}

impl Grid {
    /// About as many cells as communes asked for, in columns of whole EPCI blocks (at least
    /// three: one zone each).
    fn new(communes: usize) -> Grid {
        let aspect = (EAST - WEST) * 45.0_f64.to_radians().cos() / (NORTH - SOUTH);
        let columns =
            (((communes as f64 * aspect).sqrt() / BLOCK as f64).round() as usize).max(3) * BLOCK;
        let rows = communes.div_ceil(columns).max(1);
        Grid {
            columns,
            rows,
            cell_lon: (EAST - WEST) / columns as f64,
            cell_lat: (NORTH - SOUTH) / rows as f64,
        }
    }

    /// The rectangle [west, south, east, north] of columns c0..c1 and rows r0..r1.
    fn rect(&self, c0: usize, c1: usize, r0: usize, r1: usize) -> [f64; 4] {
        [
            WEST + c0 as f64 * self.cell_lon,
            SOUTH + r0 as f64 * self.cell_lat,
            WEST + c1 as f64 * self.cell_lon,
            SOUTH + r1 as f64 * self.cell_lat,
        ]
    }

    fn zone(&self, column: usize) -> &'static str {
        let blocks = self.columns / BLOCK;
        match (column / BLOCK) * 3 / blocks {
            0 => "Ouest",
            1 => "Centre",
            _ => "Est",
        }
    }

    fn epci_siren(&self, column: usize, row: usize) -> String {
        let id = (row / BLOCK) * (self.columns / BLOCK) + column / BLOCK;
        format!("2{id:08}")
    }
}

fn polygon([w, s, e, n]: [f64; 4]) -> Value {
    let r = |x: f64| (x * 1e5).round() / 1e5;
    json!({"type": "Polygon", "coordinates": [[[r(w), r(s)], [r(e), r(s)], [r(e), r(n)], [r(w), r(n)], [r(w), r(s)]]]})
}

fn write_collection(path: &Path, features: impl Iterator<Item = Value>) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(br#"{"type":"FeatureCollection","features":["#)?;
    for (i, feature) in features.enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &feature)?;
    }
    out.write_all(b"]}\n")?;
    out.flush()
}

/// Writes the dataset into `dir` (created if needed; files of the same names are replaced).
pub fn generate(dir: &Path, size: Size) -> std::io::Result<()> {
    let grid = Grid::new(size.communes);
    let mut rng = ChaCha8Rng::seed_from_u64(size.seed);
    struct Cell {
        insee: String,
        column: usize,
        row: usize,
        population: u32,
    }
    let cells: Vec<Cell> = (0..size.communes)
        .map(|i| Cell {
            insee: format!("{i:05}"),
            column: i % grid.columns,
            row: i / grid.columns,
            // Many villages, few towns, as in France (median of a few hundred people).
            population: (10.0_f64.powf(rng.random_range(1.5..5.3))) as u32,
        })
        .collect();
    let commune_feature = |c: &Cell| {
        let [w, s, e, n] = grid.rect(c.column, c.column + 1, c.row, c.row + 1);
        json!({
            "type": "Feature",
            "properties": {
                "code": c.insee, "nom": format!("Commune {}", c.insee), "codes_postaux": ["99000"],
                "population": c.population, "epci": grid.epci_siren(c.column, c.row),
                "zone": grid.zone(c.column),
            },
            "geometry": polygon([w, s, e, n]),
        })
    };
    write_collection(&dir.join(COMMUNES), cells.iter().map(commune_feature))?;
    write_collection(
        &dir.join(COMMUNES_SIMPLIFIEES),
        cells.iter().map(commune_feature),
    )?;

    let block_rows = grid.rows.div_ceil(BLOCK);
    let mut epcis = Vec::new();
    for br in 0..block_rows {
        for bc in 0..grid.columns / BLOCK {
            let (c0, r0) = (bc * BLOCK, br * BLOCK);
            // Only blocks that hold at least one commune exist.
            if r0 * grid.columns + c0 >= size.communes {
                continue;
            }
            epcis.push(json!({
                "type": "Feature",
                "properties": {"siren": grid.epci_siren(c0, r0), "nom": format!("EPCI {}", grid.epci_siren(c0, r0)), "zone": grid.zone(c0)},
                "geometry": polygon(grid.rect(c0, c0 + BLOCK, r0, (r0 + BLOCK).min(grid.rows))),
            }));
        }
    }
    write_collection(&dir.join(EPCI_SIMPLIFIES), epcis.into_iter())?;
    let zones = ["Ouest", "Centre", "Est"].map(|zone| {
        let columns: Vec<usize> = (0..grid.columns)
            .filter(|c| grid.zone(*c) == zone)
            .collect();
        let (first, last) = (columns[0], columns[columns.len() - 1]);
        json!({
            "type": "Feature",
            "properties": {"zone": zone},
            "geometry": polygon(grid.rect(first, last + 1, 0, grid.rows)),
        })
    });
    write_collection(&dir.join(ZONES_SIMPLIFIEES), zones.into_iter())?;

    // Places inside random communes, kept away from the cell edges.
    let mut places = Vec::with_capacity(size.places);
    for i in 0..size.places {
        let c = &cells[rng.random_range(0..cells.len())];
        let [w, s, e, n] = grid.rect(c.column, c.column + 1, c.row, c.row + 1);
        let lon = rng.random_range(w + 0.1 * (e - w)..e - 0.1 * (e - w));
        let lat = rng.random_range(s + 0.1 * (n - s)..n - 0.1 * (n - s));
        places.push((format!("lieu-{i:05}"), c.insee.clone(), lon, lat));
    }
    const SERVICES: [&str; 3] = [
        "Aide aux démarches administratives",
        "Maîtrise des outils numériques du quotidien",
        "Accès internet et matériel informatique",
    ];
    write_collection(
        &dir.join(LIEUX),
        places.iter().enumerate().map(|(i, (id, insee, lon, lat))| {
            json!({
                "type": "Feature", "id": id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": id, "pivot": format!("{:014}", i), "nom": format!("Lieu {i}"),
                    "commune": format!("Commune {insee}"), "code_postal": "99000",
                    "adresse": format!("{} rue de la Synthèse", i % 200 + 1),
                    "date_maj": "2026-01-01",
                    "services": [SERVICES[i % 3], SERVICES[(i + 1) % 3]],
                    "frais_a_charge": [if i % 4 == 0 { "Payant" } else { "Gratuit" }],
                    "dispositif_programmes_nationaux": if i % 5 == 0 { json!(["France Services"]) } else { json!([]) },
                    "horaires": "Mo-Fr 09:00-12:00,14:00-17:00",
                    "sources": [{"jeu": "synthèse", "id": id, "id_source": id, "date_maj": "2026-01-01"}],
                },
            })
        }),
    )?;

    const THEMES: [&str; 5] = [
        "famille",
        "santé",
        "numérique responsable",
        "éducation",
        "IA",
    ];
    const TYPES: [&str; 6] = [
        "conférence",
        "table ronde",
        "atelier",
        "exposition",
        "rencontre",
        "autre",
    ];
    let events: Vec<Value> = (0..size.events)
        .map(|i| {
            let (place_id, insee, lon, lat) = &places[rng.random_range(0..places.len())];
            // 13 April – 10 May 2026 (Paris summer time, UTC+2), from 9 h to 17 h.
            let day = 13 + rng.random_range(0..28u32);
            let (month, day) = if day > 30 { (5, day - 30) } else { (4, day) };
            let hour = rng.random_range(9..16u32);
            json!({
                "type": "Feature", "id": format!("evenement-{i:05}"),
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": format!("evenement-{i:05}"), "titre": format!("Événement {i}"),
                    "resume": "Un événement de la synthèse nationale.",
                    "creneaux": [{
                        "debut": format!("2026-{month:02}-{day:02}T{hour:02}:00:00+02:00"),
                        "fin": format!("2026-{month:02}-{day:02}T{:02}:00:00+02:00", hour + 2),
                    }],
                    "lieu_id": place_id, "lieu_nom": format!("Lieu de {place_id}"),
                    "adresse": "1 rue de la Synthèse", "code_postal": "99000",
                    "commune": format!("Commune {insee}"),
                    "theme": THEMES[rng.random_range(0..THEMES.len())],
                    "type": TYPES[rng.random_range(0..TYPES.len())],
                    "public": "tout public", "inscription": {"mode": "libre"}, "prix": "Gratuit",
                    "organisateur": "Synthèse", "statut": if i % 50 == 0 { "annulé" } else { "programmé" },
                    "edition": 2026, "exemple": true,
                },
            })
        })
        .collect();
    write_collection(&dir.join(EVENEMENTS), events.into_iter())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn a_small_synthetic_dataset_is_valid_and_the_same_for_the_same_seed() {
        let size = Size {
            communes: 230,
            places: 60,
            events: 40,
            seed: 7,
        };
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), size).unwrap();
        let dataset = Dataset::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(dataset.territory.communes.len(), 230);
        assert_eq!(dataset.records.places.len(), 60);
        assert_eq!(dataset.records.events.len(), 40);
        assert_eq!(
            dataset
                .territory
                .communes
                .iter()
                .map(|c| c.zone)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            3
        );
        let again = tempfile::tempdir().unwrap();
        generate(again.path(), size).unwrap();
        for file in [LIEUX, EVENEMENTS, COMMUNES] {
            assert_eq!(
                std::fs::read(dir.path().join(file)).unwrap(),
                std::fs::read(again.path().join(file)).unwrap(),
                "{file}"
            );
        }
    }
}
