use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::catalogue::{load_territory, site_origin};
use crate::components::auto_submit::AutoSubmit;
use crate::components::choice::{Choice, options_of};
use crate::components::copy_button::CopyButton;
use crate::components::map_page::MapPage;
use crate::components::need_filters::NeedFields;
use crate::model::embed::{
    DEFAULT_HEIGHT_PX, EmbedOptions, LanguageLevel, SITE_COLOUR, embed_url, frame_title,
    iframe_code,
};
use crate::model::map_query::MapQuery;
use crate::model::query::{
    AUTO_HEIGHT, CENTER, COLOR, COMMUNE, EPCI, HEIGHT, LANGUAGE, LAYERS, LIST, SEARCH, TITLE, ZONE,
    ZOOM,
};
use crate::model::{AreaFilter, FilterError, Query, TerritoryIndex, Zone, text_left_raw_by_leptos};
use crate::pages::embed::EmbedQuery;

/// The code a partner asks for, read from the builder's URL.
#[derive(Clone, Debug, PartialEq)]
struct Request {
    embed: EmbedQuery,
    height: u32,
    auto_height: bool,
}

fn read_request(query: &Query) -> Result<Request, FilterError> {
    let embed = EmbedQuery::read(query)?;
    // The form always sends the height; sent without any layer ticked, it would show
    // everything, the opposite of what was asked.
    if query.has(&HEIGHT) && !query.has(&LAYERS) {
        return Err(FilterError::new(
            LAYERS.name,
            "cochez au moins une chose à montrer : lieux, événements ou ressources",
        ));
    }
    Ok(Request {
        embed,
        height: query.one(&HEIGHT)?.unwrap_or(DEFAULT_HEIGHT_PX),
        auto_height: query.one(&AUTO_HEIGHT)?.unwrap_or(true),
    })
}

