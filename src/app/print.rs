//! The printed dossier (issue 24) for the app and the CLI: everything the PDF needs taken
//! from the open workspace into a request that runs on a task (it owns its data), the
//! evidence read one file at a time from the store, the PDF written all or nothing.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::{AppError, AppState};
use crate::documents::dossier_pdf::{
    self, Form, Loaded, PrintJob, PrintWords, Rendered, Unprinted,
};
use crate::documents::{self, DocKind};
use crate::domain::filename;
use crate::domain::model::ProductId;
use crate::domain::print::{self, PrintedDocument};
use crate::storage;
use crate::text::{self, Lang};

/// Largest evidence file read for printing (a scanned dossier part is tens of MB).
const MAX_EVIDENCE_BYTES: u64 = 1024 * 1024 * 1024;

/// A dossier to print, with everything it needs (runs on a task).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintRequest {
    /// The workspace the evidence is read from.
    dir: PathBuf,
    product: String,
    cover: Vec<(String, String)>,
    /// The dossier list in order, with what is printed.
    pub documents: Vec<PrintedDocument>,
    words: PrintWords,
    /// Each document on a right-hand page (two-sided printing).
    pub odd_pages: bool,
    lang: Lang,
    /// The forms the app typesets at the head of each document (as `documents`).
    forms: Vec<Vec<Form>>,
}

impl AppState {
    /// The request to print `id`'s dossier: its current application's documents in the
    /// template's order, the ready ones of this side printed (and the producer's when the
    /// commune forwards the set). The error is translated.
    pub fn print_request(&self, id: &ProductId) -> Result<PrintRequest, AppError> {
        let lang = self.lang;
        let product = self
            .workspace
            .products
            .get(id)
            .ok_or_else(|| AppError::NoSuchProduct(id.clone()))?;
        let application = product.current().ok_or(AppError::NoApplication)?;
        let template = self
            .catalog
            .template(&application.rule_version)
            .ok_or(AppError::NoRuleData)?;
        let documents = print::plan(application, template, self.workspace.info.kind);
        let set = match self.catalog.set_name(product.scoring_set) {
            Some((vi, en)) => format!("{} – {}", product.scoring_set, lang.pick(vi, en)),
            None => lang.t(text::XL_IMPORT_NOT_CHOSEN).to_owned(),
        };
        let commune = if product.commune.is_empty() {
            self.workspace.info.commune.clone()
        } else {
            product.commune.clone()
        };
        let cover = vec![
            (lang.t(text::FIELD_NAME).to_owned(), product.name.clone()),
            (
                lang.t(text::FIELD_PRODUCER).to_owned(),
                product.producer.name.clone(),
            ),
            (lang.t(text::FIELD_COMMUNE).to_owned(), commune),
            (
                lang.t(text::PRINT_PROVINCE).to_owned(),
                self.workspace.info.province.clone(),
            ),
            (lang.t(text::FIELD_SET).to_owned(), set),
            (lang.t(text::PRINT_DATE).to_owned(), lang.date(self.today)),
            (lang.t(text::PRINT_PREPARED_BY).to_owned(), self.author()),
        ];
        let input = documents::Input {
            product,
            workspace: &self.workspace.info,
            catalog: &self.catalog,
            today: self.today,
        };
        let forms = documents
            .iter()
            .map(|d| {
                let kinds: &[DocKind] = if d.typeset {
                    DocKind::for_dossier_key(&d.key)
                } else {
                    &[]
                };
                kinds
                    .iter()
                    .map(|kind| match documents::paper_of(*kind, &input) {
                        Ok(paper) => Form::Paper {
                            name: kind.title_vi().to_owned(),
                            paper,
                        },
                        Err(err) => Form::Problem {
                            name: kind.title_vi().to_owned(),
                            reason: err.words(lang),
                        },
                    })
                    .collect()
            })
            .collect();
        Ok(PrintRequest {
            forms,
            dir: self.dir.clone(),
            product: product.name.clone(),
            cover,
            documents,
            words: text::print_words(lang),
            odd_pages: false,
            lang,
        })
    }
}

impl PrintRequest {
    /// The file name offered: "Hồ sơ in - Cốm Hồng Quang.pdf", safe on every file system.
    pub fn file_name(&self) -> String {
        filename::export_file_name(
            &format!("{} - {}", self.lang.t(text::PRINT_FILE_STEM), self.product),
            "pdf",
        )
    }

