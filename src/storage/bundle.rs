//! The electronic dossier bundle on disk: `<product>.ocop.zip`.
//!
//! Writing streams every file into the zip once, hashing it on a second thread while the
//! zip writer computes its CRC and writes, into an exclusive temp file renamed over the
//! target only when complete (a cancel or an error leaves nothing). Evidence (photos,
//! PDFs) is stored as it is; only the small text files are deflated.
//!
//! Reading trusts nothing: the file must be a regular file, a zip, with a manifest this
//! build understands; every entry name is checked (UTF-8, relative, no `..`, no drive
//! letter or backslash, no link, no duplicate even by case, Windows-safe) and every size
//! is bounded ([`MAX_ENTRIES`], [`MAX_TOTAL_BYTES`], [`MAX_RATIO`]) before a byte is
//! inflated; every file is hashed against the manifest. The bundle file is never written.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::evidence::{self, EvidenceError, Imported};
use super::load::{Parsed, parse_noting_unknown, parse_product};
use super::{MAX_PRODUCT_FILE_BYTES, StorageError, fsio};
use crate::domain::exchange::{
    BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, FileRole, INDEX_NAME, MANIFEST_NAME, Manifest,
    ManifestFile,
};
use crate::domain::filename;
use crate::domain::model::{Product, ProductId};

/// Most entries a bundle may have (a product has tens to a few hundred files).
pub const MAX_ENTRIES: usize = 10_000;
/// Largest total of the files' sizes a bundle may declare (a large dossier with video is
/// a few GiB).
pub const MAX_TOTAL_BYTES: u64 = 16 << 30;
/// Largest ratio of size to compressed size for an entry over [`RATIO_FLOOR_BYTES`]: real
/// files compress far less; a zip bomb compresses a thousandfold.
pub const MAX_RATIO: u64 = 100;
/// Entries smaller than this are not ratio-checked (a blank text compresses well).
pub const RATIO_FLOOR_BYTES: u64 = 1 << 20;
/// Largest manifest read.
pub const MAX_MANIFEST_BYTES: u64 = 4 << 20;

/// Bytes per read while hashing or copying.
const CHUNK: usize = 256 << 10;

/// An entry to write: a name, a role, and where the bytes come from.
#[derive(Debug, Clone)]
pub struct BundleEntry {
    /// Name inside the zip.
    pub path: String,
    /// Role in the manifest.
    pub role: FileRole,
    /// The bytes.
    pub data: EntryData,
}

/// Where an entry's bytes come from.
#[derive(Debug, Clone)]
pub enum EntryData {
    /// Made in memory (the product file, a form): deflated if `compress`.
    Bytes {
        /// The content.
        bytes: Vec<u8>,
        /// Deflate it (text) or store it (already compressed: .docx, .pdf).
        compress: bool,
    },
    /// An evidence file of the workspace, with the hash the product records for it.
    Evidence {
        /// Its checked path.
        path: PathBuf,
        /// The SHA-256 the attachment records (the file must still hash to it).
        sha256: String,
        /// The name shown in errors.
        file_name: String,
    },
}

/// Why a bundle could not be written, read or imported. Translated in `text`.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Not a bundle: not a zip, a truncated zip, no manifest, another format. Exit 2.
    #[error("not an OCOP bundle: {reason} — {path}")]
    NotABundle {
        /// What is wrong.
        reason: NotBundle,
        /// The file.
        path: PathBuf,
    },
    /// The bundle is a bundle, but its content does not match its manifest or breaks a
    /// safety rule: nothing was taken from it.
    #[error("the bundle has problems ({}) — {path}", .problems.len())]
    Problems {
        /// Each problem.
        problems: Vec<Problem>,
        /// The file.
        path: PathBuf,
    },
    /// The product file inside is broken, of a newer schema, or has unknown fields.
    #[error("the product inside: {0}")]
    Product(StorageError),
    /// A file could not be read or written.
    #[error("{0}")]
    Storage(#[from] StorageError),
    /// The evidence store refused a file.
    #[error("{0}")]
    Evidence(#[from] EvidenceError),
    /// An evidence file of the workspace no longer holds what the product records.
    #[error("evidence file changed or damaged in the workspace: {file_name} — {path}")]
    EvidenceChanged {
        /// The attachment's name.
        file_name: String,
        /// Its path.
        path: PathBuf,
    },
    /// The user cancelled; nothing was left behind.
    #[error("cancelled")]
    Cancelled,
}

/// Why a file is not a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotBundle {
    /// Not a regular file (a folder, a link, a pipe).
    NotAFile,
    /// Not a zip at all.
    NotAZip,
    /// Starts like a zip but is cut short or damaged (the zip library's words).
    Damaged(String),
    /// A zip without [`MANIFEST_NAME`].
    NoManifest,
    /// The manifest does not parse (line, column, message).
    BadManifest(String),
    /// Another kind of manifest, or a newer bundle format.
    OtherFormat(String),
}

