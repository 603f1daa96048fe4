//! Server functions for a cluster's classroom research: activities, the
//! key steps of a project's outline, and its annual reviews. The staff of
//! member schools (and the cluster's managers) read and write them.

use crate::error::AppError;
use crate::model::{ResearchList, ResearchView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A research activity as a form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchForm {
    pub question: String,
    #[serde(default)]
    pub elements: Vec<String>,
    /// Participating schools' public ids.
    #[serde(default)]
    pub schools: Vec<String>,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub findings: String,
    pub status: String,
    /// A checkbox: present ("on") when this is the Flagship research project.
    #[serde(default)]
    pub flagship: String,
}

/// A key step as a form sends it; dates as `YYYY-MM-DD` or empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepForm {
    pub description: String,
    #[serde(default)]
    pub people: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
}

#[cfg(feature = "ssr")]
mod server {
    use super::ResearchForm;
    use crate::api::clusters::server::{text, Access};
    use crate::domain::research::{ResearchStatus, QUESTION_MAX_CHARS, TEXT_MAX_CHARS};
    use crate::error::AppError;
    use crate::store::entity::research_activity;

    /// The form checked: a question, a known status, the framework's
    /// elements and member schools only (each once).
    pub(super) struct Checked {
        pub question: String,
        pub elements: Vec<String>,
        pub schools: Vec<i64>,
        pub method: String,
        pub findings: String,
        pub status: ResearchStatus,
        pub flagship: bool,
    }

    pub(super) async fn checked(a: &Access, form: &ResearchForm) -> Result<Checked, AppError> {
        let invalid = || AppError::InvalidChoice.respond();
        let (elements, _) = crate::api::clusters::elements_and_language(a).await?;
        let mut chosen: Vec<String> = Vec::new();
        for e in &form.elements {
            if !elements.iter().any(|(id, _)| id == e) {
                return Err(invalid());
            }
            if !chosen.contains(e) {
                chosen.push(e.clone());
            }
        }
        let mut schools: Vec<i64> = Vec::new();
        for id in &form.schools {
            let key = a
                .members
                .iter()
                .find(|(s, m)| {
                    s.public_id == *id && *m == crate::domain::cluster::Membership::Member
                })
                .map(|(s, _)| s.id)
                .ok_or_else(invalid)?;
            if !schools.contains(&key) {
                schools.push(key);
            }
        }
        Ok(Checked {
            question: text(&form.question, QUESTION_MAX_CHARS, true)?,
            elements: chosen,
            schools,
            method: text(&form.method, TEXT_MAX_CHARS, false)?,
            findings: text(&form.findings, TEXT_MAX_CHARS, false)?,
            status: ResearchStatus::parse(&form.status).ok_or_else(invalid)?,
            flagship: !form.flagship.is_empty(),
        })
    }

    impl Checked {
        pub(super) fn text(&self) -> crate::store::research::ResearchText<'_> {
            crate::store::research::ResearchText {
                question: &self.question,
                elements: &self.elements,
                schools: &self.schools,
                method: &self.method,
                findings: &self.findings,
                status: self.status,
                flagship: self.flagship,
            }
        }
    }

    /// A research activity of this cluster, for a reader of its board.
    pub(super) async fn activity(
        cluster: &str,
        id: &str,
    ) -> Result<(Access, research_activity::Model), AppError> {
        let a = crate::api::clusters::server::access(cluster)
            .await?
            .researching()
            .await?;
        let activity = a
            .store
            .research_activity(id)
            .await
            .map_err(crate::api::failed)?
            .filter(|r| r.cluster_id == a.cluster.key)
            .ok_or_else(|| AppError::NotFound.respond())?;
        Ok((a, activity))
    }

    /// An optional date: empty, or `YYYY-MM-DD`.
    pub(super) fn optional_day(value: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
        if value.trim().is_empty() {
            Ok(None)
        } else {
            crate::api::parse_day(value).map(Some)
        }
    }
}

/// Member schools (public id, name) of the cluster.
#[cfg(feature = "ssr")]
fn member_schools(a: &crate::api::clusters::server::Access) -> Vec<(String, String)> {
    a.members
        .iter()
        .filter(|(_, m)| *m == crate::domain::cluster::Membership::Member)
        .map(|(s, _)| (s.public_id.clone(), s.name.clone()))
        .collect()
}

