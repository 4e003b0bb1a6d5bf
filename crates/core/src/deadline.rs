//! The per-article time limit.
//!
//! Rust cannot stop a thread from outside, so the limit is cooperative: the
//! engine starts a deadline on the worker thread before it hands an article
//! to a stage, and a stage's long loops call [`check`] (or [`expired`]) and
//! give up with a `timeout` reject once it has passed. The engine also
//! rejects an article whose stage returned after the deadline, so the limit
//! means the same for code that never checks; checking only makes a
//! pathological article stop early instead of stalling its batch.
//!
//! Reading the clock costs ~20 ns, more than a short loop body, so
//! [`expired`] reads it only every [`CLOCK_EVERY`] calls.

use std::cell::Cell;
use std::time::{Duration, Instant};

use crate::RejectReason;

/// Calls to [`expired`] between two readings of the clock.
pub const CLOCK_EVERY: u32 = 64;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static CALLS: Cell<u32> = const { Cell::new(0) };
    /// Once seen, expiry sticks until the next `start`.
    static EXPIRED: Cell<bool> = const { Cell::new(false) };
}

/// The deadline of the article being processed on this thread; dropping it
/// restores the one before (stages may nest).
#[must_use = "the deadline ends when the guard is dropped"]
pub struct DeadlineGuard {
    previous: Option<Instant>,
    started: Instant,
    limit: Option<Duration>,
}

impl DeadlineGuard {
    /// Whether the work since [`start`] took longer than the limit.
    pub fn overran(&self) -> bool {
        self.overran_after(self.started.elapsed())
    }

    /// Ends the deadline: the time since [`start`] and whether it was longer
    /// than the limit, from one reading of the clock.
    pub fn finish(self) -> (Duration, bool) {
        let spent = self.started.elapsed();
        (spent, self.overran_after(spent))
    }

    fn overran_after(&self, spent: Duration) -> bool {
        self.limit.is_some_and(|limit| spent > limit)
    }
}

impl Drop for DeadlineGuard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.previous));
        EXPIRED.with(|e| e.set(false));
    }
}

/// Starts a deadline `limit` from now on this thread (`None`: no limit).
pub fn start(limit: Option<Duration>) -> DeadlineGuard {
    let started = Instant::now();
    let deadline = limit.and_then(|l| started.checked_add(l));
    let previous = DEADLINE.with(|d| d.replace(deadline));
    CALLS.with(|c| c.set(0));
    EXPIRED.with(|e| e.set(false));
    DeadlineGuard { previous, started, limit }
}

/// Whether this thread's deadline has passed. Cheap enough for inner loops:
/// the clock is read on the first call and then every [`CLOCK_EVERY`] calls.
pub fn expired() -> bool {
    let Some(deadline) = DEADLINE.with(Cell::get) else { return false };
    if EXPIRED.with(Cell::get) {
        return true;
    }
    let calls = CALLS.with(|c| {
        let n = c.get();
        c.set(n.wrapping_add(1));
        n
    });
    let expired = calls.is_multiple_of(CLOCK_EVERY) && Instant::now() >= deadline;
    if expired {
        EXPIRED.with(|e| e.set(true));
    }
    expired
}

/// `Err(timeout)` once this thread's deadline has passed, for stages to
/// return with `?`.
pub fn check(stage: &str) -> Result<(), (RejectReason, String)> {
    if expired() {
        Err(timeout(stage))
    } else {
        Ok(())
    }
}

/// The reject of an article that ran out of time in `stage`.
pub fn timeout(stage: &str) -> (RejectReason, String) {
    (RejectReason::Timeout, format!("{stage} took longer than the per-article time limit"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spin_until_expired() -> u64 {
        let mut spins = 0u64;
        while !expired() {
            spins += 1;
        }
        spins
    }

    #[test]
    fn no_deadline_never_expires() {
        for _ in 0..1000 {
            assert!(!expired());
        }
        assert!(check("test").is_ok());
    }

    #[test]
    fn a_deadline_expires_and_the_guard_restores_the_previous_one() {
        let outer = start(None);
        {
            let inner = start(Some(Duration::from_millis(5)));
            assert!(spin_until_expired() > 0);
            assert!(inner.overran());
            let (reason, detail) = check("segment").unwrap_err();
            assert_eq!(reason, RejectReason::Timeout);
            assert!(detail.contains("segment"), "{detail}");
        }
        // The inner deadline is gone with its guard.
        for _ in 0..(CLOCK_EVERY * 4) {
            assert!(!expired());
        }
        assert!(!outer.overran());
    }

    #[test]
    fn a_zero_limit_is_already_over() {
        let guard = start(Some(Duration::ZERO));
        assert!(expired());
        std::thread::sleep(Duration::from_millis(1));
        assert!(guard.overran());
        let (spent, overran) = guard.finish();
        assert!(overran && spent >= Duration::from_millis(1));
        assert!(!expired(), "finishing ends the deadline");
    }

    #[test]
    fn deadlines_are_per_thread() {
        let _guard = start(Some(Duration::ZERO));
        std::thread::spawn(|| assert!(!expired())).join().unwrap();
    }
}
