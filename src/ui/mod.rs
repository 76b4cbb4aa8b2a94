//! The egui front end: one file per screen, the string table, theme and small widgets.
//!
//! Screens (`*_ui` functions) read the model and push [`Command`]s or [`UiAction`]s;
//! [`OcopApp::show`] carries them out after drawing. Everything that changes the open
//! workspace is handed over as a `Request` in one place ([`OcopApp::handle`] →
//! `AppState::handle`); long work runs on a task. Nothing here touches files except
//! through `app` (`app::shell`) and the file dialogs.

mod about;
mod actions;
mod background;
mod chrome;
pub(crate) mod conflict;
pub(crate) mod context;
pub(crate) mod dashboard;
mod dialogs;
pub(crate) mod dossier;
pub(crate) mod evidence;
pub mod exchange;
mod file_dialogs;
pub(crate) mod glance;
pub mod headless;
pub(crate) mod history;
pub mod import;
pub mod new_workspace;
mod opening;
pub use opening::AfterOpen;
pub mod portfolio;
pub mod print;
pub mod product;
pub mod remarks;
pub(crate) mod scoring;
pub(crate) mod stage_dialog;
pub mod start;
pub mod summary;
/// The string table lives beside the UI, not in it: `app` and `cli` use it too.
pub use crate::text;
pub mod theme;
pub(crate) mod widgets;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use crate::app::{AppState, Level, Notice, Outcome, Request};
use crate::command::Command;
use crate::domain::catalog::Catalog;
use crate::domain::model::ProductId;
use crate::domain::stage::Stage;
use text::Lang;

