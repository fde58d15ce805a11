//! Which map page the components are on: the site's `/`, or `/embed` inside a partner's
//! frame. Forms and links that change the view stay on that page and keep the embed's own
//! settings; links to a record leave an embed for the full site, in a new tab.

use leptos::prelude::*;

/// The id of the block of results on a map page.
pub const RESULTS: &str = "resultats";

#[derive(Clone, Debug, PartialEq)]
pub struct MapPage {
    path: &'static str,
    /// Parameters every change of view keeps: the embed's settings.
    keep: Vec<(String, String)>,
}

impl MapPage {
    pub fn site() -> MapPage {
        MapPage {
            path: "/",
            keep: Vec::new(),
        }
    }

    pub fn embed(keep: Vec<(String, String)>) -> MapPage {
        MapPage {
            path: "/embed",
            keep,
        }
    }

    /// The page for a form's `action`.
    pub fn path(&self) -> &'static str {
        self.path
    }

    pub fn is_embed(&self) -> bool {
        self.path == "/embed"
    }

    /// The kept settings that `set` (the names a link or form sets itself) leaves alone.
    fn kept_besides<'a>(&'a self, set: &'a [String]) -> impl Iterator<Item = &'a (String, String)> {
        self.keep.iter().filter(|(k, _)| !set.contains(k))
    }

    /// This page with `query` (already encoded) and the kept settings it does not set itself.
    pub fn url(&self, query: &str) -> String {
        let set: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let names: Vec<String> = set.into_iter().map(|(k, _)| k).collect();
        let kept: Vec<&(String, String)> = self.kept_besides(&names).collect();
        let kept = serde_urlencoded::to_string(kept).expect("strings encode");
        let full = [query, kept.as_str()]
            .into_iter()
            .filter(|q| !q.is_empty())
            .collect::<Vec<_>>()
            .join("&");
        if full.is_empty() {
            self.path.to_owned()
        } else {
            format!("{}?{full}", self.path)
        }
    }

    /// A search's answer: this page with `query`, at its results (issue 13, item 7: on a
    /// phone they are far below the form; the browser goes there, with JavaScript or not).
    pub fn results_url(&self, query: &str) -> String {
        format!("{}#{RESULTS}", self.url(query))
    }

    /// The `action` of a search form: its answer opens at the results.
    pub fn results_action(&self) -> String {
        format!("{}#{RESULTS}", self.path)
    }

    /// The hidden fields of a GET form that asks for part of the page's state: `state`, the
    /// part it does not ask (written by `MapQuery::pairs`), then the kept settings that
    /// `state` does not set, each once.
    pub fn hidden_fields(&self, state: Vec<(&'static str, String)>) -> impl IntoView + use<> {
        let names: Vec<String> = state.iter().map(|(k, _)| (*k).to_owned()).collect();
        let kept: Vec<(String, String)> = self.kept_besides(&names).cloned().collect();
        state
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .chain(kept)
            .map(|(k, v)| view! { <input type="hidden" name=k value=v /> })
            .collect_view()
    }

    /// `_blank` in an embed: a record opens on the full site, not in the partner's frame.
    pub fn link_target(&self) -> Option<&'static str> {
        self.is_embed().then_some("_blank")
    }
}

/// Says in words that a link opens a new tab (RGAA 13.2), in an embed only.
#[component]
pub fn NewTab() -> impl IntoView {
    use_map_page()
        .is_embed()
        .then(|| view! { <span class="visuellement-cache">" (nouvel onglet)"</span> })
}

/// The map page of the component calling it; the site's when no page said otherwise (record
/// pages list events too).
pub fn use_map_page() -> MapPage {
    use_context::<MapPage>().unwrap_or_else(MapPage::site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_stay_on_the_page_and_keep_its_settings() {
        assert_eq!(MapPage::site().url(""), "/");
        assert_eq!(MapPage::site().url("zone=Est"), "/?zone=Est");
        let embed = MapPage::embed(vec![("titre".into(), "Nos ateliers".into())]);
        assert_eq!(embed.url(""), "/embed?titre=Nos+ateliers");
        assert_eq!(
            embed.url("ou=Moissac"),
            "/embed?ou=Moissac&titre=Nos+ateliers"
        );
        assert_eq!(
            embed.url("titre=Autre"),
            "/embed?titre=Autre",
            "the query wins"
        );
        assert_eq!(embed.link_target(), Some("_blank"));
        assert_eq!(MapPage::site().link_target(), None);
    }
}
