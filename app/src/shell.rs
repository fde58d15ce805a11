use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};

use crate::components::page_title::PageTitle;
#[cfg(feature = "ssr")]
use crate::components::social_meta::SocialMeta;

/// What the site is, under its name: in search engines and on social networks' cards.
pub const DESCRIPTION: &str = "Où trouver de l'aide pour utiliser le numérique en Tarn-et-Garonne : France services, conseillers numériques et autres lieux, sur une carte et dans une liste.";
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Outlet, ParentRoute, Route, Router, Routes},
    path,
};

use crate::model::publication::Conformite;
use crate::model::{self, Record};

use crate::pages::actors::{ActorPage, ActorsPage};
use crate::pages::agenda::AgendaPage;
use crate::pages::coverage::CoveragePage;
use crate::pages::embed::EmbedPage;
use crate::pages::embed_builder::EmbedBuilderPage;
use crate::pages::event::EventPage;
use crate::pages::home::HomePage;
use crate::pages::place::PlacePage;
use crate::pages::resource::ResourcePage;

/// Site settings the server passes to the HTML shell (never to the wasm: the page reads them
/// back from `<meta>` tags, so server and browser render the same markup).
#[derive(Clone, Debug, Default)]
pub struct ShellConfig {
    /// A background tile layer; off by default so that a visit makes no third-party request.
    pub tiles: Option<TileLayerConfig>,
    /// The national address API (BAN) for street addresses in the search box; off by
    /// default for the same reason. Its base URL, e.g. `https://api-adresse.data.gouv.fr`.
    pub addresses: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TileLayerConfig {
    /// Leaflet URL template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    pub url: String,
    pub attribution: String,
}

/// The code a page carries besides its HTML. Every page is the server's HTML; only its
/// islands (`#[island]`: the search field, the map, forms that apply themselves) come to
/// life in the browser, so the wasm holds them and nothing else (issue 14).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageCode {
    /// The map pages (`/`, `/embed`): Leaflet, and the wasm for their islands.
    Map,
    /// The embed builder (`/integrer`): the wasm, for its form that applies itself.
    Form,
    /// Only `/assets/gestes.js` (copy, print): the record pages, the coverage report and
    /// the agenda are documents, read and left; their forms and links work as plain HTML.
    Document,
}

// The browser never asks: the server chooses.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
impl PageCode {
    pub fn of(path: &str) -> PageCode {
        match path {
            "/" | "/embed" => PageCode::Map,
            "/integrer" => PageCode::Form,
            _ => PageCode::Document,
        }
    }

    fn has_wasm(self) -> bool {
        self != PageCode::Document
    }
}

/// The whole HTML document. Leaflet and its cluster plugin are deferred classic scripts: they
/// do not hold up the page's first paint, and they still run before the wasm's module script
/// (deferred scripts and modules run in document order), whose bindings use the global `L`.
pub fn shell(options: LeptosOptions, config: ShellConfig) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let code = PageCode::of(&crate::catalogue::request_path());
    #[cfg(not(feature = "ssr"))]
    let code = PageCode::Form;
    let app = code.has_wasm();
    #[cfg(feature = "ssr")]
    let social = use_context::<crate::catalogue::PublicOrigin>().map(|origin| {
        view! { <SocialMeta origin=origin.0 path=crate::catalogue::request_path() /> }
    });
    #[cfg(not(feature = "ssr"))]
    let social: Option<()> = None;
    // Only islands come to life, from their props: the data the pages read is not written
    // into the page again.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content=DESCRIPTION />
                {social}
                {config
                    .tiles
                    .map(|t| {
                        view! {
                            <meta
                                name="carto82:tuiles"
                                content=t.url
                                data-attribution=t.attribution
                            />
                        }
                    })}
                {config
                    .addresses
                    .map(|url| view! { <meta name="carto82:adresses" content=url /> })}
                <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
                {(code == PageCode::Map)
                    .then(|| {
                        view! {
                            <link rel="stylesheet" href="/assets/vendor/leaflet/leaflet.css" />
                            <link rel="stylesheet" href="/assets/vendor/leaflet.markercluster/MarkerCluster.css" />
                        }
                    })}
                <link rel="stylesheet" href="/assets/carto82.css" />
                // Alone on a document page: it then also says the page is ready.
                <script defer src="/assets/gestes.js" data-seul=(!app).then_some("")></script>
                {(code == PageCode::Map)
                    .then(|| {
                        view! {
                            <script defer src="/assets/vendor/leaflet/leaflet.js"></script>
                            <script defer src="/assets/vendor/leaflet.markercluster/leaflet.markercluster.js"></script>
                        }
                    })}
                {app.then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <PageTitle
            text="Carto82 : trouver de l'aide pour le numérique en Tarn-et-Garonne"
            site_default=true
        />
        <Router>
            // Async: the whole page, list included, arrives as plain HTML, readable
            // without JavaScript.
            <Routes fallback=|| view! { <main id="contenu"><p>"Cette page n'existe pas."</p></main> }>
                <ParentRoute path=path!("") view=SiteFrame>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("couverture") view=CoveragePage ssr=SsrMode::Async />
                    <Route path=path!("integrer") view=EmbedBuilderPage ssr=SsrMode::Async />
                    <Route path=StaticSegment(model::Event::KIND.page) view=AgendaPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment(model::Place::KIND.page), ParamSegment("id")) view=PlacePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment(model::Event::KIND.page), ParamSegment("id")) view=EventPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment(model::Resource::KIND.page), ParamSegment("id")) view=ResourcePage ssr=SsrMode::Async />
                    <Route path=StaticSegment(model::Actor::KIND.page) view=ActorsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment(model::Actor::KIND.page), ParamSegment("id")) view=ActorPage ssr=SsrMode::Async />
                </ParentRoute>
                // In a partner's frame: no header, no footer.
                <Route path=path!("embed") view=EmbedPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

