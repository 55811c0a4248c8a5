//! Office files out (feature `xlsx-write`): the fill-in template and the report as .xlsx workbooks, written with
//! rust_xlsxwriter. See `docs/office-out.md` for the layouts and the choices.
//!
//! - [`template_xlsx`]: the figures a catalogue's targets need as of a date ([`crate::template::needs`]), in the
//!   wide layout the wide reader reads: an instructions sheet, then a sheet per part of the programme, a row per
//!   indicator and field, a column per period due, with data validation, notes on the headers, frozen panes and
//!   the cells to fill unlocked and shaded.
//! - [`report_xlsx`]: a scorecard in the layout of Vietnamese progress reports (STT, chỉ tiêu, đơn vị tính, mục
//!   tiêu, thực hiện by period, so sánh, đánh giá), grouped by the document's sections, with a sheet of counts and
//!   a sheet of the document's discrepancies; A4 landscape, fitted to the width, header rows repeated.
//!
//! Numbers: a figure or ratio is written as a number cell (the nearest double to the exact decimal) with a number
//! format showing exactly the decimal's own digits, so that a statistician can sum and chart them and sees the
//! figure as given; the verdicts were decided exactly before (nothing is decided from these cells). A decimal with
//! more than 15 significant digits, which a double cannot show, is written as text.
//!
//! ```
//! use chitieu::{office, parse_as_of, Catalogue};
//! let bytes = office::template_xlsx(&Catalogue::builtin(), parse_as_of("2027").unwrap())?;
//! assert_eq!(&bytes[..2], b"PK"); // a zip
//! # Ok::<(), chitieu::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::evaluate::Evaluation;
use crate::figures::{FigureValue, Figures};
use crate::model::{Catalogue, Measure};
use crate::period::{Date, Period};
use crate::report::{Lang, Scorecard};
use crate::status::Status;
use crate::template::{self, Field, Need};
use crate::text;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook,
    Worksheet, XlsxError,
};

/// The fill colour of each status in the report: the colours of the HTML scorecard (python/chitieu/_html.py),
/// as `0xRRGGBB`, in [`Status::ALL`] order's codes.
pub fn status_colour(status: Status) -> u32 {
    match status {
        Status::Exceeded => 0x0f5323,
        Status::Achieved => 0x1a7f37,
        Status::NotAchieved => 0xa40e26,
        Status::OnTrack => 0x2da44e,
        Status::AtRisk => 0xb35900,
        Status::OffTrack => 0xd1242f,
        Status::NotDue => 0x6e7781,
        Status::NoData => 0x8c959f,
    }
}

/// The one error a workbook can meet while written: a limit of the format (rows, a cell's 32,767 characters...).
fn xlsx_error(e: XlsxError) -> Error {
    Error::LimitExceeded {
        what: "the .xlsx workbook".into(),
        limit: "the format's".into(),
        at: format!(" ({e})"),
        row: None,
        field: None,
    }
}

/// A cell's text, cut to the format's 32,767 characters (at a character boundary).
fn cell_text(s: &str) -> &str {
    const MAX: usize = 32_767;
    if s.chars().count() <= MAX {
        return s;
    }
    let end = s.char_indices().nth(MAX).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// A sheet name: at most 31 characters, none of `[]:*?/\`, not empty, unique among `taken`.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect::<String>()
        .trim_matches('\'')
        .trim()
        .to_string();
    let base = if clean.is_empty() { "Khác".to_string() } else { clean };
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut name = cut(&base, 31);
    let mut k = 2;
    // Excel compares sheet names without regard to case, Vietnamese letters included
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({k})");
        name = format!("{}{suffix}", cut(&base, 31 - suffix.chars().count()));
        k += 1;
    }
    taken.push(name.clone());
    name
}

/// A number cell for an exact decimal, shown with exactly its own decimals; text when a double cannot show it.
fn write_decimal(ws: &mut Worksheet, row: u32, col: u16, d: Decimal, base: &Format) -> Result<()> {
    write_number(ws, row, col, d, base, false)
}

/// As [`write_decimal`]; `growth` shows the number as a signed percent (`+11.5%`): a growth rate over the previous
/// year given instead of a level, told apart from the levels beside it.
fn write_number(ws: &mut Worksheet, row: u32, col: u16, d: Decimal, base: &Format, growth: bool) -> Result<()> {
    let d = d.normalize();
    let digits = d.mantissa().unsigned_abs().to_string().len();
    match d.to_f64() {
        Some(f) if digits <= 15 => {
            let decimals = d.scale() as usize;
            let mut fmt = if decimals == 0 { "#,##0".to_string() } else { format!("#,##0.{}", "0".repeat(decimals)) };
            if growth {
                fmt = format!("+{fmt}\"%\";-{fmt}\"%\";0\"%\"");
            }
            ws.write_number_with_format(row, col, f, &base.clone().set_num_format(fmt)).map_err(xlsx_error)?;
        }
        _ => {
            let text = if growth { format!("{d:+}%") } else { d.to_string() };
            ws.write_string_with_format(row, col, text, base).map_err(xlsx_error)?;
        }
    }
    Ok(())
}

/// A date cell.
fn write_date(ws: &mut Worksheet, row: u32, col: u16, d: Date, base: &Format) -> Result<()> {
    let dt = excel_date(d)?;
    ws.write_date_with_format(row, col, &dt, &base.clone().set_num_format("dd/mm/yyyy")).map_err(xlsx_error)?;
    Ok(())
}

fn excel_date(d: Date) -> Result<ExcelDateTime> {
    let year = u16::try_from(d.year).map_err(|_| xlsx_error(XlsxError::DateTimeRangeError(d.to_string())))?;
    ExcelDateTime::from_ymd(year, d.month, d.day).map_err(xlsx_error)
}

// ------------------------------------------------------------------------------------------------------------
// The fill-in template
// ------------------------------------------------------------------------------------------------------------

/// What goes in a column of the template (the note on its header cell), in Vietnamese.
fn column_note(key: &str) -> &'static str {
    match key {
        "stt" => "Số thứ tự trong phần này.",
        "name" => "Tên chỉ tiêu (theo danh mục). Không cần sửa.",
        "measure_unit" => "Đơn vị tính của số liệu.",
        "enter" => "Cần nhập gì ở hàng này: giá trị, tỷ lệ %, tử số/mẫu số, có/không hoặc ngày hoàn thành.",
        "target" => "Mục tiêu của văn bản, diễn đạt lại (để đối chiếu khi nhập).",
        "indicator" => "Mã chỉ tiêu: máy đọc cột này. Không sửa.",
        "field" => "Trường số liệu: value, numerator, denominator, done hoặc completed. Không sửa.",
        "entity" => "Đối tượng (với chỉ tiêu tính theo từng đối tượng): mỗi đối tượng một hàng; chép hàng và ghi tên.",
        "completed" => "Ngày hoàn thành (ngày/tháng/năm). Để trống nếu chưa hoàn thành.",
        "note" => "Ghi chú tự do (nguồn số liệu...). Không ảnh hưởng đến đánh giá.",
        _ => "",
    }
}

