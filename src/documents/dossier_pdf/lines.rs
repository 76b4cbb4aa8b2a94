//! Text on the dossier's own pages: one line drawn, the footer (cut to fit), the cover,
//! the contents' and the file index's pages, and the notice page of a file not printed
//! as itself.

use krilla::geom::Rect;
use krilla::surface::Surface;

use super::super::pdf::{ACCENT, Face, INK, MUTED, PAGE_H, PAGE_W, Placed, WARN, draw, wrap};
use super::{EVIDENCE_MARGIN, FOOTER_BAND, INDEX_FILES, MARGIN, PrintJob, PrintWords};
use crate::domain::dossier::Attachment;
use crate::domain::search::nfc;

/// `line` cut with "…" to fit `width` at `size`.
pub(super) fn fit_line(face: &Face, line: &str, size: f32, width: f32) -> String {
    if face.width(line, size) <= width {
        return line.to_owned();
    }
    let mut chars: Vec<char> = line.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if face.width(&candidate, size) <= width {
            return candidate;
        }
    }
    String::new()
}

/// The two faces text is drawn with.
#[derive(Clone, Copy)]
pub(super) struct Faces<'a> {
    pub(super) regular: &'a Face,
    pub(super) bold: &'a Face,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one line of text: where, what, how"
)]
pub(super) fn text(
    surface: &mut Surface<'_>,
    faces: &Faces<'_>,
    x: f32,
    y: f32,
    line: &str,
    size: f32,
    is_bold: bool,
    colour: (u8, u8, u8),
) {
    let face = if is_bold { faces.bold } else { faces.regular };
    draw(
        surface,
        face,
        &Placed {
            x,
            y,
            text: line.to_owned(),
            size,
            bold: is_bold,
            colour,
            rule: false,
        },
    );
}

/// The page of a file that is not printed as itself: its name, size and hash, and why.
pub(super) fn notice_page(
    surface: &mut Surface<'_>,
    faces: &Faces<'_>,
    words: &PrintWords,
    attachment: &Attachment,
    reason: Option<&str>,
) {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut y = 260.0;
    let title = reason.map_or(&words.not_printable, |_| &words.problem_title);
    let colour = if reason.is_some() { WARN } else { ACCENT };
    for line in wrap(faces.bold, &nfc(title), 15.0, width) {
        text(surface, faces, MARGIN, y, &line, 15.0, true, colour);
        y += 22.0;
    }
    y += 8.0;
    for line in wrap(faces.bold, &nfc(&attachment.file_name), 12.0, width) {
        text(surface, faces, MARGIN, y, &line, 12.0, true, INK);
        y += 17.0;
    }
    if let Some(reason) = reason {
        for line in wrap(faces.regular, &nfc(reason), 11.0, width) {
            text(surface, faces, MARGIN, y, &line, 11.0, false, WARN);
            y += 16.0;
        }
    }
    y += 6.0;
    let size_line = format!("{}: {} byte", words.size, attachment.size_bytes);
    text(
        surface,
        faces,
        MARGIN,
        y,
        &nfc(&size_line),
        10.0,
        false,
        INK,
    );
    y += 15.0;
    text(
        surface,
        faces,
        MARGIN,
        y,
        &format!("SHA-256: {}", attachment.sha256),
        8.5,
        false,
        INK,
    );
}

/// The page of a form that could not be made: its name and why.
pub(super) fn problem_page(
    surface: &mut Surface<'_>,
    faces: &Faces<'_>,
    title: &str,
    name: &str,
    reason: &str,
) {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut y = 260.0;
    for line in wrap(faces.bold, &nfc(title), 15.0, width) {
        text(surface, faces, MARGIN, y, &line, 15.0, true, WARN);
        y += 22.0;
    }
    y += 8.0;
    for line in wrap(faces.bold, &nfc(name), 12.0, width) {
        text(surface, faces, MARGIN, y, &line, 12.0, true, INK);
        y += 17.0;
    }
    for line in wrap(faces.regular, &nfc(reason), 11.0, width) {
        text(surface, faces, MARGIN, y, &line, 11.0, false, WARN);
        y += 16.0;
    }
}

