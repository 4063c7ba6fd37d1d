#!/usr/bin/env bash
# The end-to-end tests of the built page (tests/e2e/*.test.mjs), in the
# system Chromium. Build the page first:
#
#   trunk build --release --offline && bash tests/e2e/run.sh
#
# .ci/test.sh runs this after its build step; .ci/setup.sh installs
# tests/e2e/node_modules (npm ci, playwright-core as locked). Screenshots go
# to target/e2e-screenshots, or to tests/screenshots with UPDATE_SCREENSHOTS=1.
# Extra arguments go to `node --test` (e.g. --test-name-pattern hostile).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
if [[ ! -f node_modules/playwright-core/package.json ]]; then
  npm ci --no-audit --no-fund --silent
fi
# One file at a time: each starts its own Chromium, and the machine has 2 cores.
exec node --test --test-concurrency=1 "$@" ./*.test.mjs
