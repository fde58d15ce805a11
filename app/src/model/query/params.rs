//! Every query parameter of the pages and of the API, declared once. Names are English, as
//! every parameter of ours (see the naming rule in ARCHITECTURE.md); the French names of
//! earlier versions stay readable as aliases, because partners pasted links with them.

use chrono::NaiveDate;

use super::{Documented, Param, Values};
use crate::model::actor::{ActorId, ActorType, Competence, Network};
use crate::model::coverage::SortKey;
use crate::model::embed::{Colour, LanguageLevel};
use crate::model::event::{ActivityType, EventStatus, Theme};
use crate::model::layers::Layer;
use crate::model::resource::ResourceType;
use crate::model::standard::{Frais, PriseEnCharge, Programme, Public, Service};
use crate::model::territory::{BBox, Insee, Siren, Zone};
use crate::model::text::fold;

/// Longest free text a parameter takes (`q`, `where`), in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest title of an embed, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// Largest radius around a point, in km.
pub const MAX_RADIUS_KM: f64 = 300.0;
/// Programme editions are years in this range.
pub const EDITIONS: (u16, u16) = (2000, 2100);
/// The embed's map opens at a zoom in this range.
pub const ZOOMS: (u8, u8) = (7, 18);
/// An embed's height, in CSS pixels, is in this range.
pub const HEIGHTS: (u32, u32) = (200, 3000);
/// The département and its surroundings: a centre further away shows none of our places.
pub const CENTRE_BOX: [f64; 4] = [-0.5, 43.0, 3.2, 45.2];

/// A name two parameters share, because they are never read together: the type of an
/// event, and the type of a resource.
pub const SHARED_NAMES: [&str; 1] = ["type"];

/// A point given as `latitude,longitude`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

// ——— Reading and writing one value ———

fn text(max: usize) -> impl Fn(&str) -> Result<String, String> {
    move |value| {
        if value.chars().count() > max {
            Err(format!("{max} caractères au plus"))
        } else {
            Ok(value.to_owned())
        }
    }
}

fn read_text(value: &str) -> Result<String, String> {
    text(MAX_TEXT_CHARS)(value)
}

// The type of `Param<String>::write`.
#[allow(clippy::ptr_arg)]
fn write_text(value: &String) -> String {
    value.clone()
}

fn read_yes_no(value: &str) -> Result<bool, String> {
    match fold(value).as_str() {
        "1" | "true" | "oui" | "yes" => Ok(true),
        "0" | "false" | "non" | "no" => Ok(false),
        _ => Err(format!("« {value} » : oui ou non attendu")),
    }
}

fn write_yes_no(value: &bool) -> String {
    if *value { "oui" } else { "non" }.to_owned()
}

fn read_date(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("« {value} » : date AAAA-MM-JJ attendue"))
}

fn write_display<T: std::fmt::Display>(value: &T) -> String {
    value.to_string()
}

fn read_parse<T: std::str::FromStr<Err = String>>(value: &str) -> Result<T, String> {
    value.parse()
}

/// `N` numbers separated by commas, all finite.
pub fn numbers<const N: usize>(value: &str) -> Result<[f64; N], String> {
    let wrong = || format!("« {value} » : {N} nombre(s) séparé(s) par des virgules attendu(s)");
    let parsed: Vec<f64> = value
        .split(',')
        .map(|n| n.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(wrong)?;
    parsed.try_into().map_err(|_| wrong())
}

fn read_point(value: &str) -> Result<LatLon, String> {
    let [lat, lon] = numbers::<2>(value)?;
    if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
        Ok(LatLon { lat, lon })
    } else {
        Err(format!(
            "« {value} » n'est pas un point « latitude,longitude »"
        ))
    }
}

fn write_point(p: &LatLon) -> String {
    format!("{},{}", p.lat, p.lon)
}

fn read_bbox(value: &str) -> Result<BBox, String> {
    let [w, s, e, n] = numbers::<4>(value)?;
    let lon = -180.0..=180.0;
    let lat = -90.0..=90.0;
    if w < e
        && s < n
        && lon.contains(&w)
        && lon.contains(&e)
        && lat.contains(&s)
        && lat.contains(&n)
    {
        Ok([w, s, e, n])
    } else {
        Err(format!(
            "« {value} » : ouest,sud,est,nord attendus, avec ouest < est et sud < nord"
        ))
    }
}

