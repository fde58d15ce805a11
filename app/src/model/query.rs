//! The query parameters of the API, described once: name, meaning and the values each
//! takes. The OpenAPI description is built from these (server `api/openapi.rs`), with
//! the allowed values of closed lists taken from the vocabularies themselves; tests check
//! that the filters read every parameter described here.

use super::event::{ActivityType, EventStatus, Theme};
use super::resource::ResourceType;
use super::standard::{Frais, PriseEnCharge, Programme, Public, Service};
use super::territory::Zone;

/// Longest free text a parameter takes (`q`, `ou`), in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// Largest radius around a point, in km.
pub const MAX_RADIUS_KM: f64 = 300.0;
/// Programme editions are years in this range.
pub const EDITIONS: (u16, u16) = (2000, 2100);

/// The values a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Values {
    /// One or several labels of a closed list (`zone=Est,Ouest`, or the parameter repeated);
    /// accents and capitals are not significant.
    Labels(&'static [&'static str]),
    /// One or several codes matching `pattern` (INSEE, SIREN), comma-separated.
    Codes {
        pattern: &'static str,
        example: &'static str,
    },
    /// Free text, at most [`MAX_TEXT_CHARS`] characters.
    Text,
    /// A number greater than `above`, at most `max`.
    Number { above: f64, max: f64 },
    /// A whole number from `min` to `max`.
    Integer { min: i64, max: i64 },
    /// A day, `AAAA-MM-JJ`.
    Date,
    /// `oui` or `non` (also `true`/`false`, `1`/`0`).
    YesNo,
    /// Numbers separated by commas, matching `pattern`.
    Numbers {
        pattern: &'static str,
        example: &'static str,
    },
    /// Exactly one of these words.
    OneOf(&'static [&'static str]),
}

/// One parameter, documented.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parameter {
    pub name: &'static str,
    /// What it means, in French, for the API description.
    pub doc: &'static str,
    pub values: Values,
}

/// A decimal number, as a regular expression piece.
macro_rules! decimal {
    () => {
        r"-?[0-9]+(\.[0-9]+)?"
    };
}

/// Where: shared by places, events, resources and statistics.
pub const AREA: &[Parameter] = &[
    Parameter {
        name: "zone",
        doc: "Zone du département : Est, Centre ou Ouest. Plusieurs : `zone=Est,Ouest`.",
        values: Values::Labels(Zone::LABELS),
    },
    Parameter {
        name: "epci",
        doc: "Communauté de communes ou d'agglomération (EPCI), par son SIREN à 9 chiffres.",
        values: Values::Codes {
            pattern: "^[0-9]{9}$",
            example: "248200016",
        },
    },
    Parameter {
        name: "commune",
        doc: "Commune, par son code INSEE à 5 caractères (celle où se trouve le point).",
        values: Values::Codes {
            pattern: "^[0-9][0-9AB][0-9]{3}$",
            example: "82121",
        },
    },
    Parameter {
        name: "bbox",
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
            example: "1.0,43.8,1.6,44.2",
        },
    },
    Parameter {
        name: "near",
        doc: "Point « latitude,longitude » : les résultats vont du plus proche au plus loin et portent `distance_km`.",
        values: Values::Numbers {
            pattern: concat!("^", decimal!(), ",", decimal!(), "$"),
            example: "44.0176,1.3545",
        },
    },
    Parameter {
        name: "radius",
        doc: "Rayon autour de `near`, en km (10 par défaut, 300 au plus) ; seulement avec `near`.",
        values: Values::Number {
            above: 0.0,
            max: MAX_RADIUS_KM,
        },
    },
    Parameter {
        name: "q",
        doc: "Mots à trouver, sans tenir compte des accents ni des majuscules (200 caractères au plus).",
        values: Values::Text,
    },
];

