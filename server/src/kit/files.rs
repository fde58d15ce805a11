//! The kit's files: their addresses read into `KitFile` (anything else is not one), and
//! each made from one version of the data.

use app::model::{Actor, Event, Place, Record, Siren, Zone, latest_edition};

use crate::dataset::Dataset;
use crate::dataset::identity::Identity;

use super::documents::{self, Area, Context};
use super::sheet::{A4, A5, Sheet};
use super::{pdf, png};

/// A programme leaflet, or the whole booklet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Programme {
    Zone(Zone),
    Epci(Siren),
    /// The flagship week (events marked `semaine_phare`).
    Week,
    Booklet,
}

impl Programme {
    /// Its name in addresses: `zone-est`, `epci-200066223`, `semaine-phare`, `livret`.
    pub fn slug(&self) -> String {
        match self {
            Programme::Zone(zone) => format!("zone-{}", zone.as_str().to_lowercase()),
            Programme::Epci(siren) => format!("epci-{}", siren.as_str()),
            Programme::Week => "semaine-phare".to_owned(),
            Programme::Booklet => "livret".to_owned(),
        }
    }

    fn parse(slug: &str) -> Option<Programme> {
        match slug {
            "semaine-phare" => Some(Programme::Week),
            "livret" => Some(Programme::Booklet),
            _ => {
                if let Some(zone) = slug.strip_prefix("zone-") {
                    Zone::ALL
                        .into_iter()
                        .find(|z| z.as_str().to_lowercase() == zone)
                        .map(Programme::Zone)
                } else {
                    slug.strip_prefix("epci-")?
                        .parse()
                        .ok()
                        .map(Programme::Epci)
                }
            }
        }
    }

    /// Its title, as the leaflet and the kit page say it.
    pub fn title(&self, dataset: &Dataset) -> String {
        match self {
            Programme::Zone(zone) => format!("Le programme de la zone {}", zone.as_str()),
            Programme::Epci(siren) => dataset.territory.epci(siren).map_or_else(
                || "Le programme".to_owned(),
                |e| format!("Le programme : {}", e.nom),
            ),
            Programme::Week => match week(dataset) {
                Some(w) => format!("La semaine phare à {}", w.lieu),
                None => "La semaine phare".to_owned(),
            },
            Programme::Booklet => "Tout le programme".to_owned(),
        }
    }

    /// The events it lists: those of the latest edition in its area.
    pub fn events<'a>(&self, dataset: &'a Dataset) -> Vec<&'a Event> {
        let events = &dataset.records.events;
        let edition = latest_edition(events);
        events
            .iter()
            .filter(|e| Some(e.properties.edition) == edition)
            .filter(|e| match self {
                Programme::Zone(zone) => e.location.zone == *zone,
                Programme::Epci(siren) => e.location.epci_siren == *siren,
                Programme::Week => e.properties.semaine_phare,
                Programme::Booklet => true,
            })
            .collect()
    }

    /// The online agenda of the same events.
    fn online(&self, dataset: &Dataset) -> String {
        match self {
            Programme::Zone(zone) => format!("/evenements?zone={}", zone.as_str()),
            Programme::Epci(siren) => format!("/evenements?epci={}", siren.as_str()),
            Programme::Week => match week(dataset) {
                Some(w) => format!("/evenements?from={}&to={}", w.debut, w.fin),
                None => "/evenements".to_owned(),
            },
            Programme::Booklet => "/evenements".to_owned(),
        }
    }

    fn area<'a>(&self, dataset: &'a Dataset) -> Area<'a> {
        let drawing = &dataset.territory.drawing;
        let chosen = match self {
            Programme::Zone(zone) => drawing
                .zones
                .iter()
                .filter(|(z, _)| z == zone)
                .map(|(_, shape)| shape)
                .collect(),
            Programme::Epci(siren) => drawing
                .epcis
                .iter()
                .filter(|(s, _)| s == siren)
                .map(|(_, shape)| shape)
                .collect(),
            Programme::Week | Programme::Booklet => Vec::new(),
        };
        Area {
            all: drawing.epcis.iter().map(|(_, shape)| shape).collect(),
            chosen,
            bbox: dataset.territory.departement_bbox,
        }
    }

    /// Every programme of the data: the booklet, the week, the zones, the EPCI.
    pub fn all(dataset: &Dataset) -> Vec<Programme> {
        let mut all = vec![Programme::Booklet];
        if week(dataset).is_some() {
            all.push(Programme::Week);
        }
        all.extend(Zone::ALL.into_iter().map(Programme::Zone));
        all.extend(
            dataset
                .territory
                .epcis
                .iter()
                .map(|e| Programme::Epci(e.siren.clone())),
        );
        all
    }
}

