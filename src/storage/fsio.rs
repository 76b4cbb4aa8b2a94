//! File-system primitives that cannot be tricked: reads that refuse links, pipes and
//! oversized files without blocking, atomic writes through an exclusively created temp
//! file under an unpredictable name, and clean-up of temp files a crash left behind.
//!
//! Every read and write of a workspace file goes through here.

use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::StorageError;
pub use super::exports::{write_export, write_export_streamed};

/// Temp files younger than this are left alone on clean-up: another instance of the app
/// (or another officer on a shared folder) may be writing it right now.
pub const TEMP_GRACE: Duration = Duration::from_mins(1);

/// Suffix of every temp file the app writes. Dot-prefixed names ending `.tmp` are
/// ignored by Syncthing, Dropbox, OneDrive and Nextcloud (see README, sharing).
const TEMP_SUFFIX: &str = ".tmp";

/// Hex digits of the random part of a temp file name.
const TEMP_RANDOM_HEX: usize = 16;

/// How long a rename keeps trying while the target is held open by another process.
///
/// On Windows a file that a sync client (OneDrive, Syncthing), an antivirus scanner or
/// the Explorer preview has open cannot be replaced for a moment: the rename fails with
/// a sharing violation or "access denied" and succeeds a little later.
pub const RENAME_RETRY_FOR: Duration = Duration::from_secs(2);

/// First pause between rename attempts; doubled after each, up to [`RENAME_PAUSE_MAX`].
const RENAME_PAUSE_FIRST: Duration = Duration::from_millis(10);

/// Longest pause between rename attempts.
const RENAME_PAUSE_MAX: Duration = Duration::from_millis(250);

/// Why a file was skipped without being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// A symbolic link: never followed.
    Symlink,
    /// A named pipe, socket, device or folder where a file was expected.
    NotRegular,
    /// A file name that is not valid Unicode.
    NotUtf8Name,
    /// A hidden name (starting with a dot) where a product file was expected.
    HiddenName,
    /// A `.ron` name that is not a product id (`a-z`, `0-9`, `-`).
    NotAProductId,
    /// Bigger than the documented limit for its kind.
    TooLarge {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Symlink => f.write_str("a symbolic link, not followed"),
            SkipReason::NotRegular => {
                f.write_str("not a regular file (named pipe, socket, device or folder)")
            }
            SkipReason::NotUtf8Name => f.write_str("the file name is not valid Unicode"),
            SkipReason::HiddenName => f.write_str("hidden file name (starts with a dot)"),
            SkipReason::NotAProductId => {
                f.write_str("file name is not a valid product id (a-z, 0-9, -)")
            }
            SkipReason::TooLarge { limit_bytes } => write!(
                f,
                "larger than the {} KiB limit for this kind of file",
                limit_bytes / 1024
            ),
        }
    }
}

pub(super) fn io_err(
    action: &'static str,
    path: &Path,
) -> impl FnOnce(std::io::Error) -> StorageError {
    let path = path.to_owned();
    move |source| StorageError::Io {
        action,
        source,
        path,
    }
}

/// Opens `path` for reading without following a symbolic link and without blocking on a
/// named pipe.
pub(crate) fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Whether opening failed because the entry became a link after it was checked
/// (`O_NOFOLLOW` reports `ELOOP`).
fn is_link_loop(err: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        err.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = err;
        false
    }
}

/// Reads a whole regular file of at most `limit_bytes`.
///
/// Symbolic links, pipes, devices and folders are refused before anything is opened,
/// and again on the opened handle (the entry may change in between); a pipe never
/// blocks. Returns `Ok(None)` when the file does not exist.
pub fn read_regular(path: &Path, limit_bytes: u64) -> Result<Option<Vec<u8>>, StorageError> {
    let mut bytes = Vec::new();
    Ok(read_regular_into(path, limit_bytes, &mut bytes)?.map(|_| bytes))
}

