//! The application: owns the workspace, the undo history and the UI state.
//!
//! Screens draw from a read-only view and push [`Command`]s; after drawing, `app.rs`
//! applies them through [`AppState::apply`], the single place the model changes, and
//! saves the touched product file at once (atomic write), so nothing waits for a
//! Save button.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::command::{self, Command, CommandError};
use crate::domain::catalog::Catalog;
use crate::domain::history::{self, HistoryEntry, Origin};
use crate::domain::model::{Product, ProductId, Workspace, WorkspaceInfo};
use crate::storage::{self, StorageError};
use crate::text::{self, Lang};

mod access;
pub mod derived;
mod error;
mod evidence;
mod notice;
pub mod request;
pub use error::{AppError, ImportCause};
use evidence::EvidenceFound;
pub use notice::{Notice, Reason};
pub use request::{Outcome, Request};
mod export;
pub use export::{Export, ExportJob, ExportWritten};
pub mod exchange;
pub mod new_workspace;
mod outside;
pub use outside::CleanedUp;
pub mod print;
mod saving;
pub mod shell;
pub mod sides;
pub use saving::WRITE_STEP;
pub mod spreadsheet;
pub mod summary;

/// What the window shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Source {
    /// A workspace folder, read and written.
    #[default]
    Workspace,
    /// A bundle opened read-only (review mode): extracted into a private temp folder;
    /// the bundle file itself is never written.
    Review(PathBuf),
    /// A folder of several workspaces and bundles, read-only, as one portfolio.
    Many(PathBuf),
}

impl Source {
    /// Whether the open folder is the user's own workspace (watched, checked, written).
    pub fn is_workspace(&self) -> bool {
        matches!(self, Source::Workspace)
    }
}

/// What an undo step restores.
#[derive(Debug, Clone)]
enum Snapshot {
    /// A product before and after (None = absent).
    Product {
        id: ProductId,
        before: Option<Box<Product>>,
        after: Option<Box<Product>>,
    },
    /// Workspace settings before and after.
    Info {
        before: Box<WorkspaceInfo>,
        after: Box<WorkspaceInfo>,
    },
    /// Several products at once (an import): each a `Snapshot::Product`.
    Many(Vec<Snapshot>),
}

impl Snapshot {
    /// The same change under product id `new` instead of `old` (a new product saved
    /// under another id because its own was taken meanwhile).
    fn rename(&mut self, old: &ProductId, new: &ProductId) {
        match self {
            Snapshot::Product { id, before, after } if id == old => {
                *id = new.clone();
                for product in [before, after].into_iter().flatten() {
                    product.id = new.clone();
                }
            }
            Snapshot::Many(parts) => parts.iter_mut().for_each(|p| p.rename(old, new)),
            Snapshot::Product { .. } | Snapshot::Info { .. } => {}
        }
    }

    /// The same change the other way round (what undo applies).
    fn reversed(self) -> Snapshot {
        match self {
            Snapshot::Product { id, before, after } => Snapshot::Product {
                id,
                before: after,
                after: before,
            },
            Snapshot::Info { before, after } => Snapshot::Info {
                before: after,
                after: before,
            },
            Snapshot::Many(parts) => {
                Snapshot::Many(parts.into_iter().map(Snapshot::reversed).collect())
            }
        }
    }
}

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something went wrong; the user should read it.
    Error,
    /// Confirmation of an action.
    Info,
    /// Done, but something to see to (stays until dismissed, like an error).
    Warning,
}

/// A message shown to the user until dismissed (errors, warnings) or for a while (info).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Severity.
    pub level: Level,
    /// What it says (worded when drawn, in the language shown).
    pub notice: Notice,
    /// When the UI first showed it (UI clock, seconds); info messages go a few seconds
    /// later. None until shown.
    pub shown_at: Option<f64>,
    /// A file the message is about (an export just written): the banner offers to open
    /// it and its folder.
    pub file: Option<std::path::PathBuf>,
    /// What "Thử lại" does (an export that failed because another program held the file).
    pub retry: Option<Retry>,
}

