//! What the screens, the CLI and the tests may read of an [`AppState`], and the few
//! changes they may make that are not commands: messages, the officer's name.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use super::{AppState, Level, Message, Notice, Retry, Source};
use crate::domain::catalog::Catalog;
use crate::domain::digest::Digest;
use crate::domain::model::{ProductId, Workspace};
use crate::domain::store::DigestOf;
use crate::storage;
use crate::text::Lang;

impl AppState {
    /// Pushes a message. The same message again replaces the older copy, so repeats do not
    /// stack up.
    pub fn message(&mut self, level: Level, notice: impl Into<Notice>) {
        self.push_message(level, notice.into(), None);
    }

    /// A message about a file just written (an export): its banner opens the file and
    /// its folder.
    pub fn message_about_file(&mut self, level: Level, notice: impl Into<Notice>, file: &Path) {
        self.push_message(level, notice.into(), Some(file.to_owned()));
    }

    /// An error the user may try again from its banner ("Thử lại").
    pub fn message_with_retry(&mut self, notice: impl Into<Notice>, retry: Retry) {
        self.push_message(Level::Error, notice.into(), None);
        if let Some(last) = self.messages.last_mut() {
            last.retry = Some(retry);
        }
    }

    fn push_message(&mut self, level: Level, notice: Notice, file: Option<std::path::PathBuf>) {
        // Every error and warning the officer is shown is also in the log (issue 22), so a
        // helper can read what happened after the banner is gone.
        match level {
            // Logged as data (app/ words nothing: `say` does, when it is shown).
            Level::Error => log::error!("{notice:?}"),
            Level::Warning => log::warn!("{notice:?}"),
            Level::Info => {}
        }
        // The same message said again is one banner, the latest.
        self.messages.retain(|m| m.notice != notice);
        self.messages.push(Message {
            level,
            notice,
            shown_at: None,
            file,
            retry: None,
        });
        // Keep the list short: the oldest info messages go first.
        while self.messages.len() > 6 {
            if let Some(pos) = self.messages.iter().position(|m| m.level == Level::Info) {
                self.messages.remove(pos);
            } else {
                self.messages.remove(0);
            }
        }
    }

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
    pub fn load_problems(&self) -> &[super::Reason] {
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

    /// Takes back the warning of what `id`'s last bundle lacked (said again, or no longer
    /// true).
    pub fn retract_bundle_gaps(&mut self, id: &ProductId) {
        self.messages.retain(
            |m| !matches!(&m.notice, Notice::BundleGaps { product_id, .. } if product_id == id),
        );
    }

    /// Marks messages shown at `now` (seconds on the UI's clock) and drops information
    /// shown for `info_seconds` or longer (errors and warnings stay until dismissed); returns the
    /// seconds until the next one goes, if any.
    pub fn expire_messages(&mut self, now: f64, info_seconds: f64) -> Option<f64> {
        self.messages.retain(|m| {
            m.level != Level::Info || m.shown_at.is_none_or(|at| now - at < info_seconds)
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

    /// What the screens need of product `id` (see `domain::digest`), kept per change.
    pub fn digest(&self, id: &ProductId) -> Option<std::borrow::Cow<'_, Digest>> {
        self.workspace.products.digest(id, self.digest_of())
    }

    /// The name in `lang` of dossier document `key` of `product`'s current application,
    /// from its digest (the product is not opened); the key itself when unknown.
    pub fn document_name(&self, product: &ProductId, key: &str, lang: Lang) -> String {
        self.digest(product)
            .and_then(|d| {
                d.rule_version
                    .as_deref()
                    .and_then(|rules| self.catalog.document_names_under(rules, key))
                    .map(|(vi, en)| lang.pick(vi, en).to_owned())
            })
            .unwrap_or_else(|| key.to_owned())
    }

    /// The products here as an import's duplicates are found among (from the digests'
    /// rows: nothing is decoded).
    pub fn known_products(&self) -> crate::domain::spreadsheet::KnownProducts {
        let digests: Vec<_> = self.digests().collect();
        crate::domain::spreadsheet::KnownProducts::of(
            digests
                .iter()
                .map(|d| (&d.row.id, d.row.name.as_str(), d.row.producer.as_str())),
        )
    }

    /// The digest of every product, in id order.
    pub fn digests(&self) -> impl Iterator<Item = std::borrow::Cow<'_, Digest>> {
        self.workspace.products.digests(self.digest_of())
    }

    /// Lets the products opened by the screens go back to their packed form once there
    /// are many (`domain::store`); nothing changes that a screen could see.
    pub fn settle_products(&mut self) {
        self.workspace.products.settle();
    }

    fn digest_of(&self) -> DigestOf<'_> {
        DigestOf {
            catalog: &self.catalog,
            today: self.today,
            side: self.workspace.info.kind,
        }
    }

    /// Whether files may be attached to `product`'s document `key` here: not in a locked
    /// window, not to a product open read-only, not to the other side's documents
    /// (`domain::sides`).
    pub fn may_attach(&self, product: &ProductId, key: &str) -> bool {
        self.may_edit(product, crate::domain::sides::Part::Document(key))
    }

    /// The command that writes `words` as this side's remark about `about` on
    /// `product`'s current application, by this officer, now (as the history is dated).
    pub fn remark(
        &self,
        product: &ProductId,
        about: crate::domain::remarks::RemarkAbout,
        words: &str,
    ) -> crate::command::Command {
        let at = chrono::Local::now().naive_local();
        crate::command::Command::AddRemark {
            id: product.clone(),
            side: self.side(),
            about,
            text: words.to_owned(),
            author: self.author(),
            at,
        }
    }

    /// This workspace's side: a commune's or a producer's.
    pub fn side(&self) -> crate::domain::model::WorkspaceKind {
        self.workspace.info.kind
    }

    /// Whether `part` of `product` may be edited here: the window is not locked, the
    /// product is not open read-only, and the part is this side's or each side's alone
    /// (`domain::sides`, the rule [`AppState::apply`](super::AppState::apply) enforces).
    /// The screens grey a control when this is false.
    pub fn may_edit(&self, product: &ProductId, part: crate::domain::sides::Part<'_>) -> bool {
        self.workspace_locked.is_none()
            && !self.read_only.contains(product)
            && crate::domain::sides::may_edit(
                self.side(),
                part,
                self.workspace.products.get(product),
                &self.catalog,
            )
    }

    /// Why files may not be attached to `product`'s document `key` here, if they may not
    /// (asked before anything is copied): a product open read-only, a locked window, or
    /// the other side's document, said as the command would be refused.
    pub fn attach_refusal(&self, product: &ProductId, key: &str) -> Option<super::Notice> {
        if self.read_only.contains(product) {
            return Some(crate::text::REFUSED_READ_ONLY.into());
        }
        if self.workspace_locked.is_some() {
            return Some(super::Notice::error(
                crate::command::Refusal::WorkspaceLocked,
            ));
        }
        if self.may_attach(product, key) {
            return None;
        }
        Some(super::Notice::error(match self.side() {
            crate::domain::model::WorkspaceKind::Producer => crate::command::Refusal::CommunesPart,
            crate::domain::model::WorkspaceKind::Commune => crate::command::Refusal::ProducersPart,
        }))
    }

    /// Takes over `old`'s hold on the folder when both are the same workspace (a reload
    /// in this window): read while `old` held it, this state found it taken and came in
    /// read-only, "open in another window", which it is not.
    pub fn inherit_lock(&mut self, old: &mut AppState) {
        if old.dir == self.dir
            && self.lock.is_none()
            && old.lock.is_some()
            && self.workspace_locked == Some(crate::text::WORKSPACE_OPEN_ELSEWHERE.into())
        {
            self.lock = old.lock.take();
            self.workspace_locked = None;
        }
    }

    /// The name of a copy of this workspace saved elsewhere at `stamp`: the folder's own
    /// name as the OS gave it (no lossy round trip through a String: on Windows a name is
    /// UTF-16 and need not be valid Unicode), then "-bản sao-20261206-101500".
    pub fn copy_folder_name(&self, stamp: &str) -> std::ffi::OsString {
        let mut name = self.dir.file_name().map_or_else(
            || std::ffi::OsString::from("ocop"),
            std::ffi::OsStr::to_os_string,
        );
        name.push(format!(
            "-{}-{stamp}",
            self.lang.t(crate::text::COPY_SUFFIX)
        ));
        name
    }

    /// Why `command` is not this side's to make, if it is not (`domain::sides`).
    pub(super) fn refusal_by_side(
        &self,
        command: &crate::command::Command,
    ) -> Option<crate::command::Refusal> {
        let product = command
            .product_id()
            .and_then(|id| self.workspace.products.get(id));
        let part = super::sides::part_of(command, product)?;
        if crate::domain::sides::may_edit(self.side(), part, product, &self.catalog) {
            return None;
        }
        Some(match self.side() {
            crate::domain::model::WorkspaceKind::Producer => crate::command::Refusal::CommunesPart,
            crate::domain::model::WorkspaceKind::Commune => crate::command::Refusal::ProducersPart,
        })
    }

    /// Where a product of the many-communes view was read from: its workspace folder's
    /// or bundle's name ("xa-binh-an", "Cốm.ocop.zip"); `None` elsewhere.
    pub fn source_of(&self, product: &ProductId) -> Option<String> {
        let (storage::ManyEvidence::Folder(path) | storage::ManyEvidence::Bundle { path, .. }) =
            self.evidence_homes.get(product)?;
        path.file_name().map(|n| n.to_string_lossy().into_owned())
    }

    /// Conflict copies in `products/`, never loaded as products.
    pub fn conflicts(&self) -> &[storage::ConflictCopy] {
        &self.conflicts
    }

    /// Why the whole workspace is read-only in this window, if it is.
    pub fn workspace_locked(&self) -> Option<&Notice> {
        self.workspace_locked.as_ref()
    }

    /// What is open: a workspace folder, or one of the read-only views.
    pub fn source(&self) -> &Source {
        &self.source
    }
}
