//! The self-assessment wizard: the task list, one page per element with
//! every answer saved as it is given, and check-your-answers with submit.

use super::ErrorMessage;
use crate::api::assessments::{assessment, AssignElement, SaveResponse, SubmitAssessment};
use crate::codec::resource;
use crate::components::forms::{action_error, load_page, upload_problem, FileField, FormErrors};
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::components::offline;
use crate::components::score_panel::ScorePanel;
use crate::domain::assessment::{
    by_indicator, element_progress, evidence_counts, missing_for_submission, response_set, Cycle,
    EvidenceItem, Missing, Progress, Response, Status,
};
use crate::domain::{score, AwardContext, Element, Framework, ScoreReport};
use crate::error::AppError;
use crate::framework_script::{FrameworkByReference, FrameworkScript};
use crate::i18n::*;
use crate::model::AssessmentView;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// The route's `:id` (and `:element`).
fn route_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

/// Loads the self-assessment named by the route, reloading whenever `key`
/// changes (an action's version, or the element a step shows).
fn assessment_resource<K>(
    key: impl Fn() -> K + Send + Sync + 'static,
) -> Resource<Result<AssessmentView, AppError>, FrameworkByReference>
where
    K: Clone + PartialEq + Send + Sync + 'static,
{
    let id = route_param("id");
    Resource::new_with_options(move || (id.get(), key()), |(id, _)| assessment(id), false)
}

pub fn cycle_label(i18n: I18nContext<Locale>, cycle: Cycle) -> &'static str {
    match cycle {
        Cycle::Initial => t_string!(i18n, assess.cycle_initial),
        Cycle::AnnualReview1 => t_string!(i18n, assess.cycle_annual_1),
        Cycle::AnnualReview2 => t_string!(i18n, assess.cycle_annual_2),
        Cycle::Reaccreditation => t_string!(i18n, assess.cycle_reaccreditation),
    }
}

pub fn status_label(i18n: I18nContext<Locale>, status: Status) -> &'static str {
    match status {
        Status::Draft => t_string!(i18n, assess.status_draft),
        Status::Submitted => t_string!(i18n, assess.status_submitted),
        Status::Returned => t_string!(i18n, assess.status_returned),
    }
}

fn progress_label(i18n: I18nContext<Locale>, progress: Progress) -> &'static str {
    match progress {
        Progress::NotStarted => t_string!(i18n, assess.not_started),
        Progress::InProgress => t_string!(i18n, assess.in_progress),
        Progress::Complete => t_string!(i18n, assess.complete),
    }
}

/// The score of a set of responses, by the shared engine.
fn report_of(fw: &Framework, responses: &[Response], evidence: &[EvidenceItem]) -> ScoreReport {
    score(
        fw,
        &response_set(fw, responses, &evidence_counts(evidence)),
        &AwardContext::default(),
    )
}

