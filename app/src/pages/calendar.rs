//! The accreditation calendar: every school's, and one school's on its
//! page with what its next review costs.

use super::ErrorMessage;
use crate::codec::resource;
use crate::components::layout::text_in;
use crate::components::layout::PageTitle;
use crate::domain::calendar::DueState;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::labels::{cycle_label, due_class, due_label};

// ----------------------------------------------------------- calendar ---

/// Every school's award term and reviews, for certification admins.
#[component]
pub fn CalendarPage() -> impl IntoView {
    use crate::api::awards::calendar;
    let i18n = use_i18n();
    let query = use_query_map();
    let within = Memo::new(move |_| {
        query
            .with(|q| q.get("within"))
            .and_then(|w| w.trim().parse::<u32>().ok())
            .unwrap_or(60)
    });
    let data = resource(move || within.get(), calendar);
    view! {
        <PageTitle text=move || t_string!(i18n, calendar.title).to_owned() />
        <h1>{t!(i18n, calendar.title)}</h1>
        <p>{t!(i18n, calendar.intro)}</p>
        <form method="get" action="/calendar" class="filters">
            <div class="field">
                <label class="label" for="within">{t!(i18n, calendar.within)}</label>
                <input class="input input-short" type="number" min="1" max="366" id="within" name="within" value=move || within.get().to_string() />
            </div>
            <button type="submit" class="button button-secondary">{t!(i18n, review.apply)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, calendar.none)}</p> }.into_any(),
                    Ok(rows) => {
                        let count = |state: DueState| rows.iter().filter(|r| crate::domain::calendar::next_due(&r.reviews).is_some_and(|d| d.state == state)).count();
                        let (overdue, soon) = (count(DueState::Overdue), count(DueState::DueSoon));
                        view! {
                            <p class="score-headline">{t!(i18n, calendar.counts, overdue = overdue, soon = soon)}</p>
                            <CalendarTable rows />
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CalendarTable(rows: Vec<crate::model::CalendarRow>) -> impl IntoView {
    let i18n = use_i18n();
    let body = rows
        .into_iter()
        .map(|row| {
            let next = crate::domain::calendar::next_due(&row.reviews).cloned();
            let title = row.award_title.clone();
            view! {
                <tr>
                    <th scope="row"><a href=format!("/schools/{}", row.school_id)>{row.school_name.clone()}</a></th>
                    <td>{move || text_in(i18n, &title, "en")}</td>
                    <td>{row.valid_until.clone()}</td>
                    {match next {
                        Some(d) => {
                            let (cycle, state) = (d.cycle, d.state);
                            view! {
                                <td>{move || cycle_label(i18n, cycle)}</td>
                                <td>{d.due_on.clone()}</td>
                                <td><strong class=due_class(state)>{move || due_label(i18n, state)}</strong></td>
                            }
                            .into_any()
                        }
                        None => view! { <td colspan="3">{t!(i18n, calendar.all_done)}</td> }.into_any(),
                    }}
                    <td><a href=format!("/verify/{}", row.certificate)>{row.certificate.clone()}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{t!(i18n, calendar.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, review.col_school)}</th>
                        <th scope="col">{t!(i18n, review.award)}</th>
                        <th scope="col">{t!(i18n, verify.valid_until)}</th>
                        <th scope="col">{t!(i18n, calendar.next_review)}</th>
                        <th scope="col">{t!(i18n, review.col_due)}</th>
                        <th scope="col">{t!(i18n, review.col_status)}</th>
                        <th scope="col">{t!(i18n, verify.code)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// A school's award, its reviews and the next one's cost, on the school page.
#[component]
pub fn SchoolAwardCalendar(school: String) -> impl IntoView {
    use crate::api::awards::calendar_of_school;
    let i18n = use_i18n();
    let data = resource(move || school.clone(), calendar_of_school);
    view! {
        <section aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{t!(i18n, calendar.school_heading)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        Ok(cal) => {
                            let next = cal.next_cycle;
                            let fee = cal.next_fee.map(|f| f.to_string());
                            let terms = match cal.row {
                                None => view! { <p>{t!(i18n, calendar.no_award)}</p> }.into_any(),
                                Some(row) => {
                                    let items = row.reviews.iter().map(|d| {
                                        let (cycle, state) = (d.cycle, d.state);
                                        view! {
                                            <tr>
                                                <th scope="row">{move || cycle_label(i18n, cycle)}</th>
                                                <td>{d.due_on.clone()}</td>
                                                <td><strong class=due_class(state)>{move || due_label(i18n, state)}</strong></td>
                                            </tr>
                                        }
                                    }).collect_view();
                                    view! {
                                        <p>
                                            <a href=format!("/verify/{}", row.certificate)>{t!(i18n, calendar.certificate)}</a>
                                        </p>
                                        <div class="table-wrap">
                                            <table class="table">
                                                <caption class="visually-hidden">{t!(i18n, calendar.school_heading)}</caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{t!(i18n, review.col_cycle)}</th>
                                                        <th scope="col">{t!(i18n, review.col_due)}</th>
                                                        <th scope="col">{t!(i18n, review.col_status)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>{items}</tbody>
                                            </table>
                                        </div>
                                    }
                                    .into_any()
                                }
                            };
                            view! {
                                {terms}
                                <p data-testid="next-review">
                                    {t!(i18n, calendar.next_is)} " " <strong>{move || cycle_label(i18n, next)}</strong>
                                    {fee.map(|f| view! { ". " {t!(i18n, calendar.fee_is)} " " <strong>{f}</strong> " " {t!(i18n, calendar.fee_excludes)} })}
                                </p>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
