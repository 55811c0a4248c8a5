#!/usr/bin/env bash
# Build the npm package `chitieu` into wasm/pkg/ (gitignored) and copy the main, draft and office web modules into
# examples/web/pkg/ (gitignored) for the scorecard page.
#
#   wasm/pkg/chitieu.js, chitieu.d.ts, chitieu_bg.wasm      the main web module: ES module for browsers and bundlers
#                                                            (--target web), every export but `report` and `Batch`
#   wasm/pkg/full/chitieu.js, chitieu.d.ts, ...              the full web module (`chitieu/full`): the main one's
#                                                            exports, `report` and `Batch`
#   wasm/pkg/draft/chitieu.js, chitieu.d.ts, ...             the draft web module (`chitieu/draft`): the main one's
#                                                            exports and `draftCatalogue` (the drafter)
#   wasm/pkg/office/chitieu.js, chitieu.d.ts, ...            the office web module (`chitieu/office`): the main one's
#                                                            exports reading .xlsx figures too, and the workbook,
#                                                            template, report, methods and form functions
#   wasm/pkg/node/chitieu.js, chitieu.d.ts, ...              CommonJS for Node (--target nodejs), every export, own
#                                                            package.json
#   wasm/pkg/full/snippets/, wasm/pkg/node/snippets/         wasm/js/*.js as wasm-bindgen imports them (Batch's)
#   wasm/pkg/package.json, README.md                         `exports` with import / require / types
#
# Five compilations of one crate. The web modules are compiled for size (profile wasm-release, opt-level "z",
# wasm-opt -Oz): the main one without the cargo features `full` and `draft` (no `report`, no `Batch`, no drafter: at
# most 250 KB gzipped, what a page downloads), the full one with `full`, the draft one with `draft`, the office one with `office` (each loaded only
# by pages that need it, each with its own budget in wasm/tests/package.test.mjs). The Node module is compiled for speed (profile wasm-node, opt-level 2, wasm-opt -O2:
# ~1.6x faster, larger, read from disk once), with every export. The node tests run on all five.
#
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli of the version in Cargo.lock, and the npm tools in
# wasm/node_modules (`npm ci --prefix wasm`: binaryen's wasm-opt; never Debian's, whose modules fail to load).
# scripts/test-wasm.sh installs all of them. Run from anywhere; paths are relative to the repository root.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/steps.sh

pkg=wasm/pkg
web=examples/web
wasm_opt=wasm/node_modules/.bin/wasm-opt
if [[ ! -x "$wasm_opt" ]]; then
  echo "build-wasm: $wasm_opt is missing: run 'npm ci --prefix wasm' (or scripts/test-wasm.sh)" >&2
  exit 1
fi
want="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
if [[ "$have" != "$want" ]]; then
  echo "build-wasm: wasm-bindgen-cli $want is needed (found '${have:-none}'):" >&2
  echo "  cargo install wasm-bindgen-cli --version $want --no-default-features" >&2
  exit 1
fi

# The web modules share the profile wasm-release (and so its compiled dependencies); cargo writes each to the
# same file, so each is copied out as soon as it is linked (switching features relinks the crate: a few seconds).
raw=target/wasm-raw
mkdir -p "$raw"
compile() {
  local name="$1" profile="$2"
  shift 2
  step "build-wasm: cargo build (wasm32-unknown-unknown, profile $profile${*:+, $*}): $name"
  cargo build -p chitieu-wasm --target wasm32-unknown-unknown --profile "$profile" "$@"
  cp "target/wasm32-unknown-unknown/$profile/chitieu_wasm.wasm" "$raw/$name.wasm"
}
compile web wasm-release --no-default-features
compile web-full wasm-release --no-default-features --features full
compile web-draft wasm-release --no-default-features --features draft
compile web-office wasm-release --no-default-features --features office
compile node wasm-node
version="$(cargo pkgid -p chitieu-wasm | sed 's/.*[#@]//')"

rm -rf "$pkg"
step "build-wasm: wasm-bindgen $want (web, web full, web draft, nodejs)"
wasm-bindgen --target web --out-dir "$pkg" --out-name chitieu "$raw/web.wasm"
wasm-bindgen --target web --out-dir "$pkg/full" --out-name chitieu "$raw/web-full.wasm"
wasm-bindgen --target web --out-dir "$pkg/draft" --out-name chitieu "$raw/web-draft.wasm"
wasm-bindgen --target web --out-dir "$pkg/office" --out-name chitieu "$raw/web-office.wasm"
wasm-bindgen --target nodejs --out-dir "$pkg/node" --out-name chitieu "$raw/node.wasm"
# wasm-bindgen copies the crate's JS snippets (wasm/js/*.js, ES modules ending in one `export { ... };` line) as
# they are, and the CommonJS build require()s them: make that line `module.exports` there.
while IFS= read -r -d '' snippet; do
  sed -i 's/^export { \(.*\) };$/module.exports = { \1 };/' "$snippet"
  if grep -q '^export' "$snippet"; then
    echo "build-wasm: $snippet: an export is left for the CommonJS build" >&2
    exit 1
  fi
done < <(find "$pkg/node/snippets" -name '*.js' -print0)

