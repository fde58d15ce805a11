//! The embedded map's own settings (`/embed?title=…&color=…`), read beside the filters it
//! shares with the map page, and the code a partner pastes into their site.

pub use super::colour::Colour;
use super::query::FilterError;
use super::query::{
    CENTER, COLOR, Documented, LANGUAGE, LIST, LatLon, Query, QueryWriter, SEARCH, TITLE, ZOOM,
};
use super::text::escape_html;

/// The height of the frame when the partner says nothing, in CSS pixels.
pub const DEFAULT_HEIGHT_PX: u32 = 600;

const DEFAULT_TITLE: &str = "Trouver de l'aide pour le numérique";

/// How an embed looks: all optional, the defaults are the map page's.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedOptions {
    pub title: Option<String>,
    /// The partner's colour for the heading band and buttons.
    pub colour: Option<Colour>,
    /// Whether the lists show open under the map, or folded behind « Voir la liste ».
    pub list: bool,
    pub search: bool,
    pub level: LanguageLevel,
    /// Where the map opens; otherwise on the chosen territory.
    pub view: Option<InitialView>,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            title: None,
            colour: None,
            list: true,
            search: true,
            level: LanguageLevel::Facile,
            view: None,
        }
    }
}

/// `facile`: short sentences and larger text, for residents (the default);
/// `courant`: the same map without the explanations, for sites whose readers know it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LanguageLevel {
    #[default]
    Facile,
    Courant,
}

impl LanguageLevel {
    pub fn label(self) -> &'static str {
        match self {
            LanguageLevel::Facile => "facile",
            LanguageLevel::Courant => "courant",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InitialView {
    pub lat: f64,
    pub lon: f64,
    pub zoom: u8,
}

const DEFAULT_ZOOM: u8 = 11;

/// The site's own blue, the embed's colour when the partner picks none.
pub const SITE_COLOUR: Colour = Colour::new(0x1d, 0x3f, 0x72);

impl EmbedOptions {
    /// The embed's own parameters.
    pub const PARAMETERS: &'static [&'static dyn Documented] =
        &[&TITLE, &COLOR, &LIST, &SEARCH, &LANGUAGE, &CENTER, &ZOOM];

    /// Reads the embed's own parameters and ignores the others (the filters'); the first
    /// wrong one is the error.
    pub fn read(query: &Query) -> Result<EmbedOptions, FilterError> {
        let (options, mut errors) = EmbedOptions::read_each(query);
        if errors.is_empty() {
            Ok(options)
        } else {
            Err(errors.swap_remove(0))
        }
    }

    /// Each setting read on its own: a wrong one is reported and left at its default, the
    /// others still apply (a typo in the colour does not lose the partner's title).
    pub fn read_each(query: &Query) -> (EmbedOptions, Vec<FilterError>) {
        let mut errors = Vec::new();
        let default = EmbedOptions::default();
        let title = kept(&mut errors, query.one(&TITLE));
        let colour = kept(&mut errors, query.one(&COLOR));
        let list = kept(&mut errors, query.one(&LIST)).unwrap_or(default.list);
        let search = kept(&mut errors, query.one(&SEARCH)).unwrap_or(default.search);
        let level = kept(&mut errors, query.one(&LANGUAGE)).unwrap_or(default.level);
        let centre = kept(&mut errors, query.one(&CENTER));
        let zoom = kept(&mut errors, query.one(&ZOOM));
        let view = match (centre, zoom) {
            (Some(LatLon { lat, lon }), zoom) => Some(InitialView {
                lat,
                lon,
                zoom: zoom.unwrap_or(DEFAULT_ZOOM),
            }),
            (None, Some(_)) => {
                errors.push(FilterError::new(
                    ZOOM.name,
                    "il faut aussi un centre (center=latitude,longitude)",
                ));
                None
            }
            (None, None) => None,
        };
        (
            EmbedOptions {
                title,
                colour,
                list,
                search,
                level,
                view,
            },
            errors,
        )
    }

    /// Writes the settings that are not the defaults.
    pub fn write(&self, w: &mut QueryWriter) {
        let default = EmbedOptions::default();
        w.one(&TITLE, self.title.as_ref())
            .one(&COLOR, self.colour.filter(|c| *c != SITE_COLOUR).as_ref())
            .one(&LIST, (self.list != default.list).then_some(&self.list))
            .one(
                &SEARCH,
                (self.search != default.search).then_some(&self.search),
            )
            .one(
                &LANGUAGE,
                (self.level != default.level).then_some(&self.level),
            );
        if let Some(v) = self.view {
            w.one(
                &CENTER,
                Some(&LatLon {
                    lat: v.lat,
                    lon: v.lon,
                }),
            )
            .one(&ZOOM, Some(&v.zoom));
        }
    }

    /// The parameters that give these options back; the defaults are left out.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut w = QueryWriter::default();
        self.write(&mut w);
        w.pairs()
    }

    /// The heading of the embed, and the `title` of its frame for screen readers.
    pub fn heading(&self) -> &str {
        self.title.as_deref().unwrap_or(DEFAULT_TITLE)
    }
}

/// The value read, or nothing with its error noted.
fn kept<T>(errors: &mut Vec<FilterError>, read: Result<Option<T>, FilterError>) -> Option<T> {
    read.map_err(|e| errors.push(e)).ok().flatten()
}

