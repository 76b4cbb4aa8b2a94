//! Spreadsheet files: the portfolio written as `.xlsx` (rust_xlsxwriter, constant-memory
//! worksheets), and the first sheet of an `.xlsx`/`.ods` read for an import (calamine).
//!
//! What goes into the workbook and what the rows mean is `domain::spreadsheet`; this
//! module only turns it into bytes and back. Files are read bounded and never through a
//! link ([`super::fsio::read_regular`]); the export is written atomically
//! ([`super::fsio::write_export`]), so a failure leaves no partial file.

//!
//! Reading is split by what it guards against: `read.rs` reads the first sheet (an
//! .xlsx cell by cell), `guard.rs` checks a workbook's parts before the reader parses
//! them (hostile counts, a cut-short .ods), `merged.rs` finds merged header cells.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::{StorageError, fsio};
use crate::domain::spreadsheet::{OutCell, PortfolioBook};

mod csv;
mod guard;
mod merged;
mod read;
mod summary;
mod xls_guard;

pub use read::read_workbook;
pub use summary::summary_bytes;

/// Largest spreadsheet read for an import (a list of 20,000 products is a few MB).
pub const MAX_SPREADSHEET_BYTES: u64 = 64 * 1024 * 1024;

/// Why a spreadsheet could not be read (translated in `text::spreadsheet_error`).
#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    /// The file could not be read at all (missing, a link, too large, no permission).
    #[error(transparent)]
    File(#[from] StorageError),
    /// Not a workbook nor a .csv file (e.g. a PDF renamed).
    #[error("not a spreadsheet (.xlsx, .xls, .ods or .csv) — {path}")]
    NotASpreadsheet {
        /// The file.
        path: PathBuf,
    },
    /// An encrypted Office file: protected by a password.
    #[error("protected by a password; save it without a password and try again — {path}")]
    Protected {
        /// The file.
        path: PathBuf,
    },
    /// A workbook or text file with nothing in it.
    #[error("nothing in the file — {path}")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// Larger than an import reads: a cell beyond the limits, too many rows, or a
    /// workbook declaring more strings than it can hold. Refused before anything that big
    /// is allocated.
    #[error("too large to import: {limit:?} — {path}")]
    TooLarge {
        /// Which limit.
        limit: SheetLimit,
        /// The file.
        path: PathBuf,
    },
    /// The workbook is damaged (the reader's message).
    #[error("damaged spreadsheet: {message} — {path}")]
    Damaged {
        /// What the reader said.
        message: String,
        /// The file.
        path: PathBuf,
    },
}

/// Which limit a spreadsheet went over ([`SpreadsheetError::TooLarge`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetLimit {
    /// A value in a cell beyond the rows or columns an import reads (A1 reference).
    CellTooFar(String),
    /// More rows with values than [`MAX_IMPORT_ROWS`] (how many were found at least).
    TooManyRows(u64),
    /// The shared-string table declares more strings than [`MAX_SHARED_STRINGS`] or than
    /// its size can hold.
    TooManyStrings(u64),
}

/// Most rows with values an import reads (a province's list is a few thousand).
pub const MAX_IMPORT_ROWS: u64 = 50_000;
/// Rows and columns of a sheet an import looks at: title rows, the list, totals and
/// signatures fit well inside; a value beyond them is refused, never allocated for.
pub const MAX_SHEET_ROWS: u32 = 60_000;
/// Columns an import looks at (a published list has about 10 to 30).
pub const MAX_SHEET_COLUMNS: u32 = 512;
/// Shared strings a workbook may declare (a 50,000-row list has far fewer).
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;
/// Largest XML part of a workbook read uncompressed for the checks before parsing.
pub(super) const MAX_XML_PART_BYTES: u64 = 256 * 1024 * 1024;

