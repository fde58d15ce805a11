//! oEmbed 1.0 (<https://oembed.com>): a content system given the link of one of our maps
//! asks `/oembed?url=…` for the HTML to show, and gets our embed as a frame ("rich" type).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use app::EmbedQuery;
use app::model::Query;
use app::model::embed::{DEFAULT_HEIGHT_PX, frame_title, iframe_code};

use crate::api::ApiError;
use crate::client::SiteAddress;
use crate::framing::EMBED_PATH;

const DEFAULT_WIDTH_PX: u32 = 800;
/// Consumers may keep an answer this long (seconds): the code of a view does not change.
const CACHE_AGE_S: u32 = 86_400;

#[derive(Debug, Deserialize)]
pub struct OembedQuery {
    url: Option<String>,
    maxwidth: Option<String>,
    maxheight: Option<String>,
    format: Option<String>,
}

/// The fields of a "rich" answer (oEmbed 1.0, sections 2.3.4 and 2.3.4.4).
#[derive(Debug, Serialize)]
struct Rich {
    version: &'static str,
    r#type: &'static str,
    title: String,
    provider_name: &'static str,
    provider_url: String,
    cache_age: u32,
    html: String,
    width: u32,
    height: u32,
}

pub async fn oembed(
    request: HttpRequest,
    query: web::Query<OembedQuery>,
    site: web::Data<SiteAddress>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    if query.format.as_deref().is_some_and(|f| f != "json") {
        return Err(ApiError::not_implemented(
            "seul le format json est proposé (format=json)",
        ));
    }
    let url = query.url.filter(|u| !u.trim().is_empty()).ok_or_else(|| {
        ApiError::bad_parameter("url", "l'adresse d'une carte Carto82 est attendue")
    })?;
    let origin = site.origin(&request);
    let embed = read_map_url(&url, &origin)?;
    let width = bounded("maxwidth", query.maxwidth, DEFAULT_WIDTH_PX)?;
    let height = bounded("maxheight", query.maxheight, DEFAULT_HEIGHT_PX)?;
    let heading = embed.options.heading();
    // Without our resizing script: content systems often remove scripts, and the frame
    // works at the height given.
    let html = iframe_code(&origin, &embed.query(), heading, Some(width), height, false);
    Ok(HttpResponse::Ok()
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .json(Rich {
            version: "1.0",
            r#type: "rich",
            title: frame_title(heading),
            provider_name: "Carto82",
            provider_url: format!("{origin}/"),
            cache_age: CACHE_AGE_S,
            html,
            width,
            height,
        }))
}

/// A link to our map page or to an embed, with parameters they understand; anything else
/// has no answer (404, as oEmbed says).
fn read_map_url(url: &str, origin: &str) -> Result<EmbedQuery, ApiError> {
    let not_ours = || {
        ApiError::not_found(format!(
            "« {url} » n'est pas une carte de {origin} (la carte « / » ou « {EMBED_PATH} »)"
        ))
    };
    let parsed = url::Url::parse(url.trim()).map_err(|_| not_ours())?;
    if parsed.origin().ascii_serialization() != origin
        || !["/", EMBED_PATH].contains(&parsed.path())
    {
        return Err(not_ours());
    }
    EmbedQuery::read(&Query::from_pairs(parsed.query_pairs()))
        .map_err(|e| ApiError::not_found(format!("« {url} » : {e}")))
}

/// `max` if given (a positive whole number), else `default`, whichever is smaller.
fn bounded(name: &str, max: Option<String>, default: u32) -> Result<u32, ApiError> {
    match max.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => Ok(default),
        Some(m) => m
            .parse::<u32>()
            .ok()
            .filter(|m| *m > 0)
            .map(|m| m.min(default))
            .ok_or_else(|| {
                ApiError::bad_parameter(name, format!("« {m} » : nombre entier de pixels attendu"))
            }),
    }
}