/// The HTML a partner pastes: the frame (titled, lazy, allowed to ask for the position), and
/// when `auto_height`, our small script that fits its height to the content. `query` is the
/// embed's query string, already encoded; `width` is in pixels, or the full width when `None`.
pub fn iframe_code(
    origin: &str,
    query: &str,
    heading: &str,
    width: Option<u32>,
    height: u32,
    auto_height: bool,
) -> String {
    let src = embed_url(origin, query);
    // The width attribute is in pixels; the full width is said in the style.
    let (width, style) = match width {
        Some(w) => (format!(" width=\"{w}\""), "border:0;max-width:100%"),
        None => (String::new(), "border:0;width:100%"),
    };
    let mut code = format!(
        "<iframe src=\"{src}\" title=\"{title}\"{width} height=\"{height}\" \
         style=\"{style}\" loading=\"lazy\" allow=\"geolocation\"></iframe>",
        src = escape_html(&src),
        title = escape_html(&frame_title(heading)),
    );
    if auto_height {
        code.push_str(&format!(
            "\n<script src=\"{}\" async></script>",
            escape_html(&format!("{origin}/assets/integration.js"))
        ));
    }
    code
}

/// The address of the embed itself.
pub fn embed_url(origin: &str, query: &str) -> String {
    if query.is_empty() {
        format!("{origin}/embed")
    } else {
        format!("{origin}/embed?{query}")
    }
}

pub fn frame_title(heading: &str) -> String {
    format!("Carte Carto82 : {heading}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> Result<EmbedOptions, FilterError> {
        EmbedOptions::read(&Query::parse(query).unwrap())
    }

    #[test]
    fn reads_every_setting_and_writes_it_back() {
        let query = "titre=Ateliers+IA&couleur=%23a0c&liste=non&recherche=non&langue=courant&centre=44.1,1.5&zoom=12&zone=Est";
        let o = read(query).unwrap();
        assert_eq!(o.title.as_deref(), Some("Ateliers IA"));
        assert_eq!(o.colour.unwrap().hex(), "#aa00cc");
        assert!(!o.list && !o.search);
        assert_eq!(o.level, LanguageLevel::Courant);
        assert_eq!(
            o.view,
            Some(InitialView {
                lat: 44.1,
                lon: 1.5,
                zoom: 12
            })
        );
        let again = serde_urlencoded::to_string(o.query_pairs()).unwrap();
        assert_eq!(
            again,
            "title=Ateliers+IA&color=%23aa00cc&list=non&search=non&language=courant&center=44.1%2C1.5&zoom=12",
            "written under today's names"
        );
        assert_eq!(read(&again).unwrap(), o);
        let english = "title=Ateliers+IA&color=%23a0c&list=non&search=non&language=courant&center=44.1,1.5&zoom=12";
        assert_eq!(read(english).unwrap(), o, "the same, by today's names");
        assert_eq!(read("zone=Est").unwrap(), EmbedOptions::default());
        assert!(EmbedOptions::default().query_pairs().is_empty());
    }

    #[test]
    fn names_the_wrong_setting() {
        for (query, parameter) in [
            ("couleur=bleu", "couleur"),
            ("color=%2312345", "color"),
            ("liste=peut-etre", "liste"),
            ("langue=anglais", "langue"),
            ("centre=48.85,2.35", "centre"),
            ("center=44", "center"),
            ("center=44,1.3&zoom=30", "zoom"),
            ("zoom=10", "zoom"),
        ] {
            assert_eq!(read(query).unwrap_err().parameter, parameter, "{query}");
        }
        let (kept, errors) = EmbedOptions::read_each(&Query::from_pairs([
            ("titre", "Nos ateliers"),
            ("couleur", "bleu"),
            ("langue", "anglais"),
        ]));
        assert_eq!(
            kept.title.as_deref(),
            Some("Nos ateliers"),
            "the good setting stays"
        );
        let wrong: Vec<&str> = errors.iter().map(|e| e.parameter.as_str()).collect();
        assert_eq!(wrong, ["couleur", "langue"], "every wrong one is named");
        let long = format!("titre={}", "a".repeat(81));
        assert_eq!(read(&long).unwrap_err().parameter, "titre");
    }

    #[test]
    fn text_on_the_partner_colour_always_has_aa_contrast() {
        for hex in [
            "#1d3f72", "#ffff00", "#777777", "#7f7f7f", "#ff0000", "#00ff00", "#000000",
        ] {
            let c: Colour = hex.parse().unwrap();
            let text: Colour = c.text_colour().parse().unwrap();
            let ratio = c.contrast(text);
            assert!(ratio >= 4.5, "{hex} on {}: {ratio}", c.text_colour());
        }
        assert_eq!(
            "#1d3f72".parse::<Colour>().unwrap().text_colour(),
            "#ffffff"
        );
        assert_eq!(
            "#ffff00".parse::<Colour>().unwrap().text_colour(),
            "#000000"
        );
    }

    #[test]
    fn the_code_is_a_titled_lazy_frame_with_the_script_only_when_asked() {
        let code = iframe_code(
            "https://carto82.fr",
            "zone=Est&titre=%3Cb%3E",
            "<b>",
            None,
            600,
            true,
        );
        assert!(code.starts_with(
            "<iframe src=\"https://carto82.fr/embed?zone=Est&amp;titre=%3Cb%3E\" title=\"Carte Carto82 : &lt;b&gt;\" height=\"600\" style=\"border:0;width:100%\""
        ));
        assert!(code.contains("loading=\"lazy\" allow=\"geolocation\""));
        assert!(
            code.ends_with(
                "<script src=\"https://carto82.fr/assets/integration.js\" async></script>"
            )
        );
        let fixed = iframe_code("https://carto82.fr", "", "Carte", Some(400), 300, false);
        assert!(
            fixed.contains("src=\"https://carto82.fr/embed\"") && fixed.contains("width=\"400\"")
        );
        assert!(!fixed.contains("<script"));
    }
}
