//! The append-only audit log, the outbox, and the counts that throttle
//! sign-in and password reset (worked out from the audit log, so that every
//! app server sees the same counts).

use super::accounts::rfc3339;
use super::entity::{audit_event, outbox_message};
use super::{Store, StoreResult};
use crate::domain::AuditAction;
use crate::model::{AuditPage, AuditQuery, AuditRecord, OutboxItem, AUDIT_PAGE_SIZE};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// Who is acting, as the audit log records them.
#[derive(Clone, Debug)]
pub struct Actor {
    /// The account's public id; `None` before sign-in.
    pub account: Option<String>,
    /// The account's email, or the email typed into a sign-in form.
    pub email: String,
    /// The network address the request came from.
    pub ip: String,
}

/// One change, for the audit log.
pub struct Change {
    pub action: AuditAction,
    pub object_kind: &'static str,
    pub object_id: String,
    /// The public id of the school the object belongs to, if any.
    pub school: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl Change {
    pub fn new(action: AuditAction, object_kind: &'static str, object_id: &str) -> Change {
        Change {
            action,
            object_kind,
            object_id: object_id.to_owned(),
            school: None,
            before: None,
            after: None,
        }
    }

    /// A change to the actor's own account (or, before sign-in, to the email typed).
    pub fn about_account(action: AuditAction, actor: &Actor) -> Change {
        let id = actor.account.clone().unwrap_or_else(|| actor.email.clone());
        Change::new(action, "account", &id)
    }
}

/// Appends one event, in the caller's transaction.
pub async fn record(db: &impl ConnectionTrait, actor: &Actor, change: Change) -> StoreResult<()> {
    let text = |value: Option<serde_json::Value>| value.map(|v| v.to_string());
    audit_event::ActiveModel {
        at: Set(Utc::now()),
        actor_account: Set(actor.account.clone()),
        actor_email: Set(truncate(&actor.email, 254)),
        action: Set(change.action.as_str().to_owned()),
        object_kind: Set(change.object_kind.to_owned()),
        object_id: Set(truncate(&change.object_id, 254)),
        school: Set(change.school),
        before: Set(text(change.before)),
        after: Set(text(change.after)),
        ip: Set(truncate(&actor.ip, 64)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn truncate(value: &str, max: usize) -> String {
    value.chars().take(max).collect()
}

/// Puts a message in the outbox.
pub async fn queue_message(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
) -> StoreResult<()> {
    outbox_message::ActiveModel {
        recipient: Set(recipient.to_owned()),
        subject: Set(truncate(subject, 200)),
        body: Set(body.to_owned()),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

impl Store {
    /// Appends one event on its own.
    pub async fn audit(&self, actor: &Actor, change: Change) -> StoreResult<()> {
        record(&self.db, actor, change).await
    }

    /// Failed sign-ins for this email, and from this address, in the
    /// throttling window.
    pub async fn recent_failed_sign_ins(&self, email: &str, ip: &str) -> StoreResult<(u64, u64)> {
        let since = Utc::now() - Duration::minutes(crate::domain::audit::THROTTLE_WINDOW_MINUTES);
        let failed = || {
            audit_event::Entity::find()
                .filter(audit_event::Column::Action.eq(AuditAction::SignInFailed.as_str()))
                .filter(audit_event::Column::At.gte(since))
        };
        let by_email = failed()
            .filter(audit_event::Column::ActorEmail.eq(email))
            .count(&self.db)
            .await?;
        let by_ip = failed()
            .filter(audit_event::Column::Ip.eq(ip))
            .count(&self.db)
            .await?;
        Ok((by_email, by_ip))
    }

    /// Password resets asked for this email in the last hour.
    pub async fn recent_reset_requests(&self, email: &str) -> StoreResult<u64> {
        Ok(audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(AuditAction::PasswordResetRequested.as_str()))
            .filter(audit_event::Column::ActorEmail.eq(email))
            .filter(audit_event::Column::At.gte(Utc::now() - Duration::hours(1)))
            .count(&self.db)
            .await?)
    }

    /// A page of the audit log, newest first, filtered.
    pub async fn audit_log(&self, query: &AuditQuery) -> StoreResult<AuditPage> {
        let mut find = audit_event::Entity::find();
        if !query.action.is_empty() {
            find = find.filter(audit_event::Column::Action.eq(query.action.as_str()));
        }
        let actor = query.actor.trim().to_lowercase();
        if !actor.is_empty() {
            find = find.filter(audit_event::Column::ActorEmail.contains(&actor));
        }
        let object = query.object.trim();
        if !object.is_empty() {
            find = find.filter(
                Condition::any()
                    .add(audit_event::Column::ObjectId.eq(object))
                    .add(audit_event::Column::School.eq(object)),
            );
        }
        let rows = find
            .order_by_desc(audit_event::Column::Id)
            .offset(u64::from(query.page) * AUDIT_PAGE_SIZE)
            .limit(AUDIT_PAGE_SIZE + 1)
            .all(&self.db)
            .await?;
        let has_more = rows.len() as u64 > AUDIT_PAGE_SIZE;
        let events = rows
            .into_iter()
            .take(AUDIT_PAGE_SIZE as usize)
            .map(|e| AuditRecord {
                at: rfc3339(e.at),
                actor: e.actor_email,
                action: e.action,
                object_kind: e.object_kind,
                object_id: e.object_id,
                school: e.school,
                before: e.before,
                after: e.after,
                ip: e.ip,
            })
            .collect();
        Ok(AuditPage { events, has_more })
    }

    /// The newest messages in the outbox.
    pub async fn outbox(&self, limit: u64) -> StoreResult<Vec<OutboxItem>> {
        Ok(outbox_message::Entity::find()
            .order_by_desc(outbox_message::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| OutboxItem {
                recipient: m.recipient,
                subject: m.subject,
                body: m.body,
                created_at: rfc3339(m.created_at),
                sent_at: m.sent_at.map(rfc3339),
            })
            .collect())
    }
}

/// A message waiting to be sent.
pub struct Unsent {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i32,
}

impl Store {
    /// Messages not sent yet and not given up on, oldest first.
    pub async fn unsent_messages(&self, max_attempts: i32, limit: u64) -> StoreResult<Vec<Unsent>> {
        Ok(outbox_message::Entity::find()
            .filter(outbox_message::Column::SentAt.is_null())
            .filter(outbox_message::Column::Attempts.lt(max_attempts))
            .order_by_asc(outbox_message::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| Unsent {
                id: m.id,
                recipient: m.recipient,
                subject: m.subject,
                body: m.body,
                attempts: m.attempts,
            })
            .collect())
    }

    /// Takes a message for one sending attempt. Only one app server wins
    /// the claim, so several servers never send the same message twice.
    pub async fn claim_message(&self, message: &Unsent) -> StoreResult<bool> {
        use sea_orm::sea_query::Expr;
        let claimed = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::Attempts,
                Expr::value(message.attempts + 1),
            )
            .filter(outbox_message::Column::Id.eq(message.id))
            .filter(outbox_message::Column::SentAt.is_null())
            .filter(outbox_message::Column::Attempts.eq(message.attempts))
            .exec(&self.db)
            .await?;
        Ok(claimed.rows_affected == 1)
    }

    /// Records the outcome of a sending attempt.
    pub async fn message_sent(&self, id: i64, error: Option<String>) -> StoreResult<()> {
        use sea_orm::sea_query::Expr;
        let update =
            outbox_message::Entity::update_many().filter(outbox_message::Column::Id.eq(id));
        let update = match error {
            None => update.col_expr(outbox_message::Column::SentAt, Expr::value(Utc::now())),
            Some(error) => update.col_expr(outbox_message::Column::LastError, Expr::value(error)),
        };
        update.exec(&self.db).await?;
        Ok(())
    }
}
