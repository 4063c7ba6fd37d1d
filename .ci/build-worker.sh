#!/usr/bin/env bash
# Builds the large-paste worker's engine (src/bin/worker.rs, the
# `smtp-lens-worker` binary) into dist/worker/ with stable names:
# smtp-lens-worker.js + smtp-lens-worker_bg.wasm. It is built with
# `--profile worker` (opt-level 3: the engine about twice as fast as the
# page's size-tuned wasm) and optimised with wasm-opt -O3; only the worker
# (src/app/worker.js) loads it, once a large paste arrives.
#
# Trunk runs it after every build (a post_build hook in Trunk.toml), with
# TRUNK_STAGING_DIR and TRUNK_PROFILE set; debug builds (`trunk serve`
# without --release) build it with the dev profile.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

STAGE="${TRUNK_STAGING_DIR:?run by trunk build (TRUNK_STAGING_DIR is not set)}"
PROFILE="${TRUNK_PROFILE:-release}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$STAGE/worker"

if [[ "$PROFILE" == release ]]; then
  cargo build --locked --target wasm32-unknown-unknown --features split --profile worker --bin smtp-lens-worker
  DIR=worker
else
  cargo build --locked --target wasm32-unknown-unknown --features split --bin smtp-lens-worker
  DIR=debug
fi
mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name smtp-lens-worker \
  "$TARGET_DIR/wasm32-unknown-unknown/$DIR/smtp-lens-worker.wasm"
if [[ "$PROFILE" == release ]]; then
  if command -v wasm-opt >/dev/null; then
    # Functions sorted by name: smaller gzipped, the code the same (see index.html).
    wasm-opt -O3 --reorder-functions-by-name --output "$OUT/smtp-lens-worker_bg.opt.wasm" "$OUT/smtp-lens-worker_bg.wasm"
    mv "$OUT/smtp-lens-worker_bg.opt.wasm" "$OUT/smtp-lens-worker_bg.wasm"
  else
    echo "build-worker: wasm-opt not on PATH, the worker's wasm is not optimised" >&2
  fi
fi
# Short import names in the wasm and its glue (see .ci/pack-page.mjs).
node "$ROOT/.ci/pack-page.mjs" imports "$OUT/smtp-lens-worker_bg.wasm" "$OUT/smtp-lens-worker.js"
