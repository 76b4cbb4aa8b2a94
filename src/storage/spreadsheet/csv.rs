//! A product list saved as text: .csv (comma or semicolon, as Excel writes it with the
//! list separator of the PC's region) or Excel's "Unicode Text" (UTF-16, tab-separated).
//!
//! Encodings: UTF-8 with or without BOM; UTF-16 little- or big-endian with its BOM (and
//! little-endian without one); anything else is read as Windows-1258, the code page Excel
//! on a Vietnamese Windows writes "CSV (Comma delimited)" in (its tone marks are
//! combining characters: the import composes them, NFC). Quoted fields may hold the
//! separator, doubled quotes and line breaks (RFC 4180).

use super::guard::Problem;
use super::{MAX_IMPORT_ROWS, MAX_SHEET_COLUMNS, SheetLimit};
use crate::domain::spreadsheet::{Cell, Sheet};

/// The text of a file in whichever encoding it is.
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some((encoding, skip)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes.get(skip..).unwrap_or(&[]));
        return text.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    // UTF-16 LE without a BOM: ASCII letters with a zero byte after each.
    let zeros_after = bytes
        .iter()
        .skip(1)
        .step_by(2)
        .take(200)
        .filter(|b| **b == 0)
        .count();
    if bytes.len() >= 4 && zeros_after * 2 >= bytes.len().min(400) / 2 {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
        return text.into_owned();
    }
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// The separator: whichever of tab, semicolon and comma occurs most outside quotes in
/// the first lines (a comma on a tie: the format's name).
fn separator(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars().take(20_000) {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == c) {
                    slot.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(',', |(s, _)| *s)
}

/// The rows of a text file as one sheet (every cell text; the import reads numbers and
/// dates from text).
pub(super) fn read_csv(bytes: &[u8]) -> Result<Sheet, Problem> {
    let text = decode(bytes);
    let sep = separator(&text);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let end_field = |field: &mut String, row: &mut Vec<Cell>| -> Result<(), Problem> {
        if row.len() >= MAX_SHEET_COLUMNS as usize {
            return Err(Problem::TooLarge(SheetLimit::CellTooFar(format!(
                "{}{}",
                super::read::column_name(MAX_SHEET_COLUMNS),
                0
            ))));
        }
        let value = std::mem::take(field);
        row.push(if value.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        });
        Ok(())
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                end_field(&mut field, &mut row)?;
                rows.push(std::mem::take(&mut row));
                if rows.len() as u64 > MAX_IMPORT_ROWS + 1_000 {
                    return Err(Problem::TooLarge(
                        SheetLimit::TooManyRows(rows.len() as u64),
                    ));
                }
            }
            _ if c == sep => end_field(&mut field, &mut row)?,
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        end_field(&mut field, &mut row)?;
        rows.push(row);
    }
    for row in &mut rows {
        while row.last().is_some_and(Cell::is_blank) {
            row.pop();
        }
    }
    // From the first row holding a value, as a workbook's sheet.
    let first = rows
        .iter()
        .position(|r| !r.is_empty())
        .unwrap_or(rows.len());
    rows.drain(..first);
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    Ok(Sheet {
        name: String::new(),
        rows,
        first_row_number: u32::try_from(first).unwrap_or(u32::MAX).saturating_add(1),
        merges: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        reason = "test code: a panic is the failure message"
    )]
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn every_encoding_and_separator_reads_the_same() {
        let expected = vec![
            vec!["Tên sản phẩm".to_owned(), "Chủ thể".to_owned()],
            vec!["Cốm \"làng\" Vòng".to_owned(), "HTX A, B".to_owned()],
        ];
        let comma = "Tên sản phẩm,Chủ thể\r\n\"Cốm \"\"làng\"\" Vòng\",\"HTX A, B\"\r\n";
        let semicolon = "Tên sản phẩm;Chủ thể\n\"Cốm \"\"làng\"\" Vòng\";HTX A, B\n";
        let tab = "Tên sản phẩm\tChủ thể\r\n\"Cốm \"\"làng\"\" Vòng\"\tHTX A, B\r\n";
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(tab.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(tab.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let no_bom_le: Vec<u8> = tab.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let bom: Vec<u8> = b"\xEF\xBB\xBF"
            .iter()
            .copied()
            .chain(comma.bytes())
            .collect();
        for (what, bytes) in [
            ("comma", comma.as_bytes().to_vec()),
            ("semicolon", semicolon.as_bytes().to_vec()),
            ("utf-8 bom", bom),
            ("utf-16 le", utf16le),
            ("utf-16 be", utf16be),
            ("utf-16 le, no bom", no_bom_le),
        ] {
            let sheet = read_csv(&bytes).expect("reads");
            assert_eq!(texts(&sheet), expected, "{what}");
        }
    }

    #[test]
    fn the_vietnamese_windows_code_page_is_read_and_composed() {
        // As Excel writes it: "ô" is one byte (F4), the tone a combining mark after it
        // (EC acute, CC grave).
        let sheet = read_csv(b"T\xEAn,C\xF4\xECm H\xF4\xCCng Quang\n").expect("reads");
        assert_eq!(
            texts(&sheet),
            vec![vec!["Tên".to_owned(), "Cốm Hồng Quang".to_owned()]]
        );
    }

    #[test]
    fn rows_keep_their_numbers_and_a_line_break_in_quotes_stays_in_the_cell() {
        let sheet = read_csv(b"\n\nA,B\n\"one\ntwo\",3\n").expect("reads");
        assert_eq!(sheet.first_row_number, 3);
        assert_eq!(texts(&sheet)[1][0], "one\ntwo");
    }
}
