//! What the kit's files say, and where: the poster (A4, and the A5 flyer, the same page
//! smaller), a place's sign, the programme leaflets and booklet, and the images and text for
//! social networks. Pure layout: sheets of marks, drawn by `pdf` and `png`.

use chrono::{Datelike, NaiveDate, Timelike};
use geo::{CoordsIter, MultiPolygon};

use app::format::{capitalised, count_events, date_fr, phone_fr, slot_fr, time_of_day_fr};
use app::model::plain_words::PlainWords;
use app::model::standard::Frais;
use app::model::{ActivityType, Event, EventStatus, Inscription, Place, page_path};

use crate::dataset::call::Edition;
use app::model::colour::Colour;

use crate::dataset::identity::{INK, Identity, WHITE};
use crate::svg_map::Projection;

use super::fonts::Weight::{Bold, Regular};
use super::sheet::{A4, Column, Mark, Sheet, Style};
use super::typography::french;

/// What every file of the kit needs besides its subject.
pub struct Context<'a> {
    pub identity: &'a Identity,
    /// The edition whose dates the identity gives, when known.
    pub edition: Option<&'a Edition>,
    /// The site's address, which the QR codes and links carry (`CARTO82_URL` or the request's).
    pub origin: &'a str,
}

/// Fifteen millimetres: no printer cuts into it.
const MARGIN: f32 = 42.5;
const GREY: Colour = Colour::new(0x59, 0x59, 0x59);
/// The site's colour for warnings (7.4 : 1 on white).
const ALERT: Colour = Colour::new(0x8a, 0x1c, 0x00);

impl Context<'_> {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    fn colour(&self) -> Colour {
        self.identity.couleurs.principale
    }

    /// « Du 13 avril au 10 mai 2026 ».
    pub fn edition_dates(&self) -> Option<String> {
        self.edition.map(|e| span_fr(e.debut, e.fin))
    }

    /// The identity's band across the top of a page: logo, name, dates.
    fn band(&self, sheet: &mut Sheet, height: f32, scale: f32) {
        let on_band = self.identity.couleurs.sur_principale;
        sheet.rect(0.0, 0.0, sheet.width, height, self.colour());
        sheet.rect(
            0.0,
            height,
            sheet.width,
            6.0 * scale,
            self.identity.couleurs.accent,
        );
        let mut x = MARGIN * scale;
        if self.identity.logo.is_some() {
            let logo_h = height - 2.0 * 22.0 * scale;
            let logo_w = logo_h * 2.0;
            sheet.marks.push(Mark::Logo {
                x,
                y: 22.0 * scale,
                w: logo_w,
                h: logo_h,
            });
            x += logo_w + 20.0 * scale;
        }
        let mut column = Column::new(x, sheet.width - x - MARGIN * scale, 22.0 * scale, height);
        column.paragraph(
            sheet,
            Style::new(24.0 * scale, Bold, on_band),
            &french(&self.identity.nom),
        );
        if let Some(dates) = self.edition_dates() {
            column.paragraph(sheet, Style::new(16.0 * scale, Regular, on_band), &dates);
        }
    }

    /// The identity's citation and the tag, at the foot of a page.
    fn foot(&self, sheet: &mut Sheet, left: &str) {
        let style = Style::new(9.0, Regular, GREY);
        let mut column = Column::new(
            MARGIN,
            sheet.width - 2.0 * MARGIN,
            sheet.height - MARGIN + 4.0,
            sheet.height,
        );
        column.paragraph(sheet, style, &french(left));
    }
}

/// « du 13 avril au 10 mai 2026 », the first year left out when it is the same.
pub fn span_fr(from: NaiveDate, to: NaiveDate) -> String {
    let first = date_fr(from);
    let first = if from.year() == to.year() {
        first
            .trim_end_matches(&format!(" {}", from.year()))
            .to_owned()
    } else {
        first
    };
    format!("Du {first} au {}", date_fr(to))
}

