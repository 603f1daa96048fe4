//! The assessor's side: the review queue (with assignment for admins), the
//! review of one self-assessment with the decision, moderation and
//! sign-off, the accreditation calendar, the fee schedule, and the public
//! certificate check.

use super::ErrorMessage;
use crate::api::reviews::{
    AssignReview, Moderate, ProposeDecision, RecordVisit, RequestEvidence, ReturnToSchool, SignOff,
};
use crate::codec::resource;
use crate::components::forms::KeepTyping;
use crate::components::forms::{action_done, action_error, successes, FormErrors, Notice};
use crate::components::layout::text_in;
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::components::score_panel::{describe_unmet, level_label};
use crate::domain::assessment::rated_set;
use crate::domain::calendar::{format_money, DueState};
use crate::domain::review::{
    DecisionProblem, ModerationReason, Outcome, Part, ReviewStatus, Standing,
};
use crate::domain::{score, Framework};
use crate::error::AppError;
use crate::framework_script::FrameworkScript;
use crate::i18n::*;
use crate::model::{Certificate, ReviewView};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;
use std::sync::Arc;

use super::assessment::cycle_label;

pub fn review_status_label(i18n: I18nContext<Locale>, status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::InReview => t_string!(i18n, review.status_in_review),
        ReviewStatus::EvidenceRequested => t_string!(i18n, review.status_evidence_requested),
        ReviewStatus::Moderation => t_string!(i18n, review.status_moderation),
        ReviewStatus::SignOff => t_string!(i18n, review.status_sign_off),
        ReviewStatus::Closed => t_string!(i18n, review.status_closed),
    }
}

pub fn outcome_label(i18n: I18nContext<Locale>, outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Granted => t_string!(i18n, review.outcome_granted),
        Outcome::Deferred => t_string!(i18n, review.outcome_deferred),
        Outcome::NotMet => t_string!(i18n, review.outcome_not_met),
    }
}

fn due_label(i18n: I18nContext<Locale>, state: DueState) -> &'static str {
    match state {
        DueState::Done => t_string!(i18n, calendar.done),
        DueState::Upcoming => t_string!(i18n, calendar.upcoming),
        DueState::DueSoon => t_string!(i18n, calendar.due_soon),
        DueState::Overdue => t_string!(i18n, calendar.overdue),
    }
}

fn due_class(state: DueState) -> &'static str {
    match state {
        DueState::Overdue => "tag tag-warning",
        DueState::DueSoon => "tag tag-strong",
        _ => "tag",
    }
}

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
fn date_of(rfc3339: &str) -> String {
    rfc3339.get(..10).unwrap_or(rfc3339).to_owned()
}

/// Text from a framework file in the reader's language.

// ------------------------------------------------------------ the queue ---

