//! Schools' requests to join a network, and their answers. Accepting one
//! makes the school a member in the same write; a request is answered once,
//! whoever gets there first.

use super::audit::{record, Actor, Change};
use super::entity::{network, network_join_request as request, network_school, school};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::network_request::{
    may_answer, may_ask, JoinAnswer, JoinProblem, JoinRequest, RequestState,
};
use crate::domain::AuditAction;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use std::collections::HashMap;

/// A network or a school as a request names it: key and public id.
pub type Named<'a> = (i64, &'a str);

/// The requests in `rows`, with their networks' and schools' names.
async fn read_models(
    db: &impl ConnectionTrait,
    rows: Vec<request::Model>,
) -> StoreResult<Vec<JoinRequest>> {
    let network_keys: Vec<i64> = rows.iter().map(|r| r.network_id).collect();
    let school_keys: Vec<i64> = rows.iter().map(|r| r.school_id).collect();
    let networks: HashMap<i64, network::Model> = network::Entity::find()
        .filter(network::Column::Id.is_in(network_keys))
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.id, n))
        .collect();
    let schools: HashMap<i64, school::Model> = school::Entity::find()
        .filter(school::Column::Id.is_in(school_keys))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    rows.into_iter()
        .map(|r| {
            let (Some(net), Some(s)) = (networks.get(&r.network_id), schools.get(&r.school_id))
            else {
                return Err(StoreError::NotFound("network or school"));
            };
            Ok(JoinRequest {
                id: r.public_id,
                network: net.public_id.clone(),
                network_name: net.name.clone(),
                school: s.public_id.clone(),
                school_name: s.name.clone(),
                school_city: s.city.clone(),
                message: r.message,
                asked_by: r.asked_by,
                asked_at: rfc3339(r.asked_at),
                state: RequestState::parse(&r.state)
                    .ok_or(StoreError::Corrupt(format!("request state {}", r.state)))?,
                answered_by: r.answered_by,
                answered_at: r.answered_at.map(rfc3339),
            })
        })
        .collect()
}

