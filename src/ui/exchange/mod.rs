//! The electronic dossier in the window: exporting a product's bundle, verifying one,
//! receiving one (verify → preview of what changes → confirm, one undo step), reviewing
//! one read-only, and a folder of many communes. The long work runs on a `jobs::Task`
//! with a progress bar and Cancel; this file starts tasks, polls them and draws the
//! preview and the results.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;

use super::{OcopApp, Screen, UiAction};
use crate::app::exchange::{self as logic, ImportPreview};
use crate::app::shell::{self, BundleError, Imported, Opened, PrivateFolder, Verified};
use crate::app::{AppState, Level, Notice, Outcome, Request};
use crate::domain::exchange::Manifest;
use crate::domain::model::ProductId;
use crate::jobs::Task;
use crate::text::{self, Lang};

mod dialogs;
use dialogs::{receive_dialog_ui, verify_dialog_ui};

/// What a finished bundle task gives, with what it needs to finish on the UI thread.
pub enum Done {
    /// A bundle written to this path.
    Export(Result<Manifest, BundleError>, PathBuf),
    /// A bundle checked.
    Verify(Result<Verified, BundleError>),
    /// A bundle checked before the import preview.
    Receive(Result<Opened, BundleError>),
    /// The evidence of a confirmed import copied into the workspace at the path.
    Extract(
        Result<BTreeMap<String, Imported>, BundleError>,
        Box<ReceiveDialog>,
        PathBuf,
    ),
    /// A bundle opened for review.
    Review(Result<(AppState, PrivateFolder), crate::app::AppError>),
    /// A folder of many communes read.
    Many(Result<AppState, crate::app::AppError>),
    /// The dossier to print written to this path, or why not (translated); the files
    /// printed only as a notice page.
    Print(
        Result<Vec<crate::documents::dossier_pdf::Unprinted>, crate::app::print::PrintFailure>,
        PathBuf,
    ),
    /// The clean-up's plan: what would go, or why nothing can.
    CleanUpPlan(Result<crate::app::shell::CleanupPlan, crate::app::AppError>),
    /// Unused evidence moved to the trash (or why not).
    CleanedUp(crate::app::CleanedUp),
    /// A copy of the workspace saved before quitting, or why not.
    CopySaved(Result<(), Notice>),
    /// An evidence file copied under its own name to be opened, or why not.
    CopyToOpen(Result<PathBuf, Notice>),
    /// An export written, or not.
    Exported(crate::app::ExportWritten),
    /// A workspace folder read, and what follows its opening.
    /// None when the officer cancelled it (what was read is dropped).
    Workspace(
        PathBuf,
        Option<Result<AppState, crate::app::shell::StorageError>>,
        super::AfterOpen,
    ),
    /// A spreadsheet read for an import (the error translated, naming the file); `None`
    /// when the officer cancelled.
    Spreadsheet(Option<Result<crate::app::spreadsheet::ImportSheet, crate::app::AppError>>),
}

/// How a task shows and what the window allows while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskShape {
    /// Work that cannot say how far it is (opening a workspace): the bar moves instead.
    pub indeterminate: bool,
    /// Nothing may change meanwhile (a workspace being read, the copy saved before
    /// quitting): the page, the menus, the dialogs and dropped files wait.
    pub blocking: bool,
    /// Whether Cancel does anything (work that cannot stop half-way and whose result is
    /// not dropped shows no Cancel).
    pub cancellable: bool,
}

impl TaskShape {
    /// A bundle task: a bar with its percentage, Cancel, the window free.
    pub const BUNDLE: TaskShape = TaskShape {
        indeterminate: false,
        blocking: false,
        cancellable: true,
    };
    /// Short work that cannot stop half-way (one file written, a scan): no Cancel.
    pub const QUICK: TaskShape = TaskShape {
        indeterminate: false,
        blocking: false,
        cancellable: false,
    };
    /// Work that ends by replacing what is open, or by closing the window (a workspace
    /// read, the copy before quitting): the window waits, the bar moves, Cancel gives it
    /// back and drops what comes.
    pub const REPLACING: TaskShape = TaskShape {
        indeterminate: true,
        blocking: true,
        cancellable: true,
    };
}

/// The running bundle task and what its bar says.
pub struct ExchangeJob {
    task: Task<Done>,
    /// The words before the bar.
    pub(super) label: text::Tr,
    /// How it shows and what it allows meanwhile.
    pub(super) shape: TaskShape,
    /// Cancel was pressed: the strip says so until the work has stopped.
    cancelling: bool,
}

