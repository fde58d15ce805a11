use leptos::prelude::*;

use crate::model::FromQuery;
use leptos_router::hooks::use_navigate;

use crate::components::map_page::use_map_page;
use crate::model::query::{EPCI, ZONE};
use crate::model::{PlaceFilter, Siren, TerritoryIndex, Zone};

/// Zone and EPCI choices. A plain GET form, so it works without JavaScript; once hydrated,
/// each change navigates at once (the URL stays the single source of the filter).
#[component]
pub fn TerritoryFilters(index: TerritoryIndex, filter: Memo<PlaceFilter>) -> impl IntoView {
    let navigate = use_navigate();
    let page = use_map_page();
    let home = page.url("");
    let go = {
        let page = page.clone();
        move |f: PlaceFilter| navigate(&page.url(&f.to_query()), Default::default())
    };
    let index = StoredValue::new(index);

    let on_zone = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let mut next = filter.get_untracked();
            next.area.zones = event_target_value(&ev).parse().ok().into_iter().collect();
            next.area.epcis.clear();
            go(next)
        }
    };
    let on_epci = move |ev: leptos::ev::Event| {
        let mut next = filter.get_untracked();
        let epci: Option<Siren> = event_target_value(&ev).parse().ok();
        if let Some(zone) = epci
            .as_ref()
            .and_then(|s| index.with_value(|i| i.epci(s).map(|e| e.zone)))
        {
            next.area.zones = vec![zone];
        }
        next.area.epcis = epci.into_iter().collect();
        go(next)
    };

    let epci_options = move || {
        let current = filter.get();
        index.with_value(|i| {
            i.epcis
                .iter()
                .filter(|e| current.area.zones.is_empty() || current.area.zones.contains(&e.zone))
                .map(|e| {
                    let selected = current.epci() == Some(&e.siren);
                    view! {
                        <option value=e.siren.to_string() selected=selected>
                            {e.nom.clone()}
                            " ("
                            {e.zone.as_str()}
                            ")"
                        </option>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <form class="filtres" method="get" action=page.path() aria-label="Choisir un territoire">
            {page.hidden_fields(Vec::new())}
            <div class="champ">
                <label for="choix-zone">"Zone du département"</label>
                <select
                    id="choix-zone"
                    name=ZONE.name
                    aria-describedby="aide-zone"
                    on:change=on_zone
                >
                    <option value="" selected=move || filter.get().zone().is_none()>
                        "Tout le département"
                    </option>
                    {Zone::ALL
                        .into_iter()
                        .map(|z| {
                            view! {
                                <option value=z.as_str() selected=move || filter.get().zone() == Some(z)>
                                    {z.as_str()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p id="aide-zone" class="aide">
                    "Le Grand Montauban est compté dans la zone Centre (choix de Carto82)."
                </p>
            </div>
            <div class="champ">
                <label for="choix-epci">
                    "Communauté de communes "
                    <span class="aide">"(groupement de communes voisines)"</span>
                </label>
                <select id="choix-epci" name=EPCI.name on:change=on_epci>
                    <option value="" selected=move || filter.get().epci().is_none()>
                        "Toutes"
                    </option>
                    {epci_options}
                </select>
            </div>
            // Without JavaScript, this button applies the choice; with it, choices apply at once.
            <button type="submit" class="sans-js">
                "Afficher"
            </button>
            <a class="tout" href=home>
                "Voir tout le département"
            </a>
        </form>
    }
}
