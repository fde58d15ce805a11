//! The tables of `/couverture`: communes without help nearby, indicators by zone and by
//! EPCI (sortable by links, so without JavaScript too), every commune, and counts by zone.

use leptos::prelude::*;

use super::charts::BarChart;
use crate::format::{count_communes, count_people, count_places, int_fr, km_fr, percent_fr};
use crate::model::coverage::{
    COMMUNES_SHOWN, Cell, Coverage, CoverageFilter, GAP_KM, Indicators, SortKey, WITHOUT_HELP_SHOWN,
};
use crate::model::query::SORT;
use crate::model::{FromQuery, QueryWriter, Zone};

/// The communes farther than `GAP_KM` from any help, most people first.
#[component]
pub fn CommunesWithoutHelp(coverage: Coverage) -> impl IntoView {
    let epci_names: Vec<(String, String)> = coverage
        .epci
        .iter()
        .map(|e| (e.siren.to_string(), e.nom.clone()))
        .collect();
    let epci_name = move |siren: &str| {
        epci_names
            .iter()
            .find(|(s, _)| s == siren)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="titre-sans-aide">
            <h2 id="titre-sans-aide">{format!("Communes sans aide à moins de {GAP_KM} km")}</h2>
            {if coverage.sans_aide.is_empty() {
                view! { <p>{format!("Aucune : chaque commune a un lieu d'aide à {GAP_KM} km ou moins.")}</p> }.into_any()
            } else {
                let people: u64 = coverage.sans_aide.iter().map(|c| u64::from(c.population)).sum();
                view! {
                    <p>
                        {format!(
                            "{}, {}. {}",
                            count_communes(coverage.sans_aide.len()),
                            count_people(people),
                            if coverage.sans_aide.len() > 1 { "Les plus peuplées d'abord." } else { "" },
                        )
                        .trim_end()
                        .to_owned()}
                    </p>
                    {(coverage.sans_aide.len() > WITHOUT_HELP_SHOWN).then(|| view! {
                        <p>
                            {format!("Les {} plus peuplées sont ici. ", int_fr(WITHOUT_HELP_SHOWN as u64))}
                            <a href="#titre-export">"Toutes sont dans le tableau des communes à télécharger."</a>
                        </p>
                    })}
                    <div class="tableau-defilant" tabindex="0" role="region" aria-label="Communes sans aide">
                        <table class="sans-aide">
                            <TableHead columns=vec!["Commune", "Communauté de communes", "Zone", "Habitants", "Distance", "Lieu le plus proche"] />
                            <tbody>
                                {coverage
                                    .sans_aide
                                    .iter()
                                    .take(WITHOUT_HELP_SHOWN)
                                    .map(|c| {
                                        view! {
                                            <tr>
                                                <th scope="row">{c.nom.clone()}</th>
                                                <td>{epci_name(c.epci.as_str())}</td>
                                                <td>{c.zone.as_str()}</td>
                                                <td class="nombre">{int_fr(u64::from(c.population))}</td>
                                                <td class="nombre">{c.distance_km.map(km_fr).unwrap_or_else(|| "aucun lieu".into())}</td>
                                                <td>{c.lieu_le_plus_proche.clone().unwrap_or_default()}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

/// Indicators by zone, then by EPCI sorted by `sort`.
#[component]
pub fn IndicatorTables(coverage: Coverage, filter: CoverageFilter, sort: SortKey) -> impl IntoView {
    let mut epci = coverage.epci.clone();
    sort.sort(&mut epci);
    let sort_link = {
        let filter_query = filter.to_query();
        move |key: SortKey| {
            let mut w = QueryWriter::default();
            w.one(&SORT, Some(&key));
            let sorted = w.finish();
            let q = [filter_query.as_str(), sorted.as_str()]
                .into_iter()
                .filter(|q| !q.is_empty())
                .collect::<Vec<_>>()
                .join("&");
            format!("/couverture?{q}#indicateurs-epci")
        }
    };
    let sorted_header = move |key: SortKey, label: &'static str| {
        let aria = if key == sort { "descending" } else { "none" };
        let aria = if key == sort && key == SortKey::Name {
            "ascending"
        } else {
            aria
        };
        let link = sort_link(key);
        view! {
            <th scope="col" aria-sort=aria>
                <a href=link>{label}<span class="lecteur-seul">" (trier)"</span></a>
            </th>
        }
    };
    view! {
        <section aria-labelledby="titre-indicateurs">
            <h2 id="titre-indicateurs">"Indicateurs par zone et par communauté de communes"</h2>
            <div class="tableau-defilant" tabindex="0" role="region" aria-label="Indicateurs par zone">
                <table class="indicateurs-zones">
                    <caption>"Par zone"</caption>
                    <IndicatorHead first="Zone" />
                    <tbody>
                        {coverage
                            .zones
                            .iter()
                            .map(|z| view! { <IndicatorRow name=z.zone.to_string() i=z.indicateurs.clone() /> })
                            .collect_view()}
                        <IndicatorRow name="Tout le département".to_owned() i=coverage.departement.clone() />
                    </tbody>
                </table>
            </div>
            <div class="tableau-defilant" tabindex="0" role="region" aria-label="Indicateurs par communauté de communes">
                <table class="indicateurs-epci" id="indicateurs-epci">
                    <caption>"Par communauté de communes (cliquez un titre pour trier)"</caption>
                    <thead>
                        <tr>
                            {sorted_header(SortKey::Name, "Communauté de communes")}
                            {sorted_header(SortKey::Population, "Habitants")}
                            <th scope="col">"Lieux"</th>
                            {sorted_header(SortKey::PlacesPer10000, "Lieux pour 10 000 habitants")}
                            <th scope="col">"Heures d'ouverture par semaine pour 10 000 habitants"</th>
                            <th scope="col">"À plus de 10 km"</th>
                            {sorted_header(SortKey::FarBeyondGap, "À plus de 15 km")}
                            <th scope="col">"À plus de 20 km"</th>
                            {sorted_header(SortKey::MedianDistance, "Distance médiane")}
                            <th scope="col">"Distance la plus grande"</th>
                            <th scope="col">"Communes sans aide à 15 km"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {epci
                            .iter()
                            .map(|e| view! { <IndicatorRow name=format!("{} ({})", e.nom, e.zone) i=e.indicateurs.clone() /> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <BarChart
                title="Lieux pour 10 000 habitants, par communauté de communes"
                bars=coverage
                    .epci
                    .iter()
                    .map(|e| (e.nom.clone(), e.indicateurs.lieux_pour_10000_habitants))
                    .collect()
            />
        </section>
    }
}

/// Every commune, folded: 195 rows. A whole country's are a download.
#[component]
pub fn AllCommunes(coverage: Coverage) -> impl IntoView {
    if coverage.communes.len() > COMMUNES_SHOWN {
        return view! {
            <section aria-labelledby="titre-toutes-communes">
                <h2 id="titre-toutes-communes">"Toutes les communes"</h2>
                <p>
                    {format!("{} : trop pour une page. ", count_communes(coverage.communes.len()))}
                    <a href="#titre-export">"Le tableau de toutes les communes est à télécharger."</a>
                </p>
            </section>
        }
        .into_any();
    }
    view! {
        <section aria-labelledby="titre-toutes-communes">
            <h2 id="titre-toutes-communes">"Toutes les communes"</h2>
            <details>
                <summary>{format!("Voir la distance pour les {} communes", coverage.communes.len())}</summary>
                <div class="tableau-defilant" tabindex="0" role="region" aria-label="Toutes les communes">
                    <table class="communes">
                        <TableHead columns=vec!["Commune", "Zone", "Habitants", "Lieux dans la commune", "Distance au lieu le plus proche"] />
                        <tbody>
                            {coverage
                                .communes
                                .iter()
                                .map(|c| {
                                    view! {
                                        // The map's communes link here.
                                        <tr id=format!("commune-{}", c.insee)>
                                            <th scope="row">{c.nom.clone()}</th>
                                            <td>{c.zone.as_str()}</td>
                                            <td class="nombre">{int_fr(u64::from(c.population))}</td>
                                            <td class="nombre">{c.lieux}</td>
                                            <td class="nombre">{c.distance_km.map(km_fr).unwrap_or_else(|| "aucun lieu".into())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </section>
    }
    .into_any()
}

/// One row per zone, one count per value, in the order of `values`.
pub fn matrix_rows<T: Copy + PartialEq>(
    cells: &[Cell<T>],
    values: &[T],
) -> Vec<(String, Vec<usize>)> {
    Zone::ALL
        .iter()
        .map(|zone| {
            let counts = values
                .iter()
                .map(|v| {
                    cells
                        .iter()
                        .find(|c| c.zone == *zone && c.valeur == *v)
                        .map_or(0, |c| c.evenements)
                })
                .collect();
            (zone.to_string(), counts)
        })
        .collect()
}

/// The columns of the indicators, after `first`.
const INDICATOR_COLUMNS: [&str; 10] = [
    "Habitants",
    "Lieux",
    "Lieux pour 10 000 habitants",
    "Heures d'ouverture par semaine pour 10 000 habitants",
    "À plus de 10 km",
    "À plus de 15 km",
    "À plus de 20 km",
    "Distance médiane",
    "Distance la plus grande",
    "Communes sans aide à 15 km",
];

#[component]
fn IndicatorHead(first: &'static str) -> impl IntoView {
    let mut columns = vec![first];
    columns.extend(INDICATOR_COLUMNS);
    view! { <TableHead columns /> }
}

/// A table's header row, one `<th scope="col">` a column.
#[component]
fn TableHead(#[prop(into)] columns: Vec<&'static str>) -> impl IntoView {
    view! {
        <thead>
            <tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
        </thead>
    }
}

#[component]
fn IndicatorRow(name: String, i: Indicators) -> impl IntoView {
    let km = |d: Option<f64>| d.map(km_fr).unwrap_or_else(|| "—".to_owned());
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="nombre">{int_fr(i.population)}</td>
            <td class="nombre">{i.lieux}</td>
            <td class="nombre">{i.lieux_pour_10000_habitants.to_string().replace('.', ",")}</td>
            <td class="nombre">
                {format!("{} h", i.heures_pour_10000_habitants.to_string().replace('.', ","))}
                {(i.lieux_sans_horaires > 0)
                    .then(|| format!(" ({} sans horaires)", count_places(i.lieux_sans_horaires)))}
            </td>
            {i.population_eloignee
                .iter()
                .map(|b| {
                    view! {
                        <td class="nombre">{format!("{} ({})", int_fr(b.population), percent_fr(b.part_pourcent))}</td>
                    }
                })
                .collect_view()}
            <td class="nombre">{km(i.distance_mediane_km)}</td>
            <td class="nombre">{km(i.distance_max_km)}</td>
            <td class="nombre">{i.communes_sans_aide}</td>
        </tr>
    }
}

/// A table of counts; an empty cell says "aucun" in words and is outlined.
#[component]
pub fn Matrix(
    caption: &'static str,
    columns: Vec<String>,
    rows: Vec<(String, Vec<usize>)>,
) -> impl IntoView {
    view! {
        // A table wider than a phone scrolls inside itself, by keyboard too.
        <div class="tableau-defilant" tabindex="0" role="region" aria-label=caption>
            <table class="matrice">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Zone"</th>
                        {columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                        <th scope="col">"Total"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(name, counts)| {
                                let total: usize = counts.iter().sum();
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    {counts
                                        .into_iter()
                                        .map(|n| {
                                            if n == 0 {
                                                view! { <td class="vide">"aucun"</td> }.into_any()
                                            } else {
                                                view! { <td class="nombre">{n}</td> }.into_any()
                                            }
                                        })
                                        .collect_view()}
                                    <td class="nombre total">{total}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
