//! The self-assessment wizard's island: one element's questions, each
//! answer saved as it is given (a second after typing stops, or when a level
//! is chosen), kept on the device until the server has it (offline too), a
//! conflicting save offered side by side, and the score panel moving with
//! the answers, worked out by the same engine the server uses.

use crate::api::assessments::SaveResponse;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{action_error, FileField};
use crate::components::islands::IslandPage;
use crate::components::layout::tr;
use crate::components::offline;
use crate::components::score_panel::ScorePanel;
use crate::domain::assessment::{evidence_counts, response_set, EvidenceItem, Response};
use crate::domain::{score, AwardContext, Element, Framework, ScoreReport};
use crate::error::AppError;
use crate::framework_script::FrameworkRef;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The score of a set of responses, by the shared engine, with what the
/// award rules know about the school.
pub fn report_of(
    fw: &Framework,
    responses: &[Response],
    evidence: &[EvidenceItem],
    context: &AwardContext,
) -> ScoreReport {
    score(
        fw,
        &response_set(fw, responses, &evidence_counts(evidence)),
        context,
    )
}

/// One element of a self-assessment, drawn in the page around it: where
/// the step's links lead, and a refused upload's reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub assessment: String,
    /// The element's place in the framework.
    pub index: usize,
    /// Whether the viewer may answer this element.
    pub editable: bool,
    /// Every response of the self-assessment (the score needs them all;
    /// only this element's carry their narratives).
    pub responses: Vec<Response>,
    pub evidence: Vec<EvidenceItem>,
    /// `(indicator, problem)` of an upload refused just now.
    pub upload_problem: Option<(String, String)>,
    /// What the award rules know about the school beyond its answers.
    pub context: AwardContext,
    pub previous: Option<String>,
    /// The next element, or the check-your-answers page after the last.
    pub next: Option<String>,
    pub check: String,
}

/// One element: every indicator as a question, answers saved as they are
/// given (kept on the device until the server has them), and the score
/// panel moving with them. The only part of the wizard the browser runs.
#[island]
pub fn ElementAnswers(page: IslandPage, fw: FrameworkRef, step: StepView) -> impl IntoView {
    page.provide();
    let i18n = use_i18n();
    let fw: Arc<Framework> = fw.0;
    let element: Element = fw.elements[step.index].clone();
    let editable = step.editable;
    let connectivity = Connectivity {
        online: RwSignal::new(true),
        waiting: RwSignal::new(0),
    };
    provide_context(connectivity);
    {
        let id = step.assessment.clone();
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
    let responses = RwSignal::new(step.responses.clone());
    let evidence = RwSignal::new(step.evidence.clone());
    let report = {
        let (fw, context) = (fw.clone(), step.context.clone());
        Memo::new(move |_| responses.with(|r| evidence.with(|e| report_of(&fw, r, e, &context))))
    };
    let questions = element
        .indicators
        .iter()
        .map(|indicator| {
            let saved = step
                .responses
                .iter()
                .find(|r| r.indicator == indicator.id)
                .cloned();
            view! {
                <Question
                    fw=fw.clone()
                    assessment=step.assessment.clone()
                    indicator=indicator.clone()
                    saved
                    editable
                    responses
                    evidence
                    upload_problem=step.upload_problem.clone()
                />
            }
        })
        .collect_view();
    let (previous, next, check) = (step.previous.clone(), step.next.clone(), step.check.clone());
    view! {
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
    upload_problem: Option<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = indicator.id.clone();
    let upload_problem = upload_problem
        .filter(|(indicator, _)| *indicator == id)
        .map(|(_, problem)| problem);
    let level = RwSignal::new(saved.as_ref().and_then(|r| r.level.clone()));
    let narrative = RwSignal::new(
        saved
            .as_ref()
            .map(|r| r.narrative.clone())
            .unwrap_or_default(),
    );
    let version = RwSignal::new(saved.as_ref().map_or(0, |r| r.version));
    // Carried from the last cycle until a save confirms or changes it.
    let carried = RwSignal::new(saved.as_ref().and_then(|r| r.carried_from.clone()));
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
                    carried_from: None,
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
                carried.set(saved.carried_from.clone());
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
            {move || carried.get().map(|year| view! {
                <p class="notice notice-info" data-testid="carried">{t!(i18n, assess.carried, year = year.clone())}</p>
            })}
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
            <EvidenceList assessment=evidence_assessment indicator=evidence_indicator editable evidence upload_problem />
        </section>
    }
}

/// The evidence tied to one indicator, and a form to add a link or note.
#[component]
fn EvidenceList(
    assessment: String,
    indicator: String,
    editable: bool,
    evidence: RwSignal<Vec<EvidenceItem>>,
    upload_problem: Option<String>,
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
                            let carried = item.carried_from.clone().map(|year| view! {
                                " " <span class="tag">{t!(i18n, assess.carried_evidence, year = year.clone())}</span>
                            });
                            view! {
                                <li>
                                    {shown}
                                    {carried}
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
                <UploadForm assessment=upload_assessment indicator=upload_indicator problem=upload_problem.clone() />
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

/// Uploading a file as evidence: a plain form post (it works the same with
/// and without JavaScript), checked by content on the server.
#[component]
fn UploadForm(assessment: String, indicator: String, problem: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = Signal::stored(problem);
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
