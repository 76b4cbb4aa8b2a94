//! The modal dialogs of the app shell: add, delete, stage change, choose a document for
//! dropped files, settings, and the unused-evidence clean-up.

use std::path::PathBuf;

use egui::{Key, RichText};

use crate::app::{AppState, Notice};
use crate::command::Command;
use crate::domain::model::{ProductId, WorkspaceInfo};

use super::text::{self, Lang};
use super::{OcopApp, Screen, UiAction, product, theme, widgets};

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
        /// The name field got its first focus (given once, when the dialog opens).
        focused: bool,
    },
    /// Confirm deletion.
    DeleteProduct(ProductId),
    /// Ask what a stage change needs.
    Stage(product::StageDialog),
    /// Files were dropped on a product but not on a document: ask which one.
    ChooseDocument {
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
    /// Quitting while something is not on disk: retry, save a copy, or discard.
    Quit {
        /// Why the last retry or copy failed.
        error: Option<crate::app::Notice>,
    },
    /// Compare a product with a conflict copy and choose, part by part.
    Conflict(super::conflict::ConflictDialog),
    /// The preview of a spreadsheet import, with its column mapping.
    Import(Box<super::import::ImportDialog>),
    /// Which documents go into the dossier to print.
    Print(Box<super::print::PrintDialog>),
    /// Unused evidence files found; confirm deleting them.
    CleanUp {
        /// Stored paths of the unused files.
        orphans: Vec<String>,
    },
}

impl OcopApp {
    /// Draws the open dialog, if any, and closes it when it says so.
    pub(super) fn dialogs_ui(
        &mut self,
        ctx: &egui::Context,
        commands: &mut Vec<Command>,
        actions: &mut Vec<UiAction>,
    ) {
        let lang = self.lang;
        let task_running = self.exchange.is_some();
        let Some(dialog) = self.dialog.as_mut() else {
            return;
        };
        let Some(state) = self.state.as_ref() else {
            self.dialog = None;
            return;
        };
        let close = match dialog {
            Dialog::AddProduct {
                name,
                scoring_set,
                error,
                focused,
            } => {
                let fields = AddProductFields {
                    name,
                    scoring_set,
                    error,
                    focused,
                };
                add_product_dialog_ui(ctx, state, lang, fields, commands, actions)
            }
            Dialog::DeleteProduct(id) => {
                delete_product_dialog_ui(ctx, state, lang, id, commands, actions)
            }
            Dialog::Stage(stage_dialog) => {
                product::stage_dialog_ui(ctx, stage_dialog, lang, commands)
            }
            Dialog::ChooseDocument { product, files } => {
                choose_document_dialog_ui(ctx, state, lang, product, files, actions)
            }
            Dialog::Settings { officer, info } => {
                settings_dialog_ui(ctx, state, lang, officer, info, commands, actions)
            }
            Dialog::Quit { error } => quit_dialog_ui(ctx, state, lang, error.as_ref(), actions),
            Dialog::Conflict(conflict) => {
                super::conflict::dialog_ui(ctx, state, conflict, lang, actions)
            }
            Dialog::Import(import) => {
                super::import::import_dialog_ui(ctx, state, import, lang, actions)
            }
            Dialog::Print(print) => {
                super::print::print_dialog_ui(ctx, print, lang, task_running, actions)
            }
            Dialog::CleanUp { orphans } => clean_up_dialog_ui(ctx, lang, orphans, actions),
        };
        if close {
            self.dialog = None;
        }
    }
}

/// The fields of [`Dialog::AddProduct`], borrowed for its drawing.
struct AddProductFields<'a> {
    /// Name typed so far.
    name: &'a mut String,
    /// Scoring set chosen.
    scoring_set: &'a mut u8,
    /// Error to show.
    error: &'a mut Option<String>,
    /// The name field got its first focus.
    focused: &'a mut bool,
}