fn write_bbox([w, s, e, n]: &BBox) -> String {
    format!("{w},{s},{e},{n}")
}

fn read_radius(value: &str) -> Result<f64, String> {
    let [km] = numbers::<1>(value)?;
    if km > 0.0 && km <= MAX_RADIUS_KM {
        Ok(km)
    } else {
        Err(format!(
            "rayon en km plus grand que 0 et de {MAX_RADIUS_KM} au plus attendu, pas {value}"
        ))
    }
}

fn write_number(value: &f64) -> String {
    value.to_string()
}

/// A whole number in `min..=max`.
fn whole<T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy>(
    value: &str,
    (min, max): (T, T),
) -> Result<T, String> {
    value
        .parse::<T>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("« {value} » : nombre entier de {min} à {max} attendu"))
}

fn read_centre(value: &str) -> Result<LatLon, String> {
    let wrong =
        || format!("« {value} » : latitude,longitude attendues (par exemple 44.0176,1.355)");
    let point = read_point(value).map_err(|_| wrong())?;
    let [west, south, east, north] = CENTRE_BOX;
    if (south..=north).contains(&point.lat) && (west..=east).contains(&point.lon) {
        Ok(point)
    } else {
        Err(format!(
            "« {value} » : le centre doit être en Tarn-et-Garonne ou tout près"
        ))
    }
}

fn read_language(value: &str) -> Result<LanguageLevel, String> {
    match fold(value).as_str() {
        "facile" | "easy" => Ok(LanguageLevel::Facile),
        "courant" | "plain" => Ok(LanguageLevel::Courant),
        _ => Err(format!("« {value} » : facile ou courant attendu")),
    }
}

fn write_language(level: &LanguageLevel) -> String {
    level.label().to_owned()
}

/// A label of a closed vocabulary, read and written as the vocabulary says.
macro_rules! labels {
    ($vocabulary:ty) => {
        (
            Values::Labels(<$vocabulary>::LABELS),
            |v: &str| <$vocabulary>::read_label(v),
            |v: &$vocabulary| v.label().to_owned(),
        )
    };
}

/// A parameter of labels of a vocabulary.
macro_rules! label_param {
    ($vocabulary:ty, $name:expr, $aliases:expr, $doc:expr) => {{
        let (values, read, write) = labels!($vocabulary);
        Param {
            name: $name,
            aliases: $aliases,
            doc: $doc,
            values,
            many: true,
            read,
            write,
        }
    }};
}

/// A whole number within `$range` (a `(min, max)` pair), one value.
macro_rules! integer_param {
    ($name:expr, $aliases:expr, $doc:expr, $range:expr) => {
        Param {
            name: $name,
            aliases: $aliases,
            doc: $doc,
            values: Values::Integer {
                min: $range.0 as i64,
                max: $range.1 as i64,
            },
            many: false,
            read: |v| whole(v, $range),
            write: write_display,
        }
    };
}

/// The parameters of an area (`AreaFilter`), then `$more`: the list of a filter of
/// records, which all choose an area first.
#[macro_export]
macro_rules! with_area {
    ($($more:expr),* $(,)?) => {
        &[
            &$crate::model::query::ZONE,
            &$crate::model::query::EPCI,
            &$crate::model::query::COMMUNE,
            &$crate::model::query::BBOX,
            &$crate::model::query::NEAR,
            &$crate::model::query::RADIUS,
            $($more),*
        ]
    };
}

// ——— Where ———

pub const ZONE: Param<Zone> = Param {
    name: "zone",
    aliases: &[],
    doc: "Zone du département : Est, Centre ou Ouest.",
    values: Values::Labels(Zone::LABELS),
    many: true,
    read: read_parse,
    write: |z| z.as_str().to_owned(),
};

pub const EPCI: Param<Siren> = Param {
    name: "epci",
    aliases: &[],
    doc: "Communauté de communes ou d'agglomération (EPCI), par son SIREN à 9 chiffres.",
    values: Values::Codes {
        pattern: "^[0-9]{9}$",
        example: "248200016",
    },
    many: true,
    read: read_parse,
    write: write_display,
};

pub const COMMUNE: Param<Insee> = Param {
    name: "commune",
    aliases: &[],
    doc: "Commune, par son code INSEE à 5 chiffres (celle où se trouve le point).",
    values: Values::Codes {
        pattern: "^[0-9]{5}$",
        example: "82121",
    },
    many: true,
    read: read_parse,
    write: write_display,
};