/// The edition the programme's dates and week are those of: the latest one the call file
/// gives.
pub fn edition(dataset: &Dataset) -> Option<&crate::dataset::call::Edition> {
    dataset
        .call
        .as_ref()?
        .editions
        .iter()
        .max_by_key(|e| e.annee)
}

fn week(dataset: &Dataset) -> Option<&crate::dataset::call::Week> {
    edition(dataset)?.semaine_phare.as_ref()
}

/// One file of the kit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KitFile {
    LogoSvg,
    LogoPng,
    /// The image the pages without one of their own share.
    SiteImage,
    Poster(String),
    PosterPreview(String),
    Flyer(String),
    SquareImage(String),
    WideImage(String),
    Sign(String),
    SignPreview(String),
    PlaceImage(String),
    Leaflet(Programme),
    LeafletPreview(Programme),
}

/// What a kit file is made of.
pub struct Made {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Pixels per point of a page's preview: an A4 page 595 pixels wide, sharp on a phone.
const PREVIEW_SCALE: f32 = 1.0;

impl KitFile {
    /// The file at `/kit/{path}`, if it is one.
    pub fn parse(path: &str) -> Option<KitFile> {
        let parts: Vec<&str> = path.split('/').collect();
        let id = |s: &str| s.to_owned();
        Some(match parts.as_slice() {
            ["logo.svg"] => KitFile::LogoSvg,
            ["logo.png"] => KitFile::LogoPng,
            ["partage.png"] => KitFile::SiteImage,
            ["evenements", event, file] => match *file {
                "affiche.pdf" => KitFile::Poster(id(event)),
                "affiche.png" => KitFile::PosterPreview(id(event)),
                "flyer.pdf" => KitFile::Flyer(id(event)),
                "carre.png" => KitFile::SquareImage(id(event)),
                "partage.png" => KitFile::WideImage(id(event)),
                _ => return None,
            },
            ["lieux", place, file] => match *file {
                "panneau.pdf" => KitFile::Sign(id(place)),
                "panneau.png" => KitFile::SignPreview(id(place)),
                "partage.png" => KitFile::PlaceImage(id(place)),
                _ => return None,
            },
            ["programmes", file] => {
                if let Some(slug) = file.strip_suffix(".pdf") {
                    KitFile::Leaflet(Programme::parse(slug)?)
                } else {
                    KitFile::LeafletPreview(Programme::parse(file.strip_suffix(".png")?)?)
                }
            }
            _ => return None,
        })
    }

    /// The file's address.
    pub fn path(&self) -> String {
        match self {
            KitFile::LogoSvg => "/kit/logo.svg".to_owned(),
            KitFile::LogoPng => "/kit/logo.png".to_owned(),
            KitFile::SiteImage => "/kit/partage.png".to_owned(),
            KitFile::Poster(id) => format!("/kit/evenements/{id}/affiche.pdf"),
            KitFile::PosterPreview(id) => format!("/kit/evenements/{id}/affiche.png"),
            KitFile::Flyer(id) => format!("/kit/evenements/{id}/flyer.pdf"),
            KitFile::SquareImage(id) => format!("/kit/evenements/{id}/carre.png"),
            KitFile::WideImage(id) => format!("/kit/evenements/{id}/partage.png"),
            KitFile::Sign(id) => format!("/kit/lieux/{id}/panneau.pdf"),
            KitFile::SignPreview(id) => format!("/kit/lieux/{id}/panneau.png"),
            KitFile::PlaceImage(id) => format!("/kit/lieux/{id}/partage.png"),
            KitFile::Leaflet(p) => format!("/kit/programmes/{}.pdf", p.slug()),
            KitFile::LeafletPreview(p) => format!("/kit/programmes/{}.png", p.slug()),
        }
    }

