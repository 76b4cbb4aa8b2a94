//! What the open workspace does with the world outside this window: other officers'
//! changes (rescan, reload), conflict copies and their resolution, exports, the evidence
//! clean-up and the copy saved elsewhere. Same `AppState`, split for size.

use std::collections::BTreeSet;
use std::path::Path;

use super::{AppError, AppState, Level, Notice, SaveTarget};
use crate::command::Command;
use crate::documents::{self, DocKind};
use crate::domain::model::ProductId;
use crate::storage;
use crate::text::{self, Lang};

impl AppState {
    /// Records the current size and time of a product file we just wrote, so the next
    /// rescan does not take our own write for someone else's.
    pub(super) fn note_listing(&mut self, id: &ProductId) {
        let name = format!("{id}.ron");
        match storage::product_file_meta(&self.dir, id) {
            Some(meta) => {
                self.listing.insert(name, meta);
            }
            None => {
                self.listing.remove(&name);
            }
        }
    }

    /// Reads one product again from disk (someone else changed it), keeping undo history
    /// and the officer's place; the product disappears if its file is gone.
    pub fn reload_product(&mut self, id: &ProductId) -> bool {
        let changed = match storage::read_product_file(&self.dir, id.as_str()) {
            storage::OnDisk::Product {
                product,
                stamp,
                read_only,
            } => {
                if self.stamps.get(id) == Some(&stamp) {
                    false
                } else {
                    self.stamps.insert(id.clone(), stamp);
                    if read_only.is_some() {
                        self.read_only.insert(id.clone());
                    } else {
                        self.read_only.remove(id);
                    }
                    self.unreadable.remove(id.as_str());
                    self.workspace.products.insert(id.clone(), *product);
                    true
                }
            }
            storage::OnDisk::Absent => {
                self.stamps.remove(id);
                self.workspace.products.remove(id).is_some()
            }
            storage::OnDisk::Conflict(copy) => {
                if !self.conflicts.iter().any(|c| c.path == copy.path) {
                    self.conflicts.push(copy);
                }
                false
            }
            storage::OnDisk::Unreadable(problems) => {
                self.unreadable.insert(id.as_str().to_owned());
                for problem in problems {
                    let reason = super::Reason::from(problem);
                    if !self.load_problems.contains(&reason) {
                        self.load_problems.push(reason);
                    }
                }
                false
            }
        };
        self.note_listing(id);
        if changed {
            self.revision += 1;
        }
        changed
    }

    /// Looks at `products/` again and reloads what others changed, added or removed
    /// (files whose size or time differs from the last look, then only if their content
    /// differs). Returns the products that changed, with the author of their latest
    /// history entry. Products with unsaved edits here are left for the save to check.
    pub fn rescan(&mut self) -> Vec<(ProductId, String)> {
        let now = storage::product_dir_listing(&self.dir);
        self.rescan_listing(now)
    }

    /// The listing of `products/` at the last look (what a watcher starts from).
    pub fn listing(&self) -> storage::shared::Listing {
        self.listing.clone()
    }

    /// [`AppState::rescan`] with a listing already made (by the watcher's thread).
    pub fn rescan_listing(&mut self, now: storage::shared::Listing) -> Vec<(ProductId, String)> {
        if now == self.listing {
            return Vec::new();
        }
        let mut names: BTreeSet<String> = now.keys().cloned().collect();
        names.extend(self.listing.keys().cloned());
        let mut changed = Vec::new();
        for name in names {
            if now.get(&name) == self.listing.get(&name) {
                continue;
            }
            let stem = name.trim_end_matches(".ron");
            if let Some((base, tool)) = storage::shared::conflict_by_name(stem) {
                let path = self.dir.join(storage::PRODUCTS_DIR).join(&name);
                match (ProductId::parse(&base), now.contains_key(&name)) {
                    (Some(of), true) => {
                        if !self.conflicts.iter().any(|c| c.path == path) {
                            self.conflicts
                                .push(storage::ConflictCopy { path, of, tool });
                        }
                    }
                    _ => self.conflicts.retain(|c| c.path != path),
                }
                self.revision += 1;
                continue;
            }
            let Some(id) = ProductId::parse(stem) else {
                continue;
            };
            if self.unsaved.contains(&SaveTarget::Product(id.clone())) {
                continue;
            }
            if self.reload_product(&id) {
                let by = self
                    .workspace
                    .products
                    .get(&id)
                    .and_then(|p| p.history.last())
                    .map(|e| e.by.clone())
                    .unwrap_or_default();
                changed.push((id, by));
            }
        }
        self.listing = now;
        changed
    }

    /// The iCalendar text of every upcoming deadline (summary and description in `lang`).
    pub fn calendar_ics(&self, lang: Lang) -> String {
        use crate::domain::{agenda, ics};
        let items = agenda::agenda(&self.workspace, &self.catalog, self.today);
        let events = agenda::calendar_events(&items, |item| {
            let rule = lang.t(text::deadline_name(item.kind));
            let doc = item
                .document_key
                .as_deref()
                .map(|key| self.document_name(&item.product_id, key, lang));
            let summary = match &doc {
                Some(doc) => format!("{}: {rule} – {doc}", item.product_name),
                None => format!("{}: {rule}", item.product_name),
            };
            let description = format!(
                "{} ({}). {}",
                rule,
                lang.date(item.date),
                lang.t(text::CALENDAR_SOURCE)
            );
            (summary, description)
        });
        let name = if self.workspace.info.name.is_empty() {
            "OCOP".to_owned()
        } else {
            format!("OCOP – {}", self.workspace.info.name)
        };
        ics::to_ics(&name, &events, chrono::Utc::now())
    }

