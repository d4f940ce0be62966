//! A short-lived copy of what every rating page and every rating reads
//! first: the municipality, its services, questions and assumptions. Four
//! queries a request would otherwise cost. A write through this store
//! clears it at once; another instance's writes show within `TTL`.

use domain::governance::assumption::Assumption;
use domain::question::Question;
use domain::service::Service;
use domain::Municipality;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How stale another instance's copy may be.
pub const TTL: Duration = Duration::from_secs(2);

pub struct Ttl<K, V> {
    map: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> Ttl<K, V> {
    fn new() -> Self {
        Ttl { map: Mutex::new(HashMap::new()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, (Instant, V)>> {
        // A panic while holding the lock leaves at worst a stale entry.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.lock().get(key).filter(|(at, _)| at.elapsed() < TTL).map(|(_, v)| v.clone())
    }
}

/// A generation taken before a read: its result is kept only if no write
/// cleared the cache meanwhile (so a slow read cannot bring back old data).
#[derive(Clone, Copy)]
pub struct Generation(u64);

pub struct CatalogueCache {
    generation: AtomicU64,
    pub municipality: Ttl<String, Municipality>,
    pub services: Ttl<i64, Vec<Service>>,
    pub questions: Ttl<i64, Vec<Question>>,
    pub assumptions: Ttl<i64, Vec<Assumption>>,
}

impl Default for CatalogueCache {
    fn default() -> Self {
        CatalogueCache {
            generation: AtomicU64::new(0),
            municipality: Ttl::new(),
            services: Ttl::new(),
            questions: Ttl::new(),
            assumptions: Ttl::new(),
        }
    }
}

impl CatalogueCache {
    pub fn generation(&self) -> Generation {
        Generation(self.generation.load(Ordering::Acquire))
    }

    /// Keeps `value` if nothing was written since `read_at`.
    pub fn put<K: Eq + Hash, V: Clone>(&self, ttl: &Ttl<K, V>, read_at: Generation, key: K, value: V) {
        let mut map = ttl.lock();
        if self.generation.load(Ordering::Acquire) == read_at.0 {
            map.insert(key, (Instant::now(), value));
        }
    }

    /// The cached value, or what `read` reads, kept unless the cache was
    /// cleared meanwhile.
    pub async fn read<K: Eq + Hash, V: Clone, E>(&self, ttl: &Ttl<K, V>, key: K, read: impl Future<Output = Result<V, E>>) -> Result<V, E> {
        if let Some(hit) = ttl.get(&key) {
            return Ok(hit);
        }
        let read_at = self.generation();
        let fresh = read.await?;
        self.put(ttl, read_at, key, fresh.clone());
        Ok(fresh)
    }

    /// Runs `write`, a change to what the cache holds, then clears it:
    /// after the write, so no read can keep what it replaced.
    pub async fn write<T, E>(&self, write: impl Future<Output = Result<T, E>>) -> Result<T, E> {
        let done = write.await;
        self.clear();
        done
    }

    /// After any write to the municipality, its services, questions or assumptions.
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.municipality.lock().clear();
        self.services.lock().clear();
        self.questions.lock().clear();
        self.assumptions.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_clears_and_a_read_from_before_it_is_not_kept() {
        let cache = CatalogueCache::default();
        let before = cache.generation();
        cache.put(&cache.questions, before, 1, Vec::new());
        assert_eq!(cache.questions.get(&1), Some(Vec::new()));
        let slow_read = cache.generation();
        cache.clear();
        assert_eq!(cache.questions.get(&1), None);
        cache.put(&cache.questions, slow_read, 1, Vec::new());
        assert_eq!(cache.questions.get(&1), None, "read before the write: not kept");
    }
}
