//! Try the scoring: rate indicators and see what the engine makes of it.
//! The first render is computed on the server from the query string (so it
//! works without JavaScript, as a GET form); after hydration every change is
//! scored in the browser by the same code.

use super::ErrorMessage;
use crate::components::layout::tr;
use crate::components::layout::PageTitle;
use crate::domain::Answer;
use crate::i18n::*;
use crate::islands::scoring::evidence_name;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn TryScoringPage() -> impl IntoView {
    let framework = super::framework_from_route();
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, calc.title).to_owned() />
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match framework.await {
                    Ok(fw) => {
                        use crate::components::islands::{IslandPage, IslandScripts};
                        use crate::framework_script::{FrameworkRef, FrameworkScript};
                        use crate::islands::scoring::Calculator;
                        let fw = Arc::new(fw);
                        // The first answers come from the address (the form is a GET form).
                        let query = use_query_map().get_untracked();
                        let initial = fw
                            .indicators()
                            .map(|r| Answer {
                                rating: query.get(&r.indicator.id).and_then(|v| fw.level_index(&v)),
                                evidence: u32::from(query.get(&evidence_name(&r.indicator.id)).is_some()),
                            })
                            .collect::<Vec<_>>();
                        let context = crate::islands::scoring::context_from_form(&fw, |name| query.get(name));
                        let back = format!("/frameworks/{}/{}", fw.id, fw.version);
                        let title = tr(i18n, &fw, &fw.title);
                        view! {
                            <p class="back-link"><a href=back>{title}</a></p>
                            <h1>{t!(i18n, calc.title)}</h1>
                            <p class="lead">{t!(i18n, calc.lead)}</p>
                            <FrameworkScript fw=fw.clone() />
                            <Calculator page=IslandPage::here() fw=FrameworkRef(fw) initial context />
                            <IslandScripts />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
