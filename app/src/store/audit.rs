//! The append-only audit log, the outbox, and the count that throttles
//! password-reset mails (worked out from the audit log, so that every app
//! server sees the same count).

use super::entity::{audit_event, outbox_message};
use super::rfc3339;
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

/// The most bytes of a before or after value the log keeps: a change larger
/// than this (never one of ours) is kept as its size and its start.
pub const AUDIT_VALUE_MAX_BYTES: usize = 2048;

/// The most refusals one signed-in person adds to the audit log in ten
/// minutes; past that they are counted in the refusal tally.
pub const REFUSALS_LOGGED_PER_PERSON: u64 = 50;

/// Appends one event, in the caller's transaction. Every field is bounded:
/// the log is append-only, so nothing a request sends may grow it without
/// limit.
pub async fn record(db: &impl ConnectionTrait, actor: &Actor, change: Change) -> StoreResult<()> {
    let text = |value: Option<serde_json::Value>| value.map(bounded_json);
    audit_event::ActiveModel {
        at: Set(Utc::now()),
        actor_account: Set(actor.account.clone()),
        actor_email: Set(truncate(&actor.email, 254)),
        action: Set(change.action.as_str().to_owned()),
        object_kind: Set(change.object_kind.to_owned()),
        object_id: Set(truncate(&change.object_id, 254)),
        school: Set(change.school.map(|s| truncate(&s, 36))),
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

/// A before or after value as stored: its JSON, or for one too large, its
/// size and the start of it.
fn bounded_json(value: serde_json::Value) -> String {
    let text = value.to_string();
    if text.len() <= AUDIT_VALUE_MAX_BYTES {
        return text;
    }
    let start: String = text.chars().take(AUDIT_VALUE_MAX_BYTES / 4).collect();
    serde_json::json!({ "truncated": true, "bytes": text.len(), "start": start }).to_string()
}

/// What stands for the link in a queued message's body. The mailer puts the
/// link back as it sends the message; admins reading the outbox see it masked.
pub const LINK_MARKER: &str = "{link}";

/// Puts a message in the outbox. A `link` (an invitation or reset link,
/// written as [`LINK_MARKER`] in `body`) is kept apart from the body and
/// forgotten once the message is delivered.
pub async fn queue_message(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
    link: Option<&str>,
) -> StoreResult<()> {
    outbox_message::ActiveModel {
        recipient: Set(recipient.to_owned()),
        subject: Set(truncate(subject, 200)),
        body: Set(body.to_owned()),
        secret_link: Set(link.map(str::to_owned)),
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

    /// Records a refused request: an audit row for a signed-in person (up
    /// to [`REFUSALS_LOGGED_PER_PERSON`] in ten minutes), a count in the
    /// refusal tally for anyone else and past the cap.
    pub async fn record_refusal(&self, actor: &Actor, change: Change) -> StoreResult<()> {
        let reason = format!("{}: {}", change.action.as_str(), change.object_kind);
        let Some(account) = &actor.account else {
            return self.tally_refusal(&actor.ip, &reason).await;
        };
        let recent = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(AuditAction::AccessDenied.as_str()))
            .filter(audit_event::Column::At.gte(Utc::now() - Duration::minutes(10)))
            .filter(audit_event::Column::ActorAccount.eq(account))
            .count(&self.db)
            .await?;
        if recent >= REFUSALS_LOGGED_PER_PERSON {
            self.tally_refusal(&actor.email, &reason).await
        } else {
            record(&self.db, actor, change).await
        }
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
        Ok(AuditPage {
            events,
            has_more,
            refusals: Vec::new(),
        })
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
                body: m
                    .body
                    .replace(LINK_MARKER, &masked(m.secret_link.as_deref())),
                created_at: rfc3339(m.created_at),
                sent_at: m.sent_at.map(rfc3339),
            })
            .collect())
    }
}

/// Attempts to deliver a message before it is left for an admin to see.
pub const MAX_SEND_ATTEMPTS: i32 = 5;

/// How a link looks to an admin reading the outbox: its address without
/// the token, or once delivered, a note that it went to the recipient.
fn masked(link: Option<&str>) -> String {
    match link.and_then(|l| l.rfind('/').map(|at| &l[..=at])) {
        Some(path) => format!("{path}… (the rest goes to the recipient only)"),
        None => MASKED_LINK.to_owned(),
    }
}

/// A delivered message's link, as admins and the mailer's retries see it.
pub const MASKED_LINK: &str = "[link: sent to the recipient only]";

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
                body: m
                    .body
                    .replace(LINK_MARKER, m.secret_link.as_deref().unwrap_or(MASKED_LINK)),
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

    /// Records the outcome of a sending attempt. Once a message is
    /// delivered, or given up on, its link is forgotten.
    pub async fn message_sent(&self, id: i64, error: Option<String>) -> StoreResult<()> {
        use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
        let update =
            outbox_message::Entity::update_many().filter(outbox_message::Column::Id.eq(id));
        let update = match error {
            None => update
                .col_expr(outbox_message::Column::SentAt, Expr::value(Utc::now()))
                .col_expr(
                    outbox_message::Column::SecretLink,
                    SimpleExpr::Keyword(sea_orm::sea_query::Keyword::Null),
                ),
            Some(error) => update
                .col_expr(outbox_message::Column::LastError, Expr::value(error))
                .col_expr(
                    outbox_message::Column::SecretLink,
                    Expr::case(
                        Expr::col(outbox_message::Column::Attempts).gte(MAX_SEND_ATTEMPTS),
                        SimpleExpr::Keyword(sea_orm::sea_query::Keyword::Null),
                    )
                    .finally(Expr::col(outbox_message::Column::SecretLink))
                    .into(),
                ),
        };
        update.exec(&self.db).await?;
        Ok(())
    }
}
