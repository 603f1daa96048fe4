use crate::domain::{Framework, Text};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The frame of every page: skip link, header with navigation and language
/// switch, the main region, and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main" on:click=|ev| super::focus_fragment(ev, "main")>
            {t!(i18n, nav.skip)}
        </a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/">
                    {t!(i18n, app.name)}
                    <span class="brand-tagline">{t!(i18n, app.tagline)}</span>
                </a>
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
                <LanguageSwitch />
            </div>
        </header>
        <main id="main" class="container" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container">{t!(i18n, app.tagline)}</div>
        </footer>
    }
}

/// Links to each language. Without JavaScript they go through `/lang/…`,
/// which sets the language cookie and comes back; with it, the page switches
/// in place and the cookie is written by the i18n context.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let choice = move |locale: Locale, code: &'static str, label: &'static str| {
        let href = move || format!("/lang/{code}?next={}", location.pathname.get());
        view! {
            <li>
                <a
                    href=href
                    rel="external"
                    lang=code
                    hreflang=code
                    aria-current=move || (i18n.get_locale() == locale).then_some("true")
                    on:click=move |ev| {
                        ev.prevent_default();
                        i18n.set_locale(locale);
                    }
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
