//! A [`Paper`] typeset as PDF pages by the app itself, for the printed dossier: the same
//! blocks the .docx is written from, on the same A4 page with the Decree 30 margins
//! (20/20/30/20 mm), in OCOP Serif (Liberation Serif's letters, Times New Roman's metrics; embedded and
//! subset by krilla; □ and ☑ fall back to DejaVu Sans, which has them), 13 pt body with
//! Word's single line spacing. Paragraphs wrap at spaces and are aligned as in Word
//! (left, centred, right, both edges); tables keep their fixed column widths and their
//! rows whole on a page (a row taller than a page is split line by line); a heading
//! kept with what follows never ends a page; a dotted line fills the width.
//!
//! [`lay_out`] is pure: it gives each page as a list of drawing operations, so the
//! dossier knows the page count before it draws; [`draw`] puts one page on a surface.

use krilla::geom::{PathBuilder, Point};
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::paper::{Align, Block, MARGIN_LEFT, MARGIN_TOP, Paper, Paragraph};
use super::pdf::{INK, PAGE_H, fill};

mod table;
use crate::storage::assets::{dejavu_sans, dejavu_sans_bold, liberation_serif};
use table::{lay_row, place_table};

/// Twips per point.
const TWIPS: f32 = 20.0;
/// Word's single line height for Times New Roman, as a multiple of the type size.
const LINE: f32 = 1.15;
/// Where the baseline sits in a line, as a multiple of the type size (Times' ascent).
const ASCENT: f32 = 0.891;
/// Word's default cell margins left and right (108 twips), in points.
const CELL_PAD_X: f32 = 5.4;
/// A little room above and below the text of a bordered cell, in points.
const CELL_PAD_Y: f32 = 2.5;

fn left() -> f32 {
    MARGIN_LEFT as f32 / TWIPS
}
fn top() -> f32 {
    MARGIN_TOP as f32 / TWIPS
}
fn bottom() -> f32 {
    PAGE_H - super::paper::MARGIN_BOTTOM as f32 / TWIPS
}
fn text_width() -> f32 {
    super::paper::TEXT_WIDTH as f32 / TWIPS
}

/// Which face a piece of text is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaceId {
    Serif {
        bold: bool,
        italic: bool,
    },
    /// DejaVu Sans, for the few characters Liberation Serif lacks (☑, ★).
    Fallback {
        bold: bool,
    },
}

/// A face: krilla's handle for drawing, rustybuzz's for measuring.
struct FontFace {
    font: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
}

impl FontFace {
    fn new(data: &'static [u8]) -> Option<FontFace> {
        let font = Font::new(data.into(), 0)?;
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let units_per_em = shaper.units_per_em() as f32;
        Some(FontFace {
            font,
            shaper,
            units_per_em,
        })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&self.shaper, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / self.units_per_em * size
    }

    fn has(&self, c: char) -> bool {
        c.is_whitespace() || self.shaper.glyph_index(c).is_some()
    }
}

/// The faces a paper is typeset with.
pub struct Fonts {
    serif: [FontFace; 4],
    fallback: [FontFace; 2],
}

impl Fonts {
    /// The built-in faces; `None` if one does not load (a build defect the tests catch).
    pub fn new() -> Option<Fonts> {
        let serif = |bold, italic| FontFace::new(liberation_serif(bold, italic));
        Some(Fonts {
            serif: [
                serif(false, false)?,
                serif(true, false)?,
                serif(false, true)?,
                serif(true, true)?,
            ],
            fallback: [
                FontFace::new(dejavu_sans())?,
                FontFace::new(dejavu_sans_bold())?,
            ],
        })
    }

    fn face(&self, id: FaceId) -> &FontFace {
        match id {
            FaceId::Serif { bold, italic } => {
                &self.serif[usize::from(bold) + 2 * usize::from(italic)]
            }
            FaceId::Fallback { bold } => &self.fallback[usize::from(bold)],
        }
    }

    /// `text` cut where the serif face lacks a glyph: (face, piece) in order.
    fn pieces(&self, text: &str, bold: bool, italic: bool) -> Vec<(FaceId, String)> {
        let serif = FaceId::Serif { bold, italic };
        let mut out: Vec<(FaceId, String)> = Vec::new();
        for c in text.chars() {
            let id = if self.face(serif).has(c) {
                serif
            } else {
                FaceId::Fallback { bold }
            };
            match out.last_mut() {
                Some((last, piece)) if *last == id => piece.push(c),
                _ => out.push((id, c.to_string())),
            }
        }
        out
    }

    fn measure(&self, text: &str, bold: bool, italic: bool, size: f32) -> f32 {
        self.pieces(text, bold, italic)
            .iter()
            .map(|(id, piece)| self.face(*id).width(piece, size))
            .sum()
    }
}

/// One drawing operation of a page, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        face: FaceId,
    },
    /// A thin rule (a table's border).
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
}

