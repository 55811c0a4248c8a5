// The scorecard page: loads the chitieu WebAssembly package (./pkg, copied there by scripts/build-wasm.sh),
// evaluates the figures typed, pasted or opened here, and draws the result. Every verdict, count, explanation
// and number shown comes from the package; the page only lays them out. The charts convert the exact decimal
// strings to floating point to place points on a picture, never to decide anything.
import init, * as chitieu from "./pkg/chitieu.js";

const TEXT = {
  vi: {
    kicker: "Bảng theo dõi chỉ tiêu",
    figures: "Số liệu",
    figuresHint:
      "Mỗi dòng một số liệu (CSV, dòng đầu là tên cột): indicator, period, value, numerator, denominator, growth, " +
      "done, completed, unit, entity, note. Dấu thập phân là dấu chấm, không dùng dấu phân cách hàng nghìn. " +
      "Sửa trực tiếp, dán vào, hoặc mở một tệp CSV; bảng tự cập nhật.",
    illustrative:
      "Số liệu mẫu nạp sẵn là số liệu MINH HỌA (ILLUSTRATIVE), không phải số liệu thống kê chính thức.",
    openFile: "Mở tệp CSV…",
    sample: "Nạp lại số liệu mẫu",
    asOf: "Tính đến",
    unit: "Đơn vị báo cáo",
    summary: "Tổng hợp",
    discrepancies: "Mâu thuẫn và điểm bất thường của văn bản",
    discrepanciesHint:
      "Những chỗ văn bản tự mâu thuẫn hoặc viết bất thường được giữ nguyên, không làm trơn: mỗi cách viết là một chỉ tiêu riêng.",
    projects: "Danh mục dự án (Phụ lục 1)",
    footer:
      "chitieu: mọi phán định được tính chính xác trên số thập phân (không làm tròn khi so sánh). Trang chạy hoàn toàn " +
      "trong trình duyệt bằng WebAssembly; số liệu không được gửi đi đâu.",
    asOfLine: (date, n, unit) => `Tính đến ngày ${date} · ${n} chỉ tiêu${unit ? ` · đơn vị ${unit}` : ""}`,
    read: (n, year) => `Đã đọc ${n} số liệu${year ? `; năm gần nhất có số liệu: ${year}` : ""}.`,
    error: (e) =>
      `Lỗi${e.details && e.details.row ? ` ở dòng ${e.details.row}` : ""} [${e.code}]: ${e.message}. ` +
      "Bảng dưới đây là kết quả của số liệu hợp lệ gần nhất.",
    more: "Giải thích và nguồn",
    explanation: "Giải thích",
    sources: "Nguồn trong văn bản",
    notes: "Ghi chú cách đọc văn bản",
    warnings: "Lưu ý",
    lead: "Đơn vị chủ trì",
    related: "Cùng cam kết, cách viết khác",
    rows: "Dòng số liệu đã dùng",
    deadline: "Hạn",
    legendRequired: "Lộ trình yêu cầu",
    legendFigures: "Số liệu",
    legendPace: "Theo tốc độ hiện nay",
    legendNeeded: "Cần đạt từ nay",
    legendThreshold: "Mức yêu cầu",
    legendAim: "Mức phấn đấu",
    index: (base) => `chỉ số, ${base} = 100`,
    chartGrowth: (id) => `Biểu đồ tăng trưởng của ${id} so với lộ trình yêu cầu`,
    chartShare: (id) => `Biểu đồ tỷ lệ của ${id} so với mức yêu cầu`,
    kind: { contradiction: "Mâu thuẫn", oddity: "Bất thường" },
    targets: "Chỉ tiêu liên quan",
    projectCols: ["Mục", "Tên dự án", "Quy mô", "Nguồn vốn", "Thời gian"],
  },
  en: {
    kicker: "Target scorecard",
    figures: "Figures",
    figuresHint:
      "One figure a line (CSV with a header row): indicator, period, value, numerator, denominator, growth, done, " +
      "completed, unit, entity, note. The decimal mark is a point; no thousands separators. Edit in place, paste, " +
      "or open a CSV file; the scorecard updates by itself.",
    illustrative: "The preloaded sample figures are ILLUSTRATIVE, not official statistics.",
    openFile: "Open a CSV file…",
    sample: "Reload the sample figures",
    asOf: "As of",
    unit: "Reporting unit",
    summary: "Summary",
    discrepancies: "Contradictions and oddities in the document",
    discrepanciesHint:
      "Where the document contradicts itself or reads oddly, both readings are kept, never smoothed: each wording is its own target.",
    projects: "Projects (Appendix 1)",
    footer:
      "chitieu: every verdict is decided exactly on decimals (no rounding in a comparison). The page runs entirely in " +
      "the browser with WebAssembly; figures are sent nowhere.",
    asOfLine: (date, n, unit) => `As of ${date} · ${n} targets${unit ? ` · unit ${unit}` : ""}`,
    read: (n, year) => `Read ${n} figures${year ? `; latest year with a figure: ${year}` : ""}.`,
    error: (e) =>
      `Error${e.details && e.details.row ? ` at row ${e.details.row}` : ""} [${e.code}]: ${e.message}. ` +
      "The scorecard below is for the last valid figures.",
    more: "Explanation and sources",
    explanation: "Explanation",
    sources: "Where the document says it",
    notes: "Reading notes",
    warnings: "Warnings",
    lead: "Lead unit",
    related: "Same commitment, worded differently",
    rows: "Figure rows used",
    deadline: "Deadline",
    legendRequired: "Required path",
    legendFigures: "Figures",
    legendPace: "At the pace to date",
    legendNeeded: "Needed from now",
    legendThreshold: "Threshold",
    legendAim: "Aim",
    index: (base) => `index, ${base} = 100`,
    chartGrowth: (id) => `Growth of ${id} against its required path`,
    chartShare: (id) => `Share of ${id} against its threshold`,
    kind: { contradiction: "Contradiction", oddity: "Oddity" },
    targets: "Targets concerned",
    projectCols: ["Item", "Project", "Scale", "Funding", "Period"],
  },
};

