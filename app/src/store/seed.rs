//! The demo dataset, loaded on first start into an empty database.

use super::accounts::{insert_account, insert_membership, NewAccount, Place};
use super::audit::Actor;
use super::entity::account;
use super::frameworks::PublishError;
use super::{Store, StoreResult};
use crate::domain::framework_file::SHIPPED;
use crate::domain::{NewSchool, Phase, Role};
use crate::security::hash_password;
use sea_orm::{EntityTrait, PaginatorTrait};

/// The password of every demo account. Demo data only: never in production.
pub const DEMO_PASSWORD: &str = "equimark-demo";

/// A demo account: email, name, the language it reads in, and its roles
/// (at the n-th demo school, or everywhere for `None`).
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub language: &'static str,
    pub roles: &'static [(Role, Option<usize>)],
}

/// One account per role, plus a coordinator at a second school so that
/// "another school" can be tried, one at the Shanghai school (outside the
/// demo network, reading in Chinese) who may ask to join it, and a partner
/// expert working with the demo network.
pub const DEMO_ACCOUNTS: [DemoAccount; 11] = [
    DemoAccount {
        email: "teacher@demo.equimark.test",
        name: "Tara Teacher",
        language: "en",
        roles: &[(Role::Teacher, Some(0))],
    },
    DemoAccount {
        email: "coordinator@demo.equimark.test",
        name: "Cora Coordinator",
        language: "en",
        roles: &[(Role::Coordinator, Some(0))],
    },
    DemoAccount {
        email: "lead@demo.equimark.test",
        name: "Lee Cluster-Lead",
        language: "en",
        roles: &[(Role::ClusterLead, Some(0))],
    },
    DemoAccount {
        email: "assessor@demo.equimark.test",
        name: "Asha Assessor",
        language: "en",
        roles: &[(Role::Assessor, Some(0)), (Role::Assessor, Some(1))],
    },
    DemoAccount {
        email: "admin@demo.equimark.test",
        name: "Ada Admin",
        language: "en",
        roles: &[(Role::Admin, None)],
    },
    DemoAccount {
        email: "network@demo.equimark.test",
        name: "Nadia Network",
        language: "en",
        roles: &[(Role::NetworkAdmin, None)],
    },
    DemoAccount {
        email: "hillcrest@demo.equimark.test",
        name: "Hari Hillcrest",
        language: "en",
        roles: &[(Role::Coordinator, Some(1))],
    },
    // A second assessor, for moderation.
    DemoAccount {
        email: "moderator@demo.equimark.test",
        name: "Mo Moderator",
        language: "en",
        roles: &[(Role::Assessor, Some(2))],
    },
    // An assessor with no part in the demo reviews, to decide appeals.
    DemoAccount {
        email: "panel@demo.equimark.test",
        name: "Pat Panel",
        language: "en",
        roles: &[(Role::Assessor, None)],
    },
    DemoAccount {
        email: "expert@demo.equimark.test",
        name: "Parveen Partner",
        language: "en",
        roles: &[(Role::PartnerExpert, None)],
    },
    DemoAccount {
        email: "zhou@demo.equimark.test",
        name: "周老师",
        language: "zh",
        roles: &[(Role::Coordinator, Some(3))],
    },
];

/// Riverside's Inclusive School term: granted 400 days before the demo is
/// seeded, so it has held the award for a year and its first annual review
/// is a month overdue (within the grace period before an award lapses).
fn riverside_term() -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let since = chrono::Utc::now().date_naive() - chrono::Duration::days(400);
    let day = super::awards::day_of(since);
    let until = crate::domain::calendar::valid_until(day).to_string();
    Some((
        since,
        chrono::NaiveDate::parse_from_str(&until, "%Y-%m-%d").ok()?,
    ))
}

/// The demo network: the first three demo schools (the network admin's).
pub const DEMO_NETWORK: &str = "Northern Inclusion Alliance";

/// The demo schools: the first is where the demo school staff work.
pub const DEMO_SCHOOLS: [(&str, Phase, &str, u32); 4] = [
    ("Riverside Primary School", Phase::Primary, "Leeds", 320),
    ("Hillcrest Academy", Phase::Secondary, "Manchester", 1150),
    ("Oak Tree Special School", Phase::Special, "York", 140),
    ("上海市浦东新区融合实验小学", Phase::Primary, "上海", 860),
];

