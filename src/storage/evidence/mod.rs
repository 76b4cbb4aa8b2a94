//! The evidence store: scanned certificates, lab reports, photos and videos kept
//! inside the workspace folder, content-addressed by SHA-256.
//!
//! Layout:
//! ```text
//! evidence/<first two hex digits>/<sha256>.<ext>   one file per distinct content
//! evidence/.incoming-<pid>-<counter>.part           an import in progress (or a crash leftover)
//! ```
//! Invariants:
//! - Files are streamed in fixed-size chunks; nothing here holds a whole file in memory,
//!   so multi-gigabyte videos import with a constant footprint.
//! - An import either leaves one complete, synced file at its content address or
//!   nothing at all: the data goes to a `.part` file that is renamed only when complete
//!   and removed on cancel, on error and on panic.
//! - A `stored_path` read from a save file is untrusted. [`resolve`] is the only way to
//!   turn one into a filesystem path: it must be relative, `/`-separated, under
//!   `evidence/`, and may not cross a symbolic link or leave the workspace.
//!
//! Depends on `std::fs`, `sha2` and the domain's [`Attachment`]; it must not depend on
//! egui, RON or the rest of the storage layer. Everything here blocks: call it from a
//! worker thread, never from the frame.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::domain::dossier::Attachment;

/// Folder of the evidence store, relative to the workspace.
pub const EVIDENCE_DIR: &str = "evidence";

/// Bytes read, hashed and written per step. Also the granularity of progress reports
/// and of cancellation.
pub const CHUNK_BYTES: usize = 1 << 20;

/// Longest extension kept from a source file name (longer ones are dropped).
pub const MAX_EXTENSION_CHARS: usize = 10;

/// [`clean_incoming`] leaves `.part` files younger than this alone: another instance of
/// the app (on another computer sharing the folder) may still be writing them. A live
/// import touches its file at every chunk.
pub const INCOMING_GRACE: Duration = Duration::from_mins(15);

/// Longest `stored_path` [`resolve`] accepts, in bytes.
const MAX_STORED_PATH_BYTES: usize = 1024;

/// Prefix and suffix of an import's temporary file inside `evidence/`.
const PART_PREFIX: &str = ".incoming-";
const PART_SUFFIX: &str = ".part";

/// Makes temporary file names unique within this process.
static PART_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Errors of the evidence store. Paths go last in the message.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    /// A file or folder could not be read, written, renamed or removed.
    #[error("{action}: {source} — {path}")]
    Io {
        /// What was being done ("open", "read", "rename"…).
        action: &'static str,
        /// The OS error.
        source: io::Error,
        path: PathBuf,
    },
    /// The user cancelled; nothing was left behind.
    #[error("cancelled")]
    Cancelled,
    /// A stored path (or a folder of the store) that could lead outside the workspace
    /// or is not in the form this store writes. Nothing was read or written through it.
    #[error("unsafe evidence path ({reason}) — {path:?}")]
    UnsafePath {
        /// Why it was refused, in English (e.g. "absolute path").
        reason: &'static str,
        /// The offending path as given (debug-quoted in the message: it may be hostile).
        path: String,
    },
    /// The source of an import is not a regular file (a folder, a device, a pipe…).
    #[error("not a regular file — {path}")]
    NotAFile { path: PathBuf },
}

/// The result of [`import_file`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// Path inside the workspace, `/`-separated, e.g. `evidence/ab/ab12….jpg`.
    pub stored_path: String,
    /// The source's file name, NFC-normalised (macOS hands out decomposed names).
    pub file_name: String,
    /// The same content was already in the store; nothing new was written, and
    /// `stored_path` names the existing file (its extension may differ from the source's).
    pub already_stored: bool,
}

impl Imported {
    /// The dossier attachment for this import, attached at `added_at`, without dates.
    #[must_use]
    pub fn to_attachment(&self, added_at: chrono::NaiveDateTime) -> Attachment {
        Attachment {
            sha256: self.sha256.clone(),
            file_name: self.file_name.clone(),
            size_bytes: self.size_bytes,
            stored_path: self.stored_path.clone(),
            added_at,
            document_date: None,
            valid_until: None,
        }
    }
}