# wasm-opt takes 10-20 s a module: its outputs are kept in target/wasm-opt-cache, keyed by the input's hash and
# the flags, so a rebuild with nothing changed is quick.
cache=target/wasm-opt-cache
mkdir -p "$cache"
optimise() {
  local file="$1" key
  shift
  key="$cache/$({ sha256sum "$file" | cut -d' ' -f1; echo "$*"; } | sha256sum | cut -d' ' -f1).wasm"
  if [[ ! -f "$key" ]]; then
    "$wasm_opt" "$@" --strip-producers "$file" -o "$key.$BASHPID.tmp" && mv "$key.$BASHPID.tmp" "$key"
  fi
  cp "$key" "$file"
}
# --converge (the passes again until the module stops shrinking) is worth it where a page downloads the module first:
# main 255,682 -> 255,526 bytes gzipped, draft 397,702 -> 397,162, at 13 and 28 s more. On the office module it took
# 80 s instead of 29 s for 11 bytes (738,367 -> 738,356, measured 2026-12-06): not there.
step "build-wasm: wasm-opt -Oz (web, web full, web draft, web office), -O2 (node) ($("$wasm_opt" --version))"
optimise "$pkg/chitieu_bg.wasm" -Oz --converge &
main=$!
optimise "$pkg/full/chitieu_bg.wasm" -Oz --converge &
full=$!
optimise "$pkg/draft/chitieu_bg.wasm" -Oz --converge &
draft=$!
optimise "$pkg/office/chitieu_bg.wasm" -Oz
optimise "$pkg/node/chitieu_bg.wasm" -O2
wait "$main"
wait "$full"
wait "$draft"
step_end

# A root package.json with "type": "module" would make Node read the CommonJS build as ESM: give it its own.
printf '{\n  "type": "commonjs"\n}\n' >"$pkg/node/package.json"
# The main web module imports no JS snippet today (Batch's are the full modules'); should it come to, ship them.
main_snippets=""
if [[ -d "$pkg/snippets" ]]; then main_snippets='
    "snippets/",'; fi
cat >"$pkg/package.json" <<EOF
{
  "name": "chitieu",
  "version": "$version",
  "description": "Exact verdicts on plan targets (chỉ tiêu) from statistical figures: the Hưng Đạo ward programme 09-CTr/ĐU built in, any programme loadable (WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./node/chitieu.js",
  "module": "./chitieu.js",
  "types": "./chitieu.d.ts",
  "exports": {
    ".": {
      "node": {
        "types": "./node/chitieu.d.ts",
        "import": "./node/chitieu.js",
        "require": "./node/chitieu.js"
      },
      "types": "./chitieu.d.ts",
      "import": "./chitieu.js",
      "require": "./node/chitieu.js"
    },
    "./web": {
      "types": "./chitieu.d.ts",
      "import": "./chitieu.js"
    },
    "./full": {
      "types": "./full/chitieu.d.ts",
      "import": "./full/chitieu.js"
    },
    "./draft": {
      "types": "./draft/chitieu.d.ts",
      "import": "./draft/chitieu.js"
    },
    "./office": {
      "types": "./office/chitieu.d.ts",
      "import": "./office/chitieu.js"
    },
    "./node": {
      "types": "./node/chitieu.d.ts",
      "import": "./node/chitieu.js",
      "require": "./node/chitieu.js"
    },
    "./chitieu_bg.wasm": "./chitieu_bg.wasm",
    "./full/chitieu_bg.wasm": "./full/chitieu_bg.wasm",
    "./draft/chitieu_bg.wasm": "./draft/chitieu_bg.wasm",
    "./office/chitieu_bg.wasm": "./office/chitieu_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": [
    "chitieu.js",
    "chitieu.d.ts",
    "chitieu_bg.wasm",
    "chitieu_bg.wasm.d.ts",$main_snippets
    "full/",
    "draft/",
    "office/",
    "node/",
    "README.md"
  ]
}
EOF
cp wasm/README.md "$pkg/README.md"

# The page: the main web module (the page uses neither `report` nor `Batch`), the draft one for its "your programme"
# view (loaded only when that view is first used), the illustrative sample figures, and
# the illustrative second programme (An Lạc) with its sample figures for the page's "example" button (all
# gitignored there).
rm -rf "$web/pkg"
mkdir -p "$web/pkg"
cp "$pkg"/chitieu.js "$pkg"/chitieu.d.ts "$pkg"/chitieu_bg.wasm "$pkg"/package.json "$web/pkg/"
if [[ -d "$pkg/snippets" ]]; then cp -r "$pkg/snippets" "$web/pkg/"; fi
# The draft web module, which the page's "your programme" view imports when first used (draftCatalogue).
mkdir -p "$web/pkg/draft"
cp "$pkg"/draft/chitieu.js "$pkg"/draft/chitieu_bg.wasm "$web/pkg/draft/"
if [[ -d "$pkg/draft/snippets" ]]; then cp -r "$pkg/draft/snippets" "$web/pkg/draft/"; fi
# The office web module, which the page imports when a workbook is first dropped or an .xlsx is first asked for
# (readWorkbook, reportXlsx, templateXlsx), or its form first opened (figureNeeds, figureRows, figuresCsv).
mkdir -p "$web/pkg/office"
cp "$pkg"/office/chitieu.js "$pkg"/office/chitieu_bg.wasm "$web/pkg/office/"
if [[ -d "$pkg/office/snippets" ]]; then cp -r "$pkg/office/snippets" "$web/pkg/office/"; fi
cp examples/data/sample_figures.csv "$web/sample_figures.csv"
cp examples/catalogues/an_lac.json "$web/an_lac.json"
cp examples/catalogues/an_lac_figures.csv "$web/an_lac_figures.csv"

for module in "$pkg/chitieu_bg.wasm" "$pkg/full/chitieu_bg.wasm" "$pkg/draft/chitieu_bg.wasm" "$pkg/office/chitieu_bg.wasm" "$pkg/node/chitieu_bg.wasm"; do
  echo "build-wasm: $module $(wc -c <"$module") bytes, $(gzip -9 -c "$module" | wc -c) bytes gzipped (-9)"
done
