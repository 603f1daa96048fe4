//! Clusters of schools: founding one, its members and join requests, and
//! its development plan. Its board is in `boards.rs`.

use super::audit::{record, Actor, Change};
use super::entity::{board_column, card, cluster, cluster_school, research_activity, school};
use super::{Store, StoreError, StoreResult};
use crate::domain::cluster::{ClusterKind, Membership, DEFAULT_COLUMNS};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// A cluster as stored.
#[derive(Clone, Debug)]
pub struct ClusterRecord {
    pub key: i64,
    pub id: String,
    pub name: String,
    pub kind: ClusterKind,
    pub lead_school: i64,
    pub description: String,
    pub development_plan: String,
    pub development_plan_version: i32,
    pub framework_id: String,
}

fn cluster_of(m: cluster::Model) -> ClusterRecord {
    ClusterRecord {
        key: m.id,
        id: m.public_id,
        name: m.name,
        kind: ClusterKind::parse(&m.kind).unwrap_or(ClusterKind::Local),
        lead_school: m.lead_school_id,
        description: m.description,
        development_plan: m.development_plan,
        development_plan_version: m.development_plan_version,
        framework_id: m.framework_id,
    }
}

impl Store {
    /// Every cluster, by name, with its schools (members and those asking
    /// to join): three queries, whatever the number of clusters.
    pub async fn clusters(
        &self,
    ) -> StoreResult<Vec<(ClusterRecord, Vec<(school::Model, Membership)>)>> {
        let rows = cluster::Entity::find()
            .order_by_asc(cluster::Column::Name)
            .all(&self.db)
            .await?;
        let links = cluster_school::Entity::find().all(&self.db).await?;
        let mut keys: Vec<i64> = links.iter().map(|l| l.school_id).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut schools: HashMap<i64, school::Model> = HashMap::new();
        // Bounded IN lists: PostgreSQL and SQLite both cap bound parameters.
        for chunk in keys.chunks(10_000) {
            for s in school::Entity::find()
                .filter(school::Column::Id.is_in(chunk.iter().copied()))
                .all(&self.db)
                .await?
            {
                schools.insert(s.id, s);
            }
        }
        let mut by_cluster: HashMap<i64, Vec<(school::Model, Membership)>> = HashMap::new();
        for l in links {
            if let (Some(s), Some(m)) = (schools.get(&l.school_id), Membership::parse(&l.status)) {
                by_cluster
                    .entry(l.cluster_id)
                    .or_default()
                    .push((s.clone(), m));
            }
        }
        Ok(rows
            .into_iter()
            .map(|c| {
                let mut members = by_cluster.remove(&c.id).unwrap_or_default();
                members.sort_by(|a, b| a.0.name.cmp(&b.0.name));
                (cluster_of(c), members)
            })
            .collect())
    }

