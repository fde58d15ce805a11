//! The standard's labels in a resident's words. The API and the files keep the standard's
//! exact labels; every page shows these (issue 13, item 6: the same words in filters and
//! cards). Each `match` is exhaustive, so a value added to a vocabulary cannot go unworded.

use super::filter::PlaceFilter;
use super::standard::{Accompagnement, Frais, ModaliteAcces, PriseEnCharge, Public, Service};

pub trait PlainWords {
    /// How a page says this value.
    fn plain(&self) -> &'static str;
}

impl PlainWords for Service {
    fn plain(&self) -> &'static str {
        match self {
            Service::AideDemarches => {
                "Être aidé pour une démarche en ligne (CAF, impôts, santé, retraite…)"
            }
            Service::MaitriseOutils => {
                "Apprendre à utiliser un téléphone, une tablette ou un ordinateur"
            }
            Service::UtilisationSecurisee => "Se protéger en ligne (arnaques, mots de passe)",
            Service::ComprehensionMonde => "Comprendre le numérique (IA, réseaux sociaux…)",
            Service::Parentalite => "Accompagner ses enfants face aux écrans",
            Service::InsertionPro => "Chercher un emploi ou une formation en ligne",
            Service::Loisirs => "Créer et se distraire avec le numérique",
            Service::AccesInternet => "Utiliser un ordinateur ou internet sur place",
            Service::MaterielSolidaire => "Acheter un ordinateur à petit prix",
        }
    }
}

impl Service {
    /// A few words, for a sentence that names a choice ("démarches en ligne").
    pub fn short_fr(self) -> &'static str {
        match self {
            Service::AideDemarches => "démarches en ligne",
            Service::MaitriseOutils => "utiliser un téléphone ou un ordinateur",
            Service::UtilisationSecurisee => "se protéger en ligne",
            Service::ComprehensionMonde => "comprendre le numérique",
            Service::Parentalite => "enfants et écrans",
            Service::InsertionPro => "emploi et formation",
            Service::Loisirs => "loisirs numériques",
            Service::AccesInternet => "ordinateur et internet sur place",
            Service::MaterielSolidaire => "ordinateur à petit prix",
        }
    }
}

/// What a place filter asks, in a few words ("démarches en ligne, gratuits, ouverts le
/// samedi 5 décembre 2026"); empty when it asks nothing. A figure says what it counts
/// (issue 13, item 16).
pub fn describe_fr(filter: &PlaceFilter) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !filter.services.is_empty() {
        let services: Vec<&str> = filter.services.iter().map(|s| s.short_fr()).collect();
        parts.push(services.join(" ou "));
    }
    if !filter.publics.is_empty() {
        let publics: Vec<String> = filter
            .publics
            .iter()
            .map(|p| p.plain().to_lowercase())
            .collect();
        parts.push(format!("pour {}", publics.join(" ou ")));
    }
    if !filter.prises_en_charge.is_empty() {
        let support: Vec<String> = filter
            .prises_en_charge
            .iter()
            .map(|p| p.plain().to_lowercase())
            .collect();
        parts.push(format!("aide adaptée : {}", support.join(" ou ")));
    }
    if filter.frais == [Frais::Gratuit] {
        parts.push("gratuits".to_owned());
    } else if !filter.frais.is_empty() {
        let fees: Vec<String> = filter
            .frais
            .iter()
            .map(|f| f.to_string().to_lowercase())
            .collect();
        parts.push(fees.join(" ou "));
    }
    if !filter.programmes.is_empty() {
        let networks: Vec<String> = filter.programmes.iter().map(ToString::to_string).collect();
        parts.push(format!("réseau {}", networks.join(" ou ")));
    }
    if !filter.competences.is_empty() {
        let what: Vec<String> = filter
            .competences
            .iter()
            .map(|c| format!("« {} »", c.label()))
            .collect();
        parts.push(format!("où l'on sait faire {}", what.join(" ou ")));
    }
    match filter.actors.len() {
        0 => {}
        1 => parts.push("de la structure choisie".to_owned()),
        _ => parts.push("des structures choisies".to_owned()),
    }
    if filter.open_now {
        parts.push("ouverts maintenant".to_owned());
    }
    if let Some(day) = filter.open_on {
        parts.push(format!("ouverts le {}", crate::format::day_fr(day)));
    }
    if let Some(q) = &filter.q {
        parts.push(format!("« {q} »"));
    }
    parts.join(", ")
}

impl PlainWords for Public {
    fn plain(&self) -> &'static str {
        match self {
            Public::Seniors => "Les personnes âgées",
            Public::Jeunes => "Les jeunes",
            Public::Etudiants => "Les étudiants",
            Public::Familles => "Les familles et les enfants",
            Public::Femmes => "Les femmes",
        }
    }
}

impl PlainWords for PriseEnCharge {
    fn plain(&self) -> &'static str {
        match self {
            PriseEnCharge::Surdite => "Personnes sourdes ou malentendantes",
            PriseEnCharge::DeficienceVisuelle => "Personnes aveugles ou malvoyantes",
            PriseEnCharge::HandicapsMoteurs => "Personnes en fauteuil ou à mobilité réduite",
            PriseEnCharge::HandicapsMentaux => "Personnes avec un handicap mental",
            PriseEnCharge::Illettrisme => "Personnes qui ont du mal à lire ou à écrire",
            PriseEnCharge::LanguesAnglais => "Aide en anglais",
            PriseEnCharge::LanguesAutres => "Aide dans d'autres langues",
        }
    }
}

impl PlainWords for ModaliteAcces {
    fn plain(&self) -> &'static str {
        match self {
            ModaliteAcces::SePresenter => "Venir sur place",
            ModaliteAcces::Telephoner => "Téléphoner",
            ModaliteAcces::ContacterParMail => "Écrire un courriel",
            ModaliteAcces::RdvEnLigne => "Prendre rendez-vous sur internet",
            ModaliteAcces::PasDePublic => "Ce lieu ne reçoit pas de public",
            ModaliteAcces::FichePrescription => "Sur demande d'un travailleur social",
        }
    }
}

impl PlainWords for Accompagnement {
    fn plain(&self) -> &'static str {
        match self {
            Accompagnement::EnAutonomie => "Seul, avec le matériel du lieu",
            Accompagnement::Individuel => "Avec une personne qui vous aide",
            Accompagnement::AtelierCollectif => "En atelier, en groupe",
            Accompagnement::ADistance => "À distance",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PlainWords, describe_fr};
    use crate::model::standard::{Frais, Service};
    use crate::model::{Competence, PlaceFilter};

    #[test]
    fn a_filter_is_said_in_a_few_words() {
        assert_eq!(describe_fr(&PlaceFilter::default()), "");
        let filter = PlaceFilter {
            services: vec![Service::AideDemarches],
            frais: vec![Frais::Gratuit],
            open_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 5),
            ..PlaceFilter::default()
        };
        assert_eq!(
            describe_fr(&filter),
            "démarches en ligne, gratuits, ouverts le samedi 5 décembre 2026"
        );
    }

    #[test]
    fn a_competence_is_said_in_its_words() {
        let filter = PlaceFilter {
            competences: vec![Competence::Reemploi],
            ..PlaceFilter::default()
        };
        assert_eq!(
            describe_fr(&filter),
            "où l'on sait faire « Réparation, reconditionnement, réemploi »"
        );
    }

    #[test]
    fn no_plain_word_repeats_the_standards_jargon() {
        for s in Service::ALL {
            assert_ne!(s.plain(), s.to_string());
            assert!(!s.plain().contains("Maîtrise"), "{}", s.plain());
        }
    }
}
