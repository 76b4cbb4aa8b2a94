//! The store as a whole: listing, unreferenced files, moving to the evidence trash, and
//! the clean-up of imports a crash left behind.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::SystemTime;

use super::{
    EVIDENCE_DIR, EvidenceError, INCOMING_GRACE, PART_PREFIX, PART_SUFFIX, check_syntax,
    hash_reader, io_err, resolve, unsafe_path,
};

fn is_part_name(name: &str) -> bool {
    name.starts_with(PART_PREFIX) && name.ends_with(PART_SUFFIX)
}

/// Every file in the store, as sorted stored paths (`evidence/…`).
///
/// Lists regular files at any depth under `evidence/` whose path [`resolve`] would
/// accept. Skips `.part` files and every other name starting with a dot (`.DS_Store`…),
/// symbolic links (never followed), and names that are not valid UTF-8. An absent
/// `evidence/` folder is an empty store; a symbolic link in its place is refused.
pub fn list_stored(workspace: &Path) -> Result<Vec<String>, EvidenceError> {
    let evidence_dir = workspace.join(EVIDENCE_DIR);
    match fs::symlink_metadata(&evidence_dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(unsafe_path("folder is a symbolic link", EVIDENCE_DIR));
        }
        Ok(meta) if !meta.is_dir() => return Err(unsafe_path("expected a folder", EVIDENCE_DIR)),
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err("inspect", &evidence_dir)(e)),
    }
    let mut found = Vec::new();
    // Iterative walk: a hostile, very deep tree cannot overflow the stack.
    let mut pending = vec![(evidence_dir, EVIDENCE_DIR.to_owned())];
    while let Some((dir, shown)) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(io_err("list", &dir))?;
        for entry in entries {
            let entry = entry.map_err(io_err("list", &dir))?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            // `DirEntry::file_type` does not follow links.
            let file_type = entry
                .file_type()
                .map_err(io_err("inspect", &entry.path()))?;
            let stored = format!("{shown}/{name}");
            if file_type.is_dir() {
                pending.push((entry.path(), stored));
            } else if file_type.is_file() && check_syntax(&stored).is_ok() {
                found.push(stored);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Stored files that no attachment references: [`list_stored`] minus `referenced`
/// (compared as exact strings), sorted.
pub fn orphans(
    workspace: &Path,
    referenced: &BTreeSet<String>,
) -> Result<Vec<String>, EvidenceError> {
    Ok(list_stored(workspace)?
        .into_iter()
        .filter(|stored| !referenced.contains(stored))
        .collect())
}

/// The SHA-256 a stored file's name claims (`evidence/ab/<sha256>.<ext>`), lower-case,
/// if the name is one.
pub fn sha_of_stored_name(stored_path: &str) -> Option<String> {
    let file = stored_path.rsplit('/').next()?;
    let stem = file.split('.').next()?;
    (stem.len() == 64 && stem.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| stem.to_ascii_lowercase())
}

/// SHA-256 of a stored file's content (through [`resolve`], regular files only).
pub fn hash_stored(workspace: &Path, stored_path: &str) -> Result<String, EvidenceError> {
    let path = resolve(workspace, stored_path)?;
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(EvidenceError::NotAFile { path }),
        Err(e) => return Err(io_err("inspect", &path)(e)),
    }
    let mut file = File::open(&path).map_err(io_err("open", &path))?;
    let never = AtomicBool::new(false);
    hash_reader(&mut file, &path, &never).map(|(sha, _)| sha)
}

/// Copies a stored file's bytes into `out` (through [`resolve`], regular files only, never
/// through a link); returns how many were copied. The printed dossier writes its JPEG
/// scans this way, straight from the store into the PDF, one buffer at a time.
pub fn copy_stored(
    workspace: &Path,
    stored_path: &str,
    out: &mut dyn std::io::Write,
) -> Result<u64, EvidenceError> {
    let path = resolve(workspace, stored_path)?;
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(EvidenceError::NotAFile { path }),
        Err(e) => return Err(io_err("inspect", &path)(e)),
    }
    let mut file = crate::storage::fsio::open_no_follow(&path).map_err(io_err("open", &path))?;
    std::io::copy(&mut file, out).map_err(io_err("read", &path))
}

/// Folder inside the workspace where clean-up moves unused evidence (never deleted by
/// clean-up itself; emptying it is a separate action).
pub const EVIDENCE_TRASH_DIR: &str = "trash/evidence";

