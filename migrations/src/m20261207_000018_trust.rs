//! What closing the holes found by attacking the app needs in the schema:
//!
//! - `attempt`: sign-in and password-reset attempts, recorded *before* the
//!   slow password check, so guesses sent in parallel are counted like
//!   guesses in a row (rows older than the window are deleted);
//! - `refusal_tally`: refusals from people who are not signed in (and from
//!   anyone past a cap), counted per hour and source instead of one
//!   append-only audit row each;
//! - `outbox_message.secret_link`: the link of an invitation or reset,
//!   kept apart from the body and cleared once the message is delivered,
//!   so admins reading the outbox never see a live link (existing bodies
//!   have their tokens masked);
//! - `invitation.revoked_at`: invitations can be withdrawn;
//! - versions for the cluster's development plan, the annual update's
//!   sections and the research project's annual reviews, so a save over
//!   someone else's newer words is refused rather than lost.

use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attempt {
    Table,
    Id,
    Kind,
    Key,
    Ip,
    At,
    Outcome,
}

#[derive(DeriveIden)]
enum RefusalTally {
    Table,
    Hour,
    Source,
    Reason,
    Count,
}

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    SecretLink,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Cluster {
    Table,
    DevelopmentPlanVersion,
}

#[derive(DeriveIden)]
enum AnnualUpdate {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum ResearchReview {
    Table,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attempt::Table)
                    .col(big_pk_auto(Attempt::Id))
                    .col(string_len(Attempt::Kind, 20))
                    .col(string_len(Attempt::Key, 254))
                    .col(string_len(Attempt::Ip, 64))
                    .col(timestamp_with_time_zone(Attempt::At))
                    .col(string_len(Attempt::Outcome, 10))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ix_attempt_key", Attempt::Key),
            ("ix_attempt_ip", Attempt::Ip),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Attempt::Table)
                        .col(Attempt::Kind)
                        .col(column)
                        .col(Attempt::At)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(RefusalTally::Table)
                    .col(string_len(RefusalTally::Hour, 13))
                    .col(string_len(RefusalTally::Source, 254))
                    .col(string_len(RefusalTally::Reason, 60))
                    .col(big_integer(RefusalTally::Count))
                    .primary_key(
                        Index::create()
                            .col(RefusalTally::Hour)
                            .col(RefusalTally::Source)
                            .col(RefusalTally::Reason),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(text_null(OutboxMessage::SecretLink))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Invitation::Table)
                    .add_column(timestamp_with_time_zone_null(Invitation::RevokedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Cluster::Table)
                    .add_column(integer(Cluster::DevelopmentPlanVersion).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AnnualUpdate::Table)
                    .add_column(integer(AnnualUpdate::Version).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ResearchReview::Table)
                    .add_column(integer(ResearchReview::Version).default(1))
                    .to_owned(),
            )
            .await?;
        mask_links_in_the_outbox(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            (
                ResearchReview::Table.into_iden(),
                ResearchReview::Version.into_iden(),
            ),
            (
                AnnualUpdate::Table.into_iden(),
                AnnualUpdate::Version.into_iden(),
            ),
            (
                Cluster::Table.into_iden(),
                Cluster::DevelopmentPlanVersion.into_iden(),
            ),
            (
                Invitation::Table.into_iden(),
                Invitation::RevokedAt.into_iden(),
            ),
            (
                OutboxMessage::Table.into_iden(),
                OutboxMessage::SecretLink.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(RefusalTally::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Attempt::Table).to_owned())
            .await
    }
}

/// Replaces every token in the bodies of messages already in the outbox
/// with the marker: those links are sent (or about to die), and from now
/// on nobody reads them there.
async fn mask_links_in_the_outbox(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT id, body FROM outbox_message".to_owned(),
        ))
        .await?;
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let body: String = row.try_get("", "body")?;
        let masked = mask_tokens(&body);
        if masked != body {
            let sql = match backend {
                sea_orm::DatabaseBackend::Postgres => {
                    "UPDATE outbox_message SET body = $1 WHERE id = $2"
                }
                _ => "UPDATE outbox_message SET body = ? WHERE id = ?",
            };
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [masked.into(), id.into()],
            ))
            .await?;
        }
    }
    Ok(())
}

/// A body with every `/invitations/TOKEN` and `/reset-password/TOKEN` link
/// cut at the path: the token (64 hex digits) is gone.
pub fn mask_tokens(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = ["/invitations/", "/reset-password/"]
        .iter()
        .filter_map(|path| rest.find(path).map(|i| (i, path.len())))
        .min()
    {
        let (start, len) = at;
        out.push_str(&rest[..start + len]);
        rest = &rest[start + len..];
        let token = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if token == 64 {
            out.push('…');
            rest = &rest[token..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::mask_tokens;

    #[test]
    fn tokens_are_masked_and_the_rest_kept() {
        let token = "ab".repeat(32);
        let body =
            format!("Hi,\nhttp://x/invitations/{token}\nand http://x/reset-password/{token}.\n");
        assert_eq!(
            mask_tokens(&body),
            "Hi,\nhttp://x/invitations/…\nand http://x/reset-password/….\n"
        );
        assert_eq!(
            mask_tokens("no links /invitations/short"),
            "no links /invitations/short"
        );
    }
}
