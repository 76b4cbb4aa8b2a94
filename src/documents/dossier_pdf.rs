//! The whole dossier as one PDF to print (issue 24): a cover, "Mục lục hồ sơ" with each
//! document's first page (entries are links), then each document's evidence in the order
//! attached, and "Danh mục tệp điện tử" (every file's size and SHA-256, the values of the
//! bundle's manifest). Every page carries a footer with the product, the document and
//! "Trang x/y" through the whole dossier, inside a band the evidence is scaled to stay
//! out of; bookmarks name each document and, under it, each file.
//!
//! Evidence: PDF pages are embedded as PDF (krilla's `pdf` feature, hayro underneath: the
//! text stays text), JPEGs are embedded as they are (no re-encoding), PNGs re-compressed
//! losslessly; the EXIF orientation of a photo is honoured. A file that cannot be printed
//! (.docx, video…) gets a page naming it; a damaged, password-protected, truncated or
//! missing file, or an image over 100 megapixels, gets a page saying why, and the export
//! goes on. Bytes only: the files are read through the caller's `load`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use krilla::Document;
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::pdf::{Pdf, PdfDocument};
use krilla::surface::Surface;

use super::pdf::{ACCENT, Face, INK, MUTED, PAGE_H, PAGE_W, Placed, WARN, draw, wrap};
use crate::domain::dossier::Attachment;
use crate::domain::print::{FileKind, PrintedDocument, file_kind};
use crate::domain::search::nfc;
use crate::storage::assets::{dejavu_sans, dejavu_sans_bold};

/// Margin of the text pages (cover, contents, index, notices), in points.
const MARGIN: f32 = 56.0;
/// Band at the bottom of every page for the footer; evidence stays above it.
const FOOTER_BAND: f32 = 30.0;
/// Margin around evidence (a scan is printed as large as the page allows).
const EVIDENCE_MARGIN: f32 = 18.0;
/// Largest image placed (pixels): a bigger one is refused before it is decoded.
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// An evidence file as the caller read it.
pub enum Loaded {
    /// Its bytes.
    Bytes(Vec<u8>),
    /// It could not be read (missing from the store, unreadable): why, in words.
    Problem(String),
}

/// The words of the printed dossier, in the user's language (`text::print_words`).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintWords {
    pub cover_title: String,
    pub contents: String,
    pub not_ready: String,
    pub file_index: String,
    pub file_index_note: String,
    pub page: String,
    pub cover_label: String,
    pub contents_label: String,
    pub not_printable: String,
    pub size: String,
    pub problem_title: String,
    pub encrypted: String,
    pub damaged_pdf: String,
    pub damaged_image: String,
    pub too_large_image: String,
}

/// What to print.
pub struct PrintJob<'a> {
    /// The product's name (in every footer and the metadata).
    pub product: String,
    /// The cover's lines: (label, value).
    pub cover: Vec<(String, String)>,
    /// The dossier list in order, with what is printed.
    pub documents: &'a [PrintedDocument],
    pub words: &'a PrintWords,
    /// Each document starts on a right-hand (odd) page, for two-sided printing.
    pub odd_pages: bool,
}

/// An evidence file that could not be printed as itself: its name and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unprinted {
    pub file_name: String,
    pub reason: String,
}

/// Why the export stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    #[error("cancelled")]
    Cancelled,
    #[error("{0}")]
    Build(String),
}

/// How one evidence file is printed, decided in the first pass.
#[derive(Debug, Clone)]
enum Plan {
    /// Pages of an embedded PDF.
    Pdf(usize),
    /// One image page: its pixel size and EXIF orientation.
    Image { png: bool, orientation: u16 },
    /// One page naming a file that is not printed here.
    NotPrintable,
    /// One page saying why the file could not be printed.
    Problem(String),
}

impl Plan {
    fn pages(&self) -> usize {
        match self {
            Plan::Pdf(n) => *n,
            _ => 1,
        }
    }
}

/// Lines per contents page and files per index page.
const CONTENTS_LINES: usize = 26;
const INDEX_FILES: usize = 9;

