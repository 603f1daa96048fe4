//! A cluster's classroom research: the list of activities with a form to
//! start one, and one activity's page with its details, the key steps of
//! its outline on a timeline, and its annual reviews (each starting from
//! the previous year's next steps).

use super::ErrorMessage;
use crate::api::research::{
    cluster_research, research_activity, AddResearchStep, ReviewResearch, SaveResearch,
    SetResearchStep, StartResearch,
};
use crate::codec::resource;
use crate::components::forms::KeepTyping;
use crate::components::forms::{action_done, action_error, successes, FormErrors, Notice};
use crate::components::layout::text_in;
use crate::components::layout::PageTitle;
use crate::domain::research::{ResearchStatus, StepState};
use crate::domain::Text;
use crate::i18n::*;
use crate::model::ResearchView;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn status_label(i18n: I18nContext<Locale>, status: ResearchStatus) -> &'static str {
    match status {
        ResearchStatus::Planned => t_string!(i18n, research.status_planned),
        ResearchStatus::UnderWay => t_string!(i18n, research.status_under_way),
        ResearchStatus::Finished => t_string!(i18n, research.status_finished),
    }
}

/// Element titles in the reader's language, for the ids given.
fn element_names(
    i18n: I18nContext<Locale>,
    ids: &[String],
    elements: &[(String, Text)],
    default_language: &str,
) -> String {
    ids.iter()
        .filter_map(|id| elements.iter().find(|(e, _)| e == id))
        .map(|(_, t)| text_in(i18n, t, default_language))
        .collect::<Vec<_>>()
        .join(", ")
}

// ------------------------------------------------------------ the list ---

