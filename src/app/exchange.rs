//! The electronic dossier between cooperative and commune, seen from the open workspace:
//! what a product's bundle holds, what importing one would change, the import itself
//! (one undoable [`Command::ImportBundle`]), review mode and the many-communes view.
//!
//! The long parts (hashing, copying) are plain blocking functions with progress and
//! cancel: the CLI calls them directly, the GUI on a `jobs::Task` thread.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;

use super::{AppError, AppState, ImportCause, Level, Notice, Source};
use crate::command::Command;
use crate::documents::{self, bundle::Source as Content};
use crate::domain::catalog::Catalog;
use crate::domain::exchange::{self, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ImportPlan, Manifest};
use crate::domain::filename;
use crate::domain::model::{Product, ProductId, WorkspaceInfo, WorkspaceKind};
use crate::storage::bundle::{self as store, BundleEntry, BundleError, EntryData, Opened};
use crate::storage::{self, PrivateFolder, evidence::Imported};
use crate::text::{self, Lang};

/// Everything needed to write a bundle on another thread.
#[derive(Debug, Clone)]
pub struct BundleRequest {
    /// The files, in order.
    pub entries: Vec<BundleEntry>,
    /// The manifest (files filled in while writing).
    pub manifest: Manifest,
}

impl BundleRequest {
    /// Writes the bundle to `out` (blocking; progress and cancel as in
    /// [`store::write_bundle`]).
    pub fn write(
        &self,
        out: &Path,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<Manifest, BundleError> {
        store::write_bundle(out, &self.entries, self.manifest.clone(), progress, cancel)
    }
}

/// The bundle's file name for a product: `Cốm Hồng Quang.ocop.zip`.
pub fn bundle_file_name(product: &Product) -> String {
    format!(
        "{}{}",
        filename::safe_stem(&product.name, product.id.as_str()),
        exchange::BUNDLE_SUFFIX
    )
}

/// An import checked against the workspace, waiting for the officer's confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// The verified bundle.
    pub bundle: Opened,
    /// What it would do.
    pub plan: ImportPlan,
    /// The product as it is here now (None: new).
    pub local: Option<Product>,
    /// Evidence to copy out of the bundle (not already in this workspace's store).
    pub to_extract: BTreeSet<String>,
    /// Parts that differ and stay as they are here by the ownership rule, for which the
    /// officer chose the bundle's version instead (`ImportPlan::product_taking`).
    pub take: Vec<crate::domain::merge::Part>,
}

impl AppState {
    /// What the product's dossier still lacks, said when a cooperative bundles it for the
    /// commune (a commune's bundle goes back as it is: nothing to say).
    pub fn bundle_gaps(&self, id: &ProductId) -> Vec<crate::domain::exchange::BundleGap> {
        match self.workspace.products.get(id) {
            Some(product) if self.workspace.info.kind == WorkspaceKind::Producer => {
                crate::domain::exchange::bundle_gaps(product, &self.catalog, self.today)
            }
            _ => Vec::new(),
        }
    }

    /// What goes into `id`'s bundle: the product file, its evidence (resolved inside the
    /// workspace), the forms and the status report, and the manifest to be.
    pub fn bundle_request(&self, id: &ProductId) -> Result<BundleRequest, AppError> {
        let input = self.document_input(id)?;
        let product = input.product;
        let plan = documents::bundle::layout(&input, true)?;
        let mut entries = Vec::with_capacity(plan.len());
        for planned in plan {
            let data = match &planned.source {
                Content::ProductFile => EntryData::Bytes {
                    bytes: storage::product_to_ron(product)
                        .map_err(|err| {
                            AppError::Storage(storage::StorageError::Serialize {
                                message: err.to_string(),
                                path: storage::product_path(&self.dir, id),
                            })
                        })?
                        .into_bytes(),
                    compress: true,
                },
                Content::Evidence {
                    stored_path,
                    sha256,
                    ..
                } => {
                    let path = storage::evidence::resolve(&self.dir, stored_path)?;
                    let file_name = planned.path.rsplit('/').next().unwrap_or_default();
                    EntryData::Evidence {
                        path,
                        sha256: sha256.clone(),
                        file_name: file_name.to_owned(),
                    }
                }
                Content::Document(kind) => EntryData::Bytes {
                    bytes: documents::render(*kind, &input, Lang::Vi)?,
                    compress: false,
                },
            };
            entries.push(BundleEntry {
                path: planned.path,
                role: planned.role,
                data,
            });
        }
        let info = &self.workspace.info;
        let manifest = Manifest {
            format: BUNDLE_FORMAT.to_owned(),
            format_version: BUNDLE_FORMAT_VERSION,
            product_id: product.id.clone(),
            product_name: product.name.clone(),
            producer: product.producer.name.clone(),
            made_by: self.author(),
            made_in: info.kind,
            workspace: info.name.clone(),
            commune: info.commune.clone(),
            province: info.province.clone(),
            made_at: chrono::Local::now().naive_local(),
            computer: storage::computer_name(),
            rule_version: product
                .current()
                .map(|a| a.rule_version.clone())
                .unwrap_or_default(),
            app_version: format!("ocop-tracker {}", env!("CARGO_PKG_VERSION")),
            files: Vec::new(),
        };
        Ok(BundleRequest { entries, manifest })
    }

