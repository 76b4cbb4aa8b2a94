//! Reading a bundle: nothing trusted, every name and size checked before a byte is
//! inflated, every file hashed against the manifest.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufReader, ErrorKind, Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::{
    BundleError, CHUNK, MAX_ENTRIES, MAX_MANIFEST_BYTES, MAX_RATIO, MAX_TOTAL_BYTES, NotBundle,
    Opened, Problem, RATIO_FLOOR_BYTES, Verified, WHOLE_RATIO_FLOOR_BYTES, io_err, sha256_hex,
    to_hex,
};
use crate::domain::exchange::{
    BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_NAME, Manifest, ManifestFile,
};
use crate::domain::filename;
use crate::domain::model::{Product, ProductId};
use crate::storage::evidence::{self, EvidenceError, Imported};
use crate::storage::load::{Parsed, parse_noting_unknown, parse_product};
use crate::storage::{MAX_PRODUCT_FILE_BYTES, StorageError};

/// Why an entry name is unsafe, if it is.
/// Longest file or folder name file systems create: 255 UTF-16 units on Windows (NTFS),
/// 255 bytes on Linux (ext4) and macOS.
const MAX_COMPONENT_BYTES: usize = 255;
/// Longest entry name accepted: Windows opens paths of 260 at most, and the entry is
/// extracted into some folder (this app writes at most `filename::MAX_ENTRY_UNITS`).
const MAX_NAME_UNITS: usize = 240;
/// Deepest nesting accepted (this app writes three levels).
const MAX_DEPTH: usize = 16;

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
    // What Windows cannot extract: a name over 255 UTF-16 units, a path too long for an
    // ordinary folder to extract it into, or nested absurdly deep.
    // (UTF-8 bytes are never fewer than UTF-16 units: the byte count covers both.)
    if trimmed.split('/').any(|c| c.len() > MAX_COMPONENT_BYTES) {
        return Some("a file or folder name longer than file systems allow (255 bytes)");
    }
    if filename::windows_len(trimmed) > MAX_NAME_UNITS {
        return Some("a path too long to extract on Windows");
    }
    if trimmed.split('/').count() > MAX_DEPTH {
        return Some("folders nested too deep");
    }
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
    // Never through a link, never blocking on a pipe swapped in since the check; and the
    // handle itself must be a regular file.
    let mut file = crate::storage::fsio::open_no_follow(path).map_err(io_err("open", path))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(not_bundle(NotBundle::NotAFile, path));
    }
    let mut magic = [0_u8; 4];
    let starts_like_zip = file.read_exact(&mut magic).is_ok() && magic == *b"PK\x03\x04";
    file.seek(io::SeekFrom::Start(0))
        .map_err(io_err("read", path))?;
    let zip = ZipArchive::new(BufReader::new(file)).map_err(|err| {
        if starts_like_zip {
            not_bundle(NotBundle::Damaged(err.to_string()), path)
        } else {
            not_bundle(NotBundle::NotAZip, path)
        }
    })?;
    // A bundle holds zips of its own (the .docx forms): cut short, its last intact inner
    // zip's end record can be taken for the bundle's, which then reads as that form. A
    // bundle always starts at byte 0; an archive found further in is the cut one.
    if zip.offset() != 0 {
        return Err(not_bundle(
            NotBundle::Damaged(format!(
                "the archive found starts {} bytes into the file",
                zip.offset()
            )),
            path,
        ));
    }
    Ok(zip)
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
    let mut packed_total: u64 = 0;
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
        packed_total = packed_total.saturating_add(packed);
        if size > RATIO_FLOOR_BYTES && size / packed.max(1) > MAX_RATIO {
            problems.push(Problem::TooLarge(format!(
                "{name}: {size} bytes from {packed} (more than {MAX_RATIO}:1)"
            )));
            continue;
        }
        names.push(name);
    }
    // Many small entries each under the per-entry floor: the ratio of the whole.
    if total > WHOLE_RATIO_FLOOR_BYTES && total / packed_total.max(1) > MAX_RATIO {
        problems.push(Problem::TooLarge(format!(
            "{total} bytes in all from {packed_total} (more than {MAX_RATIO}:1)"
        )));
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
    // A path listed twice would be hashed twice (a manifest can list one big entry
    // thousands of times): named once, hashed once.
    let mut listed_once: BTreeSet<String> = BTreeSet::new();
    let mut hashed: BTreeSet<&str> = BTreeSet::new();
    for file in &manifest.files {
        if !listed_once.insert(filename::collision_key(&file.path)) {
            problems.push(Problem::Duplicate(file.path.clone()));
        }
    }
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
        if !present.contains(file.path.as_str()) || !hashed.insert(file.path.as_str()) {
            continue;
        }
        let result = hash_entry(
            &mut zip,
            &file.path,
            &mut |n| {
                done += n;
                progress(done, total);
            },
            cancel,
        );
        match result {
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
    // Read again after the verification: it must still be what was verified.
    if manifest
        .product_file()
        .is_none_or(|f| sha256_hex(&bytes) != f.sha256)
    {
        return Err(BundleError::Problems {
            problems: vec![Problem::WrongHash(entry)],
            path: path.to_owned(),
        });
    }
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
    let text = crate::storage::load::decode_text(bytes, label).map_err(BundleError::Product)?;
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
