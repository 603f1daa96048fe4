//! Signing in and out, invitations and password resets.

use crate::error::AppError;
use crate::model::{InvitationInfo, Me};
use leptos::prelude::*;

/// The signed-in person, or `None`.
#[server(endpoint = "current_person")]
pub async fn current_person() -> Result<Option<Me>, AppError> {
    let session = super::session()?;
    match session.signed_in {
        Some(signed_in) => Ok(Some(signed_in.me())),
        None => Ok(None),
    }
}

/// Whether `password` is the password of `credentials` (an account found
/// by the email typed, or none), counted in the sign-in throttle before the
/// slow check: guesses sent in parallel are throttled as guesses in a row.
#[cfg(feature = "ssr")]
pub(crate) async fn check_password(
    store: &crate::store::Store,
    email: &str,
    ip: &str,
    password: &str,
    credentials: Option<&crate::store::accounts::Credentials>,
) -> Result<bool, AppError> {
    use crate::domain::audit::{FAILED_SIGN_INS_PER_ACCOUNT, FAILED_SIGN_INS_PER_ADDRESS};
    use crate::security::{verify_against_nothing_async, verify_password_async};
    use crate::store::attempts::{AttemptKind, Limits};
    let limits = Limits {
        per_key: FAILED_SIGN_INS_PER_ACCOUNT,
        per_address: FAILED_SIGN_INS_PER_ADDRESS,
    };
    let Some(attempt) = store
        .begin_attempt(AttemptKind::SignIn, email, ip, limits)
        .await
        .map_err(super::failed)?
    else {
        return Err(AppError::Throttled.respond());
    };
    let verified = match credentials {
        Some(c) => verify_password_async(password.to_owned(), c.password_hash.clone()).await,
        None => {
            verify_against_nothing_async(password.to_owned()).await;
            false
        }
    };
    store
        .end_attempt(attempt, verified)
        .await
        .map_err(super::failed)?;
    Ok(verified)
}

/// Signs in with email and password and returns where to go next. The
/// answer never says whether the email has an account.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: String) -> Result<String, AppError> {
    use crate::domain::AuditAction;
    use crate::store::audit::{Actor, Change};

    // Only a path on this site, worked out before anything is written.
    let next = crate::domain::account::safe_next(&next).to_owned();
    let store = super::store()?;
    let settings = super::settings()?;
    let session = super::session()?;
    let email = email.trim().to_lowercase();
    if email.is_empty() || password.is_empty() || email.len() > 254 || password.len() > 1000 {
        return Err(AppError::SignInRefused.respond());
    }
    let actor = Actor {
        account: None,
        email: email.clone(),
        ip: session.ip.clone(),
    };
    let credentials = store.credentials(&email).await.map_err(super::failed)?;
    let checked =
        check_password(&store, &email, &session.ip, &password, credentials.as_ref()).await;
    let verified = match checked {
        Ok(verified) => verified,
        Err(AppError::Throttled) => {
            // Counted, not logged row by row: nobody signed in is asking.
            let change = Change::about_account(AuditAction::SignInThrottled, &actor);
            let _ = store.record_refusal(&actor, change).await;
            return Err(AppError::Throttled);
        }
        Err(other) => return Err(other),
    };
    let Some(credentials) = credentials.filter(|_| verified) else {
        store
            .audit(
                &actor,
                Change::about_account(AuditAction::SignInFailed, &actor),
            )
            .await
            .map_err(super::failed)?;
        return Err(AppError::SignInRefused.respond());
    };
    let actor = Actor {
        account: Some(credentials.public_id.clone()),
        ..actor
    };
    let token = store
        .start_session(credentials.key, &actor)
        .await
        .map_err(super::failed)?;
    set_session_cookie(Some(&token), &settings);
    set_language_cookie(&credentials.preferred_language);
    super::redirect_after_form(&next);
    Ok(next)
}

#[cfg(feature = "ssr")]
fn set_session_cookie(token: Option<&str>, settings: &crate::http::state::Settings) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&crate::http::state::session_cookie(token, settings)),
    ) {
        response.append_header(axum::http::header::SET_COOKIE, value);
    }
}

/// Remembers the person's language in the cookie the i18n context reads.
#[cfg(feature = "ssr")]
pub(crate) fn set_language_cookie(language: &str) {
    let Ok(language) = crate::domain::account::parse_language(language) else {
        return;
    };
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&crate::http::state::language_cookie(language)),
    ) {
        response.append_header(axum::http::header::SET_COOKIE, value);
    }
}

/// Ends this session.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let store = super::store()?;
    let settings = super::settings()?;
    let session = super::session()?;
    if let Some(signed_in) = &session.signed_in {
        store
            .end_session(signed_in, &session.actor())
            .await
            .map_err(super::failed)?;
    }
    set_session_cookie(None, &settings);
    super::redirect_after_form("/");
    Ok(())
}

/// Ends every session of the signed-in person, on every device.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let store = super::store()?;
    let settings = super::settings()?;
    let (session, signed_in) = super::signed_in()?;
    store
        .end_all_sessions(signed_in.account, &session.actor())
        .await
        .map_err(super::failed)?;
    set_session_cookie(None, &settings);
    super::redirect_after_form("/sign-in");
    Ok(())
}

