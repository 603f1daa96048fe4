//! The audit programme, `/schools/:id/internal-audits?year=…`, and one
//! audit's page, `/schools/:id/internal-audits/:audit`.

use super::{
    internal_audit_view, internal_audits, AuditView, CloseInternalAudit, FrameworkScope,
    PlanInternalAudit, ProgrammeRow, ProgrammeView, RecordAuditFinding,
};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{
    action_done, action_error, successes, FormErrors, KeepTyping, Notice,
};
use crate::components::layout::{text_in, PageTitle};
use crate::domain::internal_audit::{Finding, FindingKind, Standing};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

fn standing_text(i18n: I18nContext<Locale>, standing: Standing) -> &'static str {
    match standing {
        Standing::Planned => t_string!(i18n, ia.planned),
        Standing::UnderWay => t_string!(i18n, ia.under_way),
        Standing::Late => t_string!(i18n, ia.late),
        Standing::Done => t_string!(i18n, ia.done),
    }
}

fn kind_text(i18n: I18nContext<Locale>, kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Conformity => t_string!(i18n, ia.conformity),
        FindingKind::Observation => t_string!(i18n, ia.observation),
        FindingKind::MinorNonConformity => t_string!(i18n, ia.minor),
        FindingKind::MajorNonConformity => t_string!(i18n, ia.major),
    }
}

