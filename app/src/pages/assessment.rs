//! The self-assessment wizard: the task list, one page per element with
//! every answer saved as it is given, and check-your-answers with submit.

use super::ErrorMessage;
use crate::api::assessments::{assessment, AssignElement, SubmitAssessment};
use crate::codec::resource;
use crate::components::forms::{action_error, FormErrors};
use crate::components::labels::{cycle_label, progress_label, status_label};
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::components::score_panel::ScorePanel;
use crate::domain::assessment::{
    by_indicator, element_progress, evidence_counts, missing_for_submission, response_set, Missing,
    Progress, Status,
};
use crate::domain::{score, Framework, ScoreReport};
use crate::error::AppError;
use crate::framework_script::FrameworkScript;
use crate::i18n::*;
use crate::model::AssessmentView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// The route's `:id` (and `:element`).
pub(super) fn route_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

/// Loads the self-assessment named by the route, reloading whenever `key`
/// changes (an action's version, or the element a step shows).
pub(super) fn assessment_resource<K>(
    key: impl Fn() -> K + Send + Sync + 'static,
) -> Resource<Result<AssessmentView, AppError>, crate::codec::Json>
where
    K: Clone + PartialEq + Send + Sync + 'static,
{
    let id = route_param("id");
    resource(move || (id.get(), key()), |(id, _)| assessment(id))
}

use crate::islands::wizard::report_of;

