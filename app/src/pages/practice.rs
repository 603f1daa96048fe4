//! The network's practice library: cards that clusters chose to share
//! with every school, credited to their cluster and school, with filters
//! by element and by words.

use super::ErrorMessage;
use crate::api::clusters::practice_library;
use crate::codec::resource;
use crate::components::layout::text_in;
use crate::components::layout::PageTitle;
use crate::i18n::*;
use crate::model::LibraryCard;
use leptos::prelude::*;
pub use crate::islands::board::Attachments;

#[component]
pub fn PracticeLibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = resource(|| (), |_| practice_library());
    let element = RwSignal::new(String::new());
    let words = RwSignal::new(String::new());
    view! {
        <PageTitle text=move || t_string!(i18n, practice.title).to_owned() />
        <h1>{t!(i18n, practice.title)}</h1>
        <p>{t!(i18n, practice.intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(library) => {
                        let lang = library.default_language.clone();
                        let options = library.elements.iter().map(|(id, t)| {
                            let (t, lang) = (t.clone(), lang.clone());
                            view! { <option value=id.clone()>{move || text_in(i18n, &t, &lang)}</option> }
                        }).collect_view();
                        let elements = library.elements.clone();
                        let cards = library.cards.clone();
                        let shown = move || {
                            let (element, words) = (element.get(), words.get().trim().to_lowercase());
                            cards
                                .iter()
                                .filter(|c| element.is_empty() || c.elements.contains(&element))
                                .filter(|c| words.is_empty() || c.title.to_lowercase().contains(&words) || c.body_html.to_lowercase().contains(&words))
                                .cloned()
                                .collect::<Vec<_>>()
                        };
                        let empty = library.cards.is_empty();
                        view! {
                            <div class="filters">
                                <div class="field">
                                    <label class="label" for="library-element">{t!(i18n, cluster.filter_element)}</label>
                                    <select class="select" id="library-element" on:change=move |ev| element.set(event_target_value(&ev))>
                                        <option value="">{t!(i18n, cluster.any)}</option>
                                        {options}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="label" for="library-words">{t!(i18n, practice.search)}</label>
                                    <input class="input" type="search" id="library-words" on:input=move |ev| words.set(event_target_value(&ev)) />
                                </div>
                            </div>
                            {empty.then(|| view! { <p>{t!(i18n, practice.empty)}</p> })}
                            <ul class="library">
                                <For
                                    each=shown
                                    key=|c| c.id.clone()
                                    children=move |card| view! { <LibraryEntry card elements=elements.clone() default_language=lang.clone() /> }
                                />
                            </ul>
                        }
                        .into_any()
                    }
                }
            })}
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

