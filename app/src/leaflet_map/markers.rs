//! The markers: places in clusters, and the other kinds of records as points with a letter.

use leaflet::{Evented, LatLng, Marker, MarkerOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::MapState;
use super::bindings::{div_icon, object};
use crate::components::map_point::MapPoint;
use crate::model::{Place, PlaceId, Record};

/// A marker: a shape and a letter, not colour alone; a place's is a plain pin.
fn icon((class, letter): (&str, Option<&str>)) -> leaflet::Icon {
    let (html, size) = match letter {
        Some(letter) => (letter, 22),
        None => ("<span></span>", 24),
    };
    div_icon(&object(&[
        ("className", JsValue::from_str(class)),
        ("html", JsValue::from_str(html)),
        (
            "iconSize",
            js_sys::Array::of2(&size.into(), &size.into()).into(),
        ),
    ]))
}

pub(super) fn show_places(s: &mut MapState, places: &[Place], selected: RwSignal<Option<PlaceId>>) {
    s.cluster.clear_layers();
    s.shown.clear();
    s.handlers.clear();
    let icon = icon(Place::KIND.marker);
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
    for point in points {
        let options = MarkerOptions::new();
        options.set_icon(icon(point.marker));
        options.set_title(point.title.clone());
        options.set_alt(point.title.clone());
        options.set_keyboard(true);
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

pub(super) fn popup_content(place: &Place) -> web_sys::Element {
    let doc = document();
    let root = doc.create_element("div").expect("div");
    let name = doc.create_element("strong").expect("strong");
    name.set_text_content(Some(&place.properties.display_name()));
    let town = doc.create_element("div").expect("div");
    town.set_text_content(Some(&format!(
        "{} {}",
        place.properties.code_postal, place.location.commune_localisee
    )));
    root.append_with_node_2(&name, &town).expect("append");
    root
}