impl std::fmt::Display for NotBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotBundle::NotAFile => f.write_str("not a regular file"),
            NotBundle::NotAZip => f.write_str("not a zip file"),
            NotBundle::Damaged(why) => write!(f, "damaged or truncated zip ({why})"),
            NotBundle::NoManifest => write!(f, "no {MANIFEST_NAME}"),
            NotBundle::BadManifest(why) => write!(f, "unreadable manifest ({why})"),
            NotBundle::OtherFormat(what) => write!(f, "unsupported format ({what})"),
        }
    }
}

/// One thing wrong inside a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An entry name that could write outside a folder or cannot exist on Windows.
    UnsafeName {
        /// The name as given (shown escaped: it may be hostile).
        name: String,
        /// Why.
        reason: &'static str,
    },
    /// A symbolic-link entry.
    Link(String),
    /// Two entries with one name (or names that differ only by case).
    Duplicate(String),
    /// Sizes beyond the limits (a zip bomb or an absurd bundle).
    TooLarge(String),
    /// An encrypted entry.
    Encrypted(String),
    /// In the manifest, not in the zip.
    Missing(String),
    /// In the zip, not in the manifest.
    Extra(String),
    /// The content does not hash to what the manifest says.
    WrongHash(String),
    /// The content's size is not what the manifest says.
    WrongSize {
        /// The entry.
        name: String,
        /// The manifest's size.
        expected: u64,
        /// The real size.
        found: u64,
    },
    /// The entry could not be read (damaged data).
    Unreadable {
        /// The entry.
        name: String,
        /// The zip library's words.
        reason: String,
    },
    /// The manifest has no product file or names the product oddly.
    BadProductEntry,
}

/// A checked bundle: its manifest, and what is wrong with it (nothing, if it is sound).
#[derive(Debug, Clone)]
pub struct Verified {
    /// The manifest.
    pub manifest: Manifest,
    /// Problems found; empty when every file matches.
    pub problems: Vec<Problem>,
}

/// A bundle ready to import or review: sound, with its product parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The bundle file.
    pub path: PathBuf,
    /// The manifest.
    pub manifest: Manifest,
    /// The product as the bundle carries it (older schemas migrated in memory).
    pub product: Product,
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StorageError {
    let path = path.to_owned();
    move |source| StorageError::Io {
        action,
        source,
        path,
    }
}

fn zip_err(path: &Path) -> impl FnOnce(zip::result::ZipError) -> StorageError {
    let path = path.to_owned();
    move |err| StorageError::Io {
        action: "write zip",
        source: io::Error::other(err.to_string()),
        path,
    }
}

fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// SHA-256 of a byte slice, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

/// Copies `input` into `out` in chunks while a second thread hashes the same chunks;
/// returns (SHA-256, bytes). `progress` gets the bytes of each chunk.
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
        .unix_permissions(0o644);
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
            let ron = ron::ser::to_string_pretty(&manifest, super::pretty()).map_err(|err| {
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
                    reason: "bundle not written",
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

/// Why an entry name is unsafe, if it is.
fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("empty name");
    }
    if name.contains('\\') {
        return Some("backslash in the name");
    }
    if name.starts_with('/') {
        return Some("absolute path");
    }
    if name.contains(':') {
        return Some("drive letter or colon in the name");
    }
    if name.chars().any(char::is_control) {
        return Some("control character in the name");
    }
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    for component in trimmed.split('/') {
        match component {
            "" => return Some("empty path component"),
            "." | ".." => return Some("parent-folder component (..)"),
            c if !filename::is_windows_safe(c) => return Some("a name Windows cannot create"),
            _ => {}
        }
    }
    None
}

fn not_bundle(reason: NotBundle, path: &Path) -> BundleError {
    BundleError::NotABundle {
        reason,
        path: path.to_owned(),
    }
}

