// Shared by the node tests: paths, the build under test (Node's, or the web one), exact decimal comparison.
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
 * The build under test: the package's Node build (CommonJS), loaded the way `require("chitieu")` would, or with
 * `CHITIEU_BUILD=web` the browser build (ES module) instantiated from the .wasm's bytes. The two are the same code
 * compiled apart (for speed and for size: scripts/build-wasm.sh), so scripts/test-wasm.sh runs the behaviour tests
 * on each.
 */
export const build = process.env.CHITIEU_BUILD ?? "node";
export const chitieu = await load(build);

async function load(which) {
  if (which === "node") return require(join(pkg, "node", "chitieu.js"));
  if (which !== "web") throw new Error(`CHITIEU_BUILD=${which}: "node" or "web"`);
  const web = await import(pathToFileURL(join(pkg, "chitieu.js")).href);
  await web.default({ module_or_path: readFileSync(join(pkg, "chitieu_bg.wasm")) });
  return web;
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