    /// The file made from `dataset` for a site at `origin`; none when what it shows is not
    /// in this version (an event or place gone, no logo).
    pub fn make(&self, dataset: &Dataset, origin: &str) -> Option<Result<Made, String>> {
        let site = Identity::site();
        let identity = dataset.identity.as_ref().unwrap_or(&site);
        let ctx = Context {
            identity,
            edition: edition(dataset),
            origin,
        };
        let logo = identity.logo.as_ref();
        let event = |id: &str| dataset.records.by_text::<Event>(id);
        let place = |id: &str| dataset.records.by_text::<Place>(id);
        let pdf = |sheets: &[Sheet], title: String| {
            pdf::write(sheets, &title, logo).map(|bytes| Made {
                content_type: "application/pdf",
                bytes,
            })
        };
        let png = |sheet: &Sheet, scale: f32| {
            png::draw(sheet, logo, scale).map(|bytes| Made {
                content_type: "image/png",
                bytes,
            })
        };
        Some(match self {
            KitFile::LogoSvg => Ok(Made {
                content_type: "image/svg+xml",
                bytes: logo?.svg.clone().into_bytes(),
            }),
            KitFile::LogoPng => {
                let logo = logo?;
                let mut sheet = Sheet::new((600.0 * logo.ratio(), 600.0));
                sheet.marks.push(super::sheet::Mark::Logo {
                    x: 0.0,
                    y: 0.0,
                    w: sheet.width,
                    h: sheet.height,
                });
                png(&sheet, 1.0)
            }
            KitFile::SiteImage => png(&documents::site_image(&ctx), 1.0),
            KitFile::Poster(id) => {
                let event = event(id)?;
                pdf(
                    &[documents::poster(&ctx, event)],
                    format!("Affiche : {}", event.title()),
                )
            }
            KitFile::PosterPreview(id) => png(&documents::poster(&ctx, event(id)?), PREVIEW_SCALE),
            KitFile::Flyer(id) => {
                let event = event(id)?;
                let mut flyer = documents::poster(&ctx, event).scaled(A5.0 / A4.0);
                // The two sizes are not exactly in proportion: the page is A5's.
                flyer.height = A5.1;
                pdf(&[flyer], format!("Flyer : {}", event.title()))
            }
            KitFile::SquareImage(id) => png(
                &documents::event_image(&ctx, event(id)?, (1080.0, 1080.0)),
                1.0,
            ),
            KitFile::WideImage(id) => png(
                &documents::event_image(&ctx, event(id)?, (1200.0, 630.0)),
                1.0,
            ),
            KitFile::Sign(id) => {
                let place = place(id)?;
                pdf(
                    &[documents::sign(&ctx, place)],
                    format!("Ici, on vous aide avec le numérique : {}", place.title()),
                )
            }
            KitFile::SignPreview(id) => png(&documents::sign(&ctx, place(id)?), PREVIEW_SCALE),
            KitFile::PlaceImage(id) => png(&documents::place_image(&ctx, place(id)?), 1.0),
            KitFile::Leaflet(programme) => {
                let title = programme.title(dataset);
                pdf(
                    &leaflet(&ctx, dataset, programme),
                    format!("{title} – {}", identity.nom),
                )
            }
            KitFile::LeafletPreview(programme) => {
                let sheets = leaflet(&ctx, dataset, programme);
                png(sheets.first()?, PREVIEW_SCALE)
            }
        })
    }

    /// The name a download takes.
    pub fn file_name(&self) -> String {
        let path = self.path();
        path.trim_start_matches("/kit/").replace('/', "-")
    }
}

fn leaflet(ctx: &Context, dataset: &Dataset, programme: &Programme) -> Vec<Sheet> {
    documents::programme(
        ctx,
        &programme.title(dataset),
        &programme.online(dataset),
        &programme.events(dataset),
        &programme.area(dataset),
    )
}

/// An actor's events (it organises them) and places (it runs them).
pub fn of_actor<'a>(dataset: &'a Dataset, actor: &Actor) -> (Vec<&'a Event>, Vec<&'a Place>) {
    let events = dataset
        .records
        .events
        .iter()
        .filter(|e| e.properties.organisateur_id.as_ref() == Some(actor.id()))
        .collect();
    let places = dataset
        .records
        .places
        .iter()
        .filter(|p| actor.properties.lieux.contains(p.id()))
        .collect();
    (events, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_reads_back_from_its_address() {
        let files = [
            KitFile::LogoSvg,
            KitFile::LogoPng,
            KitFile::SiteImage,
            KitFile::Poster("a-b".into()),
            KitFile::PosterPreview("a-b".into()),
            KitFile::Flyer("a-b".into()),
            KitFile::SquareImage("a-b".into()),
            KitFile::WideImage("a-b".into()),
            KitFile::Sign("c".into()),
            KitFile::SignPreview("c".into()),
            KitFile::PlaceImage("c".into()),
            KitFile::Leaflet(Programme::Zone(Zone::Est)),
            KitFile::LeafletPreview(Programme::Epci("200066223".parse().unwrap())),
            KitFile::Leaflet(Programme::Week),
            KitFile::Leaflet(Programme::Booklet),
        ];
        for file in files {
            let path = file.path();
            assert_eq!(KitFile::parse(&path["/kit/".len()..]), Some(file), "{path}");
        }
        for not_one in [
            "",
            "logo.gif",
            "evenements/x",
            "programmes/zone-nord.pdf",
            "programmes/epci-12.pdf",
            "evenements/a/b/affiche.pdf",
        ] {
            assert_eq!(KitFile::parse(not_one), None, "{not_one}");
        }
    }
}