/// Moves one stored file to `trash/evidence/` (same relative path), through [`resolve`].
/// A file already gone succeeds. Only regular files move; the caller must make sure
/// nothing references it any more (see [`crate::storage::unused_evidence`]).
pub fn remove_stored(workspace: &Path, stored_path: &str) -> Result<(), EvidenceError> {
    let path = resolve(workspace, stored_path)?;
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(EvidenceError::NotAFile { path }),
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Ok(());
        }
        Err(e) => return Err(io_err("inspect", &path)(e)),
    }
    let inside = stored_path
        .strip_prefix(EVIDENCE_DIR)
        .unwrap_or(stored_path)
        .trim_start_matches('/');
    let target = workspace.join(EVIDENCE_TRASH_DIR).join(inside);
    if let Some(parent) = target.parent() {
        // Never through a link anywhere under the workspace: `trash/`, `trash/evidence/`
        // (a link there once moved evidence out of the workspace) and each folder below.
        let mut dir = parent;
        while dir.starts_with(workspace) && dir != workspace {
            if fs::symlink_metadata(dir).is_ok_and(|meta| meta.file_type().is_symlink()) {
                return Err(unsafe_path("folder is a symbolic link", EVIDENCE_TRASH_DIR));
            }
            let Some(up) = dir.parent() else { break };
            dir = up;
        }
        fs::create_dir_all(parent).map_err(io_err("create folder", parent))?;
        // And once made, still no link (one planted between the check and the create).
        if fs::canonicalize(parent)
            .ok()
            .zip(fs::canonicalize(workspace).ok())
            .is_none_or(|(made, root)| !made.starts_with(root))
        {
            return Err(unsafe_path(
                "folder is outside the workspace",
                EVIDENCE_TRASH_DIR,
            ));
        }
    }
    match crate::storage::fsio::rename_with_retry(&path, &target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err("move to trash", &path)(e)),
    }
}

/// Where a stored file sits in `trash/evidence/`, if the clean-up moved it there (a
/// regular file, not through a link); for `check` to point at it.
pub fn in_evidence_trash(workspace: &Path, stored_path: &str) -> Option<PathBuf> {
    let inside = stored_path
        .strip_prefix(EVIDENCE_DIR)
        .unwrap_or(stored_path)
        .trim_start_matches('/');
    if inside.is_empty() || inside.contains("..") || inside.contains('\\') {
        return None;
    }
    let path = workspace.join(EVIDENCE_TRASH_DIR).join(inside);
    fs::symlink_metadata(&path)
        .is_ok_and(|m| m.is_file())
        .then_some(path)
}

/// Empties `trash/evidence/` (the explicit, separate step after clean-up); returns how
/// many files were deleted. Links are not followed.
pub fn empty_evidence_trash(workspace: &Path) -> Result<usize, EvidenceError> {
    let root = workspace.join(EVIDENCE_TRASH_DIR);
    match fs::symlink_metadata(&root) {
        Ok(meta) if meta.file_type().is_symlink() || !meta.is_dir() => {
            return Err(unsafe_path("not a folder", EVIDENCE_TRASH_DIR));
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(io_err("inspect", &root)(e)),
    }
    let mut removed = 0;
    let mut pending = vec![root];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(io_err("list", &dir))? {
            let entry = entry.map_err(io_err("list", &dir))?;
            let kind = entry
                .file_type()
                .map_err(io_err("inspect", &entry.path()))?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                fs::remove_file(entry.path()).map_err(io_err("remove", &entry.path()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Removes `.part` files left in `evidence/` by an import that crashed, and returns how
/// many were removed. Call it when a workspace opens.
///
/// Leaves alone this process's own temporary files (imports in progress) and any
/// modified less than [`INCOMING_GRACE`] ago (another instance of the app sharing the
/// folder may be importing). Best effort: errors are ignored, links are not followed.
pub fn clean_incoming(workspace: &Path) -> usize {
    let evidence_dir = workspace.join(EVIDENCE_DIR);
    let is_real_dir = fs::symlink_metadata(&evidence_dir)
        .is_ok_and(|meta| meta.is_dir() && !meta.file_type().is_symlink());
    if !is_real_dir {
        return 0;
    }
    let Ok(entries) = fs::read_dir(&evidence_dir) else {
        return 0;
    };
    let own_prefix = format!("{PART_PREFIX}{}-", std::process::id());
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if !is_part_name(&name) || name.starts_with(&own_prefix) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        // A modification time in the future (clock skew on a shared folder) counts as fresh.
        let old_enough = meta
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= INCOMING_GRACE);
        if old_enough && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}
