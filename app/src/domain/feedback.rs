//! The assessor's feedback to a school once its review is signed off: for
//! every indicator the school's own rating beside the validated one and the
//! assessor's comment, and for every element its strengths and what to
//! develop next. Plain rules over the framework's scale, shared by the
//! report page and its PDF.

use super::assessment::Response;
use super::review::ReviewRating;
use super::Framework;
use serde::{Deserialize, Serialize};

/// One indicator: the school's rating and the assessor's, as scale positions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorFeedback {
    pub indicator: String,
    pub own: Option<u8>,
    pub validated: Option<u8>,
    pub comment: String,
}

impl IndicatorFeedback {
    /// The assessor rated it lower than the school did.
    pub fn lowered(&self) -> bool {
        matches!((self.own, self.validated), (Some(own), Some(v)) if v < own)
    }
}

/// One element: its indicators, and which of them are strengths (validated
/// at the top of the scale) and which to develop (validated in the lower
/// half of the scale, or lower than the school rated itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementFeedback {
    pub element: String,
    pub indicators: Vec<IndicatorFeedback>,
    pub strengths: Vec<String>,
    pub to_develop: Vec<String>,
}

/// The feedback for every element, in the framework's order.
pub fn feedback(
    fw: &Framework,
    own: &[Response],
    validated: &[ReviewRating],
) -> Vec<ElementFeedback> {
    let top = fw.top_level();
    // The lower half of the scale: below its middle level.
    let developing_below = top.div_ceil(2);
    fw.elements
        .iter()
        .map(|element| {
            let indicators: Vec<IndicatorFeedback> = element
                .indicators
                .iter()
                .map(|indicator| {
                    let id = indicator.id.as_str();
                    let own = own
                        .iter()
                        .find(|r| r.indicator == id)
                        .and_then(|r| fw.level_index(r.level.as_deref()?));
                    let rating = validated.iter().find(|r| r.indicator == id);
                    IndicatorFeedback {
                        indicator: id.to_owned(),
                        own,
                        validated: rating.and_then(|r| fw.level_index(r.level.as_deref()?)),
                        comment: rating.map(|r| r.comment.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            let strengths = indicators
                .iter()
                .filter(|i| i.validated == Some(top))
                .map(|i| i.indicator.clone())
                .collect();
            let to_develop = indicators
                .iter()
                .filter(|i| i.validated.is_some_and(|v| v < developing_below) || i.lowered())
                .map(|i| i.indicator.clone())
                .collect();
            ElementFeedback {
                element: element.id.clone(),
                indicators,
                strengths,
                to_develop,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> Framework {
        let (file, source) = crate::domain::framework_file::SHIPPED[0];
        crate::domain::framework_file::parse(file, source).expect("the shipped framework")
    }

    fn response(indicator: &str, level: &str) -> Response {
        Response {
            indicator: indicator.to_owned(),
            level: Some(level.to_owned()),
            narrative: String::new(),
            version: 1,
            updated_by: String::new(),
            updated_at: String::new(),
            carried_from: None,
        }
    }

    fn rating(indicator: &str, level: &str, comment: &str) -> ReviewRating {
        ReviewRating {
            indicator: indicator.to_owned(),
            level: Some(level.to_owned()),
            comment: comment.to_owned(),
        }
    }

    #[test]
    fn strengths_and_areas_to_develop_come_from_the_validated_ratings() {
        let fw = fw();
        let ids: Vec<String> = fw.elements[0]
            .indicators
            .iter()
            .map(|i| i.id.clone())
            .collect();
        let own = vec![
            response(&ids[0], "embedded"),
            response(&ids[1], "embedded"),
            response(&ids[2], "established"),
        ];
        let validated = vec![
            rating(&ids[0], "embedded", "Seen in every lesson"),
            rating(&ids[1], "established", "Not yet reviewed yearly"),
            rating(&ids[2], "emerging", ""),
        ];
        let first = &feedback(&fw, &own, &validated)[0];
        assert_eq!(first.element, fw.elements[0].id);
        assert_eq!(first.strengths, vec![ids[0].clone()]);
        assert_eq!(
            first.to_develop,
            vec![ids[1].clone(), ids[2].clone()],
            "lowered, and in the lower half"
        );
        assert_eq!(first.indicators[0].comment, "Seen in every lesson");
        assert_eq!(
            (first.indicators[1].own, first.indicators[1].validated),
            (Some(3), Some(2))
        );
        assert!(first.indicators[1].lowered() && !first.indicators[0].lowered());
    }

    #[test]
    fn an_indicator_not_validated_is_neither_strength_nor_area() {
        let fw = fw();
        let all = feedback(&fw, &[], &[]);
        assert_eq!(all.len(), fw.elements.len());
        assert!(all
            .iter()
            .all(|e| e.strengths.is_empty() && e.to_develop.is_empty()));
    }
}
