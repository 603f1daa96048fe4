//! One school: its details, its people and invitations.

use super::ErrorMessage;
use crate::api::people::{school, Invite, RemoveMember, UpdateSchool};
use crate::codec::resource;
use crate::components::field::{EmailField, Field};
use crate::components::forms::{
    action_done, action_error, done_with, field_error, invalid, FormErrors, Notice,
};
use crate::components::labels::role_label;
use crate::components::layout::PageTitle;
use crate::components::regions::{region_name, RegionOptions};
use crate::domain::{AccountField, FeeBand, Role};
use crate::i18n::*;
use crate::model::{Member, PendingInvitation, SchoolDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SchoolPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let update = ServerAction::<UpdateSchool>::new();
    let invite = ServerAction::<Invite>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let detail = resource(
        move || {
            (
                id.get(),
                update.version().get(),
                invite.version().get(),
                remove.version().get(),
            )
        },
        |(id, ..)| school(id),
    );
    view! {
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <School detail update invite remove /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, school.title).to_owned() />
                        <h1>{t!(i18n, school.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn School(
    detail: SchoolDetail,
    update: ServerAction<UpdateSchool>,
    invite: ServerAction<Invite>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = detail.school.name.clone();
    let title = name.clone();
    let not_given = move || t_string!(i18n, school.not_given);
    let region = detail.region.clone();
    let region_shown = region_name(i18n, &region);
    let contact = detail.contact_email.clone();
    let phase = detail.school.phase.clone();
    let learners = detail.school.learners;
    let award = match (
        &detail.school.current_award,
        &detail.award_since,
        &detail.award_until,
    ) {
        (Some(award), Some(since), Some(until)) => view! {
            {award.clone()} " (" <time datetime=since.clone()>{since.clone()}</time>
            " – " <time datetime=until.clone()>{until.clone()}</time> ")"
        }
        .into_any(),
        (Some(award), ..) => award.clone().into_any(),
        (None, ..) => view! { {move || t_string!(i18n, school.no_award)} }.into_any(),
    };
    let networks = if detail.networks.is_empty() {
        view! { {move || t_string!(i18n, school.no_networks)} }.into_any()
    } else {
        detail.networks.join(", ").into_any()
    };
    view! {
        <Title text=title />
        <h1>{name}</h1>
        <section class="panel" aria-labelledby="details-heading">
            <h2 id="details-heading">{t!(i18n, school.details_heading)}</h2>
            <dl class="summary-list">
                <div>
                    <dt>{t!(i18n, schools.col_phase)}</dt>
                    <dd>{move || super::schools::phase_label(i18n, &phase)}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, schools.col_city)}</dt>
                    <dd>{detail.school.city.clone()}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, schools.col_learners)}</dt>
                    <dd>{detail.school.learners}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, school.fee_band)}</dt>
                    <dd>{move || fee_band_label(i18n, FeeBand::for_learners(learners))}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, school.award)}</dt>
                    <dd>{award}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, school.networks)}</dt>
                    <dd>{networks}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, school.region)}</dt>
                    <dd>{move || if region_shown.is_empty() { not_given().to_owned() } else { region_shown.clone() }}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, school.contact)}</dt>
                    <dd>{let c = contact.clone(); move || if c.is_empty() { not_given().to_owned() } else { c.clone() }}</dd>
                </div>
            </dl>
            {detail.may_edit.then(|| view! {
                <EditDetails id=detail.school.id.clone() region=region.clone() contact=contact.clone() action=update />
            })}
        </section>
        {detail.may_edit.then(|| view! { <DirectoryListing school=detail.school.id.clone() listed=detail.directory_listed /> })}
        <crate::pages::calendar::SchoolAwardCalendar school=detail.school.id.clone() />
        {detail.may_view_assessments.then(|| view! {
            <Assessments school=detail.school.id.clone() may_start=detail.may_start_assessment />
            <ul class="links">
                <li><a href=format!("/schools/{}/internal-audits", detail.school.id)>{t!(i18n, ia.link)}</a></li>
                <li><a href=format!("/schools/{}/nonconformities", detail.school.id)>{t!(i18n, nc.link)}</a></li>
                <li><a href=format!("/schools/{}/management-reviews", detail.school.id)>{t!(i18n, mr.link)}</a></li>
                <li><a href=format!("/schools/{}/surveys", detail.school.id)>{t!(i18n, survey.link)}</a></li>
                <li><a href=format!("/schools/{}/networks", detail.school.id)>{t!(i18n, join.link)}</a></li>
            </ul>
            <crate::pages::dashboard::SchoolResultsSection school=detail.school.id.clone() />
        })}
        {detail.may_export.then(|| view! {
            <section class="panel" aria-labelledby="record-heading">
                <h2 id="record-heading">{t!(i18n, school.record_heading)}</h2>
                <p>{t!(i18n, school.record_intro)}</p>
                <p>
                    <a class="button" href=format!("/schools/{}/record.json", detail.school.id) download="" rel="external">
                        {t!(i18n, school.record_download)}
                    </a>
                </p>
            </section>
        })}
        {detail.members.clone().map(|members| view! {
            <People school=detail.school.id.clone() members action=remove />
        })}
        {detail.may_manage_people.then(|| view! {
            <InviteForm
                school=detail.school.id.clone()
                staff=detail.may_assign_assessors
                action=invite
            />
            <Pending invitations=detail.invitations.clone() />
        })}
    }
}

