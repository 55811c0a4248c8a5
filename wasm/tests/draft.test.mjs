// draftCatalogue: the core's drafter from JavaScript (the Node build and chitieu/draft; absent from the main and full
// web modules, where each test asserts that instead).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chitieu, repo, testDraft, thrown } from "./helpers.mjs";

const PROGRAMME = readFileSync(join(repo, "core", "data", "09-CTr-DU.txt"), "utf8");
const AN_LAC = readFileSync(join(repo, "examples", "catalogues", "an_lac.txt"), "utf8");
const SHORT =
  "B. CHƯƠNG TRÌNH\nI. KINH TẾ\n1. Phát triển kinh tế\na) Mục tiêu:\n" +
  "- Hằng năm, có trên 85% hồ sơ được nộp trực tuyến.\n" +
  "- Đến năm 2030, mật độ dân số khoảng 2.500 người/km2.\n";
const KEYS = ["catalogue", "catalogue_json", "review", "skipped", "review_text", "markdown"];
const key = (t) => JSON.stringify([t.id, t.indicator, t.rule, t.timing]);

let cached;
const programme = () => (cached ??= chitieu.draftCatalogue(PROGRAMME));

testDraft("draftCatalogue: 09-CTr/ĐU drafts to a catalogue with a review entry per target", () => {
  const d = programme();
  assert.deepEqual(Object.keys(d).sort(), [...KEYS].sort());
  assert.ok(d.catalogue.targets.length > 100, `${d.catalogue.targets.length} targets`);
  assert.deepEqual(d.review.map((r) => r.target), d.catalogue.targets.map((t) => t.id));
  for (const [i, r] of d.review.entries()) {
    assert.ok(["high", "check", "low"].includes(r.confidence), r.confidence);
    assert.ok(Array.isArray(r.reasons) && r.quote.length > 0);
    assert.equal(d.catalogue.targets[i].sources[0].quote, r.quote);
    assert.equal(d.catalogue.targets[i].sources[0].section, r.section);
  }
  assert.ok(d.skipped.length > 0);
  for (const s of d.skipped) assert.deepEqual(Object.keys(s).sort(), ["reason", "section", "text"]);
  // the object and the JSON text are the same catalogue, and the loader reads both back unchanged
  assert.deepEqual(JSON.parse(d.catalogue_json), d.catalogue);
  assert.deepEqual(chitieu.loadCatalogue(d.catalogue_json), d.catalogue);
  assert.deepEqual(chitieu.loadCatalogue(d.catalogue).targets.map(key), d.catalogue.targets.map(key));
  assert.ok(d.markdown.startsWith("# Draft catalogue: ") && d.markdown.includes(d.catalogue_json));
  assert.ok(d.review_text.startsWith(`${d.review.length} targets drafted: `));
});

testDraft("draftCatalogue: hand-checked targets of 09-CTr/ĐU (exact decimals as strings)", () => {
  const d = programme();
  const density = d.catalogue.targets.filter((t) => t.sources[0].quote.includes("Mật độ dân số khoảng 2.500 người/km2"));
  assert.equal(density.length, 1);
  assert.equal(density[0].rule.kind, "about");
  assert.equal(density[0].rule.value, "2500");
  assert.deepEqual(density[0].timing, { kind: "deadline", by: "2030" });
  const online = d.catalogue.targets.filter((t) => /trên 85%.*trực tuyến|trực tuyến.*trên 85%/.test(t.sources[0].quote));
  assert.ok(online.length > 0);
  for (const t of online) assert.deepEqual(t.rule, { kind: "more_than", value: "85" });
});

testDraft("draftCatalogue: figures evaluate against the draft catalogue (object or JSON text)", () => {
  const d = programme();
  const t = d.catalogue.targets.find((t) => t.sources[0].quote.includes("Mật độ dân số khoảng 2.500"));
  const figures = `indicator,period,value\n${t.indicator},2030,2510\n`;
  const byObject = chitieu.evaluate(figures, { as_of: "2030" }, d.catalogue);
  const byText = chitieu.evaluate(figures, { as_of: "2030" }, d.catalogue_json);
  assert.equal(byObject.length, d.catalogue.targets.length);
  assert.equal(byObject.find((e) => e.target === t.id).status, "achieved");
  assert.deepEqual(JSON.parse(JSON.stringify(byText)), JSON.parse(JSON.stringify(byObject)));
  const card = chitieu.scorecard(`indicator,period,value\n${t.indicator},2030,3000\n`, { as_of: "2030" }, d.catalogue);
  assert.equal(card.evaluations.find((e) => e.target === t.id).status, "not_achieved");
  // an indicator the draft does not have is the usual error
  const e = thrown(() => chitieu.evaluate("indicator,period,value\ngrdp,2030,1\n", { as_of: "2030" }, d.catalogue));
  assert.equal(e.code, "unknown_indicator");
});

