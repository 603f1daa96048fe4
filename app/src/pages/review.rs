//! The assessor's review of one self-assessment: requests for evidence,
//! the visit, the award checks, the decision, moderation and sign-off; and
//! the school's view of its review.

use super::ErrorMessage;
use crate::api::reviews::{
    Moderate, ProposeDecision, RecordVisit, RequestEvidence, ReturnToSchool, SignOff,
};
use crate::codec::resource;
use crate::components::forms::KeepTyping;
use crate::components::forms::{action_done, action_error, FormErrors, Notice};
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::components::score_panel::{describe_unmet, level_label};
use crate::domain::assessment::rated_set;
use crate::domain::review::{DecisionProblem, ModerationReason, Outcome, Part, ReviewStatus};
use crate::domain::{score, Framework};
use crate::error::AppError;
use crate::framework_script::FrameworkScript;
use crate::i18n::*;
use crate::model::ReviewView;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;
use std::sync::Arc;

use crate::components::labels::{cycle_label, outcome_label, review_status_label};

fn problem_label(i18n: I18nContext<Locale>, problem: DecisionProblem) -> &'static str {
    match problem {
        DecisionProblem::AwardMissing | DecisionProblem::UnknownAward => {
            t_string!(i18n, review.problem_award)
        }
        DecisionProblem::ConditionsMissing => t_string!(i18n, review.problem_conditions),
        DecisionProblem::ReportMissing => t_string!(i18n, review.problem_report),
        DecisionProblem::TooLong => t_string!(i18n, review.problem_too_long),
        DecisionProblem::RatingsMissing => t_string!(i18n, review.problem_ratings),
        DecisionProblem::SecondAssessorNeeded => t_string!(i18n, review.problem_second),
    }
}

/// A date-time from the server, shown as its date.
pub(super) fn date_of(rfc3339: &str) -> String {
    rfc3339.get(..10).unwrap_or(rfc3339).to_owned()
}

// ----------------------------------------------------------- one review ---

