use actix_web::{HttpRequest, HttpResponse, web};

use app::model::Place;
use app::model::coverage::{CoverageFilter, Indicators};

use super::{ApiError, cache, read_query};
use crate::choropleth;
use crate::dataset::Store;

#[utoipa::path(
    get,
    path = "/api/coverage",
    summary = "Couverture : distance de chaque commune au lieu d'aide le plus proche, population éloignée (plus de 10, 15, 20 km) par zone et EPCI, communes sans aide à moins de 15 km, et équilibre du programme d'événements (zone × thème, zone × type, semaines, villes).",
    responses(
        (status = 200, description = "Indicateurs (JSON)", content_type = "application/json"),
        (status = 400, description = "Paramètre invalide", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/coverage`: every figure of `/couverture`, as JSON.
pub async fn json(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let coverage = crate::coverage::of(&store.current(), &read_query(&req)?);
    let body = serde_json::to_vec(&coverage).expect("coverage serialises");
    Ok(cache::respond(&req, "application/json", body.into()))
}

#[utoipa::path(
    get,
    path = "/api/coverage.svg",
    summary = "La carte de la couverture (SVG) : une forme par commune, coloriée selon la distance au lieu d'aide le plus proche.",
    responses(
        (status = 200, description = "Image SVG", content_type = "image/svg+xml"),
        (status = 400, description = "Paramètre invalide", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/coverage.svg`: the choropleth.
pub async fn svg(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let filter: CoverageFilter = read_query(&req)?;
    let dataset = store.current();
    let places = dataset.records.select::<Place>(&filter.places);
    let coverage = crate::coverage::of_places(&dataset, &places, &filter);
    let body = choropleth::render(&dataset.territory, &coverage, &places);
    Ok(cache::respond(
        &req,
        "image/svg+xml; charset=utf-8",
        body.into_bytes().into(),
    ))
}

#[utoipa::path(
    get,
    path = "/api/coverage/communes.csv",
    summary = "Les indicateurs par commune, en CSV (séparateur virgule, UTF-8).",
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
        (status = 400, description = "Paramètre invalide", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/coverage/communes.csv`
pub async fn communes_csv(
    req: HttpRequest,
    store: web::Data<Store>,
) -> Result<HttpResponse, ApiError> {
    let coverage = crate::coverage::of(&store.current(), &read_query(&req)?);
    let header = [
        "code_insee",
        "commune",
        "epci_siren",
        "zone",
        "population",
        "lieux",
        "distance_km",
        "lieu_le_plus_proche",
    ];
    let rows = coverage.communes.iter().map(|c| {
        vec![
            c.insee.to_string(),
            c.nom.clone(),
            c.epci.to_string(),
            c.zone.to_string(),
            c.population.to_string(),
            c.lieux.to_string(),
            c.distance_km.map(|d| d.to_string()).unwrap_or_default(),
            c.lieu_le_plus_proche.clone().unwrap_or_default(),
        ]
    });
    csv_answer(&req, &header, rows)
}

#[utoipa::path(
    get,
    path = "/api/coverage/epci.csv",
    summary = "Les indicateurs par EPCI, en CSV (séparateur virgule, UTF-8).",
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
        (status = 400, description = "Paramètre invalide", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/coverage/epci.csv`
pub async fn epci_csv(req: HttpRequest, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let coverage = crate::coverage::of(&store.current(), &read_query(&req)?);
    let header = [
        "epci_siren",
        "epci",
        "zone",
        "communes",
        "population",
        "lieux",
        "lieux_pour_10000_habitants",
        "population_a_plus_de_10_km",
        "part_a_plus_de_10_km",
        "population_a_plus_de_15_km",
        "part_a_plus_de_15_km",
        "population_a_plus_de_20_km",
        "part_a_plus_de_20_km",
        "distance_mediane_km",
        "distance_max_km",
        "communes_sans_aide_a_15_km",
    ];
    let rows = coverage.epci.iter().map(|e| {
        let mut row = vec![e.siren.to_string(), e.nom.clone(), e.zone.to_string()];
        row.extend(indicator_cells(&e.indicateurs));
        row
    });
    csv_answer(&req, &header, rows)
}

fn indicator_cells(i: &Indicators) -> Vec<String> {
    let optional = |v: Option<f64>| v.map(|d| d.to_string()).unwrap_or_default();
    let mut cells = vec![
        i.communes.to_string(),
        i.population.to_string(),
        i.lieux.to_string(),
        i.lieux_pour_10000_habitants.to_string(),
    ];
    for b in &i.population_eloignee {
        cells.push(b.population.to_string());
        cells.push(b.part_pourcent.to_string());
    }
    cells.push(optional(i.distance_mediane_km));
    cells.push(optional(i.distance_max_km));
    cells.push(i.communes_sans_aide.to_string());
    cells
}

/// `header`, then `rows`, as CSV. The writer refuses a row longer or shorter than the
/// header: that is a mistake of ours, answered 500 and logged, never a shifted column.
fn csv_answer(
    req: &HttpRequest,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<HttpResponse, ApiError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header)?;
    for row in rows {
        out.write_record(&row)?;
    }
    let body = out
        .into_inner()
        .map_err(|e| ApiError::internal(format!("CSV : {e}")))?;
    Ok(cache::respond(req, "text/csv; charset=utf-8", body.into()))
}
