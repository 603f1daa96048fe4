//! Notifications: each person's list, the emails that go with them (through
//! the outbox, in the person's language), and the kinds of email turned off.

use super::audit::queue_message;
use super::entity::{account, email_off, membership, notification, reminder_sent};
use super::rfc3339;
use super::{Store, StoreResult};
use crate::domain::notification::{Notification, NotificationKind};
use crate::domain::Role;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// How many notifications a person's list shows.
pub const LIST_LENGTH: u64 = 50;

impl Store {
    /// Adds a notification for each of `accounts` (once each), with the
    /// email for those who keep that kind on, in one transaction.
    /// `about` says what it is about in a language; `link_base` is the
    /// site's public address, for the email's link to `path`.
    pub async fn notify(
        &self,
        accounts: &[i64],
        kind: NotificationKind,
        about: &(dyn Fn(&str) -> String + Sync),
        path: &str,
        link_base: &str,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        notify_in(&txn, accounts, kind, about, (path, link_base)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// [`Store::notify`] once only for `key` (a reminder the calendar
    /// calls for): false, and nothing sent, if it was sent before, by this
    /// server or another.
    pub async fn notify_once(
        &self,
        key: &str,
        accounts: &[i64],
        kind: NotificationKind,
        about: &(dyn Fn(&str) -> String + Sync),
        path: &str,
        link_base: &str,
    ) -> StoreResult<bool> {
        let txn = self.write().await?;
        let inserted = reminder_sent::Entity::insert(reminder_sent::ActiveModel {
            key: Set(key.to_owned()),
            sent_at: Set(Utc::now()),
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(reminder_sent::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if inserted == 0 {
            return Ok(false);
        }
        notify_in(&txn, accounts, kind, about, (path, link_base)).await?;
        txn.commit().await?;
        Ok(true)
    }

    /// A person's newest notifications and how many are unread.
    pub async fn notifications(&self, person: i64) -> StoreResult<(Vec<Notification>, u64)> {
        let rows = notification::Entity::find()
            .filter(notification::Column::AccountId.eq(person))
            .order_by_desc(notification::Column::Id)
            .limit(LIST_LENGTH)
            .all(&self.db)
            .await?;
        let unread = self.unread_notifications(person).await?;
        let list = rows
            .into_iter()
            .filter_map(|r| {
                Some(Notification {
                    kind: NotificationKind::parse(&r.kind)?,
                    id: r.public_id,
                    headline: r.headline,
                    link: r.link,
                    created_at: rfc3339(r.created_at),
                    read: r.read_at.is_some(),
                })
            })
            .collect();
        Ok((list, unread))
    }

    /// How many of a person's notifications are unread.
    pub async fn unread_notifications(&self, person: i64) -> StoreResult<u64> {
        use sea_orm::PaginatorTrait;
        Ok(notification::Entity::find()
            .filter(notification::Column::AccountId.eq(person))
            .filter(notification::Column::ReadAt.is_null())
            .count(&self.db)
            .await?)
    }

    /// Marks all of a person's notifications read.
    pub async fn mark_notifications_read(&self, person: i64) -> StoreResult<()> {
        let txn = self.write().await?;
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
            .filter(notification::Column::AccountId.eq(person))
            .filter(notification::Column::ReadAt.is_null())
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The kinds of email a person has turned off.
    pub async fn emails_off(&self, person: i64) -> StoreResult<Vec<NotificationKind>> {
        Ok(email_off::Entity::find()
            .filter(email_off::Column::AccountId.eq(person))
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(|o| NotificationKind::parse(&o.kind))
            .collect())
    }

    /// Replaces the kinds of email a person has turned off.
    pub async fn set_emails_off(&self, person: i64, off: &[NotificationKind]) -> StoreResult<()> {
        let txn = self.write().await?;
        email_off::Entity::delete_many()
            .filter(email_off::Column::AccountId.eq(person))
            .exec(&txn)
            .await?;
        if !off.is_empty() {
            email_off::Entity::insert_many(off.iter().map(|k| email_off::ActiveModel {
                account_id: Set(person),
                kind: Set(k.as_str().to_owned()),
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// The accounts holding `role` at `school` (any school when `None`).
    pub async fn holders_of(&self, role: Role, school: Option<i64>) -> StoreResult<Vec<i64>> {
        let mut query =
            membership::Entity::find().filter(membership::Column::Role.eq(role.as_str()));
        if let Some(school) = school {
            query = query.filter(membership::Column::SchoolId.eq(school));
        }
        Ok(query
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| m.account_id)
            .collect())
    }

    /// An account's key from its public id.
    pub async fn account_key(&self, public_id: &str) -> StoreResult<Option<i64>> {
        Ok(account::Entity::find()
            .filter(account::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(|a| a.id))
    }
}

/// Adds the notifications and their emails within the caller's transaction.
async fn notify_in(
    txn: &impl sea_orm::ConnectionTrait,
    accounts: &[i64],
    kind: NotificationKind,
    about: &(dyn Fn(&str) -> String + Sync),
    (path, link_base): (&str, &str),
) -> StoreResult<()> {
    let mut accounts = accounts.to_vec();
    accounts.sort_unstable();
    accounts.dedup();
    if accounts.is_empty() {
        return Ok(());
    }
    let people = account::Entity::find()
        .filter(account::Column::Id.is_in(accounts.clone()))
        .all(txn)
        .await?;
    let off: Vec<i64> = email_off::Entity::find()
        .filter(email_off::Column::AccountId.is_in(accounts))
        .filter(email_off::Column::Kind.eq(kind.as_str()))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| o.account_id)
        .collect();
    let now = Utc::now();
    for person in people {
        let language = person.preferred_language.as_str();
        let about = about(language);
        notification::Entity::insert(notification::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            account_id: Set(person.id),
            kind: Set(kind.as_str().to_owned()),
            headline: Set(kind.headline(language, &about)),
            link: Set(path.to_owned()),
            created_at: Set(now),
            read_at: Set(None),
            ..Default::default()
        })
        .exec_without_returning(txn)
        .await?;
        if !off.contains(&person.id) {
            let (subject, body) = kind.email(language, &about, &format!("{link_base}{path}"));
            queue_message(txn, &person.email, &subject, &body, None).await?;
        }
    }
    Ok(())
}
