// The built npm package as a user gets it: the size of the .wasm, the exports map (require, import, types),
// the browser build instantiated from bytes, and the README quickstart run as written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chitieu, pkg, repo, wasmDir } from "./helpers.mjs";

// Bytes, gzipped (zlib level 9), with the catalogue inside: what each module of the package may weigh.
// - web: the main web module (`import ... from "chitieu"` in a browser or bundler, every export but `report` and
//   `Batch`), what a page downloads: issue 5's budget, 250,000 (measured 243,237 on 2 cores, wasm-opt 132).
// - web-full: the full web module (`chitieu/full`, every export), loaded only by pages that need `Batch` or the
//   report writers (issue 18): measured 263,103; its budget 265,000, a few KB above.
// - node: the Node build (every export), compiled for speed and read from disk once (scripts/build-wasm.sh): the
//   new kinds of target and requiredPath took it past its former bound of 350,000; measured 359,300, bound 360,000.
const LIMITS = { web: 250_000, "web-full": 265_000, node: 360_000 };
const MODULES = { web: pkg, "web-full": join(pkg, "full"), node: join(pkg, "node") };

/** A throw-away project with the package installed as node_modules/chitieu (a link to wasm/pkg). */
function project() {
  const dir = mkdtempSync(join(tmpdir(), "chitieu-pkg-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(pkg, join(dir, "node_modules", "chitieu"), "dir");
  return dir;
}

function node(dir, file, source) {
  writeFileSync(join(dir, file), source);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
}

test("each module's gzipped .wasm is within its budget (web 250 KB, web-full 265 KB, node 360 KB); all hold the catalogue", () => {
  const sizes = {};
  for (const [build, dir] of Object.entries(MODULES)) {
    const file = join(dir, "chitieu_bg.wasm");
    const bytes = readFileSync(file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    const limit = LIMITS[build];
    console.log(`${file.slice(repo.length + 1)}: ${bytes.length} bytes, ${gz} bytes gzipped (limit ${limit})`);
    assert.ok(gz <= limit, `${file}: ${gz} bytes gzipped, above ${limit}`);
    // the built-in catalogue is compiled in (without its indentation): its text is in the module
    const catalogue = Buffer.from(JSON.stringify(JSON.parse(readFileSync(join(repo, "core", "data", "hung_dao_09_ctr_du.json"), "utf8"))));
    assert.ok(bytes.includes(catalogue.subarray(0, 400)), `${build}: the catalogue's text is not in the module`);
    sizes[build] = bytes.length;
  }
  // three compilations of one crate, not one module copied: the main web module is the smallest, the Node one the
  // largest (compiled for speed)
  assert.ok(sizes.web < sizes["web-full"] && sizes["web-full"] < sizes.node, JSON.stringify(sizes));
});

// The split (issue 18): the main web module has every export but `report` and `Batch`, in its .wasm, its JS glue and
// its types; the full web module and the Node build have them all.
test("the main web module has neither report nor Batch; the full web module and the Node build have both", () => {
  const names = (dir) => {
    const bytes = readFileSync(join(dir, "chitieu_bg.wasm"));
    return WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  };
  const main = names(MODULES.web);
  for (const build of ["web-full", "node"]) {
    const all = names(MODULES[build]);
    for (const name of ["report", "batch_new", "batch_evaluate", "__wbg_batch_free"]) assert.ok(all.includes(name), `${build}: ${name}`);
    // the rest is the same API
    assert.deepEqual(all.filter((n) => n !== "report" && !/batch/i.test(n)).sort(), [...main].sort(), build);
    const types = readFileSync(join(MODULES[build], "chitieu.d.ts"), "utf8");
    assert.match(types, /^export class Batch \{/m, build);
    assert.match(types, /^export function report\(/m, build);
    assert.match(types, /^export interface BatchResult</m, build);
  }
  assert.ok(main.includes("scorecard") && main.includes("requiredPaths"), main.join(", "));
  assert.deepEqual(main.filter((n) => n === "report" || /batch/i.test(n)), [], "report or Batch in the main web module");
  const glue = readFileSync(join(MODULES.web, "chitieu.js"), "utf8");
  const types = readFileSync(join(MODULES.web, "chitieu.d.ts"), "utf8");
  for (const text of [glue, types]) {
    assert.doesNotMatch(text, /\bBatch\b/);
    assert.doesNotMatch(text, /function report\b|\bReportFormat\b/);
  }
});

test("package.json: name, version, exports with import, require and types; chitieu/full", () => {
  const meta = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  assert.equal(meta.name, "chitieu");
  assert.equal(meta.version, chitieu.version());
  assert.equal(meta.type, "module");
  const root = meta.exports["."];
  assert.ok(root.import && root.require && root.types && root.node);
  // a browser or a bundler gets the main web module; "chitieu/full" the full one, with its own types
  assert.deepEqual([root.import, root.types], ["./chitieu.js", "./chitieu.d.ts"]);
  assert.deepEqual(meta.exports["./full"], { types: "./full/chitieu.d.ts", import: "./full/chitieu.js" });
  assert.equal(meta.exports["./full/chitieu_bg.wasm"], "./full/chitieu_bg.wasm");
  assert.deepEqual(JSON.parse(readFileSync(join(pkg, "node", "package.json"), "utf8")), { type: "commonjs" });
  // every file listed is there; a folder holds a module (full/, node/) with the JS snippets wasm-bindgen imports
  for (const f of meta.files.filter((f) => !f.endsWith("/"))) assert.doesNotThrow(() => readFileSync(join(pkg, f)), f);
  assert.deepEqual(meta.files.filter((f) => f.endsWith("/")), ["full/", "node/"]);
  for (const [build, dir] of Object.entries(MODULES)) {
    const glue = readFileSync(join(dir, "chitieu.js"), "utf8");
    const snippets = [...glue.matchAll(/["'`](\.\/snippets\/[^"'`]+)["'`]/g)].map((m) => m[1]);
    // Batch's columns (wasm/js/columns.js) are the only snippet: the main web module imports none
    assert.equal(snippets.length > 0, build !== "web", `${build}: ${snippets.length} snippets imported`);
    for (const s of snippets) assert.doesNotThrow(() => readFileSync(join(dir, s)), s);
  }
  assert.equal(readFileSync(join(pkg, "README.md"), "utf8"), readFileSync(join(wasmDir, "README.md"), "utf8"));
});

test("require('chitieu') and import from 'chitieu' load the Node build; 'chitieu/web' and 'chitieu/full' instantiate from bytes", () => {
  const dir = project();
  try {
    const csv = "indicator,period,value\\nonline_dossiers,2030,85\\n";
    const check = `const e = m.evaluate("${csv}", { as_of: "2030" }).find((e) => e.target === "online_dossiers_2030");
console.log(m.version(), e.status, e.value);`;
    const want = `${chitieu.version()} not_achieved 85\n`;
    assert.equal(node(dir, "a.cjs", `const m = require("chitieu");\n${check}`), want);
    assert.equal(node(dir, "b.mjs", `import * as m from "chitieu";\n${check}`), want);
    assert.equal(node(dir, "c.mjs", `import { evaluate, version } from "chitieu";\nconst m = { evaluate, version };\n${check}`), want);
    const web = `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import init, * as m from "chitieu/web";
const file = createRequire(import.meta.url).resolve("chitieu/chitieu_bg.wasm");
await init({ module_or_path: readFileSync(file) });
${check}`;
    assert.equal(node(dir, "d.mjs", web), want);
    // the Node build has everything; the main web module neither report nor Batch; the full web module both
    const has = `console.log(typeof m.report, typeof m.Batch);`;
    assert.equal(node(dir, "e.cjs", `const m = require("chitieu");\n${has}`), "function function\n");
    assert.equal(node(dir, "f.mjs", `import * as m from "chitieu/web";\n${has}`), "undefined undefined\n");
    const full = `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import initFull, * as m from "chitieu/full";
const file = createRequire(import.meta.url).resolve("chitieu/full/chitieu_bg.wasm");
await initFull({ module_or_path: readFileSync(file) });
${check}
${has}
const batch = new m.Batch("unit,indicator,period,value\\nA,online_dossiers,2030,85\\nB,online_dossiers,2030,95\\n");
const t = batch.evaluate({ as_of: "2030" });
const row = (u) => u * t.targets.length + t.targets.indexOf("online_dossiers_2030");
console.log(t.units.join(), t.status[row(0)], t.status[row(1)], m.report("${csv}", { as_of: "2030" }, "csv").split("\\n")[0]);`;
    assert.equal(
      node(dir, "g.mjs", full),
      `${want}function function\nA,B not_achieved achieved ${chitieu.report(csv.replaceAll("\\n", "\n"), { as_of: "2030" }, "csv").split("\n")[0]}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the README's batch example runs and prints what the README says", () => {
  const readme = readFileSync(join(wasmDir, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Many units at once: `Batch`"));
  const code = /```js\n([\s\S]*?)```/.exec(section);
  const printed = /\nprints\s+```text\n([\s\S]*?)```/.exec(section);
  assert.ok(code && printed && code.index < printed.index, "the batch section has an example and its output");
  const dir = project();
  try {
    assert.equal(node(dir, "batch.cjs", code[1]), printed[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the README's example of the other kinds of target runs and prints what the README says", () => {
  const readme = readFileSync(join(wasmDir, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Other kinds of target, and the paths charts draw"));
  const code = /```js\n([\s\S]*?)```/.exec(section);
  const printed = /\nprints\s+```text\n([\s\S]*?)```/.exec(section);
  assert.ok(code && printed && code.index < printed.index, "the section has an example and its output");
  const dir = project();
  try {
    assert.equal(node(dir, "kinds.cjs", code[1]), printed[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the README quickstart runs and prints what the README says", () => {
  const readme = readFileSync(join(wasmDir, "README.md"), "utf8");
  const code = /## Quickstart \(Node\)\s+```js\n([\s\S]*?)```/.exec(readme);
  const printed = /\nprints\s+```text\n([\s\S]*?)```/.exec(readme);
  assert.ok(code && printed, "the README has a quickstart and its output");
  const dir = project();
  try {
    assert.equal(node(dir, "quickstart.cjs", code[1]), printed[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