/// The dossier as PDF bytes, and the files printed only as a notice page (each named
/// with why). `load` reads one attachment (called twice per file: once to count pages,
/// once to print; nothing is kept between); `progress` gets (files done, files); a set
/// `cancel` stops the export with [`PrintError::Cancelled`].
pub fn render(
    job: &PrintJob<'_>,
    load: &mut dyn FnMut(&Attachment) -> Loaded,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<(Vec<u8>, Vec<Unprinted>), PrintError> {
    let regular = Face::new(dejavu_sans()).ok_or(PrintError::Build("font".into()))?;
    let bold = Face::new(dejavu_sans_bold()).ok_or(PrintError::Build("font".into()))?;
    let included: Vec<&PrintedDocument> = job.documents.iter().filter(|d| d.included).collect();
    let files: u64 = included
        .iter()
        .map(|d| d.attachments.len() as u64)
        .sum::<u64>()
        * 2;
    let mut done = 0u64;
    let stopped = || cancel.load(Ordering::Relaxed);

    // Pass 1: how each file prints and how many pages it takes.
    let mut plans: Vec<Vec<Plan>> = Vec::with_capacity(included.len());
    for document in &included {
        let mut these = Vec::with_capacity(document.attachments.len());
        for attachment in &document.attachments {
            if stopped() {
                return Err(PrintError::Cancelled);
            }
            these.push(plan_file(attachment, load(attachment), job.words));
            done += 1;
            progress(done, files);
        }
        plans.push(these);
    }

    // Page indices (0-based): cover, contents, each document (padded to start on an odd
    // page number if asked), the file index.
    let contents_pages = job.documents.len().div_ceil(CONTENTS_LINES).max(1);
    let mut next = 1 + contents_pages;
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (first page index, padding before)
    for these in &plans {
        let pad = usize::from(job.odd_pages && next % 2 == 1);
        next += pad;
        starts.push((next, pad));
        next += these.iter().map(Plan::pages).sum::<usize>().max(1);
    }
    let index_files: Vec<&Attachment> =
        included.iter().flat_map(|d| d.attachments.iter()).collect();
    let index_start = next;
    let index_pages = index_files.len().div_ceil(INDEX_FILES).max(1);
    let total = index_start + index_pages;

    // PDF 2.0: evidence of any version embeds (an older output refuses newer pages).
    let configuration = ConfigurationBuilder::new()
        .with_version(PdfVersion::Pdf20)
        .finish()
        .map_err(|err| PrintError::Build(format!("{err:?}")))?;
    let mut document = Document::new_with(krilla::SerializeSettings {
        configuration,
        ..krilla::SerializeSettings::default()
    });
    document.set_metadata(
        Metadata::new()
            .title(nfc(&format!("{} – {}", job.words.cover_title, job.product)))
            .language("vi".to_owned())
            .creator("ocop-tracker".to_owned()),
    );
    let size = Size::from_wh(PAGE_W, PAGE_H).ok_or(PrintError::Build("page".into()))?;
    let faces = Faces {
        regular: &regular,
        bold: &bold,
    };
    let mut page_no = 0usize;
    // "Cốm Hồng Quang · <document> …" on the left, cut to fit; "Trang x/y" on the right.
    let footer = |surface: &mut Surface<'_>, what: &str, page_no: usize| {
        let number = nfc(&format!("{} {}/{total}", job.words.page, page_no));
        let number_w = regular.width(&number, 8.0);
        let room = PAGE_W - 2.0 * EVIDENCE_MARGIN - number_w - 12.0;
        let left = if what.is_empty() {
            job.product.clone()
        } else {
            format!("{} · {what}", job.product)
        };
        let left = fit_line(&regular, &nfc(&left), 8.0, room);
        for (x, line) in [
            (EVIDENCE_MARGIN, left),
            (PAGE_W - EVIDENCE_MARGIN - number_w, number),
        ] {
            draw(
                surface,
                &regular,
                &Placed {
                    x,
                    y: PAGE_H - 12.0,
                    text: line,
                    size: 8.0,
                    bold: false,
                    colour: MUTED,
                    rule: false,
                },
            );
        }
    };

    // The cover.
    {
        page_no += 1;
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        let mut y = 200.0;
        for line in wrap(
            &bold,
            &nfc(&job.words.cover_title),
            20.0,
            PAGE_W - 2.0 * MARGIN,
        ) {
            let x = (PAGE_W - bold.width(&line, 20.0)) / 2.0;
            text(&mut surface, &faces, x, y, &line, 20.0, true, ACCENT);
            y += 28.0;
        }
        y += 24.0;
        for (label, value) in &job.cover {
            let lines = wrap(
                &regular,
                &nfc(&format!("{label}: {value}")),
                13.0,
                PAGE_W - 2.0 * MARGIN,
            );
            for line in lines {
                text(&mut surface, &faces, MARGIN, y, &line, 13.0, false, INK);
                y += 20.0;
            }
        }
        footer(&mut surface, &job.words.cover_label, page_no);
        surface.finish();
        page.finish();
    }

    // The contents: every document of the list, its first page or "chưa có"; a link
    // to that page.
    let mut included_index = 0usize;
    let entries: Vec<(String, Option<usize>)> = job
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let first = if d.included {
                let start = starts.get(included_index).map(|(s, _)| *s);
                included_index += 1;
                start
            } else {
                None
            };
            (format!("{}. {}", i + 1, d.name_vi), first)
        })
        .collect();
    for chunk in entries.chunks(CONTENTS_LINES) {
        page_no += 1;
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut links = Vec::new();
        {
            let mut surface = page.surface();
            let mut y = MARGIN + 20.0;
            text(
                &mut surface,
                &faces,
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
                let number =
                    first.map_or_else(|| job.words.not_ready.clone(), |p| (p + 1).to_string());
                let width = PAGE_W - 2.0 * MARGIN - 70.0;
                let lines = wrap(&regular, &nfc(name), 10.5, width);
                let top = y - 11.0;
                for line in &lines {
                    text(&mut surface, &faces, MARGIN, y, line, 10.5, false, INK);
                    y += 14.0;
                }
                let colour = if first.is_some() { INK } else { WARN };
                let nw = regular.width(&number, 10.5);
                text(
                    &mut surface,
                    &faces,
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
            footer(&mut surface, &job.words.contents_label, page_no);
            surface.finish();
        }
        for (rect, target) in links {
            page.add_annotation(
                krilla::annotation::LinkAnnotation::new(
                    rect,
                    krilla::annotation::Target::Destination(krilla::destination::Destination::Xyz(
                        XyzDestination::new(target, Point::from_xy(0.0, 0.0)),
                    )),
                )
                .into(),
            );
        }
        page.finish();
    }

    // The documents.
    let mut outline = Outline::new();
    for ((document_plans, doc), (first, pad)) in plans.iter().zip(&included).zip(&starts) {
        for _ in 0..*pad {
            // A blank back page (two-sided printing): numbered, no document named.
            page_no += 1;
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            footer(&mut surface, "", page_no);
            surface.finish();
            page.finish();
        }
        let mut node = OutlineNode::new(
            nfc(&doc.name_vi),
            XyzDestination::new(*first, Point::from_xy(0.0, 0.0)),
        );
        for (attachment, plan) in doc.attachments.iter().zip(document_plans) {
            if stopped() {
                return Err(PrintError::Cancelled);
            }
            node.push_child(OutlineNode::new(
                nfc(&attachment.file_name),
                XyzDestination::new(page_no, Point::from_xy(0.0, 0.0)),
            ));
            let footer_text = format!("{} – {}", doc.name_vi, attachment.file_name);
            let bytes = match (plan, load(attachment)) {
                (Plan::Pdf(_) | Plan::Image { .. }, Loaded::Bytes(bytes)) => Some(bytes),
                _ => None,
            };
            match (plan, bytes) {
                (Plan::Pdf(pages), Some(bytes)) => {
                    let parsed = Pdf::new(bytes).ok().map(Arc::new);
                    for index in 0..*pages {
                        page_no += 1;
                        let mut page = document.start_page_with(PageSettings::new(size));
                        let mut surface = page.surface();
                        if let Some(pdf) = &parsed {
                            place_pdf_page(&mut surface, pdf, index);
                        }
                        footer(&mut surface, &footer_text, page_no);
                        surface.finish();
                        page.finish();
                    }
                }
                (Plan::Image { png, orientation }, Some(bytes)) => {
                    page_no += 1;
                    let mut page = document.start_page_with(PageSettings::new(size));
                    let mut surface = page.surface();
                    let image = if *png {
                        Image::from_png(bytes.into(), true)
                    } else {
                        Image::from_jpeg(bytes.into(), true)
                    };
                    if let Ok(image) = image {
                        place_image(&mut surface, image, *orientation);
                    }
                    footer(&mut surface, &footer_text, page_no);
                    surface.finish();
                    page.finish();
                }
                (plan, _) => {
                    page_no += 1;
                    let mut page = document.start_page_with(PageSettings::new(size));
                    let mut surface = page.surface();
                    let reason = match plan {
                        Plan::Problem(reason) => Some(reason.clone()),
                        Plan::NotPrintable => None,
                        _ => Some(job.words.damaged_pdf.clone()),
                    };
                    notice_page(
                        &mut surface,
                        &faces,
                        job.words,
                        attachment,
                        reason.as_deref(),
                    );
                    footer(&mut surface, &footer_text, page_no);
                    surface.finish();
                    page.finish();
                }
            }
            done += 1;
            progress(done, files);
        }
        if doc.attachments.is_empty() {
            page_no += 1;
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            footer(&mut surface, &doc.name_vi, page_no);
            surface.finish();
            page.finish();
        }
        outline.push_child(node);
    }

    // The file index: the same name, size and SHA-256 as the bundle's manifest.
    let index_first = page_no;
    for (chunk_no, chunk) in index_files.chunks(INDEX_FILES.max(1)).enumerate() {
        page_no += 1;
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        let mut y = MARGIN + 20.0;
        if chunk_no == 0 {
            text(
                &mut surface,
                &faces,
                MARGIN,
                y,
                &nfc(&job.words.file_index),
                16.0,
                true,
                ACCENT,
            );
            y += 22.0;
            for line in wrap(
                &regular,
                &nfc(&job.words.file_index_note),
                9.5,
                PAGE_W - 2.0 * MARGIN,
            ) {
                text(&mut surface, &faces, MARGIN, y, &line, 9.5, false, MUTED);
                y += 13.0;
            }
            y += 10.0;
        }
        for (i, file) in chunk.iter().enumerate() {
            let n = chunk_no * INDEX_FILES + i + 1;
            for line in wrap(
                &bold,
                &nfc(&format!("{n}. {}", file.file_name)),
                10.0,
                PAGE_W - 2.0 * MARGIN,
            ) {
                text(&mut surface, &faces, MARGIN, y, &line, 10.0, true, INK);
                y += 13.0;
            }
            let size_line = format!("{}: {} byte", job.words.size, file.size_bytes);
            text(
                &mut surface,
                &faces,
                MARGIN + 14.0,
                y,
                &nfc(&size_line),
                9.0,
                false,
                INK,
            );
            y += 12.0;
            text(
                &mut surface,
                &faces,
                MARGIN + 14.0,
                y,
                &format!("SHA-256: {}", file.sha256),
                8.0,
                false,
                INK,
            );
            y += 18.0;
        }
        footer(&mut surface, &job.words.file_index, page_no);
        surface.finish();
        page.finish();
    }
    if index_files.is_empty() {
        page_no += 1;
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        text(
            &mut surface,
            &faces,
            MARGIN,
            MARGIN + 20.0,
            &nfc(&job.words.file_index),
            16.0,
            true,
            ACCENT,
        );
        footer(&mut surface, &job.words.file_index, page_no);
        surface.finish();
        page.finish();
    }
    outline.push_child(OutlineNode::new(
        nfc(&job.words.file_index),
        XyzDestination::new(index_first, Point::from_xy(0.0, 0.0)),
    ));
    document.set_outline(outline);
    if page_no != total {
        return Err(PrintError::Build(format!(
            "{page_no} pages printed, {total} counted"
        )));
    }
    let unprinted: Vec<Unprinted> = included
        .iter()
        .zip(&plans)
        .flat_map(|(d, ps)| d.attachments.iter().zip(ps))
        .filter_map(|(a, p)| match p {
            Plan::Problem(reason) => Some(Unprinted {
                file_name: a.file_name.clone(),
                reason: reason.clone(),
            }),
            _ => None,
        })
        .collect();
    let bytes = document
        .finish()
        .map_err(|err| PrintError::Build(format!("{err:?}")))?;
    Ok((bytes, unprinted))
}

/// `line` cut with "…" to fit `width` at `size`.
fn fit_line(face: &Face, line: &str, size: f32, width: f32) -> String {
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
struct Faces<'a> {
    regular: &'a Face,
    bold: &'a Face,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one line of text: where, what, how"
)]
fn text(
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

/// How a file prints: its kind by name, checked by its bytes (first pass).
fn plan_file(attachment: &Attachment, loaded: Loaded, words: &PrintWords) -> Plan {
    let bytes = match loaded {
        Loaded::Bytes(bytes) => bytes,
        Loaded::Problem(reason) => return Plan::Problem(reason),
    };
    match file_kind(&attachment.file_name) {
        FileKind::Other => Plan::NotPrintable,
        FileKind::Pdf => match Pdf::new(bytes) {
            Ok(pdf) if !pdf.pages().is_empty() => Plan::Pdf(pdf.pages().len()),
            Err(hayro_syntax::LoadPdfError::Decryption(_)) => {
                Plan::Problem(words.encrypted.clone())
            }
            // No page, or not readable.
            Ok(_) | Err(_) => Plan::Problem(words.damaged_pdf.clone()),
        },
        kind @ (FileKind::Jpeg | FileKind::Png) => {
            let png = kind == FileKind::Png;
            let Some((width, height)) = image_size(&bytes) else {
                return Plan::Problem(words.damaged_image.clone());
            };
            if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
                return Plan::Problem(words.too_large_image.clone());
            }
            if !complete_image(&bytes, png) {
                return Plan::Problem(words.damaged_image.clone());
            }
            Plan::Image {
                png,
                orientation: if png { 1 } else { exif_orientation(&bytes) },
            }
        }
    }
}

