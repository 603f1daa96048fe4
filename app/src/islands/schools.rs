//! The schools list's island: the list follows the search as it is typed
//! (a quarter of a second after the last key), with the address kept in
//! step; without JavaScript the same form searches with its button.

use crate::api::schools::school_directory;
use crate::components::islands::IslandPage;
use crate::components::pager::Pager;
use crate::domain::Phase;
use crate::i18n::*;
use crate::model::{query_value, SchoolPage};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The search and the schools it finds, a page at a time.
#[island]
pub fn SchoolSearch(page: IslandPage, search: String, found: SchoolPage) -> impl IntoView {
    page.provide();
    let i18n = use_i18n();
    let found = RwSignal::new(found);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // Answers may come back out of order: only the latest search's counts.
    let asked = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let words = event_target_value(&ev).trim().to_owned();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let go = move || {
            #[cfg(feature = "hydrate")]
            if let Ok(history) = window().history() {
                let address = format!("/schools?q={}", query_value(&words));
                let _ = history.replace_state_with_url(
                    &leptos::wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&address),
                );
            }
            let this = asked.get_value() + 1;
            asked.set_value(this);
            leptos::task::spawn_local(async move {
                if let Ok(page) = school_directory(words, None).await {
                    if asked.get_value() == this {
                        found.set(page);
                    }
                }
            });
        };
        pending.set_value(set_timeout_with_handle(go, std::time::Duration::from_millis(250)).ok());
    };
    view! {
        <form method="get" action="/schools" class="filters" role="search">
            <div class="field field-narrow">
                <label class="label" for="school-filter">{t!(i18n, schools.filter_label)}</label>
                <p class="hint" id="school-filter-hint">{t!(i18n, schools.filter_hint)}</p>
                <input
                    class="input"
                    id="school-filter"
                    name="q"
                    type="search"
                    autocomplete="off"
                    aria-describedby="school-filter-hint"
                    value=search
                    on:input=on_input
                />
            </div>
            <button type="submit" class="button button-secondary">{t!(i18n, schools.search_submit)}</button>
        </form>
        {move || view! { <SchoolList found=found.get() /> }}
    }
}

/// The words for a phase in the current language.
pub fn phase_label(i18n: I18nContext<Locale>, phase: &str) -> &'static str {
    match Phase::parse(phase) {
        Some(Phase::Preschool) => t_string!(i18n, phase.preschool),
        Some(Phase::Primary) => t_string!(i18n, phase.primary),
        Some(Phase::Secondary) => t_string!(i18n, phase.secondary),
        Some(Phase::Special) => t_string!(i18n, phase.special),
        Some(Phase::FurtherHigher) => t_string!(i18n, phase.further_higher),
        None => "",
    }
}

/// One page of the schools found, with links to the pages either side.
#[component]
pub fn SchoolList(found: SchoolPage) -> impl IntoView {
    let i18n = use_i18n();
    let total = found.total;
    if total == 0 {
        let searched = !found.search.is_empty();
        return view! {
            <p role="status" class="filter-status">
                {move || if searched {
                    t_string!(i18n, schools.no_match)
                } else {
                    t_string!(i18n, schools.none)
                }}
            </p>
        }
        .into_any();
    }
    let (from, to) = found.range();
    let search = query_value(&found.search);
    let href = move |page: u32| format!("/schools?q={search}&page={page}");
    let previous = (found.page > 0).then(|| href(found.page - 1));
    let next = found.has_next().then(|| href(found.page + 1));
    let rows = found
        .schools
        .into_iter()
        .map(|school| {
            let phase = school.phase.clone();
            view! {
                <tr>
                    <td>
                        <a href=format!("/schools/{}", school.id)>{school.name}</a>
                    </td>
                    <td>{move || phase_label(i18n, &phase)}</td>
                    <td>{school.city}</td>
                    <td class="numeric">{school.learners}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p role="status" class="filter-status">{t!(i18n, schools.count, count = total)}</p>
        <div class="table-wrap">
            <table class="table" id="school-table">
                <caption class="visually-hidden">{t!(i18n, schools.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, schools.col_name)}</th>
                        <th scope="col">{t!(i18n, schools.col_phase)}</th>
                        <th scope="col">{t!(i18n, schools.col_city)}</th>
                        <th scope="col" class="numeric">{t!(i18n, schools.col_learners)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager label=move || t_string!(i18n, schools.pages_label).to_owned() previous next>
            {t!(i18n, schools.showing, from = from, to = to, total = total)}
        </Pager>
    }
    .into_any()
}
