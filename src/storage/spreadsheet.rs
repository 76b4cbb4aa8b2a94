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
const MAX_XML_PART_BYTES: u64 = 256 * 1024 * 1024;

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
    // A damaged or hostile file ends in an error, never in a crash of the window: the
    // reader library can panic on some (an overflowing cell reference, a reversed
    // dimension); what it says is not kept, the file is named.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_checked(path))) {
        Ok(result) => result,
        Err(_) => Err(SpreadsheetError::Damaged {
            message: "the reader stopped on this file".to_owned(),
            path: path.to_owned(),
        }),
    }
}

/// [`read_first_sheet`] without the panic guard.
fn read_checked(path: &Path) -> Result<Sheet, SpreadsheetError> {
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
    // Before the reader allocates anything the file declares: its string table and, for
    // an .ods (parsed whole when opened), its rows.
    if bytes.starts_with(ZIP_MAGIC) {
        check_parts(&bytes).map_err(|problem| problem.into_error(owned()))?;
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| SpreadsheetError::NotASpreadsheet { path: owned() })?;
    let Some(first) = workbook.sheet_names().first().cloned() else {
        return Err(SpreadsheetError::Empty { path: owned() });
    };
    let (mut rows, start_row) = match &mut workbook {
        // Cell by cell: a value far away (XFD1048576) is refused, never allocated for.
        calamine::Sheets::Xlsx(xlsx) => {
            read_xlsx_cells(xlsx, &first).map_err(|problem| problem.into_error(owned()))?
        }
        other => {
            let range = other
                .worksheet_range(&first)
                .map_err(|err| SpreadsheetError::Damaged {
                    message: err.to_string(),
                    path: owned(),
                })?;
            let Some((start_row, start_col)) = range.start() else {
                return Err(SpreadsheetError::Empty { path: owned() });
            };
            if let Some((end_row, end_col)) = range.end()
                && (end_row >= MAX_SHEET_ROWS || end_col >= MAX_SHEET_COLUMNS)
            {
                return Err(SpreadsheetError::TooLarge {
                    limit: SheetLimit::CellTooFar(format!(
                        "{}{}",
                        column_name(end_col),
                        u64::from(end_row) + 1
                    )),
                    path: owned(),
                });
            }
            let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(range.height());
            for row in range.rows() {
                let mut cells: Vec<Cell> = Vec::with_capacity(row.len() + start_col as usize);
                // Keep column positions as the sheet has them (the range may start at
                // column C).
                cells.resize(start_col as usize, Cell::Empty);
                cells.extend(row.iter().map(to_cell));
                rows.push(cells);
            }
            (rows, start_row)
        }
    };
    if rows.is_empty() {
        return Err(SpreadsheetError::Empty { path: owned() });
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
    if let calamine::Sheets::Ods(_) = &workbook {
        let in_header = ods_merged_in_row(&bytes_again(path)?, header_row);
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

/// The file's bytes again (calamine took the first read).
fn bytes_again(path: &Path) -> Result<Vec<u8>, SpreadsheetError> {
    Ok(fsio::read_regular(path, MAX_SPREADSHEET_BYTES)?.unwrap_or_default())
}

/// Largest `content.xml` read to look for merged cells.
const MAX_ODS_CONTENT_BYTES: u64 = 256 << 20;

/// The value of attribute `name` in one XML start tag.
fn xml_attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = tag.get(at..)?;
    rest.get(..rest.find('"')?)
}

/// The merged cells (A1 ranges) in row `row` (0-based) of an .ods file's first sheet:
/// cells spanning columns or rows, and cells covered by a span from above. calamine does
/// not report an .ods file's merges, so `content.xml` is scanned for them (an unreadable
/// file yields none: calamine has read it already).
fn ods_merged_in_row(bytes: &[u8], row: u32) -> Vec<String> {
    use std::io::Read as _;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut xml = String::new();
    let Ok(entry) = zip.by_name("content.xml") else {
        return Vec::new();
    };
    if entry
        .take(MAX_ODS_CONTENT_BYTES)
        .read_to_string(&mut xml)
        .is_err()
    {
        return Vec::new();
    }
    merged_in_row(&xml, row)
}

/// [`ods_merged_in_row`] on the text of `content.xml`.
fn merged_in_row(xml: &str, row: u32) -> Vec<String> {
    let Some(start) = xml.find("<table:table ") else {
        return Vec::new();
    };
    let table_end = xml[start..]
        .find("</table:table>")
        .map_or(xml.len(), |e| start + e);
    let table = &xml[start..table_end];
    let mut index: u64 = 0;
    let mut at = 0;
    while let Some(found) = table[at..].find("<table:table-row") {
        let tag_start = at + found;
        let after = table[tag_start + "<table:table-row".len()..].chars().next();
        if !matches!(after, Some(' ' | '>' | '/')) {
            at = tag_start + 1;
            continue;
        }
        let Some(tag_len) = table[tag_start..].find('>') else {
            break;
        };
        let tag = &table[tag_start..=tag_start + tag_len];
        let repeated: u64 = xml_attr(tag, "table:number-rows-repeated")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let body_end = if tag.ends_with("/>") {
            tag_start + tag_len + 1
        } else {
            table[tag_start..]
                .find("</table:table-row>")
                .map_or(table.len(), |e| tag_start + e)
        };
        if index <= u64::from(row) && u64::from(row) < index + repeated {
            return merged_cells(
                &table[tag_start + tag_len + 1..body_end.max(tag_start + tag_len + 1)],
                row,
            );
        }
        index += repeated;
        at = body_end;
    }
    Vec::new()
}

/// The spanning and covered cells of one row's body, as A1 ranges.
fn merged_cells(body: &str, row: u32) -> Vec<String> {
    let mut out = Vec::new();
    // Cells covered by a merge: named only when the merge starts in a row above.
    let mut covered_cells = Vec::new();
    let mut column: u32 = 0;
    let mut at = 0;
    while let Some(found) = body[at..].find('<') {
        let tag_start = at + found;
        let Some(tag_len) = body[tag_start..].find('>') else {
            break;
        };
        let tag = &body[tag_start..=tag_start + tag_len];
        at = tag_start + tag_len + 1;
        let covered = tag.starts_with("<table:covered-table-cell");
        if !covered && !tag.starts_with("<table:table-cell") {
            continue;
        }
        let number = |name: &str| -> u32 {
            xml_attr(tag, name)
                .and_then(|v| v.parse().ok())
                .unwrap_or(1)
        };
        let repeated = number("table:number-columns-repeated");
        let (columns, rows) = (
            number("table:number-columns-spanned"),
            number("table:number-rows-spanned"),
        );
        if covered {
            covered_cells.push(format!("{}{}", column_name(column), row + 1));
        } else if columns > 1 || rows > 1 {
            out.push(format!(
                "{}{}:{}{}",
                column_name(column),
                row + 1,
                column_name(column + columns - 1),
                row + rows
            ));
        }
        column = column.saturating_add(repeated);
    }
    if out.is_empty() { covered_cells } else { out }
}

/// A limit met while reading, before the file's path is known to the error.
enum Problem {
    TooLarge(SheetLimit),
    Damaged(String),
}

impl Problem {
    fn into_error(self, path: PathBuf) -> SpreadsheetError {
        match self {
            Problem::TooLarge(limit) => SpreadsheetError::TooLarge { limit, path },
            Problem::Damaged(message) => SpreadsheetError::Damaged { message, path },
        }
    }
}

/// Cells with a value an import reads at most (50,000 rows of 40 columns).
const MAX_CELLS: u64 = 2_000_000;

/// The first sheet of an .xlsx, cell by cell: rows (absolute column positions) from the
/// first row holding a value, and that row's index. A value beyond [`MAX_SHEET_ROWS`] or
/// [`MAX_SHEET_COLUMNS`], more than [`MAX_IMPORT_ROWS`] rows or [`MAX_CELLS`] values is
/// refused as it is met.
fn read_xlsx_cells<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    sheet: &str,
) -> Result<(Vec<Vec<Cell>>, u32), Problem> {
    let mut reader = xlsx
        .worksheet_cells_reader(sheet)
        .map_err(|err| Problem::Damaged(err.to_string()))?;
    let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, Cell)>> = Default::default();
    let mut values: u64 = 0;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|err| Problem::Damaged(err.to_string()))?
    {
        let value = data_ref_to_cell(cell.get_value());
        if value.is_blank() {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= MAX_SHEET_ROWS || col >= MAX_SHEET_COLUMNS {
            return Err(Problem::TooLarge(SheetLimit::CellTooFar(format!(
                "{}{}",
                column_name(col),
                u64::from(row) + 1
            ))));
        }
        values += 1;
        if values > MAX_CELLS {
            return Err(Problem::TooLarge(SheetLimit::TooManyRows(
                by_row.len() as u64
            )));
        }
        by_row.entry(row).or_default().push((col, value));
        if by_row.len() as u64 > MAX_IMPORT_ROWS + 1_000 {
            return Err(Problem::TooLarge(SheetLimit::TooManyRows(
                by_row.len() as u64
            )));
        }
    }
    let Some((&start_row, _)) = by_row.first_key_value() else {
        return Ok((Vec::new(), 0));
    };
    let end_row = by_row.last_key_value().map_or(start_row, |(&r, _)| r);
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity((end_row - start_row + 1) as usize);
    for index in start_row..=end_row {
        let mut cells = Vec::new();
        for (col, value) in by_row.remove(&index).unwrap_or_default() {
            let col = col as usize;
            if cells.len() <= col {
                cells.resize(col + 1, Cell::Empty);
            }
            if let Some(slot) = cells.get_mut(col) {
                *slot = value;
            }
        }
        rows.push(cells);
    }
    Ok((rows, start_row))
}

