//! Equimark's shared crate: the domain, the pages and components, and the
//! server functions. Compiled for the server (`ssr`) and the browser (`hydrate`).

#![recursion_limit = "256"]

pub mod api;
pub mod codec;
pub mod components;
pub mod domain;
pub mod error;
pub mod framework_script;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod mailer;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod store;

/// Translations: `locales/en.json` and `locales/zh.json`, checked at compile time.
mod locales {
    // The macro is deprecated in favour of a build script whose dependencies
    // would add minutes to every cold build; it still does the same work.
    #![allow(deprecated)]
    leptos_i18n::load_locales!();
    // The macro does not tell cargo about the files it reads; these do.
    const _: &[u8] = include_bytes!("../locales/en.json");
    const _: &[u8] = include_bytes!("../locales/zh.json");
}
pub use locales::i18n;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The name of the browser bundle's files under `/pkg`, when they are not
/// named by their content (see `http::output_name`).
pub const OUTPUT_NAME: &str = "equimark";

/// The HTML document around every server-rendered page. The stylesheet is
/// linked here, on the server only, because its name carries the build's
/// content hash (see [`LeptosOptions::output_name`]).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=stylesheet />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: language context, routes and the page layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let cookie = leptos_i18n::context::CookieOptions::<Locale>::default()
        .path("/".to_string())
        .max_age(365 * 24 * 3600 * 1000i64);
    view! {
        <I18nContextProvider cookie_options=cookie>
            <AppTitle />
            <Router>
                <components::layout::Layout>
                    // Pages render whole (SsrMode::Async): the complete HTML reaches
                    // people without JavaScript, and a missing record can still
                    // answer 404 because nothing is sent before the data is ready.
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                        <Route path=path!("/schools") view=pages::schools::SchoolsPage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id") view=pages::school::SchoolPage ssr=SsrMode::Async />
                        <Route path=path!("/sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/forgot-password")
                            view=pages::sign_in::ForgotPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/reset-password/:token")
                            view=pages::sign_in::ResetPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/invitations/:token")
                            view=pages::sign_in::AcceptInvitationPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/profile") view=pages::profile::ProfilePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/assessments/:id")
                            view=pages::assessment::AssessmentPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/elements/:element")
                            view=pages::assessment::ElementPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/plan")
                            view=pages::assessment::ActionPlanPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/gaps")
                            view=pages::assessment::GapAnalysisPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/check")
                            view=pages::assessment::CheckAnswersPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/reviews") view=pages::review::ReviewsPage ssr=SsrMode::Async />
                        <Route path=path!("/reviews/:id") view=pages::review::ReviewPage ssr=SsrMode::Async />
                        <Route path=path!("/verify") view=pages::review::VerifyPage ssr=SsrMode::Async />
                        <Route path=path!("/verify/:code") view=pages::review::VerifyPage ssr=SsrMode::Async />
                        <Route path=path!("/calendar") view=pages::review::CalendarPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/fees") view=pages::review::FeesPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters") view=pages::cluster::ClustersPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters/:id") view=pages::cluster::ClusterPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/clusters/:id/research")
                            view=pages::research::ResearchPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/clusters/:id/research/:activity")
                            view=pages::research::ResearchActivityPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/practice") view=pages::practice::PracticeLibraryPage ssr=SsrMode::Async />
                        <Route path=path!("/dashboard") view=pages::dashboard::DashboardPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/dashboard/schools/:id")
                            view=pages::dashboard::DashboardSchoolPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/networks") view=pages::networks::NetworksPage ssr=SsrMode::Async />
                        <Route path=path!("/networks/:id") view=pages::networks::NetworkPage ssr=SsrMode::Async />
                        <Route path=path!("/admin") view=pages::admin::AdminPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/outbox") view=pages::admin::OutboxPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/audit") view=pages::admin::AuditLogPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/admin/frameworks/import")
                            view=pages::admin::ImportFrameworkPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/frameworks")
                            view=pages::frameworks::FrameworksPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/frameworks/:id/:version")
                            view=pages::framework::FrameworkPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/frameworks/:id/:version/try")
                            view=pages::try_scoring::TryScoringPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </components::layout::Layout>
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn AppTitle() -> impl IntoView {
    let i18n = use_i18n();
    // Read on the server while rendering, reactive in the browser: see
    // `components::layout::PageTitle`.
    #[cfg(feature = "ssr")]
    let formatter = {
        let app = t_string!(i18n, app.name);
        move |page: String| format!("{page} · {app}")
    };
    #[cfg(not(feature = "ssr"))]
    let formatter = move |page: String| format!("{page} · {}", t_string!(i18n, app.name));
    view! { <Title formatter /> }
}
