//! The register page, `/schools/:id/nonconformities`.

use super::{nonconformities, RaiseNonconformity, RegisterRow, RegisterView, TreatNonconformity};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{
    action_done, action_error, successes, FormErrors, KeepTyping, Notice,
};
use crate::components::layout::{text_in, PageTitle};
use crate::domain::nonconformity::{Severity, Source};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

fn source_text(i18n: I18nContext<Locale>, source: Source) -> &'static str {
    match source {
        Source::InternalAudit => t_string!(i18n, nc.source_audit),
        Source::Review => t_string!(i18n, nc.source_review),
        Source::Complaint => t_string!(i18n, nc.source_complaint),
    }
}

fn severity_text(i18n: I18nContext<Locale>, severity: Severity) -> &'static str {
    match severity {
        Severity::Minor => t_string!(i18n, nc.minor),
        Severity::Major => t_string!(i18n, nc.major),
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let school = move || params.with(|p| p.get("id").unwrap_or_default());
    let raise = ServerAction::<RaiseNonconformity>::new();
    let treat = ServerAction::<TreatNonconformity>::new();
    let (raised, treated) = (successes(raise.value()), successes(treat.value()));
    let data = resource(
        move || (school(), raised.get(), treated.get()),
        |(s, _, _)| nonconformities(s),
    );
    let error = Signal::derive(move || {
        action_error(raise.value())
            .get()
            .or(action_error(treat.value()).get())
    });
    let (raise_done, treat_done) = (action_done(raise), action_done(treat));
    view! {
        <PageTitle text=move || t_string!(i18n, nc.title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/schools/{}", view.school)>{t!(i18n, nc.back)}</a></p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{t!(i18n, nc.title)}</h1>
                        <p>{t!(i18n, nc.intro)}</p>
                        <FormErrors error />
                        <Notice show=raise_done>{t!(i18n, nc.raised)}</Notice>
                        <Notice show=treat_done>{t!(i18n, nc.saved)}</Notice>
                        <KeepTyping key="register">
                            <Register view raise treat />
                        </KeepTyping>
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, nc.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Register(
    view: RegisterView,
    raise: ServerAction<RaiseNonconformity>,
    treat: ServerAction<TreatNonconformity>,
) -> impl IntoView {
    let i18n = use_i18n();
    let frameworks = view.frameworks.clone();
    let title_of = move |framework: &str, indicator: &str| -> String {
        frameworks
            .iter()
            .find(|f| f.id == framework)
            .and_then(|f| {
                let (_, title) = f.indicators.iter().find(|(id, _)| id == indicator)?;
                Some(text_in(i18n, title, &f.default_language))
            })
            .unwrap_or_else(|| indicator.to_owned())
    };
    let (open, closed): (Vec<RegisterRow>, Vec<RegisterRow>) =
        view.rows.into_iter().partition(|r| r.entry.is_open());
    let may_edit = view.may_edit;
    let school = view.school.clone();
    let list = move |rows: Vec<RegisterRow>| {
        let title_of = title_of.clone();
        let school = school.clone();
        rows.into_iter()
            .map(|row| {
                let title = title_of(&row.entry.framework, &row.entry.indicator);
                let school = school.clone();
                view! { <Entry row title school may_edit treat /> }
            })
            .collect_view()
    };
    let raise_form = may_edit.then(|| view! { <RaiseForm school=view.school.clone() frameworks=view.frameworks.clone() raise /> });
    let open_count = open.len();
    view! {
        {raise_form}
        <h2>{t!(i18n, nc.open_heading, count = open_count)}</h2>
        {if open.is_empty() {
            view! { <p>{t!(i18n, nc.none_open)}</p> }.into_any()
        } else {
            list(open).into_any()
        }}
        {(!closed.is_empty()).then(|| view! {
            <h2>{t!(i18n, nc.closed_heading)}</h2>
            {list(closed)}
        })}
    }
}

#[component]
fn RaiseForm(
    school: String,
    frameworks: Vec<crate::model::FrameworkIndicators>,
    raise: ServerAction<RaiseNonconformity>,
) -> impl IntoView {
    let i18n = use_i18n();
    let groups = frameworks
        .into_iter()
        .map(|f| {
            let options = f
                .indicators
                .iter()
                .map(|(id, title)| {
                    view! { <option value=format!("{}:{id}", f.id)>{text_in(i18n, title, &f.default_language)}</option> }
                })
                .collect_view();
            view! { <optgroup label=text_in(i18n, &f.title, &f.default_language)>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="raise-heading">
            <h2 id="raise-heading">{t!(i18n, nc.raise_heading)}</h2>
            <ActionForm action=raise>
                <input type="hidden" name="school" value=school />
                <div class="field">
                    <label class="label" for="nc-indicator">{t!(i18n, nc.indicator)}</label>
                    <select class="select" id="nc-indicator" name="indicator">{groups}</select>
                </div>
                <div class="field">
                    <label class="label" for="nc-source">{t!(i18n, nc.source)}</label>
                    <select class="select" id="nc-source" name="source">
                        <option value="internal_audit">{t!(i18n, nc.source_audit)}</option>
                        <option value="review">{t!(i18n, nc.source_review)}</option>
                        <option value="complaint">{t!(i18n, nc.source_complaint)}</option>
                    </select>
                </div>
                <fieldset class="fieldset">
                    <legend class="legend">{t!(i18n, nc.severity)}</legend>
                    <p class="hint">{t!(i18n, nc.severity_hint)}</p>
                    <div class="radio"><input type="radio" id="nc-minor" name="severity" value="minor" checked /><label for="nc-minor">{t!(i18n, nc.minor)}</label></div>
                    <div class="radio"><input type="radio" id="nc-major" name="severity" value="major" /><label for="nc-major">{t!(i18n, nc.major)}</label></div>
                </fieldset>
                <div class="field">
                    <label class="label" for="nc-finding">{t!(i18n, nc.finding)}</label>
                    <textarea class="textarea" id="nc-finding" name="finding" rows="3" required></textarea>
                </div>
                <div class="field">
                    <label class="label" for="nc-correction">{t!(i18n, nc.correction)}</label>
                    <p class="hint" id="nc-correction-hint">{t!(i18n, nc.correction_hint)}</p>
                    <textarea class="textarea" id="nc-correction" name="correction" rows="2" aria-describedby="nc-correction-hint"></textarea>
                </div>
                <button type="submit" class="button">{t!(i18n, nc.raise)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Entry(
    row: RegisterRow,
    title: String,
    school: String,
    may_edit: bool,
    treat: ServerAction<TreatNonconformity>,
) -> impl IntoView {
    let i18n = use_i18n();
    let nc = row.entry;
    let heading = format!("nc-{}", nc.id);
    let labelled_by = heading.clone();
    let (severity, source) = (nc.severity, nc.source);
    let t = nc.treatment.clone();
    let key = nc.id.clone();
    let field = move |name: &'static str, label: &'static str, value: String, rows: u8| {
        let id = format!("{name}-{key}");
        view! {
            <div class="field">
                <label class="label" for=id.clone()>{label}</label>
                <textarea class="textarea" id=id name=name rows=rows.to_string()>{value}</textarea>
            </div>
        }
    };
    let details = if may_edit && nc.is_open() {
        let (owner_id, due_id) = (format!("owner-{}", nc.id), format!("due-{}", nc.id));
        let (id, version) = (nc.id.clone(), nc.version.to_string());
        let t = t.clone();
        view! {
            <ActionForm action=treat>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="base_version" value=version />
                {field.clone()("correction", t_string!(i18n, nc.correction), t.correction, 2)}
                {field.clone()("root_cause", t_string!(i18n, nc.root_cause), t.root_cause, 2)}
                {field.clone()("corrective_action", t_string!(i18n, nc.corrective_action), t.corrective_action, 3)}
                <div class="field">
                    <label class="label" for=owner_id.clone()>{t!(i18n, nc.owner)}</label>
                    <input class="input" type="text" id=owner_id name="owner" value=t.owner autocomplete="off" />
                </div>
                <div class="field">
                    <label class="label" for=due_id.clone()>{t!(i18n, nc.due)}</label>
                    <input class="input input-short" type="date" id=due_id name="due_on" value=t.due_on />
                </div>
                {field("effectiveness", t_string!(i18n, nc.effectiveness), t.effectiveness, 2)}
                <p class="hint">{t!(i18n, nc.plan_hint)}</p>
                <p class="hint">{t!(i18n, nc.close_hint)}</p>
                <div class="button-group">
                    <button type="submit" class="button button-secondary">{t!(i18n, nc.save)}</button>
                    <button type="submit" class="button" name="close" value="1">{t!(i18n, nc.close)}</button>
                </div>
            </ActionForm>
        }
        .into_any()
    } else {
        let rows = [
            (t_string!(i18n, nc.correction), t.correction.clone()),
            (t_string!(i18n, nc.root_cause), t.root_cause.clone()),
            (
                t_string!(i18n, nc.corrective_action),
                t.corrective_action.clone(),
            ),
            (t_string!(i18n, nc.effectiveness), t.effectiveness.clone()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| view! { <div><dt>{k}</dt><dd class="answer-text">{v}</dd></div> })
        .collect_view();
        view! { <dl class="summary-list">{rows}</dl> }.into_any()
    };
    let state = match (&nc.closed_at, row.late) {
        (Some(at), _) => format!(
            "{} {}",
            t_string!(i18n, nc.closed_on),
            at.get(..10).unwrap_or_default()
        ),
        (None, true) => t_string!(i18n, nc.late).to_owned(),
        (None, false) => t_string!(i18n, nc.open).to_owned(),
    };
    let due = (!t.due_on.is_empty()).then(|| {
        let owner = if t.owner.is_empty() { String::new() } else { format!("{} · ", t.owner) };
        view! { <div><dt>{t!(i18n, nc.action_by)}</dt><dd>{format!("{owner}{}", t.due_on)}</dd></div> }
    });
    let from_audit = nc.audit.clone().map(|audit| {
        let href = format!("/schools/{school}/internal-audits/{audit}");
        view! { <div><dt>{t!(i18n, nc.found_in)}</dt><dd><a href=href>{t!(i18n, nc.the_audit)}</a></dd></div> }
    });
    let in_plan = nc.in_plan.clone().map(|assessment| {
        let href = format!("/assessments/{assessment}/plan");
        view! { <div><dt>{t!(i18n, nc.in_plan)}</dt><dd><a href=href>{t!(i18n, nc.the_plan)}</a></dd></div> }
    });
    view! {
        <section class="panel" aria-labelledby=labelled_by data-testid="nc-entry">
            <h3 id=heading>{title}</h3>
            <dl class="summary-list">
                <div><dt>{t!(i18n, nc.state)}</dt><dd data-testid="nc-state">{state}</dd></div>
                <div><dt>{t!(i18n, nc.severity)}</dt><dd>{move || severity_text(i18n, severity)}</dd></div>
                <div><dt>{t!(i18n, nc.source)}</dt><dd>{move || source_text(i18n, source)}</dd></div>
                {from_audit}
                <div><dt>{t!(i18n, nc.raised_by)}</dt><dd>{format!("{} · {}", nc.raised_by, nc.raised_at.get(..10).unwrap_or_default())}</dd></div>
                {due}
                {in_plan}
            </dl>
            <h4 class="heading-small">{t!(i18n, nc.finding)}</h4>
            <p class="answer-text">{nc.finding.clone()}</p>
            {details}
        </section>
    }
}
