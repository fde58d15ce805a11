//! Every setting of `carto82 serve` in one place, as the operator meets it (issue 19): the
//! optional settings file (TOML, `CARTO82_CONFIG`), what `carto82 config` prints, the
//! table of `docs/configuration.md` (made from `ServeArgs` itself, so the documentation
//! cannot drift), and the lines start-up logs.
//!
//! Precedence: the command line, then the environment, then the file, then the default.
//! The file's values are put into the environment (where it has none) before clap reads it.

use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{ArgMatches, Args};

use crate::config::ServeArgs;

/// The variable (and `--config` option) that names the settings file.
pub const FILE_VARIABLE: &str = "CARTO82_CONFIG";
const PREFIX: &str = "CARTO82_";

/// One setting of `serve`.
#[derive(Debug, Clone)]
pub struct Setting {
    /// clap's id of the argument.
    pub id: String,
    /// Its key in the settings file: the variable without `CARTO82_`, in small letters.
    pub key: String,
    pub variable: String,
    pub option: String,
    pub default: Option<String>,
    /// Its meaning, as `--help` says it.
    pub meaning: String,
}

impl Setting {
    /// Whether its value may hold a password or a token, hidden when printed or logged.
    fn is_secret(&self) -> bool {
        matches!(
            self.key.as_str(),
            "base" | "smtp" | "metrics_token" | "import_source"
        )
    }
}

/// Every setting of `serve`, in the order of `ServeArgs`.
pub fn all() -> Vec<Setting> {
    let command = ServeArgs::augment_args(clap::Command::new("serve"));
    command
        .get_arguments()
        .filter_map(|arg| {
            let variable = arg.get_env()?.to_string_lossy().into_owned();
            let key = variable.strip_prefix(PREFIX)?.to_lowercase();
            Some(Setting {
                id: arg.get_id().to_string(),
                key,
                option: format!("--{}", arg.get_long()?),
                default: arg
                    .get_default_values()
                    .first()
                    .map(|v| v.to_string_lossy().into_owned()),
                meaning: arg
                    .get_help()
                    .map(|h| {
                        h.to_string()
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default(),
                variable,
            })
        })
        .collect()
}

/// The settings file named by `--config FILE` (or `--config=FILE`) among `args`, else by
/// `CARTO82_CONFIG`.
pub fn named_file(args: &[String]) -> Option<PathBuf> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--config=") {
            return Some(PathBuf::from(path));
        }
    }
    std::env::var_os(FILE_VARIABLE).map(PathBuf::from)
}

/// The file's settings as (variable, value): a key that is no setting, or a value that is
/// not text, a number, a boolean or a list of texts, is an error that names it.
pub fn read_file(path: &Path) -> Result<Vec<(String, String)>, String> {
    let at = |what: String| format!("{} : {what}", path.display());
    let text =
        std::fs::read_to_string(path).map_err(|e| at(format!("lecture impossible : {e}")))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| at(e.to_string()))?;
    let settings = all();
    let mut values = Vec::new();
    for (key, value) in table {
        let Some(setting) = settings.iter().find(|s| s.key == key) else {
            let known: Vec<&str> = settings.iter().map(|s| s.key.as_str()).collect();
            return Err(at(format!(
                "réglage inconnu « {key} » (réglages possibles : {})",
                known.join(", ")
            )));
        };
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(n) => n.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            // Lists of addresses (`proxies`, `frame_ancestors`): separated by spaces.
            toml::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| at(format!("« {key} » : une liste de textes est attendue")))?
                .join(" "),
            _ => {
                return Err(at(format!(
                    "« {key} » : un texte, un nombre ou oui/non est attendu"
                )));
            }
        };
        values.push((setting.variable.clone(), text));
    }
    Ok(values)
}

/// Puts the file's settings into the environment where it has none, and gives the
/// variables it set (their source is the file).
///
/// # Safety
/// Changes the process environment: call it before any other thread runs.
pub unsafe fn apply(values: Vec<(String, String)>) -> Vec<String> {
    let mut from_file = Vec::new();
    for (variable, value) in values {
        if std::env::var_os(&variable).is_none() {
            // SAFETY: the caller runs this before any thread that could read the
            // environment exists.
            unsafe { std::env::set_var(&variable, value) };
            from_file.push(variable);
        }
    }
    from_file
}

