#!/usr/bin/env bash
# The whole check, as CI runs it (`bash .ci/run`): install the tools, then
# format, lint, native tests (the engine), browser tests (headless Chromium),
# the release build of the page, and the end-to-end tests of that build in
# Chromium (tests/e2e). Stops at the first failure with a
# non-zero exit status; prints how long each step took.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Browser tests: generous per-test timeout for a cold, loaded CI machine.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

# CI checks a fresh clone once: incremental caches would only take disk.
if [[ -n "${CI:-}" ]]; then export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"; fi

# Free disk where target/ lives, in MB. A full check's target/ peaks at about
# 1.5 GB (measured: README.md); CI once failed on a machine with too little,
# so say so up front, and again on failure.
free_mb() { df -Pm "$ROOT" | awk 'NR == 2 { print $4 }'; }
printf '==> disk: %s MB free where target/ is\n' "$(free_mb)"
trap 'rc=$?; if (( rc != 0 )); then printf "==> failed (exit %d); disk: %s MB free\n" "$rc" "$(free_mb)" >&2; fi' EXIT

T0=$SECONDS
step() {
  local t=$SECONDS
  printf '\n==> %s\n' "$*"
  "$@"
  printf '<== ok (%d s): %s\n' "$((SECONDS - t))" "$*"
}

# Browser tests are the tests/browser_*.rs files (wasm32 only; the other
# integration tests are native and need native-only dev-dependencies).
BROWSER_TESTS=()
for f in tests/browser_*.rs; do
  if [[ -e "$f" ]]; then BROWSER_TESTS+=(--test "$(basename "$f" .rs)"); fi
done
if [[ ${#BROWSER_TESTS[@]} -eq 0 ]]; then
  echo "no tests/browser_*.rs found" >&2
  exit 1
fi

step bash "$ROOT/.ci/setup.sh"
export PATH="$ROOT/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step cargo fetch --locked
step cargo fmt --check
step cargo clippy --locked --all-targets -- -D warnings
# The browser-only code (src/main.rs's wasm side, src/app/, browser tests)
# is compiled out of the native clippy run above: lint it for wasm32 too.
step cargo clippy --locked --target wasm32-unknown-unknown --bin smtp-lens-web --bin smtp-lens-docs "${BROWSER_TESTS[@]}" -- -D warnings
# The page as Trunk builds it: Learn and Share as parts loaded on first use,
# and the large-paste worker's engine (src/bin/worker.rs).
step cargo clippy --locked --target wasm32-unknown-unknown --features split --bin smtp-lens-web --bin smtp-lens-learn --bin smtp-lens-share --bin smtp-lens-worker -- -D warnings
step cargo test --locked
# Nothing after this point uses the native debug build (about 0.5 GB): on a
# machine short of disk, drop it before the wasm builds.
if (( $(free_mb) < 6000 )); then
  printf '==> low disk (%s MB free): removing target/debug before the wasm builds\n' "$(free_mb)"
  rm -rf "$ROOT/target/debug"
fi
# The other parts the page loads on first use: the exports, the
# examples' transcripts with share-link decoding, the explanation catalog.
step cargo clippy --locked --target wasm32-unknown-unknown --features split --bin smtp-lens-export --bin smtp-lens-open --bin smtp-lens-explain -- -D warnings
step cargo test --locked --target wasm32-unknown-unknown "${BROWSER_TESTS[@]}"
step trunk build --release --offline
# The built dist/, served on 127.0.0.1, in the system Chromium (tests/e2e).
step bash "$ROOT/tests/e2e/run.sh"

printf '\nAll checks passed in %d s.\n' "$((SECONDS - T0))"
