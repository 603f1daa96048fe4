//! The appeals page, `/appeals`: admins give each appeal to an independent
//! assessor; that assessor records the outcome.

use super::{appeals, AppealRow, AppealsView, AssignAppeal, DecideAppeal};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{action_done, action_error, successes, FormErrors, Notice};
use crate::components::layout::{text_in, PageTitle};
use crate::domain::appeal::AppealOutcome;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn outcome_text(i18n: I18nContext<Locale>, outcome: Option<AppealOutcome>) -> &'static str {
    match outcome {
        None => t_string!(i18n, appeal.open),
        Some(AppealOutcome::Upheld) => t_string!(i18n, appeal.upheld),
        Some(AppealOutcome::Dismissed) => t_string!(i18n, appeal.dismissed),
    }
}

#[component]
pub fn AppealsPage() -> impl IntoView {
    let i18n = use_i18n();
    let assign = ServerAction::<AssignAppeal>::new();
    let decide = ServerAction::<DecideAppeal>::new();
    let assigned = successes(assign.value());
    let decided = successes(decide.value());
    let data = resource(move || (assigned.get(), decided.get()), |_| appeals());
    let error = Signal::derive(move || {
        action_error(assign.value())
            .get()
            .or(action_error(decide.value()).get())
    });
    let (assign_done, decide_done) = (action_done(assign), action_done(decide));
    view! {
        <PageTitle text=move || t_string!(i18n, appeal.title).to_owned() />
        <h1>{t!(i18n, appeal.title)}</h1>
        <p>{t!(i18n, appeal.intro)}</p>
        <FormErrors error />
        <Notice show=assign_done>{t!(i18n, appeal.assigned)}</Notice>
        <Notice show=decide_done>{t!(i18n, appeal.decided)}</Notice>
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Appeals view assign decide /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Appeals(
    view: AppealsView,
    assign: ServerAction<AssignAppeal>,
    decide: ServerAction<DecideAppeal>,
) -> impl IntoView {
    let i18n = use_i18n();
    if view.appeals.is_empty() {
        return view! { <p>{t!(i18n, appeal.none)}</p> }.into_any();
    }
    let assessors = view.assessors.clone();
    view.appeals
        .into_iter()
        .map(|row| view! { <AppealCard row assessors=assessors.clone() assign decide /> })
        .collect_view()
        .into_any()
}

#[component]
fn AppealCard(
    row: AppealRow,
    assessors: Vec<crate::model::Assignee>,
    assign: ServerAction<AssignAppeal>,
    decide: ServerAction<DecideAppeal>,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = row.appeal.clone();
    let heading = format!("appeal-{}", a.id);
    let labelled_by = heading.clone();
    let (assign_id, decide_id) = (a.id.clone(), a.id.clone());
    let assign_form = row.may_assign.then(move || {
        let id = format!("assessor-{assign_id}");
        let options = assessors
            .iter()
            .map(|p| view! { <option value=p.account.clone()>{p.name.clone()}</option> })
            .collect_view();
        view! {
            <ActionForm action=assign>
                <input type="hidden" name="appeal" value=assign_id.clone() />
                <div class="field">
                    <label class="label" for=id.clone()>{t!(i18n, appeal.assessor_label)}</label>
                    <p class="hint">{t!(i18n, appeal.assessor_hint)}</p>
                    <select class="select" id=id name="assessor">{options}</select>
                </div>
                <button type="submit" class="button button-secondary">{t!(i18n, appeal.assign)}</button>
            </ActionForm>
        }
    });
    let decide_form = row.may_decide.then(move || {
        let (outcome_id, award_id, note_id) = (
            format!("outcome-{decide_id}"),
            format!("award-{decide_id}"),
            format!("note-{decide_id}"),
        );
        let awards = row
            .awards
            .iter()
            .map(|(id, title)| {
                view! { <option value=id.clone()>{text_in(i18n, title, &row.default_language)}</option> }
            })
            .collect_view();
        view! {
            <ActionForm action=decide>
                <input type="hidden" name="appeal" value=decide_id.clone() />
                <div class="field">
                    <label class="label" for=outcome_id.clone()>{t!(i18n, appeal.outcome_label)}</label>
                    <select class="select" id=outcome_id name="outcome">
                        <option value="dismissed">{t!(i18n, appeal.dismissed)}</option>
                        <option value="upheld">{t!(i18n, appeal.upheld)}</option>
                    </select>
                </div>
                <div class="field">
                    <label class="label" for=award_id.clone()>{t!(i18n, appeal.award_label)}</label>
                    <p class="hint">{t!(i18n, appeal.award_hint)}</p>
                    <select class="select" id=award_id name="award">
                        <option value="">{t!(i18n, appeal.no_award)}</option>
                        {awards}
                    </select>
                </div>
                <div class="field">
                    <label class="label" for=note_id.clone()>{t!(i18n, appeal.note_label)}</label>
                    <textarea class="textarea" id=note_id name="note" rows="4" required></textarea>
                </div>
                <button type="submit" class="button">{t!(i18n, appeal.record)}</button>
            </ActionForm>
        }
    });
    let outcome = a.outcome;
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading>{a.school_name.clone()}</h2>
            <dl class="summary-list">
                <div><dt>{t!(i18n, appeal.state)}</dt><dd data-testid="appeal-state">{move || outcome_text(i18n, outcome)}</dd></div>
                <div><dt>{t!(i18n, appeal.lodged)}</dt><dd>{a.lodged_by.clone()} " · " {a.lodged_at.get(..10).unwrap_or_default().to_owned()}</dd></div>
                <div><dt>{t!(i18n, appeal.assessor_label)}</dt><dd>{a.assessor.clone().unwrap_or_else(|| t_string!(i18n, appeal.unassigned).to_owned())}</dd></div>
            </dl>
            <h3 class="heading-small">{t!(i18n, appeal.grounds_label)}</h3>
            <p class="answer-text">{a.grounds.clone()}</p>
            {(!a.note.is_empty()).then(|| view! {
                <h3 class="heading-small">{t!(i18n, appeal.note_label)}</h3>
                <p class="answer-text">{a.note.clone()}</p>
            })}
            <p><a href=format!("/assessments/{}/report", a.assessment)>{t!(i18n, appeal.read_report)}</a></p>
            {assign_form}
            {decide_form}
        </section>
    }
}