/// What [`verify`] found for one attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceStatus {
    /// The file is there with the recorded size and hash.
    Ok,
    /// No file at the stored path.
    Missing,
    /// The file's content (or size) is not what was recorded: changed behind the app's back.
    Altered {
        /// SHA-256 of what is on disk, lower-case hex.
        actual_sha256: String,
        /// Size found on disk.
        actual_size_bytes: u64,
    },
    /// The stored path was refused by [`resolve`], or names something that is not a
    /// regular file; it was not read.
    Unsafe {
        /// Why, in English.
        reason: &'static str,
    },
    /// The file could not be checked: it exists but could not be read (permissions,
    /// I/O error…), or the check was cancelled. Says nothing about its integrity.
    Unchecked {
        /// Why, for display ("cancelled", or the error).
        reason: String,
    },
    /// The file is inside a bundle read without extracting it (the many-communes view):
    /// it was listed in the bundle's manifest but not checked here.
    InBundle,
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> EvidenceError {
    let path = path.to_owned();
    move |source| EvidenceError::Io {
        action,
        source,
        path,
    }
}

fn unsafe_path(reason: &'static str, path: &str) -> EvidenceError {
    EvidenceError::UnsafePath {
        reason,
        path: path.to_owned(),
    }
}

fn to_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing into a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// A temporary import file that is removed when dropped unless it was renamed into
/// place, so cancellation, errors and panics all clean up.
struct PartFile {
    path: PathBuf,
    file: Option<File>,
    keep: bool,
}

impl PartFile {
    /// Creates a fresh `.part` file in `dir` (never opens an existing file or link).
    fn create(dir: &Path) -> Result<PartFile, EvidenceError> {
        let pid = std::process::id();
        loop {
            let counter = PART_COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("{PART_PREFIX}{pid}-{counter}{PART_SUFFIX}"));
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    return Ok(PartFile {
                        path,
                        file: Some(file),
                        keep: false,
                    });
                }
                // A leftover of a crashed process that had our pid: take the next name.
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_err("create", &path)(e)),
            }
        }
    }

    /// Writes all of `bytes`.
    fn write_all(&mut self, bytes: &[u8]) -> Result<(), EvidenceError> {
        match self.file.as_mut() {
            Some(file) => file.write_all(bytes).map_err(io_err("write", &self.path)),
            None => Ok(()),
        }
    }

    /// Flushes the data to disk and closes the file.
    fn sync_and_close(&mut self) -> Result<(), EvidenceError> {
        if let Some(file) = self.file.take() {
            file.sync_all().map_err(io_err("sync", &self.path))?;
        }
        Ok(())
    }

    /// Renames the (closed) file to `target`, replacing what is there; then it is kept.
    fn rename_to(&mut self, target: &Path) -> Result<(), EvidenceError> {
        self.file = None;
        crate::storage::fsio::rename_with_retry(&self.path, target)
            .map_err(io_err("rename", target))?;
        self.keep = true;
        Ok(())
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        // Close first: Windows cannot remove an open file.
        self.file = None;
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Makes sure `dir` (shown to the user as `shown`) is a real folder, creating it if
/// missing. Refuses a symbolic link or a file in its place.
fn ensure_real_dir(dir: &Path, shown: &str) -> Result<(), EvidenceError> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(unsafe_path("folder is a symbolic link", shown))
        }
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(unsafe_path("expected a folder", shown)),
        Err(e) if e.kind() == ErrorKind::NotFound => match fs::create_dir(dir) {
            Ok(()) => Ok(()),
            // Created concurrently by another import: check again what it is.
            Err(e) if e.kind() == ErrorKind::AlreadyExists => match fs::symlink_metadata(dir) {
                Ok(meta) if meta.is_dir() => Ok(()),
                _ => Err(unsafe_path("expected a folder", shown)),
            },
            Err(e) => Err(io_err("create folder", dir)(e)),
        },
        Err(e) => Err(io_err("inspect", dir)(e)),
    }
}

/// The extension kept for a stored file: the source's, lower-cased, if it is 1 to
/// [`MAX_EXTENSION_CHARS`] ASCII letters or digits; otherwise none.
fn stored_extension(source: &Path) -> Option<String> {
    let ext = source.extension()?.to_str()?.to_ascii_lowercase();
    let valid = !ext.is_empty()
        && ext.len() <= MAX_EXTENSION_CHARS
        && ext
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    valid.then_some(ext)
}

