//! "Where are you?": the map page's search by commune, address or position.

mod addresses;
mod position;
mod suggestions;

use leptos::prelude::*;

use crate::catalogue::Search;
use crate::components::map_page::use_map_page;
use crate::components::need_filters::NeedsPanel;
use crate::model::Communes;
use crate::model::map_query::MapQuery;
use crate::model::query::{RADIUS, WHERE};
use addresses::{AddressHit, look_up_addresses};
use position::{locate_me, round5};
use suggestions::{Choice, Suggestions};

/// Where the resident asked to look.
// Read in the browser only.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
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
    /// The text of the current search.
    typed: String,
    radius_km: u32,
    /// Where the search field gets its communes (under the territory's version).
    communes_url: String,
    /// What the page shows besides where to look (what is needed, for whom…): kept.
    keep: MapQuery,
    /// The needs to offer inside the form ("Préciser"), on the site's map page.
    #[prop(default = None)]
    needs: Option<Search>,
) -> impl IntoView {
    let page = use_map_page();
    // The needs panel's fields are the form's own; only the layers stay hidden.
    let hidden_state = match &needs {
        Some(_) => keep.only_where().pairs(),
        None => keep.pairs(),
    };
    let (action, hidden) = (page.results_action(), page.hidden_fields(hidden_state));
    view! {
        <form class="filtres recherche" role="search" method="get" action=action>
            {hidden}
            <SearchField typed communes_url />
            <div class="champ">
                <label for="rayon">"Jusqu'à"</label>
                <select id="rayon" name=RADIUS.name>
                    {RADII_KM
                        .into_iter()
                        .map(|r| view! { <option value=r.to_string() selected=r == radius_km>{format!("{r} km")}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">"Chercher"</button>
            <NearMe />
            {needs.map(|search| view! { <NeedsPanel search /> })}
        </form>
    }
}

/// The field and its suggestions. Choosing a commune, or sending the form, searches around
/// the commune; choosing an address, around its point. The communes are fetched when the
/// field is first used, not written in every page (issue 14); until they arrive, or
/// without them, the server reads what was typed.
#[island]
fn SearchField(
    typed: String,
    /// Where the communes come from: [`crate::model::TerritoryFile::Communes`].
    communes_url: String,
) -> impl IntoView {
    // Written in the page too: without JavaScript, the field keeps what was searched.
    let written = typed.clone();
    let communes = RwSignal::new(Communes::default());
    let asked = StoredValue::new(false);
    let communes_url = StoredValue::new(communes_url);
    let load_communes = move || {
        if !asked.get_value() {
            asked.set_value(true);
            fetch_communes(communes_url.get_value(), communes);
        }
    };
    let text = RwSignal::new(typed);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let input = NodeRef::<leptos::html::Input>::new();
    let addresses = RwSignal::new(Vec::<AddressHit>::new());
    let suggestions = Memo::new(move |_| {
        let communes = communes.with(|c| {
            c.search(&text.get())
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

    let choose = move |choice: Choice| {
        open.set(false);
        active.set(None);
        let form = input.get_untracked().and_then(|i| i.form());
        match choice {
            Choice::Commune(commune) => {
                text.set(commune.nom.clone());
                go(form, Where::Typed(commune.nom));
            }
            Choice::Adresse(a) => {
                text.set(a.label.clone());
                go(
                    form,
                    Where::Point {
                        lat: round5(a.lat),
                        lon: round5(a.lon),
                        label: Some(a.label),
                    },
                );
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
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
    };
    // The form is sent by its button or Enter: the commune the server would read too (its
    // name, as written); several, or none, are the server's to say (it offers the choice);
    // an address suggested is taken as chosen.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::JsCast;
        let Some(form) = input.get().and_then(|i| i.form()) else {
            return;
        };
        let on_submit = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |ev: web_sys::Event| {
                ev.prevent_default();
                open.set(false);
                let typed = text.get_untracked();
                let commune = communes.with_untracked(|c| match c.resolve(&typed) {
                    crate::model::Resolved::One(c) => Some(c.nom.clone()),
                    _ => None,
                });
                let address = suggestions.with_untracked(|s| match s.first() {
                    Some(Choice::Adresse(a)) => Some(a.clone()),
                    _ => None,
                });
                // Until the communes have arrived, a text is the server's to read: an
                // address suggested meanwhile is not taken for a commune it may name.
                let communes_known = communes.with_untracked(|c| !c.is_empty());
                match (commune, address) {
                    (None, Some(a)) if communes_known => choose(Choice::Adresse(a)),
                    (commune, _) => {
                        let name = commune.unwrap_or(typed);
                        text.set(name.clone());
                        go(
                            input.get_untracked().and_then(|i| i.form()),
                            Where::Typed(name),
                        );
                    }
                }
            },
        );
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        // The form lives as long as the page.
        on_submit.forget();
    });
    let active_id = move || {
        active
            .get()
            .filter(|_| open.get())
            .map(|i| format!("suggestion-{i}"))
    };

    view! {
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
                value=written
                prop:value=move || text.get()
                on:focus=move |_| load_communes()
                on:input=move |ev| {
                    load_communes();
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
                <Suggestions suggestions open active choose=Callback::new(choose) />
            </div>
            <p id="aide-recherche" class="aide">
                "Par exemple : Montauban, Caussade ou 82300. Des propositions s'affichent : choisissez avec les flèches et Entrée."
            </p>
        </div>
    }
}

/// "Près de moi": the browser's position, asked only when the button is pressed.
#[island]
fn NearMe() -> impl IntoView {
    let message = RwSignal::new(None::<&'static str>);
    let button = NodeRef::<leptos::html::Button>::new();
    let near_me = move |_| {
        message.set(Some("Recherche de votre position…"));
        locate_me(
            move |lat, lon| {
                message.set(None);
                go(
                    button.get_untracked().and_then(|b| b.form()),
                    Where::Point {
                        lat: round5(lat),
                        lon: round5(lon),
                        label: None,
                    },
                );
            },
            move || {
                message.set(Some(
                    "Nous n'avons pas pu connaître votre position. Tapez le nom de votre commune ou son code postal.",
                ));
                if let Some(input) = document().get_element_by_id("ou") {
                    let _ =
                        wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(input).focus();
                }
            },
        );
    };
    view! {
        <button type="button" class="avec-js" node_ref=button on:click=near_me>
            "Près de moi"
        </button>
        <p class="message-position" role="status">{move || message.get()}</p>
    }
}

#[cfg(feature = "hydrate")]
fn fetch_communes(url: String, into: RwSignal<Communes>) {
    leptos::task::spawn_local(async move {
        let answer = crate::fetch::text(&url).await.ok();
        match answer.and_then(|text| serde_json::from_str::<Communes>(&text).ok()) {
            Some(communes) => into.set(communes),
            None => leptos::logging::error!("communes : {url} ne répond pas"),
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn fetch_communes(_: String, _: RwSignal<Communes>) {}

/// Opens the form's answer for `place`: the form's fields, where to look replaced, empty
/// fields left out (an empty date means none).
#[cfg(feature = "hydrate")]
fn go(form: Option<web_sys::HtmlFormElement>, place: Where) {
    let Some(form) = form else { return };
    let mut pairs: Vec<(String, String)> = web_sys::FormData::new_with_form(&form)
        .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data))
        .map(|params| String::from(params.to_string()))
        .ok()
        .and_then(|encoded| serde_urlencoded::from_str(&encoded).ok())
        .unwrap_or_default();
    use crate::model::query::{ADDRESS, NEAR};
    let replaced = [WHERE.name, NEAR.name, ADDRESS.name];
    pairs.retain(|(k, v)| !v.is_empty() && !replaced.contains(&k.as_str()));
    match place {
        Where::Typed(text) if !text.trim().is_empty() => {
            pairs.insert(0, (WHERE.name.to_owned(), text));
        }
        Where::Typed(_) => {}
        Where::Point { lat, lon, label } => {
            pairs.insert(0, (NEAR.name.to_owned(), format!("{lat},{lon}")));
            if let Some(label) = label {
                pairs.push((ADDRESS.name.to_owned(), label));
            }
        }
    }
    let action = form.action();
    let (path, fragment) = action.split_once('#').unwrap_or((&action, ""));
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    let _ = window()
        .location()
        .assign(&format!("{path}?{query}{fragment}"));
}

#[cfg(not(feature = "hydrate"))]
fn go(_: Option<web_sys::HtmlFormElement>, _: Where) {}
