//! The home page, `/`: for a visitor, what Equimark is and how to sign in;
//! for a signed-in person, what needs them now, each item linking to where
//! the work is done.

use super::{home, MyWork, SchoolNext};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::labels::{cycle_label, due_class, due_label, progress_label};
use crate::components::layout::{text_in, PageTitle};
use crate::domain::my_work::ReviewTask;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn task_label(i18n: I18nContext<Locale>, task: ReviewTask) -> &'static str {
    match task {
        ReviewTask::Validate => t_string!(i18n, home.task_validate),
        ReviewTask::Moderate => t_string!(i18n, home.task_moderate),
        ReviewTask::SignOff => t_string!(i18n, home.task_sign_off),
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let work = resource(|| (), |_| home());
    view! {
        <PageTitle text=move || t_string!(i18n, home.title).to_owned() />
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match work.await {
                    Ok(Some(work)) => view! { <Work work /> }.into_any(),
                    Ok(None) => view! { <Welcome /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What a visitor sees: what Equimark is, and the way in.
#[component]
fn Welcome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, home.heading)}</h1>
        <p class="lead">{t!(i18n, home.lead)}</p>
        <p>
            <a class="button" href="/sign-in">{t!(i18n, nav.sign_in)}</a>
        </p>
        <ul class="link-list">
            <li><a href="/schools">{t!(i18n, home.schools_link)}</a></li>
            <li><a href="/frameworks">{t!(i18n, home.frameworks_link)}</a></li>
            <li><a href="/directory">{t!(i18n, home.directory_link)}</a></li>
        </ul>
        <h2>{t!(i18n, home.demo_heading)}</h2>
        <p>{t!(i18n, home.demo_text)}</p>
    }
}

