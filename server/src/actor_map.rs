//! An actor's territory, drawn for its sheet: the département in grey with its three
//! zones, what the actor serves in light blue outlined in dark blue, its places as dots.
//! The sheet says the same in words and lists the same places (never the drawing alone).

use std::fmt::Write;

use geo::MultiPolygon;

use app::model::actor::ServedTerritory;
use app::model::{Actor, Place};

use crate::dataset::Territory;
use crate::svg_map::{self, Projection};

pub fn render(territory: &Territory, actor: &Actor, places: &[Place]) -> String {
    let projection = Projection::new(&territory.departement_bbox);
    let mut svg = svg_map::start(
        &projection,
        "carte-acteur",
        &format!("Où agit {}", actor.properties.nom),
        &format!(
            "En gris : le Tarn-et-Garonne et ses trois zones. En bleu clair, entouré de bleu foncé : le territoire desservi ({}). Points bleus : ses lieux ({}).",
            actor.served_name,
            places.len()
        ),
    );
    svg.push_str(r##"<g class="departement" fill="#eeeeee" stroke="#8c8c8c" stroke-width="2">"##);
    for (_, shape) in &territory.drawing.zones {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    svg.push_str(r##"</g><g class="desservi" fill="#cfe0f5" stroke="#1f4e8c" stroke-width="3" stroke-linejoin="round">"##);
    for shape in served(territory, actor) {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    svg.push_str("</g>");
    svg_map::place_dots(&mut svg, &projection, places);
    svg.push_str("</svg>");
    svg
}

/// The shapes of what it declares serving, each at its own level (a zone is one shape, not
/// its communes: the drawing stays light); without a declaration, its places' communes.
fn served<'t>(territory: &'t Territory, actor: &Actor) -> Vec<&'t MultiPolygon<f64>> {
    let drawing = &territory.drawing;
    let commune = |insee| {
        territory
            .communes
            .binary_search_by(|c| c.insee.cmp(insee))
            .ok()
            .map(|i| &drawing.communes[i])
    };
    let declared = &actor.properties.territoire;
    if declared.is_empty() {
        return actor
            .footprint
            .communes
            .iter()
            .filter_map(commune)
            .collect();
    }
    declared
        .iter()
        .flat_map(|area| -> Vec<&MultiPolygon<f64>> {
            match area {
                ServedTerritory::Commune { insee } => commune(insee).into_iter().collect(),
                ServedTerritory::Epci { siren } => drawing
                    .epcis
                    .iter()
                    .filter(|(s, _)| s == siren)
                    .map(|(_, shape)| shape)
                    .collect(),
                ServedTerritory::Zone { zone } => drawing
                    .zones
                    .iter()
                    .filter(|(z, _)| z == zone)
                    .map(|(_, shape)| shape)
                    .collect(),
                ServedTerritory::Departement => drawing.zones.iter().map(|(_, s)| s).collect(),
            }
        })
        .collect()
}
