//! The certification admin's views: the audit log, the outbox, and the
//! invitations for service-wide roles.

use crate::error::AppError;
use crate::model::{AuditPage, AuditQuery, OutboxItem, PendingInvitation};
use leptos::prelude::*;

/// A page of the audit log, filtered.
#[server(endpoint = "audit_log")]
pub async fn audit_log(query: AuditQuery) -> Result<AuditPage, AppError> {
    let (store, _, _) = super::authorize(crate::domain::Action::ReadAuditLog).await?;
    let mut page = store.audit_log(&query).await.map_err(super::failed)?;
    if query.page == 0 {
        page.refusals = store.refusal_tally().await.map_err(super::failed)?;
    }
    Ok(page)
}

/// The newest messages in the outbox.
#[server(endpoint = "outbox")]
pub async fn outbox() -> Result<Vec<OutboxItem>, AppError> {
    let (store, _, _) = super::authorize(crate::domain::Action::ReadAuditLog).await?;
    store.outbox(100).await.map_err(super::failed)
}

/// Invitations not yet accepted, across the service.
#[server(endpoint = "pending_invitations")]
pub async fn pending_invitations() -> Result<Vec<PendingInvitation>, AppError> {
    let (store, _, _) = super::authorize(crate::domain::Action::ManageStaff).await?;
    let mut invitations = store
        .pending_invitations(crate::store::accounts::Place::Service)
        .await
        .map_err(super::failed)?;
    for invitation in &mut invitations {
        invitation.may_revoke = true;
    }
    Ok(invitations)
}