/// Opens the zip: a regular file (never a link or a pipe), parsed as a zip.
fn open_zip(path: &Path) -> Result<ZipArchive<BufReader<File>>, BundleError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(not_bundle(NotBundle::NotAFile, path)),
        Ok(_) => {}
        Err(e) => return Err(io_err("open", path)(e).into()),
    }
    let mut file = File::open(path).map_err(io_err("open", path))?;
    let mut magic = [0_u8; 4];
    let starts_like_zip = file.read_exact(&mut magic).is_ok() && magic == *b"PK\x03\x04";
    drop(file);
    let file = File::open(path).map_err(io_err("open", path))?;
    ZipArchive::new(BufReader::new(file)).map_err(|err| {
        if starts_like_zip {
            not_bundle(NotBundle::Damaged(err.to_string()), path)
        } else {
            not_bundle(NotBundle::NotAZip, path)
        }
    })
}

/// Reads an entry whole, up to `limit` bytes.
fn read_entry(
    zip: &mut ZipArchive<BufReader<File>>,
    name: &str,
    limit: u64,
) -> Result<Vec<u8>, String> {
    let entry = zip.by_name(name).map_err(|e| e.to_string())?;
    if entry.size() > limit {
        return Err(format!("over {limit} bytes"));
    }
    let mut bytes = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("over {limit} bytes"));
    }
    Ok(bytes)
}

/// The entry names and their structural problems (names, links, duplicates, limits).
fn check_entries(zip: &mut ZipArchive<BufReader<File>>) -> (Vec<String>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut names = Vec::new();
    if zip.len() > MAX_ENTRIES {
        problems.push(Problem::TooLarge(format!(
            "{} entries (at most {MAX_ENTRIES})",
            zip.len()
        )));
        return (names, problems);
    }
    if zip.has_duplicate_names() {
        problems.push(Problem::Duplicate("(same name twice)".to_owned()));
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            problems.push(Problem::Unreadable {
                name: format!("#{i}"),
                reason: "unreadable header".to_owned(),
            });
            continue;
        };
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(_) => {
                problems.push(Problem::UnsafeName {
                    name: String::from_utf8_lossy(entry.name_raw()).into_owned(),
                    reason: "not UTF-8",
                });
                continue;
            }
        };
        if let Some(reason) = name_problem(&name) {
            problems.push(Problem::UnsafeName { name, reason });
            continue;
        }
        if entry.is_symlink() {
            problems.push(Problem::Link(name));
            continue;
        }
        if entry.encrypted() {
            problems.push(Problem::Encrypted(name));
            continue;
        }
        if !seen.insert(filename::collision_key(&name)) {
            problems.push(Problem::Duplicate(name));
            continue;
        }
        if entry.is_dir() {
            continue;
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        total = total.saturating_add(size);
        if size > RATIO_FLOOR_BYTES && size / packed.max(1) > MAX_RATIO {
            problems.push(Problem::TooLarge(format!(
                "{name}: {size} bytes from {packed} (more than {MAX_RATIO}:1)"
            )));
            continue;
        }
        names.push(name);
    }
    if total > MAX_TOTAL_BYTES {
        problems.push(Problem::TooLarge(format!(
            "{total} bytes in all (at most {MAX_TOTAL_BYTES})"
        )));
    }
    (names, problems)
}

/// Parses a manifest's text.
fn parse_manifest(text: &str, path: &Path) -> Result<Manifest, BundleError> {
    let parsed: Parsed<Manifest> = parse_noting_unknown(text, path).map_err(|err| {
        let why = match err {
            StorageError::Parse {
                line,
                column,
                message,
                ..
            } => format!("line {line}, column {column}: {message}"),
            other => other.to_string(),
        };
        not_bundle(NotBundle::BadManifest(why), path)
    })?;
    let manifest = parsed.value;
    if manifest.format != BUNDLE_FORMAT {
        return Err(not_bundle(
            NotBundle::OtherFormat(manifest.format.clone()),
            path,
        ));
    }
    if manifest.format_version > BUNDLE_FORMAT_VERSION {
        return Err(not_bundle(
            NotBundle::OtherFormat(format!(
                "version {} (this app reads up to {BUNDLE_FORMAT_VERSION})",
                manifest.format_version
            )),
            path,
        ));
    }
    Ok(manifest)
}

/// Hashes one entry, reading at most `limit` bytes (its declared size + 1).
fn hash_entry(
    zip: &mut ZipArchive<BufReader<File>>,
    name: &str,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<(String, u64), Result<String, BundleError>> {
    let entry = zip.by_name(name).map_err(|e| Ok(e.to_string()))?;
    let limit = entry.size();
    let mut reader = entry.take(limit + 1);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; CHUNK];
    let mut total: u64 = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(Err(BundleError::Cancelled));
        }
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(Ok(e.to_string())),
        };
        hasher.update(buffer.get(..n).unwrap_or_default());
        total += n as u64;
        progress(n as u64);
    }
    Ok((to_hex(&hasher.finalize()), total))
}

