// The new kinds of target (spec: issue 16) through the package: the second, invented programme
// (examples/catalogues/an_lac.json, ILLUSTRATIVE) loaded and judged on its sample figures as of 2027, its scorecard
// as the core's JSON report, many units at once, the required paths charts draw (one target, or all at once), the
// English units, and the loader's refusals naming the target and the field. The expected numbers are worked by hand from the sample figures
// (spec/kinds.md's formulas, decimals 2, ratios 4); the statuses too, where the arithmetic is short.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chitieu, coreScorecard, repo, sameDecimal, testFull, thrown, withReport } from "./helpers.mjs";

const CATALOGUE = readFileSync(join(repo, "examples", "catalogues", "an_lac.json"), "utf8");
const FIGURES = readFileSync(join(repo, "examples", "catalogues", "an_lac_figures.csv"), "utf8");
const OPTIONS = { as_of: "2027" };
const STATUSES = new Set(["exceeded", "achieved", "not_achieved", "on_track", "at_risk", "off_track", "not_due", "no_data"]);
const NEW_TIMINGS = new Set(["change", "average_change", "average", "yearly_change"]);
const DECIMALS = ["value", "margin", "achievement_ratio", "progress_ratio", "rate_to_date", "rate_required", "expected_to_date", "projected"];
const byId = (evaluations) => new Map(evaluations.map((e) => [e.target, e]));

/** Every field of `want` equals the evaluation's: decimals as exact numbers ("210.9" is "210.90"), others as given. */
function expectFields(ev, want) {
  for (const [field, value] of Object.entries(want)) {
    if (DECIMALS.includes(field)) {
      assert.equal(typeof ev[field], "string", `${ev.target}.${field} is a decimal string, got ${JSON.stringify(ev[field])}`);
      assert.ok(sameDecimal(ev[field], value), `${ev.target}.${field}: expected ${value}, got ${ev[field]}`);
    } else {
      assert.deepEqual(ev[field], value, `${ev.target}.${field}`);
    }
  }
}

test("the An Lạc catalogue loads with every new kind in its JSON form", () => {
  const cat = chitieu.loadCatalogue(CATALOGUE);
  assert.equal(cat.programme.id, "an_lac_illustrative");
  assert.deepEqual(chitieu.loadCatalogue(cat), cat, "loaded back from the object");
  const indicator = (id) => cat.indicators.find((i) => i.id === id);
  const target = (id) => cat.targets.find((t) => t.id === id);
  assert.deepEqual([indicator("crude_birth_rate").measure, indicator("crude_birth_rate").per], ["rate", "1000"]);
  assert.deepEqual([indicator("doctors_per_10k").measure, indicator("doctors_per_10k").per], ["rate", "10000"]);
  assert.equal(indicator("grain_output").per, undefined, "per is a rate's alone");
  assert.deepEqual({ ...target("services_share_band").rule }, { kind: "band", low: "45", high: "50" });
  assert.deepEqual({ ...target("crop_value_per_ha_change").timing }, { kind: "change", base: 2025, to: 2030, change: "relative" });
  assert.deepEqual({ ...target("hightech_area_double").timing }, { kind: "change", base: 2025, to: 2030, change: "multiple" });
  assert.deepEqual({ ...target("poverty_rate_decline").timing }, { kind: "average_change", from: 2026, to: 2030, reading: "absolute" });
  assert.deepEqual({ ...target("grain_output_average").timing }, { kind: "average", from: 2026, to: 2030 });
  assert.deepEqual({ ...target("social_insurance_rise").timing }, { kind: "yearly_change", from: 2026, to: 2030, reading: "absolute" });
  assert.equal(target("model_villages_2030").out_of, "9");
  // "$schema" is for editors: read and kept, never judged (the file names the repository's schema)
  assert.equal(cat.$schema, "../../docs/catalogue.schema.json");
  const withSchema = chitieu.loadCatalogue({ ...JSON.parse(CATALOGUE), $schema: "https://example.org/chitieu.schema.json" });
  assert.equal(withSchema.$schema, "https://example.org/chitieu.schema.json");
  const { $schema, ...without } = JSON.parse(CATALOGUE);
  assert.equal(chitieu.loadCatalogue(without).$schema, undefined);
  assert.deepEqual(chitieu.evaluate(FIGURES, OPTIONS, without), chitieu.evaluate(FIGURES, OPTIONS, CATALOGUE));
});

