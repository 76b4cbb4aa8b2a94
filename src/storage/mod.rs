//! Storage: the only code that knows files and RON.
//!
//! A workspace is a folder:
//! ```text
//! workspace.ron          commune settings, with a schema version
//! products/<id>.ron      one pretty-printed RON file per product, with a schema version
//! trash/                 product files moved here on delete (never erased by the app)
//! ```
//! Invariants:
//! - Writes are atomic: a temp file created exclusively under an unpredictable name in
//!   the same folder, flush + fsync, rename ([`fsio::write_atomic`]).
//! - Loading never panics, never blocks and never loses data: a file that cannot be read
//!   is reported by name (with line and column where it has them), is never written, and
//!   every other product still opens. Links, pipes and oversized files are skipped unread.
//! - A file written by a newer schema, or holding fields this build does not know, opens
//!   read-only. Older schemas are migrated in memory; a file is rewritten only when edited.

pub mod assets;
pub mod batch;
pub mod bundle;
pub mod cache;
mod cleanup;
mod compact;
pub mod diagnostics;
pub mod evidence;
mod exports;
pub mod fsio;
mod load;
pub mod many;
pub mod migrate;
pub mod probe;
pub mod seen;
pub mod shared;
pub mod spreadsheet;

pub use cleanup::{CleanupPlan, EVIDENCE_GRACE, unused_evidence};
pub use load::{
    FolderState, LoadedWorkspace, OnDisk, ReadOnlyReason, documents_dir, folder_state,
    load_workspace, load_workspace_decoded, load_workspace_for, load_workspace_using,
    looks_like_workspace, product_dir_listing, product_file_meta, product_path, read_conflict_copy,
    read_product_file, total_size, trash_conflict_copy,
};
pub(crate) use load::{decode_text, parse_noting_unknown};

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::history::HistoryEntry;
use crate::domain::model::{Product, ProductId, Workspace, WorkspaceInfo};

pub use fsio::SkipReason;
pub use many::{Many, ManyEvidence, ManySource, PrivateFolder, load_many};
pub use shared::{ConflictCopy, ConflictTool, FileStamp};

/// Schema version written into every file by this build.
///
/// 1: first release. 2: the history is typed data (see [`migrate`]). 3: applications may
/// carry the form texts (`Application::forms`: Form 02 Parts II/IV, Form 03); a schema-2
/// file reads as is (the field defaults to empty). 4: applications may carry remarks of
/// both sides (`Application::remarks`, `domain::remarks`) and the history their changes;
/// a schema-3 file reads as is (no remarks). An older build opens a schema-4 file
/// read-only, so it never drops remarks it cannot see.
pub const SCHEMA_VERSION: u32 = 4;

/// Largest product file this build reads. A real product is tens of KB; 4 MiB leaves
/// room for decades of history while a hostile or corrupted file cannot exhaust memory.
pub const MAX_PRODUCT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Largest `workspace.ron` or holiday file this build reads (real ones are a few KB).
pub const MAX_SETTINGS_FILE_BYTES: u64 = 1024 * 1024;
/// Name of the workspace settings file.
pub const WORKSPACE_FILE: &str = "workspace.ron";
/// Folder of the product files.
pub const PRODUCTS_DIR: &str = "products";
/// Folder that receives deleted product files.
pub const TRASH_DIR: &str = "trash";

/// Why storage refused to write, move or remove a file (worded by `text::storage_error`;
/// its `Display` is the English, for logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhyRefused {
    /// A file with this name could not be read, so it is not overwritten.
    UnreadableNamesake,
    /// A link, pipe or folder has this product's file name.
    OddProductFile,
    /// Bundle not written.
    BundleNotWritten,
    /// Changed.
    Changed,
    /// Could not create a temp file.
    NoTempFile,
    /// Invalid product id.
    InvalidProductId,
    /// No such product.
    NoSuchProduct,
    /// Not a regular file; left where it is.
    NotRegularLeft,
    /// The product was changed by someone else since it was read, so it was not deleted.
    ChangedNotDeleted,
    /// The target is a folder.
    TargetIsFolder,
    /// The target is a symbolic link; give the real file's path (or - for standard output).
    TargetIsLinkOrStdout,
    /// The target is a symbolic link; give the real file's path.
    TargetIsLink,
    /// The target is not a regular file.
    TargetNotRegular,
    /// Too many conflict files for this product in one second.
    TooManyConflicts,
    /// Workspace.ron could not be read, so it is not overwritten.
    WorkspaceFileUnreadable,
    /// Workspace.ron is a link, pipe or folder.
    WorkspaceFileOdd,
    /// A product file could not be read, so its evidence may still be in use; fix it first.
    EvidenceUnreadableProduct,
    /// A product is open read-only (newer version or unknown fields), so its evidence may still be in use.
    EvidenceReadOnlyProduct,
    /// A product has an unresolved conflict copy; resolve it first.
    EvidenceConflict,
}

