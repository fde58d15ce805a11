//! Answers that depend only on the dataset and the query (issue 18): made once per dataset
//! version, each encoding compressed the first time a client asks for it, then served as
//! ready bytes. Every `Dataset` has its own, so a reload starts with none.

use std::sync::Arc;

use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::compression::Packed;

/// One answer: its media type and its bytes.
pub struct Ready {
    pub content_type: &'static str,
    pub packed: Packed,
}

#[derive(Clone)]
struct ByBytes;

impl Weighter<String, Arc<Ready>> for ByBytes {
    /// Counted as if both compressed encodings were made too (a bound, not a measure).
    fn weight(&self, key: &String, ready: &Arc<Ready>) -> u64 {
        key.len() as u64 + (ready.packed.identity.len() as u64).saturating_mul(2)
    }
}

/// At most this many bytes of answers per dataset version.
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;
/// About how many answers that is, for the cache's first allocation.
const ESTIMATED_ANSWERS: usize = 1024;
/// A longer answer is made each time: alone it would push out many others.
const LONGEST: usize = 8 * 1024 * 1024;

/// The answers of one dataset version, the least recently used let go first.
pub struct Answers {
    cache: Cache<String, Arc<Ready>, ByBytes>,
}

impl Default for Answers {
    fn default() -> Answers {
        Answers {
            cache: Cache::with_weighter(ESTIMATED_ANSWERS, CAPACITY_BYTES, ByBytes),
        }
    }
}

impl Answers {
    /// The answer for `key`, if this version has made it.
    pub fn get(&self, key: &str) -> Option<Arc<Ready>> {
        self.cache.get(key)
    }

    /// The answer for `key`, made by `make` when this version has not made it yet; `best`
    /// compresses it at the best levels (an answer every visitor asks for).
    pub fn get_or_make<E>(
        &self,
        key: String,
        best: bool,
        make: impl FnOnce() -> Result<(&'static str, Vec<u8>), E>,
    ) -> Result<Arc<Ready>, E> {
        if let Some(ready) = self.cache.get(&key) {
            return Ok(ready);
        }
        let (content_type, body) = make()?;
        let long = body.len() > LONGEST;
        let ready = Arc::new(Ready {
            content_type,
            packed: Packed::lazy(body.into(), best),
        });
        if !long {
            self.cache.insert(key, ready.clone());
        }
        Ok(ready)
    }
}
