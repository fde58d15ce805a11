use serde::{Deserialize, Serialize};

use super::area::AreaFilter;
use super::{any_of, matches_words};
use crate::model::query::FilterError;
use crate::model::query::{
    AUDIENCE, Documented, FEES, FromQuery, Q, Query, QueryWriter, RESOURCE_TYPE,
};
use crate::model::record::Select;
use crate::model::resource::{Resource, ResourceType};
use crate::model::standard::{Frais, Public};

/// Which resources to show (`/api/resources?type=wifi public&commune=82121`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceFilter {
    /// A resource matches an area it serves: one serving the whole EPCI matches each of its
    /// communes; with `near`, its distance is to the nearest edge of its territory.
    pub area: AreaFilter,
    /// Words that must all appear in the name, description, type or served territory.
    pub q: Option<String>,
    pub types: Vec<ResourceType>,
    /// Resources for these publics, and those for everyone.
    pub publics: Vec<Public>,
    pub frais: Vec<Frais>,
}

impl FromQuery for ResourceFilter {
    const PARAMETERS: &'static [&'static dyn Documented] =
        crate::with_area![&Q, &RESOURCE_TYPE, &AUDIENCE, &FEES,];

    fn read(query: &Query) -> Result<ResourceFilter, FilterError> {
        Ok(ResourceFilter {
            area: AreaFilter::read(query)?,
            q: query.one(&Q)?,
            types: query.all(&RESOURCE_TYPE)?,
            publics: query.all(&AUDIENCE)?,
            frais: query.all(&FEES)?,
        })
    }

    fn write(&self, w: &mut QueryWriter) {
        self.area.write(w);
        w.one(&Q, self.q.as_ref())
            .all(&RESOURCE_TYPE, &self.types)
            .all(&AUDIENCE, &self.publics)
            .all(&FEES, &self.frais);
    }
}

impl Select<Resource> for ResourceFilter {
    fn distance_km(&self, resource: &Resource) -> Option<f64> {
        self.area.distance_to_box_km(&resource.footprint.bbox)
    }

    fn matches(&self, resource: &Resource) -> bool {
        let f = &resource.properties;
        self.area.matches_footprint(&resource.footprint)
            && any_of(&self.types, &[f.type_ressource])
            && (f.publics.is_empty() || any_of(&self.publics, &f.publics))
            && any_of(&self.frais, f.frais.as_slice())
            && self.q.as_deref().is_none_or(|q| {
                matches_words(
                    q,
                    &[
                        f.nom.as_str(),
                        f.description.as_str(),
                        f.type_ressource.label(),
                        resource.served_name.as_str(),
                        f.commune.as_deref().unwrap_or(""),
                    ],
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::filter::Footprint;
    use crate::model::resource::{ResourceProperties, ServedArea};
    use crate::model::territory::{Insee, Siren, Zone};

    fn parse(query: &str) -> Result<ResourceFilter, FilterError> {
        crate::model::filter::testing::parse(query)
    }

    /// A resource serving the EPCI 248200099 (two communes), in a 0.1° box.
    fn epci_wide(publics: Vec<Public>) -> Resource {
        Resource {
            properties: ResourceProperties {
                id: "pret-tablettes".parse().unwrap(),
                nom: "Prêt de tablettes".into(),
                type_ressource: ResourceType::Pret,
                description: "Des tablettes à emprunter un mois.".into(),
                desserte: ServedArea::Epci {
                    siren: "248200099".parse().unwrap(),
                },
                publics,
                frais: Some(Frais::Gratuit),
                conditions: None,
                adresse: None,
                code_postal: None,
                commune: None,
                telephone: None,
                courriel: None,
                site_web: None,
                source: "test".into(),
                date_maj: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                exemple: true,
            },
            position: None,
            footprint: Footprint {
                zones: vec![Zone::Centre],
                epcis: vec!["248200099".parse::<Siren>().unwrap()],
                communes: vec![
                    "82121".parse::<Insee>().unwrap(),
                    "82112".parse::<Insee>().unwrap(),
                ],
                bbox: [1.3, 44.0, 1.4, 44.1],
            },
            served_name: "CA Grand Montauban".into(),
        }
    }

    #[test]
    fn a_territory_resource_matches_each_commune_it_serves() {
        let r = epci_wide(vec![]);
        assert!(parse("commune=82112").unwrap().matches(&r));
        assert!(parse("zone=Centre,Est").unwrap().matches(&r));
        assert!(!parse("zone=Ouest").unwrap().matches(&r));
        assert!(!parse("commune=82001").unwrap().matches(&r));
        // The box of the filter overlaps the served box.
        assert!(parse("bbox=1.35,44.05,2,45").unwrap().matches(&r));
        assert!(!parse("bbox=1.5,44.05,2,45").unwrap().matches(&r));
    }

    #[test]
    fn near_measures_to_the_edge_of_the_served_territory() {
        let r = epci_wide(vec![]);
        let inside = parse("near=44.05,1.35&radius=1").unwrap();
        assert_eq!(inside.distance_km(&r), Some(0.0));
        assert!(inside.matches(&r));
        // 0.1° of longitude east of the box, at latitude 44.05: about 8 km.
        let east = parse("near=44.05,1.5&radius=5").unwrap();
        let d = east.distance_km(&r).unwrap();
        assert!((7.9..8.1).contains(&d), "{d}");
        assert!(!east.matches(&r));
    }

    #[test]
    fn a_resource_for_everyone_matches_any_public_and_types_filter() {
        assert!(parse("public=Seniors").unwrap().matches(&epci_wide(vec![])));
        assert!(
            !parse("public=Seniors")
                .unwrap()
                .matches(&epci_wide(vec![Public::Jeunes]))
        );
        assert!(
            parse("type=prêt de matériel&frais=gratuit&q=tablette montauban")
                .unwrap()
                .matches(&epci_wide(vec![]))
        );
        assert!(
            !parse("type=wifi public")
                .unwrap()
                .matches(&epci_wide(vec![]))
        );
    }

    #[test]
    fn names_the_bad_parameter_and_round_trips() {
        assert_eq!(parse("type=vélo").unwrap_err().parameter, "type");
        assert_eq!(parse("public=Tous").unwrap_err().parameter, "public");
        assert_eq!(parse("audience=Tous").unwrap_err().parameter, "audience");
        let f = parse("type=wifi public,formation&public=Seniors&zone=Est&q=wifi").unwrap();
        let back = ResourceFilter::from_query_string(&f.to_query()).unwrap();
        assert_eq!(back, f);
    }
}
