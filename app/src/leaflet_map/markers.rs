//! The markers: places in clusters, and the other kinds of records as points with a letter.

use leaflet::{Evented, LatLng, Marker, MarkerOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::MapState;
use super::bindings::{div_icon, object};
use crate::components::map_point::MapPoint;
use crate::model::{Place, PlaceId, Record};

/// A marker: a shape and a letter, not colour alone; a place's is a plain pin. `beside`
/// lettered markers already stand at the same point: this one goes to their right.
fn icon((class, letter): (&str, Option<&str>), beside: usize) -> leaflet::Icon {
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

pub(super) fn show_places(s: &mut MapState, places: &[Place], selected: RwSignal<Option<PlaceId>>) {
    s.cluster.clear_layers();
    s.shown.clear();
    s.handlers.clear();
    let icon = icon(Place::KIND.marker, 0);
    for place in places {
        let options = MarkerOptions::new();
        options.set_icon(icon.clone());
        options.set_title(place.properties.display_name());
        options.set_alt(place.properties.display_name());
        options.set_keyboard(true);
        let marker = Marker::new_with_options(
            &LatLng::new(place.position.lat, place.position.lon),
            &options,
        );
        let id = place.id().clone();
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |_| selected.set(Some(id.clone())));
        marker
            .unchecked_ref::<Evented>()
            .on("click", handler.as_ref().unchecked_ref());
        s.cluster.add_layer(marker.unchecked_ref());
        s.shown.insert(place.id().clone(), place.clone());
        s.handlers.push(handler);
    }
}

pub(super) fn show_points(s: &MapState, points: &[MapPoint], target: Option<&str>) {
    s.others.clear_layers();
    // Several events at one place stand side by side, each one reachable.
    let mut at_point: std::collections::HashMap<(i64, i64), usize> = Default::default();
    for point in points {
        let key = (
            (point.lat * 1e5).round() as i64,
            (point.lon * 1e5).round() as i64,
        );
        let beside = at_point.entry(key).or_default();
        let options = MarkerOptions::new();
        options.set_icon(icon(point.marker, *beside));
        *beside += 1;
        options.set_title(point.title.clone());
        options.set_alt(point.title.clone());
        options.set_keyboard(true);
        // Above the places' pins and clusters, which are many more.
        options.set_z_index_offset(1000.0);
        let marker = Marker::new_with_options(&LatLng::new(point.lat, point.lon), &options);
        let doc = document();
        let root = doc.create_element("div").expect("div");
        let link = doc.create_element("a").expect("a");
        let _ = link.set_attribute("href", &point.href);
        link.set_text_content(Some(&point.title));
        if let Some(target) = target {
            let _ = link.set_attribute("target", target);
            let note = doc.create_element("span").expect("span");
            note.set_class_name("visuellement-cache");
            note.set_text_content(Some(" (nouvel onglet)"));
            let _ = link.append_child(&note);
        }
        let _ = root.append_child(&link);
        if let Some(detail) = &point.detail {
            let line = doc.create_element("div").expect("div");
            line.set_text_content(Some(detail));
            let _ = root.append_child(&line);
        }
        marker.bind_popup_with_options(&root.into(), &JsValue::UNDEFINED);
        s.others.add_layer(marker.unchecked_ref());
    }
}

/// A place's popup: what it is, where, its hours, and its sheet.
pub(super) fn popup_content(place: &Place, target: Option<&str>) -> web_sys::Element {
    let doc = document();
    let root = doc.create_element("div").expect("div");
    let line = |tag: &str, text: &str| {
        let element = doc.create_element(tag).expect("element");
        element.set_text_content(Some(text));
        let _ = root.append_child(&element);
    };
    line("strong", &place.properties.display_name());
    line("div", &place.summary());
    let f = &place.properties;
    line(
        "div",
        &format!(
            "{}, {} {}",
            f.adresse, f.code_postal, place.location.commune_localisee
        ),
    );
    match &f.horaires {
        Some(hours) => {
            for rule in crate::components::place_card::hours_lines(hours)
                .iter()
                .take(3)
            {
                line("div", rule);
            }
        }
        None => line("div", "Horaires non renseignés."),
    }
    let link = doc.create_element("a").expect("a");
    let _ = link.set_attribute("href", &crate::model::page_path(place));
    link.set_text_content(Some("Voir la fiche : horaires, itinéraire, événements"));
    if let Some(target) = target {
        let _ = link.set_attribute("target", target);
    }
    let _ = root.append_child(&link);
    root
}
