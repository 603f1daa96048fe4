use crate::components::layout::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, not_found.title).to_owned() />
        <h1>{t!(i18n, not_found.title)}</h1>
        <p>{t!(i18n, not_found.text)}</p>
        <p>
            <a href="/">{t!(i18n, not_found.home)}</a>
        </p>
    }
}
