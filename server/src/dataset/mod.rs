//! The dataset in `data/`: read, checked and indexed once, then read-only.
//!
//! Every problem is reported with the file, the feature (index and id) and the field, and
//! loading goes on past a bad feature so that one run lists them all.

mod actors;
pub mod call;
pub mod data_dir;
mod error;
mod events;
mod geojson_file;
pub mod identity;
pub mod places;
pub mod publication;
mod resources;
mod store;
mod stored;
mod territory;
pub mod text_limits;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use app::model::{
    Actor, ActorId, Competence, Event, Place, Record, Records, Resource, TerritoryIndex,
};

pub use data_dir::{MAX_FILE_BYTES, read_text};
pub use error::{DatasetError, DatasetErrors, FeatureRef};
pub use store::Store;
pub use stored::{Known, Stored, check_feature, load_file};
pub use territory::{Commune, Epci, Territory};

/// File names inside the dataset directory.
pub const LIEUX: &str = Place::KIND.file;
pub const EVENEMENTS: &str = Event::KIND.file;
pub const RESSOURCES: &str = Resource::KIND.file;
pub const ACTEURS: &str = Actor::KIND.file;
pub const COMMUNES: &str = "territoire/communes.geojson";
pub const COMMUNES_SIMPLIFIEES: &str = "territoire/communes.simplifie.geojson";
pub const EPCI_SIMPLIFIES: &str = "territoire/epci.simplifie.geojson";
pub const ZONES_SIMPLIFIEES: &str = "territoire/zones.simplifie.geojson";

/// One version of the data folder, read, checked and indexed; never changed after.
pub struct Dataset {
    pub territory: Territory,
    pub records: Records,
    /// The communes, EPCI and zones as the pages search them: built once per version.
    pub index: TerritoryIndex,
    /// When these files were read: the `DTSTAMP` of calendar exports, stable between reloads.
    pub loaded_at: chrono::DateTime<chrono::Utc>,
    /// The legal notice and accessibility statement, when the folder has them.
    pub publication: Option<app::model::publication::Publication>,
    /// The call for participation, its dates and words, when the folder has them.
    pub call: Option<call::Call>,
    /// The programme's identity the communication kit wears, when the folder has it.
    pub identity: Option<identity::Identity>,
    /// The API's answers made from this version, ready to serve again.
    pub answers: crate::answers::Answers,
    /// The map pages rendered from this version, ready to serve again.
    pub pages: crate::page_cache::Pages,
    /// The coverage figures computed from this version, by week and filter: a few, each as
    /// large as the territory.
    pub coverages: quick_cache::sync::Cache<String, std::sync::Arc<app::model::coverage::Coverage>>,
}

/// What to keep of the files.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Keep the records marked `exemple` (invented for demonstration).
    pub examples: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { examples: true }
    }
}

/// What coordinators published from the call for participation, as GeoJSON Features of
/// the data's format, oldest first: new places and actors, updates of them (same id), and
/// events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Published {
    pub places: Vec<serde_json::Value>,
    pub actors: Vec<serde_json::Value>,
    pub events: Vec<serde_json::Value>,
}

/// A published feature checked again against this version of the folder (a place it named
/// may be gone); the reason in one line when it no longer holds.
fn check_published<R: Stored>(value: &serde_json::Value, known: &Known) -> Result<R, String> {
    serde_json::from_value::<geojson::Feature>(value.clone())
        .map_err(|e| e.to_string())
        .and_then(|feature| {
            check_feature::<R>(Path::new("contributions"), feature, known).map_err(|problems| {
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ; ")
            })
        })
}

/// The folder's places with the published ones: a correction replaces the place of its id
/// unless the folder's is newer (`date_maj`: a national import since, see `import::merge`),
/// a new place is added; one that no longer holds is left out and logged.
fn with_published_places(
    mut places: Vec<Place>,
    published: &[serde_json::Value],
    territory: &Territory,
) -> Vec<Place> {
    let known = stored::Known::new(territory, &[]);
    for value in published {
        match check_published::<Place>(value, &known) {
            Ok(place) => match places.iter_mut().find(|p| p.id() == place.id()) {
                Some(old) if old.properties.date_maj > place.properties.date_maj => {
                    tracing::info!(
                        id = %place.id(),
                        "correction publiée plus ancienne que le lieu du dossier : le dossier gagne"
                    );
                }
                Some(old) => *old = place,
                None => places.push(place),
            },
            Err(why) => tracing::warn!("lieu publié laissé de côté : {why}"),
        }
    }
    <Place as Stored>::sort(&mut places);
    places
}

