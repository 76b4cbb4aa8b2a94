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

use std::ops::Range;
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
use super::pdf::{ACCENT, Face, PAGE_H, PAGE_W};
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
    Faces, contents_layout, contents_names, contents_page, cover_page, footer, index_page,
    notice_page, text,
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
    let laid = lay_out_forms(job, &serif);
    let files: u64 = included
        .iter()
        .map(|d| d.attachments.len() as u64)
        .sum::<u64>()
        * 2;
    let mut feedback = Feedback {
        load,
        progress,
        cancel,
        done: 0,
        files,
    };
    // Pass 1: how each file prints and how many pages it takes.
    let plans = plan_files(job, &included, &mut feedback)?;
    let contents_pages = contents_layout(job, &regular);
    let index_files: Vec<&Attachment> =
        included.iter().flat_map(|d| d.attachments.iter()).collect();
    let count = count_pages(job, contents_pages.len(), &plans, &laid, index_files.len());

    // Pass 2: the pages, in order.
    let faces = Faces {
        regular: &regular,
        bold: &bold,
    };
    let mut printer = Printer::new(job, faces, &serif, count.total)?;
    printer.cover();
    printer.contents(&contents_pages, &count);
    let mut spliced = Spliced::default();
    let mut outline = Outline::new();
    for (((document_plans, doc), (first, pad)), forms) in
        plans.iter().zip(&included).zip(&count.starts).zip(&laid)
    {
        printer.blank_pages(*pad);
        let node = printer.document(
            doc,
            *first,
            forms,
            document_plans,
            &mut feedback,
            &mut spliced,
        )?;
        outline.push_child(node);
    }
    let index_first = printer.page_no;
    printer.file_index(&index_files);
    outline.push_child(OutlineNode::new(
        nfc(&job.words.file_index),
        XyzDestination::new(index_first, Point::from_xy(0.0, 0.0)),
    ));
    let Printer {
        mut document,
        page_no,
        ..
    } = printer;
    document.set_outline(outline);
    if page_no != count.total {
        return Err(PrintError::Build(format!(
            "{page_no} pages printed, {} counted",
            count.total
        )));
    }
    let unprinted = unprinted(&laid, &included, &plans);
    let skeleton = document
        .finish()
        .map_err(|err| PrintError::Build(format!("{err:?}")))?;
    let splices = splice::locate(&skeleton, &spliced.placeholders).map_err(PrintError::Build)?;
    Ok(Rendered {
        skeleton,
        splices,
        files: spliced.files,
        unprinted,
    })
}

/// The caller's side of an export: the files read through `load`, `progress` told of each
/// file done (each counts twice: planned, then printed), `cancel` looked at before each
/// file and form.
struct Feedback<'f> {
    load: &'f mut dyn FnMut(&Attachment) -> Loaded,
    progress: &'f mut dyn FnMut(u64, u64),
    cancel: &'f AtomicBool,
    done: u64,
    files: u64,
}

impl Feedback<'_> {
    fn stopped(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn load(&mut self, attachment: &Attachment) -> Loaded {
        (self.load)(attachment)
    }

    fn file_done(&mut self) {
        self.done += 1;
        (self.progress)(self.done, self.files);
    }
}

/// Each included document's forms laid out on their pages (a form that could not be made
/// stays its problem).
fn lay_out_forms(job: &PrintJob<'_>, serif: &Fonts) -> Vec<Vec<Laid>> {
    job.documents
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
                                pages: paper_pdf::lay_out(paper, serif),
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
        .collect()
}

/// How each file of each included document prints and how many pages it takes (each file
/// read once through `load`).
fn plan_files(
    job: &PrintJob<'_>,
    included: &[&PrintedDocument],
    feedback: &mut Feedback<'_>,
) -> Result<Vec<Vec<Plan>>, PrintError> {
    let mut plans: Vec<Vec<Plan>> = Vec::with_capacity(included.len());
    for document in included {
        let mut these = Vec::with_capacity(document.attachments.len());
        for attachment in &document.attachments {
            if feedback.stopped() {
                return Err(PrintError::Cancelled);
            }
            these.push(plan_file(attachment, feedback.load(attachment), job.words));
            feedback.file_done();
        }
        plans.push(these);
    }
    Ok(plans)
}