/// The add-product dialog: a name and a scoring set; true when closed.
fn add_product_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    lang: Lang,
    fields: AddProductFields<'_>,
    commands: &mut Vec<Command>,
    actions: &mut Vec<UiAction>,
) -> bool {
    let AddProductFields {
        name,
        scoring_set,
        error,
        focused,
    } = fields;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("add-product")).show(ctx, |ui| {
        ui.heading(lang.t(text::ADD_DIALOG_TITLE));
        let label = ui.label(lang.t(text::FIELD_NAME));
        let response = ui.text_edit_singleline(name).labelled_by(label.id);
        // Focus starts in the name field, once: taking it back whenever nothing
        // had focus kept it there after a click on the set list, so the arrows
        // and Enter meant for the list edited and confirmed the name instead.
        if !*focused {
            response.request_focus();
            *focused = true;
        }
        // Enter confirms only from the name field: an Enter that picks an item
        // in the set list must not create the product with the old set.
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        widgets::scoring_set_combo(ui, "add-set", scoring_set, state.catalog(), lang);
        if let Some(err) = error.as_ref() {
            ui.colored_label(theme::error(), err.as_str());
        }
        ui.horizontal(|ui| {
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
                        year: chrono::Datelike::year(&state.today()),
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
    close
}

/// The confirmation before deleting product `id`; true when closed.
fn delete_product_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    lang: Lang,
    id: &ProductId,
    commands: &mut Vec<Command>,
    actions: &mut Vec<UiAction>,
) -> bool {
    let name = state
        .workspace()
        .products
        .get(id)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let mut close = false;
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
    close
}

/// The documents of `product`'s current application that may take files: (key, name).
fn attachable_documents(
    state: &AppState,
    lang: Lang,
    product: &ProductId,
) -> Vec<(String, String)> {
    state
        .workspace()
        .products
        .get(product)
        .and_then(|p| p.current())
        .map(|app| {
            let template = state.catalog().template(&app.rule_version);
            app.dossier
                .iter()
                .filter(|e| state.may_attach(product, &e.key))
                .map(|e| {
                    let name = template.and_then(|t| t.item(&e.key)).map_or_else(
                        || e.key.clone(),
                        |i| lang.pick(&i.name_vi, &i.name_en).to_owned(),
                    );
                    (e.key.clone(), name)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Which document of `product` the dropped `files` go to; true when closed.
fn choose_document_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    lang: Lang,
    product: &ProductId,
    files: &[PathBuf],
    actions: &mut Vec<UiAction>,
) -> bool {
    let entries = attachable_documents(state, lang, product);
    let mut close = false;
    egui::Modal::new(egui::Id::unique("choose-document")).show(ctx, |ui| {
        ui.heading(lang.t(text::CHOOSE_DOC_TITLE));
        for file in files {
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
                            files.to_vec(),
                        ));
                        close = true;
                    }
                }
            });
        if ui.button(lang.t(text::CANCEL)).clicked() {
            close = true;
        }
    });
    close
}

/// The settings: the officer's name and the workspace's commune details; true when closed.
fn settings_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    lang: Lang,
    officer: &mut String,
    info: &mut WorkspaceInfo,
    commands: &mut Vec<Command>,
    actions: &mut Vec<UiAction>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("settings")).show(ctx, |ui| {
        // A fixed, generous width: labels above full-width fields, so long
        // names ("HTX Nông nghiệp Hồng Quang") show whole.
        let width = (ctx.content_rect().width() - 80.0).clamp(320.0, 560.0);
        ui.set_width(width);
        ui.heading(lang.t(text::SETTINGS_TITLE));
        let fields: [(text::Tr, &mut String); 4] = [
            (text::SETTINGS_OFFICER, officer),
            (text::SETTINGS_WS_NAME, &mut info.name),
            (text::SETTINGS_COMMUNE, &mut info.commune),
            (text::SETTINGS_PROVINCE, &mut info.province),
        ];
        for (label, value) in fields {
            let label = ui.label(lang.t(label));
            ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            ui.add_space(4.0);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(text::SAVE)).clicked() {
                actions.push(UiAction::SetOfficer(officer.clone()));
                let mut new_info = info.clone();
                new_info.name = crate::domain::search::nfc(new_info.name.trim());
                new_info.commune = crate::domain::search::nfc(new_info.commune.trim());
                new_info.province = crate::domain::search::nfc(new_info.province.trim());
                if new_info != state.workspace().info {
                    commands.push(Command::SetWorkspaceInfo { info: new_info });
                }
                close = true;
            }
            if ui.button(lang.t(text::CANCEL)).clicked() {
                close = true;
            }
        });
    });
    close
}

/// Quitting with changes not on disk: retry, save a copy, discard or stay; true when
/// closed (stay).
fn quit_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    lang: Lang,
    error: Option<&Notice>,
    actions: &mut Vec<UiAction>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("quit-unsaved")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(lang.t(text::QUIT_TITLE));
        ui.label(format!(
            "{} {}",
            state.unsaved_count(),
            lang.t(text::QUIT_TEXT)
        ));
        if let Some(err) = error {
            ui.colored_label(theme::error(), crate::say::notice(err, lang));
        }
        ui.add_space(6.0);
        if ui.button(lang.t(text::QUIT_RETRY)).clicked() {
            actions.push(UiAction::QuitRetry);
        }
        if ui.button(lang.t(text::QUIT_SAVE_COPY)).clicked() {
            actions.push(UiAction::QuitSaveCopy);
        }
        if ui.button(lang.t(text::QUIT_DISCARD)).clicked() {
            actions.push(UiAction::QuitDiscard);
        }
        ui.separator();
        if ui.button(lang.t(text::QUIT_STAY)).clicked() {
            close = true;
        }
    });
    close
}

/// The unused evidence files found, to confirm deleting them; true when closed.
fn clean_up_dialog_ui(
    ctx: &egui::Context,
    lang: Lang,
    orphans: &[String],
    actions: &mut Vec<UiAction>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("clean-up")).show(ctx, |ui| {
        ui.heading(lang.t(text::CLEAN_UP_TITLE));
        if orphans.is_empty() {
            ui.label(lang.t(text::CLEAN_UP_NONE));
        } else {
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for orphan in orphans {
                        ui.label(RichText::new(orphan).monospace().small());
                    }
                });
        }
        ui.horizontal(|ui| {
            if !orphans.is_empty() && ui.button(lang.t(text::CLEAN_UP_CONFIRM)).clicked() {
                actions.push(UiAction::DeleteUnused(orphans.to_vec()));
                close = true;
            }
            if ui.button(lang.t(text::CLOSE)).clicked() {
                close = true;
            }
        });
    });
    close
}

/// The progress of a change of many products being written (an import, its undo or
/// redo): a modal window, so that nothing else is edited until every file is on disk.
pub fn writing_progress_ui(ctx: &egui::Context, done: usize, total: usize, lang: Lang) {
    egui::Modal::new(egui::Id::unique("writing-progress")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(lang.t(text::WRITING_PRODUCTS));
        #[expect(
            clippy::cast_precision_loss,
            reason = "a progress bar needs no more precision"
        )]
        let fraction = if total == 0 {
            1.0
        } else {
            done as f32 / total as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .text(format!(
                    "{} / {}",
                    text::thousands(done, lang),
                    text::thousands(total, lang)
                ))
                .desired_width(400.0),
        );
        ui.label(egui::RichText::new(lang.t(text::WRITING_PRODUCTS_HINT)).color(theme::muted()));
    });
}
