use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use serde_json::json;

use crate::catalogue::{EventInfo, event_details};
use crate::components::actions::Actions;
use crate::components::example_badge::{ExampleBadge, INVENTED_EVENT};
use crate::components::json_ld::JsonLd;
use crate::components::report::ReportError;
use crate::format::{phone_fr, slot_fr};
use crate::model::{Actor, Event, EventStatus, Inscription, Place, page_of, page_path};
use crate::pages::record::RecordPage;

/// `/evenements/{id}`: when, where, for whom, how to register, and whether it still holds.
#[component]
pub fn EventPage() -> impl IntoView {
    view! {
        <RecordPage
            load=event_details
            what="Cet événement"
            loading="Chargement de l'événement…"
            view=|info: EventInfo| view! { <EventView event=info.event today=info.today /> }
        />
    }
}

/// schema.org `eventStatus` of our statuses.
fn schema_status(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Scheduled | EventStatus::Full => "https://schema.org/EventScheduled",
        EventStatus::Rescheduled => "https://schema.org/EventRescheduled",
        EventStatus::Postponed => "https://schema.org/EventPostponed",
        EventStatus::Cancelled => "https://schema.org/EventCancelled",
    }
}

#[component]
fn EventView(event: Event, today: chrono::NaiveDate) -> impl IntoView {
    let past = event.is_past(today);
    let f = event.properties.clone();
    let page = page_path(&event);
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f.titre,
        "description": f.resume,
        "startDate": event.debut().to_rfc3339(),
        "endDate": event.fin().to_rfc3339(),
        "eventStatus": schema_status(f.statut),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": f.lieu_nom,
            "address": {"@type": "PostalAddress", "streetAddress": f.adresse, "postalCode": f.code_postal.to_string(), "addressLocality": f.commune, "addressCountry": "FR"},
            "geo": {"@type": "GeoCoordinates", "latitude": event.position.lat, "longitude": event.position.lon},
        },
        "organizer": {"@type": "Organization", "name": f.organisateur},
        "offers": {"@type": "Offer", "price": if f.prix == "Gratuit" { "0" } else { f.prix.as_str() }, "priceCurrency": "EUR"},
        "audience": {"@type": "Audience", "audienceType": f.public},
    });
    let notice = match f.statut {
        EventStatus::Cancelled if past => Some("Cet événement était annulé. Il n'a pas eu lieu."),
        _ if past => Some("Cet événement est passé."),
        EventStatus::Scheduled => None,
        EventStatus::Cancelled => Some("Cet événement est annulé. Il n'aura pas lieu."),
        EventStatus::Full => Some("Cet événement est complet : il n'y a plus de place."),
        EventStatus::Postponed => {
            Some("Cet événement est reporté. La nouvelle date n'est pas encore connue.")
        }
        EventStatus::Rescheduled => {
            Some("La date de cet événement a changé : vérifiez la date ci-dessous.")
        }
    };
    let offer = if past {
        EventStatus::PAST
    } else {
        f.statut.offer()
    };
    let registration = match (f.statut, f.inscription.clone()) {
        _ if past => view! { <p>"Cet événement est passé : on ne peut plus s'inscrire."</p> }.into_any(),
        (EventStatus::Cancelled, _) => {
            view! { <p>"Pas d'inscription : l'événement n'aura pas lieu."</p> }.into_any()
        }
        (EventStatus::Postponed, _) => view! {
            <p>"On ne peut pas encore s'inscrire. L'inscription ouvrira avec la nouvelle date."</p>
        }
        .into_any(),
        (EventStatus::Full, Inscription::Obligatoire { telephone, courriel, .. })
            if telephone.is_some() || courriel.is_some() =>
        {
            view! {
                <p>"Il n'y a plus de place. Pour être sur la liste d'attente, contactez l'organisateur :"</p>
                <ContactList telephone courriel />
            }
            .into_any()
        }
        (EventStatus::Full, _) => {
            view! { <p>"Il n'y a plus de place : on ne peut plus s'inscrire."</p> }.into_any()
        }
        (_, Inscription::Libre) => {
            view! { <p>"Pas besoin de s'inscrire : venez directement."</p> }.into_any()
        }
        (_, Inscription::Obligatoire { lien, telephone, courriel }) => view! {
            <p>"Il faut s'inscrire avant de venir :"</p>
            <ul>
                {lien.map(|l| view! { <li><a href=l.to_string() rel="noopener">"S'inscrire en ligne"</a></li> })}
            </ul>
            <ContactList telephone courriel />
        }
        .into_any(),
    };
    let slots = f
        .creneaux
        .iter()
        .map(|c| slot_fr(c.debut, c.fin))
        .collect::<Vec<_>>()
        .join(" ; ");
    let when = match f.statut {
        _ if offer.dates_hold => slots,
        EventStatus::Postponed => {
            format!("Nouvelle date : à venir. Date prévue au départ : {slots}.")
        }
        _ => format!("Date prévue : {slots}."),
    };
    let title = f.titre.clone();
    view! {
        <PageTitle text=format!("{title} – Carto82") />
        <JsonLd data=ld />
        <article class="page-fiche">
            <p class="fil">
                <a href="/">"← Retour à la carte"</a>
            </p>
            <h1>
                {title.clone()}
                {f.exemple.then(|| view! { <ExampleBadge what=INVENTED_EVENT /> })}
            </h1>
            {notice.map(|n| view! { <p class="alerte statut-evenement"><strong>{n}</strong></p> })}
            <p class="quand">{when}</p>
            <p>{f.resume.clone()}</p>
            {f.description.clone().map(|d| view! { <p>{d}</p> })}
            <dl class="caracteristiques">
                <dt>"Où"</dt>
                <dd>
                    {match f.lieu_id.clone() {
                        Some(id) => view! { <a href={page_of::<Place>(&id)}>{f.lieu_nom.clone()}</a> }.into_any(),
                        None => view! { <span>{f.lieu_nom.clone()}</span> }.into_any(),
                    }}
                    {format!(", {}, {} {}", f.adresse, f.code_postal, f.commune)}
                </dd>
                <dt>"Thème"</dt>
                <dd>{f.theme.label()}</dd>
                <dt>"Type"</dt>
                <dd>{f.type_activite.label()}</dd>
                <dt>"Pour qui"</dt>
                <dd>{f.public.clone()}</dd>
                <dt>"Prix"</dt>
                <dd>{f.prix.clone()}</dd>
                <dt>"Accessibilité"</dt>
                <dd>
                    {if f.accessibilite.is_empty() {
                        "Non précisée : demandez à l'organisateur.".to_owned()
                    } else {
                        format!("Adapté : {}", f.accessibilite.iter().map(|a| a.label()).collect::<Vec<_>>().join(", "))
                    }}
                </dd>
                <dt>"Organisé par"</dt>
                <dd>
                    {match f.organisateur_id.clone() {
                        Some(id) => {
                            let href = page_of::<Actor>(&id);
                            view! { <a href=href>{f.organisateur.clone()}</a> }.into_any()
                        }
                        None => f.organisateur.clone().into_any(),
                    }}
                </dd>
            </dl>
            <section aria-labelledby="titre-inscription">
                <h2 id="titre-inscription">"Inscription"</h2>
                {registration}
            </section>
            <Actions
                destination=offer.directions.then(|| (event.position, f.lieu_nom.clone()))
                calendar=offer.calendar.then(|| format!("/api/events/{}.ics", f.id))
                title=title
                kit=format!("/kit/evenements/{}", f.id)
            />
            <ReportError page=page />
        </article>
    }
}

/// Whom to call or write: the phone and the e-mail address an event gives.
#[component]
fn ContactList(telephone: Option<String>, courriel: Option<String>) -> impl IntoView {
    (telephone.is_some() || courriel.is_some()).then(|| {
        view! {
            <ul>
                {telephone.map(|t| view! { <li>"Par téléphone : " <a href=format!("tel:{t}")>{phone_fr(&t)}</a></li> })}
                {courriel.map(|c| view! { <li>"Par courriel : " <a href=format!("mailto:{c}")>{c.clone()}</a></li> })}
            </ul>
        }
    })
}
