//! The window's frame around the screens: menu bar, status bar and the message panel.

use crate::app::Level;

use super::text::{self, Lang};
use super::{OcopApp, UiAction, theme};

impl OcopApp {
    /// File → Export: the open product's forms and status report, the portfolio, the
    /// periodic report and the calendar.
    fn export_menu_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
        let lang = self.lang;
        let open_product = match &self.screen {
            super::Screen::Product(id) => Some(id.clone()),
            _ => None,
        };
        for kind in crate::documents::DocKind::ALL {
            let button = ui
                .add_enabled(
                    open_product.is_some(),
                    egui::Button::new(format!("{}…", lang.t(kind.name()))),
                )
                .on_disabled_hover_text(lang.t(text::MENU_EXPORT_NEEDS_PRODUCT));
            if button.clicked()
                && let Some(id) = &open_product
            {
                actions.push(UiAction::ExportDocument(id.clone(), kind));
                ui.close();
            }
        }
        // The whole dossier to print: the forms' evidence in the dossier list's order.
        let button = ui
            .add_enabled(
                open_product.is_some(),
                egui::Button::new(lang.t(text::MENU_EXPORT_DOSSIER)),
            )
            .on_disabled_hover_text(lang.t(text::MENU_EXPORT_NEEDS_PRODUCT));
        if button.clicked()
            && let Some(id) = &open_product
        {
            actions.push(UiAction::ExportDossier(id.clone()));
            ui.close();
        }
        ui.separator();
        if ui.button(lang.t(text::MENU_EXPORT_XLSX)).clicked() {
            actions.push(UiAction::ExportPortfolio);
            ui.close();
        }
        // The commune's periodic report: the whole workspace, no product needed.
        if ui.button(lang.t(text::MENU_EXPORT_SUMMARY)).clicked() {
            actions.push(UiAction::OpenSummary);
            ui.close();
        }
        if ui.button(lang.t(text::MENU_EXPORT_ICS)).clicked() {
            actions.push(UiAction::ExportCalendar);
            ui.close();
        }
    }

    pub(super) fn menu_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
        let lang = self.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            // Review mode and the many-communes view write nothing: no import, no clean-up,
            // no settings.
            let own_workspace = self
                .state
                .as_ref()
                .is_some_and(|s| s.source().is_workspace());
            ui.menu_button(lang.t(text::MENU_FILE), |ui| {
                if ui.button(lang.t(text::MENU_OPEN_FOLDER)).clicked() {
                    actions.push(UiAction::PickWorkspace);
                }
                if ui.button(lang.t(text::NEW_WORKSPACE_MENU)).clicked() {
                    actions.push(UiAction::NewWorkspace(
                        crate::domain::model::WorkspaceKind::Commune,
                    ));
                }
                ui.menu_button(lang.t(text::MENU_BUNDLE), |ui| {
                    self.bundle_menu_ui(ui, actions);
                });
                ui.add_enabled_ui(self.state.is_some(), |ui| {
                    ui.menu_button(lang.t(text::MENU_EXPORT), |ui| {
                        self.export_menu_ui(ui, actions);
                    });
                });
                if ui
                    .add_enabled(
                        own_workspace,
                        egui::Button::new(lang.t(text::MENU_IMPORT_XLSX)),
                    )
                    .clicked()
                {
                    actions.push(UiAction::PickImport);
                }
                if ui
                    .add_enabled(
                        own_workspace,
                        egui::Button::new(lang.t(text::MENU_CLEAN_UP)),
                    )
                    .clicked()
                {
                    actions.push(UiAction::CleanUpEvidence);
                }
                if ui
                    .add_enabled(
                        own_workspace,
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
                    actions.push(UiAction::Quit);
                }
            });
            ui.menu_button(lang.t(text::MENU_EDIT), |ui| {
                let (undo, redo) = self
                    .state
                    .as_ref()
                    .map_or((None, None), |s| (s.undo_label(), s.redo_label()));
                // Say what will be undone: "Hoàn tác: đánh dấu '05 mẫu sản phẩm' (Ctrl+Z)".
                let entry = |what: Option<&str>, verb: text::Tr, plain: text::Tr| match what {
                    Some(what) => {
                        let shortcut = lang.t(plain).split_once('(').map_or("", |(_, s)| s);
                        (
                            format!("{}: {what} ({shortcut}", lang.t(verb)),
                            what.to_owned(),
                        )
                    }
                    None => (lang.t(plain).to_owned(), String::new()),
                };
                let (undo_text, undo_hover) = entry(undo, text::MENU_UNDO_WHAT, text::MENU_UNDO);
                let response = ui.add_enabled(undo.is_some(), egui::Button::new(undo_text));
                if response.clicked() {
                    actions.push(UiAction::Undo);
                }
                if !undo_hover.is_empty() {
                    response
                        .on_hover_text(format!("{}: {undo_hover}", lang.t(text::MENU_UNDO_WHAT)));
                }
                let (redo_text, redo_hover) = entry(redo, text::MENU_REDO_WHAT, text::MENU_REDO);
                let response = ui.add_enabled(redo.is_some(), egui::Button::new(redo_text));
                if response.clicked() {
                    actions.push(UiAction::Redo);
                }
                if !redo_hover.is_empty() {
                    response
                        .on_hover_text(format!("{}: {redo_hover}", lang.t(text::MENU_REDO_WHAT)));
                }
            });
            ui.menu_button(lang.t(text::MENU_VIEW), |ui| {
                // A preference of this computer, remembered by eframe with egui's memory.
                let current = ui.ctx().theme();
                for (theme, label) in [
                    (egui::Theme::Dark, text::THEME_DARK),
                    (egui::Theme::Light, text::THEME_LIGHT),
                ] {
                    if ui
                        .selectable_label(current == theme, lang.t(label))
                        .clicked()
                    {
                        ui.ctx().set_theme(theme);
                    }
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
            super::about::help_menu_ui(ui, lang, actions);
        });
    }

    pub(super) fn status_ui(&self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.horizontal(|ui| match &self.state {
            Some(state) => {
                // What is open: review mode names the bundle, not its private copy.
                let (shown, label) = match &state.source() {
                    crate::app::Source::Review(bundle) => (bundle.as_path(), text::REVIEWING),
                    crate::app::Source::Many(dir) => (dir.as_path(), text::MANY_COMMUNES),
                    crate::app::Source::Workspace => (state.dir(), text::WORKSPACE),
                };
                let folder = shown.file_name().map_or_else(
                    || shown.display().to_string(),
                    |n| n.to_string_lossy().to_string(),
                );
                ui.label(format!("{}: {folder}", lang.t(label)))
                    .on_hover_text(shown.display().to_string());
                ui.separator();
                // "Saved" only when nothing is waiting: neither typing nor a failed write.
                if state.workspace_locked().is_some() {
                    ui.label(lang.t(text::READ_ONLY_SHORT));
                } else if let Some((done, total)) = state.writing_in_steps() {
                    ui.label(format!(
                        "… {} {} / {}",
                        lang.t(text::WRITING_PRODUCTS_SHORT),
                        text::thousands(done, lang),
                        text::thousands(total, lang)
                    ));
                } else if state.unsaved_count() == 0 && self.typing_pending {
                    ui.label(format!("… {}", lang.t(text::SAVING)));
                } else if state.unsaved_count() == 0 {
                    ui.label(format!("✔ {}", lang.t(text::SAVED_ALL)));
                } else {
                    ui.colored_label(
                        theme::warn(),
                        format!("⚠ {} {}", state.unsaved_count(), lang.t(text::UNSAVED)),
                    );
                }
                ui.separator();
                ui.label(format!(
                    "{} {}",
                    lang.t(text::TODAY),
                    lang.date(state.today())
                ));
            }
            None => {
                ui.label(lang.t(text::NO_WORKSPACE));
            }
        });
    }

    /// Message banners, drawn over the page (never pushing it down): information goes
    /// after [`INFO_SECONDS`], errors and load problems stay until dismissed.
    pub(super) fn messages_ui(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        let busy = self.exchange.is_some();
        let now = ctx.input(|i| i.time);
        if let crate::app::Outcome::NextExpiry(Some(left)) =
            self.handle(crate::app::Request::ExpireMessages {
                now,
                info_seconds: INFO_SECONDS,
            })
        {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left + 0.05));
        }
        let Some(state) = self.state.as_ref() else {
            return;
        };
        if state.messages().is_empty() && state.load_problems().is_empty() {
            return;
        }
        let mut dismiss: Option<usize> = None;
        let mut dismiss_problems = false;
        let mut open: Option<UiAction> = None;
        let width = (ctx.content_rect().width() - 48.0).clamp(240.0, 720.0);
        egui::Area::new(egui::Id::unique("message-banners"))
            .order(egui::Order::Foreground)
            // Above the status bar, where a glance at "saved" goes anyway.
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -40.0))
            .interactable(true)
            .show(ctx, |ui| {
                ui.set_width(width);
                let banner = |ui: &mut egui::Ui,
                              color: egui::Color32,
                              add: &mut dyn FnMut(&mut egui::Ui)| {
                    egui::Frame::popup(ui.style())
                        .stroke(egui::Stroke::new(1.5, color))
                        .show(ui, |ui| {
                            ui.set_width(width - 16.0);
                            add(ui);
                        });
                };
                if !state.load_problems().is_empty() {
                    banner(ui, theme::error(), &mut |ui| {
                        ui.horizontal(|ui| {
                            ui.colored_label(
                                theme::error(),
                                format!("⚠ {}", lang.t(text::LOAD_PROBLEMS)),
                            );
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    if ui.button(lang.t(text::DISMISS)).clicked() {
                                        dismiss_problems = true;
                                    }
                                },
                            );
                        });
                        egui::ScrollArea::vertical()
                            .id_salt("load-problems")
                            .max_height(160.0)
                            .show(ui, |ui| {
                                for problem in state.load_problems() {
                                    ui.colored_label(
                                        theme::error(),
                                        format!("• {}", crate::say::reason(problem, lang)),
                                    );
                                }
                            });
                    });
                }
                // The latest few: older ones wait underneath instead of covering the page.
                let first = state.messages().len().saturating_sub(MAX_BANNERS);
                for (index, message) in state.messages().iter().enumerate().skip(first) {
                    let color = match message.level {
                        Level::Error => theme::error(),
                        Level::Warning => theme::warn(),
                        Level::Info => theme::ok(),
                    };
                    banner(ui, color, &mut |ui| {
                        ui.horizontal(|ui| {
                            if ui.button(lang.t(text::DISMISS)).clicked() {
                                dismiss = Some(index);
                            }
                            ui.add(
                                egui::Label::new(
                                    egui::RichText::new(message.words(lang)).color(color),
                                )
                                .wrap(),
                            );
                        });
                        if let Some(retry) = &message.retry
                            && ui.button(lang.t(text::TRY_AGAIN)).clicked()
                        {
                            // Kept while another task runs (the retry waits for it).
                            if !busy {
                                dismiss = Some(index);
                            }
                            open = Some(UiAction::Retry(retry.clone()));
                        }
                        // An export just written: open it, or its folder, from here.
                        if let Some(file) = &message.file {
                            ui.horizontal(|ui| {
                                if ui.button(lang.t(text::OPEN_EXPORTED_FILE)).clicked() {
                                    open = Some(UiAction::OpenFile(file.clone()));
                                }
                                if ui.button(lang.t(text::OPEN_EXPORTED_FOLDER)).clicked() {
                                    open = Some(UiAction::RevealFile(file.clone()));
                                }
                            });
                        }
                    });
                }
            });
        if let Some(index) = dismiss {
            self.handle(crate::app::Request::Dismiss(index));
        }
        if dismiss_problems {
            self.handle(crate::app::Request::DismissLoadProblems);
        }
        if let Some(action) = open {
            self.act(action);
        }
    }
}

/// Seconds an information banner stays.
pub const INFO_SECONDS: f64 = 6.0;

/// Banners shown at once (the newest).
const MAX_BANNERS: usize = 3;
