//! One framework version in a readable, printable form.

use super::ErrorMessage;
use crate::components::layout::{text_lang, tr};
use crate::domain::{AwardRule, Framework, Text};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::components::A;
use std::sync::Arc;

#[component]
pub fn FrameworkPage() -> impl IntoView {
    let framework = super::framework_from_route();
    let i18n = use_i18n();
    view! {
        <p class="back-link">
            <A href="/frameworks">{t!(i18n, framework.back)}</A>
        </p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match framework.await {
                    Ok(fw) => view! { <FrameworkView fw=Arc::new(fw) /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FrameworkView(fw: Arc<Framework>) -> impl IntoView {
    let i18n = use_i18n();
    let title = {
        let fw = fw.clone();
        move || tr(i18n, &fw, &fw.title)
    };
    let summary = {
        let fw = fw.clone();
        move || tr(i18n, &fw, &fw.summary)
    };
    let version = fw.version.clone();
    view! {
        <Title text=title.clone() />
        <article class="framework" lang=move || text_lang(i18n.get_locale())>
            <h1>{title}</h1>
            <p class="caption">{t!(i18n, framework.version, version = version.clone())}</p>
            <p class="lead">{summary}</p>
            <ul class="link-list actions">
                <li>
                    <A href=format!("/frameworks/{}/{}/try", fw.id, fw.version)>{t!(i18n, framework.try_link)}</A>
                </li>
                <li>
                    <a href=format!("/frameworks/{}/{}/export", fw.id, fw.version) rel="external" download="">
                        {t!(i18n, framework.export_link)}
                    </a>
                </li>
            </ul>
            <nav class="contents" aria-labelledby="contents-heading">
                <h2 id="contents-heading" class="heading-small">{t!(i18n, framework.contents)}</h2>
                <ul>
                    <li><a href="#scale">{t!(i18n, framework.scale_heading)}</a></li>
                    <li><a href="#elements">{t!(i18n, framework.elements_heading)}</a></li>
                    <li><a href="#awards">{t!(i18n, framework.awards_heading)}</a></li>
                </ul>
            </nav>
            <Scale fw=fw.clone() />
            <Elements fw=fw.clone() />
            <Awards fw />
        </article>
    }
}

#[component]
fn Scale(fw: Arc<Framework>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="scale">
            <h2 id="scale">{t!(i18n, framework.scale_heading)}</h2>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, framework.level_col)}</th>
                        <th scope="col">{t!(i18n, framework.descriptor_col)}</th>
                    </tr>
                </thead>
                <tbody>
                    {fw
                        .scale
                        .iter()
                        .map(|level| {
                            let (fw1, fw2) = (fw.clone(), fw.clone());
                            let (label, descriptor) = (level.label.clone(), level.descriptor.clone());
                            view! {
                                <tr>
                                    <th scope="row">{move || tr(i18n, &fw1, &label)}</th>
                                    <td>{move || tr(i18n, &fw2, &descriptor)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Elements(fw: Arc<Framework>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="elements">
            <h2 id="elements">{t!(i18n, framework.elements_heading)}</h2>
            {(0..fw.elements.len())
                .map(|e| {
                    let fw = fw.clone();
                    let element = &fw.elements[e];
                    let heading_id = format!("element-{}", element.id);
                    let labelled_by = heading_id.clone();
                    let f = fw.clone();
                    let title = move || tr(i18n, &f, &f.elements[e].title);
                    let f = fw.clone();
                    let summary = move || tr(i18n, &f, &f.elements[e].summary);
                    let indicators = (0..element.indicators.len())
                        .map(|i| view! { <IndicatorView fw=fw.clone() element=e indicator=i /> })
                        .collect_view();
                    view! {
                        <section class="element" aria-labelledby=labelled_by>
                            <h3 id=heading_id>{title}</h3>
                            <p>{summary}</p>
                            <ol class="indicators">{indicators}</ol>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn IndicatorView(fw: Arc<Framework>, element: usize, indicator: usize) -> impl IntoView {
    let i18n = use_i18n();
    let ind = fw.elements[element].indicators[indicator].clone();
    let f = fw.clone();
    let title = {
        let t = ind.title.clone();
        move || tr(i18n, &f, &t)
    };
    let list = move |items: Vec<Text>| {
        let fw = fw.clone();
        items
            .into_iter()
            .map(|text| {
                let fw = fw.clone();
                view! { <li>{move || tr(i18n, &fw, &text)}</li> }
            })
            .collect_view()
    };
    let has_guidance = !ind.guidance.is_empty();
    let has_examples = !ind.evidence_examples.is_empty();
    let guidance = list(ind.guidance.clone());
    let examples = list(ind.evidence_examples.clone());
    let weight = ind.weight;
    view! {
        <li class="indicator">
            <h4 class="indicator-title">{title}</h4>
            <p class="tags">
                <span class="tag">{t!(i18n, framework.weight, weight = weight)}</span>
                {ind.evidence_required.then(|| view! { <span class="tag tag-strong">{t!(i18n, framework.evidence_required)}</span> })}
            </p>
            {has_guidance.then(|| view! {
                <h5 class="heading-small">{t!(i18n, framework.guidance)}</h5>
                <ul>{guidance}</ul>
            })}
            {has_examples.then(|| view! {
                <h5 class="heading-small">{t!(i18n, framework.evidence_examples)}</h5>
                <ul>{examples}</ul>
            })}
        </li>
    }
}

/// A rule in plain words, in the reader's language.
fn describe_rule(i18n: I18nContext<Locale>, fw: &Framework, rule: &AwardRule) -> AnyView {
    let level = |id: &str| {
        fw.scale
            .iter()
            .find(|l| l.id == id)
            .map(|l| tr(i18n, fw, &l.label))
            .unwrap_or_else(|| id.to_owned())
    };
    let award = |id: &str| {
        fw.award(id)
            .map(|a| tr(i18n, fw, &a.title))
            .unwrap_or_else(|| id.to_owned())
    };
    match rule.clone() {
        AwardRule::MinElementLevel { level: l, elements } if elements.is_empty() => {
            t!(i18n, rule.min_element_level_all, level = level(&l)).into_any()
        }
        AwardRule::MinElementLevel { level: l, elements } => {
            let names: Vec<String> = elements
                .iter()
                .map(|id| {
                    fw.element(id)
                        .map(|e| tr(i18n, fw, &e.title))
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            t!(
                i18n,
                rule.min_element_level_some,
                level = level(&l),
                elements = names.join(", ")
            )
            .into_any()
        }
        AwardRule::NoIndicatorBelow { level: l } => {
            t!(i18n, rule.no_indicator_below, level = level(&l)).into_any()
        }
        AwardRule::MinEvidenceShare { percent } => {
            t!(i18n, rule.min_evidence_share, percent = percent).into_any()
        }
        AwardRule::MinOverallScore { percent } => {
            t!(i18n, rule.min_overall_score, percent = percent).into_any()
        }
        AwardRule::HeldAward { award: a, years } => {
            t!(i18n, rule.held_award, award = award(&a), years = years).into_any()
        }
        AwardRule::ClusterMembership { awards } if awards.is_empty() => {
            t!(i18n, rule.cluster_membership_any).into_any()
        }
        AwardRule::ClusterMembership { awards } => {
            let names: Vec<String> = awards.iter().map(|a| award(a)).collect();
            t!(
                i18n,
                rule.cluster_membership_awards,
                awards = names.join(", ")
            )
            .into_any()
        }
        AwardRule::MeetingAttendance { percent } => {
            t!(i18n, rule.meeting_attendance, percent = percent).into_any()
        }
        AwardRule::AnnualUpdate => t!(i18n, rule.annual_update).into_any(),
        AwardRule::ActionPlan { actions } => {
            t!(i18n, rule.action_plan, actions = actions).into_any()
        }
        AwardRule::DevelopmentPlan => t!(i18n, rule.development_plan).into_any(),
        AwardRule::SharedPractice { cards } => {
            t!(i18n, rule.shared_practice, cards = cards).into_any()
        }
        AwardRule::ClusterSize { schools } => {
            t!(i18n, rule.cluster_size, schools = schools).into_any()
        }
        AwardRule::ResearchActivity => t!(i18n, rule.research_activity).into_any(),
        AwardRule::LeadsCluster => t!(i18n, rule.leads_cluster).into_any(),
        AwardRule::AnnualVisit => t!(i18n, rule.annual_visit).into_any(),
        AwardRule::DevelopmentAims { cards } => {
            t!(i18n, rule.development_aims, cards = cards).into_any()
        }
    }
}

#[component]
fn Awards(fw: Arc<Framework>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="awards">
            <h2 id="awards">{t!(i18n, framework.awards_heading)}</h2>
            {(0..fw.awards.len())
                .map(|a| {
                    let f = fw.clone();
                    let title = move || tr(i18n, &f, &f.awards[a].title);
                    let f = fw.clone();
                    let summary = move || tr(i18n, &f, &f.awards[a].summary);
                    let f = fw.clone();
                    let rules = move || {
                        f.awards[a]
                            .rules
                            .iter()
                            .map(|rule| view! { <li>{describe_rule(i18n, &f, rule)}</li> })
                            .collect_view()
                    };
                    view! {
                        <section class="award">
                            <h3>{title}</h3>
                            <p>{summary}</p>
                            <p>{t!(i18n, framework.rules_intro)}</p>
                            <ul class="rules">{rules}</ul>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}
