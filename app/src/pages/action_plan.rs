//! A self-assessment's action plan: actions tied to indicators, with an
//! owner, a due date and progress; overdue ones flagged.

use super::assessment::{assessment_resource, route_param, AssessmentHeading};
use super::ErrorMessage;
use crate::codec::resource;
use crate::components::forms::{action_error, FormErrors};
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::AssessmentView;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

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
