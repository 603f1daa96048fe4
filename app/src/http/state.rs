//! What every handler can reach: the application state, the deployment
//! settings, and the request's session with its cookies.

use crate::store::accounts::SignedIn;
use crate::store::audit::Actor;
use crate::store::Store;
use axum::extract::FromRef;
use axum::http::{header, HeaderMap};
use leptos::prelude::*;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub settings: Settings,
}

/// Deployment settings the handlers need.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The address people use, without a trailing slash: for links in emails.
    pub public_url: String,
    /// Mark cookies `Secure` (served over https).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For`.
    pub trust_forwarded: bool,
    /// Where people report a problem (the accessibility statement names it).
    pub contact_email: Option<String>,
}

/// The session cookie's name over plain http (the demo, and tests).
pub const SESSION_COOKIE: &str = "equimark_session";
/// Its name over https: the `__Host-` prefix makes browsers refuse it
/// unless it is `Secure`, for the whole site and from this host only.
pub const SECURE_SESSION_COOKIE: &str = "__Host-equimark_session";

pub(super) fn session_cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The request's sign-in state, put into the request by [`load_session`]
/// and read by server functions and routes.
#[derive(Clone, Debug)]
pub struct Session {
    pub signed_in: Option<SignedIn>,
    /// The client's network address, for the audit log and throttling.
    pub ip: String,
}

impl Session {
    /// Who the audit log should name for this request.
    pub fn actor(&self) -> Actor {
        Actor {
            account: self.signed_in.as_ref().map(|s| s.viewer.account.clone()),
            email: self
                .signed_in
                .as_ref()
                .map(|s| s.viewer.email.clone())
                .unwrap_or_else(|| "anonymous".to_owned()),
            ip: self.ip.clone(),
        }
    }
}

/// The `Set-Cookie` value that remembers the interface language for a year,
/// in the cookie the i18n context reads.
pub fn language_cookie(code: &str) -> String {
    format!("i18n_pref_locale={code}; Path=/; Max-Age=31536000; SameSite=Lax")
}

/// The `Set-Cookie` value that stores (or, with `None`, clears) a session.
pub fn session_cookie(token: Option<&str>, settings: &Settings) -> String {
    let name = session_cookie_name(settings);
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    match token {
        Some(token) => format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            crate::store::accounts::SESSION_IDLE_DAYS * 24 * 3600
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 128)
}
