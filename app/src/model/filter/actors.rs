use serde::{Deserialize, Serialize};

use super::area::AreaFilter;
use super::{any_of, matches_words};
use crate::model::actor::{Actor, ActorType, Competence, Network};
use crate::model::query::FilterError;
use crate::model::query::{
    ACTOR_TYPE, AUDIENCE, COMPETENCE, Documented, FromQuery, NETWORK, Q, Query, QueryWriter,
};
use crate::model::record::Select;
use crate::model::standard::Public;

/// Which actors to show (`/acteurs?competence=…&where=Lauzerte&radius=20`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorFilter {
    /// An actor matches an area where one of its places is or which it serves; with `near`,
    /// its distance is to its nearest place, or to the territory it serves.
    pub area: AreaFilter,
    /// Words that must all appear in its names, description, type, competences or networks.
    pub q: Option<String>,
    pub competences: Vec<Competence>,
    pub types: Vec<ActorType>,
    /// Actors for these publics, and those for everyone.
    pub publics: Vec<Public>,
    pub networks: Vec<Network>,
}

impl FromQuery for ActorFilter {
    const PARAMETERS: &'static [&'static dyn Documented] =
        crate::with_area![&Q, &COMPETENCE, &ACTOR_TYPE, &AUDIENCE, &NETWORK,];

    fn read(query: &Query) -> Result<ActorFilter, FilterError> {
        Ok(ActorFilter {
            area: AreaFilter::read(query)?,
            q: query.one(&Q)?,
            competences: query.all(&COMPETENCE)?,
            types: query.all(&ACTOR_TYPE)?,
            publics: query.all(&AUDIENCE)?,
            networks: query.all(&NETWORK)?,
        })
    }

    fn write(&self, w: &mut QueryWriter) {
        self.area.write(w);
        w.one(&Q, self.q.as_ref())
            .all(&COMPETENCE, &self.competences)
            .all(&ACTOR_TYPE, &self.types)
            .all(&AUDIENCE, &self.publics)
            .all(&NETWORK, &self.networks);
    }
}

impl Select<Actor> for ActorFilter {
    fn distance_km(&self, actor: &Actor) -> Option<f64> {
        actor
            .points
            .iter()
            .filter_map(|p| self.area.distance_km(p))
            .chain(
                actor
                    .served_points
                    .iter()
                    .filter_map(|p| self.area.distance_km(p)),
            )
            .min_by(f64::total_cmp)
    }

    fn matches(&self, actor: &Actor) -> bool {
        let f = &actor.properties;
        self.area.matches_footprint(&actor.footprint)
            && self
                .area
                .near
                .is_none_or(|n| self.distance_km(actor).is_some_and(|d| d <= n.radius_km))
            && any_of(&self.competences, &actor.competences)
            && any_of(&self.types, &[f.type_acteur])
            && (f.publics.is_empty() || any_of(&self.publics, &f.publics))
            && any_of(&self.networks, &f.reseaux)
            && self.q.as_deref().is_none_or(|q| {
                let competences: Vec<&str> = actor.competences.iter().map(|c| c.label()).collect();
                let networks: Vec<&str> = f.reseaux.iter().map(|n| n.label()).collect();
                matches_words(
                    q,
                    &[
                        f.nom.as_str(),
                        f.nom_officiel.as_deref().unwrap_or(""),
                        f.description.as_deref().unwrap_or(""),
                        f.type_acteur.label(),
                        &competences.join(" "),
                        &networks.join(" "),
                        actor.served_name.as_str(),
                    ],
                )
            })
    }

    /// Without a point: by name.
    fn sort_without_point(&self, found: &mut [&Actor]) {
        found.sort_by_cached_key(|a| crate::model::fold(&a.properties.nom));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::actor::ActorProperties;
    use crate::model::filter::Footprint;
    use crate::model::place::Position;
    use crate::model::territory::{Insee, Siren, Zone};

    fn parse(query: &str) -> Result<ActorFilter, FilterError> {
        crate::model::filter::testing::parse(query)
    }

    /// An association with one place at Lauzerte (82094), training helpers.
    fn association() -> Actor {
        Actor {
            properties: ActorProperties {
                id: "asso-exemple".parse().unwrap(),
                nom: "Association des aidants".into(),
                nom_officiel: None,
                type_acteur: ActorType::Association,
                siret: None,
                siren: None,
                description: None,
                competences: vec![Competence::FormationAidants],
                publics: vec![],
                lieux: vec![],
                territoire: vec![],
                reseaux: vec![Network::ConseillersNumeriques],
                site_web: None,
                courriel: None,
                telephone: None,
                provenance: vec![],
                incertain: None,
                source: "test".into(),
                date_maj: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                exemple: true,
            },
            position: Some(Position {
                lon: 1.138,
                lat: 44.25,
            }),
            footprint: Footprint {
                zones: vec![Zone::Ouest],
                epcis: vec!["200041762".parse::<Siren>().unwrap()],
                communes: vec!["82094".parse::<Insee>().unwrap()],
                bbox: [1.138, 44.25, 1.138, 44.25],
            },
            competences: vec![Competence::MaitriseOutils, Competence::FormationAidants],
            points: vec![Position {
                lon: 1.138,
                lat: 44.25,
            }],
            served_points: vec![],
            served_name: "Lauzerte".into(),
        }
    }

    #[test]
    fn a_competence_a_type_a_network_and_words_choose() {
        let a = association();
        assert!(
            parse("competence=Formation des aidants et des professionnels")
                .unwrap()
                .matches(&a)
        );
        assert!(
            !parse("competence=Intelligence artificielle")
                .unwrap()
                .matches(&a)
        );
        assert!(parse("actor_type=association").unwrap().matches(&a));
        assert!(!parse("actor_type=entreprise").unwrap().matches(&a));
        assert!(parse("network=Conseillers numériques").unwrap().matches(&a));
        assert!(parse("q=aidants lauzerte").unwrap().matches(&a));
        assert!(parse("zone=Ouest").unwrap().matches(&a));
        assert!(!parse("zone=Est").unwrap().matches(&a));
    }

    #[test]
    fn near_a_point_by_its_nearest_place() {
        let a = association();
        let near = parse("near=44.25,1.2&radius=10").unwrap();
        let d = near.distance_km(&a).unwrap();
        assert!((4.0..6.0).contains(&d), "{d}");
        assert!(near.matches(&a));
        assert!(!parse("near=44.25,1.2&radius=2").unwrap().matches(&a));
    }
}
