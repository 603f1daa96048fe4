//! Learners', families' and staff voices: a school's surveys
//! (`/schools/:id/surveys`, one survey's results at `/surveys/:id`) and the
//! page anyone with the link answers on, without an account
//! (`/answer/:link`). Its coordinators write surveys, close their links and
//! attach the results as evidence; its staff and the assessors reviewing
//! it read the results, shown only from five answers up. Pages, server
//! functions and view types live here together.

pub mod answer;
pub mod page;

use crate::domain::survey::{Audience, Question, QuestionResult, Survey};
use crate::error::AppError;
use crate::model::FrameworkIndicators;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The cookie that names this browser to surveys: a random id, stored
/// only as a hash with each survey's id.
#[cfg(feature = "ssr")]
const DEVICE_COOKIE: &str = "equimark_device";

/// One survey in the school's list, with the path that answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRow {
    pub survey: Survey,
    /// `/answer/…`, shown only to those who may share it.
    pub answer_path: Option<String>,
}

/// The school's surveys page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveysView {
    pub school: String,
    pub school_name: String,
    pub rows: Vec<SurveyRow>,
    pub frameworks: Vec<FrameworkIndicators>,
    pub may_edit: bool,
}

/// One survey's results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsView {
    pub school: String,
    pub school_name: String,
    pub survey: Survey,
    pub results: Vec<QuestionResult>,
    pub framework: Option<FrameworkIndicators>,
    pub answer_path: Option<String>,
    pub may_edit: bool,
}

/// What the person answering sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub title: String,
    pub school_name: String,
    pub audience: Audience,
    pub easy_read: bool,
    pub questions: Vec<Question>,
    pub open: bool,
    /// This device has answered already.
    pub answered: bool,
}

/// A question as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    pub text_zh: String,
}

#[cfg(feature = "ssr")]
fn invalid(problems: Vec<crate::domain::survey::SurveyProblem>) -> AppError {
    AppError::InvalidSurvey { problems }.respond()
}

/// The school's surveys, for those who see its self-assessments; the
/// links only for its coordinators, who share them.
#[server(endpoint = "surveys")]
pub async fn surveys(school: String) -> Result<SurveysView, AppError> {
    use crate::domain::Action;
    let (store, _, signed_in, school) =
        crate::api::authorize_at(Action::ViewSelfAssessment, &school).await?;
    let may_edit = signed_in
        .viewer
        .may(Action::SubmitSelfAssessment, Some(&school.summary.id));
    let rows = store
        .surveys(school.key)
        .await
        .map_err(crate::api::failed)?
        .into_iter()
        .map(|r| SurveyRow {
            answer_path: may_edit.then(|| format!("/answer/{}", r.link)),
            survey: r.survey,
        })
        .collect();
    let frameworks = crate::api::latest_frameworks(&store)
        .await?
        .iter()
        .map(|fw| FrameworkIndicators::of(fw))
        .collect();
    Ok(SurveysView {
        school: school.summary.id,
        school_name: school.summary.name,
        rows,
        frameworks,
        may_edit,
    })
}

