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

// bytes, gzipped, with the catalogue inside: the web build's is what a page downloads (issue 5's budget); the
// Node build's is compiled for speed and read from disk once (scripts/build-wasm.sh), held to a bound of its own
const LIMITS = { web: 250 * 1000, node: 350 * 1000 };

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

test("the web build's gzipped .wasm is at most 250 KB, the Node build's 350 KB; both hold the catalogue", () => {
  const builds = [["web", join(pkg, "chitieu_bg.wasm")], ["node", join(pkg, "node", "chitieu_bg.wasm")]];
  const modules = builds.map(([build, file]) => {
    const bytes = readFileSync(file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    const limit = LIMITS[build];
    console.log(`${file.slice(repo.length + 1)}: ${bytes.length} bytes, ${gz} bytes gzipped (limit ${limit})`);
    assert.ok(gz <= limit, `${file}: ${gz} bytes gzipped, above ${limit}`);
    // the built-in catalogue is compiled in (without its indentation): its text is in the module
    const catalogue = Buffer.from(JSON.stringify(JSON.parse(readFileSync(join(repo, "core", "data", "hung_dao_09_ctr_du.json"), "utf8"))));
    assert.ok(bytes.includes(catalogue.subarray(0, 400)), "the catalogue's text is not in the module");
    return bytes;
  });
  // two compilations of one crate, not one module copied: the web build is the smaller
  assert.ok(modules[0].length < modules[1].length, "the web build is not the smaller module");
});

test("package.json: name, version, exports with import, require and types", () => {
  const meta = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  assert.equal(meta.name, "chitieu");
  assert.equal(meta.version, chitieu.version());
  assert.equal(meta.type, "module");
  const root = meta.exports["."];
  assert.ok(root.import && root.require && root.types && root.node);
  assert.deepEqual(JSON.parse(readFileSync(join(pkg, "node", "package.json"), "utf8")), { type: "commonjs" });
  // every file listed is there; a folder holds the module (node/) or the JS snippets wasm-bindgen imports
  for (const f of meta.files.filter((f) => !f.endsWith("/"))) assert.doesNotThrow(() => readFileSync(join(pkg, f)), f);
  assert.deepEqual(meta.files.filter((f) => f.endsWith("/")), ["snippets/", "node/"]);
  readFileSync(join(pkg, "node", "chitieu.js"));
  for (const build of [pkg, join(pkg, "node")]) {
    const glue = readFileSync(join(build, "chitieu.js"), "utf8");
    const snippets = [...glue.matchAll(/["'`](\.\/snippets\/[^"'`]+)["'`]/g)].map((m) => m[1]);
    assert.ok(snippets.length > 0, `${build}: no snippet imported`);
    for (const s of snippets) assert.doesNotThrow(() => readFileSync(join(build, s)), s);
  }
  assert.equal(readFileSync(join(pkg, "README.md"), "utf8"), readFileSync(join(wasmDir, "README.md"), "utf8"));
});

test("require('chitieu') and import from 'chitieu' load the Node build; 'chitieu/web' instantiates from bytes", () => {
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