/// One line of a paragraph, its operations relative to the line's top left.
#[derive(Debug, Clone)]
struct LineBox {
    height: f32,
    ops: Vec<Op>,
}

impl LineBox {
    fn shifted(&self, dx: f32, dy: f32) -> impl Iterator<Item = Op> + '_ {
        self.ops.iter().map(move |op| match op {
            Op::Text {
                x,
                y,
                text,
                size,
                face,
            } => Op::Text {
                x: x + dx,
                y: y + dy,
                text: text.clone(),
                size: *size,
                face: *face,
            },
            Op::Rule { x1, y1, x2, y2 } => Op::Rule {
                x1: x1 + dx,
                y1: y1 + dy,
                x2: x2 + dx,
                y2: y2 + dy,
            },
        })
    }
}

/// A word or a space of a paragraph, in one style.
struct Token {
    text: String,
    bold: bool,
    italic: bool,
    size: f32,
    width: f32,
    space: bool,
}

/// A paragraph's pieces: space before, its lines, space after.
struct ParaBox {
    before: f32,
    lines: Vec<LineBox>,
    after: f32,
    keep_next: bool,
    page_break_before: bool,
}

impl ParaBox {
    fn height(&self) -> f32 {
        self.before + self.lines.iter().map(|l| l.height).sum::<f32>() + self.after
    }
}

fn tokens(paragraph: &Paragraph, fonts: &Fonts) -> Vec<Token> {
    let mut out = Vec::new();
    for run in &paragraph.runs {
        let size = run.style.half_points() as f32 / 2.0;
        let (bold, italic) = (run.style.bold, run.style.italic);
        let mut word = String::new();
        let push = |out: &mut Vec<Token>, text: String, space: bool| {
            if !text.is_empty() {
                let width = fonts.measure(&text, bold, italic, size);
                out.push(Token {
                    text,
                    bold,
                    italic,
                    size,
                    width,
                    space,
                });
            }
        };
        for c in run.text.chars() {
            if c == ' ' {
                push(&mut out, std::mem::take(&mut word), false);
                push(&mut out, " ".to_owned(), true);
            } else {
                word.push(c);
            }
        }
        push(&mut out, word, false);
    }
    out
}

