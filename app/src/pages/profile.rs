//! One's own profile: name, language, roles, password, sessions.

use super::SignInRequired;
use crate::api::auth::SignOutEverywhere;
use crate::api::people::{ChangePassword, UpdateProfile};
use crate::components::field::Field;
use crate::components::forms::{
    action_done, action_error, field_error, invalid, FormErrors, Notice,
};
use crate::components::labels::role_label;
use crate::components::layout::use_current_person;
use crate::components::layout::PageTitle;
use crate::domain::AccountField;
use crate::i18n::*;
use crate::model::Me;
use leptos::prelude::*;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let person = use_current_person();
    view! {
        <PageTitle text=move || t_string!(i18n, profile.title).to_owned() />
        <h1>{t!(i18n, profile.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(Some(me)) => view! { <Profile me /> }.into_any(),
                    _ => view! { <SignInRequired /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Profile(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let update = ServerAction::<UpdateProfile>::new();
    let saved_before = action_done(update);
    let update_error = action_error(update.value());
    let name_error = field_error(update_error, AccountField::Name);
    let language = me.preferred_language.clone();
    let school_name = {
        let schools = me.schools.clone();
        move |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| schools.iter().find(|(s, _)| s == id))
                .map(|(_, name)| name.clone())
        }
    };
    let roles = me
        .viewer
        .memberships
        .iter()
        .map(|m| {
            let role = m.role;
            let place = school_name(&m.school);
            view! {
                <li>
                    {move || role_label(i18n, role)}
                    {place.map(|name| format!(" · {name}"))}
                </li>
            }
        })
        .collect_view();
    view! {
        <Notice show=saved_before>{move || t!(i18n, profile.saved)}</Notice>
        <section class="panel" aria-labelledby="details-heading">
            <h2 id="details-heading">{t!(i18n, profile.details_heading)}</h2>
            <dl class="summary-list">
                <div>
                    <dt>{t!(i18n, auth.email)}</dt>
                    <dd>{me.viewer.email.clone()}</dd>
                </div>
            </dl>
            <FormErrors error=update_error />
            <ActionForm action=update attr:novalidate=true>
                <Field id="name" label=move || t!(i18n, accept.name) error=name_error>
                    <input
                        class="input"
                        id="name"
                        name="name"
                        type="text"
                        autocomplete="name"
                        value=me.viewer.name.clone()
                        aria-describedby="name-error"
                        aria-invalid=invalid(name_error)
                    />
                </Field>
                <Field id="language" label=move || t!(i18n, profile.language) error=Signal::stored(None)>
                    <select class="select" id="language" name="language">
                        <option value="en" lang="en" selected=language == "en">"English"</option>
                        <option value="zh" lang="zh" selected=language == "zh">"中文"</option>
                    </select>
                </Field>
                <button type="submit" class="button">{t!(i18n, profile.save)}</button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t!(i18n, profile.roles_heading)}</h2>
            <ul>{roles}</ul>
        </section>
        <ChangePasswordForm />
        <crate::api_access::page::AccessTokensSection />
        <SignOutEverywhereForm />
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action.value());
    let changed = action_done(action);
    let current_error = field_error(error, AccountField::Current);
    view! {
        <section class="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">{t!(i18n, profile.password_heading)}</h2>
            <Notice show=changed>{move || t!(i18n, profile.password_changed)}</Notice>
            <FormErrors error />
            <ActionForm action attr:novalidate=true>
                <Field id="current" label=move || t!(i18n, profile.current_password) error=current_error>
                    <input
                        class="input"
                        id="current"
                        name="current"
                        type="password"
                        autocomplete="current-password"
                        aria-describedby="current-error"
                        aria-invalid=invalid(current_error)
                    />
                </Field>
                <super::sign_in::NewPasswordFields error />
                <button type="submit" class="button">{t!(i18n, profile.password_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SignOutEverywhereForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignOutEverywhere>::new();
    let error = action_error(action.value());
    view! {
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t!(i18n, profile.sessions_heading)}</h2>
            <p>{t!(i18n, profile.everywhere_intro)}</p>
            <FormErrors error />
            <ActionForm action>
                <button type="submit" class="button button-secondary">{t!(i18n, profile.everywhere)}</button>
            </ActionForm>
        </section>
    }
}
