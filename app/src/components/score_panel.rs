//! The score panel: what the shared scoring engine makes of a set of answers,
//! in words. Rendered on the server first, then updated in the browser.

use super::layout::tr;
use crate::domain::scoring::Unmet;
use crate::domain::{Framework, ScoreReport};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::sync::Arc;

/// A permille figure as a percentage with one decimal, e.g. `66.6%`.
pub fn percent(permille: u32) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

/// A scale level's label in the reader's language.
pub fn level_label(i18n: I18nContext<Locale>, fw: &Framework, level: u8) -> String {
    fw.scale
        .get(usize::from(level))
        .map(|l| tr(i18n, fw, &l.label))
        .unwrap_or_default()
}

#[component]
pub fn ScorePanel(fw: Arc<Framework>, report: Signal<ScoreReport>) -> impl IntoView {
    let i18n = use_i18n();
    let element_rows = {
        let fw = fw.clone();
        move || {
            report.with(|r| {
                fw.elements
                    .iter()
                    .zip(&r.elements)
                    .map(|(element, score)| {
                        view! {
                            <tr>
                                <th scope="row">{tr(i18n, &fw, &element.title)}</th>
                                <td class="numeric">{percent(score.score)}</td>
                                <td>{level_label(i18n, &fw, score.level)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let reached = {
        let fw = fw.clone();
        move || {
            report.with(|r| match r.reached {
                Some(i) => tr(i18n, &fw, &fw.awards[i].title),
                None => t_string!(i18n, score.none_reached).to_owned(),
            })
        }
    };
    // An award that asks for the annual visit is reached only once the
    // assessor's visit ratifies it: say so beside it.
    let awaits_visit = move || {
        report.with(|r| {
            r.reached
                .and_then(|i| r.awards.get(i))
                .is_some_and(|a| a.awaits_visit)
                .then(|| view! { <p class="hint" data-testid="awaits-visit">{t!(i18n, score.awaits_visit)}</p> })
        })
    };
    let next = {
        let fw = fw.clone();
        move || {
            let r = report.get();
            let next = r.reached.map_or(0, |i| i + 1);
            match fw.awards.get(next) {
                None if fw.awards.is_empty() => ().into_any(),
                None => view! { <p>{t!(i18n, score.all_reached)}</p> }.into_any(),
                Some(award) => {
                    let name = tr(i18n, &fw, &award.title);
                    let reasons = r.awards[next]
                        .unmet
                        .iter()
                        .map(|u| view! { <li>{describe_unmet(i18n, &fw, u)}</li> })
                        .collect_view();
                    view! {
                        <h3 class="heading-small">{t!(i18n, score.next, award = name.clone())}</h3>
                        <ul class="reasons">{reasons}</ul>
                    }
                    .into_any()
                }
            }
        }
    };
    view! {
        <section class="score-panel" id="score-summary" aria-labelledby="score-heading">
            <h2 id="score-heading">{t!(i18n, score.heading)}</h2>
            <p aria-live="polite" class="score-headline">
                {move || {
                    let r = report.get();
                    t!(i18n, score.summary, overall = percent(r.overall), rated = r.rated, total = r.total)
                }}
            </p>
            <dl class="summary-list">
                <div>
                    <dt>{t!(i18n, score.overall)}</dt>
                    <dd data-testid="overall">{move || percent(report.get().overall)}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, score.completeness)}</dt>
                    <dd data-testid="completeness">{move || percent(report.get().completeness)}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, score.reached)}</dt>
                    <dd data-testid="reached">{reached}</dd>
                </div>
            </dl>
            {awaits_visit}
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, score.element_col)}</th>
                        <th scope="col" class="numeric">{t!(i18n, score.score_col)}</th>
                        <th scope="col">{t!(i18n, score.level_col)}</th>
                    </tr>
                </thead>
                <tbody>{element_rows}</tbody>
            </table>
            {next}
        </section>
    }
}

/// One unmet rule in plain words.
pub fn describe_unmet(i18n: I18nContext<Locale>, fw: &Framework, unmet: &Unmet) -> AnyView {
    let level = |l: u8| level_label(i18n, fw, l);
    let award = |a: usize| {
        fw.awards
            .get(a)
            .map(|x| tr(i18n, fw, &x.title))
            .unwrap_or_default()
    };
    match unmet.clone() {
        Unmet::ElementBelow {
            element,
            needed,
            below,
            ..
        } => {
            let name = fw
                .elements
                .get(element)
                .map(|e| tr(i18n, fw, &e.title))
                .unwrap_or_default();
            let unrated = below.last().copied().unwrap_or(0);
            let parts = below[..below.len().saturating_sub(1)]
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(l, n)| {
                    let label = level(u8::try_from(l).unwrap_or(0));
                    view! { <span class="part">{t!(i18n, unmet.at_level, count = * n, level = label.clone())}</span> }
                        .into_any()
                })
                .chain((unrated > 0).then(|| {
                    view! { <span class="part">{t!(i18n, unmet.unrated, count = unrated)}</span> }.into_any()
                }))
                .collect_view();
            let needed = level(needed);
            view! {
                <strong>{t!(i18n, unmet.element_below, element = name.clone())}</strong>
                " "
                {parts}
                " — "
                {t!(i18n, unmet.needed, level = needed.clone())}
            }
            .into_any()
        }
        Unmet::IndicatorsBelow {
            needed,
            count,
            unrated,
        } => t!(
            i18n,
            unmet.indicators_below,
            count = count,
            level = level(needed),
            unrated = unrated
        )
        .into_any(),
        Unmet::EvidenceShare {
            needed_percent,
            has_permille,
        } => t!(
            i18n,
            unmet.evidence_share,
            has = percent(has_permille),
            needed = needed_percent
        )
        .into_any(),
        Unmet::OverallScore {
            needed_percent,
            has_permille,
        } => t!(
            i18n,
            unmet.overall_score,
            has = percent(has_permille),
            needed = needed_percent
        )
        .into_any(),
        Unmet::AwardNotHeld {
            award: a,
            years,
            held_years,
        } => t!(
            i18n,
            unmet.award_not_held,
            award = award(a),
            held = held_years,
            years = years
        )
        .into_any(),
        Unmet::ClusterMembership => t!(i18n, unmet.cluster).into_any(),
        Unmet::MeetingAttendance { needed_percent, .. } => {
            t!(i18n, unmet.attendance, needed = needed_percent).into_any()
        }
        Unmet::AnnualUpdate => t!(i18n, unmet.annual_update).into_any(),
        Unmet::ActionPlan { needed, has } => {
            t!(i18n, unmet.action_plan, has = has, needed = needed).into_any()
        }
        Unmet::DevelopmentPlan => t!(i18n, unmet.development_plan).into_any(),
        Unmet::SharedPractice { needed, has } => {
            t!(i18n, unmet.shared_practice, has = has, needed = needed).into_any()
        }
        Unmet::ClusterSize { needed, has } => {
            t!(i18n, unmet.cluster_size, has = has, needed = needed).into_any()
        }
        Unmet::ResearchActivity => t!(i18n, unmet.research_activity).into_any(),
        Unmet::LeadsCluster => t!(i18n, unmet.leads_cluster).into_any(),
        Unmet::AnnualVisit => t!(i18n, unmet.annual_visit).into_any(),
        Unmet::DevelopmentAims { needed, has } => {
            t!(i18n, unmet.development_aims, has = has, needed = needed).into_any()
        }
    }
}
