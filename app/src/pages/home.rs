use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, home.title) />
        <h1>{t!(i18n, home.heading)}</h1>
        <p class="lead">{t!(i18n, home.lead)}</p>
        <ul class="link-list">
            <li>
                <A href="/schools">{t!(i18n, home.schools_link)}</A>
            </li>
            <li>
                <A href="/frameworks">{t!(i18n, home.frameworks_link)}</A>
            </li>
        </ul>
        <h2>{t!(i18n, home.demo_heading)}</h2>
        <p>{t!(i18n, home.demo_text)}</p>
    }
}