/// The heading block every wizard page shares.
#[component]
fn AssessmentHeading(view: AssessmentView, #[prop(into)] title: String) -> impl IntoView {
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
    let report = Signal::stored(report_of(&fw, &view.responses, &view.evidence));
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

/// One element: every indicator as a question, answers saved as given.
#[component]
fn ElementStep(view: AssessmentView, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let fw = view.framework.clone();
    let element: Element = fw.elements[index].clone();
    let editable = view.editable.contains(&element.id);
    let connectivity = Connectivity {
        online: RwSignal::new(true),
        waiting: RwSignal::new(0),
    };
    provide_context(connectivity);
    {
        let id = view.id.clone();
        // In the browser only: what the browser knows about the connection.
        Effect::new(move |_| {
            connectivity.online.set(offline::is_online());
            connectivity.waiting.set(offline::waiting(&id));
        });
    }
    let _ = window_event_listener(leptos::ev::online, move |_| {
        let _ = connectivity.online.try_set(true);
    });
    let _ = window_event_listener(leptos::ev::offline, move |_| {
        let _ = connectivity.online.try_set(false);
    });
    let banner = move || {
        let (online, waiting) = (connectivity.online.get(), connectivity.waiting.get());
        if !online {
            Some(view! { <p class="notice connectivity">{t!(i18n, assess.offline_banner, count = waiting)}</p> }.into_any())
        } else if waiting > 0 {
            Some(view! { <p class="notice connectivity">{t!(i18n, assess.waiting_banner, count = waiting)}</p> }.into_any())
        } else {
            None
        }
    };
    // Every response of the assessment; this page's answers update it as
    // they are given, so the score panel moves with them.
    let responses = RwSignal::new(view.responses.clone());
    let evidence = RwSignal::new(view.evidence.clone());
    let report = {
        let fw = fw.clone();
        Memo::new(move |_| responses.with(|r| evidence.with(|e| report_of(&fw, r, e))))
    };
    let questions = element
        .indicators
        .iter()
        .map(|indicator| {
            let saved = view
                .responses
                .iter()
                .find(|r| r.indicator == indicator.id)
                .cloned();
            view! {
                <Question
                    fw=fw.clone()
                    assessment=view.id.clone()
                    indicator=indicator.clone()
                    saved
                    editable
                    responses
                    evidence
                />
            }
        })
        .collect_view();
    let title = tr(i18n, &fw, &element.title);
    let summary = tr(i18n, &fw, &element.summary);
    let base = format!("/assessments/{}", view.id);
    let previous = index
        .checked_sub(1)
        .map(|i| format!("{base}/elements/{}", fw.elements[i].id));
    let next = fw
        .elements
        .get(index + 1)
        .map(|e| format!("{base}/elements/{}", e.id));
    let check = format!("{base}/check");
    view! {
        <p class="back-link"><a href=base.clone()>{t!(i18n, assess.back_to_tasks)}</a></p>
        <AssessmentHeading view=view.clone() title=title />
        <p class="lead">{summary}</p>
        {(!editable).then(|| view! {
            <p class="notice">{t!(i18n, assess.read_only)}</p>
        })}
        <div role="status" class="notice-slot">{banner}</div>
        <div class="wizard">
            <div class="wizard-main">
                {questions}
                <nav class="step-nav" aria-label=move || t_string!(i18n, assess.steps_label)>
                    {previous.map(|href| view! { <a href=href class="button button-secondary">{t!(i18n, assess.previous)}</a> })}
                    {match next {
                        Some(href) => view! { <a href=href class="button">{t!(i18n, assess.next)}</a> }.into_any(),
                        None => view! { <a href=check class="button">{t!(i18n, assess.check_link)}</a> }.into_any(),
                    }}
                </nav>
            </div>
            <aside class="wizard-aside" aria-label=move || t_string!(i18n, assess.scores_label)>
                <ScorePanel fw=fw.clone() report=report.into() />
            </aside>
        </div>
    }
}

/// Whether the browser is online, and how many answers wait on this
/// device to be saved; shared by the questions of a page.
#[derive(Clone, Copy)]
struct Connectivity {
    online: RwSignal<bool>,
    waiting: RwSignal<usize>,
}

/// Where one answer's saving stands.
#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    Idle,
    /// Typed, and saving in a moment.
    Pending,
    Saving,
    Saved(String),
    Conflict(Response),
    /// No connection: kept on this device, saved when it is back.
    Offline,
    Failed(AppError),
}

