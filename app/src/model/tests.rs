use super::*;

#[test]
fn a_done_form_replaces_the_error_of_an_earlier_try() {
    assert_eq!(
        with_done("/fees?x=1&__path=a&__err=b#top", "save_fees"),
        "/fees?x=1&done=save_fees#top"
    );
    assert_eq!(with_done("/", "sign_in"), "/?done=sign_in");
}

#[test]
fn a_refused_form_carries_only_its_latest_error() {
    assert_eq!(
        with_latest_error("/fees?x=1&__path=a&__err=old&__path=a&__err=new"),
        "/fees?x=1&__path=a&__err=new"
    );
    assert_eq!(with_latest_error("/fees#f"), "/fees#f");
}

#[test]
fn a_library_card_matches_every_word_of_its_text_but_not_its_tags() {
    let card = LibraryCard {
        id: "c".into(),
        title: "Word walls".into(),
        body_html: "<p><strong>Every</strong> classroom</p>".into(),
        elements: vec!["teaching".into()],
        author: String::new(),
        school_name: String::new(),
        cluster_name: String::new(),
        published_at: String::new(),
        attachments: Vec::new(),
    };
    assert!(card.matches("", ""));
    assert!(card.matches("teaching", "WALLS classroom"));
    assert!(card.matches("", "every classroom"));
    assert!(!card.matches("", "strong"));
    assert!(!card.matches("", "no such practice"));
    assert!(!card.matches("governance", ""));
}

#[test]
fn the_path_of_an_address() {
    assert_eq!(
        path_of("https://example.org/reviews/1?element=2#r"),
        "/reviews/1"
    );
    assert_eq!(path_of("http://localhost"), "/");
    assert_eq!(path_of("/schools?q=x"), "/schools");
}

fn page(shown: usize, total: u32, search: &str) -> SchoolPage {
    let school = SchoolSummary {
        id: "s".into(),
        name: "Oak Tree".into(),
        phase: "primary".into(),
        city: "Leeds".into(),
        learners: 100,
        current_award: None,
    };
    SchoolPage {
        schools: vec![school; shown],
        total,
        page: 0,
        search: search.into(),
    }
}

fn answered_assessment() -> AssessmentView {
    use crate::domain::assessment::{Cycle, EvidenceItem, EvidenceKind, Response, Status};
    let (file, source) = crate::domain::framework_file::SHIPPED[0];
    let fw = crate::domain::framework_file::parse(file, source).expect("shipped framework");
    let ids: Vec<String> = fw.indicators().map(|x| x.indicator.id.clone()).collect();
    let evidence = |id: &str, indicators: Vec<String>| EvidenceItem {
        id: id.into(),
        title: format!("Evidence {id}"),
        kind: EvidenceKind::Note,
        link: None,
        note: Some("minutes".into()),
        file_name: None,
        size: None,
        indicators,
        added_by: "Hari".into(),
        created_at: "2026-12-04T00:00:00Z".into(),
        carried_from: None,
    };
    let last = ids.last().expect("indicators").clone();
    let mut items: Vec<EvidenceItem> = ids
        .iter()
        .map(|i| evidence(&format!("e-{i}"), vec![i.clone()]))
        .collect();
    // One piece for the first indicator and the last (another element).
    items.push(evidence("shared", vec![ids[0].clone(), last]));
    AssessmentView {
        id: "a".into(),
        school_id: "s".into(),
        school_name: "Hillcrest".into(),
        framework: std::sync::Arc::new(fw),
        cycle: Cycle::Initial,
        target_award: "inclusive-school".into(),
        status: Status::Submitted,
        responses: ids
            .iter()
            .map(|i| Response {
                indicator: i.clone(),
                level: Some("established".into()),
                narrative: format!("Said of {i}"),
                version: 1,
                updated_by: "Hari".into(),
                updated_at: "2026-12-04T00:00:00Z".into(),
                carried_from: None,
            })
            .collect(),
        assignments: vec![],
        assignable: vec![],
        editable: vec![],
        may_assign: false,
        may_submit: false,
        evidence: items,
        previous: None,
        requests: vec![],
        review_status: None,
        decision: None,
        certificate: None,
        context: Default::default(),
        blocked_by: vec![],
    }
}