/// Whether anything was seeded.
pub enum Seeded {
    Fresh,
    AlreadyPresent,
}

/// How much demo data to seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// The demo accounts and schools: the fixture the tests start from.
    Basic,
    /// Also a story for every journey (see `showcase.rs`): what
    /// `scripts/run.sh` starts.
    Full,
}

impl Store {
    /// Seeds the basic demo dataset if the database has no schools and no
    /// accounts yet.
    pub async fn seed_demo(&self) -> StoreResult<Seeded> {
        self.seed_demo_as(Demo::Basic).await
    }

    /// Seeds `demo` if the database has no schools and no accounts yet.
    pub async fn seed_demo_as(&self, demo: Demo) -> StoreResult<Seeded> {
        // Several app servers may start on one empty PostgreSQL at once:
        // one seeds while the others wait, then find it seeded. (The lock is
        // held by a transaction of its own; seeding uses other connections.)
        let lock = if self.db.get_database_backend() == sea_orm::DbBackend::Postgres {
            use sea_orm::{ConnectionTrait, TransactionTrait};
            let lock = self.db.begin().await?;
            lock.execute_unprepared("SELECT pg_advisory_xact_lock(4242002)")
                .await?;
            Some(lock)
        } else {
            None
        };
        let seeded = self.seed_demo_unlocked(demo).await;
        if let Some(lock) = lock {
            lock.commit().await?;
        }
        seeded
    }

    async fn seed_demo_unlocked(&self, demo: Demo) -> StoreResult<Seeded> {
        if self.count_schools().await? > 0 || account::Entity::find().count(&self.db).await? > 0 {
            return Ok(Seeded::AlreadyPresent);
        }
        let system = Actor {
            account: None,
            email: "demo data".to_owned(),
            ip: "local".to_owned(),
        };
        self.seed_frameworks(&system).await?;
        let mut schools = Vec::new();
        for (name, phase, city, learners) in DEMO_SCHOOLS {
            let school = self
                .add_school(
                    &NewSchool {
                        name: name.to_owned(),
                        phase,
                        city: city.to_owned(),
                        learners,
                    },
                    &system,
                )
                .await?;
            let key = self
                .school(&school.id)
                .await?
                .map(|s| s.key)
                .ok_or(super::StoreError::NotFound("school"))?;
            schools.push((key, school.id));
        }
        // The fuller demo grants Riverside's award through a review instead.
        if let (Demo::Basic, Some((riverside, _)), Some((since, until))) =
            (demo, schools.first(), riverside_term())
        {
            self.set_current_award(*riverside, "Inclusive School", since, until)
                .await?;
        }
        let network = self.create_network(DEMO_NETWORK, &system).await?;
        for (key, _) in schools.iter().take(3) {
            self.add_to_network(network.0, *key, &system).await?;
        }
        let hash = hash_password(DEMO_PASSWORD);
        let txn = self.write().await?;
        for demo in DEMO_ACCOUNTS {
            let account = insert_account(
                &txn,
                NewAccount {
                    email: demo.email,
                    name: demo.name,
                    password_hash: hash.clone(),
                },
                demo.language,
            )
            .await?;
            for (role, at) in demo.roles {
                let place = match (role, at.and_then(|i| schools.get(i))) {
                    (Role::NetworkAdmin | Role::PartnerExpert, _) => {
                        Place::Network(network.0, &network.1)
                    }
                    (_, Some((key, id))) => Place::School(*key, id),
                    (_, None) => Place::Service,
                };
                insert_membership(&txn, &account, *role, place, &system).await?;
            }
        }
        txn.commit().await?;
        self.seed_reviews(&schools, demo, &system).await?;
        Ok(Seeded::Fresh)
    }

