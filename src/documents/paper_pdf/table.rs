//! Tables of a paper: fixed column widths, rows kept whole on a page (a row taller than a
//! page split line by line), rows kept together moved to a new page together, single
//! borders drawn per page fragment.

use super::{
    CELL_PAD_X, CELL_PAD_Y, Fonts, LineBox, Op, Pages, TWIPS, full_page, lay_paragraph, left,
};
use crate::documents::paper::{Cell, Table};

/// A laid-out row of a table: each cell's lines (x offset of the cell, lines with their
/// y offsets inside the cell).
pub(super) struct RowBox {
    cells: Vec<(f32, Vec<(f32, LineBox)>)>,
    pub(super) height: f32,
    keep_next: bool,
}

pub(super) fn lay_row(cells: &[Cell], table: &Table, fonts: &Fonts) -> RowBox {
    let pad_y = if table.bordered { CELL_PAD_Y } else { 0.0 };
    let mut x = 0.0;
    let mut out = Vec::new();
    let mut height = 0.0f32;
    let mut keep_next = false;
    for (index, cell) in cells.iter().enumerate() {
        let column = table.widths.get(index).copied().unwrap_or(cell.width) as f32 / TWIPS;
        let inner = (column - 2.0 * CELL_PAD_X).max(10.0);
        let mut y = pad_y;
        let mut lines = Vec::new();
        for paragraph in &cell.paragraphs {
            keep_next |= paragraph.keep_next;
            let laid = lay_paragraph(paragraph, inner, fonts);
            y += laid.before;
            for line in laid.lines {
                let h = line.height;
                lines.push((y, line));
                y += h;
            }
            y += laid.after;
        }
        height = height.max(y + pad_y);
        out.push((x + CELL_PAD_X, lines));
        x += column;
    }
    RowBox {
        cells: out,
        height,
        keep_next,
    }
}

/// Draws a table row fragment's borders: `top` to `top + height`.
fn borders(pages: &mut Pages, table: &Table, top_y: f32, height: f32) {
    let x0 = left();
    let total: f32 = table.widths.iter().map(|w| *w as f32 / TWIPS).sum();
    for y in [top_y, top_y + height] {
        pages.push(Op::Rule {
            x1: x0,
            y1: y,
            x2: x0 + total,
            y2: y,
        });
    }
    let mut x = x0;
    pages.push(Op::Rule {
        x1: x,
        y1: top_y,
        x2: x,
        y2: top_y + height,
    });
    for w in &table.widths {
        x += *w as f32 / TWIPS;
        pages.push(Op::Rule {
            x1: x,
            y1: top_y,
            x2: x,
            y2: top_y + height,
        });
    }
}

pub(super) fn place_table(pages: &mut Pages, table: &Table, fonts: &Fonts) {
    let rows: Vec<RowBox> = table
        .rows
        .iter()
        .map(|cells| lay_row(cells, table, fonts))
        .collect();
    for (index, row) in rows.iter().enumerate() {
        // Rows kept together (a header with the first row, a short table whole) move to
        // a new page together when they fit on one.
        let mut group = row.height;
        let mut at = index;
        while rows.get(at).is_some_and(|r| r.keep_next) && group <= full_page() {
            at += 1;
            if let Some(next) = rows.get(at) {
                group += next.height;
            }
        }
        if group <= full_page() {
            pages.make_room(group);
        } else {
            pages.make_room(row.height.min(full_page()));
        }
        place_row(pages, table, row);
    }
    // A little room under a bordered table, so a heading after it never touches its rule.
    if table.bordered {
        pages.y += TABLE_AFTER;
    }
}

/// Room left under a table, in points.
const TABLE_AFTER: f32 = 4.0;

/// Places a row at the current position, splitting it line by line over pages when it
/// is taller than the room left on a fresh page.
fn place_row(pages: &mut Pages, table: &Table, row: &RowBox) {
    let mut offset = 0.0f32; // how much of the row is already placed
    loop {
        let start = pages.y;
        let room = pages.room();
        let remaining = row.height - offset;
        if remaining <= room + 0.01 {
            for (x, lines) in &row.cells {
                for (y, line) in lines.iter().filter(|(y, _)| *y >= offset - 0.01) {
                    pages.extend(line.shifted(left() + x, start + y - offset));
                }
            }
            if table.bordered {
                borders(pages, table, start, remaining);
            }
            pages.y = start + remaining;
            return;
        }
        // Cut at the last line end that fits, over all cells.
        let limit = offset + room;
        let mut cut = offset;
        for (_, lines) in &row.cells {
            for (y, line) in lines {
                if *y >= offset - 0.01 && y + line.height <= limit + 0.01 {
                    cut = cut.max(y + line.height);
                }
            }
        }
        if cut <= offset + 0.01 {
            // Not a single line fits: start a page (a line taller than a page is placed whole).
            if pages.at_top() {
                cut = limit;
            } else {
                pages.new_page();
                continue;
            }
        }
        for (x, lines) in &row.cells {
            for (y, line) in lines
                .iter()
                .filter(|(y, l)| *y >= offset - 0.01 && y + l.height <= cut + 0.01)
            {
                pages.extend(line.shifted(left() + x, start + y - offset));
            }
        }
        if table.bordered {
            borders(pages, table, start, cut - offset);
        }
        offset = cut;
        pages.new_page();
    }
}