/// The data validation of a row's period cells (`None`: nothing to check beyond the reader's own rules).
fn validation(need: &Need, measure: Measure) -> Result<DataValidation> {
    const BIG: f64 = 1e15;
    let decimal = |lo: f64, hi: f64, title: &str, msg: &str| -> Result<DataValidation> {
        DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(lo, hi))
            .set_error_title(title)
            .and_then(|v| v.set_error_message(msg))
            .map_err(xlsx_error)
    };
    match (need.field, measure) {
        (Field::Value, Measure::Share) => {
            decimal(0.0, 100.0, "Tỷ lệ %", "Nhập tỷ lệ phần trăm từ 0 đến 100 (85,5 là 85,5%).")
        }
        (Field::Value, Measure::Count) => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_title("Số lượng")
            .and_then(|v| v.set_error_message("Nhập số nguyên từ 0 trở lên."))
            .map_err(xlsx_error),
        (Field::Value | Field::Numerator, Measure::Rate) | (Field::Numerator, _) => {
            decimal(0.0, BIG, "Số", "Nhập số từ 0 trở lên.")
        }
        (Field::Denominator, _) => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThan(0.0))
            .set_error_title("Mẫu số")
            .and_then(|v| v.set_error_message("Nhập số lớn hơn 0."))
            .map_err(xlsx_error),
        (Field::Done, _) => DataValidation::new()
            .allow_list_strings(&["có", "không"])
            .and_then(|v| v.set_error_title("Có / không"))
            .and_then(|v| v.set_error_message("Chọn có hoặc không."))
            .map_err(xlsx_error),
        _ => decimal(-BIG, BIG, "Số", "Nhập một số (dấu chấm hoặc phẩy thập phân theo cài đặt của máy)."),
    }
}

/// The template as an .xlsx workbook (see the module's documentation and `docs/office-out.md`).
pub fn template_xlsx(catalogue: &Catalogue, as_of: Date) -> Result<Vec<u8>> {
    let needs = template::needs(catalogue, as_of);
    let rows = template::rows(catalogue, &needs, as_of);
    let parts = template::parts(catalogue);
    let p = &catalogue.programme;
    let mut wb = Workbook::new();
    let mut taken = vec!["Hướng dẫn".to_string()];
    let title = Format::new().set_bold().set_font_size(14);
    let title_wrapped = title.clone().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xd9e2f3))
        .set_border(FormatBorder::Thin);
    let fixed = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let fill = Format::new().set_unlocked().set_background_color(Color::RGB(0xfff2cc)).set_border(FormatBorder::Thin);
    let unused = Format::new().set_background_color(Color::RGB(0xd9d9d9)).set_border(FormatBorder::Thin);

    // the instructions
    {
        let ws = wb.add_worksheet();
        ws.set_name("Hướng dẫn").map_err(xlsx_error)?;
        ws.set_column_width(0, 110).map_err(xlsx_error)?;
        ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
        let lines: Vec<String> = vec![
            format!("Mẫu nhập số liệu: {}", p.title_vi),
            format!(
                "Các kỳ cần số liệu tính đến ngày {} (chương trình {}-{}, năm gốc {}).",
                text::DateVi(as_of),
                p.first_year,
                p.last_year,
                p.base_year
            ),
            String::new(),
            "Cách nhập".to_string(),
            "1. Mỗi trang sau là một phần của chương trình. Mỗi hàng là một chỉ tiêu (và trường cần nhập); mỗi cột \
             năm (hoặc quý) là một kỳ cần số liệu."
                .to_string(),
            "2. Chỉ nhập vào các ô nền vàng. Ô nền xám là kỳ mà hàng đó không cần số liệu.".to_string(),
            "3. Ô để trống nghĩa là chưa có số liệu (không phải bằng 0). Số liệu bằng 0 thì ghi 0.".to_string(),
            "4. Số thập phân: nhập như số của Excel (85,5 hoặc 85.5 tùy cài đặt vùng của máy). Nếu ô được định \
             dạng là chữ thì dùng dấu chấm (85.5), không dùng dấu phân cách hàng nghìn."
                .to_string(),
            "5. Tỷ lệ (%): nhập số phần trăm từ 0 đến 100 (85,5 nghĩa là 85,5%); không nhập 0,855 và không định \
             dạng ô kiểu phần trăm."
                .to_string(),
            "6. Số lượng: số nguyên từ 0 trở lên. Tử số và mẫu số: hai hàng liền nhau; tỷ lệ được tính từ hai số \
             này."
                .to_string(),
            "7. Có/không: chọn \"có\" hoặc \"không\" trong danh sách của ô.".to_string(),
            "8. Ngày hoàn thành: nhập ngày (ví dụ 15/03/2027) vào cột Ngày hoàn thành; để trống nếu chưa hoàn \
             thành."
                .to_string(),
            "9. Chỉ tiêu tính theo từng đối tượng (cột Đối tượng): mỗi đối tượng một hàng; chép hàng mẫu và ghi tên \
             đối tượng."
                .to_string(),
            "10. Không sửa tiêu đề cột (mã trong ngoặc là phần máy đọc), mã chỉ tiêu và trường. Có thể thêm ghi \
             chú ở cột Ghi chú."
                .to_string(),
            String::new(),
            "Các phần".to_string(),
        ];
        for (i, l) in lines.iter().enumerate() {
            let f = if i == 0 {
                &title_wrapped
            } else if l == "Cách nhập" || l == "Các phần" {
                &bold
            } else {
                &wrap
            };
            ws.write_string_with_format(i as u32, 0, l.as_str(), f).map_err(xlsx_error)?;
            if i == 0 {
                // 14 points: about two thirds of the characters of a line at 11
                ws.set_row_height(0, row_height(&[(l.as_str(), 110.0 * 0.7)]) * 20.0 / 15.0).map_err(xlsx_error)?;
            } else {
                ws.set_row_height(i as u32, row_height(&[(l.as_str(), 110.0)])).map_err(xlsx_error)?;
            }
        }
        let mut r = lines.len() as u32;
        let mut names = taken.clone();
        for (id, vi, _) in &parts {
            if rows.iter().any(|row| &row.need.section == id) {
                let name = sheet_name(id, &mut names);
                ws.write_string_with_format(r, 0, format!("{name}: {vi}"), &wrap).map_err(xlsx_error)?;
                r += 1;
            }
        }
    }

    // a sheet per part
    for (id, vi, _) in &parts {
        let here: Vec<&template::Row> = rows.iter().filter(|r| &r.need.section == id).collect();
        if here.is_empty() {
            continue;
        }
        let any_entity = here.iter().any(|r| r.need.per_entity);
        let any_completed = here.iter().any(|r| r.need.field == Field::Completed);
        let periods = template::period_columns(here.iter().map(|r| r.need));
        let mut keys: Vec<String> = template::leading_keys(any_entity).iter().map(|k| k.to_string()).collect();
        let first_period = keys.len();
        keys.extend(periods.iter().map(|p| p.to_string()));
        if any_completed {
            keys.push("completed".into());
        }
        keys.push("note".into());
        let col = |k: &str| keys.iter().position(|x| x == k).map(|i| i as u16);

        let name = sheet_name(id, &mut taken);
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(xlsx_error)?;
        ws.write_string_with_format(0, 0, format!("{id}: {vi}"), &title).map_err(xlsx_error)?;
        ws.write_string(
            1,
            0,
            format!("Tính đến ngày {}. Nhập vào ô nền vàng; ô trống là chưa có số liệu.", text::DateVi(as_of)),
        )
        .map_err(xlsx_error)?;
        const HEAD: u32 = 2;
        for (c, k) in keys.iter().enumerate() {
            let c = c as u16;
            let is_period = c as usize >= first_period && (c as usize) < first_period + periods.len();
            let (text_, note) = if is_period {
                (k.clone(), format!("Số liệu kỳ {k}. Để trống nếu chưa có."))
            } else {
                (template::header_cell(k), column_note(k).to_string())
            };
            ws.write_string_with_format(HEAD, c, text_, &header).map_err(xlsx_error)?;
            ws.insert_note(HEAD, c, &Note::new(note).add_author_prefix(false).set_width(260).set_height(90))
                .map_err(xlsx_error)?;
            let width = match k.as_str() {
                "stt" => 5.0,
                "name" | "target" => 38.0,
                "enter" => 28.0,
                "measure_unit" | "field" => 12.0,
                "indicator" => 26.0,
                "entity" | "note" => 20.0,
                "completed" => 16.0,
                _ => 11.0,
            };
            ws.set_column_width(c, width).map_err(xlsx_error)?;
        }
        // the keyed headers ("Đơn vị tính (measure_unit)") take up to three lines
        ws.set_row_height(HEAD, 45).map_err(xlsx_error)?;
        for (i, r) in here.iter().enumerate() {
            let row = HEAD + 1 + i as u32;
            let descriptive = [
                ("stt", (i + 1).to_string()),
                ("name", r.indicator.name_vi.clone()),
                ("measure_unit", r.indicator.unit.clone()),
                ("enter", r.enter.clone()),
                ("target", r.target.clone()),
                ("indicator", r.indicator.id.clone()),
                ("field", r.need.field.name().to_string()),
            ];
            let wide = |k: &str| if k == "name" || k == "target" { 38.0 } else { 28.0 };
            let tall = descriptive.iter().filter(|(k, _)| matches!(*k, "name" | "target" | "enter"));
            let cells: Vec<(&str, f64)> = tall.map(|(k, v)| (v.as_str(), wide(k))).collect();
            ws.set_row_height(row, row_height(&cells)).map_err(xlsx_error)?;
            for (k, v) in &descriptive {
                if let Some(c) = col(k) {
                    if *k == "stt" {
                        ws.write_number_with_format(row, c, (i + 1) as f64, &fixed).map_err(xlsx_error)?;
                    } else {
                        ws.write_string_with_format(row, c, cell_text(v), &fixed).map_err(xlsx_error)?;
                    }
                }
            }
            if let Some(c) = col("entity") {
                let f = if r.need.per_entity { &fill } else { &unused };
                ws.write_blank(row, c, f).map_err(xlsx_error)?;
            }
            let v = validation(r.need, r.indicator.measure)?;
            for (j, p) in periods.iter().enumerate() {
                let c = (first_period + j) as u16;
                if r.need.periods.contains(p) {
                    ws.write_blank(row, c, &fill).map_err(xlsx_error)?;
                    ws.add_data_validation(row, c, row, c, &v).map_err(xlsx_error)?;
                } else {
                    ws.write_blank(row, c, &unused).map_err(xlsx_error)?;
                }
            }
            if let Some(c) = col("completed") {
                if r.need.field == Field::Completed {
                    ws.write_blank(row, c, &fill).map_err(xlsx_error)?;
                    let (lo, hi) = (
                        excel_date(Date::new(p.first_year, 1, 1).unwrap_or(as_of))?,
                        excel_date(Date::end_of_year(p.last_year))?,
                    );
                    let dv = DataValidation::new()
                        .allow_date(DataValidationRule::Between(lo, hi))
                        .set_error_title("Ngày hoàn thành")
                        .and_then(|d| {
                            d.set_error_message(format!(
                                "Nhập một ngày trong các năm {}-{}.",
                                p.first_year, p.last_year
                            ))
                        })
                        .map_err(xlsx_error)?;
                    ws.add_data_validation(row, c, row, c, &dv).map_err(xlsx_error)?;
                } else {
                    ws.write_blank(row, c, &unused).map_err(xlsx_error)?;
                }
            }
            if let Some(c) = col("note") {
                ws.write_blank(row, c, &fill).map_err(xlsx_error)?;
            }
        }
        // the header row and the columns up to the name stay in view
        ws.set_freeze_panes(HEAD + 1, 2).map_err(xlsx_error)?;
        ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(HEAD, HEAD).map_err(xlsx_error)?;
    }
    wb.save_to_buffer().map_err(xlsx_error)
}