/// Streams `reader` through SHA-256 in chunks, checking `cancel` before each one.
fn hash_reader(
    reader: &mut dyn Read,
    path: &Path,
    cancel: &AtomicBool,
) -> Result<(String, u64), EvidenceError> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; CHUNK_BYTES];
    let mut total: u64 = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(EvidenceError::Cancelled);
        }
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err("read", path)(e)),
        };
        let chunk = buffer.get(..n).unwrap_or_default();
        hasher.update(chunk);
        total += n as u64;
    }
    Ok((to_hex(&hasher.finalize()), total))
}

/// Whether the regular file at `path` has exactly `size_bytes` bytes hashing to `sha256`.
fn same_content(
    path: &Path,
    sha256: &str,
    size_bytes: u64,
    cancel: &AtomicBool,
) -> Result<bool, EvidenceError> {
    let mut file = File::open(path).map_err(io_err("open", path))?;
    let meta = file.metadata().map_err(io_err("inspect", path))?;
    if !meta.is_file() || meta.len() != size_bytes {
        return Ok(false);
    }
    let (actual, _) = hash_reader(&mut file, path, cancel)?;
    Ok(actual == sha256)
}

/// Files of `shard_dir` that already hold `sha256` by name (`<sha256>` or
/// `<sha256>.<ext>`), regular files only, `preferred` first. `shown` is the folder as a
/// stored path (`evidence/ab`).
fn content_candidates(shard_dir: &Path, shown: &str, sha256: &str, preferred: &str) -> Vec<String> {
    let Ok(entries) = fs::read_dir(shard_dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| {
            name.strip_prefix(sha256)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        // Only names we could hand out as a stored path.
        .filter(|name| check_syntax(&format!("{shown}/{name}")).is_ok())
        .collect();
    names.sort_by_key(|name| (name != preferred, name.clone()));
    names
}

/// Imports `source` into the workspace's evidence store.
///
/// Streams the file in [`CHUNK_BYTES`] chunks into `evidence/.incoming-<pid>-<n>.part`
/// while hashing it, calling `progress` with the bytes done after every chunk and
/// checking `cancel` before every chunk. When complete, the file is synced and renamed
/// to `evidence/<first two hex>/<sha256>[.<ext>]` (see [`MAX_EXTENSION_CHARS`]).
///
/// If the store already holds this content (under any extension, checked by hashing the
/// existing file), nothing is added and `already_stored` is true. A file at the content
/// address whose content does not match (damaged) is replaced by the good copy.
///
/// On cancel ([`EvidenceError::Cancelled`]) or any error the `.part` file is removed and
/// the store is unchanged. The source must be a regular file (a link to one is
/// followed); folders, devices and pipes are refused with [`EvidenceError::NotAFile`].
///
/// Blocking and long for big files: run it on a worker thread.
pub fn import_file(
    workspace: &Path,
    source: &Path,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<Imported, EvidenceError> {
    // Check the type before opening: opening a pipe would block.
    let meta = fs::metadata(source).map_err(io_err("inspect", source))?;
    if !meta.is_file() {
        return Err(EvidenceError::NotAFile {
            path: source.to_owned(),
        });
    }
    let mut input = File::open(source).map_err(io_err("open", source))?;
    // And again on the open handle, in case the path was swapped in between.
    let meta = input.metadata().map_err(io_err("inspect", source))?;
    if !meta.is_file() {
        return Err(EvidenceError::NotAFile {
            path: source.to_owned(),
        });
    }
    let file_name: String = source
        .file_name()
        .map(|n| n.to_string_lossy().nfc().collect())
        .unwrap_or_default();
    import_reader(workspace, &mut input, source, &file_name, progress, cancel)
}

/// Puts each (file name, bytes) into the evidence store of `dir` (the synthetic
/// workspace's sample files: `demo::sample_evidence`), then a copy of its sample at every
/// other stored path an attachment of `workspace` gives for a sample's content (the
/// synthetic workspace gives each attachment a file of its own, as a real one has): a
/// hard link where the file system allows one (no space taken), else a copy. Returns how
/// many were placed.
pub fn store_samples_for<'a>(
    dir: &Path,
    samples: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    workspace: &crate::domain::model::Workspace,
) -> Result<usize, EvidenceError> {
    let mut originals: std::collections::HashMap<String, PathBuf> =
        std::collections::HashMap::new();
    for (name, bytes) in samples {
        let mut input = bytes;
        let imported = import_reader(
            dir,
            &mut input,
            Path::new(name),
            name,
            &mut |_| {},
            &AtomicBool::new(false),
        )?;
        originals.insert(imported.sha256, resolve(dir, &imported.stored_path)?);
    }
    let mut placed = 0;
    let mut folders = std::collections::HashSet::new();
    for product in workspace.products.values() {
        let attachments = product.attachments();
        for attachment in attachments {
            let Some(original) = originals.get(&attachment.sha256) else {
                continue;
            };
            let target = resolve(dir, &attachment.stored_path)?;
            if target == *original || target.exists() {
                continue;
            }
            if let Some(folder) = target.parent()
                && folders.insert(folder.to_owned())
            {
                fs::create_dir_all(folder).map_err(io_err("create", folder))?;
            }
            if fs::hard_link(original, &target).is_err() {
                fs::copy(original, &target).map_err(io_err("copy", &target))?;
            }
            placed += 1;
        }
    }
    Ok(placed)
}

/// Imports the bytes of `input` into the evidence store as a file called `file_name`
/// (its extension is kept, as [`import_file`] keeps the source's): the same streaming,
/// hashing, deduplication and all-or-nothing rename. `label` names the source in errors
/// (for a bundle: the zip and the entry).
pub fn import_reader(
    workspace: &Path,
    input: &mut dyn Read,
    label: &Path,
    file_name: &str,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<Imported, EvidenceError> {
    let source = label;
    let file_name: String = file_name.nfc().collect();
    let evidence_dir = workspace.join(EVIDENCE_DIR);
    ensure_real_dir(&evidence_dir, EVIDENCE_DIR)?;
    let mut part = PartFile::create(&evidence_dir)?;

    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; CHUNK_BYTES];
    let mut done: u64 = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(EvidenceError::Cancelled);
        }
        let n = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err("read", source)(e)),
        };
        let chunk = buffer.get(..n).unwrap_or_default();
        hasher.update(chunk);
        part.write_all(chunk)?;
        done += n as u64;
        progress(done);
    }
    drop(buffer);
    let sha256 = to_hex(&hasher.finalize());

    let shard: String = sha256.chars().take(2).collect();
    let name = match stored_extension(Path::new(&file_name)) {
        Some(ext) => format!("{sha256}.{ext}"),
        None => sha256.clone(),
    };
    let shard_shown = format!("{EVIDENCE_DIR}/{shard}");
    let shard_dir = evidence_dir.join(&shard);
    ensure_real_dir(&shard_dir, &shard_shown)?;

    // Dedup: the same content may already be stored, possibly under another extension.
    for existing in content_candidates(&shard_dir, &shard_shown, &sha256, &name) {
        let same = match same_content(&shard_dir.join(&existing), &sha256, done, cancel) {
            Ok(same) => same,
            Err(EvidenceError::Cancelled) => return Err(EvidenceError::Cancelled),
            // Unreadable: not a usable copy; the rename below replaces it if it has our name.
            Err(_) => false,
        };
        if same {
            // `part` is dropped here, which removes it.
            return Ok(Imported {
                sha256,
                size_bytes: done,
                stored_path: format!("{shard_shown}/{existing}"),
                file_name,
                already_stored: true,
            });
        }
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(EvidenceError::Cancelled);
    }

    part.sync_and_close()?;
    let target = shard_dir.join(&name);
    part.rename_to(&target)?;
    // Make the rename itself durable (best effort: not every platform can sync a folder).
    if let Ok(dir) = File::open(&shard_dir) {
        let _ = dir.sync_all();
    }
    Ok(Imported {
        sha256,
        size_bytes: done,
        stored_path: format!("{shard_shown}/{name}"),
        file_name,
        already_stored: false,
    })
}

