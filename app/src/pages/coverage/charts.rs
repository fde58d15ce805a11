//! The choropleth (drawn by the server, inline) and bar charts; each has its values in a table
//! too.

use leptos::prelude::*;

use crate::format::int_fr;
use crate::model::coverage::{
    CLASS_COLOURS, COMMUNES_SHOWN, Coverage, CoverageFilter, DISTANCE_CLASSES_KM,
    distance_class_label,
};

/// The map of distances, drawn by the server (`Catalogue::coverage_map`) and put inline in
/// the page: each commune's name shows on hover and keyboard focus and is read by screen
/// readers, and a commune links to its row of the table of all communes. Skipped by a link
/// for who reads by keyboard: it holds one link per commune.
#[component]
pub fn ChoroplethFigure(coverage: Coverage, filter: CoverageFilter) -> impl IntoView {
    if coverage.communes.len() > COMMUNES_SHOWN {
        return view! {
            <section class="carte-couverture" aria-labelledby="titre-carte-couverture">
                <h2 id="titre-carte-couverture">"Carte : distance au lieu d'aide le plus proche"</h2>
                <p>
                    {format!(
                        "La carte montre au plus {} communes. Ici, il y en a {}. Choisissez un territoire plus petit pour la voir.",
                        int_fr(COMMUNES_SHOWN as u64),
                        int_fr(coverage.communes.len() as u64)
                    )}
                </p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="carte-couverture" aria-labelledby="titre-carte-couverture">
            <h2 id="titre-carte-couverture">"Carte : distance au lieu d'aide le plus proche"</h2>
            <a class="evitement" href="#apres-carte">"Passer la carte"</a>
            <figure class="choroplethe">
                <div class="carte-communes" inner_html=drawn_by_server(&coverage, &filter)></div>
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
                            "Classes : {} km. Traits blancs : communautés de communes ; traits noirs : zones ; points bleus : lieux qui comptent. Passez la souris sur une commune pour voir son nom. Cliquez dessus pour voir sa ligne dans le tableau des communes.",
                            DISTANCE_CLASSES_KM.map(|b| b.to_string()).join(", ")
                        )}
                    </p>
                </figcaption>
            </figure>
            <span id="apres-carte" tabindex="-1"></span>
        </section>
    }
    .into_any()
}

/// The drawing itself, on the server: the page is a document, never built in the browser
/// (`PageCode::Document`).
#[cfg(feature = "ssr")]
fn drawn_by_server(coverage: &Coverage, filter: &CoverageFilter) -> String {
    use_context::<crate::catalogue::SharedCatalogue>()
        .map(|catalogue| catalogue.coverage_map(filter, coverage))
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn drawn_by_server(_: &Coverage, _: &CoverageFilter) -> String {
    String::new()
}

/// Horizontal bars with their value written beside them.
#[component]
pub fn BarChart(title: &'static str, bars: Vec<(String, f64)>) -> impl IntoView {
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
