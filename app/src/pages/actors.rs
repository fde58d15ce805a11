//! `/acteurs`: the directory of the territory's digital actors, and `/acteurs/{id}`, one
//! actor's sheet (issue 15). A GET form: it works without JavaScript and every choice lands
//! in the URL. A mediator's question — who, near Lauzerte, can train volunteers? — is a
//! competence, a commune and a radius: the actors come nearest first.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::components::event_list::EventsOf;
use crate::components::example_badge::{ExampleBadge, INVENTED_ACTOR};
use crate::components::json_ld::JsonLd;
use crate::components::link_problem::LinkProblem;
use crate::components::page_title::PageTitle;
use crate::components::place_list::PlaceList;
use crate::components::record_list::RecordList;
use crate::components::report::{ReportError, UpdateIt};
use crate::format::{agree, date_fr, int_fr, phone_fr};
use crate::model::query::{
    ACTOR, ACTOR_TYPE, AUDIENCE, COMPETENCE, Documented, NETWORK, Q, RADIUS, WHERE, ZONE,
};
use crate::model::standard::Public;
use crate::model::{
    Actor, ActorFilter, ActorType, CommuneSummary, Competence, Event, FilterError, FromQuery,
    Network, Place, PlaceFilter, Query, QueryWriter, Record, Zone, page_path,
};
use crate::pages::record::RecordPage;

/// Around a commune, when no radius is chosen: actors come from further than help points.
pub const DEFAULT_ACTOR_RADIUS_KM: f64 = 20.0;
const RADII: [u32; 5] = [5, 10, 20, 30, 50];

/// What the directory is asked: the filter, and a commune typed to search around.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorSearch {
    pub filter: ActorFilter,
    /// A commune's name or postal code, as typed.
    pub commune: Option<String>,
    pub radius_km: Option<f64>,
}

impl ActorSearch {
    /// `radius` goes with `where` here, with `near` in the filter.
    pub fn read(query: &Query) -> Result<ActorSearch, FilterError> {
        let commune = query.one(&WHERE)?.filter(|c| !c.trim().is_empty());
        if commune.is_none() {
            return Ok(ActorSearch {
                filter: ActorFilter::read(query)?,
                ..ActorSearch::default()
            });
        }
        let radius: &dyn Documented = &RADIUS;
        Ok(ActorSearch {
            filter: ActorFilter::read(&query.without(&[radius]))?,
            commune,
            radius_km: query.one(&RADIUS)?,
        })
    }
}

/// The directory's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    /// Nearest first around a commune, else by name.
    pub actors: Vec<Actor>,
    /// The commune searched around.
    pub centre: Option<CommuneSummary>,
    /// Communes the text fits equally (a shared postal code).
    pub choices: Vec<CommuneSummary>,
    pub unknown_commune: bool,
    pub radius_km: f64,
}

#[server(prefix = "/_fn", endpoint = "actors", input = leptos::server_fn::codec::Json)]
pub async fn load_actors(search: ActorSearch) -> Result<Directory, ServerFnError> {
    use crate::catalogue::SharedCatalogue;
    use crate::model::{Near, Resolved};
    let catalogue = use_context::<SharedCatalogue>()
        .ok_or_else(|| ServerFnError::new("catalogue indisponible"))?;
    let mut filter = search.filter;
    let radius_km = search.radius_km.unwrap_or(DEFAULT_ACTOR_RADIUS_KM);
    let (mut centre, mut choices, mut unknown_commune) = (None, Vec::new(), false);
    if let Some(text) = &search.commune {
        match catalogue.territory_index().communes.resolve(text) {
            Resolved::One(c) => {
                filter.area.near = Some(Near {
                    lat: c.lat,
                    lon: c.lon,
                    radius_km,
                });
                centre = Some(c.clone());
            }
            Resolved::Several(list) => choices = list.into_iter().cloned().collect(),
            Resolved::Unknown => unknown_commune = true,
        }
    }
    Ok(Directory {
        actors: catalogue.records().select::<Actor>(&filter),
        centre,
        choices,
        unknown_commune,
        radius_km,
    })
}

/// "Aucun acteur", "1 acteur", "12 acteurs".
fn count_actors(n: usize) -> String {
    match n {
        0 => "Aucun acteur".to_owned(),
        n => format!("{} {}", int_fr(n as u64), agree(n, "acteur", "acteurs")),
    }
}