/// Sends a reset link if the email has an account; the answer is the same
/// either way.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::domain::account::parse_email;
    use crate::domain::audit::RESETS_PER_HOUR;
    use crate::store::audit::Actor;

    let email = parse_email(&email).map_err(|problem| {
        AppError::InvalidAccount {
            problems: vec![problem],
        }
        .respond()
    })?;
    let store = super::store()?;
    let settings = super::settings()?;
    let session = super::session()?;
    if store
        .recent_reset_requests(&email)
        .await
        .map_err(super::failed)?
        >= RESETS_PER_HOUR
    {
        return Err(AppError::Throttled.respond());
    }
    let actor = Actor {
        account: None,
        email: email.clone(),
        ip: session.ip,
    };
    store
        .request_password_reset(&email, &settings.public_url, &actor)
        .await
        .map_err(super::failed)
}

/// Whether a reset link is still good (for the page to say so up front).
#[server(endpoint = "reset_link_is_live")]
pub async fn reset_link_is_live(token: String) -> Result<bool, AppError> {
    super::store()?
        .reset_is_live(&token)
        .await
        .map_err(super::failed)
}

/// Sets a new password with a reset link, and signs out everywhere. The
/// link is checked before the password is hashed, and links found dead
/// count against the address: nobody can try links, or burn the server's
/// time, without limit.
#[server(endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::domain::account::check_new_password;
    use crate::domain::audit::FAILED_RESETS_PER_ADDRESS;
    use crate::store::attempts::{AttemptKind, Limits};
    use crate::store::StoreError;

    let problems = check_new_password(&password, &confirm);
    if !problems.is_empty() {
        return Err(AppError::InvalidAccount { problems }.respond());
    }
    let store = super::store()?;
    let session = super::session()?;
    let limits = Limits {
        per_key: FAILED_RESETS_PER_ADDRESS,
        per_address: FAILED_RESETS_PER_ADDRESS,
    };
    let Some(attempt) = store
        .begin_attempt(AttemptKind::Reset, &session.ip, &session.ip, limits)
        .await
        .map_err(super::failed)?
    else {
        return Err(AppError::Throttled.respond());
    };
    let live = store.reset_is_live(&token).await.map_err(super::failed)?;
    let outcome = if live {
        let hash = crate::security::hash_password_async(password).await;
        store.reset_password(&token, hash, &session.ip).await
    } else {
        Err(StoreError::NotFound("reset"))
    };
    store
        .end_attempt(attempt, outcome.is_ok())
        .await
        .map_err(super::failed)?;
    match outcome {
        Ok(()) => {
            super::redirect_after_form("/sign-in?reset=1");
            Ok(())
        }
        Err(StoreError::NotFound(_)) => Err(AppError::LinkExpired.respond()),
        Err(other) => Err(super::failed(other)),
    }
}

/// A live invitation, for its page.
#[server(endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<InvitationInfo, AppError> {
    super::store()?
        .invitation(&token)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::LinkExpired.respond())
}

/// Accepts an invitation: with a new name and password, or with the
/// existing account's password. Signs the person in.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::domain::account::{check_new_password, parse_name};
    use crate::domain::AccountInputError;
    use crate::store::audit::Actor;
    use crate::store::invitations::Acceptance;
    use crate::store::StoreError;

    let store = super::store()?;
    let settings = super::settings()?;
    let session = super::session()?;
    let info = store
        .invitation(&token)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::LinkExpired.respond())?;
    let checked_name;
    let acceptance = if info.account_exists {
        let credentials = store
            .credentials(&info.email)
            .await
            .map_err(super::failed)?
            .ok_or_else(|| AppError::Conflict.respond())?;
        let verified = check_password(
            &store,
            &info.email,
            &session.ip,
            &password,
            Some(&credentials),
        )
        .await?;
        if !verified {
            return Err(AppError::InvalidAccount {
                problems: vec![AccountInputError::WrongPassword],
            }
            .respond());
        }
        Acceptance::ExistingAccount
    } else {
        let mut problems = check_new_password(&password, &confirm);
        let name = parse_name(&name);
        if let Err(problem) = &name {
            problems.insert(0, *problem);
        }
        match name {
            Ok(name) if problems.is_empty() => {
                checked_name = name;
                Acceptance::NewAccount {
                    name: &checked_name,
                    password_hash: crate::security::hash_password_async(password).await,
                }
            }
            _ => return Err(AppError::InvalidAccount { problems }.respond()),
        }
    };
    let account = match store
        .accept_invitation(&token, acceptance, &session.ip)
        .await
    {
        Ok(account) => account,
        Err(StoreError::NotFound(_)) => return Err(AppError::LinkExpired.respond()),
        Err(other) => return Err(super::failed(other)),
    };
    let actor = Actor {
        account: None,
        email: info.email.clone(),
        ip: session.ip.clone(),
    };
    let token = store
        .start_session(account, &actor)
        .await
        .map_err(super::failed)?;
    set_session_cookie(Some(&token), &settings);
    super::redirect_after_form("/");
    Ok(())
}
