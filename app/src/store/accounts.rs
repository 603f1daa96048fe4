//! Accounts, their memberships, and server-side sessions.

use super::audit::{record, Actor, Change};
use super::entity::{account, membership, session};
use super::{Store, StoreError, StoreResult};
use crate::domain::{AuditAction, Membership, Role, Viewer};
use crate::model::{Me, Member};
use crate::security;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// A session ends after this long without a request.
pub const SESSION_IDLE_DAYS: i64 = 7;
/// `last_seen_at` is written at most this often, not on every request.
const SESSION_TOUCH_MINUTES: i64 = 10;

/// An account found by its email, for signing in.
pub struct Credentials {
    pub key: i64,
    pub public_id: String,
    pub email: String,
    pub password_hash: String,
    pub preferred_language: String,
}

/// A signed-in request: the session's key, the account's key, the viewer.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub session: i64,
    pub account: i64,
    pub viewer: Viewer,
    pub preferred_language: String,
    /// (public id, name) of each school in the memberships, by name.
    pub schools: Vec<(String, String)>,
}

impl SignedIn {
    /// The signed-in person as the pages show them.
    pub fn me(&self) -> Me {
        Me {
            viewer: self.viewer.clone(),
            preferred_language: self.preferred_language.clone(),
            schools: self.schools.clone(),
        }
    }
}

/// A membership's columns, from `membership m` and `membership_joins!()`.
/// Macros rather than constants, so that each query is one `concat!`ed
/// string made at compile time.
macro_rules! membership_columns {
    () => {
        "m.role AS role, m.school_id AS school_key, s.public_id AS school, \
         s.name AS school_name, m.network_id AS network_key, n.public_id AS network"
    };
}
macro_rules! membership_joins {
    () => {
        "LEFT JOIN school s ON s.id = m.school_id LEFT JOIN network n ON n.id = m.network_id"
    };
}

/// A viewer's memberships, for [`Store::viewer`].
const VIEWER_SQL: &str = concat!(
    "SELECT ",
    membership_columns!(),
    " FROM membership m ",
    membership_joins!(),
    " WHERE m.account_id = ? ORDER BY m.id"
);

/// One query on every request of a signed-in person, for [`Store::session`]:
/// the session, its account, and a row per membership with its school and
/// network.
const SESSION_SQL: &str = concat!(
    "SELECT se.id AS session_key, se.expires_at AS expires_at, \
     se.last_seen_at AS last_seen_at, a.id AS account_key, a.public_id AS account, \
     a.display_name AS display_name, a.email AS email, \
     a.preferred_language AS preferred_language, ",
    membership_columns!(),
    " FROM session se JOIN account a ON a.id = se.account_id \
     LEFT JOIN membership m ON m.account_id = a.id ",
    membership_joins!(),
    " WHERE se.token_hash = ? ORDER BY m.id"
);

/// The person a live access token acts for, like [`SESSION_SQL`].
pub(super) const TOKEN_SQL: &str = concat!(
    "SELECT t.id AS token_key, t.scope AS scope, t.last_used_at AS last_used_at, \
     a.id AS account_key, a.public_id AS account, \
     a.display_name AS display_name, a.email AS email, \
     a.preferred_language AS preferred_language, ",
    membership_columns!(),
    " FROM access_token t JOIN account a ON a.id = t.account_id \
     LEFT JOIN membership m ON m.account_id = a.id ",
    membership_joins!(),
    " WHERE t.token_hash = ? AND t.revoked_at IS NULL ORDER BY m.id"
);

/// The signed-in person in the rows of [`SESSION_SQL`] (or a query with
/// its account and membership columns), one row per membership.
pub(super) fn signed_in_of(rows: &[sea_orm::QueryResult], session: i64) -> SignedIn {
    let first = &rows[0];
    let mut schools: Vec<(String, String)> = rows
        .iter()
        .filter_map(|row| {
            let id = row.try_get::<Option<String>>("", "school").ok().flatten()?;
            Some((id, super::sql::text(row, "school_name")))
        })
        .collect();
    schools.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    schools.dedup();
    SignedIn {
        session,
        account: super::sql::number(first, "account_key"),
        viewer: Viewer {
            account: super::sql::text(first, "account"),
            name: super::sql::text(first, "display_name"),
            email: super::sql::text(first, "email"),
            memberships: rows.iter().filter_map(membership_in).collect(),
        },
        preferred_language: super::sql::text(first, "preferred_language"),
        schools,
    }
}

