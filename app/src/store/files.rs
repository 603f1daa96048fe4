//! Uploaded files (evidence, card attachments), kept in the database and
//! addressed by the hash of their content: a file uploaded twice is stored
//! once. A file is written in the same transaction as the record that names
//! it, so an upload lands whole or not at all (a full disk, a crash, a
//! refused record leave nothing behind), every app server reads the same
//! files, and a backup of the database holds them too.

use super::entity::stored_file;
use super::{Store, StoreResult};
use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use std::path::Path;

/// The content address of some bytes: 64 hex digits of BLAKE2s-256.
pub fn content_hash(bytes: &[u8]) -> String {
    crate::security::token_hash_bytes(bytes)
}

/// Stores `bytes` under their hash, in the caller's transaction, unless a
/// file with that content is there already.
pub(crate) async fn put_file(
    db: &impl ConnectionTrait,
    hash: &str,
    bytes: &[u8],
) -> StoreResult<()> {
    let backend = db.get_database_backend();
    db.execute_raw(super::sql::statement(
        backend,
        "INSERT INTO stored_file (hash, bytes, size, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (hash) DO NOTHING",
        vec![
            hash.into(),
            bytes.to_vec().into(),
            i64::try_from(bytes.len()).unwrap_or(i64::MAX).into(),
            Utc::now().into(),
        ],
    ))
    .await?;
    Ok(())
}

impl Store {
    /// The bytes of the file with this content hash.
    pub async fn file_bytes(&self, hash: &str) -> StoreResult<Option<Vec<u8>>> {
        Ok(stored_file::Entity::find_by_id(hash.to_owned())
            .select_only()
            .column(stored_file::Column::Bytes)
            .into_tuple::<Vec<u8>>()
            .one(&self.db)
            .await?)
    }

    /// Brings files kept on disk by earlier versions (`DIR/ab/HASH`) into
    /// the database, once: files already there are skipped, and a file
    /// whose bytes do not match its name is left out. Returns how many
    /// were brought in; the folder can be removed afterwards.
    pub async fn import_files(&self, dir: &Path) -> StoreResult<usize> {
        let mut imported = 0;
        let Ok(shards) = std::fs::read_dir(dir) else {
            return Ok(0);
        };
        for shard in shards.flatten() {
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                if name.len() != 64 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
                    continue;
                }
                let Ok(bytes) = std::fs::read(file.path()) else {
                    continue;
                };
                if content_hash(&bytes) != name {
                    tracing::warn!(file = %file.path().display(), "a stored file does not match its name");
                    continue;
                }
                if self.file_bytes(&name).await?.is_none() {
                    put_file(&self.db, &name, &bytes).await?;
                    imported += 1;
                }
            }
        }
        Ok(imported)
    }
}
