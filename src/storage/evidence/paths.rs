//! Stored paths from save files are untrusted: the only way from one to a file is
//! [`resolve`], which checks the text and then the folders on the way.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::domain::filename::is_reserved;

use super::{EVIDENCE_DIR, EvidenceError, MAX_STORED_PATH_BYTES, io_err, unsafe_path};

/// Why `stored_path` is not in the form this store accepts, judged on the text alone.
pub(super) fn check_syntax(stored_path: &str) -> Result<Vec<&str>, &'static str> {
    if stored_path.is_empty() {
        return Err("empty path");
    }
    if stored_path.len() > MAX_STORED_PATH_BYTES {
        return Err("path too long");
    }
    if stored_path.contains('\0') {
        return Err("NUL character");
    }
    if stored_path.contains('\\') {
        return Err("backslash (only '/' separates folders)");
    }
    if stored_path.starts_with('/') || Path::new(stored_path).has_root() {
        return Err("absolute path");
    }
    // Drive letters (`C:`), Windows alternate data streams (`file:stream`).
    if stored_path.contains(':') {
        return Err("colon (drive letter or stream)");
    }
    if stored_path.chars().any(char::is_control) {
        return Err("control character");
    }
    let components: Vec<&str> = stored_path.split('/').collect();
    for component in &components {
        match *component {
            "" => return Err("empty path component"),
            "." => return Err("'.' component"),
            ".." => return Err("'..' component"),
            // Windows silently drops trailing dots and spaces, so "..." or ".. " could
            // mean "..", and "a." could alias "a".
            c if c.ends_with('.') || c.ends_with(' ') => {
                return Err("component ends with a dot or space");
            }
            c if is_reserved(c) => return Err("reserved device name"),
            _ => {}
        }
    }
    match components.as_slice() {
        [first, _, ..] if *first == EVIDENCE_DIR => Ok(components),
        _ => Err("not under evidence/"),
    }
}

/// The path [`resolve`] gave for `stored_path` in `workspace`, again, without touching
/// the disk: for a path `resolve` already accepted (the evidence check keeps a yes, not
/// the path). None for a path whose spelling is refused.
pub fn rejoin(workspace: &Path, stored_path: &str) -> Option<PathBuf> {
    let components = check_syntax(stored_path).ok()?;
    let mut path = workspace.to_owned();
    path.extend(components);
    Some(path)
}

/// Turns a `stored_path` from a save file (untrusted) into a path inside `workspace`.
///
/// This is the only way to do so. Refused with [`EvidenceError::UnsafePath`]: an empty
/// or absolute path (`/x`, `C:\x`, `\\server\x`), `.` or `..` components, backslashes,
/// NUL and control characters, colons, Windows device names, and anything not strictly
/// under `evidence/`. Then, on disk, no existing component below the workspace may be a
/// symbolic link, and the deepest existing ancestor, canonicalised, must lie inside the
/// canonical workspace.
///
/// The file itself need not exist (so that [`verify`] can report it missing) and is
/// never opened or read. Fails with [`EvidenceError::Io`] if the workspace itself cannot
/// be canonicalised (e.g. it does not exist).
pub fn resolve(workspace: &Path, stored_path: &str) -> Result<PathBuf, EvidenceError> {
    let components =
        check_syntax(stored_path).map_err(|reason| unsafe_path(reason, stored_path))?;

    let mut path = workspace.to_owned();
    let mut deepest_existing = workspace.to_owned();
    let mut walking = true;
    for component in components {
        path.push(component);
        if !walking {
            continue;
        }
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(unsafe_path("symbolic link", stored_path));
            }
            Ok(_) => deepest_existing.clone_from(&path),
            // The rest does not exist (or a file stands where a folder should be):
            // nothing below can be a link.
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                walking = false;
            }
            Err(e) => return Err(io_err("inspect", &path)(e)),
        }
    }

    // Belt and braces against links the walk cannot see (e.g. Windows junctions on
    // platforms where they do not report as links).
    let root = fs::canonicalize(workspace).map_err(io_err("canonicalize", workspace))?;
    let real =
        fs::canonicalize(&deepest_existing).map_err(io_err("canonicalize", &deepest_existing))?;
    if !real.starts_with(&root) {
        return Err(unsafe_path("leaves the workspace", stored_path));
    }
    Ok(path)
}
