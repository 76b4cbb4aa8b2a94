//! Reading a workspace: product files parsed on every core, every problem named, links,
//! pipes, odd names and conflict copies kept apart, older schemas migrated in memory.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

mod parallel;
mod single;
use parallel::{Keep, read_products_parallel};
pub use single::{
    FolderState, OnDisk, documents_dir, folder_state, looks_like_workspace, product_dir_listing,
    product_file_meta, read_conflict_copy, read_product_file, total_size, trash_conflict_copy,
};

use super::{
    ConflictCopy, ConflictTool, FileStamp, MAX_PRODUCT_FILE_BYTES, MAX_SETTINGS_FILE_BYTES,
    PRODUCTS_DIR, ProductFile, SCHEMA_VERSION, SkipReason, StorageError, TRASH_DIR, WORKSPACE_FILE,
    WorkspaceFile, cache, compact, fsio, migrate, shared,
};
use crate::domain::catalog::Catalog;
use crate::domain::digest::Digest;
use crate::domain::model::{Product, ProductId, Workspace};
use crate::domain::store::{DigestOf, Packed};

/// Reads only the schema version of one of our files, without parsing the rest, so a
/// newer file whose structure this build does not know is still recognised as newer.
fn scan_schema_version(text: &str) -> Option<u32> {
    let start = text.find("schema_version")? + "schema_version".len();
    let rest = text.get(start..)?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Why a product opened read-only: it is shown, never written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Written by a newer schema.
    NewerSchema,
    /// Holds fields this build does not know; saving would drop them.
    UnknownFields,
}

/// A workspace as loaded, with everything that went wrong on the way.
#[derive(Debug, Default)]
pub struct LoadedWorkspace {
    /// What could be read.
    pub workspace: Workspace,
    /// Problems, one per file, in file-name order.
    pub problems: Vec<StorageError>,
    /// Products shown but never written (newer schema, unknown fields).
    pub read_only: BTreeMap<ProductId, ReadOnlyReason>,
    /// File stems in `products/` that could not be read: never written over.
    pub unreadable: BTreeSet<String>,
    /// Whether `workspace.ron` may be written (false if it was unreadable, newer or had
    /// unknown fields).
    pub workspace_file_writable: bool,
    /// Whether `products/` may be written (false when it is a link or not a folder).
    pub products_dir_writable: bool,
    /// What each product file held when it was read (checked before writing over it).
    pub stamps: BTreeMap<ProductId, FileStamp>,
    /// Conflict copies made by sync tools or by this app: never loaded as products.
    pub conflicts: Vec<ConflictCopy>,
    /// Names, sizes and times in `products/` as read (what a later rescan compares).
    pub listing: shared::Listing,
    /// How many products came from this computer's open cache instead of their files.
    pub from_cache: usize,
}

/// Path of a product's file.
pub fn product_path(dir: &Path, id: &ProductId) -> PathBuf {
    dir.join(PRODUCTS_DIR).join(format!("{}.ron", id.as_str()))
}

fn parse_error(err: &ron::error::SpannedError, path: &Path) -> StorageError {
    StorageError::Parse {
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
        path: path.to_owned(),
    }
}

/// A parsed file and the paths of the fields this build does not know.
pub(crate) struct Parsed<T> {
    pub(crate) value: T,
    pub(crate) unknown_fields: Vec<String>,
}

/// Parses RON, collecting (instead of silently dropping) fields the types do not have.
pub(crate) fn parse_noting_unknown<T: for<'de> Deserialize<'de>>(
    text: &str,
    path: &Path,
) -> Result<Parsed<T>, StorageError> {
    let mut de = ron::Deserializer::from_str(text).map_err(|e| parse_error(&e, path))?;
    let mut unknown_fields = Vec::new();
    let value = serde_ignored::deserialize(&mut de, |field| {
        unknown_fields.push(field.to_string());
    })
    .map_err(|e| parse_error(&de.span_error(e), path))?;
    de.end().map_err(|e| parse_error(&de.span_error(e), path))?;
    Ok(Parsed {
        value,
        unknown_fields,
    })
}

/// Parses one of our files: checks the schema version first, then the full envelope.
fn parse_versioned<T: for<'de> Deserialize<'de>>(
    text: &str,
    path: &Path,
) -> Result<Parsed<T>, StorageError> {
    if let Some(found) = scan_schema_version(text)
        && found > SCHEMA_VERSION
    {
        return Err(StorageError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
            path: path.to_owned(),
        });
    }
    parse_noting_unknown(text, path)
}

