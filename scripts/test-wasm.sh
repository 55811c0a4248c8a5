#!/usr/bin/env bash
# Build the WebAssembly package and run all of its tests, on a fresh machine or a warm one (run from anywhere):
#   1. the wasm32-unknown-unknown target (rustup)
#   2. wasm-bindgen-cli of the exact version in Cargo.lock, unless it is already on PATH
#   3. the npm test tools of wasm/package-lock.json (binaryen's wasm-opt, playwright-core, typescript)
#   4. Debian's chromium, when /usr/bin/chromium is missing
#   5. scripts/build-wasm.sh (wasm/pkg and examples/web/pkg)
#   6. tsc --noEmit on the usage file, then the node tests (the behaviour tests on each of the five builds: the
#      Node one, the main web module, the full, draft and office web modules) and the browser test (node --test)
# Idempotent; when everything is installed and built it takes well under a minute.
# No argument runs it all; `setup` is 1-4, `build` 5 (and the batch test's figures), `test` 6 but the browser test,
# `browser` the browser test: each can be run alone, in this order. scripts/test.sh runs `setup build test` in the
# background while the core's tests build, and `browser` last, alone: it holds timing budgets (a draft in the page
# under 200 ms, an evaluation under 5 ms) that a machine busy with other builds and tests would break.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/steps.sh
log() { step "test-wasm: $*"; }
as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

setup() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  want="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
  if [[ -z "$want" ]]; then
    echo "test-wasm: no wasm-bindgen in Cargo.lock" >&2
    exit 1
  fi
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
  if [[ "$have" != "$want" ]]; then
    log "installing wasm-bindgen-cli $want (found '${have:-none}'; takes a minute or two)"
    # --locked fails here: the cli's own lockfile pins a crate version the registry does not serve
    cargo install wasm-bindgen-cli --version "$want" --no-default-features
  fi

  lock_sum="$(sha256sum wasm/package-lock.json | cut -d' ' -f1)"
  stamp=wasm/node_modules/.chitieu-lock-sha256
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
    log "npm ci (wasm/package-lock.json)"
    (cd wasm && npm ci --no-audit --no-fund)
    echo "$lock_sum" >"$stamp"
  fi

  if [[ ! -x /usr/bin/chromium ]]; then
    log "installing Debian's chromium"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
  fi
}

build() {
  log "scripts/build-wasm.sh"
  bash scripts/build-wasm.sh

  # The batch test's figures: 40 synthetic units with planted bad rows, from the core's generator (native build).
  if [[ ! -f target/synth-js/units40.csv || ! -f target/synth-js/units40-planted.json ]]; then
    log "synthetic figures for the batch test (target/synth-js)"
    mkdir -p target/synth-js
    # with the settings of scripts/test.sh's builds when it runs this script, so that the example is built once
    local c config test_config=()
    read -r -a config <<<"${CHITIEU_TEST_CONFIG:-profile.release.package.\"*\".opt-level=1}"
    for c in "${config[@]}"; do test_config+=(--config "$c"); done
    cargo run --release -q "${test_config[@]}" -p chitieu \
      --features "${CHITIEU_TEST_FEATURES:-synthetic}" --example synthetic -- --seed 7 --units 40 --bad 200 \
      --out target/synth-js/units40.csv --planted target/synth-js/units40-planted.json
  fi
}

test_() {
  log "tsc --noEmit -p wasm/tests/types"
  wasm/node_modules/.bin/tsc -p wasm/tests/types

  log "node tests (the Node build)"
  node --test wasm/tests/vectors.test.mjs wasm/tests/api.test.mjs wasm/tests/batch.test.mjs wasm/tests/kinds.test.mjs wasm/tests/draft.test.mjs \
    wasm/tests/office.test.mjs wasm/tests/package.test.mjs wasm/tests/types.test.mjs
  # The web modules are the same code compiled for size (scripts/build-wasm.sh): the behaviour tests again on each.
  # The main one has neither `report`, `Batch` nor `draftCatalogue`; the full one (chitieu/full) has `report` and
  # `Batch`, the draft one (chitieu/draft) `draftCatalogue`: where a module lacks one, its tests assert that it is
  # absent (testFull, testDraft, testOffice in wasm/tests/helpers.mjs). The office one (chitieu/office) has the main
  # module's functions and the office ones (workbooks, template, report as .xlsx, methods, the form's reader and
  # writer). The Node build has every export.
  for build in web web-full web-draft web-office; do
    log "node tests (the $build build)"
    CHITIEU_BUILD=$build node --test wasm/tests/vectors.test.mjs wasm/tests/api.test.mjs wasm/tests/batch.test.mjs \
      wasm/tests/kinds.test.mjs wasm/tests/draft.test.mjs wasm/tests/office.test.mjs
  done

}

browser() {
  log "browser test (playwright-core, /usr/bin/chromium)"
  node --test wasm/tests/browser.test.mjs
}

run_parts test-wasm "setup build test browser" "$@"
step_end
