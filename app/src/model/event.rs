//! Events of "Le 82 fait son numérique" and later programmes. Field meanings follow
//! schema.org `Event` (see data/README.md for the correspondence).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::id::slug_id;
use super::place::{PlaceId, Position};
use super::territory::CodePostal;
use super::vocabulary::vocabulary;
use super::web_url::WebUrl;

vocabulary!(
    /// The five themes of the programme.
    Theme {
        Famille => "famille",
        Sante => "santé",
        NumeriqueResponsable => "numérique responsable",
        Education => "éducation",
        Ia => "IA",
    }
);

vocabulary!(
    /// What kind of activity it is.
    ActivityType {
        Conference => "conférence",
        TableRonde => "table ronde",
        Atelier => "atelier",
        Exposition => "exposition",
        Rencontre => "rencontre",
        Autre => "autre",
    }
);

vocabulary!(
    /// schema.org `eventStatus`, in French.
    EventStatus {
        Scheduled => "programmé",
        Rescheduled => "date modifiée",
        Postponed => "reporté",
        Full => "complet",
        Cancelled => "annulé",
    }
);

/// What an event's page may offer, given its status: only what a resident can still do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusOffer {
    /// Going there: directions.
    pub directions: bool,
    /// Keeping the date: the calendar file.
    pub calendar: bool,
    /// Registering (online, by phone or e-mail); when false and the event is full, its
    /// contacts are given for the waiting list.
    pub registration: bool,
    /// The dates given are the ones that will happen.
    pub dates_hold: bool,
}

impl EventStatus {
    /// What a past event offers: nothing to do any more.
    pub const PAST: StatusOffer = StatusOffer {
        directions: false,
        calendar: false,
        registration: false,
        dates_hold: true,
    };

    pub fn offer(self) -> StatusOffer {
        let all = StatusOffer {
            directions: true,
            calendar: true,
            registration: true,
            dates_hold: true,
        };
        match self {
            EventStatus::Scheduled | EventStatus::Rescheduled => all,
            // Those registered still go: the way and the date stay useful.
            EventStatus::Full => StatusOffer {
                registration: false,
                ..all
            },
            // The old date is not the date: no calendar, nothing to register to yet.
            EventStatus::Postponed => StatusOffer {
                calendar: false,
                registration: false,
                dates_hold: false,
                ..all
            },
            EventStatus::Cancelled => StatusOffer {
                directions: false,
                calendar: false,
                registration: false,
                dates_hold: false,
            },
        }
    }
}

vocabulary!(
    /// Accessibility of the event (OpenAgenda's five codes).
    Accessibilite {
        Auditif => "handicap auditif",
        Visuel => "handicap visuel",
        Moteur => "handicap moteur",
        Mental => "handicap mental",
        Psychique => "handicap psychique",
    }
);

slug_id!(
    /// Stable identifier of an event.
    EventId
);

/// One time slot, with its UTC offset as in the file (Europe/Paris, checked at load).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub debut: DateTime<FixedOffset>,
    pub fin: DateTime<FixedOffset>,
}

/// How to register: not needed, or needed with at least one way to do it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", deny_unknown_fields)]
pub enum Inscription {
    #[serde(rename = "libre")]
    Libre,
    #[serde(rename = "obligatoire")]
    Obligatoire {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lien: Option<WebUrl>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        telephone: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        courriel: Option<String>,
    },
}

/// The properties of an event as stored in `data/evenements.geojson`; the point of the
/// event is its geometry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventProperties {
    pub id: EventId,
    /// schema.org `name`; 140 characters at most.
    pub titre: String,
    /// schema.org `description`, short; 200 characters at most.
    pub resume: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// At least one; schema.org `startDate`/`endDate` (one `subEvent` each when several).
    pub creneaux: Vec<Slot>,
    /// The mediation place where it happens, when it is one of ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lieu_id: Option<PlaceId>,
    /// schema.org `location.name` and address, always given so the event reads alone.
    pub lieu_nom: String,
    pub adresse: String,
    pub code_postal: CodePostal,
    pub commune: String,
    pub theme: Theme,
    #[serde(rename = "type")]
    pub type_activite: ActivityType,
    /// Who it is for, in plain words ("tout public", "seniors", "parents et enfants"…).
    pub public: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accessibilite: Vec<Accessibilite>,
    pub inscription: Inscription,
    /// schema.org `offers`: "Gratuit" or a price in words.
    pub prix: String,
    pub organisateur: String,
    /// The organiser as an actor of `acteurs.geojson`, when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisateur_id: Option<super::ActorId>,
    pub statut: EventStatus,
    /// Year of the programme edition.
    pub edition: u16,
    /// Part of the flagship week (Montauban, 13–17 April 2026), counted apart from the
    /// local events of the zones.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub semaine_phare: bool,
    /// Invented for demonstration: shown with an "exemple" badge, and hidden when the
    /// server is told to serve real data only.
    #[serde(default)]
    pub exemple: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub properties: EventProperties,
    pub position: Position,
    pub location: super::place::Location,
}

/// The most recent programme edition among `events`.
pub fn latest_edition<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<u16> {
    events.into_iter().map(|e| e.properties.edition).max()
}

impl Event {
    /// Its last slot ended before `today`.
    pub fn is_past(&self, today: chrono::NaiveDate) -> bool {
        self.fin().date_naive() < today
    }

    /// Start of the first slot.
    pub fn debut(&self) -> DateTime<FixedOffset> {
        self.properties
            .creneaux
            .iter()
            .map(|c| c.debut)
            .min()
            .expect("at least one slot, checked at load")
    }

    /// End of the last slot.
    pub fn fin(&self) -> DateTime<FixedOffset> {
        self.properties
            .creneaux
            .iter()
            .map(|c| c.fin)
            .max()
            .expect("at least one slot, checked at load")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_offers_only_what_can_still_be_done() {
        let all = EventStatus::Scheduled.offer();
        assert!(all.directions && all.calendar && all.registration && all.dates_hold);
        assert_eq!(EventStatus::Rescheduled.offer(), all);
        let full = EventStatus::Full.offer();
        assert!(!full.registration && full.directions && full.calendar);
        let postponed = EventStatus::Postponed.offer();
        assert!(!postponed.calendar && !postponed.registration && !postponed.dates_hold);
        let cancelled = EventStatus::Cancelled.offer();
        assert!(!cancelled.directions && !cancelled.calendar && !cancelled.registration);
        let past = EventStatus::PAST;
        assert!(!past.directions && !past.calendar && !past.registration);
    }
}
