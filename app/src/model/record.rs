//! A kind of record (places, events, resources): what each one provides, so that the
//! dataset, the API, the map and the lists treat every kind the same way. ARCHITECTURE.md
//! lists what a new kind must provide ("Adding a kind of record").

use std::fmt::{Debug, Display};
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::actor::Actor;
use super::event::Event;
use super::filter::{ActorFilter, EventFilter, PlaceFilter, ResourceFilter};
use super::place::{Place, Position};
use super::query::FromQuery;
use super::resource::Resource;

/// What names a kind of record, in the code, the URLs and the files.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    /// English plural: the API's `/api/{name}`, and the value of `layers`.
    pub name: &'static str,
    /// French plural of its pages' path: `/{page}/{id}`.
    pub page: &'static str,
    /// Its file in the data folder.
    pub file: &'static str,
    /// A dataset without this file is valid (it has none of these records).
    pub optional: bool,
    /// "aucun lieu", "aucune ressource": for messages in French.
    pub none: &'static str,
    /// The class of its markers on the map, and the letter they show (none: a plain pin).
    pub marker: (&'static str, Option<&'static str>),
}

/// One record of a kind, as the dataset keeps it (read and checked by the server, computed
/// fields included).
pub trait Record:
    Clone + PartialEq + Debug + Serialize + DeserializeOwned + Send + Sync + 'static
{
    type Id: Clone + Ord + Display + FromStr + Debug + Send + Sync + 'static;
    /// What the API and the pages read from a query to choose records of this kind.
    type Filter: Select<Self>;
    const KIND: Kind;

    fn id(&self) -> &Self::Id;
    /// Its name, as its page and its marker show it.
    fn title(&self) -> std::borrow::Cow<'_, str>;
    /// Its point on the map; none for a record serving a whole territory.
    fn position(&self) -> Option<&Position>;
    /// What it is and when, under its name in a map popup (issue 13, item 9).
    fn summary(&self) -> String;
    /// Invented for demonstration (`exemple: true` in the file): hidden when the server is
    /// told to serve real data only.
    fn is_example(&self) -> bool;
    /// Its records in a dataset.
    fn of(records: &Records) -> &[Self];
    fn of_mut(records: &mut Records) -> &mut Vec<Self>;
}

/// A filter of records of one kind, read from a query.
pub trait Select<R>:
    FromQuery + Default + Clone + PartialEq + Debug + Serialize + DeserializeOwned + Send + Sync
{
    fn matches(&self, record: &R) -> bool;
    /// From the filter's point (`near`), when it has one.
    fn distance_km(&self, record: &R) -> Option<f64>;
    /// The order of the records chosen when the filter has no point (events: by date).
    fn sort_without_point(&self, _found: &mut [&R]) {}
    /// Whether what it chooses changes with the time of day ("open now"), not only with
    /// the data: such an answer is never kept.
    fn depends_on_the_clock(&self) -> bool {
        false
    }

    /// The records that match: nearest first when the filter has a point, else in the
    /// kind's order.
    fn chosen<'a>(&self, records: impl IntoIterator<Item = &'a R>) -> Vec<&'a R>
    where
        R: 'a,
    {
        let mut found: Vec<&R> = records.into_iter().filter(|r| self.matches(r)).collect();
        if found.iter().any(|r| self.distance_km(r).is_some()) {
            found.sort_by(|a, b| {
                let d = |r: &R| self.distance_km(r).unwrap_or(f64::INFINITY);
                d(a).total_cmp(&d(b))
            });
        } else {
            self.sort_without_point(&mut found);
        }
        found
    }

    /// The same, copied.
    fn select<'a>(&self, records: impl IntoIterator<Item = &'a R>) -> Vec<R>
    where
        R: Clone + 'a,
    {
        self.chosen(records).into_iter().cloned().collect()
    }
}

/// The records of a dataset, every kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// Sorted by id.
    pub places: Vec<Place>,
    /// Sorted by start, then id.
    pub events: Vec<Event>,
    /// Sorted by id.
    pub resources: Vec<Resource>,
    /// Sorted by id.
    pub actors: Vec<Actor>,
}

impl Records {
    pub fn all<R: Record>(&self) -> &[R] {
        R::of(self)
    }

    pub fn get<R: Record>(&self, id: &R::Id) -> Option<&R> {
        self.all::<R>().iter().find(|r| r.id() == id)
    }

    /// The record whose id is `text`; none for an unknown or malformed id.
    pub fn by_text<R: Record>(&self, text: &str) -> Option<&R> {
        text.parse().ok().and_then(|id| self.get::<R>(&id))
    }

    pub fn select<R: Record>(&self, filter: &R::Filter) -> Vec<R> {
        filter.select(self.all::<R>())
    }

    /// The same, not copied: for who keeps only some of them.
    pub fn chosen<R: Record>(&self, filter: &R::Filter) -> Vec<&R> {
        filter.chosen(self.all::<R>())
    }

    /// Whether `/{page}/{id}` is the page of a record.
    pub fn has_page(&self, page: &str, id: &str) -> bool {
        fn has<R: Record>(records: &Records, page: &str, id: &str) -> bool {
            page == R::KIND.page && records.by_text::<R>(id).is_some()
        }
        has::<Place>(self, page, id)
            || has::<Event>(self, page, id)
            || has::<Resource>(self, page, id)
            || has::<Actor>(self, page, id)
    }

