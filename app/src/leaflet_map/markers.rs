//! The markers: places in clusters, and the other kinds of records as points with a letter.

use std::rc::Rc;

use leaflet::{Evented, LatLng, Marker, MarkerOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::MapState;
use super::bindings::{div_icon, object};
use crate::components::map_point::MapPoint;
use crate::model::Record;

/// A marker: a shape and a letter, not colour alone; a place's is a plain pin. `beside`
/// lettered markers already stand at the same point: this one goes to their right.
fn icon(class: &str, letter: Option<&str>, beside: usize) -> leaflet::Icon {
    let (html, size) = match letter {
        Some(letter) => (letter, 22),
        None => ("<span></span>", 24),
    };
    // A lettered marker stands up and to the right of its point, a place's pin is centred
    // on it: at one address, both can be seen and tapped (issue 13, item 9).
    let anchor = match letter {
        Some(_) => js_sys::Array::of2(&(-2 - 24 * beside as i32).into(), &(size + 2).into()),
        None => js_sys::Array::of2(&(size / 2).into(), &(size / 2).into()),
    };
    div_icon(&object(&[
        ("className", JsValue::from_str(class)),
        ("html", JsValue::from_str(html)),
        (
            "iconSize",
            js_sys::Array::of2(&size.into(), &size.into()).into(),
        ),
        ("iconAnchor", anchor.into()),
    ]))
}

/// A record listed in the page, as the map needs it.
pub(super) struct ListedPlace {
    /// The id of its entry (`<details>`).
    pub entry: String,
    pub lat: f64,
    pub lon: f64,
    pub name: String,
}

/// The entries of the lists `selector` finds that carry a point, with it. The records'
/// data is never sent twice: the lists are the source. A list the layers hide is not drawn.
fn listed(selector: &str) -> Vec<(web_sys::Element, f64, f64)> {
    let Ok(entries) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..entries.length())
        .filter_map(|i| entries.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.closest("[hidden]").ok().flatten().is_none())
        .filter_map(|e| {
            let number = |name: &str| e.get_attribute(name)?.parse::<f64>().ok();
            let (lat, lon) = (number("data-lat")?, number("data-lon")?);
            Some((e, lat, lon))
        })
        .collect()
}

/// The places of the list.
pub(super) fn places_in_the_list() -> Vec<ListedPlace> {
    listed("#resultats ol.lieux > li[data-lat]")
        .into_iter()
        .filter_map(|(e, lat, lon)| {
            Some(ListedPlace {
                entry: e.query_selector("details").ok()??.id(),
                lat,
                lon,
                name: text_in(&e, ".nom").unwrap_or_default(),
            })
        })
        .collect()
}

/// The events and resources of their lists, as points with a letter, their popup saying
/// when and where (an event), what and where (a resource).
pub(super) fn listed_points() -> Vec<MapPoint> {
    use crate::model::{Event, Resource};
    [
        (
            Event::KIND.marker,
            "#resultats ol.evenements > li[data-lat]",
            [".quand", ".ou"],
        ),
        (
            Resource::KIND.marker,
            "#resultats ol.ressources > li[data-lat]",
            [".genre", ".adresse"],
        ),
    ]
    .into_iter()
    .flat_map(|((class, letter), selector, said)| {
        listed(selector)
            .into_iter()
            .filter_map(move |(e, lat, lon)| {
                let link = e.query_selector(".titre a").ok()??;
                Some(MapPoint {
                    class: class.to_owned(),
                    letter: letter.map(str::to_owned),
                    lat,
                    lon,
                    // The link's own words, without those of the note it may hold.
                    title: link.first_child()?.text_content()?.trim().to_owned(),
                    lines: said.iter().filter_map(|s| text_in(&e, s)).collect(),
                    href: link.get_attribute("href")?,
                })
            })
    })
    .collect()
}

