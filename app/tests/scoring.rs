//! The scoring engine's properties, over the shipped frameworks.

use app::domain::framework_file::{self, SHIPPED as SHIPPED_FRAMEWORKS};
use app::domain::scoring::{aggregate, gaps_toward, HeldAward, Unmet};
use app::domain::{score, Answer, AwardContext, Framework, ResponseSet};
use proptest::prelude::*;

fn shipped() -> Vec<Framework> {
    SHIPPED_FRAMEWORKS
        .iter()
        .map(|(file, source)| {
            framework_file::parse(file, source).expect("shipped frameworks are valid")
        })
        .collect()
}

fn iqm() -> Framework {
    shipped().remove(0)
}

/// Every indicator rated `level`, with `evidence` pieces each.
fn uniform(fw: &Framework, level: Option<u8>, evidence: u32) -> ResponseSet {
    let mut set = ResponseSet::new(fw);
    for r in fw.indicators() {
        set.set(
            r.index,
            Answer {
                rating: level,
                evidence,
            },
        );
    }
    set
}

#[test]
fn the_shipped_frameworks_load() {
    let all = shipped();
    assert_eq!(all.len(), 3);
    let iqm = &all[0];
    assert_eq!(iqm.elements.len(), 8);
    assert_eq!(iqm.languages, ["en", "zh"]);
    let awards: Vec<&str> = iqm.awards.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        awards,
        ["inclusive-school", "centre-of-excellence", "flagship"]
    );
    assert_eq!(all[1].elements.len(), 4, "UNESCO's four dimensions");
    assert_eq!(all[2].elements.len(), 7, "ISO 21001 clauses 4 to 10");
}

#[test]
fn the_shipped_frameworks_export_and_read_back_unchanged() {
    for fw in shipped() {
        let exported = framework_file::export(&fw).expect("exports");
        let again =
            framework_file::parse("exported.toml", &exported).expect("the export reads back");
        assert_eq!(again, fw);
    }
}

#[test]
fn nothing_rated_scores_zero_and_reaches_no_award() {
    let fw = iqm();
    let report = score(&fw, &ResponseSet::new(&fw), &AwardContext::default());
    assert_eq!(
        (report.rated, report.completeness, report.overall),
        (0, 0, 0)
    );
    assert_eq!(report.reached, None);
    assert_eq!(
        report.gaps.len(),
        fw.indicator_count(),
        "every indicator is a gap to the first award"
    );
}

#[test]
fn established_everywhere_with_evidence_reaches_inclusive_school_only() {
    let fw = iqm();
    let report = score(&fw, &uniform(&fw, Some(2), 1), &AwardContext::default());
    assert_eq!(report.completeness, 1000);
    assert_eq!(report.overall, 666);
    assert_eq!(report.reached, Some(0));
    assert!(!report.awards[1].eligible);
    assert!(report.awards[1].unmet.contains(&Unmet::AwardNotHeld {
        award: 0,
        years: 1,
        held_years: 0
    }));
}

#[test]
fn one_element_at_emerging_is_explained_with_its_indicators() {
    let fw = iqm();
    let mut set = uniform(&fw, Some(2), 1);
    let teaching = fw.elements.iter().position(|e| e.id == "teaching").unwrap();
    for r in fw.indicators().filter(|r| r.element_index == teaching) {
        set.set(
            r.index,
            Answer {
                rating: Some(1),
                evidence: 1,
            },
        );
    }
    let report = score(&fw, &set, &AwardContext::default());
    assert_eq!(report.reached, None);
    let count = fw.elements[teaching].indicators.len() as u32;
    assert_eq!(
        report.awards[0].unmet,
        vec![Unmet::ElementBelow {
            element: teaching,
            needed: 2,
            reached: 1,
            below: vec![0, count, 0]
        }]
    );
    assert!(report
        .gaps
        .iter()
        .all(|g| g.element == teaching && g.needed == 2));
}