test("the sample figures as of 2027: every new kind has a status, exact decimal strings and the core's unit", () => {
  const cat = chitieu.loadCatalogue(CATALOGUE);
  const evs = chitieu.evaluate(FIGURES, OPTIONS, CATALOGUE);
  assert.deepEqual(evs.map((e) => e.target), cat.targets.map((t) => t.id));
  const newKinds = evs.filter((e) => NEW_TIMINGS.has(e.timing.kind) || e.rule.kind === "band" || e.indicator.endsWith("_per_10k") || e.indicator === "crude_birth_rate");
  assert.ok(newKinds.length >= 17, `${newKinds.length} targets of the new kinds`);
  for (const e of newKinds) {
    assert.ok(STATUSES.has(e.status), `${e.target}: ${e.status}`);
    assert.notEqual(e.status, "no_data", `${e.target}: the sample has figures for it`);
    for (const k of DECIMALS) if (e[k] !== undefined) assert.match(e[k], /^-?\d+(\.\d+)?$/, `${e.target}.${k}`);
    assert.ok(e.explanation_vi.length > 40 && e.explanation_en.length > 40, e.target);
  }
  const ev = byId(evs);
  // change, relative: 185 -> 204 is +10.27027...% against "tăng 35%" by 2030; the straight path 185 -> 249.75 asks
  // 210.9 by 2027: moved 19 of 64.75 in 2 of 5 years, P = 0.7336 -> at risk
  expectFields(ev.get("crop_value_per_ha_change"), {
    status: "at_risk", unit: "%", value: "10.27", value_period: "2027", margin: "-24.73", achievement_ratio: "0.2934",
    progress_ratio: "0.7336", expected_to_date: "210.9", projected: "232.5", rate_to_date: "5.14", rate_required: "8.24",
  });
  // change, multiple: 62 -> 72.6 is 1.1709... times against "gấp 1,5 lần"; the compound path asks 1.5^(2/5) = 1.176:
  // P = 0.971 -> on track
  expectFields(ev.get("income_multiple_pl"), { status: "on_track", unit: "lần", value: "1.17", margin: "-0.33", achievement_ratio: "0.7806" });
  // 42 -> 63 is exactly 1.5 times against "gấp đôi"
  expectFields(ev.get("hightech_area_double"), { status: "on_track", unit: "lần", value: "1.5", margin: "-0.5", achievement_ratio: "0.75" });
  // change, absolute: 64 -> 68 enterprises, +4 of +15: P = (4/15)/(2/5) = 0.6667 -> at risk
  expectFields(ev.get("enterprises_added"), {
    status: "at_risk", unit: "doanh nghiệp", value: "4", margin: "-11", progress_ratio: "0.6667", expected_to_date: "70", projected: "74",
    rate_to_date: "2", rate_required: "3.67",
  });
  // a decline: 640 -> 571 households, -69 of -200: P = 0.8625 -> at risk; 15 -> 9 accidents is -40% <= -20%: met
  expectFields(ev.get("near_poor_decline"), { status: "at_risk", unit: "hộ", value: "-69", margin: "-131", progress_ratio: "0.8625" });
  expectFields(ev.get("traffic_accidents_decline"), { status: "on_track", unit: "%", value: "-40", margin: "20", achievement_ratio: "2" });
  // average change, absolute, of a share given as numerator/denominator: 585/7500 = 7.8% -> 388/7610 = 5.0985...%:
  // -1.3507 points a year, inside "giảm bình quân 1-1,5%/năm" (downward range, floor -1)
  expectFields(ev.get("poverty_rate_decline"), {
    status: "on_track", unit: "điểm %/năm", value: "-1.35", margin: "0.35", achievement_ratio: "1.3507", expected_to_date: "5.8",
    projected: "1.05", rate_required: "-0.77",
  });
  // of a per-mille rate: 16.4 -> 16.5 is +0.05 points a year against "giảm 0,2‰/năm": P = -0.25 -> off track
  expectFields(ev.get("birth_rate_decline"), { status: "off_track", unit: "điểm ‰/năm", value: "0.05", margin: "-0.25", achievement_ratio: "-0.25" });
  // average change, relative: sqrt(23100/18000) - 1 = 13.2843...% a year against 15
  expectFields(ev.get("tourist_visits_growth"), { unit: "%/năm", value: "13.28" });
  // average of the yearly figures: (20850 + 19420) / 2 = 20135 >= 20000; the rest must average 19910
  expectFields(ev.get("grain_output_average"), {
    status: "on_track", unit: "tấn", value: "20135", margin: "135", achievement_ratio: "1.0068", rate_required: "19910",
  });
  // a share's mean: (36/1105 + 31/1128) / 2 x 100 = 3.00307...%: shown as 3.00, met exactly ("ít nhất 3%")
  expectFields(ev.get("party_admission_average"), { status: "on_track", unit: "%", value: "3.00", margin: "0.00" });
  // yearly change, relative: +7.01% in 2026, -1.46% in 2027 against "năm sau cao hơn năm trước": a year missed
  expectFields(ev.get("budget_revenue_rises"), { status: "off_track", unit: "%", value: "-1.46", value_period: "2027", margin: "-1.46" });
  assert.deepEqual(
    ev.get("budget_revenue_rises").periods.map((p) => [p.period, p.value]),
    [["2026", "7.01"], ["2027", "-1.46"]],
  );
  // growth figures given directly (9.4, 8.1 >= 8); points a year of a share (1.7, 1.6 >= 1.5)
  expectFields(ev.get("domestic_revenue_growth"), { status: "on_track", unit: "%", value: "8.1", margin: "0.1" });
  expectFields(ev.get("social_insurance_rise"), { status: "on_track", unit: "điểm %", value: "1.6", margin: "0.1" });
  // a band: 44.1 is 0.9 below 45-50; from 41.0 in 2025 towards 45 by 2030 it has gone 3.1 of 4 in 2 of 5 years
  expectFields(ev.get("services_share_band"), { status: "on_track", unit: "%", value: "44.1", margin: "-0.9" });
  assert.equal(ev.get("services_share_band").achievement_ratio, undefined, "a band has no achievement ratio");
  // a rate per 10,000 from numerator/denominator: 11 / 28300 x 10000 = 3.8869...
  expectFields(ev.get("doctors_2030"), { unit: "bác sĩ/vạn dân", value: "3.89" });
  // a count out of a stated total: the reference says so
  expectFields(ev.get("model_villages_2030"), { unit: "thôn", value: "2" });
  assert.match(ev.get("model_villages_2030").reference_en, /of 9/);
  assert.match(ev.get("model_villages_2030").reference_vi, /trên tổng số 9/);
  // a band is never exceeded: 47 inside 45-50 after the deadline is achieved
  const inside = byId(chitieu.evaluate("indicator,period,value\nservices_share,2030,50\n", { as_of: "2030" }, CATALOGUE));
  expectFields(inside.get("services_share_band"), { status: "achieved", value: "50", margin: "0" });
});

