//! The pages of joining a network: a school's networks and its requests
//! (`/schools/:id/networks`), and a network's requests for its admins
//! (`/networks/:id/requests`). Both are drawn by the server; their forms
//! are plain HTML forms.

use super::{
    network_requests, school_networks, AnswerNetworkRequest, AskToJoinNetwork, NetworkRequestsView,
    SchoolNetworksView,
};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{
    action_done, action_error, successes, FormErrors, KeepTyping, Notice,
};
use crate::components::layout::PageTitle;
use crate::domain::network_request::{JoinRequest, RequestState, MESSAGE_MAX_CHARS};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

fn state_text(i18n: I18nContext<Locale>, state: RequestState) -> &'static str {
    match state {
        RequestState::Pending => t_string!(i18n, join.pending),
        RequestState::Accepted => t_string!(i18n, join.accepted),
        RequestState::Declined => t_string!(i18n, join.declined),
    }
}

/// The day of an RFC 3339 time.
fn day(at: &str) -> String {
    at.get(..10).unwrap_or_default().to_owned()
}

#[component]
pub fn SchoolNetworksPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let school = move || params.with(|p| p.get("id").unwrap_or_default());
    let ask = ServerAction::<AskToJoinNetwork>::new();
    let asked = successes(ask.value());
    let data = resource(move || (school(), asked.get()), |(s, _)| school_networks(s));
    let error = action_error(ask.value());
    let done = action_done(ask);
    view! {
        <PageTitle text=move || t_string!(i18n, join.school_title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/schools/{}", view.school)>{t!(i18n, nc.back)}</a></p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{t!(i18n, join.school_title)}</h1>
                        <p>{t!(i18n, join.school_intro)}</p>
                        <FormErrors error />
                        <Notice show=done>{t!(i18n, join.asked)}</Notice>
                        <SchoolNetworks view ask />
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, join.school_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SchoolNetworks(view: SchoolNetworksView, ask: ServerAction<AskToJoinNetwork>) -> impl IntoView {
    let i18n = use_i18n();
    let members = if view.member_of.is_empty() {
        view! { <p>{t!(i18n, join.no_networks)}</p> }.into_any()
    } else {
        let items = view
            .member_of
            .iter()
            .map(|(_, name)| view! { <li>{name.clone()}</li> })
            .collect_view();
        view! { <ul class="link-list" data-testid="member-of">{items}</ul> }.into_any()
    };
    let form = match (view.may_ask, view.may_join.is_empty()) {
        (false, _) => None,
        (true, true) => {
            Some(view! { <p class="hint">{t!(i18n, join.nothing_to_join)}</p> }.into_any())
        }
        (true, false) => {
            let options = view
                .may_join
                .iter()
                .map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> })
                .collect_view();
            Some(
                view! {
                    <section class="panel" aria-labelledby="join-heading">
                        <h2 id="join-heading">{t!(i18n, join.ask_heading)}</h2>
                        <KeepTyping key="join-network">
                            <ActionForm action=ask>
                                <input type="hidden" name="school" value=view.school.clone() />
                                <div class="field">
                                    <label class="label" for="join-network">{t!(i18n, join.network_label)}</label>
                                    <select class="select" id="join-network" name="network" required>{options}</select>
                                </div>
                                <div class="field">
                                    <label class="label" for="join-message">{t!(i18n, join.message_label)}</label>
                                    <p class="hint" id="join-message-hint">
                                        {t!(i18n, join.message_hint, max = MESSAGE_MAX_CHARS)}
                                    </p>
                                    <textarea
                                        class="textarea"
                                        id="join-message"
                                        name="message"
                                        rows="4"
                                        aria-describedby="join-message-hint"
                                    ></textarea>
                                </div>
                                <button type="submit" class="button">{t!(i18n, join.ask_submit)}</button>
                            </ActionForm>
                        </KeepTyping>
                    </section>
                }
                .into_any(),
            )
        }
    };
    let requests = if view.requests.is_empty() {
        view! { <p>{t!(i18n, join.no_requests)}</p> }.into_any()
    } else {
        let items = view
            .requests
            .into_iter()
            .map(|r| view! { <Request request=r network_side=false /> })
            .collect_view();
        view! { <ul class="link-list" data-testid="join-requests">{items}</ul> }.into_any()
    };
    view! {
        <h2>{t!(i18n, join.member_heading)}</h2>
        {members}
        {form}
        <h2>{t!(i18n, join.requests_heading)}</h2>
        {requests}
    }
}