/// The parts of a workbook (a ZIP) checked before the reader parses them: the shared
/// string table's declared count (the reader reserves room for it), and an .ods file's
/// content (cut short, or with rows or cells repeated far beyond a list).
fn check_parts(bytes: &[u8]) -> Result<(), Problem> {
    use std::io::Read as _;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a zip the reader can open either: it says so.
        return Ok(());
    };
    if let Ok(entry) = zip.by_name("xl/sharedStrings.xml") {
        let size = entry.size();
        let mut head = Vec::new();
        entry
            .take(64 * 1024)
            .read_to_end(&mut head)
            .map_err(|err| Problem::Damaged(err.to_string()))?;
        let head = String::from_utf8_lossy(&head);
        // Each string takes at least `<si><t/></si>` (13 bytes) of the part.
        let room = size / 13 + 1;
        for name in ["uniqueCount", "count"] {
            if let Some(n) = sst_attr(&head, name)
                && (n > MAX_SHARED_STRINGS || (name == "uniqueCount" && n > room))
            {
                return Err(Problem::TooLarge(SheetLimit::TooManyStrings(n)));
            }
        }
    }
    if let Ok(entry) = zip.by_name("content.xml") {
        let mut content = Vec::new();
        entry
            .take(MAX_XML_PART_BYTES + 1)
            .read_to_end(&mut content)
            .map_err(|err| Problem::Damaged(err.to_string()))?;
        if content.len() as u64 > MAX_XML_PART_BYTES {
            return Err(Problem::TooLarge(SheetLimit::TooManyRows(
                MAX_IMPORT_ROWS + 1,
            )));
        }
        check_ods_content(&String::from_utf8_lossy(&content))?;
    }
    Ok(())
}

