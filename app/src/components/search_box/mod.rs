//! "Where are you?": the map page's search by commune, address or position.

mod addresses;
mod position;
mod suggestions;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::catalogue::Search;
use crate::components::map_page::use_map_page;
use crate::components::need_filters::NeedsPanel;
use crate::model::map_query::MapQuery;
use crate::model::query::{RADIUS, WHERE};
use crate::model::{Near, Resolved, TerritoryIndex};
use addresses::{AddressHit, look_up_addresses};
use position::{locate_me, round5};
use suggestions::{Choice, Suggestions};

/// Where the resident asked to look.
enum Where {
    Typed(String),
    /// A point (an address chosen, or the resident's position), with the address's words.
    Point {
        lat: f64,
        lon: f64,
        label: Option<String>,
    },
}

/// Radii a resident can choose, in km.
pub const RADII_KM: [u32; 5] = [5, 10, 20, 30, 50];

/// "Where are you?": a commune name or postal code, with suggestions from our own list of
/// communes (no other server is asked), a distance, and "near me". A plain GET form without
/// JavaScript; with it, suggestions follow the ARIA combobox pattern (arrows, Enter, Escape).
#[component]
pub fn SearchBox(
    index: TerritoryIndex,
    /// The text of the current search.
    typed: String,
    radius_km: u32,
    /// What the page shows besides where to look (what is needed, for whom…): kept.
    keep: MapQuery,
    /// The needs to offer inside the form ("Préciser"), on the site's map page.
    #[prop(default = None)]
    needs: Option<Search>,
) -> impl IntoView {
    let index = StoredValue::new(index);
    let text = RwSignal::new(typed);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let radius = RwSignal::new(radius_km);
    let message = RwSignal::new(None::<&'static str>);
    let input = NodeRef::<leptos::html::Input>::new();
    let addresses = RwSignal::new(Vec::<AddressHit>::new());
    let suggestions = Memo::new(move |_| {
        let communes = index.with_value(|i| {
            i.search(&text.get())
                .into_iter()
                .cloned()
                .map(Choice::Commune)
                .collect::<Vec<_>>()
        });
        communes
            .into_iter()
            .chain(addresses.get().into_iter().map(Choice::Adresse))
            .collect::<Vec<Choice>>()
    });

    let navigate = use_navigate();
    let page = use_map_page();
    // The needs panel's fields are the form's own; only the layers stay hidden.
    let hidden_state = match &needs {
        Some(_) => keep.only_where().pairs(),
        None => keep.pairs(),
    };
    let (action, hidden) = (page.results_action(), page.hidden_fields(hidden_state));
    let keep = StoredValue::new(keep);
    let submit_page = page.clone();
    let go = move |place: Where| {
        let mut next = keep.get_value();
        let km = f64::from(radius.get_untracked());
        match place {
            Where::Typed(text) => {
                next.search.typed = Some(text);
                next.search.radius_km = Some(km);
            }
            Where::Point { lat, lon, label } => {
                next.search.places.area.near = Some(Near {
                    lat,
                    lon,
                    radius_km: km,
                });
                next.address = label;
            }
        }
        navigate(&page.results_url(&next.to_query()), Default::default());
    };
    let choose = {
        let go = go.clone();
        move |choice: Choice| {
            open.set(false);
            active.set(None);
            match choice {
                Choice::Commune(commune) => {
                    text.set(commune.nom.clone());
                    go(Where::Typed(commune.nom));
                }
                Choice::Adresse(a) => {
                    text.set(a.label.clone());
                    go(Where::Point {
                        lat: round5(a.lat),
                        lon: round5(a.lon),
                        label: Some(a.label),
                    });
                }
            }
        }
    };
    let on_keydown = {
        let choose = choose.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let n = suggestions.with(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" if n > 0 => {
                    ev.prevent_default();
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
                }
                "ArrowUp" if n > 0 => {
                    ev.prevent_default();
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
                }
                "Enter" => {
                    if let Some(c) = active
                        .get_untracked()
                        .filter(|_| open.get_untracked())
                        .and_then(|i| suggestions.with_untracked(|s| s.get(i).cloned()))
                    {
                        ev.prevent_default();
                        choose(c);
                    }
                }
                "Escape" => {
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            }
        }
    };
    let on_submit = {
        let choose_on_submit = choose.clone();
        let navigate = use_navigate();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            open.set(false);
            // The commune the server would read too; several, or none, are the server's to
            // say (it offers the choice); an address suggested is taken as chosen.
            let typed = text.get_untracked();
            let commune = index.with_value(|i| match i.resolve(&typed) {
                Resolved::One(c) => Some(c.nom.clone()),
                _ => None,
            });
            let address = suggestions.with_untracked(|s| match s.first() {
                Some(Choice::Adresse(a)) => Some(a.clone()),
                _ => None,
            });
            match (commune, address) {
                (None, Some(a)) => choose_on_submit(Choice::Adresse(a)),
                (commune, _) => {
                    let name = commune.unwrap_or(typed);
                    text.set(name.clone());
                    let query = submitted_query(&ev, &name);
                    navigate(&submit_page.results_url(&query), Default::default());
                }
            }
        }
    };
    let near_me = {
        let go = go.clone();
        move |_| {
            message.set(Some("Recherche de votre position…"));
            locate_me(
                {
                    let go = go.clone();
                    move |lat, lon| {
                        message.set(None);
                        go(Where::Point {
                            lat: round5(lat),
                            lon: round5(lon),
                            label: None,
                        });
                    }
                },
                move || {
                    message.set(Some(
                        "Nous n'avons pas pu connaître votre position. Tapez le nom de votre commune ou son code postal.",
                    ));
                    if let Some(input) = input.get_untracked() {
                        let _ = input.focus();
                    }
                },
            );
        }
    };
    let on_radius = move |ev: leptos::ev::Event| {
        if let Ok(r) = event_target_value(&ev).parse() {
            radius.set(r);
        }
    };
    let active_id = move || {
        active
            .get()
            .filter(|_| open.get())
            .map(|i| format!("suggestion-{i}"))
    };

    view! {
        <form class="filtres recherche" role="search" method="get" action=action on:submit=on_submit>
            {hidden}
            <div class="champ champ-recherche">
                <label for="ou">"Votre commune ou votre code postal"</label>
                // The suggestions open right under the field, never over it.
                <div class="saisie">
                <input
                    id="ou"
                    name=WHERE.name
                    type="text"
                    node_ref=input
                    autocomplete="off"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls="suggestions"
                    aria-describedby="aide-recherche"
                    aria-expanded=move || if open.get() && !suggestions.with(Vec::is_empty) { "true" } else { "false" }
                    aria-activedescendant=active_id
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        text.set(typed.clone());
                        open.set(true);
                        active.set(None);
                        look_up_addresses(typed, text, addresses);
                    }
                    on:keydown=on_keydown
                    // Closed a moment later: on a phone the list is in the page's flow, and
                    // closing it at once would move the button from under the finger
                    // that is tapping it.
                    on:blur=move |_| {
                        set_timeout(move || open.set(false), std::time::Duration::from_millis(250))
                    }
                />
                    <Suggestions suggestions open active choose=Callback::new(choose.clone()) />
                </div>
                <p id="aide-recherche" class="aide">
                    "Par exemple : Montauban, Caussade ou 82300. Des propositions s'affichent : choisissez avec les flèches et Entrée."
                </p>
            </div>
            <div class="champ">
                <label for="rayon">"Jusqu'à"</label>
                <select id="rayon" name=RADIUS.name on:change=on_radius>
                    {RADII_KM
                        .into_iter()
                        .map(|r| view! { <option value=r.to_string() selected=r == radius_km>{format!("{r} km")}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">"Chercher"</button>
            <button type="button" class="avec-js" on:click=near_me>
                "Près de moi"
            </button>
            <p class="message-position" role="status">{move || message.get()}</p>
            {needs.map(|search| view! { <NeedsPanel search /> })}
        </form>
    }
}

/// The fields of the submitted form as a query, `where` set to `place`, empty fields left
/// out (an empty date means none).
fn submitted_query(ev: &leptos::ev::SubmitEvent, place: &str) -> String {
    let mut pairs: Vec<(String, String)> = form_pairs(ev)
        .into_iter()
        .filter(|(k, v)| !v.is_empty() && k != WHERE.name)
        .collect();
    if !place.trim().is_empty() {
        pairs.insert(0, (WHERE.name.to_owned(), place.to_owned()));
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

#[cfg(feature = "hydrate")]
fn form_pairs(ev: &leptos::ev::SubmitEvent) -> Vec<(String, String)> {
    use wasm_bindgen::JsCast;
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return Vec::new();
    };
    web_sys::FormData::new_with_form(&form)
        .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data))
        .map(|params| String::from(params.to_string()))
        .ok()
        .and_then(|encoded| serde_urlencoded::from_str(&encoded).ok())
        .unwrap_or_default()
}

#[cfg(not(feature = "hydrate"))]
fn form_pairs(_: &leptos::ev::SubmitEvent) -> Vec<(String, String)> {
    Vec::new()
}
