#!/bin/sh
# Rebuilds the shipped English repair model (model/boundary-en.bin.zst, session 2,
# md5 5f475e7ad0ba7b3f4cae2b688d24b3ab) byte for byte and compares it with the shipped file.
#
#   crates/segment/scripts/rebuild-boundary-en.sh ../shared/data
#
# Run from the repository root. The file was trained by the code of commit 278481b
# (session 2), whose rules and segmentation features are not the current ones, so the
# current `train_boundary` cannot write it (model/PROVENANCE.md, "Session 6: the English
# repair file"). This exports that commit to a temporary directory (nothing in the working
# tree changes), builds its trainer with that commit's Cargo.lock (target dir:
# $REBUILD_TARGET_DIR, or a temporary one), trains English on UD EWT train only (the empty
# Indonesian file that commit writes is discarded) and runs `cmp`. About a minute on
# 2 cores with a warm cargo cache.
set -eu
data=$(cd "${1:?usage: $0 <shared/data>}" && pwd)
repo=$(git rev-parse --show-toplevel)
shipped="$repo/crates/segment/model/boundary-en.bin.zst"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive 278481b | tar -x -C "$work/"
mkdir "$work/out"
(cd "$work" && CARGO_TARGET_DIR="${REBUILD_TARGET_DIR:-$work/target}" \
    cargo run --release --locked -p warta-segment --example train_boundary -- "$data" --out "$work/out")
md5sum "$work/out/boundary-en.bin.zst" "$shipped"
cmp "$work/out/boundary-en.bin.zst" "$shipped" && echo "boundary-en.bin.zst: rebuilt byte for byte"
