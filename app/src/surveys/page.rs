//! The school's surveys, `/schools/:id/surveys`, with the form that writes
//! one; one survey's results, `/surveys/:id`.

use super::{
    survey_results, surveys, AttachSurvey, CloseSurvey, CreateSurvey, ResultsView, SurveysView,
};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{
    action_done, action_error, successes, FormErrors, KeepTyping, Notice,
};
use crate::components::layout::{text_in, PageTitle};
use crate::domain::survey::{Audience, QuestionKind, QuestionResult, MIN_ANSWERS};
use crate::i18n::*;
use crate::model::FrameworkIndicators;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Spare question rows on the form; empty ones are left out.
const QUESTION_ROWS: usize = 5;

pub(super) fn audience_text(i18n: I18nContext<Locale>, audience: Audience) -> &'static str {
    match audience {
        Audience::Learners => t_string!(i18n, survey.learners),
        Audience::Families => t_string!(i18n, survey.families),
        Audience::Staff => t_string!(i18n, survey.staff),
    }
}

/// The words of the agreement scale, from 1 to 5.
pub(super) fn point_words(i18n: I18nContext<Locale>, easy_read: bool) -> [&'static str; 5] {
    if easy_read {
        [
            t_string!(i18n, survey.easy_1),
            t_string!(i18n, survey.easy_2),
            t_string!(i18n, survey.easy_3),
            t_string!(i18n, survey.easy_4),
            t_string!(i18n, survey.easy_5),
        ]
    } else {
        [
            t_string!(i18n, survey.point_1),
            t_string!(i18n, survey.point_2),
            t_string!(i18n, survey.point_3),
            t_string!(i18n, survey.point_4),
            t_string!(i18n, survey.point_5),
        ]
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let school = move || params.with(|p| p.get("id").unwrap_or_default());
    let create = ServerAction::<CreateSurvey>::new();
    let created = successes(create.value());
    let data = resource(move || (school(), created.get()), |(s, _)| surveys(s));
    let error = action_error(create.value());
    let done = action_done(create);
    view! {
        <PageTitle text=move || t_string!(i18n, survey.title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/schools/{}", view.school)>{t!(i18n, nc.back)}</a></p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{t!(i18n, survey.title)}</h1>
                        <p>{t!(i18n, survey.intro, min = MIN_ANSWERS)}</p>
                        <FormErrors error />
                        <Notice show=done>{t!(i18n, survey.created)}</Notice>
                        <SurveyList view=view.clone() />
                        {view.may_edit.then(|| view! {
                            <KeepTyping key="survey-form"><SurveyForm view=view.clone() create /></KeepTyping>
                        })}
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, survey.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SurveyList(view: SurveysView) -> impl IntoView {
    let i18n = use_i18n();
    if view.rows.is_empty() {
        return view! { <p>{t!(i18n, survey.none)}</p> }.into_any();
    }
    let rows = view
        .rows
        .into_iter()
        .map(|row| {
            let s = row.survey;
            let audience = s.audience;
            let state = if s.is_open() {
                t_string!(i18n, survey.open)
            } else {
                t_string!(i18n, survey.closed)
            };
            view! {
                <tr data-testid="survey-row">
                    <td><a href=format!("/surveys/{}", s.id)>{s.title.clone()}</a></td>
                    <td>{move || audience_text(i18n, audience)}</td>
                    <td>{s.answers}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{t!(i18n, survey.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, survey.name)}</th>
                        <th scope="col">{t!(i18n, survey.audience)}</th>
                        <th scope="col">{t!(i18n, survey.answers)}</th>
                        <th scope="col">{t!(i18n, survey.state)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn SurveyForm(view: SurveysView, create: ServerAction<CreateSurvey>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let chosen = query.with_untracked(|q| q.get("framework"));
    let Some(fw) = chosen
        .and_then(|id| view.frameworks.iter().find(|f| f.id == id).cloned())
        .or_else(|| view.frameworks.first().cloned())
    else {
        return ().into_any();
    };
    let choices = view
        .frameworks
        .iter()
        .map(|f| {
            let selected = f.id == fw.id;
            view! { <option value=f.id.clone() selected=selected>{text_in(i18n, &f.title, &f.default_language)}</option> }
        })
        .collect_view();
    let audiences = Audience::ALL
        .into_iter()
        .map(|a| view! { <option value=a.as_str()>{move || audience_text(i18n, a)}</option> })
        .collect_view();
    let rows = (0..QUESTION_ROWS)
        .map(|i| view! { <QuestionRow i fw=fw.clone() /> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="survey-form-heading">
            <h2 id="survey-form-heading">{t!(i18n, survey.form_heading)}</h2>
            // Choosing the framework is a GET form, so it works without JavaScript.
            <form method="get" action=format!("/schools/{}/surveys", view.school) class="filters">
                <div class="field">
                    <label class="label" for="survey-framework">{t!(i18n, ia.framework)}</label>
                    <select class="select" id="survey-framework" name="framework">{choices}</select>
                </div>
                <button type="submit" class="button button-secondary">{t!(i18n, survey.choose_framework)}</button>
            </form>
            <ActionForm action=create>
                <input type="hidden" name="school" value=view.school.clone() />
                <input type="hidden" name="framework" value=fw.id.clone() />
                <div class="field">
                    <label class="label" for="survey-title">{t!(i18n, survey.name)}</label>
                    <input class="input" type="text" id="survey-title" name="title" required autocomplete="off" />
                </div>
                <div class="field">
                    <label class="label" for="survey-audience">{t!(i18n, survey.audience)}</label>
                    <select class="select" id="survey-audience" name="audience">{audiences}</select>
                </div>
                <div class="checkbox">
                    <input type="checkbox" id="survey-easy" name="easy_read" value="1" aria-describedby="survey-easy-hint" />
                    <label for="survey-easy">{t!(i18n, survey.easy_read)}</label>
                </div>
                <p class="hint" id="survey-easy-hint">{t!(i18n, survey.easy_read_hint)}</p>
                {rows}
                <button type="submit" class="button">{t!(i18n, survey.create)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn QuestionRow(i: usize, fw: FrameworkIndicators) -> impl IntoView {
    let i18n = use_i18n();
    let lang = fw.default_language.clone();
    let options = fw
        .indicators
        .iter()
        .map(
            |(id, title)| view! { <option value=id.clone()>{text_in(i18n, title, &lang)}</option> },
        )
        .collect_view();
    let id = |part: &str| format!("q{i}-{part}");
    let name = |part: &str| format!("questions[{i}][{part}]");
    view! {
        <fieldset class="fieldset">
            <legend class="legend">{t!(i18n, survey.question_n, n = i + 1)}</legend>
            <div class="field">
                <label class="label" for=id("en")>{t!(i18n, survey.text_en)}</label>
                <input class="input" type="text" id=id("en") name=name("text_en") autocomplete="off" />
            </div>
            <div class="field">
                <label class="label" for=id("zh")>{t!(i18n, survey.text_zh)}</label>
                <input class="input" type="text" id=id("zh") name=name("text_zh") lang="zh" autocomplete="off" />
            </div>
            <div class="field">
                <label class="label" for=id("kind")>{t!(i18n, survey.kind)}</label>
                <select class="select" id=id("kind") name=name("kind")>
                    <option value=QuestionKind::Agreement.as_str()>{t!(i18n, survey.kind_agreement)}</option>
                    <option value=QuestionKind::Words.as_str()>{t!(i18n, survey.kind_words)}</option>
                </select>
            </div>
            <div class="field">
                <label class="label" for=id("indicator")>{t!(i18n, survey.indicator)}</label>
                <select class="select" id=id("indicator") name=name("indicator")>{options}</select>
            </div>
        </fieldset>
    }
}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let close = ServerAction::<CloseSurvey>::new();
    let attach = ServerAction::<AttachSurvey>::new();
    let (closed, attached) = (successes(close.value()), successes(attach.value()));
    let data = resource(
        move || (id(), closed.get(), attached.get()),
        |(id, _, _)| survey_results(id),
    );
    let error = Signal::derive(move || {
        action_error(close.value())
            .get()
            .or(action_error(attach.value()).get())
    });
    let (close_done, attach_done) = (action_done(close), action_done(attach));
    view! {
        <PageTitle text=move || t_string!(i18n, survey.results_title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/schools/{}/surveys", view.school)>{t!(i18n, survey.back)}</a></p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{view.survey.title.clone()}</h1>
                        <FormErrors error />
                        <Notice show=close_done>{t!(i18n, survey.closed_notice)}</Notice>
                        <Notice show=attach_done>{t!(i18n, survey.attached)}</Notice>
                        <Results view close attach />
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, survey.results_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Results(
    view: ResultsView,
    close: ServerAction<CloseSurvey>,
    attach: ServerAction<AttachSurvey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = view.survey;
    let audience = s.audience;
    let words = point_words(i18n, false);
    // Each indicator's first question is the evidence link's target.
    let mut anchored: Vec<String> = Vec::new();
    let questions = s
        .questions
        .iter()
        .zip(view.results)
        .map(|(q, result)| {
            let indicator = view
                .framework
                .as_ref()
                .and_then(|f| Some(text_in(i18n, f.indicator_title(&q.indicator)?, &f.default_language)))
                .unwrap_or_else(|| q.indicator.clone());
            let text = q.text(crate::components::layout::text_lang(i18n.get_locale())).to_owned();
            let body = match result {
                QuestionResult::TooFew { answered } => view! {
                    <p data-testid="too-few">{t!(i18n, survey.too_few, answered = answered, min = MIN_ANSWERS)}</p>
                }
                .into_any(),
                QuestionResult::Points { counts, answered } => {
                    let rows = counts
                        .iter()
                        .zip(words)
                        .map(|(n, w)| view! { <tr><th scope="row">{w}</th><td>{*n}</td></tr> })
                        .collect_view();
                    view! {
                        <table class="table" data-testid="point-counts">
                            <caption>{t!(i18n, survey.answered, answered = answered)}</caption>
                            <thead><tr><th scope="col">{t!(i18n, survey.answer)}</th><th scope="col">{t!(i18n, survey.people)}</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                    .into_any()
                }
                QuestionResult::Words { answers } => view! {
                    <ul class="link-list" data-testid="word-answers">
                        {answers.into_iter().map(|a| view! { <li class="answer-text">{a}</li> }).collect_view()}
                    </ul>
                }
                .into_any(),
            };
            let anchor = (!anchored.contains(&q.indicator)).then(|| {
                anchored.push(q.indicator.clone());
                q.indicator.clone()
            });
            view! {
                <section class="panel" id=anchor data-testid="survey-question">
                    <h3>{text}</h3>
                    <p class="caption">{indicator}</p>
                    {body}
                </section>
            }
        })
        .collect_view();
    let link = view
        .answer_path
        .clone()
        .filter(|_| s.is_open())
        .map(|path| {
            view! {
                <div class="panel">
                    <h2>{t!(i18n, survey.link_heading)}</h2>
                    <p>{t!(i18n, survey.link_hint)}</p>
                    <p><a href=path.clone() data-testid="answer-link">{path.clone()}</a></p>
                </div>
            }
        });
    let actions = view.may_edit.then(|| {
        let (close_id, attach_id) = (s.id.clone(), s.id.clone());
        let closing = s.is_open().then(|| {
            view! {
                <ActionForm action=close>
                    <input type="hidden" name="id" value=close_id.clone() />
                    <button type="submit" class="button button-secondary">{t!(i18n, survey.close)}</button>
                </ActionForm>
            }
        });
        view! {
            <div class="button-group">
                <ActionForm action=attach>
                    <input type="hidden" name="id" value=attach_id />
                    <button type="submit" class="button">{t!(i18n, survey.attach)}</button>
                </ActionForm>
                {closing}
            </div>
        }
    });
    view! {
        <dl class="summary-list">
            <div><dt>{t!(i18n, survey.audience)}</dt><dd>{move || audience_text(i18n, audience)}</dd></div>
            <div><dt>{t!(i18n, survey.answers)}</dt><dd data-testid="answer-count">{s.answers}</dd></div>
            <div><dt>{t!(i18n, survey.state)}</dt><dd>{if s.is_open() { t!(i18n, survey.open).into_any() } else { t!(i18n, survey.closed).into_any() }}</dd></div>
            <div><dt>{t!(i18n, survey.written_by)}</dt><dd>{format!("{} · {}", s.created_by, s.created_at.get(..10).unwrap_or_default())}</dd></div>
        </dl>
        {link}
        {actions}
        <h2>{t!(i18n, survey.results_heading)}</h2>
        {questions}
    }
}