#[component]
pub fn ActorsPage() -> impl IntoView {
    let query = use_query_map();
    let parsed: Memo<Result<ActorSearch, FilterError>> =
        Memo::new(move |_| query.with(|q| ActorSearch::read(&Query::from_pairs(q))));
    let search = Memo::new(move |_| parsed.get().unwrap_or_default());
    let directory = Resource::new(move || search.get(), load_actors);
    view! {
        <PageTitle text="Les acteurs du numérique – Carto82".to_owned() />
        <h1>"Les acteurs du numérique"</h1>
        <p class="intro">
            "Les structures qui aident au numérique dans le Tarn-et-Garonne : associations, communes, "
            "communautés de communes, services publics. Cherchez qui sait faire quoi, près d'une commune."
        </p>
        {move || {
            parsed
                .get()
                .err()
                .map(|e| view! { <LinkProblem error=e instead="Tous les acteurs sont affichés." /> })
        }}
        <ActorFilters search=search.get_untracked() />
        <Suspense fallback=|| view! { <p>"Chargement des acteurs…"</p> }>
            {move || Suspend::new(async move {
                directory
                    .await
                    .map(|directory| view! { <ActorResults directory search=search.get_untracked() /> })
                    .map_err(|e| e.to_string())
            })}
        </Suspense>
    }
}

/// One select of a vocabulary, "all" first.
fn vocabulary_select<T: Copy + PartialEq + 'static>(
    id: &'static str,
    label: &'static str,
    name: &'static str,
    all_label: &'static str,
    values: &'static [T],
    text: fn(T) -> &'static str,
    chosen: Option<T>,
) -> impl IntoView {
    view! {
        <p class="champ">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="" selected=chosen.is_none()>{all_label}</option>
                {values
                    .iter()
                    .map(|v| view! { <option value=text(*v) selected=chosen == Some(*v)>{text(*v)}</option> })
                    .collect_view()}
            </select>
        </p>
    }
}

#[component]
fn ActorFilters(search: ActorSearch) -> impl IntoView {
    let f = &search.filter;
    let radius = search.radius_km.unwrap_or(DEFAULT_ACTOR_RADIUS_KM) as u32;
    view! {
        <form class="filtres filtres-acteurs" method="get" action="/acteurs" role="search" aria-label="Chercher un acteur">
            {vocabulary_select("ac-competence", "Ce qu'il sait faire", COMPETENCE.name, "Toutes les compétences", Competence::ALL, Competence::label, f.competences.first().copied())}
            <p class="champ">
                <label for="ac-ou">"Près de la commune"</label>
                <input id="ac-ou" name=WHERE.name type="text" autocomplete="address-level2" value=search.commune.clone().unwrap_or_default() />
            </p>
            <p class="champ">
                <label for="ac-rayon">"Jusqu'à"</label>
                <select id="ac-rayon" name=RADIUS.name>
                    {RADII
                        .iter()
                        .map(|r| view! { <option value=r.to_string() selected=*r == radius>{format!("{r} km")}</option> })
                        .collect_view()}
                </select>
            </p>
            <details class="besoins" open=!(f.types.is_empty() && f.networks.is_empty() && f.publics.is_empty() && f.q.is_none() && f.area.zones.is_empty())>
                <summary>"Plus de choix : zone, type, réseau, public, nom"</summary>
                {vocabulary_select("ac-zone", "Zone desservie", ZONE.name, "Tout le département", &Zone::ALL, Zone::as_str, f.area.zones.first().copied())}
                {vocabulary_select("ac-type", "Type de structure", ACTOR_TYPE.name, "Tous les types", ActorType::ALL, ActorType::label, f.types.first().copied())}
                {vocabulary_select("ac-reseau", "Réseau ou label", NETWORK.name, "Tous les réseaux", Network::ALL, Network::label, f.networks.first().copied())}
                {vocabulary_select("ac-public", "Pour un public", AUDIENCE.name, "Tous les publics", Public::ALL, Public::label, f.publics.first().copied())}
                <p class="champ">
                    <label for="ac-mots">"Nom ou mot"</label>
                    <input id="ac-mots" name=Q.name type="text" value=f.q.clone().unwrap_or_default() />
                </p>
            </details>
            <p class="boutons">
                <button type="submit">"Chercher"</button>
                <a href="/acteurs">"Tout effacer"</a>
            </p>
        </form>
    }
}