/// The effective settings, one line each: variable, value (secrets hidden), and where it
/// comes from.
pub fn describe(matches: &ArgMatches, from_file: &[String], file: Option<&Path>) -> Vec<String> {
    all()
        .into_iter()
        .map(|setting| {
            let value = matches
                .get_raw(&setting.id)
                .map(|values| {
                    values
                        .map(|v| v.to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            let value = if setting.is_secret() {
                hidden(&value)
            } else {
                value
            };
            let source = match matches.value_source(&setting.id) {
                Some(ValueSource::CommandLine) => "ligne de commande".to_owned(),
                Some(ValueSource::EnvVariable) if from_file.contains(&setting.variable) => {
                    format!(
                        "fichier {}",
                        file.map(|f| f.display().to_string()).unwrap_or_default()
                    )
                }
                Some(ValueSource::EnvVariable) => "environnement".to_owned(),
                Some(ValueSource::DefaultValue) => "par défaut".to_owned(),
                _ => "non réglé".to_owned(),
            };
            format!("{} = {value:?} ({source})", setting.variable)
        })
        .collect()
}

/// A value with its password or token replaced: `postgres://carto82:****@db/carto82`.
fn hidden(value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    match url::Url::parse(value) {
        Ok(url) if url.password().is_some() || url.query().is_some() => {
            crate::telemetry::hidden_url(&url)
        }
        // An address without a password (a SQLite file, a relay on the machine).
        Ok(_) => value.to_owned(),
        _ => "****".to_owned(),
    }
}

/// The Markdown table of `docs/configuration.md`.
pub fn table() -> String {
    let mut out = String::from(
        "| dans le fichier | variable | option | par défaut | ce que c'est |\n|---|---|---|---|---|\n",
    );
    for s in all() {
        let cell = |t: &str| t.replace('|', "\\|");
        out.push_str(&format!(
            "| `{}` | `{}` | `{}` | {} | {} |\n",
            s.key,
            s.variable,
            s.option,
            s.default
                .as_deref()
                .map(|d| if d.is_empty() {
                    "(vide)".to_owned()
                } else {
                    format!("`{}`", cell(d))
                })
                .unwrap_or_else(|| "(aucun)".to_owned()),
            cell(&s.meaning)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_a_key_a_variable_and_words() {
        let settings = all();
        assert!(
            settings
                .iter()
                .any(|s| s.key == "bind" && s.variable == "CARTO82_BIND")
        );
        assert!(settings.iter().any(|s| s.key == "frame_ancestors"));
        for s in &settings {
            assert!(!s.meaning.is_empty(), "{} has words", s.variable);
        }
    }

    #[test]
    fn secrets_are_hidden() {
        assert_eq!(
            hidden("postgres://carto82:s3cret@db.local/carto82"),
            "postgres://carto82:****@db.local/carto82"
        );
        assert_eq!(hidden("jeton-secret"), "****");
        assert_eq!(hidden("sqlite:carto82.sqlite"), "sqlite:carto82.sqlite");
    }

    #[test]
    fn the_file_names_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("carto82.toml");
        std::fs::write(&path, "bind = \"0.0.0.0:8082\"\nproxies = [\"127.0.0.1\", \"10.0.0.0/8\"]\nexamples = false\n").unwrap();
        assert_eq!(
            read_file(&path).unwrap(),
            [
                ("CARTO82_BIND".to_owned(), "0.0.0.0:8082".to_owned()),
                ("CARTO82_EXAMPLES".to_owned(), "false".to_owned()),
                (
                    "CARTO82_PROXIES".to_owned(),
                    "127.0.0.1 10.0.0.0/8".to_owned()
                ),
            ]
        );
        std::fs::write(&path, "bnd = \"x\"").unwrap();
        assert!(
            read_file(&path)
                .unwrap_err()
                .contains("réglage inconnu « bnd »")
        );
        std::fs::write(&path, "bind = ").unwrap();
        assert!(read_file(&path).unwrap_err().contains("carto82.toml"));
    }
}