#[test]
fn a_review_carries_the_texts_of_the_element_shown_and_every_level_and_count() {
    let mut assessment = answered_assessment();
    let fw = assessment.framework.clone();
    let second = &fw.elements[1];
    let shown = ShownElements::from_query(&fw, Some(&second.id));
    assert_eq!(shown, ShownElements::One(1));
    let unanswered = fw.elements[2].indicators[0].id.clone();
    for r in assessment
        .responses
        .iter_mut()
        .filter(|r| r.indicator == unanswered)
    {
        r.level = None;
    }
    let answers = SchoolAnswers::take_from(&mut assessment, shown);
    let (texts, counts) = (&answers.texts, &answers.evidence_counts);

    let on_screen: Vec<&str> = second.indicators.iter().map(|x| x.id.as_str()).collect();
    let narrated: Vec<&str> = texts.narratives.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(narrated, on_screen);
    assert_eq!(
        texts.narrative(on_screen[0]),
        format!("Said of {}", on_screen[0])
    );
    assert_eq!(texts.narrative(&fw.elements[0].indicators[0].id), "");
    assert!(texts
        .evidence
        .iter()
        .all(|e| e.indicators.iter().any(|i| on_screen.contains(&i.as_str()))));
    assert_eq!(texts.evidence.len(), on_screen.len());

    // Every level is kept for the scores, without the words; every count too.
    assert_eq!(answers.levels.len(), fw.indicators().count() - 1);
    assert!(!answers.levels.contains_key(&unanswered));
    assert_eq!(answers.levels[on_screen[0]], "established");
    assert!(assessment.responses.is_empty());
    assert!(assessment.evidence.is_empty());
    assert_eq!(
        counts[&fw.elements[0].indicators[0].id], 2,
        "its own and the shared one"
    );
    assert_eq!(
        counts.values().sum::<u32>(),
        fw.indicators().count() as u32 + 2
    );
}

#[test]
fn every_element_shown_carries_every_text_and_covers_each_element() {
    let mut assessment = answered_assessment();
    let fw = assessment.framework.clone();
    let total = assessment.evidence.len();
    let all = ShownElements::from_query(&fw, Some("all"));
    let texts = SchoolAnswers::take_from(&mut assessment, all).texts;
    assert_eq!(texts.narratives.len(), fw.indicators().count());
    assert_eq!(texts.evidence.len(), total);

    assert!(ShownElements::All.covers(ShownElements::One(3)));
    assert!(ShownElements::One(3).covers(ShownElements::One(3)));
    assert!(!ShownElements::One(3).covers(ShownElements::One(2)));
    assert!(!ShownElements::One(0).covers(ShownElements::All));
    // Missing or unknown: the first element, and its address names it.
    assert_eq!(ShownElements::from_query(&fw, None), ShownElements::One(0));
    assert_eq!(
        ShownElements::from_query(&fw, Some("nope")),
        ShownElements::One(0)
    );
    assert_eq!(ShownElements::One(0).query(&fw), fw.elements[0].id);
    assert_eq!(ShownElements::All.query(&fw), "all");
}

#[test]
fn a_search_is_needed_when_some_schools_are_not_offered_or_one_was_made() {
    assert!(!page(3, 3, "").needs_search(), "every school is offered");
    assert!(page(50, 5000, "").needs_search(), "the first 50 of 5,000");
    assert!(
        page(1, 1, "oak").needs_search(),
        "a search's result keeps its search"
    );
    assert!(
        page(0, 0, "zzz").needs_search(),
        "nothing found, still searchable"
    );
    assert!(!page(0, 0, "").needs_search(), "no schools at all");
}