/// Something the user may try again from a message's banner.
#[derive(Debug, Clone, PartialEq)]
pub enum Retry {
    /// Export this document to this path again (it was open in Word, say).
    ExportDocument {
        /// Which document.
        kind: crate::documents::DocKind,
        /// Of which product.
        id: crate::domain::model::ProductId,
        /// Where.
        path: std::path::PathBuf,
    },
    /// Export the periodic report to this path again.
    ExportSummary {
        /// As asked for.
        request: Box<summary::SummaryRequest>,
        /// Where.
        path: std::path::PathBuf,
    },
}

/// What is saved where, so a failed write can be retried.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SaveTarget {
    Product(ProductId),
    Info,
}

/// The workspace being edited, with undo and saving. No egui in here.
///
/// Its fields are private: the screens read them through the accessors in `access.rs`
/// and change them only through intent-named methods (commands, messages, the officer),
/// so every change of the model goes through [`AppState::apply`] and bumps the revision.
#[derive(Debug)]
pub struct AppState {
    /// Folder of the workspace.
    dir: PathBuf,
    /// The model.
    workspace: Workspace,
    /// Rule data.
    catalog: Catalog,
    /// Products opened read-only (newer schema, or fields this build does not know).
    read_only: BTreeSet<ProductId>,
    /// Product file stems that could not be read: never written.
    unreadable: BTreeSet<String>,
    /// Load problems, as text naming the file.
    load_problems: Vec<Reason>,
    /// Whether `workspace.ron` may be written.
    workspace_file_writable: bool,
    /// Messages for the user.
    messages: Vec<Message>,
    /// Bumped on every change of the model (caches key on it); see [`AppState::revision`].
    revision: u64,
    /// "Today", injectable for tests and the demo.
    today: NaiveDate,
    /// UI language (for messages produced here).
    lang: Lang,
    /// Name written into each product's history (the settings' officer).
    officer: String,
    /// What the background check found, by folder (or bundle), then stored path's key:
    /// each file's integrity and whether its path is safe to open (never inside a
    /// bundle). Nested so that a frame looks a file up without building a key; also
    /// what the portfolio's evidence flag counts.
    evidence: EvidenceFound,
    /// Score sheets evaluated for the product screen, kept per revision (`derived`).
    evaluations: derived::Evaluations,
    /// Where a product's evidence is when not in the open folder (the many-communes view:
    /// its own commune's folder, or the bundle it came in). Products not listed: the folder.
    evidence_homes: std::collections::BTreeMap<ProductId, storage::ManyEvidence>,
    /// Conflict copies in `products/` (sync tools' and this app's), never loaded as products.
    conflicts: Vec<storage::ConflictCopy>,
    /// Why the whole workspace is read-only in this window (another window on this PC
    /// has it open), if it is.
    workspace_locked: Option<Notice>,
    /// What is open: a workspace folder, or one of the read-only views.
    source: Source,
    /// What each product file held when last read or written here.
    stamps: std::collections::BTreeMap<ProductId, storage::FileStamp>,
    /// Names, sizes and times in `products/` at the last scan.
    listing: std::collections::BTreeMap<String, (u64, Option<std::time::SystemTime>)>,
    /// Held while the window is open (never read: dropping it unlocks).
    lock: Option<storage::shared::WorkspaceLock>,
    undo: Vec<(Snapshot, [String; 2])>,
    redo: Vec<(Snapshot, [String; 2])>,
    /// The text field the last undo step edited (see [`text_edit_key`]): a field saves
    /// while it is being typed in, and those saves join one undo step.
    last_text_edit: Option<String>,
    /// How deep [`AppState::write_targets`] is in moving new products to free ids.
    id_moves: u32,
    /// Products moved to a free id by the last writes (old, new), for the undo step
    /// being made.
    moved_ids: Vec<(ProductId, ProductId)>,
    change_log: Vec<(u64, Option<ProductId>)>,
    unsaved: BTreeSet<SaveTarget>,
    /// Whether a change of many products (an import, its undo or redo) is written in
    /// steps that a window draws progress between ([`AppState::write_step`]); off for the
    /// command line, which writes at once.
    write_in_steps: bool,
    /// The targets of such a change still to write, and how many there were.
    steps: Option<saving::StepQueue>,
}

