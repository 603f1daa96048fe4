//! Joining a network (an alliance): a school's coordinator asks, on the
//! school's networks page (`/schools/:id/networks`), with a few words on
//! why; the network's admins answer on its requests page
//! (`/networks/:id/requests`), and accepting makes the school a member.
//! Each side hears of the other's step in its notifications. Its pages,
//! server functions and view types live here.

pub mod page;

use crate::domain::network_request::JoinRequest;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A school's networks page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolNetworksView {
    pub school: String,
    pub school_name: String,
    /// The networks it belongs to (public id, name).
    pub member_of: Vec<(String, String)>,
    /// Its requests, the newest first.
    pub requests: Vec<JoinRequest>,
    /// The networks it may ask to join (public id, name): those it is not
    /// in and has no request waiting with. Empty unless the viewer may ask.
    pub may_join: Vec<(String, String)>,
    pub may_ask: bool,
}

/// A network's requests page, for its admins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkRequestsView {
    pub network: String,
    pub network_name: String,
    /// Waiting requests first, then answered ones, the newest first.
    pub requests: Vec<JoinRequest>,
}

#[cfg(feature = "ssr")]
fn join_error(problem: crate::domain::network_request::JoinProblem) -> AppError {
    AppError::JoinRefused { problem }.respond()
}

/// Signed in and allowed `action` on network `id`. A network the person
/// may not act on is "not found", so its id cannot be probed.
#[cfg(feature = "ssr")]
async fn authorize_at_network(
    action: crate::domain::Action,
    id: &str,
) -> Result<
    (
        crate::store::Store,
        crate::http::state::Session,
        crate::store::accounts::SignedIn,
        (i64, String),
    ),
    AppError,
> {
    let store = crate::api::store()?;
    let (session, signed_in) = crate::api::signed_in()?;
    if !signed_in.viewer.may(action, Some(id)) {
        return Err(crate::api::refuse(&store, &session, action, None, AppError::NotFound).await);
    }
    let network = store
        .network_key(id)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    Ok((store, session, signed_in, network))
}

/// The school's networks and requests, for those who see the school.
#[server(endpoint = "school_networks")]
pub async fn school_networks(school: String) -> Result<SchoolNetworksView, AppError> {
    use crate::domain::network_request::RequestState;
    use crate::domain::Action;
    let (store, _, signed_in, school) =
        crate::api::authorize_at(Action::ViewSchool, &school).await?;
    let member_of = store
        .networks_of(school.key)
        .await
        .map_err(crate::api::failed)?;
    let requests = store
        .join_requests_of_school(school.key)
        .await
        .map_err(crate::api::failed)?;
    let may_ask = signed_in
        .viewer
        .may(Action::JoinNetwork, Some(&school.summary.id));
    let may_join = if may_ask {
        let waiting = |id: &str| {
            requests
                .iter()
                .any(|r| r.network == id && r.state == RequestState::Pending)
        };
        store
            .list_networks(None)
            .await
            .map_err(crate::api::failed)?
            .into_iter()
            .filter(|n| !member_of.iter().any(|(id, _)| *id == n.id) && !waiting(&n.id))
            .map(|n| (n.id, n.name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(SchoolNetworksView {
        school: school.summary.id,
        school_name: school.summary.name,
        member_of,
        requests,
        may_join,
        may_ask,
    })
}

/// A school's coordinator asks for it to join `network`; its admins hear
/// of it. Returns the request's id.
#[server(endpoint = "ask_to_join_network")]
pub async fn ask_to_join_network(
    school: String,
    network: String,
    #[server(default)] message: String,
) -> Result<String, AppError> {
    use crate::domain::notification::NotificationKind;
    use crate::domain::Action;
    let (store, session, signed_in, school) =
        crate::api::authorize_at(Action::JoinNetwork, &school).await?;
    let (net, net_name) = store
        .network_key(network.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::InvalidChoice.respond())?;
    let message = crate::domain::network_request::message(&message).map_err(join_error)?;
    let id = store
        .ask_to_join_network(
            (net, network.trim()),
            (school.key, &school.summary.id),
            &message,
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?
        .map_err(join_error)?;
    let admins = store
        .network_admins(net)
        .await
        .map_err(crate::api::failed)?;
    let about_school = format!("{} → {net_name}", school.summary.name);
    let about = move |_: &str| about_school.clone();
    let path = format!("/networks/{}/requests", network.trim());
    crate::notifications::notify(
        &store,
        &admins,
        NotificationKind::JoinRequested,
        &about,
        &path,
    )
    .await;
    crate::api::redirect_after_form(&format!("/schools/{}/networks", school.summary.id));
    Ok(id)
}

/// The requests to join a network, for its admins.
#[server(endpoint = "network_requests")]
pub async fn network_requests(network: String) -> Result<NetworkRequestsView, AppError> {
    use crate::domain::Action;
    let (store, _, _, (key, name)) = authorize_at_network(Action::AdmitToNetwork, &network).await?;
    Ok(NetworkRequestsView {
        requests: store
            .join_requests_to_network(key)
            .await
            .map_err(crate::api::failed)?,
        network,
        network_name: name,
    })
}

/// A network's admin accepts (`answer` = `accept`) or declines (`decline`)
/// a school's request; the school's coordinators hear of it.
#[server(endpoint = "answer_network_request")]
pub async fn answer_network_request(
    network: String,
    request: String,
    answer: String,
) -> Result<(), AppError> {
    use crate::domain::network_request::JoinAnswer;
    use crate::domain::notification::NotificationKind;
    use crate::domain::{Action, Role};
    let (store, session, signed_in, (key, name)) =
        authorize_at_network(Action::AdmitToNetwork, &network).await?;
    let answer = JoinAnswer::parse(&answer).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let answered = store
        .answer_network_request(
            (key, &network),
            request.trim(),
            answer,
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?
        .map_err(join_error)?;
    let school = store
        .school(&answered.school)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let coordinators = store
        .holders_of(Role::Coordinator, Some(school.key))
        .await
        .map_err(crate::api::failed)?;
    let about = move |language: &str| {
        crate::domain::network_request::answer_headline(language, &name, answer)
    };
    let path = format!("/schools/{}/networks", answered.school);
    let kind = NotificationKind::JoinAnswered;
    crate::notifications::notify(&store, &coordinators, kind, &about, &path).await;
    crate::api::redirect_after_form(&format!("/networks/{network}/requests"));
    Ok(())
}