/// What a place offers, in the national standard's words.
pub const PLACE: &[Parameter] = &[
    Parameter {
        name: "service",
        doc: "Service du standard national.",
        values: Values::Labels(Service::LABELS),
    },
    Parameter {
        name: "public",
        doc: "Public du standard national.",
        values: Values::Labels(Public::LABELS),
    },
    Parameter {
        name: "prise_en_charge",
        doc: "Prise en charge spécifique du standard national.",
        values: Values::Labels(PriseEnCharge::LABELS),
    },
    Parameter {
        name: "frais",
        doc: "Frais à charge du standard national.",
        values: Values::Labels(Frais::LABELS),
    },
    Parameter {
        name: "programme",
        doc: "Dispositif national, par exemple « France Services » ou « Conseillers numériques ».",
        values: Values::Labels(Programme::LABELS),
    },
    Parameter {
        name: "open_now",
        doc: "`oui` : ouvert maintenant (heure de Paris), d'après les horaires du lieu.",
        values: Values::YesNo,
    },
    Parameter {
        name: "open_on",
        doc: "Ouvert à un moment de ce jour (AAAA-MM-JJ).",
        values: Values::Date,
    },
];

/// What an event is, and when.
pub const EVENT: &[Parameter] = &[
    Parameter {
        name: "theme",
        doc: "Thème de l'événement.",
        values: Values::Labels(Theme::LABELS),
    },
    Parameter {
        name: "type",
        doc: "Type d'activité.",
        values: Values::Labels(ActivityType::LABELS),
    },
    Parameter {
        name: "status",
        doc: "Statut de l'événement.",
        values: Values::Labels(EventStatus::LABELS),
    },
    Parameter {
        name: "from",
        doc: "Événements ayant un créneau ce jour-là ou après (AAAA-MM-JJ).",
        values: Values::Date,
    },
    Parameter {
        name: "to",
        doc: "Événements ayant un créneau ce jour-là ou avant (AAAA-MM-JJ).",
        values: Values::Date,
    },
];

/// What a resource is, and for whom.
pub const RESOURCE: &[Parameter] = &[
    Parameter {
        name: "type",
        doc: "Type de ressource.",
        values: Values::Labels(ResourceType::LABELS),
    },
    Parameter {
        name: "public",
        doc: "Public du standard national ; les ressources pour tous sont toujours incluses.",
        values: Values::Labels(Public::LABELS),
    },
    Parameter {
        name: "frais",
        doc: "Frais à charge du standard national.",
        values: Values::Labels(Frais::LABELS),
    },
];

/// Coverage: the zones shown and the programme edition (the places that count are chosen
/// with [`PLACE`] and `q`).
pub const COVERAGE: &[Parameter] = &[
    Parameter {
        name: "zone",
        doc: "Zones à montrer : les lieux de toutes les zones comptent toujours, car on peut traverser une limite de zone.",
        values: Values::Labels(Zone::LABELS),
    },
    Parameter {
        name: "q",
        doc: "Mots que le lieu doit contenir pour compter (200 caractères au plus).",
        values: Values::Text,
    },
    Parameter {
        name: "edition",
        doc: "Édition du programme (année) ; la plus récente par défaut.",
        values: Values::Integer {
            min: EDITIONS.0 as i64,
            max: EDITIONS.1 as i64,
        },
    },
];

/// `format` of `/api/places`.
pub const PLACE_FORMAT: &[Parameter] = &[Parameter {
    name: "format",
    doc: "`geojson` (par défaut), `csv` (le CSV exact du standard national) ou `json` (ses lignes en JSON).",
    values: Values::OneOf(&["geojson", "csv", "json"]),
}];

/// Parameters of the map pages that the API does not take: the commune typed, the address
/// chosen, the layers shown, the order of a table.
pub const PAGE_ONLY: &[&str] = &["ou", "adresse", "layers", "tri"];

/// Every parameter name some page or the API reads, once each (for tests that try them all).
pub fn every_name() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = [AREA, PLACE, EVENT, RESOURCE, COVERAGE, PLACE_FORMAT]
        .iter()
        .flat_map(|group| group.iter().map(|p| p.name))
        .chain(PAGE_ONLY.iter().copied())
        .chain(super::embed::EMBED_PARAMETERS)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_lists_are_the_vocabularies() {
        assert_eq!(
            Zone::LABELS,
            Zone::ALL.map(Zone::as_str).as_slice(),
            "zones"
        );
        let labels = |p: &Parameter| match p.values {
            Values::Labels(l) => l.len(),
            _ => 0,
        };
        assert_eq!(labels(&PLACE[0]), Service::ALL.len());
        assert_eq!(labels(&EVENT[0]), Theme::ALL.len());
    }
}
