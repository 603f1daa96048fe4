//! The deferrals page, `/deferrals`: certification admins follow each
//! deferred decision up and record whether its conditions were met.

use super::{deferrals, DecideConditions, DeferralRow};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{action_done, action_error, successes, FormErrors, Notice};
use crate::components::layout::{text_in, PageTitle};
use crate::domain::deferral::FollowUpState;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn state_text(i18n: I18nContext<Locale>, state: FollowUpState) -> &'static str {
    match state {
        FollowUpState::AwaitingSchool => t_string!(i18n, deferral.awaiting_school),
        FollowUpState::Overdue => t_string!(i18n, deferral.overdue),
        FollowUpState::AwaitingDecision => t_string!(i18n, deferral.awaiting_decision),
        FollowUpState::Met => t_string!(i18n, deferral.met),
        FollowUpState::NotMet => t_string!(i18n, deferral.not_met),
    }
}

#[component]
pub fn DeferralsPage() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideConditions>::new();
    let decided = successes(decide.value());
    let data = resource(move || decided.get(), |_| deferrals());
    let error = action_error(decide.value());
    let done = action_done(decide);
    view! {
        <PageTitle text=move || t_string!(i18n, deferral.title).to_owned() />
        <h1>{t!(i18n, deferral.title)}</h1>
        <p>{t!(i18n, deferral.intro)}</p>
        <FormErrors error />
        <Notice show=done>{t!(i18n, deferral.decided)}</Notice>
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, deferral.none)}</p> }.into_any(),
                    Ok(rows) => rows
                        .into_iter()
                        .map(|row| view! { <DeferralCard row decide /> })
                        .collect_view()
                        .into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DeferralCard(row: DeferralRow, decide: ServerAction<DecideConditions>) -> impl IntoView {
    let i18n = use_i18n();
    let d = row.deferral.clone();
    let heading = format!("deferral-{}", d.id);
    let labelled_by = heading.clone();
    let decide_id = d.id.clone();
    let decide_form = row.may_decide.then(move || {
        let (outcome_id, award_id, note_id) = (
            format!("outcome-{decide_id}"),
            format!("award-{decide_id}"),
            format!("note-{decide_id}"),
        );
        // The award the school aimed for comes first.
        let mut awards = row.awards.clone();
        awards.sort_by_key(|(id, _)| id != &row.target_award);
        let awards = awards
            .iter()
            .map(|(id, title)| {
                view! { <option value=id.clone()>{text_in(i18n, title, &row.default_language)}</option> }
            })
            .collect_view();
        view! {
            <ActionForm action=decide>
                <input type="hidden" name="deferral" value=decide_id.clone() />
                <div class="field">
                    <label class="label" for=outcome_id.clone()>{t!(i18n, deferral.outcome_label)}</label>
                    <select class="select" id=outcome_id name="outcome">
                        <option value="met">{t!(i18n, deferral.met)}</option>
                        <option value="not_met">{t!(i18n, deferral.not_met)}</option>
                    </select>
                </div>
                <div class="field">
                    <label class="label" for=award_id.clone()>{t!(i18n, deferral.award_label)}</label>
                    <p class="hint">{t!(i18n, deferral.award_hint)}</p>
                    <select class="select" id=award_id name="award">{awards}</select>
                </div>
                <div class="field">
                    <label class="label" for=note_id.clone()>{t!(i18n, deferral.note_label)}</label>
                    <textarea class="textarea" id=note_id name="note" rows="4" required></textarea>
                </div>
                <button type="submit" class="button">{t!(i18n, deferral.record)}</button>
            </ActionForm>
        }
    });
    let state = row.state;
    let answered = d
        .responded_at
        .as_deref()
        .map(|at| format!("{} · {}", d.responded_by, at.get(..10).unwrap_or_default()));
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading>{d.school_name.clone()}</h2>
            <dl class="summary-list">
                <div><dt>{t!(i18n, deferral.state)}</dt><dd data-testid="deferral-state">{move || state_text(i18n, state)}</dd></div>
                <div><dt>{t!(i18n, deferral.due)}</dt><dd>{d.due_on.clone()}</dd></div>
                {answered.map(|a| view! { <div><dt>{t!(i18n, deferral.answered)}</dt><dd>{a}</dd></div> })}
            </dl>
            <h3 class="heading-small">{t!(i18n, deferral.conditions)}</h3>
            <p class="answer-text">{d.conditions.clone()}</p>
            {(!d.response.is_empty()).then(|| view! {
                <h3 class="heading-small">{t!(i18n, deferral.response_label)}</h3>
                <p class="answer-text" data-testid="deferral-response">{d.response.clone()}</p>
            })}
            {(!d.note.is_empty()).then(|| view! {
                <h3 class="heading-small">{t!(i18n, deferral.note_label)}</h3>
                <p class="answer-text">{d.note.clone()}</p>
            })}
            <p><a href=format!("/assessments/{}/report", d.assessment)>{t!(i18n, deferral.read_report)}</a></p>
            {decide_form}
        </section>
    }
}