/// The membership in a row of `membership_columns!()`; none when the row has
/// no membership, or its school or network has gone.
fn membership_in(row: &sea_orm::QueryResult) -> Option<Membership> {
    let role = Role::parse(&super::sql::text(row, "role"))?;
    let key = |column| row.try_get::<Option<i64>>("", column).ok().flatten();
    let id = |column| row.try_get::<Option<String>>("", column).ok().flatten();
    let school = match key("school_key") {
        Some(_) => Some(id("school")?),
        None => None,
    };
    let network = match key("network_key") {
        Some(_) => Some(id("network")?),
        None => None,
    };
    Some(Membership {
        role,
        school,
        network,
    })
}

/// Where a role is held: everywhere, at a school, or for a network, each
/// as (key, public id).
#[derive(Clone, Copy, Debug)]
pub enum Place<'a> {
    Service,
    School(i64, &'a str),
    Network(i64, &'a str),
}

impl Place<'_> {
    pub(crate) fn school_key(self) -> Option<i64> {
        match self {
            Place::School(key, _) => Some(key),
            _ => None,
        }
    }

    pub(crate) fn network_key(self) -> Option<i64> {
        match self {
            Place::Network(key, _) => Some(key),
            _ => None,
        }
    }

    pub(crate) fn school_id(self) -> Option<String> {
        match self {
            Place::School(_, id) => Some(id.to_owned()),
            _ => None,
        }
    }

    pub(crate) fn network_id(self) -> Option<String> {
        match self {
            Place::Network(_, id) => Some(id.to_owned()),
            _ => None,
        }
    }
}

/// A new account's details.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: String,
}

impl Store {
    pub async fn credentials(&self, email: &str) -> StoreResult<Option<Credentials>> {
        Ok(account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(&self.db)
            .await?
            .map(|a| Credentials {
                key: a.id,
                public_id: a.public_id,
                email: a.email,
                password_hash: a.password_hash,
                preferred_language: a.preferred_language,
            }))
    }

    /// Loads the viewer for an account: its memberships, read fresh, so a
    /// removed membership stops working on the very next request.
    pub(crate) async fn viewer(
        db: &impl ConnectionTrait,
        account: &account::Model,
    ) -> StoreResult<Viewer> {
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(super::sql::statement(
                backend,
                VIEWER_SQL,
                vec![account.id.into()],
            ))
            .await?;
        Ok(Viewer {
            account: account.public_id.clone(),
            name: account.display_name.clone(),
            email: account.email.clone(),
            memberships: rows.iter().filter_map(membership_in).collect(),
        })
    }

    /// Starts a session for an account and returns its secret token.
    pub async fn start_session(&self, account: i64, actor: &Actor) -> StoreResult<String> {
        let (token, hash) = security::new_token();
        let now = Utc::now();
        let txn = self.write().await?;
        session::ActiveModel {
            token_hash: Set(hash),
            account_id: Set(account),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(SESSION_IDLE_DAYS)),
            last_seen_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record(
            &txn,
            actor,
            Change::about_account(AuditAction::SignedIn, actor),
        )
        .await?;
        txn.commit().await?;
        Ok(token)
    }

