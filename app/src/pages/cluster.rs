//! Clusters of schools: the list (and founding one), and one cluster's
//! page with its members, join requests and its live board of practice.

use super::cluster_year::{year_changes, AnnualUpdate, Meetings};
use super::ErrorMessage;
use crate::api::clusters::{
    cluster, list_clusters, AnswerJoin, AskToJoin, FoundCluster, LeaveCluster, SaveDevelopmentPlan,
};
use crate::codec::resource;
use crate::components::forms::{action_error, successes, FormErrors};
use crate::components::layout::text_in;
use crate::components::layout::PageTitle;
use crate::components::search::{SchoolFinder, SchoolOptions};
use crate::domain::cluster::{ClusterKind, Membership};
use crate::i18n::*;
use crate::model::{ClusterView, SchoolPage};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn kind_label(i18n: I18nContext<Locale>, kind: ClusterKind) -> &'static str {
    match kind {
        ClusterKind::Local => t_string!(i18n, cluster.kind_local),
        ClusterKind::Twinned => t_string!(i18n, cluster.kind_twinned),
        ClusterKind::NetworkWide => t_string!(i18n, cluster.kind_network),
    }
}

#[component]
pub fn ClustersPage() -> impl IntoView {
    let i18n = use_i18n();
    let found = ServerAction::<FoundCluster>::new();
    let founded = successes(found.value());
    let query = use_query_map();
    let lead_search = move || query.with(|q| q.get("lead").unwrap_or_default());
    let data = resource(
        move || (lead_search(), founded.get()),
        |(lead_search, _)| list_clusters(lead_search),
    );
    let error = action_error(found.value());
    view! {
        <PageTitle text=move || t_string!(i18n, cluster.list_title).to_owned() />
        <h1>{t!(i18n, cluster.list_title)}</h1>
        <p>{t!(i18n, cluster.list_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(list) => {
                        let rows = list.clusters.into_iter().map(|c| {
                            let kind = c.kind;
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/clusters/{}", c.id)>{c.name}</a>
                                        {c.mine.then(|| view! { " " <strong class="tag">{t!(i18n, cluster.yours)}</strong> })}
                                    </th>
                                    <td>{move || kind_label(i18n, kind)}</td>
                                    <td>{c.lead_school}</td>
                                    <td class="numeric">{c.members}</td>
                                </tr>
                            }
                        }).collect_view();
                        let may_found = list.may_found.clone();
                        let found_form = (may_found.total > 0 || !may_found.search.is_empty())
                            .then(|| view! { <FoundForm schools=may_found found error /> });
                        view! {
                            <div class="table-wrap">
                                <table class="table">
                                    <caption class="visually-hidden">{t!(i18n, cluster.list_title)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, cluster.name)}</th>
                                            <th scope="col">{t!(i18n, cluster.kind)}</th>
                                            <th scope="col">{t!(i18n, cluster.lead_school)}</th>
                                            <th scope="col" class="numeric">{t!(i18n, cluster.members)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                            {found_form}
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn FoundForm(
    /// The schools that may lead it: all of a lead's; for admins, the
    /// first that match their search, with a search to find others.
    schools: SchoolPage,
    found: ServerAction<FoundCluster>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Admins, who may choose any school, search for it.
    let search = schools.needs_search().then(|| {
        view! {
            <SchoolFinder
                action="/clusters".into()
                param="lead"
                id="lead-search"
                label=move || t_string!(i18n, cluster.find_lead).to_owned()
                none=move || t_string!(i18n, schools.no_match).to_owned()
                found=schools.clone()
            />
        }
    });
    let options = view! { <SchoolOptions schools=schools.schools /> };
    view! {
        <section class="panel" aria-labelledby="found-heading">
            <h2 id="found-heading">{t!(i18n, cluster.found_heading)}</h2>
            {search}
            <FormErrors error />
            <ActionForm action=found>
                <div class="field">
                    <label class="label" for="cluster-name">{t!(i18n, cluster.name)}</label>
                    <input class="input" id="cluster-name" name="name" required maxlength="160" />
                </div>
                <div class="field">
                    <label class="label" for="cluster-lead">{t!(i18n, cluster.lead_school)}</label>
                    <select class="select" id="cluster-lead" name="lead_school">{options}</select>
                </div>
                <fieldset class="field">
                    <legend class="label">{t!(i18n, cluster.kind)}</legend>
                    {ClusterKind::ALL.into_iter().enumerate().map(|(i, k)| {
                        let id = format!("kind-{}", k.as_str());
                        view! {
                            <div class="radio">
                                <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=i == 0 />
                                <label for=id>{move || kind_label(i18n, k)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label class="label" for="cluster-description">{t!(i18n, cluster.description)}</label>
                    <p class="hint" id="cluster-description-hint">{t!(i18n, cluster.description_hint)}</p>
                    <textarea class="textarea" id="cluster-description" name="description" rows="4" aria-describedby="cluster-description-hint"></textarea>
                </div>
                <button type="submit" class="button">{t!(i18n, cluster.found)}</button>
            </ActionForm>
        </section>
    }
}

// --------------------------------------------------------- one cluster ---

/// The parts of a cluster, each a page of its own under `/clusters/:id`:
/// the overview (its schools) for anyone, the rest for its members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterPart {
    Overview,
    Board,
    Plan,
    Meetings,
    Update,
}

impl ClusterPart {
    const MEMBERS_ONLY: [ClusterPart; 4] = [
        ClusterPart::Board,
        ClusterPart::Plan,
        ClusterPart::Meetings,
        ClusterPart::Update,
    ];

    /// The part's address under the cluster's.
    fn path(self) -> &'static str {
        match self {
            ClusterPart::Overview => "",
            ClusterPart::Board => "/board",
            ClusterPart::Plan => "/plan",
            ClusterPart::Meetings => "/meetings",
            ClusterPart::Update => "/update",
        }
    }

    /// What the server function is asked for (the board is marked seen only
    /// when it is the page).
    fn asked(self) -> &'static str {
        match self {
            ClusterPart::Board => "board",
            _ => "summary",
        }
    }

    fn label(self, i18n: I18nContext<Locale>) -> &'static str {
        match self {
            ClusterPart::Overview => t_string!(i18n, cluster.overview),
            ClusterPart::Board => t_string!(i18n, cluster.board_heading),
            ClusterPart::Plan => t_string!(i18n, cluster.part_plan),
            ClusterPart::Meetings => t_string!(i18n, cluster.meetings_heading),
            ClusterPart::Update => t_string!(i18n, cluster.part_update),
        }
    }
}

#[component]
pub fn ClusterPage() -> impl IntoView {
    view! { <ClusterPartPage part=ClusterPart::Overview /> }
}

#[component]
pub fn ClusterBoardPage() -> impl IntoView {
    view! { <ClusterPartPage part=ClusterPart::Board /> }
}

#[component]
pub fn ClusterPlanPage() -> impl IntoView {
    view! { <ClusterPartPage part=ClusterPart::Plan /> }
}

#[component]
pub fn ClusterMeetingsPage() -> impl IntoView {
    view! { <ClusterPartPage part=ClusterPart::Meetings /> }
}

#[component]
pub fn ClusterUpdatePage() -> impl IntoView {
    view! { <ClusterPartPage part=ClusterPart::Update /> }
}

/// One part of a cluster: the heading and the parts' navigation every
/// part shares, then the part itself.
#[component]
fn ClusterPartPage(part: ClusterPart) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let ask = ServerAction::<AskToJoin>::new();
    let answer = ServerAction::<AnswerJoin>::new();
    let leave = ServerAction::<LeaveCluster>::new();
    let plan = ServerAction::<SaveDevelopmentPlan>::new();
    let year = Year {
        record: ServerAction::new(),
        save: ServerAction::new(),
        submit: ServerAction::new(),
    };
    let [recorded, submitted] = year_changes(year.record, year.submit);
    let changes = [
        successes(ask.value()),
        successes(answer.value()),
        successes(leave.value()),
        successes(plan.value()),
        recorded,
        submitted,
    ];
    let data = resource(
        move || (id.get(), changes.map(|c| c.get())),
        move |(id, _)| cluster(id, part.asked().to_owned()),
    );
    let errors = [
        action_error(ask.value()),
        action_error(answer.value()),
        action_error(leave.value()),
        action_error(plan.value()),
    ];
    let error = Signal::derive(move || errors.iter().find_map(|e| e.get()));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, cluster.list_title).to_owned() />
                        <h1>{t!(i18n, cluster.list_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                    Ok(view) => view! {
                        <ClusterBody view part ask answer leave plan year error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClusterBody(
    view: ClusterView,
    part: ClusterPart,
    ask: ServerAction<AskToJoin>,
    answer: ServerAction<AnswerJoin>,
    leave: ServerAction<LeaveCluster>,
    plan: ServerAction<SaveDevelopmentPlan>,
    year: Year,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = view.kind;
    let plan_section = view.board.is_some().then(|| {
        let text = view.development_plan.clone();
        let form = view.leads.then(|| {
            let (id, current) = (view.id.clone(), text.clone());
            let version = view.development_plan_version;
            view! {
                <details>
                    <summary>{t!(i18n, cluster.edit_plan)}</summary>
                    <ActionForm action=plan>
                        <input type="hidden" name="cluster" value=id />
                        <input type="hidden" name="version" value=version />
                        <label class="label" for="development-plan">{t!(i18n, cluster.plan_heading)}</label>
                        <textarea class="textarea" id="development-plan" name="plan" rows="6">{current}</textarea>
                        <button type="submit" class="button button-secondary">{t!(i18n, cluster.save)}</button>
                    </ActionForm>
                </details>
            }
        });
        view! {
            <section aria-labelledby="plan-heading">
                <h2 id="plan-heading">{t!(i18n, cluster.plan_heading)}</h2>
                {if text.is_empty() {
                    view! { <p class="hint">{t!(i18n, cluster.no_plan)}</p> }.into_any()
                } else {
                    view! { <p class="answer-text">{text}</p> }.into_any()
                }}
                {form}
            </section>
        }
    });
    let name = view.name.clone();
    let members = view
        .members
        .iter()
        .map(|m| {
            let requested = m.state == Membership::Requested;
            let answer_form = (requested && view.leads).then(|| {
                let (cluster_a, school_a) = (view.id.clone(), m.school.id.clone());
                let (cluster_b, school_b) = (view.id.clone(), m.school.id.clone());
                let (school_name_a, school_name) = (m.school.name.clone(), m.school.name.clone());
                view! {
                    <div class="inline-forms">
                        <ActionForm action=answer>
                            <input type="hidden" name="cluster" value=cluster_a />
                            <input type="hidden" name="school" value=school_a />
                            <input type="hidden" name="answer" value="accept" />
                            <button type="submit" class="button button-small">
                                {t!(i18n, cluster.accept)}<span class="visually-hidden">" " {school_name_a}</span>
                            </button>
                        </ActionForm>
                        <ActionForm action=answer>
                            <input type="hidden" name="cluster" value=cluster_b />
                            <input type="hidden" name="school" value=school_b />
                            <input type="hidden" name="answer" value="decline" />
                            <button type="submit" class="button button-secondary button-small">
                                {t!(i18n, cluster.decline)}<span class="visually-hidden">" " {school_name}</span>
                            </button>
                        </ActionForm>
                    </div>
                }
            });
            let strengths = if m.strengths.is_empty() {
                "–".to_owned()
            } else {
                m.strengths
                    .iter()
                    .filter_map(|e| view.elements.iter().find(|(id, _)| id == e))
                    .map(|(_, t)| text_in(i18n, t, &view.default_language))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/schools/{}", m.school.id)>{m.school.name.clone()}</a>
                        {m.lead.then(|| view! { " " <strong class="tag">{t!(i18n, cluster.lead)}</strong> })}
                    </th>
                    <td>{m.school.city.clone()}</td>
                    <td>{m.school.current_award.clone().unwrap_or_else(|| "–".to_owned())}</td>
                    <td>{strengths}</td>
                    <td>
                        {if requested {
                            view! { <strong class="tag tag-warning">{t!(i18n, cluster.requested)}</strong> }.into_any()
                        } else {
                            view! { {t!(i18n, cluster.member)} }.into_any()
                        }}
                        {answer_form}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let join = (!view.may_join.is_empty()).then(|| {
        let id = view.id.clone();
        let schools = view.may_join.clone();
        view! {
            <ActionForm action=ask attr:class="filters">
                <input type="hidden" name="cluster" value=id />
                <div class="field">
                    <label class="label" for="join-school">{t!(i18n, cluster.join_as)}</label>
                    <select class="select" id="join-school" name="school">
                        {schools.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t!(i18n, cluster.ask_to_join)}</button>
            </ActionForm>
        }
    });
    let leave_forms = view
        .may_leave
        .iter()
        .map(|(school, school_name)| {
            let id = view.id.clone();
            let school = school.clone();
            let school_name = school_name.clone();
            view! {
                <ActionForm action=leave>
                    <input type="hidden" name="cluster" value=id />
                    <input type="hidden" name="school" value=school />
                    <button type="submit" class="button button-secondary button-small">
                        {t!(i18n, cluster.leave)} " " {school_name}
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    let meetings = view.update.is_some().then(|| {
        view! {
            <Meetings cluster=view.id.clone() meetings=view.meetings.clone() members=view.members.clone() leads=view.leads record=year.record />
        }
    });
    let update = view.update.clone().map(|update| {
        let writes = !view.acting_for.is_empty() || view.leads;
        view! {
            <AnnualUpdate
                cluster=view.id.clone()
                update
                elements=view.elements.clone()
                default_language=view.default_language.clone()
                writes
                leads=view.leads
                save=year.save
                submit=year.submit
            />
        }
    });
    let research_link = view.board.is_some().then(|| {
        let href = format!("/clusters/{}/research", view.id);
        view! {
            <section aria-labelledby="research-heading">
                <h2 id="research-heading">{t!(i18n, research.title)}</h2>
                <p>{t!(i18n, cluster.research_intro)}</p>
                <p><a href=href>{t!(i18n, cluster.research_link)}</a> " · " <a href="/practice">{t!(i18n, cluster.library_link)}</a></p>
            </section>
        }
    });
    let board = match view.board.clone() {
        Some(columns) => {
            use crate::components::islands::{IslandPage, IslandScripts};
            use crate::islands::board::{BoardView, ClusterBoard};
            let query = use_query_map().get_untracked();
            let board = BoardView {
                cluster: view.id.clone(),
                elements: view.elements.clone(),
                default_language: view.default_language.clone(),
                leads: view.leads,
                acting_for: view.acting_for.clone(),
                schools: view
                    .members
                    .iter()
                    .filter(|m| m.state == Membership::Member)
                    .map(|m| (m.school.id.clone(), m.school.name.clone()))
                    .collect(),
                columns,
                file_problem: query.get("card").zip(query.get("file_problem")),
            };
            view! { <ClusterBoard page=IslandPage::here() board /> <IslandScripts /> }.into_any()
        }
        None => ().into_any(),
    };
    let reads = view.board.is_some();
    let parts = reads.then(|| {
        let links = std::iter::once(ClusterPart::Overview)
            .chain(ClusterPart::MEMBERS_ONLY)
            .map(|p| {
                let href = format!("/clusters/{}{}", view.id, p.path());
                view! {
                    <li><a href=href aria-current=(p == part).then_some("page")>{move || p.label(i18n)}</a></li>
                }
            })
            .collect_view();
        let research = format!("/clusters/{}/research", view.id);
        view! {
            <nav class="cluster-parts" aria-label=move || t_string!(i18n, cluster.parts_label)>
                <ul>{links} <li><a href=research>{t!(i18n, research.title)}</a></li></ul>
            </nav>
        }
    });
    let title = if part == ClusterPart::Overview {
        name.clone()
    } else {
        format!("{} · {}", part.label(i18n), name)
    };
    let body = match part {
        _ if !reads && part != ClusterPart::Overview => {
            view! { <p class="notice">{t!(i18n, cluster.board_members_only)}</p> }.into_any()
        }
        ClusterPart::Overview => view! {
            {(!view.description.is_empty()).then(|| view! { <p class="answer-text">{view.description.clone()}</p> })}
            <section aria-labelledby="members-heading">
                <h2 id="members-heading">{t!(i18n, cluster.members_heading)}</h2>
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">{t!(i18n, cluster.members_heading)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, cluster.school)}</th>
                                <th scope="col">{t!(i18n, cluster.city)}</th>
                                <th scope="col">{t!(i18n, cluster.award)}</th>
                                <th scope="col">{t!(i18n, cluster.strengths)}</th>
                                <th scope="col">{t!(i18n, cluster.state)}</th>
                            </tr>
                        </thead>
                        <tbody>{members}</tbody>
                    </table>
                </div>
                {join}
                {leave_forms}
            </section>
            {(!reads).then(|| view! { <p class="notice">{t!(i18n, cluster.board_members_only)}</p> })}
            {reads.then(|| view! {
                <ClusterProgress
                    progress=view.progress.clone()
                    elements=view.elements.clone()
                    default_language=view.default_language.clone()
                />
            })}
            {research_link}
        }
        .into_any(),
        ClusterPart::Board => board.into_any(),
        ClusterPart::Plan => plan_section.into_any(),
        ClusterPart::Meetings => meetings.into_any(),
        ClusterPart::Update => update.into_any(),
    };
    view! {
        <Title text=title />
        <p class="back-link"><a href="/clusters">{t!(i18n, cluster.back)}</a></p>
        <span class="caption">{move || kind_label(i18n, kind)}</span>
        <h1>{name}</h1>
        {parts}
        <FormErrors error />
        {body}
    }
}

/// The actions of the cluster's year: meetings and the annual update.
#[derive(Clone, Copy)]
struct Year {
    record: ServerAction<crate::api::meetings::RecordMeeting>,
    save: ServerAction<crate::api::meetings::SaveUpdateSection>,
    submit: ServerAction<crate::api::meetings::SubmitAnnualUpdate>,
}

/// The member schools' validated element scores over the years: a chart
/// with its table.
#[component]
fn ClusterProgress(
    progress: Vec<(i32, Vec<crate::domain::dashboard::ElementAverage>)>,
    elements: Vec<(String, crate::domain::Text)>,
    default_language: String,
) -> impl IntoView {
    use crate::components::charts::{percent_figure, BarGroup, GroupedBarChart};
    let i18n = use_i18n();
    let chart = (!progress.is_empty()).then(|| {
        let groups: Vec<BarGroup> = elements
            .iter()
            .filter_map(|(id, title)| {
                let bars: Vec<(String, u32, String)> = progress
                    .iter()
                    .filter_map(|(year, averages)| {
                        averages
                            .iter()
                            .find(|a| &a.element == id)
                            .map(|a| (year.to_string(), a.average, percent_figure(a.average)))
                    })
                    .collect();
                (!bars.is_empty()).then(|| BarGroup {
                    label: text_in(i18n, title, &default_language),
                    bars,
                })
            })
            .collect();
        view! {
            <GroupedBarChart
                id="chart-cluster-progress"
                caption=t_string!(i18n, cluster.progress_caption).to_owned()
                groups
                max=1000
                label_heading=t_string!(i18n, dashboard.element_year).to_owned()
                value_heading=t_string!(i18n, dashboard.validated_score).to_owned()
            />
        }
    });
    view! {
        <section aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t!(i18n, cluster.progress_heading)}</h2>
            {match chart {
                Some(chart) => chart.into_any(),
                None => view! { <p class="hint">{t!(i18n, cluster.no_progress)}</p> }.into_any(),
            }}
        </section>
    }
}