// ------------------------------------------------------------------------------------------------------------
// The report
// ------------------------------------------------------------------------------------------------------------

/// Words of the report's headings: (Vietnamese, English).
fn words(key: &str, lang: Lang) -> &'static str {
    let (vi, en) = match key {
        "stt" => ("STT", "No."),
        "target" => ("Chỉ tiêu", "Target"),
        "unit" => ("Đơn vị tính", "Unit"),
        "rule" => ("Mục tiêu", "Target reads"),
        "done" => ("Thực hiện", "Actual"),
        "ratio" => ("So sánh", "% of target"),
        "status" => ("Đánh giá", "Status"),
        "explanation" => ("Giải thích", "Explanation"),
        "id" => ("Mã", "Id"),
        "report" => ("Báo cáo", "Report"),
        "counts" => ("Tổng hợp", "Summary"),
        "count" => ("Số chỉ tiêu", "Targets"),
        "total" => ("Tổng cộng", "Total"),
        "discrepancies" => ("Mâu thuẫn", "Discrepancies"),
        "kind" => ("Loại", "Kind"),
        "targets" => ("Chỉ tiêu liên quan", "Targets"),
        "summary" => ("Nội dung", "What differs"),
        "quotes" => ("Lời văn", "The words"),
        "contradiction" => ("Mâu thuẫn", "Contradiction"),
        "oddity" => ("Điểm bất thường", "Oddity"),
        "discrepancies_title" => {
            ("Mâu thuẫn và điểm bất thường của văn bản", "Contradictions and oddities in the document")
        }
        "yes" => ("có", "yes"),
        "no" => ("không", "no"),
        _ => ("", ""),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}

/// The figures an evaluation used, for the whole unit, by period (entity figures are summed up in the verdict's
/// own numbers, not listed).
fn used_figures<'a>(ev: &Evaluation, figures: &'a Figures, unit: Option<&str>) -> Vec<&'a crate::figures::Figure> {
    figures.series(&ev.indicator, unit).iter().filter(|f| f.entity.is_none() && ev.rows.contains(&f.row)).collect()
}

/// The column a figure shows in (a completion date in its year).
fn column_period(p: Period) -> Period {
    match p {
        Period::Day(d) => Period::Year(d.year),
        other => other,
    }
}

