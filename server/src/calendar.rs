//! Events as iCalendar (RFC 5545), so that a partner or a resident can subscribe to a
//! filtered programme ("atelier, zone Est") in any calendar application.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus as IcsStatus};

use app::model::{Event, EventStatus};

/// One `VEVENT` per slot, times in UTC; `stamp` is the `DTSTAMP` of every entry.
pub fn to_ics(events: &[Event], stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar
        .name("Carto82 : événements du numérique en Tarn-et-Garonne")
        .description("Programme « Le 82 fait son numérique » et autres événements, selon les filtres choisis.");
    for event in events {
        let f = &event.properties;
        let several = f.creneaux.len() > 1;
        for (i, slot) in f.creneaux.iter().enumerate() {
            let uid = if several {
                format!("{}-{}@carto82", f.id, i + 1)
            } else {
                format!("{}@carto82", f.id)
            };
            let title = match (f.exemple, f.statut) {
                (true, _) => format!("[Exemple] {}", f.titre),
                (false, EventStatus::Cancelled) => format!("[Annulé] {}", f.titre),
                _ => f.titre.clone(),
            };
            let mut description = format!(
                "{}\n\nPublic : {}. Prix : {}. Organisé par {}.",
                f.resume, f.public, f.prix, f.organisateur
            );
            if f.exemple {
                description.push_str("\n\nCet événement est un exemple : il n'aura pas lieu.");
            }
            let status = match f.statut {
                EventStatus::Cancelled => IcsStatus::Cancelled,
                EventStatus::Postponed => IcsStatus::Tentative,
                _ => IcsStatus::Confirmed,
            };
            calendar.push(
                icalendar::Event::new()
                    .uid(&uid)
                    .timestamp(stamp)
                    .summary(&title)
                    .description(&description)
                    .starts(slot.debut.with_timezone(&Utc))
                    .ends(slot.fin.with_timezone(&Utc))
                    .location(&format!(
                        "{}, {}, {} {}",
                        f.lieu_nom, f.adresse, f.code_postal, f.commune
                    ))
                    .add_property(
                        "GEO",
                        format!("{};{}", event.position.lat, event.position.lon),
                    )
                    .categories([f.theme.label(), f.type_activite.label()])
                    .status(status)
                    .done(),
            );
        }
    }
    calendar.done().to_string()
}
