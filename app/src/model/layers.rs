//! What the map and the lists show (`?layers=places,events`): the kinds of records, all by
//! default.

use super::text::fold;

/// One kind of record on the map and in the lists, or `none` (the empty choice, which a
/// form cannot otherwise send).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Places,
    Events,
    Resources,
    None,
}

impl Layer {
    /// The values of `layers`.
    pub const NAMES: &'static [&'static str] = &["places", "events", "resources", "none"];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Places => "places",
            Layer::Events => "events",
            Layer::Resources => "resources",
            Layer::None => "none",
        }
    }

    pub fn read(value: &str) -> Result<Layer, String> {
        match fold(value).as_str() {
            "places" => Ok(Layer::Places),
            "events" => Ok(Layer::Events),
            "resources" => Ok(Layer::Resources),
            "none" => Ok(Layer::None),
            _ => Err(format!(
                "« {value} » inconnu ; valeurs possibles : places, events, resources"
            )),
        }
    }
}

/// Which kinds of records are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers {
    pub places: bool,
    pub events: bool,
    pub resources: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            places: true,
            events: true,
            resources: true,
        }
    }
}

impl Layers {
    /// What the map shows, in words ("les lieux d'aide et les événements").
    pub fn shown_fr(self) -> String {
        let parts: Vec<&str> = [
            (
                self.places,
                "les lieux où l'on vous aide à utiliser le numérique",
            ),
            (self.events, "les ateliers et événements sur le numérique"),
            (self.resources, "des ressources pour apprendre"),
        ]
        .into_iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, words)| words)
        .collect();
        match parts.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [first @ .., last] => format!("{} et {last}", first.join(", ")),
        }
    }

    /// What choosing a marker or a line gives, for the layers shown.
    pub fn choose_fr(self) -> &'static str {
        match (self.places, self.events, self.resources) {
            (true, false, false) => "Choisissez un lieu pour voir ses horaires.",
            (false, true, false) => "Choisissez un événement pour voir quand et où il a lieu.",
            (false, false, true) => "Choisissez une ressource pour en savoir plus.",
            (false, false, false) => "",
            _ => "Choisissez un lieu ou un événement pour en savoir plus.",
        }
    }

    /// The layers chosen: none given means all, `none` alone means none.
    pub fn from_list(chosen: &[Layer]) -> Layers {
        if chosen.is_empty() {
            return Layers::default();
        }
        Layers {
            places: chosen.contains(&Layer::Places),
            events: chosen.contains(&Layer::Events),
            resources: chosen.contains(&Layer::Resources),
        }
    }

    /// As `layers` writes it; empty for all (the default).
    pub fn to_list(self) -> Vec<Layer> {
        if self == Layers::default() {
            return Vec::new();
        }
        let chosen: Vec<Layer> = [
            (self.places, Layer::Places),
            (self.events, Layer::Events),
            (self.resources, Layer::Resources),
        ]
        .into_iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, layer)| layer)
        .collect();
        if chosen.is_empty() {
            vec![Layer::None]
        } else {
            chosen
        }
    }

    pub fn shows(self, layer: Layer) -> bool {
        match layer {
            Layer::Places => self.places,
            Layer::Events => self.events,
            Layer::Resources => self.resources,
            Layer::None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_means_all_and_none_means_none() {
        assert_eq!(Layers::from_list(&[]), Layers::default());
        let l = Layers::from_list(&[Layer::Places, Layer::Events]);
        assert!(l.places && l.events && !l.resources);
        let none = Layers::from_list(&[Layer::None]);
        assert!(!none.places && !none.events && !none.resources);
        for layers in [l, none, Layers::default()] {
            assert_eq!(Layers::from_list(&layers.to_list()), layers);
        }
        assert!(Layer::read("velos").is_err());
        assert_eq!(Layer::read("Events"), Ok(Layer::Events));
    }
}