    /// Two cards of practice on the demo cluster's board, by its lead (the
    /// second published to the practice library), and the lead school's
    /// Flagship research project with its first key steps.
    async fn seed_board(&self, cluster: &str, school: i64, system: &Actor) -> StoreResult<()> {
        use crate::store::boards::CardText;
        let (Some(cluster), Some(lead)) = (
            self.cluster(cluster).await?,
            self.credentials("lead@demo.equimark.test")
                .await?
                .map(|c| c.key),
        ) else {
            return Ok(());
        };
        let (columns, _) = self.layout(cluster.key).await?;
        let cards: [(usize, &str, &str, &[&str]); 2] = [
            (
                1,
                "Visual timetables",
                "Every Year 3 classroom now shows the day as pictures.\n\n- fewer questions about what comes next\n- calmer changes between lessons",
                &["environment", "teaching"],
            ),
            (
                3,
                "Pre-teaching key words",
                "Teaching assistants introduce **three key words** before each science lesson. Learners with language needs answered more questions in class.",
                &["teaching"],
            ),
        ];
        let mut added = Vec::new();
        for (column, title, body, elements) in cards {
            let Some(column) = columns.get(column) else {
                continue;
            };
            let elements: Vec<String> = elements.iter().map(|e| (*e).to_owned()).collect();
            let html = crate::markdown::render(body);
            let id = self
                .add_card(
                    &cluster,
                    *column,
                    school,
                    lead,
                    CardText {
                        title,
                        body,
                        body_html: &html,
                        elements: &elements,
                    },
                    system,
                )
                .await?;
            added.push(id);
        }
        if let Some(card) = match added.last() {
            Some(id) => self.card(id).await?,
            None => None,
        } {
            self.publish_card(&cluster, &card, true, system).await?;
        }
        self.seed_research(&cluster, school, lead, system).await
    }

    async fn seed_research(
        &self,
        cluster: &super::clusters::ClusterRecord,
        school: i64,
        lead: i64,
        system: &Actor,
    ) -> StoreResult<()> {
        use crate::domain::research::ResearchStatus;
        use crate::store::research::{ResearchText, StepText};
        let id = self
            .start_research(
                cluster,
                &ResearchText {
                    question: "Does pre-teaching key words help learners with language needs take part in science lessons?",
                    elements: &["teaching".to_owned()],
                    schools: &[school],
                    method: "Teaching assistants pre-teach three key words before each lesson; teachers count contributions in class.",
                    findings: "",
                    status: ResearchStatus::UnderWay,
                    flagship: true,
                },
                lead,
                system,
            )
            .await?;
        let Some(activity) = self.research_activity(&id).await? else {
            return Ok(());
        };
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        for (description, people, starts_on, ends_on) in [
            (
                "Baseline: count contributions in four lessons",
                "Science lead",
                day(2026, 9, 1),
                day(2026, 9, 30),
            ),
            (
                "Trial the word lists for a half term",
                "Teaching assistants",
                day(2026, 10, 1),
                day(2026, 12, 18),
            ),
        ] {
            self.add_research_step(
                &activity,
                &StepText {
                    description,
                    people,
                    starts_on,
                    ends_on,
                },
                system,
            )
            .await?;
        }
        Ok(())
    }

