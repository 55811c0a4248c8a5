// The scorecard page: loads the chitieu WebAssembly package (./pkg, copied there by scripts/build-wasm.sh; its
// "your programme" view, the drafter, imports ./pkg/draft when first used; an .xlsx workbook, the report and the
// template as .xlsx import ./pkg/office when first needed),
// evaluates the figures typed, pasted or opened here against the built-in programme or a catalogue opened here,
// and draws the result. Every verdict, count, explanation, unit and number shown comes from the package; the page
// only lays them out. The charts draw the core's required path of each target (`requiredPath`), converting its
// exact decimal strings to floating point to place points on a picture, never to decide anything.
import init, * as chitieu from "./pkg/chitieu.js";

const TEXT = {
  vi: {
    kicker: "Bảng theo dõi chỉ tiêu",
    figures: "Số liệu",
    figuresHint:
      "Mỗi dòng một số liệu (CSV, dòng đầu là tên cột): indicator, period, value, numerator, denominator, growth, " +
      "done, completed, unit, entity, note. Dấu thập phân là dấu chấm, không dùng dấu phân cách hàng nghìn. " +
      "Sửa trực tiếp, dán vào, mở một tệp CSV, hoặc mở (kéo thả vào đây) một tệp Excel .xlsx (dạng dọc hoặc dạng " +
      "bảng như mẫu nhập số liệu); bảng tự cập nhật.",
    illustrative:
      "Số liệu mẫu nạp sẵn là số liệu MINH HỌA (ILLUSTRATIVE), không phải số liệu thống kê chính thức.",
    openFile: "Mở tệp CSV hoặc Excel…",
    sample: "Nạp lại số liệu mẫu",
    backToCsv: "Dùng lại số liệu trong ô CSV",
    office: "Excel",
    reportXlsx: "Tải báo cáo (.xlsx)",
    templateXlsx: "Tải mẫu nhập số liệu (.xlsx)",
    officeLoading: "Đang tải bộ đọc và ghi Excel…",
    officeFailed: (e) => `Không tạo được tệp Excel [${e.code ?? "error"}]${where(e, "vi")}: ${e.message ?? e}.`,
    workbookRead: (name, sheets) =>
      `Đang dùng số liệu từ tệp ${name}: ` +
      sheets
        .map((s) => (s.layout === "skipped" ? `trang “${s.name}” bỏ qua (không có dòng tiêu đề)` : `trang “${s.name}” (${s.layout === "wide" ? "dạng bảng" : "dạng dọc"}, ${s.figures} số liệu)`))
        .join("; ") +
      ". Ô CSV bên trên không được dùng cho đến khi bấm “Dùng lại số liệu trong ô CSV” hoặc sửa ô.",
    formTitle: "Nhập số liệu theo từng chỉ tiêu",
    formHint:
      "Biểu nhập chỉ hỏi những số liệu các chỉ tiêu cần tính đến ngày đã chọn, theo từng phần của chương trình. Mỗi ô " +
      "sửa ở đây được ghi vào ô CSV bên trên (ô CSV vẫn là nguồn số liệu, vẫn dán được).",
    formOpen: "Mở biểu nhập (theo ngày tính đến)",
    formCols: ["Chỉ tiêu", "Nhập", "Đơn vị tính"],
    formEntity: "Đối tượng",
    formNewEntity: "(đối tượng mới)",
    formReady: (n, asOf) => `${n} dãy số liệu cần nhập tính đến ${asOf}.`,
    formError: (e) => `Không ghi được [${e.code ?? "error"}]${where(e, "vi")}: ${e.message ?? e}. Ô CSV giữ nguyên.`,
    formBoxError: (e) => `Ô CSV chưa đọc được [${e.code ?? "error"}]${where(e, "vi")}: ${e.message ?? e}. Hãy sửa ô CSV trước.`,
    fields: { value: "giá trị", numerator: "tử số", denominator: "mẫu số", growth: "tăng trưởng (%)", done: "có/không", completed: "ngày hoàn thành" },
    orInstead: (f) => ` (hoặc ${f})`,
    yesNo: ["", "có", "không"],
    workbookError: (name, e) => `Không đọc được tệp ${name} [${e.code ?? "error"}]${where(e, "vi")}: ${e.message ?? e}.`,
    catalogue: "Danh mục chỉ tiêu",
    openCatalogue: "Mở danh mục (JSON)…",
    example: "Ví dụ xã An Lạc (minh họa)",
    builtin: "Chương trình có sẵn (phường Hưng Đạo)",
    catalogueLoaded: (title, n) => `Đang dùng danh mục: ${title} (${n} chỉ tiêu).`,
    catalogueError: (e) =>
      `Không đọc được danh mục [${e.code}]${where(e, "vi")}: ${e.message}. Vẫn dùng danh mục trước đó.`,
    at: { sheet: "trang", cell: "ô", row: "dòng", target: "chỉ tiêu", field: "trường" },
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
      `Lỗi${where(e, "vi")} [${e.code}]: ${e.message}. ` +
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
    legendThreshold: "Mức yêu cầu",
    legendAim: "Mức phấn đấu",
    legendLow: "Cận dưới",
    legendHigh: "Cận trên",
    chart: (id) => `Biểu đồ số liệu của ${id} so với lộ trình yêu cầu`,
    kind: { contradiction: "Mâu thuẫn", oddity: "Bất thường" },
    targets: "Chỉ tiêu liên quan",
    projectCols: ["Mục", "Tên dự án", "Quy mô", "Nguồn vốn", "Thời gian"],
    draftTitle: "Chương trình của bạn: lập danh mục nháp từ văn bản",
    draftHint:
      "Dán văn bản chương trình hành động (chép từ Word hoặc PDF) hoặc mở tệp .txt, rồi bấm Lập danh mục nháp. Mỗi chỉ " +
      "tiêu đề xuất kèm câu chữ gốc, mức tin cậy và lý do; sửa giá trị, năm hoặc xóa chỉ tiêu, rồi đánh giá số liệu " +
      "theo danh mục nháp hoặc tải về tệp JSON. Mọi cách đọc do thư viện thực hiện, ngay trong trình duyệt.",
    draftOpen: "Mở tệp văn bản (.txt)…",
    draftRun: "Lập danh mục nháp",
    draftUse: "Đánh giá số liệu theo danh mục nháp",
    draftDownload: "Tải danh mục (JSON)",
    draftLoading: "Đang tải bộ đọc văn bản…",
    draftDone: (n, c, skipped) =>
      `${n} chỉ tiêu nháp: ${c.high} chắc chắn, ${c.check} cần kiểm tra, ${c.low} có thể không phải chỉ tiêu; ` +
      `${skipped} đoạn có số nhưng không thành chỉ tiêu.`,
    draftEdited: (id) => `Đã sửa ${id}; danh mục nháp đã được kiểm tra lại.`,
    draftDeleted: (id) => `Đã xóa ${id}.`,
    draftError: (e) => `Không nhận sửa đổi [${e.code}]${where(e, "vi")}: ${e.message}. Danh mục nháp giữ nguyên.`,
    draftFailed: (e) => `Không lập được danh mục nháp [${e.code ?? "error"}]: ${e.message ?? e}.`,
    draftCols: ["Mức tin cậy", "Chỉ tiêu", "Yêu cầu và câu chữ gốc", "Sửa", "Lý do"],
    confidence: { high: "chắc chắn", check: "cần kiểm tra", low: "có thể không phải" },
    rule: "Mức",
    timing: "Năm",
    remove: "Xóa",
    skippedTitle: (n) => `Các đoạn có số nhưng không thành chỉ tiêu (${n})`,
  },
  en: {
    kicker: "Target scorecard",
    figures: "Figures",
    figuresHint:
      "One figure a line (CSV with a header row): indicator, period, value, numerator, denominator, growth, done, " +
      "completed, unit, entity, note. The decimal mark is a point; no thousands separators. Edit in place, paste, " +
      "open a CSV file, or open (or drop here) an Excel .xlsx workbook (long format, or wide as the fill-in " +
      "template lays it out); the scorecard updates by itself.",
    illustrative: "The preloaded sample figures are ILLUSTRATIVE, not official statistics.",
    openFile: "Open a CSV or Excel file…",
    sample: "Reload the sample figures",
    backToCsv: "Use the figures in the CSV box again",
    office: "Excel",
    reportXlsx: "Download the report (.xlsx)",
    templateXlsx: "Download the fill-in template (.xlsx)",
    officeLoading: "Loading the Excel reader and writer…",
    officeFailed: (e) => `The Excel file could not be made [${e.code ?? "error"}]${where(e, "en")}: ${e.message ?? e}.`,
    workbookRead: (name, sheets) =>
      `Figures from ${name}: ` +
      sheets
        .map((s) => (s.layout === "skipped" ? `sheet “${s.name}” skipped (no header row)` : `sheet “${s.name}” (${s.layout}, ${s.figures} figures)`))
        .join("; ") +
      ". The CSV box above is not used until “Use the figures in the CSV box again” or an edit of the box.",
    formTitle: "Enter figures target by target",
    formHint:
      "The form asks only for the figures the targets need as of the date chosen, part by part of the programme. Each " +
      "field changed here is written into the CSV box above (the box stays the source of the figures; pasting still works).",
    formOpen: "Open the form (for the as-of date)",
    formCols: ["Indicator", "Enter", "Unit"],
    formEntity: "Entity",
    formNewEntity: "(new entity)",
    formReady: (n, asOf) => `${n} series of figures to enter as of ${asOf}.`,
    formError: (e) => `Not written [${e.code ?? "error"}]${where(e, "en")}: ${e.message ?? e}. The CSV box is unchanged.`,
    formBoxError: (e) => `The CSV box cannot be read yet [${e.code ?? "error"}]${where(e, "en")}: ${e.message ?? e}. Fix the box first.`,
    fields: { value: "value", numerator: "numerator", denominator: "denominator", growth: "growth (%)", done: "yes/no", completed: "completion date" },
    orInstead: (f) => ` (or ${f})`,
    yesNo: ["", "yes", "no"],
    workbookError: (name, e) => `${name} could not be read [${e.code ?? "error"}]${where(e, "en")}: ${e.message ?? e}.`,
    catalogue: "Catalogue of targets",
    openCatalogue: "Open catalogue (JSON)…",
    example: "An Lạc commune example (illustrative)",
    builtin: "Built-in programme (Hưng Đạo ward)",
    catalogueLoaded: (title, n) => `Catalogue in use: ${title} (${n} targets).`,
    catalogueError: (e) =>
      `The catalogue could not be read [${e.code}]${where(e, "en")}: ${e.message}. The previous catalogue is still in use.`,
    at: { sheet: "sheet", cell: "cell", row: "line", target: "target", field: "field" },
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
      `Error${where(e, "en")} [${e.code}]: ${e.message}. ` +
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
    legendThreshold: "Threshold",
    legendAim: "Aim",
    legendLow: "Lower end",
    legendHigh: "Upper end",
    chart: (id) => `Figures of ${id} against the path it requires`,
    kind: { contradiction: "Contradiction", oddity: "Oddity" },
    targets: "Targets concerned",
    projectCols: ["Item", "Project", "Scale", "Funding", "Period"],
    draftTitle: "Your programme: draft a catalogue from its text",
    draftHint:
      "Paste your action programme's text (copied from Word or a PDF) or open a .txt file, then Draft. Each proposed " +
      "target shows the words it came from, how sure the reader is and why; fix a value or a year or delete a target, " +
      "then evaluate figures against the draft or download its JSON. All reading is the library's, in this browser.",
    draftOpen: "Open a text file (.txt)…",
    draftRun: "Draft the catalogue",
    draftUse: "Evaluate figures against the draft",
    draftDownload: "Download the catalogue (JSON)",
    draftLoading: "Loading the drafter…",
    draftDone: (n, c, skipped) =>
      `${n} targets drafted: ${c.high} high, ${c.check} to check, ${c.low} low; ${skipped} passages with a number ` +
      "became no target.",
    draftEdited: (id) => `${id} changed; the draft catalogue was checked again.`,
    draftDeleted: (id) => `${id} deleted.`,
    draftError: (e) => `The change was refused [${e.code}]${where(e, "en")}: ${e.message}. The draft is unchanged.`,
    draftFailed: (e) => `The text could not be drafted [${e.code ?? "error"}]: ${e.message ?? e}.`,
    draftCols: ["Confidence", "Target", "Reads, and the words", "Fix", "Reasons"],
    confidence: { high: "high", check: "check", low: "low" },
    rule: "Value",
    timing: "Year",
    remove: "Delete",
    skippedTitle: (n) => `Passages with a number that became no target (${n})`,
  },
};

