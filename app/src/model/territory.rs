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
    pub const LABELS: &'static [&'static str] = &["Est", "Centre", "Ouest"];

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

/// A code of `$len` digits (SIREN, INSEE, postal code).
macro_rules! digit_code {
    ($(#[$doc:meta])* $name:ident, $len:expr, $what:expr) => {
        super::id::checked_string!(
            $(#[$doc])* $name,
            |s| {
                if s.len() == $len && s.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(())
                } else {
                    Err(format!(
                        "« {s} » n'est pas un {} ({} chiffres attendus)",
                        $what, $len
                    ))
                }
            },
            trim: true
        );
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

/// A commune as the search box knows it: its names and its population point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommuneSummary {
    pub insee: Insee,
    pub nom: String,
    pub codes_postaux: Vec<CodePostal>,
    pub lat: f64,
    pub lon: f64,
}

impl CommuneSummary {
    /// "Montauban (82000)"
    pub fn label(&self) -> String {
        match self.codes_postaux.first() {
            Some(cp) => format!("{} ({cp})", self.nom),
            None => self.nom.clone(),
        }
    }
}

/// What the page needs of the territory to build its controls, search communes and zoom
/// to a choice; the outlines themselves are fetched by the map from `/api/territory/*`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryIndex {
    pub departement_bbox: BBox,
    pub zones: Vec<ZoneSummary>,
    pub epcis: Vec<EpciSummary>,
    pub communes: Communes,
    /// Names the content of the territory's files (outlines, communes): see [`TerritoryFile`].
    pub version: String,
}

/// A file of the territory the browser fetches. Its address carries the territory's
/// version (`?v=`), which changes whenever the content does: the browser may keep it for
/// good, and a new territory is fetched anew.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TerritoryFile {
    ZoneOutlines,
    EpciOutlines,
    CommuneOutlines,
    /// The communes by name, for the search field's suggestions.
    Communes,
}

impl TerritoryFile {
    pub const fn path(self) -> &'static str {
        match self {
            TerritoryFile::ZoneOutlines => "/api/territory/zones",
            TerritoryFile::EpciOutlines => "/api/territory/epci",
            TerritoryFile::CommuneOutlines => "/api/territory/communes",
            TerritoryFile::Communes => "/api/communes",
        }
    }

    /// Its address under the territory's `version`.
    pub fn url(self, version: &str) -> String {
        format!("{}?v={version}", self.path())
    }
}

/// The communes, by name: what a search for a commune reads (the search box carries its own
/// copy into the browser, without the rest of the index).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Communes(pub Vec<CommuneSummary>);

impl std::ops::Deref for Communes {
    type Target = [CommuneSummary];

    fn deref(&self) -> &[CommuneSummary] {
        &self.0
    }
}

impl Communes {
    /// Communes whose name (accents, case, hyphens ignored; "st" read as "saint") or postal
    /// code starts with `text`: whole-name matches first, then a word of the name; when none
    /// does, the communes `resolve` reads despite a typo.
    pub fn search(&self, text: &str) -> Vec<&CommuneSummary> {
        let wanted = search_key(text);
        if wanted.is_empty() {
            return Vec::new();
        }
        let digits = wanted.bytes().all(|b| b.is_ascii_digit() || b == b' ');
        let mut ranked: Vec<(u8, &CommuneSummary)> = self
            .iter()
            .filter_map(|c| {
                let name = search_key(&c.nom);
                if digits {
                    let code = wanted.replace(' ', "");
                    c.codes_postaux
                        .iter()
                        .any(|cp| cp.as_str().starts_with(&code))
                        .then_some((0, c))
                } else if name == wanted {
                    Some((0, c))
                } else if name.starts_with(&wanted) {
                    Some((1, c))
                } else if name.split(' ').skip(1).any(|w| w.starts_with(&wanted)) {
                    Some((2, c))
                } else {
                    None
                }
            })
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.nom.cmp(&b.1.nom)));
        let found: Vec<&CommuneSummary> = ranked
            .into_iter()
            .map(|(_, c)| c)
            .take(MAX_SUGGESTIONS)
            .collect();
        if !found.is_empty() {
            return found;
        }
        let mut typo = self.resolve(text).communes();
        typo.truncate(MAX_SUGGESTIONS);
        typo
    }

    /// The commune a resident means by `text`, as typed: a name, a postal code, both
    /// ("Montauban 82000"), a name with more words ("Valence d'Agen"), or a name with a typo
    /// ("Montaubn"). Several when the text fits several equally (a postal code shared by
    /// communes, the start of several names): the resident chooses, nothing is taken
    /// silently (issue 13, items 12 and 13).
    pub fn resolve(&self, text: &str) -> Resolved<'_> {
        let key = search_key(text);
        let (codes, words): (Vec<&str>, Vec<&str>) = key
            .split(' ')
            .filter(|w| !w.is_empty())
            .partition(|w| w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()));
        let words = words.join(" ");
        let candidates: Vec<&CommuneSummary> = self
            .iter()
            .filter(|c| {
                codes
                    .iter()
                    .all(|code| c.codes_postaux.iter().any(|cp| cp.as_str() == *code))
            })
            .collect();
        if words.is_empty() {
            return Resolved::from_list(if codes.is_empty() {
                Vec::new()
            } else {
                candidates
            });
        }
        let named = by_name(&candidates, &words);
        match named {
            Resolved::Unknown if !codes.is_empty() => Resolved::from_list(candidates),
            named => named,
        }
    }
}