    /// Stored paths of this workspace's evidence by hash, among the `wanted` hashes, for
    /// files that are really there with the recorded size (a bundle's copy is then not
    /// needed). Only the products whose digest names one of those hashes are read.
    fn local_evidence(&self, wanted: &BTreeSet<String>) -> BTreeMap<String, String> {
        let keys: std::collections::HashSet<u64> = wanted
            .iter()
            .map(|sha| crate::domain::digest::path_key(sha))
            .collect();
        let holders: Vec<ProductId> = self
            .digests()
            .filter(|d| d.contents().iter().any(|key| keys.contains(key)))
            .map(|d| d.row.id.clone())
            .collect();
        let mut out = BTreeMap::new();
        for id in holders {
            let Some(product) = self.workspace.products.peek(&id) else {
                continue;
            };
            let attachments = product.attachments();
            for attachment in attachments {
                if !wanted.contains(&attachment.sha256) || out.contains_key(&attachment.sha256) {
                    continue;
                }
                if storage::evidence::is_present(&self.dir, attachment) {
                    out.insert(attachment.sha256.clone(), attachment.stored_path.clone());
                }
            }
        }
        out
    }

    /// What importing this verified bundle would do here (nothing is written).
    pub fn import_preview(&self, bundle: Opened) -> Result<ImportPreview, AppError> {
        let refused = |why: crate::command::Refusal| AppError::Refused {
            why,
            path: bundle.path.clone(),
        };
        if self.workspace_locked.is_some() {
            return Err(refused(crate::command::Refusal::WorkspaceLocked));
        }
        let local = self.workspace.products.get(&bundle.product.id).cloned();
        if local.is_some() && self.read_only.contains(&bundle.product.id) {
            return Err(refused(crate::command::Refusal::ReadOnlyProduct));
        }
        // Never bring in a product that `check` would then reject (an answer past its
        // criterion's options, a criterion not in the set, a rule version this build has
        // no data for): the same rule (`domain::checks`), each problem named.
        let problems = crate::domain::checks::data_problems(&bundle.product, &self.catalog);
        if !problems.is_empty() {
            return Err(AppError::BundleProductInvalid {
                problems,
                set: bundle.product.scoring_set,
                path: bundle.path.clone(),
            });
        }
        let plan = exchange::plan_import(
            local.as_ref(),
            &bundle.product,
            bundle.manifest.made_in,
            self.workspace.info.kind,
            &self.catalog,
        )
        .map_err(|err| AppError::Exchange {
            err,
            path: bundle.path.clone(),
        })?;
        // Every file the bundle's product uses that is not here yet: also those of parts
        // that stay by rule, which the officer may still choose to take in the preview.
        let used: BTreeSet<String> = attachments_of(&plan.product)
            .into_iter()
            .chain(attachments_of(&bundle.product))
            .collect();
        let local_files = self.local_evidence(&used);
        let to_extract = used
            .into_iter()
            .filter(|sha| !local_files.contains_key(sha))
            .collect();
        Ok(ImportPreview {
            bundle,
            plan,
            local,
            to_extract,
            take: Vec::new(),
        })
    }

