//! Where contributions are kept: a SQLite file by default (WAL, every commit synced), or a
//! PostgreSQL database shared by several instances. Both run the same queries (through
//! sqlx's `Any` driver) and the same migrations of `server/migrations`, at start-up. A
//! proposal is acknowledged only once its transaction is committed.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{AnyPool, Connection, Executor, Row};

use app::model::Zone;

use crate::dataset::Published;

use super::status::Status;

/// The private part of a follow-up link: 32 random bytes in hexadecimal, unguessable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn random() -> Token {
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

/// What a proposal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An event for the programme, proposed by a structure: a Feature of the events file.
    Event,
    /// A resident's report about a page (`POST /signaler`): the page, what is wrong, and
    /// the record concerned.
    Report,
    /// A place, new or corrected (then with the id of the published one): a Feature of the
    /// places file.
    Place,
    /// A structure presenting itself, or updating its entry (then with the id of the
    /// published one): a Feature of the actors file.
    Actor,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Event, Kind::Place, Kind::Actor, Kind::Report];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Event => "evenement",
            Kind::Report => "signalement",
            Kind::Place => "lieu",
            Kind::Actor => "acteur",
        }
    }

    /// In a list or a spreadsheet: "événement", "lieu", "signalement".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Event => "événement",
            Kind::Report => "signalement",
            Kind::Place => "lieu",
            Kind::Actor => "structure",
        }
    }

    fn read(code: &str) -> Result<Kind, StoreError> {
        Kind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or_else(|| StoreError::Row(format!("genre « {code} »")))
    }
}

/// A proposal, with what was done to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub id: String,
    pub kind: Kind,
    pub status: Status,
    /// Where its point is (none for proposals received before zones were kept).
    pub zone: Option<Zone>,
    /// Raised by each action: an action names the version it was decided on.
    pub version: i64,
    /// The proposed record, a GeoJSON Feature.
    pub content: serde_json::Value,
    pub received: DateTime<Utc>,
    /// Where to write to the structure, when it said.
    pub email: Option<String>,
    /// Oldest first.
    pub history: Vec<Action>,
}

/// What a coordinator, or the structure, did to a proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// The coordinator's account; [`BY_STRUCTURE`] when the structure completed it.
    pub account: String,
    pub at: DateTime<Utc>,
    pub status: Status,
    /// To the structure: what to complete, or why it is refused.
    pub message: Option<String>,
}

/// The account of an action the structure took (no account is named so).
pub const BY_STRUCTURE: &str = "";

/// Who a coordinator is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Everything.
    Coordinator,
    /// The proposals of one zone.
    Referent(Zone),
}

impl Role {
    fn code(self) -> (&'static str, Option<&'static str>) {
        match self {
            Role::Coordinator => ("coordinateur", None),
            Role::Referent(zone) => ("referent", Some(zone.as_str())),
        }
    }

    fn read(role: &str, zone: Option<&str>) -> Option<Role> {
        match (role, zone.map(str::parse::<Zone>)) {
            ("coordinateur", _) => Some(Role::Coordinator),
            ("referent", Some(Ok(zone))) => Some(Role::Referent(zone)),
            _ => None,
        }
    }

    /// May act on a proposal of `zone`.
    pub fn covers(self, zone: Option<Zone>) -> bool {
        match self {
            Role::Coordinator => true,
            Role::Referent(mine) => zone == Some(mine),
        }
    }
}

/// A signed-in coordinator.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub account: String,
    pub role: Role,
    /// Every form of the session carries it.
    pub form_token: String,
}

/// What became of an action.
#[derive(Debug, PartialEq)]
pub enum Acted {
    Done,
    /// Someone acted on it since the version the action was decided on: nothing written.
    Conflict,
    NotFound,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("base des contributions : {0}")]
    Database(#[from] sqlx::Error),
    #[error("base des contributions, migrations : {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("base des contributions, ligne illisible : {0}")]
    Row(String),
    #[error("base des contributions : {0}")]
    Refused(String),
}

