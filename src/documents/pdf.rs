//! A small flowing-text PDF writer for the status report, on `krilla`.
//!
//! Why krilla: it embeds and subsets TrueType fonts and writes a ToUnicode map for
//! every glyph, so Vietnamese text looks the same on any phone and extracts as real
//! text (`pdftotext`, copy-paste, search); it is the PDF back end of Typst, kept up by
//! its authors. The bundled DejaVu Sans has every Vietnamese letter precomposed, and
//! text is NFC before it is shaped, so one glyph stands for one letter.
//!
//! The layout is deliberately simple: blocks of text wrapped at word boundaries onto
//! A4 pages, with a footer on each page. Nothing here touches files.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::domain::search::nfc;
use crate::storage::assets::{dejavu_sans, dejavu_sans_bold};

/// A4 in points.
pub(super) const PAGE_W: f32 = 595.0;
pub(super) const PAGE_H: f32 = 842.0;
/// Margins in points (about 17 mm): wide text blocks read well on a phone.
const MARGIN: f32 = 48.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// The summary's type size in points: on a 6-inch phone showing the A4 width, about the
/// size of body text in a chat message (11 pt body text needs a zoom there).
const LARGE: f32 = 15.0;
/// Room kept for the footer.
const FOOTER: f32 = 28.0;

/// One block of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The report title (large, bold).
    Title(String),
    /// A line under the title (muted).
    Subtitle(String),
    /// A section heading (bold, with a rule under it).
    Heading(String),
    /// Body text.
    Text(String),
    /// Bold body text.
    Strong(String),
    /// A bullet item; `level` 0 or 1.
    Bullet {
        /// Indent level.
        level: u8,
        /// The item.
        text: String,
        /// Drawn in the warning colour (missing, overdue).
        warn: bool,
    },
    /// A line of the summary at the top, in large type: it reads on a phone showing the
    /// whole page width without zooming. `warn` draws it in the warning colour.
    Large {
        /// The line.
        text: String,
        /// Drawn in the warning colour (missing, overdue).
        warn: bool,
    },
    /// "key: value" with the key bold, on one line (wrapped under the value).
    Pair(String, String),
    /// Vertical space.
    Space,
}

/// A shaped font: krilla's handle plus the face for measuring.
pub(super) struct Face {
    pub(super) font: Font,
    data: &'static [u8],
    units_per_em: f32,
}

impl Face {
    pub(super) fn new(data: &'static [u8]) -> Option<Face> {
        let font = Font::new(data.into(), 0)?;
        let units_per_em = font.units_per_em();
        Some(Face {
            font,
            data,
            units_per_em,
        })
    }

    /// Width of `text` at `size` points, by the same shaping krilla draws with.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        let Some(face) = rustybuzz::Face::from_slice(self.data, 0) else {
            return 0.0;
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / self.units_per_em * size
    }
}

/// Splits `text` into lines no wider than `width`; a word longer than a line is cut.
pub(super) fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut current = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if face.width(&candidate, size) <= width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            // A single word wider than the line: cut it by characters.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if face.width(&piece, size) > width && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            current = piece;
        }
        lines.push(current);
    }
    lines
}

/// Colours (RGB) of the report: dark text, a muted grey, a warning red, an accent.
pub(super) const INK: (u8, u8, u8) = (0x1f, 0x23, 0x28);
pub(super) const MUTED: (u8, u8, u8) = (0x55, 0x5b, 0x63);
pub(super) const WARN: (u8, u8, u8) = (0xb0, 0x1e, 0x1e);
pub(super) const ACCENT: (u8, u8, u8) = (0x1b, 0x5e, 0x20);

