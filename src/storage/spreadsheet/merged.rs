//! Merged cells in an .ods header row: calamine does not report an .ods file's merges,
//! so `content.xml` is scanned for cells spanning or covered by a span.

use std::io::Cursor;

use super::MAX_XML_PART_BYTES;
use super::read::column_name;

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
pub(super) fn ods_merged_in_row(bytes: &[u8], row: u32) -> Vec<String> {
    use std::io::Read as _;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut xml = String::new();
    let Ok(entry) = zip.by_name("content.xml") else {
        return Vec::new();
    };
    if entry
        .take(MAX_XML_PART_BYTES)
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
}
