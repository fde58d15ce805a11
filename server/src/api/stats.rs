use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use app::model::coverage::places_per_10000;
use app::model::{Event, EventFilter, Place, PlaceFilter, Siren, Zone};

use super::{ApiError, cache, read_query};
use crate::dataset::Store;

#[derive(Serialize, Default)]
struct Counts {
    lieux: usize,
    evenements: usize,
    population: u64,
    /// Places per 10 000 inhabitants, one decimal.
    lieux_pour_10000_habitants: f64,
}

impl Counts {
    fn finish(mut self) -> Self {
        self.lieux_pour_10000_habitants = places_per_10000(self.lieux, self.population);
        self
    }
}

#[derive(Serialize)]
struct ZoneCounts {
    zone: Zone,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Serialize)]
struct EpciCounts {
    siren: Siren,
    nom: String,
    zone: Zone,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Serialize)]
struct Stats {
    departement: Counts,
    zones: Vec<ZoneCounts>,
    epci: Vec<EpciCounts>,
}

#[utoipa::path(
    get,
    path = "/api/stats",
    summary = "Lieux, événements, population et lieux pour 10 000 habitants, par zone et par EPCI.",
    responses(
        (status = 200, description = "Comptes (JSON)", content_type = "application/json"),
        (status = 400, description = "Paramètre invalide", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/stats`: places and events per zone and EPCI, with population, after the
/// place filters (for places) and event filters (for events) of the query.
pub async fn stats(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let dataset = store.current();
    let places = dataset
        .records
        .select::<Place>(&read_query::<PlaceFilter>(&req)?);
    let events = dataset
        .records
        .select::<Event>(&read_query::<EventFilter>(&req)?);

    let mut by_epci: BTreeMap<&Siren, Counts> = BTreeMap::new();
    for commune in &dataset.territory.communes {
        by_epci.entry(&commune.epci).or_default().population += u64::from(commune.population);
    }
    for p in &places {
        by_epci.entry(&p.location.epci_siren).or_default().lieux += 1;
    }
    for e in &events {
        by_epci
            .entry(&e.location.epci_siren)
            .or_default()
            .evenements += 1;
    }

    let mut zones: BTreeMap<Zone, Counts> = Zone::ALL
        .into_iter()
        .map(|z| (z, Counts::default()))
        .collect();
    let mut departement = Counts::default();
    let mut epci = Vec::new();
    for e in &dataset.territory.epcis {
        let counts = by_epci.remove(&e.siren).unwrap_or_default();
        for total in [
            zones.get_mut(&e.zone).expect("every zone"),
            &mut departement,
        ] {
            total.lieux += counts.lieux;
            total.evenements += counts.evenements;
            total.population += counts.population;
        }
        epci.push(EpciCounts {
            siren: e.siren.clone(),
            nom: e.nom.clone(),
            zone: e.zone,
            counts: counts.finish(),
        });
    }
    let stats = Stats {
        departement: departement.finish(),
        zones: zones
            .into_iter()
            .map(|(zone, counts)| ZoneCounts {
                zone,
                counts: counts.finish(),
            })
            .collect(),
        epci,
    };
    let body = serde_json::to_vec(&stats).expect("stats serialise");
    Ok(cache::respond(&req, "application/json", body.into()))
}
