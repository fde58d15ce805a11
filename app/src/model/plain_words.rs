//! The standard's labels in a resident's words. The API and the files keep the standard's
//! exact labels; every page shows these (issue 13, item 6: the same words in filters and
//! cards). Each `match` is exhaustive, so a value added to a vocabulary cannot go unworded.

use super::standard::{Accompagnement, ModaliteAcces, PriseEnCharge, Public, Service};

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
    use super::PlainWords;
    use crate::model::standard::Service;

    #[test]
    fn no_plain_word_repeats_the_standards_jargon() {
        for s in Service::ALL {
            assert_ne!(s.plain(), s.to_string());
            assert!(!s.plain().contains("Maîtrise"), "{}", s.plain());
        }
    }
}
