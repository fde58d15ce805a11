//! The `/kit` pages: the programme's identity and every file of the kit to choose from
//! (`overview`), and the files of one event, place or actor (`subject`), each previewed
//! and downloadable. Written by the server; every value through `escape_html`.

use std::fmt::Write;

use actix_web::{HttpRequest, HttpResponse, web};
use app::format::{capitalised, slot_fr};
use app::model::{Actor, Event, Place, Record, escape_html, page_path};

use crate::client::SiteAddress;
use crate::dataset::identity::Identity;
use crate::dataset::{Dataset, Store};
use crate::plain_page;

use super::documents::{Context, social_text};
use super::files::{KitFile, Programme, edition, of_actor};

fn html(req: &HttpRequest, title: &str, main: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(plain_page::document_with_gestures(
            req,
            &format!("{title} – Carto82"),
            Some("kit"),
            main,
            "/assets/kit.css",
        ))
}

pub fn not_found(req: &HttpRequest) -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("text/html; charset=utf-8")
        .body(plain_page::document(
            req,
            "Fichier introuvable – Carto82",
            Some("kit"),
            "<h1>Ce fichier n'existe pas</h1><p>L'événement ou le lieu a peut-être été retiré de la carte.</p><p><a href=\"/kit\">Revenir au kit de communication</a></p>",
        ))
}

fn today() -> chrono::NaiveDate {
    app::model::hours::paris_now().date()
}

/// A file: its preview when it has one, and the link that downloads it.
fn file_block(
    out: &mut String,
    heading: &str,
    file: &KitFile,
    preview: Option<(&KitFile, &str, (u32, u32))>,
    what: &str,
) {
    let _ = write!(
        out,
        "<section class=\"kit-fichier\"><h3>{}</h3>",
        escape_html(heading)
    );
    if let Some((image, alt, (w, h))) = preview {
        let _ = write!(
            out,
            "<img class=\"apercu\" src=\"{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\" loading=\"lazy\">",
            escape_html(&image.path()),
            escape_html(alt)
        );
    }
    let _ = write!(
        out,
        "<p><a href=\"{}\" download=\"{}\">{}</a></p></section>",
        escape_html(&file.path()),
        escape_html(&file.file_name()),
        escape_html(what)
    );
}

const A4_PREVIEW: (u32, u32) = (595, 842);

fn identity_section(out: &mut String, identity: &Identity, ctx: &Context) {
    out.push_str("<h2>L'identité de l'événement</h2>");
    let _ = write!(
        out,
        "<p class=\"kit-nom\"><strong>{}</strong>",
        escape_html(&identity.nom)
    );
    if let Some(dates) = ctx.edition_dates() {
        let _ = write!(out, " : {}", escape_html(&dates.to_lowercase()));
    }
    let _ = write!(
        out,
        ". Organisé par {}.</p>",
        escape_html(&identity.organisateur)
    );
    if identity.logo.is_some() {
        let _ = write!(
            out,
            "<img class=\"kit-logo\" src=\"/kit/logo.svg\" alt=\"Logo de {}\" height=\"120\"><p>Le logo : <a href=\"/kit/logo.svg\" download=\"logo.svg\">en SVG (pour imprimer)</a> · <a href=\"/kit/logo.png\" download=\"logo.png\">en PNG (pour un site ou un document)</a></p>",
            escape_html(&identity.nom)
        );
    }
    let colours = &identity.couleurs;
    out.push_str("<h3>Les couleurs</h3><ul class=\"kit-couleurs\">");
    for (name, colour) in [
        ("Couleur principale (fonds, titres)", colours.principale),
        ("Texte sur la couleur principale", colours.sur_principale),
        ("Couleur d'accent (décor seulement)", colours.accent),
    ] {
        let _ = write!(
            out,
            "<li><svg width=\"32\" height=\"32\" aria-hidden=\"true\"><rect width=\"32\" height=\"32\" fill=\"{hex}\" stroke=\"#595959\"/></svg> {name} : <code>{hex}</code></li>",
            hex = colour.hex(),
            name = escape_html(name)
        );
    }
    out.push_str("</ul>");
    if !identity.messages.is_empty() {
        out.push_str("<h3>Les messages clés</h3><ul>");
        for message in &identity.messages {
            let _ = write!(out, "<li>{}</li>", escape_html(message));
        }
        out.push_str("</ul>");
    }
    if let Some(tag) = &identity.mot_diese {
        let _ = write!(
            out,
            "<h3>Le mot-dièse</h3><p>Sur les réseaux sociaux : <strong>{}</strong></p>",
            escape_html(tag)
        );
    }
    let _ = write!(
        out,
        "<h3>Comment citer le Département</h3><blockquote><p>{}</p></blockquote>",
        escape_html(&identity.citation)
    );
}

