//! A school's request to join a network (an alliance such as the Thousand
//! Schools Alliance): the school's coordinator asks, with a few words on
//! why; the network's admins accept it, which makes the school a member,
//! or decline it. A school has at most one request per network: asking
//! again after a decline reopens it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The most a request's message may hold, in characters.
pub const MESSAGE_MAX_CHARS: usize = 1000;

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Waiting for the network's admins.
    Pending,
    /// Accepted: the school is a member.
    Accepted,
    /// Declined: the school may ask again.
    Declined,
}

impl RequestState {
    pub const ALL: [RequestState; 3] = [
        RequestState::Pending,
        RequestState::Accepted,
        RequestState::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Accepted => "accepted",
            RequestState::Declined => "declined",
        }
    }

    pub fn parse(value: &str) -> Option<RequestState> {
        RequestState::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// A network admin's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinAnswer {
    Accept,
    Decline,
}

impl JoinAnswer {
    pub fn parse(value: &str) -> Option<JoinAnswer> {
        match value.trim() {
            "accept" => Some(JoinAnswer::Accept),
            "decline" => Some(JoinAnswer::Decline),
            _ => None,
        }
    }

    /// The state the request is in once answered so.
    pub fn state(self) -> RequestState {
        match self {
            JoinAnswer::Accept => RequestState::Accepted,
            JoinAnswer::Decline => RequestState::Declined,
        }
    }
}

/// Why a request cannot be made or answered as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinProblem {
    /// The message is longer than [`MESSAGE_MAX_CHARS`].
    MessageTooLong,
    /// The school is in the network already.
    AlreadyMember,
    /// The school's request is waiting for an answer already.
    AlreadyAsked,
    /// Someone answered the request already.
    AlreadyAnswered,
}

impl JoinProblem {
    /// Whether the problem is the state of things rather than the form:
    /// another person's work got there first.
    pub fn is_conflict(self) -> bool {
        !matches!(self, JoinProblem::MessageTooLong)
    }
}

impl fmt::Display for JoinProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JoinProblem::MessageTooLong => "the message is too long",
            JoinProblem::AlreadyMember => "the school is in the network already",
            JoinProblem::AlreadyAsked => "the school has asked already",
            JoinProblem::AlreadyAnswered => "the request was answered already",
        })
    }
}

/// One request, as the school and the network's admins read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub id: String,
    /// The network's public id and name.
    pub network: String,
    pub network_name: String,
    /// The school's public id, name and city.
    pub school: String,
    pub school_name: String,
    pub school_city: String,
    pub message: String,
    pub asked_by: String,
    /// RFC 3339.
    pub asked_at: String,
    pub state: RequestState,
    pub answered_by: Option<String>,
    /// RFC 3339.
    pub answered_at: Option<String>,
}

/// The message as kept: trimmed, and no longer than the limit.
pub fn message(text: &str) -> Result<String, JoinProblem> {
    let text = text.trim();
    if text.chars().count() > MESSAGE_MAX_CHARS {
        Err(JoinProblem::MessageTooLong)
    } else {
        Ok(text.to_owned())
    }
}

/// What a school's coordinators are told of the answer, in their language:
/// the network's name and whether it accepted.
pub fn answer_headline(language: &str, network: &str, answer: JoinAnswer) -> String {
    match (language.starts_with("zh"), answer) {
        (false, JoinAnswer::Accept) => format!("{network} (accepted: your school is a member)"),
        (false, JoinAnswer::Decline) => format!("{network} (declined: you may ask again)"),
        (true, JoinAnswer::Accept) => format!("{network}（已接受：贵校已成为成员）"),
        (true, JoinAnswer::Decline) => format!("{network}（未接受：可再次申请）"),
    }
}

/// Whether a school may ask now, given whether it is a member and the state
/// of its earlier request to the network, if any.
pub fn may_ask(member: bool, earlier: Option<RequestState>) -> Result<(), JoinProblem> {
    match (member, earlier) {
        (true, _) => Err(JoinProblem::AlreadyMember),
        (false, Some(RequestState::Pending)) => Err(JoinProblem::AlreadyAsked),
        (false, _) => Ok(()),
    }
}

/// Whether a request in `state` may be answered.
pub fn may_answer(state: RequestState) -> Result<(), JoinProblem> {
    match state {
        RequestState::Pending => Ok(()),
        RequestState::Accepted | RequestState::Declined => Err(JoinProblem::AlreadyAnswered),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_and_answers_read_back() {
        for state in RequestState::ALL {
            assert_eq!(RequestState::parse(state.as_str()), Some(state));
        }
        assert_eq!(RequestState::parse("maybe"), None);
        assert_eq!(JoinAnswer::parse(" accept "), Some(JoinAnswer::Accept));
        assert_eq!(JoinAnswer::parse("decline"), Some(JoinAnswer::Decline));
        assert_eq!(JoinAnswer::parse("yes"), None);
        assert_eq!(JoinAnswer::Accept.state(), RequestState::Accepted);
        assert_eq!(JoinAnswer::Decline.state(), RequestState::Declined);
    }

    #[test]
    fn the_message_is_trimmed_and_limited_in_characters() {
        assert_eq!(message("  我们想加入。 ").unwrap(), "我们想加入。");
        assert_eq!(message("").unwrap(), "");
        let longest = "校".repeat(MESSAGE_MAX_CHARS);
        assert_eq!(message(&longest).unwrap(), longest);
        assert_eq!(
            message(&format!("{longest}x")),
            Err(JoinProblem::MessageTooLong)
        );
    }

    #[test]
    fn a_school_asks_once_at_a_time_and_not_when_it_is_a_member() {
        assert_eq!(may_ask(false, None), Ok(()));
        assert_eq!(may_ask(false, Some(RequestState::Declined)), Ok(()));
        assert_eq!(
            may_ask(false, Some(RequestState::Pending)),
            Err(JoinProblem::AlreadyAsked)
        );
        assert_eq!(may_ask(true, None), Err(JoinProblem::AlreadyMember));
        // Accepted, then taken out of the network by an admin: it may ask again.
        assert_eq!(may_ask(false, Some(RequestState::Accepted)), Ok(()));
    }

    #[test]
    fn the_answer_is_told_in_the_persons_language() {
        let accepted = answer_headline("en", "Alliance", JoinAnswer::Accept);
        assert!(accepted.contains("Alliance") && accepted.contains("accepted"));
        assert!(answer_headline("zh-CN", "联盟", JoinAnswer::Decline).contains("未接受"));
        assert_ne!(
            answer_headline("en", "A", JoinAnswer::Accept),
            answer_headline("en", "A", JoinAnswer::Decline)
        );
    }

    #[test]
    fn only_a_pending_request_is_answered() {
        assert_eq!(may_answer(RequestState::Pending), Ok(()));
        for state in [RequestState::Accepted, RequestState::Declined] {
            assert_eq!(may_answer(state), Err(JoinProblem::AlreadyAnswered));
        }
        assert!(JoinProblem::AlreadyAnswered.is_conflict());
        assert!(!JoinProblem::MessageTooLong.is_conflict());
    }
}
