//! One product file, a conflict copy, a folder: what they hold on disk now (the watcher's
//! re-reads, the conflict dialog, the start screen's question "is this a workspace?").

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{
    ConflictCopy, ConflictTool, FileStamp, MAX_PRODUCT_FILE_BYTES, PRODUCTS_DIR, Product,
    ProductId, ReadOnlyReason, StorageError, TRASH_DIR, WORKSPACE_FILE, fsio, parse_product,
    product_path, read_product, read_text, shared,
};

/// One product file as it is on disk now.
#[derive(Debug)]
pub enum OnDisk {
    /// No such file.
    Absent,
    /// Read (maybe read-only), with what it held.
    Product {
        product: Box<Product>,
        /// What the file held.
        stamp: FileStamp,
        /// Why it must not be written, if so.
        read_only: Option<ReadOnlyReason>,
    },
    /// A OneDrive-style conflict copy of another product.
    Conflict(ConflictCopy),
    /// Could not be read; the problems say why.
    Unreadable(Vec<StorageError>),
}

/// Reads one product file again (after another officer changed it).
pub fn read_product_file(dir: &Path, stem: &str) -> OnDisk {
    let path = dir.join(PRODUCTS_DIR).join(format!("{stem}.ron"));
    if fs::symlink_metadata(&path).is_err() {
        return OnDisk::Absent;
    }
    let read = read_product(
        &path,
        stem.to_owned(),
        false,
        &mut Vec::new(),
        &mut String::new(),
    );
    match (read.product, read.stamp) {
        (Some(product), Some(stamp)) => {
            if let Some(claimed) = &read.claimed_id
                && let Some(of) = ProductId::parse(claimed)
                && shared::onedrive_copy_of(stem, claimed, &[claimed.as_str()])
                && product_path(dir, &of).is_file()
            {
                return OnDisk::Conflict(ConflictCopy {
                    path,
                    of,
                    tool: ConflictTool::OneDrive,
                });
            }
            OnDisk::Product {
                product: Box::new(product),
                stamp,
                read_only: read.read_only,
            }
        }
        _ if read.problems.is_empty() => OnDisk::Absent,
        _ => OnDisk::Unreadable(read.problems),
    }
}

/// The product in a conflict copy (any schema this build reads).
pub fn read_conflict_copy(copy: &ConflictCopy) -> Result<Product, StorageError> {
    let text = read_text(&copy.path, MAX_PRODUCT_FILE_BYTES)?.unwrap_or_default();
    let mut product = parse_product(&text, &copy.path)?.value;
    product.id = copy.of.clone();
    Ok(product)
}

/// Moves a resolved conflict copy into `trash/` (never deleted); returns the new path.
pub fn trash_conflict_copy(
    dir: &Path,
    copy: &ConflictCopy,
    stamp: &str,
) -> Result<PathBuf, StorageError> {
    let trash = dir.join(TRASH_DIR);
    fsio::ensure_dir(&trash)?;
    let name = copy
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.replace(['(', ')', ' ', '\'', '.'], "-"))
        .unwrap_or_else(|| copy.of.to_string());
    let to = trash.join(format!("conflict-{name}-{stamp}.ron"));
    fsio::rename_with_retry(&copy.path, &to).map_err(|source| StorageError::Io {
        action: "move to trash",
        source,
        path: copy.path.clone(),
    })?;
    Ok(to)
}

/// File names and sizes/times in `products/`, cheap enough to poll: what a rescan
/// compares to know which files to read again.
pub fn product_dir_listing(dir: &Path) -> BTreeMap<String, (u64, Option<std::time::SystemTime>)> {
    let mut listing = BTreeMap::new();
    let products = dir.join(PRODUCTS_DIR);
    if !matches!(fsio::check_dir(&products), Ok(true)) {
        return listing;
    }
    let Ok(entries) = fs::read_dir(&products) else {
        return listing;
    };
    for entry in entries.filter_map(Result::ok) {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if !name.ends_with(".ron") || fsio::is_temp_name(&name) {
            continue;
        }
        if let Ok(meta) = entry.metadata() {
            listing.insert(name, (meta.len(), meta.modified().ok()));
        }
    }
    listing
}

/// Whether `dir` looks like a workspace (has `workspace.ron` or `products/`).
pub fn looks_like_workspace(dir: &Path) -> bool {
    dir.join(WORKSPACE_FILE).is_file() || dir.join(PRODUCTS_DIR).is_dir()
}

/// What a folder chosen for a new workspace holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderState {
    /// It does not exist yet (it will be made).
    Missing,
    /// It exists and holds nothing (hidden files of the OS aside: `.DS_Store`,
    /// `desktop.ini`, `Thumbs.db`).
    Empty,
    /// It is already a workspace.
    Workspace,
    /// It holds other files or folders.
    NotEmpty,
    /// It is a file, or cannot be read.
    NotAFolder,
}

/// What `dir` holds, for starting a new workspace in it.
pub fn folder_state(dir: &Path) -> FolderState {
    match fs::symlink_metadata(dir) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return FolderState::Missing,
        Err(_) => return FolderState::NotAFolder,
        Ok(meta) if !meta.is_dir() => return FolderState::NotAFolder,
        Ok(_) => {}
    }
    if looks_like_workspace(dir) {
        return FolderState::Workspace;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return FolderState::NotAFolder;
    };
    let ignorable = |name: &std::ffi::OsStr| {
        let name = name.to_string_lossy().to_lowercase();
        matches!(name.as_str(), ".ds_store" | "desktop.ini" | "thumbs.db")
    };
    if entries
        .filter_map(Result::ok)
        .any(|entry| !ignorable(&entry.file_name()))
    {
        FolderState::NotEmpty
    } else {
        FolderState::Empty
    }
}

/// The user's Documents folder (Windows' known folder, also when redirected to
/// OneDrive; XDG's on Linux), or the home folder; `None` when neither is known.
pub fn documents_dir() -> Option<PathBuf> {
    dirs::document_dir().or_else(dirs::home_dir)
}

/// Size and modification time of a product's file, if it exists.
pub fn product_file_meta(
    dir: &Path,
    id: &ProductId,
) -> Option<(u64, Option<std::time::SystemTime>)> {
    fs::metadata(product_path(dir, id))
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// Total size in bytes of the files that exist among `files` (for a progress bar).
pub fn total_size(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .filter_map(|f| fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}
