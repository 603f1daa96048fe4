//! Personal access tokens: made, listed and revoked by their owner, and
//! looked up by the hash of their secret on each API request.

use super::accounts::{signed_in_of, SignedIn, TOKEN_SQL};
use super::audit::{record, Actor, Change};
use super::entity::access_token;
use super::{rfc3339, Store, StoreError, StoreResult};
use crate::domain::access::{TokenScope, TOKEN_PREFIX};
use crate::domain::AuditAction;
use crate::security;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// `last_used_at` is written at most this often, not on every call.
const TOKEN_TOUCH_MINUTES: i64 = 10;

/// One of a person's tokens, without its secret (which is never stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessTokenRecord {
    pub id: String,
    pub name: String,
    pub scope: TokenScope,
    /// RFC 3339.
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A request made with a token: who it acts for and what it may do.
#[derive(Clone, Debug)]
pub struct TokenHolder {
    pub signed_in: SignedIn,
    pub scope: TokenScope,
}

fn record_of(row: access_token::Model) -> AccessTokenRecord {
    AccessTokenRecord {
        id: row.public_id,
        name: row.name,
        scope: TokenScope::parse(&row.scope).unwrap_or(TokenScope::Read),
        created_at: rfc3339(row.created_at),
        last_used_at: row.last_used_at.map(rfc3339),
        revoked_at: row.revoked_at.map(rfc3339),
    }
}

impl Store {
    /// Makes a token for `account` and returns it with its secret, which
    /// is shown once and never again.
    pub async fn create_access_token(
        &self,
        account: i64,
        name: &str,
        scope: TokenScope,
        actor: &Actor,
    ) -> StoreResult<(AccessTokenRecord, String)> {
        let (secret, _) = security::new_token();
        let secret = format!("{TOKEN_PREFIX}{secret}");
        let txn = self.write().await?;
        let row = access_token::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            account_id: Set(account),
            name: Set(name.to_owned()),
            scope: Set(scope.as_str().to_owned()),
            token_hash: Set(security::token_hash(&secret)),
            created_at: Set(Utc::now()),
            last_used_at: Set(None),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut change = Change::new(
            AuditAction::AccessTokenCreated,
            "access_token",
            &row.public_id,
        );
        change.after = Some(serde_json::json!({ "name": name, "scope": scope.as_str() }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok((record_of(row), secret))
    }

    /// A person's tokens, the newest first, revoked ones included.
    pub async fn access_tokens(&self, account: i64) -> StoreResult<Vec<AccessTokenRecord>> {
        Ok(access_token::Entity::find()
            .filter(access_token::Column::AccountId.eq(account))
            .order_by_desc(access_token::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(record_of)
            .collect())
    }

    /// Revokes one of `account`'s tokens: it stops working at once.
    /// Someone else's token is "not found".
    pub async fn revoke_access_token(
        &self,
        account: i64,
        token: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let row = access_token::Entity::find()
            .filter(access_token::Column::PublicId.eq(token))
            .filter(access_token::Column::AccountId.eq(account))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("access token"))?;
        if row.revoked_at.is_some() {
            return Ok(());
        }
        access_token::Entity::update_many()
            .col_expr(access_token::Column::RevokedAt, Expr::value(Utc::now()))
            .filter(access_token::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        let mut change = Change::new(AuditAction::AccessTokenRevoked, "access_token", token);
        change.before = Some(serde_json::json!({ "name": row.name, "scope": row.scope }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Who a token's secret acts for, when it is live. Notes the time it
    /// was used now and then.
    pub async fn token_holder(&self, secret: &str) -> StoreResult<Option<TokenHolder>> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(super::sql::statement(
                backend,
                TOKEN_SQL,
                vec![security::token_hash(secret).into()],
            ))
            .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let token = super::sql::number(first, "token_key");
        let scope =
            TokenScope::parse(&super::sql::text(first, "scope")).unwrap_or(TokenScope::Read);
        let last_used_at: Option<DateTime<Utc>> = first.try_get("", "last_used_at")?;
        let now = Utc::now();
        if last_used_at.is_none_or(|at| now - at > Duration::minutes(TOKEN_TOUCH_MINUTES)) {
            access_token::Entity::update_many()
                .col_expr(access_token::Column::LastUsedAt, Expr::value(now))
                .filter(access_token::Column::Id.eq(token))
                .exec(&self.db)
                .await?;
        }
        // A token is not a session: nothing may end "its" session.
        Ok(Some(TokenHolder {
            signed_in: signed_in_of(&rows, 0),
            scope,
        }))
    }
}
