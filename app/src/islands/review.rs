//! The review's island: the assessor rates each indicator beside the
//! school's claim, one element at a time, with the scores worked out live
//! by the same engine the server uses.

use crate::api::reviews::SaveReviewRating;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{action_error, action_succeeded, FormErrors};
use crate::components::islands::IslandPage;
use crate::components::layout::tr;
use crate::components::score_panel::{level_label, percent, ScorePanel};
use crate::domain::assessment::{rated_set, EvidenceItem, EvidenceKind};
use crate::domain::review::{EvidenceRequest, ReviewRating};
use crate::domain::{score, AwardContext, Framework};
use crate::error::AppError;
use crate::framework_script::FrameworkRef;
use crate::i18n::*;
use crate::model::{review_element_href, SchoolTexts, ShownElements};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// What the review's island needs: the school's answers (levels for every
/// indicator, words and evidence for the elements shown), the assessor's
/// ratings and requests, and the facts the award rules read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewWork {
    pub id: String,
    /// Whether the viewer rates (the lead assessor, while in review).
    pub editable: bool,
    pub levels: HashMap<String, String>,
    pub evidence_counts: HashMap<String, u32>,
    pub texts: SchoolTexts,
    pub ratings: Vec<ReviewRating>,
    pub requests: Vec<EvidenceRequest>,
    pub context: AwardContext,
}

