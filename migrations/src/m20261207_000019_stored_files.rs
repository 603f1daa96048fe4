//! Uploaded files (evidence and card attachments) move into the database:
//! one row per content hash, written in the same transaction as the record
//! that names it. Every app server then sees the same files without a
//! shared volume, a failed upload leaves nothing behind, and a backup of
//! the database holds everything. Files already on disk are imported when
//! the server starts (`Store::import_files`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Hash,
    Bytes,
    Size,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StoredFile::Table)
                    .col(string_len(StoredFile::Hash, 64).primary_key())
                    .col(blob(StoredFile::Bytes))
                    .col(big_integer(StoredFile::Size))
                    .col(timestamp_with_time_zone(StoredFile::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StoredFile::Table).to_owned())
            .await
    }
}