/// A word wider than a line, cut by characters into pieces that fit.
fn cut_word(token: Token, width: f32, fonts: &Fonts) -> Vec<Token> {
    let mut out = Vec::new();
    let mut piece = String::new();
    for c in token.text.chars() {
        piece.push(c);
        if piece.chars().count() > 1
            && fonts.measure(&piece, token.bold, token.italic, token.size) > width
        {
            piece.pop();
            out.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    out.push(piece);
    out.into_iter()
        .map(|text| Token {
            width: fonts.measure(&text, token.bold, token.italic, token.size),
            text,
            ..token
        })
        .collect()
}

/// Lays a paragraph out in `width` points.
fn lay_paragraph(paragraph: &Paragraph, width: f32, fonts: &Fonts) -> ParaBox {
    let factor = paragraph.spacing.line.map_or(1.0, |l| l as f32 / 240.0);
    let body = super::paper::BODY as f32 / 2.0;
    let mut lines: Vec<LineBox> = Vec::new();
    if paragraph.leader {
        let dot = fonts.measure(".", false, false, body);
        // As many dots as fit (a few hundred at most: the width is a page's).
        let mut count = 0usize;
        while dot > 0.0 && count < 1000 && (count + 1) as f32 * dot <= width {
            count += 1;
        }
        let height = body * LINE * factor;
        lines.push(LineBox {
            height,
            ops: vec![Op::Text {
                x: 0.0,
                y: body * ASCENT + (height - body * LINE) / 2.0,
                text: ".".repeat(count),
                size: body,
                face: FaceId::Serif {
                    bold: false,
                    italic: false,
                },
            }],
        });
    } else {
        let mut words: Vec<Token> = Vec::new();
        for token in tokens(paragraph, fonts) {
            if !token.space && token.width > width {
                words.extend(cut_word(token, width, fonts));
            } else {
                words.push(token);
            }
        }
        // Greedy filling; spaces at the ends of a line are dropped.
        let mut rows: Vec<Vec<Token>> = vec![Vec::new()];
        let mut used = 0.0f32;
        for token in words {
            let Some(row) = rows.last_mut() else { break };
            if token.space && row.is_empty() {
                continue;
            }
            if !token.space && used + token.width > width + 0.01 && !row.is_empty() {
                while row.last().is_some_and(|t| t.space) {
                    row.pop();
                }
                rows.push(vec![token]);
                used = rows.last().map_or(0.0, |r| r.iter().map(|t| t.width).sum());
                continue;
            }
            used += token.width;
            row.push(token);
        }
        if let Some(row) = rows.last_mut() {
            while row.last().is_some_and(|t| t.space) {
                row.pop();
            }
        }
        let count = rows.len();
        for (index, row) in rows.into_iter().enumerate() {
            let size = row
                .iter()
                .map(|t| t.size)
                .fold(0.0f32, f32::max)
                .max(if paragraph.runs.is_empty() { body } else { 0.0 })
                .max(
                    paragraph
                        .runs
                        .first()
                        .map_or(body, |r| r.style.half_points() as f32 / 2.0),
                );
            let height = size * LINE * factor;
            let baseline = size * ASCENT + (height - size * LINE) / 2.0;
            let natural: f32 = row.iter().map(|t| t.width).sum();
            let spaces = row.iter().filter(|t| t.space).count();
            let last = index + 1 == count;
            let (mut x, stretch) = match paragraph.align {
                Align::Centre => (((width - natural) / 2.0).max(0.0), 0.0),
                Align::Right => ((width - natural).max(0.0), 0.0),
                Align::Justify if !last && spaces > 0 => {
                    (0.0, ((width - natural) / spaces as f32).max(0.0))
                }
                Align::Left | Align::Justify => (0.0, 0.0),
            };
            let mut ops = Vec::new();
            for token in row {
                if token.space {
                    x += token.width + stretch;
                    continue;
                }
                for (face, piece) in fonts.pieces(&token.text, token.bold, token.italic) {
                    let w = fonts.face(face).width(&piece, token.size);
                    ops.push(Op::Text {
                        x,
                        y: baseline,
                        text: piece,
                        size: token.size,
                        face,
                    });
                    x += w;
                }
            }
            lines.push(LineBox { height, ops });
        }
    }
    ParaBox {
        before: paragraph.spacing.before as f32 / TWIPS,
        lines,
        after: paragraph.spacing.after as f32 / TWIPS,
        keep_next: paragraph.keep_next,
        page_break_before: paragraph.page_break_before,
    }
}

/// The pages being filled.
struct Pages {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Pages {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = top();
    }
    fn room(&self) -> f32 {
        bottom() - self.y
    }
    fn at_top(&self) -> bool {
        self.y <= top() + 0.01
    }
    fn extend(&mut self, ops: impl Iterator<Item = Op>) {
        if let Some(page) = self.pages.last_mut() {
            page.extend(ops);
        }
    }
    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }
    /// Breaks the page unless `height` fits below (or it would not fit on any page).
    fn make_room(&mut self, height: f32) {
        if height > self.room() && !self.at_top() {
            self.new_page();
        }
    }
}

fn full_page() -> f32 {
    bottom() - top()
}

/// The height of the first line (or row) of a block: what a heading kept with it needs.
fn first_height(block: &Block, fonts: &Fonts) -> f32 {
    match block {
        Block::Paragraph(p) => {
            let laid = lay_paragraph(p, text_width(), fonts);
            laid.before + laid.lines.first().map_or(0.0, |l| l.height)
        }
        Block::Table(t) => t
            .rows
            .first()
            .map_or(0.0, |cells| lay_row(cells, t, fonts).height),
    }
}

/// The paper laid out on A4 pages: each page's drawing operations.
pub fn lay_out(paper: &Paper, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut pages = Pages {
        pages: vec![Vec::new()],
        y: top(),
    };
    for (index, block) in paper.blocks.iter().enumerate() {
        let next = paper.blocks.get(index + 1);
        match block {
            Block::Paragraph(paragraph) => {
                let laid = lay_paragraph(paragraph, text_width(), fonts);
                if laid.page_break_before && !pages.at_top() {
                    pages.new_page();
                }
                // Kept with the next block: this paragraph and the next block's first
                // line go to a new page together if they do not fit here.
                let mut need = laid.height();
                if laid.keep_next
                    && let Some(next) = next
                {
                    need += first_height(next, fonts);
                }
                if need <= full_page() {
                    pages.make_room(need);
                }
                pages.y += laid.before;
                for line in &laid.lines {
                    pages.make_room(line.height);
                    pages.extend(line.shifted(left(), pages.y));
                    pages.y += line.height;
                }
                pages.y += laid.after;
            }
            Block::Table(table) => place_table(&mut pages, table, fonts),
        }
    }
    pages.pages
}

/// Draws one laid-out page on `surface`.
pub fn draw(surface: &mut Surface<'_>, fonts: &Fonts, ops: &[Op]) {
    surface.set_fill(Some(fill(INK)));
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                text,
                size,
                face,
            } => {
                surface.draw_text(
                    Point::from_xy(*x, *y),
                    fonts.face(*face).font.clone(),
                    *size,
                    text,
                    false,
                    TextDirection::Auto,
                );
            }
            Op::Rule { x1, y1, x2, y2 } => {
                let mut builder = PathBuilder::new();
                builder.move_to(*x1, *y1);
                builder.line_to(*x2, *y2);
                if let Some(path) = builder.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: krilla::color::rgb::Color::new(0, 0, 0).into(),
                        width: 0.5,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(INK)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
