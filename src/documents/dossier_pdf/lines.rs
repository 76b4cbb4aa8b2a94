//! Text on the dossier's own pages: one line drawn, a footer cut to fit, and the notice
//! page of a file not printed as itself.

use krilla::surface::Surface;

use super::super::pdf::{ACCENT, Face, INK, PAGE_H, PAGE_W, Placed, WARN, draw, wrap};
use super::{FOOTER_BAND, MARGIN, PrintJob, PrintWords};
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
