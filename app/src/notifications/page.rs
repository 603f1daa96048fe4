//! The notifications page, `/notifications`: what needs me, newest first,
//! each linking to where the work is done; and which emails I get.

use super::{notifications, MarkNotificationsRead, NotificationsView, SetEmails};
use crate::codec::resource;
use crate::components::errors::ErrorMessage;
use crate::components::forms::{action_done, action_error, successes, FormErrors, Notice};
use crate::components::layout::PageTitle;
use crate::domain::notification::NotificationKind;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn kind_label(i18n: I18nContext<Locale>, kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::ElementAssigned => t_string!(i18n, notify.element_assigned),
        NotificationKind::EvidenceRequested => t_string!(i18n, notify.evidence_requested),
        NotificationKind::AssessmentSubmitted => t_string!(i18n, notify.assessment_submitted),
        NotificationKind::ReviewAssigned => t_string!(i18n, notify.review_assigned),
        NotificationKind::DecisionMade => t_string!(i18n, notify.decision_made),
        NotificationKind::AppealDecided => t_string!(i18n, notify.appeal_decided),
        NotificationKind::ReviewDueSoon => t_string!(i18n, notify.review_due_soon),
        NotificationKind::ReviewOverdue => t_string!(i18n, notify.review_overdue),
        NotificationKind::AwardEnding => t_string!(i18n, notify.award_ending),
        NotificationKind::ConditionsAnswered => t_string!(i18n, notify.conditions_answered),
        NotificationKind::JoinRequested => t_string!(i18n, notify.join_requested),
        NotificationKind::JoinAnswered => t_string!(i18n, notify.join_answered),
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let read = ServerAction::<MarkNotificationsRead>::new();
    let emails = ServerAction::<SetEmails>::new();
    let (reads, saves) = (successes(read.value()), successes(emails.value()));
    let data = resource(move || (reads.get(), saves.get()), |_| notifications());
    let error = Signal::derive(move || action_error(emails.value()).get());
    let saved = action_done(emails);
    view! {
        <PageTitle text=move || t_string!(i18n, notify.title).to_owned() />
        <h1>{t!(i18n, notify.title)}</h1>
        <FormErrors error />
        <Notice show=saved>{t!(i18n, notify.saved)}</Notice>
        <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Notifications view read emails /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Notifications(
    view: NotificationsView,
    read: ServerAction<MarkNotificationsRead>,
    emails: ServerAction<SetEmails>,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = view
        .items
        .iter()
        .map(|n| {
            let kind = n.kind;
            let when = n.created_at.get(..10).unwrap_or_default().to_owned();
            view! {
                <li class:unread=!n.read>
                    <a href=n.link.clone()>{n.headline.clone()}</a>
                    <span class="hint">" · " {move || kind_label(i18n, kind)} " · " <time datetime=n.created_at.clone()>{when}</time></span>
                    {(!n.read).then(|| view! { " " <strong class="tag">{t!(i18n, notify.new)}</strong> })}
                </li>
            }
        })
        .collect_view();
    let choices = view
        .emails
        .iter()
        .enumerate()
        .map(|(i, (kind, on))| {
            let id = format!("email-{}", kind.as_str());
            let kind = *kind;
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=format!("on[{i}]") value=kind.as_str() checked=*on />
                    <label for=id>{move || kind_label(i18n, kind)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="list-heading">
            <h2 id="list-heading">
                {t!(i18n, notify.list_heading)} " "
                <span data-testid="unread">{t!(i18n, notify.unread, count = view.unread)}</span>
            </h2>
            {if view.items.is_empty() {
                view! { <p>{t!(i18n, notify.empty)}</p> }.into_any()
            } else {
                view! { <ul class="link-list notification-list">{items}</ul> }.into_any()
            }}
            {(view.unread > 0).then(|| view! {
                <ActionForm action=read>
                    <button type="submit" class="button button-secondary">{t!(i18n, notify.mark_read)}</button>
                </ActionForm>
            })}
        </section>
        <section class="panel" aria-labelledby="emails-heading">
            <h2 id="emails-heading">{t!(i18n, notify.emails_heading)}</h2>
            <ActionForm action=emails>
                <fieldset class="fieldset">
                    <legend class="legend">{t!(i18n, notify.emails_legend)}</legend>
                    {choices}
                </fieldset>
                <button type="submit" class="button">{t!(i18n, notify.save)}</button>
            </ActionForm>
        </section>
    }
}
