//! `/couverture`: for mediators and coordinators, who lives far from help and how balanced
//! the programme is. Every figure comes from one server computation (`load_coverage`), the
//! same as `/api/coverage`; the map is an image of it and every value is also in a table.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::catalogue::load_coverage;
use crate::components::choice::{Choice, options_of};
use crate::format::{date_fr, int_fr, km_fr, percent_fr};
use crate::model::coverage::{
    CLASS_COLOURS, Cell, Coverage, CoverageFilter, DISTANCE_CLASSES_KM, GAP_KM, Indicators,
    SortKey, distance_class_label,
};
use crate::model::query::{FEES, OPEN_ON, PROGRAMME, SERVICE, SORT, ZONE};
use crate::model::standard::{Frais, Programme, Service};
use crate::model::{ActivityType, FilterError, FromQuery, Query, QueryWriter, Theme, Zone};

#[component]
pub fn CoveragePage() -> impl IntoView {
    let query = use_query_map();
    let parsed: Memo<Result<CoverageFilter, FilterError>> =
        Memo::new(move |_| query.with(|q| CoverageFilter::read(&Query::from_pairs(q))));
    let filter = Memo::new(move |_| parsed.get().unwrap_or_default());
    let sort = Memo::new(move |_| {
        query.with(|q| {
            Query::from_pairs(q)
                .one(&SORT)
                .ok()
                .flatten()
                .unwrap_or(SortKey::Nom)
        })
    });
    let coverage = Resource::new(move || filter.get(), load_coverage);

    view! {
        <h1>"Qui habite loin d'une aide au numérique ?"</h1>
        <p class="intro">
            "Pour chaque commune, la distance à vol d'oiseau entre le centre habité et le lieu d'aide le plus proche. "
            "Choisissez le type d'aide : les chiffres, la carte et les tableaux changent ensemble."
        </p>
        {move || {
            parsed
                .get()
                .err()
                .map(|e| {
                    view! {
                        <p class="alerte" role="alert">
                            "Ce lien contient un choix que nous ne comprenons pas ("
                            {e.to_string()}
                            "). Tous les lieux comptent."
                        </p>
                    }
                })
        }}
        {move || view! { <CoverageFilters filter=filter.get() /> }}
        <Transition fallback=|| view! { <p>"Calcul en cours…"</p> }>
            {move || Suspend::new(async move {
                coverage
                    .await
                    .map(|c| view! { <CoverageReport coverage=c filter=filter.get() sort=sort.get() /> })
                    .map_err(|e| e.to_string())
            })}
        </Transition>
    }
}

/// A plain GET form: it works without JavaScript, and the URL keeps the choice.
#[component]
fn CoverageFilters(filter: CoverageFilter) -> impl IntoView {
    let zone = match filter.zones[..] {
        [z] => Some(z.to_string()),
        _ => None,
    };
    let service = filter.places.services.first().map(ToString::to_string);
    let programme = filter.places.programmes.first().map(ToString::to_string);
    let frais = filter.places.frais.first().map(ToString::to_string);
    let open_on = filter
        .places
        .open_on
        .map(|d| d.to_string())
        .unwrap_or_default();
    view! {
        <form class="filtres" method="get" action="/couverture" aria-label="Choisir les lieux qui comptent">
            <Choice id="couv-zone" name=ZONE.name label="Zone à montrer" all="Tout le département" options=options_of(&Zone::ALL) chosen=zone />
            <Choice id="couv-service" name=SERVICE.name label="Type d'aide" all="Toutes les aides" options=options_of(Service::ALL) chosen=service />
            <Choice id="couv-programme" name=PROGRAMME.name label="Réseau" all="Tous les réseaux" options=options_of(Programme::ALL) chosen=programme />
            <Choice id="couv-frais" name=FEES.name label="Prix" all="Gratuit ou payant" options=options_of(Frais::ALL) chosen=frais />
            <div class="champ">
                <label for="couv-jour">"Ouvert le (facultatif)"</label>
                <input id="couv-jour" type="date" name=OPEN_ON.name value=open_on />
            </div>
            <button type="submit">"Mettre à jour les chiffres"</button>
            <a class="tout" href="/couverture">"Tout effacer"</a>
        </form>
    }
}

