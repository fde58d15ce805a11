//! The kit's fonts, shipped with the project (Liberation Sans 2.1, SIL Open Font License
//! 1.1: `server/fonts/COPYRIGHT-Liberation`): the same bytes on every machine, so that the
//! same data gives the same files. They have every French character, the narrow no-break
//! space (U+202F) among them.

use std::sync::{Arc, LazyLock};

use resvg::usvg;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");

/// The family name SVG text asks for.
pub const FAMILY: &str = "Liberation Sans";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

static PDF_REGULAR: LazyLock<krilla::text::Font> = LazyLock::new(|| pdf_font(REGULAR));
static PDF_BOLD: LazyLock<krilla::text::Font> = LazyLock::new(|| pdf_font(BOLD));

fn pdf_font(data: &'static [u8]) -> krilla::text::Font {
    krilla::text::Font::new(data.into(), 0).expect("the shipped font is a TrueType font")
}

impl Weight {
    fn data(self) -> &'static [u8] {
        match self {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        }
    }

    pub fn pdf(self) -> krilla::text::Font {
        match self {
            Weight::Regular => PDF_REGULAR.clone(),
            Weight::Bold => PDF_BOLD.clone(),
        }
    }

    /// SVG's `font-weight`.
    pub fn svg(self) -> &'static str {
        match self {
            Weight::Regular => "normal",
            Weight::Bold => "bold",
        }
    }

    /// How wide `text` is at `size`, from the glyphs' advances (kerning only narrows it: a
    /// line measured so never overflows).
    pub fn width(self, text: &str, size: f32) -> f32 {
        let Ok(font) = FontRef::new(self.data()) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }
}

/// The fonts SVG text is drawn with: ours only, never the machine's.
pub fn database() -> Arc<usvg::fontdb::Database> {
    static DATABASE: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    });
    DATABASE.clone()
}

/// Reads an SVG drawing with our fonts. Images it links to are never fetched, from a file
/// or elsewhere: the drawing is what its own text says.
pub fn read_svg(text: &str) -> Result<usvg::Tree, usvg::Error> {
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: database(),
        languages: vec!["fr".to_owned()],
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(text, &options)
}