/// Where the parts of the dossier fall (page indices, 0-based).
struct PageCount {
    /// Each included document's first page and the blank pages before it (0 or 1).
    starts: Vec<(usize, usize)>,
    /// The file index's first page.
    index_start: usize,
    /// The dossier's pages.
    total: usize,
}

/// Page indices (0-based): cover, contents, each document (padded to start on an odd
/// page number if asked), the file index.
fn count_pages(
    job: &PrintJob<'_>,
    contents_pages: usize,
    plans: &[Vec<Plan>],
    laid: &[Vec<Laid>],
    index_files: usize,
) -> PageCount {
    let mut next = 1 + contents_pages;
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (first page index, padding before)
    for (these, forms) in plans.iter().zip(laid) {
        let pad = usize::from(job.odd_pages && next % 2 == 1);
        next += pad;
        starts.push((next, pad));
        next += (forms.iter().map(Laid::pages).sum::<usize>()
            + these.iter().map(Plan::pages).sum::<usize>())
        .max(1);
    }
    let index_start = next;
    let index_pages = index_files.div_ceil(INDEX_FILES).max(1);
    PageCount {
        starts,
        index_start,
        total: index_start + index_pages,
    }
}

/// The JPEGs put in as placeholders: (number, the stand-in's bytes, the file's size), and
/// the files their scans are copied from when the PDF is written out (splice.rs).
#[derive(Default)]
struct Spliced {
    placeholders: Vec<(usize, Vec<u8>, u64)>,
    files: Vec<Attachment>,
}

/// The dossier being printed, page after page, each with its footer.
struct Printer<'a> {
    document: Document,
    size: Size,
    job: &'a PrintJob<'a>,
    faces: Faces<'a>,
    serif: &'a Fonts,
    /// The dossier's pages, for "Trang x/y".
    total: usize,
    /// Pages printed so far (the last one's number, 1-based).
    page_no: usize,
}

impl<'a> Printer<'a> {
    /// An empty PDF 2.0 document with the dossier's metadata.
    fn new(
        job: &'a PrintJob<'a>,
        faces: Faces<'a>,
        serif: &'a Fonts,
        total: usize,
    ) -> Result<Self, PrintError> {
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
        Ok(Self {
            document,
            size,
            job,
            faces,
            serif,
            total,
            page_no: 0,
        })
    }

