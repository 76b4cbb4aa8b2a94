//! Writing thousands of files at once (an import): each atomic, synced in phases so that
//! the folder is synced once per batch instead of once per file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::StorageError;
use super::fsio::{create_temp, io_err, rename_with_retry};

/// Threads [`write_batch`] uses for each phase.
const BATCH_THREADS: usize = 16;

/// Runs `work` on every index of `0..count` on up to [`BATCH_THREADS`] threads, results
/// in index order.
pub(crate) fn in_parallel<T: Send>(count: usize, work: &(dyn Fn(usize) -> T + Sync)) -> Vec<T> {
    if count == 0 {
        return Vec::new();
    }
    let chunk = count.div_ceil(BATCH_THREADS);
    let ranges: Vec<std::ops::Range<usize>> = (0..count)
        .step_by(chunk)
        .map(|start| start..(start + chunk).min(count))
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .into_iter()
            .map(|range| scope.spawn(move || range.map(work).collect::<Vec<T>>()))
            .collect();
        // A worker cannot panic here: every step returns its error.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Writes many files at once, each atomically as [`write_atomic_if`] does, but syncing
/// in phases instead of file by file: every temp file is written (in parallel), then
/// every temp file is synced (in parallel), then `precondition(i)` is checked and each is
/// renamed over its target, then each folder is synced once. A crash at any point leaves
/// every target old or new, never torn (a temp file is on disk before its rename); what
/// changes is that the folder is synced once per batch instead of once per file, which
/// is most of the cost of thousands of small files in one folder. A refused
/// precondition or a failed step leaves that target untouched and its temp file removed.
pub fn write_batch(
    items: &[(PathBuf, Vec<u8>)],
    precondition: &(dyn Fn(usize) -> Result<(), StorageError> + Sync),
) -> Vec<Result<(), StorageError>> {
    // 1. Write each temp file.
    let written: Vec<Result<PathBuf, StorageError>> = in_parallel(items.len(), &|i| {
        let Some((path, bytes)) = items.get(i) else {
            return Err(StorageError::Refused {
                reason: crate::storage::WhyRefused::NoSuchProduct,
                path: PathBuf::new(),
            });
        };
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        let (tmp, mut file) = create_temp(parent, file_name)?;
        let done = file
            .write_all(bytes)
            .map_err(io_err("write", &tmp))
            .and_then(|()| {
                if SYNC_WHOLE_FILESYSTEM {
                    Ok(())
                } else {
                    // 2. Elsewhere: sync each file in its worker (the syncs of one worker's
                    // files overlap with the other workers' writes and syncs).
                    file.sync_data().map_err(io_err("sync", &tmp))
                }
            });
        match done {
            Ok(()) => Ok(tmp),
            Err(err) => {
                let _ = fs::remove_file(&tmp);
                Err(err)
            }
        }
    });
    // 2. On Linux: one syncfs for the file system of each folder flushes every temp file at
    // once (one journal commit instead of one per file); if it fails, each file is synced.
    let written = if SYNC_WHOLE_FILESYSTEM {
        sync_all_temps(items, written)
    } else {
        written
    };
    // 3. Check and rename each.
    let results: Vec<Result<(), StorageError>> = in_parallel(items.len(), &|i| {
        let (Some((path, _)), Some(tmp)) = (items.get(i), written.get(i)) else {
            return Ok(());
        };
        let tmp = match tmp {
            Ok(tmp) => tmp,
            Err(err) => return Err(copy_error(err, path)),
        };
        let renamed = precondition(i)
            .and_then(|()| rename_with_retry(tmp, path).map_err(io_err("rename", path)));
        if renamed.is_err() {
            let _ = fs::remove_file(tmp);
        }
        renamed
    });
    // 4. Make the renames durable: each folder once (best effort, as for one file).
    let folders: std::collections::BTreeSet<&Path> =
        items.iter().filter_map(|(path, _)| path.parent()).collect();
    for folder in folders {
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    results
}

/// Whether [`write_batch`] syncs the temp files with one `syncfs` per folder (Linux)
/// instead of one `fsync` per file.
const SYNC_WHOLE_FILESYSTEM: bool = cfg!(target_os = "linux");

/// Flushes the written temp files: `syncfs` on each folder's file system (Linux), falling
/// back to syncing each file; a temp file that cannot be synced fails its item.
fn sync_all_temps(
    items: &[(PathBuf, Vec<u8>)],
    written: Vec<Result<PathBuf, StorageError>>,
) -> Vec<Result<PathBuf, StorageError>> {
    let folders: std::collections::BTreeSet<&Path> =
        items.iter().filter_map(|(path, _)| path.parent()).collect();
    if folders.iter().all(|folder| syncfs(folder).is_ok()) {
        return written;
    }
    let synced: Vec<Result<(), StorageError>> = in_parallel(written.len(), &|i| {
        let Some(Ok(tmp)) = written.get(i) else {
            return Ok(());
        };
        File::open(tmp)
            .and_then(|f| f.sync_data())
            .map_err(io_err("sync", tmp))
    });
    written
        .into_iter()
        .zip(synced)
        .map(|(tmp, sync)| match (tmp, sync) {
            (Ok(tmp), Ok(())) => Ok(tmp),
            (Ok(tmp), Err(err)) => {
                let _ = fs::remove_file(&tmp);
                Err(err)
            }
            (Err(err), _) => Err(err),
        })
        .collect()
}

/// `syncfs(2)` on the file system holding `folder`.
#[cfg(target_os = "linux")]
fn syncfs(folder: &Path) -> io::Result<()> {
    let dir = File::open(folder)?;
    rustix::fs::syncfs(&dir).map_err(io::Error::from)
}

/// Not available: the caller syncs each file.
#[cfg(not(target_os = "linux"))]
fn syncfs(_folder: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// A second copy of a batch step's error for its item (the first stays in the list of
/// temp results).
fn copy_error(err: &StorageError, path: &Path) -> StorageError {
    StorageError::Io {
        action: "write",
        source: io::Error::other(err.to_string()),
        path: path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::expect_used,
        reason = "test code: a panic is the failure message"
    )]
    use super::*;

    #[test]
    fn a_batch_writes_what_passes_its_precondition_and_leaves_the_rest() {
        let tmp = std::env::temp_dir().join(format!("ocop-batch-{}", std::process::id()));
        fs::create_dir_all(&tmp).expect("scratch folder");
        let items: Vec<(PathBuf, Vec<u8>)> = (0..100)
            .map(|n| (tmp.join(format!("p{n}.ron")), format!("v{n}").into_bytes()))
            .collect();
        fs::write(tmp.join("p7.ron"), "someone else's").expect("the other version");
        let results = write_batch(&items, &|i| {
            if i == 7 {
                Err(StorageError::Refused {
                    reason: crate::storage::WhyRefused::Changed,
                    path: PathBuf::new(),
                })
            } else {
                Ok(())
            }
        });
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 99);
        assert!(results[7].is_err());
        assert_eq!(
            fs::read_to_string(tmp.join("p7.ron")).expect("read p7"),
            "someone else's"
        );
        assert_eq!(
            fs::read_to_string(tmp.join("p42.ron")).expect("read p42"),
            "v42"
        );
        // No temp file is left behind.
        let names: Vec<String> = fs::read_dir(&tmp)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 100, "{names:?}");
        fs::remove_dir_all(&tmp).expect("remove scratch");
    }
}