    /// What a product's documents are made from.
    pub fn document_input(&self, id: &ProductId) -> Result<documents::Input<'_>, AppError> {
        let product = self
            .workspace
            .products
            .get(id)
            .ok_or_else(|| AppError::NoSuchProduct(id.clone()))?;
        Ok(documents::Input {
            product,
            workspace: &self.workspace.info,
            catalog: &self.catalog,
            today: self.today,
        })
    }

    /// A form or the status report of a product, as bytes (.docx or .pdf).
    pub fn document(&self, kind: DocKind, id: &ProductId, lang: Lang) -> Result<Vec<u8>, AppError> {
        let input = self.document_input(id)?;
        Ok(documents::render(kind, &input, lang)?)
    }

    /// What "clean up unused evidence" would move now, from a fresh scan of the files:
    /// the scan, to run on a task (it reads every product file and lists the store).
    pub fn cleanup_planner(
        &self,
    ) -> impl FnOnce() -> Result<storage::CleanupPlan, AppError> + Send + 'static {
        let dir = self.dir.clone();
        move || cleanup_plan(&dir)
    }

    /// Moves the confirmed unused evidence files to `trash/evidence/`, only those still
    /// unused by a fresh scan then: the work, to run on a task; `Request::CleanedUp`
    /// says how it went.
    pub fn cleaner(&self, confirmed: Vec<String>) -> impl FnOnce() -> CleanedUp + Send + 'static {
        let dir = self.dir.clone();
        move || match cleanup_plan(&dir) {
            Ok(plan) => CleanedUp(
                confirmed
                    .iter()
                    .filter(|o| plan.removable.contains(o))
                    .filter_map(|stored| storage::evidence::remove_stored(&dir, stored).err())
                    .map(Into::into)
                    .collect(),
            ),
            Err(err) => CleanedUp(vec![err.into()]),
        }
    }

    /// Says how a clean-up went.
    pub fn cleaned_up(&mut self, CleanedUp(failures): CleanedUp) {
        if failures.is_empty() {
            self.message(Level::Info, text::CLEAN_UP_DONE);
        } else {
            self.message(Level::Error, Notice::Failures(failures));
        }
    }

    /// Writes the whole workspace, as this window holds it, into a new folder `target` (a
    /// valid workspace: "save a copy elsewhere" when the folder cannot be written).
    /// Products opened read-only are left out: written here they would lose fields.
    pub fn save_copy_to(&self, target: &Path) -> Result<(), AppError> {
        self.copier()(target)
    }

    /// [`AppState::save_copy_to`] as work for a task: the workspace as this window holds
    /// it now (packed products shared, not copied), written where the task is told.
    pub fn copier(&self) -> impl FnOnce(&Path) -> Result<(), AppError> + Send + 'static {
        let mut workspace = self.workspace.clone();
        for id in &self.read_only {
            workspace.products.remove(id);
        }
        move |target: &Path| {
            storage::save_workspace(target, &workspace).map_err(AppError::CopyNotSaved)
        }
    }

    /// The product in a conflict copy (one small file, read when the officer compares).
    pub fn read_conflict(
        &self,
        copy: &storage::ConflictCopy,
    ) -> Result<crate::domain::model::Product, AppError> {
        Ok(storage::read_conflict_copy(copy)?)
    }

    /// The conflict copies of one product.
    pub fn conflicts_of(&self, id: &ProductId) -> Vec<&storage::ConflictCopy> {
        self.conflicts.iter().filter(|c| &c.of == id).collect()
    }

    /// Merges `theirs` (a conflict copy of `copy.of`, as read) into the product as it is
    /// now, part by part as the officer chose, then resolves the conflict with the result
    /// (see [`AppState::resolve_conflict`]).
    pub fn merge_conflict(
        &mut self,
        copy: &storage::ConflictCopy,
        theirs: &crate::domain::model::Product,
        choices: &std::collections::BTreeMap<
            crate::domain::merge::Part,
            crate::domain::merge::Keep,
        >,
    ) -> Result<(), AppError> {
        let merged = match self.workspace.products.get(&copy.of) {
            Some(current) => crate::domain::merge::merge(current, theirs, choices),
            None => return Err(AppError::NoSuchProduct(copy.of.clone())),
        };
        self.resolve_conflict(copy, merged)
    }

    /// Resolves a conflict: the product becomes `merged` (one undoable step, logged) and
    /// the copy moves to `trash/`, only now that the officer confirmed.
    pub fn resolve_conflict(
        &mut self,
        copy: &storage::ConflictCopy,
        merged: crate::domain::model::Product,
    ) -> Result<(), AppError> {
        self.apply(&Command::ResolveConflict {
            id: copy.of.clone(),
            merged: Box::new(merged),
        })?;
        if !self.unsaved.is_empty() {
            return Err(AppError::NotSaved);
        }
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%3f").to_string();
        storage::trash_conflict_copy(&self.dir, copy, &stamp)?;
        self.conflicts.retain(|c| c.path != copy.path);
        self.listing = storage::product_dir_listing(&self.dir);
        self.revision += 1;
        Ok(())
    }
}

/// What "clean up unused evidence" would move from the workspace in `dir` now.
fn cleanup_plan(dir: &Path) -> Result<storage::CleanupPlan, AppError> {
    Ok(storage::unused_evidence(
        dir,
        std::time::SystemTime::now(),
        storage::EVIDENCE_GRACE,
    )?)
}

/// How a clean-up went: the files that could not be moved, and why (or why nothing was).
#[derive(Debug, Default)]
pub struct CleanedUp(Vec<super::Reason>);