/// The heading block every wizard page shares.
#[component]
pub(super) fn AssessmentHeading(
    view: AssessmentView,
    #[prop(into)] title: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let fw = view.framework.clone();
    let award = fw.award(&view.target_award).map(|a| a.title.clone());
    let (cycle, status) = (view.cycle, view.status);
    let fw_title = {
        let fw = fw.clone();
        move || tr(i18n, &fw, &fw.title)
    };
    let award_title = move || award.as_ref().map(|t| tr(i18n, &fw, t)).unwrap_or_default();
    view! {
        <Title text=title.clone() />
        <FrameworkScript fw=view.framework.clone() />
        <span class="caption">{view.school_name.clone()}</span>
        <h1>{title}</h1>
        <p class="assessment-meta">
            {fw_title} " · " {move || cycle_label(i18n, cycle)} " · " {t!(i18n, assess.target)} " " {award_title}
            " · " <strong class="tag">{move || status_label(i18n, status)}</strong>
        </p>
    }
}

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let assign = ServerAction::<AssignElement>::new();
    let data = assessment_resource(move || assign.version().get());
    view! {
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <TaskList view assign /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, assess.title).to_owned() />
                        <h1>{t!(i18n, assess.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TaskList(view: AssessmentView, assign: ServerAction<AssignElement>) -> impl IntoView {
    let i18n = use_i18n();
    let fw = view.framework.clone();
    let responses = by_indicator(&view.responses);
    let report = Signal::stored(report_of(
        &fw,
        &view.responses,
        &view.evidence,
        &view.context,
    ));
    let assign_error = action_error(assign.value());
    let rows = fw
        .elements
        .iter()
        .enumerate()
        .map(|(n, element)| {
            let progress = element_progress(element, &responses);
            let href = format!("/assessments/{}/elements/{}", view.id, element.id);
            let title = {
                let fw = fw.clone();
                let t = element.title.clone();
                move || tr(i18n, &fw, &t)
            };
            let assignee = view.assignee(&element.id).cloned();
            let status_id = format!("status-{}", element.id);
            let tag_class = match progress {
                Progress::Complete => "tag tag-strong",
                _ => "tag",
            };
            view! {
                <li class="task">
                    <span class="task-name">
                        <a href=href aria-describedby=status_id.clone()>
                            {n + 1} ". " {title}
                        </a>
                        <span class="task-assignee">
                            {match assignee.clone() {
                                Some(a) => view! { {t!(i18n, assess.assigned_to)} " " {a.name} }.into_any(),
                                None => view! { {t!(i18n, assess.unassigned)} }.into_any(),
                            }}
                        </span>
                    </span>
                    <strong class=tag_class id=status_id>
                        {move || progress_label(i18n, progress)}
                    </strong>
                    {view.may_assign.then(|| view! {
                        <AssignForm
                            assessment=view.id.clone()
                            element=element.id.clone()
                            current=assignee.as_ref().map(|a| a.account.clone())
                            people=view.assignable.clone()
                            action=assign
                        />
                    })}
                </li>
            }
        })
        .collect_view();
    let check = format!("/assessments/{}/check", view.id);
    let gaps = format!("/assessments/{}/gaps", view.id);
    let plan = format!("/assessments/{}/plan", view.id);
    // The UNESCO-style framework's buildings indicator is walked on foot.
    let walk = (view.framework.id == crate::domain::accessibility::FRAMEWORK)
        .then(|| format!("/assessments/{}/accessibility", view.id));
    let school = format!("/schools/{}", view.school_id);
    view! {
        <p class="back-link"><a href=school>{t!(i18n, assess.back_to_school)}</a></p>
        <AssessmentHeading view=view.clone() title=t_string!(i18n, assess.title).to_owned() />
        <div class="wizard">
            <div class="wizard-main">
                <h2>{t!(i18n, assess.tasks_heading)}</h2>
                <FormErrors error=assign_error />
                <ol class="task-list">{rows}</ol>
                <p class="button-group">
                    <a class="button" href=check>{t!(i18n, assess.check_link)}</a>
                    <a class="button button-secondary" href=gaps>{t!(i18n, assess.gaps_link)}</a>
                    <a class="button button-secondary" href=plan>{t!(i18n, plan.link)}</a>
                    {walk.map(|href| view! { <a class="button button-secondary" href=href>{t!(i18n, walk.link)}</a> })}
                </p>
            </div>
            <aside class="wizard-aside" aria-label=move || t_string!(i18n, assess.scores_label)>
                <ScorePanel fw=fw.clone() report />
            </aside>
        </div>
        <crate::pages::review::SchoolReviewPanel view=view.clone() />
        {view.previous.clone().map(|previous| view! {
            <SinceLastCycle fw=fw.clone() previous now=report.get_untracked() />
        })}
    }
}

/// Year over year: each element's score in the previous cycle and now, as
/// a chart and (for everyone, including screen readers) a table.
#[component]
fn SinceLastCycle(
    fw: Arc<Framework>,
    previous: crate::model::PreviousCycle,
    now: ScoreReport,
) -> impl IntoView {
    use crate::components::score_panel::percent;
    let i18n = use_i18n();
    let rows: Vec<(String, Option<u32>, u32)> = fw
        .elements
        .iter()
        .zip(&now.elements)
        .map(|(e, s)| {
            let before = previous
                .elements
                .iter()
                .find(|(id, _)| *id == e.id)
                .map(|(_, v)| *v);
            (tr(i18n, &fw, &e.title), before, s.score)
        })
        .collect();
    let change = |before: Option<u32>, now: u32| match before {
        Some(b) if now >= b => format!("+{}", percent(now - b)),
        Some(b) => format!("−{}", percent(b - now)),
        None => String::new(),
    };
    let bar_height = 14;
    let gap = 10;
    let group = 2 * bar_height + gap;
    let height = rows.len() * group;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (_, before, now))| {
            let y = i * group;
            let width = |permille: u32| (permille.min(1000) as f64 / 1000.0 * 300.0).round();
            view! {
                <rect class="bar-last" x="0" y=y width=width(before.unwrap_or(0)) height=bar_height />
                <rect class="bar-now" x="0" y=y + bar_height width=width(*now) height=bar_height />
            }
        })
        .collect_view();
    let table_rows = rows
        .iter()
        .map(|(title, before, now)| {
            view! {
                <tr>
                    <th scope="row">{title.clone()}</th>
                    <td class="numeric">{before.map(percent).unwrap_or_default()}</td>
                    <td class="numeric">{percent(*now)}</td>
                    <td class="numeric">{change(*before, *now)}</td>
                </tr>
            }
        })
        .collect_view();
    let cycle = previous.cycle;
    view! {
        <section class="panel" aria-labelledby="since-heading">
            <h2 id="since-heading">{t!(i18n, assess.since_heading)}</h2>
            <p>
                {t!(i18n, assess.since_intro)} " " {move || cycle_label(i18n, cycle)} " ("
                {previous.created_at.get(..10).unwrap_or_default().to_owned()} ")."
            </p>
            <div class="chart" aria-hidden="true">
                <svg viewBox=format!("0 0 300 {height}") width="300" height=height focusable="false">{bars}</svg>
                <p class="chart-key"><span class="key-last"></span> {t!(i18n, assess.since_last)} " " <span class="key-now"></span> {t!(i18n, assess.since_now)}</p>
            </div>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{t!(i18n, assess.since_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, assess.since_element)}</th>
                            <th scope="col" class="numeric">{t!(i18n, assess.since_last)}</th>
                            <th scope="col" class="numeric">{t!(i18n, assess.since_now)}</th>
                            <th scope="col" class="numeric">{t!(i18n, assess.since_change)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {table_rows}
                        <tr>
                            <th scope="row">{t!(i18n, assess.since_overall)}</th>
                            <td class="numeric">{percent(previous.overall)}</td>
                            <td class="numeric">{percent(now.overall)}</td>
                            <td class="numeric">{change(Some(previous.overall), now.overall)}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn AssignForm(
    assessment: String,
    element: String,
    current: Option<String>,
    people: Vec<crate::model::Assignee>,
    action: ServerAction<AssignElement>,
) -> impl IntoView {
    let i18n = use_i18n();
    let select_id = format!("assign-{element}");
    let options = people
        .into_iter()
        .map(|p| {
            let selected = current.as_deref() == Some(p.account.as_str());
            view! { <option value=p.account selected=selected>{p.name}</option> }
        })
        .collect_view();
    view! {
        <ActionForm action attr:class="assign-form">
            <input type="hidden" name="assessment" value=assessment />
            <input type="hidden" name="element" value=element />
            <label class="visually-hidden" for=select_id.clone()>{t!(i18n, assess.assign_label)}</label>
            <select class="select select-small" id=select_id name="account">
                <option value="" selected=current.is_none()>{t!(i18n, assess.unassigned)}</option>
                {options}
            </select>
            <button type="submit" class="button button-secondary button-small">{t!(i18n, assess.assign)}</button>
        </ActionForm>
    }
}

#[component]
pub fn ElementPage() -> impl IntoView {
    let i18n = use_i18n();
    let element_id = route_param("element");
    // Moving to another element in the browser ("Save and continue") keeps
    // this route: the step is drawn again for the new element, from a fresh
    // read, so it shows the answers saved on the step before.
    let data = assessment_resource(move || element_id.get());
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => {
                        let element = element_id.get_untracked();
                        match view.framework.elements.iter().position(|e| e.id == element) {
                            Some(index) => view! { <ElementStep view index /> }.into_any(),
                            None => view! { <ErrorMessage error=AppError::NotFound /> }.into_any(),
                        }
                    }
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, assess.title).to_owned() />
                        <h1>{t!(i18n, assess.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// One element of the wizard: its heading here, its questions and the
/// score panel in the island.
#[component]
fn ElementStep(view: AssessmentView, index: usize) -> impl IntoView {
    use crate::components::islands::{IslandPage, IslandScripts};
    use crate::framework_script::FrameworkRef;
    use crate::islands::wizard::{ElementAnswers, StepView};
    let i18n = use_i18n();
    let fw = view.framework.clone();
    let element = &fw.elements[index];
    let editable = view.editable.contains(&element.id);
    let title = tr(i18n, &fw, &element.title);
    let summary = tr(i18n, &fw, &element.summary);
    let base = format!("/assessments/{}", view.id);
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let upload_problem = query.get("for").zip(query.get("upload_problem"));
    // The score needs every answer; only this element's narratives are drawn.
    let ours: std::collections::HashSet<&str> =
        element.indicators.iter().map(|i| i.id.as_str()).collect();
    let responses = view
        .responses
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if !ours.contains(r.indicator.as_str()) {
                r.narrative.clear();
            }
            r
        })
        .collect();
    let step = StepView {
        assessment: view.id.clone(),
        index,
        editable,
        responses,
        evidence: view.evidence.clone(),
        upload_problem,
        context: view.context.clone(),
        previous: index
            .checked_sub(1)
            .map(|i| format!("{base}/elements/{}", fw.elements[i].id)),
        next: fw
            .elements
            .get(index + 1)
            .map(|e| format!("{base}/elements/{}", e.id)),
        check: format!("{base}/check"),
    };
    view! {
        <p class="back-link"><a href=base.clone()>{t!(i18n, assess.back_to_tasks)}</a></p>
        <AssessmentHeading view=view.clone() title=title />
        <p class="lead">{summary}</p>
        {(!editable).then(|| view! {
            <p class="notice">{t!(i18n, assess.read_only)}</p>
        })}
        <ElementAnswers page=IslandPage::here() fw=FrameworkRef(fw.clone()) step />
        <IslandScripts />
    }
}

#[component]
pub fn CheckAnswersPage() -> impl IntoView {
    let i18n = use_i18n();
    let submit = ServerAction::<SubmitAssessment>::new();
    let data = assessment_resource(move || submit.version().get());
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <CheckAnswers view submit /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, assess.check_title).to_owned() />
                        <h1>{t!(i18n, assess.check_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CheckAnswers(view: AssessmentView, submit: ServerAction<SubmitAssessment>) -> impl IntoView {
    let i18n = use_i18n();
    let fw = view.framework.clone();
    let responses = by_indicator(&view.responses);
    let mut missing = missing_for_submission(&fw, &responses, &evidence_counts(&view.evidence));
    missing.extend(crate::domain::review::unanswered_requests(
        &fw,
        &view.requests,
    ));
    missing.extend(crate::domain::nonconformity::blocking_missing(
        &fw,
        view.blocked_by.iter().map(String::as_str),
    ));
    let base = format!("/assessments/{}", view.id);
    let submit_error = action_error(submit.value());
    let title_of = |fw: &Framework, indicator: &str| {
        fw.indicator(indicator)
            .map(|r| tr(i18n, fw, &r.indicator.title))
            .unwrap_or_default()
    };
    let missing_list = missing
        .iter()
        .map(|m| {
            let (element, indicator, what) = match m {
                Missing::Rating { element, indicator } => {
                    (element, indicator, t_string!(i18n, assess.missing_rating))
                }
                Missing::Evidence { element, indicator } => {
                    (element, indicator, t_string!(i18n, assess.missing_evidence))
                }
                Missing::EvidenceRequest { element, indicator } => {
                    (element, indicator, t_string!(i18n, review.missing_answer))
                }
                Missing::Unconfirmed { element, indicator } => (
                    element,
                    indicator,
                    t_string!(i18n, assess.missing_confirmation),
                ),
                Missing::MajorNonConformity { element, indicator } => {
                    (element, indicator, t_string!(i18n, nc.missing_major))
                }
            };
            let href = match m {
                Missing::MajorNonConformity { .. } => {
                    format!("/schools/{}/nonconformities", view.school_id)
                }
                _ => format!("{base}/elements/{element}#{indicator}"),
            };
            view! { <li><a href=href>{title_of(&fw, indicator)} ": " {what}</a></li> }
        })
        .collect_view();
    let elements = fw
        .elements
        .iter()
        .map(|element| {
            let rows = element
                .indicators
                .iter()
                .map(|indicator| {
                    let r = responses.get(indicator.id.as_str());
                    let level = r
                        .and_then(|r| r.level.as_deref())
                        .and_then(|l| fw.scale.iter().find(|x| x.id == l))
                        .map(|l| tr(i18n, &fw, &l.label))
                        .unwrap_or_else(|| t_string!(i18n, assess.not_rated).to_owned());
                    let narrative = r.map(|r| r.narrative.clone()).unwrap_or_default();
                    let href = format!("{base}/elements/{}#{}", element.id, indicator.id);
                    let name = tr(i18n, &fw, &indicator.title);
                    view! {
                        <div>
                            <dt>{name.clone()}</dt>
                            <dd>
                                <strong>{level}</strong>
                                {(!narrative.is_empty()).then(|| view! { <p class="answer-text">{narrative}</p> })}
                            </dd>
                            <dd class="summary-action">
                                <a href=href>{t!(i18n, assess.change)}<span class="visually-hidden">" " {name}</span></a>
                            </dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h2>{tr(i18n, &fw, &element.title)}</h2>
                <dl class="summary-list check-list">{rows}</dl>
            }
        })
        .collect_view();
    let ready = missing.is_empty();
    let may_submit = view.may_submit;
    let status = view.status;
    view! {
        <p class="back-link"><a href=base.clone()>{t!(i18n, assess.back_to_tasks)}</a></p>
        <AssessmentHeading view=view.clone() title=t_string!(i18n, assess.check_title).to_owned() />
        {(!ready).then(|| view! {
            <div class="error-summary" aria-labelledby="missing-title" tabindex="-1">
                <h2 id="missing-title">{t!(i18n, assess.missing_title)}</h2>
                <ul>{missing_list}</ul>
            </div>
        })}
        {elements}
        {match (status, may_submit, ready) {
            (Status::Submitted, ..) => view! { <p class="notice notice-success">{t!(i18n, assess.submitted_notice)}</p> }.into_any(),
            (_, true, true) => view! {
                <h2>{t!(i18n, assess.submit_heading)}</h2>
                <p>{t!(i18n, assess.submit_text)}</p>
                <FormErrors error=submit_error />
                <ActionForm action=submit>
                    <input type="hidden" name="assessment" value=view.id.clone() />
                    <button type="submit" class="button">{t!(i18n, assess.submit)}</button>
                </ActionForm>
            }
            .into_any(),
            (_, true, false) => view! { <p>{t!(i18n, assess.not_ready_text)}</p> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

#[component]
pub fn GapAnalysisPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = assessment_resource(|| 0);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <GapAnalysis view /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, assess.gaps_title).to_owned() />
                        <h1>{t!(i18n, assess.gaps_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// What stands between the school and its target award: the rules not met,
/// then the indicators to raise, element by element, largest gap first.
#[component]
fn GapAnalysis(view: AssessmentView) -> impl IntoView {
    use crate::components::score_panel::describe_unmet;
    use crate::domain::scoring::gaps_toward;

    let i18n = use_i18n();
    let fw = view.framework.clone();
    let base = format!("/assessments/{}", view.id);
    let set = response_set(&fw, &view.responses, &evidence_counts(&view.evidence));
    let report = score(&fw, &set, &view.context);
    let target = fw.awards.iter().position(|a| a.id == view.target_award);
    let outcome = target.and_then(|i| report.awards.get(i)).cloned();
    let gaps = target
        .map(|i| gaps_toward(&fw, &set, i))
        .unwrap_or_default();
    let level = {
        let fw = fw.clone();
        move |l: Option<u8>| match l.and_then(|l| fw.scale.get(usize::from(l))) {
            Some(level) => tr(i18n, &fw, &level.label),
            None => t_string!(i18n, assess.not_rated).to_owned(),
        }
    };
    let reasons = outcome.as_ref().map(|o| {
        o.unmet
            .iter()
            .map(|u| view! { <li>{describe_unmet(i18n, &fw, u)}</li> })
            .collect_view()
    });
    let eligible = outcome.as_ref().is_some_and(|o| o.eligible);
    let by_element = fw
        .elements
        .iter()
        .enumerate()
        .filter_map(|(e, element)| {
            let rows: Vec<_> = gaps.iter().filter(|g| g.element == e).collect();
            if rows.is_empty() {
                return None;
            }
            let indicators: Vec<_> = fw.indicators().collect();
            let rows = rows
                .into_iter()
                .map(|g| {
                    let r = indicators[g.indicator];
                    let href = format!("{base}/elements/{}#{}", element.id, r.indicator.id);
                    view! {
                        <tr>
                            <th scope="row"><a href=href>{tr(i18n, &fw, &r.indicator.title)}</a></th>
                            <td>{level(g.current)}</td>
                            <td>{level(Some(g.needed))}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <h2>{tr(i18n, &fw, &element.title)}</h2>
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">{tr(i18n, &fw, &element.title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, assess.gap_indicator)}</th>
                                <th scope="col">{t!(i18n, assess.gap_now)}</th>
                                <th scope="col">{t!(i18n, assess.gap_needed)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })
        })
        .collect_view();
    view! {
        <p class="back-link"><a href=base.clone()>{t!(i18n, assess.back_to_tasks)}</a></p>
        <AssessmentHeading view=view.clone() title=t_string!(i18n, assess.gaps_title).to_owned() />
        {if eligible {
            view! { <p class="notice notice-success">{t!(i18n, assess.gaps_none)}</p> }.into_any()
        } else {
            view! {
                <h2>{t!(i18n, assess.gaps_rules)}</h2>
                <ul>{reasons}</ul>
            }
            .into_any()
        }}
        {by_element}
    }
}
