//! Maps drawn as SVG on the server from our own outlines: no script, no tile, no other
//! server. The coverage map (`choropleth`) and an actor's territory (`actor_map`).

use std::fmt::Write;

use geo::{CoordsIter, MultiPolygon};

use app::model::{BBox, Place, escape_html};

/// The drawing's width in its own units; its height follows the territory's shape.
pub const WIDTH: f64 = 1000.0;
/// Equirectangular projection scaled at the middle latitude: true to shape at the scale of
/// a département.
pub struct Projection {
    west: f64,
    north: f64,
    scale_x: f64,
    scale_y: f64,
    pub height: f64,
}

impl Projection {
    pub fn new(&[w, s, e, n]: &BBox) -> Projection {
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

    pub fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.west) * self.scale_x,
            (self.north - lat) * self.scale_y,
        )
    }

    /// The outline as SVG path data in whole units of the 1 000-wide drawing (finer than a
    /// screen shows it), each point relative to the one before and repeated points left out:
    /// the maps are inlined in pages, so their weight is the page's.
    pub fn path(&self, shape: &MultiPolygon<f64>) -> String {
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

/// The document's start: its frame (a margin of 5 units for the outlines' strokes), and
/// its title and description for screen readers, `{id}-titre` and `{id}-desc`.
pub fn start(projection: &Projection, id: &str, title: &str, description: &str) -> String {
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-5 -5 {w:.0} {h:.0}" aria-labelledby="{id}-titre {id}-desc">"#,
            r#"<title id="{id}-titre">{title}</title><desc id="{id}-desc">{description}</desc>"#
        ),
        w = WIDTH + 10.0,
        h = projection.height + 10.0,
        id = id,
        title = escape_html(title),
        description = escape_html(description),
    )
}

/// The places as blue dots, each with its name as title.
pub fn place_dots(svg: &mut String, projection: &Projection, places: &[Place]) {
    svg.push_str(r##"<g class="lieux" fill="#1f4e8c" stroke="#ffffff" stroke-width="1.5">"##);
    for place in places {
        let (x, y) = projection.xy(place.position.lon, place.position.lat);
        let _ = write!(
            svg,
            r#"<circle cx="{x:.0}" cy="{y:.0}" r="6"><title>{}</title></circle>"#,
            escape_html(&place.properties.display_name())
        );
    }
    svg.push_str("</g>");
}
