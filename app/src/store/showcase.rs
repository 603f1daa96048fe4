//! The fuller demo (`EQUIMARK_DEMO=full`, what `scripts/run.sh` starts):
//! on top of the demo accounts and schools, every journey has something to
//! show. Riverside's Inclusive School award comes from a signed-off review
//! (its earlier cycle, to compare with); its first annual review is back
//! with the school, with elements assigned to the teacher and a request for
//! evidence open; Hillcrest's review waits for the second assessor's
//! moderation; Oak Tree's waits for the demo assessor to validate it; and a
//! generated network of schools across regions brings three years of
//! validated reviews to the dashboard. Everything goes through the same
//! store functions the pages use.

use super::accounts::{insert_account, insert_membership, NewAccount, Place};
use super::assessments::{NewAssessment, ResponseEdit};
use super::audit::Actor;
use super::generate::GenerateOptions;
use super::records::AssessmentRecord;
use super::review_work::SignOff;
use super::reviews::Assignment;
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::{Cycle, EvidenceKind, NewEvidence};
use crate::domain::review::{
    moderation_reasons, validated_results, Decision, Outcome, ReviewRating,
};
use crate::domain::{Framework, Role};
use chrono::{Duration, NaiveDate, Utc};

/// Schools in the generated network of the fuller demo.
pub const SHOWCASE_SCHOOLS: usize = 36;

/// The coordinator of Oak Tree, who exists only in the fuller demo.
pub const OAK_TREE_COORDINATOR: (&str, &str) = ("oaktree@demo.equimark.test", "Olu Oak Tree");

/// The demo schools' keys and public ids, in the order of `DEMO_SCHOOLS`.
pub(super) type DemoSchools = [(i64, String)];

/// The regions of the named demo schools, in `seed::DEMO_SCHOOLS`' order:
/// Yorkshire and the Humber, North West, Yorkshire and the Humber, and
/// Shanghai (codes of `domain::region`).
const DEMO_REGIONS: [&str; 4] = ["E12000003", "E12000002", "E12000003", "CN-SH"];

/// Someone the demo acts as: their account key and display name.
struct Person {
    key: i64,
    public_id: String,
    name: String,
}

impl Store {
    async fn demo_person(&self, email: &str) -> StoreResult<Person> {
        let found = self
            .credentials(email)
            .await?
            .ok_or(StoreError::NotFound("demo account"))?;
        let name = self
            .names(vec![found.key])
            .await?
            .pop()
            .map(|(_, n)| n)
            .unwrap_or_default();
        Ok(Person {
            key: found.key,
            public_id: found.public_id,
            name,
        })
    }

