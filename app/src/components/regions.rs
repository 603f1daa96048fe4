//! Regions in the reader's language: a stored region's name, the grouped
//! list a school's region is chosen from, and the options of a filter that
//! offers only the regions present.

use super::layout::text_lang;
use crate::domain::region::{self, Country};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// A stored region's name in the reader's language (a value from before
/// the list as it was written).
pub fn region_name(i18n: I18nContext<Locale>, stored: &str) -> String {
    region::display(stored, text_lang(i18n.get_locale()))
}

/// The `<option>`s of a school's region: none, the current value when it
/// is from before the list, then every region grouped by country.
#[component]
pub fn RegionOptions(current: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = text_lang(i18n.get_locale());
    let unlisted = (!current.is_empty() && region::by_code(&current).is_none()).then(|| {
        view! {
            <option value=current.clone() selected=true>
                {current.clone()} " " {t!(i18n, school.region_unlisted)}
            </option>
        }
    });
    let groups = Country::ALL
        .into_iter()
        .map(|country| {
            let options = region::of(country)
                .map(|r| view! { <option value=r.code selected=r.code == current>{r.name(lang)}</option> })
                .collect_view();
            view! { <optgroup label=country.name(lang)>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <option value="" selected=current.is_empty()>{t!(i18n, school.region_none)}</option>
        {unlisted}
        {groups}
    }
}

/// The `<option>`s of a filter by region: the regions given, by name in the
/// reader's language, with `chosen` selected.
pub fn region_filter_options(
    i18n: I18nContext<Locale>,
    regions: &[String],
    chosen: &str,
) -> impl IntoView {
    let mut named: Vec<(String, String)> = regions
        .iter()
        .map(|code| (code.clone(), region_name(i18n, code)))
        .collect();
    named.sort_by(|a, b| a.1.cmp(&b.1));
    named
        .into_iter()
        .map(|(code, name)| {
            let selected = code == chosen;
            view! { <option value=code selected=selected>{name}</option> }
        })
        .collect_view()
}
