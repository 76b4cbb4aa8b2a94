//! A small vocabulary for Word documents that look like Vietnamese official papers
//! (Decree 30/2020/NĐ-CP): A4 portrait, margins 20/20/30/20 mm, Times New Roman set in
//! all four font slots of every run (Word draws ư, ơ, ạ through `hAnsi`), national
//! header tables without borders, □/☑ check boxes and dotted leaders for empty fields.
//! Text goes in as NFC. Built on `docx-rs`; nothing here touches files.

use docx_rs::{
    AlignmentType, BorderType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Tab,
    TabLeaderType, TabValueType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use crate::domain::search::nfc;

/// The font of every run.
pub const FONT: &str = "Times New Roman";
/// A4 in twips.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Decree 30 margins in twips: top/bottom 20 mm, left 30 mm, right 20 mm.
const MARGIN_TOP: i32 = 1134;
const MARGIN_BOTTOM: i32 = 1134;
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 1134;
/// The width text runs in (page minus margins), in twips.
pub const TEXT_WIDTH: usize = (PAGE_W as usize) - (MARGIN_LEFT as usize) - (MARGIN_RIGHT as usize);
/// Body size in half-points (13 pt).
pub const BODY: usize = 26;
/// Smaller text (12 pt): header lines, table cells.
pub const SMALL: usize = 24;

/// A dotted leader for a field left to be filled by hand.
pub const DOTS: &str = "……………………………";
/// A short dotted leader (inside a line).
pub const SHORT_DOTS: &str = "……";
/// An empty check box (U+25A1) and a ticked one (U+2611).
pub const BOX: &str = "□";
/// A ticked check box.
pub const TICKED: &str = "☑";

/// The font in all four slots.
pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

/// `value`, or a dotted leader when it is blank.
pub fn or_dots(value: &str) -> String {
    if value.trim().is_empty() {
        DOTS.to_owned()
    } else {
        value.trim().to_owned()
    }
}

/// A check box, ticked or not.
pub fn check(ticked: bool) -> &'static str {
    if ticked { TICKED } else { BOX }
}

/// Text style of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    /// Size in half-points (0 = body).
    pub size: usize,
}

/// Bold body text.
pub const BOLD: Style = Style {
    bold: true,
    italic: false,
    size: 0,
};
/// Italic body text.
pub const ITALIC: Style = Style {
    bold: false,
    italic: true,
    size: 0,
};
/// Plain body text.
pub const PLAIN: Style = Style {
    bold: false,
    italic: false,
    size: 0,
};

/// One run of text (NFC, the font in all slots).
pub fn run(text: &str, style: Style) -> Run {
    let mut run = Run::new()
        .add_text(nfc(text))
        .fonts(fonts())
        .size(if style.size == 0 { BODY } else { style.size });
    if style.bold {
        run = run.bold();
    }
    if style.italic {
        run = run.italic();
    }
    run
}

/// A paragraph of runs, left-aligned (short lines and fields), 2 pt after.
pub fn para(runs: Vec<Run>) -> Paragraph {
    runs.into_iter()
        .fold(Paragraph::new(), Paragraph::add_run)
        .align(AlignmentType::Left)
        .line_spacing(LineSpacing::new().before(0).after(40))
}

/// A justified body paragraph (long running text such as the commitment).
pub fn body(text: &str) -> Paragraph {
    line(text, PLAIN).align(AlignmentType::Both)
}

/// A one-run paragraph.
pub fn line(text: &str, style: Style) -> Paragraph {
    para(vec![run(text, style)])
}

/// A bold section heading ("Phần IV. …") kept on the page of what follows it: never
/// alone at the foot of a page.
pub fn section_heading(text: &str) -> Paragraph {
    line(text, BOLD).keep_next(true)
}

/// A centred one-run paragraph.
pub fn centred(text: &str, style: Style) -> Paragraph {
    line(text, style).align(AlignmentType::Center)
}

/// "label: value" with a bold label and dots when the value is blank.
pub fn field(label: &str, value: &str) -> Paragraph {
    para(vec![
        run(&format!("{label}: "), PLAIN),
        run(&or_dots(value), PLAIN),
    ])
}

/// An empty paragraph (vertical space).
pub fn gap() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().before(0).after(0))
}

/// A table cell holding paragraphs, `width` twips wide.
pub fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
}

/// A table with fixed column widths (twips); `bordered` draws single lines.
pub fn table(rows: Vec<Vec<TableCell>>, widths: &[usize], bordered: bool) -> Table {
    // No row splits across pages: a criterion's line, or the signature block with its
    // date line ("…, ngày … tháng … năm …"), stays whole on one page.
    let rows: Vec<TableRow> = rows
        .into_iter()
        .map(|cells| TableRow::new(cells).cant_split())
        .collect();
    let table = Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa);
    if bordered {
        let mut borders = TableBorders::new();
        for position in [
            TableBorderPosition::Top,
            TableBorderPosition::Bottom,
            TableBorderPosition::Left,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ] {
            borders = borders.set(
                TableBorder::new(position)
                    .border_type(BorderType::Single)
                    .size(4),
            );
        }
        table.set_borders(borders)
    } else {
        table.set_borders(TableBorders::with_empty())
    }
}