#[component]
fn EditDetails(
    id: String,
    region: String,
    contact: String,
    action: ServerAction<UpdateSchool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action.value());
    let saved = action_done(action);
    let region_error = field_error(error, AccountField::Region);
    let email_error = field_error(error, AccountField::ContactEmail);
    view! {
        <h3>{t!(i18n, school.edit_heading)}</h3>
        <Notice show=saved>{move || t!(i18n, profile.saved)}</Notice>
        <FormErrors error />
        <ActionForm action attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <Field id="region" label=move || t!(i18n, school.region) error=region_error>
                <select
                    class="select"
                    id="region"
                    name="region"
                    aria-describedby="region-error"
                    aria-invalid=invalid(region_error)
                >
                    <RegionOptions current=region />
                </select>
            </Field>
            <Field id="contact_email" label=move || t!(i18n, school.contact) error=email_error>
                <input
                    class="input"
                    id="contact_email"
                    name="contact_email"
                    type="email"
                    autocomplete="email"
                    value=contact
                    aria-describedby="contact_email-error"
                    aria-invalid=invalid(email_error)
                />
            </Field>
            <button type="submit" class="button">{t!(i18n, profile.save)}</button>
        </ActionForm>
    }
}

#[component]
fn People(
    school: String,
    members: Vec<Member>,
    action: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action.value());
    let removed = action_done(action);
    let rows = members
        .into_iter()
        .map(|member| {
            let role = member.role;
            let school = school.clone();
            let label = format!("{} ({})", member.name, member.email);
            let remove = member.removable.then(|| {
                view! {
                    <ActionForm action attr:class="inline-form">
                        <input type="hidden" name="school" value=school />
                        <input type="hidden" name="account" value=member.account.clone() />
                        <input type="hidden" name="role" value=role.as_str() />
                        <button type="submit" class="link-button">
                            {t!(i18n, school.remove)}
                            <span class="visually-hidden">" " {label.clone()}</span>
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <tr>
                    <td>{member.name.clone()}</td>
                    <td>{member.email.clone()}</td>
                    <td>{move || role_label(i18n, role)}</td>
                    <td>{remove}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="people-heading">
            <h2 id="people-heading">{t!(i18n, school.people_heading)}</h2>
            <Notice show=removed>{move || t!(i18n, school.removed)}</Notice>
            <FormErrors error />
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{t!(i18n, school.people_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, school.col_name)}</th>
                            <th scope="col">{t!(i18n, auth.email)}</th>
                            <th scope="col">{t!(i18n, accept.role)}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, school.col_actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The roles one may invite to a school: teachers and cluster leads for
/// the school's coordinator; coordinators and assessors too for admins.
fn invitable(staff: bool) -> Vec<Role> {
    let mut roles = vec![Role::Teacher, Role::ClusterLead];
    if staff {
        roles.extend([Role::Coordinator, Role::Assessor]);
    }
    roles
}

#[component]
fn InviteForm(school: String, staff: bool, action: ServerAction<Invite>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action.value());
    let email_error = field_error(error, AccountField::Email);
    let role_error = field_error(error, AccountField::Role);
    let sent_to = done_with(action, "sent_to");
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t!(i18n, school.invite_heading)}</h2>
            <div role="status" class="notice-slot">
                {move || sent_to.get().map(|email| view! {
                    <p class="notice notice-success">{t!(i18n, school.invited, email = email.clone())}</p>
                })}
            </div>
            <FormErrors error />
            <ActionForm action attr:novalidate=true>
                <input type="hidden" name="school" value=school />
                <EmailField error=email_error />
                <Field id="role" label=move || t!(i18n, accept.role) error=role_error>
                    <select class="select" id="role" name="role" aria-describedby="role-error">
                        {invitable(staff)
                            .into_iter()
                            .map(|role| view! { <option value=role.as_str()>{move || role_label(i18n, role)}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <div class="field">
                    <label class="label" for="invite-language">{t!(i18n, school.invite_language)}</label>
                    <p class="hint" id="invite-language-hint">{t!(i18n, school.invite_language_hint)}</p>
                    <select class="select" id="invite-language" name="language" aria-describedby="invite-language-hint">
                        <option value="en" lang="en" selected=move || i18n.get_locale() == Locale::en>"English"</option>
                        <option value="zh" lang="zh" selected=move || i18n.get_locale() == Locale::zh>"中文"</option>
                    </select>
                </div>
                <button type="submit" class="button">{t!(i18n, school.invite_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn Pending(invitations: Vec<PendingInvitation>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = invitations.is_empty();
    let rows = invitations
        .into_iter()
        .map(|inv| {
            let role = inv.role;
            // A plain form: the server function sends the browser back here.
            let revoke = inv.may_revoke.then(|| {
                let label = inv.email.clone();
                view! {
                    <form class="inline-form" method="post" action="/api/revoke_invitation">
                        <input type="hidden" name="invitation" value=inv.id.clone() />
                        <button type="submit" class="link-button">
                            {t!(i18n, school.revoke)}
                            <span class="visually-hidden">" " {label}</span>
                        </button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{inv.email}</td>
                    <td>{move || role_label(i18n, role)}</td>
                    <td>{inv.school.unwrap_or_default()}</td>
                    <td><time datetime=inv.expires_at.clone()>{inv.expires_at.get(..10).unwrap_or_default().to_owned()}</time></td>
                    <td>{revoke}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="pending-heading">
            <h2 id="pending-heading">{t!(i18n, school.pending_heading)}</h2>
            {if empty {
                view! { <p>{t!(i18n, school.none_pending)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{t!(i18n, school.pending_heading)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, auth.email)}</th>
                                    <th scope="col">{t!(i18n, accept.role)}</th>
                                    <th scope="col">{t!(i18n, accept.school)}</th>
                                    <th scope="col">{t!(i18n, school.col_expires)}</th>
                                    <th scope="col"><span class="visually-hidden">{t!(i18n, school.col_actions)}</span></th>
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

/// A fee band in words.
fn fee_band_label(i18n: leptos_i18n::I18nContext<Locale>, band: FeeBand) -> &'static str {
    match band {
        FeeBand::Small => t_string!(i18n, fee.small),
        FeeBand::Medium => t_string!(i18n, fee.medium),
        FeeBand::Large => t_string!(i18n, fee.large),
        FeeBand::VeryLarge => t_string!(i18n, fee.very_large),
    }
}

/// The school's self-assessments, and (for the coordinator) starting one.
#[component]
fn Assessments(school: String, may_start: bool) -> impl IntoView {
    use crate::api::assessments::{list_assessments, StartAssessment};
    use crate::api::frameworks::list_frameworks;
    use crate::components::labels::{cycle_label, status_label};
    use crate::domain::assessment::Cycle;

    let i18n = use_i18n();
    let start = ServerAction::<StartAssessment>::new();
    let id = school.clone();
    let list = resource(
        move || start.version().get(),
        move |_| list_assessments(id.clone()),
    );
    let frameworks = resource(|| (), |_| list_frameworks());
    // The calendar says which cycle comes next; the form starts on it.
    let calendar = {
        let school = school.clone();
        resource(
            move || school.clone(),
            crate::api::awards::calendar_of_school,
        )
    };
    let start_error = action_error(start.value());
    let lang = move || crate::components::layout::text_lang(i18n.get_locale());
    view! {
        <section class="panel" aria-labelledby="assessments-heading">
            <h2 id="assessments-heading">{t!(i18n, assess.list_heading)}</h2>
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, assess.none)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="link-list">
                                {items.into_iter().map(|a| {
                                    let (cycle, status) = (a.cycle, a.status);
                                    view! {
                                        <li>
                                            <a href=format!("/assessments/{}", a.id)>
                                                {a.framework_title.clone()} " · " {move || cycle_label(i18n, cycle)}
                                            </a>
                                            " · " {a.target_award.clone()} " · "
                                            <strong class="tag">{move || status_label(i18n, status)}</strong>
                                            " · " {a.rated} " / " {a.total}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
            {may_start.then(|| view! {
                <h3>{t!(i18n, assess.start_heading)}</h3>
                <FormErrors error=start_error />
                <Suspense fallback=|| ()>
                    {move || { let school = school.clone(); Suspend::new(async move {
                        let frameworks = frameworks.await.unwrap_or_default();
                        let next = calendar.await.map(|c| c.next_cycle).unwrap_or(Cycle::Initial);
                        let framework_options = frameworks.iter().map(|f| {
                            let value = format!("{}@{}", f.id, f.version);
                            let label = format!("{} ({})", f.title.get(lang(), &f.default_language), f.version);
                            view! { <option value=value>{label}</option> }
                        }).collect_view();
                        let award_groups = frameworks.iter().map(|f| {
                            let label = format!("{} ({})", f.title.get(lang(), &f.default_language), f.version);
                            let options = f.awards.iter().map(|(id, title)| {
                                view! { <option value=id.clone()>{title.get(lang(), &f.default_language).to_owned()}</option> }
                            }).collect_view();
                            view! { <optgroup label=label>{options}</optgroup> }
                        }).collect_view();
                        view! {
                            <ActionForm action=start>
                                <input type="hidden" name="school" value=school.clone() />
                                <div class="field">
                                    <label class="label" for="framework">{t!(i18n, assess.framework)}</label>
                                    <select class="select" id="framework" name="framework">{framework_options}</select>
                                </div>
                                <div class="field">
                                    <label class="label" for="cycle">{t!(i18n, assess.cycle)}</label>
                                    <select class="select" id="cycle" name="cycle">
                                        {Cycle::ALL.into_iter().map(|c| view! {
                                            <option value=c.as_str() selected=c == next>{move || cycle_label(i18n, c)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="label" for="target_award">{t!(i18n, assess.target_award)}</label>
                                    <p class="hint" id="target_award-hint">{t!(i18n, assess.target_award_hint)}</p>
                                    <select class="select" id="target_award" name="target_award" aria-describedby="target_award-hint">
                                        {award_groups}
                                    </select>
                                </div>
                                <button type="submit" class="button">{t!(i18n, assess.start)}</button>
                            </ActionForm>
                        }
                    })}}
                </Suspense>
            })}
        </section>
    }
}

/// Whether the school's award appears in the public directory, and the
/// button that changes it (for those who may edit the school).
#[component]
fn DirectoryListing(school: String, listed: bool) -> impl IntoView {
    use crate::directory::SetDirectoryListing;
    let i18n = use_i18n();
    let set = ServerAction::<SetDirectoryListing>::new();
    let now = RwSignal::new(listed);
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(input)) = (set.value().get(), set.input().get()) {
            now.set(input.listed == "yes");
        }
    });
    view! {
        <section class="panel" aria-labelledby="directory-heading">
            <h2 id="directory-heading">{t!(i18n, directory.listing_heading)}</h2>
            <p data-testid="directory-listing">
                {move || if now.get() { t_string!(i18n, directory.listed) } else { t_string!(i18n, directory.not_listed) }}
                " " <a href="/directory">{t!(i18n, directory.title)}</a>
            </p>
            <ActionForm action=set>
                <input type="hidden" name="school" value=school />
                <input type="hidden" name="listed" value=move || if now.get() { "no" } else { "yes" } />
                <button type="submit" class="button button-secondary">
                    {move || if now.get() { t_string!(i18n, directory.unlist) } else { t_string!(i18n, directory.list) }}
                </button>
            </ActionForm>
        </section>
    }
}
