//! The API described in OpenAPI, generated from the handlers' annotations and the parameter
//! lists below (a test checks they match the parsers), served as `/api/openapi.json` and as
//! a page in French at `/api`.

use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::openapi::path::ParameterIn;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::cache;

/// Where: shared by places, events and statistics.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AreaParams {
    /// Zone du département : Est, Centre ou Ouest. Plusieurs : `zone=Est,Ouest`.
    zone: Option<String>,
    /// Communauté de communes ou d'agglomération (EPCI), par son SIREN à 9 chiffres.
    epci: Option<String>,
    /// Commune, par son code INSEE à 5 chiffres (celle où se trouve le point).
    commune: Option<String>,
    /// Rectangle « ouest,sud,est,nord » en degrés WGS84.
    bbox: Option<String>,
    /// Point « latitude,longitude » : les résultats vont du plus proche au plus loin et portent `distance_km`.
    near: Option<String>,
    /// Rayon autour de `near`, en km (10 par défaut, 300 au plus).
    radius: Option<f64>,
    /// Mots à trouver, sans tenir compte des accents ni des majuscules.
    q: Option<String>,
}

/// What a place offers, in the national standard's words.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PlaceParams {
    /// Service du standard national, par exemple « Aide aux démarches administratives ».
    service: Option<String>,
    /// Public du standard : Jeunes, Étudiants, Familles et/ou enfants, Seniors, Femmes.
    public: Option<String>,
    /// Prise en charge spécifique du standard : Surdité, Handicaps moteurs, Handicaps mentaux, Illettrisme, Langues étrangères (anglais), Langues étrangères (autres), Déficience visuelle.
    prise_en_charge: Option<String>,
    /// Frais : Gratuit, Gratuit sous condition, Payant.
    frais: Option<String>,
    /// Dispositif national, par exemple « France Services » ou « Conseillers numériques ».
    programme: Option<String>,
    /// `oui` : ouvert maintenant (heure de Paris), d'après les horaires du lieu.
    open_now: Option<String>,
    /// Ouvert à un moment de ce jour (AAAA-MM-JJ).
    open_on: Option<String>,
}

/// What an event is, and when.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct EventParams {
    /// Thème : famille, santé, numérique responsable, éducation, IA.
    theme: Option<String>,
    /// Type : conférence, table ronde, atelier, exposition, rencontre, autre.
    #[param(rename = "type")]
    type_: Option<String>,
    /// Statut : programmé, date modifiée, reporté, complet, annulé.
    status: Option<String>,
    /// Événements ayant un créneau ce jour-là ou après (AAAA-MM-JJ).
    from: Option<String>,
    /// Événements ayant un créneau ce jour-là ou avant (AAAA-MM-JJ).
    to: Option<String>,
}

/// Coverage: what is shown, and which programme edition.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct CoverageParams {
    /// Zones à montrer (Est, Centre, Ouest) : les lieux de toutes les zones comptent toujours, car on peut traverser une limite de zone.
    zone: Option<String>,
    /// Mots que le lieu doit contenir pour compter.
    q: Option<String>,
    /// Édition du programme (année) ; la plus récente par défaut.
    edition: Option<u16>,
}

/// What a resource is, and for whom.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ResourceParams {
    /// Type : équipement en accès libre, wifi public, prêt de matériel, vente solidaire, tutoriel en ligne, service en ligne, formation.
    #[param(rename = "type")]
    type_: Option<String>,
    /// Public du standard (Jeunes, Étudiants, Familles et/ou enfants, Seniors, Femmes) ; les ressources pour tous sont toujours incluses.
    public: Option<String>,
    /// Frais : Gratuit, Gratuit sous condition, Payant.
    frais: Option<String>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FormatParam {
    /// `geojson` (par défaut), `csv` (le CSV exact du standard national) ou `json` (ses lignes en JSON).
    format: Option<String>,
}

/// An error, as RFC 7807 describes it.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct Problem {
    r#type: String,
    title: String,
    status: u16,
    /// What is wrong, in French.
    detail: String,
    /// The query parameter at fault, if one is.
    parameter: Option<String>,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "API Carto82",
        description = "Lieux d'aide au numérique, événements et territoire du Tarn-et-Garonne, en données ouvertes. Plusieurs valeurs d'un même filtre : l'une ou l'autre ; plusieurs filtres : tous à la fois.",
        license(name = "Licence Ouverte 2.0 (données)")
    ),
    paths(
        super::places::list,
        super::events::list,
        super::events::ics,
        super::events::one_ics,
        super::resources::list,
        super::stats::stats,
        super::coverage::json,
        super::coverage::svg,
        super::coverage::communes_csv,
        super::coverage::epci_csv,
        super::territory::layer,
        super::health
    ),
    components(schemas(Problem))
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`
pub async fn json(req: HttpRequest) -> HttpResponse {
    let body = ApiDoc::openapi().to_json().expect("OpenAPI serialises");
    cache::respond(&req, "application/json", body.into_bytes().into())
}

/// The query parameters of a path in the description, for tests and the French page.
pub fn parameters(path: &str) -> Vec<String> {
    let doc = ApiDoc::openapi();
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
    let doc = ApiDoc::openapi();
    use crate::plain_page::document;
    use app::model::escape_html;
    let mut html = String::from(concat!(
        "<h1>API de Carto82</h1>",
        "<p>Les données de Carto82 sont ouvertes : tout site ou programme peut les lire, sans clé. ",
        "Les lieux suivent le standard national des lieux de médiation numérique. ",
        "Les réponses portent un <code>ETag</code> et peuvent être gardées en cache.</p>",
        "<p>Description complète pour les programmes : <a href=\"/api/openapi.json\">OpenAPI (JSON)</a>.</p>",
        "<h2>Exemples</h2><ul>",
        "<li><a href=\"/api/places?zone=Ouest&amp;frais=Gratuit\">Lieux gratuits de la zone Ouest</a></li>",
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
    let page = document("API de Carto82", Some("doc-api"), &html);
    cache::respond(&req, "text/html; charset=utf-8", page.into_bytes().into())
}
