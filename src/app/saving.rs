//! Writing what changed: every edit is saved at once (checked, atomic); failures stay
//! pending for a retry; many products at once go as one batch.

use super::{AppState, Level, Notice, SaveTarget, Snapshot};
use crate::domain::model::{Product, ProductId};
use crate::storage::{self, StorageError};
use crate::text;

/// Products written per step when a change of many products is written in steps: about
/// a fifth of a second each on a quiet disk, so the progress moves and the window answers.
pub const WRITE_STEP: usize = 1000;
/// Products serialised and written together by one batch write (one file-system sync).
const WRITE_BATCH: usize = 1_000;
/// How many times in a row a new product moves to another free id before it is left
/// unsaved for the usual retry (each move picks an id free on disk that moment).
const MAX_ID_MOVES: u32 = 5;

/// What a change of many products still has to write ([`AppState::write_step`]).
#[derive(Debug)]
pub(super) struct StepQueue {
    queue: std::collections::VecDeque<SaveTarget>,
    total: usize,
}

impl AppState {
    /// Writes the target of a snapshot to disk now; failures are kept for retry. A change
    /// of more than [`WRITE_STEP`] products, in a window that writes in steps, is only
    /// queued: the window calls [`AppState::write_step`] each frame and shows progress.
    pub(super) fn persist(&mut self, snapshot: &Snapshot) {
        self.mark_unsaved(snapshot);
        if self.write_in_steps
            && let Snapshot::Many(parts) = snapshot
            && parts.len() > WRITE_STEP
        {
            let queue: std::collections::VecDeque<SaveTarget> =
                self.unsaved.iter().cloned().collect();
            self.steps = Some(StepQueue {
                total: queue.len(),
                queue,
            });
            return;
        }
        self.flush();
    }

    /// Makes changes of many products wait for [`AppState::write_step`] (a window, which
    /// draws progress between steps) instead of being written at once.
    pub fn set_write_in_steps(&mut self, on: bool) {
        self.write_in_steps = on;
    }

    /// (written, total) while a change of many products is being written in steps.
    pub fn writing_in_steps(&self) -> Option<(usize, usize)> {
        self.steps
            .as_ref()
            .map(|s| (s.total - s.queue.len(), s.total))
    }

    /// Writes the next [`WRITE_STEP`] targets of a change of many products; returns
    /// (written, total), or None when nothing is queued. A target that fails stays
    /// pending, as after any failed save, for the usual retry.
    pub fn write_step(&mut self) -> Option<(usize, usize)> {
        let steps = self.steps.as_mut()?;
        let take = WRITE_STEP.min(steps.queue.len());
        let chunk: Vec<SaveTarget> = steps.queue.drain(..take).collect();
        let chunk: Vec<SaveTarget> = chunk
            .into_iter()
            .filter(|t| self.unsaved.contains(t))
            .collect();
        self.write_targets(chunk);
        let progress = self.writing_in_steps();
        if self.steps.as_ref().is_some_and(|s| s.queue.is_empty()) {
            self.steps = None;
        }
        progress
    }

    fn mark_unsaved(&mut self, snapshot: &Snapshot) {
        match snapshot {
            Snapshot::Product { id, .. } => {
                self.unsaved.insert(SaveTarget::Product(id.clone()));
            }
            Snapshot::Info { .. } => {
                self.unsaved.insert(SaveTarget::Info);
            }
            Snapshot::Many(parts) => {
                for part in parts {
                    self.mark_unsaved(part);
                }
            }
        }
    }

    /// Tries to write every pending target; returns whether all are on disk.
    pub fn flush(&mut self) -> bool {
        let pending: Vec<SaveTarget> = self.unsaved.iter().cloned().collect();
        self.write_targets(pending);
        if self.unsaved.is_empty() {
            self.steps = None;
        }
        self.unsaved.is_empty()
    }

    /// Writes `pending` (many products as one batch, the rest one by one) and records each
    /// result: written targets leave `unsaved`, failures stay for a retry and are said.
    fn write_targets(&mut self, pending: Vec<SaveTarget>) {
        let mut written = self.save_many_in_parallel(&pending);
        let mut moved: Vec<SaveTarget> = Vec::new();
        for target in pending {
            let result = match &target {
                SaveTarget::Product(id) => match written.remove(id) {
                    Some(result) => result.map(|stamp| {
                        self.stamps.insert(id.clone(), stamp);
                        self.note_listing(id);
                    }),
                    None => self.save_product_now(id),
                },
                SaveTarget::Info => {
                    if self.workspace_file_writable {
                        storage::save_workspace_info(&self.dir, &self.workspace.info)
                    } else {
                        Err(StorageError::Refused {
                            reason: crate::storage::WhyRefused::WorkspaceFileUnreadable,
                            path: self.dir.join(storage::WORKSPACE_FILE),
                        })
                    }
                }
            };
            match result {
                Ok(()) => {
                    self.unsaved.remove(&target);
                }
                Err(StorageError::ChangedOnDisk { conflict, path }) => {
                    // Nothing was written over and this edit is safe in the conflict
                    // file: show the other officer's version and offer the comparison.
                    self.unsaved.remove(&target);
                    if let SaveTarget::Product(id) = &target {
                        self.reload_product(id);
                        self.conflicts.push(storage::ConflictCopy {
                            path: conflict.clone(),
                            of: id.clone(),
                            tool: storage::ConflictTool::ThisApp,
                        });
                    }
                    let err = StorageError::ChangedOnDisk { conflict, path };
                    self.message(Level::Error, Notice::error(err));
                }
                // A new product whose id someone else took meanwhile (another import of
                // a product of the same name, on another PC): two different products, so
                // not a conflict; this one moves to the next free id and is written there.
                Err(StorageError::IdTaken { .. }) => {
                    if let SaveTarget::Product(id) = &target
                        && let Some(new_id) = self.move_to_free_id(id)
                    {
                        self.unsaved.remove(&target);
                        let again = SaveTarget::Product(new_id);
                        self.unsaved.insert(again.clone());
                        moved.push(again);
                    }
                }
                Err(err) => {
                    let notice = Notice::failed(text::SAVE_FAILED, err);
                    // A retry that fails the same way keeps the one banner already shown.
                    if !self.messages.iter().any(|m| m.notice == notice) {
                        self.message(Level::Error, notice);
                    }
                }
            }
        }
        // Each move chose an id free on disk just now; another race moves it again.
        if !moved.is_empty() {
            self.id_moves += 1;
            if self.id_moves <= MAX_ID_MOVES {
                self.write_targets(moved);
            }
            self.id_moves -= 1;
        }
    }

