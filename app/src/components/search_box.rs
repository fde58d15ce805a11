use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::model::{CommuneSummary, TerritoryIndex};

/// Radii a resident can choose, in km.
pub const RADII_KM: [u32; 5] = [5, 10, 20, 30, 50];

/// "Where are you?": a commune name or postal code, with suggestions from our own list of
/// communes (no other server is asked), a distance, and "near me". A plain GET form without
/// JavaScript; with it, suggestions follow the ARIA combobox pattern (arrows, Enter, Escape).
#[component]
pub fn SearchBox(
    index: TerritoryIndex,
    /// The text of the current search.
    ou: String,
    radius_km: u32,
    /// Other parameters of the page to keep (what is needed, for whom…).
    keep: Vec<(String, String)>,
) -> impl IntoView {
    let index = StoredValue::new(index);
    let text = RwSignal::new(ou);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let radius = RwSignal::new(radius_km);
    let message = RwSignal::new(None::<&'static str>);
    let input = NodeRef::<leptos::html::Input>::new();
    let suggestions = Memo::new(move |_| {
        index.with_value(|i| {
            i.search(&text.get())
                .into_iter()
                .cloned()
                .collect::<Vec<CommuneSummary>>()
        })
    });

    let navigate = use_navigate();
    let keep = StoredValue::new(keep);
    let go = move |mut pairs: Vec<(String, String)>| {
        pairs.push(("radius".to_owned(), radius.get_untracked().to_string()));
        pairs.extend(keep.get_value());
        let query = serde_urlencoded::to_string(&pairs).expect("strings encode");
        navigate(&format!("/?{query}"), Default::default());
    };
    let choose = {
        let go = go.clone();
        move |commune: CommuneSummary| {
            text.set(commune.nom.clone());
            open.set(false);
            active.set(None);
            go(vec![("ou".to_owned(), commune.nom)]);
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
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            open.set(false);
            let typed = text.get_untracked();
            // The first suggestion is what the server would pick too.
            let chosen = suggestions
                .with_untracked(|s| s.first().map(|c| c.nom.clone()))
                .unwrap_or(typed);
            text.set(chosen.clone());
            go(vec![("ou".to_owned(), chosen)]);
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
                        go(vec![("near".to_owned(), format!("{lat:.5},{lon:.5}"))]);
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
        <form class="filtres recherche" role="search" method="get" action="/" on:submit=on_submit>
            <div class="champ champ-recherche">
                <label for="ou">"Votre commune ou votre code postal"</label>
                <input
                    id="ou"
                    name="ou"
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
                        text.set(event_target_value(&ev));
                        open.set(true);
                        active.set(None);
                    }
                    on:keydown=on_keydown
                    on:blur=move |_| open.set(false)
                />
                <p id="aide-recherche" class="aide">
                    "Par exemple : Montauban, Caussade ou 82300. Des propositions s'affichent : choisissez avec les flèches et Entrée."
                </p>
                <ul
                    id="suggestions"
                    role="listbox"
                    aria-label="Communes proposées"
                    class="suggestions"
                    hidden=move || !open.get() || suggestions.with(Vec::is_empty)
                >
                    {move || {
                        suggestions
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| {
                                let choose = choose.clone();
                                let label = c.label();
                                view! {
                                    <li
                                        id=format!("suggestion-{i}")
                                        role="option"
                                        aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                        class:actif=move || active.get() == Some(i)
                                        // mousedown, not click: the field must not lose focus first.
                                        on:mousedown=move |ev| {
                                            ev.prevent_default();
                                            choose(c.clone());
                                        }
                                    >
                                        {label}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <div class="champ">
                <label for="rayon">"Jusqu'à"</label>
                <select id="rayon" name="radius" on:change=on_radius>
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
        </form>
    }
}

/// Asks the browser for the position; `found` or `failed` is called once.
#[cfg(feature = "hydrate")]
fn locate_me(found: impl Fn(f64, f64) + 'static, failed: impl Fn() + Clone + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let Some(geolocation) = window().navigator().geolocation().ok() else {
        failed();
        return;
    };
    let on_found = Closure::once_into_js(move |position: web_sys::Position| {
        let c = position.coords();
        found(c.latitude(), c.longitude());
    });
    let on_failed = {
        let failed = failed.clone();
        Closure::once_into_js(move |_: JsValue| failed())
    };
    if geolocation
        .get_current_position_with_error_callback(
            on_found.unchecked_ref(),
            Some(on_failed.unchecked_ref()),
        )
        .is_err()
    {
        failed();
    }
}

#[cfg(not(feature = "hydrate"))]
fn locate_me(_found: impl Fn(f64, f64) + 'static, _failed: impl Fn() + Clone + 'static) {}
