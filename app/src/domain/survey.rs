//! Learners', families' and staff voices: a short survey a coordinator
//! writes (each question tied to one of a framework's indicators, answered
//! on an agreement scale or in words), answered through a link without an
//! account, anonymously, once per device. Results show per question with
//! counts, and only from five answers up, so no one is singled out.

use super::framework::Framework;
use serde::{Deserialize, Serialize};

/// Fewer answers than this and no result is shown.
pub const MIN_ANSWERS: usize = 5;
/// The most questions one survey asks: it is meant to be short.
pub const MAX_QUESTIONS: usize = 12;
/// The longest question, title or answer in words.
pub const SURVEY_TEXT_MAX_CHARS: usize = 2_000;
/// Points on the agreement scale, from "no" (1) to "yes" (5).
pub const SCALE_POINTS: u8 = 5;

/// Who a survey asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Learners,
    Families,
    Staff,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Learners, Audience::Families, Audience::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Learners => "learners",
            Audience::Families => "families",
            Audience::Staff => "staff",
        }
    }

    pub fn parse(value: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One of five points from "no" to "yes".
    Agreement,
    /// In the person's own words.
    Words,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Agreement => "agreement",
            QuestionKind::Words => "words",
        }
    }

    pub fn parse(value: &str) -> Option<QuestionKind> {
        [QuestionKind::Agreement, QuestionKind::Words]
            .into_iter()
            .find(|k| k.as_str() == value)
    }
}

/// One question. Its text may be written in English, Chinese or both;
/// the person answering reads their language when it is there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub indicator: String,
    pub kind: QuestionKind,
    pub text_en: String,
    pub text_zh: String,
}

impl Question {
    /// The text in `language` ("en" or "zh"), or the other one.
    pub fn text(&self, language: &str) -> &str {
        let (mine, other) = if language == "zh" {
            (&self.text_zh, &self.text_en)
        } else {
            (&self.text_en, &self.text_zh)
        };
        if mine.is_empty() {
            other
        } else {
            mine
        }
    }
}

/// A survey as the coordinator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub id: String,
    pub title: String,
    pub audience: Audience,
    pub framework: String,
    /// Large targets, plain words and pictures, for younger learners and
    /// people with learning disabilities.
    pub easy_read: bool,
    pub questions: Vec<Question>,
    pub created_by: String,
    /// RFC 3339.
    pub created_at: String,
    pub closed_at: Option<String>,
    pub answers: usize,
}

impl Survey {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

/// One person's answer to one question: a point of the scale, or words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Point(u8),
    Words(String),
}

/// Why a survey or an answer cannot be saved as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SurveyProblem {
    #[error("give the survey a title")]
    TitleMissing,
    #[error("ask at least one question")]
    QuestionsMissing,
    #[error("ask no more than twelve questions")]
    TooManyQuestions,
    #[error("write each question in English or Chinese")]
    QuestionTextMissing,
    #[error("tie each question to one of the framework's indicators")]
    UnknownIndicator,
    #[error("the text is too long")]
    TooLong,
    #[error("answer at least one question")]
    NothingAnswered,
    #[error("choose one of the points on the scale")]
    BadPoint,
    #[error("results can be attached once five people have answered")]
    TooFewToAttach,
}

fn too_long(text: &str) -> bool {
    text.chars().count() > SURVEY_TEXT_MAX_CHARS
}

/// A question as typed: indicator id, kind and its texts.
pub struct QuestionForm<'a> {
    pub indicator: &'a str,
    pub kind: QuestionKind,
    pub text_en: &'a str,
    pub text_zh: &'a str,
}

