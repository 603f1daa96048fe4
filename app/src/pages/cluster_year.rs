//! A cluster's year on its page: meetings with attendance (recorded by the
//! lead), and the annual update written element by element by the member
//! schools and submitted by the lead.

use crate::api::meetings::{RecordMeeting, SaveUpdateSection, SubmitAnnualUpdate};
use crate::components::forms::{action_done, action_error, successes, FormErrors, Notice};
use crate::components::layout::text_in;
use crate::domain::cluster::Membership;
use crate::domain::Text;
use crate::i18n::*;
use crate::model::{AnnualUpdateView, ClusterMember, MeetingView};
use leptos::prelude::*;

/// The meetings, newest first, and (for the lead) the form to record one.
#[component]
pub fn Meetings(
    cluster: String,
    meetings: Vec<MeetingView>,
    members: Vec<ClusterMember>,
    leads: bool,
    record: ServerAction<RecordMeeting>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(record.value());
    let list = if meetings.is_empty() {
        view! { <p>{t!(i18n, cluster.no_meetings)}</p> }.into_any()
    } else {
        let rows = meetings
            .into_iter()
            .map(|m| {
                view! {
                    <tr>
                        <th scope="row">{m.held_on}</th>
                        <td class="answer-text">{m.agenda}</td>
                        <td>{m.attended.join(", ")}</td>
                        <td>{m.absent.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{t!(i18n, cluster.meetings_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, cluster.held_on)}</th>
                            <th scope="col">{t!(i18n, cluster.agenda)}</th>
                            <th scope="col">{t!(i18n, cluster.attended)}</th>
                            <th scope="col">{t!(i18n, cluster.absent)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let form = leads.then(|| {
        let boxes = members
            .iter()
            .filter(|m| m.state == Membership::Member)
            .enumerate()
            .map(|(i, m)| {
                let id = format!("attended-{}", m.school.id);
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=id.clone() name=format!("meeting[attended][{i}]") value=m.school.id.clone() />
                        <label for=id>{m.school.name.clone()}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <details class="panel">
                <summary>{t!(i18n, cluster.record_meeting)}</summary>
                <FormErrors error />
                <ActionForm action=record>
                    <input type="hidden" name="cluster" value=cluster />
                    <div class="field">
                        <label class="label" for="meeting-date">{t!(i18n, cluster.held_on)}</label>
                        <input class="input input-short" type="date" id="meeting-date" name="meeting[held_on]" required />
                    </div>
                    <div class="field">
                        <label class="label" for="meeting-agenda">{t!(i18n, cluster.agenda)}</label>
                        <textarea class="textarea" id="meeting-agenda" name="meeting[agenda]" rows="3" required></textarea>
                    </div>
                    <div class="field">
                        <label class="label" for="meeting-notes">{t!(i18n, cluster.notes)}</label>
                        <textarea class="textarea" id="meeting-notes" name="meeting[notes]" rows="4"></textarea>
                    </div>
                    <fieldset class="field">
                        <legend class="label">{t!(i18n, cluster.attended)}</legend>
                        {boxes}
                    </fieldset>
                    <button type="submit" class="button">{t!(i18n, cluster.save_meeting)}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <section aria-labelledby="meetings-heading">
            <h2 id="meetings-heading">{t!(i18n, cluster.meetings_heading)}</h2>
            <p class="hint">{t!(i18n, cluster.meetings_hint)}</p>
            {list}
            {form}
        </section>
    }
}

/// This year's annual update: a section per element.
#[component]
pub fn AnnualUpdate(
    cluster: String,
    update: AnnualUpdateView,
    elements: Vec<(String, Text)>,
    default_language: String,
    writes: bool,
    leads: bool,
    save: ServerAction<SaveUpdateSection>,
    submit: ServerAction<SubmitAnnualUpdate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let saved = action_done(save);
    let error = Signal::derive(move || {
        action_error(save.value())
            .get()
            .or(action_error(submit.value()).get())
    });
    let open = update.submitted_at.is_none();
    let year = update.year;
    let sections = elements
        .into_iter()
        .map(|(id, title)| {
            let written = update.sections.iter().find(|s| s.element == id).cloned();
            let lang = default_language.clone();
            let heading = text_in(i18n, &title, &lang);
            let (label, shown) = (heading.clone(), heading.clone());
            let body = if open && writes {
                let w = written.clone().unwrap_or_default();
                let cluster = cluster.clone();
                let field = |name: &str| format!("update-{id}-{name}");
                let (p, e, n) = (field("progress"), field("evidence"), field("next"));
                // Saved over the version read when the page was drawn: a
                // save by someone else since then is not overwritten.
                let version = written.as_ref().map_or(0, |s| s.version);
                view! {
                    <ActionForm action=save>
                        <input type="hidden" name="cluster" value=cluster />
                        <input type="hidden" name="section[element]" value=id.clone() />
                        <input type="hidden" name="section[version]" value=version />
                        <div class="field">
                            <label class="label" for=p.clone()>{t!(i18n, cluster.progress)}</label>
                            <textarea class="textarea" id=p name="section[progress]" rows="3">{w.progress}</textarea>
                        </div>
                        <div class="field">
                            <label class="label" for=e.clone()>{t!(i18n, cluster.evidence)}</label>
                            <textarea class="textarea" id=e name="section[evidence]" rows="3">{w.evidence}</textarea>
                        </div>
                        <div class="field">
                            <label class="label" for=n.clone()>{t!(i18n, cluster.next_steps)}</label>
                            <textarea class="textarea" id=n name="section[next_steps]" rows="3">{w.next_steps}</textarea>
                        </div>
                        <button type="submit" class="button button-secondary">
                            {t!(i18n, cluster.save_section)} <span class="visually-hidden">" " {heading}</span>
                        </button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! { <UpdateSectionText section=written /> }.into_any()
            };
            view! {
                <section class="update-section" aria-label=label>
                    <h3 class="heading-small">{shown}</h3>
                    {body}
                </section>
            }
        })
        .collect_view();
    let submit_form = (open && leads).then(|| {
        let cluster = cluster.clone();
        view! {
            <ActionForm action=submit>
                <input type="hidden" name="cluster" value=cluster />
                <button type="submit" class="button">{t!(i18n, cluster.submit_update)}</button>
            </ActionForm>
        }
    });
    let state = match update.submitted_at.clone() {
        Some(at) => view! {
            <p><strong class="tag tag-strong">{t!(i18n, cluster.update_submitted)}</strong> " " {at.get(..10).unwrap_or_default().to_owned()}</p>
        }
        .into_any(),
        None => view! { <p class="hint">{t!(i18n, cluster.update_hint)}</p> }.into_any(),
    };
    view! {
        <section aria-labelledby="update-heading">
            <h2 id="update-heading">{t!(i18n, cluster.update_heading, year = year)}</h2>
            {state}
            <FormErrors error />
            <Notice show=saved>{t!(i18n, cluster.section_saved)}</Notice>
            {sections}
            {submit_form}
        </section>
    }
}

/// One element's section as written, read-only.
#[component]
pub fn UpdateSectionText(section: Option<crate::model::AnnualUpdateSection>) -> impl IntoView {
    let i18n = use_i18n();
    match section {
        None => view! { <p class="hint">{t!(i18n, cluster.nothing_written)}</p> }.into_any(),
        Some(s) => view! {
            <dl class="summary-list">
                <div><dt>{t!(i18n, cluster.progress)}</dt><dd class="answer-text">{s.progress}</dd></div>
                <div><dt>{t!(i18n, cluster.evidence)}</dt><dd class="answer-text">{s.evidence}</dd></div>
                <div><dt>{t!(i18n, cluster.next_steps)}</dt><dd class="answer-text">{s.next_steps}</dd></div>
            </dl>
        }
        .into_any(),
    }
}

/// For the ClusterPage's resource: reload after any of these succeeds.
pub fn year_changes(
    record: ServerAction<RecordMeeting>,
    submit: ServerAction<SubmitAnnualUpdate>,
) -> [Memo<usize>; 2] {
    [successes(record.value()), successes(submit.value())]
}
