//! Where contributions are kept: a SQLite file by default (WAL, every commit synced), its
//! schema made by the migrations of `server/migrations`, run at start-up. A proposal is
//! acknowledged only once its transaction is committed.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use super::status::Status;

/// The private part of a follow-up link: 32 random bytes in hexadecimal, unguessable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    fn new() -> Token {
        let bytes: [u8; 32] = rand::rng().random();
        Token(hex(&bytes))
    }

    /// A token as read from a URL or a form: 64 lowercase hexadecimal digits, or nothing.
    pub fn parse(text: &str) -> Option<Token> {
        (text.len() == 64
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| Token(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps instead of the token.
    fn fingerprint(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A proposal as its structure sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub id: String,
    pub status: Status,
    /// The proposed record, a GeoJSON Feature.
    pub content: serde_json::Value,
    pub received: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("base des contributions : {0}")]
    Database(#[from] sqlx::Error),
    #[error("base des contributions, migrations : {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("base des contributions, ligne illisible : {0}")]
    Row(String),
}

pub struct Contributions {
    pool: SqlitePool,
}

impl Contributions {
    /// Opens (or creates) the database at `url` (`sqlite:chemin`) and brings its schema up
    /// to date.
    pub async fn open(url: &str) -> Result<Contributions, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // A commit is on disk before the structure is told its proposal is received.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Contributions { pool })
    }

    /// Stores a proposal, under the follow-up of `token`, or under a new follow-up when
    /// `token` is none. Returns the follow-up's token, or none when `token` is unknown.
    pub async fn propose(
        &self,
        token: Option<&Token>,
        email: Option<&str>,
        kind: &str,
        content: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<Option<Token>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let token = match token {
            Some(token) => {
                let known = sqlx::query("SELECT 1 FROM suivi WHERE empreinte = $1")
                    .bind(token.fingerprint())
                    .fetch_optional(&mut *tx)
                    .await?;
                if known.is_none() {
                    return Ok(None);
                }
                token.clone()
            }
            None => {
                let token = Token::new();
                sqlx::query("INSERT INTO suivi (empreinte, courriel, cree_le) VALUES ($1, $2, $3)")
                    .bind(token.fingerprint())
                    .bind(email)
                    .bind(now.to_rfc3339())
                    .execute(&mut *tx)
                    .await?;
                token
            }
        };
        let id = format!("p-{}", &Token::new().0[..16]);
        sqlx::query(
            "INSERT INTO proposition (id, suivi, genre, statut, contenu, recue_le) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(token.fingerprint())
        .bind(kind)
        .bind(Status::Recue.code())
        .bind(content.to_string())
        .bind(now.to_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(token))
    }

    /// The proposals of a follow-up, oldest first; none when the token is unknown.
    pub async fn follow_up(&self, token: &Token) -> Result<Option<Vec<Proposal>>, StoreError> {
        let known = sqlx::query("SELECT 1 FROM suivi WHERE empreinte = $1")
            .bind(token.fingerprint())
            .fetch_optional(&self.pool)
            .await?;
        if known.is_none() {
            return Ok(None);
        }
        let rows = sqlx::query(
            "SELECT id, statut, contenu, recue_le FROM proposition WHERE suivi = $1 ORDER BY recue_le, id",
        )
        .bind(token.fingerprint())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("statut")?;
                let content: String = row.try_get("contenu")?;
                let received: String = row.try_get("recue_le")?;
                Ok(Proposal {
                    id: row.try_get("id")?,
                    status: Status::from_code(&status)
                        .ok_or_else(|| StoreError::Row(format!("statut « {status} »")))?,
                    content: serde_json::from_str(&content)
                        .map_err(|e| StoreError::Row(format!("contenu : {e}")))?,
                    received: DateTime::parse_from_rfc3339(&received)
                        .map_err(|e| StoreError::Row(format!("date « {received} » : {e}")))?
                        .with_timezone(&Utc),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()
            .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_proposal_is_kept_under_its_follow_up_and_the_token_is_not_stored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.sqlite");
        let url = format!("sqlite:{}", path.display());
        let store = Contributions::open(&url).await.unwrap();
        let content = serde_json::json!({"type": "Feature", "properties": {"titre": "Atelier"}});
        let token = store
            .propose(None, Some("a@b.fr"), "evenement", &content, Utc::now())
            .await
            .unwrap()
            .unwrap();
        store
            .propose(Some(&token), None, "evenement", &content, Utc::now())
            .await
            .unwrap()
            .unwrap();
        let unknown = Token::parse(&"0".repeat(64)).unwrap();
        assert_eq!(
            store
                .propose(Some(&unknown), None, "evenement", &content, Utc::now())
                .await
                .unwrap(),
            None
        );
        drop(store);
        // Opened again: the migrations find nothing to do, the proposals are there.
        let store = Contributions::open(&url).await.unwrap();
        let listed = store.follow_up(&token).await.unwrap().unwrap();
        assert_eq!(listed.len(), 2);
        assert!(listed.iter().all(|p| p.status == Status::Recue));
        assert_eq!(listed[0].content, content);
        assert_eq!(store.follow_up(&unknown).await.unwrap(), None);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let wal = std::fs::read(dir.path().join("base.sqlite-wal")).unwrap_or_default();
        let needle = token.as_str().as_bytes();
        for file in [&bytes, &wal] {
            assert!(!file.windows(needle.len()).any(|w| w == needle));
        }
    }

    #[test]
    fn only_a_well_formed_token_is_read() {
        assert!(Token::parse(&"a".repeat(64)).is_some());
        for bad in ["", "abc", &"A".repeat(64), &"g".repeat(64), &"a".repeat(65)] {
            assert!(Token::parse(bad).is_none(), "{bad}");
        }
    }
}
