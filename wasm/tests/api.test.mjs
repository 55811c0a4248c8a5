// The package's JavaScript API: errors as real Error objects with the core's codes and details, every code the
// core reports, exact decimals both ways, inputs (CSV/JSON text, objects, JS numbers, bigints), options, reports,
// and panics turned into catchable errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, chitieu, coreScorecard, full, officeBuild, repo, testFull, thrown, withReport } from "./helpers.mjs";

const SAMPLE = readFileSync(join(repo, "examples", "data", "sample_figures.csv"), "utf8");
const HEADER = "indicator,period,value,numerator,denominator,growth,done\n";
const csvError = (rows, options = { as_of: "2030" }) => thrown(() => chitieu.evaluate(HEADER + rows, options));
const find = (evaluations, id) => evaluations.find((e) => e.target === id);

test("the build under test is the one CHITIEU_BUILD names (the web modules' glue alone has initSync)", () => {
  assert.equal(typeof chitieu.initSync === "function", build !== "node", build);
  // report and Batch: in the Node build and the full web module, not in the main web module
  assert.equal(typeof chitieu.report === "function", full, build);
  assert.equal(typeof chitieu.Batch === "function", full, build);
});

function checkError(e, code, details = {}) {
  assert.ok(e instanceof Error, `not an Error: ${e}`);
  assert.equal(e.name, "ChitieuError");
  assert.equal(e.code, code, e.message);
  assert.equal(typeof e.message, "string");
  assert.ok(e.message.length > 0);
  assert.equal(typeof e.stack, "string");
  assert.equal(typeof e.details, "object");
  for (const [k, v] of Object.entries(details)) assert.deepEqual(e.details[k], v, `details.${k} of ${e.message}`);
  return e;
}

function miniCatalogue(extra = {}) {
  return {
    format: 1,
    programme: { id: "demo", title_vi: "Thử", title_en: "Demo", base_year: 2025, first_year: 2025, last_year: 2030 },
    indicators: [{ id: "lvl", name_vi: "Mức", name_en: "Level", unit: "đồng", measure: "level", direction: "increase" }],
    targets: [
      {
        id: "lvl_2030",
        indicator: "lvl",
        rule: { kind: "at_least", value: "1234567890123456789012345678" },
        timing: { kind: "deadline", by: "2030" },
        summary_en: "A very large level",
        sources: [{ section: "1", quote: "rất lớn" }],
      },
      {
        id: "lvl_small",
        indicator: "lvl",
        rule: { kind: "at_most", value: "0.1" },
        timing: { kind: "deadline", by: "2026" },
        summary_en: "A small level",
        sources: [{ section: "2", quote: "rất nhỏ" }],
      },
    ],
    ...extra,
  };
}

