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
use krilla::geom::{Point, Rect, Size};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::pdf::Pdf;
use krilla::surface::Surface;

use super::paper_pdf::{self, Fonts};
use super::pdf::{ACCENT, Face, INK, MUTED, PAGE_H, PAGE_W, Placed, WARN, draw, wrap};
use crate::domain::dossier::Attachment;
use crate::domain::print::PrintedDocument;
use crate::domain::search::nfc;
use crate::storage::assets::{dejavu_sans, dejavu_sans_bold};

mod evidence;
mod images;
mod job;
mod lines;
mod splice;
use evidence::{place_pdf_page, plan_file};
use images::place_image;
pub use job::{Form, Loaded, PrintError, PrintJob, PrintWords, Rendered, Unprinted};
use job::{Laid, Plan};
use lines::{
    CONTENTS_TEXT_W, Faces, contents_layout, contents_names, footer_line, notice_page, text,
};

/// Margin of the text pages (cover, contents, index, notices), in points.
const MARGIN: f32 = 56.0;
/// Band at the bottom of every page for the footer; evidence stays above it.
const FOOTER_BAND: f32 = 30.0;
/// Margin around evidence (a scan is printed as large as the page allows, inside what
/// office printers can reach: about 10 mm).
const EVIDENCE_MARGIN: f32 = 28.0;
/// Largest image placed (pixels): a bigger one is refused before it is decoded.
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// Files per index page (each takes the same room).
const INDEX_FILES: usize = 9;
/// The dossier, to be written with [`Rendered::write_to`], and the files printed only as
/// a notice page (each named with why). `load` reads one attachment (called twice per
/// file: once to count pages, once to print; nothing is kept between: a JPEG's header
/// stays, its scan is copied from the file at the end); `progress` gets (files done,
/// files); a set `cancel` stops the export with [`PrintError::Cancelled`].
pub fn render(
    job: &PrintJob<'_>,
    load: &mut dyn FnMut(&Attachment) -> Loaded,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Rendered, PrintError> {
    let regular = Face::new(dejavu_sans()).ok_or(PrintError::Build("font".into()))?;
    let bold = Face::new(dejavu_sans_bold()).ok_or(PrintError::Build("font".into()))?;
    let serif = Fonts::new().ok_or(PrintError::Build("font".into()))?;
    let included: Vec<&PrintedDocument> = job.documents.iter().filter(|d| d.included).collect();
    // Pass 1 for the forms: each laid out on its pages (small: drawing operations only).
    let laid: Vec<Vec<Laid>> = job
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.included)
        .map(|(index, _)| {
            job.forms
                .get(index)
                .map(|forms| {
                    forms
                        .iter()
                        .map(|form| match form {
                            Form::Paper { name, paper } => Laid::Pages {
                                name: name.clone(),
                                pages: paper_pdf::lay_out(paper, &serif),
                            },
                            Form::Problem { name, reason } => Laid::Problem {
                                name: name.clone(),
                                reason: reason.clone(),
                            },
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
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
    let contents_pages = contents_layout(job, &regular);
    let mut next = 1 + contents_pages.len();
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (first page index, padding before)
    for (these, forms) in plans.iter().zip(&laid) {
        let pad = usize::from(job.odd_pages && next % 2 == 1);
        next += pad;
        starts.push((next, pad));
        next += (forms.iter().map(Laid::pages).sum::<usize>()
            + these.iter().map(Plan::pages).sum::<usize>())
        .max(1);
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
    // "Cốm Hồng Quang · <document> – <file>" on the left, "Trang x/y" on the right. When
    // it is too long the document's name is cut, never the file's: the page names what it
    // shows.
    let footer = |surface: &mut Surface<'_>, what: &str, detail: &str, page_no: usize| {
        let number = nfc(&format!("{} {}/{total}", job.words.page, page_no));
        let number_w = regular.width(&number, 8.0);
        let room = PAGE_W - 2.0 * EVIDENCE_MARGIN - number_w - 12.0;
        let left = footer_line(&regular, &job.product, what, detail, room);
        for (x, line) in [
            (EVIDENCE_MARGIN, left),
            (PAGE_W - EVIDENCE_MARGIN - number_w, number),
        ] {
            draw(
                surface,
                &regular,
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
        footer(&mut surface, &job.words.cover_label, "", page_no);
        surface.finish();
        page.finish();
    }

    // The contents: every document of the list, its first page or "chưa có"; a link
    // to that page.
    let mut included_index = 0usize;
    let firsts = job
        .documents
        .iter()
        .map(|d| {
            if d.included {
                let start = starts.get(included_index).map(|(s, _)| *s);
                included_index += 1;
                start
            } else {
                None
            }
        })
        .chain(std::iter::once(Some(index_start)));
    let entries: Vec<(String, Option<usize>)> =
        contents_names(job).into_iter().zip(firsts).collect();
    for range in &contents_pages {
        let chunk = entries.get(range.clone()).unwrap_or_default();
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
                let lines = wrap(&regular, &nfc(name), 10.5, CONTENTS_TEXT_W);
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
            footer(&mut surface, &job.words.contents_label, "", page_no);
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

    // The documents. JPEGs go in as placeholders (number, bytes, the file's size).
    let mut spliced: Vec<(usize, Vec<u8>, u64)> = Vec::new();
    let mut spliced_files: Vec<Attachment> = Vec::new();
    let mut outline = Outline::new();
    for (((document_plans, doc), (first, pad)), forms) in
        plans.iter().zip(&included).zip(&starts).zip(&laid)
    {
        for _ in 0..*pad {
            // A blank back page (two-sided printing): numbered, no document named.
            page_no += 1;
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            footer(&mut surface, "", "", page_no);
            surface.finish();
            page.finish();
        }
        let mut node = OutlineNode::new(
            nfc(&doc.name_vi),
            XyzDestination::new(*first, Point::from_xy(0.0, 0.0)),
        );
        // The forms the app typesets come first, as the signed paper would.
        for form in forms {
            if stopped() {
                return Err(PrintError::Cancelled);
            }
            node.push_child(OutlineNode::new(
                nfc(form.name()),
                XyzDestination::new(page_no, Point::from_xy(0.0, 0.0)),
            ));
            // A document of one form is named by the document alone ("Phiếu đăng ký … (Mẫu
            // 01)", not "… – Mẫu 01 – Phiếu đăng ký"); Form 02 and its scoring sheet each by name.
            let footer_text = if forms.len() == 1 || form.name() == doc.name_vi {
                (doc.name_vi.as_str(), "")
            } else {
                (doc.name_vi.as_str(), form.name())
            };
            match form {
                Laid::Pages { pages, .. } => {
                    for ops in pages {
                        page_no += 1;
                        let mut page = document.start_page_with(PageSettings::new(size));
                        let mut surface = page.surface();
                        paper_pdf::draw(&mut surface, &serif, ops);
                        footer(&mut surface, footer_text.0, footer_text.1, page_no);
                        surface.finish();
                        page.finish();
                    }
                    if pages.is_empty() {
                        page_no += 1;
                        let mut page = document.start_page_with(PageSettings::new(size));
                        let mut surface = page.surface();
                        footer(&mut surface, footer_text.0, footer_text.1, page_no);
                        surface.finish();
                        page.finish();
                    }
                }
                Laid::Problem { name, reason } => {
                    page_no += 1;
                    let mut page = document.start_page_with(PageSettings::new(size));
                    let mut surface = page.surface();
                    lines::problem_page(
                        &mut surface,
                        &faces,
                        &job.words.form_problem,
                        name,
                        reason,
                    );
                    footer(&mut surface, footer_text.0, footer_text.1, page_no);
                    surface.finish();
                    page.finish();
                }
            }
        }
        for (attachment, plan) in doc.attachments.iter().zip(document_plans) {
            if stopped() {
                return Err(PrintError::Cancelled);
            }
            node.push_child(OutlineNode::new(
                nfc(&attachment.file_name),
                XyzDestination::new(page_no, Point::from_xy(0.0, 0.0)),
            ));
            let footer_text = (doc.name_vi.as_str(), attachment.file_name.as_str());
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
                        footer(&mut surface, footer_text.0, footer_text.1, page_no);
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
                    } else if let Some(stand_in) = splice::placeholder(&bytes, spliced.len()) {
                        // Its header only: the scan itself is copied from the file when the
                        // PDF is written out (splice.rs), never held here.
                        spliced.push((spliced.len(), stand_in.clone(), bytes.len() as u64));
                        spliced_files.push(attachment.clone());
                        drop(bytes);
                        Image::from_jpeg(stand_in.into(), true)
                    } else {
                        Image::from_jpeg(bytes.into(), true)
                    };
                    if let Ok(image) = image {
                        place_image(&mut surface, image, *orientation);
                    }
                    footer(&mut surface, footer_text.0, footer_text.1, page_no);
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
                    footer(&mut surface, footer_text.0, footer_text.1, page_no);
                    surface.finish();
                    page.finish();
                }
            }
            done += 1;
            progress(done, files);
        }
        if doc.attachments.is_empty() && forms.is_empty() {
            page_no += 1;
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            footer(&mut surface, &doc.name_vi, "", page_no);
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
        footer(&mut surface, &job.words.file_index, "", page_no);
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
        footer(&mut surface, &job.words.file_index, "", page_no);
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
    let forms_unprinted = laid.iter().flatten().filter_map(|form| match form {
        Laid::Problem { name, reason } => Some(Unprinted {
            file_name: name.clone(),
            reason: reason.clone(),
        }),
        Laid::Pages { .. } => None,
    });
    let unprinted: Vec<Unprinted> = forms_unprinted
        .chain(
            included
                .iter()
                .zip(&plans)
                .flat_map(|(d, ps)| d.attachments.iter().zip(ps))
                .filter_map(|(a, p)| match p {
                    Plan::Problem(reason) => Some(Unprinted {
                        file_name: a.file_name.clone(),
                        reason: reason.clone(),
                    }),
                    _ => None,
                }),
        )
        .collect();
    let skeleton = document
        .finish()
        .map_err(|err| PrintError::Build(format!("{err:?}")))?;
    let splices = splice::locate(&skeleton, &spliced).map_err(PrintError::Build)?;
    Ok(Rendered {
        skeleton,
        splices,
        files: spliced_files,
        unprinted,
    })
}

#[cfg(test)]
mod tests;
