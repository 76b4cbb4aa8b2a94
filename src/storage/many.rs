//! A folder of many communes (a district's or province's shared folder): the workspaces
//! and bundles directly inside it, read in parallel, nothing written.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::bundle;
use super::{SkipReason, StorageError, fsio, load_workspace_decoded, looks_like_workspace};
use crate::domain::exchange::FileRole;
use crate::domain::model::Product;

/// One workspace or bundle of the folder.
#[derive(Debug)]
pub struct ManySource {
    /// Its name in the folder.
    pub label: String,
    /// The commune it belongs to (the workspace's, or the bundle's maker's).
    pub commune: String,
    /// Its products.
    pub products: Vec<Product>,
    /// Where its products' evidence is.
    pub evidence: ManyEvidence,
}

/// Where the evidence of a [`ManySource`]'s products is.
#[derive(Debug, Clone)]
pub enum ManyEvidence {
    /// A workspace folder: the stored paths are relative to it.
    Folder(PathBuf),
    /// A bundle: the files stay inside the zip (this view does not extract them).
    Bundle {
        /// The bundle file.
        path: PathBuf,
        /// SHA-256 and size of every evidence file its manifest lists.
        listed: std::collections::BTreeSet<(String, u64)>,
    },
}

/// What [`load_many`] read.
#[derive(Debug, Default)]
pub struct Many {
    /// Each workspace and bundle read, in name order.
    pub sources: Vec<ManySource>,
    /// What could not be read in the workspaces (a broken product file…), named.
    pub problems: Vec<StorageError>,
    /// Bundles that could not be read, with why.
    pub bundle_problems: Vec<bundle::BundleError>,
}

enum Item {
    Workspace(PathBuf),
    Bundle(PathBuf),
}

/// Reads every workspace folder and `.ocop.zip` bundle directly inside `dir`. Links are
/// skipped with a message; a bundle is checked (entry names, limits, the product file's
/// hash) but its evidence is not hashed (see `bundle::peek`).
pub fn load_many(dir: &Path) -> Result<Many, StorageError> {
    if !fsio::check_dir(dir)? {
        return Err(StorageError::NotAWorkspace {
            path: dir.to_owned(),
        });
    }
    let mut items = Vec::new();
    let mut many = Many::default();
    let entries = fs::read_dir(dir).map_err(|source| StorageError::Io {
        action: "list",
        source,
        path: dir.to_owned(),
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            if bundle::is_bundle_name(&path) || looks_like_workspace(&path) {
                many.problems.push(StorageError::Skipped {
                    reason: SkipReason::Symlink,
                    path,
                });
            }
        } else if meta.is_dir() && looks_like_workspace(&path) {
            items.push(Item::Workspace(path));
        } else if meta.is_file() && bundle::is_bundle_name(&path) {
            items.push(Item::Bundle(path));
        }
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, ItemResult)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8)
        .min(items.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let read = read_item(item);
                    if let Ok(mut all) = results.lock() {
                        all.push((i, read));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, ..)| *i);
    for (_, (result, problems)) in results {
        many.problems.extend(problems);
        match result {
            Ok(source) => many.sources.push(source),
            Err(ItemError::Workspace(err)) => many.problems.push(err),
            Err(ItemError::Bundle(err)) => many.bundle_problems.push(err),
        }
    }
    Ok(many)
}

/// What could not be read of one item.
enum ItemError {
    Workspace(StorageError),
    Bundle(bundle::BundleError),
}

type ItemResult = (Result<ManySource, ItemError>, Vec<StorageError>);

fn read_item(item: &Item) -> ItemResult {
    match item {
        // Not through this computer's open cache: one cache per commune would replace the
        // officer's own workspace's (only the 8 latest are kept).
        // Left decoded: the view renames and packs each product itself.
        Item::Workspace(path) => match load_workspace_decoded(path) {
            Ok(loaded) => (
                Ok(ManySource {
                    label: label_of(path),
                    commune: loaded.workspace.info.commune.clone(),
                    products: loaded.workspace.products.into_values().collect(),
                    evidence: ManyEvidence::Folder(path.clone()),
                }),
                loaded.problems,
            ),
            Err(err) => (Err(ItemError::Workspace(err)), Vec::new()),
        },
        Item::Bundle(path) => match bundle::peek(path) {
            Ok((manifest, product)) => (
                Ok(ManySource {
                    label: label_of(path),
                    evidence: ManyEvidence::Bundle {
                        path: path.clone(),
                        listed: manifest
                            .files
                            .iter()
                            .filter(|f| matches!(f.role, FileRole::Evidence { .. }))
                            .map(|f| (f.sha256.clone(), f.size_bytes))
                            .collect(),
                    },
                    commune: manifest.commune,
                    products: vec![product],
                }),
                Vec::new(),
            ),
            Err(err) => (Err(ItemError::Bundle(err)), Vec::new()),
        },
    }
}

fn label_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A new private folder in the system's temp folder (`<prefix>-<random>`), created
/// exclusively, removed with everything in it when dropped (review mode's copy of a
/// bundle).
#[derive(Debug)]
pub struct PrivateFolder(PathBuf);

impl PrivateFolder {
    /// Creates the folder, readable by this user only; first removes this prefix's
    /// folders that a crash left behind (older than a day, only the `<prefix>-<16 hex>` ones).
    pub fn create(prefix: &str) -> Result<PrivateFolder, StorageError> {
        let base = std::env::temp_dir();
        remove_stale(&base, prefix);
        let mut last = None;
        for _ in 0..16 {
            let path = base.join(format!("{prefix}-{:016x}", fsio::random_token()));
            match private_dir_builder().create(&path) {
                Ok(()) => return Ok(PrivateFolder(path)),
                Err(source) => last = Some((source, path)),
            }
        }
        let (source, path) = last.unwrap_or_else(|| (std::io::Error::other("no name"), base));
        Err(StorageError::Io {
            action: "create folder",
            source,
            path,
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

/// A folder builder giving access to this user only (Unix mode 0700; on Windows a new
/// folder in the user's temp folder is private already).
fn private_dir_builder() -> fs::DirBuilder {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        let mut builder = fs::DirBuilder::new();
        builder.mode(0o700);
        builder
    }
    #[cfg(not(unix))]
    {
        fs::DirBuilder::new()
    }
}

/// Removes `<prefix>-<16 hex>` folders in `base` older than a day (left by a crash).
fn remove_stale(base: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(base) else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 3600);
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(token) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|n| n.strip_prefix('-'))
        else {
            continue;
        };
        let ours = token.len() == 16 && token.chars().all(|c| c.is_ascii_hexdigit());
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_dir)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > day);
        if ours && old {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for PrivateFolder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
