#!/usr/bin/env bash
# Every test of the project, on a fresh machine: Rust, then Python and WebAssembly/browser when present.
# Each part installs what it needs itself. Run from anywhere; works from the repository root.
# Each step prints the clock and the time since the start, and the previous step's wall and CPU time.
#
# Two cores, three parts: Python's set-up and wheel (test-python.sh setup build) and WebAssembly's tools, five
# builds and node tests (test-wasm.sh setup build test) run in the background from the start, beside the core's
# tests, each with its output in target/lanes/; Python's tests run once the Rust part has written what they read
# (target/columnar-check), and the browser test last, alone (its timing budgets). A background part's log is printed when it is waited for; a failed one fails the
# run, and an early exit stops the ones still running.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/steps.sh
source scripts/lanes.sh

# The release profile's whole-program optimisation (fat LTO, one codegen unit: what benchmarks and users' builds
# get) would make each of the dozen test and example binaries a long single-threaded link. The tests need the
# same code, not its last 5%: they build with the profile's previous settings unless the caller chose others.
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-false}"
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS="${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-4}"

# One set of features for every build below (the columnar ones, Parquet and Arrow, among them): each other set would
# compile the core again (a minute or more on two cores), as `cargo run --example report` with the default features
# alone did.
# The dependencies (the Apache Arrow and Parquet crates the most: ~40 crates for `columnar`) are compiled at
# opt-level 1 for the tests, which need their code, not its speed: with them at opt-level 3 this build took 10.4
# minutes cold on a loaded 2-core machine. The core's library, tests and examples too (the library twice, with and
# without its unit tests, and 25 test and example programs): 143 s CPU at opt-level 1 against 233 s at 3 (measured
# one after the other on the same loaded machine), the tests ~10 s longer. Benchmarks and what ships keep the
# release profile.
# test-wasm.sh builds the synthetic example with the same settings (CHITIEU_TEST_CONFIG), so it is compiled once.
export CHITIEU_TEST_FEATURES="synthetic,schema,docx,columnar"
export CHITIEU_TEST_CONFIG='profile.release.package."*".opt-level=1 profile.release.package.chitieu.opt-level=1'
read -r -a config <<<"$CHITIEU_TEST_CONFIG"
test_config=()
for c in "${config[@]}"; do test_config+=(--config "$c"); done
run=(cargo run --release --quiet "${test_config[@]}" -p chitieu --features "$CHITIEU_TEST_FEATURES")

step "background: Python's venv, tools and wheel; WebAssembly's tools, builds and tests"
has_python=false
has_wasm=false
if [[ -f scripts/test-python.sh ]]; then
  has_python=true
  lane_start python-setup-and-wheel bash scripts/test-python.sh setup build
fi
if [[ -f scripts/test-wasm.sh ]]; then
  has_wasm=true
  lane_start wasm bash scripts/test-wasm.sh setup build test
fi

step "Rust: formatting"
cargo fmt --all -- --check

step "Rust: core tests (unit, properties, golden vectors, README doctests, synthetic data and batches, schema, .docx text, Parquet and Arrow)"
# --timings: where the build's time goes, in target/cargo-timings/cargo-timing.html
cargo test --release --timings "${test_config[@]}" -p chitieu --features "$CHITIEU_TEST_FEATURES"

step "Rust: documentation builds without warnings"
# in the release profile of the tests: the build scripts and procedural macros compiled for them serve again
RUSTDOCFLAGS="-D warnings" cargo doc --release --quiet "${test_config[@]}" -p chitieu --no-deps \
  --features "$CHITIEU_TEST_FEATURES"

step "Rust: the main job runs"
"${run[@]}" --example report > /dev/null
"${run[@]}" --example report -- --format json > /dev/null
# the second programme (invented, ILLUSTRATIVE): every kind of target, from its own catalogue and figures
"${run[@]}" --example report -- --catalogue examples/catalogues/an_lac.json \
  --figures examples/catalogues/an_lac_figures.csv --as-of 2027 > /dev/null
# the office's files: the fill-in template (.xlsx and .csv) and the report as .xlsx
office_dir=$(mktemp -d)
"${run[@]}" --example report -- --template 2027 --out "$office_dir/mau_so_lieu.xlsx"
"${run[@]}" --example report -- --catalogue examples/catalogues/an_lac.json --template 2027 \
  --out "$office_dir/mau_so_lieu.csv"
"${run[@]}" --example report -- --format xlsx --lang vi --out "$office_dir/bao_cao.xlsx"
# the README's office path on the template as written (every cell still empty: read, judged, reported)
"${run[@]}" --example report -- --figures "$office_dir/mau_so_lieu.xlsx" --as-of 2027 --lang vi \
  --format xlsx --out "$office_dir/bao_cao_mau.xlsx"
if "${run[@]}" --example report -- --format xlsx > /dev/null 2>&1; then
    echo "an .xlsx report on stdout must be refused"; exit 1
