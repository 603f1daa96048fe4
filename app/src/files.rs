//! Where evidence files live: addressed by the hash of their content, so
//! the same file uploaded twice is stored once. Server only.
//!
//! One implementation today, a directory on local disk (under the data
//! directory; several app servers need it on a shared volume). Object
//! storage would be another variant with the same two operations.

use std::path::PathBuf;

#[derive(Clone, Debug)]
pub enum FileStore {
    /// Files under this directory, as `ab/abcdef…` by content hash.
    Disk { root: PathBuf },
}

impl FileStore {
    pub fn on_disk(root: impl Into<PathBuf>) -> FileStore {
        FileStore::Disk { root: root.into() }
    }

    fn path(root: &std::path::Path, hash: &str) -> Option<PathBuf> {
        // Hashes are ours (64 hex digits); anything else never reaches the disk.
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(root.join(&hash[..2]).join(hash))
    }

    /// Stores the bytes and returns their hash.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let hash = crate::security::token_hash_bytes(bytes);
        match self {
            FileStore::Disk { root } => {
                let path =
                    Self::path(root, &hash).ok_or_else(|| std::io::Error::other("bad hash"))?;
                if tokio::fs::try_exists(&path).await.unwrap_or(false) {
                    return Ok(hash);
                }
                if let Some(dir) = path.parent() {
                    tokio::fs::create_dir_all(dir).await?;
                }
                // Write beside, then rename: a reader never sees half a file.
                let partial =
                    path.with_extension(format!("partial-{}", uuid::Uuid::new_v4().simple()));
                tokio::fs::write(&partial, bytes).await?;
                tokio::fs::rename(&partial, &path).await?;
                Ok(hash)
            }
        }
    }

    /// The bytes stored under `hash`.
    pub async fn get(&self, hash: &str) -> std::io::Result<Vec<u8>> {
        match self {
            FileStore::Disk { root } => {
                let path =
                    Self::path(root, hash).ok_or_else(|| std::io::Error::other("bad hash"))?;
                tokio::fs::read(path).await
            }
        }
    }
}
