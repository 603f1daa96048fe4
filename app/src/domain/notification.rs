//! Notifications: what needs a person's attention, in their list and (if
//! they keep that kind of email on) by email through the outbox, in their
//! language. The words are here, in English and Chinese, so the list and
//! the email say the same thing.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// An element of a self-assessment was assigned to the person.
    ElementAssigned,
    /// An assessor asked the person's school for more evidence.
    EvidenceRequested,
    /// A self-assessment was submitted for review (certification admins).
    AssessmentSubmitted,
    /// A review was assigned to the person as lead or second assessor.
    ReviewAssigned,
    /// A decision on the school's self-assessment was signed off.
    DecisionMade,
    /// The school's appeal was decided.
    AppealDecided,
    /// A review of the school's award term falls due within 30 days.
    ReviewDueSoon,
    /// A review of the school's award term is past its date.
    ReviewOverdue,
    /// The school's award ends within 60 days.
    AwardEnding,
    /// A school answered the conditions of a deferred decision (certification admins).
    ConditionsAnswered,
    /// A school asked to join the person's network (its admins).
    JoinRequested,
    /// The network a school asked to join answered (its coordinators).
    JoinAnswered,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 12] = [
        NotificationKind::ElementAssigned,
        NotificationKind::EvidenceRequested,
        NotificationKind::AssessmentSubmitted,
        NotificationKind::ReviewAssigned,
        NotificationKind::DecisionMade,
        NotificationKind::AppealDecided,
        NotificationKind::ReviewDueSoon,
        NotificationKind::ReviewOverdue,
        NotificationKind::AwardEnding,
        NotificationKind::ConditionsAnswered,
        NotificationKind::JoinRequested,
        NotificationKind::JoinAnswered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::ElementAssigned => "element_assigned",
            NotificationKind::EvidenceRequested => "evidence_requested",
            NotificationKind::AssessmentSubmitted => "assessment_submitted",
            NotificationKind::ReviewAssigned => "review_assigned",
            NotificationKind::DecisionMade => "decision_made",
            NotificationKind::AppealDecided => "appeal_decided",
            NotificationKind::ReviewDueSoon => "review_due_soon",
            NotificationKind::ReviewOverdue => "review_overdue",
            NotificationKind::AwardEnding => "award_ending",
            NotificationKind::ConditionsAnswered => "conditions_answered",
            NotificationKind::JoinRequested => "join_requested",
            NotificationKind::JoinAnswered => "join_answered",
        }
    }

    pub fn parse(value: &str) -> Option<NotificationKind> {
        NotificationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
    }

    /// One line saying what happened, about `about` (a school, an element).
    pub fn headline(self, language: &str, about: &str) -> String {
        let zh = language.starts_with("zh");
        match (self, zh) {
            (NotificationKind::ElementAssigned, false) => {
                format!("An element was assigned to you: {about}")
            }
            (NotificationKind::ElementAssigned, true) => format!("有一个要素分配给了您：{about}"),
            (NotificationKind::EvidenceRequested, false) => {
                format!("The assessor asks for more evidence: {about}")
            }
            (NotificationKind::EvidenceRequested, true) => format!("评审员要求补充证据：{about}"),
            (NotificationKind::AssessmentSubmitted, false) => {
                format!("A self-assessment was submitted for review: {about}")
            }
            (NotificationKind::AssessmentSubmitted, true) => {
                format!("有一份自评已提交评审：{about}")
            }
            (NotificationKind::ReviewAssigned, false) => {
                format!("A review was assigned to you: {about}")
            }
            (NotificationKind::ReviewAssigned, true) => format!("有一项评审分配给了您：{about}"),
            (NotificationKind::DecisionMade, false) => {
                format!("A decision was made on your self-assessment: {about}")
            }
            (NotificationKind::DecisionMade, true) => format!("您的自评已有评审决定：{about}"),
            (NotificationKind::AppealDecided, false) => format!("Your appeal was decided: {about}"),
            (NotificationKind::AppealDecided, true) => format!("您的申诉已有裁定：{about}"),
            (NotificationKind::ReviewDueSoon, false) => {
                format!("A review of your award falls due soon: {about}")
            }
            (NotificationKind::ReviewDueSoon, true) => format!("贵校称号的评审即将到期：{about}"),
            (NotificationKind::ReviewOverdue, false) => {
                format!("A review of your award is overdue: {about}")
            }
            (NotificationKind::ReviewOverdue, true) => format!("贵校称号的评审已逾期：{about}"),
            (NotificationKind::AwardEnding, false) => format!("Your award ends soon: {about}"),
            (NotificationKind::AwardEnding, true) => format!("贵校的称号即将到期：{about}"),
            (NotificationKind::ConditionsAnswered, false) => {
                format!("A school answered the conditions of its deferred decision: {about}")
            }
            (NotificationKind::ConditionsAnswered, true) => {
                format!("有学校就暂缓决定的条件作出了答复：{about}")
            }
            (NotificationKind::JoinRequested, false) => {
                format!("A school asks to join your network: {about}")
            }
            (NotificationKind::JoinRequested, true) => format!("有学校申请加入您的联盟：{about}"),
            (NotificationKind::JoinAnswered, false) => {
                format!("Your school's request to join a network was answered: {about}")
            }
            (NotificationKind::JoinAnswered, true) => {
                format!("贵校加入联盟的申请已有答复：{about}")
            }
        }
    }

    /// The email: a subject and a body with the link to where the work is.
    pub fn email(self, language: &str, about: &str, link: &str) -> (String, String) {
        let headline = self.headline(language, about);
        let body = if language.starts_with("zh") {
            format!("您好：\n\n{headline}\n\n在此查看：{link}\n\n您可以在 Equimark 的通知页面选择接收哪些邮件。\n")
        } else {
            format!("Hello,\n\n{headline}\n\nSee it here: {link}\n\nYou can choose which emails you get on your notifications page in Equimark.\n")
        };
        (headline, body)
    }
}

