//! Networks of schools: their figures for network admins; creating them and
//! managing their members for certification admins.

use crate::error::AppError;
use crate::model::{NetworkDetail, NetworkSummary};
use leptos::prelude::*;

/// The networks the signed-in person may see.
#[server(endpoint = "list_networks")]
pub async fn list_networks() -> Result<Vec<NetworkSummary>, AppError> {
    let store = super::store()?;
    let (_, signed_in) = super::signed_in()?;
    store
        .list_networks(signed_in.viewer.visible_networks())
        .await
        .map_err(super::failed)
}

/// One network: figures and a page (from 0) of member schools matching
/// `search`; for admins, also the schools outside it matching `add_search`
/// (none while it is empty) and the pending network-admin invitations.
#[server(endpoint = "network")]
pub async fn network(
    id: String,
    #[server(default)] search: String,
    #[server(default)] page: Option<u32>,
    #[server(default)] add_search: String,
) -> Result<NetworkDetail, AppError> {
    use super::schools::server::page_of_schools;
    use crate::domain::Action;
    use crate::model::{SchoolPage, SCHOOLS_PAGE_SIZE, SCHOOL_CHOICES};
    use crate::store::accounts::Place;

    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    if !signed_in.viewer.may(Action::ViewNetwork, Some(&id)) {
        return Err(super::refuse(
            &store,
            &session,
            Action::ViewNetwork,
            None,
            AppError::NotFound,
        )
        .await);
    }
    let record = store
        .network(&id)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let members = Some((record.key, true));
    let members = page_of_schools(&store, None, members, search, page, SCHOOLS_PAGE_SIZE).await?;
    let manage = signed_in.viewer.may(Action::ManageNetworks, None);
    let (candidates, invitations) = if manage {
        let candidates = if add_search.trim().is_empty() {
            SchoolPage::default()
        } else {
            let outside = Some((record.key, false));
            page_of_schools(&store, None, outside, add_search, None, SCHOOL_CHOICES).await?
        };
        let mut invitations = store
            .pending_invitations(Place::Network(record.key, &record.id))
            .await
            .map_err(super::failed)?;
        for invitation in &mut invitations {
            invitation.may_revoke = true;
        }
        (Some(candidates), invitations)
    } else {
        (None, Vec::new())
    };
    let may_admit = signed_in.viewer.may(Action::AdmitToNetwork, Some(&id));
    // Admins reach every cluster's research from the cluster list.
    let research_clusters = if signed_in.viewer.holds(crate::domain::Role::PartnerExpert)
        && signed_in.viewer.may(Action::ResearchInNetwork, Some(&id))
    {
        store
            .clusters_in_network(record.key)
            .await
            .map_err(super::failed)?
    } else {
        Vec::new()
    };
    Ok(NetworkDetail {
        may_admit,
        research_clusters,
        id: record.id,
        name: record.name,
        figures: record.figures,
        members,
        candidates,
        invitations,
    })
}

/// Creates a network (certification admins). Returns its id.
#[server(endpoint = "create_network")]
pub async fn create_network(name: String) -> Result<String, AppError> {
    use crate::domain::account::parse_name;
    use crate::domain::{AccountInputError, Action};
    use crate::store::StoreError;

    let (store, session, _) = super::authorize(Action::ManageNetworks).await?;
    let name = parse_name(&name).map_err(|problem| {
        AppError::InvalidAccount {
            problems: vec![problem],
        }
        .respond()
    })?;
    match store.create_network(&name, &session.actor()).await {
        Ok((_, id)) => Ok(id),
        Err(StoreError::Duplicate(_)) => Err(AppError::InvalidAccount {
            problems: vec![AccountInputError::NameTaken],
        }
        .respond()),
        Err(other) => Err(super::failed(other)),
    }
}

/// Adds a school to a network, or takes it out (certification admins).
#[server(endpoint = "change_network_school")]
pub async fn change_network_school(
    network: String,
    school: String,
    add: bool,
) -> Result<(), AppError> {
    use crate::domain::{AccountInputError, Action};
    use crate::store::StoreError;

    let (store, session, _) = super::authorize(Action::ManageNetworks).await?;
    let net = store
        .network(&network)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let member = store
        .school(&school)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| {
            AppError::InvalidAccount {
                problems: vec![AccountInputError::UnknownSchool],
            }
            .respond()
        })?;
    let actor = session.actor();
    let result = if add {
        store.add_to_network(net.key, member.key, &actor).await
    } else {
        store.remove_from_network(net.key, member.key, &actor).await
    };
    match result {
        Ok(()) => Ok(()),
        // Someone else added or removed it a moment ago: the page reloads.
        Err(StoreError::Duplicate(_)) => Err(AppError::Conflict.respond()),
        Err(other) => Err(super::failed(other)),
    }
}

/// Invites a network admin or, with `role` = `partner_expert`, a partner
/// expert for a network (certification admins).
#[server(endpoint = "invite_network_admin")]
pub async fn invite_network_admin(
    network: String,
    email: String,
    #[server(default)] role: String,
) -> Result<String, AppError> {
    use crate::domain::account::parse_email;
    use crate::domain::{AccountInputError, Action, Role};
    use crate::store::accounts::Place;
    use crate::store::StoreError;

    let (store, session, signed_in) = super::authorize(Action::ManageNetworks).await?;
    let role = match role.trim() {
        "" | "network_admin" => Role::NetworkAdmin,
        "partner_expert" => Role::PartnerExpert,
        _ => return Err(AppError::InvalidChoice.respond()),
    };
    let settings = super::settings()?;
    let email = parse_email(&email).map_err(|problem| {
        AppError::InvalidAccount {
            problems: vec![problem],
        }
        .respond()
    })?;
    let net = store
        .network(&network)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    match store
        .invite(
            (&email, &signed_in.preferred_language),
            role,
            Place::Network(net.key, &net.id),
            signed_in.account,
            &settings.public_url,
            &session.actor(),
        )
        .await
    {
        Ok(()) => {
            super::back_with("sent_to", &email);
            Ok(email)
        }
        Err(StoreError::Duplicate(_)) => Err(AppError::InvalidAccount {
            problems: vec![AccountInputError::AlreadyMember],
        }
        .respond()),
        Err(other) => Err(super::failed(other)),
    }
}