/// The import preview, as the officer confirms it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiveDialog {
    /// What the import would do.
    pub preview: ImportPreview,
    /// Record the receipt date (a commune receiving a producer's dossier).
    pub record_receipt: bool,
    /// The receipt date.
    pub received: Option<NaiveDate>,
}

/// The outcome of a verification, shown until closed.
#[derive(Debug, Clone)]
pub struct VerifyDialog {
    /// The bundle.
    pub path: PathBuf,
    /// What was found: the manifest and problems, or why it is not a bundle.
    pub result: Result<Verified, String>,
}

/// The progress strip of a running task; true when Cancel was clicked.
pub fn progress_ui(ui: &mut egui::Ui, job: &ExchangeJob, lang: Lang) -> bool {
    let mut cancel = false;
    ui.horizontal(|ui| {
        let progress = &job.task.progress;
        ui.label(format!("{} {}", lang.t(job.label), progress.current_file()));
        let bar = egui::ProgressBar::new(progress.fraction()).desired_width(320.0);
        ui.add(if job.shape.indeterminate {
            bar.animate(true)
        } else {
            bar.show_percentage()
        });
        if job.cancelling {
            ui.label(lang.t(text::CANCELLING));
        } else if job.shape.cancellable && ui.button(lang.t(text::CANCEL)).clicked() {
            cancel = true;
        }
    });
    cancel
}

