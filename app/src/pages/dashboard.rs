//! The network dashboard: a network's (or every school's) figures from
//! the latest validated reviews, with charts drawn on the server, a
//! drill-down to a region and to a school, and CSV downloads of what is on
//! screen. The school's own chart of its elements across reviews is here
//! too, for the school page and the drill-down.

use super::ErrorMessage;
use crate::api::dashboard::{network_dashboard, school_results};
use crate::codec::resource;
use crate::components::charts::{
    percent_figure, Bar, BarChart, BarGroup, ColumnChart, GroupedBarChart,
};
use crate::components::layout::text_in;
use crate::components::layout::PageTitle;
use crate::components::regions::region_name;
use crate::domain::dashboard::SCORE_BANDS;
use crate::domain::Text;
use crate::i18n::*;
use crate::model::{query_value, DashboardView, SchoolScores};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The address of the dashboard for a network, region and framework (each
/// empty, or the cluster framework, for the default).
fn dashboard_href(network: &str, region: &str, framework: &str) -> String {
    let mut query = Vec::new();
    if !network.is_empty() {
        query.push(format!("network={}", query_value(network)));
    }
    if !region.is_empty() {
        query.push(format!("region={}", query_value(region)));
    }
    if !framework.is_empty() && framework != crate::domain::cluster::CLUSTER_FRAMEWORK {
        query.push(format!("framework={}", query_value(framework)));
    }
    if query.is_empty() {
        "/dashboard".to_owned()
    } else {
        format!("/dashboard?{}", query.join("&"))
    }
}

/// A framework text for an id from a list of (id, text), or the id itself.
fn title_of(
    i18n: leptos_i18n::I18nContext<Locale>,
    titles: &[(String, Text)],
    id: &str,
    default_language: &str,
) -> String {
    titles
        .iter()
        .find(|(i, _)| i == id)
        .map(|(_, t)| text_in(i18n, t, default_language))
        .unwrap_or_else(|| id.to_owned())
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let scope = move || {
        query.with(|q| {
            (
                q.get("network").unwrap_or_default(),
                q.get("region").unwrap_or_default(),
                q.get("framework").unwrap_or_default(),
            )
        })
    };
    let data = resource(scope, |(network, region, framework)| {
        network_dashboard(network, region, framework)
    });
    view! {
        <PageTitle text=move || t_string!(i18n, dashboard.title).to_owned() />
        <h1>{t!(i18n, dashboard.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Dashboard view /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Dashboard(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let view = StoredValue::new(view);
    let v = view.get_value();
    let scope_name = {
        let name = v.scope_name.clone();
        move || {
            if name.is_empty() {
                t_string!(i18n, dashboard.all_schools).to_owned()
            } else {
                name.clone()
            }
        }
    };
    let region = region_name(i18n, &v.region);
    view! {
        <p class="lead">
            <span data-testid="scope">{scope_name}</span>
            {(!region.is_empty()).then(|| view! { " · " {t!(i18n, dashboard.region)} " " {region.clone()} })}
        </p>
        <p>{t!(i18n, dashboard.intro)}</p>
        <ScopeForm view=v.clone() />
        <KeyFigures view=v.clone() />
        <Weakest view=v.clone() />
        <section aria-labelledby="elements-heading">
            <h2 id="elements-heading">{t!(i18n, dashboard.elements_heading)}</h2>
            {move || element_chart(i18n, &view.get_value())}
            {move || year_chart(i18n, &view.get_value())}
        </section>
        <section aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">{t!(i18n, dashboard.distribution_heading)}</h2>
            {move || distribution_chart(i18n, &view.get_value())}
        </section>
        {if v.region.is_empty() {
            view! { <Regions view=v.clone() /> }.into_any()
        } else {
            view! { <RegionSchools view=v.clone() /> }.into_any()
        }}
        <section aria-labelledby="phases-heading">
            <h2 id="phases-heading">{t!(i18n, dashboard.phases_heading)}</h2>
            {move || phase_chart(i18n, &view.get_value())}
        </section>
        <section aria-labelledby="awards-heading">
            <h2 id="awards-heading">{t!(i18n, dashboard.awards_heading)}</h2>
            {move || award_chart(i18n, &view.get_value())}
        </section>
        <Downloads network=v.network.clone() region=v.region.clone() framework=v.framework.clone() />
    }
}

/// Which schools (a network, or all) and whose scores (a framework), as a
/// form that works without script.
#[component]
fn ScopeForm(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let choices = view.networks.len() + usize::from(view.all_schools);
    if choices < 2 && view.frameworks.len() < 2 {
        return ().into_any();
    }
    let current = view.network.clone();
    let options = view
        .networks
        .iter()
        .map(|(id, name)| {
            view! { <option value=id.clone() selected=*id == current>{name.clone()}</option> }
        })
        .collect_view();
    let all_selected = view.network.is_empty();
    let networks = (choices >= 2).then(|| {
        view! {
            <div class="field">
                <label class="label" for="scope-network">{t!(i18n, dashboard.network_label)}</label>
                <select class="select" id="scope-network" name="network">
                    {view.all_schools.then(|| view! {
                        <option value="" selected=all_selected>{t!(i18n, dashboard.all_schools)}</option>
                    })}
                    {options}
                </select>
            </div>
        }
    });
    // With one network to choose from, the form keeps it.
    let kept = (choices < 2 && !view.network.is_empty())
        .then(|| view! { <input type="hidden" name="network" value=view.network.clone() /> });
    let frameworks = view
        .frameworks
        .iter()
        .map(|(id, title)| {
            let title = text_in(i18n, title, &view.default_language);
            view! { <option value=id.clone() selected=*id == view.framework>{title}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action="/dashboard" class="filters">
            {networks}
            {kept}
            <div class="field">
                <label class="label" for="scope-framework">{t!(i18n, dashboard.framework_label)}</label>
                <select class="select" id="scope-framework" name="framework">{frameworks}</select>
            </div>
            <button type="submit" class="button">{t!(i18n, dashboard.show)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn KeyFigures(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let schools: u32 = view.regions.iter().map(|r| r.schools).sum();
    let learners: u64 = view.regions.iter().map(|r| r.learners).sum();
    let awarded: u32 = view.regions.iter().map(|r| r.awarded).sum();
    // The average of the schools' scores, weighted by how many have one.
    let scored: u32 = view.distribution.iter().sum();
    let average = {
        let total: u64 = view
            .regions
            .iter()
            .filter_map(|r| r.average.map(|a| u64::from(a) * u64::from(r.schools)))
            .sum();
        let counted: u64 = view
            .regions
            .iter()
            .filter(|r| r.average.is_some())
            .map(|r| u64::from(r.schools))
            .sum();
        (counted > 0).then(|| u32::try_from(total / counted).unwrap_or(0))
    };
    view! {
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading" class="visually-hidden">{t!(i18n, dashboard.figures_heading)}</h2>
            <dl class="summary-list key-figures" data-testid="key-figures">
                <div><dt>{t!(i18n, network.schools)}</dt><dd data-testid="schools">{schools}</dd></div>
                <div><dt>{t!(i18n, network.learners)}</dt><dd>{learners}</dd></div>
                <div><dt>{t!(i18n, dashboard.awarded)}</dt><dd>{awarded}</dd></div>
                <div><dt>{t!(i18n, dashboard.scored)}</dt><dd>{scored}</dd></div>
                <div>
                    <dt>{t!(i18n, dashboard.average)}</dt>
                    <dd>{average.map(percent_figure).unwrap_or_else(|| "–".to_owned())}</dd>
                </div>
                <div><dt>{t!(i18n, dashboard.due_soon)}</dt><dd>{view.due_soon}</dd></div>
                <div><dt>{t!(i18n, dashboard.overdue)}</dt><dd>{view.overdue}</dd></div>
            </dl>
        </section>
    }
}

/// The elements where the schools are weakest, in words.
#[component]
fn Weakest(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    if view.weakest.is_empty() {
        return view! { <p class="notice">{t!(i18n, dashboard.no_results)}</p> }.into_any();
    }
    let items = view
        .weakest
        .iter()
        .filter_map(|id| view.elements.iter().find(|e| e.element == *id))
        .map(|e| {
            let (titles, lang, id) = (
                view.element_titles.clone(),
                view.default_language.clone(),
                e.element.clone(),
            );
            let average = percent_figure(e.average);
            view! {
                <li>
                    <strong>{move || title_of(i18n, &titles, &id, &lang)}</strong>
                    ": " {average}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="notice" aria-labelledby="weakest-heading" data-testid="weakest">
            <h2 id="weakest-heading" class="heading-small">{t!(i18n, dashboard.weakest_heading)}</h2>
            <ol>{items}</ol>
        </section>
    }
    .into_any()
}

fn element_chart(i18n: leptos_i18n::I18nContext<Locale>, view: &DashboardView) -> impl IntoView {
    let bars = view
        .elements
        .iter()
        .map(|e| {
            let weak = view.weakest.contains(&e.element);
            let mut figure = percent_figure(e.average);
            if weak {
                figure = format!("{figure} · {}", t_string!(i18n, dashboard.weak_mark));
            }
            Bar {
                label: title_of(
                    i18n,
                    &view.element_titles,
                    &e.element,
                    &view.default_language,
                ),
                value: e.average,
                figure,
                strong: weak,
            }
        })
        .collect();
    view! {
        <BarChart
            id="chart-elements"
            caption=t_string!(i18n, dashboard.elements_caption).to_owned()
            bars
            max=1000
            label_heading=t_string!(i18n, dashboard.element).to_owned()
            value_heading=t_string!(i18n, dashboard.average_score).to_owned()
        />
    }
}

fn year_chart(i18n: leptos_i18n::I18nContext<Locale>, view: &DashboardView) -> impl IntoView {
    if view.by_year.len() < 2 {
        return ().into_any();
    }
    let groups = view
        .element_titles
        .iter()
        .filter(|(id, _)| view.elements.iter().any(|e| e.element == *id))
        .map(|(id, title)| BarGroup {
            label: text_in(i18n, title, &view.default_language),
            bars: view
                .by_year
                .iter()
                .filter_map(|(year, all)| {
                    all.iter()
                        .find(|e| e.element == *id)
                        .map(|e| (year.to_string(), e.average, percent_figure(e.average)))
                })
                .collect(),
        })
        .collect();
    view! {
        <GroupedBarChart
            id="chart-years"
            caption=t_string!(i18n, dashboard.years_caption).to_owned()
            groups
            max=1000
            label_heading=t_string!(i18n, dashboard.element_year).to_owned()
            value_heading=t_string!(i18n, dashboard.average_score).to_owned()
        />
    }
    .into_any()
}

fn distribution_chart(
    i18n: leptos_i18n::I18nContext<Locale>,
    view: &DashboardView,
) -> impl IntoView {
    let bars = (0..SCORE_BANDS)
        .map(|band| {
            let n = view.distribution.get(band).copied().unwrap_or(0);
            let low = band * 10;
            let high = if band + 1 == SCORE_BANDS {
                100
            } else {
                low + 9
            };
            Bar {
                label: format!("{low}–{high}%"),
                value: n,
                figure: n.to_string(),
                strong: false,
            }
        })
        .collect();
    view! {
        <ColumnChart
            id="chart-distribution"
            caption=t_string!(i18n, dashboard.distribution_caption).to_owned()
            bars
            label_heading=t_string!(i18n, dashboard.score_band).to_owned()
            value_heading=t_string!(i18n, network.schools).to_owned()
        />
    }
}

/// Schools counted by something (a phase, an award), as bars.
fn count_chart(
    id: &'static str,
    caption: &str,
    label_heading: &str,
    counts: Vec<(String, u32)>,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> impl IntoView {
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let bars = counts
        .into_iter()
        .map(|(label, n)| Bar {
            label,
            value: n,
            figure: n.to_string(),
            strong: false,
        })
        .collect();
    view! {
        <BarChart
            id
            caption=caption.to_owned()
            bars
            max
            label_heading=label_heading.to_owned()
            value_heading=t_string!(i18n, network.schools).to_owned()
        />
    }
}

fn phase_chart(i18n: leptos_i18n::I18nContext<Locale>, view: &DashboardView) -> impl IntoView {
    let counts = view
        .phases
        .iter()
        .map(|(phase, n)| (super::schools::phase_label(i18n, phase).to_owned(), *n))
        .collect();
    count_chart(
        "chart-phases",
        t_string!(i18n, network.by_phase),
        t_string!(i18n, schools.col_phase),
        counts,
        i18n,
    )
}

fn award_chart(i18n: leptos_i18n::I18nContext<Locale>, view: &DashboardView) -> impl IntoView {
    let counts = view
        .awards_held
        .iter()
        .map(|(award, n)| {
            let title = title_of(i18n, &view.award_titles, award, &view.default_language);
            (title, *n)
        })
        .collect();
    count_chart(
        "chart-awards",
        t_string!(i18n, network.by_award),
        t_string!(i18n, network.award),
        counts,
        i18n,
    )
}

/// Every region: a chart of schools, and a table whose names drill down.
#[component]
fn Regions(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let max = view.regions.iter().map(|r| r.schools).max().unwrap_or(0);
    // Schools whose region was never given are counted, under their own
    // label, but cannot be drilled into.
    let name = move |region: &str| {
        if region.is_empty() {
            t_string!(i18n, dashboard.no_region).to_owned()
        } else {
            region_name(i18n, region)
        }
    };
    // By name in the reader's language, the schools without one last.
    let mut view = view;
    view.regions
        .sort_by_cached_key(|r| (r.region.is_empty(), name(&r.region)));
    let regions = view.regions.clone();
    let bars = move || -> Vec<Bar> {
        regions
            .iter()
            .map(|r| Bar {
                label: name(&r.region),
                value: r.schools,
                figure: r.schools.to_string(),
                strong: false,
            })
            .collect()
    };
    let rows = view
        .regions
        .iter()
        .map(|r| {
            let region = if r.region.is_empty() {
                view! { {move || name("")} }.into_any()
            } else {
                let href = dashboard_href(&view.network, &r.region, &view.framework);
                view! { <a href=href>{name(&r.region)}</a> }.into_any()
            };
            view! {
                <tr>
                    <th scope="row">{region}</th>
                    <td class="numeric">{r.schools}</td>
                    <td class="numeric">{r.learners}</td>
                    <td class="numeric">{r.awarded}</td>
                    <td class="numeric">{r.average.map(percent_figure).unwrap_or_else(|| "–".to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="regions-heading">
            <h2 id="regions-heading">{t!(i18n, dashboard.regions_heading)}</h2>
            {move || view! {
                <BarChart
                    id="chart-regions"
                    caption=t_string!(i18n, dashboard.regions_caption).to_owned()
                    bars=bars()
                    max
                    label_heading=t_string!(i18n, dashboard.region).to_owned()
                    value_heading=t_string!(i18n, network.schools).to_owned()
                    table=false
                />
            }}
            <div class="table-wrap">
                <table class="table" data-testid="regions">
                    <caption>{t!(i18n, dashboard.regions_table)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, dashboard.region)}</th>
                            <th scope="col" class="numeric">{t!(i18n, network.schools)}</th>
                            <th scope="col" class="numeric">{t!(i18n, network.learners)}</th>
                            <th scope="col" class="numeric">{t!(i18n, dashboard.awarded)}</th>
                            <th scope="col" class="numeric">{t!(i18n, dashboard.average_score)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// One region's schools, each drilling down to its own figures.
#[component]
fn RegionSchools(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let region = region_name(i18n, &view.region);
    let back = dashboard_href(&view.network, "", &view.framework);
    let rows = view
        .schools
        .iter()
        .map(|s| {
            let query = dashboard_href(&view.network, "", &view.framework);
            let query = query.strip_prefix("/dashboard").unwrap_or_default();
            let href = format!("/dashboard/schools/{}{query}", s.id);
            let phase = s.phase.clone();
            let award = s.award.clone().map(|a| {
                title_of(i18n, &view.award_titles, &a, &view.default_language)
            });
            view! {
                <tr>
                    <th scope="row"><a href=href>{s.name.clone()}</a></th>
                    <td>{move || super::schools::phase_label(i18n, &phase)}</td>
                    <td>{award.unwrap_or_default()}</td>
                    <td class="numeric">{s.overall.map(percent_figure).unwrap_or_else(|| "–".to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="region-schools-heading">
            <h2 id="region-schools-heading">{t!(i18n, dashboard.region_schools_heading)} " " {region.clone()}</h2>
            <p><a href=back>{t!(i18n, dashboard.all_regions)}</a></p>
            <div class="table-wrap">
                <table class="table" data-testid="region-schools">
                    <caption class="visually-hidden">{t!(i18n, dashboard.region_schools_heading)} " " {region}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, schools.col_name)}</th>
                            <th scope="col">{t!(i18n, schools.col_phase)}</th>
                            <th scope="col">{t!(i18n, network.award)}</th>
                            <th scope="col" class="numeric">{t!(i18n, dashboard.latest_score)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// CSV downloads of what is on screen.
#[component]
fn Downloads(network: String, region: String, framework: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = dashboard_href(&network, &region, &framework)
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    let link = |name: &str| format!("/dashboard/exports/{name}{query}");
    view! {
        <section class="panel" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">{t!(i18n, dashboard.downloads_heading)}</h2>
            <p>{t!(i18n, dashboard.downloads_intro)}</p>
            <ul class="link-list">
                <li><a href=link("schools") download="" rel="external">{t!(i18n, dashboard.download_schools)}</a></li>
                <li><a href=link("assessments") download="" rel="external">{t!(i18n, dashboard.download_assessments)}</a></li>
                <li><a href=link("awards") download="" rel="external">{t!(i18n, dashboard.download_awards)}</a></li>
            </ul>
        </section>
    }
}

/// One school's figures, for the dashboard's drill-down.
#[component]
pub fn DashboardSchoolPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let network = move || query.with(|q| q.get("network").unwrap_or_default());
    let framework = move || query.with(|q| q.get("framework").unwrap_or_default());
    let data = resource(
        move || (id(), framework()),
        |(id, framework)| school_results(id, framework),
    );
    view! {
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(results) => {
                        let back = dashboard_href(&network(), &results.region, &framework());
                        let award = results.school.award.clone().unwrap_or_default();
                        let phase = results.school.phase.clone();
                        let region = region_name(i18n, &results.region);
                        view! {
                            <Title text=results.school.name.clone() />
                            <p class="back-link"><a href=back>{t!(i18n, dashboard.back_to_region)} " " {region.clone()}</a></p>
                            <h1>{results.school.name.clone()}</h1>
                            <dl class="summary-list">
                                <div><dt>{t!(i18n, schools.col_phase)}</dt><dd>{move || super::schools::phase_label(i18n, &phase)}</dd></div>
                                <div><dt>{t!(i18n, dashboard.region)}</dt><dd>{region}</dd></div>
                                <div><dt>{t!(i18n, schools.col_learners)}</dt><dd>{results.learners}</dd></div>
                                <div><dt>{t!(i18n, network.award)}</dt><dd>{award}</dd></div>
                                <div>
                                    <dt>{t!(i18n, dashboard.latest_score)}</dt>
                                    <dd>{results.school.overall.map(percent_figure).unwrap_or_else(|| "–".to_owned())}</dd>
                                </div>
                            </dl>
                            <SchoolResultsChart results />
                        }
                        .into_any()
                    }
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, dashboard.title).to_owned() />
                        <h1>{t!(i18n, dashboard.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// A school's validated score per element, review by review (a bar per
/// year under each element), with the overall score beside.
#[component]
pub fn SchoolResultsChart(results: SchoolScores) -> impl IntoView {
    let i18n = use_i18n();
    if results.years.is_empty() {
        return view! { <p>{t!(i18n, dashboard.no_school_results)}</p> }.into_any();
    }
    let results = StoredValue::new(results);
    let chart = move || {
        let r = results.get_value();
        let mut groups: Vec<BarGroup> = r
            .element_titles
            .iter()
            .filter(|(id, _)| r.years.iter().any(|(_, s)| s.iter().any(|(e, _)| e == id)))
            .map(|(id, title)| BarGroup {
                label: text_in(i18n, title, &r.default_language),
                bars: r
                    .years
                    .iter()
                    .filter_map(|(year, scores)| {
                        scores
                            .iter()
                            .find(|(e, _)| e == id)
                            .map(|(_, s)| (year.to_string(), *s, percent_figure(*s)))
                    })
                    .collect(),
            })
            .collect();
        groups.push(BarGroup {
            label: t_string!(i18n, dashboard.overall).to_owned(),
            bars: r
                .overall
                .iter()
                .map(|(year, s)| (year.to_string(), *s, percent_figure(*s)))
                .collect(),
        });
        view! {
            <GroupedBarChart
                id="chart-school"
                caption=t_string!(i18n, dashboard.school_caption).to_owned()
                groups
                max=1000
                label_heading=t_string!(i18n, dashboard.element_year).to_owned()
                value_heading=t_string!(i18n, dashboard.validated_score).to_owned()
            />
        }
    };
    view! {
        <section aria-labelledby="school-results-heading">
            <h2 id="school-results-heading">{t!(i18n, dashboard.school_heading)}</h2>
            {chart}
        </section>
    }
    .into_any()
}

/// The school page's chart: loaded on its own, for those who may see it.
#[component]
pub fn SchoolResultsSection(school: String) -> impl IntoView {
    let data = resource(
        move || school.clone(),
        |school| school_results(school, String::new()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.ok().map(|results| view! { <SchoolResultsChart results /> })
            })}
        </Suspense>
    }
}
