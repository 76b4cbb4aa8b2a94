//! The egui front end: one file per screen, the string table, theme and small widgets.
//!
//! Screens (`*_ui` functions) read the model and push [`Command`]s or [`UiAction`]s;
//! [`OcopApp::show`] applies them after drawing through [`AppState::apply`].
//! Nothing here touches files except through `AppState` and the folder picker.

pub mod dashboard;
pub mod evidence;
pub mod portfolio;
pub mod product;
pub mod scoring;
pub mod text;
pub mod theme;
pub mod widgets;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use crate::app::{AppState, Level};
use crate::command::Command;
use crate::domain::catalog::Catalog;
use crate::domain::model::ProductId;
use crate::domain::stage::Stage;
use text::Lang;

/// Which screen is shown. Carries ids, never indices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Screen {
    /// "What needs doing": the start screen.
    #[default]
    Dashboard,
    /// The product table.
    Portfolio,
    /// One product.
    Product(ProductId),
}

/// Things a screen asks for that are not model edits.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// Show another screen.
    Navigate(Screen),
    /// Open a product on a given tab.
    OpenProduct(ProductId, product::ProductTab, Option<String>),
    /// Go back to the screen before the product.
    Back,
    /// Export the deadlines as an iCalendar file (asks where).
    ExportCalendar,
    /// Pick evidence files for a dossier document with the system dialog.
    PickEvidence(ProductId, String),
    /// Copy these files into the workspace and attach them to a document.
    ImportEvidence(ProductId, String, Vec<PathBuf>),
    /// Open a stored evidence file with the system's default application.
    OpenFile(PathBuf),
    /// Show a stored evidence file in the file manager.
    RevealFile(PathBuf),
    /// Show an error message.
    Report(String),
    /// Show a confirmation message.
    Info(String),
    /// Open the settings dialog.
    OpenSettings,
    /// Use this officer's name from now on.
    SetOfficer(String),
    /// Delete these unused evidence files (after the user confirmed the list).
    DeleteUnused(Vec<String>),
    /// List unused evidence files and offer to delete them.
    CleanUpEvidence,
    /// Pick a workspace folder with the system dialog.
    PickWorkspace,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Switch language.
    SetLang(Lang),
    /// Open the add-product dialog.
    AskAddProduct,
    /// Ask before deleting.
    AskDelete(ProductId),
    /// Ask for what a stage change needs (or apply it directly if nothing is missing).
    AskStage(ProductId, Stage),
    /// Reload the workspace from disk.
    Reload,
}

/// The system's file dialogs behind a trait, so tests can answer instead.
pub trait FileDialogs {
    /// Asks for a folder; None if cancelled.
    fn pick_folder(&mut self) -> Result<Option<PathBuf>, String>;
    /// Asks for one or more files to open; empty if cancelled.
    fn pick_files(&mut self) -> Result<Vec<PathBuf>, String>;
    /// Asks where to save a file; None if cancelled.
    fn save_file(&mut self, default_name: &str) -> Result<Option<PathBuf>, String>;
}

/// The native dialogs through rfd (a desktop portal or zenity on Linux).
#[derive(Debug, Default)]
pub struct NativeDialogs;

/// Runs a native dialog and tells "cancelled" from "could not be shown".
///
/// rfd returns nothing both when the user cancels and when no dialog backend exists (on
/// Linux: no desktop portal and no zenity). Nobody cancels a dialog within a fraction of a
/// second, so an empty answer that fast means the dialog never appeared.
fn run_dialog<T>(empty: impl Fn(&T) -> bool, show: impl FnOnce() -> T) -> Result<T, String> {
    let started = std::time::Instant::now();
    let answer = show();
    if empty(&answer) && started.elapsed() < std::time::Duration::from_millis(250) {
        return Err("the system file dialog could not be shown".to_owned());
    }
    Ok(answer)
}

impl FileDialogs for NativeDialogs {
    fn pick_folder(&mut self) -> Result<Option<PathBuf>, String> {
        run_dialog(Option::is_none, || rfd::FileDialog::new().pick_folder())
    }

    fn pick_files(&mut self) -> Result<Vec<PathBuf>, String> {
        run_dialog(Vec::is_empty, || {
            rfd::FileDialog::new().pick_files().unwrap_or_default()
        })
    }

