use crate::domain::Framework;
use crate::error::AppError;
use crate::model::FrameworkSummary;
use leptos::prelude::*;

/// Every published framework version.
#[server(endpoint = "list_frameworks")]
pub async fn list_frameworks() -> Result<Vec<FrameworkSummary>, AppError> {
    let store = super::store()?;
    store
        .list_frameworks()
        .await
        .map_err(|e| AppError::from(e).respond())
}

/// One framework version, whole.
#[server(endpoint = "get_framework")]
pub async fn get_framework(id: String, version: String) -> Result<Framework, AppError> {
    let store = super::store()?;
    store
        .framework(&id, &version)
        .await
        .map(|fw| (*fw).clone())
        .map_err(|e| AppError::from(e).respond())
}