/// The site's header, navigation and footer around every page but the embed.
#[component]
fn SiteFrame() -> impl IntoView {
    let conformity = leptos::prelude::Resource::new(|| (), |_| crate::catalogue::load_conformity());
    view! {
        <SiteHeader />
        <main id="contenu">
            <Outlet />
        </main>
        <Suspense fallback=|| view! { <SiteFooter conformity=None /> }>
            {move || Suspend::new(async move {
                let conformity = conformity.await.ok().flatten();
                view! { <SiteFooter conformity /> }
            })}
        </Suspense>
    }
}

/// The skip link, the site's name and its menu.
#[component]
fn SiteHeader() -> impl IntoView {
    view! {
        <a class="evitement" href="#contenu">
            "Aller au contenu"
        </a>
        <header class="entete">
            <p class="marque">
                <a href="/">"Carto82"</a>
            </p>
            <p class="accroche">"Trouver de l'aide pour le numérique en Tarn-et-Garonne"</p>
            <nav aria-label="Pages du site">
                <ul>
                    <li>
                        <a href="/">"La carte"</a>
                    </li>
                    <li>
                        <a href="/evenements">"Agenda"</a>
                    </li>
                    <li>
                        <a href="/acteurs">"Les acteurs"</a>
                    </li>
                    <li>
                        <a href="/couverture">"Couverture du territoire"</a>
                    </li>
                    <li>
                        <a href="/integrer">"Intégrer la carte"</a>
                    </li>
                    <li>
                        <a href="/api">"Données ouvertes"</a>
                    </li>
                    <li>
                        <a href="/participer">"Participer"</a>
                    </li>
                </ul>
            </nav>
        </header>
    }
}

/// The sources, and the pages a public body must link from every page (issue 13, item
/// 25): its legal notice and its accessibility statement, named with its state.
#[component]
fn SiteFooter(conformity: Option<Conformite>) -> impl IntoView {
    view! {
        <footer class="pied">
            <p>
                "Carto82, carte des lieux d'aide au numérique du Tarn-et-Garonne. "
                "Données : ANCT (France services, conseillers numériques), data·inclusion, "
                "IGN et INSEE (contours des communes). Licence Ouverte."
            </p>
            <nav aria-label="Informations légales">
                <ul>
                    <li><a href=LEGAL_NOTICE>"Mentions légales"</a></li>
                    <li>
                        <a href=ACCESSIBILITY>
                            {match conformity {
                                Some(state) => format!("Accessibilité : {state}"),
                                None => "Accessibilité".to_owned(),
                            }}
                        </a>
                    </li>
                </ul>
            </nav>
        </footer>
    }
}

/// The paths of the pages the server writes from `data/publication.json`.
pub const LEGAL_NOTICE: &str = "/mentions-legales";
pub const ACCESSIBILITY: &str = "/accessibilite";

/// The same markup as the app's, for the pages the server writes itself outside the router
/// (a 404, the answer to a report, `/api`): they look and read like the rest of the site.
#[cfg(feature = "ssr")]
pub mod server_html {
    use leptos::prelude::*;

    use crate::components::report::{ReportDraft, ReportError};

    fn render(view: impl FnOnce() -> AnyView) -> String {
        Owner::new().with(|| view().to_html())
    }

    pub fn site_header() -> String {
        render(|| view! { <super::SiteHeader /> }.into_any())
    }

    /// The card a social network shows for the page at `path` (its title aside).
    pub fn social_meta(origin: String, path: String) -> String {
        render(move || {
            view! { <crate::components::social_meta::SocialMeta origin path /> }.into_any()
        })
    }

    pub fn site_footer(conformity: Option<crate::model::publication::Conformite>) -> String {
        render(move || view! { <super::SiteFooter conformity /> }.into_any())
    }

    /// The report form about `page`, filled with what was typed and the reason it was
    /// refused.
    pub fn report_form(page: String, draft: ReportDraft) -> String {
        render(move || view! { <ReportError page draft /> }.into_any())
    }
}

#[cfg(test)]
mod tests {
    use super::PageCode;

    #[test]
    fn only_the_map_pages_and_the_builder_carry_the_app() {
        for path in ["/", "/embed"] {
            assert_eq!(PageCode::of(path), PageCode::Map, "{path}");
        }
        assert_eq!(PageCode::of("/integrer"), PageCode::Form);
        for path in [
            "/couverture",
            "/evenements",
            "/lieux/france-services-000",
            "/evenements/e1",
            "/ressources/r1",
            "/acteurs",
            "/acteurs/a1",
            "/api",
            "/api/coverage",
            "/embed/x",
        ] {
            assert_eq!(PageCode::of(path), PageCode::Document, "{path}");
        }
    }
}
