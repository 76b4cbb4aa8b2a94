//! The app shell's side of background work: starting the evidence import and integrity
//! check, collecting their results each frame, and files dropped on the window.

use std::path::PathBuf;

use crate::app::{Level, Notice, Outcome, Request};
use crate::domain::model::ProductId;

use super::text;
use super::{Dialog, OcopApp, Screen, UiAction, evidence};

impl OcopApp {
    /// Starts (or restarts) the background integrity check of all evidence files.
    pub(super) fn start_verify(&mut self, ctx: Option<&egui::Context>) {
        let Some(state) = self.state.as_ref() else {
            return;
        };
        // Gathered on the check's own thread: finding every attachment decodes every
        // product (most of a second at 20,000).
        let attachments = state.attachments_to_verify_later();
        let _ = ctx;
        let wake = self.repaint.clone();
        match crate::jobs::VerifyJob::start_gathering(attachments, move || {
            if let Some(ctx) = wake.lock().ok().and_then(|c| c.clone()) {
                ctx.request_repaint();
            }
        }) {
            Ok(job) => self.verify = Some(job),
            Err(err) => self.say(Level::Error, Notice::error(err)),
        }
    }

    /// Collects results of background work.
    /// Starts watching the open workspace for other officers' changes.
    pub(super) fn start_watch(&mut self) {
        self.watch = None;
        let Some(state) = self.state.as_ref() else {
            return;
        };
        let wake = self.repaint.clone();
        let job =
            crate::jobs::WatchJob::start(state.dir().to_path_buf(), state.listing(), move || {
                if let Some(ctx) = wake.lock().ok().and_then(|c| c.clone()) {
                    ctx.request_repaint();
                }
            });
        // Without a watcher thread the app still works; it just does not see others.
        self.watch = job.ok();
    }

    /// Reloads what other officers changed (the workspace says who changed what).
    fn poll_watch(&mut self) {
        if let Some(listing) = self.watch.as_ref().and_then(|watch| watch.poll()) {
            self.handle(Request::Rescan(listing));
        }
    }

    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        self.poll_watch();
        if let Some(job) = self.verify.as_mut() {
            let found = job.poll();
            let finished = job.finished;
            self.handle(Request::RecordEvidence(found));
            if !finished {
                ctx.request_repaint_after(std::time::Duration::from_millis(200));
            }
        }
        let outcome = self.import.as_ref().and_then(crate::jobs::ImportJob::poll);
        if let Some(outcome) = outcome {
            let job = self.import.take();
            match outcome {
                crate::jobs::ImportOutcome::Finished { attached, failed } => {
                    if let (Some(job), false) = (job, attached.is_empty()) {
                        let outcome = self.handle(Request::Attach {
                            id: job.product.clone(),
                            key: job.key.clone(),
                            attachments: attached,
                        });
                        if let Outcome::Refused(err) = outcome {
                            self.say(Level::Error, Notice::error(err));
                        }
                    }
                    for (path, reason) in failed {
                        let why = match reason {
                            Some(err) => err.into(),
                            None => text::IMPORT_STOPPED.into(),
                        };
                        self.say(
                            Level::Error,
                            Notice::Failed {
                                what: Some(text::IMPORT_FAILED),
                                why,
                                about: Some(path),
                            },
                        );
                    }
                    self.start_verify(Some(ctx));
                }
                crate::jobs::ImportOutcome::Cancelled => {
                    self.say(Level::Info, text::IMPORT_CANCELLED);
                }
            }
        } else if self.import.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Files dropped on the window: onto a document they attach to it; onto a product
    /// elsewhere, the user chooses the document.
    pub(super) fn handle_drops(
        &mut self,
        ctx: &egui::Context,
        targets: &[evidence::DropTarget],
        actions: &mut Vec<UiAction>,
    ) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let pointer = ctx.input(|i| i.pointer.latest_pos());
        let hit = pointer.and_then(|pos| targets.iter().find(|t| t.rect.contains(pos)));
        match (hit, &self.screen) {
            (Some(target), _) => {
                actions.push(UiAction::ImportEvidence(
                    target.product.clone(),
                    target.key.clone(),
                    dropped,
                ));
            }
            (None, Screen::Product(id)) => {
                self.dialog = Some(Dialog::ChooseDocument {
                    product: id.clone(),
                    files: dropped,
                });
            }
            (None, _) => actions.push(UiAction::Report(text::DROP_OPEN_PRODUCT.into())),
        }
    }

    /// Shows an error message (or keeps it for the no-workspace screen).
    pub(super) fn report(&mut self, notice: impl Into<Notice>) {
        self.say(Level::Error, notice);
    }

    /// Starts copying evidence files for a document on a background thread.
    pub(super) fn start_import(&mut self, id: ProductId, key: String, files: Vec<PathBuf>) {
        if self.import.is_some() {
            self.report(text::IMPORT_BUSY);
            return;
        }
        let Some(state) = self.state.as_ref() else {
            return;
        };
        // Nothing is copied for a document this workspace may not attach to.
        if let Some(refusal) = state.attach_refusal(&id, &key) {
            self.report(refusal);
            return;
        }
        let now = chrono::Local::now().naive_local();
        let wake = self.repaint.clone();
        match crate::jobs::ImportJob::start(
            state.dir().to_path_buf(),
            id,
            key,
            files,
            now,
            move || {
                if let Some(ctx) = wake.lock().ok().and_then(|c| c.clone()) {
                    ctx.request_repaint();
                }
            },
        ) {
            Ok(job) => self.import = Some(job),
            Err(err) => self.report(Notice::failed(text::IMPORT_FAILED, err)),
        }
    }
}