#[component]
fn CoverageReport(coverage: Coverage, filter: CoverageFilter, sort: SortKey) -> impl IntoView {
    let query = filter.to_query();
    let with_query = move |path: &str| {
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    };
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
    let mut epci = coverage.epci.clone();
    match sort {
        SortKey::Nom => epci.sort_by(|a, b| a.nom.cmp(&b.nom)),
        SortKey::Population => epci.sort_by_key(|e| std::cmp::Reverse(e.indicateurs.population)),
        SortKey::LieuxPour10000 => epci.sort_by(|a, b| {
            a.indicateurs
                .lieux_pour_10000_habitants
                .total_cmp(&b.indicateurs.lieux_pour_10000_habitants)
        }),
        SortKey::Loin15 => {
            epci.sort_by(|a, b| far_share(&b.indicateurs).total_cmp(&far_share(&a.indicateurs)))
        }
        SortKey::Mediane => epci.sort_by(|a, b| {
            b.indicateurs
                .distance_mediane_km
                .unwrap_or(f64::MAX)
                .total_cmp(&a.indicateurs.distance_mediane_km.unwrap_or(f64::MAX))
        }),
    }
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
        let aria = if key == sort && key == SortKey::Nom {
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
    let programme = coverage.programme.clone();

    view! {
        <p class="chiffre-cle" role="status">{sentence}</p>
        <section aria-labelledby="titre-carte-couverture">
            <h2 id="titre-carte-couverture">"Carte : distance au lieu d'aide le plus proche"</h2>
            <figure class="choroplethe">
                <img
                    src=with_query("/api/coverage.svg")
                    alt="Carte des communes coloriées selon la distance au lieu d'aide le plus proche. Les mêmes valeurs sont dans les tableaux de cette page."
                />
                <figcaption>
                    <ul class="legende">
                        {CLASS_COLOURS
                            .iter()
                            .enumerate()
                            .map(|(class, colour)| {
                                view! {
                                    <li>
                                        // An SVG fill, not a style attribute: the CSP allows no inline style.
                                        <svg class="pastille" viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill=*colour /></svg>
                                        {distance_class_label(class)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <p class="aide">
                        {format!(
                            "Classes : {} km. Traits blancs : communautés de communes ; traits noirs : zones ; points bleus : lieux qui comptent.",
                            DISTANCE_CLASSES_KM.map(|b| b.to_string()).join(", ")
                        )}
                    </p>
                </figcaption>
            </figure>
        </section>
        <section aria-labelledby="titre-sans-aide">
            <h2 id="titre-sans-aide">{format!("Communes sans aide à moins de {GAP_KM} km")}</h2>
            {if coverage.sans_aide.is_empty() {
                view! { <p>{format!("Aucune : chaque commune a un lieu d'aide à {GAP_KM} km ou moins.")}</p> }.into_any()
            } else {
                let people: u64 = coverage.sans_aide.iter().map(|c| u64::from(c.population)).sum();
                view! {
                    <p>
                        {format!(
                            "{} communes, {} habitants. Les plus peuplées d'abord.",
                            coverage.sans_aide.len(),
                            int_fr(people)
                        )}
                    </p>
                    <div class="tableau-defilant">
                        <table class="sans-aide">
                            <thead>
                                <tr>
                                    <th scope="col">"Commune"</th>
                                    <th scope="col">"Communauté de communes"</th>
                                    <th scope="col">"Zone"</th>
                                    <th scope="col">"Habitants"</th>
                                    <th scope="col">"Distance"</th>
                                    <th scope="col">"Lieu le plus proche"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {coverage
                                    .sans_aide
                                    .iter()
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
        <section aria-labelledby="titre-indicateurs">
            <h2 id="titre-indicateurs">"Indicateurs par zone et par communauté de communes"</h2>
            <div class="tableau-defilant">
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
            <div class="tableau-defilant">
                <table class="indicateurs-epci" id="indicateurs-epci">
                    <caption>"Par communauté de communes (cliquez un titre pour trier)"</caption>
                    <thead>
                        <tr>
                            {sorted_header(SortKey::Nom, "Communauté de communes")}
                            {sorted_header(SortKey::Population, "Habitants")}
                            <th scope="col">"Lieux"</th>
                            {sorted_header(SortKey::LieuxPour10000, "Lieux pour 10 000 habitants")}
                            <th scope="col">"À plus de 10 km"</th>
                            {sorted_header(SortKey::Loin15, "À plus de 15 km")}
                            <th scope="col">"À plus de 20 km"</th>
                            {sorted_header(SortKey::Mediane, "Distance médiane")}
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
        <section aria-labelledby="titre-programme">
            <h2 id="titre-programme">
                {match programme.edition {
                    Some(year) => format!("Programme {year} : {} événements", programme.evenements),
                    None => "Programme : aucun événement".to_owned(),
                }}
            </h2>
            <p class="aide">"Les événements annulés ne comptent pas. Une case « aucun » montre un manque."</p>
            <Matrix
                caption="Événements par zone et par thème"
                columns=Theme::ALL.iter().map(|t| t.to_string()).collect()
                rows=matrix_rows(&programme.par_theme, Theme::ALL)
            />
            <Matrix
                caption="Événements par zone et par type"
                columns=ActivityType::ALL.iter().map(|t| t.to_string()).collect()
                rows=matrix_rows(&programme.par_type, ActivityType::ALL)
            />
            <BarChart
                title="Événements par zone et par thème"
                bars=programme
                    .par_theme
                    .iter()
                    .map(|c| (format!("{} – {}", c.zone, c.valeur), c.evenements as f64))
                    .collect()
            />
            {(!programme.manques.is_empty())
                .then(|| {
                    view! {
                        <h3>"Ce qui manque"</h3>
                        <ul class="manques">
                            {programme.manques.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <h3>"Villes qui accueillent des événements"</h3>
            <ul>
                {programme
                    .villes
                    .iter()
                    .map(|v| {
                        let warning = (v.communes.len() < 2).then_some(" À renforcer : 2 ou 3 villes par zone sont prévues.");
                        view! {
                            <li>
                                {format!("{} : {} ({})", v.zone, v.communes.len(), v.communes.join(", "))}
                                {warning.map(|w| view! { <strong>{w}</strong> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>"Événements par semaine"</h3>
            <ul>
                {programme
                    .par_semaine
                    .iter()
                    .map(|w| {
                        view! {
                            <li class:vide=w.evenements == 0>
                                {format!("Semaine du lundi {} : {}", date_fr(w.lundi), w.evenements)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="titre-toutes-communes">
            <h2 id="titre-toutes-communes">"Toutes les communes"</h2>
            <details>
                <summary>{format!("Voir la distance pour les {} communes", coverage.communes.len())}</summary>
                <div class="tableau-defilant">
                    <table class="communes">
                        <thead>
                            <tr>
                                <th scope="col">"Commune"</th>
                                <th scope="col">"Zone"</th>
                                <th scope="col">"Habitants"</th>
                                <th scope="col">"Lieux dans la commune"</th>
                                <th scope="col">"Distance au lieu le plus proche"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {coverage
                                .communes
                                .iter()
                                .map(|c| {
                                    view! {
                                        <tr>
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
        <section aria-labelledby="titre-export">
            <h2 id="titre-export">"Télécharger"</h2>
            <ul>
                <li><a href=with_query("/api/coverage/communes.csv") download>"Indicateurs par commune (CSV)"</a></li>
                <li><a href=with_query("/api/coverage/epci.csv") download>"Indicateurs par communauté de communes (CSV)"</a></li>
                <li><a href=with_query("/api/coverage")>"Toutes les données de cette page (JSON)"</a></li>
            </ul>
        </section>
    }
}

/// One row per zone, one count per value, in the order of `values`.
fn matrix_rows<T: Copy + PartialEq>(cells: &[Cell<T>], values: &[T]) -> Vec<(String, Vec<usize>)> {
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

fn far_share(i: &Indicators) -> f64 {
    i.population_eloignee
        .iter()
        .find(|b| b.seuil_km == GAP_KM)
        .map_or(0.0, |b| b.part_pourcent)
}

#[component]
fn IndicatorHead(first: &'static str) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{first}</th>
                <th scope="col">"Habitants"</th>
                <th scope="col">"Lieux"</th>
                <th scope="col">"Lieux pour 10 000 habitants"</th>
                <th scope="col">"À plus de 10 km"</th>
                <th scope="col">"À plus de 15 km"</th>
                <th scope="col">"À plus de 20 km"</th>
                <th scope="col">"Distance médiane"</th>
                <th scope="col">"Distance la plus grande"</th>
                <th scope="col">"Communes sans aide à 15 km"</th>
            </tr>
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
fn Matrix(
    caption: &'static str,
    columns: Vec<String>,
    rows: Vec<(String, Vec<usize>)>,
) -> impl IntoView {
    view! {
        <div class="tableau-defilant">
            <table class="matrice">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Zone"</th>
                        {columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(name, counts)| {
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
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Horizontal bars with their value written beside them.
#[component]
fn BarChart(title: &'static str, bars: Vec<(String, f64)>) -> impl IntoView {
    let max = bars
        .iter()
        .map(|(_, v)| *v)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let row = 22.0;
    let height = row * bars.len() as f64 + 4.0;
    view! {
        <figure class="graphique">
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 640 {height}") role="img" aria-label=title>
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, value))| {
                        let y = i as f64 * row + 2.0;
                        let width = 250.0 * value / max;
                        view! {
                            <g>
                                <text x="0" y=y + 15.0 font-size="12">{label}</text>
                                <rect x="330" y=y width=width height="16" fill="#1f4e8c"></rect>
                                <text x=336.0 + width y=y + 13.0 font-size="12">
                                    {value.to_string().replace('.', ",")}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}
