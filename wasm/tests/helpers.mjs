// Shared by the node tests: paths, the build under test (Node's, the main web module or the full one), exact decimal
// comparison.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const wasmDir = join(here, "..");
export const repo = join(wasmDir, "..");
export const pkg = join(wasmDir, "pkg");

const require = createRequire(import.meta.url);
if (!existsSync(join(pkg, "node", "chitieu.js"))) {
  throw new Error("wasm/pkg is missing: run scripts/build-wasm.sh first (scripts/test-wasm.sh does)");
}
/**
 * The build under test: the package's Node build (CommonJS), loaded the way `require("chitieu")` would; with
 * `CHITIEU_BUILD=web` the main web module (ES module, what `import ... from "chitieu"` gives a page: every export but
 * `report`, `Batch` and `draftCatalogue`), with `CHITIEU_BUILD=web-full` the full web module (`chitieu/full`: the
 * main one's exports, `report` and `Batch`), with `CHITIEU_BUILD=web-draft` the draft web module (`chitieu/draft`:
 * the main one's exports and `draftCatalogue`), each instantiated from its .wasm's bytes. The four are the same code
 * compiled apart (for speed, for size, with and without the cargo features `full` and `draft`:
 * scripts/build-wasm.sh), so scripts/test-wasm.sh runs the behaviour tests on each.
 */
export const build = process.env.CHITIEU_BUILD ?? "node";
export const chitieu = await load(build);
/** Whether the build under test has `report` and `Batch`: the Node build and the full web module do. */
export const full = build === "node" || build === "web-full";
/** Whether the build under test has `draftCatalogue`: the Node build and the draft web module do. */
export const drafting = build === "node" || build === "web-draft";
/** Whether the build under test has the office functions (workbooks, template, methods): Node and web-office do. */
export const officeBuild = build === "node" || build === "web-office";
/**
 * A build with `report`, for checks that compare a result with the core's JSON report: the build under test when it
 * has one, else the Node build.
 */
export const withReport = full ? chitieu : await load("node");

async function load(which) {
  if (which === "node") return require(join(pkg, "node", "chitieu.js"));
  const dir = { web: pkg, "web-full": join(pkg, "full"), "web-draft": join(pkg, "draft"), "web-office": join(pkg, "office") }[which];
  if (!dir) throw new Error(`CHITIEU_BUILD=${which}: "node", "web", "web-full", "web-draft" or "web-office"`);
  const web = await import(pathToFileURL(join(dir, "chitieu.js")).href);
  await web.default({ module_or_path: readFileSync(join(dir, "chitieu_bg.wasm")) });
  return web;
}

/** These exports are absent from the build under test; the rest of the API is there. */
function assertAbsent(names) {
  for (const name of names) assert.equal(chitieu[name], undefined, `${name} in the ${build} build`);
  for (const name of ["evaluate", "scorecard", "requiredPaths", "inspectFigures", "loadCatalogue", "unitEn"]) {
    assert.equal(typeof chitieu[name], "function", name);
  }
}

/** The main and draft web modules have neither `report` nor `Batch` (the full module's and the Node build's). */
export function assertNoFull() {
  assert.ok(build === "web" || build === "web-draft" || build === "web-office", build);
  assertAbsent(["report", "Batch"]);
}

/** The main and full web modules have no `draftCatalogue` (the draft module's and the Node build's). */
export function assertNoDraft() {
  assert.ok(build === "web" || build === "web-full" || build === "web-office", build);
  assertAbsent(["draftCatalogue"]);
}

/**
 * A test of `report` or `Batch`: run as written on the builds that have them (node, web-full); on the others the
 * test of the same name asserts instead that they are absent there, so that it never passes by not running.
 */
export function testFull(name, fn) {
  if (full) return test(name, fn);
  return test(`${name} [${build} module: report and Batch are absent]`, assertNoFull);
}

/** A test of `draftCatalogue`: run on the builds that have it (node, web-draft); on the others, asserts it is absent. */
export function testDraft(name, fn) {
  if (drafting) return test(name, fn);
  return test(`${name} [${build} module: draftCatalogue is absent]`, assertNoDraft);
}

/** The office web module's exports are absent from the build under test (the main, full and draft modules). */
export function assertNoOffice() {
  assert.ok(build === "web" || build === "web-full" || build === "web-draft", build);
  assertAbsent(["readWorkbook", "templateXlsx", "reportXlsx", "figureNeeds", "assessProgress", "figuresCsv"]);
}

/** A test of the office functions: run on the builds that have them (node, web-office); elsewhere asserts absence. */
export function testOffice(name, fn) {
  if (officeBuild) return test(name, fn);
  return test(`${name} [${build} module: the office functions are absent]`, assertNoOffice);
}

/**
 * The core's JSON scorecard (`withReport.report(..., "json")`) as the build under test gives it: the builds with the
 * core's `methods` (Node, web-office) add `alternative_views`; when `withReport` is the Node build standing in for a
 * web module without them, they are dropped.
 */
export function coreScorecard(json) {
  const card = JSON.parse(json);
  if (!officeBuild) delete card.alternative_views;
  return card;
}

/** Normalise an exact decimal string: no sign on zero, no leading zeros, no trailing fractional zeros. */
export function canonicalDecimal(text) {
  const s = String(text).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const int = m[2].replace(/^0+/, "") || "0";
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return body === "0" || m[1] !== "-" ? body : `-${body}`;
}

/** Decimal equality as numbers ("85" equals "85.00"), exactly: no floating point. */
export function sameDecimal(a, b) {
  return canonicalDecimal(a) === canonicalDecimal(b);
}

/** Catch what `fn` throws (and fail when it throws nothing). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error, none was thrown");
}
