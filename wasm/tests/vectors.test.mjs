// Replays every golden vector in tests/vectors/*.json through the package (format: tests/vectors/README.md).
// The same files are replayed by Rust (tests/vectors.rs) and pytest, against the same hand-derived expectations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chitieu, officeBuild, repo, sameDecimal } from "./helpers.mjs";

const DECIMAL_FIELDS = new Set([
  "value",
  "margin",
  "achievement_ratio",
  "progress_ratio",
  "rate_to_date",
  "rate_required",
  "expected_to_date",
  "projected",
]);

const dir = join(repo, "tests", "vectors");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("there are golden vectors to replay", () => {
  assert.ok(files.length > 0, `no *.json in ${dir}`);
});

function catches(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

function run(c) {
  const figures = "figures_csv" in c ? c.figures_csv : c.figures;
  // a catalogue as JSON text (to test unreadable ones), or as an object, or the built-in one
  // `read`: how CSV text writes numbers ({"decimal_comma": true}), the JS option decimalComma
  const options = c.read?.decimal_comma ? { ...c.options, decimalComma: true } : c.options;
  return chitieu.evaluate(figures, options, c.catalogue_json ?? c.catalogue ?? undefined);
}

for (const file of files) {
  const doc = JSON.parse(readFileSync(join(dir, file), "utf8"));
  test(`vectors/${file}`, async (t) => {
    assert.ok(Array.isArray(doc.cases) && doc.cases.length > 0, "a vector file needs cases");
    const names = new Set();
    for (const c of doc.cases) {
      await t.test(c.name, () => {
        assert.ok(!names.has(c.name), `case name ${c.name} is used twice`);
        names.add(c.name);
        assert.equal(("figures_csv" in c) + ("figures" in c), 1, "exactly one of figures_csv and figures");
        assert.ok(("expect" in c) !== ("expect_error" in c), "exactly one of expect and expect_error");
        if (c.requires === "wide" && !officeBuild) {
          // the wide layout is read by the core's feature `wide`, which the main, full and draft web modules leave
          // out for their size budgets: there the header is refused, saying so (the case runs in Rust, pytest, the
          // Node build and the office web module)
          const error = catches(() => run(c));
          assert.equal(error.code, "figures_syntax", error.message);
          assert.match(error.message, /wide layout/);
          return;
        }
        if (c.expect_error) {
          let error;
          try {
            run(c);
          } catch (e) {
            error = e;
          }
          assert.ok(error, `expected error ${c.expect_error.code}, evaluation succeeded`);
          assert.ok(error instanceof Error, "errors are Error objects");
          assert.equal(error.name, "ChitieuError", String(error));
          for (const [key, want] of Object.entries(c.expect_error)) {
            const got = key === "code" ? error.code : error.details[key];
            assert.deepEqual(got, want, `${key} of ${error.message}`);
          }
          return;
        }
        const evaluations = new Map(run(c).map((e) => [e.target, e]));
        for (const [target, fields] of Object.entries(c.expect)) {
          const ev = evaluations.get(target);
          assert.ok(ev, `no evaluation for target ${target}`);
          for (const [field, want] of Object.entries(fields)) {
            const got = ev[field];
            if (DECIMAL_FIELDS.has(field) && want !== null) {
              assert.equal(typeof got, "string", `${target}.${field} is a decimal string, got ${JSON.stringify(got)}`);
              assert.ok(sameDecimal(got, String(want)), `${target}.${field}: expected ${want}, got ${got}`);
            } else {
              assert.deepEqual(got ?? null, want, `${target}.${field}`);
            }
          }
        }
      });
    }
  });
}
