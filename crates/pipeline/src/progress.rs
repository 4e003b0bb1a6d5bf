//! The progress bar on stderr: articles/s, MB/s and an ETA when the input
//! size is known. Hidden when stderr is not a terminal or with `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::engine::Progress;

pub struct ProgressDisplay {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl ProgressDisplay {
    /// Starts the display, or a no-op when it should stay hidden.
    pub fn start(progress: Arc<Progress>, total_bytes: Option<u64>, quiet: bool) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        if quiet || !std::io::stderr().is_terminal() {
            return ProgressDisplay { stop, handle: None };
        }
        let bar = match total_bytes {
            Some(total) if total > 0 => {
                let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar
            }
            _ => {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} {binary_bytes_per_sec} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar
            }
        };
        let handle = std::thread::spawn({
            let stop = stop.clone();
            move || {
                let started = std::time::Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    let records = progress.records.load(Ordering::Relaxed);
                    bar.set_position(progress.bytes.load(Ordering::Relaxed));
                    let secs = started.elapsed().as_secs_f64().max(1e-3);
                    bar.set_message(format!("{records} records, {:.0} articles/s", records as f64 / secs));
                    std::thread::sleep(Duration::from_millis(120));
                }
                bar.finish_and_clear();
            }
        });
        ProgressDisplay { stop, handle: Some(handle) }
    }
}

impl Drop for ProgressDisplay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
