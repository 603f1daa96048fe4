//! The accreditation calendar (every school's, and one school's on its
//! page) and the fee schedule that prices each year's review.

use super::ErrorMessage;
use crate::codec::resource;
use crate::components::forms::KeepTyping;
use crate::components::forms::{action_done, action_error, successes, FormErrors, Notice};
use crate::components::layout::text_in;
use crate::components::layout::PageTitle;
use crate::domain::calendar::{format_money, DueState};
use crate::error::AppError;
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
                            let fee = cal.next_fee.map(format_money);
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

// -------------------------------------------------------------- fees ---

/// The fee schedule, edited by certification admins.
#[component]
pub fn FeesPage() -> impl IntoView {
    use crate::api::awards::{fee_schedule, SetFeeSchedule};
    let i18n = use_i18n();
    let save = ServerAction::<SetFeeSchedule>::new();
    let saves = successes(save.value());
    let data = resource(move || saves.get(), |_| fee_schedule());
    let error = action_error(save.value());
    let saved = action_done(save);
    let fee_problem = move || match error.get() {
        Some(AppError::InvalidFees { problem }) => Some(match problem {
            crate::domain::calendar::FeeScheduleError::Empty => t_string!(i18n, fees.empty),
            crate::domain::calendar::FeeScheduleError::Inverted { .. } => {
                t_string!(i18n, fees.inverted)
            }
            crate::domain::calendar::FeeScheduleError::Overlap { .. } => {
                t_string!(i18n, fees.overlap)
            }
        }),
        Some(AppError::InvalidChoice) => Some(t_string!(i18n, fees.numbers)),
        _ => None,
    };
    let other = Signal::derive(move || match error.get() {
        Some(AppError::InvalidFees { .. } | AppError::InvalidChoice) => None,
        e => e,
    });
    view! {
        <PageTitle text=move || t_string!(i18n, fees.title).to_owned() />
        <h1>{t!(i18n, fees.title)}</h1>
        <p>{t!(i18n, fees.intro)}</p>
        <FormErrors error=other />
        {move || fee_problem().map(|p| view! { <div class="notice notice-error" role="alert">{p}</div> })}
        <Notice show=saved>{t!(i18n, fees.saved)}</Notice>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(bands) => {
                        let pounds = |p: u64| format_money(p).trim_start_matches('£').replace(',', "");
                        let mut rows: Vec<[String; 5]> = bands
                            .iter()
                            .map(|b| [b.min_learners.to_string(), b.max_learners.to_string(), pounds(b.yearly[0]), pounds(b.yearly[1]), pounds(b.yearly[2])])
                            .collect();
                        rows.extend(std::iter::repeat_n(Default::default(), 2));
                        let body = rows.into_iter().enumerate().map(|(i, row)| {
                            let names = ["min", "max", "year1", "year2", "year3"];
                            let cells = row.into_iter().zip(names).map(|(value, name)| {
                                let id = format!("fee-{i}-{name}");
                                let label = match name {
                                    "min" => t_string!(i18n, fees.min),
                                    "max" => t_string!(i18n, fees.max),
                                    "year1" => t_string!(i18n, fees.year1),
                                    "year2" => t_string!(i18n, fees.year2),
                                    _ => t_string!(i18n, fees.year3),
                                };
                                view! {
                                    <td>
                                        <label class="visually-hidden" for=id.clone()>{format!("{label} ({})", i + 1)}</label>
                                        <input class="input input-short" id=id name=format!("rows[{i}][{name}]") value=value inputmode="decimal" />
                                    </td>
                                }
                            }).collect_view();
                            view! { <tr><th scope="row">{i + 1}</th>{cells}</tr> }
                        }).collect_view();
                        view! {
                            <KeepTyping key="fees">
                            <ActionForm action=save>
                                <div class="table-wrap">
                                    <table class="table">
                                        <caption>{t!(i18n, fees.caption)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, fees.band)}</th>
                                                <th scope="col">{t!(i18n, fees.min)}</th>
                                                <th scope="col">{t!(i18n, fees.max)}</th>
                                                <th scope="col">{t!(i18n, fees.year1)}</th>
                                                <th scope="col">{t!(i18n, fees.year2)}</th>
                                                <th scope="col">{t!(i18n, fees.year3)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{body}</tbody>
                                    </table>
                                </div>
                                <p class="hint">{t!(i18n, fees.hint)}</p>
                                <button type="submit" class="button">{t!(i18n, fees.save)}</button>
                            </ActionForm>
                            </KeepTyping>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
