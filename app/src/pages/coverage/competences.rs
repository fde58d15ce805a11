//! What the territory's actors can do, zone by zone (issue 15): for each competence, how
//! many actors serve each zone and how many of its people live where one of them serves;
//! a zone without anyone for a competence is a gap, said in words.

use leptos::prelude::*;

use crate::format::{agree, percent_fr};
use crate::model::QueryWriter;
use crate::model::coverage::CompetenceCoverage;
use crate::model::query::COMPETENCE;

#[component]
pub fn CompetencesByZone(competences: Vec<CompetenceCoverage>) -> impl IntoView {
    let zones: Vec<String> = competences
        .first()
        .map(|c| c.zones.iter().map(|z| format!("Zone {}", z.zone)).collect())
        .unwrap_or_default();
    let nowhere: Vec<&str> = competences
        .iter()
        .filter(|c| c.zones.iter().all(|z| z.acteurs == 0))
        .map(|c| c.competence.label())
        .collect();
    let gaps: Vec<String> = competences
        .iter()
        .filter(|c| c.zones.iter().any(|z| z.acteurs > 0))
        .flat_map(|c| {
            c.zones
                .iter()
                .filter(|z| z.acteurs == 0)
                .map(|z| format!("Zone {} : personne pour « {} ».", z.zone, c.competence))
        })
        .collect();
    let nowhere = (!nowhere.is_empty()).then(|| {
        format!(
            "Aucun acteur connu, dans aucune zone, pour : {}.",
            nowhere.join(" ; ")
        )
    });
    view! {
        <section aria-labelledby="titre-competences">
            <h2 id="titre-competences">"Qui sait faire quoi, par zone"</h2>
            <p class="aide">
                "Les acteurs du numérique (voir " <a href="/acteurs">"l'annuaire"</a>
                ") et la part des habitants de la zone qui vivent dans une commune où l'un d'eux aide."
            </p>
            <div class="tableau-defilant" tabindex="0" role="region" aria-label="Compétences par zone">
                <table class="competences-zones">
                    <caption>"Acteurs par compétence et par zone"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Compétence"</th>
                            {zones.into_iter().map(|z| view! { <th scope="col">{z}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {competences
                            .iter()
                            .map(|c| {
                                let mut query = QueryWriter::default();
                                query.all(&COMPETENCE, &[c.competence]);
                                let href = format!("/acteurs?{}", query.finish());
                                view! {
                                    <tr>
                                        <th scope="row"><a href=href>{c.competence.label()}</a></th>
                                        {c.zones
                                            .iter()
                                            .map(|z| {
                                                let text = if z.acteurs == 0 {
                                                    "aucun".to_owned()
                                                } else {
                                                    let share = z.population_desservie as f64 / z.population.max(1) as f64;
                                                    format!(
                                                        "{} {} · {} des habitants",
                                                        z.acteurs,
                                                        agree(z.acteurs, "acteur", "acteurs"),
                                                        percent_fr(share * 100.0),
                                                    )
                                                };
                                                view! { <td class:manque=z.acteurs == 0>{text}</td> }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>"Ce qui manque"</h3>
            <ul class="manques">
                {nowhere.map(|n| view! { <li>{n}</li> })}
                {gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
            </ul>
        </section>
    }
}
