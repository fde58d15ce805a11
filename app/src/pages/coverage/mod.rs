//! `/couverture`: for mediators and coordinators, who lives far from help and how balanced
//! the programme is. Every figure comes from one server computation (`load_coverage`), the
//! same as `/api/coverage`; the map is drawn from it and every value is also in a table.
//! The report is made of a sentence (`sentences`), tables (`tables`), charts (`charts`) and
//! the programme's balance (`programme`).

mod charts;
mod competences;
mod programme;
mod sentences;
mod tables;

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::components::link_problem::LinkProblem;
use leptos_router::hooks::use_query_map;

use crate::catalogue::load_coverage;
use crate::components::choice::{Choice, options_of};
use crate::model::coverage::{Coverage, CoverageFilter, SortKey};
use crate::model::query::{FEES, OPEN_ON, PROGRAMME, SERVICE, SORT, ZONE};
use crate::model::standard::{Frais, Programme, Service};
use crate::model::{FilterError, FromQuery, Query, Zone};
use charts::ChoroplethFigure;
use competences::CompetencesByZone;
use programme::ProgrammeBalance;
use tables::{AllCommunes, CommunesWithoutHelp, IndicatorTables};

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
                .unwrap_or(SortKey::Name)
        })
    });
    let coverage = Resource::new(move || filter.get(), load_coverage);

    view! {
        <PageTitle text="Couverture du territoire – Carto82".to_owned() />
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
                    view! { <LinkProblem error=e instead="Tous les lieux comptent." /> }
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

/// Every figure for the chosen places. `query` of the links is the filter's.
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
    let sentence = sentences::headline(&coverage, &filter);
    view! {
        <p class="chiffre-cle" role="status">{sentence}</p>
        <ChoroplethFigure coverage=coverage.clone() filter=filter.clone() />
        <CommunesWithoutHelp coverage=coverage.clone() />
        <IndicatorTables coverage=coverage.clone() filter sort />
        <ProgrammeBalance programme=coverage.programme.clone() />
        <CompetencesByZone competences=coverage.competences.clone() />
        <AllCommunes coverage />
        <section aria-labelledby="titre-export">
            <h2 id="titre-export">"Télécharger"</h2>
            <ul>
                {[
                    ("/api/coverage/communes.csv", "Indicateurs par commune"),
                    ("/api/coverage/epci.csv", "Indicateurs par communauté de communes"),
                    ("/api/coverage/programme.csv", "Équilibre du programme"),
                ]
                    .into_iter()
                    .map(|(path, what)| {
                        let sheet = with_query(path);
                        let sheet = format!("{sheet}{}excel=oui", if sheet.contains('?') { "&" } else { "?" });
                        view! {
                            <li>
                                {what} " : "
                                <a href=sheet download>"pour un tableur (Excel, LibreOffice)"</a>
                                " ou "
                                <a href=with_query(path) download>"CSV standard"</a>
                            </li>
                        }
                    })
                    .collect_view()}
                <li><a href=with_query("/api/coverage")>"Toutes les données de cette page (JSON)"</a></li>
            </ul>
        </section>
    }
}
