//! The report page: `/assessments/:id/report`.

use super::{school_report, AssessorReport};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::labels::{cycle_label, outcome_label};
use crate::components::layout::{text_lang, tr, PageTitle};
use crate::components::score_panel::level_label;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SchoolReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = resource(id, school_report);
    view! {
        <PageTitle text=move || t_string!(i18n, report.title).to_owned() />
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(report) => view! { <Report report /> }.into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, report.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(report: AssessorReport) -> impl IntoView {
    let i18n = use_i18n();
    let fw = report.framework.clone();
    let level = {
        let fw = fw.clone();
        move |l: Option<u8>| match l {
            Some(l) => level_label(i18n, &fw, l),
            None => t_string!(i18n, assess.not_rated).to_owned(),
        }
    };
    let decision = report.decision.clone();
    let outcome = decision.outcome;
    let award = decision
        .award
        .as_deref()
        .and_then(|a| fw.award(a))
        .map(|a| tr(i18n, &fw, &a.title));
    let visit = report.visit.clone();
    let cycle = report.cycle;
    let elements = report
        .elements
        .iter()
        .filter_map(|e| {
            let element = fw.element(&e.element)?;
            let title_of = |id: &str| {
                fw.indicator(id)
                    .map(|r| tr(i18n, &fw, &r.indicator.title))
                    .unwrap_or_else(|| id.to_owned())
            };
            let list = |ids: &[String]| {
                ids.iter()
                    .map(|id| view! { <li>{title_of(id)}</li> })
                    .collect_view()
            };
            let (heading_id, labelled_by) = (format!("element-{}", e.element), format!("element-{}", e.element));
            let rows = e
                .indicators
                .iter()
                .map(|i| {
                    let lowered = i.lowered();
                    view! {
                        <tr>
                            <th scope="row">{title_of(&i.indicator)}</th>
                            <td>{level(i.own)}</td>
                            <td>
                                {level(i.validated)}
                                {lowered.then(|| view! { " " <span class="tag tag-warning">{t!(i18n, report.lowered)}</span> })}
                            </td>
                            <td class="answer-text">{i.comment.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="review-section" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{tr(i18n, &fw, &element.title)}</h2>
                    <div class="report-columns">
                        <div>
                            <h3 class="heading-small">{t!(i18n, report.strengths)}</h3>
                            {if e.strengths.is_empty() {
                                view! { <p class="hint">{t!(i18n, report.none)}</p> }.into_any()
                            } else {
                                view! { <ul>{list(&e.strengths)}</ul> }.into_any()
                            }}
                        </div>
                        <div>
                            <h3 class="heading-small">{t!(i18n, report.to_develop)}</h3>
                            {if e.to_develop.is_empty() {
                                view! { <p class="hint">{t!(i18n, report.none)}</p> }.into_any()
                            } else {
                                view! { <ul>{list(&e.to_develop)}</ul> }.into_any()
                            }}
                        </div>
                    </div>
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{t!(i18n, report.ratings_caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, report.indicator)}</th>
                                    <th scope="col">{t!(i18n, report.own)}</th>
                                    <th scope="col">{t!(i18n, report.validated)}</th>
                                    <th scope="col">{t!(i18n, report.comment)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            })
        })
        .collect_view();
    let back = format!("/assessments/{}", report.assessment);
    let pdf = {
        let id = report.assessment.clone();
        move || {
            format!(
                "/assessments/{id}/report.pdf?lang={}",
                text_lang(i18n.get_locale())
            )
        }
    };
    view! {
        <p class="back-link"><a href=back>{t!(i18n, report.back)}</a></p>
        <span class="caption">{report.school_name.clone()}</span>
        <h1>{t!(i18n, report.title)}</h1>
        <p class="assessment-meta">{tr(i18n, &fw, &fw.title)} " · " {move || cycle_label(i18n, cycle)}</p>
        <p><a href=pdf data-testid="report-pdf">{t!(i18n, report.download)}</a></p>
        <section class="panel" aria-labelledby="report-decision-heading">
            <h2 id="report-decision-heading">{t!(i18n, report.decision_heading)}</h2>
            <dl class="summary-list">
                <div><dt>{t!(i18n, review.outcome)}</dt><dd data-testid="outcome">{move || outcome_label(i18n, outcome)}</dd></div>
                {award.map(|a| view! { <div><dt>{t!(i18n, review.award)}</dt><dd>{a}</dd></div> })}
                {(!decision.conditions.is_empty()).then(|| view! {
                    <div><dt>{t!(i18n, review.conditions)}</dt><dd class="answer-text">{decision.conditions.clone()}</dd></div>
                })}
                <div><dt>{t!(i18n, report.assessor)}</dt><dd>{report.lead_assessor.clone()}</dd></div>
                <div><dt>{t!(i18n, report.signed_off)}</dt><dd>{report.signed_off_at.get(..10).unwrap_or_default().to_owned()}</dd></div>
                <div><dt>{t!(i18n, review.report)}</dt><dd class="answer-text">{decision.report.clone()}</dd></div>
            </dl>
            {report.certificate.clone().map(|code| view! {
                <p><a href=format!("/verify/{code}")>{t!(i18n, review.view_certificate)}</a></p>
            })}
        </section>
        {(!visit.visited_on.is_empty()).then(|| view! {
            <section class="review-section" aria-labelledby="report-visit-heading">
                <h2 id="report-visit-heading">{t!(i18n, report.visit_heading)}</h2>
                <dl class="summary-list">
                    <div><dt>{t!(i18n, report.visited_on)}</dt><dd>{visit.visited_on.clone()}</dd></div>
                    <div><dt>{t!(i18n, report.people_met)}</dt><dd class="answer-text">{visit.people_met.clone()}</dd></div>
                    <div><dt>{t!(i18n, report.classrooms)}</dt><dd class="answer-text">{visit.classrooms.clone()}</dd></div>
                </dl>
            </section>
        })}
        <FollowUpSection report=report.clone() />
        <AppealSection report=report.clone() />
        {elements}
    }
}

/// A deferred decision's follow-up: the day the conditions are due, where
/// it stands, and the school's answer (with the form to write it while it
/// may).
#[component]
fn FollowUpSection(report: AssessorReport) -> impl IntoView {
    use crate::components::forms::{action_done, action_error, FormErrors, Notice};
    use crate::deferrals::AnswerConditions;
    let i18n = use_i18n();
    let answer = ServerAction::<AnswerConditions>::new();
    let error = action_error(answer.value());
    let done = action_done(answer);
    let Some(follow_up) = report.follow_up.clone() else {
        return ().into_any();
    };
    let d = follow_up.deferral;
    let state = follow_up.state;
    let draft = d.response.clone();
    let assessment = report.assessment.clone();
    let form = follow_up.may_answer.then(move || {
        let label = if draft.is_empty() {
            t_string!(i18n, deferral.answer)
        } else {
            t_string!(i18n, deferral.answer_again)
        };
        view! {
            <ActionForm action=answer>
                <input type="hidden" name="assessment" value=assessment />
                <div class="field">
                    <label class="label" for="deferral-response">{t!(i18n, deferral.response_label)}</label>
                    <p class="hint" id="deferral-response-hint">{t!(i18n, deferral.response_hint)}</p>
                    <textarea class="textarea" id="deferral-response" name="response" rows="5" required aria-describedby="deferral-response-hint">{draft}</textarea>
                </div>
                <button type="submit" class="button">{label}</button>
            </ActionForm>
        }
    });
    view! {
        <section class="panel" aria-labelledby="deferral-heading">
            <h2 id="deferral-heading">{t!(i18n, deferral.yours)}</h2>
            <FormErrors error />
            <Notice show=done>{t!(i18n, deferral.answered_notice)}</Notice>
            <dl class="summary-list">
                <div><dt>{t!(i18n, deferral.state)}</dt><dd data-testid="deferral-state">{move || crate::deferrals::page::state_text(i18n, state)}</dd></div>
                <div><dt>{t!(i18n, deferral.due)}</dt><dd data-testid="deferral-due">{d.due_on.clone()}</dd></div>
            </dl>
            {(!follow_up.may_answer && !d.response.is_empty()).then(|| view! {
                <h3 class="heading-small">{t!(i18n, deferral.response_label)}</h3>
                <p class="answer-text">{d.response.clone()}</p>
            })}
            {(!d.note.is_empty()).then(|| view! {
                <h3 class="heading-small">{t!(i18n, deferral.note_label)}</h3>
                <p class="answer-text" data-testid="deferral-note">{d.note.clone()}</p>
            })}
            {form}
        </section>
    }
    .into_any()
}

/// The school's appeal: its state once lodged, or the form to lodge it
/// while the appeal time runs.
#[component]
fn AppealSection(report: AssessorReport) -> impl IntoView {
    use crate::appeals::LodgeAppeal;
    use crate::components::forms::{action_done, action_error, FormErrors, Notice};
    let i18n = use_i18n();
    let lodge = ServerAction::<LodgeAppeal>::new();
    let error = action_error(lodge.value());
    let done = action_done(lodge);
    if let Some(a) = report.appeal.clone() {
        let outcome = a.outcome;
        return view! {
            <section class="panel" aria-labelledby="appeal-heading">
                <h2 id="appeal-heading">{t!(i18n, appeal.yours)}</h2>
                <Notice show=done>{t!(i18n, appeal.lodged_notice)}</Notice>
                <dl class="summary-list">
                    <div><dt>{t!(i18n, appeal.state)}</dt><dd data-testid="appeal-state">{move || crate::appeals::page::outcome_text(i18n, outcome)}</dd></div>
                    <div><dt>{t!(i18n, appeal.lodged)}</dt><dd>{a.lodged_at.get(..10).unwrap_or_default().to_owned()}</dd></div>
                </dl>
                <p class="answer-text">{a.grounds.clone()}</p>
                {(!a.note.is_empty()).then(|| view! {
                    <h3 class="heading-small">{t!(i18n, appeal.note_label)}</h3>
                    <p class="answer-text" data-testid="appeal-note">{a.note.clone()}</p>
                })}
            </section>
        }
        .into_any();
    }
    if !report.may_appeal {
        return ().into_any();
    }
    view! {
        <section class="panel" aria-labelledby="appeal-heading">
            <h2 id="appeal-heading">{t!(i18n, appeal.lodge_heading)}</h2>
            <p>{t!(i18n, appeal.lodge_intro)}</p>
            <FormErrors error />
            <details>
                <summary>{t!(i18n, appeal.lodge_open)}</summary>
                <ActionForm action=lodge>
                    <input type="hidden" name="assessment" value=report.assessment.clone() />
                    <div class="field">
                        <label class="label" for="appeal-grounds">{t!(i18n, appeal.grounds_label)}</label>
                        <p class="hint" id="appeal-grounds-hint">{t!(i18n, appeal.grounds_hint)}</p>
                        <textarea class="textarea" id="appeal-grounds" name="grounds" rows="5" required aria-describedby="appeal-grounds-hint"></textarea>
                    </div>
                    <button type="submit" class="button">{t!(i18n, appeal.lodge)}</button>
                </ActionForm>
            </details>
        </section>
    }
    .into_any()
}
