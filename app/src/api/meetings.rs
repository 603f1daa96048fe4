//! Server functions for a cluster's year: meetings with attendance, and the
//! annual update against the framework's elements.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A meeting as its form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingForm {
    pub held_on: String,
    pub agenda: String,
    pub notes: String,
    /// The public ids of the schools that attended (checkboxes).
    #[serde(default)]
    pub attended: Vec<String>,
}

/// One element's section of the annual update, as its form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionForm {
    pub element: String,
    pub progress: String,
    pub evidence: String,
    pub next_steps: String,
    /// The section's version the writer started from (0: not written yet).
    pub version: i32,
}

/// A section saved: its element and new version (the page keeps saving
/// over it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSection {
    pub element: String,
    pub version: i32,
}

/// The cluster lead records a meeting and who attended.
#[server(endpoint = "record_meeting")]
pub async fn record_meeting(cluster: String, meeting: MeetingForm) -> Result<String, AppError> {
    use super::clusters::server::{access, text};
    let a = access(&cluster).await?.leading().await?;
    let held_on = super::parse_day(&meeting.held_on)?;
    let agenda = text(&meeting.agenda, 4_000, true)?;
    let notes = text(&meeting.notes, 20_000, false)?;
    let mut attended = Vec::new();
    for id in &meeting.attended {
        match a.members.iter().find(|(s, _)| &s.public_id == id) {
            Some((s, _)) => attended.push(s.id),
            None => return Err(AppError::InvalidChoice.respond()),
        }
    }
    let id = a
        .store
        .record_meeting(
            &a.cluster,
            held_on,
            &agenda,
            &notes,
            &attended,
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/meetings"));
    Ok(id)
}

/// A member school's staff write one element's section of this year's
/// update, over the version they started from (someone else's newer words
/// are never overwritten: 409). Returns the section's new version.
#[server(endpoint = "save_update_section")]
pub async fn save_update_section(
    cluster: String,
    section: SectionForm,
) -> Result<SavedSection, AppError> {
    use super::clusters::server::{access, text};
    use crate::store::meetings::SectionText;
    let a = access(&cluster).await?.reading().await?;
    if a.acting_for.is_empty() && !a.leads {
        return Err(AppError::Forbidden.respond());
    }
    let fw = a
        .store
        .latest_framework(&a.cluster.framework_id)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    if !fw.elements.iter().any(|e| e.id == section.element) {
        return Err(AppError::InvalidChoice.respond());
    }
    let progress = text(&section.progress, 8_000, false)?;
    let evidence = text(&section.evidence, 8_000, false)?;
    let next_steps = text(&section.next_steps, 8_000, false)?;
    let version = a
        .store
        .save_update_section(
            &a.cluster,
            super::this_year(),
            SectionText {
                element: &section.element,
                progress: &progress,
                evidence: &evidence,
                next_steps: &next_steps,
                base_version: section.version,
            },
            &a.signed_in.viewer.name,
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/update"));
    Ok(SavedSection {
        element: section.element,
        version,
    })
}

/// The cluster lead submits this year's update: it goes to the assessors
/// of the member schools' annual reviews and is read-only from then on.
#[server(endpoint = "submit_annual_update")]
pub async fn submit_annual_update(cluster: String) -> Result<(), AppError> {
    use super::clusters::server::access;
    let a = access(&cluster).await?.leading().await?;
    a.store
        .submit_annual_update(&a.cluster, super::this_year(), &a.session.actor())
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/update"));
    Ok(())
}