/// The cluster's research activities.
#[server(endpoint = "cluster_research")]
pub async fn cluster_research(cluster: String) -> Result<ResearchList, AppError> {
    use crate::domain::research::ResearchStatus;
    use crate::model::ResearchSummary;
    let a = super::clusters::server::access(&cluster)
        .await?
        .researching()
        .await?;
    let members = member_schools(&a);
    let names: std::collections::HashMap<i64, String> = a
        .members
        .iter()
        .map(|(s, _)| (s.id, s.name.clone()))
        .collect();
    let activities = a
        .store
        .research_activities(a.cluster.key)
        .await
        .map_err(super::failed)?
        .into_iter()
        .map(|(r, steps, steps_done)| {
            let keys: Vec<i64> = serde_json::from_str(&r.schools).unwrap_or_default();
            ResearchSummary {
                id: r.public_id,
                question: r.question,
                status: ResearchStatus::parse(&r.status).unwrap_or(ResearchStatus::Planned),
                flagship: r.flagship,
                elements: serde_json::from_str(&r.elements).unwrap_or_default(),
                schools: keys.iter().filter_map(|k| names.get(k).cloned()).collect(),
                steps,
                steps_done,
            }
        })
        .collect();
    let (elements, default_language) = super::clusters::elements_and_language(&a).await?;
    Ok(ResearchList {
        cluster_id: a.cluster.id.clone(),
        cluster_name: a.cluster.name.clone(),
        activities,
        members,
        elements,
        default_language,
    })
}

