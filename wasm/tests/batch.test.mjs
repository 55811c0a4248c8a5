// Many units at once (`Batch`): every row equals the single-unit API's verdict for that unit; planted bad rows are
// reported with their unit, row and code without hiding any other unit; the input's order does not matter; CSV
// text and an array of objects agree; an exact boundary ("trên 85%": 85 is not enough).
//
// The figures are synthetic (40 units, seed 7, 2025-2030, many units with bad rows) from the core's generator:
// scripts/test-wasm.sh writes them into target/synth-js/; run alone, this test generates them with cargo.
//
// `Batch` is in the Node build and the full web module (chitieu/full), not in the main web module: there each test
// asserts instead that it is absent (testFull).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chitieu, full, repo, testFull, thrown } from "./helpers.mjs";

const DIR = join(repo, "target", "synth-js");
const CSV_PATH = join(DIR, "units40.csv");
const PLANTED_PATH = join(DIR, "units40-planted.json");
if (!existsSync(CSV_PATH) || !existsSync(PLANTED_PATH)) {
  execFileSync(
    "cargo",
    ["run", "--release", "-q", "-p", "chitieu", "--features", "synthetic", "--example", "synthetic", "--",
      "--seed", "7", "--units", "40", "--bad", "200", "--out", CSV_PATH, "--planted", PLANTED_PATH],
    { cwd: repo, stdio: ["ignore", "ignore", "inherit"] },
  );
}
const CSV = readFileSync(CSV_PATH, "utf8");
const PLANTED = JSON.parse(readFileSync(PLANTED_PATH, "utf8"));
const OPTIONS = { as_of: "2028-06-30" };
const DECIMALS = [
  "value",
  "margin",
  "achievement_ratio",
  "progress_ratio",
  "rate_to_date",
  "rate_required",
  "expected_to_date",
  "projected",
];

const [HEADER, ...LINES] = CSV.trimEnd().split("\n");
const COLUMNS = HEADER.split(",");
const UNIT = COLUMNS.indexOf("unit");
/** The data lines with their CSV row (line number: the header is row 1). */
const ROWS = LINES.map((line, i) => ({ line, row: i + 2, unit: line.split(",")[UNIT] }));

/** Row `i` of a columnar result as an object, for comparisons. */
function row(table, i) {
  const out = {
    unit: table.units[table.unit[i]],
    target: table.targets[table.target[i]],
    status: table.status[i],
    value_period: table.value_period[i],
    aim_reached: table.aim_reached[i],
  };
  for (const k of DECIMALS) out[k] = table[k][i];
  const e = table.error[i];
  out.error = e < 0 ? null : { code: table.errors[e].code, unit: table.errors[e].unit };
  return out;
}

/** A single-unit evaluation in the same shape. */
function single(unit, e) {
  const out = {
    unit,
    target: e.target,
    status: e.status,
    value_period: e.value_period ?? null,
    aim_reached: e.aim_reached ?? null,
  };
  for (const k of DECIMALS) out[k] = e[k] ?? null;
  out.error = null;
  return out;
}

function checkColumns(table) {
  assert.equal(table.length, table.units.length * table.targets.length);
  assert.ok(table.unit instanceof Uint32Array && table.target instanceof Uint32Array);
  assert.ok(table.error instanceof Int32Array && table.percent instanceof Uint8Array);
  for (const k of ["unit", "target", "status", "value_period", "aim_reached", "percent", "error", ...DECIMALS]) {
    assert.equal(table[k].length, table.length, k);
  }
  for (const k of DECIMALS) {
    for (const v of table[k]) assert.ok(v === null || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)), `${k}: ${v}`);
  }
}

/** The same checks for a table with float columns (the default). */
function checkFloatColumns(table) {
  assert.equal(table.length, table.units.length * table.targets.length);
  for (const k of DECIMALS) {
    assert.ok(table[k] instanceof Float64Array, k);
    assert.equal(table[k].length, table.length, k);
  }
}

const batch = full ? new chitieu.Batch(CSV) : undefined;
const table = batch?.evaluate(OPTIONS);
const bad = new Map(); // unit -> planted bad CSV rows
for (const b of PLANTED.bad) bad.set(b.unit, [...(bad.get(b.unit) ?? []), b.row]);

