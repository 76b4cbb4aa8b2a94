//! What the window tells the officer, typed. `app/` and `ui/` say a [`Notice`]; `say`
//! words it (`say::notice`) in the language shown when it is drawn, so a banner follows a
//! change of language and a message is known by what it is, never by its words.
//!
//! A notice carries data (names, paths, counts, typed errors), no words of its own.

use std::path::PathBuf;
use std::sync::Arc;

use crate::command::{CommandError, Refusal};
use crate::domain::exchange::BundleGap;
use crate::domain::model::ProductId;
use crate::text::Tr;

/// Something the window says.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A sentence of the string table.
    Plain(Tr),
    /// Something done, and what or where (names and paths: data, no words).
    Done {
        /// What was done.
        what: Tr,
        /// To what, or where.
        detail: String,
    },
    /// Something failed, and why.
    Failed {
        /// What failed (None: the reason says it all).
        what: Option<Tr>,
        /// Why.
        why: Reason,
        /// The file or folder concerned, said after the reason.
        about: Option<PathBuf>,
    },
    /// Several things failed, each with its reason.
    Failures(Vec<Reason>),
    /// Undone (or redone), and what.
    Undone {
        /// Redone rather than undone.
        redo: bool,
        /// The change's label, as the history worded it.
        what: Option<String>,
    },
    /// Another officer changed a product, reloaded here.
    ChangedByOther {
        /// Who (empty when the file does not say).
        who: String,
        /// The product's name.
        product: String,
    },
    /// Rows of a spreadsheet imported.
    Imported {
        /// Products added.
        added: usize,
        /// Products updated.
        updated: usize,
    },
    /// A product's bundle written.
    BundleWritten {
        /// The product's name.
        product: String,
        /// Files in the bundle.
        files: usize,
        /// Where.
        path: PathBuf,
    },
    /// What a bundle just written still lacks (one such warning per product).
    BundleGaps {
        /// Whose bundle.
        product_id: ProductId,
        /// The product's name.
        product: String,
        /// What it lacks.
        gaps: Vec<BundleGap>,
    },
    /// Products found in more than one commune's folder (the many-communes view).
    ManyDuplicates(usize),
    /// A new product moved to a free id because another took its own meanwhile.
    IdMoved {
        /// The id it had.
        old: ProductId,
        /// The id it has now.
        new: ProductId,
        /// The product's name.
        name: String,
    },
    /// Files the printed dossier holds only as a notice page: name and why (as the
    /// printer worded it).
    Unprinted(Vec<(String, String)>),
    /// A date typed that is not one.
    InvalidDate {
        /// The field.
        field: Tr,
        /// The attached file the date is about, if any.
        file: Option<String>,
        /// What was typed, if it is worth repeating.
        typed: Option<String>,
    },
}

impl From<Tr> for Notice {
    fn from(tr: Tr) -> Self {
        Notice::Plain(tr)
    }
}

impl Notice {
    /// `what` failed because of `why`.
    pub fn failed(what: Tr, why: impl Into<Reason>) -> Self {
        Notice::Failed {
            what: Some(what),
            why: why.into(),
            about: None,
        }
    }

    /// Failed because of `why` (which says what).
    pub fn error(why: impl Into<Reason>) -> Self {
        Notice::Failed {
            what: None,
            why: why.into(),
            about: None,
        }
    }

    /// `what` done, to or at `detail`.
    pub fn done(what: Tr, detail: impl Into<String>) -> Self {
        Notice::Done {
            what,
            detail: detail.into(),
        }
    }
}

/// Why something failed: a typed error, kept whole (shared, so a message may be copied).
#[derive(Debug, Clone)]
pub enum Reason {
    /// The application's.
    App(Arc<super::AppError>),
    /// Reading or writing the workspace.
    Storage(Arc<crate::storage::StorageError>),
    /// An electronic dossier.
    Bundle(Arc<crate::storage::bundle::BundleError>),
    /// The operating system's.
    Io(Arc<std::io::Error>),
    /// Opening a file with its program.
    Open(Arc<opener::OpenError>),
    /// An evidence file.
    Evidence(Arc<crate::storage::evidence::EvidenceError>),
    /// The printed dossier.
    Print(Arc<super::print::PrintFailure>),
    /// The model refused a change.
    Command(CommandError),
    /// The model refused a change, for this reason.
    Refused(Refusal),
    /// A sentence of the string table.
    Said(Tr),
}

/// Two reasons are the same when they are the same kind holding the same error (the
/// errors' own representation; a retry failing the same way is one banner).
impl PartialEq for Reason {
    fn eq(&self, other: &Self) -> bool {
        format!("{self:?}") == format!("{other:?}")
    }
}

macro_rules! reason_from {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        $(impl From<$ty> for Reason {
            fn from(err: $ty) -> Self {
                Reason::$variant(Arc::new(err))
            }
        })*
    };
}

reason_from!(
    App(super::AppError),
    Storage(crate::storage::StorageError),
    Bundle(crate::storage::bundle::BundleError),
    Io(std::io::Error),
    Open(opener::OpenError),
    Evidence(crate::storage::evidence::EvidenceError),
    Print(super::print::PrintFailure),
);

impl From<CommandError> for Reason {
    fn from(err: CommandError) -> Self {
        Reason::Command(err)
    }
}

impl From<Refusal> for Reason {
    fn from(refusal: Refusal) -> Self {
        Reason::Refused(refusal)
    }
}

impl From<Tr> for Reason {
    fn from(tr: Tr) -> Self {
        Reason::Said(tr)
    }
}