// on the main web module, which has no `report`, the scorecard is compared with the Node build's JSON report
test("report(..., 'json') and scorecard give the core's scorecard of the An Lạc programme", () => {
  for (const as_of of ["2026", "2027", "2030"]) {
    const card = chitieu.scorecard(FIGURES, { as_of }, CATALOGUE);
    assert.deepEqual(card, coreScorecard(withReport.report(FIGURES, { as_of }, "json", null, CATALOGUE)), as_of);
    assert.deepEqual(card.evaluations, chitieu.evaluate(FIGURES, { as_of }, CATALOGUE));
    assert.equal(card.programme.id, "an_lac_illustrative");
    assert.equal(card.counts.reduce((n, c) => n + c.count, 0), card.evaluations.length);
  }
  const card = chitieu.scorecard(FIGURES, OPTIONS, CATALOGUE);
  const statuses = new Set(card.evaluations.map((e) => e.status));
  for (const s of ["achieved", "on_track", "at_risk", "off_track"]) assert.ok(statuses.has(s), `no ${s} as of 2027`);
  assert.ok(card.discrepancies.length >= 1);
});

testFull("report's text of the An Lạc programme says the new kinds' units in English; its CSV has the header", () => {
  // the text report in English says the units in English, as the core writes them
  const text = chitieu.report(FIGURES, OPTIONS, "text", "en", CATALOGUE);
  assert.match(text, /times/);
  assert.match(text, /percentage points a year/);
  assert.match(chitieu.report(FIGURES, OPTIONS, "csv", null, CATALOGUE), /^target,section,indicator,status/);
});