/// The actions of the review page, shared by its sections (their forms are
/// plain forms; an action here brings back the error of a refused one).
#[derive(Clone, Copy)]
struct ReviewActions {
    request: ServerAction<RequestEvidence>,
    send: ServerAction<ReturnToSchool>,
    visit: ServerAction<RecordVisit>,
    propose: ServerAction<ProposeDecision>,
    moderate: ServerAction<Moderate>,
    sign: ServerAction<SignOff>,
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    use crate::api::reviews::review;
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = ReviewActions {
        request: ServerAction::new(),
        send: ServerAction::new(),
        visit: ServerAction::new(),
        propose: ServerAction::new(),
        moderate: ServerAction::new(),
        sign: ServerAction::new(),
    };
    // With the school's texts for the element in the address; moving to
    // another element in the browser loads only its texts (see the island).
    let data = resource(
        move || id.get(),
        move |id| review(id, query.with_untracked(|q| q.get("element"))),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <ReviewBody view actions /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, review.title).to_owned() />
                        <h1>{t!(i18n, review.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// A review: its facts here; the assessor's workspace (the elements, the
/// ratings and the live scores) in the island, around the rest of the
/// review, drawn here: requests, cluster updates, the visit, the decision.
#[component]
fn ReviewBody(view: ReviewView, actions: ReviewActions) -> impl IntoView {
    use crate::components::islands::{IslandPage, IslandScripts};
    use crate::framework_script::FrameworkRef;
    use crate::islands::review::{ReviewWork, ReviewWorkspace};
    let i18n = use_i18n();
    let view = Arc::new(view);
    let fw = view.assessment.framework.clone();
    let work = ReviewWork {
        id: view.id.clone(),
        editable: view.part == Some(Part::Lead) && view.status == ReviewStatus::InReview,
        levels: view.answers.levels.clone(),
        evidence_counts: view.answers.evidence_counts.clone(),
        texts: view.answers.texts.clone(),
        ratings: view.ratings.clone(),
        requests: view.requests.clone(),
        context: view.context.clone(),
    };
    // The decision checks the rules against the ratings saved so far.
    let report = {
        let ratings: HashMap<&str, &str> = view
            .ratings
            .iter()
            .filter_map(|r| r.level.as_deref().map(|l| (r.indicator.as_str(), l)))
            .collect();
        let counts = &view.answers.evidence_counts;
        Signal::stored(score(
            &fw,
            &rated_set(&fw, |id| ratings.get(id).copied(), counts),
            &view.context,
        ))
    };
    let status = view.status;
    let cycle = view.assessment.cycle;
    let school_href = format!("/assessments/{}", view.assessment.id);
    // The school's accessibility walk, for the UNESCO-style framework.
    let walk = (fw.id == crate::domain::accessibility::FRAMEWORK).then(|| {
        let href = format!("/assessments/{}/accessibility", view.assessment.id);
        view! { <li><a href=href>{t!(i18n, walk.review_link)}</a></li> }
    });
    view! {
        <PageTitle text={
            let school = view.assessment.school_name.clone();
            move || format!("{} – {}", t_string!(i18n, review.title), school)
        } />
        <FrameworkScript fw=fw.clone() />
        <p class="back-link no-print"><a href="/reviews">{t!(i18n, review.back_to_queue)}</a></p>
        <span class="caption">{view.assessment.school_name.clone()}</span>
        <h1>{t!(i18n, review.title)}</h1>
        <dl class="summary-list">
            <div><dt>{t!(i18n, review.col_cycle)}</dt><dd>{move || cycle_label(i18n, cycle)}</dd></div>
            <div><dt>{t!(i18n, review.col_status)}</dt><dd><strong class="tag" data-testid="review-status">{move || review_status_label(i18n, status)}</strong></dd></div>
            <div><dt>{t!(i18n, review.col_due)}</dt><dd>{view.due_on.clone()}</dd></div>
            <div><dt>{t!(i18n, review.lead_assessor)}</dt><dd>{view.lead.clone()}</dd></div>
            <div><dt>{t!(i18n, review.second_assessor)}</dt><dd>{view.second.clone().unwrap_or_else(|| t_string!(i18n, review.no_second).to_owned())}</dd></div>
        </dl>
        <p class="no-print"><a href=school_href>{t!(i18n, review.school_view)}</a></p>
        <ul class="links no-print">
            <li><a href=format!("/schools/{}/internal-audits", view.assessment.school_id)>{t!(i18n, ia.link)}</a></li>
            <li><a href=format!("/schools/{}/nonconformities", view.assessment.school_id)>{t!(i18n, nc.link)}</a></li>
            <li><a href=format!("/schools/{}/management-reviews", view.assessment.school_id)>{t!(i18n, mr.link)}</a></li>
            <li><a href=format!("/schools/{}/surveys", view.assessment.school_id)>{t!(i18n, survey.link)}</a></li>
            {walk}
        </ul>
        <ReviewWorkspace page=IslandPage::here() fw=FrameworkRef(fw.clone()) work>
            <Requests view=view.clone() fw=fw.clone() actions />
            <ClusterUpdates view=view.clone() fw=fw.clone() />
            <VisitRecord view=view.clone() actions />
            <DecisionSection view=view.clone() fw=fw.clone() report actions />
        </ReviewWorkspace>
        <IslandScripts />
    }
}

/// Every request for more evidence, and (for the lead assessor) sending
/// the drafted ones to the school.
#[component]
fn Requests(view: Arc<ReviewView>, fw: Arc<Framework>, actions: ReviewActions) -> impl IntoView {
    let i18n = use_i18n();
    let drafts = view.requests.iter().filter(|r| !r.sent).count();
    let may_send =
        view.part == Some(Part::Lead) && view.status == ReviewStatus::InReview && drafts > 0;
    let send_error = action_error(actions.send.value());
    let request_error = action_error(actions.request.value());
    let items = view
        .requests
        .iter()
        .map(|r| {
            let title = fw
                .indicator(&r.indicator)
                .map(|p| tr(i18n, &fw, &p.indicator.title))
                .unwrap_or_default();
            let state = if !r.sent {
                t_string!(i18n, review.draft)
            } else if r.answer.is_some() {
                t_string!(i18n, review.answered)
            } else {
                t_string!(i18n, review.waiting_answer)
            };
            view! {
                <li>
                    <a href=crate::model::review_indicator_href(&view.id, &fw, &r.indicator)>{title}</a> " "
                    <span class="tag">{state}</span>
                    <p>{r.message.clone()}</p>
                    {r.answer.clone().map(|a| view! { <p class="answer-text">{a}</p> })}
                </li>
            }
        })
        .collect_view();
    let id = view.id.clone();
    view! {
        <section aria-labelledby="requests-heading" class="review-section">
            <h2 id="requests-heading">{t!(i18n, review.requests_heading)}</h2>
            <FormErrors error=request_error />
            {if view.requests.is_empty() {
                view! { <p>{t!(i18n, review.no_requests)}</p> }.into_any()
            } else {
                view! { <ul class="thread">{items}</ul> }.into_any()
            }}
            {may_send.then(|| view! {
                <FormErrors error=send_error />
                <ActionForm action=actions.send>
                    <input type="hidden" name="review" value=id />
                    <button type="submit" class="button">{t!(i18n, review.return_to_school, count = drafts)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// The annual updates of the school's clusters, submitted this year: what
/// an annual review starts from.
#[component]
fn ClusterUpdates(view: Arc<ReviewView>, fw: Arc<Framework>) -> impl IntoView {
    use super::cluster_year::UpdateSectionText;
    let i18n = use_i18n();
    (!view.cluster_updates.is_empty()).then(|| {
        let updates = view
            .cluster_updates
            .iter()
            .map(|(cluster, sections)| {
                let parts = fw
                    .elements
                    .iter()
                    .map(|e| {
                        let section = sections.iter().find(|s| s.element == e.id).cloned();
                        view! {
                            <h4 class="heading-small">{tr(i18n, &fw, &e.title)}</h4>
                            <UpdateSectionText section />
                        }
                    })
                    .collect_view();
                view! {
                    <h3>{cluster.clone()}</h3>
                    {parts}
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="cluster-updates-heading" class="review-section">
                <h2 id="cluster-updates-heading">{t!(i18n, review.cluster_updates)}</h2>
                {updates}
            </section>
        }
    })
}

/// The visit: a form for the lead assessor, a record for everyone else.
#[component]
fn VisitRecord(view: Arc<ReviewView>, actions: ReviewActions) -> impl IntoView {
    let i18n = use_i18n();
    let editable = view.part == Some(Part::Lead)
        && matches!(
            view.status,
            ReviewStatus::InReview | ReviewStatus::EvidenceRequested
        );
    let visit = view.visit.clone();
    let error = action_error(actions.visit.value());
    let saved = action_done(actions.visit);
    let body = if editable {
        view! {
            <FormErrors error />
            <Notice show=saved>{t!(i18n, review.visit_saved)}</Notice>
            <ActionForm action=actions.visit>
                <input type="hidden" name="review" value=view.id.clone() />
                <div class="field">
                    <label class="label" for="visited_on">{t!(i18n, review.visited_on)}</label>
                    <input class="input input-short" type="date" id="visited_on" name="visited_on" value=visit.visited_on.clone() required />
                </div>
                <div class="field">
                    <label class="label" for="people_met">{t!(i18n, review.people_met)}</label>
                    <textarea class="textarea" id="people_met" name="people_met" rows="2">{visit.people_met.clone()}</textarea>
                </div>
                <div class="field">
                    <label class="label" for="classrooms">{t!(i18n, review.classrooms)}</label>
                    <textarea class="textarea" id="classrooms" name="classrooms" rows="2">{visit.classrooms.clone()}</textarea>
                </div>
                <div class="field">
                    <label class="label" for="visit_notes">{t!(i18n, review.visit_notes)}</label>
                    <textarea class="textarea" id="visit_notes" name="notes" rows="4">{visit.notes.clone()}</textarea>
                </div>
                <button type="submit" class="button button-secondary">{t!(i18n, review.save_visit)}</button>
            </ActionForm>
        }
        .into_any()
    } else if visit.visited_on.is_empty() {
        view! { <p>{t!(i18n, review.no_visit)}</p> }.into_any()
    } else {
        view! {
            <dl class="summary-list">
                <div><dt>{t!(i18n, review.visited_on)}</dt><dd>{visit.visited_on.clone()}</dd></div>
                <div><dt>{t!(i18n, review.people_met)}</dt><dd class="answer-text">{visit.people_met.clone()}</dd></div>
                <div><dt>{t!(i18n, review.classrooms)}</dt><dd class="answer-text">{visit.classrooms.clone()}</dd></div>
                <div><dt>{t!(i18n, review.visit_notes)}</dt><dd class="answer-text">{visit.notes.clone()}</dd></div>
            </dl>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="visit-heading" class="review-section">
            <h2 id="visit-heading">{t!(i18n, review.visit_heading)}</h2>
            {body}
        </section>
    }
}

/// What each award needs, read from the assessor's ratings and the
/// school's facts (prerequisites such as years held and clusters).
#[component]
fn AwardChecks(fw: Arc<Framework>, report: Signal<crate::domain::ScoreReport>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let r = report.get();
        fw.awards
            .iter()
            .zip(&r.awards)
            .map(|(award, outcome)| {
                let name = tr(i18n, &fw, &award.title);
                let body = if outcome.unmet.is_empty() {
                    view! { <p><strong class="tag tag-strong">{t!(i18n, review.award_met)}</strong></p> }.into_any()
                } else {
                    let reasons = outcome
                        .unmet
                        .iter()
                        .map(|u| view! { <li>{describe_unmet(i18n, &fw, u)}</li> })
                        .collect_view();
                    view! { <p>{t!(i18n, review.award_missing)}</p> <ul class="reasons">{reasons}</ul> }.into_any()
                };
                view! {
                    <div class="award-check">
                        <h3 class="heading-small">{name}</h3>
                        {body}
                    </div>
                }
            })
            .collect_view()
    }
}

/// The decision: proposing it, moderating it, signing it off, and the
/// record of each step.
#[component]
fn DecisionSection(
    view: Arc<ReviewView>,
    fw: Arc<Framework>,
    report: Signal<crate::domain::ScoreReport>,
    actions: ReviewActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let propose_error = action_error(actions.propose.value());
    let moderate_error = action_error(actions.moderate.value());
    let sign_error = action_error(actions.sign.value());
    let decision_problems = move || match propose_error.get() {
        Some(AppError::InvalidDecision { problems }) => problems
            .iter()
            .map(|p| view! { <li>{problem_label(i18n, *p)}</li> })
            .collect_view()
            .into_any(),
        Some(other) => view! { <li><ErrorMessage error=other /></li> }.into_any(),
        None => ().into_any(),
    };
    let award_title = {
        let fw = fw.clone();
        move |id: &str| {
            fw.award(id)
                .map(|a| tr(i18n, &fw, &a.title))
                .unwrap_or_default()
        }
    };
    let recorded = view.decision.clone().map(|d| {
        let outcome = d.outcome;
        view! {
            <dl class="summary-list" data-testid="decision">
                <div><dt>{t!(i18n, review.outcome)}</dt><dd>{move || outcome_label(i18n, outcome)}</dd></div>
                {d.award.as_deref().map(|a| view! { <div><dt>{t!(i18n, review.award)}</dt><dd>{award_title(a)}</dd></div> })}
                {(!d.conditions.is_empty()).then(|| view! { <div><dt>{t!(i18n, review.conditions)}</dt><dd class="answer-text">{d.conditions.clone()}</dd></div> })}
                <div><dt>{t!(i18n, review.report)}</dt><dd class="answer-text">{d.report.clone()}</dd></div>
            </dl>
        }
    });
    let reasons = (!view.moderation_reasons.is_empty()).then(|| {
        let items = view
            .moderation_reasons
            .iter()
            .map(|r| {
                let text = match r {
                    ModerationReason::RatingGap {
                        indicator,
                        school,
                        assessor,
                    } => {
                        let title = fw
                            .indicator(indicator)
                            .map(|p| tr(i18n, &fw, &p.indicator.title))
                            .unwrap_or_default();
                        format!(
                            "{title}: {} {}, {} {}",
                            t_string!(i18n, review.school_col),
                            level_label(i18n, &fw, *school),
                            t_string!(i18n, review.assessor_col),
                            level_label(i18n, &fw, *assessor)
                        )
                    }
                    ModerationReason::HigherAward { award } => {
                        format!(
                            "{}: {}",
                            t_string!(i18n, review.higher_award),
                            award_title(award)
                        )
                    }
                };
                view! { <li>{text}</li> }
            })
            .collect_view();
        view! {
            <h3 class="heading-small">{t!(i18n, review.moderation_reasons)}</h3>
            <ul>{items}</ul>
        }
    });
    let verdict = view.moderation.clone().map(|(agrees, note)| {
        view! {
            <p>
                <strong>{if agrees { t_string!(i18n, review.agreed) } else { t_string!(i18n, review.disagreed) }}</strong>
                " " {view.second.clone().unwrap_or_default()}
            </p>
            <p class="answer-text">{note}</p>
        }
    });
    let (id, id_moderate, id_sign) = (view.id.clone(), view.id.clone(), view.id.clone());
    let propose_form = (view.part == Some(Part::Lead) && view.status == ReviewStatus::InReview).then(|| {
        let awards = fw
            .awards
            .iter()
            .map(|a| view! { <option value=a.id.clone()>{tr(i18n, &fw, &a.title)}</option> })
            .collect_view();
        view! {
            <h3 class="heading-small">{t!(i18n, review.propose_heading)}</h3>
            <ul class="error-list" role="alert">{decision_problems}</ul>
            <KeepTyping key="decision">
            <ActionForm action=actions.propose>
                <input type="hidden" name="review" value=id.clone() />
                <fieldset class="fieldset">
                    <legend class="label">{t!(i18n, review.outcome)}</legend>
                    {Outcome::ALL.into_iter().map(|o| {
                        let input_id = format!("outcome-{}", o.as_str());
                        view! {
                            <div class="radio">
                                <input type="radio" id=input_id.clone() name="outcome" value=o.as_str() required />
                                <label for=input_id>{move || outcome_label(i18n, o)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label class="label" for="decision-award">{t!(i18n, review.award)}</label>
                    <p class="hint" id="decision-award-hint">{t!(i18n, review.award_hint)}</p>
                    <select class="select" id="decision-award" name="award" aria-describedby="decision-award-hint">
                        <option value="">{t!(i18n, review.no_award)}</option>
                        {awards}
                    </select>
                </div>
                <div class="field">
                    <label class="label" for="decision-conditions">{t!(i18n, review.conditions)}</label>
                    <p class="hint" id="decision-conditions-hint">{t!(i18n, review.conditions_hint)}</p>
                    <textarea class="textarea" id="decision-conditions" name="conditions" rows="3" aria-describedby="decision-conditions-hint"></textarea>
                </div>
                <div class="field">
                    <label class="label" for="decision-report">{t!(i18n, review.report)}</label>
                    <textarea class="textarea" id="decision-report" name="report" rows="6" required></textarea>
                </div>
                <button type="submit" class="button">{t!(i18n, review.propose)}</button>
            </ActionForm>
            </KeepTyping>
        }
    });
    let moderate_form = (view.part == Some(Part::Second) && view.status == ReviewStatus::Moderation).then(|| view! {
        <h3 class="heading-small">{t!(i18n, review.moderate_heading)}</h3>
        <FormErrors error=moderate_error />
        <ActionForm action=actions.moderate>
            <input type="hidden" name="review" value=id_moderate />
            <fieldset class="fieldset">
                <legend class="label">{t!(i18n, review.verdict)}</legend>
                <div class="radio">
                    <input type="radio" id="verdict-agree" name="verdict" value="agree" required />
                    <label for="verdict-agree">{t!(i18n, review.agree)}</label>
                </div>
                <div class="radio">
                    <input type="radio" id="verdict-disagree" name="verdict" value="disagree" />
                    <label for="verdict-disagree">{t!(i18n, review.disagree)}</label>
                </div>
            </fieldset>
            <div class="field">
                <label class="label" for="moderation-reasons">{t!(i18n, review.reasons)}</label>
                <textarea class="textarea" id="moderation-reasons" name="reasons" rows="4" required></textarea>
            </div>
            <button type="submit" class="button">{t!(i18n, review.send_verdict)}</button>
        </ActionForm>
    });
    let sign_form = (view.may_sign_off && view.status == ReviewStatus::SignOff).then(|| {
        view! {
            <h3 class="heading-small">{t!(i18n, review.sign_off_heading)}</h3>
            <FormErrors error=sign_error />
            <ActionForm action=actions.sign>
                <input type="hidden" name="review" value=id_sign />
                <button type="submit" class="button">{t!(i18n, review.sign_off)}</button>
            </ActionForm>
        }
    });
    let closed = (view.status == ReviewStatus::Closed).then(|| view! {
        <p>
            {t!(i18n, review.signed_off_on)} " " {view.signed_off_at.as_deref().map(date_of).unwrap_or_default()}
        </p>
        {view.certificate.clone().map(|code| view! {
            <p><a class="button" href=format!("/verify/{code}")>{t!(i18n, review.view_certificate)}</a></p>
        })}
    });
    view! {
        <section aria-labelledby="decision-heading" class="review-section">
            <h2 id="decision-heading">{t!(i18n, review.decision_heading)}</h2>
            <AwardChecks fw=fw.clone() report />
            {recorded}
            {reasons}
            {verdict}
            {propose_form}
            {moderate_form}
            {sign_form}
            {closed}
        </section>
    }
}

// ------------------------------------------------- the school's side ---

/// On the school's task list: the assessor's requests with a form to
/// answer each while the self-assessment is back with the school, and the
/// decision once signed off.
#[component]
pub fn SchoolReviewPanel(view: crate::model::AssessmentView) -> impl IntoView {
    use crate::api::reviews::AnswerRequest;
    let i18n = use_i18n();
    let answer = ServerAction::<AnswerRequest>::new();
    let error = action_error(answer.value());
    let saved = action_done(answer);
    let fw = view.framework.clone();
    let may_answer = view.status == crate::domain::assessment::Status::Returned
        && (view.may_submit || !view.editable.is_empty());
    let requests = (!view.requests.is_empty()).then(|| {
        let items = view
            .requests
            .iter()
            .map(|r| {
                let title = fw
                    .indicator(&r.indicator)
                    .map(|p| tr(i18n, &fw, &p.indicator.title))
                    .unwrap_or_default();
                let field_id = format!("answer-{}", r.id);
                let href = fw
                    .indicator(&r.indicator)
                    .map(|p| format!("/assessments/{}/elements/{}#{}", view.id, p.element.id, r.indicator))
                    .unwrap_or_default();
                let form = may_answer.then(|| {
                    let (assessment, request) = (view.id.clone(), r.id.clone());
                    let current = r.answer.clone().unwrap_or_default();
                    view! {
                        <ActionForm action=answer>
                            <input type="hidden" name="assessment" value=assessment />
                            <input type="hidden" name="request" value=request />
                            <div class="field">
                                <label class="label" for=field_id.clone()>{t!(i18n, review.your_answer)}</label>
                                <textarea class="textarea" id=field_id name="answer" rows="3" required>{current}</textarea>
                            </div>
                            <button type="submit" class="button button-secondary">{t!(i18n, review.send_answer)}</button>
                        </ActionForm>
                    }
                });
                let shown_answer = (!may_answer).then(|| r.answer.clone()).flatten();
                view! {
                    <li class="review-section">
                        <h3 class="heading-small"><a href=href>{title}</a></h3>
                        <p>{r.message.clone()}</p>
                        {shown_answer.map(|a| view! { <p class="answer-text"><strong>{t!(i18n, review.answered)}</strong> " " {a}</p> })}
                        {form}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="school-requests-heading">
                <h2 id="school-requests-heading">{t!(i18n, review.school_requests_heading)}</h2>
                {may_answer.then(|| view! { <p>{t!(i18n, review.school_requests_intro)}</p> })}
                <FormErrors error />
                <Notice show=saved>{t!(i18n, review.answer_saved)}</Notice>
                <ul class="plain-list">{items}</ul>
            </section>
        }
    });
    let decision = view.decision.clone().map(|d| {
        let outcome = d.outcome;
        let award = d
            .award
            .as_deref()
            .and_then(|a| fw.award(a))
            .map(|a| tr(i18n, &fw, &a.title));
        view! {
            <section aria-labelledby="school-decision-heading" class="review-section">
                <h2 id="school-decision-heading">{t!(i18n, review.school_decision_heading)}</h2>
                <dl class="summary-list">
                    <div><dt>{t!(i18n, review.outcome)}</dt><dd>{move || outcome_label(i18n, outcome)}</dd></div>
                    {award.map(|a| view! { <div><dt>{t!(i18n, review.award)}</dt><dd>{a}</dd></div> })}
                    {(!d.conditions.is_empty()).then(|| view! { <div><dt>{t!(i18n, review.conditions)}</dt><dd class="answer-text">{d.conditions.clone()}</dd></div> })}
                    <div><dt>{t!(i18n, review.report)}</dt><dd class="answer-text">{d.report.clone()}</dd></div>
                </dl>
                <p><a href=format!("/assessments/{}/report", view.id)>{t!(i18n, report.read)}</a></p>
                {view.certificate.clone().map(|code| view! {
                    <p><a class="button" href=format!("/verify/{code}")>{t!(i18n, review.view_certificate)}</a></p>
                })}
            </section>
        }
    });
    view! {
        {requests}
        {decision}
    }
}
