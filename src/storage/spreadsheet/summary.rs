//! The periodic report as an Excel workbook: its tables one under the other on the
//! first sheet, each list (new certificates, those due next period, the products) on a
//! sheet of its own. The tables and their words are
//! `documents::summary::book`, the same the Word document is made of; this only writes
//! them (a small workbook: no constant-memory sheet needed).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::domain::spreadsheet::OutCell;
use crate::domain::summary::{ReportBook, ReportTable};

/// The `.xlsx` bytes of the report.
pub fn summary_bytes(book: &ReportBook) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new(&book.date_format);
    let mut workbook = Workbook::new();

    // The counts, one table under the other, under the report's title.
    let counts: Vec<&ReportTable> = book
        .tables
        .iter()
        .filter(|t| t.own_sheet.is_none())
        .collect();
    let (mut sheet, widths) = new_sheet(&book.sheet_name, &counts)?;
    let mut row = 0u32;
    for (i, title) in book.title.iter().enumerate() {
        let format = if i == 0 {
            &formats.title
        } else {
            &formats.bold
        };
        sheet.write_string_with_format(row, 0, title, format)?;
        row += 1;
    }
    row += 1;
    for table in counts {
        row = write_table(&mut sheet, row, table, &widths, &formats)? + 1;
    }
    workbook.push_worksheet(sheet);

    // Each list on its own sheet, then the annex; the header row stays in view.
    let lists = book
        .tables
        .iter()
        .filter_map(|t| Some((t.own_sheet.as_ref()?, t)));
    for (name, table) in lists.chain([(&book.annex_name, &book.annex)]) {
        let (mut sheet, widths) = new_sheet(name, &[table])?;
        sheet.set_landscape();
        write_table(&mut sheet, 0, table, &widths, &formats)?;
        if !table.rows.is_empty() {
            sheet.set_freeze_panes(2, 0)?;
            sheet.set_repeat_rows(1, 1)?;
        }
        workbook.push_worksheet(sheet);
    }
    workbook.save_to_buffer()
}

/// A sheet named `name`, A4, one page wide, its columns as wide as `tables` need: the
/// widest of their hints and their cells, so body cells need no wrapping (an .xlsx has no
/// row heights for wrapped text until Excel recomputes them; LibreOffice draws such text
/// over the next row).
/// Also gives the column widths, in characters.
fn new_sheet(name: &str, tables: &[&ReportTable]) -> Result<(Worksheet, Vec<f64>), XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    sheet
        .set_paper_size(9)
        .set_portrait()
        .set_print_fit_to_pages(1, 0);
    let columns = tables.iter().map(|t| t.headers.len()).max().unwrap_or(0);
    let mut widths = Vec::with_capacity(columns);
    for col in 0..columns {
        let widest = tables
            .iter()
            .flat_map(|t| {
                let hint = t.widths.get(col).map_or(0, |w| usize::from(*w));
                t.rows
                    .iter()
                    .chain(t.total.iter())
                    .filter_map(move |r| r.get(col))
                    .map(cell_chars)
                    .chain([hint])
            })
            .max()
            .unwrap_or(10)
            .min(MAX_COLUMN_CHARS);
        let width = (widest + 2) as f64;
        sheet.set_column_width(column(col), width)?;
        widths.push(width);
    }
    Ok((sheet, widths))
}

/// The widest a column grows for its text (a longer text spills or is cut).
const MAX_COLUMN_CHARS: usize = 60;

fn cell_chars(value: &OutCell) -> usize {
    match value {
        OutCell::Text(t) => t.chars().count(),
        OutCell::Date(_) => 10,
        OutCell::Int(n) => n.to_string().len(),
        OutCell::Empty => 0,
    }
}

struct Formats {
    title: Format,
    bold: Format,
    header: Format,
    cell: Format,
    total: Format,
    date: Format,
    note: Format,
}

impl Formats {
    fn new(date_format: &str) -> Formats {
        let bordered = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            // Headers wrap: a long one ("Trong đó có GCN còn hiệu lực") does not widen its
            // column, and a header row is one row whose height is set to fit.
            header: bordered
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            cell: bordered.clone(),
            total: bordered.clone().set_bold(),
            date: bordered.set_num_format(date_format),
            note: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }
}

/// Writes `table` from `row` down (heading, headers, rows, total, notes); returns the row
/// after it.
fn write_table(
    sheet: &mut Worksheet,
    mut row: u32,
    table: &ReportTable,
    widths: &[f64],
    formats: &Formats,
) -> Result<u32, XlsxError> {
    if !table.heading.is_empty() {
        sheet.write_string_with_format(row, 0, &table.heading, &formats.bold)?;
        row += 1;
    }
    if table.rows.is_empty()
        && let Some(empty) = &table.when_empty
    {
        sheet.write_string_with_format(row, 0, empty, &formats.note)?;
        return Ok(row + 1);
    }
    for (col, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(row, column(col), header, &formats.header)?;
    }
    // Two lines for a header that wraps (the columns are at least as wide as their hint).
    if table
        .headers
        .iter()
        .zip(&table.widths)
        .any(|(h, w)| h.chars().count() + 2 > usize::from(*w))
    {
        sheet.set_row_height(row, 30)?;
    }
    row += 1;
    for cells in &table.rows {
        write_cells(sheet, row, cells, &formats.cell, formats)?;
        row += 1;
    }
    if let Some(total) = &table.total {
        write_cells(sheet, row, total, &formats.total, formats)?;
        row += 1;
    }
    // A note wraps across the table's width (merged cells), its row as high as its lines:
    // spilled to the right, a long note would make the printed page as wide as itself.
    let span = table.headers.len().max(1);
    let span_chars: f64 = widths.iter().take(span).sum::<f64>().max(1.0);
    for note in &table.notes {
        let lines = ((note.chars().count() as f64 * 1.1) / span_chars)
            .ceil()
            .max(1.0);
        if span > 1 {
            sheet.merge_range(row, 0, row, column(span - 1), note, &formats.note)?;
        } else {
            sheet.write_string_with_format(row, 0, note, &formats.note)?;
        }
        sheet.set_row_height(row, 15.0 * lines)?;
        row += 1;
    }
    Ok(row)
}

fn write_cells(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[OutCell],
    format: &Format,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, value) in cells.iter().enumerate() {
        let col = column(col);
        match value {
            OutCell::Text(t) => {
                sheet.write_string_with_format(row, col, t, format)?;
            }
            OutCell::Int(n) => {
                sheet.write_number_with_format(row, col, f64::from(*n), format)?;
            }
            OutCell::Date(d) => {
                sheet.write_date_with_format(row, col, d, &formats.date)?;
            }
            OutCell::Empty => {
                sheet.write_blank(row, col, format)?;
            }
        }
    }
    Ok(())
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}
