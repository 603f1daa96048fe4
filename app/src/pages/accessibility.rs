//! The accessibility statement, `/accessibility`: the standard Equimark
//! aims for, how it is tested, what is known not to work yet, and how to
//! report a problem, as public services publish.

use crate::components::layout::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let contact = crate::api::settings().ok().and_then(|s| s.contact_email);
    view! {
        <PageTitle text=move || t_string!(i18n, a11y.title).to_owned() />
        <h1>{t!(i18n, a11y.title)}</h1>
        <p class="lead">{t!(i18n, a11y.intro)}</p>
        <h2>{t!(i18n, a11y.standard_heading)}</h2>
        <p>{t!(i18n, a11y.standard)}</p>
        <h2>{t!(i18n, a11y.tested_heading)}</h2>
        <ul>
            <li>{t!(i18n, a11y.tested_axe)}</li>
            <li>{t!(i18n, a11y.tested_keyboard)}</li>
            <li>{t!(i18n, a11y.tested_phone)}</li>
            <li>{t!(i18n, a11y.tested_lighthouse)}</li>
        </ul>
        <h2>{t!(i18n, a11y.limits_heading)}</h2>
        <ul>
            <li>{t!(i18n, a11y.limit_screen_readers)}</li>
            <li>{t!(i18n, a11y.limit_pdf)}</li>
            <li>{t!(i18n, a11y.limit_frameworks)}</li>
            <li>{t!(i18n, a11y.limit_uploads)}</li>
            <li>{t!(i18n, a11y.limit_tokens)}</li>
        </ul>
        <h2>{t!(i18n, a11y.report_heading)}</h2>
        <p>{t!(i18n, a11y.report)}</p>
        {match contact {
            Some(address) => view! {
                <p>
                    {t!(i18n, a11y.report_email)} " "
                    <a href=format!("mailto:{address}")>{address.clone()}</a>
                </p>
            }
            .into_any(),
            None => view! { <p>{t!(i18n, a11y.report_admin)}</p> }.into_any(),
        }}
        <p>{t!(i18n, a11y.updated)}</p>
    }
}
