//! The map page's whole state (`/` and `/embed`), as its URL says it: what the resident
//! searches (a commune typed, an address, a point, an area), what they need, the events'
//! themes and dates, and the layers shown. The URL is the page's only state: a link gives
//! the same view.

use serde::{Deserialize, Serialize};

use super::filter::{AreaFilter, EventFilter, PlaceFilter};
use super::layers::Layers;
use super::query::FilterError;
use super::query::{
    ADDRESS, Documented, EVENT_TYPE, FROM, FromQuery, LAYERS, NEAR, Query, QueryWriter, RADIUS,
    STATUS, THEME, TO, WHERE,
};

/// What the map page asks the server for (`find`): the filters of its URL, and where the
/// resident is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Search {
    pub places: PlaceFilter,
    /// Theme, type, status and dates of events; their area is the places' one.
    pub events: EventFilter,
    /// A commune name or postal code typed in the search box.
    pub typed: Option<String>,
    /// Around the commune typed, in km.
    pub radius_km: Option<f64>,
}

/// The map page's URL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapQuery {
    pub search: Search,
    /// The street address chosen in the search box, to name the point searched around.
    pub address: Option<String>,
    pub layers: Layers,
}

/// The parameters of the events on the map page (their area is the places').
const EVENT_OWN: &[&dyn Documented] = &[&THEME, &EVENT_TYPE, &STATUS, &FROM, &TO];

impl MapQuery {
    /// Each part read on its own: a wrong part is reported and left at its default (a wrong
    /// layer does not lose the resident's search).
    pub fn read_each(query: &Query) -> (MapQuery, Vec<FilterError>) {
        let mut errors = Vec::new();
        let search = Search::read(query)
            .map_err(|e| errors.push(e))
            .unwrap_or_default();
        let address = query
            .one(&ADDRESS)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let layers = query
            .all(&LAYERS)
            .map(|chosen| Layers::from_list(&chosen))
            .map_err(|e| errors.push(e))
            .unwrap_or_default();
        (
            MapQuery {
                search,
                address,
                layers,
            },
            errors,
        )
    }

    /// Where the resident looks, removed: what is needed and for whom stays when the search
    /// box chooses another place.
    pub fn without_where(&self) -> MapQuery {
        let mut kept = self.clone();
        kept.search.places.area = AreaFilter::default();
        kept.search.typed = None;
        kept.search.radius_km = None;
        kept.address = None;
        kept
    }

    /// `without_where`, but the territory chosen (zones, EPCIs, communes) stays: a partner's
    /// frame keeps its scope through the resident's searches (issue 13, item 20).
    pub fn within_territory(&self) -> MapQuery {
        let mut kept = self.without_where();
        let area = &self.search.places.area;
        kept.search.places.area.zones = area.zones.clone();
        kept.search.places.area.epcis = area.epcis.clone();
        kept.search.places.area.communes = area.communes.clone();
        kept
    }

    /// Only where the resident looks, the actor chosen and the layers: the needs form
    /// replaces the rest.
    pub fn only_where(&self) -> MapQuery {
        MapQuery {
            search: Search {
                // An actor's places are chosen from its sheet, not in the form: they stay.
                places: PlaceFilter {
                    area: self.search.places.area.clone(),
                    actors: self.search.places.actors.clone(),
                    ..PlaceFilter::default()
                },
                events: EventFilter::default(),
                typed: self.search.typed.clone(),
                radius_km: self.search.radius_km,
            },
            address: self.address.clone(),
            layers: self.layers,
        }
    }

    pub fn write(&self, w: &mut QueryWriter) {
        self.search.write(w);
        w.one(&ADDRESS, self.address.as_ref())
            .all(&LAYERS, &self.layers.to_list());
    }

    /// The query string, without `?`.
    pub fn to_query(&self) -> String {
        let mut w = QueryWriter::default();
        self.write(&mut w);
        w.finish()
    }

    /// The same as pairs, for hidden fields of a form.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut w = QueryWriter::default();
        self.write(&mut w);
        w.pairs()
    }
}

impl Search {
    /// `radius` without `near` belongs to the commune typed (`where`); with `near`, to the
    /// point. A point replaces the commune typed.
    pub fn read(query: &Query) -> Result<Search, FilterError> {
        let near = query.has(&NEAR);
        let places = if near {
            PlaceFilter::read(query)?
        } else {
            PlaceFilter::read(&query.without(&[&RADIUS]))?
        };
        Ok(Search {
            places,
            events: EventFilter::read(&query.only(EVENT_OWN))?,
            typed: if near { None } else { query.one(&WHERE)? },
            radius_km: if near { None } else { query.one(&RADIUS)? },
        })
    }

    pub fn write(&self, w: &mut QueryWriter) {
        self.places.write(w);
        w.all(&THEME, &self.events.themes)
            .all(&EVENT_TYPE, &self.events.types)
            .all(&STATUS, &self.events.statuses)
            .one(&FROM, self.events.from.as_ref())
            .one(&TO, self.events.to.as_ref())
            .one(&WHERE, self.typed.as_ref())
            .one(&RADIUS, self.radius_km.as_ref());
    }

    /// The limits of the URL, applied to a search that arrived some other way: a server
    /// function receives its `Search` as JSON, which anyone can post.
    pub fn check(&self) -> Result<(), FilterError> {
        let mut w = QueryWriter::default();
        self.write(&mut w);
        Search::read(&Query::parse(&w.finish())?).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> MapQuery {
        let (map, errors) = MapQuery::read_each(&Query::parse(query).unwrap());
        assert!(errors.is_empty(), "{errors:?}");
        map
    }

    #[test]
    fn the_page_reads_back_what_it_writes() {
        for query in [
            "where=Lauzerte&radius=20&service=Aide+aux+d%C3%A9marches+administratives&theme=IA&layers=events",
            "near=44.1%2C1.3&radius=5&address=2+rue+X+Moissac&from=2026-04-13",
            "zone=Est&audience=Seniors&open_now=oui",
            "",
        ] {
            let map = read(query);
            assert_eq!(read(&map.to_query()), map, "{query}");
        }
        // The radius of the commune typed, not of a point.
        let typed = read("ou=Lauzerte&radius=20");
        assert_eq!(typed.search.typed.as_deref(), Some("Lauzerte"));
        assert_eq!(typed.search.radius_km, Some(20.0));
        assert!(typed.search.places.area.near.is_none());
    }

    #[test]
    fn the_search_box_and_the_needs_keep_each_others_part() {
        let map = read(
            "where=Moissac&radius=10&service=Loisirs+et+cr%C3%A9ations+num%C3%A9riques&layers=places",
        );
        let kept = map.without_where();
        assert!(kept.search.typed.is_none() && kept.search.radius_km.is_none());
        assert_eq!(kept.search.places.services.len(), 1);
        assert!(!kept.layers.events);
        let place = map.only_where();
        assert_eq!(place.search.typed.as_deref(), Some("Moissac"));
        assert!(place.search.places.services.is_empty());
        assert!(!place.layers.events, "the layers stay with the place");
    }

    #[test]
    fn a_wrong_part_leaves_the_others() {
        let (map, errors) =
            MapQuery::read_each(&Query::parse("where=Moissac&layers=velos").unwrap());
        assert_eq!(map.search.typed.as_deref(), Some("Moissac"));
        assert_eq!(errors[0].parameter, "layers");
    }
}