    fn save_file(&mut self, default_name: &str) -> Result<Option<PathBuf>, String> {
        run_dialog(Option::is_none, || {
            rfd::FileDialog::new()
                .set_file_name(default_name)
                .save_file()
        })
    }
}

/// Modal dialogs.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// Add a product.
    AddProduct {
        /// Name typed so far.
        name: String,
        /// Scoring set chosen.
        scoring_set: u8,
        /// Error to show.
        error: Option<String>,
    },
    /// Confirm deletion.
    DeleteProduct(ProductId),
    /// Ask what a stage change needs.
    Stage(product::StageDialog),
    /// Files were dropped on a product but not on a document: ask which one.
    ChooseDocument {
        /// Product.
        product: ProductId,
        /// The dropped files.
        files: Vec<PathBuf>,
    },
    /// The settings: the officer's name and the workspace's commune details.
    Settings {
        /// Officer's name (a preference of this computer).
        officer: String,
        /// Workspace settings (saved in workspace.ron, undoable).
        info: Box<crate::domain::model::WorkspaceInfo>,
    },
    /// Unused evidence files found; confirm deleting them.
    CleanUp {
        /// Stored paths of the unused files.
        orphans: Vec<String>,
    },
}

/// Storage keys for UI preferences (eframe storage: preferences only, never data).
pub const PREF_LANG: &str = "lang";
/// Last workspace folder.
pub const PREF_LAST_WORKSPACE: &str = "last_workspace";
/// The officer's name written into the change history.
pub const PREF_OFFICER: &str = "officer";

/// The eframe application.
pub struct OcopApp {
    /// The open workspace, if any.
    pub state: Option<AppState>,
    /// Language.
    pub lang: Lang,
    /// Current screen.
    pub screen: Screen,
    /// Portfolio screen state (query, sort, cache).
    pub portfolio: portfolio::PortfolioUi,
    /// Dashboard state (filters, caches).
    pub dashboard: dashboard::DashboardUi,
    /// Screen to return to from a product.
    pub back_to: Screen,
    /// Product screen state (tab, score sheet).
    pub product_view: product::ProductView,
    /// Open dialog.
    pub dialog: Option<Dialog>,
    /// Rule data (kept to open other workspaces).
    pub catalog: Catalog,
    /// Why the last open failed.
    pub open_error: Option<String>,
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// Pinned "today" (None: the system date).
    pub pinned_today: Option<NaiveDate>,
    /// The officer's name from the settings (empty: the workspace's first officer).
    pub officer: String,
    /// The evidence copy in progress, if any.
    pub import: Option<crate::jobs::ImportJob>,
    /// The egui context, for waking the UI from worker threads.
    repaint: std::sync::Arc<std::sync::Mutex<Option<egui::Context>>>,
    /// The evidence integrity check in progress or done.
    pub verify: Option<crate::jobs::VerifyJob>,
}

impl OcopApp {
    /// A new app, opening `dir` if given.
    pub fn new(
        catalog: Catalog,
        dir: Option<&Path>,
        lang: Lang,
        pinned_today: Option<NaiveDate>,
    ) -> Self {
        let mut app = OcopApp {
            state: None,
            lang,
            screen: Screen::Dashboard,
            portfolio: portfolio::PortfolioUi::default(),
            dashboard: dashboard::DashboardUi::default(),
            back_to: Screen::Dashboard,
            product_view: product::ProductView::default(),
            dialog: None,
            catalog,
            open_error: None,
            dialogs: Box::new(NativeDialogs),
            pinned_today,
            officer: String::new(),
            import: None,
            verify: None,
            repaint: std::sync::Arc::default(),
        };
        if let Some(dir) = dir {
            app.open_workspace(dir);
        }
        app
    }