/// Checks a bundle: that it is one (else [`BundleError::NotABundle`]), that its entries
/// are safe, and that every file matches the manifest's hash and size, with missing and
/// extra files named. `progress` gets (bytes done, bytes in all).
pub fn verify(
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Verified, BundleError> {
    let mut zip = open_zip(path)?;
    let (names, mut problems) = check_entries(&mut zip);
    if !names.iter().any(|n| n == MANIFEST_NAME) {
        if problems.is_empty() {
            return Err(not_bundle(NotBundle::NoManifest, path));
        }
        return Err(BundleError::Problems {
            problems,
            path: path.to_owned(),
        });
    }
    let text = read_entry(&mut zip, MANIFEST_NAME, MAX_MANIFEST_BYTES)
        .map_err(|why| not_bundle(NotBundle::BadManifest(why), path))?;
    let text = String::from_utf8(text)
        .map_err(|_| not_bundle(NotBundle::BadManifest("not UTF-8".to_owned()), path))?;
    let manifest = parse_manifest(&text, &path.join(MANIFEST_NAME))?;
    let listed: BTreeMap<&str, &ManifestFile> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    let present: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    for file in &manifest.files {
        if !present.contains(file.path.as_str()) {
            problems.push(Problem::Missing(file.path.clone()));
        }
    }
    for name in &names {
        if name != MANIFEST_NAME && !listed.contains_key(name.as_str()) {
            problems.push(Problem::Extra(name.clone()));
        }
    }
    match manifest.product_file() {
        Some(file)
            if file.path
                == format!(
                    "{}/{}.ron",
                    crate::domain::exchange::PRODUCT_FOLDER,
                    manifest.product_id
                )
                && ProductId::is_valid(manifest.product_id.as_str()) => {}
        _ => problems.push(Problem::BadProductEntry),
    }
    let total: u64 = manifest
        .files
        .iter()
        .filter(|f| present.contains(f.path.as_str()))
        .map(|f| f.size_bytes)
        .sum();
    let mut done: u64 = 0;
    for file in &manifest.files {
        if !present.contains(file.path.as_str()) {
            continue;
        }
        let hashed = hash_entry(
            &mut zip,
            &file.path,
            &mut |n| {
                done += n;
                progress(done, total);
            },
            cancel,
        );
        match hashed {
            Ok((sha, size)) => {
                if size != file.size_bytes {
                    problems.push(Problem::WrongSize {
                        name: file.path.clone(),
                        expected: file.size_bytes,
                        found: size,
                    });
                } else if sha != file.sha256 {
                    problems.push(Problem::WrongHash(file.path.clone()));
                }
            }
            Err(Ok(reason)) => problems.push(Problem::Unreadable {
                name: file.path.clone(),
                reason,
            }),
            Err(Err(err)) => return Err(err),
        }
    }
    Ok(Verified { manifest, problems })
}

/// Verifies the bundle and reads its product: refused whole if anything is wrong (a
/// problem, a broken product file, a newer schema, fields this build does not know, a
/// product that is not the one the manifest names).
pub fn open(
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Opened, BundleError> {
    let verified = verify(path, progress, cancel)?;
    if !verified.problems.is_empty() {
        return Err(BundleError::Problems {
            problems: verified.problems,
            path: path.to_owned(),
        });
    }
    let manifest = verified.manifest;
    let entry = manifest
        .product_file()
        .map(|f| f.path.clone())
        .unwrap_or_default();
    let label = path.join(&entry);
    let mut zip = open_zip(path)?;
    let bytes = read_entry(&mut zip, &entry, MAX_PRODUCT_FILE_BYTES).map_err(|why| {
        BundleError::Product(StorageError::Data {
            message: why,
            path: label.clone(),
        })
    })?;
    let product = parse_product_bytes(bytes, &label, &manifest)?;
    Ok(Opened {
        path: path.to_owned(),
        manifest,
        product,
    })
}

/// The manifest and product of a bundle without hashing the evidence (the many-communes
/// view reads hundreds): the entries are checked for safety and the product file against
/// its hash; anything wrong refuses the bundle.
pub fn peek(path: &Path) -> Result<(Manifest, Product), BundleError> {
    let mut zip = open_zip(path)?;
    let (names, problems) = check_entries(&mut zip);
    if !problems.is_empty() {
        return Err(BundleError::Problems {
            problems,
            path: path.to_owned(),
        });
    }
    if !names.iter().any(|n| n == MANIFEST_NAME) {
        return Err(not_bundle(NotBundle::NoManifest, path));
    }
    let text = read_entry(&mut zip, MANIFEST_NAME, MAX_MANIFEST_BYTES)
        .map_err(|why| not_bundle(NotBundle::BadManifest(why), path))?;
    let text = String::from_utf8(text)
        .map_err(|_| not_bundle(NotBundle::BadManifest("not UTF-8".to_owned()), path))?;
    let manifest = parse_manifest(&text, &path.join(MANIFEST_NAME))?;
    let Some(file) = manifest.product_file().cloned() else {
        return Err(BundleError::Problems {
            problems: vec![Problem::BadProductEntry],
            path: path.to_owned(),
        });
    };
    let label = path.join(&file.path);
    let bytes = read_entry(&mut zip, &file.path, MAX_PRODUCT_FILE_BYTES).map_err(|why| {
        BundleError::Product(StorageError::Data {
            message: why,
            path: label.clone(),
        })
    })?;
    if sha256_hex(&bytes) != file.sha256 {
        return Err(BundleError::Problems {
            problems: vec![Problem::WrongHash(file.path)],
            path: path.to_owned(),
        });
    }
    let product = parse_product_bytes(bytes, &label, &manifest)?;
    Ok((manifest, product))
}

/// A bundle's product file parsed and checked against its manifest.
fn parse_product_bytes(
    bytes: Vec<u8>,
    label: &Path,
    manifest: &Manifest,
) -> Result<Product, BundleError> {
    let text = super::load::decode_text(bytes, label).map_err(BundleError::Product)?;
    let parsed = parse_product(&text, label).map_err(BundleError::Product)?;
    if !parsed.unknown_fields.is_empty() {
        return Err(BundleError::Product(StorageError::UnknownFields {
            fields: parsed.unknown_fields,
            path: label.to_owned(),
        }));
    }
    let product = parsed.value;
    if product.id != manifest.product_id || !ProductId::is_valid(product.id.as_str()) {
        return Err(BundleError::Product(StorageError::Data {
            message: format!(
                "product id {} is not the manifest's {}",
                product.id, manifest.product_id
            ),
            path: label.to_owned(),
        }));
    }
    Ok(product)
}

/// Copies the evidence with these hashes out of the bundle into `workspace`'s evidence
/// store (deduplicated by content there). Each copy is all or nothing; on an error the
/// files copied so far stay in the store, unreferenced (the clean-up finds them).
pub fn extract_evidence(
    bundle: &Opened,
    wanted: &BTreeSet<String>,
    workspace: &Path,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<BTreeMap<String, Imported>, BundleError> {
    let mut zip = open_zip(&bundle.path)?;
    let files: Vec<&ManifestFile> = wanted
        .iter()
        .filter_map(|sha| bundle.manifest.evidence(sha))
        .collect();
    let total: u64 = files.iter().map(|f| f.size_bytes).sum();
    let mut done: u64 = 0;
    let mut out = BTreeMap::new();
    for file in files {
        let label = bundle.path.join(&file.path);
        let entry = zip
            .by_name(&file.path)
            .map_err(|e| io_err("read", &label)(io::Error::other(e.to_string())))?;
        let mut reader = entry.take(file.size_bytes);
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let base = done;
        let imported = evidence::import_reader(
            workspace,
            &mut reader,
            &label,
            name,
            &mut |n| progress(base + n, total),
            cancel,
        )
        .map_err(|err| match err {
            EvidenceError::Cancelled => BundleError::Cancelled,
            other => BundleError::Evidence(other),
        })?;
        if imported.sha256 != file.sha256 {
            return Err(BundleError::Problems {
                problems: vec![Problem::WrongHash(file.path.clone())],
                path: bundle.path.clone(),
            });
        }
        done += file.size_bytes;
        out.insert(file.sha256.clone(), imported);
    }
    Ok(out)
}

/// Whether a path's name ends in `.ocop.zip` (any case).
pub fn is_bundle_name(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.to_lowercase()
            .ends_with(crate::domain::exchange::BUNDLE_SUFFIX)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_named() {
        for (name, bad) in [
            ("../x", true),
            ("a/../../x", true),
            ("/etc/passwd", true),
            ("C:/Windows/x", true),
            ("a\\..\\x", true),
            ("Minh chứng/CON.jpg", true),
            ("a//b", true),
            ("a/b.", true),
            ("Minh chứng/3.5 Sở hữu trí tuệ/Đơn.jpg", false),
            ("product/com-hong-quang.ron", false),
            ("folder/", false),
        ] {
            assert_eq!(name_problem(name).is_some(), bad, "{name}");
        }
    }
}
