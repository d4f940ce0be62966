//! Group commit: writes that arrive while one is being written share the
//! next transaction, so one fsync (and one pass over the hot roll-up rows)
//! serves many. Each caller still gets its answer only after that commit:
//! nothing is acknowledged before it is durable. Under light load a batch
//! is one write, so nothing waits.
//!
//! A batch that fails as a whole (a bad item, a lost connection) is tried
//! again one item at a time, so each caller gets its own outcome and one
//! bad write never fails its neighbours.

use super::StoreError;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};

type Reply<O> = oneshot::Sender<Result<O, StoreError>>;

pub struct Batcher<I, O> {
    queue: mpsc::Sender<(I, Reply<O>)>,
}

impl<I: Clone + Send + 'static, O: Send + 'static> Batcher<I, O> {
    /// Starts `writers` writer tasks taking turns at one queue (several
    /// let PostgreSQL overlap round trips; SQLite has one writer anyway).
    /// `write` stores all its items in one transaction, returning one
    /// output per item, in order.
    pub fn spawn<F, Fut>(max_batch: usize, writers: usize, write: F) -> Self
    where
        F: Fn(Vec<I>) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Vec<O>, StoreError>> + Send,
    {
        let (queue, rx) = mpsc::channel::<(I, Reply<O>)>(max_batch * 16);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..writers.max(1) {
            let (rx, write) = (rx.clone(), write.clone());
            tokio::spawn(async move {
                while let Some(jobs) = next_batch(&rx, max_batch).await {
                    run(&write, jobs).await;
                }
            });
        }
        Batcher { queue }
    }

    /// Writes `item` with whatever else is waiting; returns once committed.
    /// Items waiting for a writer.
    pub fn queued(&self) -> usize {
        self.queue.max_capacity() - self.queue.capacity()
    }

    pub async fn submit(&self, item: I) -> Result<O, StoreError> {
        let (reply, answer) = oneshot::channel();
        // The writer is gone only when the runtime is shutting down.
        let gone = || StoreError::Unavailable(sqlx::Error::PoolClosed);
        self.queue.send((item, reply)).await.map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

/// The next batch: the first job to arrive and whatever waits behind it.
async fn next_batch<I, O>(rx: &Mutex<mpsc::Receiver<(I, Reply<O>)>>, max_batch: usize) -> Option<Vec<(I, Reply<O>)>> {
    let mut rx = rx.lock().await;
    let mut jobs = vec![rx.recv().await?];
    while jobs.len() < max_batch {
        match rx.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    Some(jobs)
}

async fn run<I: Clone, O, F, Fut>(write: &F, mut jobs: Vec<(I, Reply<O>)>)
where
    F: Fn(Vec<I>) -> Fut,
    Fut: Future<Output = Result<Vec<O>, StoreError>>,
{
    let items: Vec<I> = jobs.iter().map(|(item, _)| item.clone()).collect();
    let single = items.len() == 1;
    match write(items).await {
        Ok(outputs) if outputs.len() == jobs.len() => {
            for ((_, reply), out) in jobs.into_iter().zip(outputs) {
                let _ = reply.send(Ok(out));
            }
        }
        Ok(_) => {
            for (_, reply) in jobs {
                let _ = reply.send(Err(StoreError::Corrupt("a batch write lost track of its items".into())));
            }
        }
        Err(e) if single => {
            if let Some((_, reply)) = jobs.pop() {
                let _ = reply.send(Err(e));
            }
        }
        Err(e) => {
            tracing::debug!(error = %e, items = jobs.len(), "batch failed; writing its items one by one");
            for (item, reply) in jobs {
                let out = write(vec![item]).await.and_then(|mut v| v.pop().ok_or_else(|| StoreError::Corrupt("empty batch result".into())));
                let _ = reply.send(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[tokio::test]
    async fn waiting_writes_share_a_batch_and_a_bad_one_fails_alone() {
        let batches: Arc<Mutex<Vec<Vec<i32>>>> = Arc::default();
        let seen = batches.clone();
        let batcher = Arc::new(Batcher::spawn(8, 2, move |items: Vec<i32>| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push(items.clone());
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                if items.contains(&13) {
                    Err(StoreError::Conflict)
                } else {
                    Ok(items.iter().map(|i| i * 10).collect())
                }
            }
        }));
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let b = batcher.clone();
                tokio::spawn(async move { (i, b.submit(i).await) })
            })
            .collect();
        for t in tasks {
            let (i, out) = t.await.unwrap();
            match i {
                13 => assert!(matches!(out, Err(StoreError::Conflict))),
                _ => assert_eq!(out.unwrap(), i * 10),
            }
        }
        let batches = batches.lock().unwrap();
        assert!(batches.iter().any(|b| b.len() > 1), "writes that waited were batched: {batches:?}");
        assert!(batches.iter().all(|b| b.len() <= 8), "no batch over the limit");
    }
}