/// Finds a survey and checks the viewer may `action` at its school.
#[cfg(feature = "ssr")]
async fn survey_at(
    id: &str,
    action: crate::domain::Action,
) -> Result<(crate::api::AtSchool, crate::store::surveys::SurveyRecord), AppError> {
    let found = crate::api::store()?
        .survey(id.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    Ok((
        crate::api::authorize_at_key(action, found.school_key).await?,
        found,
    ))
}

/// One survey's results, question by question; none under five answers.
#[server(endpoint = "survey_results")]
pub async fn survey_results(id: String) -> Result<ResultsView, AppError> {
    use crate::domain::Action;
    let ((store, _, signed_in, school), found) = survey_at(&id, Action::ViewSelfAssessment).await?;
    let answers = store
        .survey_answers(found.key)
        .await
        .map_err(crate::api::failed)?;
    let framework = store
        .latest_framework(&found.survey.framework)
        .await
        .map_err(crate::api::failed)?
        .map(|fw| FrameworkIndicators::of(&fw));
    let may_edit = signed_in
        .viewer
        .may(Action::SubmitSelfAssessment, Some(&school.summary.id));
    Ok(ResultsView {
        results: crate::domain::survey::results(&found.survey.questions, &answers),
        answer_path: may_edit.then(|| format!("/answer/{}", found.link)),
        school: school.summary.id,
        school_name: school.summary.name,
        survey: found.survey,
        framework,
        may_edit,
    })
}

/// A coordinator writes a survey; rows with no text are left out.
#[server(endpoint = "create_survey")]
pub async fn create_survey(
    school: String,
    title: String,
    audience: String,
    framework: String,
    #[server(default)] easy_read: String,
    #[server(default)] questions: Vec<QuestionInput>,
) -> Result<String, AppError> {
    use crate::domain::survey::{check_survey, QuestionForm, QuestionKind, SurveyProblem};
    use crate::domain::Action;
    let (store, session, signed_in, school) =
        crate::api::authorize_at(Action::SubmitSelfAssessment, &school).await?;
    let audience =
        Audience::parse(audience.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let fw = store
        .latest_framework(framework.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| invalid(vec![SurveyProblem::UnknownIndicator]))?;
    let mut rows = Vec::with_capacity(questions.len());
    for q in &questions {
        let kind = match q.kind.trim() {
            "" => QuestionKind::Agreement,
            kind => QuestionKind::parse(kind).ok_or_else(|| AppError::InvalidChoice.respond())?,
        };
        rows.push(QuestionForm {
            indicator: &q.indicator,
            kind,
            text_en: &q.text_en,
            text_zh: &q.text_zh,
        });
    }
    let (title, questions) = check_survey(&fw, &title, &rows).map_err(invalid)?;
    let id = store
        .create_survey(
            (school.key, &school.summary.id),
            crate::store::surveys::NewSurvey {
                title: &title,
                audience,
                framework: &fw.id,
                easy_read: !easy_read.is_empty(),
                questions: &questions,
            },
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!("/schools/{}/surveys", school.summary.id));
    Ok(id)
}

/// A coordinator closes a survey's link: it takes no more answers.
#[server(endpoint = "close_survey")]
pub async fn close_survey(id: String) -> Result<(), AppError> {
    use crate::domain::Action;
    let ((store, session, _, school), found) = survey_at(&id, Action::SubmitSelfAssessment).await?;
    store
        .close_survey(&found, &school.summary.id, &session.actor())
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!("/surveys/{}", found.survey.id));
    Ok(())
}

/// A coordinator attaches the results as evidence for each question's
/// indicator in the school's open self-assessment against the survey's
/// framework (once each). Only results that are shown may be attached.
/// Returns how many indicators now have them.
#[server(endpoint = "attach_survey")]
pub async fn attach_survey(id: String) -> Result<usize, AppError> {
    use crate::domain::survey::{results, QuestionResult, SurveyProblem};
    use crate::domain::{Action, AuditAction};
    let ((store, session, signed_in, school), found) =
        survey_at(&id, Action::SubmitSelfAssessment).await?;
    let answers = store
        .survey_answers(found.key)
        .await
        .map_err(crate::api::failed)?;
    let shown = results(&found.survey.questions, &answers);
    let mut indicators: Vec<&str> = found
        .survey
        .questions
        .iter()
        .zip(&shown)
        .filter(|(_, r)| !matches!(r, QuestionResult::TooFew { .. }))
        .map(|(q, _)| q.indicator.as_str())
        .collect();
    indicators.sort_unstable();
    indicators.dedup();
    if indicators.is_empty() {
        return Err(invalid(vec![SurveyProblem::TooFewToAttach]));
    }
    let actor = session.actor();
    let title = format!(
        "Survey: {} ({} answers)",
        found.survey.title, found.survey.answers
    );
    for indicator in &indicators {
        crate::api::attach_link_as_evidence(
            &store,
            &school,
            (&found.survey.framework, indicator),
            (&title, &format!("/surveys/{}#{indicator}", found.survey.id)),
            (&signed_in.viewer.name, &actor),
        )
        .await?;
    }
    let mut c =
        crate::store::audit::Change::new(AuditAction::SurveyAttached, "survey", &found.survey.id);
    c.school = Some(school.summary.id.clone());
    c.after = Some(serde_json::json!({ "indicators": indicators }));
    store.audit(&actor, c).await.map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!("/surveys/{}", found.survey.id));
    Ok(indicators.len())
}

