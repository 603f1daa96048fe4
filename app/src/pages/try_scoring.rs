//! Try the scoring: rate indicators and see what the engine makes of it.
//! The first render is computed on the server from the query string (so it
//! works without JavaScript, as a GET form); after hydration every change is
//! scored in the browser by the same code.

use super::ErrorMessage;
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::components::score_panel::ScorePanel;
use crate::domain::{score, Answer, AwardContext, Framework, ResponseSet};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn TryScoringPage() -> impl IntoView {
    let framework = super::framework_from_route();
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, calc.title).to_owned() />
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match framework.await {
                    Ok(fw) => view! { <Calculator fw=Arc::new(fw) /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The evidence checkbox's field name for an indicator.
fn evidence_name(indicator_id: &str) -> String {
    format!("ev-{indicator_id}")
}

/// Changes one indicator's answer; the score panel follows.
fn update_answer(responses: RwSignal<ResponseSet>, index: usize, change: impl FnOnce(&mut Answer)) {
    responses.update(|set| {
        let mut answer = set.get(index);
        change(&mut answer);
        set.set(index, answer);
    });
}

#[component]
fn Calculator(fw: Arc<Framework>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let initial = query.with_untracked(|q| {
        let mut set = ResponseSet::new(&fw);
        for r in fw.indicators() {
            let rating = q.get(&r.indicator.id).and_then(|v| fw.level_index(&v));
            let evidence = u32::from(q.get(&evidence_name(&r.indicator.id)).is_some());
            set.set(r.index, Answer { rating, evidence });
        }
        set
    });
    let responses = RwSignal::new(initial.clone());
    let report = {
        let fw = fw.clone();
        Memo::new(move |_| responses.with(|set| score(&fw, set, &AwardContext::default())))
    };
    let title = {
        let fw = fw.clone();
        move || tr(i18n, &fw, &fw.title)
    };
    let back = format!("/frameworks/{}/{}", fw.id, fw.version);
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
        <p class="back-link">
            <A href=back>{title.clone()}</A>
        </p>
        <h1>{t!(i18n, calc.title)}</h1>
        <p class="lead">{t!(i18n, calc.lead)}</p>
        <div class="calculator">
            <form method="get" class="calculator-form">
                {elements}
                <button type="submit" class="button">
                    {t!(i18n, calc.update)}
                </button>
            </form>
            <ScorePanel fw report=report.into() />
        </div>
    }
}
