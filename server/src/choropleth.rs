//! The coverage map as an SVG document: one shape per commune coloured by its distance to
//! the nearest help, EPCI and zone outlines, and the places on top. Drawn on the server
//! from our own outlines, so it needs no script, no tile and no other server; the page
//! gives the same values in tables (never colour alone).

use std::fmt::Write;

use app::format::km_fr;
use app::model::coverage::{CLASS_COLOURS, Coverage, distance_class, distance_class_label};
use app::model::{Place, escape_html};

use crate::dataset::Territory;
use crate::svg_map::{self, Projection, WIDTH};

/// The mean width of a letter of a commune's name as drawn (bold, 22 units high).
const LABEL_CHAR_WIDTH: f64 = 14.0;

/// The SVG document, in `/couverture` and at `/api/coverage.svg`. Communes not in
/// `coverage` (another zone shown) are drawn in pale grey.
///
/// Each commune's outline is defined once and drawn twice: coloured at the bottom, and
/// on top, transparent, as the commune's link to its row of the page's table, with its
/// name and distance as title and a hidden label the page's stylesheet shows on hover
/// and keyboard focus. On top, a label is never covered by a neighbour drawn later.
pub fn render(territory: &Territory, coverage: &Coverage, places: &[Place]) -> String {
    let projection = Projection::new(&territory.departement_bbox);
    let legend = (0..CLASS_COLOURS.len())
        .map(|c| format!("{} pour {}", colour_name(c), distance_class_label(c)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut svg = svg_map::start(
        &projection,
        "carte",
        "Distance au lieu d'aide le plus proche, par commune",
        &format!(
            "Chaque commune est coloriée selon la distance entre son centre habité et le lieu d'aide le plus proche : {legend}. Traits blancs : communautés de communes ; traits noirs : zones ; points bleus : lieux."
        ),
    );
    svg.push_str("<defs>");
    for (commune, shape) in territory.communes.iter().zip(&territory.drawing.communes) {
        let _ = write!(
            svg,
            r#"<path id="forme-{}" d="{}"/>"#,
            commune.insee,
            projection.path(shape)
        );
    }
    svg.push_str(r##"</defs><g class="communes" stroke="#8c8c8c" stroke-width="0.4">"##);
    let shown: std::collections::HashMap<_, _> =
        coverage.communes.iter().map(|c| (&c.insee, c)).collect();
    let mut names = String::new();
    for commune in &territory.communes {
        let insee = &commune.insee;
        let shown = shown.get(insee);
        let (class, fill) = match shown {
            Some(c) => {
                let class = distance_class(c.distance_km);
                (format!("classe-{class}"), CLASS_COLOURS[class])
            }
            None => ("hors-choix".to_owned(), "#eeeeee"),
        };
        let _ = write!(
            svg,
            r##"<use class="commune {class}" data-insee="{insee}" href="#forme-{insee}" fill="{fill}"/>"##
        );
        let (x, y) = projection.xy(commune.label.lon, commune.label.lat);
        // Kept whole inside the drawing: a name centred on a commune at the edge would be cut.
        let half_width = LABEL_CHAR_WIDTH * commune.nom.chars().count() as f64 / 2.0;
        let x = x.clamp(
            half_width.min(WIDTH / 2.0),
            (WIDTH - half_width).max(WIDTH / 2.0),
        );
        let name = escape_html(&commune.nom);
        let label = format!(
            r##"<use href="#forme-{insee}" fill="transparent"/><text x="{x:.0}" y="{y:.0}" visibility="hidden">{name}</text>"##
        );
        // Only the communes counted are links: those of another zone are not in the table.
        let _ = match shown {
            Some(c) => {
                let title = match c.distance_km {
                    Some(d) => format!("{name} : {}", km_fr(d)),
                    None => format!("{name} : aucun lieu ne correspond"),
                };
                write!(
                    names,
                    r##"<a class="nom-commune" href="#commune-{insee}"><title>{title}</title>{label}</a>"##
                )
            }
            None => write!(
                names,
                r#"<g class="nom-commune"><title>{name}</title>{label}</g>"#
            ),
        };
    }
    svg.push_str(r##"</g><g class="epci" fill="none" stroke="#ffffff" stroke-width="2.5">"##);
    for (_, shape) in &territory.drawing.epcis {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    svg.push_str(r##"</g><g class="zones" fill="none" stroke="#000000" stroke-width="3">"##);
    for (_, shape) in &territory.drawing.zones {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    let _ = write!(
        svg,
        r##"</g><g class="noms-communes" font-size="22" text-anchor="middle">{names}</g>"##
    );
    svg_map::place_dots(&mut svg, &projection, places);
    svg.push_str("</svg>");
    svg
}

fn colour_name(class: usize) -> &'static str {
    [
        "jaune pâle",
        "jaune",
        "orange",
        "rouge",
        "rouge foncé",
        "gris foncé",
    ][class]
}