/// [`read_regular`] into a buffer the caller reuses (loading thousands of files without
/// an allocation per file); returns the metadata of the file read (None when it does
/// not exist), taken from the same open handle.
pub fn read_regular_into(
    path: &Path,
    limit_bytes: u64,
    bytes: &mut Vec<u8>,
) -> Result<Option<fs::Metadata>, StorageError> {
    bytes.clear();
    let skipped = |reason| StorageError::Skipped {
        reason,
        path: path.to_owned(),
    };
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(skipped(SkipReason::Symlink)),
        Ok(meta) if !meta.is_file() => return Err(skipped(SkipReason::NotRegular)),
        Ok(meta) if meta.len() > limit_bytes => {
            return Err(skipped(SkipReason::TooLarge { limit_bytes }));
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("inspect", path)(e)),
    }
    read_opened_regular(path, limit_bytes, bytes)
}

/// [`read_regular_into`] for an entry a folder listing has just reported as a regular
/// file: on Unix the check before opening is left out (one system call per file less
/// when loading thousands), since opening still refuses a link (`O_NOFOLLOW`) and never
/// blocks (`O_NONBLOCK`), and the open handle is checked to be a regular file within
/// the size limit. Elsewhere it is [`read_regular_into`].
pub fn read_listed_regular_into(
    path: &Path,
    limit_bytes: u64,
    bytes: &mut Vec<u8>,
) -> Result<Option<fs::Metadata>, StorageError> {
    if cfg!(unix) {
        bytes.clear();
        read_opened_regular(path, limit_bytes, bytes)
    } else {
        read_regular_into(path, limit_bytes, bytes)
    }
}

/// Opens `path` without following a link and reads it whole if the handle is a regular
/// file of at most `limit_bytes`.
fn read_opened_regular(
    path: &Path,
    limit_bytes: u64,
    bytes: &mut Vec<u8>,
) -> Result<Option<fs::Metadata>, StorageError> {
    let skipped = |reason| StorageError::Skipped {
        reason,
        path: path.to_owned(),
    };
    let file = match open_no_follow(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) if is_link_loop(&e) => return Err(skipped(SkipReason::Symlink)),
        Err(e) => return Err(io_err("open", path)(e)),
    };
    let meta = file.metadata().map_err(io_err("inspect", path))?;
    if !meta.is_file() {
        return Err(skipped(SkipReason::NotRegular));
    }
    if meta.len() > limit_bytes {
        return Err(skipped(SkipReason::TooLarge { limit_bytes }));
    }
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit_bytes.saturating_add(1))
        .read_to_end(bytes)
        .map_err(io_err("read", path))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit_bytes {
        return Err(skipped(SkipReason::TooLarge { limit_bytes }));
    }
    Ok(Some(meta))
}

/// Checks that `path` is a real folder or absent: a symbolic link or a file in its place
/// is refused, so nothing is read or written through it.
pub fn check_dir(path: &Path) -> Result<bool, StorageError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(StorageError::Skipped {
            reason: SkipReason::Symlink,
            path: path.to_owned(),
        }),
        Ok(meta) if !meta.is_dir() => Err(StorageError::Skipped {
            reason: SkipReason::NotRegular,
            path: path.to_owned(),
        }),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_err("inspect", path)(e)),
    }
}

/// Creates `path` as a folder if absent; refuses a link or a file in its place.
pub fn ensure_dir(path: &Path) -> Result<(), StorageError> {
    if check_dir(path)? {
        return Ok(());
    }
    match fs::create_dir(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => check_dir(path).map(|_| ()),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                ensure_dir(parent)?;
            }
            fs::create_dir(path).map_err(io_err("create folder", path))
        }
        Err(e) => Err(io_err("create folder", path)(e)),
    }
}

/// A random 64-bit number for temp file names: the process's random hasher keys, the
/// time and a counter, so names cannot be guessed in advance by another local user.
fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    if let Ok(since) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        hasher.write_u128(since.as_nanos());
    }
    hasher.finish()
}

/// An unpredictable number for private names (temp folders).
pub fn random_token() -> u64 {
    random_u64()
}

/// Whether `name` is one of the app's temp files: `.<file>.<random>.tmp`, where the
/// random part is hex (this build) or a process id (older builds).
pub fn is_temp_name(name: &str) -> bool {
    let Some(inner) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    let Some((file, token)) = inner.rsplit_once('.') else {
        return false;
    };
    !file.is_empty()
        && (1..=32).contains(&token.len())
        && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, created
/// exclusively under an unpredictable name (never through a planted link), flushed and
/// synced, then renamed over the target. A crash leaves either the old or the new file.
///
/// The target itself is never followed: a symbolic link at `path` is replaced by the
/// rename, not written through; callers that must not replace one check first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    write_atomic_if(path, bytes, || Ok(()))
}

