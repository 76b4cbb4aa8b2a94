//! A workspace shared through a sync folder (Syncthing, OneDrive, Dropbox, Nextcloud, a
//! network share): conflict copies, what a file held when it was read, and the lock that
//! keeps two app windows on one PC from writing the same workspace.
//!
//! None of the sync tools locks across machines or merges. So: a conflict copy is never
//! read as a product; a product file that changed on disk since it was read is never
//! written over (see [`super::save_product_checked`]); and a second instance on the same
//! PC opens read-only. See README, "Sharing a workspace".

use std::fs::{File, OpenOptions, TryLockError};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use crate::domain::model::ProductId;

use super::StorageError;

/// Name of the lock file in the workspace folder (empty; only its OS lock matters).
pub const LOCK_FILE: &str = ".ocop-tracker.lock";

/// Marker in the names of the app's own conflict files:
/// `<id>.ocop-conflict-<YYYYMMDD-HHMMSS>-<computer>.ron`.
pub const OWN_CONFLICT_MARKER: &str = ".ocop-conflict-";

/// Which tool made a conflict copy (from its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictTool {
    /// `<id>.sync-conflict-<date>-<time>-<device>.ron`.
    Syncthing,
    /// `<id> (<user>'s conflicted copy <date>).ron` (Dropbox) or
    /// `<id> (conflicted copy <date time>).ron` (Nextcloud).
    DropboxOrNextcloud,
    /// `<id>-<computer name>.ron`, recognised by the file's own `id`.
    OneDrive,
    /// `<id> (1).ron`: a numbered copy (Google Drive, manual copies).
    Numbered,
    /// `<id>_conflict-<date>-<time>.ron` (other sync clients).
    Other,
    /// The app's own: an edit that could not be saved because the file had changed.
    ThisApp,
}

/// A conflict copy found in `products/`: never loaded as a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    /// The copy.
    pub path: PathBuf,
    /// The product it is a version of.
    pub of: ProductId,
    /// Who made it.
    pub tool: ConflictTool,
}

/// If the `.ron` file stem is a conflict copy's by its name alone, the product id it is a
/// copy of and the tool. Case does not matter ("SYNC-CONFLICT", "Conflicted Copy"). Names
/// of every tool in `docs/sharing` and of Windows Explorer:
/// - this app: `<id>.ocop-conflict-<stamp>`; Syncthing: `<id>.sync-conflict-<…>`;
/// - Dropbox / Nextcloud: `<id> (… conflicted copy …)`; also `<id> [conflicted]`;
/// - numbered copies (Google Drive, browsers, Explorer): `<id> (1)`, `<id>(1)`;
/// - Explorer's copies: `<id> - Copy`, `<id> - Copy (2)`, `<id> - Bản sao`;
/// - other tools: `<id>_conflict-<stamp>`, `<id>_Conflict`, `<id>_conflict(1)`;
/// - OneDrive: `<id>-<COMPUTER>` with the computer's name in upper case (its default;
///   a lower-case name is told by the file's own id, [`onedrive_copy_of`]).
pub fn conflict_by_name(stem: &str) -> Option<(String, ConflictTool)> {
    let lower = stem.to_lowercase();
    // Lower-casing keeps byte positions for the ASCII markers below only when the stem is
    // ASCII up to them; ids are ASCII, so the base before a marker always is.
    let base_before = |marker: &str| -> Option<String> {
        let at = lower.find(marker)?;
        stem.get(..at).map(|b| b.trim_end().to_owned())
    };
    for (marker, tool) in [
        (OWN_CONFLICT_MARKER, ConflictTool::ThisApp),
        (".sync-conflict-", ConflictTool::Syncthing),
        ("_conflict", ConflictTool::Other),
        (" [conflicted]", ConflictTool::DropboxOrNextcloud),
        (" - copy", ConflictTool::Numbered),
        (" - bản sao", ConflictTool::Numbered),
    ] {
        if let Some(base) = base_before(marker).filter(|b| !b.is_empty()) {
            return Some((base, tool));
        }
    }
    if let Some(open) = stem.rfind('(')
        && stem.ends_with(')')
    {
        let inside = stem.get(open + 1..stem.len() - 1).unwrap_or_default();
        let base = stem.get(..open).unwrap_or_default().trim_end().to_owned();
        if !base.is_empty() {
            if inside.to_lowercase().contains("conflicted copy") {
                return Some((base, ConflictTool::DropboxOrNextcloud));
            }
            if !inside.is_empty() && inside.chars().all(|c| c.is_ascii_digit()) {
                return Some((base, ConflictTool::Numbered));
            }
        }
    }
    // OneDrive with an upper-case computer name: a product id, a dash, then the name.
    if let Some(first_upper) = stem.find(|c: char| c.is_ascii_uppercase())
        && let Some(dash) = stem.get(..first_upper).and_then(|b| b.rfind('-'))
        && let Some(base) = stem.get(..dash)
        && crate::domain::model::ProductId::is_valid(base)
        && stem
            .get(dash + 1..)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return Some((base.to_owned(), ConflictTool::OneDrive));
    }
    None
}

