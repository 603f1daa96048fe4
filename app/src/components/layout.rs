use crate::api::auth::{current_person, SignOut};
use crate::codec::{resource, Json};
use crate::domain::{Action, Framework, Text};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Me;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The frame of every page: skip link, header with navigation and language
/// switch, the main region, and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let person = resource(|| (), |_| current_person());
    provide_context(CurrentPerson(person));
    let location = use_location();
    provide_context(super::errors::SignInReturn(
        location.pathname.get_untracked(),
    ));
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, nav.skip)}
        </a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/">
                    {t!(i18n, app.name)}
                    <span class="brand-tagline">{t!(i18n, app.tagline)}</span>
                </a>
                <LanguageSwitch />
                // On a phone the navigation folds behind a menu button: a
                // disclosure that needs no script. On wider screens the
                // style sheet keeps it open and hides the button.
                <details class="site-menu">
                    <summary class="menu-button">{t!(i18n, nav.menu)}</summary>
                    <div class="menu-body">
                        <nav class="site-nav" aria-label=move || t_string!(i18n, nav.main_label)>
                            <ul>
                                <li>
                                    <A href="/" exact=true>
                                        {t!(i18n, nav.home)}
                                    </A>
                                </li>
                                <li>
                                    <A href="/schools">{t!(i18n, nav.schools)}</A>
                                </li>
                                <li>
                                    <A href="/frameworks">{t!(i18n, nav.frameworks)}</A>
                                </li>
                            </ul>
                        </nav>
                        <AccountArea />
                    </div>
                </details>
            </div>
        </header>
        <main id="main" class="container" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container footer-inner">
                <span>{t!(i18n, app.tagline)}</span>
                <a href="/accessibility">{t!(i18n, nav.accessibility)}</a>
            </div>
        </footer>
    }
}

/// The signed-in person, loaded once per page for the header and the pages.
#[derive(Clone, Copy)]
pub struct CurrentPerson(pub Resource<Result<Option<Me>, AppError>, Json>);

pub fn use_current_person() -> Resource<Result<Option<Me>, AppError>, Json> {
    expect_context::<CurrentPerson>().0
}

/// Who is signed in, with links to their profile and administration and a
/// sign-out button; or a sign-in link.
#[component]
fn AccountArea() -> impl IntoView {
    let i18n = use_i18n();
    let person = use_current_person();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(Some(me)) => view! { <AccountMenu me /> }.into_any(),
                    _ => view! {
                        <div class="account-area">
                            <a href="/sign-in" class="account-link">{t!(i18n, nav.sign_in)}</a>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AccountMenu(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();
    let admin = me.viewer.may(Action::ManageStaff, None);
    let reviews =
        me.viewer.may(Action::ManageAwards, None) || me.viewer.holds(crate::domain::Role::Assessor);
    let clusters = me.viewer.may(Action::ManageClusters, None)
        || me.viewer.memberships.iter().any(|m| {
            m.school.as_deref().is_some_and(|s| {
                me.viewer.may(Action::JoinCluster, Some(s))
                    || me.viewer.may(Action::CollaborateInCluster, Some(s))
            })
        });
    let networks = me
        .viewer
        .visible_networks()
        .is_none_or(|ids| !ids.is_empty());
    view! {
        <nav class="account-area" aria-label=move || t_string!(i18n, nav.account_label)>
            <ul>
                <li>
                    <A href="/profile">
                        <span class="visually-hidden">{t!(i18n, nav.signed_in_as)} " "</span>
                        {me.viewer.name.clone()}
                    </A>
                </li>
                {networks.then(|| view! {
                    <li><A href="/dashboard">{t!(i18n, nav.dashboard)}</A></li>
                    <li><A href="/networks">{t!(i18n, nav.networks)}</A></li>
                })}
                {clusters.then(|| view! { <li><A href="/clusters">{t!(i18n, nav.clusters)}</A></li> })}
                <li><A href="/practice">{t!(i18n, nav.practice)}</A></li>
                <li><A href="/notifications">{t!(i18n, nav.notifications)}</A></li>
                {reviews.then(|| view! { <li><A href="/reviews">{t!(i18n, nav.reviews)}</A></li> })}
                {admin.then(|| view! { <li><A href="/admin">{t!(i18n, nav.admin)}</A></li> })}
                <li>
                    <ActionForm action=sign_out attr:class="inline-form">
                        <button type="submit" class="link-button">{t!(i18n, nav.sign_out)}</button>
                    </ActionForm>
                </li>
            </ul>
        </nav>
    }
}

/// Links to each language: `/lang/…` sets the language cookie and comes
/// back to the same page (and query), now in that language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let here = {
        let (path, query) = (
            location.pathname.get_untracked(),
            location.search.get_untracked(),
        );
        match query.trim_start_matches('?') {
            "" => path,
            query => format!("{path}?{query}"),
        }
    };
    let choice = move |locale: Locale, code: &'static str, label: &'static str| {
        let href = format!("/lang/{code}?next={}", crate::model::query_value(&here));
        view! {
            <li>
                <a
                    href=href
                    lang=code
                    hreflang=code
                    aria-current=(i18n.get_locale_untracked() == locale).then_some("true")
                >
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav class="language-switch" aria-label=move || t_string!(i18n, nav.language_label)>
            <ul>{choice(Locale::en, "en", "English")} {choice(Locale::zh, "zh", "中文")}</ul>
        </nav>
    }
}

/// The language code for framework text in the current locale.
pub fn text_lang(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en",
        Locale::zh => "zh",
    }
}

/// Framework text in the reader's language, falling back string by string.
pub fn tr(i18n: I18nContext<Locale>, fw: &Framework, text: &Text) -> String {
    fw.text(text, text_lang(i18n.get_locale())).to_owned()
}

/// Framework text in the reader's language, where only the text and the
/// framework's default language are at hand (not the whole framework).
pub fn text_in(i18n: I18nContext<Locale>, text: &Text, default_language: &str) -> String {
    text.get(text_lang(i18n.get_locale()), default_language)
        .to_owned()
}

/// A page's title from a reactive text (a translation). On the server the
/// text is read while the page renders: the title is put into the head
/// after rendering, outside the request's reactive arena, and a closure
/// reading a signal there panics under concurrent requests. In the browser
/// it stays reactive, so switching language retitles the page.
#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    let text = leptos::text_prop::TextProp::from(text());
    #[cfg(not(feature = "ssr"))]
    let text = leptos::text_prop::TextProp::from(text);
    view! { <leptos_meta::Title text /> }
}