/// A list laid out as provinces publish them, for the import benchmark: three merged
/// title rows, a two-row header with merged cells ("Quyết định công nhận" over "Số" and
/// "Ngày"), a row of column numbers, then `rows` (name, producer, address, product group,
/// score, star, decision number, decision date; no scoring-set column), a totals row and
/// a signature block.
pub fn write_published_list(path: &Path, rows: &[[String; 8]]) -> Result<(), StorageError> {
    let failed = |err: XlsxError| StorageError::Serialize {
        message: err.to_string(),
        path: path.to_owned(),
    };
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = Format::new();
    let titles = [
        "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
        "DANH SÁCH SẢN PHẨM ĐẠT CHUẨN OCOP",
        "(Kèm theo Quyết định số 1845/QĐ-UBND ngày 20/12/2025)",
    ];
    for (row, title) in (0u32..).zip(titles) {
        sheet
            .merge_range(row, 0, row, 8, title, &plain)
            .map_err(failed)?;
    }
    let headings = [
        "STT",
        "Tên sản phẩm",
        "Chủ thể sản xuất",
        "Địa chỉ",
        "Nhóm sản phẩm",
        "Số điểm",
        "Phân hạng",
    ];
    for (col, heading) in (0u16..).zip(headings) {
        sheet
            .merge_range(4, col, 5, col, heading, &plain)
            .map_err(failed)?;
    }
    sheet
        .merge_range(4, 7, 4, 8, "Quyết định công nhận", &plain)
        .map_err(failed)?;
    sheet.write_string(5, 7, "Số").map_err(failed)?;
    sheet.write_string(5, 8, "Ngày").map_err(failed)?;
    for col in 0..9u16 {
        sheet
            .write_number(6, col, f64::from(col + 1))
            .map_err(failed)?;
    }
    let mut row = 7u32;
    for (number, cells) in (1u32..).zip(rows) {
        sheet
            .write_number(row, 0, f64::from(number))
            .map_err(failed)?;
        for (col, value) in (1u16..).zip(cells) {
            sheet.write_string(row, col, value).map_err(failed)?;
        }
        row += 1;
    }
    sheet
        .merge_range(
            row,
            0,
            row,
            8,
            &format!("Tổng số: {} sản phẩm", rows.len()),
            &plain,
        )
        .map_err(failed)?;
    sheet
        .write_string(row + 2, 1, "Người lập biểu")
        .map_err(failed)?;
    sheet
        .write_string(row + 2, 6, "KT. CHỦ TỊCH")
        .map_err(failed)?;
    let bytes = workbook.save_to_buffer().map_err(failed)?;
    fsio::write_export(path, &bytes)
}

/// Writes the portfolio workbook to `path` (atomically: a temp file beside it, then a
/// rename; a failure leaves no partial file and names the path).
pub fn write_portfolio(path: &Path, book: &PortfolioBook) -> Result<(), StorageError> {
    let bytes = portfolio_bytes(book).map_err(|err| StorageError::Serialize {
        message: err.to_string(),
        path: path.to_owned(),
    })?;
    fsio::write_export(path, &bytes)
}

