//! The page a survey is answered on, `/answer/:link`: no account, no name
//! asked, in English or Chinese, and in easy read (larger text and
//! targets, plain words, a picture beside each word) when the survey asks
//! for it. Every answer is a native radio button or text box, so it works
//! with the keyboard and a screen reader, and without JavaScript.

use super::page::point_words;
use super::{survey_to_answer, AnswerSurvey, AnswerView};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{action_done, action_error, successes, FormErrors};
use crate::components::layout::{text_lang, PageTitle};
use crate::domain::survey::{Question, QuestionKind};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AnswerPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let link = move || params.with(|p| p.get("link").unwrap_or_default());
    let answer = ServerAction::<AnswerSurvey>::new();
    let sent = successes(answer.value());
    let data = resource(move || (link(), sent.get()), |(l, _)| survey_to_answer(l));
    let error = action_error(answer.value());
    let done = action_done(answer);
    let thanks = done;
    view! {
        <PageTitle text=move || t_string!(i18n, survey.answer_title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => {
                        let class = if view.easy_read { "survey easy-read" } else { "survey" };
                        view! {
                        <div class=class>
                            <span class="caption">{view.school_name.clone()}</span>
                            <h1>{view.title.clone()}</h1>
                            <FormErrors error />
                            <Answering view thanks answer link=link() />
                        </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! {
                        <h1>{t!(i18n, survey.answer_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Answering(
    view: AnswerView,
    thanks: Signal<bool>,
    answer: ServerAction<AnswerSurvey>,
    link: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if thanks.get_untracked() {
        return view! { <p class="notice notice-success" role="status">{t!(i18n, survey.thanks)}</p> }
            .into_any();
    }
    if !view.open {
        return view! { <p>{t!(i18n, survey.link_closed)}</p> }.into_any();
    }
    if view.answered {
        return view! { <p>{t!(i18n, survey.already)}</p> }.into_any();
    }
    let easy_read = view.easy_read;
    let questions = view
        .questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| view! { <AnswerQuestion i q easy_read /> })
        .collect_view();
    view! {
        <p>{if easy_read { t!(i18n, survey.intro_easy).into_any() } else { t!(i18n, survey.intro_answer).into_any() }}</p>
        <ActionForm action=answer>
            <input type="hidden" name="link" value=link />
            {questions}
            <button type="submit" class="button button-large">{t!(i18n, survey.send)}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn AnswerQuestion(i: usize, q: Question, easy_read: bool) -> impl IntoView {
    let i18n = use_i18n();
    let kind = q.kind;
    let text = move || q.text(text_lang(i18n.get_locale())).to_owned();
    let name = format!("answers[q{i}]");
    match kind {
        QuestionKind::Agreement => {
            let points = (1..=5u8)
                .map(|p| {
                    let id = format!("q{i}-{p}");
                    let word = move || point_words(i18n, easy_read)[usize::from(p) - 1];
                    let picture = easy_read.then(|| view! { <Face point=p /> });
                    view! {
                        <div class="radio scale-point">
                            <input type="radio" id=id.clone() name=name.clone() value=p.to_string() />
                            <label for=id>{picture}<span>{word}</span></label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="fieldset survey-question">
                    <legend class="legend">{text}</legend>
                    <div class="scale">{points}</div>
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Words => {
            let id = format!("q{i}-words");
            view! {
                <div class="field survey-question">
                    <label class="label" for=id.clone()>{text}</label>
                    <textarea class="textarea" id=id name=name rows="4"></textarea>
                </div>
            }
            .into_any()
        }
    }
}

/// A simple face for a point of the scale, from a frown (1) to a smile
/// (5). Decoration only: the word beside it says the same.
#[component]
fn Face(point: u8) -> impl IntoView {
    // The mouth's curve: down for "no", flat for "not sure", up for "yes".
    let bend = (i32::from(point) - 3) * 4;
    let mouth = format!("M8 {} Q16 {} 24 {}", 21, 21 + bend, 21);
    view! {
        <svg class="face" viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" stroke-width="2" />
            <circle cx="11" cy="12" r="2" fill="currentColor" />
            <circle cx="21" cy="12" r="2" fill="currentColor" />
            <path d=mouth fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
    }
}