/// The assessor's workspace: the elements as a task list, one element's
/// indicators at a time (moving between them in place, keeping what was
/// chosen and typed), the live scores beside the school's, and (as
/// `children`, drawn by the server) the rest of the review.
#[island]
pub fn ReviewWorkspace(
    page: IslandPage,
    fw: FrameworkRef,
    work: ReviewWork,
    children: Children,
) -> impl IntoView {
    page.provide();
    let i18n = use_i18n();
    let fw: Arc<Framework> = fw.0;
    let work = Arc::new(work);
    let lead_can_edit = work.editable;
    let ratings: RwSignal<HashMap<String, Option<String>>> = RwSignal::new(
        work.ratings
            .iter()
            .map(|r| (r.indicator.clone(), r.level.clone()))
            .collect(),
    );
    let counts = work.evidence_counts.clone();
    let levels = &work.levels;
    let school_report = score(
        &fw,
        &rated_set(&fw, |id| levels.get(id).map(String::as_str), &counts),
        &work.context,
    );
    // The assessor's scores: the same engine, on the validated ratings, live.
    let report = {
        let fw = fw.clone();
        let context = work.context.clone();
        Memo::new(move |_| {
            ratings.with(|r| {
                let set = rated_set(&fw, |id| r.get(id).and_then(|l| l.as_deref()), &counts);
                score(&fw, &set, &context)
            })
        })
    };
    let save = ServerAction::<SaveReviewRating>::new();
    let saved = action_succeeded(save.value());
    let save_error = action_error(save.value());
    let comparison = fw
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let school = school_report.elements[i].score;
            let fw = fw.clone();
            let title = tr(i18n, &fw, &e.title);
            view! {
                <tr>
                    <th scope="row">{title}</th>
                    <td class="numeric">{percent(school)}</td>
                    <td class="numeric">{move || percent(report.with(|r| r.elements[i].score))}</td>
                </tr>
            }
        })
        .collect_view();
    // One element at a time, as the wizard asks them (`?element=ID`), or
    // every element on one page (`?element=all`) to read or print straight
    // through. Moving between elements happens in place (the address
    // follows), so unsaved choices stay: the ratings and comments live in
    // signals above the sections.
    let shown = RwSignal::new(work.texts.shown);
    follow_history(fw.clone(), shown);
    let texts = texts_loader(&work, fw.clone(), shown);
    let comments: RwSignal<HashMap<String, String>> = RwSignal::new(
        work.ratings
            .iter()
            .map(|r| (r.indicator.clone(), r.comment.clone()))
            .collect(),
    );
    let element_nav = view! {
        <ElementNav fw=fw.clone() review=work.id.clone() shown ratings />
    };
    let sections = {
        let (fw, work) = (fw.clone(), work.clone());
        move || {
            let shown = shown.get();
            let loaded = texts.with(|t| {
                t.iter()
                    .find(|(loaded, texts)| texts.is_ok() && loaded.covers(shown))
                    .or_else(|| t.iter().find(|(loaded, _)| *loaded == shown))
                    .map(|(_, texts)| texts.clone())
            });
            let texts = match loaded {
                Some(Ok(texts)) => texts,
                Some(Err(error)) => return view! { <ErrorMessage error /> }.into_any(),
                None => return view! { <p>{t!(i18n, common.loading)}</p> }.into_any(),
            };
            fw.elements
                .iter()
                .enumerate()
                .filter(|(index, _)| shown.includes(*index))
                .map(|(_, element)| {
                    let items = element
                        .indicators
                        .iter()
                        .map(|indicator| {
                            view! {
                                <IndicatorReview
                                    fw=fw.clone()
                                    work=work.clone()
                                    texts=texts.clone()
                                    indicator=indicator.id.clone()
                                    editable=lead_can_edit
                                    ratings
                                    comments
                                    save
                                />
                            }
                        })
                        .collect_view();
                    view! {
                        <section class="review-element" aria-labelledby=format!("el-{}", element.id)>
                            <h2 id=format!("el-{}", element.id)>{tr(i18n, &fw, &element.title)}</h2>
                            {items}
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    let step_nav = {
        let (fw, review) = (fw.clone(), work.id.clone());
        move || {
            let ShownElements::One(index) = shown.get() else {
                return ().into_any();
            };
            let href = |i: usize| review_element_href(&review, &fw.elements[i].id);
            let previous = index.checked_sub(1).map(|i| (href(i), i));
            let next = (index + 1 < fw.elements.len()).then(|| (href(index + 1), index + 1));
            view! {
                <nav class="step-nav no-print" aria-label=move || t_string!(i18n, review.steps_label)>
                    {previous.map(|(href, i)| view! {
                        <a href=href class="button button-secondary" on:click=move |ev| show_in_place(ev, shown, ShownElements::One(i))>
                            {t!(i18n, review.previous_element)}
                        </a>
                    })}
                    {next.map(|(href, i)| view! {
                        <a href=href class="button button-secondary" on:click=move |ev| show_in_place(ev, shown, ShownElements::One(i))>
                            {t!(i18n, review.next_element)}
                        </a>
                    })}
                </nav>
            }
            .into_any()
        }
    };
    let report_signal = Signal::from(report);
    view! {
        <div class="wizard">
            <div class="wizard-main">
                <div role="status" class="notice-slot">
                    <Show when=move || saved.get()>
                        <p class="notice notice-success">{t!(i18n, review.rating_saved)}</p>
                    </Show>
                </div>
                <FormErrors error=save_error />
                {element_nav}
                {sections}
                {step_nav}
                {children()}
            </div>
            <aside class="wizard-aside" aria-label=move || t_string!(i18n, review.scores_label)>
                <ScorePanel fw=fw.clone() report=report_signal />
                <table class="table">
                    <caption>{t!(i18n, review.compare_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, score.element_col)}</th>
                            <th scope="col" class="numeric">{t!(i18n, review.school_col)}</th>
                            <th scope="col" class="numeric">{t!(i18n, review.assessor_col)}</th>
                        </tr>
                    </thead>
                    <tbody>{comparison}</tbody>
                </table>
            </aside>
        </div>
    }
}

/// Follows a link to other elements in place: the address changes (so a
/// reload or a shared link lands there) without loading the page again.
/// A click meant for a new tab or window is left to the browser.
fn show_in_place(
    ev: leptos::ev::MouseEvent,
    shown: RwSignal<ShownElements>,
    target: ShownElements,
) {
    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
        return;
    }
    ev.prevent_default();
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let href = ev
            .current_target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlAnchorElement>().ok())
            .map(|a| a.href());
        if let Some(href) = href {
            if let Ok(history) = window().history() {
                let _ = history.push_state_with_url(
                    &leptos::wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&href),
                );
            }
        }
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
    shown.set(target);
}

/// Back and forward move between the elements shown in place.
fn follow_history(fw: Arc<Framework>, shown: RwSignal<ShownElements>) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            let search = window().location().search().unwrap_or_default();
            let element = search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("element="))
                .map(str::to_owned);
            let _ = shown.try_set(ShownElements::from_query(&fw, element.as_deref()));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (fw, shown);
}

