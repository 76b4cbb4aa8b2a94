//! Storage: the only code that knows files and RON.
//!
//! A workspace is a folder:
//! ```text
//! workspace.ron          commune settings, with a schema version
//! products/<id>.ron      one pretty-printed RON file per product, with a schema version
//! trash/                 product files moved here on delete (never erased by the app)
//! ```
//! Invariants:
//! - Writes are atomic: temp file in the same folder, flush + fsync, rename.
//! - Loading never panics and never loses data: a file that cannot be read is reported
//!   by name, line and column, is never written, and every other product still opens.
//! - A file written by a newer schema opens read-only.

pub mod assets;
pub mod evidence;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::model::{Product, ProductId, Workspace, WorkspaceInfo};

/// Schema version written into every file by this build.
pub const SCHEMA_VERSION: u32 = 1;
/// Name of the workspace settings file.
pub const WORKSPACE_FILE: &str = "workspace.ron";
/// Folder of the product files.
pub const PRODUCTS_DIR: &str = "products";
/// Folder that receives deleted product files.
pub const TRASH_DIR: &str = "trash";

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
        /// The path.
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
    /// A file parsed but its content breaks a rule (named in the message).
    #[error("{message} — {path}")]
    Data {
        /// What is wrong.
        message: String,
        /// The file.
        path: PathBuf,
    },
    /// Refused to write over a file that could not be read, or outside the workspace.
    #[error("refused to write: {reason} — {path}")]
    Refused {
        /// Why.
        reason: &'static str,
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
            | StorageError::Refused { path, .. } => path,
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

/// On-disk envelope of `products/<id>.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductFile {
    /// Schema version of this file.
    pub schema_version: u32,
    /// The product.
    pub product: Product,
}

/// Reads only the schema version of one of our files, without parsing the rest, so a
/// newer file whose structure this build does not know is still recognised as newer.
fn scan_schema_version(text: &str) -> Option<u32> {
    let start = text.find("schema_version")? + "schema_version".len();
    let rest = text.get(start..)?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A workspace as loaded, with everything that went wrong on the way.
#[derive(Debug, Default)]
pub struct LoadedWorkspace {
    /// What could be read.
    pub workspace: Workspace,
    /// Problems, one per file, in file-name order.
    pub problems: Vec<StorageError>,
    /// Products from newer-schema files: shown, never written.
    pub read_only: BTreeSet<ProductId>,
    /// File stems in `products/` that could not be read: never written over.
    pub unreadable: BTreeSet<String>,
    /// Whether `workspace.ron` may be written (false if it was unreadable or newer).
    pub workspace_file_writable: bool,
}

/// Path of a product's file.
pub fn product_path(dir: &Path, id: &ProductId) -> PathBuf {
    dir.join(PRODUCTS_DIR).join(format!("{}.ron", id.as_str()))
}

fn parse_error(err: &ron::error::SpannedError, path: &Path) -> StorageError {
    StorageError::Parse {
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
        path: path.to_owned(),
    }
}

/// Parses one of our files: checks the schema version first, then the full envelope.
fn parse_versioned<T: for<'de> Deserialize<'de>>(
    text: &str,
    path: &Path,
) -> Result<T, StorageError> {
    if let Some(found) = scan_schema_version(text)
        && found > SCHEMA_VERSION
    {
        return Err(StorageError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
            path: path.to_owned(),
        });
    }
    ron::from_str::<T>(text).map_err(|err| parse_error(&err, path))
}

/// Like [`parse_versioned`] but for a newer schema tries to read the data anyway, so it
/// can be shown read-only.
fn parse_product(text: &str, path: &Path) -> (Option<Product>, Option<StorageError>) {
    match parse_versioned::<ProductFile>(text, path) {
        Ok(file) => (Some(file.product), None),
        Err(err @ StorageError::NewerSchema { .. }) => {
            let product = ron::from_str::<ProductFile>(text).ok().map(|f| f.product);
            (product, Some(err))
        }
        Err(err) => (None, Some(err)),
    }
}