// Every code the core can report, each from a real input through the JS API.
const TRIGGERS = {
  catalogue_syntax: () => checkError(thrown(() => chitieu.loadCatalogue("{\n  \"format\": ")), "catalogue_syntax", { row: 2 }),
  catalogue_invalid: () =>
    checkError(thrown(() => chitieu.loadCatalogue({ ...miniCatalogue(), format: 2 })), "catalogue_invalid", { field: "format" }),
  duplicate_id: () => {
    const c = miniCatalogue();
    c.indicators.push({ ...c.indicators[0] });
    checkError(thrown(() => chitieu.loadCatalogue(JSON.stringify(c))), "duplicate_id", { target: "lvl" });
  },
  figures_syntax: () =>
    checkError(thrown(() => chitieu.evaluate("indicator,period,valeu\n", { as_of: "2030" })), "figures_syntax", { row: 1 }),
  unknown_indicator: () => checkError(csvError("gdp,2026,1,,,,\n"), "unknown_indicator", { row: 2, indicator: "gdp" }),
  missing_field: () => checkError(csvError("grdp,2026,,,,,\n"), "missing_field", { row: 2, field: "value", indicator: "grdp" }),
  limit_exceeded: () =>
    checkError(
      thrown(() => chitieu.evaluate("indicator,period,value,entity\nvoter_meetings_per_delegate,2026,2," + "d".repeat(201) + "\n", { as_of: "2030" })),
      "limit_exceeded",
      { row: 2, field: "entity" },
    ),
  not_a_number: () => checkError(csvError("grdp,2026,1.000.000,,,,\n"), "not_a_number", { row: 2, field: "value", value: "1.000.000" }),
  invalid_period: () => checkError(csvError("grdp,2026-13,1,,,,\n"), "invalid_period", { row: 2, field: "period", value: "2026-13" }),
  duplicate_figure: () =>
    checkError(csvError("grdp,2026,1,,,,\ngrdp,2027,1,,,,\ngrdp,2026,2,,,,\n"), "duplicate_figure", { row: 4, other_row: 2 }),
  numerator_above_denominator: () =>
    checkError(csvError("online_dossiers,2026,,3,2,,\n"), "numerator_above_denominator", { row: 2, field: "numerator", value: "3" }),
  non_positive_denominator: () =>
    checkError(csvError("online_dossiers,2026,,0,0,,\n"), "non_positive_denominator", { row: 2, field: "denominator" }),
  negative_count: () => checkError(csvError("new_enterprises,2026,-1,,,,\n"), "negative_count", { row: 2, value: "-1" }),
  not_whole_count: () => checkError(csvError("new_enterprises,2026,1.5,,,,\n"), "not_whole_count", { row: 2, value: "1.5" }),
  percentage_out_of_range: () =>
    checkError(csvError("online_dossiers,2026,100.1,,,,\n"), "percentage_out_of_range", { row: 2, value: "100.1" }),
  period_outside_programme: () =>
    checkError(csvError("grdp,2031,1,,,,\n"), "period_outside_programme", { row: 2, field: "period", value: "2031" }),
  wrong_kind: () => checkError(csvError("grdp,2026,,,,,true\n"), "wrong_kind", { row: 2, field: "done", indicator: "grdp" }),
  non_positive_base: () =>
    checkError(csvError("grdp,2025,0,,,,\ngrdp,2026,10,,,,\n"), "non_positive_base", { target: "grdp_growth", indicator: "grdp" }),
  invalid_setting: () =>
    checkError(thrown(() => chitieu.evaluate(SAMPLE, { as_of: "2030", on_track_ratio: "1.5" })), "invalid_setting", {
      field: "on_track_ratio",
    }),
};
// the builds that read workbooks (the Node build, chitieu/office) have the core's `xlsx` feature and its code
if (officeBuild) {
  TRIGGERS.xlsx_syntax = () => checkError(thrown(() => chitieu.evaluate(new TextEncoder().encode("PK\x03\x04 no zip"), { as_of: "2030" })), "xlsx_syntax");
}

test("every error code the core reports reaches JavaScript as a ChitieuError", async (t) => {
  const codes = chitieu.errorCodes();
  assert.ok(Array.isArray(codes) && codes.length >= 19);
  assert.equal(new Set(codes).size, codes.length);
  // every code the core declares is exercised here
  assert.deepEqual(Object.keys(TRIGGERS).sort(), [...codes].sort());
  for (const [code, trigger] of Object.entries(TRIGGERS)) await t.test(code, trigger);
});

test("the error catalogue lists every code once, with its meaning and an example", () => {
  const infos = chitieu.errorCatalogue();
  assert.deepEqual(infos.map((e) => e.code), chitieu.errorCodes());
  for (const e of infos) assert.ok(e.meaning.length > 0 && e.example.length > 0, e.code);
});

test("details carry row, other_row, field, indicator and value as the core gives them", () => {
  const e = checkError(
    thrown(() =>
      chitieu.evaluate("indicator,period,value\nonline_dossiers,2030,80\ngrdp,2025,1\nonline_dossiers,2030,81\n", { as_of: "2030" }),
    ),
    "duplicate_figure",
  );
  assert.deepEqual({ ...e.details }, { row: 4, other_row: 2, field: "period", indicator: "online_dossiers", value: "2030" });
  assert.match(e.message, /rows 2 and 4/);
});

