//! Where a proposal stands, as its structure and the coordinators read it.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Recue,
    ACompleter,
    Acceptee,
    Publiee,
    Refusee,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Recue,
        Status::ACompleter,
        Status::Acceptee,
        Status::Publiee,
        Status::Refusee,
    ];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            Status::Recue => "recue",
            Status::ACompleter => "a_completer",
            Status::Acceptee => "acceptee",
            Status::Publiee => "publiee",
            Status::Refusee => "refusee",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// As shown.
    pub fn label(self) -> &'static str {
        match self {
            Status::Recue => "reçue",
            Status::ACompleter => "à compléter",
            Status::Acceptee => "acceptée",
            Status::Publiee => "publiée",
            Status::Refusee => "refusée",
        }
    }

    /// What it means for the structure, in a short sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Recue => "Nous l'avons bien reçue. L'équipe du Département va la lire.",
            Status::ACompleter => {
                "L'équipe vous demande de la compléter. Lisez son message, puis cliquez sur « Compléter cette proposition »."
            }
            Status::Acceptee => {
                "Elle est retenue pour le programme. Elle n'est pas encore sur la carte."
            }
            Status::Publiee => "Elle est publiée sur la carte.",
            Status::Refusee => "Elle n'a pas été retenue.",
        }
    }

    /// The same, said of a resident's report (« remarque »).
    pub fn about_a_report(self) -> &'static str {
        match self {
            Status::Recue => "L'équipe du Département va la lire.",
            Status::ACompleter => {
                "L'équipe a besoin de précisions : écrivez un nouveau message avec « Signaler une erreur », en bas de la page concernée."
            }
            Status::Acceptee => "L'équipe va corriger la page.",
            Status::Publiee => "La page est corrigée.",
            Status::Refusee => "L'équipe n'a rien trouvé à corriger.",
        }
    }
}
