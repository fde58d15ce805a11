//! A page of the kit as a list of marks, in points from its top left corner: what the
//! documents lay out once, and what `pdf` and `png` both draw (a poster's preview is its PDF's
//! page, drawn by another hand).

use app::model::colour::Colour;

use super::fonts::Weight;
use super::typography::wrap;

#[derive(Clone, Debug)]
pub enum Mark {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
    /// One line of text; `y` is its baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        colour: Colour,
        text: String,
    },
    /// A QR code of `url`, `size` wide with its quiet zone.
    Qr {
        x: f32,
        y: f32,
        size: f32,
        url: String,
    },
    /// The programme's logo, fitted in the box.
    Logo { x: f32, y: f32, w: f32, h: f32 },
    /// Closed rings (outlines of a map), filled and stroked.
    Shape {
        rings: Vec<Vec<(f32, f32)>>,
        fill: Colour,
        stroke: Colour,
    },
    /// A dot (an event's place on a map).
    Dot {
        x: f32,
        y: f32,
        r: f32,
        colour: Colour,
    },
}

#[derive(Clone, Debug)]
pub struct Sheet {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// Page sizes, in points.
pub const A4: (f32, f32) = (595.28, 841.89);
pub const A5: (f32, f32) = (419.53, 595.28);

impl Sheet {
    pub fn new((width, height): (f32, f32)) -> Sheet {
        Sheet {
            width,
            height,
            marks: Vec::new(),
        }
    }

    /// The same page drawn at `factor` of its size: the A5 flyer is the A4 poster, smaller.
    pub fn scaled(&self, factor: f32) -> Sheet {
        let s = |v: f32| v * factor;
        let marks = self
            .marks
            .iter()
            .map(|mark| match mark.clone() {
                Mark::Rect { x, y, w, h, colour } => Mark::Rect {
                    x: s(x),
                    y: s(y),
                    w: s(w),
                    h: s(h),
                    colour,
                },
                Mark::Text {
                    x,
                    y,
                    size,
                    weight,
                    colour,
                    text,
                } => Mark::Text {
                    x: s(x),
                    y: s(y),
                    size: s(size),
                    weight,
                    colour,
                    text,
                },
                Mark::Qr { x, y, size, url } => Mark::Qr {
                    x: s(x),
                    y: s(y),
                    size: s(size),
                    url,
                },
                Mark::Logo { x, y, w, h } => Mark::Logo {
                    x: s(x),
                    y: s(y),
                    w: s(w),
                    h: s(h),
                },
                Mark::Shape {
                    rings,
                    fill,
                    stroke,
                } => Mark::Shape {
                    rings: rings
                        .into_iter()
                        .map(|r| r.into_iter().map(|(x, y)| (s(x), s(y))).collect())
                        .collect(),
                    fill,
                    stroke,
                },
                Mark::Dot { x, y, r, colour } => Mark::Dot {
                    x: s(x),
                    y: s(y),
                    r: s(r),
                    colour,
                },
            })
            .collect();
        Sheet {
            width: s(self.width),
            height: s(self.height),
            marks,
        }
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.marks.push(Mark::Rect { x, y, w, h, colour });
    }

    pub fn line(&mut self, x: f32, y: f32, size: f32, weight: Weight, colour: Colour, text: &str) {
        self.marks.push(Mark::Text {
            x,
            y,
            size,
            weight,
            colour,
            text: text.to_owned(),
        });
    }
}

/// A style of text: size, weight, colour, and line height as a multiple of the size.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    pub colour: Colour,
    pub leading: f32,
}

impl Style {
    pub fn new(size: f32, weight: Weight, colour: Colour) -> Style {
        Style {
            size,
            weight,
            colour,
            leading: 1.25,
        }
    }

    pub fn line_height(self) -> f32 {
        self.size * self.leading
    }

    /// How tall `text` is once wrapped to `width`.
    pub fn height_of(self, text: &str, width: f32) -> f32 {
        wrap(text, self.weight, self.size, width).len() as f32 * self.line_height()
    }
}

/// A column of text that flows down a sheet, between `x` and `x + width`, and stops at
/// `bottom`: what does not fit is cut, its last line ending with « … ».
pub struct Column {
    pub x: f32,
    pub width: f32,
    pub y: f32,
    pub bottom: f32,
    /// Some text did not fit.
    pub cut: bool,
}

impl Column {
    pub fn new(x: f32, width: f32, top: f32, bottom: f32) -> Column {
        Column {
            x,
            width,
            y: top,
            bottom,
            cut: false,
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    pub fn fits(&self, height: f32) -> bool {
        self.y + height <= self.bottom
    }

    /// Writes `text` wrapped, and says whether all of it fitted.
    pub fn paragraph(&mut self, sheet: &mut Sheet, style: Style, text: &str) -> bool {
        let lines = wrap(text, style.weight, style.size, self.width);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            if !self.fits(style.line_height()) {
                self.cut = true;
                return false;
            }
            let last_that_fits = !self.fits(style.line_height() * 2.0) && i + 1 < count;
            let line = if last_that_fits {
                self.cut = true;
                shortened(&line, style, self.width)
            } else {
                line
            };
            self.y += style.size;
            sheet.line(
                self.x,
                self.y,
                style.size,
                style.weight,
                style.colour,
                &line,
            );
            self.y += style.line_height() - style.size;
            if last_that_fits {
                return false;
            }
        }
        true
    }
}

/// `line` ending with « … », within `width`.
fn shortened(line: &str, style: Style, width: f32) -> String {
    let mut text: String = line.to_owned();
    while !text.is_empty() && style.weight.width(&format!("{text} …"), style.size) > width {
        text.pop();
    }
    format!("{} …", text.trim_end())
}