    /// The actor who runs `place`, if the data says.
    pub fn actor_of(&self, place: &Place) -> Option<&Actor> {
        place
            .structure
            .as_ref()
            .and_then(|id| self.get::<Actor>(id))
    }

    /// Without the records invented for demonstration.
    pub fn without_examples(mut self) -> Records {
        fn drop<R: Record>(records: &mut Records) {
            R::of_mut(records).retain(|r| !r.is_example());
        }
        drop::<Place>(&mut self);
        drop::<Event>(&mut self);
        drop::<Resource>(&mut self);
        drop::<Actor>(&mut self);
        self
    }
}

/// Where a kind's records are in `Records`: its `of` and `of_mut`.
macro_rules! kept_in {
    ($field:ident) => {
        fn of(records: &Records) -> &[Self] {
            &records.$field
        }
        fn of_mut(records: &mut Records) -> &mut Vec<Self> {
            &mut records.$field
        }
    };
}

impl Record for Place {
    type Id = super::place::PlaceId;
    type Filter = PlaceFilter;
    const KIND: Kind = Kind {
        name: "places",
        page: "lieux",
        file: "lieux.geojson",
        optional: false,
        none: "aucun lieu",
        marker: ("marqueur", None),
    };

    fn id(&self) -> &Self::Id {
        &self.properties.id
    }
    fn title(&self) -> std::borrow::Cow<'_, str> {
        self.properties.display_name().into()
    }
    fn summary(&self) -> String {
        let kind = if self.is_mobile() {
            "Service d'aide au numérique qui se déplace"
        } else {
            "Lieu d'aide au numérique"
        };
        format!("{kind}, {}.", self.location.commune_localisee)
    }
    fn position(&self) -> Option<&Position> {
        Some(&self.position)
    }
    fn is_example(&self) -> bool {
        false
    }
    kept_in!(places);
}

impl Record for Event {
    type Id = super::event::EventId;
    type Filter = EventFilter;
    const KIND: Kind = Kind {
        name: "events",
        page: "evenements",
        file: "evenements.geojson",
        optional: true,
        none: "aucun événement",
        marker: ("marqueur-evenement", Some("É")),
    };

    fn id(&self) -> &Self::Id {
        &self.properties.id
    }
    fn title(&self) -> std::borrow::Cow<'_, str> {
        self.properties.titre.as_str().into()
    }
    fn summary(&self) -> String {
        let f = &self.properties;
        let when = f
            .creneaux
            .first()
            .map(|s| crate::format::slot_fr(s.debut, s.fin))
            .unwrap_or_default();
        let status = match f.statut {
            super::EventStatus::Scheduled => String::new(),
            other => format!(" ({other})"),
        };
        crate::format::capitalised(&format!(
            "{}{status} : {when}, {}, {}.",
            f.type_activite, f.lieu_nom, f.commune
        ))
    }
    fn position(&self) -> Option<&Position> {
        Some(&self.position)
    }
    fn is_example(&self) -> bool {
        self.properties.exemple
    }
    kept_in!(events);
}

impl Record for Resource {
    type Id = super::resource::ResourceId;
    type Filter = ResourceFilter;
    const KIND: Kind = Kind {
        name: "resources",
        page: "ressources",
        file: "ressources.geojson",
        optional: true,
        none: "aucune ressource",
        marker: ("marqueur-ressource", Some("R")),
    };

    fn id(&self) -> &Self::Id {
        &self.properties.id
    }
    fn title(&self) -> std::borrow::Cow<'_, str> {
        self.properties.nom.as_str().into()
    }
    fn summary(&self) -> String {
        format!("Ressource : {}.", self.properties.type_ressource)
    }
    fn position(&self) -> Option<&Position> {
        self.position.as_ref()
    }
    fn is_example(&self) -> bool {
        self.properties.exemple
    }
    kept_in!(resources);
}

impl Record for Actor {
    type Id = super::actor::ActorId;
    type Filter = ActorFilter;
    const KIND: Kind = Kind {
        name: "actors",
        page: "acteurs",
        file: "acteurs.geojson",
        optional: true,
        none: "aucun acteur",
        marker: ("marqueur-acteur", Some("A")),
    };

    fn id(&self) -> &Self::Id {
        &self.properties.id
    }
    fn title(&self) -> std::borrow::Cow<'_, str> {
        self.properties.nom.as_str().into()
    }
    fn summary(&self) -> String {
        crate::format::capitalised(&format!(
            "{}, {}.",
            self.properties.type_acteur, self.served_name
        ))
    }
    fn position(&self) -> Option<&Position> {
        self.position.as_ref()
    }
    fn is_example(&self) -> bool {
        self.properties.exemple
    }
    kept_in!(actors);
}

/// The page of a record: `/lieux/{id}`.
pub fn page_path<R: Record>(record: &R) -> String {
    page_of::<R>(record.id())
}

/// The page of the record of this id.
pub fn page_of<R: Record>(id: &R::Id) -> String {
    format!("/{}/{id}", R::KIND.page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_their_own_names() {
        let kinds = [&Place::KIND, &Event::KIND, &Resource::KIND, &Actor::KIND];
        for (i, a) in kinds.iter().enumerate() {
            for b in &kinds[i + 1..] {
                assert!(a.name != b.name && a.page != b.page && a.file != b.file);
            }
        }
        for shown in [&Place::KIND, &Event::KIND, &Resource::KIND] {
            assert!(
                super::super::layers::Layer::NAMES.contains(&shown.name),
                "{} is a layer",
                shown.name
            );
        }
    }
}