/// The words of a status that changes what a reader does, large on the poster.
fn status_words(status: EventStatus) -> Option<(&'static str, &'static str)> {
    match status {
        EventStatus::Scheduled => None,
        EventStatus::Cancelled => Some(("Annulé", "Cet événement n'aura pas lieu.")),
        EventStatus::Postponed => Some((
            "Reporté",
            "La nouvelle date sera donnée sur la page de l'événement.",
        )),
        EventStatus::Full => Some(("Complet", "Il n'y a plus de place.")),
        EventStatus::Rescheduled => Some(("Nouvelle date", "La date a changé : voir ci-dessous.")),
    }
}

/// « Atelier · famille »; « Famille » when the type is « autre ».
fn kind_line(event: &Event) -> String {
    capitalised(&format!(
        "{}{}",
        kind_prefix(event).to_lowercase(),
        event.properties.theme.label()
    ))
}

/// « Atelier · », or nothing for « autre ».
fn kind_prefix(event: &Event) -> String {
    match event.properties.type_activite {
        ActivityType::Autre => String::new(),
        kind => format!("{} · ", capitalised(kind.label())),
    }
}

fn registration_lines(event: &Event) -> Vec<String> {
    match &event.properties.inscription {
        Inscription::Libre => vec!["Sans inscription : venez directement.".to_owned()],
        Inscription::Obligatoire {
            lien,
            telephone,
            courriel,
        } => {
            let mut lines = vec!["Inscription obligatoire :".to_owned()];
            if let Some(phone) = telephone {
                lines.push(format!("par téléphone au {}", phone_fr(phone)));
            }
            if let Some(mail) = courriel {
                lines.push(format!("par courriel à {mail}"));
            }
            if let Some(link) = lien {
                lines.push(format!("en ligne : {}", link.as_str()));
            }
            lines
        }
    }
}

/// One labelled part of a poster: its label, then its lines, `k` times the usual size.
fn field(
    column: &mut Column,
    sheet: &mut Sheet,
    (colour, k): (Colour, f32),
    label: &str,
    lines: &[String],
) {
    if lines.is_empty() {
        return;
    }
    column.gap(8.0 * k);
    column.paragraph(sheet, Style::new(14.0 * k, Bold, colour), label);
    for line in lines {
        column.paragraph(sheet, Style::new(17.0 * k, Regular, INK), &french(line));
    }
}

/// The page made at the largest size of text at which all of it fits: a long title or
/// many dates make the text smaller, never cut (below half size, what remains is cut).
fn fitting(make: impl Fn(f32) -> (Sheet, bool)) -> Sheet {
    for k in [1.0, 0.9, 0.8, 0.7, 0.6] {
        let (sheet, cut) = make(k);
        if !cut {
            return sheet;
        }
    }
    make(0.5).0
}

/// An address on one line when it can be, smaller down to 7 points, so that a phone's
/// user can type it.
fn url_line(column: &mut Column, sheet: &mut Sheet, url: &str, size: f32) {
    let needed = Regular.width(url, size);
    let size = if needed > column.width {
        (size * column.width / needed).max(7.0)
    } else {
        size
    };
    column.paragraph(sheet, Style::new(size, Regular, INK), url);
}

/// The foot of a poster or sign: the QR code of its page, what it opens, the tag.
fn qr_corner(ctx: &Context, sheet: &mut Sheet, invitation: &str, path: &str, with_tag: bool) {
    let size = 130.0;
    let x = sheet.width - MARGIN - size;
    let y = sheet.height - MARGIN - size - 6.0;
    let url = ctx.url(path);
    sheet.marks.push(Mark::Qr {
        x,
        y,
        size,
        url: url.clone(),
    });
    let mut column = Column::new(MARGIN, x - MARGIN - 16.0, y + 10.0, y + size);
    column.paragraph(sheet, Style::new(13.0, Bold, INK), &french(invitation));
    url_line(&mut column, sheet, &url, 12.0);
    if let (Some(tag), true) = (&ctx.identity.mot_diese, with_tag) {
        column.gap(4.0);
        column.paragraph(sheet, Style::new(14.0, Bold, ctx.colour()), tag);
    }
}