/// One indicator: guidance, the rating scale, a narrative; saved when a
/// level is chosen and a second after typing stops (and by its button,
/// which is all there is without JavaScript).
#[component]
fn Question(
    fw: Arc<Framework>,
    assessment: String,
    indicator: crate::domain::Indicator,
    saved: Option<Response>,
    editable: bool,
    responses: RwSignal<Vec<Response>>,
    evidence: RwSignal<Vec<EvidenceItem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = indicator.id.clone();
    let level = RwSignal::new(saved.as_ref().and_then(|r| r.level.clone()));
    let narrative = RwSignal::new(
        saved
            .as_ref()
            .map(|r| r.narrative.clone())
            .unwrap_or_default(),
    );
    let version = RwSignal::new(saved.as_ref().map_or(0, |r| r.version));
    let state = RwSignal::new(match &saved {
        Some(r) => SaveState::Saved(r.updated_at.clone()),
        None => SaveState::Idle,
    });
    let action = ServerAction::<SaveResponse>::new();
    let connectivity = expect_context::<Connectivity>();
    // Every edit is kept on this device first, until the server has it.
    let keep = {
        let assessment = assessment.clone();
        let id = id.clone();
        move || {
            let draft = offline::Draft {
                level: level.get_untracked(),
                narrative: narrative.get_untracked(),
                base_version: version.get_untracked(),
            };
            offline::remember(&assessment, &id, &draft);
            let _ = connectivity.waiting.try_set(offline::waiting(&assessment));
        }
    };
    // One save at a time: a save made while another is on its way waits
    // for it (else it would be based on the version before, and conflict
    // with one's own answer).
    let queued = StoredValue::new(false);
    let dispatch_now = {
        let assessment = assessment.clone();
        let id = id.clone();
        move || {
            state.set(SaveState::Saving);
            action.dispatch(SaveResponse {
                assessment: assessment.clone(),
                indicator: id.clone(),
                level: level.get_untracked().unwrap_or_default(),
                narrative: narrative.get_untracked(),
                base_version: version.get_untracked(),
            });
        }
    };
    let save = {
        let dispatch_now = dispatch_now.clone();
        move || {
            if action.pending().get_untracked() {
                queued.set_value(true);
            } else {
                dispatch_now();
            }
        }
    };
    // Keep the page's copy of the responses (for the score) in step.
    {
        let id = id.clone();
        Effect::new(move |_| {
            let chosen = level.get();
            let text = narrative.get();
            responses.update(|all| match all.iter_mut().find(|r| r.indicator == id) {
                Some(r) => {
                    r.level = chosen;
                    r.narrative = text;
                }
                None => all.push(Response {
                    indicator: id.clone(),
                    level: chosen,
                    narrative: text,
                    version: 0,
                    updated_by: String::new(),
                    updated_at: String::new(),
                }),
            });
        });
    }
    {
        let assessment = assessment.clone();
        let id = id.clone();
        Effect::new(move |_| match action.value().get() {
            Some(Ok(saved)) if queued.get_value() => {
                queued.set_value(false);
                version.set(saved.version);
                keep_version(&assessment, &id, saved.version);
                dispatch_now();
            }
            Some(Ok(saved)) => {
                version.set(saved.version);
                // Forget the draft only if nothing was typed since this save left.
                let same = level.get_untracked() == saved.level
                    && narrative.with_untracked(|n| *n == saved.narrative);
                if same {
                    offline::forget(&assessment, &id);
                } else {
                    keep_version(&assessment, &id, saved.version);
                }
                let _ = connectivity.waiting.try_set(offline::waiting(&assessment));
                state.set(SaveState::Saved(saved.updated_at));
            }
            Some(Err(AppError::StaleResponse { current })) => {
                state.set(SaveState::Conflict(*current))
            }
            Some(Err(AppError::Request(_))) => state.set(SaveState::Offline),
            Some(Err(error)) => state.set(SaveState::Failed(error)),
            None => {}
        });
    }
    // A draft left from before (a reload, a closed tab, no connection):
    // put it back and save it.
    {
        let assessment = assessment.clone();
        let id = id.clone();
        let save = save.clone();
        let saved = saved.clone();
        Effect::new(move |_| {
            let Some(draft) = offline::recall(&assessment, &id) else {
                return;
            };
            let unchanged = saved
                .as_ref()
                .is_some_and(|s| s.level == draft.level && s.narrative == draft.narrative);
            if unchanged {
                offline::forget(&assessment, &id);
                return;
            }
            level.set(draft.level);
            narrative.set(draft.narrative);
            version.set(draft.base_version);
            if offline::is_online() {
                save();
            } else {
                state.set(SaveState::Offline);
            }
        });
    }
    // Back online: save what waited.
    {
        let assessment = assessment.clone();
        let id = id.clone();
        let save = save.clone();
        Effect::new(move |was: Option<bool>| {
            let now = connectivity.online.get();
            if now && was == Some(false) && offline::recall(&assessment, &id).is_some() {
                save();
            }
            now
        });
    }
    let keep_typed = keep.clone();
    // Typing saves a second after the last key.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_soon = {
        let save = save.clone();
        move || {
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            state.set(SaveState::Pending);
            let save = save.clone();
            pending.set_value(
                set_timeout_with_handle(save, std::time::Duration::from_millis(1000)).ok(),
            );
        }
    };
    let keep_mine = {
        let save = save.clone();
        move |current: Response| {
            version.set(current.version);
            save();
        }
    };
    let use_theirs = move |current: Response| {
        level.set(current.level.clone());
        narrative.set(current.narrative.clone());
        version.set(current.version);
        state.set(SaveState::Saved(current.updated_at));
    };
    let heading_id = format!("q-{id}");
    let narrative_id = format!("narrative-{id}");
    let status_id = format!("save-{id}");
    let title = tr(i18n, &fw, &indicator.title);
    let guidance = indicator
        .guidance
        .iter()
        .map(|g| view! { <li>{tr(i18n, &fw, g)}</li> })
        .collect_view();
    let examples = indicator
        .evidence_examples
        .iter()
        .map(|g| view! { <li>{tr(i18n, &fw, g)}</li> })
        .collect_view();
    let levels = fw
        .scale
        .iter()
        .map(|l| {
            let input_id = format!("{id}-{}", l.id);
            let hint_id = format!("{input_id}-hint");
            let value = l.id.clone();
            let checked_value = l.id.clone();
            let initially = level.with_untracked(|chosen| chosen.as_deref() == Some(l.id.as_str()));
            let save = save.clone();
            let keep = keep.clone();
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=input_id.clone()
                        name="level"
                        value=value.clone()
                        aria-describedby=hint_id.clone()
                        disabled=!editable
                        checked=initially
                        prop:checked=move || level.with(|l| l.as_deref() == Some(checked_value.as_str()))
                        on:change=move |_| {
                            level.set(Some(value.clone()));
                            keep();
                            save();
                        }
                    />
                    <label class="radio-label" for=input_id>{tr(i18n, &fw, &l.label)}</label>
                    <p class="hint radio-hint" id=hint_id>{tr(i18n, &fw, &l.descriptor)}</p>
                </div>
            }
        })
        .collect_view();
    let level_name = {
        let fw = fw.clone();
        move |level: &Option<String>| {
            level
                .as_deref()
                .and_then(|l| fw.scale.iter().find(|x| x.id == l))
                .map(|l| tr(i18n, &fw, &l.label))
                .unwrap_or_else(|| t_string!(i18n, assess.not_rated).to_owned())
        }
    };
    let status = move || match state.get() {
        SaveState::Idle => None,
        SaveState::Pending => Some(view! { <span>{t!(i18n, assess.pending)}</span> }.into_any()),
        SaveState::Saving => Some(view! { <span>{t!(i18n, assess.saving)}</span> }.into_any()),
        SaveState::Saved(at) => {
            let time = at.get(11..16).unwrap_or_default().to_owned();
            Some(view! { <span>{t!(i18n, assess.saved_at)} " " <time datetime=at>{time} " UTC"</time></span> }.into_any())
        }
        SaveState::Offline => {
            Some(view! { <span>{t!(i18n, assess.offline_kept)}</span> }.into_any())
        }
        SaveState::Failed(error) => Some(view! { <ErrorMessage error /> }.into_any()),
        SaveState::Conflict(current) => {
            let theirs = current.clone();
            let mine = current.clone();
            let keep_mine = keep_mine.clone();
            let their_level = level_name(&current.level);
            let level_name = level_name.clone();
            Some(
                view! {
                    <div class="conflict" role="alert">
                        <p><strong>{t!(i18n, assess.conflict_title)}</strong></p>
                        <p>{t!(i18n, assess.conflict_theirs)} " (" {current.updated_by.clone()} "): "
                            <strong>{their_level}</strong></p>
                        <blockquote class="conflict-text">{current.narrative.clone()}</blockquote>
                        <p>{t!(i18n, assess.conflict_yours)} ": " <strong>{move || level_name(&level.get())}</strong></p>
                        <blockquote class="conflict-text">{move || narrative.get()}</blockquote>
                        <div class="button-group">
                            <button type="button" class="button" on:click=move |_| keep_mine(mine.clone())>
                                {t!(i18n, assess.keep_mine)}
                            </button>
                            <button type="button" class="button button-secondary" on:click=move |_| use_theirs(theirs.clone())>
                                {t!(i18n, assess.use_theirs)}
                            </button>
                        </div>
                    </div>
                }
                .into_any(),
            )
        }
    };
    let initial_narrative = narrative.get_untracked();
    let section_id = id.clone();
    let hidden_id = id.clone();
    let evidence_indicator = id.clone();
    let hidden_assessment = assessment.clone();
    let evidence_assessment = assessment.clone();
    view! {
        <section class="question panel" id=section_id aria-labelledby=heading_id.clone()>
            <h2 class="question-title" id=heading_id.clone()>{title}</h2>
            {indicator.evidence_required.then(|| view! { <p class="tag">{t!(i18n, assess.evidence_required)}</p> })}
            <details class="guidance">
                <summary>{t!(i18n, assess.guidance)}</summary>
                <ul>{guidance}</ul>
                <p>{t!(i18n, assess.evidence_examples)}</p>
                <ul>{examples}</ul>
            </details>
            <ActionForm action>
                <input type="hidden" name="assessment" value=hidden_assessment />
                <input type="hidden" name="indicator" value=hidden_id />
                <input type="hidden" name="base_version" value=move || version.get().to_string() />
                <fieldset class="fieldset">
                    <legend class="legend">{t!(i18n, assess.rating_legend)}</legend>
                    <div class="radios">{levels}</div>
                </fieldset>
                <div class="field">
                    <label class="label" for=narrative_id.clone()>{t!(i18n, assess.narrative)}</label>
                    <p class="hint" id=format!("{narrative_id}-hint")>{t!(i18n, assess.narrative_hint)}</p>
                    <textarea
                        class="textarea"
                        id=narrative_id.clone()
                        name="narrative"
                        rows="5"
                        aria-describedby=format!("{narrative_id}-hint {status_id}")
                        disabled=!editable
                        prop:value=move || narrative.get()
                        on:input:target=move |ev| {
                            narrative.set(ev.target().value());
                            keep_typed();
                            save_soon();
                        }
                    >
                        {initial_narrative}
                    </textarea>
                </div>
                <div class="save-row">
                    {editable.then(|| view! {
                        <button type="submit" class="button button-secondary">{t!(i18n, assess.save)}</button>
                    })}
                    <p class="save-status" id=status_id role="status">{status}</p>
                </div>
            </ActionForm>
            <EvidenceList assessment=evidence_assessment indicator=evidence_indicator editable evidence />
        </section>
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
    missing.extend(crate::domain::assessment::unanswered_requests(
        &fw,
        &view.requests,
    ));
    let base = format!("/assessments/{}", view.id);
    let submit_error = action_error(submit.value());
    {
        let base = base.clone();
        Effect::new(move |_| {
            if let Some(Ok(())) = submit.value().get() {
                load_page(&base);
            }
        });
    }
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
            };
            let href = format!("{base}/elements/{element}#{indicator}");
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

