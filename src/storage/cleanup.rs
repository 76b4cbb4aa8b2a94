//! "Clean up unused evidence": decided from a fresh scan of every product file at the
//! moment it runs, never from what a window loaded earlier; files move to
//! `trash/evidence/`, never deleted here.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::load::{parse_product, read_text};
use super::{
    MAX_PRODUCT_FILE_BYTES, PRODUCTS_DIR, ProductFile, SkipReason, StorageError, TRASH_DIR,
    evidence, fsio, load_workspace_using, product_path,
};
use crate::domain::model::Product;

/// New evidence files are kept at least this long by clean-up: a file may arrive
/// through a sync folder before the product file that names it. Counted from when this
/// computer first saw the file (`storage::seen`), not from its modification time.
pub const EVIDENCE_GRACE: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// What "clean up unused evidence" would do now.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CleanupPlan {
    /// Stored paths that no product references, older than the grace period and named
    /// by their content's SHA-256: these move to `trash/evidence/`.
    pub removable: Vec<String>,
    /// Unreferenced files kept because they are newer than the grace period.
    pub too_young: Vec<String>,
    /// Files whose name is not their content's SHA-256: reported, never removed.
    pub misnamed: Vec<String>,
}

/// Every 64-hex-digit token of `text`, lower-case: the SHA-256 names a file may hold.
fn sha256_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_hexdigit())
        .filter(|t| t.len() == 64)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Plans the clean-up from a fresh scan of every product file at this moment (not from
/// what a window loaded earlier: another officer may have attached a file since).
///
/// Refuses while any product file is unreadable, read-only (newer schema, unknown
/// fields) or in conflict, since its references are unknown or disputed. A stored file
/// counts as used when any product, in `products/` or `trash/`, references its SHA-256,
/// whatever its extension (a file renamed `.jpg` → `.png` is still the same content).
pub fn unused_evidence(
    dir: &Path,
    now: std::time::SystemTime,
    grace: std::time::Duration,
) -> Result<CleanupPlan, StorageError> {
    // Every product file as it is now, never the open cache: a file evidence is removed
    // by must be what was read.
    let loaded = load_workspace_using(dir, None)?;
    let refuse = |reason, path| Err(StorageError::Refused { reason, path });
    if let Some(stem) = loaded.unreadable.iter().next() {
        return refuse(
            crate::storage::WhyRefused::EvidenceUnreadableProduct,
            dir.join(PRODUCTS_DIR).join(format!("{stem}.ron")),
        );
    }
    if let Some(id) = loaded.read_only.keys().next() {
        return refuse(
            crate::storage::WhyRefused::EvidenceReadOnlyProduct,
            product_path(dir, id),
        );
    }
    if let Some(copy) = loaded.conflicts.first() {
        return refuse(
            crate::storage::WhyRefused::EvidenceConflict,
            copy.path.clone(),
        );
    }
    let mut referenced: BTreeSet<String> = BTreeSet::new();
    let mut add = |product: &Product| {
        for app in &product.applications {
            for entry in &app.dossier {
                for attachment in &entry.attachments {
                    referenced.insert(attachment.sha256.to_ascii_lowercase());
                }
            }
        }
    };
    for product in loaded.workspace.products.values() {
        add(&product);
    }
    let mut in_trash_text: Vec<String> = Vec::new();
    let trash = dir.join(TRASH_DIR);
    if fsio::check_dir(&trash)? {
        let entries = fs::read_dir(&trash).map_err(|source| StorageError::Io {
            action: "list",
            source,
            path: trash.clone(),
        })?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return Err(StorageError::Skipped {
                    reason: SkipReason::NotUtf8Name,
                    path,
                });
            };
            if !name.ends_with(".ron") || fsio::is_temp_name(name) {
                continue;
            }
            // A product in the trash that cannot be read may reference anything: refuse.
            let text = read_text(&path, MAX_PRODUCT_FILE_BYTES)?.unwrap_or_default();
            // Any SHA-256 written anywhere in it counts, also in fields this build does not
            // know (a newer version's file): better kept than lost.
            in_trash_text.extend(sha256_tokens(&text));
            let parsed = parse_product(&text, &path)
                .map(|p| p.value)
                .or_else(|err| match err {
                    StorageError::NewerSchema { .. } => ron::from_str::<ProductFile>(&text)
                        .map(|f| f.product)
                        .map_err(|_| err),
                    other => Err(other),
                })?;
            add(&parsed);
        }
    }
    referenced.extend(in_trash_text);
    let stored = evidence::list_stored(dir).map_err(|err| StorageError::Data {
        message: err.to_string(),
        path: dir.join(evidence::EVIDENCE_DIR),
    })?;
    let mut plan = CleanupPlan::default();
    let unused: Vec<(String, Option<String>)> = stored
        .into_iter()
        .map(|stored_path| {
            let name_sha = evidence::sha_of_stored_name(&stored_path);
            (stored_path, name_sha)
        })
        .filter(|(_, sha)| !sha.as_deref().is_some_and(|sha| referenced.contains(sha)))
        .collect();
    // The grace runs from when this computer first saw a file (a sync tool keeps the
    // other PC's modification time), or from its modification time if that is later.
    let keys: Vec<String> = unused
        .iter()
        .map(|(path, sha)| sha.clone().unwrap_or_else(|| path.clone()))
        .collect();
    let seen = super::seen::first_seen(dir, &keys, now)?;
    for ((stored_path, name_sha), key) in unused.into_iter().zip(keys) {
        let path = dir.join(&stored_path);
        let modified = fs::symlink_metadata(&path).and_then(|m| m.modified()).ok();
        let arrived = match (modified, seen.get(&key)) {
            (Some(m), Some(s)) => Some(m.max(*s)),
            (m, s) => m.or(s.copied()),
        };
        let young = arrived.is_none_or(|at| now.duration_since(at).unwrap_or_default() < grace);
        if young {
            plan.too_young.push(stored_path);
            continue;
        }
        match evidence::hash_stored(dir, &stored_path) {
            Ok(sha) if Some(sha.as_str()) == name_sha.as_deref() => {
                plan.removable.push(stored_path)
            }
            _ => plan.misnamed.push(stored_path),
        }
    }
    Ok(plan)
}