/// `/kit`: the identity, the programmes, and every event, place and actor to choose from.
pub async fn overview(req: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    let dataset = store.current();
    let site = Identity::site();
    let identity = dataset.identity.as_ref().unwrap_or(&site);
    let origin = origin(&req);
    let ctx = Context {
        identity,
        edition: edition(&dataset),
        origin: &origin,
    };
    let mut out = String::from("<h1>Kit de communication</h1>");
    out.push_str("<p>Des affiches, des programmes et des images pour faire connaître les événements et les lieux d'aide. Tout est fait avec les informations de la carte : quand une information change, les fichiers changent aussi. Chaque affiche a un code QR qui ouvre sa page sur Carto82.</p>");
    if identity.exemple {
        out.push_str("<p class=\"kit-exemple\"><strong>Exemple.</strong> Ce nom, ce logo, ces couleurs et ces messages sont un exemple. Le Département les remplace par les siens (fichier <code>identite.json</code> des données).</p>");
    }
    identity_section(&mut out, identity, &ctx);
    out.push_str("<h2>Les programmes à imprimer</h2><p>Chaque programme donne les événements jour par jour, avec une petite carte et un code QR par événement.</p><ul class=\"kit-liste\">");
    for programme in Programme::all(&dataset) {
        let count = programme.events(&dataset).len();
        let _ = write!(
            out,
            "<li><a href=\"{}\" download=\"{}\">{} (PDF, {})</a> · <a href=\"{}\">aperçu de la première page</a></li>",
            escape_html(&KitFile::Leaflet(programme.clone()).path()),
            escape_html(&KitFile::Leaflet(programme.clone()).file_name()),
            escape_html(&programme.title(&dataset)),
            escape_html(&app::format::count_events(count)),
            escape_html(&KitFile::LeafletPreview(programme).path()),
        );
    }
    out.push_str("</ul>");
    events_list(&mut out, &dataset.records.events.iter().collect::<Vec<_>>());
    places_list(&mut out, &dataset.records.places.iter().collect::<Vec<_>>());
    let actors: Vec<Link> = dataset
        .records
        .actors
        .iter()
        .map(|actor| Link {
            href: format!("/kit/acteurs/{}", actor.id().as_str()),
            text: actor.title().into_owned(),
            after: None,
        })
        .collect();
    folded_links(
        &mut out,
        "Une structure",
        "kit-structures",
        "structures",
        &actors,
    );
    html(&req, "Kit de communication", &out)
}

fn events_list(out: &mut String, events: &[&Event]) {
    out.push_str("<h2>Un événement : son affiche et ses images</h2>");
    if events.is_empty() {
        out.push_str("<p>Aucun événement.</p>");
        return;
    }
    let mut events = events.to_vec();
    events.sort_by_key(|e| e.debut());
    let today = today();
    out.push_str("<ul class=\"kit-liste\">");
    for event in events {
        let _ = write!(
            out,
            "<li><a href=\"/kit/evenements/{}\">{}</a> : {}, {}{}{}</li>",
            escape_html(event.id().as_str()),
            escape_html(&event.title()),
            escape_html(&app::format::day_fr(event.debut().date_naive())),
            escape_html(&event.properties.commune),
            if event.is_past(today) {
                " (passé)"
            } else {
                ""
            },
            if event.properties.exemple {
                " (exemple)"
            } else {
                ""
            },
        );
    }
    out.push_str("</ul>");
}