impl std::fmt::Display for WhyRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WhyRefused::UnreadableNamesake => "a file with this name could not be read, so it is not overwritten",
            WhyRefused::OddProductFile => "a link, pipe or folder has this product's file name",
            WhyRefused::BundleNotWritten => "bundle not written",
            WhyRefused::Changed => "changed",
            WhyRefused::NoTempFile => "could not create a temp file",
            WhyRefused::InvalidProductId => "invalid product id",
            WhyRefused::NoSuchProduct => "no such product",
            WhyRefused::NotRegularLeft => "not a regular file; left where it is",
            WhyRefused::ChangedNotDeleted => "the product was changed by someone else since it was read, so it was not deleted",
            WhyRefused::TargetIsFolder => "the target is a folder",
            WhyRefused::TargetIsLinkOrStdout => "the target is a symbolic link; give the real file's path (or - for standard output)",
            WhyRefused::TargetIsLink => "the target is a symbolic link; give the real file's path",
            WhyRefused::TargetNotRegular => "the target is not a regular file",
            WhyRefused::TooManyConflicts => "too many conflict files for this product in one second",
            WhyRefused::WorkspaceFileUnreadable => "workspace.ron could not be read, so it is not overwritten",
            WhyRefused::WorkspaceFileOdd => "workspace.ron is a link, pipe or folder",
            WhyRefused::EvidenceUnreadableProduct => "a product file could not be read, so its evidence may still be in use; fix it first",
            WhyRefused::EvidenceReadOnlyProduct => "a product is open read-only (newer version or unknown fields), so its evidence may still be in use",
            WhyRefused::EvidenceConflict => "a product has an unresolved conflict copy; resolve it first",
        })
    }
}

/// Errors of the storage layer. Paths go last in the message.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// A file or folder could not be read or written.
    #[error("{action}: {source} — {path}")]
    Io {
        /// What was being done ("read", "write", "rename"…).
        action: &'static str,
        /// The OS error.
        source: std::io::Error,
        path: PathBuf,
    },
    /// A RON file is malformed.
    #[error("line {line}, column {column}: {message} — {path}")]
    Parse {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Parser message.
        message: String,
        /// The file.
        path: PathBuf,
    },
    /// A file was written by a newer version of the app.
    #[error(
        "written by a newer version (schema {found}, this app reads up to {supported}) — {path}"
    )]
    NewerSchema {
        /// Version in the file.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
        /// The file.
        path: PathBuf,
    },
    /// The folder is not a workspace.
    #[error("not an OCOP workspace (no {WORKSPACE_FILE} and no {PRODUCTS_DIR}/ folder) — {path}")]
    NotAWorkspace {
        /// The folder.
        path: PathBuf,
    },
    /// Serialising failed (should not happen with our own types).
    #[error("could not serialise: {message} — {path}")]
    Serialize {
        /// Serializer message.
        message: String,
        /// Target file.
        path: PathBuf,
    },
    /// A product file whose `id` is not its name (a copied file: the name is used).
    #[error(
        "the id inside the file is “{inside}” but the file name says “{name}”; the file name is used — {path}"
    )]
    IdMismatch {
        /// The id written inside.
        inside: String,
        /// The file's stem.
        name: String,
        /// The file.
        path: PathBuf,
    },
    /// Several files claim one product id (named).
    #[error("{} files claim the same product id “{id}”: {} — {path}", files.len(), files.join(", "))]
    SameId {
        /// The id.
        id: String,
        /// The files' names.
        files: Vec<String>,
        /// The products folder.
        path: PathBuf,
    },
    /// A file parsed but its content breaks a rule (named in the message).
    #[error("{message} — {path}")]
    Data {
        /// What is wrong.
        message: String,
        /// The file.
        path: PathBuf,
    },
    /// An export could not replace the file at `path`: another program holds it open
    /// (Word, Excel; Windows refuses to replace an open file), or it is marked read-only.
    /// Nothing was replaced: the old file is whole.
    #[error("the file could not be replaced ({why:?}); the old file is unchanged — {path}")]
    NotReplaced {
        /// Why, as far as the OS says.
        why: NotReplaced,
        /// The export's target.
        path: PathBuf,
    },
    /// Refused to write over a file that could not be read, or outside the workspace.
    #[error("refused to write: {reason} — {path}")]
    Refused {
        /// Why.
        reason: WhyRefused,
        /// The file.
        path: PathBuf,
    },
    /// A file or folder was not read at all (a link, a pipe, too large, an odd name).
    #[error("skipped, not read: {reason} — {path}")]
    Skipped {
        /// Why.
        reason: SkipReason,
        /// The entry.
        path: PathBuf,
    },
    /// The product file changed on disk since it was read (another officer, another
    /// window): it was not written over; this app's version went to `conflict`.
    #[error(
        "changed on disk since it was read, so it was not written over; this version was kept in {} — {path}",
        conflict.display()
    )]
    ChangedOnDisk {
        /// The app's own conflict file holding the version that could not be saved.
        conflict: PathBuf,
        /// The product file.
        path: PathBuf,
    },
    /// A new product's file appeared under its id after the id was chosen (another
    /// officer, another import, a sync tool): nothing was written; the caller saves the
    /// product under the next free id.
    #[error(
        "a product with this id was saved by someone else meanwhile; nothing was written — {path}"
    )]
    IdTaken {
        /// The product file that appeared.
        path: PathBuf,
    },
    /// The file holds fields this build does not know: shown read-only, so that saving
    /// cannot drop them.
    #[error(
        "fields this version does not know: {}; opened read-only so they are not lost — {path}",
        fields.join(", ")
    )]
    UnknownFields {
        /// Paths of the unknown fields (`product.applications.0.notez`).
        fields: Vec<String>,
        /// The file.
        path: PathBuf,
    },
}