/// The national header (quốc hiệu and tiêu ngữ) as centred lines with the short rule.
pub fn national_header_lines() -> Vec<Paragraph> {
    national_header_lines_in(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
}

/// The national header in the words given (an English translation of a document uses
/// "SOCIALIST REPUBLIC OF VIET NAM / Independence - Freedom - Happiness").
pub fn national_header_lines_in(country: &str, motto: &str) -> Vec<Paragraph> {
    vec![
        centred(
            country,
            Style {
                bold: true,
                italic: false,
                size: SMALL,
            },
        ),
        centred(motto, BOLD),
        centred("---------------", PLAIN),
    ]
}

/// The national header alone, as a borderless one-cell table across the text width.
pub fn national_header() -> Table {
    table(
        vec![vec![cell(national_header_lines(), TEXT_WIDTH)]],
        &[TEXT_WIDTH],
        false,
    )
}

/// A two-column header without borders: the agency on the left, the national header
/// on the right (Decree 30, commune documents such as Form 03).
pub fn agency_header(agency_lines: &[(&str, Style)]) -> Table {
    agency_header_in(agency_lines, national_header_lines())
}

/// [`agency_header`] with the national header's lines given
/// ([`national_header_lines_in`]).
pub fn agency_header_in(agency_lines: &[(&str, Style)], national: Vec<Paragraph>) -> Table {
    let left_width = TEXT_WIDTH * 2 / 5;
    let right_width = TEXT_WIDTH - left_width;
    let mut left: Vec<Paragraph> = agency_lines
        .iter()
        .map(|(text, style)| centred(text, *style))
        .collect();
    left.push(centred("-------", PLAIN));
    table(
        vec![vec![cell(left, left_width), cell(national, right_width)]],
        &[left_width, right_width],
        false,
    )
}

/// A line of dots across the text width for the officer to write on by hand: a right
/// tab at the margin with a dot leader, so it is exactly one line wide in any font.
pub fn dotted_line() -> Paragraph {
    Paragraph::new()
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(TEXT_WIDTH),
        )
        .add_run(Run::new().add_tab().fonts(fonts()).size(BODY))
        .line_spacing(LineSpacing::new().before(0).after(40).line(360))
}

/// A signature block on the right half: place and date, title, instruction, name.
pub fn signature(place_date: &str, title: &str, instruction: &str, name: &str) -> Table {
    signature_with_recipients(place_date, title, instruction, name, vec![gap()])
}

/// [`signature`] with the "Nơi nhận:" block in the left column, level with the signature,
/// as Decree 30/2020 lays out an administrative document's last part.
pub fn signature_with_recipients(
    place_date: &str,
    title: &str,
    instruction: &str,
    name: &str,
    left: Vec<Paragraph>,
) -> Table {
    let half = TEXT_WIDTH / 2;
    let mut right = Vec::new();
    if !place_date.is_empty() {
        right.push(centred(place_date, ITALIC));
    }
    // A title of several lines ("TM. ỦY BAN NHÂN DÂN XÃ …" over "CHỦ TỊCH"), one paragraph each.
    right.extend(title.lines().map(|l| centred(l, BOLD)));
    right.extend([centred(instruction, ITALIC), gap(), gap()]);
    if !name.trim().is_empty() {
        right.push(centred(name, BOLD));
    }
    table(
        vec![vec![cell(left, half), cell(right, TEXT_WIDTH - half)]],
        &[half, TEXT_WIDTH - half],
        false,
    )
}

/// "…, ngày … tháng … năm …" for a place and an optional date.
pub fn place_date(place: &str, date: Option<chrono::NaiveDate>) -> String {
    use chrono::Datelike;
    let place = if place.trim().is_empty() {
        SHORT_DOTS.to_owned()
    } else {
        place.trim().to_owned()
    };
    match date {
        Some(d) => format!(
            "{place}, ngày {:02} tháng {:02} năm {}",
            d.day(),
            d.month(),
            d.year()
        ),
        None => format!("{place}, ngày … tháng … năm …"),
    }
}

/// A new A4 document with the Decree 30 margins and Times New Roman as the default.
pub fn document() -> Docx {
    Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(720)
                .footer(720),
        )
        .default_fonts(fonts())
        .default_size(BODY)
}

/// The document as .docx bytes.
pub fn pack(docx: Docx) -> Result<Vec<u8>, String> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.pack(&mut bytes).map_err(|err| err.to_string())?;
    Ok(bytes.into_inner())
}
