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

use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::StorageError;
use super::evidence::EvidenceError;
use crate::domain::exchange::{FileRole, MANIFEST_NAME, Manifest};
use crate::domain::model::Product;

mod read;
mod write;

pub use read::{extract_evidence, open, peek, verify};
pub use write::write_bundle;

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
/// Bundles over this are also ratio-checked as a whole (many small entries, each under
/// [`RATIO_FLOOR_BYTES`], can add up to a bomb).
pub const WHOLE_RATIO_FLOOR_BYTES: u64 = 64 << 20;
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
    pub manifest: Manifest,
    /// Problems found; empty when every file matches.
    pub problems: Vec<Problem>,
}

/// A bundle ready to import or review: sound, with its product parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The bundle file.
    pub path: PathBuf,
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

/// A file Explorer may hand over from "Open with" or the .zip right-click menu (the
/// installer offers the program for every .zip, since Windows knows only the last
/// extension): a `.ocop.zip`, or any existing `.zip` file, opened for review (which says
/// so plainly when it is not a bundle).
pub fn is_zip_to_review(path: &Path) -> bool {
    is_bundle_name(path)
        || (path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
            && path.is_file())
}

/// Whether `path` is named like a bundle (`….ocop.zip`, any case).
pub fn is_bundle_name(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.to_lowercase()
            .ends_with(crate::domain::exchange::BUNDLE_SUFFIX)
    })
}
