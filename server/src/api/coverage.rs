use actix_web::{HttpRequest, HttpResponse, web};

use app::catalogue::Catalogue;
use app::model::coverage::{CoverageFilter, Indicators};

use super::{ApiError, cache, query_of, read_query};
use crate::dataset::Store;
use app::model::query::SPREADSHEET;

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
    let body = dataset.coverage_map(&filter, &dataset.coverage(&filter));
    Ok(cache::respond(
        &req,
        "image/svg+xml; charset=utf-8",
        body.into_bytes().into(),
    ))
}

#[utoipa::path(
    get,
    path = "/api/coverage/communes.csv",
    summary = "Les indicateurs par commune, en CSV (séparateur virgule, UTF-8 ; `excel=oui` pour un tableur en français).",
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
    summary = "Les indicateurs par EPCI, en CSV (séparateur virgule, UTF-8 ; `excel=oui` pour un tableur en français).",
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
        "heures_par_semaine_pour_10000_habitants",
        "lieux_sans_horaires",
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

#[utoipa::path(
    get,
    path = "/api/coverage/programme.csv",
    summary = "L'équilibre du programme en CSV : événements par zone et par thème, par zone et par type (événements locaux), et ceux de la semaine phare (`excel=oui` pour un tableur en français).",
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
        (status = 400, description = "Paramètre invalide", body = super::error::Problem, content_type = "application/problem+json")
    )
)]
/// `GET /api/coverage/programme.csv`: one row per zone and theme, per zone and type, and
/// one for the flagship week.
pub async fn programme_csv(
    req: HttpRequest,
    store: web::Data<Store>,
) -> Result<HttpResponse, ApiError> {
    let programme = crate::coverage::of(&store.current(), &read_query(&req)?).programme;
    let edition = programme.edition.map(|y| y.to_string()).unwrap_or_default();
    let header = ["edition", "zone", "selon", "valeur", "evenements"];
    let row = |zone: String, by: &str, value: String, n: usize| {
        vec![edition.clone(), zone, by.to_owned(), value, n.to_string()]
    };
    let themes = programme.par_theme.iter().map(|c| {
        row(
            c.zone.to_string(),
            "thème",
            c.valeur.to_string(),
            c.evenements,
        )
    });
    let types = programme.par_type.iter().map(|c| {
        row(
            c.zone.to_string(),
            "type",
            c.valeur.to_string(),
            c.evenements,
        )
    });
    let week = &programme.semaine_phare;
    let flagship = row(
        week.communes.join(", "),
        "semaine phare",
        String::new(),
        week.evenements,
    );
    let rows: Vec<Vec<String>> = themes.chain(types).chain([flagship]).collect();
    csv_answer(&req, &header, rows.into_iter())
}

fn indicator_cells(i: &Indicators) -> Vec<String> {
    let optional = |v: Option<f64>| v.map(|d| d.to_string()).unwrap_or_default();
    let mut cells = vec![
        i.communes.to_string(),
        i.population.to_string(),
        i.lieux.to_string(),
        i.lieux_pour_10000_habitants.to_string(),
        i.heures_pour_10000_habitants.to_string(),
        i.lieux_sans_horaires.to_string(),
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
/// With `excel=oui`, as a French spreadsheet opens it cleanly: a byte-order mark (else it
/// reads UTF-8 as Windows-1252), `;` between cells and a decimal comma in numbers.
fn csv_answer(
    req: &HttpRequest,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<HttpResponse, ApiError> {
    let spreadsheet = query_of(req)?.one(&SPREADSHEET)?.unwrap_or(false);
    let mut body = Vec::new();
    if spreadsheet {
        body.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut out = csv::WriterBuilder::new()
        .delimiter(if spreadsheet { b';' } else { b',' })
        .from_writer(body);
    out.write_record(header)?;
    for row in rows {
        if spreadsheet {
            out.write_record(row.iter().map(|cell| decimal_comma(cell)))?;
        } else {
            out.write_record(&row)?;
        }
    }
    let body = out
        .into_inner()
        .map_err(|e| ApiError::internal(format!("CSV : {e}")))?;
    Ok(cache::respond(req, "text/csv; charset=utf-8", body.into()))
}

/// "12.5" → "12,5"; any cell that is not a number as it is.
fn decimal_comma(cell: &str) -> String {
    if cell.contains('.') && cell.parse::<f64>().is_ok() {
        cell.replace('.', ",")
    } else {
        cell.to_owned()
    }
}
