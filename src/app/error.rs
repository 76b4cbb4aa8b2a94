//! Why something the application was asked to do did not happen, as data (issue 25): the
//! screens and the command line word it with `say::app_error`, so both say the same
//! thing in both languages, and nothing here holds a sentence.

use std::path::PathBuf;

use crate::command::{CommandError, Refusal};
use crate::documents::DocumentError;
use crate::domain::checks::DataProblem;
use crate::domain::exchange::ExchangeError;
use crate::domain::model::ProductId;
use crate::storage::StorageError;
use crate::storage::bundle::BundleError;

/// Why a request to the application failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No product has this id (any more).
    #[error("no such product: {0}")]
    NoSuchProduct(ProductId),
    /// The product has no application.
    #[error("the product has no application")]
    NoApplication,
    /// The rule data has nothing for the product's application.
    #[error("no rule data for the product")]
    NoRuleData,
    /// Reading or writing files.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The edit was refused.
    #[error(transparent)]
    Command(#[from] CommandError),
    /// A document could not be built.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The edit was made but could not be written yet (it is retried, and said so).
    #[error("not saved yet")]
    NotSaved,
    /// A workbook could not be built (the spreadsheet library's own words: it happens
    /// only on a bug or a full memory).
    #[error("the workbook was not built: {0}")]
    WorkbookNotBuilt(String),
    /// "Save a copy elsewhere" could not write the copy.
    #[error("the copy was not saved: {0}")]
    CopyNotSaved(StorageError),
    /// An evidence file could not be found or read in the store.
    #[error(transparent)]
    Evidence(#[from] crate::storage::evidence::EvidenceError),
    /// The bundle could not be read, or its evidence not copied out.
    #[error("bundle: {0:?}")]
    Bundle(#[from] BundleError),
    /// This workspace or product may not take the bundle at `path`.
    #[error("refused ({why:?}): {}", path.display())]
    Refused {
        /// Why.
        why: Refusal,
        /// The bundle.
        path: PathBuf,
    },
    /// The bundle's product has data `check` would reject.
    #[error("the bundle's product is not valid: {}", path.display())]
    BundleProductInvalid {
        /// Each problem.
        problems: Vec<DataProblem>,
        /// The product's scoring set (the problems name its criteria).
        set: u8,
        /// The bundle.
        path: PathBuf,
    },
    /// The bundle does not fit this workspace.
    #[error("the bundle does not fit here: {}", path.display())]
    Exchange {
        /// Why.
        err: ExchangeError,
        /// The bundle.
        path: PathBuf,
    },
    /// A product list could not be read.
    #[error(transparent)]
    Spreadsheet(#[from] crate::storage::spreadsheet::SpreadsheetError),
    /// A product list's import has nothing to add or update.
    #[error("nothing to import")]
    NothingToImport,
    /// A product list's import was refused as a whole (nothing was added).
    #[error("the import was refused: {0}")]
    ListImportRefused(CommandError),
    /// A folder of many communes holds no workspace and no bundle.
    #[error("nothing to open in {}", .0.display())]
    NothingToOpen(PathBuf),
    /// A confirmed import could not finish (nothing was applied).
    #[error("the import did not finish: {}", path.display())]
    ImportFailed {
        /// Why.
        cause: ImportCause,
        /// The bundle.
        path: PathBuf,
    },
}

/// Why a confirmed bundle import stopped.
#[derive(Debug)]
pub enum ImportCause {
    /// Planned again against the product as it is now, it no longer fits.
    Plan(ExchangeError),
    /// A file the bundle's product uses was neither copied out nor here already.
    MissingEvidence(String),
    /// The import step was refused.
    Command(CommandError),
}
