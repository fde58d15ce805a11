//! The process's memory, given back to the system when a large amount was just freed.
//!
//! Reading a dataset builds each file's JSON tree beside the records made from it: for the
//! whole country the heap peaks at twice what stays (issue 18). The allocator keeps freed
//! pages for reuse; after a load, nothing will reuse them soon.

/// Returns the pages freed so far to the system (mimalloc's `mi_collect`).
pub fn give_back() {
    // SAFETY: `mi_collect` takes no pointer and may be called from any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) };
}
