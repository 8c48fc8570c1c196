//! Files uploaded on the Import page, kept in memory between the dry run
//! and the confirmation so that the user neither uploads them again nor
//! sends them back in a form.
//!
//! Each upload is keyed by a random id and belongs to the browser that sent
//! it (its CSRF token): another browser asking for the id finds nothing.
//! The cache is bounded: uploads expire after [`TTL`], and the oldest are
//! dropped when the total size or the number of uploads would pass the
//! bounds. A dropped upload is simply uploaded again; nothing is stored in
//! the workspace before the confirmation.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::csrf;

/// How long an upload waits for its confirmation.
pub const TTL: Duration = Duration::from_secs(60 * 60);
/// How many uploads are kept at most, all browsers together.
pub const MAX_UPLOADS: usize = 32;

/// A file waiting for its confirmation.
#[derive(Debug)]
pub struct Upload {
    /// The file's name as the browser sent it, without folders.
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The CSRF token of the browser that sent it.
    pub owner: String,
}

#[derive(Debug)]
struct Entry {
    id: String,
    at: Instant,
    upload: Arc<Upload>,
}

/// The uploads waiting, oldest first.
#[derive(Debug)]
pub struct Uploads {
    max_bytes: usize,
    entries: Mutex<Vec<Entry>>,
}

impl Uploads {
    /// A cache holding at most `max_bytes` of files.
    pub fn new(max_bytes: usize) -> Uploads {
        Uploads {
            max_bytes,
            entries: Mutex::new(Vec::new()),
        }
    }

    /// Keeps `upload`, dropping expired and then the oldest uploads to make
    /// room; gives its id.
    pub fn put(&self, upload: Upload) -> String {
        self.put_at(upload, Instant::now())
    }

    fn put_at(&self, upload: Upload, now: Instant) -> String {
        let id = csrf::new_token();
        let mut entries = self.lock();
        entries.retain(|entry| now.saturating_duration_since(entry.at) < TTL);
        let mut total: usize = entries.iter().map(|entry| entry.upload.bytes.len()).sum();
        while !entries.is_empty()
            && (entries.len() >= MAX_UPLOADS
                || total.saturating_add(upload.bytes.len()) > self.max_bytes)
        {
            let oldest = entries.remove(0);
            total -= oldest.upload.bytes.len();
        }
        entries.push(Entry {
            id: id.clone(),
            at: now,
            upload: Arc::new(upload),
        });
        id
    }

    /// The upload `id` of the browser `owner`, unless it expired or was
    /// dropped.
    pub fn get(&self, id: &str, owner: &str) -> Option<Arc<Upload>> {
        self.get_at(id, owner, Instant::now())
    }

    fn get_at(&self, id: &str, owner: &str, now: Instant) -> Option<Arc<Upload>> {
        let entries = self.lock();
        entries
            .iter()
            .find(|entry| {
                entry.id == id
                    && entry.upload.owner == owner
                    && now.saturating_duration_since(entry.at) < TTL
            })
            .map(|entry| entry.upload.clone())
    }

    /// Forgets the upload `id` (once imported).
    pub fn remove(&self, id: &str) {
        self.lock().retain(|entry| entry.id != id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        // A panic while holding the lock leaves a list that is still whole:
        // every change above is one `retain`, `remove` or `push`.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(size: usize, owner: &str) -> Upload {
        Upload {
            file_name: "export.csv".to_owned(),
            bytes: vec![b'x'; size],
            owner: owner.to_owned(),
        }
    }

    #[test]
    fn an_upload_belongs_to_its_browser() {
        let uploads = Uploads::new(1000);
        let id = uploads.put(upload(10, "alice"));
        assert_eq!(uploads.get(&id, "alice").unwrap().bytes.len(), 10);
        assert!(uploads.get(&id, "bob").is_none());
        assert!(uploads.get("unknown", "alice").is_none());
        uploads.remove(&id);
        assert!(uploads.get(&id, "alice").is_none());
    }

    #[test]
    fn the_oldest_uploads_make_room_and_old_ones_expire() {
        let uploads = Uploads::new(100);
        let start = Instant::now();
        let first = uploads.put_at(upload(60, "a"), start);
        let second = uploads.put_at(upload(30, "a"), start);
        // 60 + 30 + 30 > 100: the first goes.
        let third = uploads.put_at(upload(30, "a"), start);
        assert!(uploads.get_at(&first, "a", start).is_none());
        assert!(uploads.get_at(&second, "a", start).is_some());
        assert!(uploads.get_at(&third, "a", start).is_some());
        let later = start + TTL;
        assert!(uploads.get_at(&third, "a", later).is_none());
        // Expired uploads are dropped before anything newer.
        uploads.put_at(upload(100, "a"), later);
        assert_eq!(uploads.lock().len(), 1);
        for _ in 0..MAX_UPLOADS + 5 {
            uploads.put_at(upload(0, "a"), later);
        }
        assert_eq!(uploads.lock().len(), MAX_UPLOADS);
    }
}
