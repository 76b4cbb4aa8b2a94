//! What the screens ask for besides model edits ([`UiAction`]), carried out after drawing:
//! navigation, dialogs, file pickers, exports, undo/redo, quitting.

use super::{
    Command, Dialog, Level, OcopApp, ProductId, Screen, UiAction, conflict, product, text,
};
use crate::app::{Export, Notice, Outcome, Request};

impl OcopApp {
    /// Carries out one action.
    pub(super) fn act(&mut self, action: UiAction) {
        match action {
            UiAction::Navigate(screen) => {
                if matches!(screen, Screen::Product(_))
                    && !matches!(self.screen, Screen::Product(_))
                {
                    self.back_to = self.screen.clone();
                }
                self.product_view.highlight_doc = None;
                self.product_view.just_changed = None;
                self.screen = screen;
            }
            UiAction::OpenProduct(id, tab, document) => {
                self.product_view.scroll_pending = document.is_some();
                self.product_view.highlight_doc = document;
                self.product_view.just_changed = None;
                if !matches!(self.screen, Screen::Product(_)) {
                    self.back_to = self.screen.clone();
                }
                self.screen = Screen::Product(id);
                self.product_view.tab = tab;
            }
            UiAction::Back => self.screen = self.back_to.clone(),
            UiAction::ExportCalendar => self.export_calendar(),
            UiAction::ExportDocument(id, kind) => self.export_document(&id, kind),
            UiAction::ExportDossier(id) => self.open_print_dialog(&id),
            UiAction::WriteDossier(request) => self.write_dossier(*request),
            UiAction::ExportPortfolio => self.export_portfolio(),
            UiAction::OpenSummary => {
                if self.state.is_some() {
                    self.summary =
                        Some(super::summary::SummaryDialog::new(self.today(), self.lang));
                }
            }
            UiAction::ExportSummary(request) => self.export_summary(&request),
            UiAction::PickImport => self.pick_import(),
            UiAction::ConfirmImport(confirmed) => self.confirm_import(*confirmed),
            UiAction::PickEvidence(id, key) => match self.dialogs.pick_files() {
                Ok(files) if !files.is_empty() => {
                    self.act(UiAction::ImportEvidence(id, key, files))
                }
                Ok(_) => {}
                Err(_) => self.report(text::DIALOG_UNAVAILABLE_ATTACH),
            },
            UiAction::ImportEvidence(id, key, files) => self.start_import(id, key, files),
            UiAction::OpenFile(path) => self.open_file(&path, false),
            UiAction::RevealFile(path) => self.open_file(&path, true),
            UiAction::OpenEvidence { stored, file_name } => self.open_evidence(stored, file_name),
            UiAction::Report(notice) => self.report(notice),
            UiAction::DeleteUnused(orphans) => self.clean_up(orphans),
            UiAction::OpenSettings => self.open_settings(),
            UiAction::SetOfficer(name) => self.set_officer(&name),
            UiAction::Info(notice) => self.say(Level::Info, notice),
            UiAction::CleanUpEvidence => self.ask_clean_up(),
            // Nothing else opens while a bundle task runs (it writes into this workspace).
            UiAction::PickWorkspace
            | UiAction::Reload
            | UiAction::OpenMany
            | UiAction::ReviewBundle
            | UiAction::NewWorkspace(_)
            | UiAction::OpenDemo
            | UiAction::ReceiveBundle
            | UiAction::VerifyBundle
            | UiAction::ExportBundle(_)
                if self.busy() => {}
            UiAction::PickWorkspace => self.pick_workspace(),
            UiAction::Undo => self.undo_or_redo(false),
            UiAction::Redo => self.undo_or_redo(true),
            UiAction::SetLang(lang) => {
                self.lang = lang;
                super::start::set_box_lang(lang);
                self.handle(Request::SetLang(lang)); // cached labels are per language
            }
            UiAction::AskAddProduct => {
                self.dialog = Some(Dialog::AddProduct {
                    name: String::new(),
                    scoring_set: 6,
                    error: None,
                    focused: false,
                });
            }
            UiAction::AskDelete(id) => self.dialog = Some(Dialog::DeleteProduct(id)),
            UiAction::AskStage(id, target) => self.ask_stage(id, target),
            UiAction::Reload => self.reload(),
            UiAction::Quit => self.quit(false),
            UiAction::QuitRetry => self.quit(true),
            UiAction::QuitSaveCopy => self.quit_saving_a_copy(),
            UiAction::QuitDiscard => self.close_now(),
            UiAction::ExportBundle(id) => self.export_bundle(&id),
            UiAction::ReceiveBundle => {
                if let Some(path) = self.pick_bundle() {
                    self.receive_bundle_at(path);
                }
            }
            UiAction::ConfirmReceive(dialog) => self.confirm_receive(dialog),
            UiAction::VerifyBundle => {
                if let Some(path) = self.pick_bundle() {
                    self.verify_bundle_at(path);
                }
            }
            UiAction::ReviewBundle => {
                if let Some(path) = self.pick_bundle() {
                    self.review_bundle_at(path);
                }
            }
            UiAction::OpenMany => {
                if let Some(dir) = self.pick_folder_or_say() {
                    self.open_many_at(dir);
                }
            }
            UiAction::NewWorkspace(kind) => {
                self.new_workspace = Some(super::new_workspace::NewWorkspaceDialog::new(
                    kind,
                    &self.officer,
                    None,
                ));
            }
            UiAction::About => self.about = Some(self.about_rows()),
            UiAction::Retry(retry) => self.retry(retry),
            UiAction::OpenDemo => {
                if let Some(dir) = self.demo_workspace.clone() {
                    self.open_workspace(&dir);
                }
            }
            UiAction::OpenConflict(copy) => self.open_conflict(copy),
            UiAction::ResolveConflict(dialog) => self.resolve_conflict(&dialog),
        }
    }