    /// The awards side of the demo: Riverside's certificate, a cluster, the
    /// fee schedule, and a self-assessment of Hillcrest's submitted and
    /// waiting for an assessor.
    async fn seed_reviews(
        &self,
        schools: &[(i64, String)],
        demo: Demo,
        system: &Actor,
    ) -> StoreResult<()> {
        use crate::domain::assessment::{Cycle, EvidenceKind, NewEvidence};
        use crate::store::assessments::{NewAssessment, ResponseEdit};
        let fw = crate::domain::framework_file::parse(SHIPPED[0].0, SHIPPED[0].1)
            .map_err(|e| super::StoreError::Corrupt(e.to_string()))?;
        let [(riverside, riverside_id), (hillcrest, hillcrest_id), (oak_tree, _), ..] = schools
        else {
            return Ok(());
        };
        let (since, until) =
            riverside_term().ok_or_else(|| super::StoreError::Corrupt("a demo date".into()))?;
        if demo == Demo::Basic {
            self.record_award(
                *riverside,
                (&fw.id, &fw.version),
                "inclusive-school",
                since,
                until,
            )
            .await?;
        }
        let cluster = self
            .create_cluster(
                "Yorkshire Inclusion Cluster",
                *riverside,
                &[*riverside, *oak_tree],
                "local",
            )
            .await?;
        self.seed_board(&cluster, *riverside, system).await?;
        self.seed_fees(system).await?;
        self.seed_register((*riverside, riverside_id), system)
            .await?;
        self.seed_internal_audit((*riverside, riverside_id), system)
            .await?;
        self.seed_survey((*riverside, riverside_id), system).await?;
        self.seed_management_review((*riverside, riverside_id), system)
            .await?;
        let Some(coordinator) = self
            .credentials("hillcrest@demo.equimark.test")
            .await?
            .map(|c| c.key)
        else {
            return Ok(());
        };
        let id = self
            .start_assessment(
                NewAssessment {
                    school: (*hillcrest, hillcrest_id),
                    framework_id: &fw.id,
                    framework_version: &fw.version,
                    cycle: Cycle::Initial,
                    target_award: "inclusive-school",
                    started_by: coordinator,
                },
                system,
            )
            .await?;
        let Some(assessment) = self.assessment(&id).await? else {
            return Ok(());
        };
        for r in fw.indicators() {
            let indicator = r.indicator.id.as_str();
            self.save_response(
                &assessment,
                ResponseEdit {
                    indicator,
                    level: Some("established"),
                    narrative: "Seen across the school this year; see the evidence attached.",
                    base_version: 0,
                },
                "Hari Hillcrest",
                system,
            )
            .await?;
            let note = NewEvidence {
                title: "Minutes of the inclusion team".to_owned(),
                kind: EvidenceKind::Note,
                link: None,
                note: Some("Termly minutes record how this is reviewed.".to_owned()),
                file: None,
            };
            self.add_evidence(
                &assessment,
                &note,
                None,
                &[indicator.to_owned()],
                "Hari Hillcrest",
                system,
            )
            .await?;
        }
        self.submit_assessment(&assessment, system).await?;
        if demo == Demo::Full {
            self.seed_showcase(schools, &fw, since, system).await?;
        }
        Ok(())
    }

    /// Publishes every shipped framework that is not stored yet.
    pub async fn seed_frameworks(&self, actor: &Actor) -> StoreResult<()> {
        for (file, source) in SHIPPED {
            match self.publish_framework(file, source, actor).await {
                Ok(_) | Err(PublishError::Store(super::StoreError::Duplicate(_))) => {}
                Err(PublishError::Store(e)) => return Err(e),
                Err(PublishError::Invalid(e)) => {
                    return Err(super::StoreError::Corrupt(e.to_string()))
                }
            }
        }
        Ok(())
    }
}

impl Store {
    /// Riverside's register of non-conformities against ISO 21001: a
    /// major one from a complaint, treated and closed after its check (the
    /// minor one still open comes from the internal audit).
    async fn seed_register(&self, (school, id): (i64, &str), system: &Actor) -> StoreResult<()> {
        use crate::domain::nonconformity::{Severity, Source, Treatment};
        use crate::store::nonconformities::NewNonConformity;
        let closed = Treatment {
            correction: "The three unlogged complaints were logged and answered.".into(),
            root_cause: "No one owned the complaints log after the office manager left.".into(),
            corrective_action: "The deputy head owns the log and reviews it with the SENCO each month.".into(),
            owner: "Dana Deputy".into(),
            due_on: "2026-10-31".into(),
            effectiveness: "Every complaint since September logged within two days; checked by the governors in November.".into(),
        };
        let entries = [(
            "improvement-send-complaints",
            Source::Complaint,
            Severity::Major,
            "Complaints from parents of learners with SEND were not logged in the summer term.",
            Some(&closed),
        )];
        for (indicator, source, severity, finding, treatment) in entries {
            let raised = self
                .raise_nonconformity(
                    (school, id),
                    NewNonConformity {
                        framework: "iso-21001-gap",
                        indicator,
                        source,
                        severity,
                        finding,
                        treatment: &Treatment::default(),
                        audit: None,
                    },
                    "Chris Coordinator",
                    system,
                )
                .await?;
            if let (Some(treatment), Some(found)) = (treatment, self.nonconformity(&raised).await?)
            {
                self.treat_nonconformity(&found, id, (treatment, true), 1, None, system)
                    .await?;
            }
        }
        Ok(())
    }

