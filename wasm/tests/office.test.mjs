// The office functions (the Node build and chitieu/office; absent from the main, full and draft web modules, where
// each test asserts that instead): figures from .xlsx, the template, the report as .xlsx, the international methods,
// the form's reader and writer.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chitieu, repo, sameDecimal, testOffice, thrown } from "./helpers.mjs";
import { csvToRows, workbook } from "./xlsx-writer.mjs";

const SAMPLE = readFileSync(join(repo, "examples", "data", "sample_figures.csv"), "utf8");
const text = (bytes) => Buffer.from(bytes).toString("latin1");
const verdicts = (evs) => evs.map((e) => [e.target, e.status, e.value ?? null]);

testOffice("an .xlsx in the long format (written by the test's own writer) gives the CSV's verdicts", () => {
  const xlsx = workbook({ "Số liệu": csvToRows(SAMPLE), "Ghi chú": [["Only notes here"]] });
  for (const as_of of ["2026", "2027"]) {
    const fromCsv = chitieu.evaluate(SAMPLE, { as_of });
    const fromXlsx = chitieu.evaluate(xlsx, { as_of });
    assert.deepEqual(verdicts(fromXlsx), verdicts(fromCsv), as_of);
    // an ArrayBuffer too, and the scorecard's counts
    const buffer = xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength);
    assert.deepEqual(chitieu.scorecard(buffer, { as_of }).counts, chitieu.scorecard(SAMPLE, { as_of }).counts);
  }
  const seen = chitieu.readWorkbook(xlsx);
  const csvSummary = chitieu.inspectFigures(SAMPLE);
  assert.equal(seen.count, csvSummary.count);
  assert.equal(seen.latest_year, csvSummary.latest_year);
  assert.deepEqual(seen.sheets, [
    { name: "Số liệu", layout: "long", figures: csvSummary.count },
    { name: "Ghi chú", layout: "skipped", figures: 0 },
  ]);
  assert.equal(chitieu.inspectFigures(xlsx).count, csvSummary.count);
  // requiredPaths read the workbook like the text
  assert.deepEqual(chitieu.requiredPaths(xlsx, { as_of: "2027" }), chitieu.requiredPaths(SAMPLE, { as_of: "2027" }));
});

testOffice("a bad cell's error names the sheet and the cell; bytes that are no workbook are xlsx_syntax", () => {
  const rows = csvToRows("indicator,period,value\nonline_dossiers,2026,80\nonline_dossiers,2027,x\n");
  rows[2][2] = { e: "#DIV/0!" };
  const e = thrown(() => chitieu.evaluate(workbook({ Data: rows }), { as_of: "2027" }));
  assert.equal(e.name, "ChitieuError");
  assert.equal(e.details.sheet, "Data");
  assert.equal(e.details.cell, "C3");
  const text2 = csvToRows("indicator,period,value\nonline_dossiers,2026,80\nonline_dossiers,2027,x\n");
  const e2 = thrown(() => chitieu.readWorkbook(workbook({ Số: text2 })));
  assert.equal(e2.code, "not_a_number");
  assert.deepEqual([e2.details.sheet, e2.details.cell], ["Số", "C3"]);
  const e3 = thrown(() => chitieu.evaluate(new TextEncoder().encode("%PDF-1.7"), { as_of: "2027" }));
  assert.equal(e3.code, "xlsx_syntax");
  assert.equal(thrown(() => chitieu.readWorkbook("not bytes")).code, "invalid_setting");
});

testOffice("templateXlsx and reportXlsx (from CSV and from a workbook) are workbooks: PK, xl/workbook.xml", () => {
  for (const bytes of [
    chitieu.templateXlsx({ as_of: "2027" }),
    chitieu.reportXlsx(SAMPLE, { as_of: "2027" }, "vi"),
    chitieu.reportXlsx(workbook({ S: csvToRows(SAMPLE) }), { as_of: "2027" }, "en"),
  ]) {
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(text(bytes.subarray(0, 4)), "PK\x03\x04");
    assert.ok(text(bytes).includes("xl/workbook.xml"));
    assert.ok(bytes.length > 5000, `${bytes.length} bytes`);
  }
  assert.equal(thrown(() => chitieu.reportXlsx(SAMPLE, { as_of: "2027" }, "fr")).code, "invalid_setting");
});

testOffice("figureNeeds and templateCsv: one need a row of the template, as many as the Rust report's --template", () => {
  const needs = chitieu.figureNeeds({ as_of: "2027" });
  // counted independently: `cargo run --release --example report -- --template 2027` read by Python's csv module
  // gives 135 records after the header
  assert.equal(needs.length, 135);
  const csv = chitieu.templateCsv({ as_of: "2027" });
  assert.ok(csv.startsWith("Phần (section),STT (stt),Chỉ tiêu (name)"), csv.slice(0, 80));
  for (const n of needs) {
    assert.ok(["value", "numerator", "denominator", "growth", "done", "completed"].includes(n.field), n.field);
    assert.equal(typeof n.per_entity, "boolean");
    assert.ok(n.targets.length > 0 && n.section.length > 0);
  }
  // nothing is due before the programme starts; more is due later
  assert.ok(chitieu.figureNeeds({ as_of: "2030" }).length >= needs.length);
});

testOffice("assessProgress and openSdgIndicator: the core's international methods", () => {
  // 100 in 2020 to 121 in 2022: a compound growth of exactly 10 % a year (1.1^2 = 1.21), by hand
  const a = chitieu.assessProgress("open_sdg", { values: { 2020: "100", 2022: "121" }, direction: "increase" });
  assert.equal(a.method, "open_sdg");
  assert.ok(Math.abs(a.growth_to_date - 0.1) < 1e-12, JSON.stringify(a));
  const all = chitieu.assessProgress("all", { values: { 2020: 100, 2022: 121 }, direction: "increase" });
  assert.deepEqual(all.map((x) => x.method), ["open_sdg", "eurostat", "unsd_2022", "unsd_2023"]);
  assert.equal(thrown(() => chitieu.assessProgress("nope", { values: {}, direction: "increase" })).details.field, "method");
  // (4 + (-1)) / 2: a group averaged first and counted once (the core's test of the same entries)
  const agg = chitieu.openSdgIndicator([
    { kind: "series", score: 4, target_achieved: false },
    { kind: "group", entries: [{ kind: "series", score: -1 }, { kind: "series", score: null }] },
  ]);
  assert.equal(agg.score, 1.5);
  assert.equal(agg.status, "moderate_progress");
});

testOffice("figureRows and figuresCsv: the core's reader and writer round-trip the sample", () => {
  const rows = chitieu.figureRows(SAMPLE);
  assert.equal(rows[0].row, 2);
  const csv = chitieu.figuresCsv(rows.map((r) => r.figure));
  assert.deepEqual(chitieu.figureRows(csv), rows);
  assert.deepEqual(verdicts(chitieu.evaluate(csv, { as_of: "2027" })), verdicts(chitieu.evaluate(SAMPLE, { as_of: "2027" })));
  const one = chitieu.figuresCsv([{ indicator: "online_dossiers", period: "2027", value: 85.5, note: 'a, "b"' }]);
  assert.equal(one, 'indicator,period,value,note\nonline_dossiers,2027,85.5,"a, ""b"""\n');
  assert.ok(sameDecimal(chitieu.figureRows(one)[0].figure.value, "85.5"));
  assert.equal(chitieu.figuresCsv([]), "indicator\n");
});
