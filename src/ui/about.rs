//! Help → About: what an officer reads out to whoever helps them on the phone: the
//! version, the rule data, the renderer the window runs on, and the folders (settings,
//! workspace, log) with a button that opens the log folder.

use egui::RichText;

use super::text::{self, Lang};
use super::{OcopApp, UiAction};

/// The About window's rows (label, value), gathered once when it opens: the folders come
/// from the OS (known-folder lookups on Windows), not something to ask every frame.
pub type AboutRows = Vec<(text::Tr, String)>;

impl OcopApp {
    /// What the About window shows, now.
    pub(super) fn about_rows(&self) -> AboutRows {
        let lang = self.lang;
        let none = lang.t(text::ABOUT_NONE).to_owned();
        let shown =
            |p: Option<std::path::PathBuf>| p.map_or(none.clone(), |p| p.display().to_string());
        [
            (text::ABOUT_VERSION, env!("CARGO_PKG_VERSION").to_owned()),
            (
                text::ABOUT_RULES,
                lang.t(text::ABOUT_RULES_VALUE).to_owned(),
            ),
            (
                text::ABOUT_RENDERER,
                crate::app::shell::renderer().map_or(none.clone(), str::to_owned),
            ),
            (
                text::ABOUT_SYSTEM,
                format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            ),
            (text::ABOUT_DATA, shown(super::start::settings_dir())),
            (
                text::ABOUT_WORKSPACE,
                shown(self.state.as_ref().map(|s| s.dir().to_owned())),
            ),
            (text::ABOUT_LOGS, shown(crate::app::shell::log_dir())),
        ]
        .into()
    }

    /// The About window, while open.
    pub(super) fn about_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
        let Some(rows) = &self.about else {
            return;
        };
        let lang = self.lang;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            ui.heading(lang.t(text::ABOUT_TITLE));
            ui.label(RichText::new("Theo dõi OCOP – OCOP tracker").strong());
            ui.add_space(6.0);
            egui::Grid::new("about-grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for (label, value) in rows {
                        ui.label(lang.t(*label));
                        // Selectable: an officer can copy a folder into an e-mail.
                        ui.add(egui::Label::new(value.as_str()).wrap().selectable(true));
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(lang.t(text::ABOUT_OPEN_LOGS)).clicked()
                    && let Some(logs) = crate::app::shell::ensure_log_dir()
                {
                    actions.push(UiAction::OpenFile(logs));
                }
                if ui.button(lang.t(text::CLOSE)).clicked() {
                    close = true;
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close {
            self.about = None;
        }
    }
}

/// The Help menu.
pub(super) fn help_menu_ui(ui: &mut egui::Ui, lang: Lang, actions: &mut Vec<UiAction>) {
    ui.menu_button(lang.t(text::MENU_HELP), |ui| {
        if ui.button(lang.t(text::MENU_ABOUT)).clicked() {
            actions.push(UiAction::About);
            ui.close();
        }
    });
}