fi
rm -rf "$office_dir"
# the drafter: 09-CTr/ĐU's text and a Word file to a draft catalogue that loads again
draft_dir="$(mktemp -d)"
"${run[@]}" --example report -- --draft core/data/09-CTr-DU.txt > "$draft_dir/draft.json" 2> /dev/null
"${run[@]}" --example report -- --catalogue "$draft_dir/draft.json" --list > /dev/null
"${run[@]}" --example report -- --draft tests/fuzz-regressions/docx/table.docx --format markdown > /dev/null
rm -rf "$draft_dir"
# the batch command: every unit of a many-unit file into the flat table, every row accounted for (the command
# exits with 1 otherwise); on the committed file with planted bad rows, and on 20 synthetic units
targets=$("${run[@]}" --example report -- --list --format csv | wc -l)
out=$(mktemp -d)
"${run[@]}" --example report -- --figures tests/batch/many_units.csv --all-units --format csv \
  --out "$out/verdicts.csv" 2> "$out/summary.txt"
cat "$out/summary.txt"
test "$(wc -l < "$out/verdicts.csv")" -eq $((1 + 5 * targets))   # 4 units and the rows without one
test "$(wc -l < "$out/verdicts.csv.errors.csv")" -eq 11            # the header and the 10 planted bad rows
grep -q "^28 rows read, every one accounted for: 19 figures judged, 10 rows listed as errors" "$out/summary.txt"
# the same as a workbook: the verdicts and the errors sheet (read back cell by cell in core's office tests)
"${run[@]}" --example report -- --figures tests/batch/many_units.csv --all-units --format xlsx \
  --out "$out/verdicts.xlsx" 2> "$out/summary.txt"
grep -q "^28 rows read, every one accounted for: 19 figures judged, 10 rows listed as errors in the sheet" \
  "$out/summary.txt"
test "$(head -c 2 "$out/verdicts.xlsx")" = "PK"
"${run[@]}" --example synthetic -- --units 20 --bad 300 \
  --out "$out/units20.csv"
"${run[@]}" --example report -- --figures "$out/units20.csv" --all-units --format json \
  --out "$out/verdicts.json"
python3 -c "import json, sys; t = json.load(open(sys.argv[1])); assert len(t['rows']) == 20 * int(sys.argv[2]), len(t['rows'])" \
  "$out/verdicts.json" "$targets"
# the same units' figures as JSON (the long format's objects, a record's filled cells each; numbers as JSON
# numbers): every element accounted for, every unit judged
python3 - "$out/units20.csv" "$out/units20.json" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
def cell(name, text):
    try:
        return float(text) if name == "value" and text.strip() == text and "e" not in text.lower() else text
    except ValueError:
        return text
figures = [{k: cell(k, v) for k, v in zip(rows[0], r) if v} for r in rows[1:] if len(r) == len(rows[0]) and any(r)]
json.dump({"figures": figures}, open(sys.argv[2], "w"))
print(len(figures), file=open(sys.argv[2] + ".count", "w"))
PY
"${run[@]}" --example report -- --figures "$out/units20.json" --all-units --format csv \
  --out "$out/verdicts-json.csv" 2> "$out/summary.txt"
cat "$out/summary.txt"
grep -q "^$(cat "$out/units20.json.count") rows read, every one accounted for" "$out/summary.txt"
test "$(wc -l < "$out/verdicts-json.csv")" -eq $((1 + 20 * targets))
rm -rf "$out"
# the batch command with Parquet in and Parquet / Arrow IPC out (feature columnar): the same table and errors as
# CSV out of the same file; python/tests/test_columnar_command.py reads these files with pyarrow
columnar=target/columnar-check
rm -rf "$columnar" && mkdir -p "$columnar"
"${run[@]}" --example synthetic -- --units 20 --bad 300 \
  --out "$columnar/units20.parquet" 2> /dev/null
for format in csv parquet arrow; do
  "${run[@]}" --example report -- --figures "$columnar/units20.parquet" \
    --all-units --format "$format" --out "$columnar/verdicts.$format" 2> "$columnar/summary.$format.txt"
  grep -q "^17998 rows read, every one accounted for: 17988 figures judged, 12 rows listed as errors" \
    "$columnar/summary.$format.txt"
done
cmp "$columnar/verdicts.csv.errors.csv" "$columnar/verdicts.parquet.errors.csv"
cmp "$columnar/verdicts.csv.errors.csv" "$columnar/verdicts.arrow.errors.csv"
test "$(wc -l < "$columnar/verdicts.csv")" -eq $((1 + 20 * targets))
if "${run[@]}" --example report -- --figures "$columnar/units20.parquet" \
    --all-units --format parquet > /dev/null 2>&1; then
  echo "a Parquet table on stdout must be refused"; exit 1
fi
"${run[@]}" --example bench -- 200
"${run[@]}" --example batch -- --units 200 --runs 1

if $has_python; then
  step "Python: waiting for the venv and the wheel (background)"
  lane_wait python-setup-and-wheel
  step "Python: tests"
  bash scripts/test-python.sh test
fi

if $has_wasm; then
  step "WebAssembly and node: waiting for them (background)"
  lane_wait wasm
  # last and alone: the browser test's timing budgets need a machine not busy with the other parts
  step "WebAssembly: browser test"
  bash scripts/test-wasm.sh browser
fi

step_end
echo "== all tests passed"