/// The `.xlsx` bytes of the portfolio workbook. The product sheet is a constant-memory
/// worksheet: rows go to a temp file as they are written, so memory stays bounded at
/// 20,000 products (only the zipped result is held).
pub fn portfolio_bytes(book: &PortfolioBook) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap();
    let date = Format::new().set_num_format(&book.date_format);
    let mut sheet = workbook.new_worksheet_with_constant_memory()?;
    sheet.set_name(&book.sheet_name)?;
    // Column widths before any row is written (constant-memory mode writes rows at once).
    for (col, header_text) in book.headers.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        let widest = book
            .rows
            .iter()
            .take(200)
            .filter_map(|r| r.get(usize::from(col)))
            .map(|c| match c {
                OutCell::Text(t) => t.chars().count(),
                OutCell::Date(_) => 11,
                OutCell::Int(_) | OutCell::Empty => 4,
            })
            .max()
            .unwrap_or(4)
            // Headers wrap (bold, text wrap): a long one does not widen its column.
            .max(header_text.chars().count().min(12));
        sheet.set_column_width(col, (widest.min(30) + 2) as f64)?;
    }
    for (col, header_text) in book.headers.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(col).unwrap_or(0), header_text, &header)?;
    }
    for (index, row) in book.rows.iter().enumerate() {
        let r = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (col, value) in row.iter().enumerate() {
            let c = u16::try_from(col).unwrap_or(u16::MAX);
            match value {
                OutCell::Text(t) if !t.is_empty() => {
                    sheet.write_string(r, c, t)?;
                }
                OutCell::Int(n) => {
                    sheet.write_number(r, c, f64::from(*n))?;
                }
                OutCell::Date(d) => {
                    sheet.write_date_with_format(r, c, d, &date)?;
                }
                OutCell::Text(_) | OutCell::Empty => {}
            }
        }
    }
    let last_row = u32::try_from(book.rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(book.headers.len().saturating_sub(1)).unwrap_or(0);
    sheet.set_freeze_panes(1, 0)?;
    // Printed: A4 landscape, all columns on one page wide, the header on every page.
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    workbook.push_worksheet(sheet);

    let summary = summary_sheet(book, &header)?;
    workbook.push_worksheet(summary);
    workbook.save_to_buffer()
}

/// The summary sheet: products by stage and by star, each with a bar chart.
fn summary_sheet(book: &PortfolioBook, header: &Format) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(&book.summary_name)?;
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 1);
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 12)?;
    let stage_top = 0u32;
    sheet.write_string_with_format(stage_top, 0, &book.stage_heading[0], header)?;
    sheet.write_string_with_format(stage_top, 1, &book.stage_heading[1], header)?;
    for (i, (label, count)) in book.by_stage.iter().enumerate() {
        let r = stage_top + 1 + u32::try_from(i).unwrap_or(0);
        sheet.write_string(r, 0, label)?;
        sheet.write_number(r, 1, *count as f64)?;
    }
    let stage_last = stage_top + u32::try_from(book.by_stage.len()).unwrap_or(0);
    let star_top = stage_last + 2;
    sheet.write_string_with_format(star_top, 0, &book.star_heading[0], header)?;
    sheet.write_string_with_format(star_top, 1, &book.star_heading[1], header)?;
    for (i, (label, count)) in book.by_star.iter().enumerate() {
        let r = star_top + 1 + u32::try_from(i).unwrap_or(0);
        sheet.write_string(r, 0, label)?;
        sheet.write_number(r, 1, *count as f64)?;
    }
    let star_last = star_top + u32::try_from(book.by_star.len()).unwrap_or(0);
    let name = book.summary_name.clone();
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((name.as_str(), stage_top + 1, 0, stage_last, 0))
        .set_values((name.as_str(), stage_top + 1, 1, stage_last, 1));
    chart.title().set_name(&book.chart_titles[0]);
    // Counts are whole numbers: whole-number gridlines (about five of them).
    let unit = |counts: &[(String, usize)]| {
        let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
        (most / 5).max(1) as f64
    };
    chart
        .x_axis()
        .set_min(0)
        .set_major_unit(unit(&book.by_stage));
    // A bar chart draws its first category at the bottom; reversed, the stages read from
    // the top in process order, as in the table beside it.
    chart.y_axis().set_reverse();
    chart.legend().set_hidden();
    sheet.insert_chart(0, 3, &chart)?;
    let mut star_chart = Chart::new(ChartType::Column);
    star_chart
        .add_series()
        .set_categories((name.as_str(), star_top + 1, 0, star_last, 0))
        .set_values((name.as_str(), star_top + 1, 1, star_last, 1));
    star_chart.title().set_name(&book.chart_titles[1]);
    star_chart
        .y_axis()
        .set_min(0)
        .set_major_unit(unit(&book.by_star));
    star_chart.legend().set_hidden();
    sheet.insert_chart(16, 3, &star_chart)?;
    Ok(sheet)
}