/** The sample figures of two units: A as given, B with 2027 left out and two figures changed. */
function twoUnits() {
  const [header, ...lines] = FIGURES.trimEnd().split("\n");
  const b = lines
    .filter((l) => !/^[a-z_0-9]+,2027(-Q\d)?,/.test(l) && !l.includes(",2027-"))
    .map((l) => l.replace("income_per_capita,2026,67.5,", "income_per_capita,2026,60.1,").replace("active_enterprises,2026,69,", "active_enterprises,2026,80,"));
  assert.ok(b.length < lines.length && b.some((l) => l.startsWith("income_per_capita,2026,60.1,")));
  const csvA = `${header}\n${lines.join("\n")}\n`;
  const csvB = `${header}\n${b.join("\n")}\n`;
  // B's rows first: the batch's order is by unit code, whatever the input's
  const both = `unit,${header}\n${[...b.map((l) => `B,${l}`), ...lines.map((l) => `A,${l}`)].join("\n")}\n`;
  return { csvA, csvB, both };
}

testFull("Batch on two units of the An Lạc figures: each unit's rows are evaluate() of that unit alone", () => {
  const { csvA, csvB, both } = twoUnits();
  const batch = new chitieu.Batch(both, CATALOGUE);
  try {
    assert.deepEqual(batch.units, ["A", "B"]);
    assert.deepEqual(batch.errors, []);
    const t = batch.evaluate(OPTIONS);
    const targets = chitieu.loadCatalogue(CATALOGUE).targets.map((x) => x.id);
    assert.deepEqual(t.targets, targets);
    assert.equal(t.length, 2 * targets.length);
    const differ = [];
    for (const [u, csv] of [["A", csvA], ["B", csvB]]) {
      const alone = byId(chitieu.evaluate(csv, OPTIONS, CATALOGUE));
      for (let i = 0; i < t.length; i++) {
        if (t.units[t.unit[i]] !== u) continue;
        const id = t.targets[t.target[i]];
        const e = alone.get(id);
        const where = `${u} ${id}`;
        assert.equal(t.status[i], e.status, where);
        assert.equal(t.value_period[i], e.value_period ?? null, where);
        assert.equal(t.aim_reached[i], e.aim_reached ?? null, where);
        for (const k of DECIMALS) assert.equal(t[k][i], e[k] ?? null, `${where} ${k}`);
        assert.equal(t.error[i], -1, where);
        if (u === "B" && e.status !== byId(chitieu.evaluate(csvA, OPTIONS, CATALOGUE)).get(id).status) differ.push(id);
      }
    }
    // the two units really differ, so a mix-up of units would be seen: the changes made to B change these
    for (const id of ["income_multiple_pl", "enterprises_added", "budget_revenue_rises"]) assert.ok(differ.includes(id), `${id} the same in A and B`);
    // the float columns are the nearest floats of the same decimals
    const f = batch.evaluate({ ...OPTIONS, numbers: "float" });
    for (let i = 0; i < t.length; i++) {
      for (const k of DECIMALS) assert.ok(t[k][i] === null ? Number.isNaN(f[k][i]) : f[k][i] === Number(t[k][i]), k);
    }
  } finally {
    batch.free();
  }
});