/// At most this many suggestions: a short list is easier to read and to go through.
pub const MAX_SUGGESTIONS: usize = 8;

impl TerritoryIndex {
    pub fn epci(&self, siren: &Siren) -> Option<&EpciSummary> {
        self.epcis.iter().find(|e| &e.siren == siren)
    }

    pub fn zone(&self, zone: Zone) -> Option<&ZoneSummary> {
        self.zones.iter().find(|z| z.zone == zone)
    }

    /// The map's view of what `filter` chooses: the circle of a search, the chosen communes,
    /// the EPCI, the zone, or the whole département.
    pub fn bbox_of(&self, filter: &super::PlaceFilter) -> BBox {
        if let Some(near) = filter.area.near {
            let dlat = near.radius_km / 111.2;
            let dlon = dlat / near.lat.to_radians().cos();
            return [
                near.lon - dlon,
                near.lat - dlat,
                near.lon + dlon,
                near.lat + dlat,
            ];
        }
        // Chosen communes: around their population points, with room for a commune's size.
        let points: geo::MultiPoint = self
            .communes
            .iter()
            .filter(|c| filter.area.communes.contains(&c.insee))
            .map(|c| geo::Point::new(c.lon, c.lat))
            .collect();
        if let Some(r) = geo::BoundingRect::bounding_rect(&points) {
            const PAD_DEGREES: f64 = 0.06;
            return [
                r.min().x - PAD_DEGREES,
                r.min().y - PAD_DEGREES,
                r.max().x + PAD_DEGREES,
                r.max().y + PAD_DEGREES,
            ];
        }
        filter
            .epci()
            .and_then(|s| self.epci(s).map(|e| e.bbox))
            .or_else(|| filter.zone().and_then(|z| self.zone(z).map(|z| z.bbox)))
            .unwrap_or(self.departement_bbox)
    }
}

/// What a text typed names.
#[derive(Debug, PartialEq)]
pub enum Resolved<'a> {
    One(&'a CommuneSummary),
    /// In name order, all of them (9 communes share 82110).
    Several(Vec<&'a CommuneSummary>),
    Unknown,
}

impl<'a> Resolved<'a> {
    fn from_list(mut communes: Vec<&'a CommuneSummary>) -> Resolved<'a> {
        communes.sort_by(|a, b| a.nom.cmp(&b.nom));
        match communes.as_slice() {
            [] => Resolved::Unknown,
            [one] => Resolved::One(one),
            _ => Resolved::Several(communes),
        }
    }

    /// The communes it names, one or several.
    pub fn communes(self) -> Vec<&'a CommuneSummary> {
        match self {
            Resolved::One(c) => vec![c],
            Resolved::Several(cs) => cs,
            Resolved::Unknown => Vec::new(),
        }
    }
}

/// The commune among `candidates` that `words` (a search key) names: the whole name, a
/// name followed by more words, the start of names, then the names nearest by edit distance
/// (one typo in a short name, two in a longer one).
fn by_name<'a>(candidates: &[&'a CommuneSummary], words: &str) -> Resolved<'a> {
    let keyed: Vec<(String, &CommuneSummary)> = candidates
        .iter()
        .map(|c| (search_key(&c.nom), *c))
        .collect();
    if let Some((_, c)) = keyed.iter().find(|(name, _)| name == words) {
        return Resolved::One(c);
    }
    let longest_prefix = keyed
        .iter()
        .filter(|(name, _)| words.starts_with(&format!("{name} ")))
        .max_by_key(|(name, _)| name.len());
    if let Some((_, c)) = longest_prefix {
        return Resolved::One(c);
    }
    let starting: Vec<&CommuneSummary> = keyed
        .iter()
        .filter(|(name, _)| {
            name.starts_with(words) || name.split(' ').skip(1).any(|w| w.starts_with(words))
        })
        .map(|(_, c)| *c)
        .collect();
    if !starting.is_empty() {
        return Resolved::from_list(starting);
    }
    let allowed = if words.chars().count() <= 5 { 1 } else { 2 };
    let distances: Vec<(usize, &CommuneSummary)> = keyed
        .iter()
        .map(|(name, c)| (strsim::damerau_levenshtein(name, words), *c))
        .filter(|(d, _)| *d <= allowed)
        .collect();
    let best = distances.iter().map(|(d, _)| *d).min();
    Resolved::from_list(
        distances
            .into_iter()
            .filter(|(d, _)| Some(*d) == best)
            .map(|(_, c)| c)
            .collect(),
    )
}

