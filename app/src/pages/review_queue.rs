//! The review queue: the reviews a person takes part in (all of them for
//! admins), the self-assessments awaiting an assessor, and their assignment.

use super::ErrorMessage;
use crate::api::reviews::AssignReview;
use crate::codec::resource;
use crate::components::forms::{action_error, successes, FormErrors};
use crate::components::layout::PageTitle;
use crate::domain::review::ReviewStatus;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::review::date_of;
use crate::components::labels::{cycle_label, review_status_label};

// ------------------------------------------------------------ the queue ---

#[component]
pub fn ReviewsPage() -> impl IntoView {
    use crate::api::reviews::{queue, SORTS};
    let i18n = use_i18n();
    let query = use_query_map();
    let assign = ServerAction::<AssignReview>::new();
    let params = move || {
        query.with(|q| {
            (
                q.get("sort").unwrap_or_default(),
                q.get("status").unwrap_or_default(),
            )
        })
    };
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()));
    let assigned = successes(assign.value());
    let data = resource(
        move || (params(), page(), assigned.get()),
        |((sort, status), page, _)| queue(sort, status, page),
    );
    let assign_error = action_error(assign.value());
    let sort_label = move |s: &str| match s {
        "submitted" => t_string!(i18n, review.sort_submitted),
        "school" => t_string!(i18n, review.sort_school),
        "status" => t_string!(i18n, review.sort_status),
        _ => t_string!(i18n, review.sort_due),
    };
    view! {
        <PageTitle text=move || t_string!(i18n, review.queue_title).to_owned() />
        <h1>{t!(i18n, review.queue_title)}</h1>
        <p><a href="/appeals">{t!(i18n, nav.appeals)}</a></p>
        <p>{t!(i18n, review.queue_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(q) => {
                        let awaiting = if q.may_assign && !q.awaiting.is_empty() {
                            let items = q.awaiting.clone().into_iter().map(|a| {
                                view! { <AssignForm item=a assessors=q.assessors.clone() due=q.default_due.clone() assign /> }
                            }).collect_view();
                            let more = q.awaiting_total.saturating_sub(q.awaiting.len() as u32);
                            view! {
                                <section aria-labelledby="awaiting-heading" class="review-section">
                                    <h2 id="awaiting-heading">{t!(i18n, review.awaiting_heading)}</h2>
                                    <FormErrors error=assign_error />
                                    {items}
                                    {(more > 0).then(|| view! { <p data-testid="awaiting-more">{t!(i18n, review.awaiting_more, count = more)}</p> })}
                                </section>
                            }
                            .into_any()
                        } else {
                            ().into_any()
                        };
                        let (sort, status) = params();
                        let rows = q.reviews.iter().map(|r| {
                            let overdue = r.overdue;
                            let (cycle, state) = (r.cycle, r.status);
                            view! {
                                <tr class:overdue=overdue>
                                    <th scope="row"><a href=format!("/reviews/{}", r.id)>{r.school_name.clone()}</a></th>
                                    <td>{move || cycle_label(i18n, cycle)}</td>
                                    <td>{r.submitted_at.as_deref().map(date_of).unwrap_or_default()}</td>
                                    <td>
                                        {r.due_on.clone()}
                                        {overdue.then(|| view! { " " <strong class="tag tag-warning">{t!(i18n, calendar.overdue)}</strong> })}
                                    </td>
                                    <td>{move || review_status_label(i18n, state)}</td>
                                    <td>{r.lead.clone()}</td>
                                    <td>{r.second.clone().unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view();
                        let table = if q.reviews.is_empty() {
                            view! { <p>{t!(i18n, review.none)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table class="table">
                                        <caption class="visually-hidden">{t!(i18n, review.queue_title)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, review.col_school)}</th>
                                                <th scope="col">{t!(i18n, review.col_cycle)}</th>
                                                <th scope="col">{t!(i18n, review.col_submitted)}</th>
                                                <th scope="col">{t!(i18n, review.col_due)}</th>
                                                <th scope="col">{t!(i18n, review.col_status)}</th>
                                                <th scope="col">{t!(i18n, review.lead_assessor)}</th>
                                                <th scope="col">{t!(i18n, review.second_assessor)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                                <QueuePages sort=sort.clone() status=status.clone() page=q.page shown=q.reviews.len() total=q.total />
                            }
                            .into_any()
                        };
                        let deferrals = q.may_assign.then(|| view! {
                            <p><a href="/deferrals">{t!(i18n, nav.deferrals)}</a></p>
                        });
                        view! {
                            {deferrals}
                            {awaiting}
                            <h2>{t!(i18n, review.reviews_heading)}</h2>
                            <form method="get" action="/reviews" class="filters">
                                <div class="field">
                                    <label class="label" for="status">{t!(i18n, review.col_status)}</label>
                                    <select class="select" id="status" name="status">
                                        <option value="">{t!(i18n, review.any_status)}</option>
                                        {ReviewStatus::ALL.into_iter().map(|s| view! {
                                            <option value=s.as_str() selected=status == s.as_str()>{move || review_status_label(i18n, s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="label" for="sort">{t!(i18n, review.sort_by)}</label>
                                    <select class="select" id="sort" name="sort">
                                        {SORTS.into_iter().map(|s| view! {
                                            <option value=s selected=sort == s>{sort_label(s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button button-secondary">{t!(i18n, review.apply)}</button>
                            </form>
                            {table}
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Where this page of the queue is, with links to the pages either side.
#[component]
fn QueuePages(sort: String, status: String, page: u32, shown: usize, total: u32) -> impl IntoView {
    use crate::api::reviews::QUEUE_PAGE_SIZE;
    use crate::components::pager::Pager;
    use crate::model::query_value;
    let i18n = use_i18n();
    let from = page as usize * QUEUE_PAGE_SIZE + 1;
    let to = from + shown - 1;
    let href = move |p: u32| {
        format!(
            "/reviews?sort={}&status={}&page={p}",
            query_value(&sort),
            query_value(&status)
        )
    };
    let previous = (page > 0).then(|| href(page - 1));
    let next = (to < total as usize).then(|| href(page + 1));
    let label = move || t_string!(i18n, review.pages_label).to_owned();
    view! {
        <Pager label previous next>
            {t!(i18n, review.showing, from = from, to = to, total = total)}
        </Pager>
    }
}

/// Assigning assessors to one submitted self-assessment.
#[component]
fn AssignForm(
    item: crate::model::AwaitingAssessor,
    assessors: Vec<crate::model::Assignee>,
    due: String,
    assign: ServerAction<AssignReview>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lead_id = format!("lead-{}", item.assessment);
    let second_id = format!("second-{}", item.assessment);
    let due_id = format!("due-{}", item.assessment);
    let options = |none: bool| {
        let mut list = Vec::new();
        if none {
            list.push(view! { <option value="">{t!(i18n, review.no_second)}</option> }.into_any());
        }
        list.extend(assessors.iter().map(|p| {
            view! { <option value=p.account.clone()>{p.name.clone()}</option> }.into_any()
        }));
        list
    };
    let (lead_options, second_options) = (options(false), options(true));
    let cycle = item.cycle;
    view! {
        <article class="assign">
            <h3 class="heading-small">
                {item.school_name.clone()} ": " {move || cycle_label(i18n, cycle)}
            </h3>
            <p class="hint">{t!(i18n, review.submitted_on)} " " {item.submitted_at.as_deref().map(date_of).unwrap_or_default()}</p>
            <ActionForm action=assign attr:class="filters">
                <input type="hidden" name="assessment" value=item.assessment.clone() />
                <div class="field">
                    <label class="label" for=lead_id.clone()>{t!(i18n, review.lead_assessor)}</label>
                    <select class="select" id=lead_id name="lead" required>{lead_options}</select>
                </div>
                <div class="field">
                    <label class="label" for=second_id.clone()>{t!(i18n, review.second_assessor)}</label>
                    <select class="select" id=second_id name="second">{second_options}</select>
                </div>
                <div class="field">
                    <label class="label" for=due_id.clone()>{t!(i18n, review.due_on)}</label>
                    <input class="input" type="date" id=due_id name="due_on" value=due required />
                </div>
                <button type="submit" class="button">{t!(i18n, review.assign)}</button>
            </ActionForm>
        </article>
    }
}
