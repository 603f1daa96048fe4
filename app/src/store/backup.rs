//! Backups: the whole database (uploaded files included) as one file, and
//! back. SQLite is copied online with `VACUUM INTO`, a consistent snapshot
//! taken while the server keeps serving; PostgreSQL is dumped and restored
//! with its own `pg_dump` and `pg_restore` (custom format). Restoring
//! replaces everything in the target database: stop the app servers first.

use super::{Store, StoreError};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::path::{Path, PathBuf};

/// Why a backup or restore could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
    #[error("{0} is not a backup of this kind of database")]
    NotABackup(PathBuf),
    #[error("{0} exists: choose a new file for the backup")]
    Exists(PathBuf),
}

impl Store {
    /// Writes a backup of the whole database to `file`, which must not exist.
    pub async fn backup(&self, file: &Path) -> Result<(), BackupError> {
        if file.exists() {
            return Err(BackupError::Exists(file.to_owned()));
        }
        match self.db.get_database_backend() {
            DbBackend::Postgres => {
                run_tool(
                    "pg_dump",
                    &[
                        "--format=custom",
                        "--no-owner",
                        &format!("--file={}", file.display()),
                        &format!("--dbname={}", self.database_url()),
                    ],
                )
                .await
            }
            _ => {
                let target = file.to_string_lossy().replace('\'', "''");
                self.db
                    .execute_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        format!("VACUUM INTO '{target}'"),
                    ))
                    .await
                    .map_err(StoreError::from)?;
                Ok(())
            }
        }
    }
}

/// Replaces the database at `url` with the backup in `file`. On SQLite the
/// database file is swapped whole (after the backup is checked); on
/// PostgreSQL every object is dropped and restored in one transaction.
pub async fn restore(url: &str, file: &Path) -> Result<(), BackupError> {
    if !file.is_file() {
        return Err(BackupError::NotABackup(file.to_owned()));
    }
    if url.starts_with("postgres") {
        return run_tool(
            "pg_restore",
            &[
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                &format!("--dbname={url}"),
                &file.to_string_lossy(),
            ],
        )
        .await;
    }
    let target = sqlite_path(url).ok_or_else(|| BackupError::NotABackup(file.to_owned()))?;
    // The backup must open as an intact SQLite database of ours.
    let check = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", file.display()))
        .await
        .map_err(|_| BackupError::NotABackup(file.to_owned()))?;
    let intact = check
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check".to_owned(),
        ))
        .await
        .ok()
        .flatten()
        .and_then(|row| row.try_get_by_index::<String>(0).ok())
        .is_some_and(|result| result == "ok");
    let ours = check
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT COUNT(*) FROM seaql_migrations".to_owned(),
        ))
        .await
        .is_ok();
    check.close().await.map_err(StoreError::from)?;
    if !intact || !ours {
        return Err(BackupError::NotABackup(file.to_owned()));
    }
    // Copy beside, flush, then rename over: the database is the old one or
    // the restored one, never half of each.
    let partial = target.with_extension("restoring");
    tokio::fs::copy(file, &partial).await?;
    tokio::fs::File::open(&partial).await?.sync_all().await?;
    for stale in ["-wal", "-shm"] {
        let mut name = target.clone().into_os_string();
        name.push(stale);
        match tokio::fs::remove_file(&name).await {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    tokio::fs::rename(&partial, &target).await?;
    if let Some(dir) = target.parent() {
        tokio::fs::File::open(dir).await?.sync_all().await?;
    }
    Ok(())
}

/// The file of a `sqlite://PATH?options` address.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// Runs one of PostgreSQL's tools, with its error output as the message.
async fn run_tool(tool: &'static str, args: &[&str]) -> Result<(), BackupError> {
    let output = tokio::process::Command::new(tool)
        .args(args)
        .output()
        .await
        .map_err(|e| BackupError::Tool {
            tool,
            message: format!("cannot run it ({e}); install PostgreSQL's client tools"),
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            tool,
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;
    use std::path::PathBuf;

    #[test]
    fn the_file_of_a_sqlite_address() {
        assert_eq!(
            sqlite_path("sqlite://data/equimark.db?mode=rwc"),
            Some(PathBuf::from("data/equimark.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:/tmp/x.db"),
            Some(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(sqlite_path("postgres://x/y"), None);
    }
}
