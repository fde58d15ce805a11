//! The API described in OpenAPI, generated from the handlers' annotations and the declared
//! parameters of the filters they read (`app::model::query`), served as `/api/openapi.json`
//! and as a page in French at `/api`.

use std::sync::OnceLock;

use actix_web::{HttpRequest, HttpResponse};
use utoipa::OpenApi;
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, Parameter, ParameterBuilder, ParameterIn, ParameterStyle,
};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{
    AnyOfBuilder, ArrayBuilder, ObjectBuilder, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::{
    Content, KnownFormat, OpenApi as Description, PathItem, Ref, RefOr, Required, Response, Schema,
};

use app::model::coverage::CoverageFilter;
use app::model::query::SPREADSHEET;
use app::model::query::{Documented, Values, YES_NO};
use app::model::{EventFilter, FromQuery, PlaceFilter};

use super::cache;
use super::records::{ForEachKind, Published, each_kind};

/// The query parameters of the API paths other than the records' (see [`records`]): those
/// of the filter each handler reads.
const QUERY: &[(&str, &[&[&dyn Documented]])] = &[
    ("/api/events.ics", &[EventFilter::PARAMETERS]),
    (
        "/api/stats",
        &[PlaceFilter::PARAMETERS, EventFilter::PARAMETERS],
    ),
    ("/api/coverage", &[CoverageFilter::PARAMETERS]),
    ("/api/coverage.svg", &[CoverageFilter::PARAMETERS]),
    (
        "/api/coverage/communes.csv",
        &[CoverageFilter::PARAMETERS, &[&SPREADSHEET]],
    ),
    (
        "/api/coverage/epci.csv",
        &[CoverageFilter::PARAMETERS, &[&SPREADSHEET]],
    ),
    (
        "/api/coverage/programme.csv",
        &[CoverageFilter::PARAMETERS, &[&SPREADSHEET]],
    ),
];

/// The declared parameters a path reads (for the tests).
pub fn declared_parameters(path: &str) -> Vec<&'static dyn Documented> {
    struct Lists<'a>(&'a str, Vec<&'static dyn Documented>);
    impl ForEachKind for Lists<'_> {
        fn kind<R: Published>(&mut self) {
            if self.0 == format!("/api/{}", R::KIND.name) {
                self.1.extend(R::Filter::PARAMETERS);
                self.1.extend(R::OTHER_PARAMETERS);
                self.1.extend::<[&'static dyn Documented; 2]>([
                    &app::model::query::PAGE,
                    &app::model::query::PER_PAGE,
                ]);
            }
        }
    }
    let mut lists = Lists(path, Vec::new());
    each_kind(&mut lists);
    lists.1.extend(
        QUERY
            .iter()
            .filter(|(p, _)| *p == path)
            .flat_map(|(_, groups)| groups.iter().flat_map(|g| g.iter().copied())),
    );
    lists.1
}

/// The two paths of each kind of record, written from what it declares.
fn record_paths(doc: &mut Description) {
    struct Paths<'a>(&'a mut Description);
    impl ForEachKind for Paths<'_> {
        fn kind<R: Published>(&mut self) {
            let name = R::KIND.name;
            let problem = |description: &str| {
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/problem+json",
                        Content::new(Some(Ref::from_schema_name("Problem"))),
                    )
                    .build()
            };
            let geojson = |description: &str| {
                ResponseBuilder::new()
                    .description(description)
                    .content(super::GEOJSON, Content::new(None::<Schema>))
                    .build()
            };
            let mut listed = geojson("FeatureCollection GeoJSON (RFC 7946)");
            // Its other formats (`format=csv`…).
            for other in R::OTHER_CONTENT_TYPES {
                listed
                    .content
                    .insert((*other).to_owned(), Content::new(None::<Schema>));
            }
            let list = OperationBuilder::new()
                .summary(Some(R::SUMMARY))
                .response("200", listed)
                .response("400", problem("Paramètre invalide"))
                .build();
            let one = OperationBuilder::new()
                .summary(Some(format!("Un seul de ces enregistrements ({name}), par son identifiant : une Feature GeoJSON.")))
                .parameter(
                    ParameterBuilder::new()
                        .name("id")
                        .parameter_in(ParameterIn::Path)
                        .required(Required::True)
                        .description(Some("Identifiant"))
                        .schema(Some(
                            ObjectBuilder::new()
                                .schema_type(SchemaType::new(Type::String))
                                .pattern(Some("^[a-z0-9-]{1,100}$")),
                        )),
                )
                .response("200", geojson("Feature GeoJSON (RFC 7946)"))
                .response("404", problem("Aucun enregistrement de cet identifiant"))
                .build();
            let paths = &mut self.0.paths.paths;
            paths.insert(format!("/api/{name}"), PathItem::new(HttpMethod::Get, list));
            paths.insert(
                format!("/api/{name}/{{id}}"),
                PathItem::new(HttpMethod::Get, one),
            );
        }
    }
    each_kind(&mut Paths(doc));
}

