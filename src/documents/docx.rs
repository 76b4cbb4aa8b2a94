//! A [`Paper`] as a Word document (.docx): Times New Roman set in all four font slots of
//! every run (Word draws ư, ơ, ạ through `hAnsi`), the Decree 30 page, tables with fixed
//! widths whose rows never split, a right tab with a dot leader for a dotted line. Built
//! on `docx-rs`; nothing here touches files.

use docx_rs::{
    AlignmentType, BorderType, Docx, LineSpacing, PageMargin, Run as DocxRun, RunFonts, Tab,
    TabLeaderType, TabValueType, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use super::paper::{
    Align, BODY, Block, FONT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_W,
    Paper, Paragraph, Run, TEXT_WIDTH, Table,
};

/// The font in all four slots.
fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

fn run(run: &Run) -> DocxRun {
    let mut out = DocxRun::new()
        .add_text(run.text.clone())
        .fonts(fonts())
        .size(run.style.half_points());
    if run.style.bold {
        out = out.bold();
    }
    if run.style.italic {
        out = out.italic();
    }
    out
}

fn paragraph(p: &Paragraph) -> docx_rs::Paragraph {
    let mut spacing = LineSpacing::new()
        .before(p.spacing.before)
        .after(p.spacing.after);
    if let Some(line) = p.spacing.line {
        spacing = spacing.line(i32::try_from(line).unwrap_or(240));
    }
    let mut out = docx_rs::Paragraph::new().line_spacing(spacing);
    if p.leader {
        // A right tab at the margin with a dot leader: exactly one line wide in any font.
        out = out
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .leader(TabLeaderType::Dot)
                    .pos(TEXT_WIDTH),
            )
            .add_run(DocxRun::new().add_tab().fonts(fonts()).size(BODY));
    }
    out = p
        .runs
        .iter()
        .map(run)
        .fold(out, docx_rs::Paragraph::add_run);
    if !p.runs.is_empty() || p.align != Align::Left {
        out = out.align(match p.align {
            Align::Left => AlignmentType::Left,
            Align::Centre => AlignmentType::Center,
            Align::Right => AlignmentType::Right,
            Align::Justify => AlignmentType::Both,
        });
    }
    if p.keep_next {
        out = out.keep_next(true);
    }
    if p.page_break_before {
        out = out.page_break_before(true);
    }
    out
}

fn table(t: &Table) -> docx_rs::Table {
    // No row splits across pages: a criterion's line, or the signature block with its
    // date line ("…, ngày … tháng … năm …"), stays whole on one page.
    let rows: Vec<TableRow> = t
        .rows
        .iter()
        .map(|cells| {
            let cells = cells
                .iter()
                .map(|c| {
                    c.paragraphs
                        .iter()
                        .map(paragraph)
                        .fold(TableCell::new(), TableCell::add_paragraph)
                        .width(c.width, WidthType::Dxa)
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    let out = docx_rs::Table::new(rows)
        .set_grid(t.widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(t.widths.iter().sum(), WidthType::Dxa);
    if t.bordered {
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
        out.set_borders(borders)
    } else {
        out.set_borders(TableBorders::with_empty())
    }
}

/// The paper as a `docx-rs` document: A4 with the Decree 30 margins, Times New Roman
/// by default.
fn docx(paper: &Paper) -> Docx {
    let start = Docx::new()
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
        .default_size(BODY);
    paper.blocks.iter().fold(start, |doc, block| match block {
        Block::Paragraph(p) => doc.add_paragraph(paragraph(p)),
        Block::Table(t) => doc.add_table(table(t)),
    })
}

/// The paper as .docx bytes.
pub fn pack(paper: &Paper) -> Result<Vec<u8>, String> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx(paper)
        .pack(&mut bytes)
        .map_err(|err| err.to_string())?;
    Ok(bytes.into_inner())
}
