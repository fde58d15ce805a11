use leptos::prelude::*;

/// The card a social network shows for a page (Open Graph, read by Twitter too; its text is
/// the page's `description`, which the shell writes): an event's
/// or a place's own image, made by the kit (`/kit/…/partage.png`), else the programme's.
/// Written in the shell for the app's pages and by `server_html` for the server's: the page's
/// title comes with `PageTitle`.
#[component]
pub fn SocialMeta(origin: String, path: String) -> impl IntoView {
    // `property` is not an attribute the view macro knows: the element is built by hand.
    let tag = |property: &'static str, content: String| {
        leptos::html::meta()
            .attr("property", property)
            .attr("content", content)
    };
    (
        tag("og:type", "website".to_owned()),
        tag("og:url", format!("{origin}{path}")),
        tag("og:image", format!("{origin}{}", social_image(&path))),
        view! { <meta name="twitter:card" content="summary_large_image" /> },
    )
}

/// The image that stands for the page at `path`.
pub fn social_image(path: &str) -> String {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let simple = |id: &str| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    match parts.as_slice() {
        ["evenements", id] if simple(id) => format!("/kit/evenements/{id}/partage.png"),
        ["lieux", id] if simple(id) => format!("/kit/lieux/{id}/partage.png"),
        _ => "/kit/partage.png".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::social_image;

    #[test]
    fn events_and_places_have_their_own_image() {
        assert_eq!(
            social_image("/evenements/2026-a"),
            "/kit/evenements/2026-a/partage.png"
        );
        assert_eq!(social_image("/lieux/fs-1"), "/kit/lieux/fs-1/partage.png");
        for other in [
            "/",
            "/evenements",
            "/lieux/a/b",
            "/evenements/<x>",
            "/couverture",
        ] {
            assert_eq!(social_image(other), "/kit/partage.png", "{other}");
        }
    }
}
