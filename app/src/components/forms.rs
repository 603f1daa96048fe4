//! What account and people forms share: the message for each problem, the
//! error summary and per-field messages driven by a server action's result,
//! and whether a form posted without JavaScript was done or refused.

use super::errors::ErrorMessage;
use crate::domain::{AccountField, AccountInputError};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// `"true"` for `aria-invalid` when the field has a problem.
pub use super::field::invalid;

/// The message for one problem with an account form.
pub fn problem_message(i18n: I18nContext<Locale>, problem: &AccountInputError) -> String {
    use AccountField as F;
    use AccountInputError as E;
    let text = match *problem {
        E::Missing { field: F::Email } => t_string!(i18n, err.email_missing),
        E::Missing { field: F::Password } => t_string!(i18n, err.password_missing),
        E::Missing { field: F::Current } => t_string!(i18n, err.wrong_password),
        E::Missing { .. } => t_string!(i18n, err.account_name_missing),
        E::TooLong {
            field: F::Email, ..
        } => t_string!(i18n, err.email_too_long),
        E::TooLong {
            field: F::Password, ..
        } => t_string!(i18n, err.password_too_long),
        E::TooLong { .. } => t_string!(i18n, err.account_name_too_long),
        E::NotAnEmail | E::ContactNotAnEmail => t_string!(i18n, err.email_invalid),
        E::PasswordTooShort { .. } => t_string!(i18n, err.password_too_short),
        E::PasswordsDiffer => t_string!(i18n, err.passwords_differ),
        E::WrongPassword => t_string!(i18n, err.wrong_password),
        E::UnknownSchool => t_string!(i18n, err.unknown_school),
        E::UnknownLanguage => t_string!(i18n, err.unknown_language),
        E::UnknownRegion => t_string!(i18n, err.unknown_region),
        E::AlreadyMember => t_string!(i18n, err.already_member),
        E::NameTaken => t_string!(i18n, err.network_name_taken),
    };
    text.to_string()
}

/// The error of a server action's last result, if it failed.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(Result::err))
}

/// Whether a server action's last result was a success.
pub fn action_succeeded<T, S>(value: S) -> Signal<bool>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    Signal::derive(move || matches!(value.get(), Some(Ok(_))))
}

/// Whether a server action succeeded: in an island, its last result; on a
/// page drawn by the server, the address it came back to after the form
/// was posted (`?done=ENDPOINT`, set by the router for every success).
#[cfg(feature = "ssr")]
pub fn action_done<S>(action: ServerAction<S>) -> Signal<bool>
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    ServerAction<S>: Copy,
{
    let endpoint = S::PATH.trim_start_matches("/api/");
    let done_here = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("done").as_deref() == Some(endpoint));
    let value = action.value();
    Signal::derive(move || done_here || value.with(|v| matches!(v, Some(Ok(_)))))
}

/// What a server action that answers with text (an address invited, a
/// school's name) was done with: in an island, its last result; on a page
/// drawn by the server, `param` in the address it came back to.
#[cfg(feature = "ssr")]
pub fn done_with<S>(action: ServerAction<S>, param: &'static str) -> Signal<Option<String>>
where
    S: leptos::server_fn::ServerFn<Output = String> + Clone + Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    ServerAction<S>: Copy,
{
    let endpoint = S::PATH.trim_start_matches("/api/");
    let from_address = leptos_router::hooks::use_query_map().with_untracked(|q| {
        (q.get("done").as_deref() == Some(endpoint))
            .then(|| q.get(param))
            .flatten()
    });
    let value = action.value();
    Signal::derive(move || {
        value
            .with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()))
            .or_else(|| from_address.clone())
    })
}

/// Whether the page came back with a refused form's error (a form posted
/// without JavaScript): the forms kept by `KeepTyped` put their typing back.
#[cfg(feature = "ssr")]
pub fn form_refused() -> bool {
    use_context::<leptos::server::ServerActionError>().is_some_and(|e| !e.path().is_empty())
}

/// Forms drawn by the server whose typing survives a refusal (see
/// [`crate::islands::forms::KeepTyped`]; `key` names them on the page),
/// with the script that brings that to life.
#[cfg(feature = "ssr")]
#[component]
pub fn KeepTyping(key: &'static str, children: Children) -> impl IntoView {
    use crate::islands::forms::KeepTyped;
    view! {
        <KeepTyped key=key.to_owned() refused=form_refused()>{children()}</KeepTyped>
        <super::islands::IslandScripts />
    }
}

