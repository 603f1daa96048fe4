//! What needs a person now, for their home page: which step of a review is
//! theirs to take.

use super::review::{Part, ReviewStatus};
use serde::{Deserialize, Serialize};

/// What a review waits for from the person looking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewTask {
    /// The lead assessor validates the ratings and proposes a decision.
    Validate,
    /// The second assessor agrees or disagrees with the decision.
    Moderate,
    /// A certification admin signs the decision off.
    SignOff,
}

/// The step of a review in `status` that is the viewer's to take, as the
/// review's lead or second assessor (`part`) or as one who `signs_off`
/// decisions; `None` when it waits on someone else or is over.
pub fn review_task(
    status: ReviewStatus,
    part: Option<Part>,
    signs_off: bool,
) -> Option<ReviewTask> {
    match (status, part) {
        (ReviewStatus::InReview, Some(Part::Lead)) => Some(ReviewTask::Validate),
        (ReviewStatus::Moderation, Some(Part::Second)) => Some(ReviewTask::Moderate),
        (ReviewStatus::SignOff, _) if signs_off => Some(ReviewTask::SignOff),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_of_a_review_is_someone_s_task() {
        use ReviewStatus::*;
        let lead = Some(Part::Lead);
        let second = Some(Part::Second);
        assert_eq!(
            review_task(InReview, lead, false),
            Some(ReviewTask::Validate)
        );
        assert_eq!(review_task(InReview, second, false), None);
        assert_eq!(
            review_task(Moderation, second, false),
            Some(ReviewTask::Moderate)
        );
        assert_eq!(review_task(Moderation, lead, false), None);
        assert_eq!(review_task(SignOff, None, true), Some(ReviewTask::SignOff));
        assert_eq!(review_task(SignOff, lead, false), None);
        // Waiting for the school, or over: nobody's task here.
        for status in [EvidenceRequested, Closed] {
            for part in [lead, second, None] {
                assert_eq!(review_task(status, part, true), None);
            }
        }
    }
}