/// `/integrer`: a partner chooses what the map shows and how it looks, sees it, and copies
/// the code. A GET form: without JavaScript the button shows the result; with it, each
/// change does (the page comes back with the focus on the field changed).
#[component]
pub fn EmbedBuilderPage() -> impl IntoView {
    let query = use_query_map();
    let request = query.with_untracked(|q| read_request(&Query::from_pairs(q)));
    let origin = Resource::new(|| (), |_| site_origin());
    let territory = Resource::new(|| (), |_| load_territory());
    // The numbers are given back as typed, so that a wrong one can be corrected.
    let (map, options, given) = query.with_untracked(|q| {
        let query = Query::from_pairs(q);
        let given = |names: &[&str]| names.iter().find_map(|n| q.get(n)).unwrap_or_default();
        (
            MapQuery::read_each(&query).0,
            EmbedOptions::read_each(&query).0,
            [
                given(&[HEIGHT.name, "hauteur"]),
                given(&[CENTER.name, "centre"]),
                given(&[ZOOM.name]),
            ],
        )
    });
    let (search, layers) = (map.search, map.layers);
    let [height, centre, zoom] = given;
    let auto_height = request.as_ref().map_or(true, |r| r.auto_height);
    let area = search.places.area.clone();

    view! {
        <PageTitle text="Intégrer la carte sur votre site – Carto82" />
        <h1>"Intégrer la carte sur votre site"</h1>
        <p class="intro">
            "Choisissez ce que la carte montre. Regardez l'aperçu. "
            "Copiez le code et collez-le dans une page de votre site. C'est gratuit."
        </p>
        <form class="integrer" method="get" action="/integrer">
            <fieldset>
                <legend>"1. Le territoire"</legend>
                <Suspense fallback=|| view! { <p>"Chargement des communes…"</p> }>
                    {move || Suspend::new({
                        let area = area.clone();
                        async move {
                            territory
                                .await
                                .map(|index| view! { <TerritoryFields index area /> })
                                .map_err(|e| e.to_string())
                        }
                    })}
                </Suspense>
            </fieldset>
            <fieldset>
                <legend>"2. Ce que la carte montre"</legend>
                <ul class="choix">
                    {[("places", "Les lieux d'aide", layers.places), ("events", "Les ateliers et événements", layers.events), ("resources", "Les autres ressources (matériel, wifi…)", layers.resources)]
                        .into_iter()
                        .map(|(value, label, checked)| {
                            let id = format!("i-layers-{value}");
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() name=LAYERS.name value=value checked=checked />
                                    <label for=id>{label}</label>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <details class="besoins">
                    <summary>"Seulement certains besoins ou certains thèmes (facultatif)"</summary>
                    <NeedFields search />
                </details>
            </fieldset>
            <fieldset>
                <legend>"3. L'apparence"</legend>
                <p class="champ">
                    <label for="i-title">"Titre affiché en haut de la carte"</label>
                    <input id="i-title" name=TITLE.name type="text" maxlength="80" value=options.title.clone().unwrap_or_default() placeholder=EmbedOptions::default().heading().to_owned() />
                </p>
                <p class="champ">
                    <label for="i-color">"Couleur du bandeau (celle de votre site)"</label>
                    <input id="i-color" name=COLOR.name type="color" value=options.colour.unwrap_or(SITE_COLOUR).hex() />
                </p>
                <YesNo name=LIST.name legend="Montrer la liste ouverte sous la carte (sinon : un bouton « Voir la liste »)" yes=options.list />
                <YesNo name=SEARCH.name legend="Montrer la recherche par commune" yes=options.search />
                <fieldset class="oui-non">
                    <legend>"Les textes"</legend>
                    <input type="radio" id="i-language-facile" name=LANGUAGE.name value="facile" checked=options.level == LanguageLevel::Facile />
                    <label for="i-language-facile">"Faciles à lire, avec des explications"</label>
                    <input type="radio" id="i-language-courant" name=LANGUAGE.name value="courant" checked=options.level == LanguageLevel::Courant />
                    <label for="i-language-courant">"Courts, sans explications"</label>
                </fieldset>
            </fieldset>
            <details class="avance">
                <summary>"Réglages avancés : hauteur, centre de la carte"</summary>
                <p class="champ">
                    <label for="i-height">"Hauteur du cadre, en pixels (600 si vide)"</label>
                    <input id="i-height" name=HEIGHT.name type="number" min="200" max="3000" step="10" value=height />
                </p>
                <YesNo name=AUTO_HEIGHT.name legend="Ajuster la hauteur au contenu (avec notre petit script)" yes=auto_height />
                <p class="champ">
                    <label for="i-center">"Centre de la carte : latitude,longitude (vide : le territoire choisi)"</label>
                    <input id="i-center" name=CENTER.name type="text" inputmode="decimal" placeholder="44.0176,1.3550" value=centre />
                </p>
                <p class="champ">
                    <label for="i-zoom">"Zoom : 7 pour tout le département, 13 pour une ville"</label>
                    <input id="i-zoom" name=ZOOM.name type="number" min="7" max="18" value=zoom />
                </p>
            </details>
            <p class="boutons">
                <button type="submit">"Voir l'aperçu et le code"</button>
            </p>
            <AutoSubmit />
        </form>
        <Suspense fallback=|| view! { <p>"Préparation du code…"</p> }>
            {move || {
                let request = request.clone();
                Suspend::new(async move {
                    let origin = origin.await.unwrap_or_default();
                    view! { <Snippet request origin /> }
                })
            }}
        </Suspense>
    }
}

/// The zone, EPCI and commune choices.
#[component]
fn TerritoryFields(index: TerritoryIndex, area: AreaFilter) -> impl IntoView {
    let zone = area.zones.first().map(ToString::to_string);
    let epci = area.epcis.first().map(ToString::to_string);
    let commune = area.communes.first().map(ToString::to_string);
    let epcis = index
        .epcis
        .iter()
        .map(|e| (e.siren.to_string(), e.nom.clone()))
        .collect();
    let communes = index
        .communes
        .iter()
        .map(|c| (c.insee.to_string(), c.nom.clone()))
        .collect();
    view! {
        <Choice id="i-zone" name=ZONE.name label="Zone du département" all="Tout le département" options=options_of(&Zone::ALL) chosen=zone />
        <Choice id="i-epci" name=EPCI.name label="Communauté de communes (facultatif)" all="Toutes" options=epcis chosen=epci />
        <Choice id="i-commune" name=COMMUNE.name label="Commune (facultatif)" all="Toutes" options=communes chosen=commune />
    }
}

/// Two radio buttons, "oui" and "non".
#[component]
fn YesNo(name: &'static str, legend: &'static str, yes: bool) -> impl IntoView {
    let (id_yes, id_no) = (format!("i-{name}-oui"), format!("i-{name}-non"));
    view! {
        <fieldset class="oui-non">
            <legend>{legend}</legend>
            <input type="radio" id=id_yes.clone() name=name value="oui" checked=yes />
            <label for=id_yes>"Oui"</label>
            <input type="radio" id=id_no.clone() name=name value="non" checked=!yes />
            <label for=id_no>"Non"</label>
        </fieldset>
    }
}

/// The preview, the code and the plain link, or what is wrong in the choices.
#[component]
fn Snippet(request: Result<Request, FilterError>, origin: String) -> impl IntoView {
    let request = match request {
        Ok(request) => request,
        Err(e) => {
            return view! {
                <p class="alerte" role="alert">
                    "Un choix ne convient pas : " {e.to_string()} ". Corrigez-le pour voir le code."
                </p>
            }
            .into_any();
        }
    };
    let embed = &request.embed;
    let heading = embed.options.heading();
    let code = iframe_code(
        &origin,
        &embed.query(),
        heading,
        None,
        request.height,
        request.auto_height,
    );
    let link = format!("{origin}{}", MapPage::site().url(&embed.site_query()));
    let preview = embed_url("", &embed.query());
    let title = frame_title(heading);
    view! {
        <section class="resultat-integration" aria-labelledby="titre-apercu">
            <h2 id="titre-apercu">"Aperçu"</h2>
            <iframe class="apercu" src=preview title=title height=request.height.to_string() allow="geolocation"></iframe>
            <h2 id="titre-code">"Le code à copier dans votre site"</h2>
            <p class="aide" id="aide-code">
                "Collez ce code dans votre page, en mode « HTML » ou « code ». "
                "Sans le script, la carte garde la hauteur choisie."
            </p>
            <textarea id="code-integration" readonly rows="5" aria-labelledby="titre-code" aria-describedby="aide-code" prop:value=code.clone()>{text_left_raw_by_leptos(code.clone())}</textarea>
            <p class="avec-js"><CopyButton text=code.clone() label="Copier le code" done=" Code copié." /></p>
            <h2 id="titre-lien">"Ou un simple lien vers la même carte"</h2>
            <p class="aide" id="aide-lien">"Pour un courriel, une lettre d'information, ou un site qui n'accepte pas ce code."</p>
            <p><input id="lien-integration" type="text" readonly value=link.clone() prop:value=link.clone() aria-labelledby="titre-lien" aria-describedby="aide-lien" /></p>
            <p class="avec-js"><CopyButton text=link label="Copier le lien" done=" Lien copié." /></p>
        </section>
    }
    .into_any()
}
