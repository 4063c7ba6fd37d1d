#!/usr/bin/env bash
# Measures the engine and the CLI (figures for the README; never run by CI).
#   bash .ci/bench.sh
# 1. criterion: analyze() over 4 MB and 40 MB pastes made of every fixture,
#    and over one typical session (writes target/bench-paste.txt, 40 MB);
# 2. the CLI (`--profile cli`, opt-level 3) over that paste: wall time,
#    peak memory (GNU time), `wc -l`;
# 3. scaling: the CLI over 4 MB and 40 MB of the same corpus;
# 4. the page (tests/e2e/bench.mjs): the release build in Chromium, bytes
#    downloaded, first render, a 5 KB re-analysis, a 20 MB paste.
#    `bash .ci/bench.sh page` runs only this part.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bench_page() {
  export PATH="$ROOT/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  printf '
The page: trunk build --release, then tests/e2e/bench.mjs
'
  trunk build --release --offline > /dev/null 2>&1 || trunk build --release --offline
  [[ -f tests/e2e/node_modules/playwright-core/package.json ]] || npm ci --prefix tests/e2e --no-audit --no-fund --silent
  node tests/e2e/bench.mjs
}
if [[ "${1:-}" == "page" ]]; then
  bench_page
  exit 0
fi
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$TARGET"
SMTP_LENS_BENCH_PASTE="$TARGET/bench-paste.txt" cargo bench --bench engine -- --noplot 2>&1 | grep -E "^analyze|time:|thrpt:"
cargo build --profile cli --bin smtp-lens -q
BIN="$TARGET/cli/smtp-lens"
PASTE="$TARGET/bench-paste.txt"
head -c 4194304 "$PASTE" > "$TARGET/bench-paste-4mb.txt"
printf '\nCLI over %s bytes, %s lines (wc -l)\n' "$(stat -c %s "$PASTE")" "$(wc -l < "$PASTE")"
for f in "$TARGET/bench-paste-4mb.txt" "$PASTE"; do
  for mode in "" "--json"; do
    /usr/bin/time -f "$(basename "$f") ${mode:-text}: %e s wall, %M KB peak" "$BIN" "$f" $mode > /dev/null
  done
done

bench_page