test("requiredPath: the core's path for a change, a multiple, a band and an average change; null where there is none", () => {
  const path = (id, figures = FIGURES, options = OPTIONS) => chitieu.requiredPath(id, figures, options, CATALOGUE);
  const points = (p) => p.required.map((x) => [x.year, x.required, x.aim ?? null]);
  const actual = (p) => p.actual.map((x) => [x.period, x.value]);
  // relative change "tăng 35%": the straight line 185 -> 185 x 1.35 = 249.75, in the indicator's unit
  const crop = path("crop_value_per_ha_change");
  assert.equal(crop.shape, "linear");
  assert.equal(crop.unit, "triệu đồng/ha");
  assert.equal(crop.unit_en, "million VND per ha");
  assert.deepEqual(points(crop).map(([y, r]) => [y, Number(r)]), [[2025, 185], [2026, 197.95], [2027, 210.9], [2028, 223.85], [2029, 236.8], [2030, 249.75]]);
  assert.deepEqual(actual(crop), [["2025", "185"], ["2026", "196"], ["2027", "204"]]);
  // the path's value in the latest year with a figure is the evaluation's expected_to_date
  const ev = byId(chitieu.evaluate(FIGURES, OPTIONS, CATALOGUE));
  // every English unit is the core's English (the catalogue's unit_en): no Vietnamese letter
  for (const e of ev.values()) assert.doesNotMatch(e.unit_en, /[À-ỹđĐ]/u, e.target);
  assert.equal(ev.get("lit_roads_2030").unit_en, "roads");
  assert.equal(ev.get("lit_roads_2030").unit_en_one, "road");
  assert.ok(sameDecimal(crop.required.find((x) => x.year === 2027).required, ev.get("crop_value_per_ha_change").expected_to_date));
  // "gấp đôi": compound from 42 to 84
  const area = path("hightech_area_double");
  assert.equal(area.shape, "compound");
  assert.ok(sameDecimal(area.required[0].required, "42") && sameDecimal(area.required.at(-1).required, "84"));
  // a band: the lower end's line and the upper end's (as the aim), from the 2025 baseline 41.0 to 45 and 50
  const band = path("services_share_band");
  assert.equal(band.unit, "%");
  assert.deepEqual(points(band)[2].map(String), ["2027", "42.6", "44.6"]);
  assert.ok(sameDecimal(band.required.at(-1).required, "45") && sameDecimal(band.required.at(-1).aim, "50"));
  // an absolute average change of a share given as numerator/denominator: 7.8 - 1 point a year, aim 1.5 a year
  const poverty = path("poverty_rate_decline");
  assert.deepEqual(points(poverty)[2].map(String), ["2027", "5.8", "4.8"]);
  assert.deepEqual(actual(poverty)[0], ["2025", "7.8"]);
  // a rate per 10,000 given as numerator/denominator is drawn on its own scale
  const doctors = path("doctors_2030");
  assert.ok(sameDecimal(doctors.actual.at(-1).value, "3.89"), doctors.actual.at(-1).value);
  // no single path: the change over each previous year, a milestone, a coverage; nothing to start from
  for (const id of ["budget_revenue_rises", "advanced_new_rural_2027", "village_halls_renovated"]) assert.equal(path(id), null, id);
  assert.equal(path("crop_value_per_ha_change", "indicator,period,value\ncrop_value_per_ha,2026,190\n"), null, "no base-year figure");
  // the built-in catalogue when none is given
  const grdp = chitieu.requiredPath("grdp_growth", "indicator,period,value\ngrdp,2025,10000\n", { as_of: "2026" });
  assert.equal(grdp.shape, "compound");
  assert.ok(sameDecimal(grdp.required[1].required, "11600"));
  // an unknown target, bad figures and bad options are the core's errors
  const e = thrown(() => path("no_such_target"));
  assert.equal(e.name, "ChitieuError");
  assert.equal(e.code, "invalid_setting");
  assert.equal(e.details.field, "target");
  assert.match(e.message, /no_such_target/);
  assert.equal(thrown(() => path("crop_value_per_ha_change", "indicator,period,value\nnope,2026,1\n")).code, "unknown_indicator");
  assert.equal(thrown(() => path("crop_value_per_ha_change", FIGURES, {})).code, "invalid_setting");
});

