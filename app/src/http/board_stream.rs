//! The live board: a stream of a cluster board's changes, for as long as
//! the person may read the board.

use super::state::{cookie, session_cookie_name, AppState, Session, SESSION_COOKIE};
use crate::domain::AuditAction;
use crate::error::AppError;
use crate::store::audit::Change;
use crate::store::Store;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// Server-sent events for one cluster's board: a `message` each time it
/// changes (here or, on PostgreSQL, on another app server), for the people
/// who may read it. Before each message, and every half minute, the person's
/// session and access are checked again: the stream ends with either, and
/// when the server stops. Browsers reconnect by themselves when it drops.
pub(super) async fn board_events(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let Some(signed_in) = session.signed_in.clone() else {
        return AppError::Unauthenticated.status().into_response();
    };
    let store = state.store.clone();
    match reads_board(&store, &signed_in.viewer, &id).await {
        None => return AppError::NotFound.status().into_response(),
        Some(false) => {
            let change = Change::new(AuditAction::AccessDenied, "cluster", &id);
            let _ = store.record_refusal(&session.actor(), change).await;
            return AppError::NotFound.status().into_response();
        }
        Some(true) => {}
    }
    let Some(place) = store.board_events().open_stream(signed_in.account) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            "This board is open in too many windows: close one and reload.",
        )
            .into_response();
    };
    let token = cookie(&headers, session_cookie_name(&state.settings))
        .or_else(|| cookie(&headers, SESSION_COOKIE))
        .unwrap_or_default();
    let stream = BoardStream {
        changes: store.board_events().subscribe(),
        stopping: store.board_events().stopping(),
        recheck: tokio::time::interval_at(
            tokio::time::Instant::now() + BOARD_RECHECK,
            BOARD_RECHECK,
        ),
        store,
        token,
        cluster: id,
        _place: place,
    };
    let events = futures::stream::unfold(stream, |mut stream| async move {
        stream.next_change().await.then(|| {
            (
                Ok::<_, std::convert::Infallible>(Event::default().data("changed")),
                stream,
            )
        })
    });
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// How often an open board stream checks that its person may still read it.
const BOARD_RECHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// One open board stream's state.
struct BoardStream {
    changes: tokio::sync::broadcast::Receiver<String>,
    stopping: tokio::sync::watch::Receiver<bool>,
    recheck: tokio::time::Interval,
    store: Store,
    token: String,
    cluster: String,
    _place: crate::store::live::StreamPlace,
}

impl BoardStream {
    /// Waits for the board's next change: `true` to tell the viewer, `false`
    /// when the stream must end (signed out, access gone, server stopping).
    async fn next_change(&mut self) -> bool {
        use tokio::sync::broadcast::error::RecvError;
        enum Next {
            Tell,
            Check,
            Wait,
            End,
        }
        loop {
            let next = tokio::select! {
                change = self.changes.recv() => match change {
                    Ok(cluster) if cluster == self.cluster => Next::Tell,
                    Ok(_) => Next::Wait,
                    // Missed some: say it changed, to be safe.
                    Err(RecvError::Lagged(_)) => Next::Tell,
                    Err(RecvError::Closed) => Next::End,
                },
                _ = self.stopping.wait_for(|stopping| *stopping) => Next::End,
                _ = self.recheck.tick() => Next::Check,
            };
            match next {
                Next::Tell => return self.still_allowed().await,
                Next::Check if !self.still_allowed().await => return false,
                Next::Check | Next::Wait => {}
                Next::End => return false,
            }
        }
    }

    /// Whether the session is live and its person still reads the board.
    async fn still_allowed(&self) -> bool {
        match self.store.session(&self.token).await {
            Ok(Some(signed_in)) => {
                reads_board(&self.store, &signed_in.viewer, &self.cluster).await == Some(true)
            }
            _ => false,
        }
    }
}

/// Whether `viewer` may read the board of the cluster `id` (public id):
/// `None` when there is no such cluster.
pub(super) async fn reads_board(
    store: &Store,
    viewer: &crate::domain::Viewer,
    id: &str,
) -> Option<bool> {
    let cluster = store.cluster(id).await.ok()??;
    let members = store.cluster_members(cluster.key).await.ok()?;
    let lead = members
        .iter()
        .find(|(s, _)| s.id == cluster.lead_school)
        .map(|(s, _)| s.public_id.clone())
        .unwrap_or_default();
    let member_ids: Vec<&str> = members
        .iter()
        .filter(|(_, m)| *m == crate::domain::cluster::Membership::Member)
        .map(|(s, _)| s.public_id.as_str())
        .collect();
    Some(crate::domain::cluster::reads_board(
        viewer,
        &member_ids,
        &lead,
    ))
}