/// The school's texts for each set of elements loaded so far: those the
/// page came with, and (when the assessor moves to another element) that
/// element's, fetched then. Choices made on the page stay, as they live in
/// signals of their own. A failed fetch shows its error and is tried again
/// the next time that element is shown.
type LoadedTexts = RwSignal<Vec<(ShownElements, Result<Arc<SchoolTexts>, AppError>)>>;

fn texts_loader(
    work: &ReviewWork,
    fw: Arc<Framework>,
    shown: RwSignal<ShownElements>,
) -> LoadedTexts {
    use crate::api::reviews::review;
    let loaded: LoadedTexts =
        RwSignal::new(vec![(work.texts.shown, Ok(Arc::new(work.texts.clone())))]);
    let id = work.id.clone();
    // Runs in the browser only: the server renders what it was asked for.
    Effect::new(move |_| {
        let wanted = shown.get();
        let have = |t: &Vec<(ShownElements, Result<Arc<SchoolTexts>, AppError>)>| {
            t.iter()
                .any(|(have, texts)| texts.is_ok() && have.covers(wanted))
        };
        if loaded.with_untracked(have) {
            return;
        }
        let (id, element) = (id.clone(), wanted.query(&fw));
        leptos::task::spawn_local(async move {
            let texts = review(id, Some(element))
                .await
                .map(|v| Arc::new(v.answers.texts));
            loaded.update(|t| {
                t.retain(|(have, _)| *have != wanted);
                t.push((wanted, texts));
            });
        });
    });
    loaded
}

/// The framework's elements as a task list: each with how many of its
/// indicators the assessor has rated (live, saved or not), the one shown
/// marked as the current page, and a link to every element at once.
#[component]
fn ElementNav(
    fw: Arc<Framework>,
    review: String,
    shown: RwSignal<ShownElements>,
    ratings: RwSignal<HashMap<String, Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = fw
        .elements
        .iter()
        .enumerate()
        .map(|(index, element)| {
            let indicators: Vec<String> = element.indicators.iter().map(|x| x.id.clone()).collect();
            let total = indicators.len();
            let rated = Memo::new(move |_| {
                ratings.with(|r| {
                    indicators
                        .iter()
                        .filter(|id| r.get(*id).is_some_and(Option::is_some))
                        .count()
                })
            });
            let status_id = format!("rated-{}", element.id);
            view! {
                <li class="task">
                    <span class="task-name">
                        <a
                            href=review_element_href(&review, &element.id)
                            on:click=move |ev| show_in_place(ev, shown, ShownElements::One(index))
                            aria-describedby=status_id.clone()
                            aria-current=move || (shown.get() == ShownElements::One(index)).then_some("page")
                        >
                            {index + 1} ". " {tr(i18n, &fw, &element.title)}
                        </a>
                    </span>
                    <strong
                        class=move || if rated.get() == total { "tag tag-strong" } else { "tag" }
                        id=status_id
                        data-testid="element-rated"
                    >
                        {move || t!(i18n, review.rated_count, rated = rated.get(), total = total)}
                    </strong>
                </li>
            }
        })
        .collect_view();
    let all = format!("/reviews/{review}?element=all");
    view! {
        <nav class="no-print" aria-labelledby="review-elements-heading">
            <h2 id="review-elements-heading">{t!(i18n, review.elements_heading)}</h2>
            <ol class="task-list">{rows}</ol>
            <p>
                <a
                    href=all
                    on:click=move |ev| show_in_place(ev, shown, ShownElements::All)
                    aria-current=move || (shown.get() == ShownElements::All).then_some("page")
                >
                    {t!(i18n, review.all_elements)}
                </a>
            </p>
        </nav>
    }
}

