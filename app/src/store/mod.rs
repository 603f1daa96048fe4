//! The store: the database behind a small set of query and mutation
//! functions, one module per aggregate. Server only.

pub mod access_tokens;
pub mod accessibility;
pub mod accounts;
pub mod appeals;
pub mod assessments;
pub mod attempts;
pub mod audit;
pub mod awards;
pub mod backup;
pub mod boards;
mod carry_forward;
pub mod clusters;
pub mod dashboard;
pub mod deferrals;
pub mod directory;
pub mod entity;
pub mod exports;
pub mod fees;
pub mod files;
pub mod frameworks;
pub mod generate;
pub mod internal_audits;
pub mod invitations;
pub mod live;
pub mod management_reviews;
pub mod meetings;
pub mod my_work;
pub mod network_requests;
pub mod networks;
pub mod nonconformities;
pub mod notifications;
pub mod plans;
mod records;
pub mod research;
pub mod review_work;
pub mod reviews;
pub mod schools;
pub mod seed;
pub mod showcase;
mod sql;
pub mod surveys;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, ExecResult,
    QueryResult, Statement, TransactionTrait,
};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Formats a time for people and the wire.
pub(crate) fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(DbErr),
    /// The database cannot be reached (stopped, restarting, or the network
    /// between): worth trying again shortly.
    #[error("the database is unavailable: {0}")]
    Unavailable(DbErr),
    /// The disk under the database is full: nothing was written.
    #[error("the database is out of space: {0}")]
    OutOfSpace(DbErr),
    #[error("{0} already exists")]
    Duplicate(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The data changed between reading and writing (someone else got there first).
    #[error("{0} changed meanwhile")]
    Conflict(&'static str),
    /// A response saved against an older version; the current one.
    #[error("the response changed meanwhile")]
    Stale(Box<crate::domain::assessment::Response>),
    /// The self-assessment is not editable in its status.
    #[error("the self-assessment is closed")]
    Closed,
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}

impl From<DbErr> for StoreError {
    /// Sorts a database error by what the person can do about it: wait for
    /// the database to come back, wait for space, or nothing (a fault).
    fn from(err: DbErr) -> Self {
        let text = err.to_string().to_lowercase();
        let full = text.contains("database or disk is full")
            || text.contains("no space left")
            || text.contains("could not extend file")
            || text.contains("disk full");
        let unreachable = matches!(err, DbErr::ConnectionAcquire(_) | DbErr::Conn(_))
            || text.contains("connection refused")
            || text.contains("pool timed out")
            || text.contains("error communicating with database")
            || text.contains("terminating connection")
            || text.contains("the database system is")
            || text.contains("connection closed")
            || text.contains("broken pipe");
        if full {
            StoreError::OutOfSpace(err)
        } else if unreachable {
            StoreError::Unavailable(err)
        } else {
            StoreError::Db(err)
        }
    }
}

impl StoreError {
    /// Turns a unique-constraint violation into `Duplicate(what)`.
    pub(crate) fn unique(err: DbErr, what: &'static str) -> StoreError {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => StoreError::Duplicate(what),
            _ => StoreError::from(err),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A handle on the database; cheap to clone (a pool inside).
#[derive(Clone, Debug)]
pub struct Store {
    pub db: DatabaseConnection,
    /// Parsed framework versions (immutable once published).
    frameworks: FrameworkCache,
    /// The dashboard's figures, per scope, while the data under them is unchanged.
    figures: dashboard::FiguresCache,
    /// Notices of board changes, for live boards.
    boards: live::BoardEvents,
    /// The address it connected to (it may hold a password: never printed).
    url: DatabaseUrl,
    /// SQLite only: the queue for its one write lock (see [`Store::write`]).
    writers: Option<Arc<tokio::sync::Mutex<()>>>,
}

/// A transaction from [`Store::write`], holding this server's turn to write
/// (on SQLite) until it is committed or dropped.
pub(crate) struct WriteTxn {
    txn: sea_orm::DatabaseTransaction,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTxn {
    pub(crate) async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

#[derive(Clone)]
struct DatabaseUrl(Arc<str>);

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseUrl(…)")
    }
}

type FrameworkCache = Arc<RwLock<HashMap<(String, String), Arc<crate::domain::Framework>>>>;

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). SQLite files are
    /// created when missing and run in WAL mode (synchronous NORMAL) with
    /// foreign keys on.
    pub async fn connect(url: &str) -> StoreResult<Store> {
        Store::connect_with(url, None).await
    }

    /// As [`Store::connect`], opening at most `connections` connections
    /// (default 8 on SQLite, 16 on PostgreSQL).
    pub async fn connect_with(url: &str, connections: Option<u32>) -> StoreResult<Store> {
        let mut options = ConnectOptions::new(url.to_owned());
        let is_sqlite = url.starts_with("sqlite:");
        options
            .max_connections(connections.unwrap_or(if is_sqlite { 8 } else { 16 }))
            .min_connections(1)
            // While PostgreSQL is away, opening a connection is retried
            // until this runs out: a request waits at most this long before
            // it is told the service is unavailable.
            .acquire_timeout(Duration::from_secs(3))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| {
                // NORMAL is WAL's usual setting: a commit is not flushed to
                // disk on its own (autosaves would each wait for an fsync);
                // a power cut may lose the last moments, never the file.
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    .create_if_missing(true)
            });
        // By default every statement's checkout pings its connection first:
        // on SQLite one more hand-over to the connection's thread, on
        // PostgreSQL one more round trip. A SQLite file cannot hang up, so it
        // is never pinged; a PostgreSQL connection is pinged only after half
        // a minute idle, when a proxy, firewall or server restart may have
        // dropped it.
        if is_sqlite {
            options.test_before_acquire(false);
        } else {
            options.test_before_acquire_if_idle_for(Duration::from_secs(30));
        }
        let db = Database::connect(options).await?;
        let store = Store {
            db,
            frameworks: FrameworkCache::default(),
            figures: dashboard::FiguresCache::default(),
            boards: live::BoardEvents::default(),
            url: DatabaseUrl(Arc::from(url)),
            writers: is_sqlite.then(Default::default),
        };
        store.listen_for_board_changes();
        Ok(store)
    }

    /// Brings the schema up to date. On PostgreSQL an advisory lock makes
    /// concurrent starts of several app servers migrate one after the other.
    pub async fn migrate(&self) -> StoreResult<()> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            let txn = self.db.begin().await?;
            txn.execute_unprepared("SELECT pg_advisory_xact_lock(4242001)")
                .await?;
            Migrator::up(&txn, None).await?;
            txn.commit().await?;
        } else {
            Migrator::up(&self.db, None).await?;
        }
        Ok(())
    }

    /// Begins a transaction that will write. On SQLite it takes the write
    /// lock at once (`BEGIN IMMEDIATE`), so concurrent writers wait their
    /// turn instead of failing when a transaction that has read turns into
    /// one that writes; and this server's writers queue for that lock here,
    /// first come first served, rather than in SQLite's busy handler (which
    /// sleeps 1, 2, 5, 10… ms between tries, and lets a newcomer in first).
    /// PostgreSQL ignores the mode and needs no queue.
    pub(crate) async fn write(&self) -> StoreResult<WriteTxn> {
        let turn = match &self.writers {
            Some(queue) => Some(queue.clone().lock_owned().await),
            None => None,
        };
        let txn = self
            .db
            .begin_with_options(sea_orm::TransactionOptions {
                isolation_level: None,
                access_mode: None,
                sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            })
            .await?;
        Ok(WriteTxn { txn, _turn: turn })
    }

    /// The database address, for another connection to the same database.
    pub fn database_url(&self) -> String {
        self.url.0.to_string()
    }

    pub fn backend_name(&self) -> &'static str {
        match self.db.get_database_backend() {
            DbBackend::Postgres => "PostgreSQL",
            DbBackend::Sqlite => "SQLite",
            _ => "other",
        }
    }
}

/// On PostgreSQL, locks one row of `table` until the transaction ends, so a
/// check made after it (a status, a submitted date) still holds when the
/// write commits: a save waits for a submit in progress and then sees it.
/// SQLite's writers take turns already, so there it does nothing.
pub(crate) async fn lock_row(
    txn: &impl ConnectionTrait,
    table: &'static str,
    key: i64,
) -> StoreResult<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT id FROM {table} WHERE id = $1 FOR UPDATE"),
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}