impl StorageError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &Path {
        match self {
            StorageError::Io { path, .. }
            | StorageError::Parse { path, .. }
            | StorageError::NewerSchema { path, .. }
            | StorageError::NotAWorkspace { path }
            | StorageError::Serialize { path, .. }
            | StorageError::Data { path, .. }
            | StorageError::IdMismatch { path, .. }
            | StorageError::SameId { path, .. }
            | StorageError::Refused { path, .. }
            | StorageError::NotReplaced { path, .. }
            | StorageError::Skipped { path, .. }
            | StorageError::ChangedOnDisk { path, .. }
            | StorageError::IdTaken { path }
            | StorageError::UnknownFields { path, .. } => path,
        }
    }
}

/// On-disk envelope of `workspace.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceFile {
    /// Schema version of this file.
    pub schema_version: u32,
    /// The settings.
    pub info: WorkspaceInfo,
}

/// On-disk envelope of `products/<id>.ron` (generic over the history format only, so
/// that older schemas read into the same shape, see [`migrate`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductFile<H = HistoryEntry> {
    /// Schema version of this file.
    pub schema_version: u32,
    pub product: Product<H>,
}

/// This computer's network name ("DESKTOP-4FNBC3D", "may-xa-hong-quang"), for saying
/// whose version a bundle is; empty when it cannot be told. Windows names it in
/// `COMPUTERNAME`; Linux in `/proc/sys/kernel/hostname` (a tiny kernel file, read once
/// per bundle).
pub fn computer_name() -> String {
    let raw = std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .unwrap_or_default();
    // A name, not a payload: printable, short.
    raw.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(64)
        .collect()
}

/// Writes `bytes` to `path` atomically (see [`fsio::write_atomic`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    fsio::write_atomic(path, bytes)
}

/// The folders where the app writes temp files: cleaned of crash leftovers on open.
pub fn temp_dirs(dir: &Path) -> Vec<PathBuf> {
    vec![dir.to_owned(), dir.join(PRODUCTS_DIR), dir.join(TRASH_DIR)]
}

pub(crate) fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
}

/// Serialises a product file (what [`save_product`] writes).
pub fn product_to_ron(product: &Product) -> Result<String, ron::Error> {
    let file = ProductFile {
        schema_version: SCHEMA_VERSION,
        product: product.clone(),
    };
    ron::ser::to_string_pretty(&file, pretty())
}