/// Whether a valid-id stem is OneDrive's conflict copy of `claimed_id`: the file says it
/// is `claimed_id`, a file of that name exists, and the stem is that id plus a suffix.
pub fn onedrive_copy_of(stem: &str, claimed_id: &str, existing_stems: &[&str]) -> bool {
    stem != claimed_id
        && stem
            .strip_prefix(claimed_id)
            .is_some_and(|rest| rest.len() > 1 && rest.starts_with('-'))
        && existing_stems.contains(&claimed_id)
}

/// What a product file held when it was read or last written by this app: compared just
/// before the next write, so a change by someone else is never written over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Length in bytes.
    pub len: u64,
    /// SipHash-1-3 of the bytes (fixed keys: stable within and across runs of this build).
    pub hash: u64,
}

impl FileStamp {
    /// The stamp of these bytes.
    pub fn of(bytes: &[u8]) -> FileStamp {
        // SipHash-1-3 with the fixed keys of `new()`: the same for every hasher of this
        // build; stamps are compared in memory only, never stored.
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(bytes);
        FileStamp {
            len: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            hash: hasher.finish(),
        }
    }
}

/// Held while this app writes a workspace; dropping it releases the OS lock.
#[derive(Debug)]
pub struct WorkspaceLock {
    _file: File,
}

/// Why the workspace could not be locked for writing.
#[derive(Debug)]
pub enum LockRefused {
    /// Another window of the app on this PC has it open.
    HeldByAnotherWindow,
    /// The lock file could not be made (read-only folder, odd file system).
    Unavailable(StorageError),
}