/// A declared parameter as OpenAPI says it: its values as a schema, lists as
/// comma-separated values (`style: form, explode: false`).
fn openapi_parameter(p: &dyn Documented) -> Parameter {
    let string = || ObjectBuilder::new().schema_type(SchemaType::new(Type::String));
    let list = p.many();
    let schema: Schema = match p.values() {
        Values::Labels(labels) => string().enum_values(Some(labels.iter().copied())).into(),
        Values::Codes { pattern, example } => {
            string().pattern(Some(pattern)).examples([example]).into()
        }
        Values::Text { max_chars } => string().max_length(Some(max_chars)).into(),
        Values::Number { above, max } => ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::Number))
            .exclusive_minimum(Some(above))
            .maximum(Some(max))
            .into(),
        Values::Integer { min, max } => ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::Integer))
            .minimum(Some(min as f64))
            .maximum(Some(max as f64))
            .into(),
        Values::Date => string()
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .into(),
        Values::YesNo => string().enum_values(Some(YES_NO)).into(),
        Values::Numbers { pattern, example } => {
            string().pattern(Some(pattern)).examples([example]).into()
        }
        Values::Colour => string().pattern(Some("^#[0-9a-fA-F]{6}$")).into(),
    };
    let schema: RefOr<Schema> = if list {
        // An empty list (`zone=`) is no filter.
        ArrayBuilder::new().items(RefOr::T(schema)).into()
    } else {
        // An empty value (`to=`, as a form sends a field left blank) is no filter.
        AnyOfBuilder::new()
            .item(schema)
            .item(string().enum_values(Some([""])))
            .into()
    };
    let doc = match p.aliases() {
        [] => p.doc().to_owned(),
        old => format!("{} (Ancien nom, encore lu : {}.)", p.doc(), old.join(", ")),
    };
    ParameterBuilder::new()
        .name(p.name())
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(doc))
        .schema(Some(schema))
        .style(list.then_some(ParameterStyle::Form))
        .explode(list.then_some(false))
        .build()
}