    /// Opens an evidence file with its program: copied (or linked) under its real name
    /// first, on a task (a 50 MB scan takes a moment); while another task runs, here, as
    /// it always could be opened.
    fn open_evidence(&mut self, stored: std::path::PathBuf, file_name: String) {
        let name = file_name.clone();
        let copy = move || {
            crate::app::shell::named_copy_for_opening(&stored, &file_name).map_err(|err| {
                Notice::Failed {
                    what: Some(text::OPEN_FILE_FAILED),
                    why: err.into(),
                    about: Some(stored.clone()),
                }
            })
        };
        if self.exchange.is_some() {
            match copy() {
                Ok(named) => self.open_file(&named, false),
                Err(notice) => self.report(notice),
            }
            return;
        }
        self.start_shaped_task(
            super::exchange::TaskShape::QUICK,
            "open-copy",
            text::OPEN_FILE_COPYING,
            name,
            move |_, _| super::exchange::Done::CopyToOpen(copy()),
        );
    }

    /// Asks before cleaning up unused evidence, with the plan of what would go (the scan
    /// runs on a task: it reads every product file and lists the store).
    fn ask_clean_up(&mut self) {
        if self.busy() {
            return;
        }
        if let Some(plan) = self
            .state
            .as_ref()
            .map(crate::app::AppState::cleanup_planner)
        {
            self.start_shaped_task(
                super::exchange::TaskShape::QUICK,
                "clean-up-plan",
                text::CLEAN_UP_SCANNING,
                String::new(),
                move |_, _| super::exchange::Done::CleanUpPlan(plan()),
            );
        }
    }

    /// Moves the confirmed unused files to the trash on a task.
    fn clean_up(&mut self, orphans: Vec<String>) {
        if self.busy() {
            return;
        }
        if let Some(work) = self.state.as_ref().map(|s| s.cleaner(orphans)) {
            self.start_shaped_task(
                super::exchange::TaskShape::QUICK,
                "clean-up",
                text::CLEAN_UP_MOVING,
                String::new(),
                move |_, _| super::exchange::Done::CleanedUp(work()),
            );
        }
    }

    /// Picks a workspace folder with the system dialog and opens it.
    fn pick_workspace(&mut self) {
        match self.dialogs.pick_folder() {
            Ok(Some(dir)) => self.open_workspace(&dir),
            Ok(None) => {}
            Err(_) => self.report(text::DIALOG_UNAVAILABLE),
        }
    }

    /// Undoes (or redoes) the last change and says what it was.
    fn undo_or_redo(&mut self, redo: bool) {
        self.handle(if redo { Request::Redo } else { Request::Undo });
    }

    /// Moves a product to `target`, asking first for what the step needs (dates, a result).
    fn ask_stage(&mut self, id: ProductId, target: crate::domain::stage::Stage) {
        if let Some(state) = self.state.as_ref() {
            let dialog = product::StageDialog::new(state, &id, target);
            if !dialog.needed() {
                self.apply(&Command::ChangeStage {
                    id,
                    target,
                    input: Box::default(),
                });
            } else {
                self.dialog = Some(Dialog::Stage(dialog));
            }
        }
    }

