//! A workbook read for an import: every visible sheet of an .xlsx (cell by cell: nothing
//! allocated for a far-away value), .ods or .xls, or a .csv file; every cell as the
//! import's [`Cell`], the merged cells kept (the import reads headers through them), any
//! panic of the reader made an error.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use super::guard::{Problem, check_parts};
use super::{
    MAX_IMPORT_ROWS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_SPREADSHEET_BYTES, SheetLimit,
    SpreadsheetError,
};
use crate::domain::spreadsheet::{Cell, Merge, Sheet};
use crate::storage::{StorageError, fsio};

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
pub(super) fn column_name(mut col: u32) -> String {
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

/// Reads every sheet of `path` that holds a value: an .xlsx/.xlsm, .ods or .xls workbook,
/// or a .csv/.txt text file (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode Text"
/// writes it, or the Vietnamese Windows code page). Each sheet keeps all its rows from the
/// first one holding a value (title rows, the header and totals alike: the import tells
/// them apart) and its merged cells.
///
/// Every cell is converted to a [`Cell`]; date cells become dates. Refuses, naming the
/// file: a file that is not a spreadsheet, an encrypted one, a workbook with nothing in
/// it, and one larger than an import reads.
pub fn read_workbook(path: &Path) -> Result<Vec<Sheet>, SpreadsheetError> {
    // A damaged or hostile file ends in an error, never in a crash of the window: the
    // reader library can panic on some (an overflowing cell reference, a reversed
    // dimension); what it says is not kept, the file is named.
    match crate::storage::diagnostics::catch_guarded(|| read_checked(path)) {
        Ok(result) => result,
        Err(_) => Err(SpreadsheetError::Damaged {
            message: "the reader stopped on this file".to_owned(),
            path: path.to_owned(),
        }),
    }
}

/// Whether `path` is read as text (by its extension).
fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["csv", "tsv", "txt"].contains(&e.to_ascii_lowercase().as_str()))
}

/// [`read_workbook`] without the panic guard.
fn read_checked(path: &Path) -> Result<Vec<Sheet>, SpreadsheetError> {
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
        if is_text_file(path) {
            let sheet =
                super::csv::read_csv(&bytes).map_err(|problem| problem.into_error(owned()))?;
            if sheet.rows.is_empty() {
                return Err(SpreadsheetError::Empty { path: owned() });
            }
            return Ok(vec![sheet]);
        }
        return Err(SpreadsheetError::NotASpreadsheet { path: owned() });
    }
    // Before the reader allocates anything the file declares: its string table and, for
    // an .ods (parsed whole when opened), its rows.
    if bytes.starts_with(ZIP_MAGIC) {
        check_parts(&bytes).map_err(|problem| problem.into_error(owned()))?;
    } else {
        // An .xls: every sheet's extent, before the reader reserves room for it.
        super::xls_guard::check_xls(&bytes).map_err(|problem| problem.into_error(owned()))?;
    }
    let is_ods = bytes.starts_with(ZIP_MAGIC) && super::merged::is_ods(&bytes);
    let ods_merges = if is_ods {
        super::merged::ods_merges(&bytes)
    } else {
        Vec::new()
    };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| SpreadsheetError::NotASpreadsheet { path: owned() })?;
    // Worksheets the officer can see, in tab order (no chart sheets, no hidden sheets).
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| {
            s.visible == calamine::SheetVisible::Visible
                && matches!(s.typ, calamine::SheetType::WorkSheet)
        })
        .map(|s| s.name.clone())
        .collect();
    let all_names = workbook.sheet_names();
    let mut sheets = Vec::new();
    let mut cells_read: u64 = 0;
    for name in names {
        let (rows, start_row) = match &mut workbook {
            // Cell by cell: a value far away (XFD1048576) is refused, never allocated for.
            calamine::Sheets::Xlsx(xlsx) => read_xlsx_cells(xlsx, &name, &mut cells_read)
                .map_err(|problem| problem.into_error(owned()))?,
            other => read_range(other, &name, &mut cells_read)
                .map_err(|problem| problem.into_error(owned()))?,
        };
        if rows.is_empty() {
            continue;
        }
        let merges = match &mut workbook {
            calamine::Sheets::Xlsx(xlsx) => xlsx
                .merge_cells_by_sheet_name(&name)
                .map(|m| m.iter().map(to_merge).collect())
                .unwrap_or_default(),
            calamine::Sheets::Xls(xls) => xls
                .merge_cells_by_sheet_name(&name)
                .map(|m| m.iter().map(to_merge).collect())
                .unwrap_or_default(),
            _ => all_names
                .iter()
                .position(|n| *n == name)
                .and_then(|i| ods_merges.get(i).cloned())
                .unwrap_or_default(),
        };
        sheets.push(Sheet {
            name,
            rows,
            first_row_number: start_row + 1,
            merges,
        });
    }
    if sheets.is_empty() {
        return Err(SpreadsheetError::Empty { path: owned() });
    }
    Ok(sheets)
}