/// Checks a survey's title and questions against the framework. Rows with
/// no text in either language are left out (a form offers spare rows).
pub fn check_survey(
    fw: &Framework,
    title: &str,
    rows: &[QuestionForm<'_>],
) -> Result<(String, Vec<Question>), Vec<SurveyProblem>> {
    let mut problems = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        problems.push(SurveyProblem::TitleMissing);
    }
    let asked: Vec<&QuestionForm<'_>> = rows
        .iter()
        .filter(|q| !(q.text_en.trim().is_empty() && q.text_zh.trim().is_empty()))
        .collect();
    if asked.is_empty() {
        problems.push(SurveyProblem::QuestionsMissing);
    } else if asked.len() > MAX_QUESTIONS {
        problems.push(SurveyProblem::TooManyQuestions);
    }
    if asked
        .iter()
        .any(|q| fw.indicator(q.indicator.trim()).is_none())
    {
        problems.push(SurveyProblem::UnknownIndicator);
    }
    if too_long(title)
        || asked
            .iter()
            .any(|q| too_long(q.text_en) || too_long(q.text_zh))
    {
        problems.push(SurveyProblem::TooLong);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let questions = asked
        .into_iter()
        .map(|q| Question {
            indicator: q.indicator.trim().to_owned(),
            kind: q.kind,
            text_en: q.text_en.trim().to_owned(),
            text_zh: q.text_zh.trim().to_owned(),
        })
        .collect();
    Ok((title.to_owned(), questions))
}

/// Checks one person's answers, as typed, one per question (empty for
/// none): points on the scale for agreement questions, words otherwise.
/// At least one question must be answered.
pub fn check_answers(
    questions: &[Question],
    typed: &[String],
) -> Result<Vec<Option<Answer>>, SurveyProblem> {
    let mut answers = Vec::with_capacity(questions.len());
    for (i, q) in questions.iter().enumerate() {
        let value = typed.get(i).map_or("", |v| v.trim());
        answers.push(match (q.kind, value) {
            (_, "") => None,
            (QuestionKind::Agreement, v) => match v.parse::<u8>() {
                Ok(p) if (1..=SCALE_POINTS).contains(&p) => Some(Answer::Point(p)),
                _ => return Err(SurveyProblem::BadPoint),
            },
            (QuestionKind::Words, v) if too_long(v) => return Err(SurveyProblem::TooLong),
            (QuestionKind::Words, v) => Some(Answer::Words(v.to_owned())),
        });
    }
    if answers.iter().all(Option::is_none) {
        return Err(SurveyProblem::NothingAnswered);
    }
    Ok(answers)
}

/// What one question's answers add up to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionResult {
    /// Fewer than [`MIN_ANSWERS`] answered it: nothing is shown.
    TooFew { answered: usize },
    /// How many chose each point, from 1 to 5.
    Points { counts: [usize; 5], answered: usize },
    /// The words, in no particular order of who wrote them.
    Words { answers: Vec<String> },
}

