//! Try the scoring: rate indicators and see what the engine makes of it.
//! The first drawing is worked out on the server from the address (a GET
//! form, so it works without JavaScript); in the browser every change is
//! scored at once by the same code.

use crate::components::islands::IslandPage;
use crate::components::layout::tr;
use crate::components::score_panel::ScorePanel;
use crate::domain::{score, Answer, AwardContext, Framework, ResponseSet};
use crate::framework_script::FrameworkRef;
use crate::i18n::*;
use leptos::prelude::*;
use std::sync::Arc;

/// The evidence checkbox's field name for an indicator.
pub fn evidence_name(indicator_id: &str) -> String {
    format!("ev-{indicator_id}")
}

/// Whether any of the framework's award rules reads facts about the school
/// beyond its answers.
pub fn has_fact_rules(fw: &Framework) -> bool {
    use crate::domain::AwardRule;
    fw.awards.iter().flat_map(|a| &a.rules).any(|r| {
        !matches!(
            r,
            AwardRule::MinElementLevel { .. }
                | AwardRule::NoIndicatorBelow { .. }
                | AwardRule::MinEvidenceShare { .. }
                | AwardRule::MinOverallScore { .. }
        )
    })
}

/// The facts about a school the calculator's form carries, read from its
/// fields (`get` gives a field's value): years each award has been held,
/// cluster work and the action plan.
pub fn context_from_form(fw: &Framework, get: impl Fn(&str) -> Option<String>) -> AwardContext {
    use crate::domain::scoring::HeldAward;
    let number = |name: &str| {
        get(name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(0)
    };
    let ticked = |name: &str| get(name).is_some_and(|v| !v.is_empty());
    AwardContext {
        held: fw
            .awards
            .iter()
            .map(|a| HeldAward {
                award: a.id.clone(),
                consecutive_years: number(&format!("held-{}", a.id)).min(100),
            })
            .filter(|h| h.consecutive_years > 0)
            .collect(),
        cluster_member: ticked("cluster"),
        cluster_awards: Vec::new(),
        meeting_attendance_percent: get("attendance")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .map(|p| p.min(100)),
        annual_update_submitted: ticked("update"),
        planned_actions: number("actions"),
        development_plan: ticked("plan"),
        shared_cards: number("cards"),
        largest_cluster: number("schools"),
        research_activity: ticked("research"),
        leads_cluster: ticked("leads"),
        // Unticked, the visit is still to come, as before a review.
        annual_visit: ticked("visited").then_some(true),
        published_cards: number("published"),
    }
}

/// Changes one indicator's answer; the score panel follows.
fn update_answer(responses: RwSignal<ResponseSet>, index: usize, change: impl FnOnce(&mut Answer)) {
    responses.update(|set| {
        let mut answer = set.get(index);
        change(&mut answer);
        set.set(index, answer);
    });
}

/// Every indicator of a framework to rate (with or without evidence), and
/// the score panel following each change, worked out by the same engine
/// the server uses.
#[island]
pub fn Calculator(
    page: IslandPage,
    fw: FrameworkRef,
    initial: Vec<Answer>,
    context: AwardContext,
) -> impl IntoView {
    page.provide();
    let i18n = use_i18n();
    let fw: Arc<Framework> = fw.0;
    let initial = {
        let mut set = ResponseSet::new(&fw);
        for (index, answer) in initial.into_iter().enumerate().take(fw.indicator_count()) {
            set.set(index, answer);
        }
        set
    };
    let responses = RwSignal::new(initial.clone());
    let facts = RwSignal::new(context.clone());
    let report = {
        let fw = fw.clone();
        Memo::new(move |_| responses.with(|set| facts.with(|c| score(&fw, set, c))))
    };
    let school = has_fact_rules(&fw).then(|| {
        view! { <SchoolFacts fw=fw.clone() context facts /> }
    });
    let elements = fw
        .elements
        .iter()
        .enumerate()
        .map(|(e, element)| {
            let fw = fw.clone();
            let legend = {
                let fw = fw.clone();
                let t = element.title.clone();
                move || tr(i18n, &fw, &t)
            };
            let indicators = fw
                .indicators()
                .filter(|r| r.element_index == e)
                .map(|r| {
                    let index = r.index;
                    let id = r.indicator.id.clone();
                    let answer = initial.get(index);
                    let fw_for_change = fw.clone();
                    let label = {
                        let fw = fw.clone();
                        let t = r.indicator.title.clone();
                        move || tr(i18n, &fw, &t)
                    };
                    let options = fw
                        .scale
                        .iter()
                        .enumerate()
                        .map(|(l, level)| {
                            let fw = fw.clone();
                            let t = level.label.clone();
                            let selected = answer.rating == u8::try_from(l).ok();
                            view! {
                                <option value=level.id.clone() selected=selected>
                                    {move || tr(i18n, &fw, &t)}
                                </option>
                            }
                        })
                        .collect_view();
                    let select_id = format!("rate-{id}");
                    let evidence_id = evidence_name(&id);
                    view! {
                        <div class="field indicator-field">
                            <label class="label" for=select_id.clone()>
                                {label}
                            </label>
                            <select
                                class="select"
                                id=select_id
                                name=id.clone()
                                on:change:target=move |ev| {
                                    let rating = fw_for_change.level_index(&ev.target().value());
                                    update_answer(responses, index, |a| a.rating = rating);
                                }
                            >
                                <option value="" selected=answer.rating.is_none()>
                                    {t!(i18n, calc.not_rated)}
                                </option>
                                {options}
                            </select>
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=evidence_id.clone()
                                    name=evidence_id.clone()
                                    value="1"
                                    checked={answer.evidence > 0}
                                    on:change:target=move |ev| {
                                        let evidence = u32::from(ev.target().checked());
                                        update_answer(responses, index, |a| a.evidence = evidence);
                                    }
                                />
                                <label for=evidence_id>{t!(i18n, calc.evidence_label)}</label>
                            </div>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="fieldset">
                    <legend class="legend">{legend}</legend>
                    {indicators}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <div class="calculator">
            <form method="get" class="calculator-form">
                {school}
                {elements}
                <button type="submit" class="button">
                    {t!(i18n, calc.update)}
                </button>
            </form>
            <ScorePanel fw report=report.into() />
        </div>
    }
}

/// The facts about the school that award rules read besides its answers,
/// as fields of the calculator's form; each change updates the scores.
#[component]
fn SchoolFacts(
    fw: Arc<Framework>,
    context: AwardContext,
    facts: RwSignal<AwardContext>,
) -> impl IntoView {
    use crate::domain::scoring::HeldAward;
    let i18n = use_i18n();
    let parse = |v: String| v.trim().parse::<u32>().unwrap_or(0).min(10_000);
    let held = fw
        .awards
        .iter()
        .map(|a| {
            let name = format!("held-{}", a.id);
            let years = context
                .held
                .iter()
                .find(|h| h.award == a.id)
                .map(|h| h.consecutive_years.to_string())
                .unwrap_or_default();
            let title = tr(i18n, &fw, &a.title);
            let award = a.id.clone();
            view! {
                <div class="field">
                    <label class="label" for=name.clone()>{t!(i18n, calc.held, award = title.clone())}</label>
                    <input
                        class="input input-short" type="number" min="0" max="100" inputmode="numeric"
                        id=name.clone() name=name value=years
                        on:input:target=move |ev| {
                            let years = parse(ev.target().value()).min(100);
                            facts.update(|c| {
                                c.held.retain(|h| h.award != award);
                                if years > 0 {
                                    c.held.push(HeldAward { award: award.clone(), consecutive_years: years });
                                }
                            });
                        }
                    />
                </div>
            }
        })
        .collect_view();
    let number = move |name: &'static str, value: u32, set: fn(&mut AwardContext, u32)| {
        let value = if value > 0 {
            value.to_string()
        } else {
            String::new()
        };
        view! {
            <input
                class="input input-short" type="number" min="0" max="10000" inputmode="numeric"
                id=format!("fact-{name}") name=name value=value
                on:input:target=move |ev| {
                    let n = parse(ev.target().value());
                    facts.update(|c| set(c, n));
                }
            />
        }
    };
    let tick = move |name: &'static str, on: bool, set: fn(&mut AwardContext, bool)| {
        view! {
            <input
                type="checkbox" id=format!("fact-{name}") name=name value="1" checked=on
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    facts.update(|c| set(c, on));
                }
            />
        }
    };
    let c = context.clone();
    view! {
        <fieldset class="fieldset">
            <legend class="legend">{t!(i18n, calc.school_legend)}</legend>
            <p class="hint">{t!(i18n, calc.school_hint)}</p>
            {held}
            <div class="field">
                <label class="label" for="fact-attendance">{t!(i18n, calc.attendance)}</label>
                {number("attendance", c.meeting_attendance_percent.unwrap_or(0), |c, n| {
                    c.meeting_attendance_percent = (n > 0).then_some(n.min(100));
                })}
            </div>
            <div class="field">
                <label class="label" for="fact-actions">{t!(i18n, calc.actions)}</label>
                {number("actions", c.planned_actions, |c, n| c.planned_actions = n)}
            </div>
            <div class="field">
                <label class="label" for="fact-cards">{t!(i18n, calc.cards)}</label>
                {number("cards", c.shared_cards, |c, n| c.shared_cards = n)}
            </div>
            <div class="field">
                <label class="label" for="fact-published">{t!(i18n, calc.published)}</label>
                {number("published", c.published_cards, |c, n| c.published_cards = n)}
            </div>
            <div class="field">
                <label class="label" for="fact-schools">{t!(i18n, calc.schools)}</label>
                {number("schools", c.largest_cluster, |c, n| c.largest_cluster = n)}
            </div>
            <div class="checkbox">{tick("cluster", c.cluster_member, |c, on| c.cluster_member = on)}<label for="fact-cluster">{t!(i18n, calc.cluster)}</label></div>
            <div class="checkbox">{tick("plan", c.development_plan, |c, on| c.development_plan = on)}<label for="fact-plan">{t!(i18n, calc.plan)}</label></div>
            <div class="checkbox">{tick("research", c.research_activity, |c, on| c.research_activity = on)}<label for="fact-research">{t!(i18n, calc.research)}</label></div>
            <div class="checkbox">{tick("update", c.annual_update_submitted, |c, on| c.annual_update_submitted = on)}<label for="fact-update">{t!(i18n, calc.annual_update)}</label></div>
            <div class="checkbox">{tick("leads", c.leads_cluster, |c, on| c.leads_cluster = on)}<label for="fact-leads">{t!(i18n, calc.leads)}</label></div>
            <div class="checkbox">{tick("visited", c.annual_visit == Some(true), |c, on| c.annual_visit = on.then_some(true))}<label for="fact-visited">{t!(i18n, calc.visited)}</label></div>
        </fieldset>
    }
}