fn places_list(out: &mut String, places: &[&Place]) {
    let mut places = places.to_vec();
    places.sort_by(|a, b| {
        (&a.properties.commune, a.title()).cmp(&(&b.properties.commune, b.title()))
    });
    let links: Vec<Link> = places
        .iter()
        .map(|place| Link {
            href: format!("/kit/lieux/{}", place.id().as_str()),
            text: place.properties.display_name(),
            after: Some(place.properties.commune.clone()),
        })
        .collect();
    folded_links(
        out,
        "Un lieu : son panneau « Ici, on vous aide »",
        "kit-lieux",
        "lieux",
        &links,
    );
}

/// A link of a folded list: its address, its text, and what follows it in brackets.
struct Link {
    href: String,
    text: String,
    after: Option<String>,
}

/// A heading and its links folded under « Choisir parmi les N … »; nothing when there are
/// none.
fn folded_links(out: &mut String, heading: &str, id: &str, noun: &str, links: &[Link]) {
    if links.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h2>{}</h2><details id=\"{id}\"><summary>Choisir parmi les {} {noun}</summary><ul class=\"kit-liste\">",
        escape_html(heading),
        links.len()
    );
    for link in links {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a>{}</li>",
            escape_html(&link.href),
            escape_html(&link.text),
            link.after
                .as_deref()
                .map(|a| format!(" ({})", escape_html(a)))
                .unwrap_or_default()
        );
    }
    out.push_str("</ul></details>");
}

fn origin(req: &HttpRequest) -> String {
    req.app_data::<web::Data<SiteAddress>>()
        .map(|site| site.origin(req))
        .unwrap_or_default()
}

/// `/kit/evenements/{id}`, `/kit/lieux/{id}`, `/kit/acteurs/{id}`.
pub fn subject(req: &HttpRequest, tail: &str, dataset: &Dataset) -> HttpResponse {
    let parts: Vec<&str> = tail.split('/').collect();
    let site = Identity::site();
    let identity = dataset.identity.as_ref().unwrap_or(&site);
    let origin = origin(req);
    let ctx = Context {
        identity,
        edition: edition(dataset),
        origin: &origin,
    };
    let back = "<p class=\"fil\"><a href=\"/kit\">Kit de communication</a></p>";
    match parts.as_slice() {
        ["evenements", id] => {
            let Some(event) = dataset.records.by_text::<Event>(id) else {
                return not_found(req);
            };
            let mut out = format!(
                "{back}<h1>Affiche et visuels : {}</h1>",
                escape_html(&event.title())
            );
            event_files(&mut out, &ctx, event);
            html(
                req,
                &format!("Affiche et visuels : {}", event.title()),
                &out,
            )
        }
        ["lieux", id] => {
            let Some(place) = dataset.records.by_text::<Place>(id) else {
                return not_found(req);
            };
            let name = place.properties.display_name();
            let mut out = format!("{back}<h1>Panneau et image : {}</h1>", escape_html(&name));
            place_files(&mut out, place);
            html(req, &format!("Panneau et image : {name}"), &out)
        }
        ["acteurs", id] => {
            let Some(actor) = dataset.records.by_text::<Actor>(id) else {
                return not_found(req);
            };
            let (events, places) = of_actor(dataset, actor);
            let mut out = format!(
                "{back}<h1>Affiches et visuels : {}</h1><p><a href=\"{}\">La fiche de la structure</a></p>",
                escape_html(&actor.title()),
                escape_html(&page_path(actor))
            );
            if events.is_empty() {
                out.push_str("<h2>Ses événements</h2><p>Cette structure n'organise aucun événement du programme.</p>");
            } else {
                events_list(&mut out, &events);
            }
            if places.is_empty() {
                out.push_str(
                    "<h2>Ses lieux</h2><p>Cette structure ne tient aucun lieu de la carte.</p>",
                );
            } else {
                places_list(&mut out, &places);
            }
            html(
                req,
                &format!("Affiches et visuels : {}", actor.title()),
                &out,
            )
        }
        _ => not_found(req),
    }
}

