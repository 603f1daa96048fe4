//! The outbox (messages waiting for a mail server, or shown to admins when
//! there is none) and the append-only audit log. The database itself refuses
//! to change or delete an audit event.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    Id,
    Recipient,
    Subject,
    Body,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    ActorAccount,
    ActorEmail,
    Action,
    ObjectKind,
    ObjectId,
    School,
    Before,
    After,
    Ip,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessage::Table)
                    .col(big_pk_auto(OutboxMessage::Id))
                    .col(string_len(OutboxMessage::Recipient, 254))
                    .col(string_len(OutboxMessage::Subject, 200))
                    .col(text(OutboxMessage::Body))
                    .col(timestamp_with_time_zone(OutboxMessage::CreatedAt))
                    .col(timestamp_with_time_zone_null(OutboxMessage::SentAt))
                    .col(integer(OutboxMessage::Attempts).default(0))
                    .col(text_null(OutboxMessage::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(big_pk_auto(AuditEvent::Id))
                    .col(timestamp_with_time_zone(AuditEvent::At))
                    .col(string_len_null(AuditEvent::ActorAccount, 36))
                    .col(string_len(AuditEvent::ActorEmail, 254))
                    .col(string_len(AuditEvent::Action, 60))
                    .col(string_len(AuditEvent::ObjectKind, 40))
                    .col(string_len(AuditEvent::ObjectId, 254))
                    .col(string_len_null(AuditEvent::School, 36))
                    .col(text_null(AuditEvent::Before))
                    .col(text_null(AuditEvent::After))
                    .col(string_len(AuditEvent::Ip, 64))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("ix_audit_at", vec![AuditEvent::At]),
            (
                "ix_audit_action_at",
                vec![AuditEvent::Action, AuditEvent::At],
            ),
            (
                "ix_audit_object",
                vec![AuditEvent::ObjectId, AuditEvent::At],
            ),
            ("ix_audit_ip_at", vec![AuditEvent::Ip, AuditEvent::At]),
        ] {
            let mut index = Index::create();
            index.name(name).table(AuditEvent::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        let db = manager.get_connection();
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres {
            db.execute_unprepared(
                "CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event \
                 FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()",
            )
            .await?;
        } else {
            for (name, event) in [("no_update", "UPDATE"), ("no_delete", "DELETE")] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER audit_event_{name} BEFORE {event} ON audit_event \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["audit_event", "outbox_message"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
