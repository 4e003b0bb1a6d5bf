//! CPU time of this thread or process, for speed figures that do not depend
//! on how busy a shared machine is: the thread's CPU clock on Unix, Linux
//! `/proc` for the process; 0 elsewhere, so a figure built on it reads as
//! "not measured" rather than failing.

/// CPU seconds used so far by the calling thread (0 where not measured).
pub fn thread_seconds() -> f64 {
    thread_nanos().map_or(0.0, |ns| ns as f64 / 1e9)
}

/// Nanoseconds the calling thread has spent on a CPU, from its CPU-time
/// clock (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, nanosecond resolution,
/// a fraction of a microsecond per call); `None` where there is none.
pub fn thread_nanos() -> Option<u64> {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        Some(t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Adds the calling thread's CPU time from its creation to its drop to
/// `sink` (nanoseconds). Made at the start of a piece of work on a worker
/// thread and dropped at its end, it measures that work per core: time the
/// thread spent preempted or waiting is not CPU time.
#[derive(Debug)]
pub struct CpuSpan<'a> {
    start: Option<u64>,
    sink: &'a std::sync::atomic::AtomicU64,
}

impl<'a> CpuSpan<'a> {
    pub fn start(sink: &'a std::sync::atomic::AtomicU64) -> Self {
        CpuSpan { start: thread_nanos(), sink }
    }
}

impl Drop for CpuSpan<'_> {
    fn drop(&mut self) {
        if let (Some(start), Some(end)) = (self.start, thread_nanos()) {
            self.sink.fetch_add(end.saturating_sub(start), std::sync::atomic::Ordering::Relaxed);
        }
    }
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
        if cfg!(unix) {
            assert!(spent > 0.0, "work was not counted: {spent} s");
        }
        assert!(super::process_seconds() >= 0.0);
    }

    #[test]
    fn cpu_span_adds_the_work_between_start_and_drop() {
        use std::sync::atomic::{AtomicU64, Ordering};
        let sink = AtomicU64::new(0);
        {
            let _span = super::CpuSpan::start(&sink);
            let mut x = 0u64;
            for _ in 0..20_000_000u64 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        }
        let worked = sink.load(Ordering::Relaxed);
        // Idle time is not CPU time: a sleeping span adds almost nothing.
        {
            let _span = super::CpuSpan::start(&sink);
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let slept = sink.load(Ordering::Relaxed) - worked;
        if cfg!(unix) {
            assert!(worked > 0, "the work was not counted");
            assert!(slept < 20_000_000, "a 50 ms sleep counted {slept} ns of CPU");
        }
    }
}