/// One request: for the school, the network and where it stands; for the
/// network's admins, the school and its message.
#[component]
fn Request(request: JoinRequest, network_side: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = request.state;
    let who = if network_side {
        format!("{} ({})", request.school_name, request.school_city)
    } else {
        request.network_name.clone()
    };
    let answered = request.answered_by.clone().map(|by| {
        let on = request.answered_at.as_deref().map(day).unwrap_or_default();
        view! { <p class="hint">{t!(i18n, join.answered_by, by = by, day = on)}</p> }
    });
    view! {
        <li data-testid="join-request">
            <strong>{who}</strong>
            " · "
            <span data-testid="join-state">{move || state_text(i18n, state)}</span>
            <p class="hint">{t!(i18n, join.asked_by, by = request.asked_by.clone(), day = day(&request.asked_at))}</p>
            {(!request.message.is_empty()).then(|| view! { <p class="answer-text">{request.message.clone()}</p> })}
            {answered}
        </li>
    }
}

#[component]
pub fn NetworkRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let network = move || params.with(|p| p.get("id").unwrap_or_default());
    let answer = ServerAction::<AnswerNetworkRequest>::new();
    let answered = successes(answer.value());
    let data = resource(
        move || (network(), answered.get()),
        |(n, _)| network_requests(n),
    );
    let error = action_error(answer.value());
    let done = action_done(answer);
    view! {
        <PageTitle text=move || t_string!(i18n, join.network_title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/networks/{}", view.network)>{t!(i18n, join.back_to_network)}</a></p>
                        <span class="caption">{view.network_name.clone()}</span>
                        <h1>{t!(i18n, join.network_title)}</h1>
                        <p>{t!(i18n, join.network_intro)}</p>
                        <FormErrors error />
                        <Notice show=done>{t!(i18n, join.answered)}</Notice>
                        <NetworkRequests view answer />
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, join.network_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NetworkRequests(
    view: NetworkRequestsView,
    answer: ServerAction<AnswerNetworkRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (waiting, answered): (Vec<JoinRequest>, Vec<JoinRequest>) = view
        .requests
        .into_iter()
        .partition(|r| r.state == RequestState::Pending);
    let waiting = if waiting.is_empty() {
        view! { <p>{t!(i18n, join.none_waiting)}</p> }.into_any()
    } else {
        waiting
            .into_iter()
            .map(|r| {
                let network = view.network.clone();
                let id = r.id.clone();
                let school = r.school_name.clone();
                let heading = format!("request-{id}");
                let labelled_by = heading.clone();
                let button = move |value: &'static str, label: &'static str, class: &'static str| {
                    let (network, id, school) = (network.clone(), id.clone(), school.clone());
                    view! {
                        <ActionForm action=answer attr:class="inline-form">
                            <input type="hidden" name="network" value=network />
                            <input type="hidden" name="request" value=id />
                            <input type="hidden" name="answer" value=value />
                            <button type="submit" class=class>
                                {label}
                                <span class="visually-hidden">" " {school}</span>
                            </button>
                        </ActionForm>
                    }
                };
                view! {
                    <section class="panel" aria-labelledby=labelled_by data-testid="waiting-request">
                        <h3 id=heading>{format!("{} ({})", r.school_name, r.school_city)}</h3>
                        <p class="hint">{t!(i18n, join.asked_by, by = r.asked_by.clone(), day = day(&r.asked_at))}</p>
                        {(!r.message.is_empty()).then(|| view! { <p class="answer-text">{r.message.clone()}</p> })}
                        <div class="button-group">
                            {button("accept", t_string!(i18n, join.accept), "button")}
                            {button("decline", t_string!(i18n, join.decline), "button button-secondary")}
                        </div>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    let history = if answered.is_empty() {
        view! { <p>{t!(i18n, join.no_requests)}</p> }.into_any()
    } else {
        let items = answered
            .into_iter()
            .map(|r| view! { <Request request=r network_side=true /> })
            .collect_view();
        view! { <ul class="link-list" data-testid="answered-requests">{items}</ul> }.into_any()
    };
    view! {
        <h2>{t!(i18n, join.waiting_heading)}</h2>
        {waiting}
        <h2>{t!(i18n, join.history_heading)}</h2>
        {history}
    }
}
