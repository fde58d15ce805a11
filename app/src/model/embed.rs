//! The embedded map's own settings (`/embed?titre=…&couleur=…`), read beside the filters it
//! shares with the map page, and the code a partner pastes into their site.

use super::filter::{FilterError, each_pair, parse_text, parse_yes_no};
use super::text::{escape_html, fold};

/// The parameters only `/embed` reads. Every other one means what it means on the map page.
pub const EMBED_PARAMETERS: [&str; 7] = [
    "titre",
    "couleur",
    "liste",
    "recherche",
    "langue",
    "centre",
    "zoom",
];

/// The height of the frame when the partner says nothing, in CSS pixels.
pub const DEFAULT_HEIGHT_PX: u32 = 600;

const DEFAULT_TITLE: &str = "Trouver de l'aide pour le numérique";
const MAX_TITLE_CHARS: usize = 80;

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

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InitialView {
    pub lat: f64,
    pub lon: f64,
    pub zoom: u8,
}

const DEFAULT_ZOOM: u8 = 11;
/// The département and its surroundings: a centre further away shows none of our places.
const CENTRE_BOX: [f64; 4] = [-0.5, 43.0, 3.2, 45.2];

/// The site's own blue, the embed's colour when the partner picks none.
pub const SITE_COLOUR: Colour = Colour([0x1d, 0x3f, 0x72]);

/// A colour `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour([u8; 3]);

impl Colour {
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Black or white, whichever reads better on this colour: the better of the two always
    /// reaches the 4.5:1 contrast of RGAA/WCAG AA, whatever colour the partner picks.
    pub fn text_colour(self) -> &'static str {
        let l = self.luminance();
        let on_white = 1.05 / (l + 0.05);
        let on_black = (l + 0.05) / 0.05;
        if on_white >= on_black {
            "#ffffff"
        } else {
            "#000000"
        }
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
}

impl std::str::FromStr for Colour {
    type Err = String;

    fn from_str(value: &str) -> Result<Colour, String> {
        let hex = value.trim().trim_start_matches('#');
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()
            .ok_or_else(|| format!("« {value} » : couleur #rrggbb attendue"))?;
        match digits[..] {
            [r, g, b] => Ok(Colour([r * 17, g * 17, b * 17])),
            [r1, r2, g1, g2, b1, b2] => Ok(Colour([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2])),
            _ => Err(format!("« {value} » : couleur #rrggbb attendue")),
        }
    }
}

impl EmbedOptions {
    /// Reads the embed's own parameters and ignores the others (the filters').
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<EmbedOptions, FilterError> {
        let (options, mut errors) = EmbedOptions::read_each(pairs);
        if errors.is_empty() {
            Ok(options)
        } else {
            Err(errors.swap_remove(0))
        }
    }

    /// Each setting read on its own: a wrong one is reported and left at its default, the
    /// others still apply (a typo in the colour does not lose the partner's title).
    pub fn read_each<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (EmbedOptions, Vec<FilterError>) {
        let mut options = EmbedOptions::default();
        let mut errors = Vec::new();
        let mut centre = None;
        let mut zoom = None;
        for pair in pairs {
            let read = each_pair([pair], |key, value| {
                match key {
                    "titre" => {
                        let title = parse_text(value)?;
                        if title.chars().count() > MAX_TITLE_CHARS {
                            return Err(format!("{MAX_TITLE_CHARS} caractères au plus"));
                        }
                        options.title = Some(title);
                    }
                    "couleur" => options.colour = Some(value.parse()?),
                    "liste" => options.list = parse_yes_no(value)?,
                    "recherche" => options.search = parse_yes_no(value)?,
                    "langue" => {
                        options.level = match fold(value).as_str() {
                            "facile" => LanguageLevel::Facile,
                            "courant" => LanguageLevel::Courant,
                            _ => return Err(format!("« {value} » : facile ou courant attendu")),
                        }
                    }
                    "centre" => centre = Some(parse_centre(value)?),
                    "zoom" => {
                        zoom = Some(
                            value
                                .parse::<u8>()
                                .ok()
                                .filter(|z| (7..=18).contains(z))
                                .ok_or_else(|| format!("« {value} » : nombre de 7 à 18 attendu"))?,
                        )
                    }
                    _ => {}
                }
                Ok(())
            });
            errors.extend(read.err());
        }
        options.view = match (centre, zoom) {
            (Some((lat, lon)), zoom) => Some(InitialView {
                lat,
                lon,
                zoom: zoom.unwrap_or(DEFAULT_ZOOM),
            }),
            (None, Some(_)) => {
                errors.push(FilterError::new(
                    "zoom",
                    "il faut aussi un centre (centre=latitude,longitude)",
                ));
                None
            }
            (None, None) => None,
        };
        (options, errors)
    }

