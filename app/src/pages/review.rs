//! The assessor's side: the review queue (with assignment for admins), the
//! review of one self-assessment with the decision, moderation and
//! sign-off, the accreditation calendar, the fee schedule, and the public
//! certificate check.

use super::ErrorMessage;
use crate::api::reviews::{
    AssignReview, Moderate, ProposeDecision, RecordVisit, RequestEvidence, ReturnToSchool,
    SaveReviewRating, SignOff,
};
use crate::codec::resource;
use crate::components::forms::{action_error, action_succeeded, successes, FormErrors, Notice};
use crate::components::layout::text_in;
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::components::score_panel::{describe_unmet, level_label, percent, ScorePanel};
use crate::domain::assessment::{rated_set, EvidenceItem, EvidenceKind};
use crate::domain::calendar::{format_money, DueState};
use crate::domain::review::{
    DecisionProblem, ModerationReason, Outcome, Part, ReviewRating, ReviewStatus, Standing,
};
use crate::domain::{score, Framework};
use crate::error::AppError;
use crate::framework_script::{FrameworkByReference, FrameworkScript};
use crate::i18n::*;
use crate::model::{Certificate, ReviewView, SchoolTexts, ShownElements};
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

/// The actions of the review page, shared by its sections.
#[derive(Clone, Copy)]
struct ReviewActions {
    save: ServerAction<SaveReviewRating>,
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
        save: ServerAction::new(),
        request: ServerAction::new(),
        send: ServerAction::new(),
        visit: ServerAction::new(),
        propose: ServerAction::new(),
        moderate: ServerAction::new(),
        sign: ServerAction::new(),
    };
    // A saved rating does not reload the page (the live score already
    // shows it); every other step does.
    // A refused step does not reload either, so its form keeps what was typed.
    let steps = [
        successes(actions.request.value()),
        successes(actions.send.value()),
        successes(actions.visit.value()),
        successes(actions.propose.value()),
        successes(actions.moderate.value()),
        successes(actions.sign.value()),
    ];
    // With the school's texts for the element in the address; moving to
    // another element loads only its texts (see `ReviewBody`).
    let data = Resource::<_, FrameworkByReference>::new_with_options(
        move || (id.get(), steps.map(|s| s.get())),
        move |(id, _)| review(id, query.with_untracked(|q| q.get("element"))),
        false,
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

#[component]
fn ReviewBody(view: ReviewView, actions: ReviewActions) -> impl IntoView {
    let i18n = use_i18n();
    // Shared by every indicator and section below: one copy, not one each.
    let view = Arc::new(view);
    let fw = view.assessment.framework.clone();
    let lead_can_edit = view.part == Some(Part::Lead) && view.status == ReviewStatus::InReview;
    let ratings: RwSignal<HashMap<String, Option<String>>> = RwSignal::new(
        view.ratings
            .iter()
            .map(|r| (r.indicator.clone(), r.level.clone()))
            .collect(),
    );
    let counts = view.answers.evidence_counts.clone();
    let levels = &view.answers.levels;
    let school_report = score(
        &fw,
        &rated_set(&fw, |id| levels.get(id).map(String::as_str), &counts),
        &view.context,
    );
    // The assessor's scores: the same engine, on the validated ratings, live.
    let report = {
        let fw = fw.clone();
        let context = view.context.clone();
        Memo::new(move |_| {
            ratings.with(|r| {
                let set = rated_set(&fw, |id| r.get(id).and_then(|l| l.as_deref()), &counts);
                score(&fw, &set, &context)
            })
        })
    };
    let saved = action_succeeded(actions.save.value());
    let save_error = action_error(actions.save.value());
    let status = view.status;
    let cycle = view.assessment.cycle;
    let school_href = format!("/assessments/{}", view.assessment.id);
    let comparison = fw
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let school = school_report.elements[i].score;
            let fw = fw.clone();
            let title = tr(i18n, &fw, &e.title);
            view! {
                <tr>
                    <th scope="row">{title}</th>
                    <td class="numeric">{percent(school)}</td>
                    <td class="numeric">{move || percent(report.with(|r| r.elements[i].score))}</td>
                </tr>
            }
        })
        .collect_view();
    // One element at a time, as the wizard asks them (`?element=ID`), or
    // every element on one page (`?element=all`) to read or print straight
    // through. Moving between elements keeps unsaved choices: the ratings
    // and comments live in signals above the sections.
    let query = use_query_map();
    let shown = {
        let fw = fw.clone();
        Memo::new(move |_| {
            query.with(|q| ShownElements::from_query(&fw, q.get("element").as_deref()))
        })
    };
    let texts = texts_loader(&view, shown);
    let comments: RwSignal<HashMap<String, String>> = RwSignal::new(
        view.ratings
            .iter()
            .map(|r| (r.indicator.clone(), r.comment.clone()))
            .collect(),
    );
    let element_nav = view! {
        <ElementNav fw=fw.clone() review=view.id.clone() shown ratings />
    };
    let sections = {
        let (fw, view) = (fw.clone(), view.clone());
        move || {
            let shown = shown.get();
            let loaded = texts.with(|t| {
                t.iter()
                    .find(|(loaded, texts)| texts.is_ok() && loaded.covers(shown))
                    .or_else(|| t.iter().find(|(loaded, _)| *loaded == shown))
                    .map(|(_, texts)| texts.clone())
            });
            let texts = match loaded {
                Some(Ok(texts)) => texts,
                Some(Err(error)) => return view! { <ErrorMessage error /> }.into_any(),
                None => return view! { <p>{t!(i18n, common.loading)}</p> }.into_any(),
            };
            fw.elements
                .iter()
                .enumerate()
                .filter(|(index, _)| shown.includes(*index))
                .map(|(_, element)| {
                    let items = element
                        .indicators
                        .iter()
                        .map(|indicator| {
                            view! {
                                <IndicatorReview
                                    fw=fw.clone()
                                    view=view.clone()
                                    texts=texts.clone()
                                    indicator=indicator.id.clone()
                                    editable=lead_can_edit
                                    ratings
                                    comments
                                    actions
                                />
                            }
                        })
                        .collect_view();
                    view! {
                        <section class="review-element" aria-labelledby=format!("el-{}", element.id)>
                            <h2 id=format!("el-{}", element.id)>{tr(i18n, &fw, &element.title)}</h2>
                            {items}
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    let step_nav = {
        let (fw, review) = (fw.clone(), view.id.clone());
        move || {
            let ShownElements::One(index) = shown.get() else {
                return ().into_any();
            };
            let href = |i: usize| element_href(&review, &fw.elements[i].id);
            let previous = index.checked_sub(1).map(href);
            let next = (index + 1 < fw.elements.len()).then(|| href(index + 1));
            view! {
                <nav class="step-nav no-print" aria-label=move || t_string!(i18n, review.steps_label)>
                    {previous.map(|href| view! { <a href=href class="button button-secondary">{t!(i18n, review.previous_element)}</a> })}
                    {next.map(|href| view! { <a href=href class="button button-secondary">{t!(i18n, review.next_element)}</a> })}
                </nav>
            }
            .into_any()
        }
    };
    let report_signal = Signal::from(report);
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
        <div class="wizard">
            <div class="wizard-main">
                <div role="status" class="notice-slot">
                    <Show when=move || saved.get()>
                        <p class="notice notice-success">{t!(i18n, review.rating_saved)}</p>
                    </Show>
                </div>
                <FormErrors error=save_error />
                {element_nav}
                {sections}
                {step_nav}
                <Requests view=view.clone() fw=fw.clone() actions />
                <ClusterUpdates view=view.clone() fw=fw.clone() />
                <VisitRecord view=view.clone() actions />
                <DecisionSection view=view.clone() fw=fw.clone() report=report_signal actions />
            </div>
            <aside class="wizard-aside" aria-label=move || t_string!(i18n, review.scores_label)>
                <ScorePanel fw=fw.clone() report=report_signal />
                <table class="table">
                    <caption>{t!(i18n, review.compare_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, score.element_col)}</th>
                            <th scope="col" class="numeric">{t!(i18n, review.school_col)}</th>
                            <th scope="col" class="numeric">{t!(i18n, review.assessor_col)}</th>
                        </tr>
                    </thead>
                    <tbody>{comparison}</tbody>
                </table>
            </aside>
        </div>
    }
}

/// The school's texts for each set of elements loaded so far: those the
/// page came with, and (when the assessor moves to another element) that
/// element's, fetched then. Choices made on the page stay, as they live in
/// signals of their own. A failed fetch shows its error and is tried again
/// the next time that element is shown.
type LoadedTexts = RwSignal<Vec<(ShownElements, Result<Arc<SchoolTexts>, AppError>)>>;

fn texts_loader(view: &ReviewView, shown: Memo<ShownElements>) -> LoadedTexts {
    use crate::api::reviews::review;
    let loaded: LoadedTexts = RwSignal::new(vec![(
        view.answers.texts.shown,
        Ok(Arc::new(view.answers.texts.clone())),
    )]);
    let (id, fw) = (view.id.clone(), view.assessment.framework.clone());
    // Runs in the browser only: the server renders what it was asked for.
    Effect::new(move |_| {
        let wanted = shown.get();
        let have = |t: &Vec<(ShownElements, Result<Arc<SchoolTexts>, AppError>)>| {
            t.iter()
                .any(|(have, texts)| texts.is_ok() && have.covers(wanted))
        };
        if loaded.with_untracked(have) {
            return;
        }
        let (id, element) = (id.clone(), wanted.query(&fw));
        leptos::task::spawn_local(async move {
            let texts = review(id, Some(element))
                .await
                .map(|v| Arc::new(v.answers.texts));
            loaded.update(|t| {
                t.retain(|(have, _)| *have != wanted);
                t.push((wanted, texts));
            });
        });
    });
    loaded
}

fn element_href(review: &str, element: &str) -> String {
    format!("/reviews/{review}?element={element}")
}

/// Where an indicator is reviewed: its element's page, at the indicator.
pub(crate) fn indicator_href(review: &str, fw: &Framework, indicator: &str) -> String {
    match fw.indicator(indicator) {
        Some(place) => format!(
            "{}#review-{indicator}",
            element_href(review, &place.element.id)
        ),
        None => format!("/reviews/{review}"),
    }
}

/// The framework's elements as a task list: each with how many of its
/// indicators the assessor has rated (live, saved or not), the one shown
/// marked as the current page, and a link to every element at once.
#[component]
fn ElementNav(
    fw: Arc<Framework>,
    review: String,
    shown: Memo<ShownElements>,
    ratings: RwSignal<HashMap<String, Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = fw
        .elements
        .iter()
        .enumerate()
        .map(|(index, element)| {
            let indicators: Vec<String> = element.indicators.iter().map(|x| x.id.clone()).collect();
            let total = indicators.len();
            let rated = Memo::new(move |_| {
                ratings.with(|r| {
                    indicators
                        .iter()
                        .filter(|id| r.get(*id).is_some_and(Option::is_some))
                        .count()
                })
            });
            let status_id = format!("rated-{}", element.id);
            view! {
                <li class="task">
                    <span class="task-name">
                        <a
                            href=element_href(&review, &element.id)
                            aria-describedby=status_id.clone()
                            aria-current=move || (shown.get() == ShownElements::One(index)).then_some("page")
                        >
                            {index + 1} ". " {tr(i18n, &fw, &element.title)}
                        </a>
                    </span>
                    <strong
                        class=move || if rated.get() == total { "tag tag-strong" } else { "tag" }
                        id=status_id
                        data-testid="element-rated"
                    >
                        {move || t!(i18n, review.rated_count, rated = rated.get(), total = total)}
                    </strong>
                </li>
            }
        })
        .collect_view();
    let all = format!("/reviews/{review}?element=all");
    view! {
        <nav class="no-print" aria-labelledby="review-elements-heading">
            <h2 id="review-elements-heading">{t!(i18n, review.elements_heading)}</h2>
            <ol class="task-list">{rows}</ol>
            <p>
                <a href=all aria-current=move || (shown.get() == ShownElements::All).then_some("page")>
                    {t!(i18n, review.all_elements)}
                </a>
            </p>
        </nav>
    }
}

/// One indicator: the school's claim and evidence beside the assessor's
/// rating and comment.
#[component]
fn IndicatorReview(
    fw: Arc<Framework>,
    view: Arc<ReviewView>,
    texts: Arc<SchoolTexts>,
    indicator: String,
    editable: bool,
    ratings: RwSignal<HashMap<String, Option<String>>>,
    comments: RwSignal<HashMap<String, String>>,
    actions: ReviewActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(place) = fw.indicator(&indicator) else {
        return ().into_any();
    };
    let title = tr(i18n, &fw, &place.indicator.title);
    let school_choice = view.answers.levels.get(&indicator).cloned();
    let level_of = |level: Option<&str>| {
        level
            .and_then(|l| fw.level_index(l))
            .map(|l| level_label(i18n, &fw, l))
            .unwrap_or_else(|| t_string!(i18n, assess.not_rated).to_owned())
    };
    let school_level = level_of(school_choice.as_deref());
    let narrative = texts.narrative(&indicator).to_owned();
    let mine: ReviewRating = view
        .ratings
        .iter()
        .find(|r| r.indicator == indicator)
        .cloned()
        .unwrap_or(ReviewRating {
            indicator: indicator.clone(),
            level: None,
            comment: String::new(),
        });
    let evidence: Vec<EvidenceItem> = texts
        .evidence
        .iter()
        .filter(|e| e.indicators.contains(&indicator))
        .cloned()
        .collect();
    let requests: Vec<_> = view
        .requests
        .iter()
        .filter(|r| r.indicator == indicator)
        .cloned()
        .collect();
    let level_id = format!("level-{indicator}");
    let comment_id = format!("comment-{indicator}");
    let message_id = format!("message-{indicator}");
    let heading_id = format!("ind-{indicator}");
    let evidence_view = if evidence.is_empty() {
        view! { <p>{t!(i18n, assess.no_evidence)}</p> }.into_any()
    } else {
        view! {
            <ul class="evidence-list">
                {evidence.into_iter().map(|item| view! { <li><EvidenceShown item /></li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let thread = (!requests.is_empty()).then(|| {
        view! {
            <ul class="thread">
                {requests.into_iter().map(|r| view! {
                    <li>
                        <strong>{t!(i18n, review.asked)}</strong> " " {r.message.clone()}
                        {(!r.sent).then(|| view! { " " <span class="tag">{t!(i18n, review.draft)}</span> })}
                        {r.answer.clone().map(|a| view! {
                            <br /> <strong>{t!(i18n, review.answered)}</strong> " " {a}
                        })}
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let review_id = view.id.clone();
    let assessor_part = if editable {
        // What is chosen and typed now, saved or not (see `ReviewBody`).
        let selected = ratings.with_untracked(|r| r.get(&indicator).cloned().flatten());
        let comment = comments.with_untracked(|c| c.get(&indicator).cloned().unwrap_or_default());
        let indicator_for_input = indicator.clone();
        let options = fw
            .scale
            .iter()
            .map(|l| {
                let id = l.id.clone();
                view! { <option value=id.clone() selected=selected.as_deref() == Some(id.as_str())>{tr(i18n, &fw, &l.label)}</option> }
            })
            .collect_view();
        let indicator_for_change = indicator.clone();
        let (review_a, review_b) = (review_id.clone(), review_id.clone());
        let (indicator_a, indicator_b) = (indicator.clone(), indicator.clone());
        let (title_a, title_b) = (title.clone(), title.clone());
        view! {
            <ActionForm action=actions.save attr:class="assessor-form">
                <input type="hidden" name="review" value=review_a />
                <input type="hidden" name="indicator" value=indicator_a />
                <div class="field">
                    <label class="label" for=level_id.clone()>{t!(i18n, review.your_rating)}</label>
                    <select
                        class="select"
                        id=level_id
                        name="level"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            ratings.update(|r| {
                                r.insert(indicator_for_change.clone(), Some(value).filter(|v| !v.is_empty()));
                            });
                        }
                    >
                        <option value="">{t!(i18n, review.not_validated)}</option>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label class="label" for=comment_id.clone()>{t!(i18n, review.comment)}</label>
                    <textarea
                        class="textarea"
                        id=comment_id
                        name="comment"
                        rows="2"
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            comments.update(|c| {
                                c.insert(indicator_for_input.clone(), value);
                            });
                        }
                    >
                        {comment}
                    </textarea>
                </div>
                <button type="submit" class="button button-secondary">
                    {t!(i18n, review.save_rating)}
                    <span class="visually-hidden">" " {title_a}</span>
                </button>
            </ActionForm>
            <details class="request-evidence">
                <summary>{t!(i18n, review.ask_more)} <span class="visually-hidden">" " {title_b}</span></summary>
                <ActionForm action=actions.request>
                    <input type="hidden" name="review" value=review_b />
                    <input type="hidden" name="indicator" value=indicator_b />
                    <div class="field">
                        <label class="label" for=message_id.clone()>{t!(i18n, review.request_message)}</label>
                        <textarea class="textarea" id=message_id name="message" rows="2" required></textarea>
                    </div>
                    <button type="submit" class="button button-secondary">{t!(i18n, review.add_request)}</button>
                </ActionForm>
            </details>
        }
        .into_any()
    } else {
        let level = level_of(mine.level.as_deref());
        view! {
            <dl class="summary-list">
                <div><dt>{t!(i18n, review.assessor_rating)}</dt><dd>{level}</dd></div>
                <div><dt>{t!(i18n, review.comment)}</dt><dd>{mine.comment.clone()}</dd></div>
            </dl>
        }
        .into_any()
    };
    let article_id = format!("review-{indicator}");
    let labelled_by = heading_id.clone();
    view! {
        <article class="indicator-review" aria-labelledby=labelled_by id=article_id>
            <h3 class="heading-small" id=heading_id>{title}</h3>
            <div class="side-by-side">
                <div>
                    <h4 class="heading-small">{t!(i18n, review.school_side)}</h4>
                    <dl class="summary-list">
                        <div><dt>{t!(i18n, review.school_rating)}</dt><dd>{school_level}</dd></div>
                        <div><dt>{t!(i18n, review.narrative)}</dt><dd class="answer-text">{narrative}</dd></div>
                    </dl>
                    {evidence_view}
                    {thread}
                </div>
                <div>
                    <h4 class="heading-small">{t!(i18n, review.assessor_side)}</h4>
                    {assessor_part}
                </div>
            </div>
        </article>
    }
    .into_any()
}

/// A piece of evidence as the assessor sees it: images inline, files open
/// or download, links and notes as they are.
#[component]
fn EvidenceShown(item: EvidenceItem) -> impl IntoView {
    let href = format!("/evidence/{}/file", item.id);
    let name = item
        .file_name
        .clone()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let image = [".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|ext| name.ends_with(ext));
    match (item.kind, &item.link, &item.note) {
        (EvidenceKind::File, ..) if image => view! {
            <a href=href.clone() target="_blank" rel="noopener">{item.title.clone()}</a>
            <br />
            <img class="evidence-image" src=href alt=item.title.clone() loading="lazy" />
        }
        .into_any(),
        (EvidenceKind::File, ..) => view! {
            <a href=href target="_blank" rel="noopener">{item.title.clone()}</a>
            " " {item.file_name.clone().unwrap_or_default()}
        }
        .into_any(),
        (_, Some(link), _) => view! {
            <a href=link.clone() rel="noopener noreferrer" target="_blank">{item.title.clone()}</a>
        }
        .into_any(),
        (_, None, Some(note)) => {
            view! { <strong>{item.title.clone()}</strong> ": " {note.clone()} }.into_any()
        }
        _ => view! { <strong>{item.title.clone()}</strong> }.into_any(),
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
                    <a href=indicator_href(&view.id, &fw, &r.indicator)>{title}</a> " "
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
    let saved = action_succeeded(actions.visit.value());
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
    let saved = action_succeeded(save.value());
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
    let saved = action_succeeded(answer.value());
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
