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
            reason: "the target is a symbolic link; give the real file's path (or - for standard output)",
            path: path.to_owned(),
        }),
        Ok(meta) if meta.is_dir() => Err(StorageError::Refused {
            reason: "the target is a folder",
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
            write_atomic(path, bytes)
        }
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
                reason: "the target is a symbolic link; give the real file's path",
                path: path.to_owned(),
            });
        }
        Ok(meta) if !meta.is_file() => {
            return Err(StorageError::Refused {
                reason: "the target is not a regular file",
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
        rename_with_retry(&tmp, path).map_err(io_err("rename", path))?;
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