impl OcopApp {
    fn waker(&self) -> impl Fn() + Send + 'static {
        let wake = self.repaint.clone();
        move || {
            if let Some(ctx) = wake.lock().ok().and_then(|c| c.clone()) {
                ctx.request_repaint();
            }
        }
    }

    /// Runs `work` on a named thread with the progress strip labelled `label` (a bundle
    /// task's shape: a percentage and Cancel).
    pub(super) fn start_task(
        &mut self,
        name: &str,
        label: text::Tr,
        step: String,
        work: impl FnOnce(&mut dyn FnMut(u64, u64), &AtomicBool) -> Done + Send + 'static,
    ) {
        self.start_shaped_task(TaskShape::BUNDLE, name, label, step, work);
    }

    /// [`OcopApp::start_task`] with how the task shows and what the window allows
    /// meanwhile.
    pub(super) fn start_shaped_task(
        &mut self,
        shape: TaskShape,
        name: &str,
        label: text::Tr,
        step: String,
        work: impl FnOnce(&mut dyn FnMut(u64, u64), &AtomicBool) -> Done + Send + 'static,
    ) {
        // One task at a time: a second would replace the first and lose what it gives.
        if self.exchange.is_some() {
            self.report(text::EXCHANGE_BUSY);
            return;
        }
        match Task::start(name, step, work, self.waker()) {
            Ok(task) => {
                self.exchange = Some(ExchangeJob {
                    task,
                    label,
                    shape,
                    cancelling: false,
                });
            }
            Err(err) => self.report(Notice::error(err)),
        }
    }

    /// Whether a bundle task runs (then says so): nothing else opens meanwhile.
    pub(super) fn busy(&mut self) -> bool {
        if self.exchange.is_some() {
            self.report(text::EXCHANGE_BUSY);
            return true;
        }
        false
    }

    /// Asks where, then writes `id`'s bundle on a task.
    pub(super) fn export_bundle(&mut self, id: &ProductId) {
        let Some(state) = self.state.as_ref() else {
            return;
        };
        let request = match state.bundle_request(id) {
            Ok(request) => request,
            Err(err) => {
                return self.report(Notice::failed(text::BUNDLE_WRITE_FAILED, err));
            }
        };
        let name = state
            .workspace()
            .products
            .get(id)
            .map(logic::bundle_file_name)
            .unwrap_or_default();
        let out = match self.dialogs.save_file(&name) {
            Ok(Some(out)) => out,
            Ok(None) => return,
            Err(_) => return self.report(text::DIALOG_UNAVAILABLE_SAVE),
        };
        self.start_task(
            "bundle-export",
            text::BUNDLE_WRITING,
            name,
            move |progress, cancel| Done::Export(request.write(&out, progress, cancel), out),
        );
    }

    /// Verifies the bundle at `path` on a task.
    pub fn verify_bundle_at(&mut self, path: PathBuf) {
        self.start_task(
            "bundle-verify",
            text::BUNDLE_CHECKING,
            file_label(&path),
            move |progress, cancel| Done::Verify(shell::verify_bundle(&path, progress, cancel)),
        );
    }

    /// Verifies the bundle at `path` and shows what receiving it would change.
    pub fn receive_bundle_at(&mut self, path: PathBuf) {
        self.start_task(
            "bundle-receive",
            text::BUNDLE_CHECKING,
            file_label(&path),
            move |progress, cancel| Done::Receive(shell::open_bundle(&path, progress, cancel)),
        );
    }

    /// The officer confirmed the preview: copy the evidence out on a task, then apply.
    pub(super) fn confirm_receive(&mut self, dialog: Box<ReceiveDialog>) {
        let Some(state) = self.state.as_ref() else {
            return;
        };
        let bundle = dialog.preview.bundle.clone();
        let wanted = dialog.preview.to_extract.clone();
        let dir = state.dir().to_path_buf();
        self.start_task(
            "bundle-extract",
            text::BUNDLE_EXTRACTING,
            file_label(&bundle.path),
            move |progress, cancel| {
                let extracted = shell::extract_evidence(&bundle, &wanted, &dir, progress, cancel);
                Done::Extract(extracted, dialog, dir)
            },
        );
    }

    /// Opens the bundle at `path` read-only (review mode), on a task.
    pub fn review_bundle_at(&mut self, path: PathBuf) {
        if !self.prepare_to_replace() {
            return;
        }
        let (catalog, today, lang) = (self.catalog.clone(), self.today(), self.lang);
        self.start_task(
            "bundle-review",
            text::BUNDLE_LOADING,
            file_label(&path),
            move |progress, cancel| {
                Done::Review(logic::open_review(
                    &path, catalog, today, lang, progress, cancel,
                ))
            },
        );
    }

    /// Opens the folder `dir` of many communes read-only, on a task.
    pub fn open_many_at(&mut self, dir: PathBuf) {
        if !self.prepare_to_replace() {
            return;
        }
        let (catalog, today, lang) = (self.catalog.clone(), self.today(), self.lang);
        self.start_task(
            "many-communes",
            text::BUNDLE_LOADING,
            file_label(&dir),
            move |_, _| Done::Many(logic::open_many(&dir, catalog, today, lang)),
        );
    }

    /// Asks the system dialog for one file (a bundle); None if cancelled or unavailable
    /// (then said).
    pub(super) fn pick_bundle(&mut self) -> Option<PathBuf> {
        match self.dialogs.pick_files() {
            Ok(files) => files.into_iter().next(),
            Err(_) => {
                self.report(text::DIALOG_UNAVAILABLE);
                None
            }
        }
    }

    /// Asks the system dialog for a folder; None if cancelled or unavailable (then said).
    pub(super) fn pick_folder_or_say(&mut self) -> Option<PathBuf> {
        match self.dialogs.pick_folder() {
            Ok(dir) => dir,
            Err(_) => {
                self.report(text::DIALOG_UNAVAILABLE);
                None
            }
        }
    }

    /// Puts a state opened by a task in the window (review or many communes).
    fn show_read_only(&mut self, state: AppState, folder: Option<PrivateFolder>) {
        // (a bundle's files stay in the zip, and the check says so)
        if !self.install(state, folder) {
            return;
        }
        if self.review_folder.is_some()
            && let Some(id) = self
                .state
                .as_ref()
                .and_then(|s| s.workspace().products.keys().next().cloned())
        {
            // A bundle holds one product: show it at once.
            self.screen = Screen::Product(id);
        }
    }

    /// Picks up a finished task.
    pub(super) fn poll_exchange(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        let Some(done) = self.exchange.as_ref().and_then(|job| job.task.poll()) else {
            if self.exchange.is_some() {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            return;
        };
        let cancelled = self.exchange.as_ref().is_some_and(|job| job.cancelling);
        self.exchange = None;
        // Cancel was pressed: what would replace the open workspace, open a dialog or
        // close the window is dropped (the window was given back at once).
        if cancelled
            && matches!(
                done,
                Ok(Done::Workspace(..)
                    | Done::Review(_)
                    | Done::Many(_)
                    | Done::Spreadsheet(_)
                    | Done::CopySaved(_))
            )
        {
            self.say(Level::Info, text::TASK_CANCELLED);
            return;
        }
        // A bundle error after the step that failed ("Could not export: …"); a cancel is
        // only said.
        let failed = |this: &mut Self, what: text::Tr, err: BundleError| match err {
            BundleError::Cancelled => this.say(Level::Info, text::BUNDLE_CANCELLED),
            err => this.report(Notice::failed(what, err)),
        };
        match done {
            Err(()) => self.report(text::TASK_DIED),
            Ok(Done::Export(Ok(manifest), path)) => {
                self.handle(Request::BundleWritten {
                    manifest: Box::new(manifest),
                    path,
                });
            }
            Ok(Done::Export(Err(err), _)) => failed(self, text::BUNDLE_WRITE_FAILED, err),
            Ok(Done::Verify(Err(BundleError::Cancelled))) => {
                self.say(Level::Info, text::BUNDLE_CANCELLED);
            }
            Ok(Done::Verify(result)) => {
                let path = match &result {
                    Err(
                        BundleError::NotABundle { path, .. } | BundleError::Problems { path, .. },
                    ) => path.clone(),
                    _ => PathBuf::new(),
                };
                self.verify_result = Some(VerifyDialog {
                    path,
                    result: result.map_err(|err| text::bundle_error(&err, lang)),
                });
            }
            Ok(Done::Receive(Ok(opened))) => self.show_receive_preview(opened),
            Ok(Done::Receive(Err(err)) | Done::Extract(Err(err), ..)) => {
                failed(self, text::BUNDLE_IMPORT_FAILED, err);
            }
            Ok(Done::Extract(Ok(extracted), dialog, target)) => {
                let ReceiveDialog {
                    preview,
                    record_receipt,
                    received,
                } = *dialog;
                if let Outcome::Received(id) = self.handle(Request::FinishReceive {
                    preview: Box::new(preview),
                    extracted,
                    received: record_receipt.then_some(received).flatten(),
                    target,
                }) {
                    self.screen = Screen::Product(id);
                    self.start_verify(Some(ctx));
                }
            }
            Ok(Done::Workspace(dir, Some(result), then)) => self.finish_open(&dir, result, then),
            // Not over a dialog the officer has open meanwhile (the clean-up can be asked
            // for again).
            Ok(Done::CleanUpPlan(Ok(plan))) if self.dialog.is_none() => {
                self.dialog = Some(super::dialogs::Dialog::CleanUp {
                    orphans: plan.removable,
                });
            }
            Ok(Done::CleanUpPlan(Ok(_))) => {}
            Ok(Done::CleanUpPlan(Err(err))) => self.report(Notice::error(err)),
            Ok(Done::CleanedUp(done)) => {
                self.handle(Request::CleanedUp(done));
            }
            Ok(Done::CopySaved(result)) => self.copy_saved(result),
            Ok(Done::CopyToOpen(Ok(named))) => self.open_file(&named, false),
            Ok(Done::CopyToOpen(Err(notice))) => self.report(notice),
            Ok(Done::Exported(written)) => {
                self.handle(Request::ExportWritten(written));
            }
            Ok(Done::Workspace(_, None, _)) => self.say(Level::Info, text::OPENING_CANCELLED),
            Ok(Done::Review(Ok((state, folder)))) => self.show_read_only(state, Some(folder)),
            Ok(Done::Many(Ok(state))) => {
                if self.install(state, None) {
                    self.screen = Screen::Portfolio;
                }
            }
            Ok(Done::Review(Err(err)) | Done::Many(Err(err))) => {
                self.report(Notice::error(err));
            }
            Ok(Done::Spreadsheet(Some(read))) => self.show_import_preview(read),
            Ok(Done::Print(result, path)) => {
                self.handle(Request::PrintFinished { result, path });
            }
            Ok(Done::Spreadsheet(None)) => self.say(Level::Info, text::XL_IMPORT_CANCELLED),
        }
    }

    /// Opens the dialog choosing what goes into `id`'s dossier to print.
    pub(super) fn open_print_dialog(&mut self, id: &ProductId) {
        let Some(state) = self.state.as_ref() else {
            return;
        };
        match state.print_request(id) {
            Ok(request) => {
                self.dialog = Some(super::dialogs::Dialog::Print(Box::new(
                    super::print::PrintDialog {
                        id: id.clone(),
                        request,
                    },
                )));
            }
            Err(err) => self.report(Notice::failed(text::PRINT_FAILED, err)),
        }
    }

    /// Asks where, then writes the dossier to print on a task (progress, Cancel; a
    /// cancelled export leaves no file).
    pub(super) fn write_dossier(&mut self, request: crate::app::print::PrintRequest) {
        if self.busy() {
            return;
        }
        let name = request.file_name();
        let out = match self.dialogs.save_file(&name) {
            Ok(Some(out)) => out,
            Ok(None) => return,
            Err(_) => return self.report(text::DIALOG_UNAVAILABLE_SAVE),
        };
        self.start_task(
            "dossier-print",
            text::PRINT_WRITING,
            name,
            move |progress, cancel| {
                let result = request.write(&out, progress, cancel);
                Done::Print(result, out)
            },
        );
    }

    /// Opens the import preview of a spreadsheet read on a task (or says why it could not
    /// be read).
    fn show_import_preview(
        &mut self,
        read: Result<crate::app::spreadsheet::ImportSheet, crate::app::AppError>,
    ) {
        let Some(state) = self.state.as_ref() else {
            return;
        };
        match read {
            Ok(file) => {
                let dialog = super::import::ImportDialog::new(file, state);
                self.dialog = Some(super::dialogs::Dialog::Import(Box::new(dialog)));
            }
            Err(err) => self.report(Notice::failed(text::XL_IMPORT_READ_FAILED, err)),
        }
    }

    /// Shows what receiving a verified bundle would change (or why it cannot come in).
    fn show_receive_preview(&mut self, opened: Opened) {
        let Some(state) = self.state.as_ref() else {
            return;
        };
        match state.receive_plan(opened) {
            Ok(plan) => {
                self.receive_dialog = Some(Box::new(ReceiveDialog {
                    preview: plan.preview,
                    record_receipt: plan.record_receipt,
                    received: Some(plan.received),
                }));
            }
            Err(err) => self.report(Notice::failed(text::BUNDLE_IMPORT_FAILED, err)),
        }
    }

    /// File → Electronic dossier: export, receive, verify, review, many communes, a
    /// producer's workspace.
    pub(super) fn bundle_menu_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
        let lang = self.lang;
        let product = match (&self.screen, self.state.as_ref()) {
            (Screen::Product(id), Some(state)) if state.source().is_workspace() => Some(id.clone()),
            _ => None,
        };
        let response = ui.add_enabled(
            product.is_some(),
            egui::Button::new(lang.t(text::BUNDLE_EXPORT)),
        );
        if let Some(id) = product.filter(|_| response.clicked()) {
            actions.push(UiAction::ExportBundle(id));
        }
        let open_elsewhere = matches!(self.screen, Screen::Product(_))
            && self
                .state
                .as_ref()
                .is_some_and(|s| !s.source().is_workspace());
        response.on_disabled_hover_text(lang.t(if open_elsewhere {
            text::BUNDLE_EXPORT_NOT_HERE
        } else {
            text::BUNDLE_EXPORT_HINT
        }));
        let writable = self
            .state
            .as_ref()
            .is_some_and(|s| s.workspace_locked().is_none());
        if ui
            .add_enabled(writable, egui::Button::new(lang.t(text::BUNDLE_RECEIVE)))
            .clicked()
        {
            actions.push(UiAction::ReceiveBundle);
        }
        if ui.button(lang.t(text::BUNDLE_VERIFY)).clicked() {
            actions.push(UiAction::VerifyBundle);
        }
        if ui.button(lang.t(text::BUNDLE_REVIEW)).clicked() {
            actions.push(UiAction::ReviewBundle);
        }
        ui.separator();
        if ui.button(lang.t(text::MANY_OPEN)).clicked() {
            actions.push(UiAction::OpenMany);
        }
        if ui.button(lang.t(text::NEW_PRODUCER_WORKSPACE)).clicked() {
            actions.push(UiAction::NewWorkspace(
                crate::domain::model::WorkspaceKind::Producer,
            ));
        }
    }

    /// Cancels the running task (the Cancel button).
    pub(super) fn cancel_exchange(&mut self) {
        if let Some(job) = self.exchange.as_mut() {
            job.task.cancel();
            job.cancelling = true;
            // A workspace being read stops blocking at once: the one open stays, and what
            // is read is dropped when the reading ends.
            job.shape.blocking = false;
        }
    }

    /// The import preview and the verification result, when open.
    pub(super) fn exchange_dialogs_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
        let lang = self.lang;
        if let Some(dialog) = self.verify_result.as_ref()
            && verify_dialog_ui(ctx, dialog, lang)
        {
            self.verify_result = None;
        }
        let Some(state) = self.state.as_ref() else {
            return;
        };
        if let Some(dialog) = self.receive_dialog.as_mut() {
            match receive_dialog_ui(ctx, state, dialog, lang) {
                Some(true) => {
                    if let Some(dialog) = self.receive_dialog.take() {
                        actions.push(UiAction::ConfirmReceive(dialog));
                    }
                }
                Some(false) => self.receive_dialog = None,
                None => {}
            }
        }
    }
}

/// A path's last part, for a progress label.
fn file_label(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| crate::domain::search::nfc(&n.to_string_lossy()))
        .unwrap_or_default()
}
