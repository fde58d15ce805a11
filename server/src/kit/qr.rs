//! QR codes as squares to draw: vector in the PDFs (sharp at any print size), the same
//! squares in the images.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone around the code, in modules: readers need it.
const QUIET: usize = 4;

/// A horizontal run of dark modules: column, row, length, in modules from the corner of
/// the quiet zone.
struct Run {
    column: usize,
    row: usize,
    length: usize,
}

/// The dark modules of a QR code, in runs.
pub struct Modules {
    /// Modules across, quiet zone included.
    width: usize,
    runs: Vec<Run>,
}

impl Modules {
    /// The code of `url`; none if the text is too long for a QR code.
    pub fn of(url: &str) -> Option<Modules> {
        // Level M: a quarter of a poster's code may be torn or stained and it still reads.
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let dark = |row: usize, column: usize| colors[row * width + column] == Color::Dark;
        let mut runs = Vec::new();
        for row in 0..width {
            let mut column = 0;
            while column < width {
                if !dark(row, column) {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < width && dark(row, column) {
                    column += 1;
                }
                runs.push(Run {
                    column: start + QUIET,
                    row: row + QUIET,
                    length: column - start,
                });
            }
        }
        Some(Modules {
            width: width + 2 * QUIET,
            runs,
        })
    }

    /// The dark rectangles (x, y, width, height) of the code drawn `size` wide at `x`, `y`.
    pub fn rectangles(&self, x: f32, y: f32, size: f32) -> impl Iterator<Item = [f32; 4]> + '_ {
        let module = size / self.width as f32;
        self.runs.iter().map(move |run| {
            [
                x + run.column as f32 * module,
                y + run.row as f32 * module,
                run.length as f32 * module,
                module,
            ]
        })
    }
}