testDraft("draftCatalogue: a short programme reads as the core says; an edit goes through the loader", () => {
  const d = chitieu.draftCatalogue(SHORT);
  assert.deepEqual(d.review.map((r) => r.section), ["B.I.1.a", "B.I.1.a"]);
  const [first, second] = d.catalogue.targets;
  assert.deepEqual([first.rule, first.timing], [{ kind: "more_than", value: "85" }, { kind: "yearly", from: 2026, to: 2030 }]);
  assert.ok(d.review[0].reasons.some((r) => /'trên X'.*more than X/.test(r)), d.review[0].reasons.join("; "));
  assert.deepEqual(second.rule.kind, "about");
  // fix a value and a year, as the page does, and reload: the loader takes it; a wrong edit is its error
  const edited = JSON.parse(d.catalogue_json);
  edited.targets[0].rule.value = "90";
  edited.targets[0].timing.to = 2029;
  const loaded = chitieu.loadCatalogue(JSON.stringify(edited));
  assert.deepEqual([loaded.targets[0].rule.value, loaded.targets[0].timing.to], ["90", 2029]);
  edited.targets[0].rule.value = "abc";
  const e = thrown(() => chitieu.loadCatalogue(JSON.stringify(edited)));
  assert.equal(e.name, "ChitieuError");
  assert.ok(["catalogue_syntax", "catalogue_invalid"].includes(e.code), e.code);
});

testDraft("draftCatalogue: the An Lạc text drafts (its heading and years; every number a target or skipped)", () => {
  const d = chitieu.draftCatalogue(AN_LAC);
  assert.equal(d.catalogue.programme.issuer, "ĐẢNG ỦY XÃ AN LẠC");
  assert.deepEqual([d.catalogue.programme.base_year, d.catalogue.programme.last_year], [2025, 2030]);
  assert.ok(d.review.length > 20 && d.skipped.length > 0, `${d.review.length} targets, ${d.skipped.length} skipped`);
  assert.equal(chitieu.evaluate([], { as_of: "2027" }, d.catalogue_json).length, d.review.length);
});

const HOSTILE = [
  "",
  " \n\t\n",
  "x".repeat(1 << 20),
  "Đến năm 2030 đạt " + "9".repeat(1 << 20) + "%",
  "\u0000".repeat(1000),
  "I. KINH TẾ\n- Đến năm 2030 có trên 85\u0000% hồ sơ\u0000 trực tuyến.\n",
  "I. KINH TẾ\n- Đến năm 2030 đạt 1234567890123456789012345678901234567890 người; tăng " +
    "1234567890123456789012345678901234567890% so với năm 2025.\n",
  "I. KINH TẾ\n- Đến năm 99999999999999999999 đạt trên 85%; quý 9/2030; ‰‰‰ 1,5,5.5.5 %/năm.\n",
  "I. KINH TẾ\n- trên 85% \ud800 lone surrogate\n",
  String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)).repeat(100),
];

testDraft("draftCatalogue: hostile text gives a draft or a ChitieuError, never a panic", () => {
  for (const text of HOSTILE) {
    let d;
    try {
      d = chitieu.draftCatalogue(text);
    } catch (e) {
      assert.equal(e.name, "ChitieuError", `${text.length} chars: ${e}`);
      assert.notEqual(e.code, "panic");
      continue;
    }
    assert.deepEqual(chitieu.loadCatalogue(d.catalogue_json), d.catalogue, `${text.length} chars`);
    assert.equal(d.review.length, d.catalogue.targets.length);
  }
  const empty = chitieu.draftCatalogue("");
  assert.deepEqual([empty.catalogue.targets.length, empty.review.length, empty.skipped.length], [0, 0, 0]);
  const big = thrown(() => chitieu.draftCatalogue("a".repeat((16 << 20) + 1)));
  assert.equal(big.name, "ChitieuError");
  assert.equal(big.code, "limit_exceeded");
  // not text: a ChitieuError, not a trap
  for (const notText of [42, null, undefined, {}, ["a"], 1n]) {
    const e = thrown(() => chitieu.draftCatalogue(notText));
    assert.equal(e.name, "ChitieuError", String(notText));
    assert.deepEqual([e.code, e.details.field], ["invalid_setting", "text"]);
  }
  // the module still works after all of it
  assert.equal(chitieu.draftCatalogue(SHORT).review.length, 2);
});
