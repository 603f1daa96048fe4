//! A reproducible network of schools at real scale, for the dashboard and
//! the benchmarks: schools across regions and phases, three years of
//! self-assessments on the shipped framework (answers, evidence, reviews
//! with validated ratings, awards), and clusters with boards and cards.
//! The same seed gives the same network.

use super::audit::{record, Actor, Change};
use super::entity::{
    account, award, board_column, card, cluster, cluster_school, evidence, evidence_indicator,
    membership, network, network_school, response, review, review_rating, school, self_assessment,
    validated_result,
};
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::Cycle;
use crate::domain::cluster::{Membership, CLUSTER_FRAMEWORK, DEFAULT_COLUMNS};
use crate::domain::review::{validated_results, ReviewRating, ReviewStatus};
use crate::domain::{region, AuditAction, Phase, Role};
use chrono::{Datelike, Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// How big a network to make, and from which seed.
#[derive(Clone, Copy, Debug)]
pub struct GenerateOptions {
    pub schools: usize,
    pub seed: u64,
}

/// What was made.
#[derive(Clone, Debug, Default)]
pub struct Generated {
    pub network: String,
    pub schools: usize,
    pub assessments: usize,
    pub responses: usize,
    pub reviews: usize,
    pub awards: usize,
    pub clusters: usize,
    pub cards: usize,
}

/// The regions schools are spread across, as codes of `domain::region`:
/// thirty of China's provincial divisions, as in the alliance.
pub const REGIONS: [&str; 30] = [
    "CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GS", "CN-GD", "CN-GX", "CN-GZ", "CN-HI", "CN-HE",
    "CN-HL", "CN-HA", "CN-HB", "CN-HN", "CN-NM", "CN-JS", "CN-JX", "CN-JL", "CN-LN", "CN-NX",
    "CN-QH", "CN-SN", "CN-SD", "CN-SH", "CN-SX", "CN-SC", "CN-TJ", "CN-XJ", "CN-YN", "CN-ZJ",
];

const NAMES: [&str; 16] = [
    "Riverside",
    "Hillcrest",
    "Oakfield",
    "Meadow",
    "Willow",
    "Brookside",
    "Northgate",
    "Lakeside",
    "Greenway",
    "Harbour",
    "Summit",
    "Cedar",
    "Maple",
    "Stonebridge",
    "Fairview",
    "Kingsway",
];

/// Schools written per transaction (with all their rows).
const BATCH: usize = 250;
/// Rows per INSERT statement: well under both backends' bound-parameter limits.
const ROWS_PER_STATEMENT: usize = 1_500;

/// A small, fast, seeded generator (SplitMix64): reproducible, not secure.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// A fraction in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Inserts rows in statements of bounded size.
async fn insert_all<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> StoreResult<()>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

fn uuid(rng: &mut Rng) -> String {
    uuid::Builder::from_random_bytes(
        [rng.next().to_le_bytes(), rng.next().to_le_bytes()]
            .concat()
            .try_into()
            .unwrap_or([0; 16]),
    )
    .into_uuid()
    .to_string()
}

impl Store {
    /// Generates a network of `options.schools` schools. `progress` is told
    /// how many schools are written so far.
    pub async fn generate_network(
        &self,
        options: GenerateOptions,
        progress: impl Fn(usize, usize),
    ) -> StoreResult<Generated> {
        let actor = Actor {
            account: None,
            email: "generator".to_owned(),
            ip: "local".to_owned(),
        };
        self.seed_frameworks(&actor).await?;
        let fw = self
            .latest_framework(CLUSTER_FRAMEWORK)
            .await?
            .ok_or(StoreError::NotFound("framework"))?;
        let mut rng = Rng(options.seed);
        let name = format!(
            "Generated network {} (seed {})",
            options.schools, options.seed
        );
        if network::Entity::find()
            .filter(network::Column::Name.eq(name.as_str()))
            .one(&self.db)
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict("generated network"));
        }
        let now = Utc::now();
        let today = now.date_naive();
        // Numbers continue after the schools already there, so names and
        // addresses stay unique when several networks are generated.
        let offset = usize::try_from(self.count_schools().await?).unwrap_or(0);
        // The network and the assessor who validated every generated review.
        let txn = self.write().await?;
        let network_id = network::Entity::insert(network::ActiveModel {
            public_id: Set(uuid(&mut rng)),
            name: Set(name.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let assessor = account::Entity::insert(account::ActiveModel {
            public_id: Set(uuid(&mut rng)),
            email: Set(format!("assessor-{}@generated.equimark.test", options.seed)),
            display_name: Set("Generated Assessor".to_owned()),
            // Not a hash: nobody signs in as this account.
            password_hash: Set("!".to_owned()),
            preferred_language: Set("en".to_owned()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let mut change = Change::new(AuditAction::NetworkCreated, "network", &name);
        change.after =
            Some(serde_json::json!({ "generated": options.schools, "seed": options.seed }));
        record(&txn, &actor, change).await?;
        txn.commit().await?;

        let indicators: Vec<String> = fw.indicators().map(|r| r.indicator.id.clone()).collect();
        let levels = fw.scale.len().max(1);
        let elements: Vec<String> = fw.elements.iter().map(|e| e.id.clone()).collect();
        let awards: Vec<String> = fw.awards.iter().map(|a| a.id.clone()).collect();
        let cycles = [Cycle::Initial, Cycle::AnnualReview1, Cycle::AnnualReview2];
        let mut made = Generated {
            network: name,
            ..Default::default()
        };
        let mut start = 0;
        while start < options.schools {
            let end = (start + BATCH).min(options.schools);
            let txn = self.write().await?;
            // Schools.
            let mut strengths = Vec::new();
            let mut rows = Vec::new();
            let mut ids = Vec::new();
            for i in start..end {
                let region = REGIONS[rng.below(REGIONS.len())];
                let phase = Phase::ALL[rng.below(Phase::ALL.len())];
                let strength = 0.15 + 0.7 * rng.unit();
                let award = if strength > 0.75 {
                    awards.get(1).or(awards.first())
                } else if strength > 0.45 {
                    awards.first()
                } else {
                    None
                };
                let since =
                    today - Duration::days(365 * 2 + i64::try_from(rng.below(300)).unwrap_or(0));
                let id = uuid(&mut rng);
                ids.push(id.clone());
                strengths.push((strength, award.cloned(), since));
                let name = format!(
                    "{} {} School {}",
                    NAMES[rng.below(NAMES.len())],
                    match phase {
                        Phase::Preschool => "Nursery",
                        Phase::Primary => "Primary",
                        Phase::Secondary => "High",
                        Phase::Special => "Special",
                        Phase::FurtherHigher => "College",
                    },
                    offset + i + 1
                );
                let city = format!(
                    "{} City {}",
                    region::display(region, "en"),
                    rng.below(12) + 1
                );
                rows.push(school::ActiveModel {
                    public_id: Set(id),
                    search_text: Set(migrations::school_search_text(&name, &city)),
                    name: Set(name),
                    phase: Set(phase.as_str().to_owned()),
                    city: Set(city),
                    learners: Set(i32::try_from(60 + rng.below(1_900)).unwrap_or(500)),
                    region: Set(region.to_owned()),
                    contact_email: Set(format!("school{}@generated.equimark.test", offset + i + 1)),
                    current_award: Set(award.cloned()),
                    award_since: Set(award.map(|_| since)),
                    award_until: Set(award.map(|_| since + Duration::days(365 * 3 - 1))),
                    created_at: Set(now),
                    ..Default::default()
                });
            }
            insert_all(&txn, rows).await?;
            let keys: HashMap<String, i64> = school::Entity::find()
                .filter(school::Column::PublicId.is_in(ids.clone()))
                .all(&txn)
                .await?
                .into_iter()
                .map(|s| (s.public_id, s.id))
                .collect();
            let schools: Vec<i64> = ids.iter().filter_map(|id| keys.get(id).copied()).collect();
            insert_all(
                &txn,
                schools
                    .iter()
                    .map(|s| network_school::ActiveModel {
                        network_id: Set(network_id),
                        school_id: Set(*s),
                    })
                    .collect(),
            )
            .await?;
            if let Some(first) = schools.first() {
                membership::Entity::insert(membership::ActiveModel {
                    account_id: Set(assessor),
                    role: Set(Role::Assessor.as_str().to_owned()),
                    school_id: Set(Some(*first)),
                    network_id: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                })
                .exec(&txn)
                .await?;
            }

            // Three years of self-assessments: the first two reviewed and
            // closed, this year's submitted and waiting.
            let mut assessment_rows = Vec::new();
            let mut assessment_ids = Vec::new();
            for (school_key, (_, _, since)) in schools.iter().zip(&strengths) {
                for (year, cycle) in cycles.iter().enumerate() {
                    let id = uuid(&mut rng);
                    let submitted = (*since
                        + Duration::days(365 * i64::try_from(year).unwrap_or(0)))
                    .and_hms_opt(10, 0, 0)
                    .map(|d| d.and_utc());
                    assessment_ids.push((id.clone(), *school_key, year));
                    assessment_rows.push(self_assessment::ActiveModel {
                        public_id: Set(id),
                        school_id: Set(*school_key),
                        framework_id: Set(fw.id.clone()),
                        framework_version: Set(fw.version.clone()),
                        cycle: Set(cycle.as_str().to_owned()),
                        target_award: Set(awards.first().cloned().unwrap_or_default()),
                        status: Set("submitted".to_owned()),
                        started_by: Set(None),
                        created_at: Set(submitted.unwrap_or(now)),
                        submitted_at: Set(submitted),
                        ..Default::default()
                    });
                }
            }
            made.assessments += assessment_rows.len();
            insert_all(&txn, assessment_rows).await?;
            let assessment_keys: HashMap<String, i64> = self_assessment::Entity::find()
                .filter(self_assessment::Column::SchoolId.is_in(schools.clone()))
                .all(&txn)
                .await?
                .into_iter()
                .map(|a| (a.public_id, a.id))
                .collect();
            let strength_of: HashMap<i64, f64> = schools
                .iter()
                .zip(&strengths)
                .map(|(k, (s, _, _))| (*k, *s))
                .collect();
            let mut responses = Vec::new();
            let mut evidence_rows = Vec::new();
            let mut review_rows = Vec::new();
            let mut chosen_levels: HashMap<String, Vec<usize>> = HashMap::new();
            for (id, school_key, year) in &assessment_ids {
                let Some(key) = assessment_keys.get(id).copied() else {
                    continue;
                };
                let strength =
                    strength_of.get(school_key).copied().unwrap_or(0.5) + 0.05 * *year as f64;
                let mut mine = Vec::with_capacity(indicators.len());
                for indicator in &indicators {
                    let noise = rng.unit() - 0.5;
                    let raw = (strength + 0.35 * noise).clamp(0.0, 0.999);
                    let level = (raw * levels as f64) as usize;
                    mine.push(level);
                    responses.push(response::ActiveModel {
                        assessment_id: Set(key),
                        indicator_id: Set(indicator.clone()),
                        level: Set(fw.scale.get(level).map(|l| l.id.clone())),
                        narrative: Set(String::new()),
                        version: Set(1),
                        updated_by: Set("generator".to_owned()),
                        updated_at: Set(now),
                        ..Default::default()
                    });
                }
                evidence_rows.push((
                    key,
                    indicators[rng.below(indicators.len())].clone(),
                    evidence::ActiveModel {
                        public_id: Set(uuid(&mut rng)),
                        assessment_id: Set(key),
                        title: Set("Lesson observation notes".to_owned()),
                        kind: Set("note".to_owned()),
                        link: Set(None),
                        note: Set(Some("Observed in a Year 5 lesson.".to_owned())),
                        file_hash: Set(None),
                        file_name: Set(None),
                        content_type: Set(None),
                        size: Set(None),
                        added_by: Set("generator".to_owned()),
                        created_at: Set(now),
                        ..Default::default()
                    },
                ));
                if *year < 2 {
                    let review_id = uuid(&mut rng);
                    chosen_levels.insert(review_id.clone(), mine);
                    review_rows.push((review_id, key, *school_key, *year));
                }
            }
            made.responses += responses.len();
            insert_all(&txn, responses).await?;
            let evidence_ids: Vec<String> = evidence_rows
                .iter()
                .map(|(_, _, e)| match &e.public_id {
                    Set(id) => id.clone(),
                    _ => String::new(),
                })
                .collect();
            let tied: Vec<(String, String)> = evidence_rows
                .iter()
                .zip(&evidence_ids)
                .map(|((_, indicator, _), id)| (id.clone(), indicator.clone()))
                .collect();
            insert_all(&txn, evidence_rows.into_iter().map(|(_, _, e)| e).collect()).await?;
            let evidence_keys: HashMap<String, i64> = evidence::Entity::find()
                .filter(evidence::Column::PublicId.is_in(evidence_ids))
                .all(&txn)
                .await?
                .into_iter()
                .map(|e| (e.public_id, e.id))
                .collect();
            insert_all(
                &txn,
                tied.into_iter()
                    .filter_map(|(id, indicator)| {
                        evidence_keys
                            .get(&id)
                            .map(|key| evidence_indicator::ActiveModel {
                                evidence_id: Set(*key),
                                indicator_id: Set(indicator),
                            })
                    })
                    .collect(),
            )
            .await?;

            // Reviews with validated ratings (within a level of the school's).
            let mut rows = Vec::new();
            for (id, assessment, _, year) in &review_rows {
                let signed = (today
                    - Duration::days(365 * (2 - i64::try_from(*year).unwrap_or(0))))
                .and_hms_opt(12, 0, 0)
                .map(|d| d.and_utc());
                rows.push(review::ActiveModel {
                    public_id: Set(id.clone()),
                    assessment_id: Set(*assessment),
                    lead_assessor_id: Set(assessor),
                    second_assessor_id: Set(None),
                    due_on: Set(today),
                    status: Set(ReviewStatus::Closed.as_str().to_owned()),
                    outcome: Set(Some("granted".to_owned())),
                    award: Set(awards.first().cloned()),
                    conditions: Set(String::new()),
                    report: Set("Generated review.".to_owned()),
                    moderation_reasons: Set("[]".to_owned()),
                    moderation_agrees: Set(None),
                    moderation_note: Set(String::new()),
                    visited_on: Set(None),
                    people_met: Set(String::new()),
                    classrooms: Set(String::new()),
                    visit_notes: Set(String::new()),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    signed_off_by: Set(None),
                    signed_off_at: Set(signed),
                    ..Default::default()
                });
            }
            made.reviews += rows.len();
            insert_all(&txn, rows).await?;
            let review_keys: HashMap<String, i64> = review::Entity::find()
                .filter(review::Column::PublicId.is_in(review_rows.iter().map(|r| r.0.clone())))
                .all(&txn)
                .await?
                .into_iter()
                .map(|r| (r.public_id, r.id))
                .collect();
            let mut ratings = Vec::new();
            let mut results = Vec::new();
            for (id, _, school_key, year) in &review_rows {
                let (Some(key), Some(levels_chosen)) = (review_keys.get(id), chosen_levels.get(id))
                else {
                    continue;
                };
                let mut validated_ratings = Vec::with_capacity(indicators.len());
                for (indicator, level) in indicators.iter().zip(levels_chosen) {
                    let validated = match rng.below(10) {
                        0 => level.saturating_sub(1),
                        1 => (level + 1).min(levels - 1),
                        _ => *level,
                    };
                    let level = fw.scale.get(validated).map(|l| l.id.clone());
                    validated_ratings.push(ReviewRating {
                        indicator: indicator.clone(),
                        level: level.clone(),
                        comment: String::new(),
                    });
                    ratings.push(review_rating::ActiveModel {
                        review_id: Set(*key),
                        indicator_id: Set(indicator.clone()),
                        level: Set(level),
                        comment: Set(String::new()),
                        updated_at: Set(now),
                    });
                }
                // Kept for the dashboard, as a sign-off keeps them; the
                // second year's review is the school's latest.
                let signed_year =
                    (today - Duration::days(365 * (2 - i64::try_from(*year).unwrap_or(0)))).year();
                for (element, score) in validated_results(&fw, &validated_ratings) {
                    results.push(validated_result::ActiveModel {
                        school_id: Set(*school_key),
                        review_id: Set(*key),
                        framework_id: Set(fw.id.clone()),
                        year: Set(signed_year),
                        element_id: Set(element),
                        score: Set(i32::try_from(score).unwrap_or(0)),
                        latest: Set(*year == 1),
                        ..Default::default()
                    });
                }
            }
            insert_all(&txn, ratings).await?;
            insert_all(&txn, results).await?;

            // Awards held now.
            let mut award_rows = Vec::new();
            for (school_key, (_, held, since)) in schools.iter().zip(&strengths) {
                if let Some(award_id) = held {
                    award_rows.push(award::ActiveModel {
                        code: Set(crate::domain::review::certificate_code(rng.next())),
                        school_id: Set(*school_key),
                        review_id: Set(None),
                        framework_id: Set(fw.id.clone()),
                        framework_version: Set(fw.version.clone()),
                        award_id: Set(award_id.clone()),
                        granted_on: Set(*since),
                        valid_until: Set(*since + Duration::days(365 * 3 - 1)),
                        revoked_at: Set(None),
                        created_at: Set(now),
                        ..Default::default()
                    });
                }
            }
            made.awards += award_rows.len();
            insert_all(&txn, award_rows).await?;

            // A cluster for every ten schools, with a board and cards.
            let (clusters, cards) =
                generate_clusters(&txn, &mut rng, &schools, &elements, assessor, now).await?;
            made.clusters += clusters;
            made.cards += cards;
            txn.commit().await?;
            made.schools = end;
            progress(end, options.schools);
            start = end;
        }
        Ok(made)
    }
}

/// Clusters of about ten schools (the first leads), each with the default
/// columns and a few cards. Returns how many clusters and cards.
async fn generate_clusters(
    db: &impl ConnectionTrait,
    rng: &mut Rng,
    schools: &[i64],
    elements: &[String],
    author: i64,
    now: chrono::DateTime<Utc>,
) -> StoreResult<(usize, usize)> {
    let groups: Vec<&[i64]> = schools.chunks(10).collect();
    let mut rows = Vec::new();
    let mut ids = Vec::new();
    for group in &groups {
        let id = uuid(rng);
        ids.push(id.clone());
        rows.push(cluster::ActiveModel {
            public_id: Set(id),
            name: Set(format!(
                "Cluster {}",
                &ids.last().map(|i| i[..8].to_owned()).unwrap_or_default()
            )),
            lead_school_id: Set(group[0]),
            kind: Set(if rng.below(4) == 0 {
                "twinned"
            } else {
                "local"
            }
            .to_owned()),
            created_at: Set(now),
            description: Set("Sharing inclusive practice between neighbouring schools.".to_owned()),
            development_plan: Set(String::new()),
            framework_id: Set(CLUSTER_FRAMEWORK.to_owned()),
            ..Default::default()
        });
    }
    insert_all(db, rows).await?;
    let keys: HashMap<String, i64> = cluster::Entity::find()
        .filter(cluster::Column::PublicId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.public_id, c.id))
        .collect();
    let mut links = Vec::new();
    let mut columns = Vec::new();
    for (id, group) in ids.iter().zip(&groups) {
        let Some(key) = keys.get(id).copied() else {
            continue;
        };
        for school in group.iter() {
            links.push(cluster_school::ActiveModel {
                cluster_id: Set(key),
                school_id: Set(*school),
                status: Set(Membership::Member.as_str().to_owned()),
            });
        }
        for (position, name) in DEFAULT_COLUMNS.iter().enumerate() {
            columns.push(board_column::ActiveModel {
                cluster_id: Set(key),
                name: Set((*name).to_owned()),
                position: Set(i32::try_from(position).unwrap_or(0)),
                ..Default::default()
            });
        }
    }
    insert_all(db, links).await?;
    insert_all(db, columns).await?;
    let cluster_keys: Vec<i64> = keys.values().copied().collect();
    let board: Vec<board_column::Model> = board_column::Entity::find()
        .filter(board_column::Column::ClusterId.is_in(cluster_keys))
        .all(db)
        .await?;
    let mut cards = Vec::new();
    for (id, group) in ids.iter().zip(&groups) {
        let Some(key) = keys.get(id).copied() else {
            continue;
        };
        let mine: Vec<&board_column::Model> =
            board.iter().filter(|c| c.cluster_id == key).collect();
        for n in 0..3 {
            let Some(column) = mine.get(rng.below(mine.len())) else {
                continue;
            };
            let element = elements[rng.below(elements.len())].clone();
            let body =
                "Pupils who find transitions hard now get a five-minute warning and a visual cue.";
            cards.push(card::ActiveModel {
                public_id: Set(uuid(rng)),
                cluster_id: Set(key),
                column_id: Set(column.id),
                position: Set(n),
                title: Set(format!("Practice {} of cluster {}", n + 1, &id[..8])),
                body: Set(body.to_owned()),
                body_html: Set(format!("<p>{body}</p>\n")),
                elements: Set(serde_json::to_string(&[element]).unwrap_or_default()),
                author_id: Set(author),
                school_id: Set(group[rng.below(group.len())]),
                version: Set(1),
                published_at: Set((rng.below(5) == 0).then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
    }
    let count = cards.len();
    insert_all(db, cards).await?;
    Ok((groups.len(), count))
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        let first: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let second: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(first, second);
        assert_ne!(Rng(8).next(), first[0]);
        let mut c = Rng(1);
        assert!((0..1000).all(|_| c.below(30) < 30 && (0.0..1.0).contains(&c.unit())));
    }
}
