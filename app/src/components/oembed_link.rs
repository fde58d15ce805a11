use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_location;

use crate::catalogue::site_origin;

/// The oEmbed discovery link of a map page: a content system given the page's address finds
/// there where to ask for the code of the same map.
#[component]
pub fn OembedLink() -> impl IntoView {
    let origin = Resource::new(|| (), |_| site_origin());
    let location = use_location();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let origin = origin.await.ok()?;
                let search = location.search.get();
                let search = search.trim_start_matches('?');
                let page = format!(
                    "{origin}{}{}{search}",
                    location.pathname.get(),
                    if search.is_empty() { "" } else { "?" },
                );
                let query = serde_urlencoded::to_string([("url", page.as_str()), ("format", "json")])
                    .expect("strings encode");
                let href = format!("{origin}/oembed?{query}");
                Some(view! { <Link rel="alternate" type_="application/json+oembed" href title="Carte Carto82" /> })
            })}
        </Suspense>
    }
}
