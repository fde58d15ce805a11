//! Stable identifiers of records: lowercase ASCII slugs, used in URLs, files and element ids.

/// A string type made only through `$check` (a `fn(&str) -> Result<(), String>` giving the
/// reason in French), whether it comes from a file, a URL or JSON. With `trim`, text parsed
/// by `FromStr` loses its surrounding spaces first (codes typed by people).
macro_rules! checked_string {
    ($(#[$doc:meta])* $name:ident, $check:expr, trim: $trim:expr) => {
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
                let check: fn(&str) -> Result<(), String> = $check;
                check(&s).map(|()| Self(s))
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::try_from(if $trim { s.trim() } else { s }.to_owned())
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

/// A slug identifier type: lowercase ASCII letters, digits and hyphens, 1 to 100 characters,
/// checked when read so that an id is always safe in a URL path and an HTML id.
macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $crate::model::id::checked_string!(
            $(#[$doc])* $name,
            |s| {
                let ok = !s.is_empty()
                    && s.len() <= 100
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if ok {
                    Ok(())
                } else {
                    Err(format!(
                        "identifiant « {s} » invalide (lettres minuscules sans accent, chiffres et tirets, 100 caractères au plus)"
                    ))
                }
            },
            trim: false
        );
    };
}

pub(crate) use checked_string;
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