/// Saves one product atomically. Refuses when `products/` is a link or not a folder.
pub fn save_product(dir: &Path, product: &Product) -> Result<(), StorageError> {
    let (path, text) = product_for_writing(dir, product)?;
    fsio::write_atomic(&path, text.as_bytes())
}

/// The checks every product write makes, and the text it writes.
fn product_for_writing(dir: &Path, product: &Product) -> Result<(PathBuf, String), StorageError> {
    let path = product_path(dir, &product.id);
    if !ProductId::is_valid(product.id.as_str()) {
        return Err(StorageError::Refused {
            reason: crate::storage::WhyRefused::InvalidProductId,
            path,
        });
    }
    fsio::ensure_dir(&dir.join(PRODUCTS_DIR))?;
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(StorageError::Refused {
            reason: crate::storage::WhyRefused::OddProductFile,
            path,
        });
    }
    let text = product_to_ron(product).map_err(|e| StorageError::Serialize {
        message: e.to_string(),
        path: path.clone(),
    })?;
    Ok((path, text))
}

/// Saves one product atomically unless its file changed on disk since this app last read
/// or wrote it (`expected`: the stamp then; None when the file should not exist yet).
///
/// The check runs just before the rename. On a change nothing is written over: this
/// version goes to the app's own conflict file beside it (never loaded as a product,
/// listed by `check` and `conflicts`) and [`StorageError::ChangedOnDisk`] names it. A new
/// product (`expected` None) whose file appeared meanwhile is [`StorageError::IdTaken`]
/// instead, with nothing written.
/// Returns the stamp of what is now on disk.
pub fn save_product_checked(
    dir: &Path,
    product: &Product,
    expected: Option<FileStamp>,
    now: chrono::NaiveDateTime,
) -> Result<FileStamp, StorageError> {
    let (path, text) = product_for_writing(dir, product)?;
    let on_disk_now = || -> Result<Option<FileStamp>, StorageError> {
        Ok(fsio::read_regular(&path, MAX_PRODUCT_FILE_BYTES)?.map(|b| FileStamp::of(&b)))
    };
    let result = fsio::write_atomic_if(&path, text.as_bytes(), || {
        if on_disk_now()? == expected {
            Ok(())
        } else {
            Err(StorageError::ChangedOnDisk {
                conflict: PathBuf::new(),
                path: path.clone(),
            })
        }
    });
    match result {
        Ok(()) => Ok(FileStamp::of(text.as_bytes())),
        // A new product whose id someone took meanwhile: not a conflict (the two are
        // different products); the caller chooses another id.
        Err(StorageError::ChangedOnDisk { .. }) if expected.is_none() => {
            Err(StorageError::IdTaken { path })
        }
        Err(StorageError::ChangedOnDisk { .. }) => {
            // Never over an earlier conflict file of the same second.
            let conflict = (1..100)
                .map(|n| {
                    let suffix = if n == 1 {
                        String::new()
                    } else {
                        format!("-{n}")
                    };
                    dir.join(PRODUCTS_DIR).join(format!(
                        "{}{}{}-{}{suffix}.ron",
                        product.id,
                        shared::OWN_CONFLICT_MARKER,
                        now.format("%Y%m%d-%H%M%S"),
                        shared::computer_name()
                    ))
                })
                .find(|p| fs::symlink_metadata(p).is_err())
                .ok_or_else(|| StorageError::Refused {
                    reason: crate::storage::WhyRefused::TooManyConflicts,
                    path: path.clone(),
                })?;
            fsio::write_atomic(&conflict, text.as_bytes())?;
            Err(StorageError::ChangedOnDisk { conflict, path })
        }
        Err(other) => Err(other),
    }
}

