//! Pages the server writes itself, outside the Leptos app (the 404, the answer to a report,
//! the French page of the API): one document frame, in French, with the site's stylesheet,
//! header and footer, so that they read like every other page.

use actix_web::{HttpRequest, web};
use app::model::escape_html;
use app::server_html;

use crate::dataset::Store;

/// A whole document: `title` is text, `main` is HTML already escaped by the caller. The
/// footer's accessibility state is that of the data current for `req`.
pub fn document(req: &HttpRequest, title: &str, main_class: Option<&str>, main: &str) -> String {
    document_styled(req, title, main_class, main, None)
}

/// The same, with a stylesheet of its own besides the site's (pages whose styles every
/// other page would otherwise download).
pub fn document_styled(
    req: &HttpRequest,
    title: &str,
    main_class: Option<&str>,
    main: &str,
    stylesheet: Option<&str>,
) -> String {
    let extra = stylesheet
        .map(|href| format!("<link rel=\"stylesheet\" href=\"{}\">", escape_html(href)))
        .unwrap_or_default();
    frame(req, title, main_class, main, &extra)
}

/// The same with a stylesheet of its own and the site's small script (`gestes.js`: copy
/// and print buttons), which then also says the page is ready.
pub fn document_with_gestures(
    req: &HttpRequest,
    title: &str,
    main_class: Option<&str>,
    main: &str,
    stylesheet: &str,
) -> String {
    frame(
        req,
        title,
        main_class,
        main,
        &format!(
            "<link rel=\"stylesheet\" href=\"{}\"><script defer src=\"/assets/gestes.js\" data-seul></script>",
            escape_html(stylesheet)
        ),
    )
}

fn frame(
    req: &HttpRequest,
    title: &str,
    main_class: Option<&str>,
    main: &str,
    extra: &str,
) -> String {
    let conformity = req.app_data::<web::Data<Store>>().and_then(|store| {
        store
            .current()
            .publication
            .as_ref()
            .map(|p| p.accessibilite.etat)
    });
    let class = main_class
        .map(|c| format!(" class=\"{}\"", escape_html(c)))
        .unwrap_or_default();
    format!(
        concat!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>{title}</title>{social}<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">",
            "<link rel=\"stylesheet\" href=\"/assets/carto82.css\">{extra}</head>",
            "<body{tiles}>{header}<main id=\"contenu\"{class}>{main}</main>{footer}</body></html>"
        ),
        title = escape_html(title),
        extra = extra,
        social = social_meta(req, title),
        // The background of a small map, when the site has one (`CARTO82_TILES`).
        tiles = req
            .app_data::<web::Data<app::ShellConfig>>()
            .and_then(|c| c.tiles.as_ref())
            .map(|t| format!(
                " data-tuiles=\"{}\" data-attribution=\"{}\"",
                escape_html(&t.url),
                escape_html(&t.attribution)
            ))
            .unwrap_or_default(),
        header = server_html::site_header(),
        class = class,
        main = main,
        footer = server_html::site_footer(conformity),
    )
}

/// The card a social network shows for this page: its title, and the rest as the app's
/// pages say it (`app::server_html::social_meta`).
fn social_meta(req: &HttpRequest, title: &str) -> String {
    let origin = req
        .app_data::<web::Data<crate::client::SiteAddress>>()
        .map(|site| site.origin(req))
        .unwrap_or_default();
    format!(
        "<meta property=\"og:title\" content=\"{}\">{}",
        escape_html(title),
        server_html::social_meta(origin, req.path().to_owned())
    )
}