    /// The dossier made (its JPEG scans still in their files) and the files printed only
    /// as a notice (each with why).
    fn render(
        &self,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<Rendered, dossier_pdf::PrintError> {
        let lang = self.lang;
        let dir = self.dir.clone();
        let mut load = |attachment: &crate::domain::dossier::Attachment| {
            let read = storage::evidence::resolve(&dir, &attachment.stored_path)
                .map_err(|err| text::evidence_error(&err, lang))
                .and_then(|path| {
                    storage::fsio::read_regular(&path, MAX_EVIDENCE_BYTES)
                        .map_err(|err| text::storage_error(&err, lang))
                });
            match read {
                Ok(Some(bytes)) => Loaded::Bytes(bytes),
                Ok(None) => Loaded::Problem(lang.t(text::PRINT_MISSING_FILE).to_owned()),
                Err(reason) => Loaded::Problem(reason),
            }
        };
        let job = PrintJob {
            product: self.product.clone(),
            cover: self.cover.clone(),
            documents: &self.documents,
            words: &self.words,
            odd_pages: self.odd_pages,
            forms: &self.forms,
        };
        dossier_pdf::render(&job, &mut load, progress, cancel)
    }

    /// Writes the made dossier to `out`, copying each JPEG scan from the store as it goes
    /// (a set `cancel` stops it). The error says what went wrong.
    fn write_rendered(
        &self,
        rendered: &Rendered,
        out: &mut dyn std::io::Write,
        cancel: &AtomicBool,
    ) -> std::io::Result<()> {
        let lang = self.lang;
        rendered.write_to(out, &mut |attachment, writer| {
            if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::Interrupted,
                    lang.t(text::PRINT_CANCELLED),
                ));
            }
            storage::evidence::copy_stored(&self.dir, &attachment.stored_path, writer)
                .map_err(|err| std::io::Error::other(text::evidence_error(&err, lang)))
        })
    }

    /// The PDF's bytes in memory and the files printed only as a notice (each with why):
    /// for tests and small dossiers; [`PrintRequest::write`] streams to the file instead.
    pub fn bytes(
        &self,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<(Vec<u8>, Vec<Unprinted>), dossier_pdf::PrintError> {
        let rendered = self.render(progress, cancel)?;
        let mut bytes = Vec::new();
        self.write_rendered(&rendered, &mut bytes, cancel)
            .map_err(|err| dossier_pdf::PrintError::Build(err.to_string()))?;
        Ok((bytes, rendered.unprinted))
    }

    /// Writes the PDF to `out` (all or nothing: a cancelled or failed export leaves no
    /// file); returns the files printed only as a notice.
    pub fn write(
        &self,
        out: &Path,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<Vec<Unprinted>, PrintFailure> {
        let rendered = self.render(progress, cancel).map_err(|err| match err {
            dossier_pdf::PrintError::Cancelled => PrintFailure::Cancelled,
            dossier_pdf::PrintError::Build(detail) => PrintFailure::Build(detail),
        })?;
        let mut write_error: Option<std::io::Error> = None;
        let written = storage::fsio::write_export_streamed(out, |file| {
            let mut writer = std::io::BufWriter::with_capacity(1 << 20, &mut *file);
            let result = self
                .write_rendered(&rendered, &mut writer, cancel)
                .and_then(|()| writer.flush());
            result.map_err(|err| {
                let action = if err.kind() == std::io::ErrorKind::Interrupted {
                    "cancel"
                } else {
                    "write"
                };
                write_error = Some(std::io::Error::new(err.kind(), err.to_string()));
                storage::StorageError::Io {
                    action,
                    source: err,
                    path: out.to_owned(),
                }
            })
        });
        match (written, write_error) {
            (Ok(()), _) => Ok(rendered.unprinted),
            _ if cancel.load(std::sync::atomic::Ordering::Relaxed) => Err(PrintFailure::Cancelled),
            (Err(_), Some(err)) => Err(PrintFailure::Write(err)),
            (Err(err), None) => Err(PrintFailure::Storage(err)),
        }
    }
}

/// Why the dossier to print was not written (no file was: the export is all or nothing).
#[derive(Debug)]
pub enum PrintFailure {
    /// The officer cancelled it.
    Cancelled,
    /// The PDF could not be built (a detail from the typesetter, for the log).
    Build(String),
    /// Writing its bytes failed.
    Write(std::io::Error),
    /// The file could not be put in place (the folder, the rename).
    Storage(storage::StorageError),
}