testFull("the fixture has units with planted bad rows of several codes", () => {
  assert.equal(PLANTED.units, 40);
  assert.ok(bad.size >= 3, `${bad.size} units with bad rows`);
  assert.ok(new Set(PLANTED.bad.map((b) => b.code)).size >= 3);
  assert.equal(batch.units.length, 40);
  // a duplicate's two rows are both read (the series is marked); every other bad row is left out
  assert.equal(batch.figureCount, PLANTED.rows - PLANTED.bad.filter((b) => b.code !== "duplicate_figure").length);
  checkColumns(table);
  assert.deepEqual(table.units, batch.units);
  assert.deepEqual(table.targets, chitieu.builtinCatalogue().targets.map((t) => t.id));
  assert.equal(table.as_of, "2028-06-30");
});

testFull("numbers: 'float' gives Float64Arrays: each the float of the exact text, NaN where absent", () => {
  const floats = batch.evaluate({ ...OPTIONS, numbers: "float" });
  checkFloatColumns(floats);
  // the default is the exact texts
  assert.deepEqual(batch.evaluate({ ...OPTIONS, numbers: "text" }), table);
  let present = 0;
  for (const k of DECIMALS) {
    for (let i = 0; i < table.length; i++) {
      const text = table[k][i];
      if (text === null) {
        assert.ok(Number.isNaN(floats[k][i]), `${k}[${i}]`);
      } else {
        // JavaScript's own parse of the exact text is the nearest float; Object.is tells -0 from 0
        assert.ok(Object.is(floats[k][i], Number(text)), `${k}[${i}]: ${floats[k][i]} for ${text}`);
        present += 1;
      }
    }
  }
  assert.ok(present > table.length, `${present} decimals compared`);
  // every other column is the same as with exact texts
  const { errors: e1, ...rest1 } = table;
  const { errors: e2, ...rest2 } = floats;
  for (const k of Object.keys(rest1).filter((k) => !DECIMALS.includes(k))) assert.deepEqual(rest2[k], rest1[k], k);
  assert.deepEqual(e2, e1);
});

testFull("every row equals the single-unit API's evaluation of that unit alone", () => {
  let compared = 0;
  for (const [u, unit] of table.units.entries()) {
    const planted = new Set(bad.get(unit) ?? []);
    // the single-unit API is strict: give it the unit's rows without its planted bad ones
    const lines = ROWS.filter((r) => r.unit === unit && !planted.has(r.row)).map((r) => r.line);
    const evaluations = chitieu.evaluate([HEADER, ...lines].join("\n") + "\n", { ...OPTIONS, unit });
    assert.equal(evaluations.length, table.targets.length);
    for (const [k, e] of evaluations.entries()) {
      const i = u * table.targets.length + k;
      const got = row(table, i);
      if (got.error) {
        // only a unit with planted bad rows has targets stopped by one, and the error is that unit's
        assert.ok(planted.size > 0, `${unit} ${got.target}: ${got.error.code}`);
        assert.equal(got.error.unit, unit);
        continue;
      }
      assert.deepEqual(got, single(unit, e), `${unit} ${e.target}`);
      compared += 1;
    }
  }
  assert.ok(compared > 0.97 * table.length, `${compared} of ${table.length} rows compared`);
});

testFull("planted bad rows are reported with their unit, row and code, and hide no other unit", () => {
  const errors = batch.errors;
  assert.deepEqual(table.errors.slice(0, errors.length), errors);
  for (const b of PLANTED.bad) {
    const found = errors.find((e) => e.row === b.row && e.unit === b.unit);
    assert.ok(found, `planted row ${b.row} of ${b.unit} (${b.code}) not reported`);
    assert.equal(found.code, b.code, `row ${b.row}`);
    assert.equal(typeof found.message, "string");
    assert.equal(found.target, null);
    assert.equal(found.details.row, b.row);
  }
  assert.equal(errors.length, PLANTED.bad.length);
  const rows = errors.map((e) => e.row);
  assert.deepEqual(rows, [...rows].sort((a, b) => a - b), "bad rows in row order");
  // every unit, clean or not, has a verdict on most of its targets
  for (const [u, unit] of table.units.entries()) {
    let judged = 0;
    for (let k = 0; k < table.targets.length; k++) judged += table.status[u * table.targets.length + k] !== null;
    assert.ok(judged > table.targets.length * 0.8, `${unit}: ${judged} judged`);
  }
  // a stopped target points at its unit's bad row
  for (let i = 0; i < table.length; i++) {
    if (table.error[i] < 0) continue;
    assert.equal(table.status[i], null);
    const e = table.errors[table.error[i]];
    assert.equal(e.unit, table.units[table.unit[i]]);
  }
  const counted = Object.fromEntries(table.counts.map((c) => [c.status, c.count]));
  assert.equal(counted.error, [...table.error].filter((e) => e >= 0).length);
  assert.equal(table.counts.reduce((n, c) => n + c.count, 0), table.length);
});