    /// The parameters that give these options back; the defaults are left out.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let default = EmbedOptions::default();
        let mut pairs = Vec::new();
        pairs.extend(self.title.clone().map(|t| ("titre", t)));
        pairs.extend(
            self.colour
                .filter(|c| *c != SITE_COLOUR)
                .map(|c| ("couleur", c.hex())),
        );
        if self.list != default.list {
            pairs.push(("liste", "non".to_owned()));
        }
        if self.search != default.search {
            pairs.push(("recherche", "non".to_owned()));
        }
        if self.level != default.level {
            pairs.push(("langue", self.level.label().to_owned()));
        }
        if let Some(v) = self.view {
            pairs.push(("centre", format!("{},{}", v.lat, v.lon)));
            pairs.push(("zoom", v.zoom.to_string()));
        }
        pairs
    }

    /// The heading of the embed, and the `title` of its frame for screen readers.
    pub fn heading(&self) -> &str {
        self.title.as_deref().unwrap_or(DEFAULT_TITLE)
    }
}

fn parse_centre(value: &str) -> Result<(f64, f64), String> {
    let wrong =
        || format!("« {value} » : latitude,longitude attendues (par exemple 44.0176,1.355)");
    let (lat, lon) = value.split_once(',').ok_or_else(wrong)?;
    let lat: f64 = lat.trim().parse().map_err(|_| wrong())?;
    let lon: f64 = lon.trim().parse().map_err(|_| wrong())?;
    let [west, south, east, north] = CENTRE_BOX;
    if !(south..=north).contains(&lat) || !(west..=east).contains(&lon) {
        return Err(format!(
            "« {value} » : le centre doit être en Tarn-et-Garonne ou tout près"
        ));
    }
    Ok((lat, lon))
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
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
        EmbedOptions::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
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
        assert_eq!(read(&again).unwrap(), o);
        assert_eq!(read("zone=Est").unwrap(), EmbedOptions::default());
        assert!(EmbedOptions::default().query_pairs().is_empty());
    }

    #[test]
    fn names_the_wrong_setting() {
        for (query, parameter) in [
            ("couleur=bleu", "couleur"),
            ("couleur=%2312345", "couleur"),
            ("liste=peut-etre", "liste"),
            ("langue=anglais", "langue"),
            ("centre=48.85,2.35", "centre"),
            ("centre=44", "centre"),
            ("centre=44,1.3&zoom=30", "zoom"),
            ("zoom=10", "zoom"),
        ] {
            assert_eq!(read(query).unwrap_err().parameter, parameter, "{query}");
        }
        let pairs = [
            ("titre", "Nos ateliers"),
            ("couleur", "bleu"),
            ("langue", "anglais"),
        ];
        let (kept, errors) = EmbedOptions::read_each(pairs);
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
        let contrast = |a: f64, b: f64| (a.max(b) + 0.05) / (a.min(b) + 0.05);
        for hex in [
            "#1d3f72", "#ffff00", "#777777", "#7f7f7f", "#ff0000", "#00ff00", "#000000",
        ] {
            let c: Colour = hex.parse().unwrap();
            let text: Colour = c.text_colour().parse().unwrap();
            let ratio = contrast(c.luminance(), text.luminance());
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
