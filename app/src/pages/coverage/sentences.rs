//! The page's key figure, as one sentence in plain French.

use crate::format::{int_fr, km_fr, percent_fr};
use crate::model::coverage::{Coverage, CoverageFilter, GAP_KM};
use crate::model::plain_words::describe_fr;

/// How many people of the zone shown (or of the département) live far from help, and the
/// median distance; or that no place matches.
pub fn headline(coverage: &Coverage, filter: &CoverageFilter) -> String {
    let (scope, headline) = match filter.zones[..] {
        [zone] => (
            format!("la zone {zone}"),
            coverage
                .zones
                .iter()
                .find(|z| z.zone == zone)
                .map(|z| z.indicateurs.clone())
                .unwrap_or_else(|| coverage.departement.clone()),
        ),
        _ => (
            "le Tarn-et-Garonne".to_owned(),
            coverage.departement.clone(),
        ),
    };
    let far = headline
        .population_eloignee
        .iter()
        .find(|b| b.seuil_km == GAP_KM)
        .cloned();
    let sentence = match (far, headline.distance_mediane_km) {
        (_, None) => format!("Dans {scope}, aucun lieu ne correspond à ce choix."),
        (Some(far), Some(median)) => format!(
            "Dans {scope}, {} habitants ({}) vivent à plus de {GAP_KM} km d'un lieu d'aide. La moitié des habitants vit à {} ou moins.",
            int_fr(far.population),
            percent_fr(far.part_pourcent),
            km_fr(median)
        ),
        (None, Some(_)) => String::new(),
    };
    // The figure says which choice it answers.
    match describe_fr(&filter.places).as_str() {
        "" => sentence,
        asked => format!("Lieux comptés : {asked}. {sentence}"),
    }
}
