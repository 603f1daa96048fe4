//! A search form for a long list: a plain GET form, so it works before the
//! page's script has loaded (or without it).

use crate::i18n::*;
use crate::model::SchoolPage;
use leptos::prelude::*;

/// `param` is the query parameter the words go in; `keep` are other
/// parameters to send along unchanged.
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
    /// The id of a heading naming the search, where a page has two.
    #[prop(default = None)]
    labelled_by: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let hidden = keep
        .iter()
        .map(|(name, value)| view! { <input type="hidden" name=*name value=value.clone() /> })
        .collect_view();
    view! {
        <form method="get" action=action class="filters" role="search" aria-labelledby=labelled_by>
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