    /// Opens again what is open (the workspace, the review, the many communes).
    fn reload(&mut self) {
        match self
            .state
            .as_ref()
            .map(|s| (s.source().clone(), s.dir().to_path_buf()))
        {
            Some((crate::app::Source::Review(bundle), _)) => self.review_bundle_at(bundle),
            Some((crate::app::Source::Many(dir), _)) => self.open_many_at(dir),
            Some((crate::app::Source::Workspace, dir)) => self.open_workspace(&dir),
            None => {}
        }
    }

    /// Opens the settings (the name the history records now: the setting, else the
    /// workspace's first officer).
    fn open_settings(&mut self) {
        if let Some(state) = self.state.as_ref() {
            self.dialog = Some(Dialog::Settings {
                officer: state.author(),
                info: Box::new(state.workspace().info.clone()),
            });
        }
    }

    /// The officer's name, for this window and the history it writes.
    fn set_officer(&mut self, name: &str) {
        self.officer = name.trim().to_owned();
        self.handle(Request::SetOfficer(self.officer.clone()));
    }

    /// Tries again an export that could not be written (Word held the file).
    fn retry(&mut self, retry: crate::app::Retry) {
        self.run_export(retry.into());
    }

    /// File → Quit: closes when everything is on disk, else asks (saying a retry still
    /// failed when `retried`).
    fn quit(&mut self, retried: bool) {
        if self.all_on_disk() {
            self.close_now();
        } else {
            let error = retried.then_some(text::QUIT_STILL_FAILING.into());
            self.dialog = Some(Dialog::Quit { error });
        }
    }

    /// Quitting with changes not on disk: saves a copy where the officer chooses first.
    /// The copy is written on a task (the whole workspace: seconds at 20,000 products);
    /// the window closes when it is on disk, or the quit dialog says why not.
    fn quit_saving_a_copy(&mut self) {
        if self.busy() {
            return;
        }
        match self.copy_target() {
            Ok(Some(target)) => {
                let Some(copy) = self.state.as_ref().map(crate::app::AppState::copier) else {
                    return;
                };
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.dialog = None;
                // Nothing changes while the copy is written (an edit would be in neither
                // the copy nor the folder). Cancel gives the window back (the copy may
                // stall on a stick pulled out); what the copy then gives is dropped.
                self.start_shaped_task(
                    super::exchange::TaskShape::REPLACING,
                    "save-copy",
                    text::COPY_SAVING,
                    name,
                    move |_, _| {
                        super::exchange::Done::CopySaved(copy(&target).map_err(Notice::error))
                    },
                );
            }
            Ok(None) => {}
            Err(error) => {
                self.dialog = Some(Dialog::Quit { error: Some(error) });
            }
        }
    }

    /// A copy saved before quitting: close now; or ask again, saying why it was not.
    pub(super) fn copy_saved(&mut self, result: Result<(), Notice>) {
        match result {
            Ok(()) => self.close_now(),
            Err(error) => self.dialog = Some(Dialog::Quit { error: Some(error) }),
        }
    }

    /// Opens the comparison of a product and one of its conflict copies (one small file
    /// read, when the officer asks for it).
    fn open_conflict(&mut self, copy: crate::app::shell::ConflictCopy) {
        let Some(read) = self.state.as_ref().map(|s| s.read_conflict(&copy)) else {
            return;
        };
        match read {
            Ok(theirs) => {
                self.dialog = Some(Dialog::Conflict(conflict::ConflictDialog {
                    copy,
                    theirs: Box::new(theirs),
                    choices: std::collections::BTreeMap::new(),
                }));
            }
            Err(err) => self.report(Notice::error(err)),
        }
    }

    /// Merges as the officer chose in the comparison and resolves the conflict
    /// (`AppState::merge_conflict`).
    fn resolve_conflict(&mut self, dialog: &conflict::ConflictDialog) {
        self.handle(Request::ResolveConflict(Box::new(
            crate::app::request::ConflictChoice {
                copy: dialog.copy.clone(),
                theirs: (*dialog.theirs).clone(),
                choices: dialog.choices.clone(),
            },
        )));
    }