    /// Gives the new product `old` the next free id (its name's, as an import chooses),
    /// in memory and in the undo and redo steps, and reads the other product now on disk
    /// under `old`. Says so. None if `old` is not in memory.
    fn move_to_free_id(&mut self, old: &ProductId) -> Option<ProductId> {
        let mut product = self.workspace.products.remove(old)?;
        let new_id = self.free_product_id(&product.name);
        product.id = new_id.clone();
        let name = product.name.clone();
        self.workspace.products.insert(new_id.clone(), product);
        for (snapshot, _) in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            snapshot.rename(old, &new_id);
        }
        self.moved_ids.push((old.clone(), new_id.clone()));
        self.last_text_edit = None;
        self.stamps.remove(old);
        self.reload_product(old);
        self.message(
            Level::Info,
            Notice::IdMoved {
                old: old.clone(),
                new: new_id.clone(),
                name,
            },
        );
        Some(new_id)
    }

    /// Writes many pending products at once (an import, or its redo) as one batch
    /// (`storage::save_products_batch`: files synced in parallel, the folder once). Only
    /// products that exist and may be written; the rest (and anything when few are
    /// pending) is left to the one-by-one path. Results are handled by [`AppState::flush`].
    fn save_many_in_parallel(
        &self,
        pending: &[SaveTarget],
    ) -> std::collections::BTreeMap<ProductId, Result<storage::FileStamp, StorageError>> {
        /// Below this, one at a time is as fast.
        const MIN_PARALLEL: usize = 32;
        let ids: Vec<&ProductId> = pending
            .iter()
            .filter_map(|t| match t {
                SaveTarget::Product(id)
                    if !self.unreadable.contains(id.as_str())
                        && self.workspace.products.contains_key(id) =>
                {
                    Some(id)
                }
                _ => None,
            })
            .collect();
        let mut results = std::collections::BTreeMap::new();
        if ids.len() < MIN_PARALLEL {
            return results;
        }
        let now = chrono::Local::now().naive_local();
        // In batches: each batch's products are looked at (decoded only for the batch:
        // `Products::peek` keeps none open), serialised, written and let go before the
        // next, so an import of 50,000 never holds all of them or their texts at once
        // (about 10 KB a product). Each batch costs one sync of the file system, so they
        // stay large.
        for batch in ids.chunks(WRITE_BATCH) {
            let looked: Vec<_> = batch
                .iter()
                .filter_map(|id| self.workspace.products.peek(id))
                .collect();
            let products: Vec<&Product> = looked.iter().map(AsRef::as_ref).collect();
            let written = storage::save_products_batch(
                &self.dir,
                &products,
                &|id| self.stamps.get(id).copied(),
                now,
            );
            for (product, result) in products.iter().zip(written) {
                results.insert(product.id.clone(), result);
            }
        }
        results
    }

    fn save_product_now(&mut self, id: &ProductId) -> Result<(), StorageError> {
        if self.unreadable.contains(id.as_str()) {
            return Err(StorageError::Refused {
                reason: crate::storage::WhyRefused::UnreadableNamesake,
                path: storage::product_path(&self.dir, id),
            });
        }
        let expected = self.stamps.get(id).copied();
        match self.workspace.products.get(id) {
            Some(product) => {
                let now = chrono::Local::now().naive_local();
                let stamp = storage::save_product_checked(&self.dir, product, expected, now)?;
                self.stamps.insert(id.clone(), stamp);
                self.note_listing(id);
                Ok(())
            }
            None => {
                let on_disk = storage::read_product_file(&self.dir, id.as_str());
                if let storage::OnDisk::Product { stamp, .. } = &on_disk
                    && Some(*stamp) != expected
                {
                    // Someone changed it since: keep it, show their version again.
                    self.reload_product(id);
                    return Err(StorageError::Refused {
                        reason: crate::storage::WhyRefused::ChangedNotDeleted,
                        path: storage::product_path(&self.dir, id),
                    });
                }
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%3f").to_string();
                storage::trash_product(&self.dir, id, &stamp)?;
                self.stamps.remove(id);
                self.note_listing(id);
                Ok(())
            }
        }
    }
}
