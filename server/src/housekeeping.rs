//! The daily job: erase young people's free text older than each
//! municipality's retention (default 24 months), and drop dead sessions,
//! used or expired links and old sign-in failures. Runs at start and then
//! every 24 hours; with several instances each runs it (it is idempotent).

use app::store::DynStore;
use std::time::Duration;

pub const EVERY: Duration = Duration::from_secs(24 * 3600);

pub fn spawn(store: DynStore) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match store.housekeeping(app::domain::policy::now()).await {
                Ok(done) => {
                    tracing::info!(comments_erased = done.comments_erased, sessions_ended = done.sessions_ended, "housekeeping done")
                }
                Err(e) => tracing::error!(error = %e, "housekeeping failed; it runs again in 24 hours"),
            }
        }
    });
}