/// The folder's actors with the published ones: an update replaces the actor of its id (its
/// places are its own already), a new actor is added; one that no longer holds is left out
/// and logged.
fn with_published_actors(
    mut actors: Vec<Actor>,
    published: &[serde_json::Value],
    territory: &Territory,
    places: &[Place],
) -> Vec<Actor> {
    for value in published {
        // Checked alone: the places it names are compared with the other actors' below.
        let known = stored::Known::new(territory, places);
        match check_published::<Actor>(value, &known) {
            Ok(actor) => {
                let taken = actor.properties.lieux.iter().find(|place| {
                    actors
                        .iter()
                        .any(|a| a.id() != actor.id() && a.properties.lieux.contains(place))
                });
                if let Some(place) = taken {
                    tracing::warn!(id = %actor.id(), "structure publiée laissée de côté : le lieu « {place} » est tenu par une autre");
                    continue;
                }
                match actors.iter_mut().find(|a| a.id() == actor.id()) {
                    Some(old) => *old = actor,
                    None => actors.push(actor),
                }
            }
            Err(why) => tracing::warn!("structure publiée laissée de côté : {why}"),
        }
    }
    <Actor as Stored>::sort(&mut actors);
    actors
}

/// The folder's events with the published ones: one whose id the folder already has is
/// left out and logged, like one that no longer holds.
fn with_published_events(
    mut events: Vec<Event>,
    published: &[serde_json::Value],
    known: &Known,
) -> Vec<Event> {
    let from_folder = events.len();
    for value in published {
        match check_published::<Event>(value, known) {
            Ok(event) if !events.iter().any(|e| e.id() == event.id()) => events.push(event),
            Ok(event) => {
                tracing::warn!(id = %event.id(), "contribution publiée laissée de côté : cet identifiant existe déjà")
            }
            Err(why) => tracing::warn!("contribution publiée laissée de côté : {why}"),
        }
    }
    if events.len() > from_folder {
        <Event as Stored>::sort(&mut events);
    }
    events
}

impl Dataset {
    pub fn load(dir: &Path) -> Result<Dataset, DatasetErrors> {
        Dataset::load_with(dir, LoadOptions::default(), &Published::default())
    }

    /// The folder `dir` with what coordinators `published`, as the server serves it.
    pub fn load_with(
        dir: &Path,
        options: LoadOptions,
        published: &Published,
    ) -> Result<Dataset, DatasetErrors> {
        data_dir::check_files_inside(dir)?;
        let territory = Territory::load(dir)?;
        let places: Vec<Place> = stored::load(dir, &stored::Known::new(&territory, &[]))?;
        let places = with_published_places(places, &published.places, &territory);
        let reading_actors = stored::Known::new(&territory, &places);
        let actors = with_published_actors(
            stored::load(dir, &reading_actors)?,
            &published.actors,
            &territory,
            &places,
        );
        // Which actor runs each place: found while the actors were read and checked.
        let runs = reading_actors.runs.into_inner();
        let known = stored::Known::new(&territory, &places).with_actors(&actors);
        let events = with_published_events(
            stored::load::<Event>(dir, &known)?,
            &published.events,
            &known,
        );
        let resources = stored::load::<Resource>(dir, &known)?;
        let declared: BTreeMap<&ActorId, &[Competence]> = actors
            .iter()
            .map(|a| (a.id(), a.properties.competences.as_slice()))
            .collect();
        let mut places = places;
        for place in &mut places {
            place.structure = runs.get(place.id()).cloned();
            let by_actor = place
                .structure
                .as_ref()
                .and_then(|a| declared.get(a))
                .map_or(&[][..], |c| c);
            let services = place
                .properties
                .services
                .iter()
                .map(|s| Competence::from(*s));
            let all: BTreeSet<Competence> = services.chain(by_actor.iter().copied()).collect();
            place.competences = all.into_iter().collect();
        }
        let publication = publication::load(dir)?;
        let call = call::load(dir)?;
        // An invented identity goes with the invented records.
        let identity = identity::load(dir)?.filter(|i| options.examples || !i.exemple);
        let records = Records {
            places,
            events,
            resources,
            actors,
        };
        let records = if options.examples {
            records
        } else {
            records.without_examples()
        };
        Ok(Dataset {
            index: territory.index(),
            territory,
            records,
            loaded_at: chrono::Utc::now(),
            publication,
            call,
            identity,
            answers: crate::answers::Answers::default(),
            pages: crate::page_cache::Pages::default(),
            coverages: quick_cache::sync::Cache::new(4),
        })
    }
}
