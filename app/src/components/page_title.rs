use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::model::text_left_raw_by_leptos;

/// The document's `<title>`. Every page goes through this one, never `leptos_meta::Title`
/// directly: titles carry data and URL text (a place's name, an embed's `titre`), which
/// leptos_meta 0.8 (and 0.9-rc1) writes into the server's HTML unescaped.
#[component]
pub fn PageTitle(
    #[prop(into)] text: String,
    /// The site's title, until a page gives its own: the social card's title is the page's.
    #[prop(optional)]
    site_default: bool,
) -> impl IntoView {
    // An attribute, which Leptos escapes itself.
    let shared = (!site_default).then(|| text.clone());
    view! {
        <Title text=text_left_raw_by_leptos(text) />
        {shared.map(|title| view! { <Meta property="og:title" content=title /> })}
    }
}
