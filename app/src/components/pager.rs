//! Where a page of a long list is, with links to the pages either side.

use crate::i18n::*;
use leptos::prelude::*;

/// `label` names the navigation for screen readers ("Pages of schools");
/// the children say where this page is ("Schools 51 to 100 of 5000").
#[component]
pub fn Pager(
    #[prop(into)] label: Signal<String>,
    previous: Option<String>,
    next: Option<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="pages" aria-label=label>
            <p data-testid="page-range">{children()}</p>
            <ul class="tags">
                {previous.map(|href| view! { <li><a href=href rel="prev">{t!(i18n, review.previous_page)}</a></li> })}
                {next.map(|href| view! { <li><a href=href rel="next">{t!(i18n, review.next_page)}</a></li> })}
            </ul>
        </nav>
    }
}
