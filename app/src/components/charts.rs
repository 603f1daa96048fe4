//! Charts drawn as SVG while the page is rendered on the server, so they
//! show before (and without) the page's script. Each has a title for
//! screen readers and its figures as a table in a disclosure below it, for
//! anyone who would rather read than look. Bars never rely on colour
//! alone: every bar carries its figure, and highlighted bars say why.

use crate::i18n::*;
use leptos::prelude::*;

/// One bar: what it is, how long it is, and the figure written beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub figure: String,
    /// Drawn in the warning colour (the figure should say why too).
    pub strong: bool,
}

/// A group of bars under one label: an element's score, year by year.
#[derive(Clone, Debug, PartialEq)]
pub struct BarGroup {
    pub label: String,
    /// (series name, value, figure).
    pub bars: Vec<(String, u32, String)>,
}

/// A validated score (permille) as the whole percent a chart shows.
pub fn percent_figure(permille: u32) -> String {
    format!("{}%", crate::domain::dashboard::percent(permille))
}

const WIDTH: u32 = 640;
/// Room left of a grouped bar for its series name.
const SERIES_LABEL: u32 = 56;
/// Room right of the longest bar for its figure.
const FIGURE_ROOM: u32 = 80;

fn length(value: u32, max: u32, room: u32) -> u32 {
    if max == 0 {
        0
    } else {
        (u64::from(value) * u64::from(room) / u64::from(max)) as u32
    }
}

/// A disclosure with the chart's figures as a table.
#[component]
fn FiguresTable(
    caption: String,
    label_heading: String,
    value_heading: String,
    rows: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = rows
        .into_iter()
        .map(|(label, figure)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="numeric">{figure}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="chart-figures">
            <summary>{t!(i18n, dashboard.show_table)}</summary>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{label_heading}</th>
                            <th scope="col" class="numeric">{value_heading}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}

/// A chart's figures as a table: the two column headings and the rows
/// (label, figure).
type Figures = (String, String, Vec<(String, String)>);

/// The figure around a chart: its caption, the SVG (named by the caption
/// for screen readers) and, with `rows`, the figures as a table.
#[component]
fn ChartFrame(
    id: &'static str,
    caption: String,
    height: u32,
    rows: Option<Figures>,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    view! {
        <figure class="chart" id=id>
            <figcaption class="chart-caption">{caption.clone()}</figcaption>
            <svg
                class="chart-svg"
                viewBox=format!("0 0 {WIDTH} {}", height.max(1))
                role="img"
                aria-labelledby=title_id.clone()
                focusable="false"
            >
                <title id=title_id.clone()>{caption.clone()}</title>
                {children()}
            </svg>
            {rows.map(|(label_heading, value_heading, rows)| view! {
                <FiguresTable caption label_heading value_heading rows />
            })}
        </figure>
    }
}

/// Horizontal bars, each label written above its bar. `max` is the
/// value of a full-length bar. With `table`, the figures follow in a
/// disclosure (leave it out where the page already has them in a table).
#[component]
pub fn BarChart(
    id: &'static str,
    caption: String,
    bars: Vec<Bar>,
    max: u32,
    label_heading: String,
    value_heading: String,
    #[prop(default = true)] table: bool,
) -> impl IntoView {
    const ROW: u32 = 40;
    let height = ROW * bars.len() as u32 + 4;
    let room = WIDTH - FIGURE_ROOM;
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = ROW * i as u32;
            let w = length(bar.value, max, room);
            let class = if bar.strong {
                "chart-bar chart-bar-strong"
            } else {
                "chart-bar"
            };
            view! {
                <text x="0" y=y + 14 class="chart-label">{bar.label.clone()}</text>
                <rect x="0" y=y + 20 width=w.max(1) height="14" class=class />
                <text x=w + 6 y=y + 32 class="chart-figure">{bar.figure.clone()}</text>
            }
        })
        .collect_view();
    let rows: Vec<(String, String)> = bars
        .iter()
        .map(|b| (b.label.clone(), b.figure.clone()))
        .collect();
    let rows = table.then_some((label_heading, value_heading, rows));
    view! { <ChartFrame id caption height rows>{drawn}</ChartFrame> }
}

/// Groups of horizontal bars: for each label a bar per series (a year),
/// each named on its left, so the series read without a colour key.
#[component]
pub fn GroupedBarChart(
    id: &'static str,
    caption: String,
    groups: Vec<BarGroup>,
    max: u32,
    label_heading: String,
    value_heading: String,
) -> impl IntoView {
    const LABEL: u32 = 22;
    const BAR: u32 = 16;
    const GAP: u32 = 10;
    let room = WIDTH - SERIES_LABEL - FIGURE_ROOM;
    let mut y = 0;
    let mut drawn = Vec::new();
    for group in &groups {
        drawn.push(
            view! { <text x="0" y=y + 15 class="chart-label">{group.label.clone()}</text> }
                .into_any(),
        );
        y += LABEL;
        for (n, (series, value, figure)) in group.bars.iter().enumerate() {
            let w = length(*value, max, room);
            let class = format!("chart-bar chart-series-{}", n % 3);
            drawn.push(
                view! {
                    <text x="0" y=y + 12 class="chart-series">{series.clone()}</text>
                    <rect x=SERIES_LABEL y=y + 1 width=w.max(1) height=BAR - 4 class=class />
                    <text x=SERIES_LABEL + w + 6 y=y + 12 class="chart-figure">{figure.clone()}</text>
                }
                .into_any(),
            );
            y += BAR;
        }
        y += GAP;
    }
    let rows: Vec<(String, String)> = groups
        .iter()
        .flat_map(|g| {
            g.bars
                .iter()
                .map(|(series, _, figure)| (format!("{} · {series}", g.label), figure.clone()))
        })
        .collect();
    let rows = Some((label_heading, value_heading, rows));
    view! { <ChartFrame id caption height=y rows>{drawn}</ChartFrame> }
}

/// Vertical columns side by side (a histogram), each named below and
/// with its figure above.
#[component]
pub fn ColumnChart(
    id: &'static str,
    caption: String,
    bars: Vec<Bar>,
    label_heading: String,
    value_heading: String,
) -> impl IntoView {
    const HEIGHT: u32 = 220;
    const TOP: u32 = 20;
    const BOTTOM: u32 = 24;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let slot = WIDTH / (bars.len().max(1) as u32);
    let room = HEIGHT - TOP - BOTTOM;
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let h = length(bar.value, max, room);
            let x = slot * i as u32;
            let middle = x + slot / 2;
            view! {
                <rect x=x + 4 y=TOP + room - h width=slot - 8 height=h.max(1) class="chart-bar" />
                <text x=middle y=TOP + room - h - 4 class="chart-figure" text-anchor="middle">
                    {bar.figure.clone()}
                </text>
                <text x=middle y=HEIGHT - 6 class="chart-series" text-anchor="middle">
                    {bar.label.clone()}
                </text>
            }
        })
        .collect_view();
    let rows: Vec<(String, String)> = bars
        .iter()
        .map(|b| (b.label.clone(), b.figure.clone()))
        .collect();
    let rows = Some((label_heading, value_heading, rows));
    view! { <ChartFrame id caption height=HEIGHT rows>{drawn}</ChartFrame> }
}
