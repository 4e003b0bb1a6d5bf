//! CPU time of this thread or process, for speed figures that do not depend
//! on how busy a shared machine is. Linux `/proc`; 0 elsewhere, so a figure
//! built on it reads as "not measured" rather than failing.

/// CPU seconds used so far by the calling thread. From `schedstat`
/// (nanoseconds) when the kernel has it; `stat` counts 10 ms ticks, too
/// coarse for a pass of a fraction of a second.
pub fn thread_seconds() -> f64 {
    match thread_nanos() {
        Some(ns) => ns as f64 / 1e9,
        None => stat_ticks("/proc/thread-self/stat"),
    }
}

/// Nanoseconds the calling thread has spent on a CPU, when the kernel
/// keeps `schedstat`; `None` otherwise.
pub fn thread_nanos() -> Option<u64> {
    let sched = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    sched.split_whitespace().next()?.parse().ok()
}

/// CPU seconds used so far by the whole process, all threads (10 ms ticks).
pub fn process_seconds() -> f64 {
    stat_ticks("/proc/self/stat")
}

/// utime + stime of a `stat` file, in seconds.
fn stat_ticks(path: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(path) else { return 0.0 };
    // The command name is parenthesised and may hold spaces: count fields
    // after its closing parenthesis; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (field(11) + field(12)) / 100.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn thread_time_grows_with_work() {
        let before = super::thread_seconds();
        // A fixed amount of work, not a wall-clock wait: on a busy machine
        // the thread may get little CPU in any given interval.
        let mut x = 0u64;
        for _ in 0..50_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
        }
        let spent = super::thread_seconds() - before;
        if cfg!(target_os = "linux") {
            assert!(spent > 0.0, "work was not counted: {spent} s");
        }
        assert!(super::process_seconds() >= 0.0);
    }
}
