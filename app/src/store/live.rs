//! Live board notices: a message to everyone viewing a cluster's board each
//! time it changes. Within one server a broadcast channel; across servers
//! on PostgreSQL, LISTEN/NOTIFY feeds that channel. Each person may hold a
//! few streams open at once, and every stream ends when the server stops.

use super::{Store, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The PostgreSQL channel that carries board changes between app servers.
const BOARD_CHANNEL: &str = "equimark_board";

/// The most board streams one person holds open at once (a board open in
/// a few tabs and devices).
pub const STREAMS_PER_PERSON: usize = 6;

/// Notices that a cluster's board changed (the cluster's public id), the
/// streams open per person, and the signal that the server is stopping.
#[derive(Clone, Debug)]
pub struct BoardEvents {
    sender: tokio::sync::broadcast::Sender<String>,
    stopping: Arc<tokio::sync::watch::Sender<bool>>,
    open: Arc<Mutex<HashMap<i64, usize>>>,
}

impl Default for BoardEvents {
    fn default() -> Self {
        BoardEvents {
            sender: tokio::sync::broadcast::channel(256).0,
            stopping: Arc::new(tokio::sync::watch::channel(false).0),
            open: Arc::default(),
        }
    }
}

/// One person's place among the streams open at once; given back when dropped.
#[derive(Debug)]
pub struct StreamPlace {
    account: i64,
    open: Arc<Mutex<HashMap<i64, usize>>>,
}

impl Drop for StreamPlace {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.account) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.account);
            }
        }
    }
}

impl BoardEvents {
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<String> {
        self.sender.subscribe()
    }

    /// A place for one more stream of `account`'s, or `None` when they
    /// already hold [`STREAMS_PER_PERSON`].
    pub fn open_stream(&self, account: i64) -> Option<StreamPlace> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(account).or_insert(0);
        if *count >= STREAMS_PER_PERSON {
            return None;
        }
        *count += 1;
        Some(StreamPlace {
            account,
            open: self.open.clone(),
        })
    }

    /// Changes to `true` when the server is stopping: streams end then.
    pub fn stopping(&self) -> tokio::sync::watch::Receiver<bool> {
        self.stopping.subscribe()
    }
}

impl Store {
    /// Starts listening for other servers' board changes (PostgreSQL only;
    /// on SQLite every change happens in this process). Reconnects after
    /// a lost connection.
    pub fn listen_for_board_changes(&self) {
        if self.db.get_database_backend() != DbBackend::Postgres {
            return;
        }
        let pool = self.db.get_postgres_connection_pool().clone();
        let sender = self.boards.sender.clone();
        tokio::spawn(async move {
            use sea_orm::sqlx::postgres::PgListener;
            loop {
                let listener = async {
                    let mut l = PgListener::connect_with(&pool).await?;
                    l.listen(BOARD_CHANNEL).await?;
                    Ok::<_, sea_orm::sqlx::Error>(l)
                };
                match listener.await {
                    Ok(mut l) => loop {
                        match l.recv().await {
                            Ok(n) => {
                                let _ = sender.send(n.payload().to_owned());
                            }
                            Err(e) => {
                                tracing::warn!("board notices: {e}");
                                break;
                            }
                        }
                    },
                    Err(e) => tracing::warn!("board notices: cannot listen: {e}"),
                }
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        });
    }

    pub fn board_events(&self) -> &BoardEvents {
        &self.boards
    }

    /// Ends every live stream: the server is stopping, and its graceful
    /// shutdown waits for open responses.
    pub fn close_live_streams(&self) {
        self.boards.stopping.send_replace(true);
    }

    /// Tells every viewer of the cluster's board that it changed.
    pub(crate) async fn board_changed(&self, cluster: &str) -> StoreResult<()> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            self.db
                .execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [BOARD_CHANNEL.into(), cluster.into()],
                ))
                .await?;
        } else {
            let _ = self.boards.sender.send(cluster.to_owned());
        }
        Ok(())
    }
}
