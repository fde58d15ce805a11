use leptos::prelude::*;

use crate::components::auto_submit::AutoSubmit;
use crate::components::map_page::use_map_page;
use crate::model::map_query::MapQuery;
use crate::model::query::{EPCI, ZONE};
use crate::model::{PlaceFilter, TerritoryIndex, Zone};

/// Zone and EPCI choices. A plain GET form, so it works without JavaScript; with it, each
/// change applies at once. Choosing a zone empties the EPCI; choosing an EPCI sets its zone.
#[component]
pub fn TerritoryFilters(
    index: TerritoryIndex,
    filter: PlaceFilter,
    /// The page's state: what is needed, for whom, and the layers stay when the territory
    /// changes; where to look is this form's.
    keep: MapQuery,
) -> impl IntoView {
    let page = use_map_page();
    let home = page.url("");
    let epci_options = index
        .epcis
        .iter()
        .filter(|e| filter.area.zones.is_empty() || filter.area.zones.contains(&e.zone))
        .map(|e| {
            view! {
                <option value=e.siren.to_string() selected=filter.epci() == Some(&e.siren) data-zone=e.zone.as_str()>
                    {e.nom.clone()}
                    " ("
                    {e.zone.as_str()}
                    ")"
                </option>
            }
        })
        .collect_view();

    view! {
        <form class="filtres" method="get" action=page.path() aria-label="Choisir un territoire">
            {page.hidden_fields(keep.without_where().pairs())}
            <div class="champ">
                <label for="choix-zone">"Zone du département"</label>
                <select
                    id="choix-zone"
                    name=ZONE.name
                    aria-describedby="aide-zone"
                    data-vide="choix-epci"
                >
                    <option value="" selected=filter.zone().is_none()>
                        "Tout le département"
                    </option>
                    {Zone::ALL
                        .into_iter()
                        .map(|z| {
                            view! {
                                <option value=z.as_str() selected=filter.zone() == Some(z)>
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
                <select id="choix-epci" name=EPCI.name data-zone-de="choix-zone">
                    <option value="" selected=filter.epci().is_none()>
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
            <AutoSubmit />
        </form>
    }
}
