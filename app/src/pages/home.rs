use crate::components::layout::use_current_person;
use crate::components::layout::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let person = use_current_person();
    view! {
        <PageTitle text=move || t_string!(i18n, home.title).to_owned() />
        <h1>{t!(i18n, home.heading)}</h1>
        <p class="lead">{t!(i18n, home.lead)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(Some(me)) if !me.schools.is_empty() => view! {
                        <h2>{t!(i18n, home.your_schools)}</h2>
                        <ul class="link-list">
                            {me.schools
                                .into_iter()
                                .map(|(id, name)| view! { <li><A href=format!("/schools/{id}")>{name}</A></li> })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Ok(Some(_)) => ().into_any(),
                    _ => view! {
                        <p>
                            <a class="button" href="/sign-in">{t!(i18n, nav.sign_in)}</a>
                        </p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
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
