//! Street addresses from the national address API, asked only when the server configured
//! one: a resident's browser calls no other server by default.

use leptos::prelude::*;

/// A street address found by the national address API (only when it is configured).
#[derive(Clone, Debug, PartialEq)]
pub struct AddressHit {
    pub label: String,
    pub lat: f64,
    pub lon: f64,
}

/// Street addresses of the département matching what was typed, from the national address
/// API, when the server configured one (`<meta name="carto82:adresses">`); nothing is asked
/// otherwise. A late answer for an older text is dropped.
#[cfg(feature = "hydrate")]
pub fn look_up_addresses(
    typed: String,
    text: RwSignal<String>,
    addresses: RwSignal<Vec<AddressHit>>,
) {
    let base = document()
        .query_selector("meta[name='carto82:adresses']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"));
    // An address has a number or several words; a commune name alone is found offline.
    let looks_like_address = typed.trim().chars().count() >= 5
        && (typed.chars().any(|c| c.is_ascii_digit()) || typed.trim().contains(' '));
    let (Some(base), true) = (base, looks_like_address) else {
        addresses.set(Vec::new());
        return;
    };
    leptos::task::spawn_local(async move {
        let url = format!(
            "{base}/search/?q={}&limit=5",
            crate::components::actions::encode(&typed)
        );
        let Some(body) = crate::fetch::text(&url)
            .await
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        else {
            return;
        };
        if text.get_untracked() != typed {
            return;
        }
        let hits = body["features"]
            .as_array()
            .map(|features| {
                features
                    .iter()
                    .filter(|f| {
                        f["properties"]["context"]
                            .as_str()
                            .is_some_and(|c| c.starts_with("82,"))
                    })
                    .filter_map(|f| {
                        let c = f["geometry"]["coordinates"].as_array()?;
                        Some(AddressHit {
                            label: f["properties"]["label"].as_str()?.to_owned(),
                            lon: c.first()?.as_f64()?,
                            lat: c.get(1)?.as_f64()?,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        addresses.set(hits);
    });
}

#[cfg(not(feature = "hydrate"))]
pub fn look_up_addresses(_: String, _: RwSignal<String>, _: RwSignal<Vec<AddressHit>>) {}
