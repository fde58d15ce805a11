//! The coverage map as an SVG document: one shape per commune coloured by its distance to
//! the nearest help, EPCI and zone outlines, and the places on top. Drawn on the server
//! from our own outlines, so it needs no script, no tile and no other server; the page
//! gives the same values in tables (never colour alone).

use std::fmt::Write;

use geo::{CoordsIter, MultiPolygon};

use app::format::km_fr;
use app::model::coverage::{CLASS_COLOURS, Coverage, distance_class, distance_class_label};
use app::model::{BBox, Place, escape_html};

use crate::dataset::Territory;

const WIDTH: f64 = 1000.0;

/// Equirectangular projection scaled at the middle latitude: true to shape at the scale of
/// a département.
struct Projection {
    west: f64,
    north: f64,
    scale_x: f64,
    scale_y: f64,
    height: f64,
}

impl Projection {
    fn new(&[w, s, e, n]: &BBox) -> Projection {
        let shrink = ((s + n) / 2.0).to_radians().cos();
        let scale_x = WIDTH / (e - w);
        let scale_y = scale_x / shrink;
        Projection {
            west: w,
            north: n,
            scale_x,
            scale_y,
            height: (n - s) * scale_y,
        }
    }

    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.west) * self.scale_x,
            (self.north - lat) * self.scale_y,
        )
    }

    fn path(&self, shape: &MultiPolygon<f64>) -> String {
        let mut d = String::new();
        for polygon in &shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for (i, c) in ring.coords_iter().enumerate() {
                    let (x, y) = self.xy(c.x, c.y);
                    let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
                }
                d.push('Z');
            }
        }
        d
    }
}

/// The SVG document. Communes not in `coverage` (another zone shown) are drawn in pale grey.
pub fn render(territory: &Territory, coverage: &Coverage, places: &[Place]) -> String {
    let projection = Projection::new(&territory.departement_bbox);
    let mut svg = String::new();
    let _ = write!(
        svg,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-5 -5 {w:.0} {h:.0}" role="img" aria-labelledby="titre desc">"#,
            r#"<title id="titre">Distance au lieu d'aide le plus proche, par commune</title>"#,
            r#"<desc id="desc">Chaque commune est coloriée selon la distance entre son centre habité et le lieu d'aide le plus proche : {legend}. Traits blancs : communautés de communes ; traits noirs : zones ; points bleus : lieux.</desc>"#
        ),
        w = WIDTH + 10.0,
        h = projection.height + 10.0,
        legend = (0..CLASS_COLOURS.len())
            .map(|c| format!("{} pour {}", colour_name(c), distance_class_label(c)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    svg.push_str(r##"<g class="communes" stroke="#8c8c8c" stroke-width="0.4">"##);
    let shown: std::collections::HashMap<_, _> =
        coverage.communes.iter().map(|c| (&c.insee, c)).collect();
    for (commune, shape) in territory.communes.iter().zip(&territory.drawing.communes) {
        let shown = shown.get(&commune.insee);
        let (class, fill, label) = match shown {
            Some(c) => {
                let class = distance_class(c.distance_km);
                let label = match c.distance_km {
                    Some(d) => format!("{} : {}", c.nom, km_fr(d)),
                    None => format!("{} : aucun lieu ne correspond", c.nom),
                };
                (format!("classe-{class}"), CLASS_COLOURS[class], label)
            }
            None => ("hors-choix".to_owned(), "#eeeeee", commune.nom.clone()),
        };
        let _ = write!(
            svg,
            r#"<path class="commune {class}" data-insee="{}" fill="{fill}" d="{}"><title>{}</title></path>"#,
            commune.insee,
            projection.path(shape),
            escape_html(&label)
        );
    }
    svg.push_str(r##"</g><g class="epci" fill="none" stroke="#ffffff" stroke-width="2.5">"##);
    for shape in &territory.drawing.epcis {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    svg.push_str(r##"</g><g class="zones" fill="none" stroke="#000000" stroke-width="3">"##);
    for shape in &territory.drawing.zones {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    svg.push_str(r##"</g><g class="lieux" fill="#1f4e8c" stroke="#ffffff" stroke-width="1.5">"##);
    for place in places {
        let (x, y) = projection.xy(place.position.lon, place.position.lat);
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="6"><title>{}</title></circle>"#,
            escape_html(&place.properties.display_name())
        );
    }
    svg.push_str("</g></svg>");
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
