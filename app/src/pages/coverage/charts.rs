//! The choropleth (an image from the API) and bar charts; each has its values in a table
//! too.

use leptos::prelude::*;

use crate::model::coverage::{CLASS_COLOURS, DISTANCE_CLASSES_KM, distance_class_label};

/// The map of distances, `src` being `/api/coverage.svg` with the page's filter.
#[component]
pub fn ChoroplethFigure(src: String) -> impl IntoView {
    view! {
        <section aria-labelledby="titre-carte-couverture">
            <h2 id="titre-carte-couverture">"Carte : distance au lieu d'aide le plus proche"</h2>
            <figure class="choroplethe">
                <img
                    src=src
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
    }
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
