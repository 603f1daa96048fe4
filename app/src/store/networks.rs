//! Networks of schools (alliances) and their member schools.

use super::audit::{record, Actor, Change};
use super::entity::{cluster, cluster_school, network, network_school, school};
use super::{Store, StoreError, StoreResult};
use crate::domain::{AuditAction, NetworkFigures, Phase};
use crate::model::NetworkSummary;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// A network as stored: its key, and what its page shows.
pub struct NetworkRecord {
    pub key: i64,
    pub id: String,
    pub name: String,
    pub figures: NetworkFigures,
}

impl Store {
    /// Creates a network; the name must be new. Returns (key, public id).
    pub async fn create_network(&self, name: &str, actor: &Actor) -> StoreResult<(i64, String)> {
        let txn = self.write().await?;
        let row = network::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            name: Set(name.to_owned()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| StoreError::unique(e, "network"))?;
        let mut change = Change::new(AuditAction::NetworkCreated, "network", &row.public_id);
        change.after = Some(serde_json::json!({ "name": name }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok((row.id, row.public_id))
    }

    /// Adds a school to a network (`Duplicate` if it is there already).
    pub async fn add_to_network(
        &self,
        network: i64,
        school: i64,
        actor: &Actor,
    ) -> StoreResult<()> {
        self.change_network(network, school, true, actor).await
    }

    /// Takes a school out of a network (`NotFound` if it was not in it).
    pub async fn remove_from_network(
        &self,
        network: i64,
        school: i64,
        actor: &Actor,
    ) -> StoreResult<()> {
        self.change_network(network, school, false, actor).await
    }

    async fn change_network(
        &self,
        network: i64,
        school: i64,
        add: bool,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let net = network::Entity::find_by_id(network)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("network"))?;
        let member = school::Entity::find_by_id(school)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("school"))?;
        let action = if add {
            network_school::ActiveModel {
                network_id: Set(network),
                school_id: Set(school),
            }
            .insert(&txn)
            .await
            .map_err(|e| StoreError::unique(e, "network member"))?;
            AuditAction::NetworkSchoolAdded
        } else {
            let removed = network_school::Entity::delete_many()
                .filter(network_school::Column::NetworkId.eq(network))
                .filter(network_school::Column::SchoolId.eq(school))
                .exec(&txn)
                .await?;
            if removed.rows_affected == 0 {
                return Err(StoreError::NotFound("network member"));
            }
            AuditAction::NetworkSchoolRemoved
        };
        let mut change = Change::new(action, "network", &net.public_id);
        change.school = Some(member.public_id);
        change.after = Some(serde_json::json!({ "network": net.name, "school": member.name }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The networks with these public ids (`None`: all), by name.
    pub async fn list_networks(
        &self,
        only: Option<Vec<String>>,
    ) -> StoreResult<Vec<NetworkSummary>> {
        let mut find = network::Entity::find();
        if let Some(ids) = only {
            find = find.filter(network::Column::PublicId.is_in(ids));
        }
        let rows = find
            .order_by_asc(network::Column::Name)
            .all(&self.db)
            .await?;
        let counts: Vec<(i64, i64)> = network_school::Entity::find()
            .select_only()
            .column(network_school::Column::NetworkId)
            .expr(Expr::col(network_school::Column::SchoolId).count())
            .group_by(network_school::Column::NetworkId)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|n| NetworkSummary {
                schools: counts
                    .iter()
                    .find(|(network, _)| *network == n.id)
                    .map_or(0, |(_, count)| u32::try_from(*count).unwrap_or(u32::MAX)),
                id: n.public_id,
                name: n.name,
            })
            .collect())
    }

    /// One network by public id, with its figures. (Its member schools,
    /// a page at a time, come from [`Store::search_schools`].)
    pub async fn network(&self, public_id: &str) -> StoreResult<Option<NetworkRecord>> {
        let Some(net) = network::Entity::find()
            .filter(network::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let members = Query::select()
            .column(network_school::Column::SchoolId)
            .from(network_school::Entity)
            .and_where(network_school::Column::NetworkId.eq(net.id))
            .to_owned();
        // Only the three columns the figures add up, however many members.
        let rows: Vec<(String, i32, Option<String>)> = school::Entity::find()
            .select_only()
            .column(school::Column::Phase)
            .column(school::Column::Learners)
            .column(school::Column::CurrentAward)
            .filter(school::Column::Id.in_subquery(members))
            .into_tuple()
            .all(&self.db)
            .await?;
        let figures = NetworkFigures::of(rows.iter().filter_map(|(phase, learners, award)| {
            Some((
                Phase::parse(phase)?,
                u32::try_from(*learners).unwrap_or(0),
                award.as_deref(),
            ))
        }));
        Ok(Some(NetworkRecord {
            key: net.id,
            id: net.public_id,
            name: net.name,
            figures,
        }))
    }

    /// A network's key and name by public id, without its figures.
    pub async fn network_key(&self, public_id: &str) -> StoreResult<Option<(i64, String)>> {
        Ok(network::Entity::find()
            .filter(network::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(|n| (n.id, n.name)))
    }

    /// The networks a school belongs to (public id, name), by name.
    pub async fn networks_of(&self, school: i64) -> StoreResult<Vec<(String, String)>> {
        let keys: Vec<i64> = network_school::Entity::find()
            .filter(network_school::Column::SchoolId.eq(school))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| l.network_id)
            .collect();
        Ok(network::Entity::find()
            .filter(network::Column::Id.is_in(keys))
            .order_by_asc(network::Column::Name)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|n| (n.public_id, n.name))
            .collect())
    }
    /// The clusters (public id, name) with a member school in network
    /// `net`, by name: where its partner experts take part in research.
    pub async fn clusters_in_network(&self, net: i64) -> StoreResult<Vec<(String, String)>> {
        let schools = Query::select()
            .column(network_school::Column::SchoolId)
            .from(network_school::Entity)
            .and_where(network_school::Column::NetworkId.eq(net))
            .to_owned();
        let clusters = Query::select()
            .column(cluster_school::Column::ClusterId)
            .from(cluster_school::Entity)
            .and_where(cluster_school::Column::SchoolId.in_subquery(schools))
            .and_where(
                cluster_school::Column::Status
                    .eq(crate::domain::cluster::Membership::Member.as_str()),
            )
            .to_owned();
        Ok(cluster::Entity::find()
            .filter(cluster::Column::Id.in_subquery(clusters))
            .order_by_asc(cluster::Column::Name)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| (c.public_id, c.name))
            .collect())
    }
}
