//! The evidence check's side of [`AppState`]: what the background check is given
//! (every attachment, each in its own folder, gathered on the check's own thread) and
//! what it found, recorded as it comes and read by the screens (a file's status and
//! safe path, a product's count of problems for the portfolio's flag).

use std::path::Path;

use super::AppState;
use crate::domain::digest::Digest;
use crate::domain::model::ProductId;
use crate::storage;

/// [`AppState`]'s record of the evidence check: folder (or bundle) → [`path_key`] of
/// the stored path → what was found. Neither path is kept: at 100,000 files they would
/// be 20 MB (`storage::evidence::rejoin` makes the on-disk path again; the key is what
/// the digests hold too, with the same odds).
///
/// [`path_key`]: crate::domain::digest::path_key
pub(super) type EvidenceFound =
    std::collections::BTreeMap<std::path::PathBuf, std::collections::HashMap<u64, FoundEvidence>>;

/// What the evidence check found of one file, in 16 bytes (the common answers inline,
/// the rare ones' details boxed): with its key and the table's own, ~30 bytes a file,
/// about 3 MB at 100,000.
#[derive(Debug)]
pub(super) struct FoundEvidence {
    /// The details of an answer other than the three common ones.
    other: Option<Box<crate::storage::evidence::EvidenceStatus>>,
    found: Found,
    /// Whether its stored path is safe to open on disk (never inside a bundle).
    safe: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Ok,
    Missing,
    InBundle,
    Other,
}

impl FoundEvidence {
    fn new(status: crate::storage::evidence::EvidenceStatus, safe: bool) -> FoundEvidence {
        use crate::storage::evidence::EvidenceStatus;
        let (found, other) = match status {
            EvidenceStatus::Ok => (Found::Ok, None),
            EvidenceStatus::Missing => (Found::Missing, None),
            EvidenceStatus::InBundle => (Found::InBundle, None),
            other => (Found::Other, Some(Box::new(other))),
        };
        FoundEvidence { other, found, safe }
    }

    fn status(&self) -> &crate::storage::evidence::EvidenceStatus {
        use crate::storage::evidence::EvidenceStatus;
        static OK: EvidenceStatus = EvidenceStatus::Ok;
        static MISSING: EvidenceStatus = EvidenceStatus::Missing;
        static IN_BUNDLE: EvidenceStatus = EvidenceStatus::InBundle;
        match (&self.other, self.found) {
            (Some(other), _) => other,
            (None, Found::Ok) => &OK,
            (None, Found::InBundle) => &IN_BUNDLE,
            (None, Found::Missing | Found::Other) => &MISSING,
        }
    }

    /// Missing, damaged, unsafe or unchecked: not intact, not listed in its bundle.
    fn is_problem(&self) -> bool {
        !matches!(self.found, Found::Ok | Found::InBundle)
    }
}

impl AppState {
    /// Records results of the background evidence check (integrity and safe paths) as
    /// they arrive: each one replaces what an earlier check said of the same file.
    pub fn record_evidence(&mut self, results: Vec<crate::jobs::EvidenceResult>) {
        if results.is_empty() {
            return;
        }
        for ((home, key), status, safe) in results {
            self.evidence
                .entry(home)
                .or_default()
                .insert(key, FoundEvidence::new(status, safe));
        }
        self.revision += 1;
    }

