//! Exports to a file the officer chose, in two halves: what is written is made from the
//! workspace on the caller's thread ([`AppState::prepare_export`]: bytes, or the portfolio's
//! rows), and written by [`ExportJob::write`], which needs no `AppState` and so runs on a
//! task in the window (a network folder or a slow USB stick never stops it). Then
//! `Request::ExportWritten` says where it went, or why not, with "Thử lại" when another
//! program held the file. The command line and the tests do all three at once
//! ([`AppState::export_now`]).

use std::path::{Path, PathBuf};

use super::{AppError, AppState, Level, Notice, Retry};
use crate::domain::spreadsheet::PortfolioBook;
use crate::storage;
use crate::text;

/// An export to a file the officer chose.
#[derive(Debug, Clone, PartialEq)]
pub enum Export {
    /// The calendar of deadlines (.ics).
    Calendar(PathBuf),
    /// A form or the status report of a product.
    Document {
        /// Which.
        kind: crate::documents::DocKind,
        /// Of which product.
        id: crate::domain::model::ProductId,
        /// Where.
        path: PathBuf,
    },
    /// The portfolio workbook.
    Portfolio(PathBuf),
    /// The periodic report.
    Summary {
        /// As asked for.
        request: Box<super::summary::SummaryRequest>,
        /// Where.
        path: PathBuf,
    },
}

impl Export {
    /// Where it goes.
    pub fn path(&self) -> &Path {
        match self {
            Export::Calendar(path)
            | Export::Portfolio(path)
            | Export::Document { path, .. }
            | Export::Summary { path, .. } => path,
        }
    }

    /// What the message says when it is written, and when it is not.
    fn words(&self) -> (text::Tr, text::Tr) {
        match self {
            Export::Calendar(_) => (text::EXPORTED, text::EXPORT_FAILED),
            Export::Document { .. } => (text::DOC_EXPORTED, text::DOC_EXPORT_FAILED),
            Export::Portfolio(_) => (text::XLSX_EXPORTED, text::XLSX_EXPORT_FAILED),
            Export::Summary { .. } => (text::SUM_EXPORTED, text::SUM_EXPORT_FAILED),
        }
    }

    /// The same export again, from a message's "Thử lại" (documents and the report: the
    /// files Word holds open).
    fn retry(&self) -> Option<Retry> {
        match self.clone() {
            Export::Document { kind, id, path } => Some(Retry::ExportDocument { kind, id, path }),
            Export::Summary { request, path } => Some(Retry::ExportSummary { request, path }),
            Export::Calendar(_) | Export::Portfolio(_) => None,
        }
    }
}

impl From<Retry> for Export {
    fn from(retry: Retry) -> Self {
        match retry {
            Retry::ExportDocument { kind, id, path } => Export::Document { kind, id, path },
            Retry::ExportSummary { request, path } => Export::Summary { request, path },
        }
    }
}

/// What is to be written, made from the workspace; owned, so it can go to a task.
#[derive(Debug)]
pub struct ExportJob {
    export: Export,
    content: Content,
}

#[derive(Debug)]
enum Content {
    /// A document, the calendar or the report, as bytes.
    Bytes(Vec<u8>),
    /// The portfolio's rows, built into a workbook as it is written.
    Portfolio(Box<PortfolioBook>),
}

/// How an export went, for `Request::ExportWritten` to say.
#[derive(Debug)]
pub struct ExportWritten {
    export: Export,
    result: Result<(), AppError>,
    /// Another program held the file (Word, on Windows): "Thử lại" is offered.
    held: bool,
}

impl ExportJob {
    /// What it writes.
    pub fn export(&self) -> &Export {
        &self.export
    }

    /// Writes it: all or nothing (a temp file and a rename; a link is refused).
    pub fn write(self) -> ExportWritten {
        let path = self.export.path();
        let mut held = false;
        let result = match &self.content {
            Content::Bytes(bytes) => storage::fsio::write_export(path, bytes).map_err(|err| {
                held = text::held_by_another_program(&err);
                AppError::from(err)
            }),
            Content::Portfolio(book) => {
                storage::spreadsheet::write_portfolio(path, book).map_err(AppError::from)
            }
        };
        ExportWritten {
            export: self.export,
            result,
            held,
        }
    }
}

impl AppState {
    /// Makes what `export` writes, from the workspace as it is now (or why it cannot be
    /// made, ready to be said).
    pub fn prepare_export(&self, export: Export) -> Result<ExportJob, Box<ExportWritten>> {
        let content = match &export {
            Export::Calendar(_) => Ok(Content::Bytes(self.calendar_ics(self.lang).into_bytes())),
            Export::Document { kind, id, .. } => {
                self.document(*kind, id, self.lang).map(Content::Bytes)
            }
            Export::Portfolio(_) => Ok(Content::Portfolio(Box::new(
                super::spreadsheet::portfolio_book(
                    &self.workspace,
                    &self.catalog,
                    self.today,
                    self.lang,
                ),
            ))),
            Export::Summary { request, .. } => {
                self.summary_bytes(request, self.lang).map(Content::Bytes)
            }
        };
        match content {
            Ok(content) => Ok(ExportJob { export, content }),
            Err(err) => Err(Box::new(ExportWritten {
                export,
                result: Err(err),
                held: false,
            })),
        }
    }

    /// Says how an export went: where the file is (its banner opens it), or why not, with
    /// "Thử lại" when another program held the file.
    pub fn export_written(&mut self, written: ExportWritten) {
        let (done, failed) = written.export.words();
        let path = written.export.path().to_owned();
        match (written.result, written.export.retry()) {
            (Ok(()), _) => self.message_about_file(
                Level::Info,
                Notice::done(done, path.display().to_string()),
                &path,
            ),
            (Err(err), Some(retry)) if written.held => {
                self.message_with_retry(Notice::failed(failed, err), retry);
            }
            (Err(err), _) => self.message(Level::Error, Notice::failed(failed, err)),
        }
    }

    /// Makes, writes and says `export` at once (the command line, the tests).
    pub fn export_now(&mut self, export: Export) {
        let written = match self.prepare_export(export) {
            Ok(job) => job.write(),
            Err(written) => *written,
        };
        self.export_written(written);
    }
}