/// Whether the attachment's file is in the store with its recorded size (a cheap check,
/// no hashing: the store is content-addressed and the background check hashes).
/// A copy of the stored evidence file `stored` (a checked, safe path) under the name it
/// was attached with, in a private folder of the system's temp folder, for opening: a
/// viewer then shows "Phiếu kiểm nghiệm cốm 2026.jpg", not a SHA-256 (and a bundle under
/// review keeps nothing else). A hard link where the temp folder allows, else a copy;
/// made again if an earlier one was changed. The name is made safe for every system.
pub fn named_copy_for_opening(stored: &Path, file_name: &str) -> io::Result<PathBuf> {
    let hash_part: String = stored
        .file_stem()
        .map(|s| s.to_string_lossy().chars().take(16).collect())
        .unwrap_or_default();
    let folder = std::env::temp_dir()
        .join("ocop-tracker-open")
        .join(if hash_part.is_empty() {
            "x".to_owned()
        } else {
            hash_part
        });
    fs::create_dir_all(&folder)?;
    let name = crate::domain::filename::safe_stem(file_name, "minh-chung");
    let target = folder.join(name);
    let same = fs::metadata(&target)
        .ok()
        .zip(fs::metadata(stored).ok())
        .is_some_and(|(a, b)| a.len() == b.len());
    if !same {
        let _ = fs::remove_file(&target);
        if fs::hard_link(stored, &target).is_err() {
            fs::copy(stored, &target)?;
        }
    }
    Ok(target)
}

