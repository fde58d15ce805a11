//! Stable identifiers of records: lowercase ASCII slugs, used in URLs, files and element ids.

/// A slug identifier type: lowercase ASCII letters, digits and hyphens, 1 to 100 characters,
/// checked when read so that an id is always safe in a URL path and an HTML id.
macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                let ok = !s.is_empty()
                    && s.len() <= 100
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if ok {
                    Ok(Self(s))
                } else {
                    Err(format!(
                        "identifiant « {s} » invalide (lettres minuscules sans accent, chiffres et tirets, 100 caractères au plus)"
                    ))
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::try_from(s.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

pub(crate) use slug_id;

#[cfg(test)]
mod tests {
    slug_id!(TestId);

    #[test]
    fn accepts_slugs_only() {
        assert!("france-services-12".parse::<TestId>().is_ok());
        for bad in [
            "",
            "Avec-Majuscule",
            "accentué",
            "a b",
            "a/b",
            &"x".repeat(101),
        ] {
            assert!(bad.parse::<TestId>().is_err(), "{bad:?}");
        }
    }
}