/// A number attribute of the `<sst …>` tag.
fn sst_attr(head: &str, name: &str) -> Option<u64> {
    let tag = head.get(head.find("<sst")?..)?;
    let tag = tag.get(..tag.find('>')?)?;
    let needle = format!(" {name}=\"");
    let value = tag.get(tag.find(&needle)? + needle.len()..)?;
    let value = value.get(..value.find('"')?)?;
    // A count too long to be a number is as hostile as a huge one.
    Some(value.trim().parse::<u64>().unwrap_or(u64::MAX))
}

/// An .ods file's content: whole (a download cut short makes the reader loop for ever),
/// and no row or cell holding a value repeated beyond the limits (a repeat count is
/// expanded in memory). Empty rows and cells repeated to the sheet's end, as every
/// office program writes them, are fine.
fn check_ods_content(content: &str) -> Result<(), Problem> {
    if !content.trim_end().ends_with("</office:document-content>") {
        return Err(Problem::Damaged(
            "content.xml is cut short (the file was not saved or downloaded whole)".to_owned(),
        ));
    }
    let repeat = |tag: &str, attr: &str| -> u64 {
        let needle = format!("{attr}=\"");
        tag.find(&needle)
            .and_then(|at| tag.get(at + needle.len()..))
            .and_then(|rest| rest.get(..rest.find('"')?))
            .map_or(1, |n| n.parse::<u64>().unwrap_or(u64::MAX))
    };
    let has_value = |body: &str| body.contains("<text:") || body.contains("office:value");
    let mut rows_with_values: u64 = 0;
    let mut rest = content;
    while let Some(at) = rest.find("<table:table-row") {
        let Some(after) = rest.get(at..) else { break };
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = after.get(..tag_end).unwrap_or_default();
        let self_closing = tag.ends_with('/');
        let body_end = if self_closing {
            tag_end
        } else {
            after.find("</table:table-row>").unwrap_or(after.len())
        };
        let body = after.get(tag_end..body_end).unwrap_or_default();
        if has_value(body) {
            let rows = repeat(tag, "table:number-rows-repeated");
            rows_with_values = rows_with_values.saturating_add(rows);
            if rows_with_values > MAX_IMPORT_ROWS + 1_000 {
                return Err(Problem::TooLarge(SheetLimit::TooManyRows(rows_with_values)));
            }
            // Cells of this row with a value, repeated across columns.
            let mut cells = body;
            while let Some(c) = cells.find("<table:table-cell") {
                let Some(cell) = cells.get(c..) else { break };
                let Some(cell_tag_end) = cell.find('>') else {
                    break;
                };
                let cell_tag = cell.get(..cell_tag_end).unwrap_or_default();
                let cell_body_end = if cell_tag.ends_with('/') {
                    cell_tag_end
                } else {
                    cell.find("</table:table-cell>").unwrap_or(cell.len())
                };
                let cell_body = cell.get(cell_tag_end..cell_body_end).unwrap_or_default();
                if (has_value(cell_body) || cell_tag.contains("office:value"))
                    && repeat(cell_tag, "table:number-columns-repeated")
                        > u64::from(MAX_SHEET_COLUMNS)
                {
                    return Err(Problem::TooLarge(SheetLimit::CellTooFar(format!(
                        "{}{}",
                        column_name(MAX_SHEET_COLUMNS),
                        rows_with_values
                    ))));
                }
                cells = cell.get(cell_tag_end.max(1)..).unwrap_or_default();
            }
        }
        rest = after.get(body_end.max(1)..).unwrap_or_default();
    }
    Ok(())
}