    /// Imports the rows of a spreadsheet the officer confirmed (or shows the preview
    /// again when the workspace changed meanwhile: `AppState::confirm_import`).
    fn confirm_import(&mut self, confirmed: super::import::ImportDialog) {
        let super::import::ImportDialog { file, preview } = confirmed;
        let file = Box::new(file);
        match self.handle(Request::ConfirmImport {
            preview: Box::new(preview),
            file: file.clone(),
        }) {
            Outcome::PreviewChanged(now) => {
                self.dialog = Some(Dialog::Import(Box::new(super::import::ImportDialog {
                    file: *file,
                    preview: *now,
                })));
            }
            Outcome::Imported => self.screen = Screen::Portfolio,
            _ => {}
        }
    }

    /// Opens `path` with the system's program for it, or shows it in the file manager
    /// (`reveal`); a failure is reported in the user's language.
    pub(super) fn open_file(&mut self, path: &std::path::Path, reveal: bool) {
        let opened = if reveal {
            opener::reveal(path)
        } else {
            opener::open(path)
        };
        if let Err(err) = opened {
            self.report(Notice::Failed {
                what: Some(text::OPEN_FILE_FAILED),
                why: err.into(),
                about: Some(path.to_owned()),
            });
        }
    }

    /// Asks the system dialog where to save a file named `name`; None if cancelled or
    /// unavailable (then said).
    pub(super) fn save_path(&mut self, name: &str) -> Option<std::path::PathBuf> {
        // Refused before the dialog, not after the officer chose where.
        if self.busy() {
            return None;
        }
        match self.dialogs.save_file(name) {
            Ok(path) => path,
            Err(_) => {
                self.report(text::DIALOG_UNAVAILABLE_SAVE);
                None
            }
        }
    }

    /// Makes `export` from the workspace now and writes it on a task (progress strip; a
    /// slow folder never stops the window); the workspace then says where it went, or
    /// why not.
    pub(super) fn run_export(&mut self, export: Export) {
        if self.busy() {
            return;
        }
        let Some(state) = self.state.as_ref() else {
            return;
        };
        match state.prepare_export(export) {
            Ok(job) => {
                let name = job
                    .export()
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                // One file, written all or nothing: no Cancel.
                self.start_shaped_task(
                    super::exchange::TaskShape::QUICK,
                    "export",
                    text::EXPORT_WRITING,
                    name,
                    move |_, _| super::exchange::Done::Exported(job.write()),
                );
            }
            Err(not_made) => {
                self.handle(Request::ExportWritten(*not_made));
            }
        }
    }

    /// Writes the calendar of upcoming deadlines where the user chooses.
    fn export_calendar(&mut self) {
        if self.state.is_none() {
            return;
        }
        if let Some(path) = self.save_path("ocop-han.ics") {
            self.run_export(Export::Calendar(path));
        }
    }

    fn export_document(&mut self, id: &ProductId, kind: crate::documents::DocKind) {
        let lang = self.lang;
        let Some(name) = self
            .state
            .as_ref()
            .and_then(|s| s.workspace().products.get(id))
            .map(|product| kind.file_name(product, lang))
        else {
            return;
        };
        if let Some(path) = self.save_path(&name) {
            self.run_export(Export::Document {
                kind,
                id: id.clone(),
                path,
            });
        }
    }

    /// Writes the portfolio workbook where the user chooses.
    fn export_portfolio(&mut self) {
        let lang = self.lang;
        let Some(name) = self
            .state
            .as_ref()
            .map(|s| crate::app::spreadsheet::default_export_name(s.workspace(), lang))
        else {
            return;
        };
        if let Some(path) = self.save_path(&name) {
            self.run_export(Export::Portfolio(path));
        }
    }

    /// Asks for a spreadsheet and opens the import preview (or says why it cannot be read).
    fn pick_import(&mut self) {
        if self.state.is_none() || self.busy() {
            return;
        }
        let path = match self.dialogs.pick_files() {
            Ok(files) => match files.into_iter().next() {
                Some(path) => path,
                None => return,
            },
            Err(_) => return self.report(text::DIALOG_UNAVAILABLE),
        };
        if self.busy() {
            return;
        }
        // Read on a task: a province's list of thousands of rows takes a few seconds, the
        // window keeps answering and the officer may cancel.
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.start_task(
            "spreadsheet-read",
            text::XL_IMPORT_READING,
            name,
            move |_, cancel| {
                let read = crate::app::spreadsheet::ImportSheet::read(&path);
                // The reader cannot stop half-way; a cancelled read is dropped.
                let cancelled = cancel.load(std::sync::atomic::Ordering::Relaxed);
                super::exchange::Done::Spreadsheet((!cancelled).then_some(read))
            },
        );
    }
}