test("JS numbers are read by String(x); NaN and Infinity are refused as not_a_number", () => {
  const value = (v) => find(chitieu.evaluate([{ indicator: "online_dossiers", period: 2030, value: v }], { as_of: "2030" }), "online_dossiers_2030").value;
  assert.equal(value(0.1), "0.1");
  assert.equal(value(85.5), "85.5");
  assert.equal(value(1e-7), "0.0000001"); // String(1e-7) is "1e-7": read exactly, and a figure is shown as given
  for (const [bad, text] of [
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
  ]) {
    const e = thrown(() => chitieu.evaluate([{ indicator: "grdp", period: 2026, value: bad }], { as_of: "2030" }));
    checkError(e, "not_a_number", { row: 1, field: "value", value: text });
  }
});

test("0.1 and a 28-digit figure come back unchanged", () => {
  const big = "1234567890123456789012345678";
  // figures: a share of 0.1 % (string and number), a count of 28 digits (string, bigint, JSON text)
  for (const v of ["0.1", 0.1]) {
    const ev = find(chitieu.evaluate([{ indicator: "online_dossiers", period: "2030", value: v }], { as_of: "2030" }), "online_dossiers_2030");
    assert.equal(ev.value, "0.1");
  }
  const options = { as_of: "2026", decimals: 0 };
  const inputs = [
    `indicator,period,value\nnew_enterprises,2026,${big}\n`,
    [{ indicator: "new_enterprises", period: "2026", value: big }],
    [{ indicator: "new_enterprises", period: "2026", value: BigInt(big) }],
    `[{"indicator": "new_enterprises", "period": "2026", "value": ${big}}]`,
  ];
  for (const input of inputs) {
    assert.equal(find(chitieu.evaluate(input, options), "new_enterprises_term").value, big, String(input));
  }
  // a JS number cannot hold 28 digits: it is read as String(x), as documented
  const lossy = Number(big);
  assert.equal(String(lossy), "1.2345678901234569e+27");
  assert.equal(
    find(chitieu.evaluate([{ indicator: "new_enterprises", period: "2026", value: lossy }], options), "new_enterprises_term").value,
    "1234567890123456900000000000",
  );
  // catalogue: decimals in, the same strings out
  const loaded = chitieu.loadCatalogue(JSON.stringify(miniCatalogue()));
  assert.equal(loaded.targets[0].rule.value, big);
  assert.equal(loaded.targets[1].rule.value, "0.1");
  const ev = find(
    chitieu.evaluate([{ indicator: "lvl", period: "2026", value: "0.1" }], { as_of: "2026" }, miniCatalogue()),
    "lvl_small",
  );
  assert.equal(ev.status, "achieved");
  assert.equal(ev.value, "0.1");
  assert.equal(ev.rule.value, "0.1");
});

test("figures as CSV text, JSON text, an array, or {figures: [...]} give the same evaluation", () => {
  const rows = [
    { indicator: "online_dossiers", period: "2027", value: "78.9" },
    { indicator: "online_dossiers", period: "2025", value: "61.5" },
  ];
  const options = { as_of: "2027" };
  const forms = [
    "indicator,period,value\nonline_dossiers,2027,78.9\nonline_dossiers,2025,61.5\n",
    JSON.stringify(rows),
    JSON.stringify({ figures: rows }),
    rows,
    { figures: rows },
    rows.map((r) => ({ ...r, period: Number(r.period), value: Number(r.value), note: null, unit: undefined })),
  ];
  const strip = (e) => ({ ...e, rows: undefined }); // JSON rows count from 1, CSV rows from the header
  const reference = chitieu.evaluate(forms[0], options).map(strip);
  for (const f of forms.slice(1)) assert.deepEqual(chitieu.evaluate(f, options).map(strip), reference);
  const ev = find(reference, "online_dossiers_2030");
  assert.equal(ev.status, "on_track");
  assert.equal(ev.value, "78.9");
});