    /// Finishes a confirmed import: every attachment points at this workspace's store
    /// (copied out of the bundle by [`store::extract_evidence`], or already here), the
    /// receipt date is recorded if given, and the product goes in as one undoable step.
    pub fn finish_import(
        &mut self,
        preview: ImportPreview,
        extracted: &BTreeMap<String, Imported>,
        received: Option<NaiveDate>,
    ) -> Result<(), AppError> {
        let bundle = &preview.bundle;
        let failed = |cause: ImportCause| AppError::ImportFailed {
            cause,
            path: bundle.path.clone(),
        };
        // Planned again against the product as it is now: edits made (or other officers'
        // changes reloaded) while the evidence was copied are kept.
        let local = self.workspace.products.get(&bundle.product.id);
        let plan = exchange::plan_import(
            local,
            &bundle.product,
            bundle.manifest.made_in,
            self.workspace.info.kind,
            &self.catalog,
        )
        .map_err(|err| failed(ImportCause::Plan(err)))?;
        let from_bundle = attachments_of(&bundle.product);
        // What the officer chose to take from the bundle among what stays here by rule.
        let take: Vec<_> = preview
            .take
            .iter()
            .filter(|part| plan.kept.contains(part))
            .cloned()
            .collect();
        let mut product = plan.product_taking(&bundle.product, &take);
        let local_files = self.local_evidence(&attachments_of(&product));
        for app in &mut product.applications {
            for entry in &mut app.dossier {
                for attachment in &mut entry.attachments {
                    let stored = extracted
                        .get(&attachment.sha256)
                        .map(|i| i.stored_path.clone())
                        .or_else(|| local_files.get(&attachment.sha256).cloned());
                    match stored {
                        Some(path) => attachment.stored_path = path,
                        // This side's own attachment, its file missing here already: left
                        // as it is (the evidence check reports it), not a reason to refuse.
                        None if !from_bundle.contains(&attachment.sha256) => {}
                        None => {
                            return Err(failed(ImportCause::MissingEvidence(
                                attachment.file_name.clone(),
                            )));
                        }
                    }
                }
            }
        }
        if let Some(date) = received {
            exchange::record_receipt(&mut product, date);
        }
        self.apply(&Command::ImportBundle {
            product: Box::new(product),
        })
        .map_err(|err| failed(ImportCause::Command(err)))?;
        self.record_fresh_evidence(extracted.values().map(|i| i.stored_path.as_str()));
        self.message(
            Level::Info,
            Notice::done(
                text::BUNDLE_IMPORTED,
                format!("{} ({})", bundle.product.name, bundle.path.display()),
            ),
        );
        Ok(())
    }

