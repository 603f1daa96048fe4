//! The public directory of award holders: schools that chose to be listed,
//! by award and region, searchable, each linked to its certificate check.
//! Its page, server functions and view type live here together.

pub mod page;

use crate::domain::Text;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One listed school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub school: String,
    pub city: String,
    pub region: String,
    pub award_title: Text,
    pub default_language: String,
    pub code: String,
    pub valid_until: String,
}

/// The directory page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryView {
    pub listings: Vec<Listing>,
    /// Every award of the published frameworks (id, title), for the filter.
    pub awards: Vec<(String, Text)>,
    pub regions: Vec<String>,
}

/// The listed award holders, narrowed to an award, a region and words of
/// a name or town (each empty for all). Public.
#[server(endpoint = "award_directory")]
pub async fn award_directory(
    #[server(default)] award: String,
    #[server(default)] region: String,
    #[server(default)] text: String,
) -> Result<DirectoryView, AppError> {
    use crate::store::directory::DirectoryQuery;
    let store = crate::api::store()?;
    let (award, region) = (award.trim(), region.trim());
    let text: String = text.chars().take(200).collect();
    let (entries, regions) = store
        .award_directory(DirectoryQuery {
            award: Some(award).filter(|a| !a.is_empty()),
            region: Some(region).filter(|r| !r.is_empty()),
            text: &text,
            today: Some(crate::api::today()),
        })
        .await
        .map_err(crate::api::failed)?;
    let mut awards: Vec<(String, Text)> = Vec::new();
    for summary in store.list_frameworks().await.map_err(crate::api::failed)? {
        for (id, title) in summary.awards {
            if !awards.iter().any(|(a, _)| *a == id) {
                awards.push((id, title));
            }
        }
    }
    let mut listings = Vec::new();
    for e in entries {
        let fw = store
            .framework(&e.framework_id, &e.framework_version)
            .await
            .map_err(crate::api::failed)?;
        listings.push(Listing {
            award_title: fw
                .award(&e.award)
                .map(|a| a.title.clone())
                .unwrap_or_default(),
            default_language: fw.default_language.clone(),
            school: e.school,
            city: e.city,
            region: e.region,
            code: e.code,
            valid_until: e.valid_until,
        });
    }
    Ok(DirectoryView {
        listings,
        awards,
        regions,
    })
}

/// Lists or unlists the school's award in the public directory (those who
/// may edit the school).
#[server(endpoint = "set_directory_listing")]
pub async fn set_directory_listing(school: String, listed: String) -> Result<(), AppError> {
    use crate::domain::Action;
    let listed = match listed.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::InvalidChoice.respond()),
    };
    let (store, session, _, record) = crate::api::authorize_at(Action::EditSchool, &school).await?;
    store
        .set_directory_listing(&record, listed, &session.actor())
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!("/schools/{school}"));
    Ok(())
}
