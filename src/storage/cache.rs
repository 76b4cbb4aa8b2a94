//! The open cache (issue 26): what the product files of a large workspace held when this
//! computer last read them, so that opening it reads one file and the stamps of the
//! others instead of parsing every product's RON again.
//!
//! - **Never the source of truth.** A product is taken from the cache only when its file
//!   is still the very file that was read: same size, same modification time and, on
//!   Unix, the same inode and change time (which no program can set back); on Windows
//!   the same creation time (a sync tool replaces a file by renaming a new one over it).
//!   Anything else is read from its file. Saving still compares the file's bytes with the
//!   stamp kept here before writing over it, so even a wrong cache never overwrites an
//!   edit made elsewhere: it would be seen as a change on disk.
//! - **Per computer, outside the workspace**: in the user's cache folder
//!   (`~/.cache/ocop-tracker/open/` on Linux, `%LOCALAPPDATA%\ocop-tracker\open\` on
//!   Windows), so sync tools never carry it. One file per workspace and program, named
//!   by a hash of both; the 8 most recently written are kept.
//! - **Tied to this build**: the executable's size and time are part of its key, so a
//!   new version (whose products may have new fields) never reads an older cache.
//! - **Only settled files**: a file changed within the last 3 s is not cached (a
//!   same-size rewrite within one tick of its time stamp would keep the identity of
//!   what was read: git's "racy clean"), nor a product holding a number JSON cannot
//!   carry (NaN). The evidence clean-up, `check` and the many-communes view read the
//!   files themselves.
//! - **Rebuildable**: a cache that is missing, damaged, of another build or another
//!   folder is ignored and written again after the open. A blob that does not decode is
//!   read from its file instead.
//! - Only for workspaces of at least [`MIN_PRODUCTS`] products: below that parsing is
//!   quick enough, and no cache file is made for every small folder a user opens.
//!
//! Layout: the products one after another, each its compact JSON LZ4-compressed exactly
//! as the window holds it in memory (`domain::store::Packed`, taken as it is: nothing is
//! compressed at open), then the index (JSON: build key, folder, and per file its stem,
//! identity, stamp, offset, length and CRC-32), then a 24-byte trailer: index offset,
//! index length (little-endian u64) and `OCOPCAC2`.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::FileStamp;
use crate::domain::model::Product;
use crate::domain::store::Packed;

/// Workspaces with fewer product files are parsed without a cache.
pub const MIN_PRODUCTS: usize = 500;
/// How many workspaces' caches are kept.
const KEEP_CACHES: usize = 8;
/// The trailer's mark (and the format's version).
const MAGIC: &[u8; 8] = b"OCOPCAC2";
/// Environment variable naming another cache folder, or `off` for none (benchmarks
/// and tests).
pub const CACHE_DIR_VAR: &str = "OCOP_CACHE_DIR";

/// Who a file is, as far as the file system tells without reading it. Fields a platform
/// does not have stay 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Identity {
    len: u64,
    modified_ns: i128,
    /// Unix: change time. Windows: creation time.
    changed_ns: i128,
    /// Unix: inode and device.
    inode: u64,
    device: u64,
}

impl Identity {
    /// The identity in `meta` (of the open file or its listing entry).
    pub fn of(meta: &fs::Metadata) -> Identity {
        let ns = |t: std::io::Result<std::time::SystemTime>| -> i128 {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(0))
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Identity {
                len: meta.len(),
                modified_ns: ns(meta.modified()),
                changed_ns: i128::from(meta.ctime()) * 1_000_000_000
                    + i128::from(meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            Identity {
                len: meta.len(),
                modified_ns: ns(meta.modified()),
                changed_ns: ns(meta.created()),
                inode: 0,
                device: 0,
            }
        }
    }
}

#[derive(Serialize, Deserialize)]
struct IndexEntry {
    stem: String,
    identity: Identity,
    stamp_len: u64,
    stamp_hash: u64,
    offset: u64,
    len: u64,
    /// CRC-32 of the blob: a cache changed on disk (a bad sector, another program) is
    /// never taken for a product, even where it still decodes.
    crc: u32,
}

#[derive(Serialize, Deserialize)]
struct Index {
    build: String,
    folder: String,
    entries: Vec<IndexEntry>,
}

/// This build's key: version, schema and the executable's size and time.
fn build_key() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} schema {} exe {} {}",
        env!("CARGO_PKG_VERSION"),
        super::SCHEMA_VERSION,
        meta.len(),
        modified.as_nanos()
    ))
}

