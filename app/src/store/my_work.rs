//! What needs a person now: the read model behind their home page. The
//! rules about it are in `domain::my_work`; the use case in `home`.

use super::entity::{
    board_visit, card, cluster_school, element_assignment, evidence_request, review,
    self_assessment,
};
use super::records::{record_of, review_of, AssessmentRecord, ReviewRecord};
use super::{rfc3339, Store, StoreResult};
use crate::domain::assessment::Status;
use crate::domain::cluster::Membership;
use crate::domain::review::ReviewStatus;
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

/// A request for more evidence the school has not answered yet.
#[derive(Clone, Debug)]
pub struct OpenRequest {
    pub assessment: AssessmentRecord,
    pub indicator: String,
    pub message: String,
    pub asked_at: String,
}

/// What changed on one cluster's board since the person last opened it.
#[derive(Clone, Debug)]
pub struct BoardNews {
    pub cluster: i64,
    /// Cards added, edited or moved since; every card if never opened.
    pub changed: u64,
}

impl Store {
    /// Each element assigned to `account` in a self-assessment still being
    /// written, with its self-assessment, oldest first.
    pub async fn elements_assigned_to(
        &self,
        account: i64,
    ) -> StoreResult<Vec<(AssessmentRecord, String)>> {
        let assigned = element_assignment::Entity::find()
            .filter(element_assignment::Column::AccountId.eq(account))
            .order_by_asc(element_assignment::Column::AssessmentId)
            .order_by_asc(element_assignment::Column::ElementId)
            .all(&self.db)
            .await?;
        let keys: Vec<i64> = assigned.iter().map(|a| a.assessment_id).collect();
        let assessments = self.assessments_by_keys(&keys).await?;
        Ok(assigned
            .into_iter()
            .filter_map(|a| {
                let assessment = assessments.get(&a.assessment_id)?;
                assessment
                    .status
                    .is_editable()
                    .then(|| (assessment.clone(), a.element_id))
            })
            .collect())
    }

    /// The requests sent to `schools` and not answered yet, on reviews
    /// waiting for evidence.
    pub async fn open_requests(&self, schools: &[i64]) -> StoreResult<Vec<OpenRequest>> {
        if schools.is_empty() {
            return Ok(Vec::new());
        }
        let assessments: std::collections::HashMap<i64, AssessmentRecord> =
            self_assessment::Entity::find()
                .filter(self_assessment::Column::SchoolId.is_in(schools.iter().copied()))
                .filter(self_assessment::Column::Status.eq(Status::Returned.as_str()))
                .all(&self.db)
                .await?
                .into_iter()
                .filter_map(record_of)
                .map(|a| (a.key, a))
                .collect();
        let waiting = review::Entity::find()
            .filter(review::Column::AssessmentId.is_in(assessments.keys().copied()))
            .filter(review::Column::Status.eq(ReviewStatus::EvidenceRequested.as_str()))
            .all(&self.db)
            .await?;
        let mut open = Vec::new();
        for found in waiting {
            let Some(assessment) = assessments.get(&found.assessment_id) else {
                continue;
            };
            for request in evidence_request::Entity::find()
                .filter(evidence_request::Column::ReviewId.eq(found.id))
                .filter(evidence_request::Column::Sent.eq(true))
                .filter(evidence_request::Column::Answer.is_null())
                .order_by_asc(evidence_request::Column::Id)
                .all(&self.db)
                .await?
            {
                open.push(OpenRequest {
                    assessment: assessment.clone(),
                    indicator: request.indicator_id,
                    message: request.message,
                    asked_at: rfc3339(request.asked_at),
                });
            }
        }
        Ok(open)
    }

    /// Reviews whose decision waits to be signed off, oldest due first.
    pub async fn reviews_to_sign_off(&self) -> StoreResult<Vec<ReviewRecord>> {
        Ok(review::Entity::find()
            .filter(review::Column::Status.eq(ReviewStatus::SignOff.as_str()))
            .order_by_asc(review::Column::DueOn)
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(review_of)
            .collect())
    }

    /// The clusters `schools` are members of, each with what changed on its
    /// board since `account` last opened it.
    pub async fn board_news(&self, account: i64, schools: &[i64]) -> StoreResult<Vec<BoardNews>> {
        let mut clusters: Vec<i64> = cluster_school::Entity::find()
            .filter(cluster_school::Column::SchoolId.is_in(schools.iter().copied()))
            .filter(cluster_school::Column::Status.eq(Membership::Member.as_str()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|link| link.cluster_id)
            .collect();
        clusters.sort_unstable();
        clusters.dedup();
        let mut news = Vec::new();
        for cluster in clusters {
            let seen = board_visit::Entity::find_by_id((account, cluster))
                .one(&self.db)
                .await?;
            let mut cards = card::Entity::find().filter(card::Column::ClusterId.eq(cluster));
            if let Some(seen) = seen {
                cards = cards.filter(card::Column::UpdatedAt.gt(seen.seen_at));
            }
            news.push(BoardNews {
                cluster,
                changed: cards.count(&self.db).await?,
            });
        }
        Ok(news)
    }

    /// Notes that `account` has seen the cluster's board as it is now. Only
    /// writes when the board changed since their last visit, so reading an
    /// unchanged board stays a read.
    pub async fn saw_board(&self, account: i64, cluster: i64) -> StoreResult<()> {
        let seen = board_visit::Entity::find_by_id((account, cluster))
            .one(&self.db)
            .await?;
        if let Some(seen) = &seen {
            let newer = card::Entity::find()
                .filter(card::Column::ClusterId.eq(cluster))
                .filter(card::Column::UpdatedAt.gt(seen.seen_at))
                .count(&self.db)
                .await?;
            if newer == 0 {
                return Ok(());
            }
        }
        let visit = board_visit::ActiveModel {
            account_id: Set(account),
            cluster_id: Set(cluster),
            seen_at: Set(Utc::now()),
        };
        let txn = self.write().await?;
        board_visit::Entity::insert(visit)
            .on_conflict(
                OnConflict::columns([
                    board_visit::Column::AccountId,
                    board_visit::Column::ClusterId,
                ])
                .update_column(board_visit::Column::SeenAt)
                .to_owned(),
            )
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }
}