/// Width of a contents entry's name (the page number takes the rest of the line).
pub(super) const CONTENTS_TEXT_W: f32 = PAGE_W - 2.0 * MARGIN - 70.0;
/// Where the first contents entry starts, and the lowest a contents line may reach.
pub(super) const CONTENTS_TOP: f32 = MARGIN + 50.0;
pub(super) const CONTENTS_BOTTOM: f32 = PAGE_H - MARGIN - FOOTER_BAND;

/// The contents entries on each contents page, by their measured height: an entry
/// wrapping onto several lines takes the room it needs, and never runs past the page.
pub(super) fn contents_layout(job: &PrintJob<'_>, regular: &Face) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0usize;
    let mut y = CONTENTS_TOP;
    let names = contents_names(job);
    for (index, name) in names.iter().enumerate() {
        let height = wrap(regular, &nfc(name), 10.5, CONTENTS_TEXT_W).len() as f32 * 14.0 + 4.0;
        if y + height > CONTENTS_BOTTOM && index > start {
            pages.push(start..index);
            start = index;
            y = CONTENTS_TOP;
        }
        y += height;
    }
    pages.push(start..names.len());
    pages
}

/// The contents' lines: each document of the list, numbered, then the electronic file
/// index (not a document of the list: not numbered).
pub(super) fn contents_names(job: &PrintJob<'_>) -> Vec<String> {
    job.documents
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{}. {}", i + 1, d.name_vi))
        .chain(std::iter::once(job.words.file_index.clone()))
        .collect()
}

/// The footer's left part at 8 pt in `room`: "product · what – detail", the `what` cut
/// with "…" first so that the `detail` (a file's name) stays whole when it can.
pub(super) fn footer_line(
    face: &Face,
    product: &str,
    what: &str,
    detail: &str,
    room: f32,
) -> String {
    let whole = match (what.is_empty(), detail.is_empty()) {
        (true, _) => product.to_owned(),
        (false, true) => format!("{product} · {what}"),
        (false, false) => format!("{product} · {what} – {detail}"),
    };
    let whole = nfc(&whole);
    if detail.is_empty() || face.width(&whole, 8.0) <= room {
        return fit_line(face, &whole, 8.0, room);
    }
    let tail = nfc(&format!(" – {detail}"));
    let head = nfc(&format!("{product} · "));
    let left_for_what = room - face.width(&tail, 8.0) - face.width(&head, 8.0);
    if left_for_what < 60.0 {
        return fit_line(face, &whole, 8.0, room);
    }
    format!(
        "{head}{}{tail}",
        fit_line(face, &nfc(what), 8.0, left_for_what)
    )
}

/// The footer: "Cốm Hồng Quang · <document> – <file>" on the left, "Trang x/y" on the
/// right (`number`: this page's, 1-based, and the dossier's pages). When it is too long
/// the document's name is cut, never the file's: the page names what it shows.
pub(super) fn footer(
    surface: &mut Surface<'_>,
    regular: &Face,
    job: &PrintJob<'_>,
    what: &str,
    detail: &str,
    (page_no, total): (usize, usize),
) {
    let number = nfc(&format!("{} {}/{total}", job.words.page, page_no));
    let number_w = regular.width(&number, 8.0);
    let room = PAGE_W - 2.0 * EVIDENCE_MARGIN - number_w - 12.0;
    let left = footer_line(regular, &job.product, what, detail, room);
    for (x, line) in [
        (EVIDENCE_MARGIN, left),
        (PAGE_W - EVIDENCE_MARGIN - number_w, number),
    ] {
        draw(
            surface,
            regular,
            &Placed {
                x,
                y: PAGE_H - 20.0,
                text: line,
                size: 8.0,
                bold: false,
                colour: MUTED,
                rule: false,
            },
        );
    }
}