/// [`save_product_checked`] for many products at once (an import of thousands): the files
/// are written with [`batch::write_batch`] (synced in phases, the folder once), each only
/// if it still holds what `expected` says; a product whose file changed meanwhile is then
/// saved one by one, which keeps the other side's version and writes the conflict file.
/// Results in the order of `products`.
pub fn save_products_batch(
    dir: &Path,
    products: &[&Product],
    expected: &(dyn Fn(&ProductId) -> Option<FileStamp> + Sync),
    now: chrono::NaiveDateTime,
) -> Vec<Result<FileStamp, StorageError>> {
    // Serialising thousands of products is a second of work: on every core too.
    let prepared: Vec<Result<(PathBuf, String), StorageError>> =
        batch::in_parallel(products.len(), &|i| match products.get(i) {
            Some(product) => product_for_writing(dir, product),
            None => Err(StorageError::Refused {
                reason: crate::storage::WhyRefused::NoSuchProduct,
                path: dir.to_owned(),
            }),
        });
    let mut items = Vec::with_capacity(products.len());
    let mut slots = Vec::with_capacity(products.len());
    let mut results: Vec<Result<FileStamp, StorageError>> = Vec::with_capacity(products.len());
    for (i, prepared) in prepared.into_iter().enumerate() {
        match prepared {
            Ok((path, text)) => {
                results.push(Ok(FileStamp::of(text.as_bytes())));
                slots.push(i);
                items.push((path, text.into_bytes()));
            }
            Err(err) => results.push(Err(err)),
        }
    }
    let written = batch::write_batch(&items, &|n| {
        let (Some(&i), Some((path, _))) = (slots.get(n), items.get(n)) else {
            return Ok(());
        };
        let on_disk = fsio::read_regular(path, MAX_PRODUCT_FILE_BYTES)?.map(|b| FileStamp::of(&b));
        let wanted = products.get(i).and_then(|p| expected(&p.id));
        if on_disk == wanted {
            Ok(())
        } else {
            Err(StorageError::ChangedOnDisk {
                conflict: PathBuf::new(),
                path: path.clone(),
            })
        }
    });
    for (n, outcome) in written.into_iter().enumerate() {
        let Some(&i) = slots.get(n) else { continue };
        match outcome {
            Ok(()) => {}
            Err(StorageError::ChangedOnDisk { .. }) => {
                if let (Some(product), Some(slot)) = (products.get(i), results.get_mut(i)) {
                    *slot = save_product_checked(dir, product, expected(&product.id), now);
                }
            }
            Err(err) => {
                if let Some(slot) = results.get_mut(i) {
                    *slot = Err(err);
                }
            }
        }
    }
    results
}

/// Saves the workspace settings atomically.
pub fn save_workspace_info(dir: &Path, info: &WorkspaceInfo) -> Result<(), StorageError> {
    let path = dir.join(WORKSPACE_FILE);
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(StorageError::Refused {
            reason: crate::storage::WhyRefused::WorkspaceFileOdd,
            path,
        });
    }
    let file = WorkspaceFile {
        schema_version: SCHEMA_VERSION,
        info: info.clone(),
    };
    let text =
        ron::ser::to_string_pretty(&file, pretty()).map_err(|e| StorageError::Serialize {
            message: e.to_string(),
            path: path.clone(),
        })?;
    fsio::write_atomic(&path, text.as_bytes())
}

/// Saves a whole workspace (used for new workspaces, copies and generated data).
pub fn save_workspace(dir: &Path, workspace: &Workspace) -> Result<(), StorageError> {
    fsio::ensure_dir(dir)?;
    fsio::ensure_dir(&dir.join(PRODUCTS_DIR))?;
    save_workspace_info(dir, &workspace.info)?;
    for product in workspace.products.values() {
        save_product(dir, &product)?;
    }
    Ok(())
}

/// Moves a product's file into `trash/` (nothing is erased); returns the new path.
/// Refuses when `trash/` or `products/` is a link, so nothing leaves the workspace.
pub fn trash_product(
    dir: &Path,
    id: &ProductId,
    stamp: &str,
) -> Result<Option<PathBuf>, StorageError> {
    let from = product_path(dir, id);
    if !fsio::check_dir(&dir.join(PRODUCTS_DIR))? {
        return Ok(None);
    }
    match fs::symlink_metadata(&from) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => {
            return Err(StorageError::Refused {
                reason: crate::storage::WhyRefused::NotRegularLeft,
                path: from,
            });
        }
        Err(_) => return Ok(None),
    }
    let trash = dir.join(TRASH_DIR);
    fsio::ensure_dir(&trash)?;
    let to = trash.join(format!("{}-{stamp}.ron", id.as_str()));
    fsio::rename_with_retry(&from, &to).map_err(|source| StorageError::Io {
        action: "move to trash",
        source,
        path: from.clone(),
    })?;
    Ok(Some(to))
}

/// Why an export could not replace its target ([`StorageError::NotReplaced`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReplaced {
    /// Another program holds the file open.
    InUse,
    /// The file is marked read-only.
    ReadOnly,
}