    /// Seeds the fuller demo's story; `award_since` is when Riverside's
    /// award was granted.
    pub(super) async fn seed_showcase(
        &self,
        schools: &DemoSchools,
        fw: &Framework,
        award_since: NaiveDate,
        system: &Actor,
    ) -> StoreResult<()> {
        let [(riverside, riverside_id), (hillcrest, _), (oak_tree, oak_tree_id), ..] = schools
        else {
            return Ok(());
        };
        // The named schools sit in regions like the generated ones, so the
        // dashboard's regions include them.
        for ((_, id), region) in schools.iter().zip(DEMO_REGIONS) {
            if let Some(school) = self.school(id).await? {
                let contact = school.contact_email.clone();
                self.update_school_contact(&school, region, &contact, system)
                    .await?;
            }
        }
        let admin = self.demo_person("admin@demo.equimark.test").await?;
        let assessor = self.demo_person("assessor@demo.equimark.test").await?;
        let moderator = self.demo_person("moderator@demo.equimark.test").await?;
        let coordinator = self.demo_person("coordinator@demo.equimark.test").await?;
        let teacher = self.demo_person("teacher@demo.equimark.test").await?;

        // Riverside's first cycle: reviewed, validated and signed off the day
        // its award began.
        let first = self
            .submitted_assessment(
                (*riverside, riverside_id),
                fw,
                &coordinator,
                (5, "embedded"),
                system,
            )
            .await?;
        let review = self
            .assign(&first, riverside_id, &assessor, None, award_since, system)
            .await?;
        self.validate_as_the_school_said(&review, &first, fw, None, system)
            .await?;
        self.decide(
            &review,
            &first,
            fw,
            "Inclusion is established across the school.",
            system,
        )
        .await?;
        let review = self.review_record(&review).await?;
        let ratings = self.review_ratings(review.key).await?;
        let results = validated_results(fw, &ratings);
        let title = fw
            .award("inclusive-school")
            .map(|a| {
                a.title
                    .get(&fw.default_language, &fw.default_language)
                    .to_owned()
            })
            .unwrap_or_default();
        self.sign_off(
            &review,
            &first,
            SignOff {
                award_title: &title,
                results: &results,
                today: award_since,
            },
            admin.key,
            system,
        )
        .await?;

        // Its first annual review starts from those answers; the teacher
        // answers for two elements; the assessor asks for one more piece
        // of evidence and returns it to the school.
        let annual = self
            .start(
                (*riverside, riverside_id),
                fw,
                Cycle::AnnualReview1,
                &coordinator,
                system,
            )
            .await?;
        for element in ["environment", "teaching"] {
            self.assign_element(&annual, element, Some(&teacher.public_id), system)
                .await?;
        }
        for answer in self.responses(annual.key).await? {
            // Confirming what was carried forward; one answer moved on.
            let level = if answer.indicator == fw.elements[0].indicators[0].id {
                Some("embedded")
            } else {
                answer.level.as_deref()
            };
            self.save_response(
                &annual,
                ResponseEdit {
                    indicator: &answer.indicator,
                    level,
                    narrative: &answer.narrative,
                    base_version: answer.version,
                },
                &coordinator.name,
                system,
            )
            .await?;
        }
        self.submit_assessment(&annual, system).await?;
        let today = Utc::now().date_naive();
        let review = self
            .assign(
                &annual,
                riverside_id,
                &assessor,
                None,
                today + Duration::days(30),
                system,
            )
            .await?;
        let review = self.review_record(&review).await?;
        let asked = fw
            .element("environment")
            .and_then(|e| e.indicators.first())
            .map(|i| i.id.clone())
            .unwrap_or_default();
        self.request_evidence(
            &review,
            &asked,
            "Please add photographs of the new quiet room and how learners use it.",
            &assessor.name,
            system,
        )
        .await?;
        self.return_to_school(&review, system).await?;

        // Hillcrest's submitted self-assessment: validated two levels below
        // the school on one indicator, so the second assessor moderates.
        if let Some(submitted) = self
            .assessments_of(*hillcrest)
            .await?
            .into_iter()
            .find(|a| a.status == crate::domain::assessment::Status::Submitted)
        {
            let hillcrest_id = self
                .school_by_key(*hillcrest)
                .await?
                .map(|s| s.summary.id)
                .unwrap_or_default();
            let review = self
                .assign(
                    &submitted,
                    &hillcrest_id,
                    &assessor,
                    Some(&moderator),
                    today + Duration::days(20),
                    system,
                )
                .await?;
            let lower = fw.elements[0].indicators[0].id.clone();
            self.validate_as_the_school_said(&review, &submitted, fw, Some(&lower), system)
                .await?;
            self.decide(
                &review,
                &submitted,
                fw,
                "Established across the school, but the vision is not yet shared.",
                system,
            )
            .await?;
        }

        // Oak Tree, with a coordinator of its own: submitted and waiting
        // for the demo assessor.
        let olu = self
            .oak_tree_coordinator(*oak_tree, oak_tree_id, system)
            .await?;
        let waiting = self
            .submitted_assessment((*oak_tree, oak_tree_id), fw, &olu, (3, "emerging"), system)
            .await?;
        self.assign(
            &waiting,
            oak_tree_id,
            &assessor,
            None,
            today + Duration::days(25),
            system,
        )
        .await?;

        // Dozens of schools across regions with three years of reviews.
        self.generate_network(
            GenerateOptions {
                schools: SHOWCASE_SCHOOLS,
                seed: 2026,
            },
            |_, _| {},
        )
        .await?;
        Ok(())
    }

    /// A review the demo just made, as it is now.
    async fn review_record(&self, id: &str) -> StoreResult<super::reviews::ReviewRecord> {
        self.review(id).await?.ok_or(StoreError::NotFound("review"))
    }

    async fn oak_tree_coordinator(
        &self,
        school: i64,
        school_id: &str,
        system: &Actor,
    ) -> StoreResult<Person> {
        let (email, name) = OAK_TREE_COORDINATOR;
        let txn = self.write().await?;
        let account = insert_account(
            &txn,
            NewAccount {
                email,
                name,
                password_hash: crate::security::hash_password(super::seed::DEMO_PASSWORD),
            },
            "en",
        )
        .await?;
        insert_membership(
            &txn,
            &account,
            Role::Coordinator,
            Place::School(school, school_id),
            system,
        )
        .await?;
        txn.commit().await?;
        self.demo_person(email).await
    }