/// An image's pixel size from its header (nothing decoded): a PNG's IHDR read here, a
/// JPEG's frame header by the image crate.
fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        let be = |at: usize| {
            bytes
                .get(at..at + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        };
        return Some((be(16)?, be(20)?));
    }
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// Whether an image file is whole: a JPEG ends with its end-of-image marker, a PNG with
/// its IEND chunk (a cut-short download lacks them).
fn complete_image(bytes: &[u8], png: bool) -> bool {
    if png {
        bytes.windows(4).rev().take(64).any(|w| w == b"IEND")
    } else {
        let trimmed = bytes
            .iter()
            .rposition(|b| *b != 0)
            .map_or(&[][..], |end| bytes.get(..=end).unwrap_or(&[]));
        trimmed.ends_with(&[0xFF, 0xD9])
    }
}

/// The EXIF orientation of a JPEG (1 when it has none): 3 upside down, 6 turned right,
/// 8 turned left (the mirrored ones, 2/4/5/7, are printed as their unmirrored turn).
fn exif_orientation(bytes: &[u8]) -> u16 {
    exif_orientation_of(bytes).unwrap_or(1)
}

fn exif_orientation_of(bytes: &[u8]) -> Option<u16> {
    let mut at = 2usize; // after SOI
    while at + 4 <= bytes.len().min(256 * 1024) {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if marker == 0xE1 && bytes.get(at + 4..at + 10)? == b"Exif\0\0" {
            let tiff = bytes.get(at + 10..at + 2 + len)?;
            let little = tiff.get(..2)? == b"II";
            let u16_at = |o: usize| -> Option<u16> {
                let b = tiff.get(o..o + 2)?;
                Some(if little {
                    u16::from_le_bytes([b[0], b[1]])
                } else {
                    u16::from_be_bytes([b[0], b[1]])
                })
            };
            let u32_at = |o: usize| -> Option<u32> {
                let b = tiff.get(o..o + 4)?;
                Some(if little {
                    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
                } else {
                    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
                })
            };
            let ifd = usize::try_from(u32_at(4)?).ok()?;
            let count = usize::from(u16_at(ifd)?);
            for i in 0..count.min(64) {
                let entry = ifd + 2 + i * 12;
                if u16_at(entry)? == 0x0112 {
                    return u16_at(entry + 8);
                }
            }
            return None;
        }
        if marker == 0xDA {
            return None; // image data starts: no EXIF before it
        }
        at += 2 + len;
    }
    None
}

