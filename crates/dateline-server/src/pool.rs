//! [`StorePool`]: read-only store handles shared by the request handlers.
//!
//! A [`Store`] holds a SQLite connection, which one thread may use at a
//! time; searches are short and CPU-bound. So each request borrows a handle
//! on tokio's blocking pool, and a semaphore holds the number of requests
//! in flight to the number of handles: excess requests wait their turn
//! instead of piling threads on two cores.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::http::StatusCode;
use dateline_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ServeError};
use crate::REFRESH_INTERVAL;

/// Read-only handles on one store, opened on demand up to a bound.
pub struct StorePool {
    dir: PathBuf,
    idle: Mutex<Vec<Handle>>,
    permits: Semaphore,
}

struct Handle {
    store: Store,
    refreshed: Instant,
}

impl StorePool {
    /// Opens the store in `dir` read-only (one handle now, to fail early
    /// on a missing or incompatible store; more on demand).
    pub fn open(dir: &Path) -> Result<Self, ServeError> {
        let store = Store::open_read_only(dir)?;
        let size = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
        Ok(Self {
            dir: dir.to_path_buf(),
            idle: Mutex::new(vec![Handle {
                store,
                refreshed: Instant::now(),
            }]),
            permits: Semaphore::new(size),
        })
    }

    /// The store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `job` on a store handle on the blocking pool.
    pub async fn run<R, F>(self: &Arc<Self>, job: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&Store) -> Result<R, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut handle = pool.checkout()?;
            if handle.refreshed.elapsed() >= REFRESH_INTERVAL {
                handle.store.refresh()?;
                handle.refreshed = Instant::now();
            }
            let result = job(&handle.store);
            pool.checkin(handle);
            result
        })
        .await
        .map_err(|err| ApiError::internal(format!("the request failed: {err}")))?
    }

    fn checkout(&self) -> Result<Handle, StoreError> {
        if let Some(handle) = self.idle().pop() {
            return Ok(handle);
        }
        Ok(Handle {
            store: Store::open_read_only(&self.dir)?,
            refreshed: Instant::now(),
        })
    }

    fn checkin(&self, handle: Handle) {
        self.idle().push(handle);
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Handle>> {
        // A job that panicked never holds this lock, so poisoning cannot
        // leave the list half-changed.
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
