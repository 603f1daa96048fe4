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
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 6] = [
        NotificationKind::ElementAssigned,
        NotificationKind::EvidenceRequested,
        NotificationKind::AssessmentSubmitted,
        NotificationKind::ReviewAssigned,
        NotificationKind::DecisionMade,
        NotificationKind::AppealDecided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::ElementAssigned => "element_assigned",
            NotificationKind::EvidenceRequested => "evidence_requested",
            NotificationKind::AssessmentSubmitted => "assessment_submitted",
            NotificationKind::ReviewAssigned => "review_assigned",
            NotificationKind::DecisionMade => "decision_made",
            NotificationKind::AppealDecided => "appeal_decided",
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
}