impl Store {
    /// A school asks to join a network, with `message` (checked). Returns
    /// the request's id, or why it may not ask: the school is a member, or
    /// its request is waiting already.
    pub async fn ask_to_join_network(
        &self,
        (net, net_id): Named<'_>,
        (school, school_id): Named<'_>,
        message: &str,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<Result<String, JoinProblem>> {
        let txn = self.write().await?;
        let member = network_school::Entity::find()
            .filter(network_school::Column::NetworkId.eq(net))
            .filter(network_school::Column::SchoolId.eq(school))
            .one(&txn)
            .await?
            .is_some();
        let earlier = request::Entity::find()
            .filter(request::Column::NetworkId.eq(net))
            .filter(request::Column::SchoolId.eq(school))
            .one(&txn)
            .await?;
        let earlier_state = earlier.as_ref().and_then(|r| RequestState::parse(&r.state));
        if let Err(problem) = may_ask(member, earlier_state) {
            return Ok(Err(problem));
        }
        let now = Utc::now();
        let id = match earlier {
            // Asking again after an answer reopens the request.
            Some(r) => {
                let reopened = request::Entity::update_many()
                    .set(request::ActiveModel {
                        message: Set(message.to_owned()),
                        state: Set(RequestState::Pending.as_str().to_owned()),
                        asked_by: Set(by.to_owned()),
                        asked_at: Set(now),
                        answered_by: Set(None),
                        answered_at: Set(None),
                        ..Default::default()
                    })
                    .filter(request::Column::Id.eq(r.id))
                    .filter(request::Column::State.ne(RequestState::Pending.as_str()))
                    .exec(&txn)
                    .await?;
                if reopened.rows_affected != 1 {
                    return Ok(Err(JoinProblem::AlreadyAsked));
                }
                r.public_id
            }
            None => {
                let inserted = request::ActiveModel {
                    public_id: Set(uuid::Uuid::new_v4().to_string()),
                    network_id: Set(net),
                    school_id: Set(school),
                    message: Set(message.to_owned()),
                    state: Set(RequestState::Pending.as_str().to_owned()),
                    asked_by: Set(by.to_owned()),
                    asked_at: Set(now),
                    answered_by: Set(None),
                    answered_at: Set(None),
                    ..Default::default()
                }
                .insert(&txn)
                .await;
                match inserted.map_err(|e| StoreError::unique(e, "network request")) {
                    Ok(row) => row.public_id,
                    // Two first asks at once: the unique pair stops the second.
                    Err(StoreError::Duplicate(_)) => return Ok(Err(JoinProblem::AlreadyAsked)),
                    Err(other) => return Err(other),
                }
            }
        };
        let mut change = Change::new(AuditAction::NetworkJoinAsked, "network", net_id);
        change.school = Some(school_id.to_owned());
        change.after = Some(serde_json::json!({ "request": id, "message": message }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(Ok(id))
    }

    /// A network's admin answers request `id` of network `net`; accepting
    /// adds the school to the network. Returns the answered request, or
    /// [`JoinProblem::AlreadyAnswered`]; `NotFound` if the network has no
    /// such request.
    pub async fn answer_network_request(
        &self,
        (net, net_id): Named<'_>,
        id: &str,
        answer: JoinAnswer,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<Result<JoinRequest, JoinProblem>> {
        let txn = self.write().await?;
        let row = request::Entity::find()
            .filter(request::Column::PublicId.eq(id))
            .filter(request::Column::NetworkId.eq(net))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("network request"))?;
        let state = RequestState::parse(&row.state)
            .ok_or(StoreError::Corrupt(format!("request state {}", row.state)))?;
        if let Err(problem) = may_answer(state) {
            return Ok(Err(problem));
        }
        let answered = request::Entity::update_many()
            .set(request::ActiveModel {
                state: Set(answer.state().as_str().to_owned()),
                answered_by: Set(Some(by.to_owned())),
                answered_at: Set(Some(Utc::now())),
                ..Default::default()
            })
            .filter(request::Column::Id.eq(row.id))
            .filter(request::Column::State.eq(RequestState::Pending.as_str()))
            .exec(&txn)
            .await?;
        if answered.rows_affected != 1 {
            return Ok(Err(JoinProblem::AlreadyAnswered));
        }
        let action = match answer {
            JoinAnswer::Accept => {
                let member = network_school::Entity::find()
                    .filter(network_school::Column::NetworkId.eq(net))
                    .filter(network_school::Column::SchoolId.eq(row.school_id))
                    .one(&txn)
                    .await?;
                // An admin may have added the school by hand meanwhile.
                if member.is_none() {
                    network_school::ActiveModel {
                        network_id: Set(net),
                        school_id: Set(row.school_id),
                    }
                    .insert(&txn)
                    .await
                    .map_err(|e| StoreError::unique(e, "network member"))?;
                }
                AuditAction::NetworkJoinAccepted
            }
            JoinAnswer::Decline => AuditAction::NetworkJoinDeclined,
        };
        let fresh = request::Entity::find_by_id(row.id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("network request"))?;
        let answered = read_models(&txn, vec![fresh])
            .await?
            .pop()
            .ok_or(StoreError::NotFound("network request"))?;
        let mut change = Change::new(action, "network", net_id);
        change.school = Some(answered.school.clone());
        change.after = Some(serde_json::json!({
            "request": answered.id,
            "school": answered.school_name,
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(Ok(answered))
    }

    /// The requests made to a network: waiting ones first, then the rest,
    /// the newest first within each.
    pub async fn join_requests_to_network(&self, net: i64) -> StoreResult<Vec<JoinRequest>> {
        let rows = request::Entity::find()
            .filter(request::Column::NetworkId.eq(net))
            .order_by_desc(request::Column::AskedAt)
            .all(&self.db)
            .await?;
        let mut requests = read_models(&self.db, rows).await?;
        requests.sort_by_key(|r| r.state != RequestState::Pending);
        Ok(requests)
    }

    /// A school's requests to networks, the newest first.
    pub async fn join_requests_of_school(&self, school: i64) -> StoreResult<Vec<JoinRequest>> {
        let rows = request::Entity::find()
            .filter(request::Column::SchoolId.eq(school))
            .order_by_desc(request::Column::AskedAt)
            .all(&self.db)
            .await?;
        read_models(&self.db, rows).await
    }

    /// The accounts holding the network admin role for network `net`.
    pub async fn network_admins(&self, net: i64) -> StoreResult<Vec<i64>> {
        use super::entity::membership;
        Ok(membership::Entity::find()
            .filter(membership::Column::Role.eq(crate::domain::Role::NetworkAdmin.as_str()))
            .filter(membership::Column::NetworkId.eq(net))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| m.account_id)
            .collect())
    }
}