/// [`write_atomic`], with `precondition` checked after the temp file is on disk and just
/// before the rename (again before each retry of [`rename_with_retry`]): if it fails,
/// the temp file is removed and the target is untouched.
pub fn write_atomic_if(
    path: &Path,
    bytes: &[u8],
    precondition: impl FnMut() -> Result<(), StorageError>,
) -> Result<(), StorageError> {
    write_atomic_with(
        path,
        bytes,
        precondition,
        &mut |from, to| fs::rename(from, to),
        &RetryPolicy::real(),
    )
}

/// When a failed rename is tried again, and for how long.
#[derive(Clone, Copy)]
struct RetryPolicy {
    /// Whether the error may pass when another process lets go of the file.
    is_transient: fn(&io::Error) -> bool,
    /// How long to keep trying.
    budget: Duration,
}

impl RetryPolicy {
    /// This platform's: see [`is_transient_rename_error`] and [`RENAME_RETRY_FOR`].
    fn real() -> RetryPolicy {
        RetryPolicy {
            is_transient: |err| is_transient_rename_error(err.raw_os_error()),
            budget: RENAME_RETRY_FOR,
        }
    }
}

/// Nanoseconds this process has spent waiting in the fsyncs of [`write_atomic`] (the
/// benchmark states a save's time with and without them).
static SYNC_NANOS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn timed_sync(sync: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
    let start = std::time::Instant::now();
    let result = sync();
    let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
    SYNC_NANOS.fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
    result
}

/// Time this process has spent in the fsyncs of atomic writes so far.
pub fn time_in_fsync() -> std::time::Duration {
    std::time::Duration::from_nanos(SYNC_NANOS.load(std::sync::atomic::Ordering::Relaxed))
}