    /// Today's date (pinned or the system's).
    pub fn today(&self) -> NaiveDate {
        self.pinned_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Opens a workspace folder; on failure keeps the current one and says why.
    pub fn open_workspace(&mut self, dir: &Path) {
        match AppState::open(dir, self.catalog.clone(), self.today(), self.lang) {
            Ok(state) => {
                if let Some(old) = self.state.as_mut() {
                    old.flush();
                }
                self.state = Some(state);
                if let Some(state) = self.state.as_mut() {
                    state.officer = self.officer.clone();
                }
                self.import = None;
                self.verify = None;
                self.start_verify(None);
                self.screen = Screen::Dashboard;
                self.portfolio = portfolio::PortfolioUi::default();
                self.dashboard = dashboard::DashboardUi::default();
                self.open_error = None;
            }
            Err(err) => {
                self.open_error = Some(format!("{}: {err}", self.lang.t(text::OPEN_FAILED)));
            }
        }
    }

    /// Starts (or restarts) the background integrity check of all evidence files.
    fn start_verify(&mut self, ctx: Option<&egui::Context>) {
        let Some(state) = self.state.as_mut() else {
            return;
        };
        let attachments = state.all_attachments();
        if attachments.is_empty() {
            self.verify = None;
            return;
        }
        let _ = ctx;
        let wake = self.repaint.clone();
        match crate::jobs::VerifyJob::start(state.dir.clone(), attachments, move || {
            if let Some(ctx) = wake.lock().ok().and_then(|c| c.clone()) {
                ctx.request_repaint();
            }
        }) {
            Ok(job) => self.verify = Some(job),
            Err(err) => state.message(Level::Error, err.to_string()),
        }
    }

    /// Collects results of background work.
    fn poll_jobs(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        if let (Some(job), Some(state)) = (self.verify.as_mut(), self.state.as_mut()) {
            if job.poll() {
                state.evidence_status = job.results.clone();
                state.revision += 1;
            }
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
                        self.apply(&Command::Attach {
                            id: job.product.clone(),
                            key: job.key.clone(),
                            attachments: attached,
                        });
                        if let Some(state) = self.state.as_mut() {
                            state.message(
                                Level::Info,
                                format!("{}: {}", lang.t(text::IMPORT_DONE), names.join(", ")),
                            );
                        }
                    }
                    if let Some(state) = self.state.as_mut() {
                        for (path, reason) in failed {
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
    fn handle_drops(
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

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut commands: Vec<Command> = Vec::new();
        let mut actions: Vec<UiAction> = Vec::new();
        self.shortcuts(ui.ctx(), &mut actions);
        let lang = self.lang;
        if let Ok(mut slot) = self.repaint.lock()
            && slot.is_none()
        {
            *slot = Some(ui.ctx().clone());
        }
        self.poll_jobs(ui.ctx());
        let drop_targets = evidence::take_drop_targets(ui.ctx());
        self.handle_drops(&ui.ctx().clone(), &drop_targets, &mut actions);
        if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
            egui::Panel::top("drop-hint").show(ui, |ui| {
                ui.colored_label(theme::ACCENT, lang.t(text::DROP_HINT));
            });
        }
        let mut cancel_import = false;
        if let Some(job) = &self.import {
            egui::Panel::top("import-progress").show(ui, |ui| {
                cancel_import = evidence::import_progress_ui(ui, job, lang);
            });
        }
        if cancel_import && let Some(job) = &self.import {
            job.cancel();
        }

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui, &mut actions);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            self.status_ui(ui);
        });
        self.messages_ui(ui);

        if self.state.is_some() && !matches!(self.screen, Screen::Product(_)) {
            egui::Panel::top("nav").show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (screen, label) in [
                        (Screen::Dashboard, text::NAV_DASHBOARD),
                        (Screen::Portfolio, text::NAV_PORTFOLIO),
                    ] {
                        let selected = self.screen == screen;
                        if ui
                            .selectable_label(selected, RichText::new(lang.t(label)).size(16.0))
                            .clicked()
                        {
                            actions.push(UiAction::Navigate(screen));
                        }
                    }
                });
            });
        }
        egui::CentralPanel::default_margins().show(ui, |ui| match (&self.state, &self.screen) {
            (None, _) => no_workspace_ui(ui, lang, self.open_error.as_deref(), &mut actions),
            (Some(state), Screen::Dashboard) => {
                self.dashboard.show(ui, state, lang, &mut actions);
            }
            (Some(state), Screen::Portfolio) => {
                self.portfolio.show(ui, state, lang, &mut actions);
            }
            (Some(state), Screen::Product(id)) => match state.workspace.products.get(id) {
                Some(product) => {
                    product::product_ui(
                        ui,
                        state,
                        product,
                        &mut self.product_view,
                        lang,
                        &mut commands,
                        &mut actions,
                    );
                }
                None => {
                    actions.push(UiAction::Navigate(Screen::Portfolio));
                }
            },
        });

        self.dialogs_ui(ui.ctx(), &mut commands, &mut actions);

        // Field-level input errors found while drawing (e.g. a date that is not a date).
        let date_error = ui
            .ctx()
            .data_mut(|d| d.remove_temp::<String>(egui::Id::unique("date-error")));
        if let (Some(err), Some(state)) = (date_error, self.state.as_mut()) {
            state.message(Level::Error, err);
        }

        for command in commands {
            self.apply(&command);
        }
        for action in actions {
            self.act(action);
        }
    }

    /// Applies one command to the open workspace, reporting refusals.
    pub fn apply(&mut self, command: &Command) {
        let lang = self.lang;
        let Some(state) = self.state.as_mut() else {
            return;
        };
        if let Err(err) = state.apply(command) {
            match err {
                crate::command::CommandError::Stage(
                    crate::domain::stage::StageError::Missing { .. },
                ) => {
                    if let Command::ChangeStage { id, target, .. } = command {
                        self.dialog =
                            Some(Dialog::Stage(product::StageDialog::new(state, id, *target)));
                    }
                }
                other => {
                    state.message(Level::Error, product::command_error_text(&other, lang));
                }
            }
        }
    }

    fn act(&mut self, action: UiAction) {
        match action {
            UiAction::Navigate(screen) => {
                if matches!(screen, Screen::Product(_))
                    && !matches!(self.screen, Screen::Product(_))
                {
                    self.back_to = self.screen.clone();
                }
                self.product_view.highlight_doc = None;
                self.screen = screen;
            }
            UiAction::OpenProduct(id, tab, document) => {
                self.product_view.scroll_pending = document.is_some();
                self.product_view.highlight_doc = document;
                if !matches!(self.screen, Screen::Product(_)) {
                    self.back_to = self.screen.clone();
                }
                self.screen = Screen::Product(id);
                self.product_view.tab = tab;
            }
            UiAction::Back => self.screen = self.back_to.clone(),
            UiAction::ExportCalendar => self.export_calendar(),
            UiAction::PickEvidence(id, key) => match self.dialogs.pick_files() {
                Ok(files) if !files.is_empty() => {
                    self.act(UiAction::ImportEvidence(id, key, files))
                }
                Ok(_) => {}
                Err(_) => self.report(self.lang.t(text::DIALOG_UNAVAILABLE).to_owned()),
            },
            UiAction::ImportEvidence(id, key, files) => self.start_import(id, key, files),
            UiAction::OpenFile(path) => {
                if let Err(err) = opener::open(&path) {
                    self.report(format!(
                        "{}: {err} — {}",
                        self.lang.t(text::OPEN_FILE_FAILED),
                        path.display()
                    ));
                }
            }
            UiAction::RevealFile(path) => {
                if let Err(err) = opener::reveal(&path) {
                    self.report(format!(
                        "{}: {err} — {}",
                        self.lang.t(text::OPEN_FILE_FAILED),
                        path.display()
                    ));
                }
            }
            UiAction::Report(text) => self.report(text),
            UiAction::DeleteUnused(orphans) => {
                let lang = self.lang;
                if let Some(state) = self.state.as_mut() {
                    // Recompute: delete only what is still unused right now.
                    let still_unused = crate::storage::unused_evidence(
                        &state.dir,
                        &state.workspace,
                        &state.unreadable,
                    )
                    .unwrap_or_default();
                    let mut failures = Vec::new();
                    for orphan in orphans.iter().filter(|o| still_unused.contains(o)) {
                        if let Err(err) =
                            crate::storage::evidence::remove_stored(&state.dir, orphan)
                        {
                            failures.push(err.to_string());
                        }
                    }
                    if failures.is_empty() {
                        state.message(Level::Info, lang.t(text::CLEAN_UP_DONE));
                    } else {
                        state.message(Level::Error, failures.join("; "));
                    }
                }
            }
            UiAction::OpenSettings => {
                if let Some(state) = self.state.as_ref() {
                    self.dialog = Some(Dialog::Settings {
                        officer: self.officer.clone(),
                        info: Box::new(state.workspace.info.clone()),
                    });
                }
            }
            UiAction::SetOfficer(name) => {
                self.officer = name.trim().to_owned();
                if let Some(state) = self.state.as_mut() {
                    state.officer = self.officer.clone();
                }
            }
            UiAction::Info(text) => {
                if let Some(state) = self.state.as_mut() {
                    state.message(Level::Info, text);
                }
            }
            UiAction::CleanUpEvidence => {
                if let Some(state) = self.state.as_ref() {
                    match crate::storage::unused_evidence(
                        &state.dir,
                        &state.workspace,
                        &state.unreadable,
                    ) {
                        Ok(orphans) => self.dialog = Some(Dialog::CleanUp { orphans }),
                        Err(err) => self.report(err.to_string()),
                    }
                }
            }
            UiAction::PickWorkspace => match self.dialogs.pick_folder() {
                Ok(Some(dir)) => self.open_workspace(&dir),
                Ok(None) => {}
                Err(_) => {
                    let text = self.lang.t(text::DIALOG_UNAVAILABLE);
                    match self.state.as_mut() {
                        Some(state) => state.message(Level::Error, text),
                        None => self.open_error = Some(text.to_owned()),
                    }
                }
            },
            UiAction::Undo => {
                if let Some(state) = self.state.as_mut()
                    && state.undo()
                {
                    state.message(Level::Info, self.lang.t(text::UNDONE));
                }
            }
            UiAction::Redo => {
                if let Some(state) = self.state.as_mut()
                    && state.redo()
                {
                    state.message(Level::Info, self.lang.t(text::REDONE));
                }
            }
            UiAction::SetLang(lang) => {
                self.lang = lang;
                if let Some(state) = self.state.as_mut() {
                    state.lang = lang;
                    state.revision += 1; // cached labels are per language
                }
            }
            UiAction::AskAddProduct => {
                self.dialog = Some(Dialog::AddProduct {
                    name: String::new(),
                    scoring_set: 6,
                    error: None,
                });
            }
            UiAction::AskDelete(id) => self.dialog = Some(Dialog::DeleteProduct(id)),
            UiAction::AskStage(id, target) => {
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
            UiAction::Reload => {
                if let Some(dir) = self.state.as_ref().map(|s| s.dir.clone()) {
                    self.open_workspace(&dir);
                }
            }
        }
    }

    /// Shows an error message (or keeps it for the no-workspace screen).
    fn report(&mut self, text: String) {
        match self.state.as_mut() {
            Some(state) => state.message(Level::Error, text),
            None => self.open_error = Some(text),
        }
    }

    /// Starts copying evidence files for a document on a background thread.
    fn start_import(&mut self, id: ProductId, key: String, files: Vec<PathBuf>) {
        let lang = self.lang;
        if self.import.is_some() {
            self.report(lang.t(text::IMPORT_BUSY).to_owned());
            return;
        }
        let Some(state) = self.state.as_ref() else {
            return;
        };
        if state.read_only.contains(&id) {
            self.report(lang.t(text::REFUSED_READ_ONLY).to_owned());
            return;
        }
        let now = chrono::Local::now().naive_local();
        let wake = self.repaint.clone();
        match crate::jobs::ImportJob::start(state.dir.clone(), id, key, files, now, move || {
            if let Some(ctx) = wake.lock().ok().and_then(|c| c.clone()) {
                ctx.request_repaint();
            }
        }) {
            Ok(job) => self.import = Some(job),
            Err(err) => self.report(format!("{}: {err}", lang.t(text::IMPORT_FAILED))),
        }
    }

    /// Writes the calendar of upcoming deadlines where the user chooses.
    fn export_calendar(&mut self) {
        let lang = self.lang;
        let Some(state) = self.state.as_mut() else {
            return;
        };
        let path = match self.dialogs.save_file("ocop-han.ics") {
            Ok(Some(path)) => path,
            Ok(None) => return,
            Err(_) => {
                state.message(Level::Error, lang.t(text::DIALOG_UNAVAILABLE));
                return;
            }
        };
        let ics = crate::cli::calendar_text(state, lang);
        match crate::storage::write_atomic(&path, ics.as_bytes()) {
            Ok(()) => state.message(
                Level::Info,
                format!("{}: {}", lang.t(text::EXPORTED), path.display()),
            ),
            Err(err) => state.message(
                Level::Error,
                format!("{}: {err}", lang.t(text::EXPORT_FAILED)),
            ),
        }
    }

    fn shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
        if ctx.egui_wants_keyboard_input() {
            return; // a text field handles its own Ctrl+Z
        }
        let redo_shift = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&redo_shift) || i.consume_shortcut(&redo_y) {
                actions.push(UiAction::Redo);
            } else if i.consume_shortcut(&undo) {
                actions.push(UiAction::Undo);
            }
        });
    }

    fn menu_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
        let lang = self.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.t(text::MENU_FILE), |ui| {
                if ui.button(lang.t(text::MENU_OPEN_FOLDER)).clicked() {
                    actions.push(UiAction::PickWorkspace);
                }
                if ui
                    .add_enabled(
                        self.state.is_some(),
                        egui::Button::new(lang.t(text::MENU_EXPORT_ICS)),
                    )
                    .clicked()
                {
                    actions.push(UiAction::ExportCalendar);
                }
                if ui
                    .add_enabled(
                        self.state.is_some(),
                        egui::Button::new(lang.t(text::MENU_CLEAN_UP)),
                    )
                    .clicked()
                {
                    actions.push(UiAction::CleanUpEvidence);
                }
                if ui
                    .add_enabled(
                        self.state.is_some(),
                        egui::Button::new(lang.t(text::MENU_SETTINGS)),
                    )
                    .clicked()
                {
                    actions.push(UiAction::OpenSettings);
                }
                if ui
                    .add_enabled(
                        self.state.is_some(),
                        egui::Button::new(lang.t(text::MENU_RELOAD)),
                    )
                    .clicked()
                {
                    actions.push(UiAction::Reload);
                }
                ui.separator();
                if ui.button(lang.t(text::MENU_QUIT)).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(lang.t(text::MENU_EDIT), |ui| {
                let (can_undo, can_redo) = self
                    .state
                    .as_ref()
                    .map_or((false, false), |s| (s.can_undo(), s.can_redo()));
                if ui
                    .add_enabled(can_undo, egui::Button::new(lang.t(text::MENU_UNDO)))
                    .clicked()
                {
                    actions.push(UiAction::Undo);
                }
                if ui
                    .add_enabled(can_redo, egui::Button::new(lang.t(text::MENU_REDO)))
                    .clicked()
                {
                    actions.push(UiAction::Redo);
                }
            });
            ui.menu_button(lang.t(text::MENU_LANGUAGE), |ui| {
                if ui
                    .selectable_label(lang == Lang::Vi, lang.t(text::LANG_VI))
                    .clicked()
                {
                    actions.push(UiAction::SetLang(Lang::Vi));
                }
                if ui
                    .selectable_label(lang == Lang::En, lang.t(text::LANG_EN))
                    .clicked()
                {
                    actions.push(UiAction::SetLang(Lang::En));
                }
            });
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.horizontal(|ui| match &self.state {
            Some(state) => {
                let folder = state.dir.file_name().map_or_else(
                    || state.dir.display().to_string(),
                    |n| n.to_string_lossy().to_string(),
                );
                ui.label(format!("{}: {folder}", lang.t(text::WORKSPACE)))
                    .on_hover_text(state.dir.display().to_string());
                ui.separator();
                if state.unsaved_count() == 0 {
                    ui.label(format!("✔ {}", lang.t(text::SAVED_ALL)));
                } else {
                    ui.colored_label(
                        theme::WARN,
                        format!("⚠ {} {}", state.unsaved_count(), lang.t(text::UNSAVED)),
                    );
                }
                ui.separator();
                ui.label(format!(
                    "{} {}",
                    lang.t(text::TODAY),
                    lang.date(state.today)
                ));
            }
            None => {
                ui.label(lang.t(text::NO_WORKSPACE));
            }
        });
    }

    fn messages_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let Some(state) = self.state.as_mut() else {
            return;
        };
        if state.messages.is_empty() && state.load_problems.is_empty() {
            return;
        }
        let mut dismiss: Option<usize> = None;
        let mut dismiss_problems = false;
        egui::Panel::top("messages").show(ui, |ui| {
            if !state.load_problems.is_empty() {
                ui.horizontal(|ui| {
                    ui.colored_label(theme::ERROR, format!("⚠ {}", lang.t(text::LOAD_PROBLEMS)));
                    if ui.small_button(lang.t(text::DISMISS)).clicked() {
                        dismiss_problems = true;
                    }
                });
                for problem in &state.load_problems {
                    ui.colored_label(theme::ERROR, format!("   • {problem}"));
                }
            }
            for (index, message) in state.messages.iter().enumerate() {
                ui.horizontal(|ui| {
                    let color = match message.level {
                        Level::Error => theme::ERROR,
                        Level::Info => theme::OK,
                    };
                    ui.colored_label(color, &message.text);
                    if ui.small_button(lang.t(text::DISMISS)).clicked() {
                        dismiss = Some(index);
                    }
                });
            }
        });
        if let Some(index) = dismiss
            && index < state.messages.len()
        {
            state.messages.remove(index);
        }
        if dismiss_problems {
            state.load_problems.clear();
        }
    }

    fn dialogs_ui(
        &mut self,
        ctx: &egui::Context,
        commands: &mut Vec<Command>,
        actions: &mut Vec<UiAction>,
    ) {
        let lang = self.lang;
        let Some(dialog) = self.dialog.as_mut() else {
            return;
        };
        let Some(state) = self.state.as_ref() else {
            self.dialog = None;
            return;
        };
        let mut close = false;
        match dialog {
            Dialog::AddProduct {
                name,
                scoring_set,
                error,
            } => {
                egui::Modal::new(egui::Id::unique("add-product")).show(ctx, |ui| {
                    ui.heading(lang.t(text::ADD_DIALOG_TITLE));
                    let label = ui.label(lang.t(text::FIELD_NAME));
                    let response = ui.text_edit_singleline(name).labelled_by(label.id);
                    if response.gained_focus() || ui.memory(|m| m.focused().is_none()) {
                        response.request_focus();
                    }
                    widgets::scoring_set_combo(ui, "add-set", scoring_set, &state.catalog, lang);
                    if let Some(err) = error.as_ref() {
                        ui.colored_label(theme::ERROR, err.as_str());
                    }
                    ui.horizontal(|ui| {
                        let enter = ui.input(|i| i.key_pressed(Key::Enter));
                        if ui.button(lang.t(text::CONFIRM)).clicked() || enter {
                            let trimmed = crate::domain::search::nfc(name.trim());
                            if trimmed.is_empty() {
                                *error = Some(format!(
                                    "{}: {}",
                                    lang.t(text::FIELD_NAME),
                                    lang.t(text::NOT_SET)
                                ));
                            } else {
                                let id = state.free_product_id(&trimmed);
                                commands.push(Command::AddProduct {
                                    id: id.clone(),
                                    name: trimmed,
                                    scoring_set: *scoring_set,
                                    year: chrono::Datelike::year(&state.today),
                                });
                                actions.push(UiAction::Navigate(Screen::Product(id)));
                                close = true;
                            }
                        }
                        if ui.button(lang.t(text::CANCEL)).clicked() {
                            close = true;
                        }
                    });
                });
            }
            Dialog::DeleteProduct(id) => {
                let name = state
                    .workspace
                    .products
                    .get(id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                egui::Modal::new(egui::Id::unique("delete-product")).show(ctx, |ui| {
                    ui.heading(lang.t(text::DELETE_DIALOG_TITLE));
                    ui.strong(name);
                    ui.label(lang.t(text::DELETE_DIALOG_TEXT));
                    ui.horizontal(|ui| {
                        if ui.button(lang.t(text::DELETE_PRODUCT)).clicked() {
                            commands.push(Command::DeleteProduct { id: id.clone() });
                            actions.push(UiAction::Navigate(Screen::Portfolio));
                            close = true;
                        }
                        if ui.button(lang.t(text::CANCEL)).clicked() {
                            close = true;
                        }
                    });
                });
            }
            Dialog::Stage(stage_dialog) => {
                close = product::stage_dialog_ui(ctx, stage_dialog, lang, commands);
            }
            Dialog::ChooseDocument { product, files } => {
                let entries: Vec<(String, String)> = state
                    .workspace
                    .products
                    .get(product)
                    .and_then(|p| p.current())
                    .map(|app| {
                        let template = state.catalog.template(&app.rule_version);
                        app.dossier
                            .iter()
                            .map(|e| {
                                let name = template.and_then(|t| t.item(&e.key)).map_or_else(
                                    || e.key.clone(),
                                    |i| lang.pick(&i.name_vi, &i.name_en).to_owned(),
                                );
                                (e.key.clone(), name)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                egui::Modal::new(egui::Id::unique("choose-document")).show(ctx, |ui| {
                    ui.heading(lang.t(text::CHOOSE_DOC_TITLE));
                    for file in files.iter() {
                        ui.label(
                            RichText::new(
                                file.file_name()
                                    .map(|n| n.to_string_lossy().to_string())
                                    .unwrap_or_default(),
                            )
                            .small(),
                        );
                    }
                    egui::ScrollArea::vertical()
                        .max_height(360.0)
                        .show(ui, |ui| {
                            for (key, name) in &entries {
                                if ui.button(name).clicked() {
                                    actions.push(UiAction::ImportEvidence(
                                        product.clone(),
                                        key.clone(),
                                        files.clone(),
                                    ));
                                    close = true;
                                }
                            }
                        });
                    if ui.button(lang.t(text::CANCEL)).clicked() {
                        close = true;
                    }
                });
            }
            Dialog::Settings { officer, info } => {
                egui::Modal::new(egui::Id::unique("settings")).show(ctx, |ui| {
                    ui.heading(lang.t(text::SETTINGS_TITLE));
                    egui::Grid::new("settings-grid")
                        .num_columns(2)
                        .show(ui, |ui| {
                            let fields: [(text::Tr, &mut String); 4] = [
                                (text::SETTINGS_OFFICER, officer),
                                (text::SETTINGS_WS_NAME, &mut info.name),
                                (text::SETTINGS_COMMUNE, &mut info.commune),
                                (text::SETTINGS_PROVINCE, &mut info.province),
                            ];
                            for (label, value) in fields {
                                let label = ui.label(lang.t(label));
                                ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                                    .labelled_by(label.id);
                                ui.end_row();
                            }
                        });
                    ui.horizontal(|ui| {
                        if ui.button(lang.t(text::SAVE)).clicked() {
                            actions.push(UiAction::SetOfficer(officer.clone()));
                            let mut new_info = info.as_ref().clone();
                            new_info.name = crate::domain::search::nfc(new_info.name.trim());
                            new_info.commune = crate::domain::search::nfc(new_info.commune.trim());
                            new_info.province =
                                crate::domain::search::nfc(new_info.province.trim());
                            if new_info != state.workspace.info {
                                commands.push(Command::SetWorkspaceInfo { info: new_info });
                            }
                            close = true;
                        }
                        if ui.button(lang.t(text::CANCEL)).clicked() {
                            close = true;
                        }
                    });
                });
            }
            Dialog::CleanUp { orphans } => {
                egui::Modal::new(egui::Id::unique("clean-up")).show(ctx, |ui| {
                    ui.heading(lang.t(text::CLEAN_UP_TITLE));
                    if orphans.is_empty() {
                        ui.label(lang.t(text::CLEAN_UP_NONE));
                    } else {
                        egui::ScrollArea::vertical()
                            .max_height(300.0)
                            .show(ui, |ui| {
                                for orphan in orphans.iter() {
                                    ui.label(RichText::new(orphan).monospace().small());
                                }
                            });
                    }
                    ui.horizontal(|ui| {
                        if !orphans.is_empty()
                            && ui.button(lang.t(text::CLEAN_UP_CONFIRM)).clicked()
                        {
                            actions.push(UiAction::DeleteUnused(orphans.clone()));
                            close = true;
                        }
                        if ui.button(lang.t(text::CLOSE)).clicked() {
                            close = true;
                        }
                    });
                });
            }
        }
        if close {
            self.dialog = None;
        }
    }
}

fn no_workspace_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    error: Option<&str>,
    actions: &mut Vec<UiAction>,
) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading(lang.t(text::NO_WORKSPACE));
        ui.label(lang.t(text::NO_WORKSPACE_TEXT));
        if let Some(err) = error {
            ui.colored_label(theme::ERROR, err);
        }
        if ui.button(lang.t(text::MENU_OPEN_FOLDER)).clicked() {
            actions.push(UiAction::PickWorkspace);
        }
    });
}

impl eframe::App for OcopApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Retry failed writes every few seconds until they succeed.
        if let Some(state) = self.state.as_mut()
            && state.unsaved_count() > 0
        {
            let now = ctx.input(|i| i.time);
            let slot = (now / 3.0).floor();
            let last = ctx.data(|d| d.get_temp::<f64>(egui::Id::unique("retry-slot")));
            if last != Some(slot) {
                ctx.data_mut(|d| d.insert_temp(egui::Id::unique("retry-slot"), slot));
                state.flush();
            }
            ctx.request_repaint_after(std::time::Duration::from_secs(3));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREF_LANG, &self.lang);
        eframe::set_value(storage, PREF_OFFICER, &self.officer);
        if let Some(state) = self.state.as_ref() {
            eframe::set_value(storage, PREF_LAST_WORKSPACE, &state.dir);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(state) = self.state.as_mut() {
            state.flush();
        }
    }
}