    /// The signed-in viewer for a session token, if the session is live.
    /// Extends the session's idle time now and then.
    pub async fn session(&self, token: &str) -> StoreResult<Option<SignedIn>> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(super::sql::statement(
                backend,
                SESSION_SQL,
                vec![security::token_hash(token).into()],
            ))
            .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let session = super::sql::number(first, "session_key");
        let expires_at: DateTime<Utc> = first.try_get("", "expires_at")?;
        let last_seen_at: DateTime<Utc> = first.try_get("", "last_seen_at")?;
        let now = Utc::now();
        if expires_at <= now {
            session::Entity::delete_by_id(session)
                .exec(&self.db)
                .await?;
            return Ok(None);
        }
        if now - last_seen_at > Duration::minutes(SESSION_TOUCH_MINUTES) {
            session::Entity::update_many()
                .col_expr(session::Column::LastSeenAt, Expr::value(now))
                .col_expr(
                    session::Column::ExpiresAt,
                    Expr::value(now + Duration::days(SESSION_IDLE_DAYS)),
                )
                .filter(session::Column::Id.eq(session))
                .exec(&self.db)
                .await?;
        }
        Ok(Some(signed_in_of(&rows, session)))
    }

    /// Ends one session.
    pub async fn end_session(&self, signed_in: &SignedIn, actor: &Actor) -> StoreResult<()> {
        let txn = self.write().await?;
        session::Entity::delete_by_id(signed_in.session)
            .exec(&txn)
            .await?;
        record(
            &txn,
            actor,
            Change::about_account(AuditAction::SignedOut, actor),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Ends every session of an account, on every device.
    pub async fn end_all_sessions(&self, account: i64, actor: &Actor) -> StoreResult<u64> {
        let txn = self.write().await?;
        let ended = end_sessions(&txn, account).await?;
        record(
            &txn,
            actor,
            Change::about_account(AuditAction::SignedOutEverywhere, actor),
        )
        .await?;
        txn.commit().await?;
        Ok(ended)
    }

    /// Changes a person's name and preferred language.
    pub async fn update_profile(
        &self,
        account: i64,
        name: &str,
        language: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let before = account::Entity::find_by_id(account)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("account"))?;
        account::ActiveModel {
            id: Set(account),
            display_name: Set(name.to_owned()),
            preferred_language: Set(language.to_owned()),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        let mut change = Change::about_account(AuditAction::ProfileUpdated, actor);
        change.before = Some(serde_json::json!({
            "name": before.display_name, "language": before.preferred_language
        }));
        change.after = Some(serde_json::json!({ "name": name, "language": language }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets a new password and ends every other session of the account.
    pub async fn change_password(
        &self,
        signed_in: &SignedIn,
        password_hash: String,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        set_password(&txn, signed_in.account, password_hash).await?;
        end_reset_links(&txn, signed_in.account).await?;
        session::Entity::delete_many()
            .filter(session::Column::AccountId.eq(signed_in.account))
            .filter(session::Column::Id.ne(signed_in.session))
            .exec(&txn)
            .await?;
        record(
            &txn,
            actor,
            Change::about_account(AuditAction::PasswordChanged, actor),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Everyone at a school, with each role they hold there.
    pub async fn school_members(&self, school_key: i64) -> StoreResult<Vec<Member>> {
        let rows = membership::Entity::find()
            .filter(membership::Column::SchoolId.eq(school_key))
            .find_also_related(account::Entity)
            .order_by_asc(membership::Column::Id)
            .all(&self.db)
            .await?;
        let mut members: Vec<Member> = rows
            .into_iter()
            .filter_map(|(m, a)| {
                let a = a?;
                Some(Member {
                    account: a.public_id.clone(),
                    name: a.display_name.clone(),
                    email: a.email.clone(),
                    role: Role::parse(&m.role)?,
                    removable: false,
                })
            })
            .collect();
        members.sort_by(|a, b| (a.role.as_str(), &a.name).cmp(&(b.role.as_str(), &b.name)));
        Ok(members)
    }
}

/// Inserts a membership unless the account already holds it, and audits it.
pub(crate) async fn insert_membership(
    db: &impl ConnectionTrait,
    account: &account::Model,
    role: Role,
    place: Place<'_>,
    actor: &Actor,
) -> StoreResult<()> {
    let mut existing = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(account.id))
        .filter(membership::Column::Role.eq(role.as_str()));
    existing = match place.school_key() {
        Some(key) => existing.filter(membership::Column::SchoolId.eq(key)),
        None => existing.filter(membership::Column::SchoolId.is_null()),
    };
    existing = match place.network_key() {
        Some(key) => existing.filter(membership::Column::NetworkId.eq(key)),
        None => existing.filter(membership::Column::NetworkId.is_null()),
    };
    if existing.one(db).await?.is_some() {
        return Err(StoreError::Duplicate("membership"));
    }
    membership::ActiveModel {
        account_id: Set(account.id),
        role: Set(role.as_str().to_owned()),
        school_id: Set(place.school_key()),
        network_id: Set(place.network_key()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut change = Change::new(AuditAction::MembershipAdded, "account", &account.public_id);
    change.school = place.school_id();
    change.after = Some(serde_json::json!({
        "email": account.email, "role": role.as_str(), "network": place.network_id()
    }));
    record(db, actor, change).await?;
    Ok(())
}

/// Creates an account (no memberships yet).
pub(crate) async fn insert_account(
    db: &impl ConnectionTrait,
    new: NewAccount<'_>,
    language: &str,
) -> StoreResult<account::Model> {
    account::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        email: Set(new.email.to_owned()),
        display_name: Set(new.name.to_owned()),
        password_hash: Set(new.password_hash),
        preferred_language: Set(language.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| StoreError::unique(e, "account"))
}

pub(crate) async fn set_password(
    db: &impl ConnectionTrait,
    account: i64,
    password_hash: String,
) -> StoreResult<()> {
    account::ActiveModel {
        id: Set(account),
        password_hash: Set(password_hash),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Ends every reset link of an account not used yet: after a reset or a
/// password change, a link sent earlier must not set the password again.
pub(crate) async fn end_reset_links(db: &impl ConnectionTrait, account: i64) -> StoreResult<()> {
    super::entity::password_reset::Entity::update_many()
        .col_expr(
            super::entity::password_reset::Column::UsedAt,
            Expr::value(Utc::now()),
        )
        .filter(super::entity::password_reset::Column::AccountId.eq(account))
        .filter(super::entity::password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub(crate) async fn end_sessions(db: &impl ConnectionTrait, account: i64) -> StoreResult<u64> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account))
        .exec(db)
        .await?
        .rows_affected)
}
