//! Renders `report.html` with headless Chromium (Debian's `chromium`) into a
//! PNG, so a person can check what the report looks like. Not part of
//! `cargo test`: it needs a browser.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The Chromium binaries looked for, in order.
const CANDIDATES: &[&str] = &["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("WARTA_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    CANDIDATES.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// Takes a 1280×`height` screenshot of `html` into `png`.
pub fn screenshot(html: &Path, png: &Path, height: u32) -> Result<()> {
    let Some(chromium) = find_chromium() else {
        bail!("no Chromium found (looked for {}); install it with `apt-get install -y chromium`", CANDIDATES.join(", "));
    };
    let html = std::fs::canonicalize(html).with_context(|| format!("cannot find {}", html.display()))?;
    let png_abs = if png.is_absolute() { png.to_path_buf() } else { std::env::current_dir()?.join(png) };
    if let Some(parent) = png_abs.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // A fresh profile each time: nothing from an earlier run leaks in.
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let profile = std::env::temp_dir().join(format!("warta-chromium-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&profile)?;
    let output = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png_abs.display()))
        .arg(format!("--window-size=1280,{height}"))
        .arg(format!("file://{}", html.display()))
        .output()
        .with_context(|| format!("cannot start {}", chromium.display()));
    let _ = std::fs::remove_dir_all(&profile);
    let output = output?;
    if !png_abs.is_file() {
        bail!(
            "{} wrote no screenshot (exit {}): {}",
            chromium.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