pub fn is_present(workspace: &Path, attachment: &Attachment) -> bool {
    resolve(workspace, &attachment.stored_path)
        .ok()
        .and_then(|path| fs::symlink_metadata(path).ok())
        .is_some_and(|m| m.is_file() && m.len() == attachment.size_bytes)
}

/// Checks that an attachment's file is present and unchanged, by streaming it through
/// SHA-256.
///
/// A stored path refused by [`resolve`] is reported as [`EvidenceStatus::Unsafe`] and is
/// never read. Blocking and long for big files: run it on a worker thread; `cancel` is
/// checked between chunks (a cancelled check is [`EvidenceStatus::Unchecked`]).
pub fn verify(workspace: &Path, attachment: &Attachment, cancel: &AtomicBool) -> EvidenceStatus {
    let unchecked = |error: EvidenceError| EvidenceStatus::Unchecked {
        reason: error.to_string(),
    };
    let path = match resolve(workspace, &attachment.stored_path) {
        Ok(path) => path,
        Err(EvidenceError::UnsafePath { reason, .. }) => return EvidenceStatus::Unsafe { reason },
        Err(e) => return unchecked(e),
    };
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return EvidenceStatus::Unsafe {
                reason: "symbolic link",
            };
        }
        // Checked before opening: opening a pipe would block.
        Ok(meta) if !meta.is_file() => {
            return EvidenceStatus::Unsafe {
                reason: "not a regular file",
            };
        }
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return EvidenceStatus::Missing;
        }
        Err(e) => return unchecked(io_err("inspect", &path)(e)),
    }
    let mut file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return EvidenceStatus::Missing,
        Err(e) => return unchecked(io_err("open", &path)(e)),
    };
    match file.metadata() {
        Ok(meta) if !meta.is_file() => {
            return EvidenceStatus::Unsafe {
                reason: "not a regular file",
            };
        }
        Ok(_) => {}
        Err(e) => return unchecked(io_err("inspect", &path)(e)),
    }
    match hash_reader(&mut file, &path, cancel) {
        Ok((actual_sha256, actual_size_bytes)) => {
            if actual_size_bytes == attachment.size_bytes
                && actual_sha256.eq_ignore_ascii_case(&attachment.sha256)
            {
                EvidenceStatus::Ok
            } else {
                EvidenceStatus::Altered {
                    actual_sha256,
                    actual_size_bytes,
                }
            }
        }
        Err(e) => unchecked(e),
    }
}

mod paths;
mod store;

use paths::check_syntax;
pub use paths::{rejoin, resolve};
pub use store::{
    EVIDENCE_TRASH_DIR, clean_incoming, copy_stored, empty_evidence_trash, hash_stored,
    in_evidence_trash, list_stored, orphans, remove_stored, sha_of_stored_name,
};