    /// The next page: `content` drawn on it, then the footer naming `what` and `detail`.
    fn page(&mut self, what: &str, detail: &str, content: impl FnOnce(&mut Surface<'_>)) {
        self.page_with_links(what, detail, |surface| {
            content(surface);
            Vec::new()
        });
    }

    /// [`Printer::page`] with links: `content` gives the areas that go to a page (its
    /// index, 0-based).
    fn page_with_links(
        &mut self,
        what: &str,
        detail: &str,
        content: impl FnOnce(&mut Surface<'_>) -> Vec<(Rect, usize)>,
    ) {
        self.page_no += 1;
        let mut page = self.document.start_page_with(PageSettings::new(self.size));
        let links = {
            let mut surface = page.surface();
            let links = content(&mut surface);
            let number = (self.page_no, self.total);
            footer(
                &mut surface,
                self.faces.regular,
                self.job,
                what,
                detail,
                number,
            );
            surface.finish();
            links
        };
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

    /// Where the next page printed starts, for a bookmark.
    fn next_page(&self) -> XyzDestination {
        XyzDestination::new(self.page_no, Point::from_xy(0.0, 0.0))
    }

    fn cover(&mut self) {
        let (job, faces) = (self.job, self.faces);
        self.page(&job.words.cover_label, "", |surface| {
            cover_page(surface, &faces, job);
        });
    }

    /// The contents: every document of the list, its first page or "chưa có"; a link
    /// to that page.
    fn contents(&mut self, contents_pages: &[Range<usize>], count: &PageCount) {
        let (job, faces) = (self.job, self.faces);
        let mut included_index = 0usize;
        let firsts = job
            .documents
            .iter()
            .map(|d| {
                if d.included {
                    let start = count.starts.get(included_index).map(|(s, _)| *s);
                    included_index += 1;
                    start
                } else {
                    None
                }
            })
            .chain(std::iter::once(Some(count.index_start)));
        let entries: Vec<(String, Option<usize>)> =
            contents_names(job).into_iter().zip(firsts).collect();
        for range in contents_pages {
            let chunk = entries.get(range.clone()).unwrap_or_default();
            self.page_with_links(&job.words.contents_label, "", |surface| {
                contents_page(surface, &faces, job, chunk)
            });
        }
    }

    /// Blank back pages (two-sided printing): numbered, no document named.
    fn blank_pages(&mut self, pages: usize) {
        for _ in 0..pages {
            self.page("", "", |_| {});
        }
    }

    /// One document: the forms the app typesets, then its evidence (each file read again
    /// through `load`), or a page naming it when it has neither. Its bookmark is returned,
    /// with a child per form and file.
    fn document(
        &mut self,
        doc: &PrintedDocument,
        first: usize,
        forms: &[Laid],
        plans: &[Plan],
        feedback: &mut Feedback<'_>,
        spliced: &mut Spliced,
    ) -> Result<OutlineNode, PrintError> {
        let mut node = OutlineNode::new(
            nfc(&doc.name_vi),
            XyzDestination::new(first, Point::from_xy(0.0, 0.0)),
        );
        // The forms the app typesets come first, as the signed paper would.
        for form in forms {
            if feedback.stopped() {
                return Err(PrintError::Cancelled);
            }
            node.push_child(OutlineNode::new(nfc(form.name()), self.next_page()));
            self.form(doc, forms.len(), form);
        }
        for (attachment, plan) in doc.attachments.iter().zip(plans) {
            if feedback.stopped() {
                return Err(PrintError::Cancelled);
            }
            node.push_child(OutlineNode::new(
                nfc(&attachment.file_name),
                self.next_page(),
            ));
            let bytes = match (plan, feedback.load(attachment)) {
                (Plan::Pdf(_) | Plan::Image { .. }, Loaded::Bytes(bytes)) => Some(bytes),
                _ => None,
            };
            self.evidence(&doc.name_vi, attachment, plan, bytes, spliced);
            feedback.file_done();
        }
        if doc.attachments.is_empty() && forms.is_empty() {
            self.page(&doc.name_vi, "", |_| {});
        }
        Ok(node)
    }

    /// One of a document's `forms`: its typeset pages (a page with the footer alone if it
    /// has none), or the page saying why it could not be made.
    fn form(&mut self, doc: &PrintedDocument, forms: usize, form: &Laid) {
        // A document of one form is named by the document alone ("Phiếu đăng ký … (Mẫu
        // 01)", not "… – Mẫu 01 – Phiếu đăng ký"); Form 02 and its scoring sheet each by name.
        let footer_text = if forms == 1 || form.name() == doc.name_vi {
            (doc.name_vi.as_str(), "")
        } else {
            (doc.name_vi.as_str(), form.name())
        };
        match form {
            Laid::Pages { pages, .. } => {
                let serif = self.serif;
                for ops in pages {
                    self.page(footer_text.0, footer_text.1, |surface| {
                        paper_pdf::draw(surface, serif, ops);
                    });
                }
                if pages.is_empty() {
                    self.page(footer_text.0, footer_text.1, |_| {});
                }
            }
            Laid::Problem { name, reason } => {
                let (job, faces) = (self.job, self.faces);
                self.page(footer_text.0, footer_text.1, |surface| {
                    lines::problem_page(surface, &faces, &job.words.form_problem, name, reason);
                });
            }
        }
    }

    /// One file of a document's evidence, with its `bytes` when it prints as itself: a
    /// PDF's pages, an image's page (a JPEG as a placeholder, its scan spliced in when the
    /// PDF is written out), or the notice page naming it (and why, for a problem).
    fn evidence(
        &mut self,
        doc_name: &str,
        attachment: &Attachment,
        plan: &Plan,
        bytes: Option<Vec<u8>>,
        spliced: &mut Spliced,
    ) {
        let footer_text = (doc_name, attachment.file_name.as_str());
        match (plan, bytes) {
            (Plan::Pdf(pages), Some(bytes)) => {
                let parsed = Pdf::new(bytes).ok().map(Arc::new);
                for index in 0..*pages {
                    self.page(footer_text.0, footer_text.1, |surface| {
                        if let Some(pdf) = &parsed {
                            place_pdf_page(surface, pdf, index);
                        }
                    });
                }
            }
            (Plan::Image { png, orientation }, Some(bytes)) => {
                self.page(footer_text.0, footer_text.1, |surface| {
                    let image = if *png {
                        Image::from_png(bytes.into(), true)
                    } else if let Some(stand_in) =
                        splice::placeholder(&bytes, spliced.placeholders.len())
                    {
                        // Its header only: the scan itself is copied from the file when the
                        // PDF is written out (splice.rs), never held here.
                        spliced.placeholders.push((
                            spliced.placeholders.len(),
                            stand_in.clone(),
                            bytes.len() as u64,
                        ));
                        spliced.files.push(attachment.clone());
                        drop(bytes);
                        Image::from_jpeg(stand_in.into(), true)
                    } else {
                        Image::from_jpeg(bytes.into(), true)
                    };
                    if let Ok(image) = image {
                        place_image(surface, image, *orientation);
                    }
                });
            }
            (plan, _) => {
                let (job, faces) = (self.job, self.faces);
                self.page(footer_text.0, footer_text.1, |surface| {
                    let reason = match plan {
                        Plan::Problem(reason) => Some(reason.clone()),
                        Plan::NotPrintable => None,
                        _ => Some(job.words.damaged_pdf.clone()),
                    };
                    notice_page(surface, &faces, job.words, attachment, reason.as_deref());
                });
            }
        }
    }

    /// The file index: the same name, size and SHA-256 as the bundle's manifest,
    /// [`INDEX_FILES`] to a page; its heading alone when there is no file.
    fn file_index(&mut self, index_files: &[&Attachment]) {
        let (job, faces) = (self.job, self.faces);
        for (chunk_no, chunk) in index_files.chunks(INDEX_FILES.max(1)).enumerate() {
            self.page(&job.words.file_index, "", |surface| {
                index_page(surface, &faces, job, chunk_no, chunk);
            });
        }
        if index_files.is_empty() {
            self.page(&job.words.file_index, "", |surface| {
                text(
                    surface,
                    &faces,
                    MARGIN,
                    MARGIN + 20.0,
                    &nfc(&job.words.file_index),
                    16.0,
                    true,
                    ACCENT,
                );
            });
        }
    }
}

/// The forms that could not be made and the files printed as a notice page for a
/// problem, each with why (the files not printable here are not among them).
fn unprinted(
    laid: &[Vec<Laid>],
    included: &[&PrintedDocument],
    plans: &[Vec<Plan>],
) -> Vec<Unprinted> {
    let forms_unprinted = laid.iter().flatten().filter_map(|form| match form {
        Laid::Problem { name, reason } => Some(Unprinted {
            file_name: name.clone(),
            reason: reason.clone(),
        }),
        Laid::Pages { .. } => None,
    });
    forms_unprinted
        .chain(
            included
                .iter()
                .zip(plans)
                .flat_map(|(d, ps)| d.attachments.iter().zip(ps))
                .filter_map(|(a, p)| match p {
                    Plan::Problem(reason) => Some(Unprinted {
                        file_name: a.file_name.clone(),
                        reason: reason.clone(),
                    }),
                    _ => None,
                }),
        )
        .collect()
}

#[cfg(test)]
mod tests;
