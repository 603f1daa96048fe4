//! The certification admin's pages: invitations for coordinators and
//! assessors, the outbox, the audit log, and framework import.

use super::school::Pending;
use super::{ErrorMessage, SignInRequired};
use crate::api::admin::{audit_log, outbox, pending_invitations};
use crate::api::people::Invite;
use crate::api::schools::school_directory;
use crate::codec::resource;
use crate::components::field::{EmailField, Field};
use crate::components::forms::{action_error, field_error, invalid, FormErrors};
use crate::components::labels::role_label;
use crate::components::layout::use_current_person;
use crate::components::layout::PageTitle;
use crate::domain::{AccountField, Action, AuditAction, Role};
use crate::i18n::*;
use crate::model::{AuditQuery, AuditRecord, OutboxItem};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<Invite>::new();
    let pending = resource(move || invite.version().get(), |_| pending_invitations());
    // Every school is too many to offer at once: the first page of those
    // matching the admin's search (from `?school_search=`).
    let query = use_query_map();
    let search = move || query.with(|q| q.get("school_search").unwrap_or_default());
    let schools = resource(search, |search| school_directory(search, None));
    view! {
        <PageTitle text=move || t_string!(i18n, admin.title).to_owned() />
        <h1>{t!(i18n, admin.title)}</h1>
        <nav aria-labelledby="admin-links-heading">
            <h2 id="admin-links-heading" class="visually-hidden">{t!(i18n, admin.title)}</h2>
            <ul class="link-list">
                <li><A href="/admin/outbox">{t!(i18n, admin.outbox_heading)}</A></li>
                <li><A href="/admin/audit">{t!(i18n, admin.audit_heading)}</A></li>
                <li><A href="/admin/frameworks/import">{t!(i18n, admin.import_heading)}</A></li>
                <li><A href="/reviews">{t!(i18n, review.queue_title)}</A></li>
                <li><A href="/calendar">{t!(i18n, calendar.title)}</A></li>
                <li><A href="/admin/fees">{t!(i18n, fees.title)}</A></li>
                <li><A href="/schools">{t!(i18n, nav.schools)}</A></li>
            </ul>
        </nav>
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match (schools.await, pending.await) {
                    (Ok(schools), Ok(pending)) => view! {
                        <StaffInviteForm schools action=invite />
                        <Pending invitations=pending />
                    }
                    .into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StaffInviteForm(
    schools: crate::model::SchoolPage,
    action: ServerAction<Invite>,
) -> impl IntoView {
    use crate::components::search::{SchoolFinder, SchoolOptions};
    let i18n = use_i18n();
    let search = schools.needs_search().then(|| {
        view! {
            <SchoolFinder
                action="/admin".into()
                param="school_search"
                id="school-search"
                label=move || t_string!(i18n, admin.find_school).to_owned()
                none=move || t_string!(i18n, schools.no_match).to_owned()
                found=schools.clone()
            />
        }
    });
    let error = action_error(action.value());
    let email_error = field_error(error, AccountField::Email);
    let role_error = field_error(error, AccountField::Role);
    let school_error = field_error(error, AccountField::School);
    let sent_to = crate::components::forms::done_with(action, "sent_to");
    let options = view! { <SchoolOptions schools=schools.schools /> };
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t!(i18n, admin.invite_heading)}</h2>
            {search}
            <div role="status" class="notice-slot">
                {move || sent_to.get().map(|email| view! {
                    <p class="notice notice-success">{t!(i18n, school.invited, email = email.clone())}</p>
                })}
            </div>
            <FormErrors error />
            <ActionForm action attr:novalidate=true>
                <EmailField error=email_error />
                <Field id="role" label=move || t!(i18n, accept.role) error=role_error>
                    <select class="select" id="role" name="role" aria-describedby="role-error">
                        {[Role::Coordinator, Role::Assessor]
                            .into_iter()
                            .map(|role| view! { <option value=role.as_str()>{move || role_label(i18n, role)}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <Field
                    id="school"
                    label=move || t!(i18n, accept.school)
                    hint=move || t!(i18n, admin.school_hint)
                    error=school_error
                >
                    <select
                        class="select"
                        id="school"
                        name="school"
                        aria-describedby="school-hint school-error"
                        aria-invalid=invalid(school_error)
                    >
                        <option value="">{t!(i18n, admin.no_school)}</option>
                        {options}
                    </select>
                </Field>
                <button type="submit" class="button">{t!(i18n, school.invite_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let messages = resource(|| (), |_| outbox());
    view! {
        <PageTitle text=move || t_string!(i18n, admin.outbox_heading).to_owned() />
        <h1>{t!(i18n, admin.outbox_heading)}</h1>
        <p>{t!(i18n, admin.outbox_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, admin.outbox_empty)}</p> }.into_any(),
                    Ok(list) => list.into_iter().map(|m| view! { <Message message=m /> }).collect_view().into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Message(message: OutboxItem) -> impl IntoView {
    let i18n = use_i18n();
    let sent = message.sent_at.is_some();
    view! {
        <article class="panel message">
            <h2 class="message-subject">{message.subject}</h2>
            <dl class="summary-list">
                <div>
                    <dt>{t!(i18n, admin.col_to)}</dt>
                    <dd>{message.recipient}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, admin.col_when)}</dt>
                    <dd><time datetime=message.created_at.clone()>{message.created_at.clone()}</time></dd>
                </div>
                <div>
                    <dt>{t!(i18n, admin.col_status)}</dt>
                    <dd>{move || if sent { t_string!(i18n, admin.sent) } else { t_string!(i18n, admin.waiting) }}</dd>
                </div>
            </dl>
            <pre class="message-body">{message.body}</pre>
        </article>
    }
}

/// The audit log's filters from the address bar.
fn audit_query() -> Memo<AuditQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| AuditQuery {
            action: q.get("action").unwrap_or_default(),
            actor: q.get("actor").unwrap_or_default(),
            object: q.get("object").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    })
}

fn audit_href(query: &AuditQuery, page: u32) -> String {
    let encode = crate::model::query_value;
    format!(
        "/admin/audit?action={}&actor={}&object={}&page={page}",
        encode(&query.action),
        encode(&query.actor),
        encode(&query.object)
    )
}

/// An action's name in plain words: "sign_in_failed" is "sign in failed".
fn action_words(action: &str) -> String {
    action.replace('_', " ")
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = audit_query();
    let page = resource(move || query.get(), audit_log);
    view! {
        <PageTitle text=move || t_string!(i18n, admin.audit_heading).to_owned() />
        <h1>{t!(i18n, admin.audit_heading)}</h1>
        <p>{t!(i18n, admin.audit_intro)}</p>
        // A GET form: the filters are in the address, so a filtered view can be shared.
        <form method="get" action="/admin/audit" class="filters">
            <div class="field">
                <label class="label" for="action">{t!(i18n, admin.col_action)}</label>
                <select class="select" id="action" name="action">
                    <option value="">{t!(i18n, admin.any_action)}</option>
                    {AuditAction::ALL
                        .into_iter()
                        .map(|a| view! {
                            <option value=a.as_str() selected=move || query.with(|q| q.action == a.as_str())>
                                {action_words(a.as_str())}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="label" for="actor">{t!(i18n, admin.filter_actor)}</label>
                <input class="input" id="actor" name="actor" type="search" value=move || query.with(|q| q.actor.clone()) />
            </div>
            <div class="field">
                <label class="label" for="object">{t!(i18n, admin.filter_object)}</label>
                <input class="input" id="object" name="object" type="search" value=move || query.with(|q| q.object.clone()) />
            </div>
            <button type="submit" class="button">{t!(i18n, admin.filter)}</button>
        </form>
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(found) => {
                        let q = query.get_untracked();
                        let newer = (q.page > 0).then(|| audit_href(&q, q.page - 1));
                        let older = found.has_more.then(|| audit_href(&q, q.page + 1));
                        view! {
                            <AuditTable events=found.events />
                            <RefusalTally refusals=found.refusals />
                            <nav class="pagination" aria-label=move || t_string!(i18n, admin.pages_label)>
                                {newer.map(|href| view! { <a href=href>{t!(i18n, admin.newer)}</a> })}
                                {older.map(|href| view! { <a href=href>{t!(i18n, admin.older)}</a> })}
                            </nav>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AuditTable(events: Vec<AuditRecord>) -> impl IntoView {
    let i18n = use_i18n();
    if events.is_empty() {
        return view! { <p role="status">{t!(i18n, admin.no_events)}</p> }.into_any();
    }
    let change = |before: Option<String>, after: Option<String>| match (before, after) {
        (None, None) => String::new(),
        (Some(b), None) => b,
        (None, Some(a)) => a,
        (Some(b), Some(a)) => format!("{b} → {a}"),
    };
    let rows = events
        .into_iter()
        .map(|e| {
            let object = match &e.school {
                Some(school) if school != &e.object_id => format!("{} {} ({})", e.object_kind, e.object_id, school),
                _ => format!("{} {}", e.object_kind, e.object_id),
            };
            view! {
                <tr>
                    <td><time datetime=e.at.clone()>{e.at.replace('T', " ").replace('Z', "")}</time></td>
                    <td>{e.actor}</td>
                    <td>{action_words(&e.action)}</td>
                    <td class="wrap">{object}</td>
                    <td class="wrap"><code>{change(e.before, e.after)}</code></td>
                    <td>{e.ip}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{t!(i18n, admin.audit_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, admin.col_when)}</th>
                        <th scope="col">{t!(i18n, admin.col_who)}</th>
                        <th scope="col">{t!(i18n, admin.col_action)}</th>
                        <th scope="col">{t!(i18n, admin.col_object)}</th>
                        <th scope="col">{t!(i18n, admin.col_change)}</th>
                        <th scope="col">{t!(i18n, admin.col_ip)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Refusals counted rather than logged: from people not signed in, and past
/// one person's cap.
#[component]
fn RefusalTally(refusals: Vec<crate::model::RefusalCount>) -> impl IntoView {
    let i18n = use_i18n();
    if refusals.is_empty() {
        return ().into_any();
    }
    let rows = refusals
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.hour.replace('T', " ")} ":00"</td>
                    <td>{r.source}</td>
                    <td>{r.reason}</td>
                    <td class="numeric">{r.count}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="refusals-heading">
            <h2 id="refusals-heading">{t!(i18n, admin.refusals_heading)}</h2>
            <p class="hint">{t!(i18n, admin.refusals_hint)}</p>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{t!(i18n, admin.refusals_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, admin.col_hour)}</th>
                            <th scope="col">{t!(i18n, admin.col_source)}</th>
                            <th scope="col">{t!(i18n, admin.col_reason)}</th>
                            <th scope="col" class="numeric">{t!(i18n, admin.col_count)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
pub fn ImportFrameworkPage() -> impl IntoView {
    let i18n = use_i18n();
    let person = use_current_person();
    let query = use_query_map();
    let problem = move || query.with(|q| q.get("problem"));
    let detail = move || query.with(|q| q.get("detail").unwrap_or_default());
    let message = move || {
        problem().map(|p| match p.as_str() {
            "too_large" => t_string!(i18n, admin.import_too_large),
            "not_text" => t_string!(i18n, admin.import_not_text),
            "missing" => t_string!(i18n, admin.import_missing),
            "exists" => t_string!(i18n, admin.import_exists),
            "invalid" => t_string!(i18n, admin.import_invalid),
            "malformed" => t_string!(i18n, admin.import_malformed),
            _ => t_string!(i18n, err.internal),
        })
    };
    view! {
        <PageTitle text=move || t_string!(i18n, admin.import_heading).to_owned() />
        <h1>{t!(i18n, admin.import_heading)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(Some(me)) if me.viewer.may(Action::ManageFrameworks, None) => view! {
                        <p>{t!(i18n, admin.import_intro)}</p>
                        {move || message().map(|m| view! {
                            <div class="error-summary" role="alert" id="import-problem">
                                <h2>{t!(i18n, common.error_summary_title)}</h2>
                                <p><a href="#file">{m}</a></p>
                                {let d = detail(); (!d.is_empty()).then(|| view! { <pre class="message-body">{d}</pre> })}
                            </div>
                        })}
                        <form method="post" action="/admin/frameworks/import" enctype="multipart/form-data">
                            <div class="field">
                                <label class="label" for="file">{t!(i18n, admin.import_file)}</label>
                                <p class="hint" id="file-hint">{t!(i18n, admin.import_hint)}</p>
                                <input class="file-input" id="file" name="file" type="file" accept=".toml,application/toml,text/plain" aria-describedby="file-hint" required />
                            </div>
                            <button type="submit" class="button">{t!(i18n, admin.import_submit)}</button>
                        </form>
                    }
                    .into_any(),
                    Ok(Some(_)) => view! { <ErrorMessage error=crate::error::AppError::Forbidden /> }.into_any(),
                    _ => view! { <SignInRequired /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
