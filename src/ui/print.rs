//! The dossier-to-print dialog (issue 24): which documents of the dossier list go into
//! the PDF (the ready ones of this side by default; a commune forwarding a dossier prints
//! the producer's too) and whether each starts on a right-hand page for two-sided
//! printing. "Export…" asks where and writes on a task (progress, Cancel).

use egui::RichText;

use crate::app::print::PrintRequest;
use crate::domain::model::ProductId;

use super::text::{self, Lang};
use super::{UiAction, theme};

/// The dialog's state: the request with the officer's choices.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintDialog {
    pub id: ProductId,
    pub request: PrintRequest,
}

/// Draws the dialog; returns true when it should close.
pub fn print_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut PrintDialog,
    lang: Lang,
    task_running: bool,
    actions: &mut Vec<UiAction>,
) -> bool {
    let mut close = false;
    let mut export = false;
    egui::Modal::new(egui::Id::unique("print-dossier")).show(ctx, |ui| {
        ui.set_width(ui.ctx().content_rect().width().clamp(420.0, 720.0) - 40.0);
        ui.heading(lang.t(text::PRINT_DIALOG_TITLE));
        ui.label(RichText::new(lang.t(text::PRINT_DIALOG_HINT)).color(theme::muted()));
        ui.add_space(4.0);
        let height = (ui.ctx().content_rect().height() - 260.0).clamp(160.0, 480.0);
        egui::ScrollArea::vertical()
            .max_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for document in &mut dialog.request.documents {
                    let files = document.attachments.len();
                    let name = lang.pick(&document.name_vi, &document.name_en);
                    let label = if document.typeset {
                        format!(
                            "{name} ({} + {files} {})",
                            lang.t(text::PRINT_TYPESET),
                            lang.t(text::FILES)
                        )
                    } else {
                        format!("{name} ({files} {})", lang.t(text::FILES))
                    };
                    ui.add_enabled(
                        files > 0 || document.typeset,
                        egui::Checkbox::new(&mut document.included, label),
                    );
                }
            });
        ui.separator();
        ui.checkbox(
            &mut dialog.request.odd_pages,
            lang.t(text::PRINT_DIALOG_ODD_PAGES),
        );
        let chosen = dialog
            .request
            .documents
            .iter()
            .filter(|d| d.included)
            .count();
        ui.horizontal(|ui| {
            if ui
                // While another task runs, the button waits (the choices stay).
                .add_enabled(
                    chosen > 0 && !task_running,
                    egui::Button::new(lang.t(text::PRINT_DIALOG_EXPORT)),
                )
                .clicked()
            {
                export = true;
            }
            if ui.button(lang.t(text::CANCEL)).clicked() {
                close = true;
            }
        });
    });
    if export {
        actions.push(UiAction::WriteDossier(Box::new(dialog.request.clone())));
        close = true;
    }
    close
}