/// The titles of the elements in an audit's scope, joined.
fn scope_titles(
    i18n: I18nContext<Locale>,
    fw: Option<&FrameworkScope>,
    scope: &[String],
) -> String {
    scope
        .iter()
        .map(|id| {
            fw.and_then(|f| {
                let element = f.elements.iter().find(|e| &e.id == id)?;
                Some(text_in(i18n, &element.title, &f.default_language))
            })
            .unwrap_or_else(|| id.clone())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let school = move || params.with(|p| p.get("id").unwrap_or_default());
    let year = move || query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok()));
    let plan = ServerAction::<PlanInternalAudit>::new();
    let planned = successes(plan.value());
    let data = resource(
        move || (school(), year(), planned.get()),
        |(s, y, _)| internal_audits(s, y),
    );
    let error = action_error(plan.value());
    let done = action_done(plan);
    view! {
        <PageTitle text=move || t_string!(i18n, ia.title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/schools/{}", view.school)>{t!(i18n, nc.back)}</a></p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{t!(i18n, ia.title)}</h1>
                        <p>{t!(i18n, ia.intro)}</p>
                        <FormErrors error />
                        <Notice show=done>{t!(i18n, ia.planned_notice)}</Notice>
                        <Programme view=view.clone() />
                        {view.may_plan.then(|| view! {
                            <KeepTyping key="audit-plan"><PlanForm view=view.clone() plan /></KeepTyping>
                        })}
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, ia.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Programme(view: ProgrammeView) -> impl IntoView {
    let i18n = use_i18n();
    let year = view.year;
    let school = view.school.clone();
    let year_link = move |y: i32| format!("/schools/{school}/internal-audits?year={y}");
    let c = view.counts;
    let frameworks = view.frameworks;
    let rows = view
        .rows
        .into_iter()
        .map(|ProgrammeRow { audit, standing }| {
            let fw = frameworks.iter().find(|f| f.id == audit.plan.framework);
            let scope = scope_titles(i18n, fw, &audit.plan.scope);
            let fw_title = fw.map_or_else(
                || audit.plan.framework.clone(),
                |f| text_in(i18n, &f.title, &f.default_language),
            );
            let auditors = audit
                .plan
                .auditors
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let href = format!("/schools/{}/internal-audits/{}", view.school, audit.id);
            view! {
                <tr data-testid="audit-row">
                    <td><a href=href>{scope}</a><br /><span class="caption">{fw_title}</span></td>
                    <td>{auditors}</td>
                    <td>{format!("{} – {}", audit.plan.starts_on, audit.plan.ends_on)}</td>
                    <td data-testid="audit-standing">
                        <span class=move || if standing == Standing::Late { "tag tag-warning" } else { "tag" }>
                            {move || standing_text(i18n, standing)}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let empty = c == Default::default();
    view! {
        <section aria-labelledby="programme-heading">
            <h2 id="programme-heading">{t!(i18n, ia.programme_heading, year = year)}</h2>
            <nav aria-label=move || t_string!(i18n, ia.years_nav) class="year-links">
                <a href=year_link.clone()(year - 1) rel="prev">{t!(i18n, ia.year_before, year = year - 1)}</a>
                " "
                <a href=year_link(year + 1) rel="next">{t!(i18n, ia.year_after, year = year + 1)}</a>
            </nav>
            <p data-testid="programme-counts">
                {t!(i18n, ia.counts, planned = c.planned, under_way = c.under_way, late = c.late, done = c.done)}
            </p>
            {if empty {
                view! { <p>{t!(i18n, ia.none, year = year)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{t!(i18n, ia.programme_heading, year = year)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, ia.scope)}</th>
                                    <th scope="col">{t!(i18n, ia.auditors)}</th>
                                    <th scope="col">{t!(i18n, ia.days)}</th>
                                    <th scope="col">{t!(i18n, ia.standing)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn PlanForm(view: ProgrammeView, plan: ServerAction<PlanInternalAudit>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let chosen = query.with_untracked(|q| q.get("framework"));
    let Some(fw) = chosen
        .and_then(|id| view.frameworks.iter().find(|f| f.id == id).cloned())
        .or_else(|| view.frameworks.first().cloned())
    else {
        return ().into_any();
    };
    let lang = fw.default_language.clone();
    // Choosing the framework is a GET form, so it works without JavaScript.
    let choices = view
        .frameworks
        .iter()
        .map(|f| {
            let selected = f.id == fw.id;
            view! { <option value=f.id.clone() selected=selected>{text_in(i18n, &f.title, &f.default_language)}</option> }
        })
        .collect_view();
    let elements = fw
        .elements
        .iter()
        .enumerate()
        .map(|(i, element)| {
            let (id, title) = (&element.id, &element.title);
            let input = format!("scope-{id}");
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=input.clone() name=format!("scope[{i}]") value=id.clone() />
                    <label for=input>{text_in(i18n, title, &lang)}</label>
                </div>
            }
        })
        .collect_view();
    let auditors = view
        .staff
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let input = format!("auditor-{}", m.account);
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=input.clone() name=format!("auditors[{i}]") value=m.account.clone() />
                    <label for=input>{m.name.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let auditees = view
        .staff
        .iter()
        .map(|m| view! { <option value=m.account.clone()>{m.name.clone()}</option> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t!(i18n, ia.plan_heading)}</h2>
            <form method="get" action=format!("/schools/{}/internal-audits", view.school) class="filters">
                <input type="hidden" name="year" value=view.year.to_string() />
                <div class="field">
                    <label class="label" for="plan-framework">{t!(i18n, ia.framework)}</label>
                    <select class="select" id="plan-framework" name="framework">{choices}</select>
                </div>
                <button type="submit" class="button button-secondary">{t!(i18n, ia.choose_framework)}</button>
            </form>
            <ActionForm action=plan>
                <input type="hidden" name="school" value=view.school.clone() />
                <input type="hidden" name="framework" value=fw.id.clone() />
                <fieldset class="fieldset">
                    <legend class="legend">{t!(i18n, ia.scope_legend, framework = text_in(i18n, &fw.title, &fw.default_language))}</legend>
                    {elements}
                </fieldset>
                <fieldset class="fieldset">
                    <legend class="legend">{t!(i18n, ia.auditors)}</legend>
                    <p class="hint">{t!(i18n, ia.auditors_hint)}</p>
                    {auditors}
                </fieldset>
                <div class="field">
                    <label class="label" for="plan-auditee">{t!(i18n, ia.auditee)}</label>
                    <p class="hint" id="plan-auditee-hint">{t!(i18n, ia.auditee_hint)}</p>
                    <select class="select" id="plan-auditee" name="auditee" aria-describedby="plan-auditee-hint">{auditees}</select>
                </div>
                <div class="field">
                    <label class="label" for="plan-starts">{t!(i18n, ia.starts_on)}</label>
                    <input class="input input-short" type="date" id="plan-starts" name="starts_on" required />
                </div>
                <div class="field">
                    <label class="label" for="plan-ends">{t!(i18n, ia.ends_on)}</label>
                    <input class="input input-short" type="date" id="plan-ends" name="ends_on" required />
                </div>
                <button type="submit" class="button">{t!(i18n, ia.plan)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("audit").unwrap_or_default());
    let record = ServerAction::<RecordAuditFinding>::new();
    let close = ServerAction::<CloseInternalAudit>::new();
    let (recorded, closed) = (successes(record.value()), successes(close.value()));
    let data = resource(
        move || (id(), recorded.get(), closed.get()),
        |(id, _, _)| internal_audit_view(id),
    );
    let error = Signal::derive(move || {
        action_error(record.value())
            .get()
            .or(action_error(close.value()).get())
    });
    let (record_done, close_done) = (action_done(record), action_done(close));
    view! {
        <PageTitle text=move || t_string!(i18n, ia.audit_title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link">
                            <a href=format!("/schools/{}/internal-audits?year={}", view.school, view.audit.year())>{t!(i18n, ia.back)}</a>
                        </p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{t!(i18n, ia.audit_title)}</h1>
                        <FormErrors error />
                        <Notice show=record_done>{t!(i18n, ia.recorded)}</Notice>
                        <Notice show=close_done>{t!(i18n, ia.closed_notice)}</Notice>
                        <KeepTyping key="audit">
                            <Audit view record close />
                        </KeepTyping>
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, ia.audit_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Audit(
    view: AuditView,
    record: ServerAction<RecordAuditFinding>,
    close: ServerAction<CloseInternalAudit>,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = view.audit;
    let fw = view.framework;
    let lang = fw.default_language.clone();
    let standing = view.standing;
    let names = |people: &[crate::domain::internal_audit::StaffMember]| {
        people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let auditors = names(&a.plan.auditors);
    let findings = if a.findings.is_empty() {
        view! { <p>{t!(i18n, ia.no_findings_yet)}</p> }.into_any()
    } else {
        a.findings
            .iter()
            .cloned()
            .map(|f| {
                let title = fw
                    .indicator_title(&f.indicator)
                    .map_or_else(|| f.indicator.clone(), |t| text_in(i18n, t, &lang));
                view! { <FindingEntry finding=f title school=view.school.clone() /> }
            })
            .collect_view()
            .into_any()
    };
    let audit_id = a.id.clone();
    let forms = view.may_record.then(|| {
        let groups = fw
            .elements
            .iter()
            .filter(|e| a.plan.scope.contains(&e.id))
            .map(|e| {
                let (title, indicators) = (&e.title, &e.indicators);
                let options = indicators
                    .iter()
                    .map(|(id, t)| view! { <option value=id.clone()>{text_in(i18n, t, &lang)}</option> })
                    .collect_view();
                view! { <optgroup label=text_in(i18n, title, &lang)>{options}</optgroup> }
            })
            .collect_view();
        let kinds = FindingKind::ALL
            .into_iter()
            .enumerate()
            .map(|(i, kind)| {
                let input = format!("kind-{}", kind.as_str());
                view! {
                    <div class="radio">
                        <input type="radio" id=input.clone() name="kind" value=kind.as_str() checked=i == 0 />
                        <label for=input>{move || kind_text(i18n, kind)}</label>
                    </div>
                }
            })
            .collect_view();
        let (finding_audit, close_audit) = (audit_id.clone(), audit_id.clone());
        let version = a.version.to_string();
        view! {
            <section class="panel" aria-labelledby="finding-heading">
                <h2 id="finding-heading">{t!(i18n, ia.finding_heading)}</h2>
                <ActionForm action=record>
                    <input type="hidden" name="audit" value=finding_audit />
                    <div class="field">
                        <label class="label" for="finding-indicator">{t!(i18n, ia.indicator)}</label>
                        <select class="select" id="finding-indicator" name="indicator">{groups}</select>
                    </div>
                    <fieldset class="fieldset">
                        <legend class="legend">{t!(i18n, ia.kind)}</legend>
                        <p class="hint">{t!(i18n, ia.kind_hint)}</p>
                        {kinds}
                    </fieldset>
                    <div class="field">
                        <label class="label" for="finding-statement">{t!(i18n, ia.statement)}</label>
                        <textarea class="textarea" id="finding-statement" name="statement" rows="3" required></textarea>
                    </div>
                    <div class="field">
                        <label class="label" for="finding-evidence">{t!(i18n, ia.evidence)}</label>
                        <p class="hint" id="finding-evidence-hint">{t!(i18n, ia.evidence_hint)}</p>
                        <textarea class="textarea" id="finding-evidence" name="evidence" rows="2" required aria-describedby="finding-evidence-hint"></textarea>
                    </div>
                    <button type="submit" class="button">{t!(i18n, ia.record)}</button>
                </ActionForm>
            </section>
            <section class="panel" aria-labelledby="close-heading">
                <h2 id="close-heading">{t!(i18n, ia.close_heading)}</h2>
                <ActionForm action=close>
                    <input type="hidden" name="audit" value=close_audit />
                    <input type="hidden" name="base_version" value=version />
                    <div class="field">
                        <label class="label" for="audit-summary">{t!(i18n, ia.summary)}</label>
                        <p class="hint" id="audit-summary-hint">{t!(i18n, ia.close_hint)}</p>
                        <textarea class="textarea" id="audit-summary" name="summary" rows="4" aria-describedby="audit-summary-hint"></textarea>
                    </div>
                    <button type="submit" class="button">{t!(i18n, ia.close)}</button>
                </ActionForm>
            </section>
        }
    });
    let only_auditors = (a.is_open() && !view.may_record).then(
        || view! { <p class="hint">{t!(i18n, ia.only_auditors, names = auditors.clone())}</p> },
    );
    let summary = a.closed_on.clone().map(|on| {
        view! {
            <section aria-labelledby="summary-heading">
                <h2 id="summary-heading">{t!(i18n, ia.summary_heading, day = on)}</h2>
                <p class="answer-text" data-testid="audit-summary">{a.summary.clone()}</p>
            </section>
        }
    });
    let count = a.findings.len();
    view! {
        <dl class="summary-list">
            <div><dt>{t!(i18n, ia.standing)}</dt><dd data-testid="audit-standing">{move || standing_text(i18n, standing)}</dd></div>
            <div><dt>{t!(i18n, ia.framework)}</dt><dd>{text_in(i18n, &fw.title, &fw.default_language)}</dd></div>
            <div><dt>{t!(i18n, ia.scope)}</dt><dd>{scope_titles(i18n, Some(&fw), &a.plan.scope)}</dd></div>
            <div><dt>{t!(i18n, ia.days)}</dt><dd>{format!("{} – {}", a.plan.starts_on, a.plan.ends_on)}</dd></div>
            <div><dt>{t!(i18n, ia.auditors)}</dt><dd>{auditors}</dd></div>
            <div><dt>{t!(i18n, ia.auditee)}</dt><dd>{a.plan.auditee.name.clone()}</dd></div>
            <div><dt>{t!(i18n, ia.planned_by)}</dt><dd>{a.planned_by.clone()}</dd></div>
        </dl>
        {summary}
        <h2>{t!(i18n, ia.findings_heading, count = count)}</h2>
        {findings}
        {only_auditors}
        {forms}
    }
}

#[component]
fn FindingEntry(finding: Finding, title: String, school: String) -> impl IntoView {
    let i18n = use_i18n();
    let kind = finding.kind;
    let register = finding.nonconformity.clone().map(|nc| {
        view! {
            <p><a href=format!("/schools/{school}/nonconformities#nc-{nc}")>{t!(i18n, ia.in_register)}</a></p>
        }
    });
    view! {
        <section class="panel" data-testid="audit-finding">
            <h3 class="heading-small">{title}</h3>
            <dl class="summary-list">
                <div><dt>{t!(i18n, ia.kind)}</dt><dd>{move || kind_text(i18n, kind)}</dd></div>
                <div><dt>{t!(i18n, ia.statement)}</dt><dd class="answer-text">{finding.statement.clone()}</dd></div>
                <div><dt>{t!(i18n, ia.evidence)}</dt><dd class="answer-text">{finding.evidence.clone()}</dd></div>
                <div><dt>{t!(i18n, ia.recorded_by)}</dt><dd>{format!("{} · {}", finding.recorded_by, finding.recorded_at.get(..10).unwrap_or_default())}</dd></div>
            </dl>
            {register}
        </section>
    }
}