    /// The whole import without a preview (the CLI, tests): verify, plan, copy the
    /// evidence, apply. Blocking.
    pub fn import_bundle(
        &mut self,
        path: &Path,
        received: Option<NaiveDate>,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<ImportPlan, AppError> {
        let opened = store::open(path, progress, cancel)?;
        let preview = self.import_preview(opened)?;
        let extracted = store::extract_evidence(
            &preview.bundle,
            &preview.to_extract,
            &self.dir,
            progress,
            cancel,
        )?;
        let plan = preview.plan.clone();
        self.finish_import(preview, &extracted, received)?;
        Ok(plan)
    }
}

/// Every attachment hash of a product.
fn attachments_of(product: &Product) -> BTreeSet<String> {
    product.attachments().map(|a| a.sha256.clone()).collect()
}

/// Opens a bundle read-only (review mode): verified, its product and evidence copied into
/// a private temp folder, shown with every edit refused. The bundle file is only read.
pub fn open_review(
    bundle: &Path,
    catalog: Catalog,
    today: NaiveDate,
    lang: Lang,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<(AppState, PrivateFolder), AppError> {
    let opened = store::open(bundle, progress, cancel)?;
    let folder = PrivateFolder::create("ocop-review")?;
    let manifest = &opened.manifest;
    let info = WorkspaceInfo {
        name: format!("{} — {}", opened.product.name, manifest.workspace),
        commune: manifest.commune.clone(),
        province: manifest.province.clone(),
        officers: vec![manifest.made_by.clone()],
        notes: String::new(),
        kind: manifest.made_in,
    };
    let wanted = attachments_of(&opened.product);
    let extracted = store::extract_evidence(&opened, &wanted, folder.path(), progress, cancel)?;
    let mut product = opened.product.clone();
    for app in &mut product.applications {
        for entry in &mut app.dossier {
            for attachment in &mut entry.attachments {
                if let Some(imported) = extracted.get(&attachment.sha256) {
                    attachment.stored_path = imported.stored_path.clone();
                }
            }
        }
    }
    let workspace = crate::domain::model::Workspace {
        info,
        products: [(product.id.clone(), product)].into_iter().collect(),
    };
    storage::save_workspace(folder.path(), &workspace)?;
    let loaded = storage::load_workspace(folder.path())?;
    let mut state = AppState::from_loaded(folder.path(), loaded, catalog, today, lang, Vec::new());
    state.workspace_locked = Some(text::REVIEW_BANNER.into());
    state.source = Source::Review(bundle.to_owned());
    Ok((state, folder))
}

/// Opens a folder holding several workspaces and/or bundles as one read-only portfolio
/// (a district's or province's shared folder). Nothing is written into it. Products
/// whose id is taken by an earlier commune get a suffix (`-2`, …) in this view only;
/// a product without a commune shows its workspace's.
pub fn open_many(
    dir: &Path,
    catalog: Catalog,
    today: NaiveDate,
    lang: Lang,
) -> Result<AppState, AppError> {
    let many = storage::load_many(dir)?;
    if many.sources.is_empty() {
        return Err(AppError::NothingToOpen(dir.to_owned()));
    }
    let mut loaded = storage::LoadedWorkspace::default();
    loaded.workspace.info = WorkspaceInfo {
        name: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        commune: String::new(),
        province: String::new(),
        officers: Vec::new(),
        notes: String::new(),
        kind: WorkspaceKind::Commune,
    };
    loaded.workspace_file_writable = false;
    loaded.problems = many.problems;
    let mut homes = BTreeMap::new();
    // One product read twice (its commune's folder and a bundle of it, or two bundles):
    // counted once. The commune's own record wins over a bundle (it holds the commune's
    // stage and results); of two bundles, the one edited last. Copies in two workspace
    // folders are two communes' records and both stay. Named by its id and producer (the
    // product's name each side may edit alone). (original id, assigned id, from a bundle)
    // of what is in so far.
    // By original id (a bundle is matched against those only: one lookup per product,
    // not a scan of every product in so far — 23 s at 100 communes × 200 products).
    let mut taken: BTreeMap<ProductId, Vec<(ProductId, bool)>> = BTreeMap::new();
    // The next suffix to try for each id (so the n-th commune's copy of an id is found
    // in one step, not n).
    let mut next_suffix: BTreeMap<ProductId, u32> = BTreeMap::new();
    let mut duplicates = 0usize;
    let last_edit = |p: &crate::domain::model::Product| p.history.last().map(|e| e.at);
    // Folders first: a bundle is then matched against the communes' own records.
    let (folders, bundles): (Vec<_>, Vec<_>) = many
        .sources
        .into_iter()
        .partition(|s| matches!(s.evidence, storage::ManyEvidence::Folder(_)));
    // The products as they go in, decoded (they came so), packed at the end on every core
    // with their digests (the screens then decode nothing).
    let mut pending: BTreeMap<ProductId, crate::domain::model::Product> = BTreeMap::new();
    for source in folders.into_iter().chain(bundles) {
        let from_bundle = matches!(source.evidence, storage::ManyEvidence::Bundle { .. });
        for mut product in source.products {
            if product.commune.trim().is_empty() {
                product.commune.clone_from(&source.commune);
            }
            let same = taken
                .get(&product.id)
                .filter(|_| from_bundle)
                .into_iter()
                .flatten()
                .find_map(|(assigned, bundled)| {
                    let there = pending.get(assigned)?;
                    exchange::same_producer(&there.producer.name, &product.producer.name)
                        .then(|| (assigned.clone(), *bundled))
                });
            if let Some((assigned, there_from_bundle)) = same {
                duplicates += 1;
                let newer = there_from_bundle
                    && pending
                        .get(&assigned)
                        .is_some_and(|there| last_edit(&product) > last_edit(there));
                if newer {
                    product.id = assigned.clone();
                    homes.insert(assigned.clone(), source.evidence.clone());
                    pending.insert(assigned, product);
                }
                continue;
            }
            let original = product.id.clone();
            // Another commune's product with the same id: a suffix in this view only (the
            // id shortened to leave room for it; bounded, whatever the ids).
            let mut id = product.id.clone();
            let base: String = product.id.as_str().chars().take(56).collect();
            let base = base.trim_end_matches('-');
            let first = next_suffix.get(&original).copied().unwrap_or(2);
            for n in first..100_000 {
                if !pending.contains_key(&id) {
                    break;
                }
                id = ProductId::parse(&format!("{base}-{n}")).unwrap_or(id);
                next_suffix.insert(original.clone(), n + 1);
            }
            if pending.contains_key(&id) {
                continue;
            }
            product.id = id.clone();
            homes.insert(id.clone(), source.evidence.clone());
            taken
                .entry(original)
                .or_default()
                .push((id.clone(), from_bundle));
            pending.insert(id, product);
        }
    }
    let of = crate::domain::store::DigestOf {
        catalog: &catalog,
        today,
        side: WorkspaceKind::Commune,
    };
    loaded.workspace.products = crate::domain::store::Products::digested(pending, of);
    let mut state = AppState::from_loaded(dir, loaded, catalog, today, lang, Vec::new());
    // Each product's evidence is checked where it is: its commune's folder, or its bundle.
    state.evidence_homes = homes;
    state
        .load_problems
        .extend(many.bundle_problems.into_iter().map(super::Reason::from));
    if duplicates > 0 {
        state.message(Level::Info, Notice::ManyDuplicates(duplicates));
    }
    // Nothing is edited: every command is refused while the view is locked.
    state.workspace_locked = Some(text::MANY_BANNER.into());
    state.source = Source::Many(dir.to_owned());
    Ok(state)
}