    /// Riverside's internal audit of ISO 21001 clauses 9 and 10 earlier
    /// this year, by the teacher of the coordinator's work: one conformity
    /// and one minor non-conformity (open in the register), closed.
    async fn seed_internal_audit(
        &self,
        (school, id): (i64, &str),
        system: &Actor,
    ) -> StoreResult<()> {
        use crate::domain::internal_audit::{FindingKind, Plan, StaffMember};
        use crate::store::internal_audits::NewFinding;
        use chrono::Datelike;
        let members = self.school_members(school).await?;
        let staff = |email: &str| {
            members
                .iter()
                .find(|m| m.email == email)
                .map(|m| StaffMember {
                    account: m.account.clone(),
                    name: m.name.clone(),
                })
        };
        let (Some(teacher), Some(coordinator)) = (
            staff("teacher@demo.equimark.test"),
            staff("coordinator@demo.equimark.test"),
        ) else {
            return Ok(());
        };
        let today = chrono::Utc::now().date_naive();
        let first_of_year = today.with_ordinal(1).unwrap_or(today);
        let starts = (today - chrono::Duration::days(40)).max(first_of_year);
        let plan = Plan {
            framework: "iso-21001-gap".into(),
            scope: vec!["performance".into(), "improvement".into()],
            auditors: vec![teacher.clone()],
            auditee: coordinator.clone(),
            starts_on: starts.to_string(),
            ends_on: (starts + chrono::Duration::days(4)).to_string(),
        };
        let audit = self
            .plan_internal_audit((school, id), &plan, &coordinator.name, system)
            .await?;
        let findings = [
            (
                "performance-internal-audit",
                FindingKind::Conformity,
                "The audit programme covers every clause over two years and each audit has a report.",
                "The audit programme and last year's two reports.",
            ),
            (
                "performance-management-review",
                FindingKind::MinorNonConformity,
                "The management review minutes do not record decisions on learner feedback.",
                "Minutes of last year's management review; asked the head teacher.",
            ),
        ];
        for (indicator, kind, statement, evidence) in findings {
            let Some(found) = self.internal_audit(&audit).await? else {
                return Ok(());
            };
            let new = NewFinding {
                indicator,
                kind,
                statement,
                evidence,
            };
            self.record_audit_finding(&found, id, new, &teacher.name, system)
                .await?;
        }
        if let Some(found) = self.internal_audit(&audit).await? {
            let summary = "Monitoring and improvement are in place; learner feedback must reach the management review's decisions.";
            let version = found.audit.version;
            let closed_on = (starts + chrono::Duration::days(4)).min(today);
            self.close_internal_audit(&found, id, (summary, closed_on), version, system)
                .await?;
        }
        Ok(())
    }

    /// Riverside's easy-read survey of its learners, with six answers: the
    /// agreement questions show their counts, the words (four) do not.
    async fn seed_survey(&self, (school, id): (i64, &str), system: &Actor) -> StoreResult<()> {
        use crate::domain::survey::{Answer, Audience, Question, QuestionKind};
        use crate::store::surveys::NewSurvey;
        let question = |indicator: &str, kind, en: &str, zh: &str| Question {
            indicator: indicator.into(),
            kind,
            text_en: en.into(),
            text_zh: zh.into(),
        };
        let questions = [
            question(
                "wellbeing-belonging",
                QuestionKind::Agreement,
                "I feel I belong at this school.",
                "我觉得自己属于这所学校。",
            ),
            question(
                "teaching-learner-voice",
                QuestionKind::Agreement,
                "Adults at school listen to what I say.",
                "学校里的大人会听我说的话。",
            ),
            question(
                "teaching-learner-voice",
                QuestionKind::Words,
                "What would make school better for you?",
                "怎样能让学校对你来说更好？",
            ),
        ];
        let survey = self
            .create_survey(
                (school, id),
                NewSurvey {
                    title: "Pupil voice",
                    audience: Audience::Learners,
                    framework: "inclusion-quality",
                    easy_read: true,
                    questions: &questions,
                },
                "Cora Coordinator",
                system,
            )
            .await?;
        let Some(found) = self.survey(&survey).await? else {
            return Ok(());
        };
        let answers = [
            (5, 4, Some("More clubs at lunchtime")),
            (4, 4, Some("A quiet room to go to")),
            (5, 5, None),
            (3, 2, Some("More clubs at lunchtime")),
            (4, 5, None),
            (5, 4, Some("Longer break")),
        ];
        for (n, (belong, listened, words)) in answers.into_iter().enumerate() {
            let given = [
                Some(Answer::Point(belong)),
                Some(Answer::Point(listened)),
                words.map(|w| Answer::Words(w.into())),
            ];
            let device = crate::security::token_hash(&format!("demo-device-{n}"));
            self.answer_survey(&found, &device, &given).await?;
        }
        Ok(())
    }

