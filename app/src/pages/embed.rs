use leptos::prelude::*;
use leptos_meta::{Script, Style};

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::catalogue::{Search, WHERE_PARAMETERS, map_page_pairs};
use crate::components::layers::{LAYERS_PARAMETER, Layers};
use crate::components::map_page::{MapPage, NewTab, use_map_page};
use crate::model::FilterError;
use crate::model::embed::{EMBED_PARAMETERS, EmbedOptions, LanguageLevel, frame_title};
use crate::pages::home::MapView;

/// What an embed's URL asks for: the map page's filters and search, and the embed's own
/// settings, each checked by its own parser. The builder and oEmbed read it the same way.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedQuery {
    /// The map page's parameters that have a value.
    pub map: Vec<(&'static str, String)>,
    pub options: EmbedOptions,
}

impl EmbedQuery {
    /// `get_all` gives every value of one parameter of the URL.
    pub fn read(get_all: impl Fn(&str) -> Vec<String>) -> Result<EmbedQuery, FilterError> {
        let map: Vec<(&'static str, String)> = map_page_pairs(&get_all)
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        Search::from_pairs(&map)?;
        Layers::from_query(&get_all(LAYERS_PARAMETER))?;
        let own = own_settings(&get_all);
        let options = EmbedOptions::from_query(own.iter().map(|(k, v)| (*k, v.as_str())))?;
        Ok(EmbedQuery { map, options })
    }

    /// The embed's query string, as understood.
    pub fn query(&self) -> String {
        let mut all = self.map.clone();
        all.extend(self.options.query_pairs());
        serde_urlencoded::to_string(all).expect("strings encode")
    }

    /// The query of the same map on the full site.
    pub fn site_query(&self) -> String {
        serde_urlencoded::to_string(&self.map).expect("strings encode")
    }
}

/// The embed's own settings in a URL, each read on its own; `get_all` gives every value of
/// one parameter.
pub fn read_options(get_all: &impl Fn(&str) -> Vec<String>) -> (EmbedOptions, Vec<FilterError>) {
    let own = own_settings(get_all);
    EmbedOptions::read_each(own.iter().map(|(k, v)| (*k, v.as_str())))
}

/// Every value of the embed's own parameters.
fn own_settings(get_all: &impl Fn(&str) -> Vec<String>) -> Vec<(&'static str, String)> {
    EMBED_PARAMETERS
        .iter()
        .flat_map(|k| get_all(k).into_iter().map(move |v| (*k, v)))
        .collect()
}

/// `/embed`: the map page's search, map and lists in a partner's frame, with the partner's
/// title and colour, and no header or footer. Links to records open the full site in a new
/// tab. A small script tells the page around it the height of the content.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let query = use_query_map();
    let (options, problems) =
        query.with_untracked(|q| read_options(&|k| q.get_all(k).unwrap_or_default()));
    // What the partner chose to show stays through the resident's searches; where to look
    // (the partner's area, centre and zoom) gives way to the resident's own search.
    let keep = query.with_untracked(|q| {
        let chosen = map_page_pairs(|k| q.get_all(k).unwrap_or_default())
            .into_iter()
            .filter(|(k, v)| !WHERE_PARAMETERS.contains(k) && !v.trim().is_empty());
        let own = options
            .query_pairs()
            .into_iter()
            .filter(|(k, _)| !["centre", "zoom"].contains(k));
        chosen.chain(own).map(|(k, v)| (k.to_owned(), v)).collect()
    });
    provide_context(MapPage::embed(keep));
    // The same view on the full site: the filters and the search, not the frame's settings.
    let full_site = Memo::new(move |_| {
        let pairs = query.with(|q| map_page_pairs(|k| q.get_all(k).unwrap_or_default()));
        MapPage::site().url(&serde_urlencoded::to_string(pairs).expect("strings encode"))
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
                <a href=move || full_site.get() target=target>
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
                    view! {
                        <p class="intro">
                            "Ces lieux vous aident à utiliser le numérique. "
                            {search_shown.then_some("Tapez votre commune. ")}
                            "Choisissez un lieu pour voir ses horaires."
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
