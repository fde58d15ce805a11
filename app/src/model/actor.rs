//! The territory's digital actors (acteurs): the structures behind the places and events —
//! an association, a commune, an EPCI, a public operator, a company… — with what they can
//! do (their competences), whom they serve and where. `data/acteurs.geojson` says which
//! places each one runs; its competences are what it declares and the services of its places.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::filter::Footprint;
use super::id::{checked_string, slug_id};
use super::place::{PlaceId, Position};
use super::standard::{Public, Service};
use super::territory::{Insee, Siren, Zone};
use super::vocabulary::vocabulary;
use super::web_url::WebUrl;

slug_id!(
    /// Stable identifier of an actor.
    ActorId
);

vocabulary!(
    /// What kind of structure it is.
    ActorType {
        Association => "association",
        Collectivite => "collectivité ou commune",
        Epci => "communauté de communes ou d'agglomération",
        ServicePublic => "service de l'État ou opérateur public",
        Entreprise => "entreprise",
        Formation => "établissement scolaire ou de formation",
        Bibliotheque => "bibliothèque ou médiathèque",
        TiersLieu => "tiers-lieu ou fablab",
        Autre => "autre",
    }
);

vocabulary!(
    /// What an actor can do: the nine services of the national standard for mediation
    /// places, then what the département's digital-inclusion plan names (docs in
    /// data/README.md). The nine are written again, in the standard's words, so that a
    /// place's service is its actor's competence as people read it (`From<Service>`, and a
    /// test that the words agree).
    Competence {
        AideDemarches => "Aide aux démarches administratives",
        MaitriseOutils => "Maîtrise des outils numériques du quotidien",
        InsertionPro => "Insertion professionnelle via le numérique",
        UtilisationSecurisee => "Utilisation sécurisée du numérique",
        Parentalite => "Parentalité et éducation avec le numérique",
        Loisirs => "Loisirs et créations numériques",
        ComprehensionMonde => "Compréhension du monde numérique",
        AccesInternet => "Accès internet et matériel informatique",
        MaterielSolidaire => "Acquisition de matériel informatique à prix solidaire",
        FormationAidants => "Formation des aidants et des professionnels",
        Reemploi => "Réparation, reconditionnement, réemploi",
        EducationMedias => "Éducation aux médias et à l'information",
        Cybersecurite => "Cybersécurité",
        NumeriqueResponsable => "Numérique responsable",
        IntelligenceArtificielle => "Intelligence artificielle",
        PretMateriel => "Accès et prêt de matériel",
        FabricationNumerique => "Fabrication numérique",
    }
);

impl From<Service> for Competence {
    /// A place's service is a competence of the actor who runs it.
    fn from(service: Service) -> Competence {
        match service {
            Service::AideDemarches => Competence::AideDemarches,
            Service::MaitriseOutils => Competence::MaitriseOutils,
            Service::InsertionPro => Competence::InsertionPro,
            Service::UtilisationSecurisee => Competence::UtilisationSecurisee,
            Service::Parentalite => Competence::Parentalite,
            Service::Loisirs => Competence::Loisirs,
            Service::ComprehensionMonde => Competence::ComprehensionMonde,
            Service::AccesInternet => Competence::AccesInternet,
            Service::MaterielSolidaire => Competence::MaterielSolidaire,
        }
    }
}

impl Competence {
    /// What the département's plan names beyond the standard's services (a place's
    /// services are already chosen as needs on the map page).
    pub fn beyond_services() -> impl Iterator<Item = Competence> {
        Competence::ALL
            .iter()
            .copied()
            .filter(|c| !Service::ALL.iter().any(|s| Competence::from(*s) == *c))
    }
}

vocabulary!(
    /// National networks and labels an actor belongs to.
    Network {
        FranceServices => "France services",
        ConseillersNumeriques => "Conseillers numériques",
        AidantsConnect => "Aidants Connect",
        Pix => "PIX",
        Aptic => "APTIC",
        InformationJeunesse => "Information Jeunesse",
        CyberBase => "Cyber-base",
        LesPep => "Les PEP",
        Cidff => "CIDFF",
        Emmaus => "Emmaüs Connect",
    }
);

/// The Luhn key of SIREN and SIRET numbers (every other digit from the right doubled).
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// La Poste's establishments share the SIREN 356000000; their SIRETs fail the Luhn key and
/// follow INSEE's own rule instead: the sum of the digits is a multiple of 5.
const LA_POSTE: &str = "356000000";