fn event_files(out: &mut String, ctx: &Context, event: &Event) {
    let id = event.id().as_str().to_owned();
    let p = &event.properties;
    let first = p
        .creneaux
        .first()
        .expect("at least one slot, checked at load");
    let _ = write!(
        out,
        "<p>{} · {}, {}. <a href=\"{}\">La page de l'événement</a></p>",
        escape_html(&capitalised(&slot_fr(first.debut, first.fin))),
        escape_html(&p.lieu_nom),
        escape_html(&p.commune),
        escape_html(&page_path(event))
    );
    if event.is_past(today()) {
        out.push_str("<p class=\"kit-exemple\"><strong>Cet événement est passé.</strong> Ses fichiers restent là pour mémoire.</p>");
    }
    if p.exemple {
        out.push_str("<p class=\"kit-exemple\"><strong>Exemple.</strong> Cet événement est inventé, pour montrer le kit. Ses fichiers le disent.</p>");
    }
    out.push_str("<h2>À imprimer</h2>");
    file_block(
        out,
        "L'affiche A4",
        &KitFile::Poster(id.clone()),
        Some((
            &KitFile::PosterPreview(id.clone()),
            &format!("Aperçu de l'affiche : {}", event.title()),
            A4_PREVIEW,
        )),
        "Télécharger l'affiche A4 (PDF)",
    );
    file_block(
        out,
        "Le flyer A5",
        &KitFile::Flyer(id.clone()),
        None,
        "Télécharger le flyer A5 (PDF) : la même affiche, en plus petit",
    );
    out.push_str("<h2>Pour les réseaux sociaux</h2>");
    file_block(
        out,
        "Image carrée (1080 × 1080)",
        &KitFile::SquareImage(id.clone()),
        Some((
            &KitFile::SquareImage(id.clone()),
            &format!("Image carrée : {}", event.title()),
            (540, 540),
        )),
        "Télécharger l'image carrée (PNG)",
    );
    file_block(
        out,
        "Image large (1200 × 630)",
        &KitFile::WideImage(id.clone()),
        Some((
            &KitFile::WideImage(id),
            &format!("Image large : {}", event.title()),
            (600, 315),
        )),
        "Télécharger l'image large (PNG)",
    );
    let text = social_text(ctx, event);
    let _ = write!(
        out,
        "<h3><label for=\"texte-a-copier\">Texte à copier ({} caractères)</label></h3><textarea id=\"texte-a-copier\" readonly rows=\"8\">{}</textarea><p class=\"avec-js\"><button type=\"button\" data-geste=\"copier\" data-texte=\"{}\" data-fait=\"Texte copié.\">Copier le texte</button> <span role=\"status\"></span></p>",
        text.chars().count(),
        escape_html(&text),
        escape_html(&text)
    );
}

fn place_files(out: &mut String, place: &Place) {
    let id = place.id().as_str().to_owned();
    let _ = write!(
        out,
        "<p>{}, {} {}. <a href=\"{}\">La fiche du lieu</a></p>",
        escape_html(&place.properties.adresse),
        escape_html(place.properties.code_postal.as_str()),
        escape_html(&place.properties.commune),
        escape_html(&page_path(place))
    );
    file_block(
        out,
        "Le panneau A4 « Ici, on vous aide avec le numérique »",
        &KitFile::Sign(id.clone()),
        Some((
            &KitFile::SignPreview(id.clone()),
            &format!("Aperçu du panneau : {}", place.properties.display_name()),
            A4_PREVIEW,
        )),
        "Télécharger le panneau A4 (PDF), pour une porte ou une vitrine",
    );
    file_block(
        out,
        "Image large (1200 × 630), pour les réseaux sociaux",
        &KitFile::PlaceImage(id.clone()),
        Some((
            &KitFile::PlaceImage(id),
            &format!("Image du lieu : {}", place.properties.display_name()),
            (600, 315),
        )),
        "Télécharger l'image (PNG)",
    );
}
