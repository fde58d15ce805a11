use leptos::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::model::Position;

/// What a resident can do with a page: go there, keep it, send it, print it. Links work
/// without JavaScript; the copy and print buttons appear once `/assets/gestes.js` runs.
#[component]
pub fn Actions(
    /// The place to go to, with its name; none for an online resource.
    destination: Option<(Position, String)>,
    /// An .ics file of this event.
    calendar: Option<String>,
    /// The page's title, for the shared message.
    title: String,
    /// Its posters and images in the communication kit (`/kit/…`), when it has some.
    #[prop(optional)]
    kit: Option<String>,
) -> impl IntoView {
    let here = page_address();
    let share_mail = format!(
        "mailto:?subject={}&body={}",
        encode(&title),
        encode(&format!("{title}\n{here}"))
    );
    view! {
        <nav class="actions" aria-label="Que faire">
            <ul>
                {destination
                    .map(|(p, name)| {
                        view! {
                            <li>
                                <a href=format!("geo:{lat},{lon}?q={lat},{lon}({})", encode(&name), lat = p.lat, lon = p.lon)>
                                    "Y aller avec l'application de carte du téléphone"
                                </a>
                            </li>
                            <li>
                                <a
                                    href=format!("https://www.openstreetmap.org/directions?to={}%2C{}", p.lat, p.lon)
                                    rel="noopener"
                                >
                                    "Itinéraire sur OpenStreetMap (nouveau site)"
                                </a>
                            </li>
                            // An iPhone does nothing with `geo:`; its Plans application opens
                            // this address.
                            <li>
                                <a
                                    href=format!("https://maps.apple.com/?daddr={},{}&q={}", p.lat, p.lon, encode(&name))
                                    rel="noopener"
                                >
                                    "Itinéraire sur Plans, pour iPhone (nouveau site)"
                                </a>
                            </li>
                        }
                    })}
                {calendar
                    .map(|href| {
                        view! {
                            <li>
                                <a href=href download>
                                    "Ajouter à mon agenda (fichier .ics)"
                                </a>
                            </li>
                        }
                    })}
                <li>
                    <a href=share_mail>"Envoyer par courriel"</a>
                </li>
                <li class="avec-js">
                    <CopyButton label="Copier le lien" done=" Lien copié." />
                </li>
                {kit.map(|href| view! { <li><a href=href>"Affiche et visuels"</a></li> })}
                <li class="avec-js">
                    <button type="button" data-geste="imprimer">
                        "Imprimer"
                    </button>
                </li>
            </ul>
        </nav>
    }
}

/// The page's address: on the server, the site's public origin (`CARTO82_URL`, or the
/// request's) and the path asked; the record pages are written there only.
fn page_address() -> String {
    #[cfg(feature = "ssr")]
    {
        let origin = use_context::<crate::catalogue::PublicOrigin>()
            .map(|o| o.0)
            .unwrap_or_default();
        format!("{origin}{}", crate::catalogue::request_path())
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().href().unwrap_or_default()
    }
}

/// Percent-encoding for a URI component.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
