//! The network's practice library: cards that clusters chose to share
//! with every school, credited to their cluster and school, with filters
//! by element and by words.

use super::ErrorMessage;
use crate::api::boards::practice_library;
use crate::codec::resource;
use crate::components::layout::text_in;
use crate::components::layout::PageTitle;
use crate::i18n::*;
pub use crate::islands::board::Attachments;
use crate::model::LibraryCard;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The filters are a form sent by GET: the address says what is shown,
/// and it works without JavaScript.
#[component]
pub fn PracticeLibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = resource(|| (), |_| practice_library());
    let query = use_query_map();
    let (element, words) = query.with_untracked(|q| {
        (
            q.get("element").unwrap_or_default(),
            q.get("words").unwrap_or_default(),
        )
    });
    view! {
        <PageTitle text=move || t_string!(i18n, practice.title).to_owned() />
        <h1>{t!(i18n, practice.title)}</h1>
        <p>{t!(i18n, practice.intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || {
                let (element, words) = (element.clone(), words.clone());
                Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(library) => {
                        let lang = library.default_language.clone();
                        let options = library.elements.iter().map(|(id, t)| {
                            let (t, lang) = (t.clone(), lang.clone());
                            let selected = *id == element;
                            view! { <option value=id.clone() selected=selected>{move || text_in(i18n, &t, &lang)}</option> }
                        }).collect_view();
                        let elements = library.elements.clone();
                        let shown: Vec<LibraryCard> = library
                            .cards
                            .iter()
                            .filter(|c| c.matches(&element, &words))
                            .cloned()
                            .collect();
                        let note = if library.cards.is_empty() {
                            Some(view! { <p>{t!(i18n, practice.empty)}</p> }.into_any())
                        } else if shown.is_empty() {
                            Some(view! { <p>{t!(i18n, practice.no_match)}</p> }.into_any())
                        } else {
                            None
                        };
                        let entries = shown
                            .into_iter()
                            .map(|card| view! { <LibraryEntry card elements=elements.clone() default_language=lang.clone() /> })
                            .collect_view();
                        view! {
                            <form method="get" action="/practice" class="filters" role="search">
                                <div class="field">
                                    <label class="label" for="library-element">{t!(i18n, cluster.filter_element)}</label>
                                    <select class="select" id="library-element" name="element">
                                        <option value="">{t!(i18n, cluster.any)}</option>
                                        {options}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="label" for="library-words">{t!(i18n, practice.search)}</label>
                                    <input class="input" type="search" id="library-words" name="words" value=words.clone() />
                                </div>
                                <button type="submit" class="button button-secondary">{t!(i18n, practice.filter)}</button>
                            </form>
                            <div role="status">{note}</div>
                            <ul class="library">{entries}</ul>
                        }
                        .into_any()
                    }
                }
            })
            }}
        </Suspense>
    }
}

#[component]
fn LibraryEntry(
    card: LibraryCard,
    elements: Vec<(String, crate::domain::Text)>,
    default_language: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let tags = card
        .elements
        .iter()
        .filter_map(|e| elements.iter().find(|(id, _)| id == e))
        .map(|(_, t)| {
            let (t, lang) = (t.clone(), default_language.clone());
            view! { <li class="tag">{move || text_in(i18n, &t, &lang)}</li> }
        })
        .collect_view();
    let heading = format!("library-{}", card.id);
    let labelled_by = heading.clone();
    let (school, cluster) = (card.school_name.clone(), card.cluster_name.clone());
    view! {
        <li>
            <article aria-labelledby=labelled_by>
                <h2 id=heading>{card.title.clone()}</h2>
                <p class="hint">
                    {t!(i18n, practice.credit, school = school.clone(), cluster = cluster.clone())}
                    " · " {card.author.clone()} " · " {card.published_at.get(..10).unwrap_or_default().to_owned()}
                </p>
                <ul class="tags">{tags}</ul>
                <div class="card-body" inner_html=card.body_html.clone()></div>
                <Attachments files=card.attachments.clone() />
            </article>
        </li>
    }
}
