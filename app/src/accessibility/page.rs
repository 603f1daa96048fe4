//! The walk's page, `/assessments/:id/accessibility`: the checklist by
//! area, each check with what was found, its photo and its fix. Every form
//! is a plain form post; the photo form posts to the evidence upload.

use super::{accessibility_walk, CheckRow, RecordAccessibilityCheck, WalkView};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{
    action_done, action_error, successes, upload_problem, FileField, FormErrors, KeepTyping, Notice,
};
use crate::components::layout::{text_lang, PageTitle};
use crate::domain::accessibility::{check_by_id, Area, Finding, CHECKS, INDICATOR};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

fn finding_text(i18n: I18nContext<Locale>, finding: Finding) -> &'static str {
    match finding {
        Finding::Meets => t_string!(i18n, walk.meets),
        Finding::Partly => t_string!(i18n, walk.partly),
        Finding::NotMet => t_string!(i18n, walk.not_met),
        Finding::NotApplicable => t_string!(i18n, walk.not_applicable),
    }
}

#[component]
pub fn WalkPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let record = ServerAction::<RecordAccessibilityCheck>::new();
    let recorded = successes(record.value());
    let data = resource(
        move || (id(), recorded.get()),
        |(id, _)| accessibility_walk(id),
    );
    let error = action_error(record.value());
    let saved = action_done(record);
    view! {
        <PageTitle text=move || t_string!(i18n, walk.title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link">
                            <a href=format!("/assessments/{}", view.assessment)>{t!(i18n, walk.back)}</a>
                        </p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{t!(i18n, walk.title)}</h1>
                        <p>{t!(i18n, walk.intro)}</p>
                        <p class="lead" data-testid="walk-progress">
                            {t!(i18n, walk.progress, done = view.done, total = CHECKS.len(), barriers = view.barriers)}
                        </p>
                        <FormErrors error />
                        <Notice show=saved>{t!(i18n, walk.saved)}</Notice>
                        <KeepTyping key="accessibility-walk">
                            <Walk view record />
                        </KeepTyping>
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, walk.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Walk(view: WalkView, record: ServerAction<RecordAccessibilityCheck>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = text_lang(i18n.get_locale());
    Area::ALL
        .into_iter()
        .map(|area| {
            let heading = format!("area-{}", area_key(area));
            let checks = view
                .checks
                .iter()
                .filter(|c| c.area == area)
                .map(|row| {
                    view! {
                        <Check
                            row=row.clone()
                            assessment=view.assessment.clone()
                            may_edit=view.may_edit
                            record
                        />
                    }
                })
                .collect_view();
            let labelled_by = heading.clone();
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading>{area.name(lang)}</h2>
                    {checks}
                </section>
            }
        })
        .collect_view()
}

fn area_key(area: Area) -> &'static str {
    match area {
        Area::Entrances => "entrances",
        Area::Routes => "routes",
        Area::Toilets => "toilets",
        Area::Signage => "signage",
        Area::Classrooms => "classrooms",
        Area::EmergencyExits => "exits",
    }
}