pub(super) fn fill((r, g, b): (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}

/// A laid-out line: where and how to draw it.
pub(super) struct Placed {
    pub(super) x: f32,
    /// Baseline from the top of the page.
    pub(super) y: f32,
    pub(super) text: String,
    pub(super) size: f32,
    pub(super) bold: bool,
    pub(super) colour: (u8, u8, u8),
    /// Draw a rule under this line (headings).
    pub(super) rule: bool,
}

/// Lays the blocks out on pages (each a list of placed lines).
fn layout(blocks: &[Block], regular: &Face, bold: &Face) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = MARGIN;
    let bottom = PAGE_H - MARGIN - FOOTER;
    let place = |pages: &mut Vec<Vec<Placed>>,
                 y: &mut f32,
                 lines: Vec<String>,
                 x: f32,
                 size: f32,
                 is_bold: bool,
                 colour: (u8, u8, u8),
                 rule: bool| {
        let leading = size * 1.35;
        for text in lines {
            if *y + leading > bottom {
                pages.push(Vec::new());
                *y = MARGIN;
            }
            *y += leading;
            if let Some(page) = pages.last_mut() {
                page.push(Placed {
                    x,
                    y: *y - size * 0.3,
                    text,
                    size,
                    bold: is_bold,
                    colour,
                    rule,
                });
            }
        }
    };
    for block in blocks {
        match block {
            Block::Title(text) => {
                let lines = wrap(bold, text, 17.0, TEXT_W);
                place(&mut pages, &mut y, lines, MARGIN, 17.0, true, ACCENT, false);
            }
            Block::Subtitle(text) => {
                let lines = wrap(regular, text, 10.5, TEXT_W);
                place(&mut pages, &mut y, lines, MARGIN, 10.5, false, MUTED, false);
            }
            Block::Heading(text) => {
                // Keep a heading with at least three lines after it.
                if y + 13.0 * 1.35 * 4.0 > bottom {
                    pages.push(Vec::new());
                    y = MARGIN;
                } else {
                    y += 8.0;
                }
                let lines = wrap(bold, text, 13.0, TEXT_W);
                place(&mut pages, &mut y, lines, MARGIN, 13.0, true, ACCENT, true);
                y += 3.0;
            }
            Block::Text(text) | Block::Strong(text) => {
                let is_bold = matches!(block, Block::Strong(_));
                let face = if is_bold { bold } else { regular };
                let lines = wrap(face, text, 11.0, TEXT_W);
                place(&mut pages, &mut y, lines, MARGIN, 11.0, is_bold, INK, false);
            }
            Block::Bullet { level, text, warn } => {
                let indent = MARGIN + 12.0 + f32::from(*level) * 16.0;
                let width = PAGE_W - MARGIN - indent - 10.0;
                let mut lines = wrap(regular, text, 11.0, width);
                let colour = if *warn { WARN } else { INK };
                if let Some(first) = lines.first_mut() {
                    *first = format!("{} {first}", if *level == 0 { "•" } else { "–" });
                }
                // Continuation lines align under the text, after the bullet.
                let (first, rest) = lines.split_at(1.min(lines.len()));
                place(
                    &mut pages,
                    &mut y,
                    first.to_vec(),
                    indent,
                    11.0,
                    false,
                    colour,
                    false,
                );
                let bullet_w = regular.width("• ", 11.0);
                place(
                    &mut pages,
                    &mut y,
                    rest.to_vec(),
                    indent + bullet_w,
                    11.0,
                    false,
                    colour,
                    false,
                );
            }
            Block::Large { text, warn } => {
                let lines = wrap(bold, text, LARGE, TEXT_W);
                let colour = if *warn { WARN } else { INK };
                place(
                    &mut pages, &mut y, lines, MARGIN, LARGE, true, colour, false,
                );
            }
            Block::Pair(key, value) => {
                let text = format!("{key}: {value}");
                let lines = wrap(regular, &text, 11.0, TEXT_W);
                place(&mut pages, &mut y, lines, MARGIN, 11.0, false, INK, false);
            }
            Block::Space => y += 6.0,
        }
    }
    pages
}

/// The blocks as a PDF: A4 pages, DejaVu Sans embedded (subset), a footer with
/// `footer` and the page number on each page, document metadata in Vietnamese.
pub fn render(blocks: &[Block], title: &str, footer: &str) -> Result<Vec<u8>, String> {
    let regular = Face::new(dejavu_sans()).ok_or("the bundled font does not load")?;
    let bold = Face::new(dejavu_sans_bold()).ok_or("the bundled bold font does not load")?;
    let blocks: Vec<Block> = blocks.iter().map(normalise).collect();
    let pages = layout(&blocks, &regular, &bold);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(nfc(title))
            .language("vi".to_owned())
            .creator("ocop-tracker".to_owned()),
    );
    let count = pages.len();
    let size = Size::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
    for (index, lines) in pages.iter().enumerate() {
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        for placed in lines {
            let face = if placed.bold { &bold } else { &regular };
            draw(&mut surface, face, placed);
            if placed.rule {
                rule(&mut surface, placed.y + 4.0);
            }
        }
        let footer_line = format!("{footer} · Trang {}/{count}", index + 1);
        draw(
            &mut surface,
            &regular,
            &Placed {
                x: MARGIN,
                y: PAGE_H - MARGIN + 6.0,
                text: nfc(&footer_line),
                size: 8.5,
                bold: false,
                colour: MUTED,
                rule: false,
            },
        );
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|err| format!("{err:?}"))
}

pub(super) fn draw(surface: &mut Surface<'_>, face: &Face, placed: &Placed) {
    surface.set_fill(Some(fill(placed.colour)));
    surface.draw_text(
        Point::from_xy(placed.x, placed.y),
        face.font.clone(),
        placed.size,
        &placed.text,
        false,
        TextDirection::Auto,
    );
}

fn rule(surface: &mut Surface<'_>, y: f32) {
    let mut builder = PathBuilder::new();
    builder.move_to(MARGIN, y);
    builder.line_to(PAGE_W - MARGIN, y);
    if let Some(path) = builder.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(0xc8, 0xcc, 0xd0).into(),
            width: 0.8,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

/// NFC for every text of a block (one code point per Vietnamese letter).
fn normalise(block: &Block) -> Block {
    match block {
        Block::Title(t) => Block::Title(nfc(t)),
        Block::Subtitle(t) => Block::Subtitle(nfc(t)),
        Block::Heading(t) => Block::Heading(nfc(t)),
        Block::Text(t) => Block::Text(nfc(t)),
        Block::Strong(t) => Block::Strong(nfc(t)),
        Block::Bullet { level, text, warn } => Block::Bullet {
            level: *level,
            text: nfc(text),
            warn: *warn,
        },
        Block::Large { text, warn } => Block::Large {
            text: nfc(text),
            warn: *warn,
        },
        Block::Pair(k, v) => Block::Pair(nfc(k), nfc(v)),
        Block::Space => Block::Space,
    }
}
