//! Writing to a path the user chose (exports: calendar, documents, workbooks, bundles):
//! all or nothing, never through a link.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::StorageError;
use super::fsio::{create_temp, io_err, rename_with_retry, write_atomic};

/// Writes an export (calendar, report) to a path the user chose.
///
/// A regular file or a new name is written atomically. A named pipe or device (e.g.
/// `/dev/null`) is written into as it is, never replaced by a regular file. A symbolic
/// link is refused with a message rather than replaced or silently followed.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(StorageError::Refused {
            reason: crate::storage::WhyRefused::TargetIsLinkOrStdout,
            path: path.to_owned(),
        }),
        Ok(meta) if meta.is_dir() => Err(StorageError::Refused {
            reason: crate::storage::WhyRefused::TargetIsFolder,
            path: path.to_owned(),
        }),
        Ok(meta) if !meta.is_file() => {
            let mut options = OpenOptions::new();
            options.write(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(libc::O_NOFOLLOW);
            }
            let mut file = options.open(path).map_err(io_err("open", path))?;
            file.write_all(bytes).map_err(io_err("write", path))
        }
        _ => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                super::fsio::clean_stray_temps(&[parent.to_owned()]);
            }
            write_atomic(path, bytes).map_err(|err| not_replaced(err, path))
        }
    }
}

/// A failed replacement of an export's target, said for what it is on Windows (issue 22):
/// a .docx open in Word makes the final rename fail with a sharing violation or "access
/// denied" (codes 32, 33, 5), which std reports as "permission denied".
fn not_replaced(err: StorageError, path: &Path) -> StorageError {
    let StorageError::Io {
        action: "rename",
        source,
        ..
    } = &err
    else {
        return err;
    };
    let read_only = fs::metadata(path).ok().map(|m| m.permissions().readonly());
    match replace_failure(cfg!(windows), source.raw_os_error(), read_only) {
        Some(why) => StorageError::NotReplaced {
            why,
            path: path.to_owned(),
        },
        None => err,
    }
}

/// Why a rename over an export's target failed, from the OS error code and whether the
/// target exists read-only (`None`: it does not exist). Windows codes only.
pub(crate) fn replace_failure(
    windows: bool,
    code: Option<i32>,
    target_read_only: Option<bool>,
) -> Option<super::NotReplaced> {
    use super::NotReplaced::{InUse, ReadOnly};
    if !windows {
        return None;
    }
    match (code, target_read_only) {
        (Some(32 | 33), _) | (Some(5), Some(false)) => Some(InUse),
        (Some(5), Some(true)) => Some(ReadOnly),
        _ => None,
    }
}

/// Writes a large export (a bundle) to a path the user chose, streamed by `write` into an
/// exclusive temp file beside it, synced, then renamed over the target: all or nothing.
/// A failed or cancelled `write` removes the temp file and leaves the target untouched.
/// Links, folders, pipes and devices at `path` are refused (never written through).
pub fn write_export_streamed<T>(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(StorageError::Refused {
                reason: crate::storage::WhyRefused::TargetIsLink,
                path: path.to_owned(),
            });
        }
        Ok(meta) if !meta.is_file() => {
            return Err(StorageError::Refused {
                reason: crate::storage::WhyRefused::TargetNotRegular,
                path: path.to_owned(),
            });
        }
        _ => {}
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    // An export killed half-way (power cut, task manager) left its temp file here: gone
    // with the next export to this folder (the app's own pattern, older than a minute,
    // so another export under way is never touched).
    super::fsio::clean_stray_temps(&[parent.to_owned()]);
    let (tmp, mut file) = create_temp(parent, file_name)?;
    let result = (|| {
        let value = write(&mut file)?;
        file.sync_all().map_err(io_err("sync", &tmp))?;
        drop(file);
        rename_with_retry(&tmp, path)
            .map_err(io_err("rename", path))
            .map_err(|err| not_replaced(err, path))?;
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
        Ok(value)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::replace_failure;
    use crate::storage::NotReplaced::{InUse, ReadOnly};

    #[test]
    fn a_target_open_in_word_or_read_only_is_told_apart_on_windows() {
        assert_eq!(replace_failure(true, Some(32), Some(false)), Some(InUse));
        assert_eq!(replace_failure(true, Some(33), Some(false)), Some(InUse));
        // Wine and Windows: "access denied" when replacing a file another program holds.
        assert_eq!(replace_failure(true, Some(5), Some(false)), Some(InUse));
        assert_eq!(replace_failure(true, Some(5), Some(true)), Some(ReadOnly));
        // No target, or another error: left as the OS said it.
        assert_eq!(replace_failure(true, Some(5), None), None);
        assert_eq!(replace_failure(true, Some(2), Some(false)), None);
        // Elsewhere those numbers mean other things (32 is EPIPE on Linux).
        assert_eq!(replace_failure(false, Some(32), Some(false)), None);
    }
}
