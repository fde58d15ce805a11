use leptos::prelude::*;

use crate::components::place_card::PlaceCard;
use crate::components::record_list::{Listed, RecordList};
use chrono::NaiveDate;

use crate::format::{day_fr, km_fr};
use crate::model::{Place, PlaceFilter, PlaceId, Record, Select};

/// Every place of the current view: nearest first, with its distance, when the filter has a
/// point; else in the same order for everyone (by commune, then name). Each entry is a
/// native disclosure (`<details>`): it opens by keyboard and without JavaScript, and the map
/// shows the place opened (`leaflet_map` listens).
#[component]
pub fn PlaceList(
    places: Vec<Place>,
    filter: PlaceFilter,
    /// The day at the server: a mobile service's next stop is counted from it.
    today: NaiveDate,
) -> impl IntoView {
    let mut places = places;
    if filter.area.near.is_none() {
        places.sort_by(|a, b| {
            (&a.location.commune_localisee, &a.properties.nom)
                .cmp(&(&b.location.commune_localisee, &b.properties.nom))
        });
    }

    provide_context(Listing { filter, today });
    view! { <RecordList records=places /> }
}

/// What an entry needs of its list: the filter (for the distance) and the day.
#[derive(Clone)]
struct Listing {
    filter: PlaceFilter,
    today: NaiveDate,
}

/// A place in the list: a native disclosure (`<details>`) with its name, commune and
/// distance.
impl Listed for Place {
    const LIST_CLASS: &'static str = "lieux";

    fn entry(self) -> AnyView {
        let place = self;
        let Listing { filter, today } =
            use_context::<Listing>().expect("a place is listed by PlaceList");
        let id = place.id().clone();
        let distance = filter
            .distance_km(&place)
            .map(|d| format!("à {}", km_fr(d)));
        // A mobile service is listed by the stop nearest to the resident.
        let nearest_stop = filter.area.near.and_then(|_| {
            let base = filter.area.distance_km(&place.position);
            place
                .stops
                .iter()
                .filter_map(|s| Some((filter.area.distance_km(&s.position)?, s)))
                .filter(|(d, _)| base.is_none_or(|b| *d < b))
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, s)| s.clone())
        });
        let commune = match &nearest_stop {
            Some(s) => format!(
                "arrêt à {}, prochain passage le {}",
                s.location.commune_localisee,
                day_fr(s.stop.next_date(today))
            ),
            None => place.location.commune_localisee.clone(),
        };
        view! {
            <details id=entry_dom_id(&id)>
                <summary>
                    <span class="nom">{place.properties.display_name()}</span>
                    <span class="lieu-commune">{commune}</span>
                    {distance.map(|d| view! { <span class="distance">{d}</span> })}
                </summary>
                <PlaceCard place today />
            </details>
        }
        .into_any()
    }
}

pub fn entry_dom_id(id: &PlaceId) -> String {
    format!("lieu-{id}")
}
