#!/usr/bin/env bash
# Installs what building, serving and testing SMTP Lens needs, on a Debian or
# Ubuntu machine that has rustup + cargo. Idempotent: every step first checks
# the installed version and skips when it already matches, so a warm run takes
# a second or two. Only the package registries are used (crates.io, npm, apt):
# Trunk's own downloads from GitHub are not reachable here (see
# shared/TOOLCHAIN.md), so Trunk must find matching wasm-bindgen and wasm-opt
# binaries on PATH.
#
#   bash .ci/setup.sh        # install / check
#
# Afterwards put the tools on PATH (serve.sh and test.sh do this):
#   export PATH="$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.22.1"
BINARYEN_VERSION="132.0.0"          # wasm-opt "version_132", pinned in Trunk.toml
TOOLS="$ROOT/.tools"                # gitignored
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$TOOLS/node_modules/.bin:$CARGO_BIN:$PATH"

log() { printf '[setup] %s\n' "$*"; }
# Runs a step and prints how long it took.
timed() {
  local what="$1"; shift
  local t0=$SECONDS
  log "$what ..."
  "$@"
  log "$what: done in $((SECONDS - t0)) s"
}

# The wasm-bindgen version the project is locked to: the CLI must match it
# exactly, or Trunk and wasm-bindgen-test refuse to run.
WASM_BINDGEN_VERSION="$(awk '
  $0 == "name = \"wasm-bindgen\"" { hit = 1; next }
  hit && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
if [[ -z "$WASM_BINDGEN_VERSION" ]]; then
  echo "[setup] error: no wasm-bindgen entry in Cargo.lock" >&2
  exit 1
fi

SUDO=""
if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
  if [[ -z "$APT_UPDATED" ]]; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
  # The downloaded .deb files are not needed once installed (Chromium's
  # alone are about 100 MB): keep the disk for the builds.
  $SUDO apt-get clean
}

# 1. Rust: the wasm target and the components test.sh uses.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rust target wasm32-unknown-unknown: present"
else
  timed "rustup target add wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if rustup component list --installed | grep -q "^$component"; then
    log "rust component $component: present"
  else
    timed "rustup component add $component" rustup component add "$component"
  fi
done

# 2. Trunk. It declares a newer rust-version than the toolchain here, hence
#    --ignore-rust-version.
if [[ "$(trunk --version 2>/dev/null || true)" == "trunk $TRUNK_VERSION" ]]; then
  log "trunk $TRUNK_VERSION: present"
else
  timed "cargo install trunk $TRUNK_VERSION (about 10 min cold)" \
    cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version
fi

# 3. wasm-bindgen-cli (also provides wasm-bindgen-test-runner), exactly the
#    Cargo.lock version. No --locked: its own lockfile pins a crate version
#    the registry mirror lacks.
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" == "wasm-bindgen $WASM_BINDGEN_VERSION"* ]] \
   && command -v wasm-bindgen-test-runner >/dev/null; then
  log "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  timed "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 min cold)" \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 4. wasm-opt from npm's binaryen. Debian's binaryen and the crates.io
#    wasm-opt are too old for wasm-bindgen's output.
if ! command -v npm >/dev/null; then
  timed "apt-get install nodejs npm" apt_install nodejs npm
fi
if [[ -x "$TOOLS/node_modules/.bin/wasm-opt" ]] \
   && [[ "$("$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null || true)" == *"version ${BINARYEN_VERSION%%.*}"* ]]; then
  log "wasm-opt (binaryen $BINARYEN_VERSION) in .tools: present"
else
  mkdir -p "$TOOLS"
  timed "npm install binaryen@$BINARYEN_VERSION into .tools" \
    npm install --prefix "$TOOLS" --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION"
fi

# 5. Chromium and ChromeDriver for the browser tests (wasm-bindgen-test-runner
#    finds chromedriver on PATH and passes --headless / --no-sandbox itself).
chromium_bin() { command -v chromium || command -v chromium-browser || true; }
if [[ -n "$(chromium_bin)" ]] && command -v chromedriver >/dev/null; then
  log "chromium + chromedriver: present"
else
  timed "apt-get install chromium chromium-driver" apt_install chromium chromium-driver
fi

# 6. The end-to-end tests' driver (tests/e2e): npm playwright-core, exactly
#    as tests/e2e/package-lock.json locks it. It drives the Chromium above
#    (no browser download) and needs Node.js 20 or later.
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if (( NODE_MAJOR < 20 )); then
  echo "[setup] error: the end-to-end tests need Node.js >= 20, found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi
E2E="$ROOT/tests/e2e"
PW_LOCKED="$(node -p 'require(process.argv[1]).packages["node_modules/playwright-core"].version' "$E2E/package-lock.json")"
PW_HAVE="$(node -p 'require(process.argv[1]).version' "$E2E/node_modules/playwright-core/package.json" 2>/dev/null || true)"
if [[ "$PW_HAVE" == "$PW_LOCKED" ]]; then
  log "playwright-core $PW_LOCKED in tests/e2e: present"
else
  timed "npm ci in tests/e2e (playwright-core $PW_LOCKED)" \
    npm ci --prefix "$E2E" --no-audit --no-fund
fi

log "versions:"
log "  $(rustc --version)"
log "  $(trunk --version)"
log "  $(wasm-bindgen --version)"
log "  $(wasm-opt --version)"
log "  $("$(chromium_bin)" --version 2>/dev/null || echo 'chromium: ?')"
log "  $(chromedriver --version | head -n1)"
log "  node $(node --version), playwright-core $PW_LOCKED"
