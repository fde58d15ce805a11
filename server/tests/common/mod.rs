//! What several of the binary's tests start from.

#![allow(dead_code)]

use std::path::Path;

use app::model::Zone;
use carto82::participation::{Contributions, EventForm, Kind, Status, Token};

/// What [`publish_an_event_and_a_correction`] put in the database.
pub struct Published {
    /// The follow-up token of the structure that proposed both.
    pub token: carto82::participation::Token,
    /// The event, as published.
    pub feature: serde_json::Value,
    pub id: String,
    /// The corrected hours of `conseiller-numerique-022`.
    pub hours: &'static str,
}

/// A structure's event proposal and its correction of a place's hours, both published by a
/// coordinator, as the forms and the coordination pages do.
pub async fn publish_an_event_and_a_correction(
    store: &Contributions,
    dataset: &carto82::dataset::Dataset,
) -> Published {
    // A real proposal, read and checked as the form does, then published.
    let next_year = chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap()
        + 1;
    let form = EventForm::parse(
        format!(
            "titre=Atelier+sauvegarde&resume=Copier+ses+photos.&theme=famille&type=atelier\
             &jour={next_year}-04-15&debut=10%3A00&fin=12%3A00&lieu_id=france-services-014\
             &public=Tout+public&prix=Gratuit&inscription=libre&organisateur=Les+Claviers"
        )
        .as_bytes(),
    );
    let today = chrono::Utc::now().date_naive();
    let (feature, zone) = form.check(dataset, today).unwrap();
    let id = feature["properties"]["id"].as_str().unwrap().to_owned();
    let token = propose_and_publish(store, None, Kind::Event, &feature, zone).await;

    // A place corrected, as a structure sends it: its hours on Saturday mornings too.
    let places: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/lieux.geojson"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut place = places["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["id"] == "conseiller-numerique-022")
        .unwrap()
        .clone();
    let hours = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00";
    place["properties"]["horaires"] = serde_json::json!(hours);
    // With the day's date, as the place form writes it.
    place["properties"]["date_maj"] = serde_json::json!(today.to_string());
    propose_and_publish(store, Some(&token), Kind::Place, &place, Zone::Centre).await;
    Published {
        token,
        feature,
        id,
        hours,
    }
}

/// Proposes `feature` (with the structure's token, or as a new one), then publishes it as a
/// coordinator does: the follow-up token.
async fn propose_and_publish(
    store: &Contributions,
    token: Option<&Token>,
    kind: Kind,
    feature: &serde_json::Value,
    zone: Zone,
) -> Token {
    let now = chrono::Utc::now();
    let token = store
        .propose(token, None, kind, feature, Some(zone), now)
        .await
        .unwrap()
        .unwrap_or_else(|| token.expect("a new structure gets a token").clone());
    let proposal = store
        .follow_up(&token)
        .await
        .unwrap()
        .unwrap()
        .last()
        .unwrap()
        .id
        .clone();
    store
        .act(&proposal, 1, "anne", Status::Publiee, None, now)
        .await
        .unwrap();
    token
}