#[test]
fn flagship_prerequisites_come_from_the_context() {
    let fw = iqm();
    let top = uniform(&fw, Some(3), 2);
    let without = score(&fw, &top, &AwardContext::default());
    assert_eq!(
        without.reached,
        Some(0),
        "top ratings alone give Inclusive School only"
    );
    let context = AwardContext {
        held: vec![
            HeldAward {
                award: "inclusive-school".into(),
                consecutive_years: 5,
            },
            HeldAward {
                award: "centre-of-excellence".into(),
                consecutive_years: 3,
            },
        ],
        cluster_member: true,
        cluster_awards: vec!["centre-of-excellence".into()],
        meeting_attendance_percent: Some(80),
        annual_update_submitted: true,
        planned_actions: 3,
        development_plan: true,
        shared_cards: 6,
        largest_cluster: 3,
        research_activity: true,
        leads_cluster: true,
        annual_visit: Some(true),
        published_cards: 2,
    };
    assert_eq!(score(&fw, &top, &context).reached, Some(2));
}

/// A school that has held Inclusive School for two years and does the
/// cluster work the seeds ask of a Centre of Excellence.
fn centre_of_excellence_context() -> AwardContext {
    AwardContext {
        held: vec![HeldAward {
            award: "inclusive-school".into(),
            consecutive_years: 2,
        }],
        cluster_member: true,
        cluster_awards: Vec::new(),
        meeting_attendance_percent: Some(60),
        annual_update_submitted: true,
        planned_actions: 3,
        development_plan: true,
        shared_cards: 2,
        largest_cluster: 3,
        research_activity: true,
        leads_cluster: false,
        annual_visit: Some(true),
        published_cards: 1,
    }
}

#[test]
fn centre_of_excellence_asks_for_the_cluster_work_of_the_seeds() {
    let fw = iqm();
    let good = uniform(&fw, Some(2), 1);
    let coe = fw
        .awards
        .iter()
        .position(|a| a.id == "centre-of-excellence")
        .expect("award");
    let context = centre_of_excellence_context();
    assert_eq!(
        score(&fw, &good, &context).reached,
        Some(coe),
        "qualifies with ratings and cluster work"
    );
    // Each criterion missing on its own is named, and keeps the school at Inclusive School.
    let cases: Vec<(AwardContext, Unmet)> = vec![
        (
            AwardContext {
                cluster_member: false,
                ..context.clone()
            },
            Unmet::ClusterMembership,
        ),
        (
            AwardContext {
                planned_actions: 1,
                ..context.clone()
            },
            Unmet::ActionPlan { needed: 3, has: 1 },
        ),
        (
            AwardContext {
                shared_cards: 0,
                ..context.clone()
            },
            Unmet::SharedPractice { needed: 2, has: 0 },
        ),
        (
            AwardContext {
                largest_cluster: 2,
                ..context.clone()
            },
            Unmet::ClusterSize { needed: 3, has: 2 },
        ),
        (
            AwardContext {
                research_activity: false,
                ..context.clone()
            },
            Unmet::ResearchActivity,
        ),
        (
            AwardContext {
                development_plan: false,
                ..context.clone()
            },
            Unmet::DevelopmentPlan,
        ),
        (
            AwardContext {
                annual_update_submitted: false,
                ..context.clone()
            },
            Unmet::AnnualUpdate,
        ),
        (
            AwardContext {
                meeting_attendance_percent: None,
                ..context.clone()
            },
            Unmet::MeetingAttendance {
                needed_percent: 50,
                has_percent: None,
            },
        ),
        (
            AwardContext {
                annual_visit: Some(false),
                ..context.clone()
            },
            Unmet::AnnualVisit,
        ),
        (
            AwardContext {
                published_cards: 0,
                ..context.clone()
            },
            Unmet::DevelopmentAims { needed: 1, has: 0 },
        ),
    ];
    for (context, missing) in cases {
        let report = score(&fw, &good, &context);
        assert_eq!(report.reached, Some(0), "{missing:?}");
        assert_eq!(report.awards[coe].unmet, vec![missing]);
    }
    // The rating rules still count: cluster work alone is not enough.
    let low = uniform(&fw, Some(1), 1);
    assert_eq!(score(&fw, &low, &context).reached, None);
}

