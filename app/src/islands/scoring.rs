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
pub fn Calculator(page: IslandPage, fw: FrameworkRef, initial: Vec<Answer>) -> impl IntoView {
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
    let report = {
        let fw = fw.clone();
        Memo::new(move |_| responses.with(|set| score(&fw, set, &AwardContext::default())))
    };
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
                {elements}
                <button type="submit" class="button">
                    {t!(i18n, calc.update)}
                </button>
            </form>
            <ScorePanel fw report=report.into() />
        </div>
    }
}
