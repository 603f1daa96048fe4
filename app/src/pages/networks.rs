//! Networks of schools: the list, and one network's figures and members.

use super::ErrorMessage;
use crate::api::networks::{
    list_networks, network, ChangeNetworkSchool, CreateNetwork, InviteNetworkAdmin,
};
use crate::codec::resource;
use crate::components::field::{EmailField, Field};
use crate::components::forms::{action_error, field_error, invalid, FormErrors};
use crate::components::layout::use_current_person;
use crate::components::layout::PageTitle;
use crate::components::pager::Pager;
use crate::components::search::{SchoolFinder, SearchForm};
use crate::domain::{AccountField, Action};
use crate::i18n::*;
use crate::model::{query_value, NetworkDetail, SchoolPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NetworksPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateNetwork>::new();
    let networks = resource(move || create.version().get(), |_| list_networks());
    let person = use_current_person();
    view! {
        <PageTitle text=move || t_string!(i18n, network.list_title).to_owned() />
        <h1>{t!(i18n, network.list_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match networks.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, network.none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="link-list">
                            {list
                                .into_iter()
                                .map(|n| {
                                    let count = n.schools;
                                    view! {
                                        <li>
                                            <A href=format!("/networks/{}", n.id)>{n.name}</A>
                                            " · "
                                            {t!(i18n, schools.count, count = count)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let admin = matches!(person.await, Ok(Some(me)) if me.viewer.may(Action::ManageNetworks, None));
                admin.then(|| view! { <CreateNetworkForm action=create /> })
            })}
        </Suspense>
    }
}

#[component]
fn CreateNetworkForm(action: ServerAction<CreateNetwork>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action.value());
    let name_error = field_error(error, AccountField::Name);
    view! {
        <section class="panel" aria-labelledby="create-network-heading">
            <h2 id="create-network-heading">{t!(i18n, network.create_heading)}</h2>
            <FormErrors error />
            <ActionForm action attr:novalidate=true>
                <Field id="name" label=move || t!(i18n, network.name) error=name_error>
                    <input
                        class="input"
                        id="name"
                        name="name"
                        type="text"
                        aria-describedby="name-error"
                        aria-invalid=invalid(name_error)
                    />
                </Field>
                <button type="submit" class="button">{t!(i18n, network.create_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn NetworkPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let query = use_query_map();
    let search = move || {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default(),
                q.get("page").and_then(|p| p.parse::<u32>().ok()),
                q.get("add").unwrap_or_default(),
            )
        })
    };
    let change = ServerAction::<ChangeNetworkSchool>::new();
    let invite = ServerAction::<InviteNetworkAdmin>::new();
    let detail = resource(
        move || {
            (
                id.get(),
                search(),
                change.version().get(),
                invite.version().get(),
            )
        },
        |(id, (search, page, add_search), ..)| network(id, search, page, add_search),
    );
    view! {
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <Network detail change invite /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, network.list_title).to_owned() />
                        <h1>{t!(i18n, network.list_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Network(
    detail: NetworkDetail,
    change: ServerAction<ChangeNetworkSchool>,
    invite: ServerAction<InviteNetworkAdmin>,
) -> impl IntoView {
    let i18n = use_i18n();
    let figures = detail.figures.clone();
    let phases = figures
        .by_phase
        .iter()
        .map(|(phase, n)| {
            let phase = phase.as_str();
            let n = *n;
            view! {
                <tr>
                    <th scope="row">{move || super::schools::phase_label(i18n, phase)}</th>
                    <td class="numeric">{n}</td>
                </tr>
            }
        })
        .collect_view();
    let awards = figures
        .awards
        .iter()
        .map(|(award, n)| view! { <tr><th scope="row">{award.clone()}</th><td class="numeric">{*n}</td></tr> })
        .collect_view();
    let without = figures.without_award;
    let network_id = detail.id.clone();
    let add_search = detail
        .candidates
        .as_ref()
        .map(|c| c.search.clone())
        .unwrap_or_default();
    let change_error = action_error(change.value());
    view! {
        <Title text=detail.name.clone() />
        <h1>{detail.name.clone()}</h1>
        {detail.may_admit.then(|| view! {
            <p><a href=format!("/networks/{network_id}/requests")>{t!(i18n, join.requests_link)}</a></p>
        })}
        <p><a href=format!("/dashboard?network={network_id}")>{t!(i18n, network.dashboard_link)}</a></p>
        {(!detail.research_clusters.is_empty()).then(|| {
            let links = detail
                .research_clusters
                .iter()
                .map(|(id, name)| view! {
                    <li><a href=format!("/clusters/{id}/research")>{name.clone()}</a></li>
                })
                .collect_view();
            view! {
                <section aria-labelledby="research-heading">
                    <h2 id="research-heading">{t!(i18n, network.research_heading)}</h2>
                    <p>{t!(i18n, network.research_intro)}</p>
                    <ul class="link-list" data-testid="research-clusters">{links}</ul>
                </section>
            }
        })}
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t!(i18n, network.figures_heading)}</h2>
            <dl class="summary-list">
                <div>
                    <dt>{t!(i18n, network.schools)}</dt>
                    <dd>{figures.schools}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, network.learners)}</dt>
                    <dd>{figures.learners}</dd>
                </div>
            </dl>
            <div class="table-wrap">
                <table class="table">
                    <caption>{t!(i18n, network.by_phase)}</caption>
                    <thead><tr><th scope="col">{t!(i18n, schools.col_phase)}</th><th scope="col" class="numeric">{t!(i18n, network.schools)}</th></tr></thead>
                    <tbody>{phases}</tbody>
                </table>
                <table class="table">
                    <caption>{t!(i18n, network.by_award)}</caption>
                    <thead><tr><th scope="col">{t!(i18n, network.award)}</th><th scope="col" class="numeric">{t!(i18n, network.schools)}</th></tr></thead>
                    <tbody>
                        {awards}
                        <tr><th scope="row">{t!(i18n, network.no_award)}</th><td class="numeric">{without}</td></tr>
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t!(i18n, network.members_heading)}</h2>
            <FormErrors error=change_error />
            <SearchForm
                action=format!("/networks/{network_id}")
                param="q"
                id="member-filter"
                label=move || t_string!(i18n, network.filter_label).to_owned()
                hint=move || t_string!(i18n, schools.filter_hint).to_owned()
                submit=move || t_string!(i18n, schools.search_submit).to_owned()
                value=detail.members.search.clone()
                keep=vec![("add", add_search.clone())]
                labelled_by=Some("members-heading")
            />
            <MemberTable
                network=network_id.clone()
                members=detail.members.clone()
                add_search=add_search.clone()
                change
                manage=detail.candidates.is_some()
            />
        </section>
        {detail.candidates.clone().map(|candidates| view! {
            <AddSchoolToNetwork
                network=network_id.clone()
                member_search=detail.members.search.clone()
                candidates
                change
            />
            <InviteNetworkAdminForm network=network_id.clone() action=invite />
            <super::school::Pending invitations=detail.invitations.clone() />
        })}
    }
}

/// A page of the network's member schools, with removal for admins.
#[component]
fn MemberTable(
    network: String,
    members: SchoolPage,
    /// The admin's search for schools to add, kept across pages.
    add_search: String,
    change: ServerAction<ChangeNetworkSchool>,
    manage: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = members.total;
    if total == 0 {
        let searched = !members.search.is_empty();
        return view! {
            <p role="status" class="filter-status">
                {move || if searched {
                    t_string!(i18n, schools.no_match)
                } else {
                    t_string!(i18n, network.no_members)
                }}
            </p>
        }
        .into_any();
    }
    let (from, to) = members.range();
    let href = {
        let (network, search) = (network.clone(), query_value(&members.search));
        let add = query_value(&add_search);
        move |page: u32| format!("/networks/{network}?q={search}&add={add}&page={page}")
    };
    let previous = (members.page > 0).then(|| href(members.page - 1));
    let next = members.has_next().then(|| href(members.page + 1));
    let rows = members
        .schools
        .into_iter()
        .map(|s| {
            let network = network.clone();
            let phase = s.phase.clone();
            let name = s.name.clone();
            view! {
                <tr>
                    <td>{s.name.clone()}</td>
                    <td>{move || super::schools::phase_label(i18n, &phase)}</td>
                    <td>{s.city.clone()}</td>
                    <td>{s.current_award.clone().unwrap_or_default()}</td>
                    {manage.then(|| view! {
                        <td>
                            <ActionForm action=change attr:class="inline-form">
                                <input type="hidden" name="network" value=network />
                                <input type="hidden" name="school" value=s.id.clone() />
                                <input type="hidden" name="add" value="false" />
                                <button type="submit" class="link-button">
                                    {t!(i18n, school.remove)}
                                    <span class="visually-hidden">" " {name}</span>
                                </button>
                            </ActionForm>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{t!(i18n, network.members_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, schools.col_name)}</th>
                        <th scope="col">{t!(i18n, schools.col_phase)}</th>
                        <th scope="col">{t!(i18n, schools.col_city)}</th>
                        <th scope="col">{t!(i18n, network.award)}</th>
                        {manage.then(|| view! { <th scope="col"><span class="visually-hidden">{t!(i18n, school.col_actions)}</span></th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager label=move || t_string!(i18n, network.pages_label).to_owned() previous next>
            {t!(i18n, schools.showing, from = from, to = to, total = total)}
        </Pager>
    }
    .into_any()
}

/// Finding a school outside the network by name or town, and adding it.
#[component]
fn AddSchoolToNetwork(
    network: String,
    /// The member-list search, kept while finding.
    member_search: String,
    candidates: SchoolPage,
    change: ServerAction<ChangeNetworkSchool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let searched = !candidates.search.is_empty();
    let found = candidates
        .schools
        .clone()
        .into_iter()
        .map(|s| {
            let network = network.clone();
            let phase = s.phase.clone();
            view! {
                <li class="choice-row">
                    <span>
                        {s.name.clone()} ", " {s.city.clone()} " ("
                        {move || super::schools::phase_label(i18n, &phase)} ")"
                    </span>
                    <ActionForm action=change attr:class="inline-form">
                        <input type="hidden" name="network" value=network />
                        <input type="hidden" name="school" value=s.id.clone() />
                        <input type="hidden" name="add" value="true" />
                        <button type="submit" class="button button-secondary">
                            {t!(i18n, network.add_submit)}
                            <span class="visually-hidden">" " {s.name.clone()}</span>
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="add-member-heading">
            <h2 id="add-member-heading">{t!(i18n, network.add_heading)}</h2>
            <SchoolFinder
                action=format!("/networks/{network}")
                param="add"
                id="add-school"
                label=move || t_string!(i18n, network.find_label).to_owned()
                none=move || t_string!(i18n, network.find_none).to_owned()
                found=candidates
                keep=vec![("q", member_search)]
                labelled_by=Some("add-member-heading")
            />
            {searched.then(|| view! {
                <ul class="choice-list">{found}</ul>
            })}
        </section>
    }
}

#[component]
fn InviteNetworkAdminForm(
    network: String,
    action: ServerAction<InviteNetworkAdmin>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action.value());
    let email_error = field_error(error, AccountField::Email);
    let sent_to = crate::components::forms::done_with(action, "sent_to");
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t!(i18n, network.invite_people_heading)}</h2>
            <div role="status" class="notice-slot">
                {move || sent_to.get().map(|email| view! {
                    <p class="notice notice-success">{t!(i18n, school.invited, email = email.clone())}</p>
                })}
            </div>
            <FormErrors error />
            <ActionForm action attr:novalidate=true>
                <input type="hidden" name="network" value=network />
                <EmailField error=email_error />
                <div class="field">
                    <label class="label" for="network-role">{t!(i18n, network.invite_role)}</label>
                    <p class="hint" id="network-role-hint">{t!(i18n, network.invite_role_hint)}</p>
                    <select class="select" id="network-role" name="role" aria-describedby="network-role-hint">
                        <option value="network_admin">{t!(i18n, role.network_admin)}</option>
                        <option value="partner_expert">{t!(i18n, role.partner_expert)}</option>
                    </select>
                </div>
                <button type="submit" class="button">{t!(i18n, school.invite_submit)}</button>
            </ActionForm>
        </section>
    }
}
