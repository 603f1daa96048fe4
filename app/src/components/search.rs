//! A search form for a long list: a plain GET form, so it works before the
//! page's script has loaded (or without it).

use crate::i18n::*;
use crate::model::{query_value, SchoolPage};
use leptos::prelude::*;

/// `param` is the query parameter the words go in; `keep` are other
/// parameters to send along unchanged. With `live`, the list follows as
/// you type: a quarter of a second after the last key the address changes
/// (replacing the history entry, so Back leaves the page), which the page's
/// resource follows. Only use `live` where the form sits outside the part
/// that reloads, or typing would lose its focus.
#[component]
pub fn SearchForm(
    action: String,
    param: &'static str,
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    #[prop(into)] submit: Signal<String>,
    /// The words searched for now.
    value: String,
    #[prop(optional)] keep: Vec<(&'static str, String)>,
    #[prop(optional)] live: bool,
    /// The id of a heading naming the search, where a page has two.
    #[prop(default = None)]
    labelled_by: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let hidden = keep
        .iter()
        .map(|(name, value)| view! { <input type="hidden" name=*name value=value.clone() /> })
        .collect_view();
    let form_action = action.clone();
    let navigate = leptos_router::hooks::use_navigate();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        if !live {
            return;
        }
        let mut href = format!("{action}?");
        for (name, value) in &keep {
            href.push_str(&format!("{name}={}&", query_value(value)));
        }
        href.push_str(&format!(
            "{param}={}",
            query_value(event_target_value(&ev).trim())
        ));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let navigate = navigate.clone();
        let go = move || {
            let options = leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&href, options);
        };
        pending.set_value(set_timeout_with_handle(go, std::time::Duration::from_millis(250)).ok());
    };
    view! {
        <form method="get" action=form_action class="filters" role="search" aria-labelledby=labelled_by>
            {hidden}
            <div class="field field-narrow">
                <label class="label" for=id>{label}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <input
                    class="input"
                    id=id
                    name=param
                    type="search"
                    autocomplete="off"
                    aria-describedby=hint_id
                    value=value
                    on:input=on_input
                />
            </div>
            <button type="submit" class="button button-secondary">{submit}</button>
        </form>
    }
}

/// Finding one school among thousands, for a form that chooses one: the
/// search, then (once searched, or when not every school is offered:
/// [`SchoolPage::needs_search`]) how many match. `none` is said when
/// nothing does.
#[component]
pub fn SchoolFinder(
    action: String,
    param: &'static str,
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] none: Signal<String>,
    /// What is offered now.
    found: SchoolPage,
    #[prop(optional)] keep: Vec<(&'static str, String)>,
    #[prop(default = None)] labelled_by: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (shown, total) = (found.schools.len() as u32, found.total);
    let status = found.needs_search().then(|| {
        view! {
            <p role="status" class="filter-status">
                {if total == 0 {
                    view! { {none} }.into_any()
                } else if shown < total {
                    view! { {t!(i18n, network.find_more, shown = shown, total = total)} }.into_any()
                } else {
                    view! { {t!(i18n, schools.count, count = total)} }.into_any()
                }}
            </p>
        }
    });
    view! {
        <SearchForm
            action
            param
            id
            label
            hint=move || t_string!(i18n, schools.filter_hint).to_owned()
            submit=move || t_string!(i18n, network.find_submit).to_owned()
            value=found.search
            keep
            labelled_by
        />
        {status}
    }
}

/// A `<select>`'s choices of school, each "Name, Town", so two schools of
/// one name can be told apart.
#[component]
pub fn SchoolOptions(schools: Vec<crate::model::SchoolSummary>) -> impl IntoView {
    schools
        .into_iter()
        .map(|s| view! { <option value=s.id>{s.name} ", " {s.city}</option> })
        .collect_view()
}