test("JSON text is read by the core, as in Rust and Python: the digits written, a field given twice refused", () => {
  // 'trên 85%': 85.000000000000000001 is more than 85 (a JS number would have been 85 exactly, not achieved)
  const above = '[{"indicator": "online_dossiers", "period": 2030, "value": 85.000000000000000001}]';
  assert.equal(find(chitieu.evaluate(above, { as_of: "2030" }), "online_dossiers_2030").status, "achieved");
  const at = '[{"indicator": "online_dossiers", "period": 2030, "value": 85.000000000000000000}]';
  assert.equal(find(chitieu.evaluate(at, { as_of: "2030" }), "online_dossiers_2030").status, "not_achieved");
  // a field given twice is neither of its values: whichever would pass, the row is refused
  for (const second of ["90", "85", "null"]) {
    const twice = `[{"indicator": "online_dossiers", "period": "2030", "value": 85, "value": ${second}}]`;
    const e = thrown(() => chitieu.evaluate(twice, { as_of: "2030" }));
    checkError(e, "figures_syntax", { row: 1 });
    assert.match(e.message, /field "value" is given twice/);
  }
});

test("inputs of the wrong shape are reported, not guessed", () => {
  checkError(thrown(() => chitieu.evaluate([42], { as_of: "2030" })), "figures_syntax", { row: 1 });
  checkError(thrown(() => chitieu.evaluate([{ indicator: "grdp", period: "2026", value: { x: 1 } }], { as_of: "2030" })), "figures_syntax", {
    row: 1,
  });
  checkError(thrown(() => chitieu.evaluate([{ indicator: "grdp", period: "2026", valeu: 1 }], { as_of: "2030" })), "figures_syntax", { row: 1 });
  checkError(thrown(() => chitieu.evaluate("", { as_of: "2030", bogus: 1 })), "invalid_setting", { field: "options" });
  checkError(thrown(() => chitieu.evaluate("", "2030")), "invalid_setting", { field: "options" });
  checkError(thrown(() => chitieu.evaluate("", {})), "invalid_setting", { field: "as_of" });
  checkError(thrown(() => chitieu.evaluate("", { as_of: "2030-02-30" })), "invalid_setting", { field: "as_of" });
  checkError(thrown(() => chitieu.evaluate("", { as_of: 2030 })), "invalid_setting", { field: "as_of" });
});

test("as_of takes a day, a quarter or a year", () => {
  for (const [given, day] of [
    ["2027-06-15", "2027-06-15"],
    ["2027-Q2", "2027-06-30"],
    ["2027", "2027-12-31"],
  ]) {
    const evs = chitieu.evaluate(SAMPLE, { as_of: given });
    assert.ok(evs.length > 0);
    for (const e of evs) assert.equal(e.as_of, day);
  }
});

test("options reach the core: decimals and cut-offs", () => {
  const two = find(chitieu.evaluate(SAMPLE, { as_of: "2027" }), "grdp_growth");
  const four = find(chitieu.evaluate(SAMPLE, { as_of: "2027", decimals: 4 }), "grdp_growth");
  assert.match(two.rate_to_date, /^\d+\.\d{1,2}$/);
  assert.match(four.rate_to_date, /^\d+\.\d{3,4}$/);
  // income grows 7.59 % a year against 10 %: a ratio of about 0.76, at risk with the default cut-offs (0.95,
  // 0.60), off track when at_risk_ratio is raised above it (given as a string and as a JS number)
  assert.equal(find(chitieu.evaluate(SAMPLE, { as_of: "2027" }), "income_growth").status, "at_risk");
  assert.equal(find(chitieu.evaluate(SAMPLE, { as_of: "2027", at_risk_ratio: "0.9" }), "income_growth").status, "off_track");
  assert.equal(find(chitieu.evaluate(SAMPLE, { as_of: "2027", at_risk_ratio: 0.9 }), "income_growth").status, "off_track");
});

