//! What the printed dossier is made from and what it gives back: the job, the words, the
//! forms, the evidence as read, the made PDF and why a file was not printed; and the
//! plans of the first pass.

use super::splice;
use crate::documents::paper::Paper;
use crate::documents::paper_pdf::Op;
use crate::domain::dossier::Attachment;
use crate::domain::print::PrintedDocument;

/// An evidence file as the caller read it.
pub enum Loaded {
    /// Its bytes.
    Bytes(Vec<u8>),
    /// It could not be read (missing from the store, unreadable): why, in words.
    Problem(String),
}

/// The words of the printed dossier (`text::print_words`), defined with the vocabulary.
pub use crate::text::PrintWords;

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
    /// The forms the app typesets at the head of each document (as `documents`).
    pub forms: &'a [Vec<Form>],
}

/// A form the app typesets at the head of its document (Form 01, Form 02…).
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// The paper, typeset by [`paper_pdf`].
    Paper { name: String, paper: Paper },
    /// It could not be made (no scoring set chosen…): a page says why.
    Problem { name: String, reason: String },
}

/// A form laid out in the first pass.
pub(super) enum Laid {
    Pages { name: String, pages: Vec<Vec<Op>> },
    Problem { name: String, reason: String },
}

impl Laid {
    pub(super) fn name(&self) -> &str {
        match self {
            Laid::Pages { name, .. } | Laid::Problem { name, .. } => name,
        }
    }
    pub(super) fn pages(&self) -> usize {
        match self {
            Laid::Pages { pages, .. } => pages.len().max(1),
            Laid::Problem { .. } => 1,
        }
    }
}

/// The dossier as made: the PDF with its JPEG scans still to be copied in from their
/// files ([`Rendered::write_to`]), and the files printed only as a notice.
pub struct Rendered {
    pub(super) skeleton: Vec<u8>,
    pub(super) splices: Vec<splice::Splice>,
    /// The files that fill the splices, by number.
    pub(super) files: Vec<Attachment>,
    pub unprinted: Vec<Unprinted>,
}

impl Rendered {
    /// Writes the PDF to `out`: the skeleton, with each JPEG copied in by `fill` (the
    /// file's bytes written to the writer given; it returns how many). A file whose size
    /// is not the one read when the PDF was made is an error (it changed meanwhile).
    pub fn write_to(
        &self,
        out: &mut dyn std::io::Write,
        fill: &mut dyn FnMut(&Attachment, &mut dyn std::io::Write) -> std::io::Result<u64>,
    ) -> std::io::Result<()> {
        splice::write(&self.skeleton, &self.splices, out, &mut |n, w| {
            let file = self
                .files
                .get(n)
                .ok_or_else(|| std::io::Error::other("no such file"))?;
            fill(file, w)
        })
    }

    /// How many files are copied in when the PDF is written.
    pub fn files_to_copy(&self) -> usize {
        self.files.len()
    }
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
pub(super) enum Plan {
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
    pub(super) fn pages(&self) -> usize {
        match self {
            Plan::Pdf(n) => *n,
            _ => 1,
        }
    }
}
