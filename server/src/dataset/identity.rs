//! `identite.json` and `identite/logo.svg`: the identity of the programme (name, organiser,
//! colours, key messages, hashtag, how to cite it, logo) that the communication kit puts on
//! every poster and image (issue 17). Optional: without it, the kit wears the site's own
//! name and colours.

use std::path::Path;
use std::sync::Arc;

use app::model::colour::Colour;
use serde::Deserialize;

use super::data_dir::{parse_json, read_optional, read_text};
use super::error::{DatasetError, DatasetErrors};

pub const FILE: &str = "identite.json";
/// Always this path, so that no setting can point outside the folder.
pub const LOGO: &str = "identite/logo.svg";

/// The largest logo read: a vector logo is a few kilobytes.
const MAX_LOGO_BYTES: usize = 512 * 1024;

pub const WHITE: Colour = Colour::new(255, 255, 255);
pub const INK: Colour = Colour::new(0x1e, 0x1e, 0x1e);

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// Bands and headings: readable on white.
    pub principale: Colour,
    /// Text on the bands.
    pub sur_principale: Colour,
    /// Decoration only (never text).
    pub accent: Colour,
}

/// The logo, read and checked at load: the département's file as given (served at
/// `/kit/logo.svg`, whose answer forbids any script), and its drawing for PDFs and images.
#[derive(Clone)]
pub struct Logo {
    /// The drawing as usvg reads it, text already made of the kit's fonts.
    pub tree: Arc<resvg::usvg::Tree>,
    /// The same drawing written back by usvg: shapes only, no script, no outside link.
    pub svg: String,
}

impl Logo {
    /// Width over height.
    pub fn ratio(&self) -> f32 {
        let size = self.tree.size();
        size.width() / size.height()
    }
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({} octets)", self.svg.len())
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IdentityFile {
    exemple: bool,
    nom: String,
    organisateur: String,
    #[serde(default)]
    mot_diese: Option<String>,
    couleurs: Colours,
    messages: Vec<String>,
    citation: String,
}

/// The programme's identity, as the kit wears it.
#[derive(Clone, Debug)]
pub struct Identity {
    /// Written as an example, to be replaced by the département's own.
    pub exemple: bool,
    pub nom: String,
    pub organisateur: String,
    pub mot_diese: Option<String>,
    pub couleurs: Colours,
    pub messages: Vec<String>,
    pub citation: String,
    pub logo: Option<Logo>,
}

impl Identity {
    /// What the kit wears without `identite.json`: the site's name and colours.
    pub fn site() -> Identity {
        Identity {
            exemple: false,
            nom: "Carto82".to_owned(),
            organisateur: "Carto82, la carte du numérique en Tarn-et-Garonne".to_owned(),
            mot_diese: None,
            couleurs: Colours {
                principale: Colour::new(0x1d, 0x3f, 0x72),
                sur_principale: WHITE,
                accent: Colour::new(0xff, 0xbf, 0x47),
            },
            messages: Vec::new(),
            citation: "Carto82, la carte du numérique en Tarn-et-Garonne.".to_owned(),
            logo: None,
        }
    }
}

const MAX_NAME_CHARS: usize = 80;
const MAX_MESSAGE_CHARS: usize = 200;
const MAX_MESSAGES: usize = 6;

pub fn load(dir: &Path) -> Result<Option<Identity>, DatasetErrors> {
    let Some((path, text)) = read_optional(dir, FILE)? else {
        return Ok(None);
    };
    let at = |field: &str, reason: String| DatasetError::field(&path, field, reason);
    let file: IdentityFile = parse_json(&path, &text)?;
    let mut problems = Vec::new();
    let mut text_field = |field: &str, value: &str, max: usize| {
        if value.trim().is_empty() {
            problems.push(at(field, "valeur vide".to_owned()));
        } else if value.chars().count() > max {
            problems.push(at(field, format!("{max} caractères au plus")));
        } else if value.chars().any(char::is_control) {
            problems.push(at(
                field,
                "caractère de contrôle (retour à la ligne…)".to_owned(),
            ));
        }
    };
    text_field("nom", &file.nom, MAX_NAME_CHARS);
    text_field("organisateur", &file.organisateur, MAX_MESSAGE_CHARS);
    text_field("citation", &file.citation, MAX_MESSAGE_CHARS);
    for (i, message) in file.messages.iter().enumerate() {
        text_field(&format!("messages[{i}]"), message, MAX_MESSAGE_CHARS);
    }
    if file.messages.len() > MAX_MESSAGES {
        problems.push(at("messages", format!("{MAX_MESSAGES} messages au plus")));
    }
    if let Some(tag) = &file.mot_diese {
        let word = tag.strip_prefix('#').unwrap_or_default();
        if word.is_empty()
            || word.chars().count() > 60
            || !word.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            problems.push(at(
                "mot_diese",
                "un # suivi de lettres, de chiffres ou de _ (60 au plus), sans espace".to_owned(),
            ));
        }
    }
    let colours = &file.couleurs;
    if colours.principale.contrast(colours.sur_principale) < 4.5 {
        problems.push(at(
            "couleurs.sur_principale",
            format!(
                "trop peu de contraste avec la couleur principale ({:.1} pour 1 ; 4,5 au moins)",
                colours.principale.contrast(colours.sur_principale)
            ),
        ));
    }
    if colours.principale.contrast(WHITE) < 4.5 {
        problems.push(at(
            "couleurs.principale",
            format!(
                "trop peu de contraste sur du blanc pour les titres ({:.1} pour 1 ; 4,5 au moins)",
                colours.principale.contrast(WHITE)
            ),
        ));
    }
    let logo = match read_logo(dir) {
        Ok(logo) => logo,
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    if !problems.is_empty() {
        return Err(DatasetErrors(problems));
    }
    Ok(Some(Identity {
        exemple: file.exemple,
        nom: file.nom,
        organisateur: file.organisateur,
        mot_diese: file.mot_diese,
        couleurs: file.couleurs,
        messages: file.messages,
        citation: file.citation,
        logo,
    }))
}

/// The logo when the folder has one: an SVG file that usvg reads, of a real size.
fn read_logo(dir: &Path) -> Result<Option<Logo>, DatasetError> {
    let path = dir.join(LOGO);
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    if text.len() > MAX_LOGO_BYTES {
        return Err(DatasetError::file(
            &path,
            format!(
                "logo trop gros ({} octets ; {MAX_LOGO_BYTES} au plus)",
                text.len()
            ),
        ));
    }
    let tree = crate::kit::fonts::read_svg(&text)
        .map_err(|e| DatasetError::file(&path, format!("SVG illisible : {e}")))?;
    let size = tree.size();
    if !(1.0..=10_000.0).contains(&size.width()) || !(1.0..=10_000.0).contains(&size.height()) {
        return Err(DatasetError::file(
            &path,
            "le logo doit avoir une largeur et une hauteur (width, height ou viewBox)",
        ));
    }
    let svg = tree.to_string(&resvg::usvg::WriteOptions::default());
    Ok(Some(Logo {
        tree: Arc::new(tree),
        svg,
    }))
}