/// The folder caches go to: `OCOP_CACHE_DIR` if set (`off`: none), else the user's
/// cache folder.
pub fn cache_folder() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_VAR) {
        Some(value) if value == "off" || value.is_empty() => None,
        Some(value) => Some(PathBuf::from(value)),
        None => dirs::cache_dir().map(|d| d.join("ocop-tracker").join("open")),
    }
}

/// The cache file of workspace `dir` inside `folder`: one per workspace and program (the
/// officers' program and the developers' are different builds, whose caches would
/// otherwise replace each other's at every open).
pub fn cache_file(folder: &Path, dir: &Path) -> PathBuf {
    let program = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let name = format!("{program}\n{}", folder_name(dir));
    let digest = Sha256::digest(name.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    folder.join(format!("{hex}.cache"))
}

fn folder_name(dir: &Path) -> String {
    fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_owned())
        .to_string_lossy()
        .into_owned()
}

/// A cache opened for reading: its index in memory, its blobs read on demand.
pub struct Reader {
    file: File,
    entries: HashMap<String, (Identity, FileStamp, u64, u64, u32)>,
    /// A blob failed its check or to decode: the cache is rewritten after the open.
    damaged: AtomicBool,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Reader {
    /// Opens the cache at `path` for workspace `dir`, or None when it is missing,
    /// damaged, of another build or of another folder.
    pub fn open(path: &Path, dir: &Path) -> Option<Reader> {
        let mut file = File::open(path).ok()?;
        let total = file.metadata().ok()?.len();
        let mut trailer = [0u8; 24];
        file.seek(SeekFrom::Start(total.checked_sub(24)?)).ok()?;
        file.read_exact(&mut trailer).ok()?;
        let (numbers, magic) = trailer.split_at(16);
        if magic != MAGIC {
            return None;
        }
        let word = |range: std::ops::Range<usize>| -> Option<u64> {
            Some(u64::from_le_bytes(numbers.get(range)?.try_into().ok()?))
        };
        let (offset, len) = (word(0..8)?, word(8..16)?);
        if offset.checked_add(len)? != total - 24 {
            return None;
        }
        file.seek(SeekFrom::Start(offset)).ok()?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        file.read_exact(&mut bytes).ok()?;
        let index: Index = serde_json::from_slice(&bytes).ok()?;
        if Some(index.build) != build_key() || index.folder != folder_name(dir) {
            return None;
        }
        let entries = index
            .entries
            .into_iter()
            .filter(|e| e.offset.checked_add(e.len).is_some_and(|end| end <= offset))
            .map(|e| {
                let stamp = FileStamp {
                    len: e.stamp_len,
                    hash: e.stamp_hash,
                };
                (e.stem, (e.identity, stamp, e.offset, e.len, e.crc))
            })
            .collect();
        Some(Reader {
            file,
            entries,
            damaged: AtomicBool::new(false),
        })
    }

    /// The product file `stem` as cached, if `identity` is still the file's; `buffer` is
    /// reused between calls. None (counted as a miss) when it must be read from its file.
    pub fn product(
        &self,
        stem: &str,
        identity: &Identity,
        buffer: &mut Vec<u8>,
    ) -> Option<(Product, FileStamp, Packed)> {
        self.entries
            .get(stem)
            .and_then(|(cached, stamp, offset, len, crc)| {
                if cached != identity {
                    return None;
                }
                let decoded = read_at(&self.file, *offset, *len, buffer)
                    .ok()
                    .filter(|()| crc32fast::hash(buffer) == *crc)
                    .and_then(|()| {
                        let packed = Packed::from_bytes(buffer.as_slice().into());
                        let json = packed.json()?;
                        // Validated as UTF-8 once, whole: `from_slice` would check string
                        // by string.
                        let text = std::str::from_utf8(&json).ok()?;
                        let product = serde_json::from_str::<Product>(text).ok()?;
                        (product.id.as_str() == stem && product.all_finite())
                            .then_some((product, packed))
                    });
                if decoded.is_none() {
                    self.damaged.store(true, Ordering::Relaxed);
                }
                decoded.map(|(p, packed)| (p, *stamp, packed))
            })
    }

    /// Whether the cache should be written again after an open of `count` files of
    /// which `uncached` could have been cached but were read from their files (new or
    /// changed since): a blob was damaged, or enough of them that the next open gains.
    /// Files that are never cached (a problem, read-only) do not count, or a workspace
    /// holding many would rewrite its cache at every open.
    pub fn stale(&self, count: usize, uncached: usize) -> bool {
        self.damaged.load(Ordering::Relaxed) || uncached >= (count / 20).max(100)
    }
}

#[cfg(unix)]
fn read_at(file: &File, offset: u64, len: u64, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt as _;
    buffer.resize(usize::try_from(len).map_err(std::io::Error::other)?, 0);
    file.read_exact_at(buffer, offset)
}

#[cfg(windows)]
fn read_at(file: &File, offset: u64, len: u64, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    buffer.resize(usize::try_from(len).map_err(std::io::Error::other)?, 0);
    let mut done = 0;
    while let Some(rest) = buffer.get_mut(done..).filter(|r| !r.is_empty()) {
        let n = file.seek_read(rest, offset + done as u64)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        done += n;
    }
    Ok(())
}

/// One product to write into the cache.
pub struct Entry<'a> {
    /// Its file's stem.
    pub stem: &'a str,
    /// Who its file was when read.
    pub identity: Identity,
    /// What its file held.
    pub stamp: FileStamp,
    /// The product as read from it, packed (`Products::packed_of` packs no product JSON
    /// cannot hold exactly).
    pub packed: Packed,
}