testFull("the order of the input does not matter", () => {
  // a fixed shuffle of the data lines
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const shuffled = ROWS.map((r) => [next(), r]).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  const other = new chitieu.Batch([HEADER, ...shuffled.map((r) => r.line)].join("\n") + "\n").evaluate(OPTIONS);
  // errors are numbered in row order, so a row's error index moves: compare what it points at
  const pointed = (t) => [...t.error].map((e) => (e < 0 ? null : `${t.errors[e].unit} ${t.errors[e].code}`));
  const { errors: e1, error: i1, ...a } = table;
  const { errors: e2, error: i2, ...b } = other;
  assert.deepEqual(b, a);
  assert.deepEqual(pointed(other), pointed(table));
  // the same bad rows, now at other rows: row n of the shuffled file is the original row rowOf[n]
  const rowOf = new Map(shuffled.map((r, i) => [i + 2, r.row]));
  const key = (e) => `${e.unit} ${e.code} ${e.target}`;
  assert.deepEqual(e2.map(key).sort(), e1.map(key).sort());
  for (const e of e2.filter((e) => e.row !== null && e.code !== "duplicate_figure")) {
    assert.ok(e1.some((o) => o.row === rowOf.get(e.row) && key(o) === key(e)), `row ${e.row}`);
  }
});

testFull("CSV text and an array of objects agree (rows: the first element is row 1)", () => {
  const objects = ROWS.map(({ line }) => {
    const cells = line.split(",");
    const o = {};
    COLUMNS.forEach((c, k) => {
      if (cells[k] !== "") o[c] = cells[k];
    });
    return o;
  });
  const fromObjects = new chitieu.Batch(objects);
  assert.equal(fromObjects.figureCount, batch.figureCount);
  assert.deepEqual(
    fromObjects.errors.map((e) => ({ ...e, row: e.row + 1, details: undefined, message: undefined })),
    batch.errors.map((e) => ({ ...e, details: undefined, message: undefined })),
  );
  const other = fromObjects.evaluate(OPTIONS);
  const { errors: e1, ...a } = table;
  const { errors: e2, ...b } = other;
  assert.deepEqual(b, a);
  assert.equal(e2.length, e1.length);
  // {figures: [...]} and JSON text are the same input
  const wrapped = new chitieu.Batch({ figures: objects.slice(0, 500) }).evaluate(OPTIONS);
  const json = new chitieu.Batch(JSON.stringify(objects.slice(0, 500))).evaluate(OPTIONS);
  assert.deepEqual(json, wrapped);
  fromObjects.free();
});

testFull("JSON text is read by the core: numbers with the digits written, a field given twice a bad row", () => {
  const text = JSON.stringify([
    { unit: "A", indicator: "online_dossiers", period: 2030, value: 85 },
    { unit: "C", indicator: "online_dossiers", period: 2030, value: 85.5 },
  ])
    // digits no JS number holds: more than 85 by 10^-18 ('trên 85%' met), and a unit whose value is given twice
    .replace("]", ', {"unit": "B", "indicator": "online_dossiers", "period": 2030, "value": 85.000000000000000001},' +
      ' {"unit": "D", "indicator": "online_dossiers", "period": 2030, "value": 90, "value": 80}]');
  const b = new chitieu.Batch(text);
  assert.deepEqual(b.errors.map((e) => [e.row, e.unit, e.code]), [[4, "D", "figures_syntax"]]);
  assert.match(b.errors[0].message, /field "value" is given twice/);
  const t = b.evaluate({ as_of: "2030" });
  const k = t.targets.indexOf("online_dossiers_2030");
  const at = (unit) => t.units.indexOf(unit) * t.targets.length + k;
  assert.equal(t.status[at("A")], "not_achieved");
  assert.equal(t.status[at("B")], "achieved");
  assert.equal(t.margin[at("B")], "0.000000000000000001");
  assert.equal(t.status[at("D")], null);
  assert.equal(t.errors[t.error[at("D")]].row, 4);
  assert.equal(t.status[at("C")], "achieved");
});