test("scorecard: counts add up, every status listed, groups cover every target once", () => {
  const card = chitieu.scorecard(SAMPLE, { as_of: "2027" });
  assert.equal(card.format, "chitieu.scorecard/1");
  assert.deepEqual(
    card.counts.map((c) => c.status),
    chitieu.statuses().map((s) => s.status),
  );
  const total = card.counts.reduce((n, c) => n + c.count, 0);
  assert.equal(total, card.evaluations.length);
  for (const c of card.counts) assert.equal(c.count, card.evaluations.filter((e) => e.status === c.status).length);
  const grouped = card.groups.flatMap((g) => g.targets).sort();
  assert.deepEqual(grouped, card.evaluations.map((e) => e.target).sort());
  assert.deepEqual(card.discrepancies, chitieu.builtinCatalogue().discrepancies);
});

test("the catalogue: built in, as text, loaded back, projects included", () => {
  const cat = chitieu.builtinCatalogue();
  assert.equal(cat.programme.id, "hung_dao_09_ctr_du");
  assert.ok(cat.targets.length >= 20);
  assert.ok(Array.isArray(cat.projects));
  assert.ok(Array.isArray(cat.discrepancies) && cat.discrepancies.length >= 1);
  assert.deepEqual(chitieu.loadCatalogue(chitieu.builtinCatalogueJson()), cat);
  assert.deepEqual(chitieu.loadCatalogue(cat), cat);
  assert.deepEqual(JSON.parse(chitieu.builtinCatalogueJson()), JSON.parse(readFileSync(join(repo, "core", "data", "hung_dao_09_ctr_du.json"), "utf8")));
  // a catalogue with a project (the roads of Phụ lục 1 have a cross-section)
  const project = {
    id: "pl1_i_1",
    group: "I",
    number: 1,
    section: "PL1 I.1",
    name_vi: "Đường thử",
    scale_vi: "Bn=20m",
    road: { bn: "20", bm: "10.5", bhe_each: "4.75", bhe_count: 2 },
    funding_vi: "Ngân sách",
    period_vi: "2026-2027",
    period_from: 2026,
    period_to: 2027,
  };
  const withProject = chitieu.loadCatalogue(miniCatalogue({ projects: [project] }));
  assert.deepEqual(withProject.projects, [project]);
  // the evaluation uses the catalogue given
  const evs = chitieu.evaluate("indicator,period,value\nlvl,2030,1\n", { as_of: "2030" }, JSON.stringify(miniCatalogue()));
  assert.deepEqual(evs.map((e) => e.target), ["lvl_2030", "lvl_small"]);
  checkError(thrown(() => chitieu.loadCatalogue(null)), "catalogue_syntax");
});

test("inspectFigures: count, units, latest year", () => {
  // one figure per non-blank line after the header
  const rows = SAMPLE.split("\n").slice(1).filter((l) => l.trim() !== "").length;
  assert.deepEqual(chitieu.inspectFigures(SAMPLE), { count: rows, latest_year: 2027, units: [null] });
  assert.deepEqual(chitieu.inspectFigures("indicator,period,value\n"), { count: 0, latest_year: null, units: [] });
  const two = "indicator,period,value,unit\ngrdp,2026,1,A\ngrdp,2026,2,B\n";
  assert.deepEqual(chitieu.inspectFigures(two).units, ["A", "B"]);
  // several reporting units: choose one
  checkError(thrown(() => chitieu.evaluate(two, { as_of: "2027" })), "invalid_setting", { field: "unit" });
  assert.equal(chitieu.scorecard(two, { as_of: "2027", unit: "B" }).unit, "B");
});

