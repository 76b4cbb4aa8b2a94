//! Opening a workspace and replacing what the window has open: the folder read on a task
//! (the window blocked meanwhile), a workspace, a review or a many-communes view put in
//! the window in one place ([`OcopApp::install`]), and the checks before anything is
//! replaced (everything on disk, nothing else running, this workspace's dialogs closed).

use std::path::{Path, PathBuf};

use super::{OcopApp, Screen, dashboard, exchange, new_workspace, portfolio, product, text};
use crate::app::{AppState, Level, Notice, Outcome, Request};

/// What follows a workspace's opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterOpen {
    /// Nothing more.
    Nothing,
    /// It was just created: say so and show the portfolio, where its first product goes.
    Created,
}

impl OcopApp {
    /// Opens a workspace folder on a task (progress strip; the window keeps answering,
    /// 20,000 products take most of a second, a network share longer); on failure keeps
    /// the current one and says why.
    pub fn open_workspace(&mut self, dir: &Path) {
        self.open_workspace_then(dir, AfterOpen::Nothing);
    }

    /// [`OcopApp::open_workspace`], then `then`.
    pub(super) fn open_workspace_then(&mut self, dir: &Path, then: AfterOpen) {
        if !self.prepare_to_replace() {
            return;
        }
        let (catalog, today, lang) = (self.catalog.clone(), self.today(), self.lang);
        let dir = dir.to_owned();
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.start_shaped_task(
            exchange::TaskShape::REPLACING,
            "open-workspace",
            text::OPENING_WORKSPACE,
            name,
            move |_, cancel| {
                let result = AppState::open(&dir, catalog, today, lang);
                // Reading cannot stop half-way; a cancelled open is dropped.
                let cancelled = cancel.load(std::sync::atomic::Ordering::Relaxed);
                exchange::Done::Workspace(dir, (!cancelled).then_some(result), then)
            },
        );
    }

    /// Puts a workspace just read in the window (or says why it could not be opened; an
    /// empty folder is offered as a new workspace).
    pub(super) fn finish_open(
        &mut self,
        dir: &Path,
        result: Result<AppState, crate::app::shell::StorageError>,
        then: AfterOpen,
    ) {
        match result {
            Ok(state) => {
                if !self.install(state, None) {
                    return;
                }
                self.handle(Request::SetOfficer(self.officer.clone()));
                // An import of thousands of products is written between frames, with its
                // progress on screen.
                self.handle(Request::WriteInSteps(true));
                self.start_watch();
                if then == AfterOpen::Created {
                    self.say(Level::Info, text::NEW_WORKSPACE_CREATED);
                    // Where its first product is added.
                    self.screen = Screen::Portfolio;
                }
            }
            Err(err) => {
                // A folder that is empty (or new) is one to start a workspace in: offer it.
                if crate::app::shell::is_empty_folder(dir) {
                    let mut dialog = new_workspace::NewWorkspaceDialog::new(
                        crate::domain::model::WorkspaceKind::Commune,
                        &self.officer,
                        Some(dir.to_owned()),
                    );
                    dialog.hint = Some(self.lang.t(text::EMPTY_FOLDER_OFFER).to_owned());
                    self.new_workspace = Some(dialog);
                    return;
                }
                // Said in the user's language, on whatever screen is open.
                let notice = Notice::failed(text::OPEN_FAILED, err);
                self.handle(Request::Say(Level::Error, notice.clone()));
                self.open_error = Some(notice);
            }
        }
    }

    /// Puts `state` in the window in place of what was open (written to disk first): the
    /// one place a workspace, a review (with its private `folder`) or a many-communes view
    /// comes in, so every screen starts afresh and the state speaks the window's language.
    /// A workspace's own settings (the officer, the watcher) follow in `finish_open`.
    /// False (and said) when the workspace open now still has changes not on disk.
    pub(super) fn install(
        &mut self,
        state: AppState,
        folder: Option<crate::app::shell::PrivateFolder>,
    ) -> bool {
        if !self.ready_to_leave() {
            return false;
        }
        let mut state = state;
        // The old state is let go here (written to disk above), after the new one took
        // over its hold on the folder if both are the same workspace.
        let mut old = self.state.take();
        if let Some(old) = old.as_mut() {
            state.inherit_lock(old);
        }
        self.state = Some(state);
        drop(old);
        self.review_folder = folder;
        self.dialog = None;
        self.summary = None;
        self.receive_dialog = None;
        self.handle(Request::SetLang(self.lang));
        self.import = None;
        self.verify = None;
        self.watch = None;
        // A review's private copy and each commune's folder of the many-communes view
        // have real evidence files: checked like a workspace's.
        self.start_verify(None);
        self.screen = Screen::Dashboard;
        self.portfolio = portfolio::PortfolioUi::default();
        self.dashboard = dashboard::DashboardUi::default();
        // Its caches key on revisions of the state that is gone.
        self.product_view = product::ProductView::default();
        self.open_error = None;
        true
    }

    /// Before a task that ends by replacing what is open (another workspace, a review,
    /// many communes): nothing else runs, everything is on disk (the folder is read
    /// after), and the dialogs of this workspace close (none may be applied to the next
    /// one). False, and said, if not.
    pub(super) fn prepare_to_replace(&mut self) -> bool {
        if self.busy() || !self.ready_to_leave() {
            return false;
        }
        self.dialog = None;
        self.summary = None;
        self.receive_dialog = None;
        true
    }

    /// Whether this window may let its workspace go (another is opened): everything is on
    /// disk. If not, says so and keeps it (the officer retries or saves a copy first).
    pub(super) fn ready_to_leave(&mut self) -> bool {
        // Files being copied in are attached to this workspace when they are done.
        if self.import.is_some() {
            self.report(text::IMPORT_BUSY);
            return false;
        }
        if matches!(self.handle(Request::Flush), Outcome::OnDisk(false)) {
            self.report(text::UNSAVED_KEEPS_WORKSPACE);
            return false;
        }
        true
    }

    /// Where a copy of the whole workspace goes: a new folder inside one the user picks
    /// (None: cancelled).
    pub(super) fn copy_target(&mut self) -> Result<Option<PathBuf>, Notice> {
        let Some(state) = self.state.as_ref() else {
            return Ok(None);
        };
        let parent = match self.dialogs.pick_folder() {
            Ok(Some(parent)) => parent,
            Ok(None) => return Ok(None),
            Err(_) => return Err(text::DIALOG_UNAVAILABLE_SAVE.into()),
        };
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
        Ok(Some(parent.join(state.copy_folder_name(&stamp))))
    }
}
