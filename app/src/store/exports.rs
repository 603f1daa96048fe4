//! Exports: CSV files of the schools, self-assessments (a row per
//! indicator) and awards in a dashboard's scope, and one school's whole
//! record as JSON (its data portability).
//!
//! A CSV export is a stream of pages: each page is a few schools' rows,
//! read by one query after the last school of the page before (keyset
//! paging), written as CSV and sent on. Memory stays flat however many
//! schools there are, and no connection is held between pages.

use super::entity::{
    account, award, cluster, cluster_school, evidence, evidence_indicator, membership, plan_action,
    response, review, review_rating, self_assessment,
};
use super::sql::{int, statement, text};
use super::{Store, StoreResult};
use crate::domain::export::{csv_record, percent_text};
use crate::domain::Framework;
use chrono::NaiveDate;
use futures::Stream;
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QueryResult, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The CSV files a dashboard offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Schools,
    Assessments,
    Awards,
}

impl Export {
    /// The export named in a download's address (`schools`, `assessments`, `awards`).
    pub fn parse(name: &str) -> Option<Export> {
        match name {
            "schools" => Some(Export::Schools),
            "assessments" => Some(Export::Assessments),
            "awards" => Some(Export::Awards),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Export::Schools => "schools",
            Export::Assessments => "assessments",
            Export::Awards => "awards",
        }
    }

    fn header(self) -> &'static [&'static str] {
        match self {
            Export::Schools => &[
                "school_id",
                "name",
                "phase",
                "region",
                "region_name",
                "city",
                "learners",
                "award",
                "award_since",
                "award_until",
                "latest_validated_score_percent",
            ],
            Export::Assessments => &[
                "school_id",
                "school",
                "region",
                "region_name",
                "self_assessment_id",
                "framework",
                "framework_version",
                "cycle",
                "status",
                "submitted_on",
                "element",
                "indicator",
                "school_rating",
                "validated_rating",
            ],
            Export::Awards => &[
                "school_id",
                "school",
                "region",
                "region_name",
                "award",
                "certificate_code",
                "granted_on",
                "valid_until",
                "standing",
            ],
        }
    }

    /// Schools per page: a self-assessment export has about a hundred
    /// rows per school, the others one or two.
    fn page(self) -> usize {
        match self {
            Export::Assessments => 20,
            Export::Schools | Export::Awards => 500,
        }
    }
}

/// The schools an export is about: all or one network's, and optionally
/// one region's (as the dashboard shows them).
#[derive(Clone, Debug, Default)]
pub struct ExportScope {
    pub network: Option<i64>,
    pub region: Option<String>,
    /// Whose validated scores the schools export shows.
    pub framework: String,
}

impl ExportScope {
    /// FROM and WHERE for the schools in scope (alias `s`), and their
    /// values in order.
    fn sql(&self) -> (String, String, Vec<Value>) {
        let mut from = "school s".to_owned();
        let mut filter = "1 = 1".to_owned();
        let mut values: Vec<Value> = Vec::new();
        if let Some(network) = self.network {
            from.push_str(" JOIN network_school ns ON ns.school_id = s.id AND ns.network_id = ?");
            values.push(network.into());
        }
        if let Some(region) = &self.region {
            filter.push_str(" AND s.region = ?");
            values.push(region.clone().into());
        }
        (from, filter, values)
    }
}

