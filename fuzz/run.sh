#!/usr/bin/env bash
# Runs one fuzz target (or `all`, one after another) for SECONDS each.
#
#   fuzz/run.sh TARGET SECONDS      e.g. fuzz/run.sh jsonl 600
#   fuzz/run.sh all SECONDS
#   fuzz/run.sh list
#
# Works with the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# nightly-only flags (-Zsanitizer-coverage…); no sanitizer is used, since the
# workspace forbids unsafe code (`--sanitizer none` also runs ~2x faster).
# libFuzzer runs in fork mode and keeps going after a crash, so one known
# crash does not hide the next; crashing inputs land in fuzz/artifacts/TARGET/.
# The working corpus grows in $WARTA_FUZZ_TARGET_DIR/corpus/TARGET; the
# committed seeds in fuzz/seeds/TARGET are read, never written.
#
# Needs `cargo install cargo-fuzz` (0.13) and a C++ compiler (libFuzzer).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target_dir="${WARTA_FUZZ_TARGET_DIR:-$root/target/fuzz}"
targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$here/Cargo.toml" | grep -v '^warta-fuzz$')

if [[ $# -lt 1 || "$1" == "list" ]]; then
    echo "targets:" $targets
    [[ $# -ge 1 ]] && exit 0 || exit 2
fi
target="$1"
seconds="${2:-60}"

if [[ "$target" == "all" ]]; then
    for t in $targets; do "$0" "$t" "$seconds"; done
    exit 0
fi
if ! grep -qx "$target" <<<"$targets"; then
    echo "unknown fuzz target '$target'; targets: $targets" >&2
    exit 2
fi

corpus="$target_dir/corpus/$target"
artifacts="$here/artifacts/$target"
mkdir -p "$corpus" "$artifacts" "$target_dir/logs"
log="$target_dir/logs/$target.log"
cd "$root"
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none --target-dir "$target_dir" "$target"
echo "fuzzing $target for ${seconds}s (log: $log)"
set +e
# The binary that `cargo fuzz build` just made (`cargo fuzz run` would build again).
"$target_dir/$(rustc -vV | sed -n "s/^host: //p")/release/$target" "$corpus" "$here/seeds/$target" \
    -max_total_time="$seconds" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -rss_limit_mb=2560 -timeout=20 -max_len=262144 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1
status=$?
set -e
# Fork mode prints "#<execs>: cov: … crash: …" progress lines; the last is the total.
last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
echo "$target: ${last:-no progress line, see $log} (libFuzzer exit $status)"
found=$(find "$artifacts" -type f | wc -l)
if [[ "$found" -gt 0 ]]; then
    echo "$target: $found crashing input(s) in $artifacts: minimise with"
    echo "  RUSTC_BOOTSTRAP=1 cargo fuzz tmin --sanitizer none --target-dir $target_dir $target FILE"
    echo "and add the result to fuzz/regressions/$target/"
fi
