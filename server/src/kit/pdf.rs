//! Sheets written as a PDF with krilla: real text in embedded, subset fonts, a title and
//! the language, and nothing that changes from one run to the next (no date, ids made
//! from the content), so that the same data gives the same bytes.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use krilla_svg::{SurfaceExt, SvgSettings};

use app::model::colour::Colour;

use crate::dataset::identity::Logo;

use super::qr::Modules;
use super::sheet::{Mark, Sheet};

pub fn write(sheets: &[Sheet], title: &str, logo: Option<&Logo>) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    for sheet in sheets {
        let size = Size::from_wh(sheet.width, sheet.height).ok_or("taille de page nulle")?;
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        for mark in &sheet.marks {
            draw(&mut surface, mark, logo);
        }
        surface.finish();
        page.finish();
    }
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("fr-FR".to_owned())
            .creator("Carto82".to_owned()),
    );
    document.finish().map_err(|e| format!("{e:?}"))
}

fn paint(colour: Colour) -> krilla::paint::Paint {
    let [r, g, b] = colour.rgb();
    rgb::Color::new(r, g, b).into()
}

fn fill(colour: Colour) -> Option<Fill> {
    Some(Fill {
        paint: paint(colour),
        ..Fill::default()
    })
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut builder = PathBuilder::new();
    builder.push_rect(Rect::from_xywh(x, y, w, h)?);
    builder.finish()
}

fn draw(surface: &mut Surface, mark: &Mark, logo: Option<&Logo>) {
    match mark {
        Mark::Rect { x, y, w, h, colour } => {
            surface.set_fill(fill(*colour));
            if let Some(path) = rect_path(*x, *y, *w, *h) {
                surface.draw_path(&path);
            }
        }
        Mark::Text {
            x,
            y,
            size,
            weight,
            colour,
            text,
        } => {
            surface.set_fill(fill(*colour));
            surface.draw_text(
                Point::from_xy(*x, *y),
                weight.pdf(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Mark::Qr { x, y, size, url } => {
            let Some(modules) = Modules::of(url) else {
                return;
            };
            surface.set_fill(fill(crate::dataset::identity::WHITE));
            if let Some(path) = rect_path(*x, *y, *size, *size) {
                surface.draw_path(&path);
            }
            let mut builder = PathBuilder::new();
            for [rx, ry, rw, rh] in modules.rectangles(*x, *y, *size) {
                if let Some(r) = Rect::from_xywh(rx, ry, rw, rh) {
                    builder.push_rect(r);
                }
            }
            surface.set_fill(fill(Colour::new(0, 0, 0)));
            if let Some(path) = builder.finish() {
                surface.draw_path(&path);
            }
        }
        Mark::Logo { x, y, w, h } => {
            let Some(logo) = logo else { return };
            let (w, h) = fitted(logo, *w, *h);
            if let Some(size) = Size::from_wh(w, h) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_svg(&logo.tree, size, SvgSettings::default());
                surface.pop();
            }
        }
        Mark::Shape {
            rings,
            fill: inside,
            stroke,
        } => {
            let mut builder = PathBuilder::new();
            for ring in rings {
                let mut points = ring.iter();
                let Some(&(x0, y0)) = points.next() else {
                    continue;
                };
                builder.move_to(x0, y0);
                for &(x, y) in points {
                    builder.line_to(x, y);
                }
                builder.close();
            }
            surface.set_fill(fill(*inside));
            surface.set_stroke(Some(Stroke {
                paint: paint(*stroke),
                width: 0.6,
                ..Stroke::default()
            }));
            if let Some(path) = builder.finish() {
                surface.draw_path(&path);
            }
            surface.set_stroke(None);
        }
        Mark::Dot { x, y, r, colour } => {
            // A circle as four Bézier quarters (the usual 0.5523 of the radius).
            let (x, y, r) = (*x, *y, *r);
            let k = r * 0.552_284_8;
            let mut builder = PathBuilder::new();
            builder.move_to(x + r, y);
            builder.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
            builder.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
            builder.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
            builder.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
            builder.close();
            surface.set_fill(fill(*colour));
            if let Some(path) = builder.finish() {
                surface.draw_path(&path);
            }
        }
    }
}

/// The logo's size within a box of `w` × `h`, its proportions kept.
pub fn fitted(logo: &Logo, w: f32, h: f32) -> (f32, f32) {
    let ratio = logo.ratio();
    if w / h > ratio {
        (h * ratio, h)
    } else {
        (w, w / ratio)
    }
}