/// A SIREN's key (the type `Siren` checks only its nine digits).
pub fn siren_key_is_valid(siren: &Siren) -> bool {
    luhn(siren.as_str())
}

checked_string!(
    /// SIRET of an establishment: 14 digits and a valid key.
    Siret,
    |s| {
        if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "« {s} » n'est pas un numéro SIRET (14 chiffres attendus)"
            ));
        }
        let la_poste = s.starts_with(LA_POSTE)
            && s.bytes().map(|b| u32::from(b - b'0')).sum::<u32>().is_multiple_of(5);
        if luhn(s) || la_poste {
            Ok(())
        } else {
            Err(format!(
                "« {s} » : la clé du numéro SIRET est fausse (une erreur de frappe ?)"
            ))
        }
    },
    trim: true
);

impl Siret {
    /// Its first nine digits: the company's SIREN.
    pub fn siren(&self) -> &str {
        &self.as_str()[..9]
    }
}

/// A territory an actor serves beyond its places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum ServedTerritory {
    #[serde(rename = "commune")]
    Commune { insee: Insee },
    #[serde(rename = "epci")]
    Epci { siren: Siren },
    #[serde(rename = "zone")]
    Zone { zone: Zone },
    #[serde(rename = "departement")]
    Departement,
}

/// Where a value of the record was read (per field: the file, the row and the column).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub champ: String,
    pub detail: String,
}

/// The properties of an actor as stored in `data/acteurs.geojson`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorProperties {
    pub id: ActorId,
    /// The name people know it by.
    pub nom: String,
    /// Its registered name, as a source writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nom_officiel: Option<String>,
    #[serde(rename = "type")]
    pub type_acteur: ActorType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siret: Option<Siret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siren: Option<Siren>,
    /// What it is and does, in a few plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What it declares it can do, besides the services of its places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competences: Vec<Competence>,
    /// Whom it serves in particular; empty means everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publics: Vec<Public>,
    /// The mediation places it runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lieux: Vec<PlaceId>,
    /// The territory it serves, beyond the communes of its places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub territoire: Vec<ServedTerritory>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reseaux: Vec<Network>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_web: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courriel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// Where each value comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<Provenance>,
    /// What the sources leave uncertain (a grouping or a type that is a reading of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incertain: Option<String>,
    /// Where the record comes from (data set and record, see data/README.md).
    pub source: String,
    pub date_maj: NaiveDate,
    /// Invented for demonstration: hidden when the server serves real data only.
    #[serde(default)]
    pub exemple: bool,
}

/// A checked actor and what the server computed of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub properties: ActorProperties,
    /// Its first place's point; none for an actor without places.
    pub position: Option<Position>,
    /// Its places' communes and the territory it serves.
    pub footprint: Footprint,
    /// What it declares, then its places' services, each once, in the vocabulary's order.
    pub competences: Vec<Competence>,
    /// The points of its places, for the distance to a commune.
    pub points: Vec<Position>,
    /// The centre of each commune of the territory it declares serving: its distance to a
    /// point is to its nearest place or to the nearest of these.
    pub served_points: Vec<Position>,
    /// What it serves, in words: "Montauban, Caussade", "CC Quercy Vert-Aveyron"…
    pub served_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_adds_eight_competences_to_the_nine_services() {
        assert_eq!(Competence::beyond_services().count(), 8);
        assert_eq!(
            Competence::beyond_services().next(),
            Some(Competence::FormationAidants)
        );
    }

    #[test]
    fn siret_keys_are_checked_la_poste_by_its_own_rule() {
        // The Département's SIRET, from the Aidants Connect structures.
        assert!("22820001000012".parse::<Siret>().is_ok());
        assert!(
            "22820001000013"
                .parse::<Siret>()
                .unwrap_err()
                .contains("clé")
        );
        assert!("2282000100001".parse::<Siret>().unwrap_err().contains("14"));
        // A La Poste office (conseillers numériques source): Luhn fails, its rule holds.
        assert!("35600000036494".parse::<Siret>().is_ok());
        assert!("35600000036495".parse::<Siret>().is_err());
        assert_eq!(
            "22820001000012".parse::<Siret>().unwrap().siren(),
            "228200010"
        );
    }

    #[test]
    fn siren_keys() {
        assert!(siren_key_is_valid(&"228200010".parse().unwrap()));
        assert!(!siren_key_is_valid(&"228200011".parse().unwrap()));
    }

    #[test]
    fn every_service_is_a_competence_of_the_same_words() {
        for service in Service::ALL {
            assert_eq!(Competence::from(*service).label(), service.label());
        }
    }
}