/// The A4 poster of an event (the A5 flyer is this page at 71 %).
pub fn poster(ctx: &Context, event: &Event) -> Sheet {
    fitting(|k| poster_at(ctx, event, k))
}

fn poster_at(ctx: &Context, event: &Event, k: f32) -> (Sheet, bool) {
    let p = &event.properties;
    let mut sheet = Sheet::new(A4);
    let band = 130.0;
    ctx.band(&mut sheet, band, 1.0);
    let mut column = Column::new(
        MARGIN,
        A4.0 - 2.0 * MARGIN,
        band + 24.0,
        A4.1 - MARGIN - 130.0 - 20.0,
    );
    if p.exemple {
        column.paragraph(
            &mut sheet,
            Style::new(11.0, Bold, ALERT),
            &french("Exemple : cet événement est inventé, pour montrer le kit."),
        );
        column.gap(4.0);
    }
    if let Some((big, why)) = status_words(p.statut) {
        let top = column.y;
        sheet.rect(0.0, top, A4.0, 96.0, ALERT);
        sheet.line(MARGIN, top + 62.0, 60.0, Bold, WHITE, big);
        sheet.line(MARGIN, top + 86.0, 14.0, Regular, WHITE, &french(why));
        column.gap(96.0 + 16.0);
    }
    column.paragraph(
        &mut sheet,
        Style::new(16.0 * k, Bold, ctx.colour()),
        &kind_line(event),
    );
    column.gap(4.0 * k);
    column.paragraph(
        &mut sheet,
        Style {
            leading: 1.15,
            ..Style::new(40.0 * k, Bold, INK)
        },
        &french(&p.titre),
    );
    column.gap(6.0 * k);
    column.paragraph(
        &mut sheet,
        Style::new(18.0 * k, Regular, INK),
        &french(&p.resume),
    );
    let when: Vec<String> = p
        .creneaux
        .iter()
        .map(|slot| capitalised(&slot_fr(slot.debut, slot.fin)))
        .collect();
    let when_label = match p.statut {
        EventStatus::Postponed | EventStatus::Cancelled => "Date prévue au départ",
        EventStatus::Rescheduled => "Nouvelle date",
        _ => "Quand",
    };
    let colour = (ctx.colour(), k);
    field(&mut column, &mut sheet, colour, when_label, &when);
    field(
        &mut column,
        &mut sheet,
        colour,
        "Où",
        &[
            p.lieu_nom.clone(),
            p.adresse.clone(),
            format!("{} {}", p.code_postal.as_str(), p.commune),
        ],
    );
    field(
        &mut column,
        &mut sheet,
        colour,
        "Pour qui",
        &[capitalised(&p.public)],
    );
    field(
        &mut column,
        &mut sheet,
        colour,
        "Prix",
        std::slice::from_ref(&p.prix),
    );
    if p.statut.offer().registration {
        field(
            &mut column,
            &mut sheet,
            colour,
            "Inscription",
            &registration_lines(event),
        );
    }
    if !p.accessibilite.is_empty() {
        let kinds: Vec<&str> = p.accessibilite.iter().map(|a| a.label()).collect();
        field(
            &mut column,
            &mut sheet,
            colour,
            "Accessibilité",
            &[format!("Adapté : {}.", kinds.join(", "))],
        );
    }
    field(
        &mut column,
        &mut sheet,
        colour,
        "Organisé par",
        std::slice::from_ref(&p.organisateur),
    );
    qr_corner(
        ctx,
        &mut sheet,
        "Toutes les informations, à jour :",
        &page_path(event),
        true,
    );
    ctx.foot(&mut sheet, &ctx.identity.citation);
    let cut = column.cut;
    (sheet, cut)
}

/// The A4 sign of a place, for its door.
pub fn sign(ctx: &Context, place: &Place) -> Sheet {
    fitting(|k| sign_at(ctx, place, k))
}

