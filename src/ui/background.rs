//! The app shell's side of background work: starting the evidence import and integrity
//! check, collecting their results each frame, and files dropped on the window.

use std::path::PathBuf;

use crate::app::Level;
use crate::command::Command;
use crate::domain::model::ProductId;

use super::text;
use super::{Dialog, OcopApp, Screen, UiAction, evidence};

impl OcopApp {
    /// Starts (or restarts) the background integrity check of all evidence files.
    pub(super) fn start_verify(&mut self, ctx: Option<&egui::Context>) {
        let Some(state) = self.state.as_mut() else {
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
            Err(err) => state.message(Level::Error, text::io_error(&err, state.lang())),
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

    /// Reloads what other officers changed and says who changed what.
    fn poll_watch(&mut self) {
        let lang = self.lang;
        let (Some(watch), Some(state)) = (self.watch.as_ref(), self.state.as_mut()) else {
            return;
        };
        let Some(listing) = watch.poll() else {
            return;
        };
        let conflicts_before = state.conflicts().len();
        for (id, by) in state.rescan_listing(listing) {
            let name = state
                .workspace()
                .products
                .get(&id)
                .map_or_else(|| id.to_string(), |p| p.name.clone());
            let who = if by.is_empty() {
                lang.t(text::SOMEONE).to_owned()
            } else {
                by
            };
            state.message(
                Level::Info,
                format!(
                    "{who} {} “{name}” ({})",
                    lang.t(text::CHANGED_BY_OTHER),
                    lang.t(text::RELOADED)
                ),
            );
        }
        if state.conflicts().len() > conflicts_before {
            state.message(Level::Error, lang.t(text::CONFLICT_ARRIVED));
        }
    }

    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        self.poll_watch();
        let lang = self.lang;
        if let (Some(job), Some(state)) = (self.verify.as_mut(), self.state.as_mut()) {
            state.record_evidence(job.poll());
            if !job.finished {
                ctx.request_repaint_after(std::time::Duration::from_millis(200));
            }
        }
        let outcome = self.import.as_ref().and_then(crate::jobs::ImportJob::poll);
        if let Some(outcome) = outcome {
            let job = self.import.take();
            match outcome {
                crate::jobs::ImportOutcome::Finished { attached, failed } => {
                    if let (Some(job), false) = (job, attached.is_empty()) {
                        let names: Vec<String> =
                            attached.iter().map(|a| a.file_name.clone()).collect();
                        let stored: Vec<String> =
                            attached.iter().map(|a| a.stored_path.clone()).collect();
                        let applied = self.apply(&Command::Attach {
                            id: job.product.clone(),
                            key: job.key.clone(),
                            attachments: attached,
                        });
                        if let (true, Some(state)) = (applied, self.state.as_mut()) {
                            state.record_fresh_evidence(stored.iter().map(String::as_str));
                            state.message(
                                Level::Info,
                                format!("{}: {}", lang.t(text::IMPORT_DONE), names.join(", ")),
                            );
                        }
                    }
                    if let Some(state) = self.state.as_mut() {
                        for (path, reason) in failed {
                            let reason = match reason {
                                Some(err) => text::evidence_error(&err, lang),
                                None => lang.t(text::IMPORT_STOPPED).to_owned(),
                            };
                            state.message(
                                Level::Error,
                                format!(
                                    "{}: {reason} — {}",
                                    lang.t(text::IMPORT_FAILED),
                                    path.display()
                                ),
                            );
                        }
                    }
                    self.start_verify(Some(ctx));
                }
                crate::jobs::ImportOutcome::Cancelled => {
                    if let Some(state) = self.state.as_mut() {
                        state.message(Level::Info, lang.t(text::IMPORT_CANCELLED));
                    }
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
            (None, _) => actions.push(UiAction::Report(
                self.lang.t(text::DROP_OPEN_PRODUCT).to_owned(),
            )),
        }
    }

    /// Shows an error message (or keeps it for the no-workspace screen).
    pub(super) fn report(&mut self, text: String) {
        match self.state.as_mut() {
            Some(state) => state.message(Level::Error, text),
            None => self.open_error = Some(text),
        }
    }

    /// Starts copying evidence files for a document on a background thread.
    pub(super) fn start_import(&mut self, id: ProductId, key: String, files: Vec<PathBuf>) {
        let lang = self.lang;
        if self.import.is_some() {
            self.report(lang.t(text::IMPORT_BUSY).to_owned());
            return;
        }
        let Some(state) = self.state.as_ref() else {
            return;
        };
        if state.read_only().contains(&id) {
            self.report(lang.t(text::REFUSED_READ_ONLY).to_owned());
            return;
        }
        // Nothing is copied for a document this workspace may not attach to.
        if !state.may_attach(&id, &key) {
            self.report(text::refusal(crate::command::Refusal::CommunesPart, lang).to_owned());
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
            Err(err) => self.report(format!(
                "{}: {}",
                lang.t(text::IMPORT_FAILED),
                text::io_error(&err, lang)
            )),
        }
    }
}