    /// Records files this window has just written into the evidence store (an import,
    /// a received bundle's): intact and safe, as their copy hashed them and `resolve`
    /// placed them, so what an earlier check said of the same stored path (a file that
    /// was missing, attached again) is not shown until the next check reaches it.
    pub fn record_fresh_evidence<'a>(&mut self, stored_paths: impl IntoIterator<Item = &'a str>) {
        let results: Vec<crate::jobs::EvidenceResult> = stored_paths
            .into_iter()
            .map(|stored| {
                (
                    (self.dir.clone(), crate::domain::digest::path_key(stored)),
                    crate::storage::evidence::EvidenceStatus::Ok,
                    true,
                )
            })
            .collect();
        self.record_evidence(results);
    }

    /// Every attachment referenced by a loaded product (for the integrity check).
    pub fn all_attachments(&self) -> Vec<crate::domain::dossier::Attachment> {
        self.workspace
            .products
            .values()
            .flat_map(|p| p.attachments().cloned().collect::<Vec<_>>())
            .collect()
    }

    /// How many of the attachments in `digest` the evidence check found a problem with
    /// (missing, damaged, unsafe; not those intact or listed in their bundle).
    pub fn evidence_problems(&self, digest: &Digest) -> usize {
        let home: &Path = match self.evidence_homes.get(&digest.row.id) {
            None => &self.dir,
            Some(
                storage::ManyEvidence::Folder(home)
                | storage::ManyEvidence::Bundle { path: home, .. },
            ) => home,
        };
        self.evidence.get(home).map_or(0, |found| {
            digest
                .attachments()
                .iter()
                .filter(|key| found.get(key).is_some_and(FoundEvidence::is_problem))
                .count()
        })
    }

    /// Every referenced evidence file to check, each in its own folder: the open one, or
    /// in the many-communes view its commune's; one in a bundle there is not read but
    /// "in the bundle" when the bundle's manifest lists it, else missing.
    pub fn attachments_to_verify(&self) -> Vec<crate::jobs::EvidenceCheck> {
        let mut checks = Vec::new();
        attachments_to_verify(
            self.workspace.products.values(),
            &self.evidence_homes,
            &self.dir,
            &mut |check| {
                checks.push(check);
                true
            },
        );
        checks
    }

    /// [`AppState::attachments_to_verify`] to be gathered on another thread, one at a
    /// time: every product is decoded to find its attachments, which at 20,000 products
    /// takes most of a second, so the window hands this to the check's own thread. The
    /// products are a snapshot (`Products::snapshot`: packed bytes shared, not copied).
    pub fn attachments_to_verify_later(
        &self,
    ) -> impl FnOnce(crate::jobs::EvidenceSink<'_>) + Send + 'static {
        let (products, homes, dir) = (
            self.workspace.products.snapshot(),
            self.evidence_homes.clone(),
            self.dir.clone(),
        );
        move |sink: crate::jobs::EvidenceSink<'_>| {
            attachments_to_verify(products.values(), &homes, &dir, sink);
        }
    }

    /// What the background check found for one of `product`'s evidence files: its status
    /// (none yet while checking) and its checked, safe on-disk path (none if unsafe or
    /// inside a bundle).
    pub fn evidence_of(
        &self,
        product: &ProductId,
        stored_path: &str,
    ) -> (
        Option<&crate::storage::evidence::EvidenceStatus>,
        Option<std::path::PathBuf>,
    ) {
        let home: &Path = match self.evidence_homes.get(product) {
            None => &self.dir,
            Some(
                storage::ManyEvidence::Folder(home)
                | storage::ManyEvidence::Bundle { path: home, .. },
            ) => home,
        };
        match self
            .evidence
            .get(home)
            .and_then(|files| files.get(&crate::domain::digest::path_key(stored_path)))
        {
            Some(found) if found.safe => (
                Some(found.status()),
                storage::evidence::rejoin(home, stored_path),
            ),
            Some(found) => (Some(found.status()), None),
            None => (None, None),
        }
    }
}

/// See [`AppState::attachments_to_verify`]: each check to `sink`, until it says stop.
fn attachments_to_verify<'p>(
    products: impl IntoIterator<Item = crate::domain::store::ProductRef<'p>>,
    homes: &std::collections::BTreeMap<ProductId, storage::ManyEvidence>,
    dir: &Path,
    sink: crate::jobs::EvidenceSink<'_>,
) {
    use crate::storage::evidence::EvidenceStatus;
    for product in products {
        let attachments = product.attachments();
        for attachment in attachments {
            let (home, known) = match homes.get(&product.id) {
                None => (dir.to_owned(), None),
                Some(storage::ManyEvidence::Folder(folder)) => (folder.clone(), None),
                Some(storage::ManyEvidence::Bundle { path, listed }) => {
                    let key = (attachment.sha256.clone(), attachment.size_bytes);
                    let status = if listed.contains(&key) {
                        EvidenceStatus::InBundle
                    } else {
                        EvidenceStatus::Missing
                    };
                    (path.clone(), Some(status))
                }
            };
            let check = crate::jobs::EvidenceCheck {
                home,
                attachment: attachment.clone(),
                known,
            };
            if !sink(check) {
                return;
            }
        }
    }
}