fn sign_at(ctx: &Context, place: &Place, k: f32) -> (Sheet, bool) {
    let p = &place.properties;
    let mut sheet = Sheet::new(A4);
    let band = 190.0;
    sheet.rect(0.0, 0.0, A4.0, band, ctx.colour());
    sheet.rect(0.0, band, A4.0, 6.0, ctx.identity.couleurs.accent);
    let on_band = ctx.identity.couleurs.sur_principale;
    let mut top = Column::new(MARGIN, A4.0 - 2.0 * MARGIN, 40.0, band);
    top.paragraph(
        &mut sheet,
        Style::new(46.0, Bold, on_band),
        "Ici, on vous aide",
    );
    top.paragraph(
        &mut sheet,
        Style::new(46.0, Bold, on_band),
        "avec le numérique",
    );
    let mut column = Column::new(
        MARGIN,
        A4.0 - 2.0 * MARGIN,
        band + 30.0,
        A4.1 - MARGIN - 130.0 - 20.0,
    );
    column.paragraph(
        &mut sheet,
        Style::new(26.0 * k, Bold, INK),
        &french(&p.display_name()),
    );
    let colour = (ctx.colour(), k);
    let services: Vec<String> = p
        .services
        .iter()
        .map(|s| format!("• {}", s.plain()))
        .collect();
    field(
        &mut column,
        &mut sheet,
        colour,
        "On peut vous aider à :",
        &services,
    );
    if p.frais_a_charge.contains(&Frais::Gratuit) {
        column.gap(6.0 * k);
        column.paragraph(
            &mut sheet,
            Style::new(18.0 * k, Bold, INK),
            "C'est gratuit.",
        );
    }
    let hours = match &p.horaires {
        Some(h) => app::format::hours_lines(h),
        None => vec!["Appelez avant de venir.".to_owned()],
    };
    field(&mut column, &mut sheet, colour, "Horaires", &hours);
    let mut address = vec![p.adresse.clone()];
    address.extend(p.complement_adresse.clone());
    address.push(format!("{} {}", p.code_postal.as_str(), p.commune));
    field(&mut column, &mut sheet, colour, "Adresse", &address);
    if let Some(phone) = &p.telephone {
        field(
            &mut column,
            &mut sheet,
            colour,
            "Téléphone",
            &[phone_fr(phone)],
        );
    }
    qr_corner(
        ctx,
        &mut sheet,
        "Horaires à jour, itinéraire et contact :",
        &page_path(place),
        false,
    );
    ctx.foot(
        &mut sheet,
        "Carto82 : la carte des lieux où l'on vous aide avec le numérique, en Tarn-et-Garonne.",
    );
    let cut = column.cut;
    (sheet, cut)
}

/// Where a programme happens, for its small map: the outlines of the département, the
/// part to show in colour, and the events' points.
pub struct Area<'a> {
    pub all: Vec<&'a MultiPolygon<f64>>,
    pub chosen: Vec<&'a MultiPolygon<f64>>,
    pub bbox: app::model::BBox,
}

