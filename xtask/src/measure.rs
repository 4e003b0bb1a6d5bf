//! Wall time, CPU time and peak RSS of one child process, from `wait4`'s
//! rusage (std has no way to get the rusage of one child): what `bench` and
//! `bench --peers` report.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// Wall and CPU seconds (and peak RSS) of one child process.
#[derive(Debug, Clone, Copy)]
pub struct Measured {
    pub wall: f64,
    pub cpu: f64,
    pub max_rss_mb: f64,
}

/// Runs `cmd` with stdout to `stdout_path` (or /dev/null), stderr inherited.
pub fn measure(cmd: &mut Command, stdout_path: Option<&Path>) -> Result<Measured> {
    let stdout = match stdout_path {
        Some(p) => Stdio::from(File::create(p)?),
        None => Stdio::null(),
    };
    let started = Instant::now();
    let child = cmd
        .stdout(stdout)
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("cannot start {cmd:?}"))?;
    let (status, usage) = wait_with_usage(child)?;
    let wall = started.elapsed().as_secs_f64();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        bail!("{cmd:?} failed (wait status {status})");
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Measured {
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
    })
}

/// Waits for `child` with `wait4`, which gives the rusage of that child alone.
#[allow(unsafe_code)]
fn wait_with_usage(child: std::process::Child) -> Result<(i32, libc::rusage)> {
    let pid = child.id() as libc::pid_t;
    // Dropping a Child neither kills nor waits for it; we reap it here.
    drop(child);
    let mut status = 0;
    // SAFETY: rusage is plain old data (all-zero is valid); the child is ours
    // and reaped nowhere else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if rc < 0 {
        bail!("wait4({pid}) failed: {}", std::io::Error::last_os_error());
    }
    Ok((status, usage))
}