/// A cell of the streaming reader as the import's [`Cell`].
fn data_ref_to_cell(data: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef as D;
    match data {
        D::Empty | D::Error(_) => Cell::Empty,
        D::String(s) | D::DurationIso(s) => Cell::Text(s.clone()),
        D::SharedString(s) => Cell::Text((*s).to_owned()),
        D::Int(i) => Cell::Number(*i as f64),
        D::Float(f) => Cell::Number(*f),
        D::Bool(b) => Cell::Bool(*b),
        D::DateTime(dt) => excel_date(dt),
        D::DateTimeIso(s) => iso_date(s),
    }
}

/// A date cell as a date when it is one a calendar has (years 1900–9999); any other
/// value (-1e308, NaN) stays a number, which the import reports as a bad date. The
/// reader's conversion panics far outside that range.
fn excel_date(dt: &calamine::ExcelDateTime) -> Cell {
    let serial = dt.as_f64();
    if serial.is_finite() && (0.0..=2_958_465.0).contains(&serial) {
        dt.as_datetime()
            .map_or(Cell::Number(serial), |d| Cell::Date(d.date()))
    } else {
        Cell::Number(serial)
    }
}

/// An ISO date text cell ("2026-11-20T…") as a date, else its text.
fn iso_date(s: &str) -> Cell {
    s.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| Cell::Text(s.to_owned()), Cell::Date)
}

fn to_cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) => iso_date(s),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_of_an_ods_header_row_are_found() {
        let xml = r#"<office:body><table:table table:name="S"><table:table-row table:number-rows-repeated="2"/><table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Sản phẩm</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>Bộ</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="3"/></table:table-row></table:table><table:table table:name="T"/></office:body>"#;
        assert_eq!(merged_in_row(xml, 2), vec!["A3:B3"]);
        assert!(merged_in_row(xml, 3).is_empty());
        assert!(merged_in_row(xml, 0).is_empty());
        assert!(merged_in_row("not xml", 0).is_empty());
    }

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
