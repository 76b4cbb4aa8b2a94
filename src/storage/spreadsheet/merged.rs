//! Merged cells of an .ods workbook: calamine does not report them, so `content.xml` is
//! scanned for cells spanning columns or rows (`table:number-columns-spanned`,
//! `table:number-rows-spanned`). The import reads a header through them.

use std::io::Cursor;

use super::{MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_XML_PART_BYTES};
use crate::domain::spreadsheet::Merge;

/// Most merged blocks kept per sheet (a list has a few dozen).
const MAX_MERGES: usize = 10_000;

/// The value of attribute `name` in one XML start tag.
fn xml_attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = tag.get(at..)?;
    rest.get(..rest.find('"')?)
}

/// The text of the workbook's `content.xml`, if it is an OpenDocument spreadsheet.
fn content_xml(bytes: &[u8]) -> Option<String> {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut xml = String::new();
    let entry = zip.by_name("content.xml").ok()?;
    entry
        .take(MAX_XML_PART_BYTES)
        .read_to_string(&mut xml)
        .ok()?;
    Some(xml)
}

/// Whether a ZIP holds an OpenDocument spreadsheet (its `mimetype` entry says so).
pub(super) fn is_ods(bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = zip.by_name("mimetype") else {
        return false;
    };
    let mut mime = String::new();
    entry.take(200).read_to_string(&mut mime).is_ok()
        && mime.trim() == "application/vnd.oasis.opendocument.spreadsheet"
}

/// The merged blocks of every sheet of an .ods file, in sheet order (an unreadable file
/// yields none: calamine reads it or says why).
pub(super) fn ods_merges(bytes: &[u8]) -> Vec<Vec<Merge>> {
    content_xml(bytes).map_or_else(Vec::new, |xml| merges_by_table(&xml))
}

/// [`ods_merges`] on the text of `content.xml`.
fn merges_by_table(xml: &str) -> Vec<Vec<Merge>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = xml.get(at..).and_then(|rest| rest.find("<table:table ")) {
        let start = at + found;
        let end = xml
            .get(start..)
            .and_then(|rest| rest.find("</table:table>"))
            .map_or(xml.len(), |e| start + e);
        out.push(merges_in_table(xml.get(start..end).unwrap_or("")));
        at = end.max(start + 1);
    }
    out
}

/// The merged blocks of one `<table:table>` element.
fn merges_in_table(table: &str) -> Vec<Merge> {
    let mut merges = Vec::new();
    let mut row: u64 = 0;
    let mut at = 0;
    while let Some(found) = table
        .get(at..)
        .and_then(|rest| rest.find("<table:table-row"))
    {
        let tag_start = at + found;
        let after = table
            .get(tag_start + "<table:table-row".len()..)
            .and_then(|rest| rest.chars().next());
        if !matches!(after, Some(' ' | '>' | '/')) {
            at = tag_start + 1;
            continue;
        }
        let Some(tag_len) = table.get(tag_start..).and_then(|rest| rest.find('>')) else {
            break;
        };
        let tag = table.get(tag_start..=tag_start + tag_len).unwrap_or("");
        let repeated: u64 = xml_attr(tag, "table:number-rows-repeated")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let body_start = tag_start + tag_len + 1;
        let body_end = if tag.ends_with("/>") {
            body_start
        } else {
            table
                .get(tag_start..)
                .and_then(|rest| rest.find("</table:table-row>"))
                .map_or(table.len(), |e| tag_start + e)
        };
        if row >= u64::from(MAX_SHEET_ROWS) || merges.len() >= MAX_MERGES {
            break;
        }
        let body = table
            .get(body_start..body_end.max(body_start))
            .unwrap_or("");
        spans_in_row(body, u32::try_from(row).unwrap_or(u32::MAX), &mut merges);
        row = row.saturating_add(repeated);
        at = body_end.max(body_start);
    }
    merges
}

/// The cells of one row's body that span columns or rows, added to `merges`.
fn spans_in_row(body: &str, row: u32, merges: &mut Vec<Merge>) {
    let mut column: u32 = 0;
    let mut at = 0;
    while let Some(found) = body.get(at..).and_then(|rest| rest.find('<')) {
        let tag_start = at + found;
        let Some(tag_len) = body.get(tag_start..).and_then(|rest| rest.find('>')) else {
            break;
        };
        let tag = body.get(tag_start..=tag_start + tag_len).unwrap_or("");
        at = tag_start + tag_len + 1;
        let covered = tag.starts_with("<table:covered-table-cell");
        if !covered && !tag.starts_with("<table:table-cell") {
            continue;
        }
        let number = |name: &str| -> u32 {
            xml_attr(tag, name)
                .and_then(|v| v.parse().ok())
                .unwrap_or(1)
                .max(1)
        };
        let repeated = number("table:number-columns-repeated");
        let (columns, rows) = (
            number("table:number-columns-spanned"),
            number("table:number-rows-spanned"),
        );
        if !covered && (columns > 1 || rows > 1) && column < MAX_SHEET_COLUMNS {
            merges.push(Merge {
                first_row: row,
                last_row: row.saturating_add(rows - 1),
                first_col: column,
                last_col: column.saturating_add(columns - 1),
            });
        }
        column = column.saturating_add(repeated);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_of_each_ods_sheet_are_found() {
        let xml = r#"<office:body><table:table table:name="S"><table:table-row table:number-rows-repeated="2"/><table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Sản phẩm</text:p></table:table-cell><table:covered-table-cell/><table:table-cell table:number-rows-spanned="2"><text:p>Bộ</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="3"/></table:table-row></table:table><table:table table:name="T"/></office:body>"#;
        let merge = |first_row, last_row, first_col, last_col| Merge {
            first_row,
            last_row,
            first_col,
            last_col,
        };
        assert_eq!(
            merges_by_table(xml),
            vec![vec![merge(2, 2, 0, 1), merge(2, 3, 2, 2)], vec![]]
        );
        assert!(merges_by_table("not xml").is_empty());
    }
}