/// Before its review a school cannot have had this year's visit: the award
/// is reached so far and waits for the visit; once reviewed without a
/// visit, it is not.
#[test]
fn the_annual_visit_waits_before_the_review_and_counts_after_it() {
    let fw = iqm();
    let good = uniform(&fw, Some(2), 1);
    let coe = fw
        .awards
        .iter()
        .position(|a| a.id == "centre-of-excellence")
        .expect("award");
    let visited = score(&fw, &good, &centre_of_excellence_context());
    assert!(!visited.awards[coe].awaits_visit);
    let before = score(
        &fw,
        &good,
        &AwardContext {
            annual_visit: None,
            ..centre_of_excellence_context()
        },
    );
    assert_eq!(before.reached, Some(coe));
    assert!(before.awards[coe].awaits_visit);
    assert!(
        !before.awards[0].awaits_visit,
        "Inclusive School asks for no visit"
    );
}

#[test]
fn flagship_needs_three_years_as_a_centre_of_excellence_and_leading_a_cluster() {
    let fw = iqm();
    let top = uniform(&fw, Some(3), 1);
    let mut context = centre_of_excellence_context();
    context.shared_cards = 6;
    context.published_cards = 2;
    context.meeting_attendance_percent = Some(80);
    let flagship = fw
        .awards
        .iter()
        .position(|a| a.id == "flagship")
        .expect("award");
    let report = score(&fw, &top, &context);
    assert_eq!(report.reached, Some(1));
    assert!(report.awards[flagship].unmet.contains(&Unmet::LeadsCluster));
    context.held.push(HeldAward {
        award: "centre-of-excellence".into(),
        consecutive_years: 3,
    });
    context.leads_cluster = true;
    assert_eq!(score(&fw, &top, &context).reached, Some(flagship));
}

#[test]
fn gaps_are_ranked_by_weighted_distance() {
    let fw = iqm();
    let gaps = gaps_toward(&fw, &ResponseSet::new(&fw), 0);
    assert!(gaps
        .windows(2)
        .all(|w| w[0].weighted_distance >= w[1].weighted_distance));
}

#[test]
fn aggregate_averages_and_buckets() {
    let fw = iqm();
    let low = score(&fw, &uniform(&fw, Some(0), 0), &AwardContext::default());
    let high = score(&fw, &uniform(&fw, Some(3), 1), &AwardContext::default());
    let agg = aggregate(&fw, [&low, &high]);
    assert_eq!(agg.schools, 2);
    assert_eq!(agg.overall_mean, 500);
    assert_eq!(agg.distribution[0], 1);
    assert_eq!(agg.distribution[9], 1);
    assert_eq!(agg.reached, vec![1, 0, 0]);
}

/// A readable form of a report for snapshots: ids instead of positions.
fn readable(fw: &Framework, set: &ResponseSet) -> serde_json::Value {
    let report = score(fw, set, &AwardContext::default());
    serde_json::json!({
        "completeness": report.completeness,
        "overall": report.overall,
        "elements": fw.elements.iter().zip(&report.elements)
            .map(|(e, s)| (e.id.clone(), serde_json::json!([s.score, s.level, s.completeness])))
            .collect::<serde_json::Map<_, _>>(),
        "reached": report.reached.map(|i| fw.awards[i].id.clone()),
        "awards": fw.awards.iter().zip(&report.awards)
            .map(|(a, o)| (a.id.clone(), serde_json::to_value(&o.unmet).unwrap()))
            .collect::<serde_json::Map<_, _>>(),
        "top_gaps": report.gaps.iter().take(5)
            .map(|g| (fw.indicators().nth(g.indicator).unwrap().indicator.id.clone(), g.weighted_distance))
            .collect::<Vec<_>>(),
    })
}

/// A fixed, varied response set: ratings cycle through the scale, every third has no evidence.
fn varied(fw: &Framework) -> ResponseSet {
    let levels = fw.scale.len();
    let mut set = ResponseSet::new(fw);
    for r in fw.indicators() {
        let rating = (r.index % (levels + 1) < levels)
            .then(|| u8::try_from(r.index % (levels + 1)).unwrap());
        set.set(
            r.index,
            Answer {
                rating,
                evidence: u32::from(!r.index.is_multiple_of(3)),
            },
        );
    }
    set
}

#[test]
fn snapshots_of_the_shipped_frameworks() {
    for fw in shipped() {
        let sets = [
            ("empty", ResponseSet::new(&fw)),
            ("varied", varied(&fw)),
            ("second-level", uniform(&fw, Some(1), 1)),
            ("top", uniform(&fw, Some(fw.top_level()), 1)),
        ];
        for (name, set) in sets {
            insta::assert_json_snapshot!(format!("{}-{name}", fw.id), readable(&fw, &set));
        }
    }
}

