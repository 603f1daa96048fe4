//! The network dashboard's figures, summed in the database from the
//! schools and their validated results (one row per signed-off review and
//! element, the school's latest marked), so that thousands of schools cost
//! a few aggregate queries, not thousands of scorings.

use super::entity::validated_result;
use super::sql::{int, number, statement, text};
use super::{Store, StoreResult};
use crate::domain::dashboard::{distribution, ElementAverage, SCORE_BANDS};
use crate::domain::AuditAction;
use crate::model::{RegionFigures, SchoolFigures};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Which schools the figures are about: all, or one network's, and
/// optionally one region's; scores are those validated on `framework`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scope<'a> {
    pub network: Option<i64>,
    pub region: Option<&'a str>,
    pub framework: &'a str,
}

/// Figures already worked out, per scope and day, with the stamp of the data
/// they were worked out from. Each server keeps its own; the stamp is read
/// from the database, so a change made through any server is seen by all.
pub(super) type FiguresCache = Arc<Mutex<HashMap<FiguresKey, (String, Figures)>>>;

/// Network, region, framework and day.
type FiguresKey = (Option<i64>, Option<String>, String, NaiveDate);

/// Scopes kept at once (every school, each network, their regions); the
/// cache is emptied when it is full.
const CACHED_SCOPES: usize = 512;

/// The changes that alter what the dashboard shows, other than new schools
/// and new validated results: edited schools, revoked, suspended or
/// reinstated awards, schools joining or leaving a network (an accepted
/// request to join among them).
const FIGURE_CHANGES: [AuditAction; 7] = [
    AuditAction::SchoolUpdated,
    AuditAction::AwardRevoked,
    AuditAction::AwardSuspended,
    AuditAction::AwardReinstated,
    AuditAction::NetworkSchoolAdded,
    AuditAction::NetworkSchoolRemoved,
    AuditAction::NetworkJoinAccepted,
];

/// Everything the dashboard shows, before titles are put on it.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub regions: Vec<RegionFigures>,
    pub phases: Vec<(String, u32)>,
    pub awards_held: Vec<(String, u32)>,
    pub due_soon: u32,
    pub overdue: u32,
    pub elements: Vec<ElementAverage>,
    pub by_year: Vec<(i32, Vec<ElementAverage>)>,
    pub distribution: [u32; SCORE_BANDS],
    /// The schools of the region, when one is chosen.
    pub schools: Vec<SchoolFigures>,
}

