//! A sheet drawn as a PNG image: written as SVG (text in our fonts), drawn by resvg, the
//! logo drawn over it from its own tree.

use std::fmt::Write;

use app::model::escape_html;
use resvg::tiny_skia::{Pixmap, Transform};

use crate::dataset::identity::Logo;

use super::fonts::{FAMILY, read_svg};
use super::pdf::fitted;
use super::qr::Modules;
use super::sheet::{Mark, Sheet};

/// The sheet as a PNG `scale` pixels per point.
pub fn draw(sheet: &Sheet, logo: Option<&Logo>, scale: f32) -> Result<Vec<u8>, String> {
    let svg = svg_of(sheet);
    let tree = read_svg(&svg).map_err(|e| e.to_string())?;
    let width = (sheet.width * scale).round() as u32;
    let height = (sheet.height * scale).round() as u32;
    let mut pixmap = Pixmap::new(width, height).ok_or("image vide")?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    for mark in &sheet.marks {
        if let (Mark::Logo { x, y, w, h }, Some(logo)) = (mark, logo) {
            let (w, _) = fitted(logo, *w, *h);
            let factor = w / logo.tree.size().width() * scale;
            resvg::render(
                &logo.tree,
                Transform::from_row(factor, 0.0, 0.0, factor, x * scale, y * scale),
                &mut pixmap.as_mut(),
            );
        }
    }
    pixmap.encode_png().map_err(|e| e.to_string())
}

fn svg_of(sheet: &Sheet) -> String {
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#ffffff"/>"##,
        w = sheet.width,
        h = sheet.height
    );
    for mark in &sheet.marks {
        let _ = match mark {
            Mark::Rect { x, y, w, h, colour } => write!(
                svg,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{}"/>"#,
                colour.hex()
            ),
            Mark::Text {
                x,
                y,
                size,
                weight,
                colour,
                text,
            } => write!(
                svg,
                r#"<text x="{x}" y="{y}" font-family="{FAMILY}" font-size="{size}" font-weight="{}" fill="{}" xml:space="preserve">{}</text>"#,
                weight.svg(),
                colour.hex(),
                escape_html(text)
            ),
            Mark::Qr { x, y, size, url } => {
                let Some(modules) = Modules::of(url) else {
                    continue;
                };
                let mut d = String::new();
                for [rx, ry, rw, rh] in modules.rectangles(*x, *y, *size) {
                    let _ = write!(d, "M{rx} {ry}h{rw}v{rh}h-{rw}z");
                }
                write!(
                    svg,
                    r##"<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="#ffffff"/><path d="{d}" fill="#000000" shape-rendering="crispEdges"/>"##
                )
            }
            // Drawn from its own tree, over the rest.
            Mark::Logo { .. } => Ok(()),
            Mark::Shape {
                rings,
                fill,
                stroke,
            } => {
                let mut d = String::new();
                for ring in rings {
                    for (i, (x, y)) in ring.iter().enumerate() {
                        let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
                    }
                    d.push('z');
                }
                write!(
                    svg,
                    r#"<path d="{d}" fill="{}" stroke="{}" stroke-width="0.6"/>"#,
                    fill.hex(),
                    stroke.hex()
                )
            }
            Mark::Dot { x, y, r, colour } => write!(
                svg,
                r#"<circle cx="{x}" cy="{y}" r="{r}" fill="{}"/>"#,
                colour.hex()
            ),
        };
    }
    svg.push_str("</svg>");
    svg
}