impl AppState {
    /// Opens the workspace in `dir`.
    pub fn open(
        dir: &Path,
        catalog: Catalog,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Self, StorageError> {
        let mut state = AppState::read_in(dir, catalog, today, lang)?;
        match storage::shared::lock_workspace(dir) {
            Ok(lock) => state.lock = Some(lock),
            Err(storage::shared::LockRefused::HeldByAnotherWindow) => {
                state.workspace_locked = Some(text::WORKSPACE_OPEN_ELSEWHERE.into());
            }
            Err(storage::shared::LockRefused::Unavailable(err)) => {
                state.workspace_locked = Some(Notice::failed(text::WORKSPACE_NOT_LOCKABLE, err));
            }
        }
        // Partial copies and temp files left by a crash are never referenced: remove them
        // (only the app's own names, only those older than a minute).
        storage::evidence::clean_incoming(dir);
        storage::fsio::clean_stray_temps(&storage::temp_dirs(dir));
        Ok(state)
    }

    /// Opens the workspace in `dir` only to read it (the command line's `calendar` and
    /// `export`): the per-PC lock is not taken, so a window opening it meanwhile is not
    /// told it is "open elsewhere"; no clean-up runs; every edit is refused.
    pub fn open_to_read(
        dir: &Path,
        catalog: Catalog,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Self, StorageError> {
        let mut state = AppState::read_in(dir, catalog, today, lang)?;
        state.workspace_locked = Some(text::OPENED_TO_READ.into());
        Ok(state)
    }

    /// The workspace in `dir` loaded with its holiday overlay: no lock, no clean-up.
    fn read_in(
        dir: &Path,
        mut catalog: Catalog,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Self, StorageError> {
        // The holidays first: each product's digest is computed as it is read, against
        // the calendar the window will use.
        let holiday_problems = storage::assets::apply_workspace_holidays(&mut catalog, dir);
        let loaded = storage::load_workspace_for(dir, &catalog, today)?;
        Ok(AppState::from_loaded(
            dir,
            loaded,
            catalog,
            today,
            lang,
            holiday_problems,
        ))
    }

    /// A state around a loaded workspace, unlocked and with no clean-up done (the
    /// read-only views build theirs with this: they write nothing into the folder).
    pub(crate) fn from_loaded(
        dir: &Path,
        loaded: storage::LoadedWorkspace,
        catalog: Catalog,
        today: NaiveDate,
        lang: Lang,
        more_problems: Vec<StorageError>,
    ) -> Self {
        let mut state = AppState {
            dir: dir.to_owned(),
            workspace: loaded.workspace,
            catalog,
            read_only: loaded.read_only.keys().cloned().collect(),
            unreadable: loaded.unreadable,
            load_problems: loaded
                .problems
                .into_iter()
                .chain(more_problems)
                .map(Reason::from)
                .collect(),
            workspace_file_writable: loaded.workspace_file_writable,
            messages: Vec::new(),
            revision: 1,
            today,
            lang,
            officer: String::new(),
            evidence: EvidenceFound::new(),
            evaluations: derived::Evaluations::default(),
            evidence_homes: std::collections::BTreeMap::new(),
            conflicts: loaded.conflicts,
            workspace_locked: None,
            source: Source::Workspace,
            stamps: loaded.stamps,
            listing: loaded.listing,
            lock: None,
            undo: Vec::new(),
            redo: Vec::new(),
            last_text_edit: None,
            id_moves: 0,
            moved_ids: Vec::new(),
            change_log: Vec::new(),
            unsaved: BTreeSet::new(),
            write_in_steps: false,
            steps: None,
        };
        if !state.conflicts.is_empty() {
            state.message(Level::Error, text::CONFLICTS_WAITING);
        }
        state
    }

    /// The revision: bumped on every change the screens must see (caches key on it).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Switches the language of the messages made here (and of cached labels).
    pub fn set_lang(&mut self, lang: Lang) {
        if self.lang != lang {
            self.lang = lang;
            self.revision += 1;
        }
    }

    /// Moves "today" on (the window follows the clock past midnight; `--today` pins it).
    /// Deadlines and the agenda are recomputed: caches key on the revision.
    pub fn set_today(&mut self, today: NaiveDate) {
        if self.today != today {
            self.today = today;
            let of = crate::domain::store::DigestOf {
                catalog: &self.catalog,
                today,
                side: self.workspace.info.kind,
            };
            self.workspace.products.refresh_digests(of);
            self.revision += 1;
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What the next undo reverts ("đánh dấu '05 mẫu sản phẩm'"), in the UI language.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(_, label)| self.pick_label(label))
    }

    /// What the next redo repeats, in the UI language.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(_, label)| self.pick_label(label))
    }

    fn pick_label<'a>(&self, label: &'a [String; 2]) -> &'a str {
        let [vi, en] = label;
        match self.lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Number of targets whose latest change is not on disk yet.
    pub fn unsaved_count(&self) -> usize {
        self.unsaved.len()
    }

    /// A free product id derived from `name`, never one of an unreadable file.
    pub fn free_product_id(&self, name: &str) -> ProductId {
        let base = ProductId::slug_from(name);
        let taken = |id: &ProductId| {
            self.workspace.products.contains_key(id)
                || self.unreadable.contains(id.as_str())
                || storage::product_path(&self.dir, id).exists()
        };
        if !taken(&base) {
            return base;
        }
        (2..)
            .filter_map(|n| ProductId::parse(&format!("{}-{n}", base.as_str())))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }

    /// Applies a command, records it for undo and saves what it touched.
    pub fn apply(&mut self, command: &Command) -> Result<(), CommandError> {
        // Refusals are returned, not reported here: the caller reports each error once.
        if self.workspace_locked.is_some() {
            return Err(CommandError::Refused(command::Refusal::WorkspaceLocked));
        }
        if let Some(id) = command.product_id()
            && self.read_only.contains(id)
        {
            return Err(CommandError::Refused(command::Refusal::ReadOnlyProduct));
        }
        if let Some(refusal) = self.refusal_by_side(command) {
            return Err(CommandError::Refused(refusal));
        }
        let snapshot_before = self.snapshot_target(command);
        let label = text::describe_command(command, &self.workspace, &self.catalog);
        command::apply(&mut self.workspace, &self.catalog, command)?;
        let snapshot = match snapshot_before {
            SnapshotBefore::Many(befores) => {
                let mut parts = Vec::with_capacity(befores.len());
                for (id, before) in befores {
                    let changes =
                        history::describe(before.as_deref(), self.workspace.products.get(&id));
                    let entry = self.history_entry(Origin::Edit, changes);
                    if let Some(product) = self.workspace.products.get_mut(&id) {
                        product.history.push(entry);
                    }
                    let after = self.workspace.products.get(&id).cloned().map(Box::new);
                    parts.push(Snapshot::Product { id, before, after });
                }
                Snapshot::Many(parts)
            }
            SnapshotBefore::Product(id, before) => {
                let current = self.workspace.products.get(&id);
                if before.as_deref() == current {
                    return Ok(()); // nothing changed: no undo step, no write
                }
                let mut changes = history::describe(before.as_deref(), current);
                // A received bundle's remarks of the other side are logged in its own
                // history, which came in with it: not again under this officer's name.
                if matches!(command, Command::ImportBundle { .. }) {
                    let own = self.workspace.info.kind;
                    changes.retain(|c| match c {
                        history::Change::RemarkAdded { side, .. }
                        | history::Change::RemarkRemoved { side, .. } => *side == own,
                        _ => true,
                    });
                }
                if current.is_some() {
                    let entry = self.history_entry(Origin::Edit, changes);
                    if let Some(product) = self.workspace.products.get_mut(&id) {
                        product.history.push(entry);
                    }
                }
                let after = self.workspace.products.get(&id).cloned().map(Box::new);
                Snapshot::Product { id, before, after }
            }
            SnapshotBefore::Info(before) => Snapshot::Info {
                before,
                after: Box::new(self.workspace.info.clone()),
            },
        };
        self.moved_ids.clear();
        self.persist(&snapshot);
        // A new product whose id was taken on disk meanwhile was saved under another id:
        // this step (not on the undo stack yet) follows it.
        let mut snapshot = snapshot;
        for (old, new) in std::mem::take(&mut self.moved_ids) {
            snapshot.rename(&old, &new);
        }
        self.note_change(&snapshot);
        let key = text_edit_key(command);
        match (self.undo.last_mut(), &snapshot) {
            // Another save of the field being typed in: one undo step for the whole edit
            // (the history keeps each save; it is append-only).
            (
                Some((
                    Snapshot::Product {
                        after: last_after, ..
                    },
                    _,
                )),
                Snapshot::Product { after, .. },
            ) if key.is_some() && key == self.last_text_edit && self.redo.is_empty() => {
                last_after.clone_from(after);
            }
            _ => self.undo.push((snapshot, label)),
        }
        self.last_text_edit = key;
        self.redo.clear();
        if matches!(command, Command::DeleteProduct { .. }) {
            self.message(Level::Info, text::DELETED);
        }
        Ok(())
    }

    fn snapshot_target(&self, command: &Command) -> SnapshotBefore {
        if let Command::ImportProducts { products, updated } = command {
            let new = products.iter().map(|p| (p.id.clone(), None));
            let old = updated.iter().map(|p| {
                let before = self.workspace.products.get(&p.id).cloned().map(Box::new);
                (p.id.clone(), before)
            });
            return SnapshotBefore::Many(new.chain(old).collect());
        }
        match command.product_id() {
            Some(id) => SnapshotBefore::Product(
                id.clone(),
                self.workspace.products.get(id).cloned().map(Box::new),
            ),
            None => SnapshotBefore::Info(Box::new(self.workspace.info.clone())),
        }
    }

    /// The officer's name for the history: the settings' name, else the workspace's first.
    pub fn author(&self) -> String {
        if self.officer.trim().is_empty() {
            self.workspace
                .info
                .officers
                .first()
                .cloned()
                .unwrap_or_default()
        } else {
            self.officer.clone()
        }
    }

    fn history_entry(&self, origin: Origin, changes: Vec<history::Change>) -> HistoryEntry {
        HistoryEntry {
            at: chrono::Local::now().naive_local(),
            by: self.author(),
            origin,
            changes,
        }
    }

    /// Undoes the last change (Ctrl+Z).
    pub fn undo(&mut self) -> bool {
        self.last_text_edit = None;
        let Some((snapshot, label)) = self.undo.pop() else {
            self.message(Level::Info, text::NOTHING_TO_UNDO);
            return false;
        };
        let reverted = snapshot.reversed();
        self.restore(&reverted, Origin::Undo);
        // Store it un-reversed on the redo stack.
        self.redo.push((reverted.reversed(), label));
        true
    }

    /// Redoes the last undone change (Ctrl+Shift+Z or Ctrl+Y).
    pub fn redo(&mut self) -> bool {
        self.last_text_edit = None;
        let Some((snapshot, label)) = self.redo.pop() else {
            self.message(Level::Info, text::NOTHING_TO_REDO);
            return false;
        };
        self.restore(&snapshot, Origin::Redo);
        self.undo.push((snapshot, label));
        true
    }

    /// Puts the "after" side of a snapshot into the model and saves it. The product's
    /// history is never rolled back: the current log is kept and the undo/redo appended.
    fn restore(&mut self, snapshot: &Snapshot, origin: Origin) {
        self.restore_model(snapshot, origin);
        self.persist(snapshot);
        self.note_change(snapshot);
    }

    /// The model part of [`AppState::restore`] (no saving), recursive for `Many`.
    fn restore_model(&mut self, snapshot: &Snapshot, origin: Origin) {
        match snapshot {
            Snapshot::Many(parts) => {
                for part in parts {
                    self.restore_model(part, origin);
                }
            }
            Snapshot::Product { id, after, .. } => match after {
                Some(product) => {
                    let mut restored = product.as_ref().clone();
                    let current = self.workspace.products.get(id);
                    let changes = match current {
                        Some(current) => {
                            restored.history = current.history.clone();
                            history::describe(Some(current), Some(&restored))
                        }
                        None => vec![history::Change::Restored],
                    };
                    restored.history.push(self.history_entry(origin, changes));
                    self.workspace.products.insert(id.clone(), restored);
                }
                None => {
                    self.workspace.products.remove(id);
                }
            },
            Snapshot::Info { after, .. } => self.workspace.info = after.as_ref().clone(),
        }
    }

    /// Bumps the revision and records which product changed, so caches can update one
    /// row instead of rebuilding all of them.
    fn note_change(&mut self, snapshot: &Snapshot) {
        self.revision += 1;
        // Digests hold the side's deadlines: a workspace that changed side computes
        // every one again, on every core (a change of anything else in the settings
        // leaves them).
        if let Snapshot::Info { before, after } = snapshot
            && before.kind != after.kind
        {
            let of = crate::domain::store::DigestOf {
                catalog: &self.catalog,
                today: self.today,
                side: after.kind,
            };
            self.workspace.products.refresh_digests(of);
        }
        self.workspace.products.settle();
        // A change of many products (None) makes the caches rebuild everything.
        let id = match snapshot {
            Snapshot::Product { id, .. } => Some(id.clone()),
            Snapshot::Info { .. } | Snapshot::Many(_) => None,
        };
        self.change_log.push((self.revision, id));
        if self.change_log.len() > 64 {
            self.change_log.remove(0);
        }
    }

    /// The products changed after revision `since`, if every change since then touched
    /// one known product; None means "rebuild everything".
    pub fn changes_since(&self, since: u64) -> Option<Vec<ProductId>> {
        let first_logged = self.change_log.first().map(|(rev, _)| *rev)?;
        if since + 1 < first_logged {
            return None;
        }
        // Revision bumps that are not in the log (language, evidence checks) force a rebuild.
        let logged: Vec<&(u64, Option<ProductId>)> = self
            .change_log
            .iter()
            .filter(|(rev, _)| *rev > since)
            .collect();
        if u64::try_from(logged.len()).ok()? != self.revision.saturating_sub(since) {
            return None;
        }
        logged.into_iter().map(|(_, id)| id.clone()).collect()
    }
}

/// Which text field a command edits ("text:<product>:<field>"), for commands that a field
/// sends while it is being typed in; None for every other command.
fn text_edit_key(command: &Command) -> Option<String> {
    match command {
        Command::SetText { id, field, .. } => Some(format!("text:{id}:{field:?}")),
        Command::SetDocNote { id, key, .. } => Some(format!("doc-note:{id}:{key}")),
        Command::SetCriterionNote {
            id,
            sheet,
            criterion,
            ..
        } => Some(format!("criterion-note:{id}:{sheet:?}:{criterion}")),
        _ => None,
    }
}

enum SnapshotBefore {
    Product(ProductId, Option<Box<Product>>),
    /// The products of an import: new ones (absent before) and updated ones.
    Many(Vec<(ProductId, Option<Box<Product>>)>),
    Info(Box<WorkspaceInfo>),
}