/// A programme leaflet (a zone's, an EPCI's, the flagship week's) or the whole booklet:
/// a first page with the identity, the title, a small map and the QR code of the online
/// programme, then the events day by day, each with the QR code of its page.
pub fn programme(
    ctx: &Context,
    title: &str,
    online: &str,
    events: &[&Event],
    area: &Area,
) -> Vec<Sheet> {
    let mut sheets = vec![Sheet::new(A4)];
    let first = &mut sheets[0];
    let band = 110.0;
    ctx.band(first, band, 0.85);
    let mut head = Column::new(MARGIN, A4.0 - 2.0 * MARGIN, band + 26.0, A4.1);
    head.paragraph(first, Style::new(26.0, Bold, ctx.colour()), &french(title));
    let slots: Vec<(&Event, &app::model::Slot)> = {
        let mut slots: Vec<_> = events
            .iter()
            .flat_map(|e| e.properties.creneaux.iter().map(move |s| (*e, s)))
            .collect();
        slots.sort_by_key(|(e, s)| (s.debut, e.properties.titre.clone()));
        slots
    };
    head.paragraph(
        first,
        Style::new(14.0, Regular, INK),
        &capitalised(&count_events(events.len())),
    );
    if events.iter().any(|e| e.properties.exemple) {
        head.paragraph(
            first,
            Style::new(11.0, Bold, ALERT),
            &french("Exemple : ces événements sont inventés, pour montrer le kit."),
        );
    }
    head.gap(10.0);
    // The map on the left, the online programme's code on the right.
    let map_top = head.y;
    let map_w = 250.0;
    let map_h = draw_area(first, area, events, MARGIN, map_top, map_w, ctx);
    let qr_size = 110.0;
    let qr_x = A4.0 - MARGIN - qr_size;
    first.marks.push(Mark::Qr {
        x: qr_x,
        y: map_top,
        size: qr_size,
        url: ctx.url(online),
    });
    let mut beside = Column::new(
        MARGIN + map_w + 20.0,
        qr_x - MARGIN - map_w - 30.0,
        map_top,
        map_top + map_h.max(qr_size) + 40.0,
    );
    beside.paragraph(
        first,
        Style::new(12.0, Bold, INK),
        &french("Le programme à jour, en ligne :"),
    );
    url_line(&mut beside, first, &ctx.url(online), 10.0);
    let mut y = map_top + map_h.max(qr_size) + 24.0;
    if slots.is_empty() {
        first.line(
            MARGIN,
            y + 16.0,
            14.0,
            Regular,
            INK,
            "Aucun événement n'est encore prévu ici.",
        );
    }
    let bottom = A4.1 - MARGIN - 10.0;
    let mut day: Option<NaiveDate> = None;
    let entry_qr = 54.0;
    let text_x = MARGIN + 78.0;
    let text_w = A4.0 - MARGIN - entry_qr - 12.0 - text_x;
    for (event, slot) in slots {
        let p = &event.properties;
        let title_style = Style::new(12.5, Bold, INK);
        let line_style = Style::new(10.5, Regular, INK);
        let detail = french(&format!(
            "{}{}, {}",
            kind_prefix(event),
            p.lieu_nom,
            p.commune
        ));
        let status = status_words(p.statut).map(|(word, _)| word);
        let text_h = title_style.height_of(&french(&p.titre), text_w)
            + line_style.height_of(&detail, text_w)
            + status.map_or(0.0, |_| line_style.line_height());
        let entry_h = text_h.max(entry_qr) + 10.0;
        let new_day = day != Some(slot.debut.date_naive());
        let heading_h = if new_day { 30.0 } else { 0.0 };
        if y + heading_h + entry_h > bottom {
            sheets.push(Sheet::new(A4));
            let sheet = sheets.last_mut().expect("just pushed");
            sheet.line(
                MARGIN,
                MARGIN,
                10.0,
                Regular,
                GREY,
                &french(&format!("{} · {title}", ctx.identity.nom)),
            );
            y = MARGIN + 14.0;
        }
        let sheet = sheets.last_mut().expect("at least the first");
        if new_day || y <= MARGIN + 14.0 {
            let date = slot.debut.date_naive();
            sheet.rect(MARGIN, y + 6.0, A4.0 - 2.0 * MARGIN, 1.0, ctx.colour());
            sheet.line(
                MARGIN,
                y + 24.0,
                14.0,
                Bold,
                ctx.colour(),
                &capitalised(&app::format::day_fr(date)),
            );
            y += 30.0;
            day = Some(date);
        }
        // The start, and the end below it: « 9 h 30 – 11 h 30 » is wider than the column.
        sheet.line(
            MARGIN,
            y + 13.0,
            11.0,
            Bold,
            INK,
            &french(&time_of_day_fr(slot.debut.hour(), slot.debut.minute())),
        );
        sheet.line(
            MARGIN,
            y + 27.0,
            11.0,
            Regular,
            INK,
            &french(&format!(
                "à {}",
                time_of_day_fr(slot.fin.hour(), slot.fin.minute())
            )),
        );
        let mut column = Column::new(text_x, text_w, y + 2.0, y + entry_h);
        column.paragraph(sheet, title_style, &french(&p.titre));
        column.paragraph(sheet, line_style, &detail);
        if let Some(word) = status {
            column.paragraph(sheet, Style::new(10.5, Bold, ALERT), word);
        }
        sheet.marks.push(Mark::Qr {
            x: A4.0 - MARGIN - entry_qr,
            y: y + 2.0,
            size: entry_qr,
            url: ctx.url(&page_path(event)),
        });
        y += entry_h;
    }
    let count = sheets.len();
    for (i, sheet) in sheets.iter_mut().enumerate() {
        ctx.foot(
            sheet,
            &format!("Page {} sur {count} · {}", i + 1, ctx.identity.citation),
        );
    }
    sheets
}