/// How many times a server action has succeeded. A resource keyed on this
/// reloads after a success but not after a refusal, so a refused form keeps
/// what the person typed beside the error.
pub fn successes<T, S>(value: S) -> Memo<usize>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&usize>| {
        let count = previous.copied().unwrap_or(0);
        match value.get() {
            Some(Ok(_)) => count + 1,
            _ => count,
        }
    })
}

/// The (field id, message) of each problem, for the error summary.
pub fn problems(error: Signal<Option<AppError>>) -> Signal<Vec<(&'static str, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || match error.get() {
        Some(AppError::InvalidAccount { problems }) => problems
            .iter()
            .map(|p| (p.field().id(), problem_message(i18n, p)))
            .collect(),
        _ => Vec::new(),
    })
}

/// The message for one field, if it has a problem.
pub fn field_error(error: Signal<Option<AppError>>, field: AccountField) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || match error.get() {
        Some(AppError::InvalidAccount { problems }) => problems
            .iter()
            .find(|p| p.field() == field)
            .map(|p| problem_message(i18n, p)),
        _ => None,
    })
}

/// The top of a form: the error summary for field problems, or a message
/// for any other failure.
#[component]
pub fn FormErrors(error: Signal<Option<AppError>>) -> impl IntoView {
    let summary = problems(error);
    let other = move || match error.get() {
        None | Some(AppError::InvalidAccount { .. }) => None,
        Some(other) => Some(view! { <ErrorMessage error=other /> }),
    };
    view! {
        {other}
        <crate::components::field::ErrorSummary problems=summary />
    }
}

/// A success message in a live region (announced when it appears).
#[component]
pub fn Notice(#[prop(into)] show: Signal<bool>, children: ChildrenFn) -> impl IntoView {
    view! {
        <div role="status" class="notice-slot">
            <Show when=move || show.get()>
                <p class="notice notice-success">{children()}</p>
            </Show>
        </div>
    }
}

/// The problem an upload came back with, when it was for `this` form:
/// `?{problem_key}=…&{for_key}=this` in the address.
#[cfg(feature = "ssr")]
pub fn upload_problem(
    for_key: &'static str,
    problem_key: &'static str,
    this: String,
) -> Memo<Option<String>> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            (q.get(for_key).as_deref() == Some(this.as_str()))
                .then(|| q.get(problem_key))
                .flatten()
        })
    })
}

/// A file field of an upload form (a plain form post, checked by content
/// on the server), with the reason the last upload was refused. With
/// `photo`, it asks for a picture (a phone offers its camera).
#[component]
pub fn FileField(
    id: String,
    #[prop(into)] problem: Signal<Option<String>>,
    #[prop(optional)] photo: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        problem.get().map(|p| match p.as_str() {
            "too_large" => t_string!(i18n, assess.upload_too_large),
            "no_space" => t_string!(i18n, err.out_of_space),
            "unavailable" => t_string!(i18n, err.unavailable),
            "closed" => t_string!(i18n, err.assessment_closed),
            "unknown_type" => t_string!(i18n, assess.upload_unknown_type),
            "empty" => t_string!(i18n, assess.upload_empty),
            "title_too_long" => t_string!(i18n, assess.evidence_title_too_long),
            "not_a_photo" => t_string!(i18n, walk.not_a_photo),
            _ => t_string!(i18n, err.internal),
        })
    };
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described_by = format!("{hint_id} {error_id}");
    view! {
        <div class="field" class:field-error=move || problem.with(Option::is_some)>
            <label class="label" for=id.clone()>
                {move || if photo { t_string!(i18n, walk.photo) } else { t_string!(i18n, assess.upload_file) }}
            </label>
            <p class="hint" id=hint_id>
                {move || if photo { t_string!(i18n, walk.photo_hint) } else { t_string!(i18n, assess.upload_hint) }}
            </p>
            {move || message().map(|m| view! { <p class="error-message" id=error_id.clone() role="alert">{m}</p> })}
            <input
                class="file-input"
                id=id
                name="file"
                type="file"
                accept=if photo {
                    "image/png,image/jpeg,image/gif,image/webp"
                } else {
                    ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,.md"
                }
                aria-describedby=described_by
            />
        </div>
    }
}
