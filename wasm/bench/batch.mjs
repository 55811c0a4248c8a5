// Benchmark of the JavaScript batch (`Batch`) against the native core on the same file: the synthetic national
// figures (seed 1; 3,321 units, 2025-2030, ~2.97 million rows), and the scaling from 100 units up.
//
//   node wasm/bench/batch.mjs [--runs 5] [--units 100,300,1000,3321] [--as-of 2028]
//   CHITIEU_BUILD=web-full node wasm/bench/batch.mjs ...   the full web module (chitieu/full, compiled for size)
//                                                           instead of Node's (the main web module has no Batch)
//
// Needs wasm/pkg (scripts/build-wasm.sh). The CSV files are generated into target/synth/ by the core's example
// `synthetic` when missing; the native times come from `cargo run --release -p chitieu-wasm --example
// native_batch` (the core's batch::read_csv and batch::evaluate on one thread). Printed per size: parse (once),
// median evaluate in WebAssembly (the core alone; with the columns built for JavaScript, the decimals as
// Float64Arrays (`numbers: "float"`) and as exact strings (the default)), median native evaluate, and the ratios
// WebAssembly / native.
//
// Measured (national, as of 2028, idle 2-core machine, session 7, four runs of 5 each): the Node build core
// 174-179 ms, with float columns 236-260 ms, with exact strings 284-288 ms, native 124-131 ms: ratios 1.36-1.44x,
// 1.86-2.07x, 2.21-2.28x; the web build (compiled for size; Batch is now the full web module's) 281-288, 370-372,
// 410-416 ms: 2.2x, 2.9x, 3.2x. The calls that build columns vary with the JavaScript engine's garbage collection.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build, chitieu, full, repo } from "../tests/helpers.mjs";

if (!full) throw new Error(`CHITIEU_BUILD=${build}: the main web module has no Batch; use web-full (chitieu/full)`);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg("--runs", "5"));
const SIZES = arg("--units", "100,300,1000,3321").split(",").map(Number);
const AS_OF = arg("--as-of", "2028");
const DIR = join(repo, "target", "synth");
mkdirSync(DIR, { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0).padStart(7)} ms`;
const cargo = (args) => execFileSync("cargo", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

function file(units) {
  const path = join(DIR, units === 3321 ? "national.csv" : `u${units}.csv`);
  if (!existsSync(path)) {
    cargo(["run", "--release", "-q", "-p", "chitieu", "--features", "synthetic", "--example", "synthetic", "--",
      "--seed", "1", "--units", String(units), "--out", path]);
  }
  return path;
}

function time(fn) {
  const t = performance.now();
  const out = fn();
  return [performance.now() - t, out];
}

console.log(`batch benchmark: the ${build} build, as of ${AS_OF}, medians of ${RUNS} runs, node ${process.version}`);
console.log(
  "units    figures     rows |  wasm parse  native parse |  wasm core  +float cols   +text cols     native |" +
    " ratio core  ratio float  ratio text",
);
for (const units of SIZES) {
  const path = file(units);
  const native = JSON.parse(
    cargo(["run", "--release", "-q", "-p", "chitieu-wasm", "--example", "native_batch", "--", path, AS_OF, String(RUNS)]),
  );
  const text = readFileSync(path, "utf8");
  const [parse, batch] = time(() => new chitieu.Batch(text));
  const core = [];
  const all = [];
  const texts = [];
  let rows = 0;
  for (let r = 0; r < RUNS; r++) {
    const [tc, n] = time(() => batch.__evaluateRowCount({ as_of: AS_OF }));
    core.push(tc);
    const [ta, table] = time(() => batch.evaluate({ as_of: AS_OF, numbers: "float" }));
    all.push(ta);
    const [tt, exact] = time(() => batch.evaluate({ as_of: AS_OF }));
    texts.push(tt);
    rows = table.length;
    if (n !== rows || rows !== native.rows || exact.length !== rows) {
      throw new Error(`rows differ: ${n}, ${rows}, ${exact.length}, native ${native.rows}`);
    }
  }
  const [c, a, t, nat] = [median(core), median(all), median(texts), native.evaluate_ms];
  const ratio = (x) => (x / nat).toFixed(2).padStart(9);
  console.log(
    `${String(units).padStart(5)} ${String(batch.figureCount).padStart(10)} ${String(rows).padStart(8)} |` +
      `${ms(parse)}   ${ms(native.parse_ms)} |${ms(c)}   ${ms(a)} ${ms(t)} ${ms(nat)} |` +
      ` ${ratio(c)}    ${ratio(a)}  ${ratio(t)}`,
  );
  batch.free();
}
