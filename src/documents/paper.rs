//! A Vietnamese official paper as data (Decree 30/2020/NĐ-CP): A4 portrait, margins
//! 20/20/30/20 mm, Times New Roman, national header tables without borders, □/☑ check
//! boxes and dotted leaders for empty fields. The forms are built once as a [`Paper`];
//! `docx` writes it as a Word file and `paper_pdf` typesets it as PDF pages (the printed
//! dossier), so both carry the same content in the same layout. Text goes in as NFC.
//! Nothing here touches files.

use crate::domain::search::nfc;

/// The font of every run.
pub const FONT: &str = "Times New Roman";
/// A4 in twips.
pub const PAGE_W: u32 = 11906;
pub const PAGE_H: u32 = 16838;
/// Decree 30 margins in twips: top/bottom 20 mm, left 30 mm, right 20 mm.
pub const MARGIN_TOP: i32 = 1134;
pub const MARGIN_BOTTOM: i32 = 1134;
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 1134;
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

impl Style {
    /// The size in half-points, the body's when unset.
    pub fn half_points(self) -> usize {
        if self.size == 0 { BODY } else { self.size }
    }
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

/// How a paragraph's lines sit between the margins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
    /// Both edges (long running text).
    Justify,
}

/// One run of text in one style (NFC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

/// Space around a paragraph, in twips; `line` is Word's line spacing in 240ths of a line
/// (240 = single, 360 = 1.5), `None` single.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spacing {
    pub before: u32,
    pub after: u32,
    pub line: Option<u32>,
}

impl Spacing {
    pub fn new() -> Spacing {
        Spacing::default()
    }
    pub fn before(self, before: u32) -> Spacing {
        Spacing { before, ..self }
    }
    pub fn after(self, after: u32) -> Spacing {
        Spacing { after, ..self }
    }
    pub fn line(self, line: u32) -> Spacing {
        Spacing {
            line: Some(line),
            ..self
        }
    }
}

/// A paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub align: Align,
    pub spacing: Spacing,
    /// Kept on the page of what follows it (a heading, the last line before a signature).
    pub keep_next: bool,
    /// Starts a new page.
    pub page_break_before: bool,
    /// A line of dots across the whole width, to write on by hand (no runs).
    pub leader: bool,
}

impl Paragraph {
    /// An empty paragraph.
    pub fn new() -> Paragraph {
        Paragraph::default()
    }
    pub fn align(self, align: Align) -> Paragraph {
        Paragraph { align, ..self }
    }
    pub fn keep_next(self, keep_next: bool) -> Paragraph {
        Paragraph { keep_next, ..self }
    }
    pub fn page_break_before(self, page_break_before: bool) -> Paragraph {
        Paragraph {
            page_break_before,
            ..self
        }
    }
    pub fn line_spacing(self, spacing: Spacing) -> Paragraph {
        Paragraph { spacing, ..self }
    }
}

/// A table cell: paragraphs in a column `width` twips wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
    pub width: usize,
}

/// A table with fixed column widths (twips). No row splits across pages (a criterion's
/// line, or the signature block with its date line, stays whole) unless it is taller
/// than a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    pub widths: Vec<usize>,
    /// Single lines around and between the cells.
    pub bordered: bool,
}

/// A paragraph or a table, in the order of the paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A whole paper: A4 with the Decree 30 margins, Times New Roman, 13 pt body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paper {
    pub blocks: Vec<Block>,
}

impl Paper {
    pub fn add_paragraph(mut self, paragraph: Paragraph) -> Paper {
        self.blocks.push(Block::Paragraph(paragraph));
        self
    }
    pub fn add_table(mut self, table: Table) -> Paper {
        self.blocks.push(Block::Table(table));
        self
    }
}

/// A new paper.
pub fn document() -> Paper {
    Paper::default()
}

/// One run of text (NFC).
pub fn run(text: &str, style: Style) -> Run {
    Run {
        text: nfc(text),
        style,
    }
}

/// A paragraph of runs, left-aligned (short lines and fields), 2 pt after.
pub fn para(runs: Vec<Run>) -> Paragraph {
    Paragraph {
        runs,
        spacing: Spacing::new().after(40),
        ..Paragraph::default()
    }
}

/// A justified body paragraph (long running text such as the commitment).
pub fn body(text: &str) -> Paragraph {
    line(text, PLAIN).align(Align::Justify)
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
    line(text, style).align(Align::Centre)
}

/// "label: value" with dots when the value is blank.
pub fn field(label: &str, value: &str) -> Paragraph {
    para(vec![
        run(&format!("{label}: "), PLAIN),
        run(&or_dots(value), PLAIN),
    ])
}

/// An empty paragraph (vertical space).
pub fn gap() -> Paragraph {
    Paragraph::new()
}

/// A table cell holding paragraphs, `width` twips wide.
pub fn cell(paragraphs: Vec<Paragraph>, width: usize) -> Cell {
    Cell { paragraphs, width }
}

/// A table with fixed column widths (twips); `bordered` draws single lines.
pub fn table(rows: Vec<Vec<Cell>>, widths: &[usize], bordered: bool) -> Table {
    Table {
        rows,
        widths: widths.to_vec(),
        bordered,
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
    // The short rule goes under the agency's name (its bold lines), above "Số: …".
    let names = agency_lines
        .iter()
        .rposition(|(_, style)| style.bold)
        .map_or(agency_lines.len(), |last| last + 1);
    let mut left: Vec<Paragraph> = Vec::with_capacity(agency_lines.len() + 1);
    for (index, (text, style)) in agency_lines.iter().enumerate() {
        if index == names {
            left.push(centred("-------", PLAIN));
        }
        left.push(centred(text, *style));
    }
    if names == agency_lines.len() {
        left.push(centred("-------", PLAIN));
    }
    table(
        vec![vec![cell(left, left_width), cell(national, right_width)]],
        &[left_width, right_width],
        false,
    )
}

/// A line of dots across the text width for the officer to write on by hand: exactly
/// one line wide in any font (a right tab with a dot leader in Word).
pub fn dotted_line() -> Paragraph {
    Paragraph {
        leader: true,
        spacing: Spacing::new().after(40).line(360),
        ..Paragraph::default()
    }
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