/// The whole description: the handlers' annotations, and the query parameters of
/// [`QUERY`]. Built once.
pub fn description() -> &'static Description {
    static DESCRIPTION: OnceLock<Description> = OnceLock::new();
    DESCRIPTION.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        record_paths(&mut doc);
        // Every answer of the API carries a strong ETag (`cache::respond`).
        for (path, item) in doc.paths.paths.iter_mut() {
            if let (true, Some(get)) = (path.starts_with("/api/"), item.get.as_mut()) {
                get.responses
                    .responses
                    .entry("304".to_owned())
                    .or_insert_with(|| {
                        Response::new("Inchangé depuis l'ETag donné dans If-None-Match").into()
                    });
            }
        }
        let paths: Vec<String> = doc.paths.paths.keys().cloned().collect();
        for path in paths {
            let Some(operation) = doc
                .paths
                .paths
                .get_mut(&path)
                .and_then(|item| item.get.as_mut())
            else {
                continue;
            };
            let parameters = operation.parameters.get_or_insert_with(Vec::new);
            for p in declared_parameters(&path) {
                // A parameter of two filters (`/api/stats` reads places and events) is
                // described once.
                if !parameters.iter().any(|q| q.name == p.name()) {
                    parameters.push(openapi_parameter(p));
                }
            }
        }
        doc
    })
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "API Carto82",
        description = "Lieux d'aide au numérique, événements et territoire du Tarn-et-Garonne, en données ouvertes. Plusieurs valeurs d'un même filtre : l'une ou l'autre ; plusieurs filtres : tous à la fois.",
        license(name = "Licence Ouverte 2.0 (données)")
    ),
    paths(
        super::events::ics,
        super::events::one_ics,
        super::stats::stats,
        super::coverage::json,
        super::coverage::svg,
        super::coverage::communes_csv,
        super::coverage::epci_csv,
        super::coverage::programme_csv,
        super::territory::layer,
        super::territory::communes,
        super::health
    ),
    components(schemas(super::error::Problem))
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`
pub async fn json(req: HttpRequest) -> HttpResponse {
    let body = description().to_json().expect("OpenAPI serialises");
    cache::respond(&req, "application/json", body.into_bytes().into())
}

/// How many operations the description has (for the contract test).
pub fn described_operations() -> usize {
    description()
        .paths
        .paths
        .values()
        .filter(|item| item.get.is_some())
        .count()
}

/// The query parameters of a path in the description, for tests and the French page.
pub fn parameters(path: &str) -> Vec<String> {
    let doc = description();
    doc.paths
        .paths
        .get(path)
        .and_then(|item| item.get.as_ref())
        .and_then(|op| op.parameters.as_ref())
        .map(|ps| {
            ps.iter()
                .filter(|p| matches!(p.parameter_in, ParameterIn::Query))
                .map(|p| p.name.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// `GET /api`: the same description as a page in plain French, with examples.
pub async fn page(req: HttpRequest) -> HttpResponse {
    let doc = description();
    use crate::plain_page::document;
    use app::model::escape_html;
    let mut html = String::from(concat!(
        "<h1>API de Carto82</h1>",
        "<p>Les données de Carto82 sont ouvertes : tout site ou programme peut les lire, sans clé. ",
        "Les lieux suivent le standard national des lieux de médiation numérique. ",
        "Les réponses portent un <code>ETag</code> et peuvent être gardées en cache.</p>",
        "<p>Description complète pour les programmes : <a href=\"/api/openapi.json\">OpenAPI (JSON)</a>.</p>",
        "<h2>Exemples</h2><ul>",
        "<li><a href=\"/api/places?zone=Ouest&amp;fees=Gratuit\">Lieux gratuits de la zone Ouest</a></li>",
        "<li><a href=\"/api/places?near=44.0176,1.3545&amp;radius=5\">Lieux à moins de 5 km du centre de Montauban</a></li>",
        "<li><a href=\"/api/places?format=csv\">Tous les lieux au format CSV du standard national</a></li>",
        "<li><a href=\"/api/events?type=atelier&amp;zone=Est\">Ateliers de la zone Est</a></li>",
        "<li><a href=\"/api/events.ics?theme=IA\">Agenda des événements sur l'IA, à ajouter à un calendrier</a></li>",
        "<li><a href=\"/api/resources?commune=82121\">Ressources (wifi, matériel en accès libre, prêt…) pour les habitants de Montauban</a></li>",
        "<li><a href=\"/api/coverage?programme=France%20Services&amp;zone=Ouest\">Couverture de la zone Ouest par les France services : qui habite à plus de 15 km ?</a></li>",
        "<li><a href=\"/api/coverage/epci.csv\">Indicateurs de couverture par EPCI (CSV)</a></li>",
        "<li><a href=\"/api/stats\">Nombre de lieux et d'événements par zone et par EPCI</a></li>",
        "</ul><h2>Adresses</h2>"
    ));
    for (path, item) in &doc.paths.paths {
        let Some(op) = &item.get else { continue };
        html.push_str(&format!("<h3><code>GET {}</code></h3>", escape_html(path)));
        if let Some(summary) = &op.summary {
            html.push_str(&format!("<p>{}</p>", escape_html(summary)));
        }
        if let Some(params) = &op.parameters
            && !params.is_empty()
        {
            html.push_str("<table><thead><tr><th scope=\"col\">paramètre</th><th scope=\"col\">sens</th></tr></thead><tbody>");
            for p in params {
                html.push_str(&format!(
                    "<tr><td><code>{}</code></td><td>{}</td></tr>",
                    escape_html(&p.name),
                    escape_html(p.description.as_deref().unwrap_or(""))
                ));
            }
            html.push_str("</tbody></table>");
        }
    }
    html.push_str("<p><a href=\"/\">Revenir à la carte</a></p>");
    let page = document(&req, "API de Carto82", Some("doc-api"), &html);
    cache::respond(&req, "text/html; charset=utf-8", page.into_bytes().into())
}