/// [`write_atomic_if`] with the final rename and its retry policy injected (tests give
/// it faults).
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    mut precondition: impl FnMut() -> Result<(), StorageError>,
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
    policy: &RetryPolicy,
) -> Result<(), StorageError> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).map_err(io_err("create folder", parent))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let (tmp, mut file) = create_temp(parent, file_name)?;
    let result = (|| {
        file.write_all(bytes).map_err(io_err("write", &tmp))?;
        timed_sync(|| file.sync_all()).map_err(io_err("sync", &tmp))?;
        drop(file);
        // The precondition is checked before every attempt: a retry must not write over
        // a change someone else made while we waited.
        let refused = std::cell::Cell::new(None);
        let renamed = retry_rename(
            &tmp,
            path,
            &mut |from, to| match precondition() {
                Ok(()) => rename(from, to),
                Err(err) => {
                    refused.set(Some(err));
                    Err(io::Error::other("precondition failed"))
                }
            },
            policy,
            &|| refused_is_set(&refused),
        );
        if let Some(err) = refused.take() {
            return Err(err);
        }
        renamed.map_err(io_err("rename", path))?;
        // Make the rename itself durable (best effort: not every platform allows it).
        if let Ok(dir) = File::open(parent) {
            let _ = timed_sync(|| dir.sync_all());
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Whether the precondition refused (the rename must then not be retried).
fn refused_is_set(refused: &std::cell::Cell<Option<StorageError>>) -> bool {
    let value = refused.take();
    let set = value.is_some();
    refused.set(value);
    set
}

/// Renames `from` to `to`, replacing `to`; while the failure is one that passes when
/// another process lets go of the file ([`is_transient_rename_error`]: only on Windows),
/// tries again with back-off for up to [`RENAME_RETRY_FOR`], then reports the last error.
pub fn rename_with_retry(from: &Path, to: &Path) -> io::Result<()> {
    retry_rename(
        from,
        to,
        &mut |from, to| fs::rename(from, to),
        &RetryPolicy::real(),
        &|| false,
    )
}

/// The retry loop of [`rename_with_retry`], with the rename and the policy injected (so
/// that it runs on Linux with a fault); `stop` ends it early (a refused precondition).
fn retry_rename(
    from: &Path,
    to: &Path,
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
    policy: &RetryPolicy,
    stop: &dyn Fn() -> bool,
) -> io::Result<()> {
    let started = std::time::Instant::now();
    let mut pause = RENAME_PAUSE_FIRST;
    loop {
        match rename(from, to) {
            Ok(()) => return Ok(()),
            Err(err)
                if !stop() && (policy.is_transient)(&err) && started.elapsed() < policy.budget =>
            {
                std::thread::sleep(pause.min(policy.budget.saturating_sub(started.elapsed())));
                pause = (pause * 2).min(RENAME_PAUSE_MAX);
            }
            Err(err) => return Err(err),
        }
    }
}

/// Whether a rename that failed with this OS error code may succeed a moment later.
///
/// Windows: `ERROR_ACCESS_DENIED` (5: the target is open without delete sharing, or is
/// being deleted), `ERROR_SHARING_VIOLATION` (32), `ERROR_LOCK_VIOLATION` (33). Elsewhere
/// a rename over an open file succeeds, and these numbers mean other things, so nothing
/// is transient.
pub fn is_transient_rename_error(os_code: Option<i32>) -> bool {
    cfg!(windows) && is_windows_transient_code(os_code)
}

/// The Windows error codes of [`is_transient_rename_error`] (cfg-independent, tested).
fn is_windows_transient_code(os_code: Option<i32>) -> bool {
    matches!(os_code, Some(5 | 32 | 33))
}

/// Creates a new temp file beside `file_name` in `dir`, exclusively (`O_EXCL`: an
/// existing entry, link or not, makes it fail and another name is tried).
pub(super) fn create_temp(dir: &Path, file_name: &str) -> Result<(PathBuf, File), StorageError> {
    let mut last_err = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(
            ".{file_name}.{:0width$x}{TEMP_SUFFIX}",
            random_u64(),
            width = TEMP_RANDOM_HEX
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW).mode(0o644);
        }
        match options.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last_err = Some((tmp, e)),
            Err(e) => return Err(io_err("create", &tmp)(e)),
        }
    }
    match last_err {
        Some((tmp, e)) => Err(io_err("create", &tmp)(e)),
        None => Err(StorageError::Refused {
            reason: crate::storage::WhyRefused::NoTempFile,
            path: dir.to_owned(),
        }),
    }
}

/// A temp file left in a folder, with its age.
#[derive(Debug, Clone)]
pub struct StrayTemp {
    /// The file.
    pub path: PathBuf,
    /// Time since it was last written (zero when the clock is off).
    pub age: Duration,
}

/// The app's temp files in `dir` (not recursive; links and non-files are ignored).
pub fn stray_temps(dir: &Path) -> Vec<StrayTemp> {
    if !matches!(check_dir(dir), Ok(true)) {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut found: Vec<StrayTemp> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_temp_name))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let modified = e.metadata().ok()?.modified().ok()?;
            Some(StrayTemp {
                path: e.path(),
                age: now.duration_since(modified).unwrap_or_default(),
            })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Removes the app's temp files older than [`TEMP_GRACE`] from `dirs`; returns how many
