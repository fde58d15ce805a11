use leptos::prelude::*;
use leptos_meta::{Script, Style};

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::components::map_page::{MapPage, NewTab, use_map_page};
use crate::model::embed::{EmbedOptions, LanguageLevel, frame_title};
use crate::model::map_query::MapQuery;
use crate::model::{FilterError, Query, QueryWriter};
use crate::pages::home::MapView;

/// What an embed's URL asks for: the map page's state, and the embed's own settings, each
/// checked. The builder and oEmbed read it the same way.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedQuery {
    pub map: MapQuery,
    pub options: EmbedOptions,
}

impl EmbedQuery {
    /// The embed of `query`, or its first wrong parameter.
    pub fn read(query: &Query) -> Result<EmbedQuery, FilterError> {
        let (map, mut errors) = MapQuery::read_each(query);
        if !errors.is_empty() {
            return Err(errors.swap_remove(0));
        }
        let options = EmbedOptions::read(query)?;
        Ok(EmbedQuery { map, options })
    }

    /// The embed's query string, as understood.
    pub fn query(&self) -> String {
        let mut w = QueryWriter::default();
        self.map.write(&mut w);
        self.options.write(&mut w);
        w.finish()
    }

    /// The query of the same map on the full site.
    pub fn site_query(&self) -> String {
        self.map.to_query()
    }
}

/// `/embed`: the map page's search, map and lists in a partner's frame, with the partner's
/// title and colour, and no header or footer. Links to records open the full site in a new
/// tab. A small script tells the page around it the height of the content.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let query = use_query_map();
    let (options, problems) =
        query.with_untracked(|q| EmbedOptions::read_each(&Query::from_pairs(q)));
    // What the partner chose to show, and its territory, stay through the resident's
    // searches; where to look inside it (centre, zoom) gives way to the resident's search.
    let keep = query.with_untracked(|q| {
        let (map, _) = MapQuery::read_each(&Query::from_pairs(q));
        let mut w = QueryWriter::default();
        map.within_territory().write(&mut w);
        EmbedOptions {
            view: None,
            ..options.clone()
        }
        .write(&mut w);
        w.pairs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect()
    });
    provide_context(MapPage::embed(keep));
    // The same view on the full site: the filters and the search, not the frame's settings.
    let full_site = query.with_untracked(|q| {
        let (map, _) = MapQuery::read_each(&Query::from_pairs(q));
        MapPage::site().url(&map.to_query())
    });
    // A stylesheet of the page (given the request's nonce by leptos_meta), not a style
    // attribute: the CSP allows no inline style. The colour is a checked `#rrggbb`.
    let style = options.colour.map(|c| {
        format!(
            ".integration {{ --primaire: {}; --sur-primaire: {}; }}",
            c.hex(),
            c.text_colour()
        )
    });
    let heading = options.heading().to_owned();
    let level = options.level;
    let search_shown = options.search;
    let target = use_map_page().link_target();

    view! {
        <PageTitle text=frame_title(&heading) />
        <Script src="/assets/hauteur.js" async_="" />
        {style.map(|css| view! { <Style>{css}</Style> })}
        <main id="contenu" class=format!("integration {}", level.label())>
            <a class="evitement" href="#resultats">
                "Aller aux résultats"
            </a>
            <header class="bandeau">
                <h1>{heading}</h1>
                <a href=full_site target=target>
                    "Ouvrir la carte en grand sur Carto82"
                    <NewTab />
                </a>
            </header>
            {(!problems.is_empty())
                .then(|| {
                    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    view! {
                        <p class="alerte" role="alert">
                            "Le code de cette carte contient un réglage que nous ne comprenons pas ("
                            {said.join(" ; ")}
                            "). Ce réglage reste ordinaire ; les autres s'appliquent."
                        </p>
                    }
                })}
            {(level == LanguageLevel::Facile)
                .then(|| {
                    let layers = query
                        .with_untracked(|q| MapQuery::read_each(&Query::from_pairs(q)).0.layers);
                    let shown = layers.shown_fr();
                    view! {
                        <p class="intro">
                            {(!shown.is_empty()).then(|| format!("Cette carte montre {shown}. "))}
                            {search_shown.then_some("Tapez votre commune. ")}
                            {layers.choose_fr()}
                        </p>
                    }
                })}
            <MapView embed=options />
            <p class="source">
                "Carte Carto82 du Tarn-et-Garonne. Données ouvertes, Licence Ouverte."
            </p>
        </main>
    }
}