/// The scorecard as an .xlsx workbook in `lang` (see the module's documentation): the report sheet, the counts,
/// the discrepancies. `catalogue` and `figures` are those the scorecard was made from (the figures used fill the
/// "actual" columns: a share given as numerator and denominator shows as its percent, a rate as its rate per N).
pub fn report_xlsx(catalogue: &Catalogue, card: &Scorecard, figures: &Figures, lang: Lang) -> Result<Vec<u8>> {
    let vi = lang == Lang::Vi;
    let unit = card.unit.as_deref();
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xd9e2f3))
        .set_border(FormatBorder::Thin);
    let group = Format::new().set_bold().set_background_color(Color::RGB(0xf2f2f2)).set_border(FormatBorder::Thin);
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let num = Format::new().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let status_format = |s: Status| {
        Format::new()
            .set_bold()
            .set_font_color(Color::White)
            .set_background_color(Color::RGB(status_colour(s)))
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
    };

    // the periods with a figure used, in order
    let mut periods: Vec<Period> = Vec::new();
    for ev in &card.evaluations {
        for f in used_figures(ev, figures, unit) {
            let p = column_period(f.period);
            if !periods.contains(&p) {
                periods.push(p);
            }
        }
    }
    periods.sort_by_key(template::period_key);

    let ws = wb.add_worksheet();
    ws.set_name(words("report", lang)).map_err(xlsx_error)?;
    let head = card.header_lines(lang);
    let plain = Format::new();
    for (i, l) in head.iter().enumerate() {
        ws.write_string_with_format(i as u32, 0, l.as_str(), if i == 0 { &title } else { &plain })
            .map_err(xlsx_error)?;
    }
    let h0 = head.len() as u32 + 1;
    // columns: STT, target, unit, rule, the periods, ratio, status, explanation, id
    let c_period = 4u16;
    let c_ratio = c_period + periods.len() as u16;
    let (c_status, c_expl, c_id) = (c_ratio + 1, c_ratio + 2, c_ratio + 3);
    let two_rows = |ws: &mut Worksheet, c: u16, key: &str| -> Result<()> {
        ws.merge_range(h0, c, h0 + 1, c, words(key, lang), &header).map_err(xlsx_error)?;
        Ok(())
    };
    two_rows(ws, 0, "stt")?;
    two_rows(ws, 1, "target")?;
    two_rows(ws, 2, "unit")?;
    two_rows(ws, 3, "rule")?;
    if periods.is_empty() {
        // no figure at all: one empty "actual" column keeps the layout
    } else if periods.len() == 1 {
        ws.write_string_with_format(h0, c_period, words("done", lang), &header).map_err(xlsx_error)?;
    } else {
        ws.merge_range(h0, c_period, h0, c_ratio - 1, words("done", lang), &header).map_err(xlsx_error)?;
    }
    for (j, p) in periods.iter().enumerate() {
        let label = if vi { text::period_vi(*p) } else { text::period_en(*p) };
        ws.write_string_with_format(h0 + 1, c_period + j as u16, label, &header).map_err(xlsx_error)?;
        ws.set_column_width(c_period + j as u16, PERIOD_WIDTH).map_err(xlsx_error)?;
    }
    // the period labels ("Quý III/2026") take two lines
    ws.set_row_height(h0 + 1, 30).map_err(xlsx_error)?;
    two_rows(ws, c_ratio, "ratio")?;
    two_rows(ws, c_status, "status")?;
    two_rows(ws, c_expl, "explanation")?;
    two_rows(ws, c_id, "id")?;
    let widths =
        [(0u16, 5.0), (1, 40.0), (2, 10.0), (3, 28.0), (c_ratio, 10.0), (c_status, 14.0), (c_expl, 90.0), (c_id, 24.0)];
    for (c, w) in widths {
        ws.set_column_width(c, w).map_err(xlsx_error)?;
    }
    // the wrapped columns, for the rows' heights (a reader does not grow a row to fit wrapped text by itself)
    let wrapped = |c: u16| widths.iter().find(|(x, _)| *x == c).map_or(PERIOD_WIDTH, |(_, w)| *w);
    let mut r = h0 + 2;
    for (gi, g) in card.groups.iter().enumerate() {
        let heading = format!("{} {}", g.section, if vi { &g.title_vi } else { &g.title_en });
        ws.write_string_with_format(r, 0, roman(gi + 1), &group).map_err(xlsx_error)?;
        ws.merge_range(r, 1, r, c_id, cell_text(&heading), &group).map_err(xlsx_error)?;
        r += 1;
        for (i, id) in g.targets.iter().enumerate() {
            let Some(ev) = card.evaluations.iter().find(|e| &e.target == id) else { continue };
            ws.write_number_with_format(r, 0, (i + 1) as f64, &num).map_err(xlsx_error)?;
            let words_ = if vi {
                ev.sources.first().map_or(ev.indicator_vi.as_str(), |s| s.quote.as_str())
            } else {
                ev.summary_en.as_str()
            };
            ws.write_string_with_format(r, 1, cell_text(words_), &cell).map_err(xlsx_error)?;
            let u = if vi { ev.unit.to_string() } else { ev.unit_en.to_string() };
            ws.write_string_with_format(r, 2, u, &cell).map_err(xlsx_error)?;
            let rule = if vi { &ev.reference_vi } else { &ev.reference_en };
            ws.write_string_with_format(r, 3, cell_text(rule), &cell).map_err(xlsx_error)?;
            for j in 0..periods.len() {
                ws.write_blank(r, c_period + j as u16, &num).map_err(xlsx_error)?;
            }
            for f in used_figures(ev, figures, unit) {
                let Some(j) = periods.iter().position(|p| *p == column_period(f.period)) else { continue };
                let c = c_period + j as u16;
                match f.value {
                    FigureValue::Number(d) => write_decimal(ws, r, c, d, &num)?,
                    FigureValue::Growth(g) => write_number(ws, r, c, g, &num, true)?,
                    FigureValue::Ratio(..) => {
                        let per = catalogue.indicator(&ev.indicator).and_then(|i| i.per);
                        match crate::evaluate::figure_quantity(&f.value, per)
                            .and_then(|q| q.to_decimal(card_decimals(ev)))
                        {
                            Some(d) => write_decimal(ws, r, c, d, &num)?,
                            None => {
                                ws.write_string_with_format(r, c, "—", &num).map_err(xlsx_error)?;
                            }
                        }
                    }
                    FigureValue::Done(b) => {
                        ws.write_string_with_format(r, c, words(if b { "yes" } else { "no" }, lang), &num)
                            .map_err(xlsx_error)?;
                    }
                    FigureValue::Completed(d) => write_date(ws, r, c, d, &num)?,
                }
            }
            match ev.achievement_ratio {
                Some(x) => {
                    let f = num.clone().set_num_format("0.0%");
                    match x.to_f64() {
                        Some(v) => ws.write_number_with_format(r, c_ratio, v, &f).map_err(xlsx_error)?,
                        None => ws.write_blank(r, c_ratio, &num).map_err(xlsx_error)?,
                    };
                }
                None => {
                    ws.write_blank(r, c_ratio, &num).map_err(xlsx_error)?;
                }
            }
            let label = if vi { &ev.status_vi } else { &ev.status_en };
            ws.write_string_with_format(r, c_status, label.as_ref(), &status_format(ev.status)).map_err(xlsx_error)?;
            let expl = if vi { &ev.explanation_vi } else { &ev.explanation_en };
            ws.write_string_with_format(r, c_expl, cell_text(expl), &cell).map_err(xlsx_error)?;
            ws.write_string_with_format(r, c_id, ev.target.as_str(), &cell).map_err(xlsx_error)?;
            let height = row_height(&[
                (words_, wrapped(1)),
                (rule.as_str(), wrapped(3)),
                (expl.as_str(), wrapped(c_expl)),
                (if vi { &ev.status_vi } else { &ev.status_en }, wrapped(c_status)),
            ]);
            ws.set_row_height(r, height).map_err(xlsx_error)?;
            r += 1;
        }
    }
    ws.set_freeze_panes(h0 + 2, 2).map_err(xlsx_error)?;
    // printed: the columns of a progress report (STT to Đánh giá) on A4 landscape, as wide as the page; the
    // explanation and the id stay on screen (they would shrink the table to an unreadable size)
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.set_print_area(0, 0, r.saturating_sub(1).max(h0 + 1), c_status).map_err(xlsx_error)?;
    ws.set_repeat_rows(h0, h0 + 1).map_err(xlsx_error)?;

    // the counts
    let ws = wb.add_worksheet();
    ws.set_name(words("counts", lang)).map_err(xlsx_error)?;
    ws.write_string_with_format(0, 0, head.first().map_or("", |s| s.as_str()), &title).map_err(xlsx_error)?;
    ws.write_string(1, 0, head.get(1).map_or("", |s| s.as_str())).map_err(xlsx_error)?;
    ws.write_string_with_format(3, 0, words("status", lang), &header).map_err(xlsx_error)?;
    ws.write_string_with_format(3, 1, words("count", lang), &header).map_err(xlsx_error)?;
    ws.set_column_width(0, 24).map_err(xlsx_error)?;
    ws.set_column_width(1, 12).map_err(xlsx_error)?;
    let mut r = 4;
    for c in &card.counts {
        let label = if vi { &c.label_vi } else { &c.label_en };
        ws.write_string_with_format(r, 0, label.as_str(), &status_format(c.status)).map_err(xlsx_error)?;
        ws.write_number_with_format(r, 1, c.count as f64, &num).map_err(xlsx_error)?;
        r += 1;
    }
    let total: usize = card.counts.iter().map(|c| c.count).sum();
    ws.write_string_with_format(r, 0, words("total", lang), &group).map_err(xlsx_error)?;
    ws.write_number_with_format(r, 1, total as f64, &group).map_err(xlsx_error)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);

    // the discrepancies
    let ws = wb.add_worksheet();
    ws.set_name(words("discrepancies", lang)).map_err(xlsx_error)?;
    ws.write_string_with_format(0, 0, words("discrepancies_title", lang), &title).map_err(xlsx_error)?;
    for (c, (k, w)) in
        [("stt", 5.0), ("id", 24.0), ("kind", 14.0), ("targets", 30.0), ("summary", 60.0), ("quotes", 70.0)]
            .iter()
            .enumerate()
    {
        ws.write_string_with_format(2, c as u16, words(k, lang), &header).map_err(xlsx_error)?;
        ws.set_column_width(c as u16, *w).map_err(xlsx_error)?;
    }
    for (i, d) in card.discrepancies.iter().enumerate() {
        let r = 3 + i as u32;
        let kind = match d.kind {
            crate::model::DiscrepancyKind::Contradiction => words("contradiction", lang),
            crate::model::DiscrepancyKind::Oddity => words("oddity", lang),
        };
        let quotes = d
            .quotes
            .iter()
            .map(|q| format!("{}: \u{201c}{}\u{201d}", q.section, q.quote))
            .collect::<Vec<_>>()
            .join("\n");
        ws.write_number_with_format(r, 0, (i + 1) as f64, &num).map_err(xlsx_error)?;
        ws.write_string_with_format(r, 1, d.id.as_str(), &cell).map_err(xlsx_error)?;
        ws.write_string_with_format(r, 2, kind, &cell).map_err(xlsx_error)?;
        ws.write_string_with_format(r, 3, cell_text(&d.targets.join(", ")), &cell).map_err(xlsx_error)?;
        let s = if vi { &d.summary_vi } else { &d.summary_en };
        ws.write_string_with_format(r, 4, cell_text(s), &cell).map_err(xlsx_error)?;
        ws.write_string_with_format(r, 5, cell_text(&quotes), &cell).map_err(xlsx_error)?;
        ws.set_row_height(r, row_height(&[(s.as_str(), 60.0), (&quotes, 70.0), (&d.targets.join(", "), 30.0)]))
            .map_err(xlsx_error)?;
    }
    ws.set_freeze_panes(3, 0).map_err(xlsx_error)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(2, 2).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