/// This browser's device id, from its cookie, or a new one (set on the
/// response) when it has none.
#[cfg(feature = "ssr")]
fn device_id(create: bool) -> Option<String> {
    let existing = use_context::<axum::http::request::Parts>()
        .and_then(|parts| crate::http::state::cookie(&parts.headers, DEVICE_COOKIE))
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()));
    if existing.is_some() || !create {
        return existing;
    }
    let (id, _) = crate::security::new_token();
    let secure = crate::api::settings()
        .map(|s| s.secure_cookies)
        .unwrap_or(false);
    let value = format!(
        "{DEVICE_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=63072000{}",
        if secure { "; Secure" } else { "" }
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&value),
    ) {
        response.append_header(axum::http::header::SET_COOKIE, value);
    }
    Some(id)
}

/// What is stored for a device's answer: its id hashed with the survey's,
/// so one device's answers to two surveys cannot be linked.
#[cfg(feature = "ssr")]
fn device_hash(device: &str, survey: &str) -> String {
    crate::security::token_hash(&format!("{survey}:{device}"))
}

/// A survey to answer, by its link: public, no account.
#[server(endpoint = "survey_to_answer")]
pub async fn survey_to_answer(link: String) -> Result<AnswerView, AppError> {
    let store = crate::api::store()?;
    let found = store
        .survey_by_link(link.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let answered = match device_id(false) {
        Some(device) => store
            .has_answered(found.key, &device_hash(&device, &found.survey.id))
            .await
            .map_err(crate::api::failed)?,
        None => false,
    };
    let school = store
        .school_by_key(found.school_key)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let s = found.survey;
    Ok(AnswerView {
        open: s.is_open(),
        title: s.title,
        school_name: school.summary.name,
        audience: s.audience,
        easy_read: s.easy_read,
        questions: s.questions,
        answered,
    })
}

/// Someone answers a survey through its link: anonymous, once per device.
/// `answers` maps `q0`, `q1`, … to a point of the scale or words.
#[server(endpoint = "answer_survey")]
pub async fn answer_survey(
    link: String,
    #[server(default)] answers: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::survey::check_answers;
    let store = crate::api::store()?;
    let found = store
        .survey_by_link(link.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    if !found.survey.is_open() {
        return Err(AppError::SurveyClosed.respond());
    }
    let typed: Vec<String> = (0..found.survey.questions.len())
        .map(|i| answers.get(&format!("q{i}")).cloned().unwrap_or_default())
        .collect();
    let checked =
        check_answers(&found.survey.questions, &typed).map_err(|problem| invalid(vec![problem]))?;
    let device = device_id(true).ok_or_else(|| AppError::Internal.respond())?;
    match store
        .answer_survey(&found, &device_hash(&device, &found.survey.id), &checked)
        .await
    {
        Ok(()) => {}
        Err(crate::store::StoreError::Duplicate(_)) => {
            return Err(AppError::SurveyAnswered.respond())
        }
        Err(crate::store::StoreError::Conflict(_)) => return Err(AppError::SurveyClosed.respond()),
        Err(e) => return Err(crate::api::failed(e)),
    }
    crate::api::redirect_after_form(&format!("/answer/{}", found.link));
    Ok(())
}