/// Writes the cache of workspace `dir` to `path` (through a temporary file renamed over
/// it), then keeps only the most recent caches of its folder. Errors are returned for
/// the log; a cache that cannot be written only means the next open parses.
pub fn write<'a>(
    path: &Path,
    dir: &Path,
    entries: impl Iterator<Item = Entry<'a>>,
) -> std::io::Result<()> {
    let build = build_key().ok_or_else(|| std::io::Error::other("no executable to key on"))?;
    let folder = path
        .parent()
        .ok_or_else(|| std::io::Error::other("cache path has no folder"))?;
    fs::create_dir_all(folder)?;
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut out = BufWriter::with_capacity(256 * 1024, File::create(&temp)?);
        let mut index = Index {
            build,
            folder: folder_name(dir),
            entries: Vec::new(),
        };
        let mut offset = 0u64;
        let now_ns = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(0));
        for entry in entries.filter(|e| settled(&e.identity, now_ns)) {
            let blob = entry.packed.bytes();
            out.write_all(blob)?;
            let len = blob.len() as u64;
            index.entries.push(IndexEntry {
                stem: entry.stem.to_owned(),
                identity: entry.identity,
                stamp_len: entry.stamp.len,
                stamp_hash: entry.stamp.hash,
                offset,
                len,
                crc: crc32fast::hash(blob),
            });
            offset += len;
        }
        let index_bytes = serde_json::to_vec(&index)?;
        out.write_all(&index_bytes)?;
        out.write_all(&offset.to_le_bytes())?;
        out.write_all(&(index_bytes.len() as u64).to_le_bytes())?;
        out.write_all(MAGIC)?;
        out.into_inner().map_err(|e| e.into_error())?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    prune(folder, path);
    Ok(())
}

/// Whether a file was last changed long enough ago to be cached: a file rewritten at the
/// same size within one tick of its time stamp (2 s on a FAT32 stick) would otherwise
/// keep the identity of what was read and be served stale ("racy clean", as git calls
/// it). Such a file is read from itself at the next open, and cached at a later one.
fn settled(identity: &Identity, now_ns: i128) -> bool {
    const MARGIN_NS: i128 = 3_000_000_000;
    identity.modified_ns.max(identity.changed_ns) < now_ns - MARGIN_NS
}

/// Whether `path` is one of this module's files: `<16 hex digits>.cache`, or a temporary
/// `<16 hex digits>.tmp<digits>` (the clean-up touches nothing else, whatever folder
/// `OCOP_CACHE_DIR` names).
fn ours(path: &Path) -> Option<bool> {
    let stem = path.file_stem()?.to_str()?;
    let ext = path.extension()?.to_str()?;
    if stem.len() != 16 || !stem.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    if ext == "cache" {
        Some(true)
    } else if ext
        .strip_prefix("tmp")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    {
        Some(false)
    } else {
        None
    }
}

/// Keeps the [`KEEP_CACHES`] most recently written caches of `folder` (and `keep`), and
/// removes temporary files a crash left.
fn prune(folder: &Path, keep: &Path) {
    let Ok(listing) = fs::read_dir(folder) else {
        return;
    };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for entry in listing.filter_map(Result::ok) {
        let path = entry.path();
        let modified = entry
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        match ours(&path) {
            Some(true) if path != keep => caches.push((modified, path)),
            Some(false) => {
                let old = modified
                    .elapsed()
                    .is_ok_and(|age| age > std::time::Duration::from_secs(3600));
                if old {
                    let _ = fs::remove_file(&path);
                }
            }
            _ => {}
        }
    }
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, path) in caches.into_iter().skip(KEEP_CACHES - 1) {
        let _ = fs::remove_file(path);
    }
}
