//! "Tạo thư mục làm việc mới…": a commune's workspace (commune, province, officer) or a
//! producer's (its registered name), in a folder proposed in the user's Documents. The
//! dialog only gathers the answers; `app::new_workspace` checks and writes.

use std::path::PathBuf;

use egui::RichText;

use crate::app::new_workspace::NewWorkspace;
use crate::domain::model::WorkspaceKind;

use super::text::{self, Lang};
use super::{UiAction, theme};

/// The dialog's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewWorkspaceDialog {
    /// What has been typed.
    pub spec: NewWorkspace,
    /// The folder chosen by the user; None: the proposed one.
    pub folder: Option<PathBuf>,
    /// Why the last try failed.
    pub error: Option<String>,
    /// A word on why the dialog opened (an empty folder was chosen to open).
    pub hint: Option<String>,
}

impl NewWorkspaceDialog {
    /// A new dialog for a `kind` workspace, in `folder` if the user already chose one.
    pub fn new(kind: WorkspaceKind, officer: &str, folder: Option<PathBuf>) -> Self {
        NewWorkspaceDialog {
            spec: NewWorkspace {
                kind,
                officer: officer.to_owned(),
                ..NewWorkspace::default()
            },
            folder,
            error: None,
            hint: None,
        }
    }

    /// The folder it will be made in: the chosen one, else the proposed one.
    pub fn target(&self) -> Option<PathBuf> {
        self.folder.clone().or_else(|| self.spec.proposed_folder())
    }
}

/// What the user did in the dialog this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Create it.
    Create,
    /// Pick another folder.
    ChooseFolder,
    /// Close without creating.
    Cancel,
}

/// Draws the dialog; the answer, if the user gave one.
pub fn dialog_ui(
    ctx: &egui::Context,
    dialog: &mut NewWorkspaceDialog,
    lang: Lang,
) -> Option<Answer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("new-workspace")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(lang.t(text::NEW_WORKSPACE_TITLE));
        if let Some(hint) = &dialog.hint {
            ui.colored_label(theme::accent(), hint);
        }
        ui.label(lang.t(text::NEW_WORKSPACE_KIND));
        ui.radio_value(
            &mut dialog.spec.kind,
            WorkspaceKind::Commune,
            lang.t(text::NEW_WORKSPACE_COMMUNE_KIND),
        );
        ui.radio_value(
            &mut dialog.spec.kind,
            WorkspaceKind::Producer,
            lang.t(text::NEW_WORKSPACE_PRODUCER_KIND),
        );
        ui.add_space(6.0);
        let field = |ui: &mut egui::Ui, label: text::Tr, value: &mut String| {
            ui.horizontal(|ui| {
                let label = ui.add_sized([170.0, 20.0], egui::Label::new(lang.t(label)));
                ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                    .labelled_by(label.id);
            });
        };
        match dialog.spec.kind {
            WorkspaceKind::Commune => {
                field(ui, text::FIELD_COMMUNE, &mut dialog.spec.commune);
                field(ui, text::NEW_WORKSPACE_PROVINCE, &mut dialog.spec.province);
                field(ui, text::NEW_WORKSPACE_OFFICER, &mut dialog.spec.officer);
            }
            WorkspaceKind::Producer => {
                field(ui, text::NEW_WORKSPACE_PRODUCER, &mut dialog.spec.producer);
                field(ui, text::NEW_WORKSPACE_OFFICER, &mut dialog.spec.officer);
            }
        }
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}:", lang.t(text::NEW_WORKSPACE_FOLDER)));
            match dialog.target() {
                Some(folder) => {
                    ui.label(RichText::new(folder.display().to_string()).monospace());
                }
                None => {
                    ui.colored_label(theme::warn(), lang.t(text::NEW_WORKSPACE_NO_FOLDER));
                }
            }
        });
        if ui.button(lang.t(text::NEW_WORKSPACE_CHOOSE)).clicked() {
            answer = Some(Answer::ChooseFolder);
        }
        if let Some(err) = &dialog.error {
            ui.colored_label(theme::error(), err);
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(lang.t(text::NEW_WORKSPACE_CREATE)).clicked() {
                answer = Some(Answer::Create);
            }
            if ui.button(lang.t(text::CANCEL)).clicked() {
                answer = Some(Answer::Cancel);
            }
        });
    });
    answer
}

/// The start screen's buttons besides "Open…": a new workspace and, when the demo is
/// there, the demo.
pub fn start_buttons_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    has_demo: bool,
    actions: &mut Vec<UiAction>,
) {
    if ui.button(lang.t(text::START_NEW)).clicked() {
        actions.push(UiAction::NewWorkspace(WorkspaceKind::Commune));
    }
    if has_demo && ui.button(lang.t(text::START_DEMO)).clicked() {
        actions.push(UiAction::OpenDemo);
    }
}

/// The dialog's place in the app: the first-run offer, creating and opening.
impl super::OcopApp {
    /// The first run (nothing remembered, nothing asked for): offer to create the
    /// commune's own workspace; the start screen behind the dialog still offers the demo.
    pub fn offer_first_workspace(&mut self) {
        let mut dialog = NewWorkspaceDialog::new(
            crate::domain::model::WorkspaceKind::Commune,
            &self.officer,
            None,
        );
        log::info!(
            "first run: offering a new workspace in {} (the demo stays one click away)",
            dialog.target().map_or_else(
                || "(no Documents folder)".to_owned(),
                |p| p.display().to_string()
            )
        );
        dialog.hint = Some(self.lang.t(text::FIRST_RUN_OFFER).to_owned());
        self.new_workspace = Some(dialog);
    }

    /// Creates the workspace the "new workspace" dialog describes and opens it; on failure
    /// the dialog stays open and says why.
    fn create_new_workspace(&mut self) {
        // Checked before anything is created: the new one then opens for sure.
        if self.new_workspace.is_none() || self.busy() || !self.ready_to_leave() {
            return;
        }
        let Some(dialog) = self.new_workspace.as_mut() else {
            return;
        };
        let lang = self.lang;
        let Some(dir) = dialog.target() else {
            dialog.error = Some(lang.t(text::NEW_WORKSPACE_NO_FOLDER).to_owned());
            return;
        };
        if let Some(temp) = &self.refuse_temp
            && crate::app::shell::is_temporary(&dir, temp)
        {
            dialog.error = Some(lang.t(text::TEMP_FOLDER_REFUSED).to_owned());
            return;
        }
        match crate::app::new_workspace::create_workspace(&dir, &dialog.spec) {
            Ok(()) => {
                let officer = dialog.spec.officer.trim().to_owned();
                self.new_workspace = None;
                if self.officer.trim().is_empty() && !officer.is_empty() {
                    self.officer = officer;
                }
                self.open_workspace_then(&dir, super::AfterOpen::Created);
            }
            Err(err) => dialog.error = Some(crate::say::create_error(&err, lang)),
        }
    }

    /// The "new workspace" dialog, when open, and what its answer asks for.
    pub(super) fn new_workspace_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.new_workspace.as_mut() else {
            return;
        };
        match dialog_ui(ctx, dialog, self.lang) {
            Some(Answer::Create) => self.create_new_workspace(),
            Some(Answer::ChooseFolder) => {
                if let Some(dir) = self.pick_folder_or_say()
                    && let Some(dialog) = self.new_workspace.as_mut()
                {
                    dialog.folder = Some(dir);
                    dialog.error = None;
                }
            }
            Some(Answer::Cancel) => self.new_workspace = None,
            None => {}
        }
    }
}