/// One indicator: the school's claim and evidence beside the assessor's
/// rating and comment.
#[component]
fn IndicatorReview(
    fw: Arc<Framework>,
    work: Arc<ReviewWork>,
    texts: Arc<SchoolTexts>,
    indicator: String,
    editable: bool,
    ratings: RwSignal<HashMap<String, Option<String>>>,
    comments: RwSignal<HashMap<String, String>>,
    save: ServerAction<SaveReviewRating>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(place) = fw.indicator(&indicator) else {
        return ().into_any();
    };
    let title = tr(i18n, &fw, &place.indicator.title);
    let school_choice = work.levels.get(&indicator).cloned();
    let level_of = |level: Option<&str>| {
        level
            .and_then(|l| fw.level_index(l))
            .map(|l| level_label(i18n, &fw, l))
            .unwrap_or_else(|| t_string!(i18n, assess.not_rated).to_owned())
    };
    let school_level = level_of(school_choice.as_deref());
    let narrative = texts.narrative(&indicator).to_owned();
    let mine: ReviewRating = work
        .ratings
        .iter()
        .find(|r| r.indicator == indicator)
        .cloned()
        .unwrap_or(ReviewRating {
            indicator: indicator.clone(),
            level: None,
            comment: String::new(),
        });
    let evidence: Vec<EvidenceItem> = texts
        .evidence
        .iter()
        .filter(|e| e.indicators.contains(&indicator))
        .cloned()
        .collect();
    let requests: Vec<_> = work
        .requests
        .iter()
        .filter(|r| r.indicator == indicator)
        .cloned()
        .collect();
    let level_id = format!("level-{indicator}");
    let comment_id = format!("comment-{indicator}");
    let message_id = format!("message-{indicator}");
    let heading_id = format!("ind-{indicator}");
    let evidence_view = if evidence.is_empty() {
        view! { <p>{t!(i18n, assess.no_evidence)}</p> }.into_any()
    } else {
        view! {
            <ul class="evidence-list">
                {evidence.into_iter().map(|item| view! { <li><EvidenceShown item /></li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let thread = (!requests.is_empty()).then(|| {
        view! {
            <ul class="thread">
                {requests.into_iter().map(|r| view! {
                    <li>
                        <strong>{t!(i18n, review.asked)}</strong> " " {r.message.clone()}
                        {(!r.sent).then(|| view! { " " <span class="tag">{t!(i18n, review.draft)}</span> })}
                        {r.answer.clone().map(|a| view! {
                            <br /> <strong>{t!(i18n, review.answered)}</strong> " " {a}
                        })}
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let review_id = work.id.clone();
    let assessor_part = if editable {
        // What is chosen and typed now, saved or not (see `ReviewBody`).
        let selected = ratings.with_untracked(|r| r.get(&indicator).cloned().flatten());
        let comment = comments.with_untracked(|c| c.get(&indicator).cloned().unwrap_or_default());
        let indicator_for_input = indicator.clone();
        let options = fw
            .scale
            .iter()
            .map(|l| {
                let id = l.id.clone();
                view! { <option value=id.clone() selected=selected.as_deref() == Some(id.as_str())>{tr(i18n, &fw, &l.label)}</option> }
            })
            .collect_view();
        let indicator_for_change = indicator.clone();
        let (review_a, review_b) = (review_id.clone(), review_id.clone());
        let (indicator_a, indicator_b) = (indicator.clone(), indicator.clone());
        let (title_a, title_b) = (title.clone(), title.clone());
        view! {
            <ActionForm action=save attr:class="assessor-form">
                <input type="hidden" name="review" value=review_a />
                <input type="hidden" name="indicator" value=indicator_a />
                <div class="field">
                    <label class="label" for=level_id.clone()>{t!(i18n, review.your_rating)}</label>
                    <select
                        class="select"
                        id=level_id
                        name="level"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            ratings.update(|r| {
                                r.insert(indicator_for_change.clone(), Some(value).filter(|v| !v.is_empty()));
                            });
                        }
                    >
                        <option value="">{t!(i18n, review.not_validated)}</option>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label class="label" for=comment_id.clone()>{t!(i18n, review.comment)}</label>
                    <textarea
                        class="textarea"
                        id=comment_id
                        name="comment"
                        rows="2"
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            comments.update(|c| {
                                c.insert(indicator_for_input.clone(), value);
                            });
                        }
                    >
                        {comment}
                    </textarea>
                </div>
                <button type="submit" class="button button-secondary">
                    {t!(i18n, review.save_rating)}
                    <span class="visually-hidden">" " {title_a}</span>
                </button>
            </ActionForm>
            <details class="request-evidence">
                <summary>{t!(i18n, review.ask_more)} <span class="visually-hidden">" " {title_b}</span></summary>
                // A plain form: the page comes back with the request listed
                // below, at this indicator.
                <form method="post" action="/api/request_evidence">
                    <input type="hidden" name="review" value=review_b />
                    <input type="hidden" name="indicator" value=indicator_b />
                    <div class="field">
                        <label class="label" for=message_id.clone()>{t!(i18n, review.request_message)}</label>
                        <textarea class="textarea" id=message_id name="message" rows="2" required></textarea>
                    </div>
                    <button type="submit" class="button button-secondary">{t!(i18n, review.add_request)}</button>
                </form>
            </details>
        }
        .into_any()
    } else {
        let level = level_of(mine.level.as_deref());
        view! {
            <dl class="summary-list">
                <div><dt>{t!(i18n, review.assessor_rating)}</dt><dd>{level}</dd></div>
                <div><dt>{t!(i18n, review.comment)}</dt><dd>{mine.comment.clone()}</dd></div>
            </dl>
        }
        .into_any()
    };
    let article_id = format!("review-{indicator}");
    let labelled_by = heading_id.clone();
    view! {
        <article class="indicator-review" aria-labelledby=labelled_by id=article_id>
            <h3 class="heading-small" id=heading_id>{title}</h3>
            <div class="side-by-side">
                <div>
                    <h4 class="heading-small">{t!(i18n, review.school_side)}</h4>
                    <dl class="summary-list">
                        <div><dt>{t!(i18n, review.school_rating)}</dt><dd>{school_level}</dd></div>
                        <div><dt>{t!(i18n, review.narrative)}</dt><dd class="answer-text">{narrative}</dd></div>
                    </dl>
                    {evidence_view}
                    {thread}
                </div>
                <div>
                    <h4 class="heading-small">{t!(i18n, review.assessor_side)}</h4>
                    {assessor_part}
                </div>
            </div>
        </article>
    }
    .into_any()
}

/// A piece of evidence as the assessor sees it: images inline, files open
/// or download, links and notes as they are.
#[component]
fn EvidenceShown(item: EvidenceItem) -> impl IntoView {
    let href = format!("/evidence/{}/file", item.id);
    let name = item
        .file_name
        .clone()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let image = [".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|ext| name.ends_with(ext));
    match (item.kind, &item.link, &item.note) {
        (EvidenceKind::File, ..) if image => view! {
            <a href=href.clone() target="_blank" rel="noopener">{item.title.clone()}</a>
            <br />
            <img class="evidence-image" src=href alt=item.title.clone() loading="lazy" />
        }
        .into_any(),
        (EvidenceKind::File, ..) => view! {
            <a href=href target="_blank" rel="noopener">{item.title.clone()}</a>
            " " {item.file_name.clone().unwrap_or_default()}
        }
        .into_any(),
        (_, Some(link), _) => view! {
            <a href=link.clone() rel="noopener noreferrer" target="_blank">{item.title.clone()}</a>
        }
        .into_any(),
        (_, None, Some(note)) => {
            view! { <strong>{item.title.clone()}</strong> ": " {note.clone()} }.into_any()
        }
        _ => view! { <strong>{item.title.clone()}</strong> }.into_any(),
    }
}