/// The cover: the title centred, then the product's particulars.
pub(super) fn cover_page(surface: &mut Surface<'_>, faces: &Faces<'_>, job: &PrintJob<'_>) {
    let mut y = 200.0;
    for line in wrap(
        faces.bold,
        &nfc(&job.words.cover_title),
        20.0,
        PAGE_W - 2.0 * MARGIN,
    ) {
        let x = (PAGE_W - faces.bold.width(&line, 20.0)) / 2.0;
        text(surface, faces, x, y, &line, 20.0, true, ACCENT);
        y += 28.0;
    }
    y += 24.0;
    for (label, value) in &job.cover {
        let lines = wrap(
            faces.regular,
            &nfc(&format!("{label}: {value}")),
            13.0,
            PAGE_W - 2.0 * MARGIN,
        );
        for line in lines {
            text(surface, faces, MARGIN, y, &line, 13.0, false, INK);
            y += 20.0;
        }
    }
}

/// A page of the contents: the heading, then each entry of `chunk` (name, first page
/// index) with its page number as the footers print it, or "chưa có". Gives each numbered
/// entry's area and the page it links to.
pub(super) fn contents_page(
    surface: &mut Surface<'_>,
    faces: &Faces<'_>,
    job: &PrintJob<'_>,
    chunk: &[(String, Option<usize>)],
) -> Vec<(Rect, usize)> {
    let mut links = Vec::new();
    let mut y = MARGIN + 20.0;
    text(
        surface,
        faces,
        MARGIN,
        y,
        &nfc(&job.words.contents),
        16.0,
        true,
        ACCENT,
    );
    y += 30.0;
    for (name, first) in chunk {
        // The page number as printed in the footers (1-based).
        let number = first.map_or_else(|| job.words.not_ready.clone(), |p| (p + 1).to_string());
        let lines = wrap(faces.regular, &nfc(name), 10.5, CONTENTS_TEXT_W);
        let top = y - 11.0;
        for line in &lines {
            text(surface, faces, MARGIN, y, line, 10.5, false, INK);
            y += 14.0;
        }
        let colour = if first.is_some() { INK } else { WARN };
        let nw = faces.regular.width(&number, 10.5);
        text(
            surface,
            faces,
            PAGE_W - MARGIN - nw,
            top + 11.0,
            &number,
            10.5,
            false,
            colour,
        );
        if let Some(p) = first
            && let Some(rect) = Rect::from_xywh(MARGIN, top, PAGE_W - 2.0 * MARGIN, y - top)
        {
            links.push((rect, *p));
        }
        y += 4.0;
    }
    links
}

/// Page `chunk_no` (0-based) of the file index: the heading and its note on the first,
/// then each file of `chunk`, numbered through the index, with its size and SHA-256.
pub(super) fn index_page(
    surface: &mut Surface<'_>,
    faces: &Faces<'_>,
    job: &PrintJob<'_>,
    chunk_no: usize,
    chunk: &[&Attachment],
) {
    let mut y = MARGIN + 20.0;
    if chunk_no == 0 {
        text(
            surface,
            faces,
            MARGIN,
            y,
            &nfc(&job.words.file_index),
            16.0,
            true,
            ACCENT,
        );
        y += 22.0;
        for line in wrap(
            faces.regular,
            &nfc(&job.words.file_index_note),
            9.5,
            PAGE_W - 2.0 * MARGIN,
        ) {
            text(surface, faces, MARGIN, y, &line, 9.5, false, MUTED);
            y += 13.0;
        }
        y += 10.0;
    }
    for (i, file) in chunk.iter().enumerate() {
        let n = chunk_no * INDEX_FILES + i + 1;
        for line in wrap(
            faces.bold,
            &nfc(&format!("{n}. {}", file.file_name)),
            10.0,
            PAGE_W - 2.0 * MARGIN,
        ) {
            text(surface, faces, MARGIN, y, &line, 10.0, true, INK);
            y += 13.0;
        }
        let size_line = format!("{}: {} byte", job.words.size, file.size_bytes);
        text(
            surface,
            faces,
            MARGIN + 14.0,
            y,
            &nfc(&size_line),
            9.0,
            false,
            INK,
        );
        y += 12.0;
        text(
            surface,
            faces,
            MARGIN + 14.0,
            y,
            &format!("SHA-256: {}", file.sha256),
            8.0,
            false,
            INK,
        );
        y += 18.0;
    }
}