fn text_in(element: &web_sys::Element, selector: &str) -> Option<String> {
    element
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// The places go into the clusters; `choose` is called with a place's entry when its marker
/// is chosen.
pub(super) fn show_places(s: &MapState, places: &[ListedPlace], choose: impl Fn(&str) + 'static) {
    let choose = Rc::new(choose);
    let icon = icon(crate::model::Place::KIND.marker.0, None, 0);
    for place in places {
        let options = MarkerOptions::new();
        options.set_icon(icon.clone());
        options.set_title(place.name.clone());
        options.set_alt(place.name.clone());
        options.set_keyboard(true);
        let marker = Marker::new_with_options(&LatLng::new(place.lat, place.lon), &options);
        let (choose, entry) = (choose.clone(), place.entry.clone());
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |_| choose(&entry));
        marker
            .unchecked_ref::<Evented>()
            .on("click", handler.as_ref().unchecked_ref());
        // The markers stay for the life of the page.
        handler.forget();
        s.cluster.add_layer(marker.unchecked_ref());
    }
}

/// Events, resources and stops, above the places' pins and clusters, each with its popup.
pub(super) fn show_points(s: &MapState, points: &[MapPoint]) {
    // Several events at one place stand side by side, each one reachable.
    let mut at_point: Vec<((i64, i64), usize)> = Vec::new();
    for point in points {
        let key = (
            (point.lat * 1e5).round() as i64,
            (point.lon * 1e5).round() as i64,
        );
        let beside = match at_point.iter().position(|(k, _)| *k == key) {
            Some(i) => &mut at_point[i].1,
            None => {
                at_point.push((key, 0));
                &mut at_point.last_mut().expect("just pushed").1
            }
        };
        let options = MarkerOptions::new();
        options.set_icon(icon(&point.class, point.letter.as_deref(), *beside));
        *beside += 1;
        options.set_title(point.title.clone());
        options.set_alt(point.title.clone());
        options.set_keyboard(true);
        options.set_z_index_offset(1000.0);
        let marker = Marker::new_with_options(&LatLng::new(point.lat, point.lon), &options);
        let popup = Popup::new(s.target.as_deref());
        popup.link(&point.href, &point.title);
        for text in &point.lines {
            popup.line("div", text);
        }
        marker.bind_popup_with_options(&popup.root.into(), &JsValue::UNDEFINED);
        s.others.add_layer(marker.unchecked_ref());
    }
}

/// A place's popup, from its entry in the list: its name, where, its hours, and its sheet.
pub(super) fn place_popup(entry: &web_sys::Element, target: Option<&str>) -> web_sys::Element {
    let popup = Popup::new(target);
    for (tag, selector) in [
        ("strong", ".nom"),
        ("div", ".lieu-commune"),
        ("div", ".adresse"),
        ("div", ".horaires-inconnus"),
    ] {
        if let Some(text) = text_in(entry, selector) {
            popup.line(tag, &text);
        }
    }
    if let Ok(hours) = entry.query_selector_all("ul.horaires li") {
        for i in 0..hours.length().min(3) {
            if let Some(text) = hours.item(i).and_then(|h| h.text_content()) {
                popup.line("div", text.trim());
            }
        }
    }
    if let Some(href) = entry
        .query_selector(".vers-fiche a")
        .ok()
        .flatten()
        .and_then(|a| a.get_attribute("href"))
    {
        popup.link(&href, "Voir la fiche : horaires, itinéraire, événements");
    }
    popup.root
}

/// The content of a popup, written as text: Leaflet would read a string as HTML.
struct Popup<'a> {
    root: web_sys::Element,
    target: Option<&'a str>,
}

impl<'a> Popup<'a> {
    fn new(target: Option<&'a str>) -> Popup<'a> {
        Popup {
            root: document().create_element("div").expect("div"),
            target,
        }
    }

    fn line(&self, tag: &str, text: &str) {
        let element = document().create_element(tag).expect("element");
        element.set_text_content(Some(text));
        let _ = self.root.append_child(&element);
    }

    fn link(&self, href: &str, text: &str) {
        let doc = document();
        let link = doc.create_element("a").expect("a");
        let _ = link.set_attribute("href", href);
        link.set_text_content(Some(text));
        if let Some(target) = self.target {
            let _ = link.set_attribute("target", target);
            let note = doc.create_element("span").expect("span");
            note.set_class_name("visuellement-cache");
            note.set_text_content(Some(" (nouvel onglet)"));
            let _ = link.append_child(&note);
        }
        let _ = self.root.append_child(&link);
    }
}
