//! The directory page, `/directory`: a GET form (it works without script)
//! and the listed schools.

use super::{award_directory, DirectoryView};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::layout::{text_in, PageTitle};
use crate::components::regions::{region_filter_options, region_name};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            (
                q.get("award").unwrap_or_default(),
                q.get("region").unwrap_or_default(),
                q.get("text").unwrap_or_default(),
            )
        })
    };
    let data = resource(asked, |(award, region, text)| {
        award_directory(award, region, text)
    });
    view! {
        <PageTitle text=move || t_string!(i18n, directory.title).to_owned() />
        <h1>{t!(i18n, directory.title)}</h1>
        <p>{t!(i18n, directory.intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Directory view asked=asked() /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Directory(view: DirectoryView, asked: (String, String, String)) -> impl IntoView {
    let i18n = use_i18n();
    let (award, region, text) = asked;
    let awards = view
        .awards
        .iter()
        .map(|(id, title)| {
            view! { <option value=id.clone() selected=*id == award>{text_in(i18n, title, "en")}</option> }
        })
        .collect_view();
    let regions = region_filter_options(i18n, &view.regions, &region);
    let rows = view
        .listings
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row">{l.school.clone()}</th>
                    <td>{l.city.clone()}</td>
                    <td>{region_name(i18n, &l.region)}</td>
                    <td>{text_in(i18n, &l.award_title, &l.default_language)}</td>
                    <td>{l.valid_until.clone()}</td>
                    <td>
                        <a href=format!("/verify/{}", l.code)>
                            {t!(i18n, directory.check)}
                            <span class="visually-hidden">" " {l.school.clone()}</span>
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let count = view.listings.len();
    view! {
        <form method="get" action="/directory" class="filters">
            <div class="field">
                <label class="label" for="directory-award">{t!(i18n, directory.award)}</label>
                <select class="select" id="directory-award" name="award">
                    <option value="">{t!(i18n, directory.any_award)}</option>
                    {awards}
                </select>
            </div>
            <div class="field">
                <label class="label" for="directory-region">{t!(i18n, directory.region)}</label>
                <select class="select" id="directory-region" name="region">
                    <option value="">{t!(i18n, directory.any_region)}</option>
                    {regions}
                </select>
            </div>
            <div class="field">
                <label class="label" for="directory-text">{t!(i18n, directory.text)}</label>
                <input class="input" id="directory-text" name="text" type="search" value=text />
            </div>
            <button type="submit" class="button">{t!(i18n, directory.show)}</button>
        </form>
        <p role="status" data-testid="directory-count">{t!(i18n, directory.count, count = count)}</p>
        {(count > 0).then(|| view! {
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{t!(i18n, directory.title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, directory.school)}</th>
                            <th scope="col">{t!(i18n, directory.city)}</th>
                            <th scope="col">{t!(i18n, directory.region)}</th>
                            <th scope="col">{t!(i18n, directory.award)}</th>
                            <th scope="col">{t!(i18n, directory.valid_until)}</th>
                            <th scope="col">{t!(i18n, directory.certificate)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
    }
}
