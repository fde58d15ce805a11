use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The three zones of the département's digital programme.
/// Grand Montauban sits in Centre by Carto82's own judgement (see data/README.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Zone {
    Est,
    Centre,
    Ouest,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Est, Zone::Centre, Zone::Ouest];

    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Est => "Est",
            Zone::Centre => "Centre",
            Zone::Ouest => "Ouest",
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Zone {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Zone::ALL
            .into_iter()
            .find(|z| z.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("zone inconnue « {s} » (valeurs possibles : Est, Centre, Ouest)")
            })
    }
}

macro_rules! digit_code {
    ($(#[$doc:meta])* $name:ident, $len:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                if s.len() == $len && s.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(Self(s))
                } else {
                    Err(format!(
                        "« {s} » n'est pas un {} ({} chiffres attendus)",
                        $what, $len
                    ))
                }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::try_from(s.trim().to_owned())
            }
        }

        impl From<$name> for String {
            fn from(c: $name) -> String {
                c.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

digit_code!(
    /// SIREN of an EPCI (intercommunality): 9 digits.
    Siren,
    9,
    "numéro SIREN"
);

digit_code!(
    /// INSEE code of a commune of the département (the 82 has no Corsican letters): 5 digits.
    Insee,
    5,
    "code INSEE"
);

digit_code!(
    /// French postal code: 5 digits.
    CodePostal,
    5,
    "code postal"
);

/// Bounding box `[west, south, east, north]` in WGS84 degrees, as in RFC 7946.
pub type BBox = [f64; 4];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneSummary {
    pub zone: Zone,
    pub bbox: BBox,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpciSummary {
    pub siren: Siren,
    pub nom: String,
    pub zone: Zone,
    pub bbox: BBox,
}

/// What the page needs of the territory to build its controls and zoom to a choice;
/// the outlines themselves are fetched by the map from `/api/territory/*`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryIndex {
    pub departement_bbox: BBox,
    pub zones: Vec<ZoneSummary>,
    pub epcis: Vec<EpciSummary>,
}

impl TerritoryIndex {
    pub fn epci(&self, siren: &Siren) -> Option<&EpciSummary> {
        self.epcis.iter().find(|e| &e.siren == siren)
    }

    pub fn zone(&self, zone: Zone) -> Option<&ZoneSummary> {
        self.zones.iter().find(|z| z.zone == zone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_parses_case_insensitively_and_rejects_unknown() {
        assert_eq!("ouest".parse::<Zone>(), Ok(Zone::Ouest));
        assert_eq!(" Est ".parse::<Zone>(), Ok(Zone::Est));
        assert!("Nord".parse::<Zone>().unwrap_err().contains("Nord"));
    }

    #[test]
    fn codes_require_exact_digit_count() {
        assert!("248200099".parse::<Siren>().is_ok());
        assert!("24820009".parse::<Siren>().is_err());
        assert!("82121".parse::<Insee>().is_ok());
        assert!("8212A".parse::<Insee>().is_err());
    }
}