/// The width of a period column of the report, in characters.
const PERIOD_WIDTH: f64 = 9.0;

/// Most data rows a sheet holds: Excel's 1,048,576 rows, less the header.
const SHEET_ROWS: usize = 1_048_575;

/// The flat verdict table of a batch ([`crate::batch::BatchTable`]) as a workbook: a sheet `verdicts` with the
/// columns of [`crate::batch::CSV_HEADER`] (a row a unit and target, the status on the scorecard's colours,
/// decimals as number cells showing exactly their own digits, `aim_reached` as TRUE/FALSE, `error_row` a number),
/// filters on the header and the first two columns frozen; then a sheet `errors` with the columns of
/// [`crate::batch::ERRORS_CSV_HEADER`]. A table longer than a sheet's rows goes on in `verdicts (2)`, ... each
/// with the header. The same cells as [`crate::batch::BatchTable::to_csv`] and
/// [`crate::batch::BatchTable::errors_csv`], a decimal of more than 15 significant digits written as its exact text.
///
/// ```
/// use chitieu::{batch, office, parse_as_of, Catalogue, Options};
/// let catalogue = Catalogue::builtin();
/// let csv = "unit,indicator,period,value\nU1,grdp,2025,10000\nU1,grdp,2026,11600\n";
/// let (figures, errors) = batch::read_csv(&catalogue, csv)?;
/// let table = batch::evaluate(&catalogue, &figures, errors, &Options::new(parse_as_of("2026").unwrap()))?;
/// let bytes = office::batch_xlsx(&table)?;
/// assert_eq!(&bytes[..2], b"PK"); // a zip
/// # Ok::<(), chitieu::Error>(())
/// ```
pub fn batch_xlsx(table: &crate::batch::BatchTable) -> Result<Vec<u8>> {
    batch_xlsx_sheets(table, SHEET_ROWS)
}

/// [`batch_xlsx`] with at most `per_sheet` rows a sheet.
fn batch_xlsx_sheets(table: &crate::batch::BatchTable, per_sheet: usize) -> Result<Vec<u8>> {
    use crate::batch::{CSV_HEADER, ERRORS_CSV_HEADER};
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_background_color(Color::RGB(0xd9e2f3)).set_border(FormatBorder::Thin);
    let plain = Format::new();
    let status_formats: Vec<Format> = Status::ALL
        .iter()
        .map(|s| {
            Format::new().set_bold().set_font_color(Color::White).set_background_color(Color::RGB(status_colour(*s)))
        })
        .collect();
    // a number format for each count of decimals (a decimal has at most 28), made once
    let number_formats: Vec<Format> = (0..=28)
        .map(|k| plain.clone().set_num_format(if k == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(k)) }))
        .collect();
    let columns: Vec<&str> = CSV_HEADER.split(',').collect();
    let widths = [10.0, 36.0, 13.0, 12.0, 12.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 11.0, 22.0, 9.0];
    let per_sheet = per_sheet.max(1);
    let n = table.len();
    let sheets = n.div_ceil(per_sheet).max(1);
    let mut rows = table.iter();
    for s in 0..sheets {
        let ws = wb.add_worksheet();
        ws.set_name(if s == 0 { "verdicts".to_string() } else { format!("verdicts ({})", s + 1) })
            .map_err(xlsx_error)?;
        for (c, name) in columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &head).map_err(xlsx_error)?;
            ws.set_column_width(c as u16, widths.get(c).copied().unwrap_or(10.0)).map_err(xlsx_error)?;
        }
        let here = per_sheet.min(n - s * per_sheet);
        for i in 0..here {
            let Some(r) = rows.next() else { break };
            let at = i as u32 + 1;
            let numbers = r.outcome.unwrap_or_default();
            if let Some(u) = table.unit(&r) {
                ws.write_string(at, 0, cell_text(u)).map_err(xlsx_error)?;
            }
            ws.write_string(at, 1, cell_text(table.target(&r))).map_err(xlsx_error)?;
            if let Some(st) = r.status {
                let k = Status::ALL.iter().position(|x| *x == st).unwrap_or(0);
                ws.write_string_with_format(at, 2, st.code(), &status_formats[k]).map_err(xlsx_error)?;
            }
            // the decimals in the header's order, `value_period` after `value`
            let mut c = 3u16;
            for (k, d) in numbers.decimals().iter().enumerate() {
                if let Some(d) = d {
                    let digits = d.mantissa().unsigned_abs().to_string().len();
                    match d.to_f64() {
                        Some(f) if digits <= 15 => {
                            let format = &number_formats[(d.scale() as usize).min(28)];
                            ws.write_number_with_format(at, c, f, format).map_err(xlsx_error)?
                        }
                        _ => ws.write_string(at, c, d.to_string()).map_err(xlsx_error)?,
                    };
                }
                c += 1;
                if k == 0 {
                    if let Some(p) = numbers.value_period {
                        ws.write_string(at, c, p.to_string()).map_err(xlsx_error)?;
                    }
                    c += 1;
                }
            }
            if let Some(b) = numbers.aim_reached {
                ws.write_boolean(at, c, b).map_err(xlsx_error)?;
            }
            if let Some(e) = r.error.and_then(|e| table.errors.get(e as usize)) {
                ws.write_string(at, c + 1, e.error.code()).map_err(xlsx_error)?;
                if let Some(row) = e.row {
                    ws.write_number(at, c + 2, row as f64).map_err(xlsx_error)?;
                }
            }
        }
        ws.set_freeze_panes(1, 2).map_err(xlsx_error)?;
        ws.autofilter(0, 0, here.max(1) as u32, columns.len() as u16 - 1).map_err(xlsx_error)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("errors").map_err(xlsx_error)?;
    for (c, (name, width)) in ERRORS_CSV_HEADER.split(',').zip([9.0, 10.0, 36.0, 26.0, 100.0]).enumerate() {
        ws.write_string_with_format(0, c as u16, name, &head).map_err(xlsx_error)?;
        ws.set_column_width(c as u16, width).map_err(xlsx_error)?;
    }
    for (i, e) in table.errors.iter().enumerate() {
        let at = i as u32 + 1;
        if let Some(row) = e.row {
            ws.write_number(at, 0, row as f64).map_err(xlsx_error)?;
        }
        if let Some(u) = &e.unit {
            ws.write_string(at, 1, cell_text(u)).map_err(xlsx_error)?;
        }
        if let Some(t) = &e.target {
            ws.write_string(at, 2, cell_text(t)).map_err(xlsx_error)?;
        }
        ws.write_string(at, 3, e.error.code()).map_err(xlsx_error)?;
        ws.write_string(at, 4, cell_text(&e.error.to_string())).map_err(xlsx_error)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

/// The height in points of a row whose wrapped cells hold `cells` (text, column width in characters): the most
/// lines any of them takes at about one character per width unit (15 points a line, the default row's height).
fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 1.1).max(1.0);
            text.split('\n').map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0)).sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines * 15.0).min(409.0)
}