/// What needs a signed-in person now.
#[component]
fn Work(work: MyWork) -> impl IntoView {
    let i18n = use_i18n();
    let empty = work.is_empty();
    let elements = (!work.elements.is_empty()).then(|| {
        let items = work
            .elements
            .into_iter()
            .map(|e| {
                let href = format!("/assessments/{}/elements/{}", e.assessment, e.element);
                let title = text_in(i18n, &e.title, &e.language);
                let (rated, of, progress) = (e.rated, e.of, e.progress);
                view! {
                    <li>
                        <a href=href>{title}</a>
                        <span class="hint">
                            " · " {e.school} " · " {move || progress_label(i18n, progress)} " · "
                            {t!(i18n, home.element_rated, rated = rated, of = of)}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="elements-heading">
                <h2 id="elements-heading">{t!(i18n, home.elements_heading)}</h2>
                <ul class="link-list">{items}</ul>
            </section>
        }
    });
    let requests = (!work.requests.is_empty()).then(|| {
        let items = work
            .requests
            .into_iter()
            .map(|r| {
                let href = format!("/assessments/{}#school-requests-heading", r.assessment);
                let indicator = text_in(i18n, &r.indicator, &r.language);
                let day = r.asked_at.get(..10).unwrap_or_default().to_owned();
                view! {
                    <li>
                        <a href=href>{indicator}</a>
                        <span class="hint">
                            " · " {r.school} " · " {t!(i18n, home.asked_on)} " "
                            <time datetime=r.asked_at.clone()>{day}</time>
                        </span>
                        <p class="request-message">{r.message}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="home-requests-heading">
                <h2 id="home-requests-heading">{t!(i18n, home.requests_heading)}</h2>
                <ul class="link-list">{items}</ul>
            </section>
        }
    });
    let awaiting = work.awaiting_assessor;
    let reviews = (!work.reviews.is_empty() || awaiting > 0).then(|| {
        let items = work
            .reviews
            .into_iter()
            .map(|r| {
                let task = r.task;
                view! {
                    <li>
                        <a href=format!("/reviews/{}", r.review)>
                            {move || task_label(i18n, task)} ": " {r.school}
                        </a>
                        <span class="hint">
                            " · " {t!(i18n, home.due)} " " <time datetime=r.due_on.clone()>{r.due_on.clone()}</time>
                        </span>
                        {r.overdue.then(|| view! { " " <strong class="tag tag-warning">{t!(i18n, calendar.overdue)}</strong> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="reviews-heading">
                <h2 id="reviews-heading">{t!(i18n, home.reviews_heading)}</h2>
                <ul class="link-list">
                    {items}
                    {(awaiting > 0).then(|| view! {
                        <li><a href="/reviews">{t!(i18n, home.awaiting, count = awaiting)}</a></li>
                    })}
                </ul>
            </section>
        }
    });
    let schools = (!work.schools.is_empty()).then(|| {
        let items = work
            .schools
            .into_iter()
            .map(|school| view! { <SchoolStanding school /> })
            .collect_view();
        view! {
            <section aria-labelledby="schools-heading">
                <h2 id="schools-heading">{t!(i18n, home.your_schools)}</h2>
                <ul class="card-list">{items}</ul>
            </section>
        }
    });
    let boards = (!work.boards.is_empty()).then(|| {
        let items = work
            .boards
            .into_iter()
            .map(|b| {
                let changed = b.changed;
                view! {
                    <li>
                        <a href=format!("/clusters/{}/board", b.cluster)>{b.name}</a>
                        <span class="hint">
                            " · "
                            {if changed > 0 {
                                t!(i18n, home.board_changed, count = changed).into_any()
                            } else {
                                t!(i18n, home.board_same).into_any()
                            }}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="boards-heading">
                <h2 id="boards-heading">{t!(i18n, home.boards_heading)}</h2>
                <ul class="link-list">{items}</ul>
            </section>
        }
    });
    let networks = (!work.networks.is_empty()).then(|| {
        let items = work
            .networks
            .into_iter()
            .map(|n| {
                view! {
                    <li>
                        <a href=format!("/dashboard?network={}", n.id)>
                            {t!(i18n, home.network_dashboard, name = n.name.clone())}
                        </a>
                        <span class="hint">" · " {t!(i18n, home.network_schools, count = n.schools)}</span>
                        " · "
                        <a href=format!("/networks/{}", n.id)>
                            {t!(i18n, home.network_page)}
                            <span class="visually-hidden">" " {n.name.clone()}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="networks-heading">
                <h2 id="networks-heading">{t!(i18n, home.networks_heading)}</h2>
                <ul class="link-list">{items}</ul>
            </section>
        }
    });
    let join_requests = (!work.join_requests.is_empty()).then(|| {
        let items = work
            .join_requests
            .into_iter()
            .map(|w| {
                view! {
                    <li>
                        <a href=format!("/networks/{}/requests", w.network)>
                            {t!(i18n, home.join_waiting, name = w.name.clone(), count = w.waiting)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="join-requests-heading">
                <h2 id="join-requests-heading">{t!(i18n, home.join_heading)}</h2>
                <ul class="link-list">{items}</ul>
            </section>
        }
    });
    let unread = work.unread;
    view! {
        <h1>{t!(i18n, home.your_work)}</h1>
        <p>
            <a href="/notifications" data-testid="home-unread">
                {if unread > 0 {
                    t!(i18n, home.unread, count = unread).into_any()
                } else {
                    t!(i18n, home.no_unread).into_any()
                }}
            </a>
        </p>
        {empty.then(|| view! {
            <div class="panel" data-testid="nothing-to-do">
                <p><strong>{t!(i18n, home.nothing)}</strong></p>
                <p>{t!(i18n, home.first_step)}</p>
            </div>
        })}
        {reviews}
        {elements}
        {requests}
        {join_requests}
        {networks}
        {schools}
        {boards}
    }
}

/// One of the person's schools: the self-assessment being written, the
/// award and the next review of its term.
#[component]
fn SchoolStanding(school: SchoolNext) -> impl IntoView {
    let i18n = use_i18n();
    let assessment = match school.open_assessment {
        Some(id) => view! {
            <p><a href=format!("/assessments/{id}")>{t!(i18n, home.continue_assessment)}</a></p>
        }
        .into_any(),
        None => view! { <p>{t!(i18n, home.no_assessment)}</p> }.into_any(),
    };
    let award = match school.calendar {
        Some(row) => {
            let next = crate::domain::calendar::next_due(&row.reviews).cloned();
            let award = text_in(i18n, &row.award_title, "en");
            view! {
                <p>
                    <a href=format!("/verify/{}", row.certificate)>
                        {t!(i18n, home.award_until, award = award, until = row.valid_until.clone())}
                    </a>
                </p>
                {next.map(|due| {
                    let (cycle, state) = (due.cycle, due.state);
                    view! {
                        <p>
                            {t!(i18n, calendar.next_review)} ": " {move || cycle_label(i18n, cycle)} " · "
                            <time datetime=due.due_on.clone()>{due.due_on.clone()}</time> " "
                            <span class=due_class(state)>{move || due_label(i18n, state)}</span>
                        </p>
                    }
                })}
            }
            .into_any()
        }
        None => view! { <p>{t!(i18n, home.no_award)}</p> }.into_any(),
    };
    view! {
        <li class="panel">
            <h3 class="heading-small"><a href=format!("/schools/{}", school.id)>{school.name}</a></h3>
            {assessment}
            {award}
        </li>
    }
}
