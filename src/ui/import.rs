//! The import preview: the column mapping (one combo box per field, guessed from the
//! headers), the rows that will be added, the rows with problems (row number and reason)
//! and the products already there. Nothing changes until the officer confirms; the
//! import is then one command ([`crate::command::Command::ImportProducts`]).

use egui::RichText;

use crate::app::AppState;
use crate::app::spreadsheet::ImportSheet;
use crate::domain::spreadsheet::{ImportField, ImportPreview};

use super::text::{self, Lang};
use super::{UiAction, theme};

/// Rows listed per section; the rest are counted ("and 120 more rows").
const LISTED_ROWS: usize = 200;

/// State of the import dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportDialog {
    /// The file read and its mapping.
    pub file: ImportSheet,
    /// What the import would do with the current mapping.
    pub preview: ImportPreview,
}

impl ImportDialog {
    /// A dialog for `file`, previewed against `state`.
    pub fn new(file: ImportSheet, state: &AppState) -> Self {
        let preview = file.preview(state.workspace());
        ImportDialog { file, preview }
    }
}

/// Draws the dialog; returns true when it should close.
pub fn import_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    dialog: &mut ImportDialog,
    lang: Lang,
    actions: &mut Vec<UiAction>,
) -> bool {
    let mut close = false;
    let mut changed = false;
    egui::Modal::new(egui::Id::unique("import-products")).show(ctx, |ui| {
        ui.set_max_width(760.0);
        ui.heading(lang.t(text::XL_IMPORT_TITLE));
        ui.label(format!(
            "{}: {}",
            lang.t(text::XL_IMPORT_FILE),
            dialog.file.path.display()
        ));
        ui.add_space(4.0);
        ui.strong(lang.t(text::XL_IMPORT_MAPPING));
        let headers = dialog.file.headers();
        egui::Grid::new("import-mapping")
            .num_columns(4)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for (i, field) in ImportField::ALL.into_iter().enumerate() {
                    let required = matches!(field, ImportField::Name | ImportField::ScoringSet);
                    let name = if required {
                        format!(
                            "{} ({})",
                            lang.t(text::import_field_name(field)),
                            lang.t(text::XL_IMPORT_REQUIRED)
                        )
                    } else {
                        lang.t(text::import_field_name(field)).to_owned()
                    };
                    let label = ui.label(name);
                    let current = dialog.file.mapping.get(&field).copied();
                    let shown = current
                        .and_then(|c| headers.get(c).cloned())
                        .unwrap_or_else(|| lang.t(text::XL_IMPORT_NOT_USED).to_owned());
                    let mut chosen = current;
                    egui::ComboBox::from_id_salt(("import-field", i))
                        .selected_text(shown)
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(
                                &mut chosen,
                                None,
                                lang.t(text::XL_IMPORT_NOT_USED),
                            );
                            for (col, header) in headers.iter().enumerate() {
                                ui.selectable_value(&mut chosen, Some(col), header);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if chosen != current {
                        // A column serves one field: taking it from another field frees it there.
                        match chosen {
                            Some(col) => {
                                dialog.file.mapping.retain(|_, c| *c != col);
                                dialog.file.mapping.insert(field, col);
                            }
                            None => {
                                dialog.file.mapping.remove(&field);
                            }
                        }
                        changed = true;
                    }
                    if i % 2 == 1 {
                        ui.end_row();
                    }
                }
            });
        ui.separator();
        let preview = &dialog.preview;
        let good = preview.good.len();
        if dialog.file.has_required() {
            ui.label(
                RichText::new(format!("{good} {}", lang.t(text::XL_IMPORT_WILL_ADD)))
                    .color(theme::ok())
                    .strong(),
            );
        } else {
            ui.colored_label(
                theme::error(),
                text::import_missing_columns(&dialog.file.missing_required(), lang, true),
            );
        }
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if !preview.good.is_empty() {
                    ui.collapsing(
                        format!("{} ({good})", lang.t(text::XL_IMPORT_GOOD_ROWS)),
                        |ui| {
                            for row in preview.good.iter().take(LISTED_ROWS) {
                                let star = row
                                    .certificate
                                    .as_ref()
                                    .map(|c| format!(" · {}★ {}", c.star, c.number))
                                    .unwrap_or_default();
                                ui.label(format!(
                                    "{} {}: {} — {}{star}",
                                    lang.t(text::XL_IMPORT_ROW),
                                    row.row_number,
                                    row.name,
                                    row.producer
                                ));
                            }
                            more(ui, preview.good.len(), lang);
                        },
                    );
                }
                if !preview.bad.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{} ({})",
                            lang.t(text::XL_IMPORT_BAD_ROWS),
                            preview.bad_rows()
                        ))
                        .color(theme::error())
                        .strong(),
                    );
                    let rows = preview.bad_by_row();
                    for (row, problems) in rows.iter().take(LISTED_ROWS) {
                        ui.colored_label(
                            theme::error(),
                            format!(
                                "{} {row}: {}",
                                lang.t(text::XL_IMPORT_ROW),
                                text::import_problems(problems, lang)
                            ),
                        );
                    }
                    more(ui, rows.len(), lang);
                }
                if !preview.existing.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{} ({})",
                            lang.t(text::XL_IMPORT_EXISTING),
                            preview.existing.len()
                        ))
                        .color(theme::warn())
                        .strong(),
                    );
                    for (row, name, _) in preview.existing.iter().take(LISTED_ROWS) {
                        ui.label(format!("{} {row}: {name}", lang.t(text::XL_IMPORT_ROW)));
                    }
                    more(ui, preview.existing.len(), lang);
                }
            });
        ui.separator();
        ui.label(RichText::new(lang.t(text::XL_IMPORT_ONLY_GOOD)).color(theme::muted()));
        ui.horizontal(|ui| {
            let can_import = good > 0 && dialog.file.has_required() && !state_locked(state);
            if ui
                .add_enabled(
                    can_import,
                    egui::Button::new(format!("{} {good}", lang.t(text::XL_IMPORT_CONFIRM))),
                )
                .clicked()
            {
                actions.push(UiAction::ConfirmImport(Box::new(dialog.clone())));
                close = true;
            }
            if ui.button(lang.t(text::CANCEL)).clicked() {
                close = true;
            }
        });
    });
    if changed {
        dialog.preview = dialog.file.preview(state.workspace());
    }
    close
}

fn state_locked(state: &AppState) -> bool {
    state.workspace_locked().is_some()
}

/// "… and 120 more rows" under a list cut at [`LISTED_ROWS`].
fn more(ui: &mut egui::Ui, total: usize, lang: Lang) {
    if total > LISTED_ROWS {
        ui.label(
            RichText::new(format!(
                "… {} {} {}",
                lang.t(text::XL_IMPORT_MORE),
                total - LISTED_ROWS,
                lang.t(text::XL_IMPORT_MORE_ROWS)
            ))
            .color(theme::muted()),
        );
    }
}