/// A decimal number, as a regular expression piece.
macro_rules! decimal {
    () => {
        r"-?[0-9]+(\.[0-9]+)?"
    };
}

pub const BBOX: Param<BBox> = Param {
    name: "bbox",
    aliases: &[],
    doc: "Rectangle « ouest,sud,est,nord » en degrés WGS84, ouest < est et sud < nord.",
    values: Values::Numbers {
        pattern: concat!(
            "^",
            decimal!(),
            ",",
            decimal!(),
            ",",
            decimal!(),
            ",",
            decimal!(),
            "$"
        ),
        example: "1,43.8,1.6,44.2",
    },
    many: false,
    read: read_bbox,
    write: write_bbox,
};

pub const NEAR: Param<LatLon> = Param {
    name: "near",
    aliases: &[],
    doc: "Point « latitude,longitude » : les résultats vont du plus proche au plus loin et portent `distance_km`.",
    values: Values::Numbers {
        pattern: concat!("^", decimal!(), ",", decimal!(), "$"),
        example: "44.0176,1.3545",
    },
    many: false,
    read: read_point,
    write: write_point,
};

pub const RADIUS: Param<f64> = Param {
    name: "radius",
    aliases: &[],
    doc: "Rayon autour du point cherché, en km (10 par défaut, 300 au plus).",
    values: Values::Number {
        above: 0.0,
        max: MAX_RADIUS_KM,
    },
    many: false,
    read: read_radius,
    write: write_number,
};

pub const Q: Param<String> = Param {
    name: "q",
    aliases: &[],
    doc: "Mots à trouver, sans tenir compte des accents ni des majuscules.",
    values: Values::Text {
        max_chars: MAX_TEXT_CHARS,
    },
    many: false,
    read: read_text,
    write: write_text,
};

// ——— What a place offers ———

pub const SERVICE: Param<Service> =
    label_param!(Service, "service", &[], "Service du standard national.");

pub const AUDIENCE: Param<Public> = label_param!(
    Public,
    "audience",
    &["public"],
    "Public du standard national (pour les ressources, celles pour tous sont toujours incluses)."
);

pub const SUPPORT: Param<PriseEnCharge> = label_param!(
    PriseEnCharge,
    "support",
    &["prise_en_charge"],
    "Prise en charge spécifique du standard national."
);

pub const FEES: Param<Frais> = label_param!(
    Frais,
    "fees",
    &["frais"],
    "Frais à charge du standard national."
);

pub const PROGRAMME: Param<Programme> = label_param!(
    Programme,
    "programme",
    &[],
    "Dispositif national, par exemple « France Services » ou « Conseillers numériques »."
);

pub const OPEN_NOW: Param<bool> = Param {
    name: "open_now",
    aliases: &[],
    doc: "`oui` : ouvert maintenant (heure de Paris), d'après les horaires du lieu.",
    values: Values::YesNo,
    many: false,
    read: read_yes_no,
    write: write_yes_no,
};

pub const OPEN_ON: Param<NaiveDate> = Param {
    name: "open_on",
    aliases: &[],
    doc: "Ouvert à un moment de ce jour (AAAA-MM-JJ).",
    values: Values::Date,
    many: false,
    read: read_date,
    write: write_display,
};

// ——— What an event is, and when ———

pub const THEME: Param<Theme> = label_param!(Theme, "theme", &[], "Thème de l'événement.");

pub const EVENT_TYPE: Param<ActivityType> =
    label_param!(ActivityType, "type", &[], "Type d'activité de l'événement.");

pub const STATUS: Param<EventStatus> =
    label_param!(EventStatus, "status", &[], "Statut de l'événement.");

pub const FROM: Param<NaiveDate> = Param {
    name: "from",
    aliases: &[],
    doc: "Événements ayant un créneau ce jour-là ou après (AAAA-MM-JJ).",
    values: Values::Date,
    many: false,
    read: read_date,
    write: write_display,
};

pub const TO: Param<NaiveDate> = Param {
    name: "to",
    aliases: &[],
    doc: "Événements ayant un créneau ce jour-là ou avant (AAAA-MM-JJ).",
    values: Values::Date,
    many: false,
    read: read_date,
    write: write_display,
};

// ——— What a resource is ———