/// The evidence tied to one indicator, and a form to add a link or note.
#[component]
fn EvidenceList(
    assessment: String,
    indicator: String,
    editable: bool,
    evidence: RwSignal<Vec<EvidenceItem>>,
) -> impl IntoView {
    use crate::api::assessments::{AddEvidence, RemoveEvidence};
    let i18n = use_i18n();
    let add = ServerAction::<AddEvidence>::new();
    let remove = ServerAction::<RemoveEvidence>::new();
    let add_error = action_error(add.value());
    let remove_error = action_error(remove.value());
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(item)) = add.value().get() {
            evidence.update(|all| {
                if !all.iter().any(|e| e.id == item.id) {
                    all.push(item);
                }
            });
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(input)) = (remove.value().get(), remove.input().get()) {
            evidence.update(|all| all.retain(|e| e.id != input.evidence));
        }
    });
    let mine = {
        let indicator = indicator.clone();
        move || {
            evidence.with(|all| {
                all.iter()
                    .filter(|e| e.indicators.contains(&indicator))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let problems = Signal::derive(move || match add_error.get() {
        Some(AppError::InvalidEvidence { problems }) => problems
            .iter()
            .map(|p| evidence_problem(i18n, *p))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    let other_error = Signal::derive(move || match add_error.get().or(remove_error.get()) {
        Some(AppError::InvalidEvidence { .. }) | None => None,
        Some(error) => Some(error),
    });
    let title_id = format!("evidence-title-{indicator}");
    let link_id = format!("evidence-link-{indicator}");
    let note_id = format!("evidence-note-{indicator}");
    let heading_id = format!("evidence-{indicator}");
    let assessment_for_items = assessment.clone();
    let upload_assessment = assessment.clone();
    let upload_indicator = indicator.clone();
    view! {
        <div class="evidence">
            <h3 class="heading-small" id=heading_id>{t!(i18n, assess.evidence_heading)}</h3>
            {move || {
                let items = mine();
                if items.is_empty() {
                    return view! { <p>{t!(i18n, assess.no_evidence)}</p> }.into_any();
                }
                let assessment = assessment_for_items.clone();
                view! {
                    <ul class="evidence-list">
                        {items.into_iter().map(|item| {
                            let shown = match (&item.link, &item.note) {
                                _ if item.kind == crate::domain::assessment::EvidenceKind::File => {
                                    let size = item.size.map(|b| format!(" ({} KB)", b.div_ceil(1024))).unwrap_or_default();
                                    view! {
                                        <a href=format!("/evidence/{}/file", item.id)>{item.title.clone()}</a>
                                        " " {item.file_name.clone().unwrap_or_default()} {size}
                                    }
                                    .into_any()
                                }
                                (Some(link), _) => view! { <a href=link.clone() rel="noopener noreferrer" target="_blank">{item.title.clone()}</a> }.into_any(),
                                (None, Some(note)) => view! { <strong>{item.title.clone()}</strong> ": " {note.clone()} }.into_any(),
                                _ => view! { <strong>{item.title.clone()}</strong> }.into_any(),
                            };
                            let title = item.title.clone();
                            let assessment = assessment.clone();
                            view! {
                                <li>
                                    {shown}
                                    {editable.then(|| view! {
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="assessment" value=assessment.clone() />
                                            <input type="hidden" name="evidence" value=item.id.clone() />
                                            " "
                                            <button type="submit" class="link-button">
                                                {t!(i18n, school.remove)}
                                                <span class="visually-hidden">" " {title}</span>
                                            </button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {move || other_error.get().map(|error| view! { <ErrorMessage error /> })}
            {editable.then(|| view! {
                <details class="add-evidence">
                    <summary>{t!(i18n, assess.add_evidence)}</summary>
                    <div role="alert">
                        {move || {
                            let list = problems.get();
                            (!list.is_empty()).then(|| view! {
                                <ul class="error-message">{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            })
                        }}
                    </div>
                    <ActionForm action=add node_ref=form attr:novalidate=true>
                        <input type="hidden" name="assessment" value=assessment.clone() />
                        <input type="hidden" name="indicator" value=indicator.clone() />
                        <div class="field">
                            <label class="label" for=title_id.clone()>{t!(i18n, assess.evidence_title)}</label>
                            <input class="input" id=title_id name="title" type="text" />
                        </div>
                        <div class="field">
                            <label class="label" for=link_id.clone()>{t!(i18n, assess.evidence_link)}</label>
                            <p class="hint" id=format!("{link_id}-hint")>{t!(i18n, assess.evidence_link_hint)}</p>
                            <input class="input" id=link_id.clone() name="link" type="url" aria-describedby=format!("{link_id}-hint") />
                        </div>
                        <div class="field">
                            <label class="label" for=note_id.clone()>{t!(i18n, assess.evidence_note)}</label>
                            <textarea class="textarea" id=note_id name="note" rows="3"></textarea>
                        </div>
                        <button type="submit" class="button button-secondary">{t!(i18n, assess.add_evidence_submit)}</button>
                    </ActionForm>
                </details>
                <UploadForm assessment=upload_assessment indicator=upload_indicator />
            })}
        </div>
    }
}

fn evidence_problem(
    i18n: I18nContext<Locale>,
    problem: crate::domain::assessment::EvidenceInputError,
) -> &'static str {
    use crate::domain::assessment::EvidenceInputError as E;
    match problem {
        E::TitleMissing => t_string!(i18n, assess.evidence_title_missing),
        E::TitleTooLong => t_string!(i18n, assess.evidence_title_too_long),
        E::LinkOrNote => t_string!(i18n, assess.evidence_link_or_note),
        E::BadLink => t_string!(i18n, assess.evidence_bad_link),
        E::NoteTooLong => t_string!(i18n, assess.evidence_note_too_long),
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
    let report = score(&fw, &set, &AwardContext::default());
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

/// Uploading a file as evidence: a plain form post (it works the same with
/// and without JavaScript), checked by content on the server.
#[component]
fn UploadForm(assessment: String, indicator: String) -> impl IntoView {
    let i18n = use_i18n();
    let problem = upload_problem("for", "upload_problem", indicator.clone());
    let title_id = format!("evidence-file-title-{indicator}");
    view! {
        <details class="add-evidence" open=move || problem.with(Option::is_some)>
            <summary>{t!(i18n, assess.upload)}</summary>
            <form method="post" action=format!("/assessments/{assessment}/evidence") enctype="multipart/form-data">
                <input type="hidden" name="indicator" value=indicator.clone() />
                <div class="field">
                    <label class="label" for=title_id.clone()>{t!(i18n, assess.evidence_title)}</label>
                    <p class="hint" id=format!("{title_id}-hint")>{t!(i18n, assess.upload_title_hint)}</p>
                    <input class="input" id=title_id.clone() name="title" type="text" aria-describedby=format!("{title_id}-hint") />
                </div>
                <FileField id=format!("evidence-file-{indicator}") problem />
                <button type="submit" class="button button-secondary">{t!(i18n, assess.upload_submit)}</button>
            </form>
        </details>
    }
}

/// Moves a kept draft onto the version the server now has, so that saving
/// it later is not taken for a conflict with one's own earlier save.
fn keep_version(assessment: &str, indicator: &str, version: u32) {
    if let Some(mut draft) = offline::recall(assessment, indicator) {
        draft.base_version = version;
        offline::remember(assessment, indicator, &draft);
    }
}

#[component]
pub fn ActionPlanPage() -> impl IntoView {
    use crate::api::assessments::{action_plan, AddAction};
    let i18n = use_i18n();
    let data = assessment_resource(|| 0);
    let add = ServerAction::<AddAction>::new();
    let update = ServerAction::<crate::api::assessments::UpdateAction>::new();
    let id = route_param("id");
    let plan = resource(
        move || (id.get(), add.version().get(), update.version().get()),
        |(id, ..)| action_plan(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/assessments/{}", view.id)>{t!(i18n, assess.back_to_tasks)}</a></p>
                        <AssessmentHeading view=view.clone() title=t_string!(i18n, plan.title).to_owned() />
                        <p>{t!(i18n, plan.intro)}</p>
                        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                            {
                                let view = view.clone();
                                move || {
                                    let view = view.clone();
                                    Suspend::new(async move {
                                        match plan.await {
                                            Ok((actions, today, may_manage)) => view! {
                                                <Plan view actions today may_manage add update />
                                            }
                                            .into_any(),
                                            Err(error) => view! { <ErrorMessage error /> }.into_any(),
                                        }
                                    })
                                }
                            }
                        </Transition>
                    }
                    .into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, plan.title).to_owned() />
                        <h1>{t!(i18n, plan.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

fn action_status_label(
    i18n: I18nContext<Locale>,
    status: crate::domain::action_plan::ActionStatus,
) -> &'static str {
    use crate::domain::action_plan::ActionStatus as S;
    match status {
        S::Planned => t_string!(i18n, plan.status_planned),
        S::InProgress => t_string!(i18n, plan.status_in_progress),
        S::Done => t_string!(i18n, plan.status_done),
    }
}

#[component]
fn Plan(
    view: AssessmentView,
    actions: Vec<crate::domain::action_plan::PlanAction>,
    today: String,
    may_manage: bool,
    add: ServerAction<crate::api::assessments::AddAction>,
    update: ServerAction<crate::api::assessments::UpdateAction>,
) -> impl IntoView {
    use crate::domain::action_plan::ActionStatus;
    let i18n = use_i18n();
    let fw = view.framework.clone();
    let update_error = action_error(update.value());
    let indicator_title = {
        let fw = fw.clone();
        move |id: &str| {
            fw.indicator(id)
                .map(|r| tr(i18n, &fw, &r.indicator.title))
                .unwrap_or_else(|| id.to_owned())
        }
    };
    let editable = may_manage;
    let items = if actions.is_empty() {
        view! { <p>{t!(i18n, plan.none)}</p> }.into_any()
    } else {
        actions
            .into_iter()
            .map(|a| {
                let overdue = a.is_overdue(&today);
                let status = a.status;
                let progress_id = format!("progress-{}", a.id);
                let status_id = format!("status-{}", a.id);
                let assessment_id = view.id.clone();
                view! {
                    <article class="panel plan-action">
                        <h2 class="heading-small">{a.description.clone()}</h2>
                        {overdue.then(|| view! { <p><strong class="tag tag-warning">{t!(i18n, plan.overdue)}</strong></p> })}
                        {a.carried_from.is_some().then(|| view! { <p class="hint">{t!(i18n, plan.carried)}</p> })}
                        <dl class="summary-list">
                            <div><dt>{t!(i18n, plan.indicator)}</dt><dd>{indicator_title(&a.indicator)}</dd></div>
                            <div><dt>{t!(i18n, plan.owner)}</dt><dd>{a.owner.clone()}</dd></div>
                            <div><dt>{t!(i18n, plan.due)}</dt><dd>{a.due_on.clone().unwrap_or_default()}</dd></div>
                            <div><dt>{t!(i18n, plan.status)}</dt><dd>{move || action_status_label(i18n, status)}</dd></div>
                            <div><dt>{t!(i18n, plan.success)}</dt><dd>{a.success_measure.clone()}</dd></div>
                        </dl>
                        {(!a.progress.is_empty()).then(|| view! { <p class="answer-text">{a.progress.clone()}</p> })}
                        {editable.then(|| view! {
                            <ActionForm action=update>
                                <input type="hidden" name="assessment" value=assessment_id />
                                <input type="hidden" name="action" value=a.id.clone() />
                                <input type="hidden" name="version" value=a.version.to_string() />
                                <div class="field">
                                    <label class="label" for=status_id.clone()>{t!(i18n, plan.status)}</label>
                                    <select class="select select-small" id=status_id name="status">
                                        {ActionStatus::ALL.into_iter().map(|s| view! {
                                            <option value=s.as_str() selected=s == status>{move || action_status_label(i18n, s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="label" for=progress_id.clone()>{t!(i18n, plan.progress)}</label>
                                    <textarea class="textarea" id=progress_id name="progress" rows="2">{a.progress.clone()}</textarea>
                                </div>
                                <button type="submit" class="button button-secondary">{t!(i18n, plan.update)}</button>
                            </ActionForm>
                        })}
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    let groups = fw
        .elements
        .iter()
        .map(|e| {
            let options = e
                .indicators
                .iter()
                .map(|i| view! { <option value=i.id.clone()>{tr(i18n, &fw, &i.title)}</option> })
                .collect_view();
            view! { <optgroup label=tr(i18n, &fw, &e.title)>{options}</optgroup> }
        })
        .collect_view();
    let add_assessment = view.id.clone();
    let add_error = action_error(add.value());
    let add_problems = Signal::derive(move || match add_error.get() {
        Some(AppError::InvalidAction { problems }) => {
            problems.iter().map(|p| action_problem(i18n, *p)).collect()
        }
        _ => Vec::<&'static str>::new(),
    });
    view! {
        <FormErrors error=update_error />
        {items}
        {may_manage.then(|| view! {
            <section class="panel" aria-labelledby="add-action-heading">
                <h2 id="add-action-heading">{t!(i18n, plan.add_heading)}</h2>
                <div role="alert">
                    {move || {
                        let list = add_problems.get();
                        (!list.is_empty()).then(|| view! {
                            <div class="error-summary">
                                <h3>{t!(i18n, common.error_summary_title)}</h3>
                                <ul>{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            </div>
                        })
                    }}
                </div>
                <ActionForm action=add attr:novalidate=true>
                    <input type="hidden" name="assessment" value=add_assessment />
                    <div class="field">
                        <label class="label" for="action-indicator">{t!(i18n, plan.indicator)}</label>
                        <select class="select" id="action-indicator" name="indicator">{groups}</select>
                    </div>
                    <div class="field">
                        <label class="label" for="action-description">{t!(i18n, plan.description)}</label>
                        <textarea class="textarea" id="action-description" name="description" rows="3"></textarea>
                    </div>
                    <div class="field">
                        <label class="label" for="action-owner">{t!(i18n, plan.owner)}</label>
                        <input class="input" id="action-owner" name="owner" type="text" />
                    </div>
                    <div class="field">
                        <label class="label" for="action-due">{t!(i18n, plan.due)}</label>
                        <p class="hint" id="action-due-hint">{t!(i18n, plan.due_hint)}</p>
                        <input class="input input-short" id="action-due" name="due_on" type="date" aria-describedby="action-due-hint" />
                    </div>
                    <div class="field">
                        <label class="label" for="action-success">{t!(i18n, plan.success)}</label>
                        <textarea class="textarea" id="action-success" name="success_measure" rows="2"></textarea>
                    </div>
                    <button type="submit" class="button">{t!(i18n, plan.add)}</button>
                </ActionForm>
            </section>
        })}
    }
}

fn action_problem(
    i18n: I18nContext<Locale>,
    problem: crate::domain::action_plan::ActionInputError,
) -> &'static str {
    use crate::domain::action_plan::ActionInputError as E;
    match problem {
        E::DescriptionMissing => t_string!(i18n, plan.err_description),
        E::DescriptionTooLong => t_string!(i18n, plan.err_description_long),
        E::OwnerMissing => t_string!(i18n, plan.err_owner),
        E::OwnerTooLong => t_string!(i18n, plan.err_owner_long),
        E::BadDate => t_string!(i18n, plan.err_date),
        E::UnknownIndicator => t_string!(i18n, plan.err_indicator),
    }
}
