//! A cluster's board as stored: its columns and their order, cards with
//! their comments, "useful" marks and files, and the practice library.

use super::audit::{record, Actor, Change};
use super::clusters::ClusterRecord;
use super::entity::{
    account, board_column, card, card_attachment, card_comment, card_reaction, cluster, school,
};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::StoredFile;
use crate::domain::cluster::{Layout, Move, Place};
use crate::domain::AuditAction;
use crate::model::{AttachmentView, CardView, ColumnView, CommentView, LibraryCard};
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// A card as stored, for the checks before changing it.
#[derive(Clone, Debug)]
pub struct CardRecord {
    pub key: i64,
    pub id: String,
    pub cluster: i64,
    pub column: i64,
    pub school: i64,
    pub author: i64,
    pub version: i32,
    pub title: String,
}

/// A new card or a card's new text.
pub struct CardText<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub elements: &'a [String],
}

impl Store {
    /// The board: its columns in order, each with its cards in order, as
    /// `viewer` (an account key) sees them.
    pub async fn board(&self, cluster: i64, viewer: i64) -> StoreResult<Vec<ColumnView>> {
        let columns = board_column::Entity::find()
            .filter(board_column::Column::ClusterId.eq(cluster))
            .order_by_asc(board_column::Column::Position)
            .all(&self.db)
            .await?;
        let cards = card::Entity::find()
            .filter(card::Column::ClusterId.eq(cluster))
            .order_by_asc(card::Column::Position)
            .all(&self.db)
            .await?;
        let keys: Vec<i64> = cards.iter().map(|c| c.id).collect();
        let comments = card_comment::Entity::find()
            .filter(card_comment::Column::CardId.is_in(keys.clone()))
            .order_by_asc(card_comment::Column::Id)
            .all(&self.db)
            .await?;
        let reactions = card_reaction::Entity::find()
            .filter(card_reaction::Column::CardId.is_in(keys.clone()))
            .all(&self.db)
            .await?;
        let attachments = attachments_of(&self.db, keys).await?;
        let mut people: Vec<i64> = cards.iter().map(|c| c.author_id).collect();
        people.extend(comments.iter().map(|c| c.author_id));
        people.sort_unstable();
        people.dedup();
        let names: HashMap<i64, String> = account::Entity::find()
            .filter(account::Column::Id.is_in(people))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name))
            .collect();
        let mut school_keys: Vec<i64> = cards.iter().map(|c| c.school_id).collect();
        school_keys.sort_unstable();
        school_keys.dedup();
        let schools: HashMap<i64, (String, String)> = school::Entity::find()
            .filter(school::Column::Id.is_in(school_keys))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.id, (s.public_id, s.name)))
            .collect();
        let name = |k: i64| names.get(&k).cloned().unwrap_or_default();
        let mut views: Vec<ColumnView> = columns
            .iter()
            .map(|c| ColumnView {
                id: c.id,
                name: c.name.clone(),
                cards: Vec::new(),
            })
            .collect();
        for c in cards {
            let Some(column) = views.iter_mut().find(|v| v.id == c.column_id) else {
                continue;
            };
            let (school_id, school_name) = schools.get(&c.school_id).cloned().unwrap_or_default();
            let useful: Vec<i64> = reactions
                .iter()
                .filter(|r| r.card_id == c.id)
                .map(|r| r.account_id)
                .collect();
            column.cards.push(CardView {
                id: c.public_id,
                title: c.title,
                body: c.body,
                body_html: c.body_html,
                elements: serde_json::from_str(&c.elements).unwrap_or_default(),
                author: name(c.author_id),
                school_id,
                school_name,
                version: c.version,
                comments: comments
                    .iter()
                    .filter(|m| m.card_id == c.id)
                    .map(|m| CommentView {
                        author: name(m.author_id),
                        body: m.body.clone(),
                        at: rfc3339(m.created_at),
                    })
                    .collect(),
                useful: u32::try_from(useful.len()).unwrap_or(u32::MAX),
                marked_useful: useful.contains(&viewer),
                updated_at: rfc3339(c.updated_at),
                mine: c.author_id == viewer,
                published: c.published_at.is_some(),
                attachments: attachments.get(&c.id).cloned().unwrap_or_default(),
            });
        }
        Ok(views)
    }

    pub async fn board_column(&self, key: i64) -> StoreResult<Option<board_column::Model>> {
        Ok(board_column::Entity::find_by_id(key).one(&self.db).await?)
    }

    pub async fn card(&self, public_id: &str) -> StoreResult<Option<CardRecord>> {
        Ok(card::Entity::find()
            .filter(card::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(|c| CardRecord {
                key: c.id,
                id: c.public_id,
                cluster: c.cluster_id,
                column: c.column_id,
                school: c.school_id,
                author: c.author_id,
                version: c.version,
                title: c.title,
            }))
    }

    /// A new card at the end of `column`.
    pub async fn add_card(
        &self,
        cluster: &ClusterRecord,
        column: i64,
        school: i64,
        author: i64,
        text: CardText<'_>,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let position = card::Entity::find()
            .filter(card::Column::ColumnId.eq(column))
            .count(&txn)
            .await?;
        let now = Utc::now();
        let row = card::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            cluster_id: Set(cluster.key),
            column_id: Set(column),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            title: Set(text.title.to_owned()),
            body: Set(text.body.to_owned()),
            body_html: Set(text.body_html.to_owned()),
            elements: Set(serde_json::to_string(text.elements).unwrap_or_default()),
            author_id: Set(author),
            school_id: Set(school),
            version: Set(1),
            published_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut change = Change::new(AuditAction::CardAdded, "card", &row.public_id);
        change.after = Some(serde_json::json!({ "title": text.title, "cluster": cluster.id }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await?;
        Ok(row.public_id)
    }

    /// A card's new text, if nobody changed it since `base_version`
    /// (otherwise `Conflict`: the other edit is not overwritten).
    pub async fn edit_card(
        &self,
        cluster: &ClusterRecord,
        card_record: &CardRecord,
        base_version: i32,
        text: CardText<'_>,
        actor: &Actor,
    ) -> StoreResult<i32> {
        let txn = self.write().await?;
        let updated = card::Entity::update_many()
            .col_expr(card::Column::Title, Expr::value(text.title))
            .col_expr(card::Column::Body, Expr::value(text.body))
            .col_expr(card::Column::BodyHtml, Expr::value(text.body_html))
            .col_expr(
                card::Column::Elements,
                Expr::value(serde_json::to_string(text.elements).unwrap_or_default()),
            )
            .col_expr(card::Column::UpdatedAt, Expr::value(Utc::now()))
            .col_expr(
                card::Column::Version,
                Expr::col(card::Column::Version).add(1),
            )
            .filter(card::Column::Id.eq(card_record.key))
            .filter(card::Column::Version.eq(base_version))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("card"));
        }
        let mut change = Change::new(AuditAction::CardEdited, "card", &card_record.id);
        change.after = Some(serde_json::json!({ "title": text.title }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await?;
        Ok(base_version + 1)
    }

    /// Moves a card to `to` (a column of the same board and a place in it).
    pub async fn move_card(
        &self,
        cluster: &ClusterRecord,
        card_record: &CardRecord,
        to: (i64, usize),
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let (columns, mut layout) = layout_in(&txn, cluster.key).await?;
        let target = columns
            .iter()
            .position(|c| *c == to.0)
            .ok_or(StoreError::NotFound("column"))?;
        let from = layout
            .find(&card_record.key)
            .ok_or(StoreError::NotFound("card"))?;
        let landed = layout
            .move_to(
                &card_record.key,
                Place {
                    column: target,
                    position: to.1,
                },
            )
            .ok_or(StoreError::NotFound("column"))?;
        for i in [from.column, landed.column] {
            for (position, key) in layout.columns[i].iter().enumerate() {
                card::Entity::update_many()
                    .col_expr(card::Column::ColumnId, Expr::value(columns[i]))
                    .col_expr(
                        card::Column::Position,
                        Expr::value(i32::try_from(position).unwrap_or(i32::MAX)),
                    )
                    .filter(card::Column::Id.eq(*key))
                    .exec(&txn)
                    .await?;
            }
        }
        // A move is a change people who last saw the board have not seen.
        card::Entity::update_many()
            .col_expr(card::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(card::Column::Id.eq(card_record.key))
            .exec(&txn)
            .await?;
        let mut change = Change::new(AuditAction::CardMoved, "card", &card_record.id);
        change.after = Some(serde_json::json!({ "column": to.0, "position": landed.position }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await?;
        Ok(())
    }

    /// The board's layout of card keys, column by column, with the columns' keys.
    pub async fn layout(&self, cluster: i64) -> StoreResult<(Vec<i64>, Layout<i64>)> {
        layout_in(&self.db, cluster).await
    }

    pub async fn comment_on_card(
        &self,
        cluster: &ClusterRecord,
        card_record: &CardRecord,
        author: i64,
        body: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        card_comment::ActiveModel {
            card_id: Set(card_record.key),
            author_id: Set(author),
            body: Set(body.to_owned()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record(
            &txn,
            actor,
            Change::new(AuditAction::CardCommented, "card", &card_record.id),
        )
        .await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await
    }

    /// Marks the card useful for `account`, or takes the mark back.
    /// Returns whether it is marked now.
    pub async fn toggle_useful(
        &self,
        cluster: &ClusterRecord,
        card_record: &CardRecord,
        account_key: i64,
    ) -> StoreResult<bool> {
        let txn = self.write().await?;
        let gone = card_reaction::Entity::delete_by_id((card_record.key, account_key))
            .exec(&txn)
            .await?;
        let marked = gone.rows_affected == 0;
        if marked {
            card_reaction::ActiveModel {
                card_id: Set(card_record.key),
                account_id: Set(account_key),
            }
            .insert(&txn)
            .await?;
        }
        txn.commit().await?;
        self.board_changed(&cluster.id).await?;
        Ok(marked)
    }

    /// The lead renames a column.
    pub async fn rename_column(
        &self,
        cluster: &ClusterRecord,
        column: i64,
        name: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = board_column::Entity::update_many()
            .col_expr(board_column::Column::Name, Expr::value(name))
            .filter(board_column::Column::Id.eq(column))
            .filter(board_column::Column::ClusterId.eq(cluster.key))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::NotFound("column"));
        }
        let mut change = Change::new(AuditAction::ColumnRenamed, "cluster", &cluster.id);
        change.after = Some(serde_json::json!({ "column": column, "name": name }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await
    }

    /// The lead moves a column one place left or right (up and down do
    /// nothing). Returns whether it moved.
    pub async fn move_column(
        &self,
        cluster: &ClusterRecord,
        column: i64,
        step: Move,
        actor: &Actor,
    ) -> StoreResult<bool> {
        let txn = self.write().await?;
        let mut order: Vec<i64> = board_column::Entity::find()
            .filter(board_column::Column::ClusterId.eq(cluster.key))
            .order_by_asc(board_column::Column::Position)
            .all(&txn)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        let layout = Layout {
            columns: vec![order.clone()],
        };
        let step = match step {
            Move::Left => Move::Up,
            Move::Right => Move::Down,
            Move::Up | Move::Down => return Ok(false),
        };
        let Some(to) = layout.target(&column, step) else {
            return if order.contains(&column) {
                Ok(false)
            } else {
                Err(StoreError::NotFound("column"))
            };
        };
        let from = order
            .iter()
            .position(|c| *c == column)
            .unwrap_or(to.position);
        order.swap(from, to.position);
        for (position, key) in order.iter().enumerate() {
            board_column::Entity::update_many()
                .col_expr(
                    board_column::Column::Position,
                    Expr::value(i32::try_from(position).unwrap_or(i32::MAX)),
                )
                .filter(board_column::Column::Id.eq(*key))
                .exec(&txn)
                .await?;
        }
        let mut change = Change::new(AuditAction::ColumnMoved, "cluster", &cluster.id);
        change.after = Some(serde_json::json!({ "column": column, "position": to.position }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await?;
        Ok(true)
    }

    /// Puts a card into the network's practice library, or takes it out.
    pub async fn publish_card(
        &self,
        cluster: &ClusterRecord,
        card_record: &CardRecord,
        publish: bool,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let when = publish.then(Utc::now);
        card::Entity::update_many()
            .col_expr(card::Column::PublishedAt, Expr::value(when))
            .filter(card::Column::Id.eq(card_record.key))
            .exec(&txn)
            .await?;
        let action = if publish {
            AuditAction::CardPublished
        } else {
            AuditAction::CardWithdrawn
        };
        let mut change = Change::new(action, "card", &card_record.id);
        change.after =
            Some(serde_json::json!({ "title": card_record.title, "cluster": cluster.id }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await
    }

    /// The practice library: published cards, newest first (at most `limit`).
    pub async fn practice_library(&self, limit: u64) -> StoreResult<Vec<LibraryCard>> {
        use sea_orm::QuerySelect;
        let cards = card::Entity::find()
            .filter(card::Column::PublishedAt.is_not_null())
            .order_by_desc(card::Column::PublishedAt)
            .limit(limit)
            .all(&self.db)
            .await?;
        let ids = |f: fn(&card::Model) -> i64| {
            let mut v: Vec<i64> = cards.iter().map(f).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let authors: HashMap<i64, String> = account::Entity::find()
            .filter(account::Column::Id.is_in(ids(|c| c.author_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name))
            .collect();
        let schools: HashMap<i64, String> = school::Entity::find()
            .filter(school::Column::Id.is_in(ids(|c| c.school_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let clusters: HashMap<i64, String> = cluster::Entity::find()
            .filter(cluster::Column::Id.is_in(ids(|c| c.cluster_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        let attachments = attachments_of(&self.db, cards.iter().map(|c| c.id).collect()).await?;
        Ok(cards
            .into_iter()
            .map(|c| LibraryCard {
                author: authors.get(&c.author_id).cloned().unwrap_or_default(),
                school_name: schools.get(&c.school_id).cloned().unwrap_or_default(),
                cluster_name: clusters.get(&c.cluster_id).cloned().unwrap_or_default(),
                published_at: c.published_at.map(rfc3339).unwrap_or_default(),
                attachments: attachments.get(&c.id).cloned().unwrap_or_default(),
                elements: serde_json::from_str(&c.elements).unwrap_or_default(),
                id: c.public_id,
                title: c.title,
                body_html: c.body_html,
            })
            .collect())
    }

    /// Records a file (already in the file store) as attached to a card.
    pub async fn attach_to_card(
        &self,
        cluster: &ClusterRecord,
        card_record: &CardRecord,
        file: &StoredFile,
        content: &[u8],
        uploader: i64,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        super::files::put_file(&txn, &file.hash, content).await?;
        let row = card_attachment::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            card_id: Set(card_record.key),
            name: Set(file.name.clone()),
            content_type: Set(file.content_type.clone()),
            size: Set(i64::try_from(file.size).unwrap_or(i64::MAX)),
            hash: Set(file.hash.clone()),
            uploaded_by: Set(uploader),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut change = Change::new(AuditAction::CardFileAttached, "card", &card_record.id);
        change.after = Some(serde_json::json!({ "file": file.name, "size": file.size }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        self.board_changed(&cluster.id).await?;
        Ok(row.public_id)
    }

    /// A card's attachment with the card it belongs to.
    pub async fn card_attachment(
        &self,
        public_id: &str,
    ) -> StoreResult<Option<(card_attachment::Model, card::Model)>> {
        let Some(file) = card_attachment::Entity::find()
            .filter(card_attachment::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let owner = card::Entity::find_by_id(file.card_id).one(&self.db).await?;
        Ok(owner.map(|c| (file, c)))
    }
}

/// The board's layout of card keys, column by column, with the columns'
/// keys in order: read inside a transaction or outside one.
async fn layout_in(
    db: &impl ConnectionTrait,
    cluster: i64,
) -> StoreResult<(Vec<i64>, Layout<i64>)> {
    let columns: Vec<i64> = board_column::Entity::find()
        .filter(board_column::Column::ClusterId.eq(cluster))
        .order_by_asc(board_column::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let mut layout = Layout {
        columns: vec![Vec::new(); columns.len()],
    };
    for c in card::Entity::find()
        .filter(card::Column::ClusterId.eq(cluster))
        .order_by_asc(card::Column::Position)
        .all(db)
        .await?
    {
        if let Some(i) = columns.iter().position(|k| *k == c.column_id) {
            layout.columns[i].push(c.id);
        }
    }
    Ok((columns, layout))
}

/// The attachments of these cards, by card key, oldest first.
async fn attachments_of(
    db: &impl ConnectionTrait,
    cards: Vec<i64>,
) -> StoreResult<HashMap<i64, Vec<AttachmentView>>> {
    let mut by_card: HashMap<i64, Vec<AttachmentView>> = HashMap::new();
    for a in card_attachment::Entity::find()
        .filter(card_attachment::Column::CardId.is_in(cards))
        .order_by_asc(card_attachment::Column::Id)
        .all(db)
        .await?
    {
        by_card.entry(a.card_id).or_default().push(AttachmentView {
            id: a.public_id,
            name: a.name,
            size: u64::try_from(a.size).unwrap_or(0),
        });
    }
    Ok(by_card)
}