    pub async fn cluster(&self, public_id: &str) -> StoreResult<Option<ClusterRecord>> {
        Ok(cluster::Entity::find()
            .filter(cluster::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(cluster_of))
    }

    pub async fn cluster_by_key(&self, key: i64) -> StoreResult<Option<ClusterRecord>> {
        Ok(cluster::Entity::find_by_id(key)
            .one(&self.db)
            .await?
            .map(cluster_of))
    }

    /// The cluster's schools (members and those asking to join), by name.
    pub async fn cluster_members(
        &self,
        cluster: i64,
    ) -> StoreResult<Vec<(school::Model, Membership)>> {
        let links = cluster_school::Entity::find()
            .filter(cluster_school::Column::ClusterId.eq(cluster))
            .all(&self.db)
            .await?;
        let states: HashMap<i64, Membership> = links
            .iter()
            .filter_map(|l| Membership::parse(&l.status).map(|s| (l.school_id, s)))
            .collect();
        let schools = school::Entity::find()
            .filter(school::Column::Id.is_in(states.keys().copied()))
            .order_by_asc(school::Column::Name)
            .all(&self.db)
            .await?;
        Ok(schools
            .into_iter()
            .filter_map(|s| states.get(&s.id).map(|m| (s, *m)))
            .collect())
    }

    /// A new cluster led by `lead`, with the default board columns.
    pub async fn found_cluster(
        &self,
        name: &str,
        kind: ClusterKind,
        lead: i64,
        description: &str,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let row = cluster::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            name: Set(name.to_owned()),
            lead_school_id: Set(lead),
            kind: Set(kind.as_str().to_owned()),
            created_at: Set(Utc::now()),
            description: Set(description.to_owned()),
            development_plan: Set(String::new()),
            framework_id: Set(crate::domain::cluster::CLUSTER_FRAMEWORK.to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        join(&txn, row.id, lead, Membership::Member).await?;
        default_columns(&txn, row.id).await?;
        let mut change = Change::new(AuditAction::ClusterCreated, "cluster", &row.public_id);
        change.after = Some(serde_json::json!({ "name": name, "kind": kind.as_str() }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(row.public_id)
    }

    /// A school asks to join; asking again changes nothing.
    pub async fn request_to_join(
        &self,
        cluster: &ClusterRecord,
        school: (i64, &str),
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let existing = cluster_school::Entity::find_by_id((cluster.key, school.0))
            .one(&txn)
            .await?;
        if existing.is_some() {
            return Err(StoreError::Conflict("membership"));
        }
        join(&txn, cluster.key, school.0, Membership::Requested).await?;
        let mut change = Change::new(AuditAction::ClusterJoinRequested, "cluster", &cluster.id);
        change.school = Some(school.1.to_owned());
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The cluster lead accepts or declines a school's request.
    pub async fn answer_join_request(
        &self,
        cluster: &ClusterRecord,
        school: (i64, &str),
        accept: bool,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let requested = cluster_school::Entity::find_by_id((cluster.key, school.0))
            .filter(cluster_school::Column::Status.eq(Membership::Requested.as_str()))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("join request"))?;
        if accept {
            cluster_school::Entity::update_many()
                .col_expr(
                    cluster_school::Column::Status,
                    Expr::value(Membership::Member.as_str()),
                )
                .filter(cluster_school::Column::ClusterId.eq(requested.cluster_id))
                .filter(cluster_school::Column::SchoolId.eq(requested.school_id))
                .exec(&txn)
                .await?;
        } else {
            cluster_school::Entity::delete_by_id((requested.cluster_id, requested.school_id))
                .exec(&txn)
                .await?;
        }
        let action = if accept {
            AuditAction::ClusterJoinAccepted
        } else {
            AuditAction::ClusterJoinDeclined
        };
        let mut change = Change::new(action, "cluster", &cluster.id);
        change.school = Some(school.1.to_owned());
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A member school leaves (the lead school cannot: it is the cluster).
    pub async fn leave_cluster(
        &self,
        cluster: &ClusterRecord,
        school: (i64, &str),
        actor: &Actor,
    ) -> StoreResult<()> {
        if school.0 == cluster.lead_school {
            return Err(StoreError::Conflict("lead school"));
        }
        let txn = self.write().await?;
        let gone = cluster_school::Entity::delete_by_id((cluster.key, school.0))
            .exec(&txn)
            .await?;
        if gone.rows_affected == 0 {
            return Err(StoreError::NotFound("membership"));
        }
        let mut change = Change::new(AuditAction::ClusterLeft, "cluster", &cluster.id);
        change.school = Some(school.1.to_owned());
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The lead writes the cluster's development plan for the year.
    /// Saves the plan over `base_version`, the version the lead started
    /// from; someone else's newer plan is never overwritten (`Conflict`).
    /// Returns the new version.
    pub async fn set_development_plan(
        &self,
        cluster: &ClusterRecord,
        plan: &str,
        base_version: i32,
        actor: &Actor,
    ) -> StoreResult<i32> {
        let txn = self.write().await?;
        let saved = cluster::Entity::update_many()
            .col_expr(cluster::Column::DevelopmentPlan, Expr::value(plan))
            .col_expr(
                cluster::Column::DevelopmentPlanVersion,
                Expr::value(base_version + 1),
            )
            .filter(cluster::Column::Id.eq(cluster.key))
            .filter(cluster::Column::DevelopmentPlanVersion.eq(base_version))
            .exec(&txn)
            .await?;
        if saved.rows_affected != 1 {
            return Err(StoreError::Conflict("development plan"));
        }
        let mut change = Change::new(AuditAction::ClusterPlanUpdated, "cluster", &cluster.id);
        change.before = Some(serde_json::json!({ "plan": cluster.development_plan }));
        change.after = Some(serde_json::json!({ "plan": plan }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(base_version + 1)
    }
}

async fn join(
    db: &impl ConnectionTrait,
    cluster: i64,
    school: i64,
    state: Membership,
) -> StoreResult<()> {
    cluster_school::ActiveModel {
        cluster_id: Set(cluster),
        school_id: Set(school),
        status: Set(state.as_str().to_owned()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub(crate) async fn default_columns(db: &impl ConnectionTrait, cluster: i64) -> StoreResult<()> {
    for (position, name) in DEFAULT_COLUMNS.iter().enumerate() {
        board_column::ActiveModel {
            cluster_id: Set(cluster),
            name: Set((*name).to_owned()),
            position: Set(i32::try_from(position).unwrap_or(0)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// What a school does in its clusters, as the award rules read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterWork {
    /// Schools in the largest cluster it is a member of (itself included).
    pub largest_cluster: u32,
    pub leads_cluster: bool,
    /// Whether one of its clusters has written a development plan.
    pub development_plan: bool,
    /// Practice cards it put on its clusters' boards since the day asked.
    pub shared_cards: u32,
    /// Whether a research activity of one of its clusters names it.
    pub research_activity: bool,
    /// Its cards published to the network's practice library since the day asked.
    pub published_cards: u32,
}

impl Store {
    /// The school's work in the clusters it is a member of, with cards
    /// counted from `since`.
    pub async fn cluster_work(&self, school: i64, since: NaiveDate) -> StoreResult<ClusterWork> {
        let member = Membership::Member.as_str();
        let backend = self.db.get_database_backend();
        let sql = "SELECT c.id AS cluster_key, c.lead_school_id AS lead, c.development_plan AS plan, \
                   CAST((SELECT COUNT(*) FROM cluster_school o WHERE o.cluster_id = c.id AND o.status = ?) AS BIGINT) AS schools \
                   FROM cluster c JOIN cluster_school cs ON cs.cluster_id = c.id \
                   WHERE cs.school_id = ? AND cs.status = ?";
        let values = vec![member.into(), school.into(), member.into()];
        let rows = self
            .db
            .query_all_raw(super::sql::statement(backend, sql, values))
            .await?;
        let mut work = ClusterWork::default();
        let mut clusters = Vec::new();
        for row in &rows {
            clusters.push(super::sql::number(row, "cluster_key"));
            work.largest_cluster = work.largest_cluster.max(super::sql::int(row, "schools"));
            work.leads_cluster |= super::sql::number(row, "lead") == school;
            work.development_plan |= !super::sql::text(row, "plan").trim().is_empty();
        }
        if clusters.is_empty() {
            return Ok(work);
        }
        // A card on the board is shared with the cluster's schools, published or not.
        let since = since.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        let cards = card::Entity::find()
            .filter(card::Column::SchoolId.eq(school))
            .filter(card::Column::ClusterId.is_in(clusters.clone()))
            .filter(card::Column::CreatedAt.gte(since))
            .count(&self.db)
            .await?;
        work.shared_cards = u32::try_from(cards).unwrap_or(u32::MAX);
        let published = card::Entity::find()
            .filter(card::Column::SchoolId.eq(school))
            .filter(card::Column::ClusterId.is_in(clusters.clone()))
            .filter(card::Column::PublishedAt.gte(since))
            .count(&self.db)
            .await?;
        work.published_cards = u32::try_from(published).unwrap_or(u32::MAX);
        work.research_activity = research_activity::Entity::find()
            .filter(research_activity::Column::ClusterId.is_in(clusters))
            .all(&self.db)
            .await?
            .iter()
            .any(|a| {
                serde_json::from_str::<Vec<i64>>(&a.schools).is_ok_and(|s| s.contains(&school))
            });
        Ok(work)
    }
}
