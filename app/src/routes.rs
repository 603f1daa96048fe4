//! The pages' routes and the HTML document around every page. Server only:
//! pages are drawn on the server, and only their islands reach the browser.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around every server-rendered page. The stylesheet is
/// linked here, on the server only, because its name carries the build's
/// content hash (see [`LeptosOptions::output_name`]).
///
/// Pages are rendered on the server and never hydrated as a whole: only
/// their islands are. So nothing is written for hydration outside islands,
/// and the script that brings the islands to life ends the pages that have
/// some ([`crate::components::islands::ScriptsForIslands`]): a page with
/// nothing interactive loads no script at all.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    provide_context(options);
    provide_context(crate::components::islands::IslandsOnPage::default());
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=stylesheet />
                <MetaTags />
            </head>
            <body>
                <App />
                <crate::components::islands::ScriptsForIslands />
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
                <crate::components::layout::Layout>
                    // Pages render whole (SsrMode::Async): the complete HTML reaches
                    // people without JavaScript, and a missing record can still
                    // answer 404 because nothing is sent before the data is ready.
                    <Routes fallback=crate::pages::not_found::NotFound>
                        <Route path=path!("/") view=crate::home::page::HomePage ssr=SsrMode::Async />
                        <Route path=path!("/schools") view=crate::pages::schools::SchoolsPage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id") view=crate::pages::school::SchoolPage ssr=SsrMode::Async />
                        <Route path=path!("/sign-in") view=crate::pages::sign_in::SignInPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/forgot-password")
                            view=crate::pages::sign_in::ForgotPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/reset-password/:token")
                            view=crate::pages::sign_in::ResetPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/invitations/:token")
                            view=crate::pages::sign_in::AcceptInvitationPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/profile") view=crate::pages::profile::ProfilePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/assessments/:id")
                            view=crate::pages::assessment::AssessmentPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/elements/:element")
                            view=crate::pages::assessment::ElementPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/plan")
                            view=crate::pages::action_plan::ActionPlanPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/accessibility")
                            view=crate::accessibility::page::WalkPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/gaps")
                            view=crate::pages::assessment::GapAnalysisPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/report")
                            view=crate::report::page::SchoolReportPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/assessments/:id/check")
                            view=crate::pages::assessment::CheckAnswersPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/reviews") view=crate::pages::review_queue::ReviewsPage ssr=SsrMode::Async />
                        <Route path=path!("/appeals") view=crate::appeals::page::AppealsPage ssr=SsrMode::Async />
                        <Route path=path!("/deferrals") view=crate::deferrals::page::DeferralsPage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id/nonconformities") view=crate::nonconformities::page::RegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id/internal-audits") view=crate::internal_audits::page::ProgrammePage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id/internal-audits/:audit") view=crate::internal_audits::page::AuditPage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id/surveys") view=crate::surveys::page::SurveysPage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id/networks") view=crate::network_requests::page::SchoolNetworksPage ssr=SsrMode::Async />
                        <Route path=path!("/surveys/:id") view=crate::surveys::page::SurveyResultsPage ssr=SsrMode::Async />
                        <Route path=path!("/answer/:link") view=crate::surveys::answer::AnswerPage ssr=SsrMode::Async />
                        <Route path=path!("/schools/:id/management-reviews") view=crate::management_reviews::page::ManagementReviewsPage ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view=crate::notifications::page::NotificationsPage ssr=SsrMode::Async />
                        <Route path=path!("/reviews/:id") view=crate::pages::review::ReviewPage ssr=SsrMode::Async />
                        <Route path=path!("/verify") view=crate::pages::certificate::VerifyPage ssr=SsrMode::Async />
                        <Route path=path!("/directory") view=crate::directory::page::DirectoryPage ssr=SsrMode::Async />
                        <Route path=path!("/accessibility") view=crate::pages::accessibility::AccessibilityPage />
                        <Route path=path!("/api/docs") view=crate::api_access::page::ApiDocsPage />
                        <Route path=path!("/verify/:code") view=crate::pages::certificate::VerifyPage ssr=SsrMode::Async />
                        <Route path=path!("/calendar") view=crate::pages::calendar::CalendarPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/fees") view=crate::fees::page::FeesPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters") view=crate::pages::cluster::ClustersPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters/:id") view=crate::pages::cluster::ClusterPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters/:id/board") view=crate::pages::cluster::ClusterBoardPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters/:id/plan") view=crate::pages::cluster::ClusterPlanPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters/:id/meetings") view=crate::pages::cluster::ClusterMeetingsPage ssr=SsrMode::Async />
                        <Route path=path!("/clusters/:id/update") view=crate::pages::cluster::ClusterUpdatePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/clusters/:id/research")
                            view=crate::pages::research::ResearchPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/clusters/:id/research/:activity")
                            view=crate::pages::research::ResearchActivityPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/practice") view=crate::pages::practice::PracticeLibraryPage ssr=SsrMode::Async />
                        <Route path=path!("/dashboard") view=crate::pages::dashboard::DashboardPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/dashboard/schools/:id")
                            view=crate::pages::dashboard::DashboardSchoolPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/networks") view=crate::pages::networks::NetworksPage ssr=SsrMode::Async />
                        <Route path=path!("/networks/:id") view=crate::pages::networks::NetworkPage ssr=SsrMode::Async />
                        <Route path=path!("/networks/:id/requests") view=crate::network_requests::page::NetworkRequestsPage ssr=SsrMode::Async />
                        <Route path=path!("/admin") view=crate::pages::admin::AdminPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/outbox") view=crate::pages::admin::OutboxPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/audit") view=crate::pages::admin::AuditLogPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/admin/frameworks/import")
                            view=crate::pages::admin::ImportFrameworkPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/frameworks")
                            view=crate::pages::frameworks::FrameworksPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/frameworks/:id/:version")
                            view=crate::pages::framework::FrameworkPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/frameworks/:id/:version/try")
                            view=crate::pages::try_scoring::TryScoringPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </crate::components::layout::Layout>
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