/// Parses a product file of any schema this build knows, migrated to today's model.
pub(crate) fn parse_product(text: &str, path: &Path) -> Result<Parsed<Product>, StorageError> {
    if scan_schema_version(text) == Some(1) {
        let parsed = parse_noting_unknown::<ProductFile<migrate::HistoryEntryV1>>(text, path)?;
        return Ok(Parsed {
            value: migrate::product_from_v1(parsed.value.product),
            unknown_fields: parsed.unknown_fields,
        });
    }
    let parsed = parse_versioned::<ProductFile>(text, path)?;
    Ok(Parsed {
        value: parsed.value.product,
        unknown_fields: parsed.unknown_fields,
    })
}

/// Bytes to text: a UTF-8 byte-order mark (Windows Notepad) is accepted and dropped;
/// invalid UTF-8 is reported at its real line and column.
pub(crate) fn decode_text(bytes: Vec<u8>, path: &Path) -> Result<String, StorageError> {
    decode_str(&bytes, path).map(str::to_owned)
}

/// [`decode_text`] without a copy: the text inside `bytes`, after any byte-order mark.
fn decode_str<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, StorageError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = err.valid_up_to();
        let before = bytes.get(..valid).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
            .chars()
            .count()
            + 1;
        StorageError::Parse {
            line,
            column,
            message: format!("not UTF-8 text (byte {valid} of the file)"),
            path: path.to_owned(),
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads a text file of ours, refusing links, pipes and files over `limit_bytes`.
pub(super) fn read_text(path: &Path, limit_bytes: u64) -> Result<Option<String>, StorageError> {
    match fsio::read_regular(path, limit_bytes)? {
        Some(bytes) => decode_text(bytes, path).map(Some),
        None => Ok(None),
    }
}

/// One product file, read and parsed (pure function of its bytes, run on worker threads).
pub(super) struct ProductRead {
    stem: String,
    /// The product read, while it is not packed (see `parallel::pack`).
    product: Option<Product>,
    /// The product read, packed, with its id.
    packed: Option<(ProductId, Packed)>,
    /// Its digest, when the loader was given the rules.
    digest: Option<Digest>,
    problems: Vec<StorageError>,
    read_only: Option<ReadOnlyReason>,
    /// The `id` written inside the file, when it differs from the file name.
    claimed_id: Option<String>,
    /// What the file held.
    stamp: Option<FileStamp>,
    /// Its size and time when read (what a later rescan compares).
    seen: Option<(u64, Option<std::time::SystemTime>)>,
    /// Who the file was when read (what the open cache is keyed on).
    identity: Option<cache::Identity>,
    /// Whether it came from the open cache.
    cached: bool,
}

/// `buffer` receives the file's bytes, `spare` its compact text: both reused from file to
/// file by one worker.
pub(super) fn read_product(
    path: &Path,
    stem: String,
    regular: bool,
    buffer: &mut Vec<u8>,
    spare: &mut String,
) -> ProductRead {
    let mut read = ProductRead {
        stem,
        product: None,
        packed: None,
        digest: None,
        problems: Vec::new(),
        read_only: None,
        claimed_id: None,
        stamp: None,
        seen: None,
        identity: None,
        cached: false,
    };
    let read_into = if regular {
        fsio::read_listed_regular_into
    } else {
        fsio::read_regular_into
    };
    match read_into(path, MAX_PRODUCT_FILE_BYTES, buffer) {
        Ok(Some(meta)) => {
            read.seen = Some((meta.len(), meta.modified().ok()));
            read.identity = Some(cache::Identity::of(&meta));
        }
        Ok(None) => return read, // removed while listing
        Err(err) => {
            read.problems.push(err);
            return read;
        }
    }
    read.stamp = Some(FileStamp::of(buffer));
    let text = match decode_str(buffer, path) {
        Ok(text) => text,
        Err(err) => {
            read.problems.push(err);
            return read;
        }
    };
    // The compact text parses in a third less time; any error is reported from the
    // original text, with its true line and column.
    let parsed = match compact::compact_into(text, spare) {
        Some(compact) => parse_product(compact, path).or_else(|_| parse_product(text, path)),
        None => parse_product(text, path),
    };
    let mut product = match parsed {
        Ok(parsed) => {
            if !parsed.unknown_fields.is_empty() {
                read.read_only = Some(ReadOnlyReason::UnknownFields);
                read.problems.push(StorageError::UnknownFields {
                    fields: parsed.unknown_fields,
                    path: path.to_owned(),
                });
            }
            parsed.value
        }
        Err(err @ StorageError::NewerSchema { .. }) => {
            // Shown read-only when this build can make sense of it at all.
            read.read_only = Some(ReadOnlyReason::NewerSchema);
            read.problems.push(err);
            match ron::from_str::<ProductFile>(text) {
                Ok(file) => file.product,
                Err(_) => return read,
            }
        }
        Err(err) => {
            read.problems.push(err);
            return read;
        }
    };
    if product.id.as_str() != read.stem {
        // The file name is the identity; a copied file keeps its new name.
        read.claimed_id = Some(product.id.as_str().to_owned());
        read.problems.push(StorageError::IdMismatch {
            inside: product.id.as_str().to_owned(),
            name: read.stem.clone(),
            path: path.to_owned(),
        });
        // The stem was checked to be a valid id before the file was read.
        if let Some(id) = ProductId::parse(&read.stem) {
            product.id = id;
        }
    }
    read.product = Some(product);
    read
}

/// Why a name in `products/` is not read as a product, or None when it is one.
fn product_name_problem(name: &str) -> Option<SkipReason> {
    let stem = name.strip_suffix(".ron")?;
    if stem.starts_with('.') || stem.is_empty() {
        return Some(SkipReason::HiddenName);
    }
    if !ProductId::is_valid(stem) {
        return Some(SkipReason::NotAProductId);
    }
    None
}

/// Loads the workspace in `dir`, reporting problems and going on.
///
/// Fails only when `dir` is not a workspace at all. Product files are parsed on all
/// cores; the result is the same as reading them one by one in file-name order. A large
/// workspace goes through this computer's open cache ([`cache`]).
pub fn load_workspace(dir: &Path) -> Result<LoadedWorkspace, StorageError> {
    load_workspace_using(dir, cache::cache_folder().as_deref())
}

/// [`load_workspace`] with the open cache in `cache_folder` (None: no cache).
pub fn load_workspace_using(
    dir: &Path,
    cache_folder: Option<&Path>,
) -> Result<LoadedWorkspace, StorageError> {
    load_workspace_as(dir, cache_folder, KeepAs::Packed)
}

/// [`load_workspace`] for a window: each product's digest (`domain::digest`) is computed
/// against `catalog` and `today` while the product is decoded anyway, on the worker that
/// read it, so the first frame decodes nothing.
pub fn load_workspace_for(
    dir: &Path,
    catalog: &Catalog,
    today: chrono::NaiveDate,
) -> Result<LoadedWorkspace, StorageError> {
    load_workspace_as(
        dir,
        cache::cache_folder().as_deref(),
        KeepAs::Digested(catalog, today),
    )
}

/// [`load_workspace_using`] with no cache and every product left decoded, for a caller
/// that takes them all at once and changes them (the many-communes view).
pub fn load_workspace_decoded(dir: &Path) -> Result<LoadedWorkspace, StorageError> {
    load_workspace_as(dir, None, KeepAs::Decoded)
}

/// How the loaded products are held.
enum KeepAs<'a> {
    Packed,
    Digested(&'a Catalog, chrono::NaiveDate),
    Decoded,
}

fn load_workspace_as(
    dir: &Path,
    cache_folder: Option<&Path>,
    keep_as: KeepAs<'_>,
) -> Result<LoadedWorkspace, StorageError> {
    let ws_path = dir.join(WORKSPACE_FILE);
    let products_dir = dir.join(PRODUCTS_DIR);
    let ws_entry = fs::symlink_metadata(&ws_path).ok();
    let products_entry = fs::symlink_metadata(&products_dir).ok();
    if !dir.is_dir() || (ws_entry.is_none() && products_entry.is_none()) {
        return Err(StorageError::NotAWorkspace {
            path: dir.to_owned(),
        });
    }
    let mut loaded = LoadedWorkspace {
        workspace_file_writable: true,
        products_dir_writable: true,
        ..Default::default()
    };
    if ws_entry.is_some() {
        read_workspace_file(&mut loaded, &ws_path);
    }
    match fsio::check_dir(&products_dir) {
        Ok(true) => {}
        Ok(false) => return Ok(loaded),
        Err(err) => {
            loaded.products_dir_writable = false;
            loaded.problems.push(err);
            return Ok(loaded);
        }
    }
    let to_read = list_product_files(&mut loaded, &products_dir)?;
    let stems: Vec<&str> = to_read.iter().map(|(_, stem, _)| stem.as_str()).collect();
    // Files whose `id` differs from their name, by the id they claim (a file that matches
    // its name claims its own stem: checked at the end, for these ids only).
    let mut claims: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut not_self: BTreeSet<String> = BTreeSet::new();
    let cache_path = cache_folder
        .filter(|_| to_read.len() >= cache::MIN_PRODUCTS)
        .map(|folder| cache::cache_file(folder, dir));
    let cached = cache_path
        .as_deref()
        .and_then(|path| cache::Reader::open(path, dir));
    // Files read cleanly (no problem, writable, named by their id), for the next cache.
    let mut clean: BTreeMap<ProductId, cache::Identity> = BTreeMap::new();
    let mut clean_from_cache = 0usize;
    // Each read is moved into the workspace as soon as it is due, while the workers parse on.
    let keep = match keep_as {
        KeepAs::Packed => Keep::Packed(None),
        KeepAs::Digested(catalog, today) => Keep::Packed(Some(DigestOf {
            catalog,
            today,
            side: loaded.workspace.info.kind,
        })),
        KeepAs::Decoded => Keep::Decoded,
    };
    let mut products = std::mem::take(&mut loaded.workspace.products);
    read_products_parallel(
        &to_read,
        cached.as_ref(),
        keep,
        &mut |mut read: ProductRead| {
            if let Some(seen) = read.seen {
                loaded.listing.insert(format!("{}.ron", read.stem), seen);
            }
            if let Some(claimed) = &read.claimed_id {
                not_self.insert(read.stem.clone());
                // OneDrive's `<id>-<computer>.ron`: a copy of a product that also exists.
                if shared::onedrive_copy_of(&read.stem, claimed, &stems)
                    && let Some(of) = ProductId::parse(claimed)
                {
                    loaded.conflicts.push(ConflictCopy {
                        path: products_dir.join(format!("{}.ron", read.stem)),
                        of,
                        tool: ConflictTool::OneDrive,
                    });
                    read.problems
                        .retain(|p| !matches!(p, StorageError::IdMismatch { .. }));
                    loaded.problems.extend(read.problems);
                    return;
                }
                claims
                    .entry(claimed.clone())
                    .or_default()
                    .push(read.stem.clone());
            }
            let is_clean = read.problems.is_empty() && read.read_only.is_none();
            loaded.from_cache += usize::from(read.cached);
            clean_from_cache += usize::from(read.cached && is_clean);
            loaded.problems.extend(read.problems);
            let id = match (&read.packed, &read.product) {
                (Some((id, _)), _) => Some(id.clone()),
                (None, Some(product)) => Some(product.id.clone()),
                (None, None) => None,
            };
            match id {
                Some(id) => {
                    if let (true, Some(identity)) =
                        (is_clean && cache_path.is_some(), read.identity)
                    {
                        clean.insert(id.clone(), identity);
                    }
                    if let Some(stamp) = read.stamp {
                        loaded.stamps.insert(id.clone(), stamp);
                    }
                    if let Some(reason) = read.read_only {
                        loaded.read_only.insert(id.clone(), reason);
                    }
                    match (read.packed, read.product) {
                        (Some((_, packed)), _) => products.insert_packed(id, packed, read.digest),
                        (None, Some(product)) => products.insert_open(id, product, read.digest),
                        (None, None) => {}
                    }
                }
                None => {
                    if let (Some(stamp), Some(id)) = (read.stamp, ProductId::parse(&read.stem)) {
                        loaded.stamps.insert(id, stamp);
                    }
                    loaded.unreadable.insert(read.stem);
                }
            }
        },
    );
    loaded.workspace.products = products;
    loaded
        .problems
        .extend(same_id_problems(claims, &stems, &not_self, &products_dir));
    if let Some(path) = cache_path
        && cached
            .as_ref()
            .is_none_or(|c| c.stale(to_read.len(), clean.len().saturating_sub(clean_from_cache)))
    {
        drop(cached);
        write_cache(&path, dir, &clean, &loaded);
    }
    Ok(loaded)
}

/// Two or more files claiming one id (by the `id` inside them, or a file named by the id
/// that claims its own), each named in file-name order like every other problem.
fn same_id_problems(
    claims: BTreeMap<String, Vec<String>>,
    stems: &[&str],
    not_self: &BTreeSet<String>,
    products_dir: &Path,
) -> Vec<StorageError> {
    let mut problems = Vec::new();
    for (claimed, mut claimants) in claims {
        if stems.contains(&claimed.as_str()) && !not_self.contains(&claimed) {
            claimants.push(claimed.clone());
        }
        if claimants.len() < 2 {
            continue;
        }
        let mut names: Vec<String> = claimants.iter().map(|s| format!("{s}.ron")).collect();
        names.sort();
        problems.push(StorageError::SameId {
            id: claimed,
            files: names,
            path: products_dir.to_owned(),
        });
    }
    problems
}

/// Writes this computer's open cache of `dir` at `path` from the products read cleanly
/// (`clean`); a failure is only logged (the cache is never the source of truth).
fn write_cache(
    path: &Path,
    dir: &Path,
    clean: &BTreeMap<ProductId, cache::Identity>,
    loaded: &LoadedWorkspace,
) {
    let entries = clean.iter().filter_map(|(id, identity)| {
        Some(cache::Entry {
            stem: id.as_str(),
            identity: *identity,
            stamp: *loaded.stamps.get(id)?,
            packed: loaded.workspace.products.packed_of(id)?,
        })
    });
    if let Err(err) = cache::write(path, dir, entries) {
        log::warn!("open cache {} not written: {err}", path.display());
    }
}

/// `workspace.ron` read into `loaded`: its settings, or the problem that names it (the
/// file is then never written over).
fn read_workspace_file(loaded: &mut LoadedWorkspace, ws_path: &Path) {
    match read_text(ws_path, MAX_SETTINGS_FILE_BYTES)
        .and_then(|t| parse_versioned::<WorkspaceFile>(&t.unwrap_or_default(), ws_path))
    {
        Ok(parsed) => {
            loaded.workspace.info = parsed.value.info;
            if !parsed.unknown_fields.is_empty() {
                loaded.workspace_file_writable = false;
                loaded.problems.push(StorageError::UnknownFields {
                    fields: parsed.unknown_fields,
                    path: ws_path.to_owned(),
                });
            }
        }
        Err(err) => {
            loaded.workspace_file_writable = false;
            loaded.problems.push(err);
        }
    }
}

/// The product files of `products_dir` to read, in file-name order, as (path, stem,
/// whether the listing says it is a regular file); conflict copies, names that are not
/// product ids and files that are not UTF-8 named go into `loaded` on the way.
fn list_product_files(
    loaded: &mut LoadedWorkspace,
    products_dir: &Path,
) -> Result<Vec<(PathBuf, String, bool)>, StorageError> {
    let entries = fs::read_dir(products_dir).map_err(|source| StorageError::Io {
        action: "list",
        source,
        path: products_dir.to_owned(),
    })?;
    // (path, stem, whether the listing says it is a regular file)
    let mut to_read: Vec<(PathBuf, String, bool)> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(name) = entry.file_name().into_string() else {
            if path.extension().is_some_and(|e| e == "ron") {
                loaded.problems.push(StorageError::Skipped {
                    reason: SkipReason::NotUtf8Name,
                    path,
                });
            }
            continue;
        };
        if !name.ends_with(".ron") || fsio::is_temp_name(&name) {
            continue;
        }
        if let Some((base, tool)) = shared::conflict_by_name(name.trim_end_matches(".ron")) {
            if let Ok(meta) = entry.metadata() {
                loaded
                    .listing
                    .insert(name.clone(), (meta.len(), meta.modified().ok()));
            }
            match ProductId::parse(&base) {
                Some(of) => loaded.conflicts.push(ConflictCopy { path, of, tool }),
                None => loaded.problems.push(StorageError::Skipped {
                    reason: SkipReason::NotAProductId,
                    path,
                }),
            }
            continue;
        }
        if let Some(reason) = product_name_problem(&name) {
            loaded.problems.push(StorageError::Skipped {
                reason,
                path: path.clone(),
            });
            loaded
                .unreadable
                .insert(name.trim_end_matches(".ron").to_owned());
            continue;
        }
        let stem = name.trim_end_matches(".ron").to_owned();
        // The listing's own type (no extra system call): a regular file is opened
        // directly, anything else goes through the full check that names it.
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        to_read.push((path, stem, regular));
    }
    // File-name order (comparing names, not paths component by component).
    to_read.sort_unstable_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    Ok(to_read)
}