/// Decimals to show a ratio figure with (those of the evaluation's value, at least 2).
fn card_decimals(ev: &Evaluation) -> u32 {
    ev.value.map_or(2, |v| v.scale().max(2))
}

/// Roman numerals for the group rows (I, II, ... as Vietnamese reports number their parts).
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "docx")]
    use crate::parse_as_of;

    /// The row number of an A1 reference.
    #[cfg(feature = "docx")]
    fn row_of(a1: &str) -> u32 {
        a1.trim_start_matches(|ch: char| ch.is_ascii_uppercase()).parse().unwrap()
    }

    #[test]
    fn a_row_is_as_tall_as_its_longest_wrapped_cell() {
        assert_eq!(row_height(&[("", 10.0)]), 15.0);
        assert_eq!(row_height(&[("x".repeat(11).as_str(), 10.0)]), 15.0); // 11 characters fit a width of 10
        assert_eq!(row_height(&[("x".repeat(12).as_str(), 10.0)]), 30.0);
        assert_eq!(row_height(&[("a\nb\nc", 40.0), ("x".repeat(30).as_str(), 10.0)]), 45.0);
        assert_eq!(row_height(&[("x".repeat(100_000).as_str(), 10.0)]), 409.0); // Excel's highest row
    }

    #[test]
    fn sheet_names_fit_and_differ() {
        let mut taken = vec!["Hướng dẫn".to_string()];
        assert_eq!(sheet_name("PL2 I.1", &mut taken), "PL2 I.1");
        assert_eq!(sheet_name("a/b:c", &mut taken), "a-b-c");
        let long = "x".repeat(40);
        let a = sheet_name(&long, &mut taken);
        let b = sheet_name(&long, &mut taken);
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b, format!("{} (2)", "x".repeat(27)));
        assert_eq!(sheet_name("", &mut taken), "Khác");
        assert_eq!(sheet_name("HƯỚNG DẪN", &mut taken), "HƯỚNG DẪN (2)");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn the_status_colours_are_the_html_scorecards() {
        // read independently from the Python package's HTML renderer
        let html = include_str!("../../python/chitieu/_html.py");
        for s in Status::ALL {
            let line = format!("Status.{}: \"#{:06x}\"", s.code().to_uppercase(), status_colour(s));
            assert!(html.contains(&line), "{line}");
        }
    }

    /// A written workbook read back through the crate's own zip reader (feature `docx`) and plain text scanning.
    #[cfg(feature = "docx")]
    struct Book(Vec<u8>);

    #[cfg(feature = "docx")]
    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
    }

    /// The value of attribute `name` in the tag text `tag`.
    #[cfg(feature = "docx")]
    fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
        let key = format!(" {name}=\"");
        let at = tag.find(&key)? + key.len();
        Some(&tag[at..at + tag[at..].find('"')?])
    }

    #[cfg(feature = "docx")]
    impl Book {
        fn part(&self, name: &str) -> String {
            String::from_utf8(crate::docx::read_zip_entry(&self.0, name).expect(name)).expect("UTF-8")
        }

        fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
            let open = format!("<{tag} ");
            let mut out = Vec::new();
            let mut rest = xml;
            while let Some(i) = rest.find(&open) {
                let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
                out.push(&rest[i..end]);
                rest = &rest[end..];
            }
            out
        }

        fn sheet_names(&self) -> Vec<String> {
            Self::tags(&self.part("xl/workbook.xml"), "sheet")
                .iter()
                .map(|t| unescape(attr(t, "name").unwrap()))
                .collect()
        }

        fn shared(&self) -> Vec<String> {
            let xml = self.part("xl/sharedStrings.xml");
            xml.split("<si>")
                .skip(1)
                .map(|si| {
                    let si = &si[..si.find("</si>").unwrap()];
                    let mut text = String::new();
                    for piece in si.split("<t").skip(1) {
                        let body = &piece[piece.find('>').unwrap() + 1..];
                        text.push_str(&unescape(&body[..body.find("</t>").unwrap_or(0)]));
                    }
                    text
                })
                .collect()
        }

        /// Every cell of sheet `n` (1-based): (reference, text of the value, style index).
        fn cells(&self, n: usize) -> Vec<(String, String, usize)> {
            let xml = self.part(&format!("xl/worksheets/sheet{n}.xml"));
            let shared = self.shared();
            let mut out = Vec::new();
            for piece in xml.split("<c r=\"").skip(1) {
                let r = &piece[..piece.find('"').unwrap()];
                let tag = &piece[..piece.find('>').unwrap()];
                let style = attr(&format!(" {tag}"), "s").map_or(0, |s| s.parse().unwrap());
                let value = if tag.ends_with('/') {
                    String::new()
                } else {
                    let v = piece.find("<v>").map(|i| &piece[i + 3..i + piece[i..].find("</v>").unwrap()]);
                    match (attr(&format!(" {tag}"), "t"), v) {
                        (Some("s"), Some(v)) => shared[v.parse::<usize>().unwrap()].clone(),
                        (_, Some(v)) => unescape(v),
                        _ => String::new(),
                    }
                };
                out.push((r.to_string(), value, style));
            }
            out
        }

        fn cell(&self, n: usize, r: &str) -> String {
            self.cells(n).into_iter().find(|(x, _, _)| x == r).map(|(_, v, _)| v).unwrap_or_default()
        }

        /// The fill colour (`RRGGBB`) of a style index.
        fn fill(&self, style: usize) -> Option<String> {
            let xml = self.part("xl/styles.xml");
            let xfs = &xml[xml.find("<cellXfs").unwrap()..];
            let xf = Self::tags(xfs, "xf")[style];
            let fill: usize = attr(xf, "fillId").unwrap().parse().unwrap();
            let fills = &xml[xml.find("<fills").unwrap()..xml.find("</fills>").unwrap()];
            let f = fills.split("<fill>").nth(fill + 1)?;
            attr(f, "rgb").map(|c| c[2..].to_string())
        }
    }

    /// Column letters of a 0-based index.
    #[cfg(feature = "docx")]
    fn col_name(mut c: usize) -> String {
        let mut s = String::new();
        loop {
            s.insert(0, (b'A' + (c % 26) as u8) as char);
            if c < 26 {
                break;
            }
            c = c / 26 - 1;
        }
        s
    }

    #[cfg(feature = "docx")]
    #[test]
    fn the_template_workbook_has_the_parts_headers_validations_and_panes() {
        let cat = Catalogue::builtin();
        let as_of = parse_as_of("2027").unwrap();
        let book = Book(template_xlsx(&cat, as_of).unwrap());
        let names = book.sheet_names();
        let needs = template::needs(&cat, as_of);
        let mut parts: Vec<String> = Vec::new();
        for (id, _, _) in template::parts(&cat) {
            if needs.iter().any(|n| n.section == id) {
                parts.push(id);
            }
        }
        assert_eq!(names[0], "Hướng dẫn");
        assert_eq!(names[1..], parts[..]);
        assert!(names.contains(&"B.II.1".to_string()) && names.contains(&"PL2 II".to_string()), "{names:?}");
        // the instructions sheet has no `indicator` header (the reader skips it) and says what an empty cell is
        let instructions: Vec<String> = book.cells(1).into_iter().map(|c| c.1).collect();
        assert!(instructions.iter().all(|t| !t.contains("(indicator)")));
        assert!(instructions.iter().any(|t| t.contains("Ô để trống nghĩa là chưa có số liệu")));
        // every row of every part sheet is a need of that part, every need is a row
        let mut rows_seen = 0;
        for (k, part) in parts.iter().enumerate() {
            let n = k + 2;
            let cells = book.cells(n);
            let header: Vec<&(String, String, usize)> = cells
                .iter()
                .filter(|c| c.0.ends_with('3') && c.0[..c.0.len() - 1].chars().all(|ch| ch.is_ascii_uppercase()))
                .collect();
            let key = |h: &str| {
                header.iter().find(|c| c.1.ends_with(&format!("({h})"))).map(|c| c.0[..c.0.len() - 1].to_string())
            };
            let (ci, cf) = (key("indicator").unwrap(), key("field").unwrap());
            assert_eq!(book.cell(n, "A3"), "STT (stt)");
            assert_eq!(book.cell(n, &format!("{ci}3")), "Mã chỉ tiêu (indicator)");
            let here: Vec<&Need> = needs.iter().filter(|x| &x.section == part).collect();
            for (i, need) in here.iter().enumerate() {
                let row = 4 + i;
                assert_eq!(book.cell(n, &format!("{ci}{row}")), need.indicator, "{part} row {row}");
                assert_eq!(book.cell(n, &format!("{cf}{row}")), need.field.name());
                rows_seen += 1;
            }
            assert_eq!(book.cell(n, &format!("{ci}{}", 4 + here.len())), "");
            // the header row and the first two columns are frozen
            let xml = book.part(&format!("xl/worksheets/sheet{n}.xml"));
            assert!(
                xml.contains(
                    r#"<pane xSplit="2" ySplit="3" topLeftCell="C4" activePane="bottomRight" state="frozen"/>"#
                ),
                "{part}"
            );
        }
        assert_eq!(rows_seen, needs.len());
        // grdp's part: the periods due 2025-2027 as columns; its row's cells to fill are those three, validated
        let k = parts.iter().position(|p| p == "B.II.1").unwrap() + 2;
        let cells = book.cells(k);
        let grdp_row = cells
            .iter()
            .find(|c| c.1 == "grdp")
            .unwrap()
            .0
            .trim_start_matches(|ch: char| ch.is_ascii_uppercase())
            .to_string();
        let col_of = |text: &str| {
            cells.iter().find(|c| c.0.ends_with('3') && c.1 == text).map(|c| c.0[..c.0.len() - 1].to_string())
        };
        for y in ["2025", "2026", "2027"] {
            assert!(col_of(y).is_some(), "{y}");
        }
        assert!(col_of("2028").is_none());
        let xml = book.part(&format!("xl/worksheets/sheet{k}.xml"));
        let c2027 = col_of("2027").unwrap();
        let dv = Book::tags(&xml, "dataValidation");
        let grdp_dv =
            dv.iter().find(|t| attr(t, "sqref") == Some(&format!("{c2027}{grdp_row}"))).expect("grdp 2027 validated");
        assert_eq!(attr(grdp_dv, "type"), Some("decimal"));
        // a share row: 0-100; a count row: whole numbers from 0
        let share = needs
            .iter()
            .find(|n| n.section == "B.II.1" && cat.indicator(&n.indicator).unwrap().measure == Measure::Share)
            .unwrap();
        let srow = cells
            .iter()
            .find(|c| c.1 == share.indicator)
            .unwrap()
            .0
            .trim_start_matches(|ch: char| ch.is_ascii_uppercase())
            .to_string();
        let pcol = col_of(&share.periods.last().unwrap().to_string()).unwrap();
        let at = xml.find(&format!("sqref=\"{pcol}{srow}\"")).expect("share validated");
        let tail = &xml[at..at + 200];
        assert!(tail.contains("<formula1>0</formula1><formula2>100</formula2>"), "{tail}");
        // somewhere: a yes/no list, a whole-number rule, a date rule; notes on the headers
        let all: String = (2..names.len() + 1).map(|n| book.part(&format!("xl/worksheets/sheet{n}.xml"))).collect();
        assert!(all.contains("<formula1>\"có,không\"</formula1>"));
        assert!(all.contains("type=\"whole\" operator=\"greaterThanOrEqual\""));
        assert!(all.contains("type=\"date\""));
        let notes = book.part("xl/comments2.xml");
        assert!(notes.contains("Mã chỉ tiêu: máy đọc cột này"), "{notes}");
        // the cells to fill are unlocked and shaded
        let style = cells.iter().find(|c| c.0 == format!("{c2027}{grdp_row}")).unwrap().2;
        assert_eq!(book.fill(style).as_deref(), Some("FFF2CC"));
        let styles = book.part("xl/styles.xml");
        assert!(styles.contains("<protection locked=\"0\"/>"));
        let _ = col_name(0);
    }

    #[cfg(feature = "docx")]
    #[test]
    fn the_report_workbook_has_the_layout_colours_and_print_setup() {
        let cat = Catalogue::builtin();
        let figures = Figures::from_csv(
            &cat,
            "indicator,period,value\ngrdp,2025,10000\ngrdp,2026,11700\nonline_dossiers,2026,85.5\n",
        )
        .unwrap();
        let card =
            crate::report::scorecard(&cat, &figures, &crate::Options::new(parse_as_of("2026").unwrap())).unwrap();
        for lang in [Lang::Vi, Lang::En] {
            let book = Book(report_xlsx(&cat, &card, &figures, lang).unwrap());
            let names = book.sheet_names();
            let expected: [&str; 3] = if lang == Lang::Vi {
                ["Báo cáo", "Tổng hợp", "Mâu thuẫn"]
            } else {
                ["Report", "Summary", "Discrepancies"]
            };
            assert_eq!(names, expected);
            let cells = book.cells(1);
            // headers (two rows: "Thực hiện" over the periods 2025, 2026)
            let text_at = |r: &str| cells.iter().find(|c| c.0 == r).map(|c| c.1.clone()).unwrap_or_default();
            let head_row = 5; // title, as-of, counts, a blank row, then the headers
            assert_eq!(text_at(&format!("A{head_row}")), if lang == Lang::Vi { "STT" } else { "No." });
            assert_eq!(text_at(&format!("B{head_row}")), if lang == Lang::Vi { "Chỉ tiêu" } else { "Target" });
            assert_eq!(text_at(&format!("E{head_row}")), if lang == Lang::Vi { "Thực hiện" } else { "Actual" });
            assert_eq!(text_at(&format!("E{}", head_row + 1)), if lang == Lang::Vi { "năm 2025" } else { "2025" });
            assert_eq!(text_at(&format!("F{}", head_row + 1)), if lang == Lang::Vi { "năm 2026" } else { "2026" });
            assert_eq!(text_at(&format!("G{head_row}")), if lang == Lang::Vi { "So sánh" } else { "% of target" });
            // the grdp growth row: the figures as numbers, its status in words on its colour
            let id = cells.iter().find(|c| c.1 == "grdp_growth").unwrap();
            let row = id.0.trim_start_matches(|ch: char| ch.is_ascii_uppercase()).to_string();
            let ev = card.evaluations.iter().find(|e| e.target == "grdp_growth").unwrap();
            assert_eq!(text_at(&format!("E{row}")), "10000");
            assert_eq!(text_at(&format!("F{row}")), "11700");
            let status = cells.iter().find(|c| c.0 == format!("H{row}")).unwrap();
            assert_eq!(status.1, if lang == Lang::Vi { ev.status_vi.to_string() } else { ev.status_en.to_string() });
            assert_eq!(book.fill(status.2), Some(format!("{:06X}", status_colour(ev.status))));
            // "trên 85%": 85.5 against 85, the ratio 85.5/85 as a number shown in percent
            let online = cells.iter().find(|c| c.1 == "online_dossiers_2030").unwrap();
            let orow = online.0.trim_start_matches(|ch: char| ch.is_ascii_uppercase()).to_string();
            assert_eq!(text_at(&format!("F{orow}")), "85.5");
            let oev = card.evaluations.iter().find(|e| e.target == "online_dossiers_2030").unwrap();
            if let Some(r) = oev.achievement_ratio {
                assert_eq!(text_at(&format!("G{orow}")).parse::<f64>().unwrap(), r.to_f64().unwrap());
            }
            if lang == Lang::Vi {
                // the document's words
                assert!(text_at(&format!("B{orow}")).contains(&oev.sources[0].quote));
            }
            // group rows: bold, the section's heading
            assert!(cells.iter().any(|c| c.1.starts_with("B.II.1 ")));
            // print setup: A4 landscape, fitted to the width, the two header rows repeated
            let xml = book.part("xl/worksheets/sheet1.xml");
            assert!(xml.contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#), "{xml}");
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#));
            assert!(xml.contains(r#"state="frozen""#));
            let wb = book.part("xl/workbook.xml");
            let quoted = if lang == Lang::Vi { format!("'{}'", expected[0]) } else { expected[0].to_string() };
            assert!(wb.contains(&format!("{quoted}!$5:$6</definedName>")), "{wb}");
            // the print area: STT to the status column (H here), header to the last row; the explanation is
            // left out of print
            let area = wb.split("_xlnm.Print_Area").nth(1).map(|x| x[..x.find("</definedName>").unwrap()].to_string());
            let area = area.expect("a print area");
            assert!(
                area.ends_with(&format!("!$A$1:$H${}", cells.iter().map(|c| row_of(&c.0)).max().unwrap())),
                "{area}"
            );
            // a row grows with its wrapped text: the online dossiers' row holds a quote of over 40 characters
            let heights = Book::tags(&xml, "row");
            let height = |r: &str| {
                heights
                    .iter()
                    .find(|t| attr(t, "r") == Some(r))
                    .and_then(|t| attr(t, "ht"))
                    .map(|h| h.parse::<f64>().unwrap())
            };
            let expl = if lang == Lang::Vi { &oev.explanation_vi } else { &oev.explanation_en };
            let lines = (expl.chars().count() as f64 / 99.0).ceil();
            assert!(height(&orow).unwrap() >= lines * 15.0, "{:?} for {lines} lines", height(&orow));
            // the counts: one row a status and the total
            let counts = book.cells(2);
            assert!(counts.iter().any(|c| c.1 == card.evaluations.len().to_string()));
            // the discrepancies: one row each
            let d = book.cells(3);
            for x in &cat.discrepancies {
                assert!(d.iter().any(|c| c.1 == x.id), "{}", x.id);
            }
        }
    }

    /// Every sheet of a workbook as rows of cell texts, read back by calamine (an independent reader): a number as
    /// the shortest text of its double, a boolean as `true`/`false`, an empty cell as "".
    #[cfg(feature = "xlsx")]
    fn sheets_of(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
        use calamine::{Data, Reader, Xlsx};
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let names = wb.sheet_names().to_vec();
        names
            .into_iter()
            .map(|name| {
                let range = wb.worksheet_range(&name).unwrap();
                let width = range.width();
                let rows = range
                    .rows()
                    .map(|r| {
                        (0..width)
                            .map(|c| match r.get(c) {
                                None | Some(Data::Empty) => String::new(),
                                Some(Data::String(t)) => t.clone(),
                                Some(Data::Float(f)) => format!("{f}"),
                                Some(Data::Int(i)) => i.to_string(),
                                Some(Data::Bool(b)) => b.to_string(),
                                Some(other) => panic!("unexpected cell {other:?}"),
                            })
                            .collect()
                    })
                    .collect();
                (name, rows)
            })
            .collect()
    }

    /// A cell read back equals the CSV's text: the same text, or the same decimal value (a number cell holds the
    /// nearest double, whose shortest text is the decimal when it has at most 15 significant digits).
    #[cfg(feature = "xlsx")]
    fn same_cell(csv: &str, xlsx: &str) -> bool {
        use std::str::FromStr;
        csv == xlsx || matches!((Decimal::from_str(csv), Decimal::from_str(xlsx)), (Ok(a), Ok(b)) if a == b)
    }

    #[test]
    #[cfg(feature = "xlsx")]
    fn the_batch_workbook_holds_the_csv_tables_cells() {
        use crate::batch;
        let catalogue = Catalogue::builtin();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/batch/many_units.csv")).unwrap();
        let (figures, errors) = batch::read_csv(&catalogue, &text).unwrap();
        let options = crate::Options::new(crate::parse_as_of("2030").unwrap());
        let table = batch::evaluate(&catalogue, &figures, errors, &options).unwrap();
        assert!(!table.errors.is_empty() && table.len() > 100);
        let csv_rows = |t: &str| -> Vec<Vec<String>> {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(t.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect()
        };
        let (want, want_errors) = (csv_rows(&table.to_csv()), csv_rows(&table.errors_csv()));
        // one sheet, and the same table cut into sheets of 7 rows
        for per_sheet in [SHEET_ROWS, 7] {
            let sheets = sheets_of(&batch_xlsx_sheets(&table, per_sheet).unwrap());
            let (errors_sheet, verdict_sheets) = sheets.split_last().unwrap();
            assert_eq!(verdict_sheets.len(), table.len().div_ceil(per_sheet));
            let mut got = vec![want[0].clone()];
            for (k, (name, rows)) in verdict_sheets.iter().enumerate() {
                assert_eq!(name, &if k == 0 { "verdicts".to_string() } else { format!("verdicts ({})", k + 1) });
                assert_eq!(rows[0], want[0], "every sheet has the header");
                assert!(rows.len() - 1 <= per_sheet);
                got.extend(rows[1..].iter().cloned());
            }
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g.len(), w.len());
                for (a, b) in w.iter().zip(g) {
                    assert!(same_cell(a, b), "{a:?} written as {b:?} in {w:?}");
                }
            }
            assert_eq!(errors_sheet.0, "errors");
            assert_eq!(errors_sheet.1.len(), want_errors.len());
            for (g, w) in errors_sheet.1.iter().zip(&want_errors) {
                for (a, b) in w.iter().zip(g) {
                    assert!(same_cell(a, b), "{a:?} written as {b:?}");
                }
            }
        }
    }

    #[test]
    #[cfg(feature = "xlsx")]
    fn a_decimal_a_double_cannot_show_is_written_as_text() {
        use crate::batch;
        let catalogue = Catalogue::builtin();
        // 16 significant digits: the nearest double would show 1234567890.123457
        let csv = "unit,indicator,period,value\nU1,population_density,2030,1234567890.123456\n";
        let (figures, errors) = batch::read_csv(&catalogue, csv).unwrap();
        let table =
            batch::evaluate(&catalogue, &figures, errors, &crate::Options::new(crate::parse_as_of("2030").unwrap()))
                .unwrap();
        let sheets = sheets_of(&batch_xlsx(&table).unwrap());
        let cells: Vec<&String> = sheets[0].1.iter().flatten().collect();
        assert!(table.to_csv().contains("1234567890.123456"));
        assert!(cells.iter().any(|c| c.as_str() == "1234567890.123456"), "{cells:?}");
    }
}