/// A merged block as the domain keeps it.
fn to_merge(d: &calamine::Dimensions) -> Merge {
    Merge {
        first_row: d.start.0,
        last_row: d.end.0.max(d.start.0),
        first_col: d.start.1,
        last_col: d.end.1.max(d.start.1),
    }
}

/// One sheet of an .ods or .xls workbook: its rows from the first row holding a value,
/// and that row's index. The reader has parsed the sheet whole (an .ods was checked
/// before; an .xls sheet holds at most 65,536 × 256 cells).
fn read_range<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    name: &str,
    cells_read: &mut u64,
) -> Result<(Vec<Vec<Cell>>, u32), Problem> {
    let range = workbook
        .worksheet_range(name)
        .map_err(|err| Problem::Damaged(err.to_string()))?;
    let Some((start_row, start_col)) = range.start() else {
        return Ok((Vec::new(), 0));
    };
    if let Some((end_row, end_col)) = range.end()
        && (end_row >= MAX_SHEET_ROWS || end_col >= MAX_SHEET_COLUMNS)
    {
        return Err(Problem::TooLarge(SheetLimit::CellTooFar(format!(
            "{}{}",
            column_name(end_col),
            u64::from(end_row) + 1
        ))));
    }
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(range.height());
    for row in range.rows() {
        let mut cells: Vec<Cell> = Vec::with_capacity(row.len() + start_col as usize);
        // Keep column positions as the sheet has them (the range may start at column C).
        cells.resize(start_col as usize, Cell::Empty);
        cells.extend(row.iter().map(to_cell));
        *cells_read += cells.iter().filter(|c| !c.is_blank()).count() as u64;
        if *cells_read > MAX_CELLS {
            return Err(Problem::TooLarge(
                SheetLimit::TooManyRows(rows.len() as u64),
            ));
        }
        // Trailing empty cells of a wide range are dropped (a narrow list in a sheet
        // someone formatted to column Z).
        while cells.last().is_some_and(Cell::is_blank) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok((rows, start_row))
}

/// Cells with a value an import reads at most, over all sheets (50,000 rows of 40 columns).
const MAX_CELLS: u64 = 2_000_000;

/// The first sheet of an .xlsx, cell by cell: rows (absolute column positions) from the
/// first row holding a value, and that row's index. A value beyond [`MAX_SHEET_ROWS`] or
/// [`MAX_SHEET_COLUMNS`], more than [`MAX_IMPORT_ROWS`] rows or [`MAX_CELLS`] values is
/// refused as it is met.
fn read_xlsx_cells<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    sheet: &str,
    cells_read: &mut u64,
) -> Result<(Vec<Vec<Cell>>, u32), Problem> {
    let mut reader = xlsx
        .worksheet_cells_reader(sheet)
        .map_err(|err| Problem::Damaged(err.to_string()))?;
    let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, Cell)>> = Default::default();
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
        *cells_read += 1;
        if *cells_read > MAX_CELLS {
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

/// A cell of the streaming reader as the import's [`Cell`].
fn data_ref_to_cell(data: &calamine::DataRef<'_>) -> Cell {
    to_cell(&Data::from(data.clone()))
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