/// Adds up every response, question by question; below the threshold a
/// question's result is withheld.
pub fn results(questions: &[Question], responses: &[Vec<Option<Answer>>]) -> Vec<QuestionResult> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let given: Vec<&Answer> = responses
                .iter()
                .filter_map(|r| r.get(i).and_then(Option::as_ref))
                .collect();
            if given.len() < MIN_ANSWERS {
                return QuestionResult::TooFew {
                    answered: given.len(),
                };
            }
            match q.kind {
                QuestionKind::Agreement => {
                    let mut counts = [0; 5];
                    for a in &given {
                        if let Answer::Point(p @ 1..=5) = a {
                            counts[usize::from(*p) - 1] += 1;
                        }
                    }
                    QuestionResult::Points {
                        counts,
                        answered: given.len(),
                    }
                }
                QuestionKind::Words => {
                    let mut answers: Vec<String> = given
                        .into_iter()
                        .filter_map(|a| match a {
                            Answer::Words(w) => Some(w.clone()),
                            Answer::Point(_) => None,
                        })
                        .collect();
                    // Sorted, so the order does not tell who answered when.
                    answers.sort();
                    QuestionResult::Words { answers }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso() -> Framework {
        let source = include_str!("../../../frameworks/iso-21001-gap.toml");
        crate::domain::framework_file::parse("iso-21001-gap.toml", source).unwrap()
    }

    fn question(kind: QuestionKind) -> Question {
        Question {
            indicator: "performance-satisfaction".into(),
            kind,
            text_en: "I feel listened to at school.".into(),
            text_zh: String::new(),
        }
    }

    #[test]
    fn a_survey_needs_a_title_and_questions_tied_to_indicators() {
        let fw = iso();
        let row = |indicator, en: &'static str| QuestionForm {
            indicator,
            kind: QuestionKind::Agreement,
            text_en: en,
            text_zh: "",
        };
        let (title, questions) = check_survey(
            &fw,
            " Pupil voice ",
            &[
                row("performance-satisfaction", "I feel listened to."),
                row("", ""),
            ],
        )
        .unwrap();
        assert_eq!(title, "Pupil voice");
        assert_eq!(questions.len(), 1, "the empty spare row is left out");
        assert_eq!(
            check_survey(&fw, "", &[row("nowhere", "Why?")]),
            Err(vec![
                SurveyProblem::TitleMissing,
                SurveyProblem::UnknownIndicator
            ])
        );
        assert_eq!(
            check_survey(&fw, "Voice", &[row("", " ")]),
            Err(vec![SurveyProblem::QuestionsMissing])
        );
        let many: Vec<QuestionForm<'_>> = (0..=MAX_QUESTIONS)
            .map(|_| row("performance-satisfaction", "Again?"))
            .collect();
        assert_eq!(
            check_survey(&fw, "Voice", &many),
            Err(vec![SurveyProblem::TooManyQuestions])
        );
    }

    #[test]
    fn a_question_reads_in_the_persons_language_or_the_other() {
        let mut q = question(QuestionKind::Agreement);
        assert_eq!(q.text("zh"), "I feel listened to at school.");
        q.text_zh = "我在学校感到被倾听。".into();
        assert_eq!(q.text("zh"), "我在学校感到被倾听。");
        assert_eq!(q.text("en"), "I feel listened to at school.");
    }

    #[test]
    fn answers_are_points_on_the_scale_or_words_and_at_least_one() {
        let qs = [
            question(QuestionKind::Agreement),
            question(QuestionKind::Words),
        ];
        let typed = |a: &str, b: &str| vec![a.to_owned(), b.to_owned()];
        assert_eq!(
            check_answers(&qs, &typed("4", " More clubs ")),
            Ok(vec![
                Some(Answer::Point(4)),
                Some(Answer::Words("More clubs".into()))
            ])
        );
        assert_eq!(
            check_answers(&qs, &typed("", "")),
            Err(SurveyProblem::NothingAnswered)
        );
        assert_eq!(
            check_answers(&qs, &typed("6", "")),
            Err(SurveyProblem::BadPoint)
        );
        assert_eq!(
            check_answers(&qs, &typed("yes", "")),
            Err(SurveyProblem::BadPoint)
        );
        assert_eq!(check_answers(&qs, &[]), Err(SurveyProblem::NothingAnswered));
    }

    #[test]
    fn no_result_is_shown_under_five_answers() {
        let qs = [
            question(QuestionKind::Agreement),
            question(QuestionKind::Words),
        ];
        let response = |p: u8, words: Option<&str>| {
            vec![
                Some(Answer::Point(p)),
                words.map(|w| Answer::Words(w.into())),
            ]
        };
        let mut responses: Vec<Vec<Option<Answer>>> =
            (1..=4).map(|p| response(p, Some("b"))).collect();
        assert_eq!(
            results(&qs, &responses)[0],
            QuestionResult::TooFew { answered: 4 }
        );
        responses.push(response(5, None));
        let shown = results(&qs, &responses);
        assert_eq!(
            shown[0],
            QuestionResult::Points {
                counts: [1, 1, 1, 1, 1],
                answered: 5
            }
        );
        // Four wrote words: still withheld, though five answered the survey.
        assert_eq!(shown[1], QuestionResult::TooFew { answered: 4 });
        responses.push(response(4, Some("a")));
        assert_eq!(
            results(&qs, &responses)[1],
            QuestionResult::Words {
                answers: ["a", "b", "b", "b", "b"].map(String::from).to_vec()
            }
        );
    }
}