/// Replaces the school's latest validated results on `framework` with a
/// review's (those on other frameworks stay): `results` are (element id,
/// permille), the overall score with an empty id.
pub(crate) async fn write_validated_results(
    db: &impl ConnectionTrait,
    school: i64,
    framework: &str,
    review: i64,
    year: i32,
    results: &[(String, u32)],
) -> StoreResult<()> {
    validated_result::Entity::update_many()
        .col_expr(validated_result::Column::Latest, Expr::value(false))
        .filter(validated_result::Column::SchoolId.eq(school))
        .filter(validated_result::Column::FrameworkId.eq(framework))
        .exec(db)
        .await?;
    let rows: Vec<validated_result::ActiveModel> = results
        .iter()
        .map(|(element, score)| validated_result::ActiveModel {
            school_id: Set(school),
            review_id: Set(review),
            framework_id: Set(framework.to_owned()),
            year: Set(year),
            element_id: Set(element.clone()),
            score: Set(i32::try_from(*score).unwrap_or(0)),
            latest: Set(true),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        validated_result::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

impl Store {
    /// The dashboard's figures for `scope`; `today` dates the awards due.
    /// Summing 5,000 schools' results takes a few hundred milliseconds, so
    /// the figures are kept until the data under them changes: a new school,
    /// a new validated result (a sign-off), or one of [`FIGURE_CHANGES`].
    pub async fn dashboard_figures(
        &self,
        scope: Scope<'_>,
        today: NaiveDate,
    ) -> StoreResult<Figures> {
        let stamp = self.figures_stamp().await?;
        let key = (
            scope.network,
            scope.region.map(str::to_owned),
            scope.framework.to_owned(),
            today,
        );
        if let Some((at, figures)) = self.figures.lock().ok().and_then(|c| c.get(&key).cloned()) {
            if at == stamp {
                return Ok(figures);
            }
        }
        let figures = self.sum_figures(scope, today).await?;
        if let Ok(mut cache) = self.figures.lock() {
            if cache.len() >= CACHED_SCOPES {
                cache.clear();
            }
            cache.insert(key, (stamp, figures.clone()));
        }
        Ok(figures)
    }

    /// Changes whenever the dashboard's figures may have: three index lookups.
    async fn figures_stamp(&self) -> StoreResult<String> {
        let backend = self.db.get_database_backend();
        let actions = vec!["?"; FIGURE_CHANGES.len()].join(", ");
        let sql = format!(
            "SELECT CAST(COALESCE((SELECT MAX(id) FROM validated_result), 0) AS BIGINT) AS results, \
             CAST(COALESCE((SELECT MAX(id) FROM school), 0) AS BIGINT) AS schools, \
             COALESCE(CAST((SELECT MAX(at) FROM audit_event WHERE action IN ({actions})) AS TEXT), '') AS changed"
        );
        let values = FIGURE_CHANGES.iter().map(|a| a.as_str().into()).collect();
        let row = self
            .db
            .query_one_raw(statement(backend, &sql, values))
            .await?;
        Ok(row
            .map(|r| {
                format!(
                    "{}/{}/{}",
                    number(&r, "results"),
                    number(&r, "schools"),
                    text(&r, "changed")
                )
            })
            .unwrap_or_default())
    }

    /// The figures summed afresh.
    async fn sum_figures(&self, scope: Scope<'_>, today: NaiveDate) -> StoreResult<Figures> {
        let backend = self.db.get_database_backend();
        // FROM and WHERE for the schools in scope, with their values.
        let mut from = "school s".to_owned();
        let mut values: Vec<Value> = Vec::new();
        if let Some(network) = scope.network {
            from.push_str(" JOIN network_school ns ON ns.school_id = s.id AND ns.network_id = ?");
            values.push(network.into());
        }
        let mut filter = "1 = 1".to_owned();
        if let Some(region) = scope.region {
            filter.push_str(" AND s.region = ?");
            values.push(region.into());
        }
        let run = |sql: String, extra_before: Vec<Value>, extra_after: Vec<Value>| {
            let mut all = extra_before;
            all.extend(values.iter().cloned());
            all.extend(extra_after);
            statement(backend, &sql, all)
        };
        let mut figures = Figures::default();

        let sql = format!(
            "SELECT s.region AS region, CAST(COUNT(*) AS BIGINT) AS schools, \
             CAST(COALESCE(SUM(s.learners), 0) AS BIGINT) AS learners, \
             CAST(SUM(CASE WHEN s.current_award IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS awarded, \
             CAST(AVG(vr.score) AS BIGINT) AS average \
             FROM {from} LEFT JOIN validated_result vr ON vr.school_id = s.id AND vr.latest = ? AND vr.framework_id = ? AND vr.element_id = '' \
             WHERE {filter} GROUP BY s.region ORDER BY s.region"
        );
        // The LEFT JOIN's values come after the network's, before the region's.
        let mut ordered: Vec<Value> = Vec::new();
        if let Some(network) = scope.network {
            ordered.push(network.into());
        }
        ordered.push(true.into());
        ordered.push(scope.framework.into());
        if let Some(region) = scope.region {
            ordered.push(region.into());
        }
        for row in self
            .db
            .query_all_raw(statement(backend, &sql, ordered.clone()))
            .await?
        {
            let average = row.try_get::<Option<i64>>("", "average").ok().flatten();
            figures.regions.push(RegionFigures {
                region: text(&row, "region"),
                schools: int(&row, "schools"),
                learners: u64::from(int(&row, "learners")),
                awarded: int(&row, "awarded"),
                average: average.and_then(|a| u32::try_from(a).ok()),
            });
        }

        let sql = format!(
            "SELECT s.phase AS phase, CAST(COUNT(*) AS BIGINT) AS n FROM {from} WHERE {filter} \
             GROUP BY s.phase ORDER BY s.phase"
        );
        for row in self.db.query_all_raw(run(sql, vec![], vec![])).await? {
            figures.phases.push((text(&row, "phase"), int(&row, "n")));
        }

        let sql = format!(
            "SELECT s.current_award AS award, CAST(COUNT(*) AS BIGINT) AS n FROM {from} \
             WHERE {filter} AND s.current_award IS NOT NULL GROUP BY s.current_award ORDER BY s.current_award"
        );
        for row in self.db.query_all_raw(run(sql, vec![], vec![])).await? {
            figures
                .awards_held
                .push((text(&row, "award"), int(&row, "n")));
        }
        let soon = today + chrono::Duration::days(90);
        let sql = format!(
            "SELECT CAST(COALESCE(SUM(CASE WHEN s.award_until < ? THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue, \
             CAST(COALESCE(SUM(CASE WHEN s.award_until >= ? AND s.award_until < ? THEN 1 ELSE 0 END), 0) AS BIGINT) AS due \
             FROM {from} WHERE {filter} AND s.award_until IS NOT NULL"
        );
        let dates: Vec<Value> = vec![today.into(), today.into(), soon.into()];
        if let Some(row) = self.db.query_one_raw(run(sql, dates, vec![])).await? {
            figures.overdue = int(&row, "overdue");
            figures.due_soon = int(&row, "due");
        }

        // Every school's results need no join to the schools: half the time.
        let results_from = if scope.network.is_none() && scope.region.is_none() {
            "validated_result vr".to_owned()
        } else {
            format!("{from} JOIN validated_result vr ON vr.school_id = s.id")
        };
        let sql = format!(
            "SELECT vr.element_id AS element, CAST(AVG(vr.score) AS BIGINT) AS average, \
             CAST(COUNT(*) AS BIGINT) AS n FROM {results_from} \
             WHERE {filter} AND vr.latest = ? AND vr.framework_id = ? AND vr.element_id <> '' GROUP BY vr.element_id"
        );
        for row in self
            .db
            .query_all_raw(run(sql, vec![], vec![true.into(), scope.framework.into()]))
            .await?
        {
            figures.elements.push(ElementAverage {
                element: text(&row, "element"),
                average: int(&row, "average"),
                schools: int(&row, "n"),
            });
        }

        let sql = format!(
            "SELECT CAST(vr.year AS BIGINT) AS year, vr.element_id AS element, CAST(AVG(vr.score) AS BIGINT) AS average, \
             CAST(COUNT(*) AS BIGINT) AS n FROM {results_from} \
             WHERE {filter} AND vr.framework_id = ? AND vr.element_id <> '' GROUP BY vr.year, vr.element_id ORDER BY vr.year, vr.element_id"
        );
        let framework: Vec<Value> = vec![scope.framework.into()];
        for row in self.db.query_all_raw(run(sql, vec![], framework)).await? {
            let year = i32::try_from(row.try_get::<i64>("", "year").unwrap_or(0)).unwrap_or(0);
            let average = ElementAverage {
                element: text(&row, "element"),
                average: int(&row, "average"),
                schools: int(&row, "n"),
            };
            match figures.by_year.last_mut() {
                Some((y, all)) if *y == year => all.push(average),
                _ => figures.by_year.push((year, vec![average])),
            }
        }

        let sql = format!(
            "SELECT CAST(vr.score / 100 AS BIGINT) AS band, CAST(COUNT(*) AS BIGINT) AS n FROM {results_from} \
             WHERE {filter} AND vr.latest = ? AND vr.framework_id = ? AND vr.element_id = '' GROUP BY vr.score / 100"
        );
        let mut scores = Vec::new();
        for row in self
            .db
            .query_all_raw(run(sql, vec![], vec![true.into(), scope.framework.into()]))
            .await?
        {
            let band = int(&row, "band");
            scores.extend(std::iter::repeat_n(
                band * 100,
                usize::try_from(int(&row, "n")).unwrap_or(0),
            ));
        }
        figures.distribution = distribution(scores);

        if scope.region.is_some() {
            let sql = format!(
                "SELECT s.public_id AS id, s.name AS name, s.phase AS phase, s.current_award AS award, \
                 CAST(vr.score AS BIGINT) AS overall \
                 FROM {from} LEFT JOIN validated_result vr ON vr.school_id = s.id AND vr.latest = ? AND vr.framework_id = ? AND vr.element_id = '' \
                 WHERE {filter} ORDER BY s.name"
            );
            for row in self
                .db
                .query_all_raw(statement(backend, &sql, ordered))
                .await?
            {
                figures.schools.push(SchoolFigures {
                    id: text(&row, "id"),
                    name: text(&row, "name"),
                    phase: text(&row, "phase"),
                    award: row.try_get::<Option<String>>("", "award").ok().flatten(),
                    overall: row
                        .try_get::<Option<i64>>("", "overall")
                        .ok()
                        .flatten()
                        .and_then(|v| u32::try_from(v).ok()),
                });
            }
        }
        Ok(figures)
    }

    /// A school's validated results on `framework` across its reviews:
    /// (year, element id or empty for overall, permille), oldest first.
    pub async fn school_results(
        &self,
        school: i64,
        framework: &str,
    ) -> StoreResult<Vec<(i32, String, u32)>> {
        self.results_of_schools(&[school], framework).await
    }

    /// As [`Store::school_results`], for several schools together (a
    /// cluster's members).
    pub async fn results_of_schools(
        &self,
        schools: &[i64],
        framework: &str,
    ) -> StoreResult<Vec<(i32, String, u32)>> {
        use sea_orm::QueryOrder;
        Ok(validated_result::Entity::find()
            .filter(validated_result::Column::SchoolId.is_in(schools.iter().copied()))
            .filter(validated_result::Column::FrameworkId.eq(framework))
            .order_by_asc(validated_result::Column::Year)
            .order_by_asc(validated_result::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| (r.year, r.element_id, u32::try_from(r.score).unwrap_or(0)))
            .collect())
    }
}