/// Takes the per-PC lock of the workspace in `dir` on a separate lock file, never on a
/// data file (a lock on a data file can block a sync client on Windows). Across PCs the
/// lock means nothing: the stamps and conflict copies do that work.
pub fn lock_workspace(dir: &Path) -> Result<WorkspaceLock, LockRefused> {
    let path = dir.join(LOCK_FILE);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(LockRefused::Unavailable(StorageError::Skipped {
            reason: super::SkipReason::NotRegular,
            path,
        }));
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(&path).map_err(|source| {
        LockRefused::Unavailable(StorageError::Io {
            action: "create the lock file",
            source,
            path: path.clone(),
        })
    })?;
    match file.try_lock() {
        Ok(()) => Ok(WorkspaceLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(LockRefused::HeldByAnotherWindow),
        Err(TryLockError::Error(source)) => Err(LockRefused::Unavailable(StorageError::Io {
            action: "lock",
            source,
            path,
        })),
    }
}

/// This computer's name for conflict file names (`COMPUTERNAME` on Windows, `HOSTNAME`
/// or `/etc/hostname` elsewhere), reduced to `a-z0-9-`.
pub fn computer_name() -> String {
    let raw = std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok()
        .or_else(|| {
            super::fsio::read_regular(Path::new("/etc/hostname"), 256)
                .ok()
                .flatten()
                .and_then(|b| String::from_utf8(b).ok())
        })
        .unwrap_or_default();
    let name: String = raw
        .trim()
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(24)
        .collect();
    if name.is_empty() {
        "pc".to_owned()
    } else {
        name
    }
}

/// A listing of `products/` as a rescan compares it (see [`super::product_dir_listing`]).
pub type Listing = std::collections::BTreeMap<String, (u64, Option<std::time::SystemTime>)>;

/// Starts watching `products/` of `dir`; `on_change` is called (on the watcher's thread)
/// for events about files that may be products or conflict copies, never for temp files
/// of the app or of sync tools. Returns None where the platform or folder cannot be
/// watched (network shares often cannot): the periodic rescan still works.
pub fn watch_products(
    dir: &Path,
    on_change: impl Fn() + Send + 'static,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else {
            on_change(); // an overflow or error: rescan to be safe
            return;
        };
        let relevant = event.paths.iter().any(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".ron") && !n.starts_with('.'))
        });
        if relevant || event.need_rescan() {
            on_change();
        }
    })
    .ok()?;
    watcher
        .watch(
            &dir.join(super::PRODUCTS_DIR),
            notify::RecursiveMode::NonRecursive,
        )
        .ok()?;
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_names_of_every_tool() {
        for (stem, expected) in [
            (
                "com-hong-quang.sync-conflict-20261128-232729-XIZO752",
                Some(("com-hong-quang", ConflictTool::Syncthing)),
            ),
            (
                "com-hong-quang (An's conflicted copy 2026-11-28)",
                Some(("com-hong-quang", ConflictTool::DropboxOrNextcloud)),
            ),
            (
                "com-hong-quang (conflicted copy 2026-11-28 232729)",
                Some(("com-hong-quang", ConflictTool::DropboxOrNextcloud)),
            ),
            (
                "com-hong-quang (1)",
                Some(("com-hong-quang", ConflictTool::Numbered)),
            ),
            (
                "com-hong-quang_conflict-20261128-232729",
                Some(("com-hong-quang", ConflictTool::Other)),
            ),
            (
                "com-hong-quang.ocop-conflict-20261128-232729-pc-xa",
                Some(("com-hong-quang", ConflictTool::ThisApp)),
            ),
            (
                "com-hong-quang.SYNC-CONFLICT-20261128-232729-XIZO752",
                Some(("com-hong-quang", ConflictTool::Syncthing)),
            ),
            (
                "com-hong-quang (An's Conflicted Copy 2026-11-28)",
                Some(("com-hong-quang", ConflictTool::DropboxOrNextcloud)),
            ),
            (
                "com-hong-quang [conflicted]",
                Some(("com-hong-quang", ConflictTool::DropboxOrNextcloud)),
            ),
            (
                "com-hong-quang(1)",
                Some(("com-hong-quang", ConflictTool::Numbered)),
            ),
            (
                "com-hong-quang - Copy",
                Some(("com-hong-quang", ConflictTool::Numbered)),
            ),
            (
                "com-hong-quang - Copy (2)",
                Some(("com-hong-quang", ConflictTool::Numbered)),
            ),
            (
                "com-hong-quang - Bản sao",
                Some(("com-hong-quang", ConflictTool::Numbered)),
            ),
            (
                "com-hong-quang_Conflict",
                Some(("com-hong-quang", ConflictTool::Other)),
            ),
            (
                "com-hong-quang-DESKTOP-4FNBC3D",
                Some(("com-hong-quang", ConflictTool::OneDrive)),
            ),
            (
                "com-hong-quang-DESKTOP-4FNBC3D-2",
                Some(("com-hong-quang", ConflictTool::OneDrive)),
            ),
            ("com-hong-quang", None),
            ("com (ban nhap)", None),
            ("Cốm", None),
            ("(1)", None),
        ] {
            assert_eq!(
                conflict_by_name(stem),
                expected.map(|(s, t)| (s.to_owned(), t)),
                "{stem}"
            );
        }
    }

    #[test]
    fn onedrive_copies_are_told_by_their_id() {
        let stems = ["com-hong-quang", "com-hong-quang-laptop-an"];
        assert!(onedrive_copy_of(
            "com-hong-quang-laptop-an",
            "com-hong-quang",
            &stems
        ));
        assert!(!onedrive_copy_of(
            "com-hong-quang",
            "com-hong-quang",
            &stems
        ));
        assert!(!onedrive_copy_of("com-2", "com", &stems), "no such product");
    }
}
