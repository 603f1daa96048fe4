use super::ErrorMessage;
use crate::api::frameworks::list_frameworks;
use crate::codec::resource;
use crate::components::layout::text_lang;
use crate::components::layout::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn FrameworksPage() -> impl IntoView {
    let i18n = use_i18n();
    let frameworks = resource(|| (), |_| list_frameworks());
    view! {
        <PageTitle text=move || t_string!(i18n, frameworks.title).to_owned() />
        <h1>{t!(i18n, frameworks.title)}</h1>
        <p class="lead">{t!(i18n, frameworks.lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match frameworks.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, frameworks.none)}</p> }.into_any(),
                    Ok(list) => {
                        view! {
                            <div class="table-wrap">
                                <table class="table">
                                    <caption class="visually-hidden">{t!(i18n, frameworks.title)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, frameworks.col_title)}</th>
                                            <th scope="col">{t!(i18n, frameworks.col_version)}</th>
                                            <th scope="col">{t!(i18n, frameworks.col_languages)}</th>
                                            <th scope="col" class="numeric">{t!(i18n, frameworks.col_elements)}</th>
                                            <th scope="col" class="numeric">{t!(i18n, frameworks.col_indicators)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|fw| {
                                                let href = format!("/frameworks/{}/{}", fw.id, fw.version);
                                                let title = fw.title.clone();
                                                let default_language = fw.default_language.clone();
                                                view! {
                                                    <tr>
                                                        <td>
                                                            <A href=href>
                                                                {move || {
                                                                    title.get(text_lang(i18n.get_locale()), &default_language).to_owned()
                                                                }}
                                                            </A>
                                                        </td>
                                                        <td>{fw.version}</td>
                                                        <td>{fw.languages.join(", ")}</td>
                                                        <td class="numeric">{fw.elements}</td>
                                                        <td class="numeric">{fw.indicators}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