testFull("JS numbers are read as their shortest decimal, like String(x)", () => {
  const rows = [
    { unit: "A", indicator: "online_dossiers", period: 2030, value: 85.1 },
    { unit: "B", indicator: "online_dossiers", period: "2030", value: "85.1" },
    { unit: "C", indicator: "online_dossiers", period: 2030, value: 0.1 + 84.9 }, // 85 exactly in doubles
    { unit: "D", indicator: "online_dossiers", period: 2030, value: NaN },
    { unit: "E", indicator: "grdp", period: 2030, value: 1n },
  ];
  const b = new chitieu.Batch(rows);
  const t = b.evaluate({ as_of: "2030" });
  const k = t.targets.indexOf("online_dossiers_2030");
  const at = (unit) => t.units.indexOf(unit) * t.targets.length + k;
  assert.equal(t.value[at("A")], t.value[at("B")]);
  assert.equal(t.status[at("A")], "achieved");
  assert.equal(t.value[at("C")], "85");
  assert.deepEqual(b.errors.map((e) => [e.row, e.unit, e.code]), [[4, "D", "not_a_number"]]);
  assert.equal(t.status[at("D")], null);
  assert.equal(t.errors[t.error[at("D")]].row, 4);
});

testFull("an exact boundary: 'trên 85%' is not met by 85, 'đạt 85%' is; one millionth above is", () => {
  const csv =
    "unit,indicator,period,value\nW85,online_dossiers,2030,85\nW85.000001,online_dossiers,2030,85.000001\n" +
    "W84.999999,online_dossiers,2030,84.999999\n";
  const t = new chitieu.Batch(csv).evaluate({ as_of: "2030" });
  const status = (unit, target) =>
    t.status[t.units.indexOf(unit) * t.targets.length + t.targets.indexOf(target)];
  assert.equal(status("W85", "online_dossiers_2030"), "not_achieved"); // more than 85
  assert.equal(status("W85", "online_dossiers_pl2"), "achieved"); // at least 85
  assert.equal(status("W85.000001", "online_dossiers_2030"), "achieved");
  assert.equal(status("W84.999999", "online_dossiers_pl2"), "not_achieved");
  for (const unit of ["W85", "W85.000001", "W84.999999"]) {
    const single = chitieu.evaluate(csv, { as_of: "2030", unit });
    for (const id of ["online_dossiers_2030", "online_dossiers_pl2"]) {
      assert.equal(status(unit, id), single.find((e) => e.target === id).status, `${unit} ${id}`);
    }
  }
});

