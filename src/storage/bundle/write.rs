//! Writing a bundle: every file streamed into the zip once, hashed on a second thread.

use std::fs::File;
use std::io::{self, BufWriter, ErrorKind, Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{BundleEntry, BundleError, CHUNK, EntryData, io_err, sha256_hex, to_hex, zip_err};
use crate::domain::exchange::{FileRole, INDEX_NAME, MANIFEST_NAME, Manifest, ManifestFile};
use crate::storage::{StorageError, fsio};

fn copy_hashing(
    input: &mut dyn Read,
    out: &mut dyn Write,
    label: &Path,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<(String, u64), BundleError> {
    let (send, receive) = mpsc::sync_channel::<Arc<Vec<u8>>>(4);
    let hasher = std::thread::Builder::new()
        .name("bundle-hash".into())
        .spawn(move || {
            let mut hasher = Sha256::new();
            for chunk in receive {
                hasher.update(chunk.as_slice());
            }
            to_hex(&hasher.finalize())
        })
        .map_err(io_err("start hashing thread", label))?;
    let mut total: u64 = 0;
    let result = (|| {
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(BundleError::Cancelled);
            }
            let mut buffer = vec![0_u8; CHUNK];
            let n = match input.read(&mut buffer) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_err("read", label)(e).into()),
            };
            buffer.truncate(n);
            let chunk = Arc::new(buffer);
            // A closed channel means the hashing thread died; the join below reports it.
            let _ = send.send(Arc::clone(&chunk));
            out.write_all(&chunk).map_err(io_err("write", label))?;
            total += n as u64;
            progress(n as u64);
        }
    })();
    drop(send);
    let sha = hasher
        .join()
        .map_err(|_| io_err("hash", label)(io::Error::other("hashing thread failed")))?;
    result.map(|()| (sha, total))
}

fn zip_time(at: chrono::NaiveDateTime) -> zip::DateTime {
    use chrono::{Datelike, Timelike};
    let to_u8 = |v: u32| u8::try_from(v).unwrap_or(0);
    zip::DateTime::from_date_and_time(
        u16::try_from(at.year()).unwrap_or(1980),
        to_u8(at.month()),
        to_u8(at.day()),
        to_u8(at.hour()),
        to_u8(at.minute()),
        to_u8(at.second()),
    )
    .unwrap_or_default()
}

/// Writes the bundle to `out`: `entries` in order, then the ASCII index and the manifest
/// (`manifest.files` is filled here with each file's real hash and size). `progress`
/// gets (bytes done, bytes in all); `cancel` stops it between chunks, leaving nothing.
/// Fails, leaving nothing, if an evidence file no longer hashes to what the product
/// records (the receiver could not match it).
pub fn write_bundle(
    out: &Path,
    entries: &[BundleEntry],
    mut manifest: Manifest,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Manifest, BundleError> {
    let mut total: u64 = 0;
    for entry in entries {
        total += match &entry.data {
            EntryData::Bytes { bytes, .. } => bytes.len() as u64,
            EntryData::Evidence { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
        };
    }
    let time = zip_time(manifest.made_at);
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644)
        // "Made by Unix" whichever OS writes the bundle (issue 22): the zip crate says
        // "MS-DOS" on Windows by default, and Info-ZIP's `unzip` then reads the UTF-8
        // names as code page 437 (`Minh ch�+�ng/…`). With Unix and the UTF-8 flag every
        // unzip reads them right: Explorer, 7-Zip, Python, unzip.
        .system(zip::System::Unix);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    let mut error: Option<BundleError> = None;
    let written = fsio::write_export_streamed(out, |file| {
        let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
        let mut done: u64 = 0;
        let mut files = Vec::with_capacity(entries.len());
        let result: Result<(), BundleError> = (|| {
            for entry in entries {
                let (sha256, size_bytes) = match &entry.data {
                    EntryData::Bytes { bytes, compress } => {
                        let options = if *compress { deflated } else { stored };
                        zip.start_file(entry.path.as_str(), options)
                            .map_err(zip_err(out))?;
                        zip.write_all(bytes).map_err(io_err("write", out))?;
                        done += bytes.len() as u64;
                        progress(done, total);
                        (sha256_hex(bytes), bytes.len() as u64)
                    }
                    EntryData::Evidence {
                        path,
                        sha256,
                        file_name,
                    } => {
                        let mut input = File::open(path).map_err(io_err("open", path))?;
                        let len = input.metadata().map_err(io_err("inspect", path))?.len();
                        let options = stored.large_file(len >= u64::from(u32::MAX) - (1 << 20));
                        zip.start_file(entry.path.as_str(), options)
                            .map_err(zip_err(out))?;
                        let (actual, size) = copy_hashing(
                            &mut input,
                            &mut zip,
                            path,
                            &mut |n| {
                                done += n;
                                progress(done, total);
                            },
                            cancel,
                        )?;
                        if actual != *sha256 {
                            return Err(BundleError::EvidenceChanged {
                                file_name: file_name.clone(),
                                path: path.clone(),
                            });
                        }
                        (actual, size)
                    }
                };
                files.push(ManifestFile {
                    path: entry.path.clone(),
                    sha256,
                    size_bytes,
                    role: entry.role.clone(),
                });
            }
            let mut index_manifest = manifest.clone();
            index_manifest.files.clone_from(&files);
            let index = crate::domain::exchange::index_text(&index_manifest).into_bytes();
            zip.start_file(INDEX_NAME, deflated).map_err(zip_err(out))?;
            zip.write_all(&index).map_err(io_err("write", out))?;
            files.push(ManifestFile {
                path: INDEX_NAME.to_owned(),
                sha256: sha256_hex(&index),
                size_bytes: index.len() as u64,
                role: FileRole::Index,
            });
            manifest.files = files;
            let ron =
                ron::ser::to_string_pretty(&manifest, crate::storage::pretty()).map_err(|err| {
                    StorageError::Serialize {
                        message: err.to_string(),
                        path: out.join(MANIFEST_NAME),
                    }
                })?;
            zip.start_file(MANIFEST_NAME, deflated)
                .map_err(zip_err(out))?;
            zip.write_all(ron.as_bytes())
                .map_err(io_err("write", out))?;
            let mut buffered = zip.finish().map_err(zip_err(out))?;
            buffered.flush().map_err(io_err("write", out))?;
            Ok(())
        })();
        match result {
            Ok(()) => Ok(()),
            Err(BundleError::Storage(err)) => Err(err),
            Err(other) => {
                error = Some(other);
                Err(StorageError::Refused {
                    reason: crate::storage::WhyRefused::BundleNotWritten,
                    path: out.to_owned(),
                })
            }
        }
    });
    match (written, error) {
        (_, Some(err)) => Err(err),
        (Err(err), None) => Err(err.into()),
        (Ok(()), None) => Ok(manifest),
    }
}