test("requiredPaths: every target's requiredPath in catalogue order, in one call", () => {
  const cases = [
    [FIGURES, OPTIONS, CATALOGUE, chitieu.loadCatalogue(CATALOGUE)],
    [readFileSync(join(repo, "examples", "data", "sample_figures.csv"), "utf8"), { as_of: "2026" }, undefined, chitieu.builtinCatalogue()],
  ];
  for (const [figures, options, catalogue, cat] of cases) {
    const all = chitieu.requiredPaths(figures, options, catalogue);
    assert.equal(all.length, cat.targets.length);
    assert.deepEqual(all, cat.targets.map((t) => chitieu.requiredPath(t.id, figures, options, catalogue)));
    assert.ok(all.some((p) => p === null) && all.filter(Boolean).length >= 10, cat.programme.id);
  }
  // an error of the input is thrown, as by the other functions
  assert.equal(thrown(() => chitieu.requiredPaths("indicator,period,value\nnope,2026,1\n", OPTIONS, CATALOGUE)).code, "unknown_indicator");
});

test("unitEn: the core's English words for the units it writes", () => {
  assert.equal(chitieu.unitEn("%/năm"), "% a year");
  assert.equal(chitieu.unitEn("điểm %"), "percentage points");
  assert.equal(chitieu.unitEn("điểm %/năm"), "percentage points a year");
  assert.equal(chitieu.unitEn("điểm ‰/năm"), "‰ points a year");
  assert.equal(chitieu.unitEn("lần"), "times");
  assert.equal(chitieu.unitEn("hộ/năm"), "households a year");
  assert.equal(chitieu.unitEn("tấn"), "tonnes");
  assert.equal(chitieu.unitEn("cuộc"), "events"); // a generic word: an evaluation's unit_en has the catalogue's
  assert.equal(chitieu.unitEn("chuyến"), "chuyến"); // a word the core does not know stays as it is
  assert.equal(chitieu.unitEn("%"), "%");
});

test("a catalogue error names the target and the field", () => {
  const base = JSON.parse(CATALOGUE);
  // an average change without its reading: refused, with the choices
  const noReading = structuredClone(base);
  const t = noReading.targets.find((x) => x.id === "poverty_rate_decline");
  delete t.timing.reading;
  const e = thrown(() => chitieu.loadCatalogue(noReading));
  assert.ok(e instanceof Error);
  assert.equal(e.name, "ChitieuError");
  assert.equal(e.code, "catalogue_invalid");
  assert.equal(e.details.target, "poverty_rate_decline");
  assert.equal(e.details.field, "timing.reading");
  assert.match(e.message, /"absolute", "relative"/);
  // the same through evaluate, as JSON text
  assert.equal(thrown(() => chitieu.evaluate(FIGURES, OPTIONS, JSON.stringify(noReading))).details.field, "timing.reading");
  // a change without its kind
  const noChange = structuredClone(base);
  delete noChange.targets.find((x) => x.id === "hightech_area_double").timing.change;
  const c = thrown(() => chitieu.loadCatalogue(noChange));
  assert.deepEqual([c.code, c.details.target, c.details.field], ["catalogue_invalid", "hightech_area_double", "timing.change"]);
  // an unknown kind of rule: the shape is wrong, named by the entry's id and "rule"
  const unknownRule = structuredClone(base);
  unknownRule.targets.find((x) => x.id === "services_share_band").rule = { kind: "between", low: 45, high: 50 };
  const r = thrown(() => chitieu.loadCatalogue(JSON.stringify(unknownRule)));
  assert.equal(r.name, "ChitieuError");
  assert.equal(r.code, "catalogue_syntax");
  assert.equal(r.details.target, "services_share_band");
  assert.equal(r.details.field, "rule");
  assert.match(r.message, /between/);
  // the unchanged catalogue loads: the errors above come from the changes
  assert.doesNotThrow(() => chitieu.loadCatalogue(base));
});
