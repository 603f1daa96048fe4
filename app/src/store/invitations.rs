//! Invitations and password resets: single-use, expiring links, sent
//! through the outbox. Using one is a conditional update, so two people (or
//! two tabs) racing for the same link cannot both succeed.

use super::accounts::{
    end_reset_links, end_sessions, insert_account, insert_membership, set_password, NewAccount,
    Place,
};
use super::audit::{queue_message, record, Actor, Change, LINK_MARKER};
use super::entity::{account, invitation, membership, network, password_reset, school};
use super::{rfc3339, Store, StoreError, StoreResult};
use crate::domain::{AuditAction, Role};
use crate::model::{InvitationInfo, PendingInvitation};
use crate::security;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

pub const INVITATION_DAYS: i64 = 7;
pub const RESET_MINUTES: i64 = 60;

/// How an invitation is accepted.
pub enum Acceptance<'a> {
    /// A new account with this name and password hash.
    NewAccount {
        name: &'a str,
        password_hash: String,
    },
    /// The email's existing account (its password already checked).
    ExistingAccount,
}

impl Store {
    /// Invites `email` to hold `role` at `place`, and puts the link in the
    /// outbox, written in `language` (or, for someone who has an account
    /// already, in theirs). `link_base` is the site's public address.
    pub async fn invite(
        &self,
        (email, language): (&str, &str),
        role: Role,
        place: Place<'_>,
        invited_by: i64,
        link_base: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let existing = account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(&txn)
            .await?;
        let language = existing
            .as_ref()
            .map_or(language, |a| a.preferred_language.as_str())
            .to_owned();
        if let Some(existing) = existing {
            let viewer = Store::viewer(&txn, &existing).await?;
            let (school_id, network_id) = (place.school_id(), place.network_id());
            if viewer
                .memberships
                .iter()
                .any(|m| m.role == role && m.school == school_id && m.network == network_id)
            {
                return Err(StoreError::Duplicate("membership"));
            }
        }
        // One live link per grant: sending again ends the earlier link.
        revoke_pending(&txn, email, role, place.school_key(), place.network_key()).await?;
        let (token, hash) = security::new_token();
        let public_id = uuid::Uuid::new_v4().to_string();
        let now = Utc::now();
        invitation::ActiveModel {
            public_id: Set(public_id.clone()),
            token_hash: Set(hash),
            email: Set(email.to_owned()),
            role: Set(role.as_str().to_owned()),
            school_id: Set(place.school_key()),
            network_id: Set(place.network_key()),
            invited_by: Set(Some(invited_by)),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(INVITATION_DAYS)),
            accepted_at: Set(None),
            revoked_at: Set(None),
            language: Set(language.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let place_words = place_name(&txn, place.school_key(), place.network_key()).await?;
        let (subject, body) = crate::domain::account_email::invitation(
            &language,
            (&actor.email, role, place_words.as_deref()),
            INVITATION_DAYS,
            LINK_MARKER,
        );
        let link = format!("{link_base}/invitations/{token}");
        queue_message(&txn, email, &subject, &body, Some(&link)).await?;
        let mut change = Change::new(AuditAction::InvitationCreated, "invitation", &public_id);
        change.school = place.school_id();
        change.after = Some(serde_json::json!({
            "email": email, "role": role.as_str(), "network": place.network_id()
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Pending invitations: at one school, for one network, or (for
    /// [`Place::Service`]) all of them.
    pub async fn pending_invitations(
        &self,
        place: Place<'_>,
    ) -> StoreResult<Vec<PendingInvitation>> {
        let mut find = invitation::Entity::find()
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::RevokedAt.is_null())
            .filter(invitation::Column::ExpiresAt.gt(Utc::now()));
        find = match place {
            Place::School(key, _) => find.filter(invitation::Column::SchoolId.eq(key)),
            Place::Network(key, _) => find.filter(invitation::Column::NetworkId.eq(key)),
            Place::Service => find,
        };
        let rows = find
            .order_by_desc(invitation::Column::Id)
            .all(&self.db)
            .await?;
        let mut pending = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(role) = Role::parse(&row.role) else {
                continue;
            };
            let school = place_name(&self.db, row.school_id, row.network_id).await?;
            pending.push(PendingInvitation {
                id: row.public_id,
                email: row.email,
                role,
                school,
                expires_at: rfc3339(row.expires_at),
                may_revoke: false,
            });
        }
        Ok(pending)
    }

    /// A live invitation by its token.
    pub async fn invitation(&self, token: &str) -> StoreResult<Option<InvitationInfo>> {
        let Some(row) = live_invitation(&self.db, token).await? else {
            return Ok(None);
        };
        let Some(role) = Role::parse(&row.role) else {
            return Ok(None);
        };
        let school = place_name(&self.db, row.school_id, row.network_id).await?;
        let account_exists = self.credentials(&row.email).await?.is_some();
        Ok(Some(InvitationInfo {
            email: row.email,
            role,
            school,
            account_exists,
        }))
    }

    /// Accepts an invitation: uses it up, creates the account if needed (in
    /// the invitation's language) and adds the membership, all or nothing.
    /// Returns the account's key.
    pub async fn accept_invitation(
        &self,
        token: &str,
        acceptance: Acceptance<'_>,
        ip: &str,
    ) -> StoreResult<i64> {
        let txn = self.write().await?;
        let row = live_invitation(&txn, token)
            .await?
            .ok_or(StoreError::NotFound("invitation"))?;
        let used = invitation::Entity::update_many()
            .col_expr(invitation::Column::AcceptedAt, Expr::value(Utc::now()))
            .filter(invitation::Column::Id.eq(row.id))
            .filter(invitation::Column::AcceptedAt.is_null())
            .exec(&txn)
            .await?;
        if used.rows_affected != 1 {
            return Err(StoreError::NotFound("invitation"));
        }
        let role = Role::parse(&row.role).ok_or(StoreError::Corrupt("invitation role".into()))?;
        // Other links for the same grant end with this one: none can bring
        // the role back after it is removed.
        revoke_pending(&txn, &row.email, role, row.school_id, row.network_id).await?;
        let existing = account::Entity::find()
            .filter(account::Column::Email.eq(&row.email))
            .one(&txn)
            .await?;
        let account = match (existing, acceptance) {
            (Some(account), Acceptance::ExistingAccount) => account,
            (
                None,
                Acceptance::NewAccount {
                    name,
                    password_hash,
                },
            ) => {
                insert_account(
                    &txn,
                    NewAccount {
                        email: &row.email,
                        name,
                        password_hash,
                    },
                    // The language the invitation was read in.
                    crate::domain::account::parse_language(&row.language).unwrap_or("en"),
                )
                .await?
            }
            // The account appeared (or vanished) since the page was shown.
            _ => return Err(StoreError::Conflict("account")),
        };
        let actor = Actor {
            account: Some(account.public_id.clone()),
            email: account.email.clone(),
            ip: ip.to_owned(),
        };
        let school = match row.school_id {
            Some(key) => school::Entity::find_by_id(key)
                .one(&txn)
                .await?
                .map(|s| (key, s.public_id)),
            None => None,
        };
        let net = match row.network_id {
            Some(key) => network::Entity::find_by_id(key)
                .one(&txn)
                .await?
                .map(|n| (key, n.public_id)),
            None => None,
        };
        let place = match (&school, &net) {
            (Some((key, id)), _) => Place::School(*key, id),
            (None, Some((key, id))) => Place::Network(*key, id),
            (None, None) => Place::Service,
        };
        match insert_membership(&txn, &account, role, place, &actor).await {
            Ok(()) | Err(StoreError::Duplicate(_)) => {}
            Err(other) => return Err(other),
        }
        let mut change = Change::new(
            AuditAction::InvitationAccepted,
            "invitation",
            &row.public_id,
        );
        change.school = school.map(|(_, id)| id);
        record(&txn, &actor, change).await?;
        txn.commit().await?;
        Ok(account.id)
    }

    /// Sends a reset link if the email has an account. Records the request
    /// either way (the count throttles resets) and says nothing about
    /// whether the account exists.
    pub async fn request_password_reset(
        &self,
        email: &str,
        link_base: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        if let Some(account) = account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(&txn)
            .await?
        {
            let (token, hash) = security::new_token();
            let now = Utc::now();
            password_reset::ActiveModel {
                token_hash: Set(hash),
                account_id: Set(account.id),
                created_at: Set(now),
                expires_at: Set(now + Duration::minutes(RESET_MINUTES)),
                used_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let (subject, body) = crate::domain::account_email::password_reset(
                &account.preferred_language,
                &account.display_name,
                RESET_MINUTES,
                LINK_MARKER,
            );
            let link = format!("{link_base}/reset-password/{token}");
            queue_message(&txn, email, &subject, &body, Some(&link)).await?;
        }
        record(
            &txn,
            actor,
            Change::about_account(AuditAction::PasswordResetRequested, actor),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Whether a reset token is live.
    pub async fn reset_is_live(&self, token: &str) -> StoreResult<bool> {
        Ok(password_reset::Entity::find()
            .filter(password_reset::Column::TokenHash.eq(security::token_hash(token)))
            .filter(password_reset::Column::UsedAt.is_null())
            .filter(password_reset::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await?
            .is_some())
    }

    /// Uses a reset token: sets the password and ends every session.
    pub async fn reset_password(
        &self,
        token: &str,
        password_hash: String,
        ip: &str,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let row = password_reset::Entity::find()
            .filter(password_reset::Column::TokenHash.eq(security::token_hash(token)))
            .filter(password_reset::Column::UsedAt.is_null())
            .filter(password_reset::Column::ExpiresAt.gt(Utc::now()))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("reset"))?;
        let used = password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, Expr::value(Utc::now()))
            .filter(password_reset::Column::Id.eq(row.id))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if used.rows_affected != 1 {
            return Err(StoreError::NotFound("reset"));
        }
        let account = account::Entity::find_by_id(row.account_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("account"))?;
        set_password(&txn, account.id, password_hash).await?;
        end_reset_links(&txn, account.id).await?;
        end_sessions(&txn, account.id).await?;
        let actor = Actor {
            account: Some(account.public_id),
            email: account.email,
            ip: ip.to_owned(),
        };
        record(
            &txn,
            &actor,
            Change::about_account(AuditAction::PasswordReset, &actor),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// The name of the school or network an invitation or membership is for.
async fn place_name(
    db: &impl sea_orm::ConnectionTrait,
    school_key: Option<i64>,
    network_key: Option<i64>,
) -> StoreResult<Option<String>> {
    if let Some(key) = school_key {
        return Ok(school::Entity::find_by_id(key)
            .one(db)
            .await?
            .map(|s| s.name));
    }
    if let Some(key) = network_key {
        return Ok(network::Entity::find_by_id(key)
            .one(db)
            .await?
            .map(|n| n.name));
    }
    Ok(None)
}

/// Ends the pending invitations that grant `role` at a place to `email`.
pub(crate) async fn revoke_pending(
    db: &impl sea_orm::ConnectionTrait,
    email: &str,
    role: Role,
    school_key: Option<i64>,
    network_key: Option<i64>,
) -> StoreResult<u64> {
    let mut update = invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Email.eq(email))
        .filter(invitation::Column::Role.eq(role.as_str()))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null());
    update = match school_key {
        Some(key) => update.filter(invitation::Column::SchoolId.eq(key)),
        None => update.filter(invitation::Column::SchoolId.is_null()),
    };
    update = match network_key {
        Some(key) => update.filter(invitation::Column::NetworkId.eq(key)),
        None => update.filter(invitation::Column::NetworkId.is_null()),
    };
    Ok(update.exec(db).await?.rows_affected)
}

/// A pending invitation, for deciding who may withdraw it.
pub struct PendingGrant {
    pub role: Role,
    /// The public id of its school, if it is for one.
    pub school: Option<String>,
    /// Whether it is for a network.
    pub for_network: bool,
}

impl Store {
    /// Removes one role at a school from an account. Removing a role that
    /// is already gone (say, by someone else a moment ago) is `NotFound`.
    pub async fn remove_membership(
        &self,
        account_public_id: &str,
        role: Role,
        school: (i64, &str),
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let account = account::Entity::find()
            .filter(account::Column::PublicId.eq(account_public_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("member"))?;
        let removed = membership::Entity::delete_many()
            .filter(membership::Column::AccountId.eq(account.id))
            .filter(membership::Column::Role.eq(role.as_str()))
            .filter(membership::Column::SchoolId.eq(school.0))
            .exec(&txn)
            .await?;
        if removed.rows_affected == 0 {
            return Err(StoreError::NotFound("member"));
        }
        // A link still in their mailbox must not bring the role back.
        revoke_pending(&txn, &account.email, role, Some(school.0), None).await?;
        let mut change = Change::new(
            AuditAction::MembershipRemoved,
            "account",
            &account.public_id,
        );
        change.school = Some(school.1.to_owned());
        change.before = Some(serde_json::json!({ "email": account.email, "role": role.as_str() }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A pending invitation by its public id.
    pub async fn pending_grant(&self, public_id: &str) -> StoreResult<Option<PendingGrant>> {
        let Some(row) = invitation::Entity::find()
            .filter(invitation::Column::PublicId.eq(public_id))
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::RevokedAt.is_null())
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let Some(role) = Role::parse(&row.role) else {
            return Ok(None);
        };
        let school = match row.school_id {
            Some(key) => school::Entity::find_by_id(key)
                .one(&self.db)
                .await?
                .map(|s| s.public_id),
            None => None,
        };
        Ok(Some(PendingGrant {
            role,
            school,
            for_network: row.network_id.is_some(),
        }))
    }

    /// Withdraws a pending invitation: its link stops working.
    pub async fn revoke_invitation(&self, public_id: &str, actor: &Actor) -> StoreResult<()> {
        let txn = self.write().await?;
        let row = invitation::Entity::find()
            .filter(invitation::Column::PublicId.eq(public_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("invitation"))?;
        let revoked = invitation::Entity::update_many()
            .col_expr(invitation::Column::RevokedAt, Expr::value(Utc::now()))
            .filter(invitation::Column::Id.eq(row.id))
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if revoked.rows_affected != 1 {
            return Err(StoreError::NotFound("invitation"));
        }
        let mut change = Change::new(AuditAction::InvitationRevoked, "invitation", public_id);
        if let Some(key) = row.school_id {
            change.school = school::Entity::find_by_id(key)
                .one(&txn)
                .await?
                .map(|s| s.public_id);
        }
        change.before = Some(serde_json::json!({ "email": row.email, "role": row.role }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }
}

async fn live_invitation(
    db: &impl sea_orm::ConnectionTrait,
    token: &str,
) -> StoreResult<Option<invitation::Model>> {
    Ok(invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(security::token_hash(token)))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?)
}
