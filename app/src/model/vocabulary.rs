//! Closed lists of values read and written as their exact labels.

/// An enum whose variants serialise as the given labels, with `ALL`, `LABELS`, `label()`,
/// `from_label()` and `Display`.
macro_rules! vocabulary_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $label)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The labels of `ALL`, in order (for documentation: the API description lists them).
            pub const LABELS: &'static [&'static str] = &[$($label),+];

            /// The label, as read and written in files and URLs.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }

            pub fn from_label(label: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.label() == label)
            }

            /// The value whose label `text` is, accents and capitals aside, or the labels
            /// it could have been, in French.
            pub fn read_label(text: &str) -> Result<$name, String> {
                let wanted = $crate::model::fold(text);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| $crate::model::fold(v.label()) == wanted)
                    .ok_or_else(|| {
                        format!(
                            "« {text} » inconnu ; valeurs possibles : {}",
                            Self::LABELS.join(", ")
                        )
                    })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

pub(crate) use vocabulary_enum as vocabulary;
