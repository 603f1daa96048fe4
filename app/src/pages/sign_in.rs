//! Signing in, forgotten passwords, and accepting an invitation.

use super::ErrorMessage;
use crate::api::auth::{
    invitation, reset_link_is_live, AcceptInvitation, RequestPasswordReset, ResetPassword, SignIn,
};
use crate::codec::resource;
use crate::components::field::{EmailField, Field};
use crate::components::forms::{
    action_done, action_error, field_error, invalid, FormErrors, KeepTyping, Notice,
};
use crate::components::labels::role_label;
use crate::components::layout::PageTitle;
use crate::domain::AccountField;
use crate::i18n::*;
use crate::model::InvitationInfo;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn no_error() -> Signal<Option<String>> {
    Signal::stored(None)
}

/// The route's `:token`.
fn route_token() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()))
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next").unwrap_or_else(|| "/".to_owned()));
    let reset_done = Signal::derive(move || query.with(|q| q.get("reset").is_some()));
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action.value());
    view! {
        <PageTitle text=move || t_string!(i18n, auth.sign_in_title).to_owned() />
        <div class="narrow">
            <h1>{t!(i18n, auth.sign_in_title)}</h1>
            <Notice show=reset_done>{move || t!(i18n, auth.reset_done)}</Notice>
            <FormErrors error />
            <KeepTyping key="sign-in">
                <ActionForm action attr:novalidate=true>
                    <input type="hidden" name="next" value=next />
                    <EmailField error=no_error() autocomplete="username" />
                    <Field id="password" label=move || t!(i18n, auth.password) error=no_error()>
                        <input
                            class="input"
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            aria-describedby="password-error"
                        />
                    </Field>
                    <button type="submit" class="button">
                        {t!(i18n, auth.sign_in_submit)}
                    </button>
                </ActionForm>
            </KeepTyping>
            <p>
                <a href="/forgot-password">{t!(i18n, auth.forgot_link)}</a>
            </p>
        </div>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action.value());
    let sent = action_done(action);
    let email_error = field_error(error, AccountField::Email);
    view! {
        <PageTitle text=move || t_string!(i18n, auth.forgot_title).to_owned() />
        <div class="narrow">
            <h1>{t!(i18n, auth.forgot_title)}</h1>
            <p>{t!(i18n, auth.forgot_intro)}</p>
            <Notice show=sent>{move || t!(i18n, auth.forgot_sent)}</Notice>
            <FormErrors error />
            <KeepTyping key="forgot-password">
                <ActionForm action attr:novalidate=true>
                    <EmailField error=email_error autocomplete="email" />
                    <button type="submit" class="button">
                        {t!(i18n, auth.forgot_submit)}
                    </button>
                </ActionForm>
            </KeepTyping>
        </div>
    }
}

/// The two new-password fields, with the length hint.
#[component]
pub fn NewPasswordFields(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let password_error = field_error(error, AccountField::Password);
    let confirm_error = field_error(error, AccountField::Confirm);
    view! {
        <Field
            id="password"
            label=move || t!(i18n, auth.new_password)
            hint=move || t!(i18n, auth.password_hint)
            error=password_error
        >
            <input
                class="input"
                id="password"
                name="password"
                type="password"
                autocomplete="new-password"
                aria-describedby="password-hint password-error"
                aria-invalid=invalid(password_error)
            />
        </Field>
        <Field id="confirm" label=move || t!(i18n, auth.confirm_password) error=confirm_error>
            <input
                class="input"
                id="confirm"
                name="confirm"
                type="password"
                autocomplete="new-password"
                aria-describedby="confirm-error"
                aria-invalid=invalid(confirm_error)
            />
        </Field>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = route_token();
    let live = resource(move || token.get(), reset_link_is_live);
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action.value());
    view! {
        <PageTitle text=move || t_string!(i18n, auth.reset_title).to_owned() />
        <div class="narrow">
            <h1>{t!(i18n, auth.reset_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match live.await {
                        Ok(true) => view! {
                            <FormErrors error />
                            <ActionForm action attr:novalidate=true>
                                <input type="hidden" name="token" value=move || token.get() />
                                <NewPasswordFields error />
                                <button type="submit" class="button">
                                    {t!(i18n, auth.reset_submit)}
                                </button>
                            </ActionForm>
                        }
                        .into_any(),
                        Ok(false) => view! { <ExpiredLink /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ExpiredLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice-error" role="alert">
            {t!(i18n, err.link_expired)}
        </div>
        <p>
            <a href="/forgot-password">{t!(i18n, auth.forgot_title)}</a>
        </p>
    }
}

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = route_token();
    let info = resource(move || token.get(), invitation);
    view! {
        <PageTitle text=move || t_string!(i18n, accept.title).to_owned() />
        <div class="narrow">
            <h1>{t!(i18n, accept.title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => view! { <AcceptForm info token=token.get_untracked() /> }.into_any(),
                        Err(crate::error::AppError::LinkExpired) => view! {
                            <div class="notice notice-error" role="alert">
                                {t!(i18n, err.link_expired)}
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AcceptForm(info: InvitationInfo, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AcceptInvitation>::new();
    let error = action_error(action.value());
    let name_error = field_error(error, AccountField::Name);
    let current_error = field_error(error, AccountField::Current);
    let role = info.role;
    let fields = if info.account_exists {
        view! {
            <p>{t!(i18n, accept.existing)}</p>
            <input type="hidden" name="name" value="" />
            <input type="hidden" name="confirm" value="" />
            <Field id="current" label=move || t!(i18n, auth.password) error=current_error>
                <input
                    class="input"
                    id="current"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    aria-describedby="current-error"
                    aria-invalid=invalid(current_error)
                />
            </Field>
        }
        .into_any()
    } else {
        view! {
            <Field id="name" label=move || t!(i18n, accept.name) error=name_error>
                <input
                    class="input"
                    id="name"
                    name="name"
                    type="text"
                    autocomplete="name"
                    aria-describedby="name-error"
                    aria-invalid=invalid(name_error)
                />
            </Field>
            <NewPasswordFields error />
        }
        .into_any()
    };
    view! {
        <dl class="summary-list">
            <div>
                <dt>{t!(i18n, auth.email)}</dt>
                <dd>{info.email.clone()}</dd>
            </div>
            <div>
                <dt>{t!(i18n, accept.role)}</dt>
                <dd>{move || role_label(i18n, role)}</dd>
            </div>
            {info.school.clone().map(|school| view! {
                <div>
                    <dt>{t!(i18n, accept.school)}</dt>
                    <dd>{school}</dd>
                </div>
            })}
        </dl>
        <FormErrors error />
        <KeepTyping key="accept-invitation">
            <ActionForm action attr:novalidate=true>
                <input type="hidden" name="token" value=token />
                {fields}
                <button type="submit" class="button">
                    {t!(i18n, accept.submit)}
                </button>
            </ActionForm>
        </KeepTyping>
    }
}