/// Starts a research activity; goes to its page.
#[server(endpoint = "start_research")]
pub async fn start_research(cluster: String, research: ResearchForm) -> Result<String, AppError> {
    let a = super::clusters::server::access(&cluster)
        .await?
        .researching()
        .await?;
    let checked = server::checked(&a, &research).await?;
    let id = a
        .store
        .start_research(
            &a.cluster,
            &checked.text(),
            a.signed_in.account,
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/research/{id}"));
    Ok(id)
}

/// One research activity, with its outline and reviews.
#[server(endpoint = "research_activity")]
pub async fn research_activity(cluster: String, id: String) -> Result<ResearchView, AppError> {
    use crate::domain::research::{carried_forward, step_state, ResearchStatus};
    use crate::model::{ResearchReviewView, ResearchStepView};
    let (a, r) = server::activity(&cluster, &id).await?;
    let today = chrono::Utc::now().date_naive().to_string();
    let steps = a
        .store
        .research_steps(r.id)
        .await
        .map_err(super::failed)?
        .into_iter()
        .map(|s| {
            let (starts_on, ends_on) = (
                s.starts_on.map(|d| d.to_string()).unwrap_or_default(),
                s.ends_on.map(|d| d.to_string()).unwrap_or_default(),
            );
            ResearchStepView {
                state: step_state(s.done, Some(&ends_on), &today),
                id: s.id,
                description: s.description,
                people: s.people,
                starts_on,
                ends_on,
            }
        })
        .collect();
    let reviews = a
        .store
        .research_reviews(r.id)
        .await
        .map_err(super::failed)?;
    let reviewers: std::collections::HashMap<i64, String> = a
        .store
        .names(reviews.iter().map(|v| v.reviewed_by).collect())
        .await
        .map_err(super::failed)?
        .into_iter()
        .collect();
    let year = super::this_year();
    let earlier: Vec<(i32, &str)> = reviews
        .iter()
        .map(|v| (v.year, v.next_steps.as_str()))
        .collect();
    // This year's review, once written, keeps what it started from.
    let carried = match reviews.iter().find(|v| v.year == year) {
        Some(v) => Some(v.carried_forward.clone()).filter(|c| !c.is_empty()),
        None => carried_forward(&earlier, year).map(str::to_owned),
    };
    let school_keys: Vec<i64> = serde_json::from_str(&r.schools).unwrap_or_default();
    let schools = a
        .members
        .iter()
        .filter(|(s, _)| school_keys.contains(&s.id))
        .map(|(s, _)| s.public_id.clone())
        .collect();
    let (elements, default_language) = super::clusters::elements_and_language(&a).await?;
    Ok(ResearchView {
        id: r.public_id.clone(),
        cluster_id: a.cluster.id.clone(),
        cluster_name: a.cluster.name.clone(),
        question: r.question.clone(),
        elements: serde_json::from_str(&r.elements).unwrap_or_default(),
        schools,
        method: r.method.clone(),
        findings: r.findings.clone(),
        status: ResearchStatus::parse(&r.status).unwrap_or(ResearchStatus::Planned),
        flagship: r.flagship,
        version: r.version,
        steps,
        reviews: reviews
            .iter()
            .map(|v| ResearchReviewView {
                year: v.year,
                carried_forward: v.carried_forward.clone(),
                progress: v.progress.clone(),
                next_steps: v.next_steps.clone(),
                reviewed_by: reviewers.get(&v.reviewed_by).cloned().unwrap_or_default(),
                reviewed_at: crate::store::rfc3339(v.reviewed_at),
                version: v.version,
            })
            .collect(),
        year,
        carried_forward: carried,
        members: member_schools(&a),
        framework_elements: elements,
        default_language,
    })
}

/// Saves an activity's details. `version` is the one the form started
/// from: a newer save by someone else is not overwritten (409).
#[server(endpoint = "save_research")]
pub async fn save_research(
    cluster: String,
    id: String,
    version: i32,
    research: ResearchForm,
) -> Result<i32, AppError> {
    let (a, r) = server::activity(&cluster, &id).await?;
    let checked = server::checked(&a, &research).await?;
    let version = a
        .store
        .edit_research(&r, version, &checked.text(), &a.session.actor())
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/research/{id}"));
    Ok(version)
}

/// Adds a key step to the project's outline.
#[server(endpoint = "add_research_step")]
pub async fn add_research_step(
    cluster: String,
    id: String,
    step: StepForm,
) -> Result<(), AppError> {
    use crate::domain::research::{check_timeline, STEP_MAX_CHARS};
    use crate::store::research::StepText;
    let (a, r) = server::activity(&cluster, &id).await?;
    let description = super::clusters::server::text(&step.description, STEP_MAX_CHARS, true)?;
    let people = super::clusters::server::text(&step.people, STEP_MAX_CHARS, false)?;
    let starts_on = server::optional_day(&step.starts_on)?;
    let ends_on = server::optional_day(&step.ends_on)?;
    check_timeline(
        starts_on.map(|d| d.to_string()).as_deref(),
        ends_on.map(|d| d.to_string()).as_deref(),
    )
    .map_err(|_| AppError::InvalidChoice.respond())?;
    a.store
        .add_research_step(
            &r,
            &StepText {
                description: &description,
                people: &people,
                starts_on,
                ends_on,
            },
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/research/{id}#steps"));
    Ok(())
}

/// Marks a key step done (`done` = true) or not.
#[server(endpoint = "set_research_step")]
pub async fn set_research_step(
    cluster: String,
    id: String,
    step: i64,
    done: bool,
) -> Result<(), AppError> {
    let (a, r) = server::activity(&cluster, &id).await?;
    a.store
        .set_research_step_done(&r, step, done, &a.session.actor())
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/research/{id}#steps"));
    Ok(())
}

/// Writes this year's review of the project: what happened, and the next
/// steps (which next year's review starts from), over the version the
/// writer started from (0: none yet; a newer review is never overwritten:
/// 409). Returns the new version.
#[server(endpoint = "review_research")]
pub async fn review_research(
    cluster: String,
    id: String,
    progress: String,
    next_steps: String,
    version: i32,
) -> Result<i32, AppError> {
    use crate::domain::research::TEXT_MAX_CHARS;
    let (a, r) = server::activity(&cluster, &id).await?;
    let progress = super::clusters::server::text(&progress, TEXT_MAX_CHARS, true)?;
    let next_steps = super::clusters::server::text(&next_steps, TEXT_MAX_CHARS, false)?;
    let saved = a
        .store
        .review_research(
            &r,
            super::this_year(),
            &progress,
            &next_steps,
            version,
            a.signed_in.account,
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/research/{id}#reviews"));
    Ok(saved)
}
