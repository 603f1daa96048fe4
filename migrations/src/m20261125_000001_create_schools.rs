use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum School {
    Table,
    Id,
    PublicId,
    Name,
    Phase,
    City,
    Learners,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(School::Table)
                    .if_not_exists()
                    .col(big_pk_auto(School::Id))
                    // Ids in URLs are random, never the sequential key.
                    .col(string_len_uniq(School::PublicId, 36))
                    .col(string_len(School::Name, 480))
                    .col(string_len(School::Phase, 20))
                    .col(string_len(School::City, 320))
                    .col(integer(School::Learners))
                    .col(timestamp_with_time_zone(School::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // A school's name is unique within its city.
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("ux_school_name_city")
                    .table(School::Table)
                    .col(School::Name)
                    .col(School::City)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(School::Table).to_owned())
            .await
    }
}