    async fn start(
        &self,
        school: (i64, &str),
        fw: &Framework,
        cycle: Cycle,
        by: &Person,
        system: &Actor,
    ) -> StoreResult<AssessmentRecord> {
        let id = self
            .start_assessment(
                NewAssessment {
                    school,
                    framework_id: &fw.id,
                    framework_version: &fw.version,
                    cycle,
                    target_award: "inclusive-school",
                    started_by: by.key,
                },
                system,
            )
            .await?;
        self.assessment(&id)
            .await?
            .ok_or(StoreError::NotFound("self-assessment"))
    }

    /// An initial self-assessment, submitted, with every indicator answered
    /// "established" but every n-th (`other.0`) at level `other.1`, and a
    /// note of evidence on each element.
    async fn submitted_assessment(
        &self,
        school: (i64, &str),
        fw: &Framework,
        by: &Person,
        other: (usize, &'static str),
        system: &Actor,
    ) -> StoreResult<AssessmentRecord> {
        let assessment = self.start(school, fw, Cycle::Initial, by, system).await?;
        for (n, found) in fw.indicators().enumerate() {
            self.save_response(
                &assessment,
                ResponseEdit {
                    indicator: &found.indicator.id,
                    level: Some(if n % other.0 == 0 { other.1 } else { "established" }),
                    narrative: "Seen in lessons, in the minutes of the inclusion team and in what learners and families tell us.",
                    base_version: 0,
                },
                &by.name,
                system,
            )
            .await?;
        }
        for element in &fw.elements {
            let ids: Vec<String> = element.indicators.iter().map(|i| i.id.clone()).collect();
            let note = NewEvidence {
                title: "Minutes of the inclusion team".to_owned(),
                kind: EvidenceKind::Note,
                link: None,
                note: Some(
                    "Termly minutes record how this is reviewed and what changed.".to_owned(),
                ),
                file: None,
            };
            self.add_evidence(&assessment, &note, None, &ids, &by.name, system)
                .await?;
        }
        self.submit_assessment(&assessment, system).await?;
        Ok(assessment)
    }

    async fn assign(
        &self,
        assessment: &AssessmentRecord,
        school_id: &str,
        lead: &Person,
        second: Option<&Person>,
        due_on: NaiveDate,
        system: &Actor,
    ) -> StoreResult<String> {
        self.assign_review(
            assessment,
            school_id,
            Assignment {
                lead: lead.key,
                second: second.map(|p| p.key),
                due_on,
            },
            system,
        )
        .await
    }

    /// The lead validates every rating at the school's own level, except
    /// `lower` (two levels below), with a comment.
    async fn validate_as_the_school_said(
        &self,
        review: &str,
        assessment: &AssessmentRecord,
        fw: &Framework,
        lower: Option<&str>,
        system: &Actor,
    ) -> StoreResult<()> {
        let review = self.review_record(review).await?;
        for answer in self.responses(assessment.key).await? {
            let level = if lower == Some(answer.indicator.as_str()) {
                answer
                    .level
                    .as_deref()
                    .and_then(|l| fw.level_index(l))
                    .and_then(|i| i.checked_sub(2))
                    .and_then(|i| fw.scale.get(usize::from(i)))
                    .map(|l| l.id.clone())
            } else {
                answer.level.clone()
            };
            let rating = ReviewRating {
                indicator: answer.indicator.clone(),
                level,
                comment: "Checked against the evidence and the visit.".to_owned(),
            };
            self.save_review_rating(&review, &rating, system).await?;
        }
        Ok(())
    }

    /// The lead proposes to grant Inclusive School; it goes to moderation
    /// when the domain's rules say so, else to sign-off.
    async fn decide(
        &self,
        review: &str,
        assessment: &AssessmentRecord,
        fw: &Framework,
        report: &str,
        system: &Actor,
    ) -> StoreResult<()> {
        let review = self.review_record(review).await?;
        let decision = Decision {
            outcome: Outcome::Granted,
            award: Some("inclusive-school".to_owned()),
            conditions: String::new(),
            report: report.to_owned(),
        };
        let school = self.responses(assessment.key).await?;
        let ratings = self.review_ratings(review.key).await?;
        let reasons = moderation_reasons(fw, &school, &ratings, &decision);
        self.propose_decision(&review, &decision, &reasons, system)
            .await?;
        Ok(())
    }
}
