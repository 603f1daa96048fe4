//! Throttling and the tally of refusals.
//!
//! A sign-in or password-reset attempt is recorded *before* its slow
//! password check, under a lock per email and per address, so guesses sent
//! in parallel are counted exactly as guesses in a row would be, by every
//! app server alike. Refusals from people who are not signed in are counted
//! per hour and source rather than written to the append-only audit log
//! one row each, so nobody can fill it.

use super::entity::attempt;
use super::{Store, StoreResult};
use crate::domain::audit::THROTTLE_WINDOW_MINUTES;
use crate::model::RefusalCount;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// What is being attempted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptKind {
    /// A password checked against an account (sign-in, and the other places
    /// a password is asked for); keyed by the email typed.
    SignIn,
    /// A password-reset link used; keyed by the client's address.
    Reset,
}

impl AttemptKind {
    fn as_str(self) -> &'static str {
        match self {
            AttemptKind::SignIn => "sign_in",
            AttemptKind::Reset => "reset",
        }
    }

    fn lock_space(self) -> i32 {
        match self {
            AttemptKind::SignIn => 4242101,
            AttemptKind::Reset => 4242102,
        }
    }
}

/// How many unsuccessful attempts a window allows: per key and per address.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub per_key: u64,
    pub per_address: u64,
}

/// An attempt allowed to go ahead; say how it ended with [`Store::end_attempt`].
#[derive(Debug)]
#[must_use]
pub struct Attempt(i64);

impl Store {
    /// Records an attempt if the window allows one more, counting attempts
    /// not known to have succeeded (those still being checked count as
    /// failures). `None`: throttled, and nothing is recorded.
    pub async fn begin_attempt(
        &self,
        kind: AttemptKind,
        key: &str,
        ip: &str,
        limits: Limits,
    ) -> StoreResult<Option<Attempt>> {
        let now = Utc::now();
        let since = now - Duration::minutes(THROTTLE_WINDOW_MINUTES);
        let key = truncate(key, 254);
        let ip = truncate(ip, 64);
        let txn = self.write().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            // SQLite's writers already take turns; PostgreSQL's take a lock
            // per key, then per address (always in that order).
            for value in [&key, &ip] {
                txn.execute_raw(super::sql::statement(
                    DbBackend::Postgres,
                    "SELECT pg_advisory_xact_lock(?, hashtext(?))",
                    vec![kind.lock_space().into(), value.as_str().into()],
                ))
                .await?;
            }
        }
        let unsuccessful = || {
            attempt::Entity::find()
                .filter(attempt::Column::Kind.eq(kind.as_str()))
                .filter(attempt::Column::At.gte(since))
                .filter(attempt::Column::Outcome.ne("ok"))
        };
        let by_key = unsuccessful()
            .filter(attempt::Column::Key.eq(&key))
            .count(&txn)
            .await?;
        let by_address = unsuccessful()
            .filter(attempt::Column::Ip.eq(&ip))
            .count(&txn)
            .await?;
        if by_key >= limits.per_key || by_address >= limits.per_address {
            return Ok(None);
        }
        // Old attempts count for nothing; a few go with each new one.
        let old: Vec<i64> = attempt::Entity::find()
            .select_only()
            .column(attempt::Column::Id)
            .filter(attempt::Column::At.lt(since))
            .order_by_asc(attempt::Column::Id)
            .limit(20)
            .into_tuple()
            .all(&txn)
            .await?;
        if !old.is_empty() {
            attempt::Entity::delete_many()
                .filter(attempt::Column::Id.is_in(old))
                .exec(&txn)
                .await?;
        }
        let row = attempt::ActiveModel {
            kind: Set(kind.as_str().to_owned()),
            key: Set(key),
            ip: Set(ip),
            at: Set(now),
            outcome: Set("pending".to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(Some(Attempt(row.id)))
    }

    /// Records how an attempt ended: a success stops counting against the
    /// window, a failure keeps counting.
    pub async fn end_attempt(&self, attempt: Attempt, succeeded: bool) -> StoreResult<()> {
        attempt::Entity::update_many()
            .col_expr(
                attempt::Column::Outcome,
                Expr::value(if succeeded { "ok" } else { "failed" }),
            )
            .filter(attempt::Column::Id.eq(attempt.0))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Counts one refusal from `source` in this hour.
    pub async fn tally_refusal(&self, source: &str, reason: &str) -> StoreResult<()> {
        let hour = Utc::now().format("%Y-%m-%dT%H").to_string();
        let backend = self.db.get_database_backend();
        self.db
            .execute_raw(super::sql::statement(
                backend,
                "INSERT INTO refusal_tally (hour, source, reason, count) VALUES (?, ?, ?, 1) \
                 ON CONFLICT (hour, source, reason) DO UPDATE SET count = refusal_tally.count + 1",
                vec![
                    hour.into(),
                    truncate(source, 254).into(),
                    truncate(reason, 60).into(),
                ],
            ))
            .await?;
        Ok(())
    }

    /// The refusals counted in the last 48 hours, newest hour first.
    pub async fn refusal_tally(&self) -> StoreResult<Vec<RefusalCount>> {
        let since = (Utc::now() - Duration::hours(48))
            .format("%Y-%m-%dT%H")
            .to_string();
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(super::sql::statement(
                backend,
                "SELECT hour, source, reason, count FROM refusal_tally WHERE hour >= ? \
                 ORDER BY hour DESC, count DESC, source LIMIT 200",
                vec![since.into()],
            ))
            .await?;
        Ok(rows
            .iter()
            .map(|row| RefusalCount {
                hour: super::sql::text(row, "hour"),
                source: super::sql::text(row, "source"),
                reason: super::sql::text(row, "reason"),
                count: super::sql::number(row, "count"),
            })
            .collect())
    }
}

fn truncate(value: &str, max: usize) -> String {
    value.chars().take(max).collect()
}