/// The small map of a programme: the département's outlines, the chosen part in the
/// accent colour, and a dot at each event. Returns its height.
fn draw_area(
    sheet: &mut Sheet,
    area: &Area,
    events: &[&Event],
    x: f32,
    y: f32,
    width: f32,
    ctx: &Context,
) -> f32 {
    let projection = Projection::new(&area.bbox);
    let scale = width / crate::svg_map::WIDTH as f32;
    let to_sheet = |lon: f64, lat: f64| {
        let (px, py) = projection.xy(lon, lat);
        (x + px as f32 * scale, y + py as f32 * scale)
    };
    let rings = |shape: &MultiPolygon<f64>| -> Vec<Vec<(f32, f32)>> {
        shape
            .0
            .iter()
            .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
            .map(|ring| ring.coords_iter().map(|c| to_sheet(c.x, c.y)).collect())
            .collect()
    };
    for shape in &area.all {
        sheet.marks.push(Mark::Shape {
            rings: rings(shape),
            fill: Colour::new(0xf2, 0xf2, 0xf2),
            stroke: GREY,
        });
    }
    for shape in &area.chosen {
        sheet.marks.push(Mark::Shape {
            rings: rings(shape),
            fill: ctx.identity.couleurs.accent,
            stroke: INK,
        });
    }
    for event in events {
        let (dx, dy) = to_sheet(event.position.lon, event.position.lat);
        sheet.marks.push(Mark::Dot {
            x: dx,
            y: dy,
            r: 3.5,
            colour: ctx.colour(),
        });
    }
    projection.height as f32 * scale
}

/// A social network's image of an event: `(width, height)` in pixels, 1080 × 1080 or
/// 1200 × 630.
pub fn event_image(ctx: &Context, event: &Event, (width, height): (f32, f32)) -> Sheet {
    let p = &event.properties;
    let square = width == height;
    let mut sheet = Sheet::new((width, height));
    let scale = if square { 2.4 } else { 1.8 };
    ctx.band(&mut sheet, if square { 300.0 } else { 170.0 }, scale);
    let m = MARGIN * scale;
    let top = if square { 340.0 } else { 200.0 };
    let mut column = Column::new(m, width - 2.0 * m, top, height - m);
    if let Some((word, _)) = status_words(p.statut) {
        let size = if square { 70.0 } else { 50.0 };
        sheet.rect(0.0, column.y, width, size * 1.5, ALERT);
        sheet.line(m, column.y + size * 1.15, size, Bold, WHITE, word);
        column.gap(size * 1.5 + 20.0);
    }
    let k = if square { 1.0 } else { 0.8 };
    column.paragraph(
        &mut sheet,
        Style::new(38.0 * k, Bold, ctx.colour()),
        &kind_line(event),
    );
    column.paragraph(
        &mut sheet,
        Style {
            leading: 1.1,
            ..Style::new(70.0 * k, Bold, INK)
        },
        &french(&p.titre),
    );
    column.gap(14.0 * k);
    let first = p
        .creneaux
        .first()
        .expect("at least one slot, checked at load");
    column.paragraph(
        &mut sheet,
        Style::new(40.0 * k, Bold, INK),
        &french(&capitalised(&slot_fr(first.debut, first.fin))),
    );
    column.paragraph(
        &mut sheet,
        Style::new(36.0 * k, Regular, INK),
        &french(&format!("{}, {}", p.lieu_nom, p.commune)),
    );
    if let Some(tag) = &ctx.identity.mot_diese {
        sheet.line(m, height - m, 36.0 * k, Bold, ctx.colour(), tag);
    }
    if p.exemple {
        sheet.line(
            m,
            height - m - 48.0 * k,
            26.0 * k,
            Bold,
            ALERT,
            "Exemple : événement inventé",
        );
    }
    sheet
}