/// Folded text with "st"/"ste" as "saint"/"sainte", as people type them.
fn search_key(text: &str) -> String {
    super::text::fold(text)
        .split(' ')
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
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

    fn index() -> TerritoryIndex {
        let commune = |insee: &str, nom: &str, cp: &str| CommuneSummary {
            insee: insee.parse().unwrap(),
            nom: nom.to_owned(),
            codes_postaux: vec![cp.parse().unwrap()],
            lat: 44.0,
            lon: 1.3,
        };
        TerritoryIndex {
            departement_bbox: [0.7, 43.7, 2.0, 44.4],
            zones: vec![],
            epcis: vec![],
            communes: Communes(vec![
                commune("82121", "Montauban", "82000"),
                commune("82125", "Montech", "82700"),
                commune("82155", "Saint-Antonin-Noble-Val", "82140"),
                commune("82037", "Caussade", "82300"),
                commune("82124", "Monteils", "82300"),
            ]),
            version: "test".to_owned(),
        }
    }

    #[test]
    fn communes_are_found_by_prefix_without_accents_and_by_postal_code() {
        let i = index();
        let names = |q: &str| {
            i.communes
                .search(q)
                .iter()
                .map(|c| c.nom.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("mont"), ["Montauban", "Montech", "Monteils"]);
        assert_eq!(names("MONTAUBAN"), ["Montauban"]);
        assert_eq!(names("st antonin"), ["Saint-Antonin-Noble-Val"]);
        assert_eq!(names("antonin"), ["Saint-Antonin-Noble-Val"]);
        assert_eq!(names("82300"), ["Caussade", "Monteils"]);
        assert_eq!(names("823"), ["Caussade", "Monteils"]);
        assert!(names("").is_empty());
        assert!(names("paris").is_empty());
    }

    #[test]
    fn real_misspellings_find_their_commune() {
        let i = index();
        let one = |q: &str| match i.communes.resolve(q) {
            Resolved::One(c) => c.nom.clone(),
            other => panic!("{q}: {other:?}"),
        };
        for (typed, commune) in [
            ("Montaubn", "Montauban"),
            ("montauban 82000", "Montauban"),
            ("Montauban 82000", "Montauban"),
            ("82000 Montauban", "Montauban"),
            ("st antonin noble val", "Saint-Antonin-Noble-Val"),
            ("saint antonin", "Saint-Antonin-Noble-Val"),
            ("St-Antonin-Noble-Val", "Saint-Antonin-Noble-Val"),
            ("Caussad", "Caussade"),
            ("Caussde", "Caussade"),
            ("Causade", "Caussade"),
            ("Montauban-de-Quercy", "Montauban"),
            ("Montech 82700", "Montech"),
            ("Monteil", "Monteils"),
        ] {
            assert_eq!(one(typed), commune, "{typed}");
        }
        assert_eq!(i.communes.resolve("Paris"), Resolved::Unknown);
        assert_eq!(i.communes.resolve("xyz"), Resolved::Unknown);
    }

    #[test]
    fn a_shared_postal_code_or_a_short_start_offers_the_choice() {
        let i = index();
        let names = |r: Resolved| {
            r.communes()
                .iter()
                .map(|c| c.nom.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(i.communes.resolve("82300")), ["Caussade", "Monteils"]);
        assert!(matches!(i.communes.resolve("82300"), Resolved::Several(_)));
        assert_eq!(names(i.communes.resolve("Monteils 82300")), ["Monteils"]);
        assert_eq!(
            names(i.communes.resolve("mont")),
            ["Montauban", "Montech", "Monteils"]
        );
        assert!(matches!(i.communes.resolve("Montauban"), Resolved::One(_)));
    }

    #[test]
    fn codes_require_exact_digit_count() {
        assert!("248200099".parse::<Siren>().is_ok());
        assert!("24820009".parse::<Siren>().is_err());
        assert!("82121".parse::<Insee>().is_ok());
        assert!("8212A".parse::<Insee>().is_err());
    }
}