/// One notification in a person's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: String,
    pub kind: NotificationKind,
    /// What it is about, in the person's language when it was made.
    pub headline: String,
    /// Where the work is done: a path on this site.
    pub link: String,
    /// RFC 3339.
    pub created_at: String,
    pub read: bool,
}

/// How many days ahead a review's reminder comes.
pub const REVIEW_DUE_WITHIN_DAYS: i32 = 30;
/// How many days ahead an award's end is told.
pub const AWARD_ENDS_WITHIN_DAYS: i32 = 60;

/// A reminder an award's calendar calls for: its kind and the day it is
/// about (a review's due date, or the award's last day).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub kind: NotificationKind,
    pub cycle: Option<crate::domain::assessment::Cycle>,
    pub day: String,
}

/// What one award term's calendar calls for on `today`: its next review
/// if it falls due within [`REVIEW_DUE_WITHIN_DAYS`] or is overdue, and
/// its end if within [`AWARD_ENDS_WITHIN_DAYS`].
pub fn reminders(
    reviews: &[crate::domain::calendar::DueReview],
    valid_until: &str,
    today: crate::domain::calendar::Day,
) -> Vec<Reminder> {
    use crate::domain::calendar::{next_due, Day, DueState};
    let mut due = Vec::new();
    let next = next_due(reviews).filter(|r| r.state != DueState::InReview);
    if let Some(review) = next {
        if let Some(day) = Day::parse(&review.due_on) {
            let days = today.days_until(day);
            let kind = if days < 0 {
                Some(NotificationKind::ReviewOverdue)
            } else if days <= REVIEW_DUE_WITHIN_DAYS {
                Some(NotificationKind::ReviewDueSoon)
            } else {
                None
            };
            if let Some(kind) = kind {
                due.push(Reminder {
                    kind,
                    cycle: Some(review.cycle),
                    day: review.due_on.clone(),
                });
            }
        }
    }
    if let Some(end) = Day::parse(valid_until) {
        if (0..=AWARD_ENDS_WITHIN_DAYS).contains(&today.days_until(end)) {
            due.push(Reminder {
                kind: NotificationKind::AwardEnding,
                cycle: None,
                day: valid_until.to_owned(),
            });
        }
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_and_speaks_both_languages() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
            let en = kind.headline("en", "Riverside");
            let zh = kind.headline("zh", "Riverside");
            assert!(en.contains("Riverside") && zh.contains("Riverside"));
            assert_ne!(en, zh);
            let (subject, body) = kind.email("zh", "Riverside", "https://x/y");
            assert_eq!(subject, zh);
            assert!(body.contains("https://x/y"));
        }
    }

    #[test]
    fn the_calendar_calls_for_a_reminder_before_a_review_and_an_award_end() {
        use crate::domain::assessment::Cycle;
        use crate::domain::calendar::{schedule, Day};
        let granted = Day::parse("2025-01-01").unwrap();
        let on = |today: &str| {
            let today = Day::parse(today).unwrap();
            let reviews = schedule(granted, &[], today, 60);
            reminders(&reviews, "2027-12-31", today)
                .into_iter()
                .map(|r| (r.kind, r.cycle, r.day))
                .collect::<Vec<_>>()
        };
        let first = schedule(granted, &[], granted, 60)[0].due_on.clone();
        assert_eq!(on("2025-06-01"), []);
        let soon = on(&Day::parse(&first).unwrap().plus_days(-30).to_string());
        assert_eq!(
            soon,
            [(
                NotificationKind::ReviewDueSoon,
                Some(Cycle::AnnualReview1),
                first.clone()
            )]
        );
        let late = on(&Day::parse(&first).unwrap().plus_days(1).to_string());
        assert_eq!(late[0].0, NotificationKind::ReviewOverdue);
        let ending = on("2027-11-15");
        assert!(ending.contains(&(NotificationKind::AwardEnding, None, "2027-12-31".to_owned())));
        assert!(on("2028-01-01")
            .iter()
            .all(|r| r.0 != NotificationKind::AwardEnding));
    }
}
