#!/usr/bin/env bash
# Builds the documentation-site script into dist/embed/ (stable names, no
# hash): smtp-lens.js (src/app/embed/smtp-lens.js, the module a docs page
# includes), smtp-lens-core.js + smtp-lens-core_bg.wasm (wasm-bindgen's
# output for the `smtp-lens-docs` binary), loader.js (the same for sites
# that only take classic scripts); and the example documentation page
# (examples/docs/) into dist/examples/docs/.
#
# Trunk runs it after every build (a post_build hook in Trunk.toml), with
# TRUNK_STAGING_DIR and TRUNK_PROFILE set; it uses the same tools Trunk
# does: the wasm-bindgen CLI on PATH (its version equals Cargo.lock's, see
# .ci/setup.sh) and, for release builds, wasm-opt (npm binaryen 132).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

STAGE="${TRUNK_STAGING_DIR:?run by trunk build (TRUNK_STAGING_DIR is not set)}"
PROFILE="${TRUNK_PROFILE:-release}"
OUT="$STAGE/embed"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

args=(build --locked --target wasm32-unknown-unknown --bin smtp-lens-docs)
if [[ "$PROFILE" == release ]]; then args+=(--release); fi
cargo "${args[@]}"

mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name smtp-lens-core \
  "$TARGET_DIR/wasm32-unknown-unknown/$PROFILE/smtp-lens-docs.wasm"

if [[ "$PROFILE" == release ]]; then
  if command -v wasm-opt >/dev/null; then
    # As Trunk runs it for the page (data-wasm-opt="z").
    wasm-opt -Oz --output "$OUT/smtp-lens-core_bg.opt.wasm" "$OUT/smtp-lens-core_bg.wasm"
    mv "$OUT/smtp-lens-core_bg.opt.wasm" "$OUT/smtp-lens-core_bg.wasm"
  else
    echo "build-docs-script: wasm-opt not on PATH, the docs script's wasm is not optimised" >&2
  fi
fi

cp src/app/embed/smtp-lens.js src/app/embed/loader.js "$OUT/"

mkdir -p "$STAGE/examples/docs"
shopt -s nullglob
cp examples/docs/*.html examples/docs/*.js examples/docs/*.css "$STAGE/examples/docs/"