/// A place's image for social networks (1200 × 630).
pub fn place_image(ctx: &Context, place: &Place) -> Sheet {
    let p = &place.properties;
    let (width, height) = (1200.0, 630.0);
    let mut sheet = Sheet::new((width, height));
    sheet.rect(0.0, 0.0, width, 170.0, ctx.colour());
    sheet.rect(0.0, 170.0, width, 12.0, ctx.identity.couleurs.accent);
    let on_band = ctx.identity.couleurs.sur_principale;
    sheet.line(
        76.0,
        108.0,
        64.0,
        Bold,
        on_band,
        "Ici, on vous aide avec le numérique",
    );
    let mut column = Column::new(76.0, width - 152.0, 220.0, height - 60.0);
    column.paragraph(
        &mut sheet,
        Style {
            leading: 1.1,
            ..Style::new(58.0, Bold, INK)
        },
        &french(&p.display_name()),
    );
    column.gap(10.0);
    column.paragraph(
        &mut sheet,
        Style::new(36.0, Regular, INK),
        &french(&format!(
            "{}, {} {}",
            p.adresse,
            p.code_postal.as_str(),
            p.commune
        )),
    );
    let services: Vec<&str> = p.services.iter().map(|s| s.short_fr()).collect();
    if !services.is_empty() {
        column.gap(10.0);
        column.paragraph(
            &mut sheet,
            Style::new(32.0, Bold, ctx.colour()),
            &capitalised(&services.join(", ")),
        );
    }
    sheet
}

/// The image every other page shares: the identity, its dates and first message.
pub fn site_image(ctx: &Context) -> Sheet {
    let (width, height) = (1200.0, 630.0);
    let mut sheet = Sheet::new((width, height));
    ctx.band(&mut sheet, 200.0, 2.0);
    let mut column = Column::new(76.0, width - 152.0, 260.0, height - 60.0);
    let message = ctx.identity.messages.first().map_or(
        "Où trouver de l'aide pour utiliser le numérique en Tarn-et-Garonne.",
        String::as_str,
    );
    column.paragraph(
        &mut sheet,
        Style {
            leading: 1.15,
            ..Style::new(60.0, Bold, INK)
        },
        &french(message),
    );
    if let Some(tag) = &ctx.identity.mot_diese {
        sheet.line(76.0, height - 60.0, 36.0, Bold, ctx.colour(), tag);
    }
    sheet
}

/// The longest text to copy: what one post on the strictest network allows.
pub const SOCIAL_TEXT_CHARS: usize = 280;

/// A short text to copy for social networks: what, when, where, the price, the link, the
/// tag; the title is shortened if the whole would pass 280 characters.
pub fn social_text(ctx: &Context, event: &Event) -> String {
    let p = &event.properties;
    let first = p
        .creneaux
        .first()
        .expect("at least one slot, checked at load");
    let status = status_words(p.statut)
        .map(|(word, _)| format!("{word} : "))
        .unwrap_or_default();
    let tail = format!(
        " {}, {}, à {}. {}. {}{}",
        slot_fr(first.debut, first.fin),
        p.lieu_nom,
        p.commune,
        p.prix.trim_end_matches('.'),
        ctx.url(&page_path(event)),
        ctx.identity
            .mot_diese
            .as_ref()
            .map(|t| format!(" {t}"))
            .unwrap_or_default()
    );
    let kind = capitalised(p.type_activite.label());
    let room = SOCIAL_TEXT_CHARS
        .saturating_sub(status.chars().count() + kind.chars().count() + tail.chars().count() + 6);
    let mut title: String = p.titre.chars().take(room).collect();
    if title.chars().count() < p.titre.chars().count() {
        title.pop();
        title.push('…');
    }
    let text = french(&format!("{status}{kind} « {title} » :{tail}"));
    text.chars().take(SOCIAL_TEXT_CHARS).collect()
}
