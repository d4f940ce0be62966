//! The live fan-out: one channel per watched workshop. A change marks the
//! channel dirty; its task reads a fresh snapshot at most ten times a second
//! and broadcasts it, so 2,000 phones voting cannot flood the presenter.
//! Across instances (PostgreSQL) the store's LISTEN marks channels dirty too.

use crate::store::{DynStore, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, Notify};

/// At most this many snapshots per second per workshop.
pub const MAX_PER_SECOND: u64 = 10;
/// A failed snapshot is tried again after this long.
const RETRY: Duration = Duration::from_secs(1);
/// A channel nobody listens to is dropped after this long.
const IDLE: Duration = Duration::from_secs(30);

pub type Update = Arc<str>;

struct Channel {
    tx: broadcast::Sender<Update>,
    dirty: Notify,
}

pub struct Hub {
    store: DynStore,
    channels: Mutex<HashMap<i64, Arc<Channel>>>,
    /// Set once when the server shuts down: every open stream ends.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Hub {
    pub fn new(store: DynStore) -> Arc<Hub> {
        Arc::new(Hub { store, channels: Mutex::new(HashMap::new()), closing: tokio::sync::watch::Sender::new(false) })
    }

    /// The server is shutting down: open streams end, so their phones
    /// reconnect (to another instance) and the server can stop.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    pub fn is_closing(&self) -> bool {
        *self.closing.borrow()
    }

    /// Resolves once `close` has been called.
    pub fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.closing.subscribe();
        async move {
            let _ = rx.wait_for(|closing| *closing).await;
        }
    }

    /// Starts listening for other instances' changes (PostgreSQL only).
    pub async fn watch(self: &Arc<Self>) -> Result<bool, StoreError> {
        let weak = Arc::downgrade(self);
        self.store
            .watch_workshops(Arc::new(move |id| {
                if let Some(hub) = weak.upgrade() {
                    hub.touch(id);
                }
            }))
            .await
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Arc<Channel>>> {
        // A panic while holding this lock cannot leave the map inconsistent.
        self.channels.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Workshop `id` changed (`-1`: anything may have changed).
    pub fn touch(&self, id: i64) {
        let channels = self.lock();
        if id < 0 {
            channels.values().for_each(|c| c.dirty.notify_one());
        } else if let Some(c) = channels.get(&id) {
            c.dirty.notify_one();
        }
    }

    /// Number of open event streams, for the benchmark and health checks.
    pub fn listeners(&self) -> usize {
        self.lock().values().map(|c| c.tx.receiver_count()).sum()
    }

    /// A receiver of the workshop's future snapshots and the current one.
    pub async fn subscribe(self: &Arc<Self>, id: i64) -> Result<(Update, broadcast::Receiver<Update>), super::WorkshopError> {
        let rx = {
            let mut channels = self.lock();
            match channels.get(&id) {
                Some(c) => c.tx.subscribe(),
                None => {
                    let (tx, rx) = broadcast::channel(16);
                    let channel = Arc::new(Channel { tx, dirty: Notify::new() });
                    channels.insert(id, channel.clone());
                    tokio::spawn(run(Arc::downgrade(self), id, channel));
                    rx
                }
            }
        };
        // Read after subscribing, so no change falls between the two.
        let first = render(&self.store, id).await?;
        Ok((first, rx))
    }
}

async fn render(store: &DynStore, id: i64) -> Result<Update, super::WorkshopError> {
    let snapshot = super::snapshot(store, id).await?;
    Ok(serde_json::to_string(&snapshot).map_err(|e| super::WorkshopError::Store(StoreError::Corrupt(e.to_string())))?.into())
}

async fn run(hub: std::sync::Weak<Hub>, id: i64, channel: Arc<Channel>) {
    let pause = Duration::from_millis(1000 / MAX_PER_SECOND);
    loop {
        let changed = tokio::time::timeout(IDLE, channel.dirty.notified()).await.is_ok();
        let Some(hub) = hub.upgrade() else { return };
        if !changed {
            let mut channels = hub.lock();
            if channel.tx.receiver_count() == 0 {
                channels.remove(&id);
                return;
            }
            continue;
        }
        // Paced from the start of one snapshot to the next: at most
        // MAX_PER_SECOND, and while a snapshot takes less than the pause, a
        // change waits at most one pause plus one snapshot (not a snapshot,
        // a pause and another snapshot).
        let next = tokio::time::Instant::now() + pause;
        if channel.tx.receiver_count() > 0 {
            match render(&hub.store, id).await {
                Ok(update) => {
                    let _ = channel.tx.send(update);
                }
                Err(e) => {
                    // The database may be down (PostgreSQL restarting, say):
                    // try again, or the screens would stay stale until the
                    // next change.
                    tracing::warn!(workshop = id, error = ?e, "live snapshot failed; retrying");
                    tokio::time::sleep(RETRY).await;
                    channel.dirty.notify_one();
                }
            }
        }
        drop(hub);
        // Changes meanwhile leave one stored permit: they coalesce into
        // the next snapshot.
        // A slow snapshot still leaves a gap, so a busy database is not
        // read back to back.
        tokio::time::sleep_until(next.max(tokio::time::Instant::now() + pause / 5)).await;
    }
}