#[component]
fn Check(
    row: CheckRow,
    assessment: String,
    may_edit: bool,
    record: ServerAction<RecordAccessibilityCheck>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = text_lang(i18n.get_locale());
    let text = check_by_id(&row.id)
        .map(|c| c.text(lang))
        .unwrap_or_default();
    let anchor = format!("check-{}", row.id);
    let heading = format!("{anchor}-heading");
    let r = row.record.clone();
    let found = r
        .finding
        .map(|f| finding_text(i18n, f).to_owned())
        .unwrap_or_else(|| t_string!(i18n, walk.not_checked).to_owned());
    let photo = row.photo.clone().map(|p| {
        let href = format!("/evidence/{}/file", p.evidence);
        let src = href.clone();
        view! {
            <div>
                <dt>{t!(i18n, walk.photo)}</dt>
                <dd>
                    <a href=href>
                        <img class="walk-photo" src=src alt=format!("{} {}", t_string!(i18n, walk.photo_of), text) loading="lazy" />
                    </a>
                    <span class="visually-hidden">{p.name}</span>
                </dd>
            </div>
        }
    });
    let in_plan = row.in_plan.then(|| {
        let href = format!("/assessments/{assessment}/plan");
        view! { <div><dt>{t!(i18n, walk.fix)}</dt><dd><a href=href>{t!(i18n, walk.in_plan)}</a></dd></div> }
    });
    let forms = may_edit.then(|| {
        view! {
            <RecordForm row=row.clone() assessment=assessment.clone() record />
            <PhotoForm check=row.id.clone() assessment=assessment.clone() text />
        }
    });
    let labelled_by = heading.clone();
    view! {
        <section class="panel" id=anchor aria-labelledby=labelled_by data-testid="walk-check">
            <h3 id=heading>{text}</h3>
            <dl class="summary-list">
                <div><dt>{t!(i18n, walk.found)}</dt><dd data-testid="walk-finding">{found}</dd></div>
                {(!r.note.is_empty()).then(|| view! { <div><dt>{t!(i18n, walk.note)}</dt><dd class="answer-text">{r.note.clone()}</dd></div> })}
                {(!r.fix.is_empty() && !may_edit).then(|| view! { <div><dt>{t!(i18n, walk.fix)}</dt><dd class="answer-text">{r.fix.clone()}</dd></div> })}
                {photo}
                {in_plan}
            </dl>
            {forms}
        </section>
    }
}

#[component]
fn RecordForm(
    row: CheckRow,
    assessment: String,
    record: ServerAction<RecordAccessibilityCheck>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.id.clone();
    let r = row.record;
    let id = move |name: &str| format!("{name}-{key}");
    let choices = Finding::ALL
        .into_iter()
        .map(|f| {
            let choice = id(&format!("finding-{}", f.as_str()));
            view! {
                <div class="radio">
                    <input type="radio" id=choice.clone() name="finding" value=f.as_str() checked=r.finding == Some(f) />
                    <label class="radio-label" for=choice>{finding_text(i18n, f)}</label>
                </div>
            }
        })
        .collect_view();
    let (note, fix, owner, due) = (id("note"), id("fix"), id("owner"), id("due"));
    let fix_hint = id("fix-hint");
    view! {
        <ActionForm action=record>
            <input type="hidden" name="assessment" value=assessment />
            <input type="hidden" name="item" value=row.id.clone() />
            <input type="hidden" name="base_version" value=row.version.to_string() />
            <fieldset class="fieldset">
                <legend class="label">{t!(i18n, walk.what_found)}</legend>
                <div class="radios radios-inline">{choices}</div>
            </fieldset>
            <div class="field">
                <label class="label" for=note.clone()>{t!(i18n, walk.note)}</label>
                <textarea class="textarea" id=note name="note" rows="2">{r.note}</textarea>
            </div>
            <div class="field">
                <label class="label" for=fix.clone()>{t!(i18n, walk.fix)}</label>
                <p class="hint" id=fix_hint.clone()>{t!(i18n, walk.fix_hint)}</p>
                <textarea class="textarea" id=fix name="fix" rows="2" aria-describedby=fix_hint>{r.fix}</textarea>
            </div>
            <div class="field">
                <label class="label" for=owner.clone()>{t!(i18n, walk.owner)}</label>
                <input class="input" type="text" id=owner name="owner" value=r.owner autocomplete="off" />
            </div>
            <div class="field">
                <label class="label" for=due.clone()>{t!(i18n, walk.due)}</label>
                <input class="input input-short" type="date" id=due name="due_on" value=r.due_on />
            </div>
            <button type="submit" class="button">{t!(i18n, walk.save)}</button>
        </ActionForm>
    }
}

#[component]
fn PhotoForm(check: String, assessment: String, text: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let problem = upload_problem("for", "upload_problem", check.clone());
    view! {
        <form
            class="walk-photo-form"
            method="post"
            enctype="multipart/form-data"
            action=format!("/assessments/{assessment}/evidence")
        >
            <input type="hidden" name="indicator" value=INDICATOR />
            <input type="hidden" name="check" value=check.clone() />
            <input type="hidden" name="title" value=format!("{} {}", t_string!(i18n, walk.photo_of), text) />
            <FileField id=format!("photo-{check}") problem photo=true />
            <button type="submit" class="button button-secondary">{t!(i18n, walk.add_photo)}</button>
        </form>
    }
}