/// were removed. Best effort: only the app's own name pattern, never a link.
pub fn clean_stray_temps(dirs: &[PathBuf]) -> usize {
    dirs.iter()
        .flat_map(|dir| stray_temps(dir))
        .filter(|t| t.age >= TEMP_GRACE)
        .filter(|t| fs::remove_file(&t.path).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        for (name, expected) in [
            (".com-hong-quang.ron.0123456789abcdef.tmp", true),
            (".workspace.ron.4242.tmp", true),
            (".x.ron.tmp", false),
            ("x.ron.0123.tmp", false),
            (".x.ron.zz.tmp", false),
            ("..1.tmp", false),
            (".notes.txt", false),
        ] {
            assert_eq!(is_temp_name(name), expected, "{name}");
        }
    }

    /// A rename that fails like Windows does while another process holds the target
    /// open: `failures` times, then it renames for real.
    fn held_open_for(failures: usize) -> impl FnMut(&Path, &Path) -> io::Result<()> {
        let mut left = failures;
        move |from, to| {
            if left > 0 {
                left -= 1;
                Err(io::Error::from_raw_os_error(32)) // ERROR_SHARING_VIOLATION
            } else {
                fs::rename(from, to)
            }
        }
    }

    /// The Windows policy, on any platform: codes 5, 32, 33 are transient.
    fn windows_policy(budget: Duration) -> RetryPolicy {
        RetryPolicy {
            is_transient: |err| is_windows_transient_code(err.raw_os_error()),
            budget,
        }
    }

    fn temps_in(dir: &Path) -> Vec<StrayTemp> {
        stray_temps(dir)
    }

    #[test]
    fn a_rename_over_a_file_held_open_is_retried_until_it_passes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("com.ron");
        fs::write(&path, b"old").expect("write");
        let mut rename = held_open_for(5);
        write_atomic_with(
            &path,
            b"new",
            || Ok(()),
            &mut rename,
            &windows_policy(RENAME_RETRY_FOR),
        )
        .expect("the write succeeds");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert!(temps_in(dir.path()).is_empty(), "no temp file left");
    }

    #[test]
    fn a_rename_that_never_passes_is_reported_after_the_budget() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("com.ron");
        fs::write(&path, b"old").expect("write");
        let mut attempts = 0;
        let started = std::time::Instant::now();
        let result = write_atomic_with(
            &path,
            b"new",
            || Ok(()),
            &mut |_, _| {
                attempts += 1;
                Err(io::Error::from_raw_os_error(5)) // ERROR_ACCESS_DENIED
            },
            &windows_policy(RENAME_RETRY_FOR),
        );
        // Lower bound only: a shared machine may be slower, never faster.
        assert!(started.elapsed() >= RENAME_RETRY_FOR);
        assert!(attempts > 3, "retried with back-off, {attempts} attempts");
        match result {
            Err(StorageError::Io {
                action, path: p, ..
            }) => {
                assert_eq!(action, "rename");
                assert_eq!(p, path);
            }
            other => panic!("expected a rename error, got {other:?}"),
        }
        assert_eq!(
            fs::read(&path).expect("read"),
            b"old",
            "the old file is intact"
        );
        assert!(temps_in(dir.path()).is_empty(), "the temp file is removed");
    }

    #[test]
    fn other_errors_and_a_refused_precondition_are_not_retried() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("com.ron");
        fs::write(&path, b"old").expect("write");
        // Not a transient code: reported at once.
        let mut attempts = 0;
        let result = write_atomic_with(
            &path,
            b"new",
            || Ok(()),
            &mut |_, _| {
                attempts += 1;
                Err(io::Error::from_raw_os_error(3)) // ERROR_PATH_NOT_FOUND
            },
            &windows_policy(Duration::from_secs(60)),
        );
        assert!(result.is_err());
        assert_eq!(attempts, 1);
        // The file changed while the rename waited: the precondition, checked again
        // before the retry, refuses; nothing is written over.
        let mut checks = 0;
        let result = write_atomic_with(
            &path,
            b"new",
            || {
                checks += 1;
                if checks == 1 {
                    Ok(())
                } else {
                    Err(StorageError::Refused {
                        reason: crate::storage::WhyRefused::Changed,
                        path: PathBuf::new(),
                    })
                }
            },
            &mut held_open_for(1),
            &windows_policy(Duration::from_secs(60)),
        );
        assert!(
            matches!(result, Err(StorageError::Refused { .. })),
            "{result:?}"
        );
        assert_eq!(checks, 2);
        assert_eq!(fs::read(&path).expect("read"), b"old");
        assert!(temps_in(dir.path()).is_empty());
    }

    #[test]
    fn only_windows_sharing_errors_are_transient() {
        for (code, expected) in [(Some(5), true), (Some(32), true), (Some(33), true)] {
            assert_eq!(is_windows_transient_code(code), expected);
        }
        for code in [None, Some(2), Some(3), Some(17), Some(183)] {
            assert!(!is_windows_transient_code(code));
        }
        // On Linux a rename over an open file succeeds: nothing is retried there.
        assert_eq!(is_transient_rename_error(Some(32)), cfg!(windows));
    }

    #[test]
    fn random_names_differ() {
        assert_ne!(random_u64(), random_u64());
    }
}