const state = {
  lang: "vi",
  asOfEdited: false,
  unit: null,
  units: [],
  summary: null,
  card: null,
  /** The required path of each target of the card (`requiredPath`; null where the core draws none). */
  paths: new Map(),
  error: null,
  /** The sample figures of the catalogue in use ("" when it has none). */
  sample: "",
  /** The built-in programme's sample figures. */
  builtinSample: "",
  /** The catalogue argument of every call: null for the built-in programme, else the JSON text opened. */
  catalogueInput: null,
  catalogue: null,
  catalogueError: null,
  figures: "",
  options: null,
  /** The "your programme" view: the draft module (loaded when first used), the draft, the catalogue as edited. */
  draft: null,
  /**
   * A workbook in use as the figures ({name, bytes, module, sheets}), read by the office module, whose functions
   * then evaluate it; null while the CSV box is the source.
   */
  workbook: null,
  /** The error of the last workbook opened (it was not put in use). */
  workbookError: null,
  /** The last message of the Excel downloads. */
  officeNote: null,
  /** The form: the office module, the needs as of its date, its last error (null until opened). */
  form: null,
};

/** Where an error was found, as the core's details say: " (target x, field y)". */
function where(e, lang) {
  const at = TEXT[lang].at;
  const parts = ["sheet", "cell", "row", "target", "field"].filter((k) => e.details?.[k] != null).map((k) => `${at[k]} ${e.details[k]}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

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

/**
 * The unit of an evaluation's value as the core writes it: the document's word in Vietnamese, the core's English
 * (`unit_en`, from the catalogue; `unit_en_one` for exactly 1) in English. No translation here.
 */
function unitWords(ev, lang) {
  if (lang !== "en") return ev.unit;
  const one = ev.value != null && Math.abs(Number(ev.value)) === 1 && ev.unit_en_one != null;
  return one ? ev.unit_en_one : ev.unit_en;
}

function unitText(ev, lang) {
  if (!ev.unit) return "";
  const words = unitWords(ev, lang);
  return /^[%‰]/.test(words) ? words : ` ${words}`;
}

function valueText(ev, lang, target) {
  if (ev.value != null) {
    const period = ev.value_period ? ` (${ev.value_period})` : "";
    // a count of a stated total ("04/09 thôn"): the total beside the count
    const total = target.out_of != null ? `/${decimal(target.out_of, lang)}` : "";
    return decimal(ev.value, lang) + total + unitText(ev, lang) + period;
  }
  if (ev.value_period) return (lang === "vi" ? "hoàn thành " : "done ") + ev.value_period;
  return "—";
}

/** Where a period's figure sits on a chart's axis of years: the end of the period (2026 is 2026, 2026-Q2 2025.5). */
function periodX(period) {
  const text = String(period);
  const year = parseInt(text, 10);
  const quarter = /^\d{4}-Q([1-4])$/.exec(text);
  if (quarter) return year - 1 + Number(quarter[1]) / 4;
  const day = /^\d{4}-(\d{2})-(\d{2})$/.exec(text);
  if (day) return year - 1 + (Number(day[1]) - 1 + Number(day[2]) / 31) / 12;
  return year;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

function options() {
  const asOf = $("as-of").value.trim() || state.autoAsOf;
  const opts = { as_of: asOf };
  if (state.unit != null) opts.unit = state.unit;
  return opts;
}

/** The figures in use: a workbook's bytes (with the office module that reads them), or the CSV box's text. */
function source() {
  if (state.workbook) return { api: state.workbook.module, figures: state.workbook.bytes };
  // an empty box means no figures (every target then shows what it lacks), not a CSV without its header
  const text = $("figures").value;
  return { api: chitieu, figures: text.trim() === "" ? [] : text };
}

function evaluateNow() {
  const { api, figures } = source();
  const catalogue = state.catalogueInput;
  try {
    const summary = api.inspectFigures(figures, catalogue);
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
    state.card = api.scorecard(figures, state.options, catalogue);
    state.paths = requiredPaths(api, figures, state.options, catalogue);
    state.error = null;
  } catch (e) {
    state.error = e;
  }
  render();
}

/** Each target's required path, from the core (one call for the whole catalogue): what its chart draws. */
function requiredPaths(api, figures, options, catalogue) {
  const paths = api.requiredPaths(figures, options, catalogue);
  return new Map(state.catalogue.targets.map((t, i) => [t.id, paths[i]]));
}

/**
 * Use a catalogue: null for the built-in programme, or JSON text (read and checked by the core, which throws a
 * ChitieuError naming the target and field at fault; the catalogue in use then stays). Its sample figures, if it
 * has any, fill the box; otherwise the box is emptied, since figures of one programme do not fit another.
 */
function useCatalogue(input, sample) {
  const catalogue = input == null ? chitieu.builtinCatalogue() : chitieu.loadCatalogue(input);
  state.catalogueInput = input;
  state.catalogue = catalogue;
  state.catalogueError = null;
  state.sample = sample;
  state.card = null;
  state.paths = new Map();
  state.unit = null;
  state.asOfEdited = false;
  state.workbook = null;
  state.workbookError = null;
  $("as-of").value = "";
  $("figures").value = sample;
  evaluateNow();
}

// ---------------------------------------------------------------------------------------------------------------
// Excel: the office web module (./pkg/office/, copied there by scripts/build-wasm.sh: the main module's functions,
// figures from .xlsx, the report and the template as .xlsx), imported and initialised when first needed.

let officeModule = null;
function loadOfficeModule() {
  officeModule ??= import("./pkg/office/chitieu.js").then(async (m) => {
    await m.default();
    return m;
  });
  return officeModule;
}

/** Open a figures file: an .xlsx (a zip: "PK") through the office module, anything else into the CSV box. */
async function openFigures(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!zip) {
    state.workbook = null;
    state.workbookError = null;
    $("figures").value = new TextDecoder().decode(bytes);
    evaluateNow();
    return;
  }
  const text = TEXT[state.lang];
  showWorkbookMessage(text.officeLoading, false);
  try {
    const module = await loadOfficeModule();
    const read = module.readWorkbook(bytes, state.catalogueInput);
    state.workbook = { name: file.name, bytes, module, sheets: read.sheets };
    state.workbookError = null;
    state.asOfEdited = $("as-of").value.trim() !== "" && state.asOfEdited;
  } catch (e) {
    state.workbookError = { name: file.name, error: e };
  }
  evaluateNow();
}

function showWorkbookMessage(textContent, error) {
  const node = $("workbook-message");
  node.hidden = false;
  node.textContent = textContent;
  node.classList.toggle("error", error);
}

function renderWorkbook(text) {
  $("back-to-csv").hidden = !state.workbook;
  document.body.classList.toggle("from-workbook", Boolean(state.workbook));
  const node = $("workbook-message");
  if (state.workbookError) {
    const { name, error } = state.workbookError;
    showWorkbookMessage(text.workbookError(name, error), true);
    node.dataset.code = error.code ?? "";
  } else if (state.workbook) {
    showWorkbookMessage(text.workbookRead(state.workbook.name, state.workbook.sheets), false);
    node.dataset.code = "";
  } else {
    node.hidden = true;
    node.textContent = "";
  }
  const office = $("office-message");
  office.classList.toggle("error", Boolean(state.officeNote?.error));
  office.dataset.code = state.officeNote?.error?.code ?? "";
  office.textContent = state.officeNote ? (state.officeNote.error ? text.officeFailed(state.officeNote.error) : state.officeNote.text) : "";
}

/** Save bytes as a file the browser downloads. */
function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The report (the scorecard of the figures in use, in the page's language) or the template, as .xlsx. */
async function downloadXlsx(which) {
  const text = TEXT[state.lang];
  state.officeNote = { text: text.officeLoading };
  renderWorkbook(text);
  try {
    const module = await loadOfficeModule();
    const { figures } = source();
    const opts = options();
    const stamp = String(opts.as_of).replace(/[^0-9A-Za-z-]/g, "");
    if (which === "report") {
      download(module.reportXlsx(figures, opts, state.lang, state.catalogueInput), `bao_cao_${stamp}.xlsx`, XLSX_TYPE);
    } else {
      download(module.templateXlsx(opts, state.catalogueInput), `mau_so_lieu_${stamp}.xlsx`, XLSX_TYPE);
    }
    state.officeNote = null;
  } catch (e) {
    state.officeNote = { error: e };
  }
  renderWorkbook(TEXT[state.lang]);
}

let timer = 0;
function evaluateSoon() {
  clearTimeout(timer);
  timer = setTimeout(evaluateNow, 150);
}

// ---------------------------------------------------------------------------------------------------------------
// Charts: small inline SVGs. Coordinates only; the values they place are the core's (required paths, projections).

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
  const ticks = [yMin, (yMin + yMax) / 2, yMax].map((v) => [v, axisNumber(v, lang)]);
  // the left margin fits the longest number of the axis (about 6.5 px a character at the chart's font size)
  const m = { l: Math.max(30, 10 + Math.ceil(6.5 * Math.max(...ticks.map(([, t]) => t.length)))), r: 12, t: 14, b: 24 };
  const sx = (x) => m.l + ((x - xMin) / (xMax - xMin || 1)) * (W - m.l - m.r);
  const sy = (y) => H - m.b - ((y - yMin) / (yMax - yMin || 1)) * (H - m.t - m.b);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": label, class: "chart" });
  const grid = svg("g", { class: "grid" });
  for (const [v, label] of ticks) {
    grid.append(svg("line", { x1: m.l, x2: W - m.r, y1: sy(v), y2: sy(v) }));
    const t = svg("text", { x: m.l - 6, y: sy(v) + 4, "text-anchor": "end" });
    t.textContent = label;
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

/**
 * A target's chart, drawn from the core's required path (`requiredPath`): the line the commitment requires year by
 * year (the lower end of a band), the aim of a range or the upper end of a band, and the figures beside them, on
 * the path's own scale (a change target's levels, a share's percent, a running sum). Flat paths (the same
 * threshold every year) show the figures as bars in the colour of each period's status. The pace to date runs
 * from the latest figure to the evaluation's `projected` value. No path, no chart.
 */
function pathChart(ev, path) {
  if (!path || path.required.length === 0) return null;
  const text = TEXT[state.lang];
  const band = ev.rule.kind === "band";
  const flat = path.shape === "flat";
  const required = path.required.map((p) => ({ x: p.year, y: Number(p.required) }));
  const aim = path.required.filter((p) => p.aim != null).map((p) => ({ x: p.year, y: Number(p.aim) }));
  const statusOf = new Map((ev.periods ?? []).map((p) => [String(p.period), p.status]));
  const actual = path.actual.map((p) => ({ x: periodX(p.period), y: Number(p.value), status: statusOf.get(String(p.period)) }));
  const end = required[required.length - 1].x;
  const last = actual[actual.length - 1];
  const pace = !flat && last && ev.projected != null && last.x < end ? [last, { x: end, y: Number(ev.projected) }] : [];
  const xs = [...required, ...actual].map((p) => p.x);
  const ys = [...required, ...aim, ...actual, ...pace].map((p) => p.y);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.08 || 1;
  // bars start from zero; lines keep their own range (a level near 20,000 is not drawn from zero)
  const yMin = flat ? Math.min(0, lo - pad) : lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
  const yMax = flat && hi <= 100 && lo >= 0 && path.unit === "%" ? 100 : hi + pad;
  const chart = drawChart({
    // bars get a year of room on the left, as the base year before the first year judged
    xMin: Math.floor(Math.min(...xs)) - (flat ? 1 : 0),
    xMax: Math.ceil(Math.max(...xs)),
    yMin,
    yMax: yMax > yMin ? yMax : yMin + 1,
    lang: state.lang,
    label: text.chart(ev.target),
    yNote: state.lang === "en" ? path.unit_en : path.unit,
    layers: [
      { type: "line", points: aim, cls: band ? "upper" : "aim", dash: band ? "4 3" : "2 3" },
      { type: "line", points: required, cls: flat ? "threshold" : "required", dash: flat ? "4 3" : null },
      { type: "line", points: pace, cls: "pace", dash: "5 4" },
      flat ? { type: "bars", points: actual } : { type: "line", points: actual, cls: "actual" },
      flat ? { type: "dots", points: [] } : { type: "dots", points: actual, cls: "actual" },
    ],
  });
  chart.dataset.shape = path.shape;
  const items = [[flat ? "threshold" : "required", band ? text.legendLow : flat ? text.legendThreshold : text.legendRequired]];
  if (aim.length) items.push(band ? ["upper", text.legendHigh] : ["aim", text.legendAim]);
  if (actual.length) items.push([flat ? "bar" : "actual", text.legendFigures]);
  if (pace.length) items.push(["pace", text.legendPace]);
  return el("figure", { class: "chart-box", "data-chart": ev.target }, chart, legend(items));
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
  const chart = pathChart(ev, state.paths.get(ev.target));
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
      el("div", { class: "value" }, el("span", { class: "v", text: valueText(ev, lang, target) }), el("span", { class: "id", text: ev.target })),
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
  $("illustrative").hidden = state.sample === "" || $("figures").value !== state.sample;
  $("sample").hidden = state.sample === "";
  const catalogueMessage = $("catalogue-message");
  catalogueMessage.classList.toggle("error", Boolean(state.catalogueError));
  catalogueMessage.dataset.code = state.catalogueError?.code ?? "";
  catalogueMessage.textContent = state.catalogueError
    ? state.catalogueError.name === "ChitieuError"
      ? text.catalogueError(state.catalogueError)
      : String(state.catalogueError)
    : text.catalogueLoaded(state.lang === "vi" ? programme.title_vi : programme.title_en, state.catalogue.targets.length);
  if (state.card) {
    renderCounts(state.card, text);
    renderScorecard(state.card, text);
    renderDiscrepancies(state.card.discrepancies, text);
  }
  document.body.classList.toggle("stale", Boolean(state.error));
  renderProjects(state.catalogue.projects ?? [], text);
  renderDraft(text);
  renderWorkbook(text);
  renderForm();
}


// ---------------------------------------------------------------------------------------------------------------
// The form: the figures each target needs as of the date chosen (the core's needs, `figureNeeds`), part by part, an
// input per period due; prefilled from the CSV box (the core's reader, `figureRows`) and written back into it (the
// core's writer, `figuresCsv`): the box stays the one source of the figures. From the office module.

/** What the form shows: the needs and the box's rows they were drawn from. */
function sameKey(figure, indicator, period, entity) {
  return (
    figure.indicator === indicator &&
    (figure.period ?? null) === (period ?? null) &&
    (figure.entity ?? null) === (entity ?? null) &&
    (figure.unit ?? null) === (state.unit ?? null)
  );
}

async function openForm() {
  const text = TEXT[state.lang];
  const message = $("form-message");
  message.classList.remove("error");
  message.textContent = text.officeLoading;
  try {
    const module = await loadOfficeModule();
    const opts = options();
    const needs = module.figureNeeds({ as_of: opts.as_of }, state.catalogueInput);
    state.form = { module, needs, asOf: opts.as_of, catalogue: state.catalogueInput, error: null };
    renderForm();
  } catch (e) {
    state.form = null;
    message.classList.add("error");
    message.dataset.code = e.code ?? "";
    message.textContent = text.formError(e);
  }
}

/** The box's figures as the core reads them, unvalidated (an empty box: none). */
function boxFigures(module) {
  const box = $("figures").value;
  return box.trim() === "" ? [] : module.figureRows(box).map((r) => r.figure);
}

/** Write one field of one figure into the box: through the core's writer, then evaluate. */
function writeField(need, period, entity, raw) {
  const text = TEXT[state.lang];
  const f = state.form;
  try {
    const figures = boxFigures(f.module);
    const field = need.field;
    const key = field === "completed" ? null : period;
    // one row per indicator, period, entity and unit (a share's numerator and denominator are one row's)
    let figure = figures.find((x) => sameKey(x, need.indicator, key, entity));
    const value = field === "done" ? (raw === "" ? null : raw === "yes") : raw.trim();
    if (!figure) {
      if (value === "" || value == null) return;
      figure = { indicator: need.indicator };
      if (key != null) figure.period = key;
      if (entity != null) figure.entity = entity;
      if (state.unit != null) figure.unit = state.unit;
      figures.push(figure);
    }
    if (value === "" || value == null) delete figure[field];
    else figure[field] = value;
    const empty = ["value", "numerator", "denominator", "growth", "done", "completed"].every((k) => figure[k] == null);
    const kept = empty ? figures.filter((x) => x !== figure) : figures;
    $("figures").value = f.module.figuresCsv(kept);
    state.workbook = null;
    state.workbookError = null;
    f.error = null;
    evaluateNow();
  } catch (e) {
    f.error = e;
    renderForm();
  }
}

function formInput(need, period, entity, current, label) {
  const text = TEXT[state.lang];
  let input;
  if (need.field === "done") {
    input = el(
      "select",
      { "aria-label": label },
      ["", "yes", "no"].map((v, i) => el("option", { value: v, selected: (current === true && v === "yes") || (current === false && v === "no") || (current == null && v === ""), text: text.yesNo[i] })),
    );
  } else {
    input = el("input", { type: "text", size: need.field === "completed" ? "10" : "8", value: current ?? "", "aria-label": label, placeholder: need.field === "completed" ? "YYYY-MM-DD" : "" });
  }
  input.dataset.form = `${need.indicator}|${need.field}|${period ?? ""}|${entity ?? ""}`;
  input.addEventListener("change", () => setTimeout(() => writeField(need, period, entity, input.value), 0));
  return input;
}

function renderForm() {
  const f = state.form;
  const root = $("figure-form");
  if (!f) {
    root.replaceChildren();
    return;
  }
  const text = TEXT[state.lang];
  const lang = state.lang;
  const message = $("form-message");
  // the as-of date or the catalogue changed: what is due is asked again of the core
  const asOf = options().as_of;
  if (asOf !== f.asOf || f.catalogue !== state.catalogueInput) {
    try {
      f.needs = f.module.figureNeeds({ as_of: asOf }, state.catalogueInput);
      f.asOf = asOf;
      f.catalogue = state.catalogueInput;
    } catch (e) {
      f.error = e;
    }
  }
  let figures;
  try {
    figures = boxFigures(f.module);
  } catch (e) {
    message.classList.add("error");
    message.dataset.code = e.code ?? "";
    message.textContent = text.formBoxError(e);
    root.replaceChildren();
    return;
  }
  message.classList.toggle("error", Boolean(f.error));
  message.dataset.code = f.error?.code ?? "";
  message.textContent = f.error ? text.formError(f.error) : text.formReady(f.needs.length, f.asOf);
  const indicators = new Map(state.catalogue.indicators.map((i) => [i.id, i]));
  const sections = new Map((state.catalogue.sections ?? []).map((s) => [s.id, s]));
  const parts = [];
  for (const need of f.needs) {
    let part = parts.find((p) => p.id === need.section);
    if (!part) parts.push((part = { id: need.section, needs: [] }));
    part.needs.push(need);
  }
  const current = (need, period, entity) => {
    const key = need.field === "completed" ? null : period;
    const x = figures.find((x) => sameKey(x, need.indicator, key, entity) && x[need.field] != null);
    return x ? x[need.field] : null;
  };
  const blocks = parts.map((part) => {
    const section = sections.get(part.id);
    const title = section ? (lang === "vi" ? section.title_vi : section.title_en) : part.id;
    const rows = part.needs.flatMap((need) => {
      const indicator = indicators.get(need.indicator);
      const name = indicator ? (lang === "vi" ? indicator.name_vi : indicator.name_en) : need.indicator;
      const unit = indicator ? (lang === "vi" ? indicator.unit : indicator.unit_en ?? indicator.unit) : "";
      const enter = text.fields[need.field] + (need.instead ? text.orInstead(text.fields[need.instead]) : "");
      const periods = need.field === "completed" ? [null] : need.periods;
      const entities = need.per_entity
        ? [...new Set(figures.filter((x) => x.indicator === need.indicator && x.entity != null).map((x) => x.entity)), null]
        : [undefined];
      return entities.map((entity) => {
        const cells = periods.map((p) => {
          const label = `${need.indicator} ${need.field} ${p ?? ""} ${entity ?? ""}`.trim();
          if (entity === null) {
            // a new entity: its name first, then its figures (written once the name is there)
            return el("label", { class: "period" }, el("span", { text: p ?? "" }), formNewEntityInput(need, p, label));
          }
          return el("label", { class: "period" }, el("span", { text: p ?? "" }), formInput(need, p, entity ?? null, current(need, p, entity ?? null), label));
        });
        const entityCell = !need.per_entity
          ? null
          : entity === null
            ? el("input", { type: "text", size: "14", "data-entity-name": need.indicator, placeholder: text.formNewEntity, "aria-label": `${need.indicator} ${text.formEntity}` })
            : el("div", { class: "entity", text: `${text.formEntity}: ${entity}` });
        return el(
          "tr",
          { "data-need": `${need.indicator}|${need.field}`, "data-entity": entity ?? "" },
          el("td", {}, el("span", { lang: "vi", text: name }), el("br"), el("code", { text: need.indicator }), entityCell),
          el("td", { text: enter }),
          el("td", { text: unit }),
          el("td", { class: "periods" }, cells),
        );
      });
    });
    return el(
      "details",
      { class: "form-part", "data-part": part.id, open: true },
      el("summary", {}, el("span", { class: "section-id", text: part.id }), " ", title),
      el("table", { class: "figure-form" }, el("thead", {}, el("tr", {}, [...text.formCols, ""].map((c) => el("th", { text: c })))), el("tbody", {}, rows)),
    );
  });
  root.replaceChildren(...blocks);
}

/** A new entity's row: an entity name input shared by the row's period inputs. */
function formNewEntityInput(need, period, label) {
  const input = el("input", { type: "text", size: "8", "aria-label": label, "data-new-entity": need.indicator });
  input.addEventListener("change", () => {
    const row = input.closest("tr");
    const name = row.querySelector("input[data-entity-name]")?.value.trim();
    if (name) setTimeout(() => writeField(need, period, name, input.value), 0);
  });
  return input;
}

// ---------------------------------------------------------------------------------------------------------------
// Your programme: the core's drafter (draftCatalogue, in the draft web module, loaded when this view is first used)
// reads a programme's text into a draft catalogue and its review. Edits change the catalogue's JSON and go back
// through the core's loader (loadCatalogue), so a wrong edit shows the loader's error and changes nothing.

/**
 * The draft web module (./pkg/draft/, copied there by scripts/build-wasm.sh: the main module's functions and
 * draftCatalogue), imported and initialised once, when the view is first used.
 */
let draftModule = null;
function loadDraftModule() {
  draftModule ??= import("./pkg/draft/chitieu.js").then(async (m) => {
    await m.default();
    return m;
  });
  return draftModule;
}

/** The rule's and the timing's fields a reviewer may fix: the values and the years. */
const RULE_FIELDS = ["value", "floor", "aim", "low", "high"];
const TIMING_FIELDS = ["by", "base", "from", "to"];

async function draftNow() {
  const text = TEXT[state.lang];
  const message = $("draft-message");
  message.classList.remove("error");
  message.textContent = text.draftLoading;
  try {
    const module = await loadDraftModule();
    const draft = module.draftCatalogue($("draft-text").value);
    state.draft = { module, review: draft.review, skipped: draft.skipped, catalogue: draft.catalogue, words: new Map(), note: null, error: null };
    draftWords();
  } catch (e) {
    state.draft = null;
    message.classList.add("error");
    message.textContent = text.draftFailed(e);
    message.dataset.code = e.code ?? "";
    renderDraft(text);
    return;
  }
  render();
}

/** The rule and timing of every target in words: the core's (an evaluation without figures says them). */
function draftWords() {
  const d = state.draft;
  const evaluations = d.module.evaluate([], { as_of: String(d.catalogue.programme.last_year) }, d.catalogue);
  d.words = new Map(evaluations.map((e) => [e.target, { vi: e.reference_vi, en: e.reference_en }]));
}

/** Apply a change to a copy of the draft catalogue and load it through the core; keep it only if the core does. */
function editDraft(id, change, note) {
  const text = TEXT[state.lang];
  const d = state.draft;
  const edited = JSON.parse(JSON.stringify(d.catalogue));
  change(edited);
  try {
    const loaded = d.module.loadCatalogue(JSON.stringify(edited));
    d.catalogue = loaded;
    d.review = d.review.filter((r) => loaded.targets.some((t) => t.id === r.target));
    draftWords();
    // the English summary is the rule and timing in words, as the drafter wrote it: the core's words again
    for (const t of d.catalogue.targets) if (d.words.has(t.id)) t.summary_en = d.words.get(t.id).en;
    d.edited = (d.edited ?? new Set()).add(id);
    d.note = note;
    d.error = null;
  } catch (e) {
    d.error = e;
  }
  renderDraft(text);
}

function draftJson() {
  return JSON.stringify(state.draft.catalogue, null, 2);
}

function confidenceCounts(review) {
  const c = { high: 0, check: 0, low: 0 };
  for (const r of review) c[r.confidence] += 1;
  return c;
}

function fieldInput(id, part, key, value, text) {
  const input = el("input", {
    type: "text",
    size: String(Math.max(4, String(value).length + 1)),
    value: String(value),
    "data-edit": `${part}.${key}`,
    "aria-label": `${id} ${part}.${key}`,
  });
  input.addEventListener("change", () => {
    const raw = input.value.trim();
    // after the event: a change fired by a blur must not redraw the table while the browser moves the focus
    setTimeout(() => editDraft(
      id,
      (cat) => {
        const t = cat.targets.find((t) => t.id === id);
        // a year field is a JSON number where the catalogue has one; the core reads (and refuses) the rest
        t[part][key] = typeof value === "number" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      },
      text.draftEdited(id),
    ));
  });
  return el("label", { class: "edit" }, el("span", { text: key }), input);
}

function renderDraft(text) {
  const d = state.draft;
  $("draft-use").hidden = !d;
  $("draft-download").hidden = !d;
  if (!d) {
    $("draft-review").replaceChildren();
    $("draft-skipped").replaceChildren();
    return;
  }
  const lang = state.lang;
  const message = $("draft-message");
  message.classList.toggle("error", Boolean(d.error));
  message.dataset.code = d.error?.code ?? "";
  const counts = confidenceCounts(d.review);
  message.textContent = d.error
    ? text.draftError(d.error)
    : [d.note, text.draftDone(d.review.length, counts, d.skipped.length)].filter(Boolean).join(" ");
  const targets = new Map(d.catalogue.targets.map((t) => [t.id, t]));
  const head = el("tr", {}, text.draftCols.map((c) => el("th", { text: c })));
  const rows = d.review.map((r) => {
    const t = targets.get(r.target);
    const words = d.words.get(r.target);
    const ruleInputs = RULE_FIELDS.filter((k) => t.rule[k] != null).map((k) => fieldInput(r.target, "rule", k, t.rule[k], text));
    const timingInputs = TIMING_FIELDS.filter((k) => t.timing[k] != null).map((k) => fieldInput(r.target, "timing", k, t.timing[k], text));
    const remove = el("button", { type: "button", class: "remove", "data-remove": r.target, text: text.remove });
    remove.addEventListener("click", () =>
      editDraft(
        r.target,
        (cat) => {
          cat.targets = cat.targets.filter((x) => x.id !== r.target);
        },
        text.draftDeleted(r.target),
      ),
    );
    return el(
      "tr",
      { class: `draft-row c-${r.confidence}${d.edited?.has(r.target) ? " edited" : ""}`, "data-target": r.target, "data-confidence": r.confidence },
      el("td", {}, el("span", { class: `confidence c-${r.confidence}`, text: text.confidence[r.confidence] })),
      el("td", {}, el("code", { text: r.target }), el("br"), el("span", { class: "section", text: r.section })),
      el(
        "td",
        {},
        el("p", { class: "reference", text: words ? words[lang] : t.summary_en }),
        el("q", { lang: "vi", text: r.quote }),
      ),
      el("td", { class: "fix" }, el("div", {}, el("strong", { text: `${text.rule}: ` }), ruleInputs), el("div", {}, el("strong", { text: `${text.timing}: ` }), timingInputs), remove),
      el("td", {}, el("ul", { class: "reasons" }, r.reasons.map((x) => el("li", { text: x })))),
    );
  });
  $("draft-review").replaceChildren(el("table", { class: "draft" }, el("thead", {}, head), el("tbody", {}, rows)));
  $("draft-skipped").replaceChildren(
    el(
      "details",
      { class: "skipped" },
      el("summary", { text: text.skippedTitle(d.skipped.length) }),
      el(
        "ul",
        {},
        d.skipped.map((s) =>
          el("li", { class: "skipped-item" }, el("span", { class: "section", text: s.section }), " ", el("em", { text: s.reason }), ": ", el("span", { lang: "vi", text: s.text })),
        ),
      ),
    ),
  );
}

function downloadDraft() {
  const blob = new Blob([draftJson()], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: "draft_catalogue.json" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------------------------------------------
// Start

async function main() {
  await init();
  state.catalogue = chitieu.builtinCatalogue();
  state.builtinSample = await fetchText("sample_figures.csv");
  state.sample = state.builtinSample;
  $("figures").value = state.sample;
  $("figures").addEventListener("input", () => {
    // an edit of the box makes it the source again
    state.workbook = null;
    state.workbookError = null;
    evaluateSoon();
  });
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
    state.workbook = null;
    state.workbookError = null;
    evaluateNow();
  });
  $("file").addEventListener("change", async () => {
    const file = $("file").files[0];
    if (!file) return;
    $("file").value = "";
    await openFigures(file);
  });
  // a file dropped anywhere on the figures panel is opened like one chosen with the button
  const panel = document.querySelector(".figures-panel");
  panel.addEventListener("dragover", (e) => {
    e.preventDefault();
    panel.classList.add("dropping");
  });
  panel.addEventListener("dragleave", () => panel.classList.remove("dropping"));
  panel.addEventListener("drop", (e) => {
    e.preventDefault();
    panel.classList.remove("dropping");
    const file = e.dataTransfer?.files?.[0];
    if (file) openFigures(file);
  });
  $("back-to-csv").addEventListener("click", () => {
    state.workbook = null;
    state.workbookError = null;
    evaluateNow();
  });
  $("report-xlsx").addEventListener("click", () => downloadXlsx("report"));
  $("form-open").addEventListener("click", openForm);
  $("template-xlsx").addEventListener("click", () => downloadXlsx("template"));
  $("catalogue-file").addEventListener("change", async () => {
    const file = $("catalogue-file").files[0];
    if (!file) return;
    const text = await file.text();
    $("catalogue-file").value = "";
    tryCatalogue(() => useCatalogue(text, ""));
  });
  $("example").addEventListener("click", async () => {
    // the illustrative second programme and its sample figures, copied next to the page by scripts/build-wasm.sh
    const [catalogue, sample] = await Promise.all([fetchText("an_lac.json"), fetchText("an_lac_figures.csv")]);
    tryCatalogue(() => useCatalogue(catalogue, sample));
  });
  $("builtin").addEventListener("click", () => tryCatalogue(() => useCatalogue(null, state.builtinSample)));
  $("draft-run").addEventListener("click", draftNow);
  $("draft-file").addEventListener("change", async () => {
    const file = $("draft-file").files[0];
    if (!file) return;
    $("draft-text").value = await file.text();
    $("draft-file").value = "";
    draftNow();
  });
  // the draft as the page's catalogue: the scorecard above evaluates the figures box against it (the main module
  // loads the JSON like any catalogue opened here)
  $("draft-use").addEventListener("click", () => tryCatalogue(() => useCatalogue(draftJson(), "")));
  $("draft-download").addEventListener("click", downloadDraft);
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => {
      state.lang = b.dataset.lang;
      render();
    });
  }
  evaluateNow();
  // For the tests and the curious: the package and what the page last evaluated.
  window.chitieuPage = { chitieu, state, draftJson: () => (state.draft ? draftJson() : null), officeModule: () => officeModule };
  document.body.dataset.ready = "1";
}

/** A file next to the page as text; "" when it is missing. */
async function fetchText(name) {
  try {
    const response = await fetch(name);
    return response.ok ? await response.text() : "";
  } catch {
    return "";
  }
}

function tryCatalogue(use) {
  try {
    use();
  } catch (e) {
    state.catalogueError = e;
    render();
  }
}

main().catch((e) => {
  $("message").textContent = `The page could not start: ${e}`;
  $("message").classList.add("error");
  document.body.dataset.ready = "error";
});
