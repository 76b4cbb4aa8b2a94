//! Spreadsheet files: the portfolio written as `.xlsx` (rust_xlsxwriter, constant-memory
//! worksheets), and the first sheet of an `.xlsx`/`.ods` read for an import (calamine).
//!
//! What goes into the workbook and what the rows mean is `domain::spreadsheet`; this
//! module only turns it into bytes and back. Files are read bounded and never through a
//! link ([`super::fsio::read_regular`]); the export is written atomically
//! ([`super::fsio::write_export`]), so a failure leaves no partial file.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use chrono::NaiveDate;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::{StorageError, fsio};
use crate::domain::spreadsheet::{self, Cell, OutCell, PortfolioBook, Sheet};

/// Largest spreadsheet read for an import (a list of 20,000 products is a few MB).
pub const MAX_SPREADSHEET_BYTES: u64 = 64 * 1024 * 1024;

/// Why a spreadsheet could not be read (translated in `text::spreadsheet_error`).
#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    /// The file could not be read at all (missing, a link, too large, no permission).
    #[error(transparent)]
    File(#[from] StorageError),
    /// Not an .xlsx/.ods workbook (e.g. a text file renamed).
    #[error("not a spreadsheet (.xlsx or .ods) — {path}")]
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
    /// A workbook whose first sheet holds no header and no rows.
    #[error("the first sheet is empty — {path}")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// Merged cells in the header row: columns cannot be told apart.
    #[error("merged cells in the header row ({cells}); unmerge them and try again — {path}")]
    MergedHeader {
        /// The merged ranges, as A1 references ("A1:C1").
        cells: String,
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

/// First bytes of a ZIP archive (.xlsx and .ods are ZIP files).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// First bytes of an OLE compound file: an encrypted .xlsx, or an old .xls.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether a compound file holds an encrypted Office package (its stream directory names
/// "EncryptedPackage", in UTF-16).
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// "A1"-style name of a 0-based column.
fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + u8::try_from(col % 26).unwrap_or(0));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// Reads the first sheet of `path` (.xlsx, .xlsm, .ods; an old .xls also works), from
/// its header row on ([`spreadsheet::header_row_index`]).
///
/// Every cell is converted to a [`Cell`]; date cells become dates. Refuses, naming the
/// file: a file that is not a spreadsheet, an encrypted one, an empty first sheet, and
/// merged cells in the header row (checked in .xlsx files; calamine does not report an
/// .ods file's merged cells).
pub fn read_first_sheet(path: &Path) -> Result<Sheet, SpreadsheetError> {
    let bytes =
        fsio::read_regular(path, MAX_SPREADSHEET_BYTES)?.ok_or_else(|| StorageError::Io {
            action: "read",
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
            path: path.to_owned(),
        })?;
    let owned = || path.to_owned();
    if bytes.starts_with(CFB_MAGIC) && is_encrypted_package(&bytes) {
        return Err(SpreadsheetError::Protected { path: owned() });
    }
    if !bytes.starts_with(ZIP_MAGIC) && !bytes.starts_with(CFB_MAGIC) {
        return Err(SpreadsheetError::NotASpreadsheet { path: owned() });
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| SpreadsheetError::NotASpreadsheet { path: owned() })?;
    let Some(first) = workbook.sheet_names().first().cloned() else {
        return Err(SpreadsheetError::Empty { path: owned() });
    };
    let range = workbook
        .worksheet_range(&first)
        .map_err(|err| SpreadsheetError::Damaged {
            message: err.to_string(),
            path: owned(),
        })?;
    let Some((start_row, start_col)) = range.start() else {
        return Err(SpreadsheetError::Empty { path: owned() });
    };
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(range.height());
    for row in range.rows() {
        let mut cells: Vec<Cell> = Vec::with_capacity(row.len() + start_col as usize);
        // Keep column positions as the sheet has them (the range may start at column C).
        cells.resize(start_col as usize, Cell::Empty);
        cells.extend(row.iter().map(to_cell));
        rows.push(cells);
    }
    // The header row (title rows above it, common in communes' lists, are dropped).
    let skip = spreadsheet::header_row_index(&rows)
        .ok_or_else(|| SpreadsheetError::Empty { path: owned() })?;
    rows.drain(..skip);
    let header_row = start_row + u32::try_from(skip).unwrap_or(0);
    if let calamine::Sheets::Xlsx(xlsx) = &mut workbook {
        let merged =
            xlsx.merge_cells_by_sheet_name(&first)
                .map_err(|err| SpreadsheetError::Damaged {
                    message: err.to_string(),
                    path: owned(),
                })?;
        let in_header: Vec<String> = merged
            .iter()
            .filter(|d| d.start.0 <= header_row && header_row <= d.end.0)
            .map(|d| {
                format!(
                    "{}{}:{}{}",
                    column_name(d.start.1),
                    d.start.0 + 1,
                    column_name(d.end.1),
                    d.end.0 + 1
                )
            })
            .collect();
        if !in_header.is_empty() {
            return Err(SpreadsheetError::MergedHeader {
                cells: in_header.join(", "),
                path: owned(),
            });
        }
    }
    Ok(Sheet {
        rows,
        first_row_number: header_row + 1,
    })
}

fn to_cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map_or(Cell::Number(dt.as_f64()), |d| Cell::Date(d.date())),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_a1_style() {
        for (col, name) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_name(col), name);
        }
    }
}