pub const RESOURCE_TYPE: Param<ResourceType> =
    label_param!(ResourceType, "type", &[], "Type de ressource.");

// ——— What an actor is and can do ———

pub const ACTOR: Param<ActorId> = Param {
    name: "actor",
    aliases: &["acteur"],
    doc: "Acteur (structure), par son identifiant : ses lieux seulement.",
    values: Values::Codes {
        pattern: "^[a-z0-9]+(-[a-z0-9]+)*$",
        example: "departement-tarn-et-garonne",
    },
    many: true,
    read: read_parse,
    write: write_display,
};

pub const COMPETENCE: Param<Competence> = label_param!(
    Competence,
    "competence",
    &[],
    "Ce que l'acteur sait faire (pour un lieu : ce que le lieu ou sa structure sait faire) : services du standard national et compétences du plan départemental."
);

pub const ACTOR_TYPE: Param<ActorType> = label_param!(
    ActorType,
    "actor_type",
    &["type_acteur"],
    "Type de structure."
);

pub const NETWORK: Param<Network> =
    label_param!(Network, "network", &["reseau"], "Réseau ou label national.");

// ——— Coverage ———

pub const EDITION: Param<u16> = integer_param!(
    "edition",
    &[],
    "Édition du programme (année) ; la plus récente par défaut.",
    EDITIONS
);

/// The column the EPCI table of `/couverture` is sorted by.
pub const SORT: Param<SortKey> = Param {
    name: "sort",
    aliases: &["tri"],
    doc: "Colonne qui trie le tableau des EPCI.",
    values: Values::Labels(SortKey::NAMES),
    many: false,
    read: SortKey::read,
    write: |k| k.key().to_owned(),
};

/// How `/api/places` writes its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    /// The national standard's CSV.
    Csv,
    /// The national standard's rows as JSON objects.
    Json,
}

impl Format {
    const NAMES: &'static [&'static str] = &["geojson", "csv", "json"];

    fn read(value: &str) -> Result<Format, String> {
        match value {
            "geojson" => Ok(Format::GeoJson),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "format « {other} » inconnu (formats : geojson, csv, json)"
            )),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

pub const FORMAT: Param<Format> = Param {
    name: "format",
    aliases: &[],
    doc: "`geojson` (par défaut), `csv` (le CSV exact du standard national) ou `json` (ses lignes en JSON).",
    values: Values::Labels(Format::NAMES),
    many: false,
    read: Format::read,
    write: |f| f.name().to_owned(),
};

/// A page of a list, for who cannot take a whole country's at once (issue 18).
pub const PAGE: Param<u32> = integer_param!(
    "page",
    &[],
    "Numéro de page (à partir de 1) : la liste est alors coupée en pages de `par_page` enregistrements ; l'objet `pagination` de la réponse dit le total et l'adresse de la page suivante. Sans lui, toute la liste.",
    (1u32, 1_000_000u32)
);

/// How many records a page holds.
pub const PER_PAGE: Param<u32> = integer_param!(
    "par_page",
    &[],
    "Enregistrements par page (1 000 par défaut, 5 000 au plus), avec `page`.",
    (1u32, 5_000u32)
);

/// The CSV exports for a spreadsheet in French (issue 13, item 18).
pub const SPREADSHEET: Param<bool> = Param {
    name: "excel",
    aliases: &["tableur"],
    doc: "`oui` : un CSV pour un tableur en français (Excel, LibreOffice) : UTF-8 avec BOM, séparateur point-virgule, virgule décimale.",
    values: Values::YesNo,
    many: false,
    read: read_yes_no,
    write: write_yes_no,
};

// ——— The map page ———

pub const WHERE: Param<String> = Param {
    name: "where",
    aliases: &["ou"],
    doc: "Commune ou code postal tapé dans la recherche : les lieux autour, du plus proche au plus loin.",
    values: Values::Text {
        max_chars: MAX_TEXT_CHARS,
    },
    many: false,
    read: read_text,
    write: write_text,
};

pub const ADDRESS: Param<String> = Param {
    name: "address",
    aliases: &["adresse"],
    doc: "L'adresse choisie dans la recherche, pour la nommer (le point est `near`).",
    values: Values::Text {
        max_chars: MAX_TEXT_CHARS,
    },
    many: false,
    read: read_text,
    write: write_text,
};

