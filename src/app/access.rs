//! What the screens, the CLI and the tests may read of an [`AppState`], and the few
//! changes they may make that are not commands: messages, the officer's name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{AppState, Level, Message, Source};
use crate::domain::catalog::Catalog;
use crate::domain::model::{ProductId, Workspace};
use crate::storage::{self, evidence::EvidenceStatus};
use crate::text::Lang;

impl AppState {
    /// Folder of the workspace.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The model (changed only by [`AppState::apply`] and the undo history).
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The rule data.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Products opened read-only (newer schema, or fields this build does not know).
    pub fn read_only(&self) -> &BTreeSet<ProductId> {
        &self.read_only
    }

    /// Product file stems that could not be read: never written.
    pub fn unreadable(&self) -> &BTreeSet<String> {
        &self.unreadable
    }

    /// Load problems, as text naming the file.
    pub fn load_problems(&self) -> &[String] {
        &self.load_problems
    }

    /// The load problems have been read: they are no longer shown.
    pub fn dismiss_load_problems(&mut self) {
        self.load_problems.clear();
    }

    /// Whether `workspace.ron` may be written.
    pub fn workspace_file_writable(&self) -> bool {
        self.workspace_file_writable
    }

    /// Messages for the user, oldest first.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The user closed the message at `index`.
    pub fn dismiss_message(&mut self, index: usize) {
        if index < self.messages.len() {
            self.messages.remove(index);
        }
    }

    /// Marks messages shown at `now` (seconds on the UI's clock) and drops information
    /// shown for `info_seconds` or longer (errors stay until dismissed); returns the
    /// seconds until the next one goes, if any.
    pub fn expire_messages(&mut self, now: f64, info_seconds: f64) -> Option<f64> {
        self.messages.retain(|m| {
            m.level == Level::Error || m.shown_at.is_none_or(|at| now - at < info_seconds)
        });
        let mut next_expiry: Option<f64> = None;
        for message in &mut self.messages {
            let at = *message.shown_at.get_or_insert(now);
            if message.level == Level::Info {
                let left = (at + info_seconds - now).max(0.0);
                next_expiry = Some(next_expiry.map_or(left, |n: f64| n.min(left)));
            }
        }
        next_expiry
    }

    /// "Today" (follows the clock unless pinned; see [`AppState::set_today`]).
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The language of the messages produced here.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Name written into each product's history.
    pub fn officer(&self) -> &str {
        &self.officer
    }

    /// The officer's name changed in the settings (or came from `--by`): later changes
    /// are recorded under it.
    pub fn set_officer(&mut self, name: impl Into<String>) {
        self.officer = name.into();
    }

    /// Integrity of referenced evidence files by stored path (from the background check).
    pub fn evidence_status(&self) -> &BTreeMap<String, EvidenceStatus> {
        &self.evidence_status
    }

    /// Checked, safe on-disk paths of evidence files by stored path.
    pub fn evidence_paths(&self) -> &BTreeMap<String, PathBuf> {
        &self.evidence_paths
    }

    /// Conflict copies in `products/`, never loaded as products.
    pub fn conflicts(&self) -> &[storage::ConflictCopy] {
        &self.conflicts
    }

    /// Why the whole workspace is read-only in this window, if it is.
    pub fn workspace_locked(&self) -> Option<&str> {
        self.workspace_locked.as_deref()
    }

    /// What is open: a workspace folder, or one of the read-only views.
    pub fn source(&self) -> &Source {
        &self.source
    }
}
