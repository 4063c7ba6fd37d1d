#!/usr/bin/env bash
# Builds SMTP Lens and serves it on http://127.0.0.1:8080/ (rebuilding on
# change), offline. Extra arguments go to `trunk serve` (e.g. --port 8081).
#
# Autoreload is off (Trunk.toml): its client is an inline script, which the
# page's Content-Security-Policy blocks. Reload the page by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/.ci/setup.sh"
export PATH="$ROOT/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# --offline makes Trunk fail at once on a tool version mismatch instead of
# trying GitHub, and passes --offline to cargo: fetch the crates first.
cargo fetch --locked
exec trunk serve --offline --address 127.0.0.1 --port 8080 "$@"