pub const LAYERS: Param<Layer> = Param {
    name: "layers",
    aliases: &["couches"],
    doc: "Ce que la carte et les listes montrent : places, events, resources, ou none.",
    values: Values::Labels(Layer::NAMES),
    many: true,
    read: Layer::read,
    write: |l| l.name().to_owned(),
};

// ——— The embed ———

pub const TITLE: Param<String> = Param {
    name: "title",
    aliases: &["titre"],
    doc: "Titre du bandeau de la carte intégrée.",
    values: Values::Text {
        max_chars: MAX_TITLE_CHARS,
    },
    many: false,
    read: |v| text(MAX_TITLE_CHARS)(v),
    write: write_text,
};

pub const COLOR: Param<Colour> = Param {
    name: "color",
    aliases: &["couleur"],
    doc: "Couleur du bandeau et des boutons, #rrggbb ; le texte est noir ou blanc, le plus lisible.",
    values: Values::Colour,
    many: false,
    read: read_parse,
    write: |c| c.hex(),
};

pub const LIST: Param<bool> = Param {
    name: "list",
    aliases: &["liste"],
    doc: "`non` : la liste est repliée sous la carte (« Voir la liste »).",
    values: Values::YesNo,
    many: false,
    read: read_yes_no,
    write: write_yes_no,
};

pub const SEARCH: Param<bool> = Param {
    name: "search",
    aliases: &["recherche"],
    doc: "`non` : pas de recherche par commune.",
    values: Values::YesNo,
    many: false,
    read: read_yes_no,
    write: write_yes_no,
};

pub const LANGUAGE: Param<LanguageLevel> = Param {
    name: "language",
    aliases: &["langue"],
    doc: "`facile` (phrases courtes, texte plus grand) ou `courant` (sans explications).",
    values: Values::Labels(&["facile", "courant"]),
    many: false,
    read: read_language,
    write: write_language,
};

pub const CENTER: Param<LatLon> = Param {
    name: "center",
    aliases: &["centre"],
    doc: "Centre de départ de la carte, « latitude,longitude » (avec `zoom`).",
    values: Values::Numbers {
        pattern: concat!("^", decimal!(), ",", decimal!(), "$"),
        example: "44.0176,1.355",
    },
    many: false,
    read: read_centre,
    write: write_point,
};

pub const ZOOM: Param<u8> = integer_param!(
    "zoom",
    &[],
    "Zoom de départ de la carte : 7 pour tout le département, 13 pour une ville.",
    ZOOMS
);

/// The height of the frame, on `/integrer`.
pub const HEIGHT: Param<u32> = integer_param!(
    "height",
    &["hauteur"],
    "Hauteur du cadre, en pixels.",
    HEIGHTS
);

/// Whether the code of `/integrer` carries the script that fits the frame's height.
pub const AUTO_HEIGHT: Param<bool> = Param {
    name: "auto_height",
    aliases: &["ajuster"],
    doc: "`non` : le code n'ajuste pas la hauteur du cadre à son contenu.",
    values: Values::YesNo,
    many: false,
    read: read_yes_no,
    write: write_yes_no,
};

/// Every parameter declared here: the tests read, write and describe each one.
pub fn every_parameter() -> Vec<&'static dyn Documented> {
    let all: &[&'static dyn Documented] = crate::with_area![
        &Q,
        &SERVICE,
        &AUDIENCE,
        &SUPPORT,
        &FEES,
        &PROGRAMME,
        &OPEN_NOW,
        &OPEN_ON,
        &THEME,
        &EVENT_TYPE,
        &STATUS,
        &FROM,
        &TO,
        &RESOURCE_TYPE,
        &ACTOR,
        &COMPETENCE,
        &ACTOR_TYPE,
        &NETWORK,
        &EDITION,
        &SORT,
        &FORMAT,
        &SPREADSHEET,
        &WHERE,
        &ADDRESS,
        &LAYERS,
        &TITLE,
        &COLOR,
        &LIST,
        &SEARCH,
        &LANGUAGE,
        &CENTER,
        &ZOOM,
        &HEIGHT,
        &AUTO_HEIGHT,
    ];
    all.to_vec()
}

/// Every name a page or the API reads, old names included, once each.
pub fn every_name() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = every_parameter()
        .into_iter()
        .flat_map(|p| std::iter::once(p.name()).chain(p.aliases().iter().copied()))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
