use leptos::prelude::*;

/// schema.org data for search engines and assistants, as JSON-LD.
#[component]
pub fn JsonLd(data: serde_json::Value) -> impl IntoView {
    // "</" inside a script would end it early.
    let text = data.to_string().replace("</", "<\\/");
    view! { <script type="application/ld+json" inner_html=text></script> }
}