fn date(row: &QueryResult, column: &str) -> String {
    row.try_get::<Option<NaiveDate>>("", column)
        .ok()
        .flatten()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn timestamp_date(row: &QueryResult, column: &str) -> String {
    row.try_get::<Option<chrono::DateTime<chrono::Utc>>>("", column)
        .ok()
        .flatten()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A region's English name beside its code, for a spreadsheet reader.
fn region_name(code: &str) -> String {
    crate::domain::region::display(code, "en")
}

fn optional(row: &QueryResult, column: &str) -> String {
    row.try_get::<Option<String>>("", column)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Where a CSV export has got to.
struct Cursor {
    store: Store,
    export: Export,
    scope: ExportScope,
    today: NaiveDate,
    /// The last school written; `None` before the header.
    after: Option<i64>,
    done: bool,
    frameworks: HashMap<(String, String), Arc<Framework>>,
}

impl Store {
    /// The CSV export `export` of the schools in `scope`, as a stream of
    /// chunks (the header, then a page of rows at a time). `today` dates
    /// the awards' standing.
    pub fn export_csv(
        &self,
        export: Export,
        scope: ExportScope,
        today: NaiveDate,
    ) -> impl Stream<Item = StoreResult<String>> + Send + 'static {
        let cursor = Cursor {
            store: self.clone(),
            export,
            scope,
            today,
            after: None,
            done: false,
            frameworks: HashMap::new(),
        };
        futures::stream::try_unfold(cursor, |mut cursor| async move {
            if cursor.done {
                return Ok(None);
            }
            let Some(after) = cursor.after else {
                let mut header = String::new();
                csv_record(&mut header, cursor.export.header());
                cursor.after = Some(i64::MIN);
                return Ok(Some((header, cursor)));
            };
            let chunk = cursor.page(after).await?;
            Ok(Some((chunk, cursor)))
        })
    }
}

impl Cursor {
    /// The rows of the next page of schools after `after`, as CSV.
    async fn page(&mut self, after: i64) -> StoreResult<String> {
        let backend = self.store.db.get_database_backend();
        let (from, filter, values) = self.scope.sql();
        let limit = self.export.page();
        let mut out = String::new();
        if self.export == Export::Schools {
            let sql = format!(
                "SELECT s.id AS key, s.public_id AS id, s.name AS name, s.phase AS phase, s.region AS region, \
                 s.city AS city, CAST(s.learners AS BIGINT) AS learners, s.current_award AS award, \
                 s.award_since AS since, s.award_until AS until, CAST(vr.score AS BIGINT) AS overall \
                 FROM {from} LEFT JOIN validated_result vr ON vr.school_id = s.id AND vr.latest = TRUE \
                 AND vr.framework_id = ? AND vr.element_id = '' \
                 WHERE {filter} AND s.id > ? ORDER BY s.id LIMIT {limit}"
            );
            // The join's value comes after the network's, before the region's.
            let mut ordered: Vec<Value> = Vec::new();
            if let Some(network) = self.scope.network {
                ordered.push(network.into());
            }
            ordered.push(self.scope.framework.clone().into());
            if let Some(region) = &self.scope.region {
                ordered.push(region.clone().into());
            }
            debug_assert_eq!(ordered.len(), values.len() + 1);
            let rows = self
                .query(backend, &sql, ordered, vec![after.into()])
                .await?;
            self.advance(
                rows.iter()
                    .map(|r| r.try_get::<i64>("", "key").unwrap_or(i64::MAX)),
                limit,
            );
            for row in &rows {
                let overall = row
                    .try_get::<Option<i64>>("", "overall")
                    .ok()
                    .flatten()
                    .and_then(|v| u32::try_from(v).ok())
                    .map(percent_text)
                    .unwrap_or_default();
                csv_record(
                    &mut out,
                    &[
                        text(row, "id"),
                        text(row, "name"),
                        text(row, "phase"),
                        text(row, "region"),
                        region_name(&text(row, "region")),
                        text(row, "city"),
                        int(row, "learners").to_string(),
                        optional(row, "award"),
                        date(row, "since"),
                        date(row, "until"),
                        overall,
                    ],
                );
            }
            return Ok(out);
        }
        // The page's schools first, then their rows up to its last school.
        let sql = format!(
            "SELECT s.id AS key FROM {from} WHERE {filter} AND s.id > ? ORDER BY s.id LIMIT {limit}"
        );
        let keys: Vec<i64> = self
            .query(backend, &sql, values.clone(), vec![after.into()])
            .await?
            .iter()
            .filter_map(|r| r.try_get::<i64>("", "key").ok())
            .collect();
        let Some(last) = keys.last().copied() else {
            self.done = true;
            return Ok(out);
        };
        self.advance(keys.iter().copied(), limit);
        let bounds: Vec<Value> = vec![after.into(), last.into()];
        match self.export {
            Export::Assessments => {
                let sql = format!(
                    "SELECT s.public_id AS school, s.name AS name, s.region AS region, sa.public_id AS assessment, \
                     sa.framework_id AS framework, sa.framework_version AS version, sa.cycle AS cycle, \
                     sa.status AS status, sa.submitted_at AS submitted, r.indicator_id AS indicator, \
                     r.level AS level, rr.level AS validated \
                     FROM {from} JOIN self_assessment sa ON sa.school_id = s.id \
                     JOIN response r ON r.assessment_id = sa.id \
                     LEFT JOIN review rv ON rv.assessment_id = sa.id AND rv.status = 'closed' \
                     LEFT JOIN review_rating rr ON rr.review_id = rv.id AND rr.indicator_id = r.indicator_id \
                     WHERE {filter} AND s.id > ? AND s.id <= ? ORDER BY s.id, sa.id, r.id"
                );
                for row in self.query(backend, &sql, values, bounds).await? {
                    let (framework, version) = (text(&row, "framework"), text(&row, "version"));
                    let indicator = text(&row, "indicator");
                    let element = self
                        .framework(&framework, &version)
                        .await
                        .and_then(|fw| fw.indicator(&indicator).map(|i| i.element.id.clone()))
                        .unwrap_or_default();
                    csv_record(
                        &mut out,
                        &[
                            text(&row, "school"),
                            text(&row, "name"),
                            text(&row, "region"),
                            region_name(&text(&row, "region")),
                            text(&row, "assessment"),
                            framework,
                            version,
                            text(&row, "cycle"),
                            text(&row, "status"),
                            timestamp_date(&row, "submitted"),
                            element,
                            indicator,
                            optional(&row, "level"),
                            optional(&row, "validated"),
                        ],
                    );
                }
            }
            Export::Awards => {
                let sql = format!(
                    "SELECT s.public_id AS school, s.name AS name, s.region AS region, a.award_id AS award, \
                     a.code AS code, a.granted_on AS granted, a.valid_until AS until, a.revoked_at AS revoked \
                     FROM {from} JOIN award a ON a.school_id = s.id \
                     WHERE {filter} AND s.id > ? AND s.id <= ? ORDER BY s.id, a.granted_on, a.id"
                );
                for row in self.query(backend, &sql, values, bounds).await? {
                    let revoked = row
                        .try_get::<Option<chrono::DateTime<chrono::Utc>>>("", "revoked")
                        .ok()
                        .flatten()
                        .is_some();
                    let until = row.try_get::<Option<NaiveDate>>("", "until").ok().flatten();
                    let standing = match (revoked, until) {
                        (true, _) => "revoked",
                        (false, Some(until)) if until < self.today => "expired",
                        _ => "valid",
                    };
                    csv_record(
                        &mut out,
                        &[
                            text(&row, "school"),
                            text(&row, "name"),
                            text(&row, "region"),
                            region_name(&text(&row, "region")),
                            text(&row, "award"),
                            text(&row, "code"),
                            date(&row, "granted"),
                            date(&row, "until"),
                            standing.to_owned(),
                        ],
                    );
                }
            }
            Export::Schools => {}
        }
        Ok(out)
    }

    /// Moves past the page's schools; a short page is the last.
    fn advance(&mut self, keys: impl Iterator<Item = i64>, limit: usize) {
        let mut count = 0;
        for key in keys {
            count += 1;
            self.after = Some(key);
        }
        if count < limit {
            self.done = true;
        }
    }

    async fn query(
        &self,
        backend: DbBackend,
        sql: &str,
        mut values: Vec<Value>,
        extra: Vec<Value>,
    ) -> StoreResult<Vec<QueryResult>> {
        use sea_orm::ConnectionTrait;
        values.extend(extra);
        Ok(self
            .store
            .db
            .query_all_raw(statement(backend, sql, values))
            .await?)
    }

    /// A framework version, looked up once per export.
    async fn framework(&mut self, id: &str, version: &str) -> Option<Arc<Framework>> {
        let key = (id.to_owned(), version.to_owned());
        if let Some(fw) = self.frameworks.get(&key) {
            return Some(fw.clone());
        }
        let fw = self.store.framework(id, version).await.ok()?;
        self.frameworks.insert(key, fw.clone());
        Some(fw)
    }
}

impl Store {
    /// Everything Equimark holds about one school, for the school to take
    /// away: its details, networks and clusters, its people's names and
    /// roles, every self-assessment with its answers, evidence (the files'
    /// names and sizes, not their content) and action plan, the reviews
    /// of them with their validated ratings, and its awards. Password
    /// hashes, sessions and the audit log stay out.
    pub async fn school_record_export(
        &self,
        public_id: &str,
    ) -> StoreResult<Option<serde_json::Value>> {
        use serde_json::json;
        let Some(school) = self.school(public_id).await? else {
            return Ok(None);
        };
        let networks: Vec<String> = self
            .networks_of(school.key)
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        let links = cluster_school::Entity::find()
            .filter(cluster_school::Column::SchoolId.eq(school.key))
            .all(&self.db)
            .await?;
        let cluster_rows = cluster::Entity::find()
            .filter(cluster::Column::Id.is_in(links.iter().map(|l| l.cluster_id)))
            .all(&self.db)
            .await?;
        let clusters: Vec<serde_json::Value> = cluster_rows
            .iter()
            .map(|c| {
                let status = links
                    .iter()
                    .find(|l| l.cluster_id == c.id)
                    .map(|l| l.status.clone())
                    .unwrap_or_default();
                json!({
                    "id": c.public_id,
                    "name": c.name,
                    "kind": c.kind,
                    "lead": c.lead_school_id == school.key,
                    "membership": status,
                })
            })
            .collect();
        let roles = membership::Entity::find()
            .filter(membership::Column::SchoolId.eq(school.key))
            .order_by_asc(membership::Column::Id)
            .all(&self.db)
            .await?;
        let people_rows = account::Entity::find()
            .filter(account::Column::Id.is_in(roles.iter().map(|m| m.account_id)))
            .all(&self.db)
            .await?;
        let name_of = |key: i64| {
            people_rows
                .iter()
                .find(|a| a.id == key)
                .map(|a| (a.display_name.clone(), a.email.clone()))
                .unwrap_or_default()
        };
        let people: Vec<serde_json::Value> = roles
            .iter()
            .map(|m| {
                let (name, email) = name_of(m.account_id);
                json!({ "name": name, "email": email, "role": m.role, "since": m.created_at })
            })
            .collect();

        let assessment_rows = self_assessment::Entity::find()
            .filter(self_assessment::Column::SchoolId.eq(school.key))
            .order_by_asc(self_assessment::Column::CreatedAt)
            .order_by_asc(self_assessment::Column::Id)
            .all(&self.db)
            .await?;
        let keys: Vec<i64> = assessment_rows.iter().map(|a| a.id).collect();
        let responses = response::Entity::find()
            .filter(response::Column::AssessmentId.is_in(keys.clone()))
            .order_by_asc(response::Column::Id)
            .all(&self.db)
            .await?;
        let evidence_rows = evidence::Entity::find()
            .filter(evidence::Column::AssessmentId.is_in(keys.clone()))
            .order_by_asc(evidence::Column::Id)
            .all(&self.db)
            .await?;
        let tied = evidence_indicator::Entity::find()
            .filter(
                evidence_indicator::Column::EvidenceId.is_in(evidence_rows.iter().map(|e| e.id)),
            )
            .all(&self.db)
            .await?;
        let actions = plan_action::Entity::find()
            .filter(plan_action::Column::AssessmentId.is_in(keys.clone()))
            .order_by_asc(plan_action::Column::Id)
            .all(&self.db)
            .await?;
        let review_rows = review::Entity::find()
            .filter(review::Column::AssessmentId.is_in(keys))
            .order_by_asc(review::Column::Id)
            .all(&self.db)
            .await?;
        let ratings = review_rating::Entity::find()
            .filter(review_rating::Column::ReviewId.is_in(review_rows.iter().map(|r| r.id)))
            .all(&self.db)
            .await?;
        let assessments: Vec<serde_json::Value> = assessment_rows
            .iter()
            .map(|a| {
                let answers: Vec<serde_json::Value> = responses
                    .iter()
                    .filter(|r| r.assessment_id == a.id)
                    .map(|r| {
                        json!({
                            "indicator": r.indicator_id,
                            "rating": r.level,
                            "narrative": r.narrative,
                            "updated_by": r.updated_by,
                            "updated_at": r.updated_at,
                        })
                    })
                    .collect();
                let evidence: Vec<serde_json::Value> = evidence_rows
                    .iter()
                    .filter(|e| e.assessment_id == a.id)
                    .map(|e| {
                        let indicators: Vec<&str> = tied
                            .iter()
                            .filter(|t| t.evidence_id == e.id)
                            .map(|t| t.indicator_id.as_str())
                            .collect();
                        json!({
                            "id": e.public_id,
                            "title": e.title,
                            "kind": e.kind,
                            "link": e.link,
                            "note": e.note,
                            "file_name": e.file_name,
                            "content_type": e.content_type,
                            "size": e.size,
                            "indicators": indicators,
                            "added_by": e.added_by,
                            "added_at": e.created_at,
                        })
                    })
                    .collect();
                let plan: Vec<serde_json::Value> = actions
                    .iter()
                    .filter(|p| p.assessment_id == a.id)
                    .map(|p| {
                        json!({
                            "indicator": p.indicator_id,
                            "action": p.description,
                            "owner": p.owner,
                            "due_on": p.due_on,
                            "status": p.status,
                            "success_measure": p.success_measure,
                            "progress": p.progress,
                        })
                    })
                    .collect();
                let reviews: Vec<serde_json::Value> = review_rows
                    .iter()
                    .filter(|r| r.assessment_id == a.id)
                    .map(|r| {
                        let validated: Vec<serde_json::Value> = ratings
                            .iter()
                            .filter(|v| v.review_id == r.id)
                            .map(|v| {
                                json!({
                                    "indicator": v.indicator_id,
                                    "rating": v.level,
                                    "comment": v.comment,
                                })
                            })
                            .collect();
                        json!({
                            "id": r.public_id,
                            "status": r.status,
                            "outcome": r.outcome,
                            "award": r.award,
                            "conditions": r.conditions,
                            "report": r.report,
                            "visited_on": r.visited_on,
                            "signed_off_at": r.signed_off_at,
                            "validated_ratings": validated,
                        })
                    })
                    .collect();
                json!({
                    "id": a.public_id,
                    "framework": a.framework_id,
                    "framework_version": a.framework_version,
                    "cycle": a.cycle,
                    "target_award": a.target_award,
                    "status": a.status,
                    "started_at": a.created_at,
                    "submitted_at": a.submitted_at,
                    "answers": answers,
                    "evidence": evidence,
                    "action_plan": plan,
                    "reviews": reviews,
                })
            })
            .collect();
        let awards: Vec<serde_json::Value> = award::Entity::find()
            .filter(award::Column::SchoolId.eq(school.key))
            .order_by_asc(award::Column::GrantedOn)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| {
                json!({
                    "award": a.award_id,
                    "framework": a.framework_id,
                    "framework_version": a.framework_version,
                    "certificate_code": a.code,
                    "granted_on": a.granted_on,
                    "valid_until": a.valid_until,
                    "revoked_at": a.revoked_at,
                })
            })
            .collect();
        Ok(Some(json!({
            "format": "equimark-school-record",
            "format_version": 1,
            "exported_at": chrono::Utc::now(),
            "school": {
                "id": school.summary.id,
                "name": school.summary.name,
                "phase": school.summary.phase,
                "city": school.summary.city,
                "region": school.region,
                "learners": school.summary.learners,
                "contact_email": school.contact_email,
                "current_award": school.summary.current_award,
                "award_since": school.award_since,
                "award_until": school.award_until,
            },
            "networks": networks,
            "clusters": clusters,
            "people": people,
            "self_assessments": assessments,
            "awards": awards,
        })))
    }
}
