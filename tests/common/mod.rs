//! Helpers shared by the end-to-end tests of the `warta` binary. Each test
//! file uses a different subset, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::process::{Command, Output};

/// The `warta` binary under test.
pub fn warta() -> Command {
    Command::new(env!("CARGO_BIN_EXE_warta"))
}

/// Runs `cmd` and expects success; the failure message shows both streams.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("warta starts");
    assert!(
        out.status.success(),
        "warta failed ({:?}):\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs warta with `args`, expects exit 1 with one `warta: error:` message
/// naming `must_name` and no panic text; returns the message. (A message may
/// run over several lines where it quotes its cause, as a TOML parse error
/// points at the column.)
pub fn fails_with_one_clear_message<S: AsRef<OsStr> + std::fmt::Debug>(args: &[S], must_name: &str) -> String {
    let out = warta().args(args).output().expect("warta starts");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains(must_name), "the message names {must_name}: {err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    assert!(err.starts_with("warta: error: ") && err.matches("error:").count() == 1, "one message: {err}");
    err
}