const state = {
  lang: "vi",
  asOfEdited: false,
  unit: null,
  units: [],
  summary: null,
  card: null,
  error: null,
  sample: "",
  catalogue: null,
  figures: "",
  options: null,
};

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c != null) node.append(c);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  return node;
}

/** An exact decimal string in the page's notation (vi: 2.500,5; en: 2,500.5), digit for digit. */
function decimal(text, lang) {
  if (text == null) return "—";
  let s = String(text);
  const negative = s.startsWith("-");
  if (negative) s = s.slice(1);
  const [int, frac] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === "vi" ? "." : ",");
  return (negative ? "−" : "") + grouped + (frac ? (lang === "vi" ? "," : ".") + frac : "");
}

function unitText(unit, lang) {
  if (!unit) return "";
  if (unit === "%/năm") return lang === "vi" ? "%/năm" : "% a year";
  return unit.startsWith("%") ? unit : ` ${unit}`;
}

function valueText(ev, lang) {
  if (ev.value != null) {
    const period = ev.value_period ? ` (${ev.value_period})` : "";
    return decimal(ev.value, lang) + unitText(ev.unit, lang) + period;
  }
  if (ev.value_period) return (lang === "vi" ? "hoàn thành " : "done ") + ev.value_period;
  return "—";
}