/// The evidence area: the page less a small margin and the footer band.
fn evidence_area() -> (f32, f32, f32, f32) {
    (
        EVIDENCE_MARGIN,
        EVIDENCE_MARGIN,
        PAGE_W - 2.0 * EVIDENCE_MARGIN,
        PAGE_H - 2.0 * EVIDENCE_MARGIN - FOOTER_BAND,
    )
}

/// Where a `w` × `h` box goes in the evidence area: scaled to fit (never enlarged past
/// the area, kept whole), centred. (x, y, scale).
fn fit(w: f32, h: f32) -> (f32, f32, f32) {
    let (ax, ay, aw, ah) = evidence_area();
    let scale = (aw / w).min(ah / h);
    (
        ax + (aw - w * scale) / 2.0,
        ay + (ah - h * scale) / 2.0,
        scale,
    )
}

/// One page of an embedded PDF, scaled into the evidence area (its rotation and size as
/// the PDF gives them).
fn place_pdf_page(surface: &mut Surface<'_>, pdf: &Arc<Pdf>, index: usize) {
    let Some((w, h)) = pdf.pages().get(index).map(|p| p.render_dimensions()) else {
        return;
    };
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let (x, y, scale) = fit(w, h);
    let Some(size) = Size::from_wh(w * scale, h * scale) else {
        return;
    };
    let document = PdfDocument::new(Arc::clone(pdf));
    surface.push_transform(&Transform::from_translate(x, y));
    surface.draw_pdf_page(&document, size, index);
    surface.pop();
}

