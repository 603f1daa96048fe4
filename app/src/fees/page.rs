//! The fees page: `/admin/fees[?award=…]`. Every award's schedules, and
//! for certification admins the form that sets new fees for one award.

use super::{fee_schedules, FeeAward, FeeRow, FeesView, SetFeeSchedule};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{
    action_done, action_error, successes, FormErrors, KeepTyping, Notice,
};
use crate::components::layout::{text_in, PageTitle};
use crate::domain::fees::{
    format_money, plain_amount, schedule_on, Currency, FeeSchedule, FeeScheduleError,
};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn FeesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let save = ServerAction::<SetFeeSchedule>::new();
    let saves = successes(save.value());
    let data = resource(move || saves.get(), |_| fee_schedules());
    let error = action_error(save.value());
    let saved = action_done(save);
    view! {
        <PageTitle text=move || t_string!(i18n, fees.title).to_owned() />
        <h1>{t!(i18n, fees.title)}</h1>
        <p>{t!(i18n, fees.intro)}</p>
        <Notice show=saved>{t!(i18n, fees.saved)}</Notice>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(fees) => {
                        let chosen = query.with_untracked(|q| q.get("award")).unwrap_or_default();
                        view! { <Fees fees chosen save error /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Fees(
    fees: FeesView,
    chosen: String,
    save: ServerAction<SetFeeSchedule>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let sections = fees
        .awards
        .iter()
        .map(|award| {
            let mine: Vec<FeeSchedule> = fees
                .schedules
                .iter()
                .filter(|s| s.award == award.id)
                .cloned()
                .collect();
            view! { <AwardFees award=award.clone() schedules=mine today=fees.today.clone() may_change=fees.may_change /> }
        })
        .collect_view();
    let form = fees
        .awards
        .iter()
        .find(|a| a.id == chosen)
        .filter(|_| fees.may_change)
        .map(|award| {
            view! { <NewFeesForm award=award.clone() schedules=fees.schedules.clone() today=fees.today.clone() save error /> }
        });
    view! { {form} {sections} }
}

fn currency_name(i18n: leptos_i18n::I18nContext<Locale>, currency: Currency) -> &'static str {
    match currency {
        Currency::Gbp => t_string!(i18n, fees.gbp),
        Currency::Cny => t_string!(i18n, fees.cny),
    }
}

/// "Set new fees for Inclusive School"; in Chinese without the space.
fn for_award(i18n: leptos_i18n::I18nContext<Locale>, words: &str, award: &str) -> String {
    match i18n.get_locale() {
        Locale::zh => format!("{words}{award}"),
        Locale::en => format!("{words} {award}"),
    }
}

/// "1–400" or "2001 and more".
fn learners_label(i18n: leptos_i18n::I18nContext<Locale>, min: u32, max: Option<u32>) -> String {
    match max {
        Some(max) => format!("{min}–{max}"),
        None => format!("{min} {}", t_string!(i18n, fees.and_more)),
    }
}

/// One award's schedules, newest first, each band a row.
#[component]
fn AwardFees(
    award: FeeAward,
    schedules: Vec<FeeSchedule>,
    today: String,
    may_change: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = text_in(i18n, &award.title, &award.default_language);
    let framework = text_in(i18n, &award.framework_title, &award.default_language);
    let heading_id = format!("fees-{}", award.id);
    let current = schedule_on(&schedules, &award.id, &today).map(|s| s.effective_from.clone());
    let groups = schedules
        .iter()
        .rev()
        .map(|s| {
            let state = if Some(&s.effective_from) == current.as_ref() {
                t_string!(i18n, fees.in_effect)
            } else if s.effective_from > today {
                t_string!(i18n, fees.upcoming)
            } else {
                t_string!(i18n, fees.replaced)
            };
            let count = s.bands.len().to_string();
            let rows = s
                .bands
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let money = |m: u64| format_money(m, s.currency);
                    view! {
                        <tr>
                            {(i == 0).then(|| view! {
                                <th scope="rowgroup" rowspan=count.clone()>
                                    {s.effective_from.clone()}<br /><span class="hint">{state}</span>
                                </th>
                            })}
                            <td>{learners_label(i18n, b.min_learners, b.max_learners)}</td>
                            <td>{money(b.yearly[0])}</td>
                            <td>{money(b.yearly[1])}</td>
                            <td>{money(b.yearly[2])}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! { <tbody>{rows}</tbody> }
        })
        .collect_view();
    let set_link = may_change.then(|| {
        view! {
            <p>
                <a href=format!("/admin/fees?award={}#set-fees", award.id)>
                    {for_award(i18n, t_string!(i18n, fees.set_link), &title)}
                </a>
            </p>
        }
    });
    view! {
        <section class="review-section" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title.clone()} " " <span class="caption">{framework}</span></h2>
            {if schedules.is_empty() {
                view! { <p>{t!(i18n, fees.none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{format!("{}: {title}", t_string!(i18n, fees.caption))}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, fees.effective)}</th>
                                    <th scope="col">{t!(i18n, fees.learners)}</th>
                                    <th scope="col">{t!(i18n, fees.year1)}</th>
                                    <th scope="col">{t!(i18n, fees.year2)}</th>
                                    <th scope="col">{t!(i18n, fees.year3)}</th>
                                </tr>
                            </thead>
                            {groups}
                        </table>
                    </div>
                }
                .into_any()
            }}
            {set_link}
        </section>
    }
}

/// New fees for one award, filled in from its latest schedule.
#[component]
fn NewFeesForm(
    award: FeeAward,
    schedules: Vec<FeeSchedule>,
    today: String,
    save: ServerAction<SetFeeSchedule>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = text_in(i18n, &award.title, &award.default_language);
    let latest = schedules
        .iter()
        .filter(|s| s.award == award.id)
        .max_by(|a, b| a.effective_from.cmp(&b.effective_from))
        .cloned();
    // A schedule not yet in effect is changed in place; otherwise the new
    // one takes effect today unless another day is chosen.
    let day = latest
        .as_ref()
        .map(|s| s.effective_from.clone())
        .filter(|d| *d > today)
        .unwrap_or_else(|| today.clone());
    let currency = latest.as_ref().map(|s| s.currency).unwrap_or_default();
    let mut rows: Vec<FeeRow> = latest
        .map(|s| {
            s.bands
                .iter()
                .map(|b| FeeRow {
                    min: b.min_learners.to_string(),
                    max: b.max_learners.map(|m| m.to_string()).unwrap_or_default(),
                    year1: plain_amount(b.yearly[0], false),
                    year2: plain_amount(b.yearly[1], false),
                    year3: plain_amount(b.yearly[2], false),
                })
                .collect()
        })
        .unwrap_or_default();
    rows.extend(std::iter::repeat_n(FeeRow::default(), 2));
    let problem = move || match error.get() {
        Some(AppError::InvalidFees { problem }) => Some(match problem {
            FeeScheduleError::Empty => t_string!(i18n, fees.empty),
            FeeScheduleError::Inverted { .. } => t_string!(i18n, fees.inverted),
            FeeScheduleError::Overlap { .. } => t_string!(i18n, fees.overlap),
            FeeScheduleError::Backdated => t_string!(i18n, fees.backdated),
            FeeScheduleError::NotADate => t_string!(i18n, fees.not_a_date),
        }),
        Some(AppError::InvalidChoice) => Some(t_string!(i18n, fees.numbers)),
        _ => None,
    };
    let other = Signal::derive(move || match error.get() {
        Some(AppError::InvalidFees { .. } | AppError::InvalidChoice) => None,
        e => e,
    });
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = [
                ("min", row.min),
                ("max", row.max),
                ("year1", row.year1),
                ("year2", row.year2),
                ("year3", row.year3),
            ]
            .into_iter()
            .map(|(name, value)| {
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
            })
            .collect_view();
            view! { <tr><th scope="row">{i + 1}</th>{cells}</tr> }
        })
        .collect_view();
    let options = Currency::ALL
        .into_iter()
        .map(|c| view! { <option value=c.code() selected=c == currency>{currency_name(i18n, c)}</option> })
        .collect_view();
    view! {
        <section class="panel" id="set-fees" aria-labelledby="set-fees-heading">
            <h2 id="set-fees-heading">{for_award(i18n, t_string!(i18n, fees.new_heading), &title)}</h2>
            <FormErrors error=other />
            {move || problem().map(|p| view! { <div class="notice notice-error" role="alert">{p}</div> })}
            <KeepTyping key="fees">
                <ActionForm action=save>
                    <input type="hidden" name="award" value=award.id.clone() />
                    <div class="field">
                        <label class="label" for="fee-currency">{t!(i18n, fees.currency)}</label>
                        <select class="select" id="fee-currency" name="currency">{options}</select>
                    </div>
                    <div class="field">
                        <label class="label" for="fee-effective">{t!(i18n, fees.effective)}</label>
                        <p class="hint" id="fee-effective-hint">{t!(i18n, fees.effective_hint)}</p>
                        <input class="input input-short" type="date" id="fee-effective" name="effective_from" min=today value=day required aria-describedby="fee-effective-hint" />
                    </div>
                    <div class="table-wrap">
                        <table class="table">
                            <caption>{t!(i18n, fees.bands_caption)}</caption>
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
        </section>
    }
}
