#!/usr/bin/env bash
# Builds the documentation-site script into dist/embed/ (stable names, no
# hash): smtp-lens.js (src/app/embed/smtp-lens.js, the module a docs page
# includes), smtp-lens-core.js + smtp-lens-core_bg.wasm (wasm-bindgen's
# output for the `smtp-lens-docs` binary), loader.js (the same for sites
# that only take classic scripts); and the example documentation page
# (examples/docs/) into dist/examples/docs/. The page's `?embed` mode runs
# on that same wasm (src/app/boot.js).
#
# It also builds the parts of the page that load on first use (see
# src/app/lazy.rs), each as NAME/smtp-lens-NAME.js + _bg.wasm: Learn
# (`smtp-lens-learn`, src/bin/learn.rs), the Share dialog (`smtp-lens-share`,
# src/bin/share.rs), the exports (`smtp-lens-export`, src/bin/export.rs) and
# the examples' transcripts with share-link decoding (`smtp-lens-open`,
# src/bin/open.rs) and the explanation catalog's entries
# (`smtp-lens-explain`, src/bin/explain.rs). With the `split` feature, as the
# page's own binary is built (index.html), so the engine is compiled once.
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

PARTS=(learn share export open explain)
args=(build --locked --target wasm32-unknown-unknown --features split --bin smtp-lens-docs)
for p in "${PARTS[@]}"; do args+=(--bin "smtp-lens-$p"); done
if [[ "$PROFILE" == release ]]; then args+=(--release); fi
cargo "${args[@]}"

# wasm-bindgen, then (release) wasm-opt -Oz as Trunk runs it for the page
# (data-wasm-opt="z"); the parts in parallel.
bindgen() { # BIN OUT_DIR OUT_NAME
  wasm-bindgen --target web --no-typescript --out-dir "$2" --out-name "$3" \
    "$TARGET_DIR/wasm32-unknown-unknown/$PROFILE/$1.wasm"
  if [[ "$PROFILE" == release ]]; then
    if command -v wasm-opt >/dev/null; then
      # Functions sorted by name: gzip finds more alike (see index.html).
      wasm-opt -Oz --reorder-functions-by-name --output "$2/$3_bg.opt.wasm" "$2/$3_bg.wasm"
      mv "$2/$3_bg.opt.wasm" "$2/$3_bg.wasm"
    else
      echo "build-docs-script: wasm-opt not on PATH, $1's wasm is not optimised" >&2
    fi
  fi
  # Short import names in the wasm and its glue (see .ci/pack-page.mjs).
  node "$ROOT/.ci/pack-page.mjs" imports "$2/$3_bg.wasm" "$2/$3.js"
}
mkdir -p "$OUT"
pids=()
bindgen smtp-lens-docs "$OUT" smtp-lens-core & pids+=($!)
for p in "${PARTS[@]}"; do
  mkdir -p "$STAGE/$p"
  bindgen "smtp-lens-$p" "$STAGE/$p" "smtp-lens-$p" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
# Learn's and the Share dialog's stylesheets come with them (src/app/boot.js),
# not with the page.
cp styles/learn.css "$STAGE/learn/learn.css"
cp styles/share.css "$STAGE/share/share.css"

cp src/app/embed/smtp-lens.js src/app/embed/loader.js "$OUT/"

mkdir -p "$STAGE/examples/docs"
shopt -s nullglob
cp examples/docs/*.html examples/docs/*.js examples/docs/*.css "$STAGE/examples/docs/"