#[component]
pub fn ResearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let start = ServerAction::<StartResearch>::new();
    let data = resource(move || id.get(), cluster_research);
    let error = action_error(start.value());
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, research.title).to_owned() />
                        <h1>{t!(i18n, research.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                    Ok(list) => {
                        let lang = list.default_language.clone();
                        let rows = list.activities.iter().map(|r| {
                            let status = r.status;
                            let elements = element_names(i18n, &r.elements, &list.elements, &lang);
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/clusters/{}/research/{}", list.cluster_id, r.id)>{r.question.clone()}</a>
                                        {r.flagship.then(|| view! { " " <strong class="tag">{t!(i18n, research.flagship_tag)}</strong> })}
                                    </th>
                                    <td>{move || status_label(i18n, status)}</td>
                                    <td>{elements}</td>
                                    <td>{r.schools.join(", ")}</td>
                                    <td class="numeric">{r.steps_done} " / " {r.steps}</td>
                                </tr>
                            }
                        }).collect_view();
                        let table = if list.activities.is_empty() {
                            view! { <p>{t!(i18n, research.none_yet)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table class="table">
                                        <caption class="visually-hidden">{t!(i18n, research.title)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, research.question)}</th>
                                                <th scope="col">{t!(i18n, research.status)}</th>
                                                <th scope="col">{t!(i18n, research.elements)}</th>
                                                <th scope="col">{t!(i18n, research.schools)}</th>
                                                <th scope="col" class="numeric">{t!(i18n, research.steps_done)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        };
                        let name = list.cluster_name.clone();
                        let cluster = list.cluster_id.clone();
                        view! {
                            <Title text=format!("{} – {}", t_string!(i18n, research.title), name) />
                            <p class="back-link"><a href=format!("/clusters/{cluster}")>{name.clone()}</a></p>
                            <span class="caption">{name.clone()}</span>
                            <h1>{t!(i18n, research.title)}</h1>
                            <p>{t!(i18n, research.intro)}</p>
                            {table}
                            <section class="panel" aria-labelledby="start-research-heading">
                                <h2 id="start-research-heading">{t!(i18n, research.start_heading)}</h2>
                                <FormErrors error />
                                <KeepTyping key="research">
                                <ActionForm action=start>
                                    <input type="hidden" name="cluster" value=cluster />
                                    <ResearchFields prefix="new-research" view=None list_elements=list.elements.clone() members=list.members.clone() default_language=lang.clone() />
                                    <button type="submit" class="button">{t!(i18n, research.start)}</button>
                                </ActionForm>
                                </KeepTyping>
                            </section>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The fields of an activity's form, empty or filled from `view`.
#[component]
fn ResearchFields(
    prefix: &'static str,
    view: Option<ResearchView>,
    list_elements: Vec<(String, Text)>,
    members: Vec<(String, String)>,
    default_language: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |name: &str| format!("{prefix}-{name}");
    let (question, method, findings) = view
        .as_ref()
        .map(|v| (v.question.clone(), v.method.clone(), v.findings.clone()))
        .unwrap_or_default();
    let chosen_elements = view
        .as_ref()
        .map(|v| v.elements.clone())
        .unwrap_or_default();
    let chosen_schools = view.as_ref().map(|v| v.schools.clone()).unwrap_or_default();
    let status = view.as_ref().map_or(ResearchStatus::Planned, |v| v.status);
    let flagship = view.as_ref().is_some_and(|v| v.flagship);
    let elements = list_elements
        .into_iter()
        .enumerate()
        .map(|(i, (id, t))| {
            let box_id = field(&format!("element-{id}"));
            let lang = default_language.clone();
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=box_id.clone() name=format!("research[elements][{i}]") value=id.clone() checked=chosen_elements.contains(&id) />
                    <label for=box_id>{move || text_in(i18n, &t, &lang)}</label>
                </div>
            }
        })
        .collect_view();
    let schools = members
        .into_iter()
        .enumerate()
        .map(|(i, (id, name))| {
            let box_id = field(&format!("school-{id}"));
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=box_id.clone() name=format!("research[schools][{i}]") value=id.clone() checked=chosen_schools.contains(&id) />
                    <label for=box_id>{name}</label>
                </div>
            }
        })
        .collect_view();
    let statuses = ResearchStatus::ALL
        .into_iter()
        .map(|s| {
            let radio_id = field(&format!("status-{}", s.as_str()));
            view! {
                <div class="radio">
                    <input type="radio" id=radio_id.clone() name="research[status]" value=s.as_str() checked=s == status />
                    <label for=radio_id>{move || status_label(i18n, s)}</label>
                </div>
            }
        })
        .collect_view();
    let (q, q_hint, m, m_hint, f, flag) = (
        field("question"),
        field("question-hint"),
        field("method"),
        field("method-hint"),
        field("findings"),
        field("flagship"),
    );
    view! {
        <div class="field">
            <label class="label" for=q.clone()>{t!(i18n, research.question)}</label>
            <p class="hint" id=q_hint.clone()>{t!(i18n, research.question_hint)}</p>
            <textarea class="textarea" id=q name="research[question]" rows="2" required maxlength="1000" aria-describedby=q_hint>{question}</textarea>
        </div>
        <fieldset class="field">
            <legend class="label">{t!(i18n, research.elements)}</legend>
            {elements}
        </fieldset>
        <fieldset class="field">
            <legend class="label">{t!(i18n, research.schools)}</legend>
            {schools}
        </fieldset>
        <div class="field">
            <label class="label" for=m.clone()>{t!(i18n, research.method)}</label>
            <p class="hint" id=m_hint.clone()>{t!(i18n, research.method_hint)}</p>
            <textarea class="textarea" id=m name="research[method]" rows="3" aria-describedby=m_hint>{method}</textarea>
        </div>
        <div class="field">
            <label class="label" for=f.clone()>{t!(i18n, research.findings)}</label>
            <textarea class="textarea" id=f name="research[findings]" rows="3">{findings}</textarea>
        </div>
        <fieldset class="field">
            <legend class="label">{t!(i18n, research.status)}</legend>
            {statuses}
        </fieldset>
        <div class="field checkbox">
            <input type="checkbox" id=flag.clone() name="research[flagship]" value="on" checked=flagship />
            <label for=flag>{t!(i18n, research.flagship)}</label>
        </div>
    }
}

// ------------------------------------------------------- one activity ---

#[component]
pub fn ResearchActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = Memo::new(move |_| {
        params.with(|p| {
            (
                p.get("id").unwrap_or_default(),
                p.get("activity").unwrap_or_default(),
            )
        })
    });
    let actions = Actions {
        save: ServerAction::new(),
        add_step: ServerAction::new(),
        set_step: ServerAction::new(),
        review: ServerAction::new(),
    };
    let changes = [
        successes(actions.save.value()),
        successes(actions.add_step.value()),
        successes(actions.set_step.value()),
        successes(actions.review.value()),
    ];
    let data = resource(
        move || (key.get(), changes.map(|c| c.get())),
        |((cluster, id), _)| research_activity(cluster, id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, research.title).to_owned() />
                        <h1>{t!(i18n, research.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                    Ok(view) => view! { <ActivityBody view actions /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveResearch>,
    add_step: ServerAction<AddResearchStep>,
    set_step: ServerAction<SetResearchStep>,
    review: ServerAction<ReviewResearch>,
}

#[component]
fn ActivityBody(view: ResearchView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || {
        [
            action_error(actions.save.value()),
            action_error(actions.add_step.value()),
            action_error(actions.set_step.value()),
            action_error(actions.review.value()),
        ]
        .iter()
        .find_map(|e| e.get())
    });
    let lang = view.default_language.clone();
    let status = view.status;
    let elements = element_names(i18n, &view.elements, &view.framework_elements, &lang);
    let schools = view
        .members
        .iter()
        .filter(|(id, _)| view.schools.contains(id))
        .map(|(_, name)| name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let back = format!("/clusters/{}/research", view.cluster_id);
    let question = view.question.clone();
    let (cluster_id, id, version) = (view.cluster_id.clone(), view.id.clone(), view.version);
    let (fields_view, framework_elements, members) = (
        Some(view.clone()),
        view.framework_elements.clone(),
        view.members.clone(),
    );
    let (method, findings) = (view.method.clone(), view.findings.clone());
    let flagship = view.flagship;
    let steps_view = view.clone();
    view! {
        <Title text=question.clone() />
        <p class="back-link"><a href=back>{t!(i18n, research.back)}</a></p>
        <span class="caption">
            {if flagship { t!(i18n, research.flagship_caption).into_any() } else { t!(i18n, research.caption).into_any() }}
        </span>
        <h1>{question}</h1>
        <FormErrors error />
        <dl class="summary-list">
            <div><dt>{t!(i18n, research.status)}</dt><dd>{move || status_label(i18n, status)}</dd></div>
            <div><dt>{t!(i18n, research.elements)}</dt><dd>{elements}</dd></div>
            <div><dt>{t!(i18n, research.schools)}</dt><dd>{schools}</dd></div>
            <div><dt>{t!(i18n, research.method)}</dt><dd class="answer-text">{method}</dd></div>
            <div><dt>{t!(i18n, research.findings)}</dt><dd class="answer-text">{findings}</dd></div>
        </dl>
        <details class="panel">
            <summary>{t!(i18n, research.edit)}</summary>
            <ActionForm action=actions.save>
                <input type="hidden" name="cluster" value=cluster_id />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version.to_string() />
                <ResearchFields prefix="edit-research" view=fields_view list_elements=framework_elements members default_language=lang.clone() />
                <button type="submit" class="button">{t!(i18n, research.save)}</button>
            </ActionForm>
        </details>
        <Steps view=steps_view actions />
        <Reviews view actions />
    }
}

/// The outline's key steps on their timeline, and the form to add one.
#[component]
fn Steps(view: ResearchView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let (cluster_id, id) = (view.cluster_id.clone(), view.id.clone());
    let rows = view
        .steps
        .clone()
        .into_iter()
        .map(|s| {
            let (cluster_id, id) = (cluster_id.clone(), id.clone());
            let state = match s.state {
                StepState::Done => view! { <strong class="tag tag-strong">{t!(i18n, research.step_done)}</strong> }.into_any(),
                StepState::Overdue => view! { <strong class="tag tag-warning">{t!(i18n, research.step_overdue)}</strong> }.into_any(),
                StepState::Open => view! { <span>{t!(i18n, research.step_open)}</span> }.into_any(),
            };
            let done = s.state == StepState::Done;
            let timeline = match (s.starts_on.as_str(), s.ends_on.as_str()) {
                ("", "") => "–".to_owned(),
                (start, "") => format!("{start} –"),
                ("", end) => format!("– {end}"),
                (start, end) => format!("{start} – {end}"),
            };
            let description = s.description.clone();
            view! {
                <tr>
                    <th scope="row" class="answer-text">{s.description.clone()}</th>
                    <td>{s.people.clone()}</td>
                    <td>{timeline}</td>
                    <td>{state}</td>
                    <td>
                        <ActionForm action=actions.set_step>
                            <input type="hidden" name="cluster" value=cluster_id />
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="step" value=s.id.to_string() />
                            <input type="hidden" name="done" value=if done { "false" } else { "true" } />
                            <button type="submit" class="button button-secondary button-small">
                                {if done { t!(i18n, research.mark_open).into_any() } else { t!(i18n, research.mark_done).into_any() }}
                                <span class="visually-hidden">": " {description}</span>
                            </button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let (cluster_id, id) = (view.cluster_id.clone(), view.id.clone());
    let added = successes(actions.add_step.value());
    let table = if view.steps.is_empty() {
        view! { <p>{t!(i18n, research.no_steps)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{t!(i18n, research.steps_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, research.step)}</th>
                            <th scope="col">{t!(i18n, research.people)}</th>
                            <th scope="col">{t!(i18n, research.timeline)}</th>
                            <th scope="col">{t!(i18n, research.state)}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, research.change)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="steps-heading" id="steps">
            <h2 id="steps-heading">{t!(i18n, research.steps_heading)}</h2>
            <p class="hint">{t!(i18n, research.steps_hint)}</p>
            {table}
            // Drawn anew after each step added, so the form comes back empty.
            <For
                each=move || [added.get()]
                key=|n| *n
                children=move |_| {
                    let (cluster_id, id) = (cluster_id.clone(), id.clone());
                    view! {
                    <details class="panel">
                        <summary>{t!(i18n, research.add_step)}</summary>
                        <ActionForm action=actions.add_step>
                            <input type="hidden" name="cluster" value=cluster_id />
                            <input type="hidden" name="id" value=id />
                            <div class="field">
                                <label class="label" for="step-description">{t!(i18n, research.step)}</label>
                                <textarea class="textarea" id="step-description" name="step[description]" rows="2" required maxlength="1000"></textarea>
                            </div>
                            <div class="field">
                                <label class="label" for="step-people">{t!(i18n, research.people)}</label>
                                <input class="input" id="step-people" name="step[people]" maxlength="1000" />
                            </div>
                            <div class="field">
                                <label class="label" for="step-starts">{t!(i18n, research.starts_on)}</label>
                                <input class="input input-short" type="date" id="step-starts" name="step[starts_on]" />
                            </div>
                            <div class="field">
                                <label class="label" for="step-ends">{t!(i18n, research.ends_on)}</label>
                                <input class="input input-short" type="date" id="step-ends" name="step[ends_on]" />
                            </div>
                            <button type="submit" class="button button-secondary">{t!(i18n, research.save_step)}</button>
                        </ActionForm>
                    </details>
                    }
                }
            />
        </section>
    }
}

/// This year's review (starting from last year's next steps) and the
/// reviews of earlier years.
#[component]
fn Reviews(view: ResearchView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let saved = action_done(actions.review);
    let year = view.year;
    let current = view.reviews.iter().find(|r| r.year == year).cloned();
    let (cluster_id, id) = (view.cluster_id.clone(), view.id.clone());
    let (progress, next_steps, version) = current
        .map(|r| (r.progress, r.next_steps, r.version))
        .unwrap_or_default();
    let carried = view.carried_forward.clone().map(|steps| {
        view! {
            <div class="inset" data-testid="carried-forward">
                <h3 class="heading-small">{t!(i18n, research.carried_forward)}</h3>
                <p class="answer-text">{steps}</p>
            </div>
        }
    });
    let earlier = view
        .reviews
        .iter()
        .filter(|r| r.year != year)
        .map(|r| {
            view! {
                <section class="review-year" aria-label=r.year.to_string()>
                    <h3 class="heading-small">{r.year}</h3>
                    <dl class="summary-list">
                        <div><dt>{t!(i18n, research.carried_forward)}</dt><dd class="answer-text">{r.carried_forward.clone()}</dd></div>
                        <div><dt>{t!(i18n, research.progress)}</dt><dd class="answer-text">{r.progress.clone()}</dd></div>
                        <div><dt>{t!(i18n, research.next_steps)}</dt><dd class="answer-text">{r.next_steps.clone()}</dd></div>
                        <div><dt>{t!(i18n, research.reviewed_by)}</dt><dd>{r.reviewed_by.clone()}</dd></div>
                    </dl>
                </section>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="reviews-heading" id="reviews">
            <h2 id="reviews-heading">{t!(i18n, research.review_heading, year = year)}</h2>
            <p class="hint">{t!(i18n, research.review_hint)}</p>
            {carried}
            <Notice show=saved>{t!(i18n, research.review_saved)}</Notice>
            <ActionForm action=actions.review>
                <input type="hidden" name="cluster" value=cluster_id />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version.to_string() />
                <div class="field">
                    <label class="label" for="review-progress">{t!(i18n, research.progress)}</label>
                    <textarea class="textarea" id="review-progress" name="progress" rows="4" required>{progress}</textarea>
                </div>
                <div class="field">
                    <label class="label" for="review-next">{t!(i18n, research.next_steps)}</label>
                    <textarea class="textarea" id="review-next" name="next_steps" rows="3">{next_steps}</textarea>
                </div>
                <button type="submit" class="button">{t!(i18n, research.save_review)}</button>
            </ActionForm>
            {earlier}
        </section>
    }
}
