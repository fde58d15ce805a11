use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use serde_json::json;

use crate::catalogue::{PlaceInfo, place_details};
use crate::components::actions::Actions;
use crate::components::event_list::EventsOf;
use crate::components::json_ld::JsonLd;
use crate::components::place_card::{PlaceCard, check_before_going};
use crate::components::record_list::RecordList;
use crate::components::report::{ReportError, UpdateIt};
use crate::format::date_fr;
use crate::model::page_path;
use crate::pages::record::RecordPage;

/// `/lieux/{id}`: everything about one place, readable without JavaScript and printable.
#[component]
pub fn PlacePage() -> impl IntoView {
    view! {
        <RecordPage
            load=place_details
            what="Ce lieu"
            loading="Chargement du lieu…"
            view=|details| view! { <PlaceView details /> }
        />
    }
}

#[component]
fn PlaceView(details: PlaceInfo) -> impl IntoView {
    let place = details.place;
    let f = &place.properties;
    let name = f.display_name();
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "Place",
        "name": name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": f.adresse,
            "postalCode": f.code_postal.to_string(),
            "addressLocality": f.commune,
            "addressCountry": "FR",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": place.position.lat, "longitude": place.position.lon},
        "telephone": f.telephone,
        "url": f.site_web.first(),
        "openingHours": f.horaires,
    });
    let updated = date_fr(f.date_maj);
    let (phone, email) = (f.telephone.is_some(), !f.courriels.is_empty());
    let booking = f.prise_rdv.clone();
    let mobile = place.is_mobile();
    view! {
        <PageTitle text=format!("{name} – Carto82") />
        <JsonLd data=ld />
        <article class="page-fiche">
            <p class="fil">
                <a href="/">"← Retour à la carte"</a>
            </p>
            <h1>{name.clone()}</h1>
            {details.actor.as_ref().map(crate::pages::actors::actor_link)}
            {if mobile {
                view! {
                    <p class="lieu-commune">
                        <strong>"Ce service se déplace dans les communes."</strong>
                        " Voyez ses arrêts et le prochain passage près de chez vous."
                    </p>
                }
                    .into_any()
            } else {
                view! { <p class="lieu-commune">{place.location.commune_localisee.clone()}</p> }
                    .into_any()
            }}
            // "Open now" at a mobile service's address would send people to the wrong place.
            {details
                .opening
                .filter(|_| !mobile)
                .map(|s| view! { <p class="ouverture"><strong>{s}</strong></p> })}
            {details
                .outdated
                .then(|| {
                    view! {
                        <p class="alerte">
                            {format!("Attention : ces informations datent du {updated}, il y a plus d'un an.")}
                            {check_before_going(phone, email).map(|advice| format!(" {advice}"))}
                        </p>
                    }
                })}
            {booking
                .map(|url| {
                    view! {
                        <p>
                            <a class="bouton" href=url.to_string() rel="noopener">"Prendre rendez-vous en ligne"</a>
                        </p>
                    }
                })}
            <Actions
                destination=(!mobile).then(|| (place.position, name.clone()))
                calendar=None
                title=name.clone()
                kit=format!("/kit/lieux/{}", place.properties.id)
            />
            // The card's rubrics are third-level headings, as in the list of the map page.
            <h2 class="visuellement-cache">"Adresse, horaires et contact"</h2>
            <PlaceCard place=place.clone() link=false today=details.today />
            <ReportError page=page_path(&place) />
            <UpdateIt
                href=format!("/participer/lieu?corriger={}", place.properties.id)
                who="Vous tenez ce lieu ?"
                link="Corriger ses horaires, son contact ou ses aides"
            />
            <EventsOf
                events=details.events
                today=details.today
                id="titre-evenements-lieu"
                title="Événements dans ce lieu"
                none="Aucun événement prévu ici pour le moment."
            />
            {(!details.resources.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="titre-ressources-lieu">
                            <h2 id="titre-ressources-lieu">"Ressources sur place"</h2>
                            <RecordList records=details.resources />
                        </section>
                    }
                })}
        </article>
    }
}
