use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::pages::not_found::NotFound;

/// The frame of a record's page (`/lieux/{id}`…): load the record of the `id` in the path,
/// then show it, or say plainly that it does not exist (404), or that loading failed.
#[component]
pub fn RecordPage<T, F, Fut, V>(
    /// Fetches the record of an id; none when it does not exist.
    load: F,
    /// "Ce lieu", "Cet événement"…
    what: &'static str,
    /// Shown while loading.
    loading: &'static str,
    view: fn(T) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Option<T>, ServerFnError>> + Send + 'static,
    V: IntoView + 'static,
{
    let params = use_params_map();
    let record = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        load,
    );
    view! {
        <Transition fallback=move || view! { <p>{loading}</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(Some(r)) => view(r).into_any(),
                    Ok(None) => view! { <NotFound what /> }.into_any(),
                    Err(e) => view! { <p class="alerte" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