testFull("a decimal comma when declared ({decimalComma: true}): 'trên 85%' not met by 85,00, met by 85,01", () => {
  const csv =
    "unit;indicator;period;value\nW85;online_dossiers;2030;85,00\nW85,01;online_dossiers;2030;85,01\n" +
    "W84,99;online_dossiers;2030;84,99\n";
  const t = new chitieu.Batch(csv, undefined, { decimalComma: true }).evaluate({ as_of: "2030" });
  assert.deepEqual(t.errors, []);
  const at = (unit, target) => t.units.indexOf(unit) * t.targets.length + t.targets.indexOf(target);
  assert.equal(t.status[at("W85", "online_dossiers_2030")], "not_achieved"); // more than 85
  assert.equal(t.status[at("W85", "online_dossiers_pl2")], "achieved"); // at least 85
  assert.equal(t.status[at("W85,01", "online_dossiers_2030")], "achieved");
  assert.equal(t.margin[at("W85,01", "online_dossiers_2030")], "0.01");
  assert.equal(t.status[at("W84,99", "online_dossiers_pl2")], "not_achieved");
  // each unit as the single-unit API reads the same text with the same declaration
  for (const unit of ["W85", "W85,01", "W84,99"]) {
    const single = chitieu.evaluate(csv, { as_of: "2030", unit, decimalComma: true });
    for (const id of ["online_dossiers_2030", "online_dossiers_pl2"]) {
      assert.equal(t.status[at(unit, id)], single.find((e) => e.target === id).status, `${unit} ${id}`);
    }
  }
  // not declared: every value is a bad row (not_a_number) whose message says how to declare it
  const plain = new chitieu.Batch(csv);
  assert.deepEqual(plain.errors.map((e) => [e.row, e.code]), [[2, "not_a_number"], [3, "not_a_number"], [4, "not_a_number"]]);
  assert.match(plain.errors[0].message, /decimal/i);
  // declared where it cannot hold: comma-separated text, JSON text, objects; and a bad option
  const cases = [
    () => new chitieu.Batch("unit,indicator,period,value\nA,grdp,2026,1\n", undefined, { decimalComma: true }),
    () => new chitieu.Batch("[]", undefined, { decimalComma: true }),
    () => new chitieu.Batch([{ unit: "A", indicator: "grdp", period: 2026, value: 1 }], undefined, { decimalComma: true }),
    () => new chitieu.Batch(csv, undefined, { decimalComma: "yes" }),
    () => new chitieu.Batch(csv, undefined, { decimal_comma: true }),
  ];
  for (const fn of cases) {
    const e = thrown(fn);
    assert.equal(e.name, "ChitieuError");
    assert.equal(e.code, "invalid_setting", e.message);
  }
  // declared false, or null, is the default
  assert.deepEqual(new chitieu.Batch(csv, undefined, { decimalComma: false }).errors.length, 3);
  assert.deepEqual(new chitieu.Batch(csv, undefined, { decimalComma: null }).errors.length, 3);
});

testFull("problems with the whole input are thrown as ChitieuErrors; bad rows are not", () => {
  const cases = [
    [() => new chitieu.Batch("unit,indicator,period,valeu\n"), "figures_syntax"],
    [() => new chitieu.Batch(42), "figures_syntax"],
    [() => new chitieu.Batch({ rows: [] }), "figures_syntax"],
    [() => new chitieu.Batch("[{\"indicator\": "), "figures_syntax"],
    [() => new chitieu.Batch("indicator\n", "{"), "catalogue_syntax"],
    [() => batch.evaluate({ as_of: "2028-13" }), "invalid_setting"],
    [() => batch.evaluate({ as_of: "2028", on_track_ratio: "2", at_risk_ratio: "3" }), "invalid_setting"],
    [() => batch.evaluate({ as_of: "2028", numbers: "decimal" }), "invalid_setting"],
    [() => batch.evaluate({ as_of: "2028", numbers: 1 }), "invalid_setting"],
  ];
  for (const [fn, code] of cases) {
    const e = thrown(fn);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "ChitieuError");
    assert.equal(e.code, code, e.message);
  }
  // bad rows and odd elements are listed, not thrown
  const b = new chitieu.Batch([
    { unit: "A", indicator: "grdp", period: 2025, value: 1 },
    "grdp,2026,2",
    { unit: "A", indicator: "grdp", period: 2027, value: 3, colour: "red" },
    { unit: "B", indicator: "grdp", period: 2027, value: { amount: 3 } },
    { unit: "B", indicator: "nope", period: 2027, value: 3 },
  ]);
  assert.deepEqual(
    b.errors.map((e) => [e.row, e.unit, e.code]),
    [[2, null, "figures_syntax"], [3, "A", "figures_syntax"], [4, "B", "figures_syntax"], [5, "B", "unknown_indicator"]],
  );
  assert.match(b.errors[1].message, /colour/);
  assert.deepEqual(b.units, [null, "A", "B"]);
  const t = b.evaluate({ as_of: "2030" });
  assert.equal(t.length, 3 * t.targets.length);
  // an empty batch is an empty table
  const empty = new chitieu.Batch("unit,indicator,period,value\n").evaluate({ as_of: "2030" });
  assert.equal(empty.length, 0);
  assert.deepEqual(empty.value, []);
  assert.deepEqual(new chitieu.Batch("unit,indicator,period,value\n").evaluate({ as_of: "2030", numbers: "float" }).value, new Float64Array(0));
});