#[component]
fn ActorResults(directory: Directory, search: ActorSearch) -> impl IntoView {
    let count = count_actors(directory.actors.len());
    let around = directory.centre.as_ref().map(|c| {
        format!(
            "{count} à moins de {} km de {}, du plus proche au plus loin.",
            directory.radius_km, c.nom
        )
    });
    let said = around.unwrap_or_else(|| format!("{count}, par ordre alphabétique."));
    view! {
        {directory
            .unknown_commune
            .then(|| {
                view! {
                    <p class="alerte" role="alert">
                        "Cette commune n'est pas dans le Tarn-et-Garonne, ou son nom est mal écrit. Tous les acteurs sont affichés."
                    </p>
                }
            })}
        {(!directory.choices.is_empty())
            .then(|| {
                view! {
                    <p class="alerte" role="alert">"Plusieurs communes ont ce code postal : choisissez-en une."</p>
                    <ul>
                        {directory
                            .choices
                            .iter()
                            .map(|c| {
                                // The same search, around this commune.
                                let mut w = QueryWriter::default();
                                search.filter.write(&mut w);
                                w.one(&WHERE, Some(&c.nom)).one(&RADIUS, search.radius_km.as_ref());
                                let href = format!("/acteurs?{}", w.finish());
                                view! { <li><a href=href>{c.label()}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <section aria-labelledby="titre-acteurs">
            <h2 id="titre-acteurs">"Résultats"</h2>
            <p class="compte" role="status">{said}</p>
            <RecordList records=directory.actors />
        </section>
    }
}

/// What an actor's sheet shows beyond the actor: its places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorInfo {
    pub actor: Actor,
    pub places: Vec<Place>,
    /// What it serves and its places, drawn (SVG, from our own outlines).
    pub map: String,
    /// The events of the programme it organises, in date order.
    pub events: Vec<Event>,
    /// The day at the server (Paris): a mobile service's next stop is counted from it.
    pub today: chrono::NaiveDate,
}

#[server(prefix = "/_fn", endpoint = "actor")]
pub async fn actor_details(id: String) -> Result<Option<ActorInfo>, ServerFnError> {
    use crate::catalogue::SharedCatalogue;
    let catalogue = use_context::<SharedCatalogue>()
        .ok_or_else(|| ServerFnError::new("catalogue indisponible"))?;
    let records = catalogue.records();
    Ok(records.by_text::<Actor>(&id).cloned().map(|actor| {
        let places: Vec<Place> = actor
            .properties
            .lieux
            .iter()
            .filter_map(|id| records.get::<Place>(id).cloned())
            .collect();
        let map = catalogue.actor_map(&actor, &places);
        let events = records
            .all::<Event>()
            .iter()
            .filter(|e| e.properties.organisateur_id.as_ref() == Some(actor.id()))
            .cloned()
            .collect();
        ActorInfo {
            actor,
            places,
            map,
            events,
            today: crate::model::hours::paris_now().date(),
        }
    }))
}

/// `/acteurs/{id}`: who they are, what they can do, where, how to reach them, and where
/// the information comes from.
#[component]
pub fn ActorPage() -> impl IntoView {
    view! {
        <RecordPage
            load=actor_details
            what="Cet acteur"
            loading="Chargement de l'acteur…"
            view=|info| view! { <ActorView info /> }
        />
    }
}

#[component]
fn ActorView(info: ActorInfo) -> impl IntoView {
    let ActorInfo {
        actor,
        places,
        map,
        events,
        today,
    } = info;
    let page = page_path(&actor);
    let f = actor.properties.clone();
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": f.nom,
        "legalName": f.nom_officiel,
        "identifier": f.siret.as_ref().map(|s| s.to_string()).or(f.siren.as_ref().map(|s| s.to_string())),
        "url": f.site_web.as_ref().map(|u| u.to_string()),
        "email": f.courriel,
        "telephone": f.telephone,
        "areaServed": actor.served_name,
        "knowsAbout": actor.competences.iter().map(|c| c.label()).collect::<Vec<_>>(),
    });
    let publics = if f.publics.is_empty() {
        "Tout le monde.".to_owned()
    } else {
        format!(
            "{}.",
            f.publics
                .iter()
                .map(|p| p.label())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let kind = crate::format::capitalised(f.type_acteur.label());
    let identity = match (&f.nom_officiel, &f.siret, &f.siren) {
        (name, Some(siret), _) => Some(format!(
            "{}SIRET {siret}.",
            name.as_ref()
                .map(|n| format!("Nom déclaré : {n}. "))
                .unwrap_or_default()
        )),
        (name, None, Some(siren)) => Some(format!(
            "{}SIREN {siren}.",
            name.as_ref()
                .map(|n| format!("Nom déclaré : {n}. "))
                .unwrap_or_default()
        )),
        (Some(name), None, None) => Some(format!("Nom déclaré : {name}.")),
        (None, None, None) => None,
    };
    let networks = f
        .reseaux
        .iter()
        .map(|n| n.label())
        .collect::<Vec<_>>()
        .join(", ");
    let has_contact = f.site_web.is_some() || f.courriel.is_some() || f.telephone.is_some();
    let on_the_map = {
        let mut query = QueryWriter::default();
        query.all(&ACTOR, std::slice::from_ref(&f.id));
        format!("/?{}", query.finish())
    };
    view! {
        <PageTitle text=format!("{} – Carto82", f.nom) />
        <JsonLd data=ld />
        <article class="page-fiche">
            <p class="fil">
                <a href="/acteurs">"← Tous les acteurs"</a>
            </p>
            <h1>
                {f.nom.clone()}
                {f.exemple.then(|| view! { <ExampleBadge what=INVENTED_ACTOR /> })}
            </h1>
            <p class="genre">{format!("{kind} · {}", actor.served_name)}</p>
            {f.description.clone().map(|d| view! { <p>{d}</p> })}
            <section aria-labelledby="titre-competences">
                <h2 id="titre-competences">"Ce que cette structure sait faire"</h2>
                {if actor.competences.is_empty() {
                    view! { <p>"Les sources ne le disent pas encore."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {actor.competences.iter().map(|c| view! { <li>{c.label()}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
                <p>"Pour qui : " {publics}</p>
                {(!networks.is_empty()).then(|| view! { <p>"Réseaux et labels : " {networks}</p> })}
            </section>
            <section aria-labelledby="titre-ou">
                <h2 id="titre-ou">"Où"</h2>
                <p>"Territoire desservi : " {actor.served_name.clone()} "."</p>
                // Drawn on the server from our outlines and the data: no script, no tile.
                <div class="carte-acteur" inner_html=map></div>
                {if places.is_empty() {
                    view! { <p>"Pas de lieu d'accueil connu."</p> }.into_any()
                } else {
                    view! {
                        <p>
                            {format!("Ses lieux d'aide ({}) : ", places.len())}
                            <a href=on_the_map>"les voir sur la carte"</a>
                        </p>
                        <PlaceList places filter=PlaceFilter::default() today />
                    }
                        .into_any()
                }}
            </section>
            <EventsOf
                events
                today
                id="titre-evenements-acteur"
                title="Ses événements du programme"
                none="Aucun événement prévu pour le moment."
            />
            <p class="vers-kit">
                <a href=format!("/kit/acteurs/{}", actor.id())>"Affiche et visuels"</a>
                " : les affiches de ses événements et les panneaux de ses lieux, à imprimer."
            </p>
            {has_contact
                .then(|| {
                    view! {
                        <section aria-labelledby="titre-contact">
                            <h2 id="titre-contact">"Contact"</h2>
                            <ul>
                                {f.site_web.clone().map(|u| view! { <li>"Site : " <a href=u.to_string() rel="noopener">{u.to_string()}</a></li> })}
                                {f.courriel.clone().map(|m| view! { <li>"Courriel : " <a href=format!("mailto:{m}")>{m.clone()}</a></li> })}
                                {f.telephone.clone().map(|t| view! { <li>"Téléphone : " <a href=format!("tel:{t}")>{phone_fr(&t)}</a></li> })}
                            </ul>
                        </section>
                    }
                })}
            <section aria-labelledby="titre-sources">
                <h2 id="titre-sources">"D'où viennent ces informations"</h2>
                {identity.map(|i| view! { <p>{i}</p> })}
                <p>{format!("Mise à jour : {}. Source : {}.", date_fr(f.date_maj), f.source)}</p>
                {f.incertain.clone().map(|why| view! { <p class="alerte">"À vérifier : " {why}</p> })}
                {(!f.provenance.is_empty())
                    .then(|| {
                        view! {
                            <details>
                                <summary>"Le détail, information par information"</summary>
                                <ul>
                                    {f.provenance.iter().map(|p| view! { <li><strong>{p.champ.clone()}</strong>" : "{p.detail.clone()}</li> }).collect_view()}
                                </ul>
                            </details>
                        }
                    })}
            </section>
            <ReportError page />
            <UpdateIt
                href=format!("/participer/structure?corriger={}", actor.id())
                who="C'est votre structure ?"
                link="Mettre à jour sa fiche"
            />
        </article>
    }
}

/// The actor who runs a place, as its sheet names it.
pub fn actor_link(actor: &Actor) -> impl IntoView + use<> {
    let (href, name) = (page_path(actor), actor.title().into_owned());
    view! { <p class="structure">"Structure : " <a href=href>{name}</a></p> }
}
