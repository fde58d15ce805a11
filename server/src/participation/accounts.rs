//! Coordinators' accounts: passwords hashed with Argon2id (each with its own salt), checked
//! in about the same time whether the account exists or not.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::Utc;

use super::store::{Contributions, Role, StoreError};

/// Shorter passwords are refused.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer ones too: hashing them costs the server, not the guesser.
pub const MAX_PASSWORD_CHARS: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(
        "le mot de passe doit avoir entre {MIN_PASSWORD_CHARS} et {MAX_PASSWORD_CHARS} caractères"
    )]
    Password,
    #[error(
        "l'identifiant doit avoir 3 à 100 caractères : lettres, chiffres, « . », « - », « _ » ou « @ »"
    )]
    Identifier,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("hachage du mot de passe : {0}")]
    Hash(String),
}

fn valid_identifier(id: &str) -> bool {
    (3..=100).contains(&id.chars().count())
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
}

pub async fn add(
    store: &Contributions,
    id: &str,
    password: &str,
    role: Role,
) -> Result<(), AccountError> {
    if !valid_identifier(id) {
        return Err(AccountError::Identifier);
    }
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&password.chars().count()) {
        return Err(AccountError::Password);
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| AccountError::Hash(e.to_string()))?
        .to_string();
    store.add_account(id, &hash, role, Utc::now()).await?;
    Ok(())
}

/// The account's role when the password is its own.
pub async fn check(
    store: &Contributions,
    id: &str,
    password: &str,
) -> Result<Option<Role>, StoreError> {
    if password.chars().count() > MAX_PASSWORD_CHARS || !valid_identifier(id) {
        return Ok(None);
    }
    let found = store.account(id).await?;
    // Without an account, a hash is still checked: the answer takes as long.
    let stored = found
        .as_ref()
        .map(|(hash, _)| hash.clone())
        .unwrap_or_else(|| DECOY.with(|d| d.clone()));
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|hash| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    Ok(found.filter(|_| matches).map(|(_, role)| role))
}

thread_local! {
    static DECOY: String = {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"pas un mot de passe", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    };
}
