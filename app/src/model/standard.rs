//! The closed vocabularies of the national standard of mediation places (v1.0.2,
//! `data/standard/standard-mediation-num.schema.json`). Each value is a variant, read and
//! written as the standard's exact label, so an unknown or misspelt value cannot be loaded.

use super::vocabulary::vocabulary;

vocabulary!(
    /// `services`: what the place helps with.
    Service {
        AideDemarches => "Aide aux démarches administratives",
        MaitriseOutils => "Maîtrise des outils numériques du quotidien",
        InsertionPro => "Insertion professionnelle via le numérique",
        UtilisationSecurisee => "Utilisation sécurisée du numérique",
        Parentalite => "Parentalité et éducation avec le numérique",
        Loisirs => "Loisirs et créations numériques",
        ComprehensionMonde => "Compréhension du monde numérique",
        AccesInternet => "Accès internet et matériel informatique",
        MaterielSolidaire => "Acquisition de matériel informatique à prix solidaire",
    }
);

vocabulary!(
    /// `publics_specifiquement_adresses`.
    Public {
        Jeunes => "Jeunes",
        Etudiants => "Étudiants",
        Familles => "Familles et/ou enfants",
        Seniors => "Seniors",
        Femmes => "Femmes",
    }
);

vocabulary!(
    /// `prise_en_charge_specifique`.
    PriseEnCharge {
        Surdite => "Surdité",
        HandicapsMoteurs => "Handicaps moteurs",
        HandicapsMentaux => "Handicaps mentaux",
        Illettrisme => "Illettrisme",
        LanguesAnglais => "Langues étrangères (anglais)",
        LanguesAutres => "Langues étrangères (autres)",
        DeficienceVisuelle => "Déficience visuelle",
    }
);

vocabulary!(
    /// `frais_a_charge`.
    Frais {
        Gratuit => "Gratuit",
        GratuitSousCondition => "Gratuit sous condition",
        Payant => "Payant",
    }
);

vocabulary!(
    /// `dispositif_programmes_nationaux`.
    Programme {
        AidantsConnect => "Aidants Connect",
        BibliothequesNumeriques => "Bibliothèques numérique de référence",
        CertificationPix => "Certification PIX",
        ConseillersNumeriques => "Conseillers numériques",
        EmmausConnect => "Emmaüs Connect",
        FranceServices => "France Services",
        GrandeEcoleNumerique => "Grande école du numérique",
        CroixRouge => "La Croix Rouge",
        PointAccesCaf => "Point d'accès numérique CAF",
        PromeneursDuNet => "Promeneurs du net",
        RelaisNumerique => "Relais numérique (Emmaüs Connect)",
    }
);

vocabulary!(
    /// `formations_labels`.
    FormationLabel {
        MonEspaceSante => "Formé à « Mon Espace Santé »",
        Duplex => "Formé à « DUPLEX » (illettrisme)",
        ArniaMednumBfc => "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
        CollectifReemploi => "Collectif ressources et acteurs réemploi (Normandie)",
        EtapesNumeriques => "Étapes numériques(La Poste)",
        FabriquesDeTerritoire => "Fabriques de Territoire",
        EclaireursDuNumerique => "Les Éclaireurs du numérique (Drôme)",
        MesPapiers => "Mes Papiers (Métropole de Lyon)",
        Ordi30 => "ORDI 3.0",
        SudLabs => "SUD LABS (PACA)",
    }
);

vocabulary!(
    /// `modalites_acces`.
    ModaliteAcces {
        SePresenter => "Se présenter",
        Telephoner => "Téléphoner",
        ContacterParMail => "Contacter par mail",
        RdvEnLigne => "Prendre un RDV en ligne",
        PasDePublic => "Ce lieu n'accueille pas de public",
        FichePrescription => "Envoyer un mail avec une fiche de prescription",
    }
);

vocabulary!(
    /// `modalites_accompagnement`.
    Accompagnement {
        EnAutonomie => "En autonomie",
        Individuel => "Accompagnement individuel",
        AtelierCollectif => "Dans un atelier collectif",
        ADistance => "À distance",
    }
);

vocabulary!(
    /// `itinerance`.
    Itinerance {
        Itinerant => "Itinérant",
        Fixe => "Fixe",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_and_write_as_the_standard_spells_them() {
        let s: Service = serde_json::from_str("\"Aide aux démarches administratives\"").unwrap();
        assert_eq!(s, Service::AideDemarches);
        assert_eq!(
            serde_json::to_string(&Programme::FranceServices).unwrap(),
            "\"France Services\""
        );
        assert_eq!(
            PriseEnCharge::from_label("Langues étrangères (anglais)"),
            Some(PriseEnCharge::LanguesAnglais)
        );
    }

    #[test]
    fn an_unknown_value_is_refused() {
        let e = serde_json::from_str::<Service>("\"Aide aux demarches\"").unwrap_err();
        assert!(e.to_string().contains("unknown variant"), "{e}");
    }
}
