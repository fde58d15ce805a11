use leptos::prelude::*;
use leptos_meta::Title;

use crate::model::text_left_raw_by_leptos;

/// The document's `<title>`. Every page goes through this one, never `leptos_meta::Title`
/// directly: titles carry data and URL text (a place's name, an embed's `titre`), which
/// leptos_meta 0.8 (and 0.9-rc1) writes into the server's HTML unescaped.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=text_left_raw_by_leptos(text) /> }
}
