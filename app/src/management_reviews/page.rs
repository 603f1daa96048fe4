//! The management review page, `/schools/:id/management-reviews`.

use super::{management_reviews, ManagementReviewsView, RecordManagementReview};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{
    action_done, action_error, successes, FormErrors, KeepTyping, Notice,
};
use crate::components::layout::PageTitle;
use crate::domain::management_review::ManagementReview;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ManagementReviewsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let school = move || params.with(|p| p.get("id").unwrap_or_default());
    let record = ServerAction::<RecordManagementReview>::new();
    let recorded = successes(record.value());
    let data = resource(
        move || (school(), recorded.get()),
        |(s, _)| management_reviews(s),
    );
    let error = action_error(record.value());
    let done = action_done(record);
    view! {
        <PageTitle text=move || t_string!(i18n, mr.title).to_owned() />
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p class="back-link"><a href=format!("/schools/{}", view.school)>{t!(i18n, nc.back)}</a></p>
                        <span class="caption">{view.school_name.clone()}</span>
                        <h1>{t!(i18n, mr.title)}</h1>
                        <p>{t!(i18n, mr.intro)}</p>
                        <FormErrors error />
                        <Notice show=done>{t!(i18n, mr.recorded)}</Notice>
                        <Reviews view=view.clone() record />
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t!(i18n, mr.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Reviews(
    view: ManagementReviewsView,
    record: ServerAction<RecordManagementReview>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = view
        .reviews
        .iter()
        .find(|r| r.year == view.this_year)
        .cloned();
    let form = view.may_edit.then(|| {
        let facts = view.facts;
        let (version, held_on, attendees, inputs, decisions) = match current {
            Some(r) => (r.version, r.held_on, r.attendees, r.inputs, r.decisions),
            None => (0, String::new(), String::new(), Default::default(), String::new()),
        };
        let area = |name: &'static str, label: &'static str, value: String| {
            let id = format!("mr-{name}");
            view! {
                <div class="field">
                    <label class="label" for=id.clone()>{label}</label>
                    <textarea class="textarea" id=id name=name rows="3">{value}</textarea>
                </div>
            }
        };
        view! {
            <section class="panel" aria-labelledby="mr-form-heading">
                <h2 id="mr-form-heading">{t!(i18n, mr.form_heading, year = view.this_year)}</h2>
                <p class="hint" data-testid="mr-facts">{t!(i18n, mr.facts, open = facts.open, major = facts.open_major, closed = facts.closed_this_year)}</p>
                <KeepTyping key="management-review">
                    <ActionForm action=record>
                        <input type="hidden" name="school" value=view.school.clone() />
                        <input type="hidden" name="base_version" value=version.to_string() />
                        <div class="field">
                            <label class="label" for="mr-held_on">{t!(i18n, mr.held_on)}</label>
                            <input class="input input-short" type="date" id="mr-held_on" name="held_on" value=held_on required />
                        </div>
                        {area("attendees", t_string!(i18n, mr.attendees), attendees)}
                        <fieldset class="fieldset">
                            <legend class="legend">{t!(i18n, mr.inputs)}</legend>
                            <p class="hint">{t!(i18n, mr.inputs_hint)}</p>
                            {area("audit_results", t_string!(i18n, mr.audit_results), inputs.audit_results)}
                            {area("feedback", t_string!(i18n, mr.feedback), inputs.feedback)}
                            {area("nonconformities", t_string!(i18n, mr.nonconformities), inputs.nonconformities)}
                            {area("action_plan", t_string!(i18n, mr.action_plan), inputs.action_plan)}
                            {area("objectives", t_string!(i18n, mr.objectives), inputs.objectives)}
                        </fieldset>
                        {area("decisions", t_string!(i18n, mr.decisions), decisions)}
                        <button type="submit" class="button">{t!(i18n, mr.save)}</button>
                    </ActionForm>
                </KeepTyping>
            </section>
        }
    });
    let list = if view.reviews.is_empty() {
        view! { <p>{t!(i18n, mr.none)}</p> }.into_any()
    } else {
        view.reviews
            .into_iter()
            .map(|r| view! { <Review review=r /> })
            .collect_view()
            .into_any()
    };
    view! {
        {form}
        <h2>{t!(i18n, mr.list_heading)}</h2>
        {list}
    }
}

#[component]
fn Review(review: ManagementReview) -> impl IntoView {
    let i18n = use_i18n();
    // The section is the evidence link's target (`#review-YEAR`).
    let anchor = format!("review-{}", review.year);
    let heading = format!("review-{}-heading", review.year);
    let labelled_by = heading.clone();
    let i = review.inputs;
    let rows = [
        (t_string!(i18n, mr.attendees), review.attendees),
        (t_string!(i18n, mr.audit_results), i.audit_results),
        (t_string!(i18n, mr.feedback), i.feedback),
        (t_string!(i18n, mr.nonconformities), i.nonconformities),
        (t_string!(i18n, mr.action_plan), i.action_plan),
        (t_string!(i18n, mr.objectives), i.objectives),
        (t_string!(i18n, mr.decisions), review.decisions),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| view! { <div><dt>{k}</dt><dd class="answer-text">{v}</dd></div> })
    .collect_view();
    view! {
        <section class="panel" id=anchor aria-labelledby=labelled_by data-testid="mr-review">
            <h3 id=heading>{t!(i18n, mr.review_heading, year = review.year)}</h3>
            <p class="hint">{t!(i18n, mr.held, day = review.held_on.clone(), by = review.recorded_by.clone())}</p>
            <dl class="summary-list">{rows}</dl>
        </section>
    }
}