/// A photo or scan placed in the evidence area, turned upright by its EXIF orientation.
fn place_image(surface: &mut Surface<'_>, image: Image, orientation: u16) {
    let (pw, ph) = image.size();
    let (pw, ph) = (pw as f32, ph as f32);
    if pw <= 0.0 || ph <= 0.0 {
        return;
    }
    let turned = matches!(orientation, 5..=8);
    let (w, h) = if turned { (ph, pw) } else { (pw, ph) };
    let (x, y, scale) = fit(w, h);
    let (dw, dh) = (pw * scale, ph * scale);
    let Some(size) = Size::from_wh(dw, dh) else {
        return;
    };
    // Rotate about the placed box's corner, then move the turned image into place.
    let transform = match orientation {
        3 | 4 => Transform::from_row(-1.0, 0.0, 0.0, -1.0, x + dw, y + dh),
        6 | 5 => Transform::from_row(0.0, 1.0, -1.0, 0.0, x + dh, y),
        8 | 7 => Transform::from_row(0.0, -1.0, 1.0, 0.0, x, y + dw),
        _ => Transform::from_translate(x, y),
    };
    surface.push_transform(&transform);
    surface.draw_image(image, size);
    surface.pop();
}

/// The page of a file that is not printed as itself: its name, size and hash, and why.
fn notice_page(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exif_orientation_is_read_and_a_cut_short_image_is_not_whole() {
        // SOI, APP1 "Exif" with a little-endian TIFF header and one IFD entry 0x0112 = 6.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
        let tiff: Vec<u8> = [
            b"II".as_slice(),
            &[0x2A, 0x00, 0x08, 0x00, 0x00, 0x00],
            &[0x01, 0x00],
            &[
                0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
            ],
            &[0, 0, 0, 0],
        ]
        .concat();
        let len = u16::try_from(2 + 6 + tiff.len()).unwrap_or(0);
        jpeg.extend(len.to_be_bytes());
        jpeg.extend(b"Exif\0\0");
        jpeg.extend(&tiff);
        jpeg.extend([0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]);
        assert_eq!(exif_orientation(&jpeg), 6);
        assert!(complete_image(&jpeg, false));
        assert!(!complete_image(&jpeg[..jpeg.len() - 1], false));
        assert_eq!(exif_orientation(&[0xFF, 0xD8, 0xFF, 0xDA]), 1);
    }

    #[test]
    fn a_page_fits_the_evidence_area_and_never_covers_the_footer() {
        for (w, h) in [
            (595.0, 842.0),
            (842.0, 595.0),
            (2000.0, 100.0),
            (100.0, 3000.0),
        ] {
            let (x, y, scale) = fit(w, h);
            assert!(x >= EVIDENCE_MARGIN - 0.01 && y >= EVIDENCE_MARGIN - 0.01);
            assert!(x + w * scale <= PAGE_W - EVIDENCE_MARGIN + 0.01);
            assert!(y + h * scale <= PAGE_H - EVIDENCE_MARGIN - FOOTER_BAND + 0.01);
        }
    }
}