testFull("report renders text, Markdown, JSON and CSV in both languages", () => {
  const opts = { as_of: "2027" };
  const en = chitieu.report(SAMPLE, opts, "text");
  const vi = chitieu.report(SAMPLE, opts, "text", "vi");
  assert.match(en, /As of 2027-12-31/);
  assert.match(vi, /Tính đến 2027-12-31/);
  assert.match(chitieu.report(SAMPLE, opts, "markdown", "en"), /^# /);
  assert.deepEqual(JSON.parse(chitieu.report(SAMPLE, opts, "json")), chitieu.scorecard(SAMPLE, opts));
  assert.match(chitieu.report(SAMPLE, opts, "csv"), /^target,section,indicator,status/);
  checkError(thrown(() => chitieu.report(SAMPLE, opts, "pdf")), "invalid_setting", { field: "format" });
  checkError(thrown(() => chitieu.report(SAMPLE, opts, "text", "fr")), "invalid_setting", { field: "lang" });
});

test("a panic becomes a catchable ChitieuError and the module keeps working", () => {
  const before = chitieu.scorecard(SAMPLE, { as_of: "2027" });
  for (let i = 0; i < 200; i++) {
    const e = thrown(() => chitieu.__testPanic());
    checkError(e, "panic");
    assert.match(e.message, /deliberate panic/);
    if (i % 50 === 0) assert.deepEqual(chitieu.scorecard(SAMPLE, { as_of: "2027" }), before);
  }
  // after many panics (a fresh instance each time) errors and results are as before
  checkError(csvError("gdp,2026,1,,,,\n"), "unknown_indicator", { row: 2 });
  assert.deepEqual(chitieu.scorecard(SAMPLE, { as_of: "2027" }), before);
});

// The parts of a result that the catalogue alone decides (each evaluation's rule, timing, sources, names, notes;
// the scorecard's programme, groups, discrepancies) are frozen objects, made once for the built-in catalogue and
// shared by every later result; the rest is new on every call. Both together are the core's JSON (checked
// against `report(..., "json")` above and here for another date and for a catalogue passed in; on the main web
// module, which has no `report`, against the Node build's).
test("the catalogue's parts of results are frozen and shared between calls; the verdicts are fresh", () => {
  const a = chitieu.scorecard(SAMPLE, { as_of: "2027" });
  const b = chitieu.scorecard([], { as_of: "2030" });
  const ea = a.evaluations[0];
  const eb = b.evaluations[0];
  assert.equal(ea.target, eb.target);
  assert.equal(ea.sources, eb.sources, "the same sources array");
  assert.equal(ea.rule, eb.rule);
  assert.equal(a.discrepancies, b.discrepancies);
  assert.equal(a.programme, b.programme);
  for (const shared of [ea.rule, ea.timing, ea.sources, ea.sources[0], a.discrepancies, a.groups[0].targets]) {
    assert.ok(Object.isFrozen(shared));
  }
  assert.throws(() => {
    "use strict";
    ea.sources[0].quote = "changed";
  }, TypeError);
  // verdicts are per call and can be changed by the caller
  assert.notEqual(ea.status, undefined);
  assert.ok(!Object.isFrozen(ea));
  ea.status = "changed";
  assert.notEqual(chitieu.scorecard(SAMPLE, { as_of: "2027" }).evaluations[0].status, "changed");
  // evaluate() gives the same evaluations as the scorecard, and the core's JSON for both
  const opts = { as_of: "2028-06-30" };
  const core = coreScorecard(withReport.report(SAMPLE, opts, "json"));
  assert.deepEqual(chitieu.evaluate(SAMPLE, opts), core.evaluations);
  assert.deepEqual(chitieu.scorecard(SAMPLE, opts), core);
  // a catalogue passed in: its parts are frozen too (made for that call) and the results are the core's
  const own = chitieu.builtinCatalogueJson();
  const mine = chitieu.scorecard(SAMPLE, opts, own);
  assert.ok(Object.isFrozen(mine.evaluations[0].sources));
  assert.notEqual(mine.evaluations[0].sources, ea.sources);
  assert.deepEqual(mine, coreScorecard(withReport.report(SAMPLE, opts, "json", null, own)));
});