fn answers(fw: &Framework) -> impl Strategy<Value = Vec<Answer>> {
    let levels = u8::try_from(fw.scale.len()).unwrap();
    prop::collection::vec(
        (prop::option::of(0..levels), 0u32..3)
            .prop_map(|(rating, evidence)| Answer { rating, evidence }),
        fw.indicator_count(),
    )
}

fn set_of(fw: &Framework, answers: &[Answer]) -> ResponseSet {
    let mut set = ResponseSet::new(fw);
    for (i, a) in answers.iter().enumerate() {
        set.set(i, *a);
    }
    set
}

fn context() -> impl Strategy<Value = AwardContext> {
    (
        any::<bool>(),
        0u32..5,
        prop::option::of(0u32..=100),
        any::<bool>(),
    )
        .prop_map(
            |(cluster_member, years, attendance, research)| AwardContext {
                held: vec![
                    HeldAward {
                        award: "inclusive-school".into(),
                        consecutive_years: years,
                    },
                    HeldAward {
                        award: "centre-of-excellence".into(),
                        consecutive_years: years,
                    },
                ],
                cluster_member,
                cluster_awards: vec!["centre-of-excellence".into()],
                meeting_attendance_percent: attendance,
                annual_update_submitted: research,
                planned_actions: years,
                development_plan: research,
                shared_cards: years * 2,
                largest_cluster: years,
                research_activity: cluster_member,
                leads_cluster: research && cluster_member,
                annual_visit: research.then_some(cluster_member),
                published_cards: years,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn raising_a_rating_never_lowers_a_score_or_removes_an_award(
        (fw_index, answers, pick, context) in (0usize..3).prop_flat_map(|i| {
            let fw = shipped().remove(i);
            (Just(i), answers(&fw), any::<prop::sample::Index>(), context())
        })
    ) {
        let fw = shipped().remove(fw_index);
        let before = set_of(&fw, &answers);
        let i = pick.index(answers.len());
        let mut raised = answers.clone();
        raised[i].rating = Some(raised[i].rating.map_or(0, |r| (r + 1).min(fw.top_level())));
        let a = score(&fw, &before, &context);
        let b = score(&fw, &set_of(&fw, &raised), &context);
        prop_assert!(b.overall >= a.overall);
        prop_assert!(b.completeness >= a.completeness);
        for (x, y) in a.elements.iter().zip(&b.elements) {
            prop_assert!(y.score >= x.score);
            prop_assert!(y.level >= x.level);
        }
        for (x, y) in a.awards.iter().zip(&b.awards) {
            prop_assert!(!x.eligible || y.eligible, "an award was lost by raising a rating");
        }
    }

    #[test]
    fn scores_stay_in_bounds_and_completeness_is_exact(
        (fw_index, answers) in (0usize..3).prop_flat_map(|i| (Just(i), answers(&shipped()[i])))
    ) {
        let fw = shipped().remove(fw_index);
        let report = score(&fw, &set_of(&fw, &answers), &AwardContext::default());
        prop_assert!(report.overall <= 1000 && report.completeness <= 1000);
        prop_assert!(report.elements.iter().all(|e| e.score <= 1000 && e.level <= fw.top_level()));
        let all_rated = answers.iter().all(|a| a.rating.is_some());
        prop_assert_eq!(report.completeness == 1000, all_rated);
    }

    #[test]
    fn the_order_of_responses_does_not_matter(
        answers in answers(&iqm()),
        seed in any::<u64>(),
    ) {
        let fw = iqm();
        let ids: Vec<String> = fw.indicators().map(|r| r.indicator.id.clone()).collect();
        let mut pairs: Vec<(&str, Answer)> = ids.iter().map(String::as_str).zip(answers.iter().copied()).collect();
        let forward = score(&fw, &ResponseSet::from_ids(&fw, pairs.clone()), &AwardContext::default());
        // A deterministic shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..pairs.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            pairs.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled = score(&fw, &ResponseSet::from_ids(&fw, pairs), &AwardContext::default());
        prop_assert_eq!(forward, shuffled);
    }
}