    /// Riverside's management review of last year.
    async fn seed_management_review(
        &self,
        (school, id): (i64, &str),
        system: &Actor,
    ) -> StoreResult<()> {
        use crate::domain::management_review::{Draft, Inputs};
        use chrono::Datelike;
        let year = chrono::Utc::now().year() - 1;
        let draft = Draft {
            held_on: format!("{year}-11-20"),
            attendees: "Head teacher, deputy head, SENCO, two governors".into(),
            inputs: Inputs {
                audit_results: "Spring audit of clauses 7 and 8: one minor finding on records of training.".into(),
                feedback: "Learner voice survey: 82% feel listened to; parents ask for clearer reports.".into(),
                nonconformities: "The complaints log had no owner; corrected and checked.".into(),
                action_plan: "Nine of twelve actions done; three carried into this year.".into(),
                objectives: "Attendance of learners with SEND up from 91% to 94%; target 95%.".into(),
            },
            decisions: "A termly review of complaints; reports to parents in plain language; keep the attendance objective.".into(),
        };
        self.record_management_review((school, id), (year, &draft), 0, "Chris Coordinator", system)
            .await?;
        Ok(())
    }

    /// One fee schedule per shipped award: pounds for the UK-style awards,
    /// yuan for the UNESCO-style certification the Chinese alliance uses.
    async fn seed_fees(&self, system: &Actor) -> StoreResult<()> {
        use crate::domain::fees::{Currency, FeeBand, FeeSchedule};
        let band = |min: u32, max: Option<u32>, yearly: [u64; 3]| FeeBand {
            min_learners: min,
            max_learners: max,
            yearly: yearly.map(|major| major * 100),
        };
        let schedules = [
            (
                "inclusive-school",
                Currency::Gbp,
                vec![
                    band(1, Some(400), [1200, 650, 1350]),
                    band(401, Some(2000), [1600, 850, 1750]),
                    band(2001, None, [2100, 1100, 2300]),
                ],
            ),
            (
                "centre-of-excellence",
                Currency::Gbp,
                vec![
                    band(1, Some(400), [1500, 800, 1650]),
                    band(401, None, [1900, 1000, 2100]),
                ],
            ),
            (
                "flagship",
                Currency::Gbp,
                vec![band(1, None, [2400, 1200, 2600])],
            ),
            (
                "ready-for-certification-audit",
                Currency::Gbp,
                vec![band(1, None, [1800, 900, 1900])],
            ),
            (
                "inclusion-equity-certified",
                Currency::Cny,
                vec![
                    band(1, Some(1000), [6000, 3000, 6500]),
                    band(1001, None, [9000, 4500, 9800]),
                ],
            ),
            (
                "inclusion-equity-distinction",
                Currency::Cny,
                vec![band(1, None, [12000, 6000, 13000])],
            ),
        ];
        for (award, currency, bands) in schedules {
            let schedule = FeeSchedule {
                award: award.to_owned(),
                currency,
                effective_from: DEMO_FEES_FROM.to_owned(),
                bands,
            };
            self.save_fee_schedule(&schedule, system).await?;
        }
        Ok(())
    }
}

/// The day the demo's fees took effect.
const DEMO_FEES_FROM: &str = "2024-01-01";