fn read_text(path: &Path) -> Result<String, StorageError> {
    let bytes = fs::read(path).map_err(|source| StorageError::Io {
        action: "read",
        source,
        path: path.to_owned(),
    })?;
    String::from_utf8(bytes).map_err(|err| StorageError::Parse {
        line: 1,
        column: 1,
        message: format!("not UTF-8 text (byte {})", err.utf8_error().valid_up_to()),
        path: path.to_owned(),
    })
}

/// Loads the workspace in `dir`, reporting problems and going on.
///
/// Fails only when `dir` is not a workspace at all.
pub fn load_workspace(dir: &Path) -> Result<LoadedWorkspace, StorageError> {
    let ws_path = dir.join(WORKSPACE_FILE);
    let products_dir = dir.join(PRODUCTS_DIR);
    if !dir.is_dir() || (!ws_path.exists() && !products_dir.is_dir()) {
        return Err(StorageError::NotAWorkspace {
            path: dir.to_owned(),
        });
    }
    let mut loaded = LoadedWorkspace {
        workspace_file_writable: true,
        ..Default::default()
    };
    if ws_path.exists() {
        match read_text(&ws_path).and_then(|t| parse_versioned::<WorkspaceFile>(&t, &ws_path)) {
            Ok(file) => loaded.workspace.info = file.info,
            Err(err) => {
                loaded.workspace_file_writable = false;
                loaded.problems.push(err);
            }
        }
    }
    if !products_dir.is_dir() {
        return Ok(loaded);
    }
    let entries = fs::read_dir(&products_dir).map_err(|source| StorageError::Io {
        action: "list",
        source,
        path: products_dir.clone(),
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
            continue;
        };
        if stem.starts_with('.') {
            continue; // our own temp files from an interrupted write
        }
        if !ProductId::is_valid(&stem) {
            loaded.problems.push(StorageError::Refused {
                reason: "file name is not a valid product id (a-z, 0-9, -); file skipped",
                path: path.clone(),
            });
            loaded.unreadable.insert(stem);
            continue;
        }
        let is_symlink = fs::symlink_metadata(&path)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if is_symlink {
            loaded.problems.push(StorageError::Refused {
                reason: "product file is a symbolic link; not followed",
                path: path.clone(),
            });
            loaded.unreadable.insert(stem);
            continue;
        }
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(err) => {
                loaded.problems.push(err);
                loaded.unreadable.insert(stem);
                continue;
            }
        };
        let (product, problem) = parse_product(&text, &path);
        let id = ProductId(stem.clone());
        match (product, problem) {
            (Some(mut product), problem) => {
                let newer = problem.is_some();
                if let Some(p) = problem {
                    loaded.problems.push(p);
                }
                if product.id != id {
                    // The file name is the identity; a copied file keeps its new name.
                    product.id = id.clone();
                }
                if newer {
                    loaded.read_only.insert(id.clone());
                }
                loaded.workspace.products.insert(id, product);
            }
            (None, problem) => {
                if let Some(p) = problem {
                    loaded.problems.push(p);
                }
                loaded.unreadable.insert(stem);
            }
        }
    }
    Ok(loaded)
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, flushed and
/// synced, then renamed over the target. A crash leaves either the old or the new file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let io = |action: &'static str, p: &Path| {
        let p = p.to_owned();
        move |source| StorageError::Io {
            action,
            source,
            path: p,
        }
    };
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io("create folder", parent))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = parent.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp).map_err(io("create", &tmp))?;
        file.write_all(bytes).map_err(io("write", &tmp))?;
        file.sync_all().map_err(io("sync", &tmp))?;
        drop(file);
        fs::rename(&tmp, path).map_err(io("rename", path))?;
        // Make the rename itself durable (best effort: not every platform allows it).
        if let Ok(dir) = fs::File::open(parent) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn pretty() -> ron::ser::PrettyConfig {
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

/// Saves one product atomically.
pub fn save_product(dir: &Path, product: &Product) -> Result<(), StorageError> {
    let path = product_path(dir, &product.id);
    if !ProductId::is_valid(product.id.as_str()) {
        return Err(StorageError::Refused {
            reason: "invalid product id",
            path,
        });
    }
    let text = product_to_ron(product).map_err(|e| StorageError::Serialize {
        message: e.to_string(),
        path: path.clone(),
    })?;
    write_atomic(&path, text.as_bytes())
}

/// Saves the workspace settings atomically.
pub fn save_workspace_info(dir: &Path, info: &WorkspaceInfo) -> Result<(), StorageError> {
    let path = dir.join(WORKSPACE_FILE);
    let file = WorkspaceFile {
        schema_version: SCHEMA_VERSION,
        info: info.clone(),
    };
    let text =
        ron::ser::to_string_pretty(&file, pretty()).map_err(|e| StorageError::Serialize {
            message: e.to_string(),
            path: path.clone(),
        })?;
    write_atomic(&path, text.as_bytes())
}

/// Saves a whole workspace (used for new workspaces and generated data).
pub fn save_workspace(dir: &Path, workspace: &Workspace) -> Result<(), StorageError> {
    fs::create_dir_all(dir.join(PRODUCTS_DIR)).map_err(|source| StorageError::Io {
        action: "create folder",
        source,
        path: dir.join(PRODUCTS_DIR),
    })?;
    save_workspace_info(dir, &workspace.info)?;
    for product in workspace.products.values() {
        save_product(dir, product)?;
    }
    Ok(())
}

/// Moves a product's file into `trash/` (nothing is erased); returns the new path.
pub fn trash_product(
    dir: &Path,
    id: &ProductId,
    stamp: &str,
) -> Result<Option<PathBuf>, StorageError> {
    let from = product_path(dir, id);
    if !from.exists() {
        return Ok(None);
    }
    let trash = dir.join(TRASH_DIR);
    fs::create_dir_all(&trash).map_err(|source| StorageError::Io {
        action: "create folder",
        source,
        path: trash.clone(),
    })?;
    let to = trash.join(format!("{}-{stamp}.ron", id.as_str()));
    fs::rename(&from, &to).map_err(|source| StorageError::Io {
        action: "move to trash",
        source,
        path: from.clone(),
    })?;
    Ok(Some(to))
}

/// Evidence files that no product references: not the loaded ones, not the deleted ones
/// waiting in `trash/` (undo or a restore would need them).
///
/// Refuses while any product file could not be read, since its references are unknown.
pub fn unused_evidence(
    dir: &Path,
    workspace: &Workspace,
    unreadable: &BTreeSet<String>,
) -> Result<Vec<String>, StorageError> {
    if let Some(stem) = unreadable.iter().next() {
        return Err(StorageError::Refused {
            reason: "a product file could not be read, so its evidence may still be in use; fix it first",
            path: dir.join(PRODUCTS_DIR).join(format!("{stem}.ron")),
        });
    }
    let mut referenced: BTreeSet<String> = BTreeSet::new();
    let mut add = |product: &Product| {
        for app in &product.applications {
            for entry in &app.dossier {
                for attachment in &entry.attachments {
                    referenced.insert(attachment.stored_path.clone());
                }
            }
        }
    };
    for product in workspace.products.values() {
        add(product);
    }
    let trash = dir.join(TRASH_DIR);
    if trash.is_dir() {
        let entries = fs::read_dir(&trash).map_err(|source| StorageError::Io {
            action: "list",
            source,
            path: trash.clone(),
        })?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("ron") {
                continue;
            }
            let text = read_text(&path)?;
            match parse_product(&text, &path) {
                (Some(product), _) => add(&product),
                (None, Some(err)) => return Err(err),
                (None, None) => {}
            }
        }
    }
    evidence::orphans(dir, &referenced).map_err(|err| StorageError::Data {
        message: err.to_string(),
        path: dir.join(evidence::EVIDENCE_DIR),
    })
}
