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
/// The mean width of a letter of a commune's name as drawn (bold, 22 units high).
const LABEL_CHAR_WIDTH: f64 = 14.0;

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

    /// The outline as SVG path data in whole units of the 1 000-wide drawing (finer than a
    /// screen shows it), each point relative to the one before and repeated points left out:
    /// the map is inlined in `/couverture`, so its weight is the page's.
    fn path(&self, shape: &MultiPolygon<f64>) -> String {
        let mut d = String::new();
        for polygon in &shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let mut last: Option<(i64, i64)> = None;
                for c in ring.coords_iter() {
                    let (x, y) = self.xy(c.x, c.y);
                    let here = (x.round() as i64, y.round() as i64);
                    match last {
                        None => {
                            let _ = write!(d, "M{} {}l", here.0, here.1);
                        }
                        Some(before) if before == here => continue,
                        Some((bx, by)) => {
                            let (dx, dy) = (here.0 - bx, here.1 - by);
                            // A minus sign separates numbers by itself.
                            let gap = |n: i64| if n < 0 { "" } else { " " };
                            let _ = write!(d, "{}{dx}{}{dy}", gap(dx), gap(dy));
                        }
                    }
                    last = Some(here);
                }
                d.push('z');
            }
        }
        d
    }
}

/// The SVG document, in `/couverture` and at `/api/coverage.svg`. Communes not in
/// `coverage` (another zone shown) are drawn in pale grey.
///
/// Each commune's outline is defined once and drawn twice: coloured at the bottom, and
/// on top, transparent, as the commune's link to its row of the page's table, with its
/// name and distance as title and a hidden label the page's stylesheet shows on hover
/// and keyboard focus. On top, a label is never covered by a neighbour drawn later.
pub fn render(territory: &Territory, coverage: &Coverage, places: &[Place]) -> String {
    let projection = Projection::new(&territory.departement_bbox);
    let mut svg = String::new();
    let _ = write!(
        svg,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-5 -5 {w:.0} {h:.0}" aria-labelledby="carte-titre carte-desc">"#,
            r#"<title id="carte-titre">Distance au lieu d'aide le plus proche, par commune</title>"#,
            r#"<desc id="carte-desc">Chaque commune est coloriée selon la distance entre son centre habité et le lieu d'aide le plus proche : {legend}. Traits blancs : communautés de communes ; traits noirs : zones ; points bleus : lieux.</desc>"#
        ),
        w = WIDTH + 10.0,
        h = projection.height + 10.0,
        legend = (0..CLASS_COLOURS.len())
            .map(|c| format!("{} pour {}", colour_name(c), distance_class_label(c)))
            .collect::<Vec<_>>()
            .join(", ")
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
    for shape in &territory.drawing.epcis {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    svg.push_str(r##"</g><g class="zones" fill="none" stroke="#000000" stroke-width="3">"##);
    for shape in &territory.drawing.zones {
        let _ = write!(svg, r#"<path d="{}"/>"#, projection.path(shape));
    }
    let _ = write!(
        svg,
        r##"</g><g class="noms-communes" font-size="22" text-anchor="middle">{names}</g>"##
    );
    svg.push_str(r##"<g class="lieux" fill="#1f4e8c" stroke="#ffffff" stroke-width="1.5">"##);
    for place in places {
        let (x, y) = projection.xy(place.position.lon, place.position.lat);
        let _ = write!(
            svg,
            r#"<circle cx="{x:.0}" cy="{y:.0}" r="6"><title>{}</title></circle>"#,
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