pub use dialogs::Dialog;
pub use file_dialogs::{FileDialogs, NativeDialogs};

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
    /// Export a form or the status report of a product (asks where).
    ExportDocument(ProductId, crate::documents::DocKind),
    /// Opens the dossier-to-print dialog of a product.
    ExportDossier(ProductId),
    /// Asks where, then writes the dossier the print dialog set up (on a task).
    WriteDossier(Box<crate::app::print::PrintRequest>),
    /// Export the portfolio as an Excel workbook (asks where).
    ExportPortfolio,
    /// Open the periodic report's dialog (period, format, the officer's words).
    OpenSummary,
    /// Write the periodic report as asked (asks where).
    ExportSummary(Box<crate::app::summary::SummaryRequest>),
    /// Pick a spreadsheet and show the import preview.
    PickImport,
    /// Import the good rows of a confirmed preview (one undoable step).
    /// (The dialog as confirmed: the preview is checked again against the workspace now.)
    ConfirmImport(Box<import::ImportDialog>),
    /// Pick evidence files for a dossier document with the system dialog.
    PickEvidence(ProductId, String),
    /// Copy these files into the workspace and attach them to a document.
    ImportEvidence(ProductId, String, Vec<PathBuf>),
    /// Open a file (an export) with the system's default application.
    OpenFile(PathBuf),
    /// Open a stored evidence file under the name it was attached with.
    OpenEvidence {
        /// The stored file (checked, safe).
        stored: PathBuf,
        /// Its name when attached.
        file_name: String,
    },
    /// Show a stored evidence file in the file manager.
    RevealFile(PathBuf),
    /// Show an error message.
    Report(Notice),
    /// Show a confirmation message.
    Info(Notice),
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
    Undo,
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
    /// Open the comparison of a product and one of its conflict copies.
    OpenConflict(crate::app::shell::ConflictCopy),
    /// Merge as chosen in the comparison and move the copy to the trash.
    ResolveConflict(Box<conflict::ConflictDialog>),
    /// File → Quit: quits, or asks first when something is not on disk.
    Quit,
    /// In the quit dialog: try to save again, and quit if everything is written.
    QuitRetry,
    /// In the quit dialog: write the whole workspace into a new folder the user picks.
    QuitSaveCopy,
    /// In the quit dialog: quit and lose what is not on disk.
    QuitDiscard,
    /// Write this product's electronic dossier bundle (asks where).
    ExportBundle(ProductId),
    /// Pick a bundle and show what receiving it would change.
    ReceiveBundle,
    /// Receive a bundle as previewed and confirmed.
    ConfirmReceive(Box<exchange::ReceiveDialog>),
    /// Pick a bundle and verify it.
    VerifyBundle,
    /// Pick a bundle and open it read-only.
    ReviewBundle,
    /// Pick a folder of many communes and open it read-only.
    OpenMany,
    /// Start a new workspace (the dialog: commune's or producer's, folder proposed).
    NewWorkspace(crate::domain::model::WorkspaceKind),
    /// Open the demo workspace shipped beside the program.
    OpenDemo,
    /// Open Help → About.
    About,
    /// Try a failed export again (from its message).
    Retry(crate::app::Retry),
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
    /// Why the last open failed (said on the no-workspace screen).
    pub open_error: Option<Notice>,
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// Pinned "today" (None: the system date).
    pub pinned_today: Option<NaiveDate>,
    /// The officer's name from the settings (empty: the workspace's first officer).
    pub officer: String,
    /// A window size asked for on the command line; applied on the first frame, since
    /// eframe restores the size saved last time over the one given at start-up.
    pub requested_size: Option<egui::Vec2>,
    /// The evidence copy in progress, if any.
    pub import: Option<crate::jobs::ImportJob>,
    /// The egui context, for waking the UI from worker threads.
    repaint: std::sync::Arc<std::sync::Mutex<Option<egui::Context>>>,
    /// The evidence integrity check in progress or done.
    pub verify: Option<crate::jobs::VerifyJob>,
    /// Watches the workspace for other officers' changes.
    watch: Option<crate::jobs::WatchJob>,
    /// The window may close now: everything is on disk, or the user chose to discard.
    pub quit_confirmed: bool,
    /// A text field held typing not committed yet at the end of the last frame.
    pub typing_pending: bool,
    /// The user chose to quit: close the window at the end of this frame.
    close_pending: bool,
    /// The three-second slot of the window's clock in which failed writes were last
    /// tried again.
    retry_slot: Option<f64>,
    /// The bundle task in progress (export, verify, receive, review, many communes).
    pub exchange: Option<exchange::ExchangeJob>,
    /// Review mode's private copy of the bundle (removed when another folder opens).
    review_folder: Option<crate::app::shell::PrivateFolder>,
    /// The result of a bundle verification, shown until closed.
    pub verify_result: Option<exchange::VerifyDialog>,
    /// The preview of a bundle to receive.
    pub receive_dialog: Option<Box<exchange::ReceiveDialog>>,
    /// The "new workspace" dialog, when open (it works with or without a workspace).
    pub new_workspace: Option<new_workspace::NewWorkspaceDialog>,
    /// The demo workspace shipped beside the program, if found (the start screen offers it).
    pub demo_workspace: Option<PathBuf>,
    /// The system's temporary folder where no workspace may be created (on Windows).
    pub refuse_temp: Option<PathBuf>,
    /// Help → About, while open: its rows.
    pub about: Option<about::AboutRows>,
    /// File → Export → the periodic report's dialog, while open.
    pub summary: Option<summary::SummaryDialog>,
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
            requested_size: None,
            import: None,
            verify: None,
            watch: None,
            repaint: std::sync::Arc::default(),
            quit_confirmed: false,
            typing_pending: false,
            close_pending: false,
            retry_slot: None,
            exchange: None,
            review_folder: None,
            verify_result: None,
            receive_dialog: None,
            new_workspace: None,
            demo_workspace: None,
            refuse_temp: None,
            about: None,
            summary: None,
        };
        if let Some(dir) = dir {
            // Before the first frame: opened here (a window drawn meanwhile has nothing to
            // show).
            let result = AppState::open(dir, app.catalog.clone(), app.today(), app.lang);
            app.finish_open(dir, result, AfterOpen::Nothing);
        }
        app
    }

    /// Today's date (pinned or the system's).
    pub fn today(&self) -> NaiveDate {
        self.pinned_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut commands: Vec<Command> = Vec::new();
        let mut actions: Vec<UiAction> = Vec::new();
        let writing = self.start_frame(ui);
        // While a workspace is read or the copy before quitting is written, nothing may
        // change: no shortcuts, menus, dialogs or dropped files (the strip says why).
        let lang = self.lang;
        if let Ok(mut slot) = self.repaint.lock()
            && slot.is_none()
        {
            *slot = Some(ui.ctx().clone());
        }
        self.poll_jobs(ui.ctx());
        self.poll_exchange(&ui.ctx().clone());
        // After the polls: the frame that ends a blocking task draws the menus again.
        let blocked = self.blocking();
        if writing.is_none() && !blocked {
            self.shortcuts(ui.ctx(), &mut actions);
        }
        let drop_targets = evidence::take_drop_targets(ui.ctx());
        if !blocked {
            self.handle_drops(&ui.ctx().clone(), &drop_targets, &mut actions);
        }
        self.progress_panels_ui(ui);

        if !blocked {
            egui::Panel::top("menu").show(ui, |ui| {
                self.menu_ui(ui, &mut actions);
            });
        }
        // Why nothing can be edited (another window holds the workspace, a bundle under
        // review, many communes): said once, at the top, for as long as it holds.
        if let Some(reason) = self.state.as_ref().and_then(|s| s.workspace_locked()) {
            egui::Panel::top("read-only").show(ui, |ui| {
                ui.colored_label(
                    theme::warn(),
                    format!("⚠ {}", crate::say::notice(reason, lang)),
                );
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            self.status_ui(ui);
        });

        self.nav_ui(ui, &mut actions);
        self.central_ui(ui, &mut commands, &mut actions);

        if let Some((done, total)) = writing {
            dialogs::writing_progress_ui(ui.ctx(), done, total, lang);
            ui.ctx().request_repaint();
        }
        if !blocked {
            self.dialogs_ui(ui.ctx(), &mut commands, &mut actions);
            self.exchange_dialogs_ui(&ui.ctx().clone(), &mut actions);
            self.new_workspace_ui(&ui.ctx().clone());
            self.about_ui(&ui.ctx().clone(), &mut actions);
            self.summary_ui(&ui.ctx().clone(), &mut actions);
        }
        self.messages_ui(&ui.ctx().clone());

        for command in commands {
            self.apply(&command);
        }
        for action in actions {
            self.act(action);
        }
        self.end_frame(ui.ctx());
    }

    /// The start of a frame: the typing flag, the theme, today's date, and one step of a
    /// long write; returns that write's progress (done, total) while one runs.
    fn start_frame(&mut self, ui: &egui::Ui) -> Option<(usize, usize)> {
        // Fields set the flag again this frame while they hold uncommitted typing.
        self.typing_pending = ui.ctx().data_mut(|d| {
            d.remove_temp::<bool>(widgets::pending_edit_id())
                .unwrap_or(false)
        });
        theme::sync(ui.ctx());
        // Deadlines follow the clock when the window stays open past midnight.
        if self.pinned_today.is_none() && self.state.is_some() {
            self.handle(Request::SetToday(chrono::Local::now().date_naive()));
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(60));
        }
        // A change of thousands of products (an import, its undo) is written a step per
        // frame behind a progress window; nothing else can be done meanwhile.
        match self.handle(Request::WriteStep) {
            Outcome::Writing(step) => step,
            _ => None,
        }
    }

    /// The strips at the top while something is under way: the drop hint while files
    /// hover, and the progress of an evidence import and of a bundle task, each with its
    /// Cancel.
    fn progress_panels_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
            egui::Panel::top("drop-hint").show(ui, |ui| {
                ui.colored_label(theme::accent(), lang.t(text::DROP_HINT));
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
        let mut cancel_exchange = false;
        if let Some(job) = &self.exchange {
            egui::Panel::top("exchange-progress").show(ui, |ui| {
                cancel_exchange = exchange::progress_ui(ui, job, lang);
            });
        }
        if cancel_exchange {
            self.cancel_exchange();
        }
    }

    /// The navigation bar (dashboard, portfolio), on every screen of an open workspace
    /// but a product's.
    fn nav_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
        let lang = self.lang;
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
    }

    /// The central panel: the screen shown, or the start page without a workspace.
    fn central_ui(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
        actions: &mut Vec<UiAction>,
    ) {
        let lang = self.lang;
        if let Some(label) = self
            .exchange
            .as_ref()
            .filter(|j| j.shape.blocking)
            .map(|j| j.label)
        {
            // A folder being read, or the copy before quitting being written: nothing of
            // the page is edited meanwhile (an edit would be read back as someone else's,
            // or be in neither the copy nor the folder).
            egui::CentralPanel::default_margins().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.spinner();
                    ui.label(format!("{}…", lang.t(label)));
                });
            });
            return;
        }
        egui::CentralPanel::default_margins().show(ui, |ui| match (&self.state, &self.screen) {
            (None, _) => no_workspace_ui(
                ui,
                lang,
                self.open_error.as_ref(),
                self.demo_workspace.is_some(),
                actions,
            ),
            (Some(state), Screen::Dashboard) => {
                self.dashboard.show(ui, state, lang, actions);
            }
            (Some(state), Screen::Portfolio) => {
                self.portfolio.show(ui, state, lang, actions);
            }
            (Some(state), Screen::Product(id)) => match state.workspace().products.get(id) {
                Some(product) => {
                    let mut ctx = context::ScreenCtx::new(state, lang, false, commands, actions);
                    product::product_ui(ui, &mut ctx, product, &mut self.product_view);
                }
                None => {
                    actions.push(UiAction::Navigate(Screen::Portfolio));
                }
            },
        });
    }

    /// The end of a frame, after its commands and actions: one more frame when typing
    /// started, and the window's closing, which waits for everything to be on disk.
    fn end_frame(&mut self, ctx: &egui::Context) {
        // A field started holding uncommitted typing during this frame: draw once more, so
        // the status bar (drawn before the fields) stops saying "saved" at once.
        let pending_now = ctx
            .data(|d| d.get_temp::<bool>(widgets::pending_edit_id()))
            .unwrap_or(false);
        if pending_now != self.typing_pending {
            ctx.request_repaint();
        }
        // Closing the window (or File → Quit): fields committed their typing while drawing
        // this frame; if anything is still not on disk, stay open and ask.
        if std::mem::take(&mut self.close_pending) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            if self.blocking() {
                // A workspace being read (Cancel stops it) or the copy before quitting
                // being written (the window closes when it is on disk): wait.
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            } else if self.all_on_disk() {
                self.quit_confirmed = true;
            } else {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Quit { error: None });
            }
        }
    }

    /// Tries to write everything pending; true when nothing is left unsaved.
    fn all_on_disk(&mut self) -> bool {
        !matches!(self.handle(Request::Flush), Outcome::OnDisk(false))
    }

    /// Whether a task runs during which nothing may change (a workspace being read, the
    /// copy before quitting being written).
    fn blocking(&self) -> bool {
        self.exchange.as_ref().is_some_and(|job| job.shape.blocking)
    }

    /// Hands `request` to the open workspace: the window's one hold of `&mut AppState`
    /// (everything else reads it; `tests/layers.rs` checks this is the only one).
    pub fn handle(&mut self, request: Request) -> Outcome {
        match self.state.as_mut() {
            Some(state) => state.handle(request),
            None => Outcome::NoWorkspace,
        }
    }

    /// Says `notice`; with no workspace open, an error is kept for the start screen.
    pub(super) fn say(&mut self, level: Level, notice: impl Into<Notice>) {
        let notice = notice.into();
        if self.state.is_some() {
            self.handle(Request::Say(level, notice));
        } else if level != Level::Info {
            self.open_error = Some(notice);
        }
    }

    /// Closes the window for good (at the end of this frame).
    fn close_now(&mut self) {
        self.quit_confirmed = true;
        self.close_pending = true;
        self.dialog = None;
    }

    /// Applies one command to the open workspace, reporting refusals.
    /// Applies `command` to the open workspace; false (with the reason said or asked
    /// for) if it was refused.
    pub fn apply(&mut self, command: &Command) -> bool {
        match self.handle(Request::Apply(command.clone())) {
            Outcome::Refused(err) => {
                self.refused(command, err);
                false
            }
            Outcome::NoWorkspace => false,
            _ => true,
        }
    }

    /// Translates a refused edit: a stage change that needs more asks for it; anything
    /// else is said.
    fn refused(&mut self, command: &Command, err: crate::command::CommandError) {
        match (err, command) {
            (
                crate::command::CommandError::Stage(crate::domain::stage::StageError::Missing {
                    ..
                }),
                Command::ChangeStage { id, target, .. },
            ) => {
                if let Some(state) = self.state.as_ref() {
                    self.dialog =
                        Some(Dialog::Stage(product::StageDialog::new(state, id, *target)));
                }
            }
            (err, _) => self.say(Level::Error, Notice::error(err)),
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
}

fn no_workspace_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    error: Option<&Notice>,
    has_demo: bool,
    actions: &mut Vec<UiAction>,
) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading(lang.t(text::NO_WORKSPACE));
        ui.label(lang.t(text::NO_WORKSPACE_TEXT));
        if let Some(err) = error {
            ui.colored_label(theme::error(), crate::say::notice(err, lang));
        }
        ui.add_space(8.0);
        if ui.button(lang.t(text::MENU_OPEN_FOLDER)).clicked() {
            actions.push(UiAction::PickWorkspace);
        }
        new_workspace::start_buttons_ui(ui, lang, has_demo, actions);
    });
}

impl eframe::App for OcopApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(size) = self.requested_size.take() {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
        self.show(ui);
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Products the last frames decoded go back to their packed form once there are
        // many (cheap when there are few: a counter is compared).
        self.handle(Request::Settle);
        // Retry failed writes every few seconds until they succeed.
        if self
            .state
            .as_ref()
            .is_some_and(|s| s.unsaved_count() > 0 && s.writing_in_steps().is_none())
            && !self.blocking()
        {
            let now = ctx.input(|i| i.time);
            let slot = (now / 3.0).floor();
            if self.retry_slot != Some(slot) {
                self.retry_slot = Some(slot);
                self.handle(Request::Flush);
            }
            ctx.request_repaint_after(std::time::Duration::from_secs(3));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREF_LANG, &self.lang);
        eframe::set_value(storage, PREF_OFFICER, &self.officer);
        // Only a real workspace: review mode's private copy is gone at exit, and a folder
        // of many communes is not one to reopen as a workspace.
        if let Some(state) = self.state.as_ref().filter(|s| s.source().is_workspace()) {
            eframe::set_value(storage, PREF_LAST_WORKSPACE, &state.dir());
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Last chance for a write that failed before (the quit dialog already asked).
        self.handle(Request::Flush);
    }
}
