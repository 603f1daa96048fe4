//! The names of the domain's states and kinds in the reader's language:
//! roles, self-assessment cycles and states, review states and outcomes,
//! and the states of an award term's reviews.

use crate::domain::assessment::{Cycle, Progress, Status};
use crate::domain::calendar::DueState;
use crate::domain::review::{Outcome, ReviewStatus};
use crate::domain::Role;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// The role's name in the current language.
pub fn role_label(i18n: I18nContext<Locale>, role: Role) -> &'static str {
    match role {
        Role::Teacher => t_string!(i18n, role.teacher),
        Role::Coordinator => t_string!(i18n, role.coordinator),
        Role::ClusterLead => t_string!(i18n, role.cluster_lead),
        Role::Assessor => t_string!(i18n, role.assessor),
        Role::Admin => t_string!(i18n, role.admin),
        Role::NetworkAdmin => t_string!(i18n, role.network_admin),
        Role::PartnerExpert => t_string!(i18n, role.partner_expert),
    }
}

/// A self-assessment's cycle.
pub fn cycle_label(i18n: I18nContext<Locale>, cycle: Cycle) -> &'static str {
    cycle_label_in(i18n.get_locale(), cycle)
}

/// A cycle's name in `locale` (for documents made outside a page).
pub fn cycle_label_in(locale: Locale, cycle: Cycle) -> &'static str {
    match cycle {
        Cycle::Initial => td_string!(locale, assess.cycle_initial),
        Cycle::AnnualReview1 => td_string!(locale, assess.cycle_annual_1),
        Cycle::AnnualReview2 => td_string!(locale, assess.cycle_annual_2),
        Cycle::Reaccreditation => td_string!(locale, assess.cycle_reaccreditation),
    }
}

/// Where a self-assessment is in its life.
pub fn status_label(i18n: I18nContext<Locale>, status: Status) -> &'static str {
    match status {
        Status::Draft => t_string!(i18n, assess.status_draft),
        Status::Submitted => t_string!(i18n, assess.status_submitted),
        Status::Returned => t_string!(i18n, assess.status_returned),
    }
}

/// Where a review is.
pub fn review_status_label(i18n: I18nContext<Locale>, status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::InReview => t_string!(i18n, review.status_in_review),
        ReviewStatus::EvidenceRequested => t_string!(i18n, review.status_evidence_requested),
        ReviewStatus::Moderation => t_string!(i18n, review.status_moderation),
        ReviewStatus::SignOff => t_string!(i18n, review.status_sign_off),
        ReviewStatus::Closed => t_string!(i18n, review.status_closed),
    }
}

/// A review's decision.
pub fn outcome_label(i18n: I18nContext<Locale>, outcome: Outcome) -> &'static str {
    outcome_label_in(i18n.get_locale(), outcome)
}

/// A decision's outcome in `locale` (for documents made outside a page).
pub fn outcome_label_in(locale: Locale, outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Granted => td_string!(locale, review.outcome_granted),
        Outcome::Deferred => td_string!(locale, review.outcome_deferred),
        Outcome::NotMet => td_string!(locale, review.outcome_not_met),
    }
}

/// What a review of an award's term has come to.
pub fn due_label(i18n: I18nContext<Locale>, state: DueState) -> &'static str {
    match state {
        DueState::Done => t_string!(i18n, calendar.done),
        DueState::InReview => t_string!(i18n, calendar.in_review),
        DueState::Upcoming => t_string!(i18n, calendar.upcoming),
        DueState::DueSoon => t_string!(i18n, calendar.due_soon),
        DueState::Overdue => t_string!(i18n, calendar.overdue),
    }
}

/// The tag style of a review's state: the urgent ones stand out.
pub fn due_class(state: DueState) -> &'static str {
    match state {
        DueState::Overdue => "tag tag-warning",
        DueState::DueSoon => "tag tag-strong",
        _ => "tag",
    }
}

/// How far along an element of a self-assessment is.
pub fn progress_label(i18n: I18nContext<Locale>, progress: Progress) -> &'static str {
    match progress {
        Progress::NotStarted => t_string!(i18n, assess.not_started),
        Progress::InProgress => t_string!(i18n, assess.in_progress),
        Progress::Complete => t_string!(i18n, assess.complete),
    }
}