pub struct Contributions {
    pool: AnyPool,
    /// SQLite (a file), else PostgreSQL.
    sqlite: bool,
}

impl Contributions {
    /// Opens the database at `url` and brings its schema up to date: `sqlite:chemin` (the
    /// file is created when missing) or `postgres://…` (the database must exist).
    pub async fn open(url: &str) -> Result<Contributions, StoreError> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        if sqlite {
            // Created, and put in WAL mode (kept by the file), with SQLite's own options,
            // which the `Any` driver does not carry.
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal);
            sqlx::SqliteConnection::connect_with(&options)
                .await?
                .close()
                .await?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if sqlite {
                        // A commit is on disk before the structure is told its proposal is
                        // received; a writer waits for another instead of failing.
                        connection
                            .execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Contributions { pool, sqlite })
    }

    /// Opens a database that must exist, as it is: nothing is created and no migration
    /// runs. For the commands that read it (backup, export): a mistyped address must fail,
    /// not make an empty database and report success.
    pub async fn open_existing(url: &str) -> Result<Contributions, StoreError> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        if sqlite {
            let options = SqliteConnectOptions::from_str(url)?;
            let file = options.get_filename();
            if !file.is_file() {
                return Err(StoreError::Refused(format!(
                    "{} : pas de base à cette adresse (réglez --base ou CARTO82_BASE)",
                    file.display()
                )));
            }
        }
        let pool = AnyPoolOptions::new()
            .max_connections(2)
            .connect(url)
            .await?;
        Ok(Contributions { pool, sqlite })
    }

    /// Copies the database as it is at this instant into a new SQLite file, while the
    /// servers go on reading and writing (`VACUUM INTO`). Restoring is putting the copy in
    /// the database's place, servers stopped and the old `-wal` and `-shm` files removed. A PostgreSQL database is backed up with its
    /// own tools (`pg_dump`).
    pub async fn back_up(&self, file: &std::path::Path) -> Result<(), StoreError> {
        if !self.sqlite {
            return Err(StoreError::Refused(
                "une base PostgreSQL se sauvegarde avec pg_dump".to_owned(),
            ));
        }
        if file.exists() {
            return Err(StoreError::Refused(format!(
                "{} existe déjà : rien n'est écrasé",
                file.display()
            )));
        }
        let Some(path) = file.to_str() else {
            return Err(StoreError::Refused(format!(
                "{} : chemin illisible",
                file.display()
            )));
        };
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A number raised by every decision on a proposal, in the same transaction: an
    /// instance that sees it change reads the published list again.
    pub async fn changes(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT numero FROM changement WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("numero")?)
    }

    /// Stores a proposal, under the follow-up of `token`, or under a new follow-up when
    /// `token` is none. Returns the follow-up's token, or none when `token` is unknown.
    pub async fn propose(
        &self,
        token: Option<&Token>,
        email: Option<&str>,
        kind: Kind,
        content: &serde_json::Value,
        zone: Option<Zone>,
        now: DateTime<Utc>,
    ) -> Result<Option<Token>, StoreError> {
        // Read before the transaction: one that reads, then writes, is not made to wait
        // for another writer by SQLite's busy timeout, it fails. A follow-up is never
        // deleted, so what is read here still holds at the write.
        if let Some(token) = token {
            let known = sqlx::query("SELECT 1 FROM suivi WHERE empreinte = $1")
                .bind(token.fingerprint())
                .fetch_optional(&self.pool)
                .await?;
            if known.is_none() {
                return Ok(None);
            }
        }
        let mut tx = self.pool.begin().await?;
        let token = match token {
            Some(token) => {
                if let Some(email) = email {
                    sqlx::query("UPDATE suivi SET courriel = $1 WHERE empreinte = $2")
                        .bind(email)
                        .bind(token.fingerprint())
                        .execute(&mut *tx)
                        .await?;
                }
                token.clone()
            }
            None => {
                let token = Token::random();
                sqlx::query("INSERT INTO suivi (empreinte, courriel, cree_le) VALUES ($1, $2, $3)")
                    .bind(token.fingerprint())
                    .bind(email)
                    .bind(now.to_rfc3339())
                    .execute(&mut *tx)
                    .await?;
                token
            }
        };
        let id = format!("p-{}", &Token::random().0[..16]);
        sqlx::query(
            "INSERT INTO proposition (id, suivi, genre, statut, contenu, recue_le, zone) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(token.fingerprint())
        .bind(kind.code())
        .bind(Status::Recue.code())
        .bind(content.to_string())
        .bind(now.to_rfc3339())
        .bind(zone.map(Zone::as_str))
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
        self.select("p.suivi = $1", Some(token.fingerprint()))
            .await
            .map(Some)
    }

    /// The queue: proposals with this status (all when none), in `role`'s zones, oldest
    /// first.
    pub async fn queue(
        &self,
        role: Role,
        status: Option<Status>,
    ) -> Result<Vec<Proposal>, StoreError> {
        let mut all = self
            .select(
                "($1 IS NULL OR p.statut = $1)",
                status.map(|s| s.code().to_owned()),
            )
            .await?;
        all.retain(|p| role.covers(p.zone));
        Ok(all)
    }

    pub async fn proposal(&self, id: &str) -> Result<Option<Proposal>, StoreError> {
        Ok(self.select("p.id = $1", Some(id.to_owned())).await?.pop())
    }

    /// Records an action decided on `version`: the status changes and the action is kept in
    /// one transaction, only if nobody acted since.
    pub async fn act(
        &self,
        id: &str,
        version: i64,
        account: &str,
        status: Status,
        message: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Acted, StoreError> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE proposition SET statut = $1, version = version + 1 WHERE id = $2 AND version = $3",
        )
        .bind(status.code())
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return missed(&mut tx, id, None).await;
        }
        self.record(&mut tx, id, account, status, message, now)
            .await?;
        tx.commit().await?;
        Ok(Acted::Done)
    }

    /// The structure's answer to « à compléter »: the proposal's new content, received
    /// again, only if it belongs to the follow-up of `token` and is still to complete at
    /// `version`.
    pub async fn complete(
        &self,
        token: &Token,
        id: &str,
        version: i64,
        content: &serde_json::Value,
        zone: Zone,
        now: DateTime<Utc>,
    ) -> Result<Acted, StoreError> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE proposition SET contenu = $1, zone = $2, statut = $3, version = version + 1 WHERE id = $4 AND suivi = $5 AND version = $6 AND statut = $7",
        )
        .bind(content.to_string())
        .bind(zone.as_str())
        .bind(Status::Recue.code())
        .bind(id)
        .bind(token.fingerprint())
        .bind(version)
        .bind(Status::ACompleter.code())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return missed(&mut tx, id, Some(token.fingerprint())).await;
        }
        self.record(&mut tx, id, BY_STRUCTURE, Status::Recue, None, now)
            .await?;
        tx.commit().await?;
        Ok(Acted::Done)
    }

    /// Keeps an action in the transaction that made it, and raises the change number.
    async fn record(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        id: &str,
        account: &str,
        status: Status,
        message: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO action (id, proposition, compte, le, statut, message) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(format!("a-{}", &Token::random().0[..16]))
            .bind(id)
            .bind(account)
            .bind(now.to_rfc3339())
            .bind(status.code())
            .bind(message)
            .execute(&mut **tx)
            .await?;
        sqlx::query("UPDATE changement SET numero = numero + 1 WHERE id = 1")
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// The proposals `filter` keeps (on `p`, the proposal, and `s`, its follow-up; `$1` is
    /// `bind`), oldest first, each with its history: two queries, whatever their number.
    async fn select(
        &self,
        filter: &str,
        bind: Option<String>,
    ) -> Result<Vec<Proposal>, StoreError> {
        // One snapshot for both (SQLite); on PostgreSQL an action taken between them shows
        // in a history a step ahead of its proposal, never the reverse.
        let mut tx = self.pool.begin().await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM {JOINED} WHERE {filter} ORDER BY p.recue_le, p.id"
        ))
        .bind(bind.clone())
        .fetch_all(&mut *tx)
        .await?;
        let actions = sqlx::query(&format!(
            "SELECT a.proposition, a.compte, a.le, a.statut, a.message FROM {JOINED} \
             JOIN action a ON a.proposition = p.id WHERE {filter} ORDER BY a.le, a.id"
        ))
        .bind(bind)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut proposals = rows
            .iter()
            .map(read_proposal)
            .collect::<Result<Vec<_>, _>>()?;
        let at: std::collections::HashMap<String, usize> = proposals
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        for action in &actions {
            let proposal: String = action.try_get("proposition")?;
            let Some(&i) = at.get(&proposal) else {
                continue;
            };
            let status: String = action.try_get("statut")?;
            proposals[i].history.push(Action {
                account: action.try_get("compte")?,
                at: time(&action.try_get::<String, _>("le")?)?,
                status: read_status(&status)?,
                message: action.try_get("message")?,
            });
        }
        Ok(proposals)
    }

    /// The published places, actors and events, as GeoJSON Features, oldest first.
    pub async fn published(&self) -> Result<Published, StoreError> {
        let rows = sqlx::query(
            "SELECT genre, contenu FROM proposition WHERE statut = $1 AND genre IN ($2, $3, $4) ORDER BY recue_le, id",
        )
        .bind(Status::Publiee.code())
        .bind(Kind::Event.code())
        .bind(Kind::Place.code())
        .bind(Kind::Actor.code())
        .fetch_all(&self.pool)
        .await?;
        let mut published = Published::default();
        for row in &rows {
            let content: String = row.try_get("contenu")?;
            let feature = serde_json::from_str(&content)
                .map_err(|e| StoreError::Row(format!("contenu : {e}")))?;
            let kind: String = row.try_get("genre")?;
            match Kind::read(&kind)? {
                Kind::Place => published.places.push(feature),
                Kind::Event => published.events.push(feature),
                Kind::Actor => published.actors.push(feature),
                // Not selected: a report is never published.
                Kind::Report => {}
            }
        }
        Ok(published)
    }

    /// How many proposals of `kind` nobody has read yet.
    pub async fn unread(&self, kind: Kind) -> Result<i64, StoreError> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM proposition WHERE genre = $1 AND statut = $2")
                .bind(kind.code())
                .bind(Status::Recue.code())
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get("n")?)
    }

    /// A coordinator's account; its password as an Argon2 PHC string.
    pub async fn add_account(
        &self,
        id: &str,
        password_hash: &str,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let (role, zone) = role.code();
        sqlx::query("INSERT INTO compte (identifiant, mot_de_passe, role, zone, cree_le) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(password_hash)
            .bind(role)
            .bind(zone)
            .bind(now.to_rfc3339())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The password hash and role of an account.
    pub async fn account(&self, id: &str) -> Result<Option<(String, Role)>, StoreError> {
        let Some(row) =
            sqlx::query("SELECT mot_de_passe, role, zone FROM compte WHERE identifiant = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        Ok(Some((row.try_get("mot_de_passe")?, read_role(&row)?)))
    }

    /// A new session for `account`, until `expires`: its cookie's token.
    pub async fn open_session(
        &self,
        account: &str,
        expires: DateTime<Utc>,
    ) -> Result<Token, StoreError> {
        // Sessions ended long ago (over a day and a half) go: the table keeps the living.
        sqlx::query("DELETE FROM session WHERE expire_le < $1")
            .bind((expires - chrono::Duration::days(2)).to_rfc3339())
            .execute(&self.pool)
            .await?;
        let token = Token::random();
        sqlx::query("INSERT INTO session (empreinte, compte, jeton_formulaire, expire_le) VALUES ($1, $2, $3, $4)")
            .bind(token.fingerprint())
            .bind(account)
            .bind(Token::random().0)
            .bind(expires.to_rfc3339())
            .execute(&self.pool)
            .await?;
        Ok(token)
    }

    /// The session of a cookie's token, while it lasts.
    pub async fn session(
        &self,
        token: &Token,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError> {
        let row = sqlx::query(
            "SELECT s.compte, s.jeton_formulaire, s.expire_le, c.role, c.zone FROM session s JOIN compte c ON c.identifiant = s.compte WHERE s.empreinte = $1",
        )
        .bind(token.fingerprint())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        if time(&row.try_get::<String, _>("expire_le")?)? <= now {
            return Ok(None);
        }
        Ok(Some(Session {
            account: row.try_get("compte")?,
            role: read_role(&row)?,
            form_token: row.try_get("jeton_formulaire")?,
        }))
    }

    pub async fn close_session(&self, token: &Token) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM session WHERE empreinte = $1")
            .bind(token.fingerprint())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Why a conditional update of the proposal `id` (of the follow-up `suivi`, when given)
/// changed nothing: it changed meanwhile, or it does not exist.
async fn missed(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: &str,
    suivi: Option<String>,
) -> Result<Acted, StoreError> {
    let exists =
        sqlx::query("SELECT 1 FROM proposition WHERE id = $1 AND ($2 IS NULL OR suivi = $2)")
            .bind(id)
            .bind(suivi)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(if exists.is_some() {
        Acted::Conflict
    } else {
        Acted::NotFound
    })
}

const COLUMNS: &str =
    "p.id, p.genre, p.statut, p.zone, p.version, p.contenu, p.recue_le, s.courriel";
/// A proposal with its follow-up (the structure's address).
const JOINED: &str = "proposition p JOIN suivi s ON s.empreinte = p.suivi";

fn read_proposal(row: &AnyRow) -> Result<Proposal, StoreError> {
    let status: String = row.try_get("statut")?;
    let content: String = row.try_get("contenu")?;
    let zone: Option<String> = row.try_get("zone")?;
    let kind: String = row.try_get("genre")?;
    Ok(Proposal {
        id: row.try_get("id")?,
        kind: Kind::read(&kind)?,
        status: read_status(&status)?,
        zone: zone.and_then(|z| z.parse().ok()),
        version: row.try_get("version")?,
        content: serde_json::from_str(&content)
            .map_err(|e| StoreError::Row(format!("contenu : {e}")))?,
        received: time(&row.try_get::<String, _>("recue_le")?)?,
        email: row.try_get("courriel")?,
        history: Vec::new(),
    })
}

fn read_status(code: &str) -> Result<Status, StoreError> {
    Status::from_code(code).ok_or_else(|| StoreError::Row(format!("statut « {code} »")))
}

/// The `role` and `zone` columns of an account's row.
fn read_role(row: &AnyRow) -> Result<Role, StoreError> {
    let role: String = row.try_get("role")?;
    let zone: Option<String> = row.try_get("zone")?;
    Role::read(&role, zone.as_deref()).ok_or_else(|| StoreError::Row(format!("rôle « {role} »")))
}

fn time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Row(format!("date « {text} » : {e}")))
}

// The storage tests, run on both backends, are in tests/tests/storage.rs.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_well_formed_token_is_read() {
        assert!(Token::parse(&"a".repeat(64)).is_some());
        for bad in ["", "abc", &"A".repeat(64), &"g".repeat(64), &"a".repeat(65)] {
            assert!(Token::parse(bad).is_none(), "{bad}");
        }
    }
}
