#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 300 s each): catalogue loading, figure parsing (CSV and
# JSON), evaluation, a catalogue with its figures (programme), reading a .docx and drafting a catalogue from a text. Needs the nightly toolchain
# (libFuzzer instrumentation) and cargo-fuzz.
#   bash scripts/fuzz.sh            # 300 s per target
#   bash scripts/fuzz.sh 30         # 30 s per target
# A crash leaves its input in fuzz/artifacts/<target>/; copy it to tests/fuzz-regressions/<target>/ so
# `cargo test` replays it (core/tests/fuzz_regressions.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal

# seed corpora from the project's own inputs
mkdir -p fuzz/corpus/catalogue fuzz/corpus/figures fuzz/corpus/evaluate fuzz/corpus/programme fuzz/corpus/docx fuzz/corpus/draft
cp core/data/hung_dao_09_ctr_du.json fuzz/corpus/catalogue/builtin.json
cp examples/data/sample_figures.csv fuzz/corpus/figures/sample.csv
for d in tests/fuzz-regressions/*/; do
  [ -d "$d" ] && cp "$d"* "fuzz/corpus/$(basename "$d")/" 2>/dev/null || true
done

for target in catalogue figures evaluate programme docx draft; do
  echo "== fuzzing $target for ${seconds}s"
  (cd fuzz && cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1) \
    | tee "/tmp/chitieu-fuzz-$target.log" | grep -E "^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|SUMMARY|panicked|ERROR" || true
  if grep -q -E "SUMMARY: libFuzzer|panicked" "/tmp/chitieu-fuzz-$target.log"; then
    echo "fuzz target $target found a crash: see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "fuzzing finished without a crash"