function yearOf(period) {
  return parseInt(String(period), 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

function options() {
  const asOf = $("as-of").value.trim() || state.autoAsOf;
  const opts = { as_of: asOf };
  if (state.unit != null) opts.unit = state.unit;
  return opts;
}

function evaluateNow() {
  // an empty box means no figures (every target then shows what it lacks), not a CSV without its header
  const text = $("figures").value;
  const figures = text.trim() === "" ? [] : text;
  try {
    const summary = chitieu.inspectFigures(figures);
    state.summary = summary;
    const base = state.catalogue.programme.base_year;
    state.autoAsOf = String(summary.latest_year ?? base);
    if (!state.asOfEdited) $("as-of").value = state.autoAsOf;
    // several reporting units: the page evaluates one at a time (the figures without a unit cannot be chosen then)
    state.units = summary.units.length > 1 ? summary.units.filter((u) => u != null) : [];
    if (state.units.length === 0) state.unit = null;
    else if (!state.units.includes(state.unit)) state.unit = state.units[0];
    state.figures = figures;
    state.options = options();
    state.card = chitieu.scorecard(figures, state.options);
    state.error = null;
  } catch (e) {
    state.error = e;
  }
  render();
}

let timer = 0;
function evaluateSoon() {
  clearTimeout(timer);
  timer = setTimeout(evaluateNow, 150);
}

// ---------------------------------------------------------------------------------------------------------------
// Charts: small inline SVGs. Coordinates only; the values they place come from the evaluation.

/** The commitment a rule sets (the threshold that separates met from not met) and its aim, for drawing. */
function commitmentOf(rule) {
  switch (rule.kind) {
    case "range":
      return { c: Number(rule.floor), aim: Number(rule.aim) };
    case "at_least":
    case "more_than":
    case "at_most":
    case "less_than":
    case "exactly":
    case "about":
      return { c: Number(rule.value) };
    case "all":
      return { c: 100 };
    case "none":
      return { c: 0 };
    default:
      return null;
  }
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function axisNumber(v, lang) {
  const digits = Math.abs(v) < 10 && v !== Math.round(v) ? 1 : 0;
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: digits }).format(v);
}

/**
 * Draw a small chart. `layers`: {type: "line"|"dots"|"bars", points: [{x, y, status?}], cls, dash?}.
 */
function drawChart({ xMin, xMax, yMin, yMax, layers, label, yNote, lang }) {
  const W = 340;
  const H = 160;
  const m = { l: 46, r: 12, t: 14, b: 24 };
  const sx = (x) => m.l + ((x - xMin) / (xMax - xMin || 1)) * (W - m.l - m.r);
  const sy = (y) => H - m.b - ((y - yMin) / (yMax - yMin || 1)) * (H - m.t - m.b);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": label, class: "chart" });
  const grid = svg("g", { class: "grid" });
  for (const v of [yMin, (yMin + yMax) / 2, yMax]) {
    grid.append(svg("line", { x1: m.l, x2: W - m.r, y1: sy(v), y2: sy(v) }));
    const t = svg("text", { x: m.l - 6, y: sy(v) + 4, "text-anchor": "end" });
    t.textContent = axisNumber(v, lang);
    grid.append(t);
  }
  const step = xMax - xMin > 8 ? 2 : 1;
  for (let x = xMin; x <= xMax; x += step) {
    const t = svg("text", { x: sx(x), y: H - 6, "text-anchor": "middle" });
    t.textContent = String(x);
    grid.append(t);
  }
  if (yNote) {
    const t = svg("text", { x: m.l, y: 10, class: "note" });
    t.textContent = yNote;
    grid.append(t);
  }
  root.append(grid);
  const barW = Math.max(6, Math.min(22, (W - m.l - m.r) / (xMax - xMin + 1) - 6));
  for (const layer of layers) {
    if (!layer.points.length) continue;
    if (layer.type === "line") {
      const d = layer.points.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
      root.append(svg("path", { d, class: `ln ${layer.cls}`, "stroke-dasharray": layer.dash }));
    } else if (layer.type === "bars") {
      for (const p of layer.points) {
        const y0 = sy(Math.max(yMin, 0));
        const y1 = sy(p.y);
        root.append(
          svg("rect", {
            x: sx(p.x) - barW / 2,
            y: Math.min(y0, y1),
            width: barW,
            height: Math.max(1, Math.abs(y0 - y1)),
            class: `bar s-${p.status ?? "none"}`,
          }),
        );
      }
    } else {
      for (const p of layer.points) {
        root.append(svg("circle", { cx: sx(p.x), cy: sy(p.y), r: layer.r ?? 3.5, class: `dot ${layer.cls}` }));
      }
    }
  }
  return root;
}

function legend(items) {
  return el(
    "ul",
    { class: "legend" },
    items.map(([cls, text]) => el("li", {}, el("span", { class: `key ${cls}`, "aria-hidden": "true" }), text)),
  );
}

/** Growth targets: the level (or an index) year by year against the compound path the rule requires. */
function growthChart(ev, t) {
  const cm = commitmentOf(ev.rule);
  if (!cm || ev.value_period == null || ev.rate_to_date == null) return null;
  const { from, to } = ev.timing;
  const base = from - 1;
  const g = (rate) => 1 + rate / 100;
  const k = yearOf(ev.value_period) - base;
  // the scale: the base level recovered from the level the path expects now, else an index (base = 100)
  const indexed = ev.expected_to_date == null;
  const l0 = indexed ? 100 : Number(ev.expected_to_date) / Math.pow(g(cm.c), k);
  // the figures: chained from the yearly growth the core reports, and the latest point from the rate to date
  const actual = [{ x: base, y: l0 }];
  let level = l0;
  for (const p of ev.periods ?? []) {
    if (p.value == null) break;
    level *= g(Number(p.value));
    actual.push({ x: yearOf(p.period), y: level });
  }
  const latestYear = yearOf(ev.value_period);
  const latest = { x: latestYear, y: l0 * Math.pow(g(Number(ev.rate_to_date)), k) };
  if (actual[actual.length - 1].x !== latestYear) actual.push(latest);
  const years = [];
  for (let y = base; y <= to; y++) years.push(y);
  const required = years.map((y) => ({ x: y, y: l0 * Math.pow(g(cm.c), y - base) }));
  const aim = cm.aim != null ? years.map((y) => ({ x: y, y: l0 * Math.pow(g(cm.aim), y - base) })) : [];
  const last = actual[actual.length - 1];
  const projectedEnd = ev.projected != null && !indexed ? Number(ev.projected) : last.y * Math.pow(g(Number(ev.rate_to_date)), to - last.x);
  const pace = last.x < to ? [last, { x: to, y: projectedEnd }] : [];
  const needed = [];
  if (ev.rate_required != null && last.x < to) {
    for (let y = last.x; y <= to; y++) needed.push({ x: y, y: last.y * Math.pow(g(Number(ev.rate_required)), y - last.x) });
  }
  const all = [...actual, ...required, ...aim, ...pace, ...needed].map((p) => p.y);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.08 || 1;
  const text = TEXT[state.lang];
  const chart = drawChart({
    xMin: base,
    xMax: to,
    yMin: Math.max(0, lo - pad),
    yMax: hi + pad,
    lang: state.lang,
    label: text.chartGrowth(ev.target),
    yNote: indexed ? text.index(base) : t.indicatorUnit,
    layers: [
      { type: "line", points: aim, cls: "aim", dash: "2 3" },
      { type: "line", points: required, cls: "required" },
      { type: "line", points: needed, cls: "needed", dash: "1 3" },
      { type: "line", points: pace, cls: "pace", dash: "5 4" },
      { type: "line", points: actual, cls: "actual" },
      { type: "dots", points: actual, cls: "actual" },
      { type: "dots", points: ev.expected_to_date != null ? [{ x: latestYear, y: l0 * Math.pow(g(cm.c), k) }] : [], cls: "expected", r: 4.5 },
    ],
  });
  const items = [
    ["required", text.legendRequired],
    ["actual", text.legendFigures],
    ["pace", text.legendPace],
  ];
  if (needed.length) items.push(["needed", text.legendNeeded]);
  if (aim.length) items.push(["aim", text.legendAim]);
  return el("figure", { class: "chart-box" }, chart, legend(items));
}

/** Share targets (percent): figures against the threshold, and the straight path a deadline target requires. */
function shareChart(ev, programme) {
  if (ev.unit !== "%" || ev.timing.kind === "average_growth") return null;
  const cm = commitmentOf(ev.rule);
  if (!cm) return null;
  const timing = ev.timing;
  const end = timing.kind === "deadline" ? yearOf(timing.by) : timing.to;
  const start = timing.kind === "deadline" ? programme.base_year : timing.from - 1;
  const perPeriod = (ev.periods ?? []).filter((p) => p.value != null).map((p) => ({ x: yearOf(p.period), y: Number(p.value), status: p.status }));
  // the value's period, or for running totals and coverage (no period of their own) the as-of year
  const at = ev.value_period ? yearOf(ev.value_period) : Math.min(end, yearOf(ev.as_of));
  const latest = ev.value != null ? { x: at, y: Number(ev.value) } : null;
  const points = perPeriod.length ? perPeriod : latest ? [latest] : [];
  if (!points.length) return null;
  const threshold = [
    { x: start, y: cm.c },
    { x: end, y: cm.c },
  ];
  const aim = cm.aim != null ? [
    { x: start, y: cm.aim },
    { x: end, y: cm.aim },
  ] : [];
  let required = [];
  if ((timing.kind === "cumulative" || timing.kind === "coverage") && ev.expected_to_date != null) {
    required = [
      { x: timing.from - 1, y: 0 },
      { x: end, y: cm.c },
    ];
  } else if (timing.kind === "deadline" && ev.expected_to_date != null && latest) {
    required = [
      { x: latest.x, y: Number(ev.expected_to_date) },
      { x: end, y: cm.c },
    ];
  }
  const pace = ev.projected != null && latest && latest.x < end ? [latest, { x: end, y: Number(ev.projected) }] : [];
  const ys = [...points, ...threshold, ...aim, ...required, ...pace].map((p) => p.y);
  const hi = Math.max(...ys);
  const yMax = hi <= 100 && cm.c >= 50 ? 100 : niceMax(hi * 1.1);
  const text = TEXT[state.lang];
  const periodic = perPeriod.length > 0 && (timing.kind === "yearly" || timing.kind === "quarterly");
  const chart = drawChart({
    xMin: start,
    xMax: end,
    yMin: 0,
    yMax,
    lang: state.lang,
    label: text.chartShare(ev.target),
    yNote: "%",
    layers: [
      { type: "line", points: threshold, cls: "threshold", dash: "4 3" },
      { type: "line", points: aim, cls: "aim", dash: "2 3" },
      { type: "line", points: required, cls: "required" },
      { type: "line", points: pace, cls: "pace", dash: "5 4" },
      periodic ? { type: "bars", points } : { type: "dots", points, cls: "actual" },
      { type: "dots", points: required.length === 2 && timing.kind === "deadline" ? [required[0]] : [], cls: "expected", r: 4.5 },
    ],
  });
  const items = [["threshold", text.legendThreshold], [periodic ? "bar" : "actual", text.legendFigures]];
  if (required.length) items.push(["required", text.legendRequired]);
  if (pace.length) items.push(["pace", text.legendPace]);
  if (aim.length) items.push(["aim", text.legendAim]);
  return el("figure", { class: "chart-box" }, chart, legend(items));
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function renderCounts(card, text) {
  const list = $("counts");
  list.replaceChildren(
    ...card.counts.map((c) =>
      el(
        "li",
        { class: `count s-${c.status}${c.count ? "" : " zero"}`, "data-status": c.status, "data-count": c.count },
        el("span", { class: "n", text: String(c.count) }),
        el("span", { class: "label", text: state.lang === "vi" ? c.label_vi : c.label_en }),
      ),
    ),
  );
  $("as-of-line").textContent = text.asOfLine(card.as_of, card.evaluations.length, card.unit);
}

function targetCard(ev, catalogue, text) {
  const lang = state.lang;
  const target = catalogue.targets.find((t) => t.id === ev.target) ?? {};
  const indicator = catalogue.indicators.find((i) => i.id === ev.indicator) ?? {};
  const title = lang === "vi" ? indicator.name_vi ?? ev.indicator_vi : ev.summary_en;
  const chart =
    ev.timing.kind === "average_growth" ? growthChart(ev, { indicatorUnit: indicator.unit }) : shareChart(ev, catalogue.programme);
  const sources = el(
    "ul",
    { class: "sources" },
    ev.sources.map((s) => el("li", {}, el("span", { class: "section", text: s.section }), el("q", { lang: "vi", text: s.quote }))),
  );
  const extra = [];
  if (ev.warnings?.length) extra.push(el("p", { class: "warn" }, el("strong", { text: `${text.warnings}: ` }), ev.warnings.join("; ")));
  if (ev.notes) extra.push(el("p", { class: "notes", lang: "en" }, el("strong", { text: `${text.notes}: ` }), ev.notes));
  if (ev.lead_unit) extra.push(el("p", {}, el("strong", { text: `${text.lead}: ` }), el("span", { lang: "vi", text: ev.lead_unit })));
  if (target.related?.length) extra.push(el("p", {}, el("strong", { text: `${text.related}: ` }), target.related.join(", ")));
  if (ev.rows?.length) extra.push(el("p", { class: "rows" }, el("strong", { text: `${text.rows}: ` }), ev.rows.join(", ")));
  return el(
    "article",
    { class: `target s-${ev.status}`, "data-target": ev.target, "data-status": ev.status, id: `t-${ev.target}` },
    el(
      "div",
      { class: "head" },
      el("span", { class: `badge s-${ev.status}`, text: lang === "vi" ? ev.status_vi : ev.status_en }),
      el("div", { class: "what" }, el("h4", { text: title }), el("p", { class: "reference", text: lang === "vi" ? ev.reference_vi : ev.reference_en })),
      el("div", { class: "value" }, el("span", { class: "v", text: valueText(ev, lang) }), el("span", { class: "id", text: ev.target })),
    ),
    el(
      "div",
      { class: chart ? "body with-chart" : "body" },
      el(
        "details",
        { "data-details": ev.target },
        el("summary", { text: text.more }),
        el("p", { class: "explanation", text: lang === "vi" ? ev.explanation_vi : ev.explanation_en }),
        el("h5", { text: text.sources }),
        sources,
        extra,
      ),
      chart,
    ),
  );
}

function renderScorecard(card, text) {
  const open = new Set([...document.querySelectorAll("details[data-details][open]")].map((d) => d.dataset.details));
  const byId = new Map(card.evaluations.map((e) => [e.target, e]));
  const root = $("scorecard");
  root.replaceChildren(
    ...card.groups.map((g) =>
      el(
        "section",
        { class: "group panel", "data-section": g.section },
        el("h3", {}, el("span", { class: "section-id", text: g.section }), state.lang === "vi" ? g.title_vi : g.title_en),
        g.targets.map((id) => byId.get(id)).filter(Boolean).map((ev) => targetCard(ev, state.catalogue, text)),
      ),
    ),
  );
  for (const d of root.querySelectorAll("details[data-details]")) if (open.has(d.dataset.details)) d.open = true;
}

function renderDiscrepancies(list, text) {
  const lang = state.lang;
  $("discrepancies").replaceChildren(
    ...list.map((d) =>
      el(
        "article",
        { class: "discrepancy", "data-discrepancy": d.id },
        el("h4", {}, el("span", { class: `kind k-${d.kind}`, text: text.kind[d.kind] ?? d.kind }), " ", lang === "vi" ? d.summary_vi : d.summary_en),
        d.targets.length
          ? el("p", { class: "concerned" }, `${text.targets}: `, d.targets.flatMap((t, i) => [i ? ", " : "", el("a", { href: `#t-${t}`, text: t })]))
          : null,
        el("ul", { class: "sources" }, d.quotes.map((q) => el("li", {}, el("span", { class: "section", text: q.section }), el("q", { lang: "vi", text: q.quote })))),
      ),
    ),
  );
}

function renderProjects(projects, text) {
  $("projects-panel").hidden = projects.length === 0;
  if (!projects.length) return;
  const head = el("tr", {}, text.projectCols.map((c) => el("th", { text: c })));
  const rows = projects.map((p) =>
    el("tr", { "data-project": p.id }, [p.section, p.name_vi, p.scale_vi, p.funding_vi, p.period_vi].map((v) => el("td", { lang: "vi", text: v }))),
  );
  $("projects").replaceChildren(el("table", { class: "projects" }, el("thead", {}, head), el("tbody", {}, rows)));
}

function render() {
  const text = TEXT[state.lang];
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const v = text[node.dataset.i18n];
    if (typeof v === "string") node.textContent = v;
  }
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  const programme = state.catalogue.programme;
  $("title").textContent = state.lang === "vi" ? programme.title_vi : programme.title_en;
  $("subtitle").textContent = [programme.issuer, programme.adopted].filter(Boolean).join(" · ");
  // reporting units
  const unitLabel = $("unit-label");
  unitLabel.hidden = state.units.length === 0;
  $("unit").replaceChildren(...state.units.map((u) => el("option", { value: u, selected: u === state.unit, text: u })));
  // message
  const message = $("message");
  message.classList.toggle("error", Boolean(state.error));
  if (state.error) {
    message.textContent = state.error.name === "ChitieuError" ? text.error(state.error) : String(state.error);
    message.dataset.code = state.error.code ?? "";
  } else {
    message.textContent = state.summary ? text.read(state.summary.count, state.summary.latest_year) : "";
    message.dataset.code = "";
  }
  $("illustrative").hidden = $("figures").value !== state.sample;
  if (state.card) {
    renderCounts(state.card, text);
    renderScorecard(state.card, text);
    renderDiscrepancies(state.card.discrepancies, text);
  }
  document.body.classList.toggle("stale", Boolean(state.error));
  renderProjects(state.catalogue.projects ?? [], text);
}

// ---------------------------------------------------------------------------------------------------------------
// Start

async function main() {
  await init();
  state.catalogue = chitieu.builtinCatalogue();
  try {
    const response = await fetch("sample_figures.csv");
    if (response.ok) state.sample = await response.text();
  } catch {
    // no sample next to the page: start empty
  }
  $("figures").value = state.sample;
  $("figures").addEventListener("input", evaluateSoon);
  $("as-of").addEventListener("input", () => {
    state.asOfEdited = $("as-of").value.trim() !== "";
    evaluateSoon();
  });
  $("unit").addEventListener("change", () => {
    state.unit = $("unit").value || null;
    evaluateNow();
  });
  $("sample").addEventListener("click", () => {
    $("figures").value = state.sample;
    evaluateNow();
  });
  $("file").addEventListener("change", async () => {
    const file = $("file").files[0];
    if (!file) return;
    $("figures").value = await file.text();
    evaluateNow();
  });
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => {
      state.lang = b.dataset.lang;
      render();
    });
  }
  evaluateNow();
  // For the tests and the curious: the package and what the page last evaluated.
  window.chitieuPage = { chitieu, state };
  document.body.dataset.ready = "1";
}

main().catch((e) => {
  $("message").textContent = `The page could not start: ${e}`;
  $("message").classList.add("error");
  document.body.dataset.ready = "error";
});
