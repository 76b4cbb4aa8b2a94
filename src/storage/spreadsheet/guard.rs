//! A workbook's parts checked before the reader parses them: the reader reserves room
//! for the string count a file declares and expands an .ods file's repeated rows in
//! memory, and loops for ever on an .ods cut short. Each is refused here first.

use std::io::Cursor;
use std::path::PathBuf;

use super::read::column_name;
use super::{
    MAX_IMPORT_ROWS, MAX_SHARED_STRINGS, MAX_SHEET_COLUMNS, MAX_XML_PART_BYTES, SheetLimit,
    SpreadsheetError,
};

/// A limit met while reading, before the file's path is known to the error.
#[derive(Debug)]
pub(super) enum Problem {
    TooLarge(SheetLimit),
    Damaged(String),
}

impl Problem {
    pub(super) fn into_error(self, path: PathBuf) -> SpreadsheetError {
        match self {
            Problem::TooLarge(limit) => SpreadsheetError::TooLarge { limit, path },
            Problem::Damaged(message) => SpreadsheetError::Damaged { message, path },
        }
    }
}

/// The parts of a workbook (a ZIP) checked before the reader parses them: the shared
/// string table's declared count (the reader reserves room for it), and an .ods file's
/// content (cut short, or with rows or cells repeated far beyond a list).
pub(super) fn check_parts(bytes: &[u8]) -> Result<(), Problem> {
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