#[component]
pub fn ReviewsPage() -> impl IntoView {
    use crate::api::reviews::{queue, SORTS};
    let i18n = use_i18n();
    let query = use_query_map();
    let assign = ServerAction::<AssignReview>::new();
    let params = move || {
        query.with(|q| {
            (
                q.get("sort").unwrap_or_default(),
                q.get("status").unwrap_or_default(),
            )
        })
    };
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()));
    let assigned = successes(assign.value());
    let data = resource(
        move || (params(), page(), assigned.get()),
        |((sort, status), page, _)| queue(sort, status, page),
    );
    let assign_error = action_error(assign.value());
    let sort_label = move |s: &str| match s {
        "submitted" => t_string!(i18n, review.sort_submitted),
        "school" => t_string!(i18n, review.sort_school),
        "status" => t_string!(i18n, review.sort_status),
        _ => t_string!(i18n, review.sort_due),
    };
    view! {
        <PageTitle text=move || t_string!(i18n, review.queue_title).to_owned() />
        <h1>{t!(i18n, review.queue_title)}</h1>
        <p>{t!(i18n, review.queue_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(q) => {
                        let awaiting = if q.may_assign && !q.awaiting.is_empty() {
                            let items = q.awaiting.clone().into_iter().map(|a| {
                                view! { <AssignForm item=a assessors=q.assessors.clone() due=q.default_due.clone() assign /> }
                            }).collect_view();
                            let more = q.awaiting_total.saturating_sub(q.awaiting.len() as u32);
                            view! {
                                <section aria-labelledby="awaiting-heading" class="review-section">
                                    <h2 id="awaiting-heading">{t!(i18n, review.awaiting_heading)}</h2>
                                    <FormErrors error=assign_error />
                                    {items}
                                    {(more > 0).then(|| view! { <p data-testid="awaiting-more">{t!(i18n, review.awaiting_more, count = more)}</p> })}
                                </section>
                            }
                            .into_any()
                        } else {
                            ().into_any()
                        };
                        let (sort, status) = params();
                        let rows = q.reviews.iter().map(|r| {
                            let overdue = r.overdue;
                            let (cycle, state) = (r.cycle, r.status);
                            view! {
                                <tr class:overdue=overdue>
                                    <th scope="row"><a href=format!("/reviews/{}", r.id)>{r.school_name.clone()}</a></th>
                                    <td>{move || cycle_label(i18n, cycle)}</td>
                                    <td>{r.submitted_at.as_deref().map(date_of).unwrap_or_default()}</td>
                                    <td>
                                        {r.due_on.clone()}
                                        {overdue.then(|| view! { " " <strong class="tag tag-warning">{t!(i18n, calendar.overdue)}</strong> })}
                                    </td>
                                    <td>{move || review_status_label(i18n, state)}</td>
                                    <td>{r.lead.clone()}</td>
                                    <td>{r.second.clone().unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view();
                        let table = if q.reviews.is_empty() {
                            view! { <p>{t!(i18n, review.none)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table class="table">
                                        <caption class="visually-hidden">{t!(i18n, review.queue_title)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, review.col_school)}</th>
                                                <th scope="col">{t!(i18n, review.col_cycle)}</th>
                                                <th scope="col">{t!(i18n, review.col_submitted)}</th>
                                                <th scope="col">{t!(i18n, review.col_due)}</th>
                                                <th scope="col">{t!(i18n, review.col_status)}</th>
                                                <th scope="col">{t!(i18n, review.lead_assessor)}</th>
                                                <th scope="col">{t!(i18n, review.second_assessor)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                                <QueuePages sort=sort.clone() status=status.clone() page=q.page shown=q.reviews.len() total=q.total />
                            }
                            .into_any()
                        };
                        view! {
                            {awaiting}
                            <h2>{t!(i18n, review.reviews_heading)}</h2>
                            <form method="get" action="/reviews" class="filters">
                                <div class="field">
                                    <label class="label" for="status">{t!(i18n, review.col_status)}</label>
                                    <select class="select" id="status" name="status">
                                        <option value="">{t!(i18n, review.any_status)}</option>
                                        {ReviewStatus::ALL.into_iter().map(|s| view! {
                                            <option value=s.as_str() selected=status == s.as_str()>{move || review_status_label(i18n, s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="label" for="sort">{t!(i18n, review.sort_by)}</label>
                                    <select class="select" id="sort" name="sort">
                                        {SORTS.into_iter().map(|s| view! {
                                            <option value=s selected=sort == s>{sort_label(s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button button-secondary">{t!(i18n, review.apply)}</button>
                            </form>
                            {table}
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Where this page of the queue is, with links to the pages either side.
#[component]
fn QueuePages(sort: String, status: String, page: u32, shown: usize, total: u32) -> impl IntoView {
    use crate::api::reviews::QUEUE_PAGE_SIZE;
    use crate::components::pager::Pager;
    use crate::model::query_value;
    let i18n = use_i18n();
    let from = page as usize * QUEUE_PAGE_SIZE + 1;
    let to = from + shown - 1;
    let href = move |p: u32| {
        format!(
            "/reviews?sort={}&status={}&page={p}",
            query_value(&sort),
            query_value(&status)
        )
    };
    let previous = (page > 0).then(|| href(page - 1));
    let next = (to < total as usize).then(|| href(page + 1));
    let label = move || t_string!(i18n, review.pages_label).to_owned();
    view! {
        <Pager label previous next>
            {t!(i18n, review.showing, from = from, to = to, total = total)}
        </Pager>
    }
}

/// Assigning assessors to one submitted self-assessment.
#[component]
fn AssignForm(
    item: crate::model::AwaitingAssessor,
    assessors: Vec<crate::model::Assignee>,
    due: String,
    assign: ServerAction<AssignReview>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lead_id = format!("lead-{}", item.assessment);
    let second_id = format!("second-{}", item.assessment);
    let due_id = format!("due-{}", item.assessment);
    let options = |none: bool| {
        let mut list = Vec::new();
        if none {
            list.push(view! { <option value="">{t!(i18n, review.no_second)}</option> }.into_any());
        }
        list.extend(assessors.iter().map(|p| {
            view! { <option value=p.account.clone()>{p.name.clone()}</option> }.into_any()
        }));
        list
    };
    let (lead_options, second_options) = (options(false), options(true));
    let cycle = item.cycle;
    view! {
        <article class="assign">
            <h3 class="heading-small">
                {item.school_name.clone()} ": " {move || cycle_label(i18n, cycle)}
            </h3>
            <p class="hint">{t!(i18n, review.submitted_on)} " " {item.submitted_at.as_deref().map(date_of).unwrap_or_default()}</p>
            <ActionForm action=assign attr:class="filters">
                <input type="hidden" name="assessment" value=item.assessment.clone() />
                <div class="field">
                    <label class="label" for=lead_id.clone()>{t!(i18n, review.lead_assessor)}</label>
                    <select class="select" id=lead_id name="lead" required>{lead_options}</select>
                </div>
                <div class="field">
                    <label class="label" for=second_id.clone()>{t!(i18n, review.second_assessor)}</label>
                    <select class="select" id=second_id name="second">{second_options}</select>
                </div>
                <div class="field">
                    <label class="label" for=due_id.clone()>{t!(i18n, review.due_on)}</label>
                    <input class="input" type="date" id=due_id name="due_on" value=due required />
                </div>
                <button type="submit" class="button">{t!(i18n, review.assign)}</button>
            </ActionForm>
        </article>
    }
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

// ------------------------------------------------------ the certificate ---

/// The public check of a certificate, at a stable address: `/verify/CODE`
/// (or `/verify?code=CODE` from the form).
#[component]
pub fn VerifyPage() -> impl IntoView {
    use crate::api::reviews::verify_certificate;
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let code = Memo::new(move |_| {
        params
            .with(|p| p.get("code"))
            .or_else(|| query.with(|q| q.get("code")))
            .unwrap_or_default()
            .trim()
            .to_owned()
    });
    let data = resource(
        move || code.get(),
        |code| async move {
            if code.is_empty() {
                None
            } else {
                Some(verify_certificate(code).await)
            }
        },
    );
    view! {
        <PageTitle text=move || t_string!(i18n, verify.title).to_owned() />
        <h1 class="no-print">{t!(i18n, verify.title)}</h1>
        <p class="no-print">{t!(i18n, verify.intro)}</p>
        <form method="get" action="/verify" class="filters no-print">
            <div class="field">
                <label class="label" for="code">{t!(i18n, verify.code)}</label>
                <input class="input" id="code" name="code" autocomplete="off" spellcheck="false" value=move || code.get() />
            </div>
            <button type="submit" class="button">{t!(i18n, verify.check)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    None => ().into_any(),
                    Some(Ok(certificate)) => view! { <CertificateView certificate /> }.into_any(),
                    Some(Err(AppError::NotFound)) => view! {
                        <div class="notice notice-error" role="alert">{t!(i18n, verify.not_found)}</div>
                    }
                    .into_any(),
                    Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CertificateView(certificate: Certificate) -> impl IntoView {
    let i18n = use_i18n();
    let lang = certificate.default_language.clone();
    let award = {
        let (t, l) = (certificate.award_title.clone(), lang.clone());
        move || text_in(i18n, &t, &l)
    };
    let framework = {
        let (t, l) = (certificate.framework_title.clone(), lang.clone());
        move || text_in(i18n, &t, &l)
    };
    let standing = certificate.standing;
    let (standing_text, standing_class) = match standing {
        Standing::Valid => (t_string!(i18n, verify.valid), "notice notice-success"),
        Standing::Expired => (t_string!(i18n, verify.expired), "notice notice-error"),
        Standing::Revoked => (t_string!(i18n, verify.revoked), "notice notice-error"),
    };
    view! {
        <p class=format!("{standing_class} no-print") role="status" data-testid="standing">{standing_text}</p>
        <article class="certificate" aria-labelledby="certificate-heading">
            <p class="certificate-kicker">{t!(i18n, verify.certificate)}</p>
            <h2 id="certificate-heading">{award.clone()}</h2>
            <p class="certificate-school">{certificate.school_name.clone()}</p>
            <p>{certificate.school_city.clone()}</p>
            <dl class="summary-list">
                <div><dt>{t!(i18n, verify.framework)}</dt><dd>{framework}</dd></div>
                <div><dt>{t!(i18n, verify.granted_on)}</dt><dd>{certificate.granted_on.clone()}</dd></div>
                <div><dt>{t!(i18n, verify.valid_until)}</dt><dd data-testid="valid-until">{certificate.valid_until.clone()}</dd></div>
                <div><dt>{t!(i18n, verify.code)}</dt><dd><code data-testid="code">{certificate.code.clone()}</code></dd></div>
            </dl>
            <p class="hint">{t!(i18n, verify.check_at)} " /verify/" {certificate.code.clone()}</p>
        </article>
        <p class="no-print">{t!(i18n, verify.print_hint)}</p>
    }
}

// ----------------------------------------------------------- calendar ---

/// Every school's award term and reviews, for certification admins.
#[component]
pub fn CalendarPage() -> impl IntoView {
    use crate::api::reviews::calendar;
    let i18n = use_i18n();
    let query = use_query_map();
    let within = Memo::new(move |_| {
        query
            .with(|q| q.get("within"))
            .and_then(|w| w.trim().parse::<u32>().ok())
            .unwrap_or(60)
    });
    let data = resource(move || within.get(), calendar);
    view! {
        <PageTitle text=move || t_string!(i18n, calendar.title).to_owned() />
        <h1>{t!(i18n, calendar.title)}</h1>
        <p>{t!(i18n, calendar.intro)}</p>
        <form method="get" action="/calendar" class="filters">
            <div class="field">
                <label class="label" for="within">{t!(i18n, calendar.within)}</label>
                <input class="input input-short" type="number" min="1" max="366" id="within" name="within" value=move || within.get().to_string() />
            </div>
            <button type="submit" class="button button-secondary">{t!(i18n, review.apply)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, calendar.none)}</p> }.into_any(),
                    Ok(rows) => {
                        let count = |state: DueState| rows.iter().filter(|r| crate::domain::calendar::next_due(&r.reviews).is_some_and(|d| d.state == state)).count();
                        let (overdue, soon) = (count(DueState::Overdue), count(DueState::DueSoon));
                        view! {
                            <p class="score-headline">{t!(i18n, calendar.counts, overdue = overdue, soon = soon)}</p>
                            <CalendarTable rows />
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CalendarTable(rows: Vec<crate::model::CalendarRow>) -> impl IntoView {
    let i18n = use_i18n();
    let body = rows
        .into_iter()
        .map(|row| {
            let next = crate::domain::calendar::next_due(&row.reviews).cloned();
            let title = row.award_title.clone();
            view! {
                <tr>
                    <th scope="row"><a href=format!("/schools/{}", row.school_id)>{row.school_name.clone()}</a></th>
                    <td>{move || text_in(i18n, &title, "en")}</td>
                    <td>{row.valid_until.clone()}</td>
                    {match next {
                        Some(d) => {
                            let (cycle, state) = (d.cycle, d.state);
                            view! {
                                <td>{move || cycle_label(i18n, cycle)}</td>
                                <td>{d.due_on.clone()}</td>
                                <td><strong class=due_class(state)>{move || due_label(i18n, state)}</strong></td>
                            }
                            .into_any()
                        }
                        None => view! { <td colspan="3">{t!(i18n, calendar.all_done)}</td> }.into_any(),
                    }}
                    <td><a href=format!("/verify/{}", row.certificate)>{row.certificate.clone()}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{t!(i18n, calendar.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, review.col_school)}</th>
                        <th scope="col">{t!(i18n, review.award)}</th>
                        <th scope="col">{t!(i18n, verify.valid_until)}</th>
                        <th scope="col">{t!(i18n, calendar.next_review)}</th>
                        <th scope="col">{t!(i18n, review.col_due)}</th>
                        <th scope="col">{t!(i18n, review.col_status)}</th>
                        <th scope="col">{t!(i18n, verify.code)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// A school's award, its reviews and the next one's cost, on the school page.
#[component]
pub fn SchoolAwardCalendar(school: String) -> impl IntoView {
    use crate::api::reviews::calendar_of_school;
    let i18n = use_i18n();
    let data = resource(move || school.clone(), calendar_of_school);
    view! {
        <section aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{t!(i18n, calendar.school_heading)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        Ok(cal) => {
                            let next = cal.next_cycle;
                            let fee = cal.next_fee.map(format_money);
                            let terms = match cal.row {
                                None => view! { <p>{t!(i18n, calendar.no_award)}</p> }.into_any(),
                                Some(row) => {
                                    let items = row.reviews.iter().map(|d| {
                                        let (cycle, state) = (d.cycle, d.state);
                                        view! {
                                            <tr>
                                                <th scope="row">{move || cycle_label(i18n, cycle)}</th>
                                                <td>{d.due_on.clone()}</td>
                                                <td><strong class=due_class(state)>{move || due_label(i18n, state)}</strong></td>
                                            </tr>
                                        }
                                    }).collect_view();
                                    view! {
                                        <p>
                                            <a href=format!("/verify/{}", row.certificate)>{t!(i18n, calendar.certificate)}</a>
                                        </p>
                                        <div class="table-wrap">
                                            <table class="table">
                                                <caption class="visually-hidden">{t!(i18n, calendar.school_heading)}</caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{t!(i18n, review.col_cycle)}</th>
                                                        <th scope="col">{t!(i18n, review.col_due)}</th>
                                                        <th scope="col">{t!(i18n, review.col_status)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>{items}</tbody>
                                            </table>
                                        </div>
                                    }
                                    .into_any()
                                }
                            };
                            view! {
                                {terms}
                                <p data-testid="next-review">
                                    {t!(i18n, calendar.next_is)} " " <strong>{move || cycle_label(i18n, next)}</strong>
                                    {fee.map(|f| view! { ". " {t!(i18n, calendar.fee_is)} " " <strong>{f}</strong> " " {t!(i18n, calendar.fee_excludes)} })}
                                </p>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

// -------------------------------------------------------------- fees ---

/// The fee schedule, edited by certification admins.
#[component]
pub fn FeesPage() -> impl IntoView {
    use crate::api::reviews::{fee_schedule, SetFeeSchedule};
    let i18n = use_i18n();
    let save = ServerAction::<SetFeeSchedule>::new();
    let saves = successes(save.value());
    let data = resource(move || saves.get(), |_| fee_schedule());
    let error = action_error(save.value());
    let saved = action_done(save);
    let fee_problem = move || match error.get() {
        Some(AppError::InvalidFees { problem }) => Some(match problem {
            crate::domain::calendar::FeeScheduleError::Empty => t_string!(i18n, fees.empty),
            crate::domain::calendar::FeeScheduleError::Inverted { .. } => {
                t_string!(i18n, fees.inverted)
            }
            crate::domain::calendar::FeeScheduleError::Overlap { .. } => {
                t_string!(i18n, fees.overlap)
            }
        }),
        Some(AppError::InvalidChoice) => Some(t_string!(i18n, fees.numbers)),
        _ => None,
    };
    let other = Signal::derive(move || match error.get() {
        Some(AppError::InvalidFees { .. } | AppError::InvalidChoice) => None,
        e => e,
    });
    view! {
        <PageTitle text=move || t_string!(i18n, fees.title).to_owned() />
        <h1>{t!(i18n, fees.title)}</h1>
        <p>{t!(i18n, fees.intro)}</p>
        <FormErrors error=other />
        {move || fee_problem().map(|p| view! { <div class="notice notice-error" role="alert">{p}</div> })}
        <Notice show=saved>{t!(i18n, fees.saved)}</Notice>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(bands) => {
                        let pounds = |p: u64| format_money(p).trim_start_matches('£').replace(',', "");
                        let mut rows: Vec<[String; 5]> = bands
                            .iter()
                            .map(|b| [b.min_learners.to_string(), b.max_learners.to_string(), pounds(b.yearly[0]), pounds(b.yearly[1]), pounds(b.yearly[2])])
                            .collect();
                        rows.extend(std::iter::repeat_n(Default::default(), 2));
                        let body = rows.into_iter().enumerate().map(|(i, row)| {
                            let names = ["min", "max", "year1", "year2", "year3"];
                            let cells = row.into_iter().zip(names).map(|(value, name)| {
                                let id = format!("fee-{i}-{name}");
                                let label = match name {
                                    "min" => t_string!(i18n, fees.min),
                                    "max" => t_string!(i18n, fees.max),
                                    "year1" => t_string!(i18n, fees.year1),
                                    "year2" => t_string!(i18n, fees.year2),
                                    _ => t_string!(i18n, fees.year3),
                                };
                                view! {
                                    <td>
                                        <label class="visually-hidden" for=id.clone()>{format!("{label} ({})", i + 1)}</label>
                                        <input class="input input-short" id=id name=format!("rows[{i}][{name}]") value=value inputmode="decimal" />
                                    </td>
                                }
                            }).collect_view();
                            view! { <tr><th scope="row">{i + 1}</th>{cells}</tr> }
                        }).collect_view();
                        view! {
                            <KeepTyping key="fees">
                            <ActionForm action=save>
                                <div class="table-wrap">
                                    <table class="table">
                                        <caption>{t!(i18n, fees.caption)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, fees.band)}</th>
                                                <th scope="col">{t!(i18n, fees.min)}</th>
                                                <th scope="col">{t!(i18n, fees.max)}</th>
                                                <th scope="col">{t!(i18n, fees.year1)}</th>
                                                <th scope="col">{t!(i18n, fees.year2)}</th>
                                                <th scope="col">{t!(i18n, fees.year3)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{body}</tbody>
                                    </table>
                                </div>
                                <p class="hint">{t!(i18n, fees.hint)}</p>
                                <button type="submit" class="button">{t!(i18n, fees.save)}</button>
                            </ActionForm>
                            </KeepTyping>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
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
