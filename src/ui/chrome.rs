//! The window's frame around the screens: menu bar, status bar and the message panel.

use crate::app::Level;

use super::text::{self, Lang};
use super::{OcopApp, UiAction, theme};

impl OcopApp {
    pub(super) fn menu_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
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

    pub(super) fn status_ui(&self, ui: &mut egui::Ui) {
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

    pub(super) fn messages_ui(&mut self, ui: &mut egui::Ui) {
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
}
