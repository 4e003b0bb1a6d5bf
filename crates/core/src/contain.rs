//! Panics that warta contains and turns into reject records.
//!
//! A stage's panic on one article, or a third-party reader's on one damaged
//! file, becomes a `stage_error` (or similar) reject that carries the panic's
//! message; the run goes on. Rust's default panic hook would still print the
//! panic and a backtrace on stderr, which users would read as a crash. Code
//! that contains a panic runs it through [`contained`]; the binary installs
//! [`install_hook`], which stays silent for contained panics and prints one
//! line (no backtrace) for any other.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, catching a panic; while it runs, a panic on this thread is
/// known to be contained.
pub fn contained<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    result
}

/// Whether a panic on this thread now would be contained.
pub fn is_contained() -> bool {
    DEPTH.with(Cell::get) > 0
}

/// The message of a caught panic.
pub fn message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Replaces the default panic hook: silent for contained panics (their
/// message goes into a reject), one line on stderr for any other.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        if is_contained() {
            return;
        }
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("warta: internal error: {}{place} (a bug in warta: please report it)", message(info.payload()));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contained_panic_is_caught_with_its_message() {
        assert!(!is_contained());
        let err = contained(|| -> u32 { panic!("broken page {}", 7) }).unwrap_err();
        assert_eq!(message(&*err), "broken page 7");
        assert!(!is_contained(), "the mark ends with the call");
        assert_eq!(contained(|| 5).unwrap(), 5);
        let nested = contained(|| {
            assert!(is_contained());
            contained(|| panic!("inner")).is_err() && is_contained()
        });
        assert!(nested.unwrap());
    }
}
