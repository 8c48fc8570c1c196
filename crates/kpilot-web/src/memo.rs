//! Results computed once per state of the workspace. A plan's status at a
//! day — a cube of every objective's KPI, its pacing and its forecast — is
//! the same until the plan or its data change, so the dashboard and the
//! status API compute it once per (plan, data version, day, language) and serve the result from memory until a write moves the
//! store's data version ([`kpilot_store::Store::data_version`]).
//!
//! One computation runs per key: the requests that arrive while it runs
//! wait for it rather than start their own. Computations for different keys
//! run at most as many at a time as there are cores, so that a burst of
//! different days cannot starve the rest of the server.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use kpilot_core::kpi::Lang;
use tokio::sync::{OnceCell, Semaphore};

use crate::error::AppError;

/// What a result depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key {
    pub plan: String,
    /// The store's data version, which every write moves, a new revision
    /// of the plan included.
    pub data_version: i64,
    pub at: Date,
    pub lang: Lang,
}

impl Key {
    fn same_state(&self, other: &Key) -> bool {
        self.plan == other.plan && self.data_version == other.data_version
    }
}

type Cell<V> = Arc<OnceCell<Arc<V>>>;

/// A small cache of results, the most recently used last.
pub(crate) struct Memo<V> {
    entries: Mutex<VecDeque<(Key, Cell<V>)>>,
    capacity: usize,
    running: Arc<Semaphore>,
}

impl<V> Memo<V> {
    /// A cache of at most `capacity` results, whose computations share
    /// `running`'s permits with the other caches.
    pub(crate) fn new(capacity: usize, running: Arc<Semaphore>) -> Memo<V> {
        Memo {
            entries: Mutex::new(VecDeque::new()),
            capacity,
            running,
        }
    }

    /// The result for `key`: the one in memory, or the one `compute` gives,
    /// kept for the next callers. An error is not kept: the next caller
    /// tries again.
    pub(crate) async fn get<F, Fut>(&self, key: Key, compute: F) -> Result<Arc<V>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, AppError>>,
    {
        let cell = self.cell(key);
        let value = cell
            .get_or_try_init(|| async {
                let _permit = self
                    .running
                    .acquire()
                    .await
                    .map_err(|_| AppError::Internal("the server is stopping".to_owned()))?;
                compute().await.map(Arc::new)
            })
            .await?;
        Ok(value.clone())
    }

    /// The cell of `key`, made the most recently used. A plan's results
    /// for an earlier state are dropped: no request will ask for them again.
    fn cell(&self, key: Key) -> Cell<V> {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let cell = match entries.iter().position(|(seen, _)| *seen == key) {
            Some(index) => entries.remove(index).expect("a found index").1,
            None => {
                entries.retain(|(seen, _)| seen.plan != key.plan || seen.same_state(&key));
                Arc::new(OnceCell::new())
            }
        };
        entries.push_back((key, cell.clone()));
        while entries.len() > self.capacity {
            entries.pop_front();
        }
        cell
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use jiff::civil::date;

    use super::*;

    fn key(plan: &str, data_version: i64, day: i8) -> Key {
        Key {
            plan: plan.to_owned(),
            data_version,
            at: date(2026, 3, day),
            lang: Lang::Fr,
        }
    }

    fn memo(capacity: usize) -> Memo<String> {
        Memo::new(capacity, Arc::new(Semaphore::new(2)))
    }

    #[tokio::test]
    async fn one_computation_serves_every_waiting_request() {
        let memo = Arc::new(memo(8));
        let runs = Arc::new(AtomicUsize::new(0));
        let requests: Vec<_> = (0..16)
            .map(|_| {
                let (memo, runs) = (memo.clone(), runs.clone());
                tokio::spawn(async move {
                    memo.get(key("p", 1, 1), || async {
                        runs.fetch_add(1, Ordering::SeqCst);
                        // Let the other requests arrive while this runs.
                        for _ in 0..32 {
                            tokio::task::yield_now().await;
                        }
                        Ok("page".to_owned())
                    })
                    .await
                    .unwrap()
                })
            })
            .collect();
        for request in requests {
            assert_eq!(*request.await.unwrap(), "page");
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_new_data_version_computes_again_and_drops_the_old_results() {
        let memo = memo(8);
        let page = |text: &'static str| move || async move { Ok(text.to_owned()) };
        assert_eq!(*memo.get(key("p", 1, 1), page("v1")).await.unwrap(), "v1");
        assert_eq!(
            *memo.get(key("p", 1, 2), page("v1 2nd")).await.unwrap(),
            "v1 2nd"
        );
        assert_eq!(*memo.get(key("q", 1, 1), page("q")).await.unwrap(), "q");
        // Still in memory: the computation is not run.
        assert_eq!(
            *memo.get(key("p", 1, 1), page("not run")).await.unwrap(),
            "v1"
        );
        assert_eq!(memo.len(), 3);
        assert_eq!(*memo.get(key("p", 2, 1), page("v2")).await.unwrap(), "v2");
        // Plan p's results of data version 1 are gone, plan q's stay.
        assert_eq!(memo.len(), 2);
        assert_eq!(
            *memo.get(key("q", 1, 1), page("not run")).await.unwrap(),
            "q"
        );
    }

    #[tokio::test]
    async fn an_error_is_not_kept_and_the_least_recently_used_goes_first() {
        let memo = memo(2);
        let failed = memo
            .get(key("p", 1, 1), || async {
                Err(AppError::Internal("the store is down".to_owned()))
            })
            .await;
        assert!(failed.is_err());
        let page = |text: &'static str| move || async move { Ok(text.to_owned()) };
        assert_eq!(
            *memo.get(key("p", 1, 1), page("day 1")).await.unwrap(),
            "day 1"
        );
        assert_eq!(
            *memo.get(key("p", 1, 2), page("day 2")).await.unwrap(),
            "day 2"
        );
        assert_eq!(
            *memo.get(key("p", 1, 1), page("again")).await.unwrap(),
            "day 1"
        );
        assert_eq!(
            *memo.get(key("p", 1, 3), page("day 3")).await.unwrap(),
            "day 3"
        );
        // Day 2 was the least recently used of the two kept.
        assert_eq!(memo.len(), 2);
        assert_eq!(
            *memo.get(key("p", 1, 2), page("recomputed")).await.unwrap(),
            "recomputed"
        );
    }
}
