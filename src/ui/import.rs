//! The import preview: which sheet, where its header is, the column of each field with how
//! sure the guess is, the rows that will be added (with the scoring set proposed for rows
//! whose list gives none, changeable per row or for all), the rows naming a product the
//! workspace has (skip, update its certificate, or add), rows with problems and rows
//! skipped as not products. Nothing changes until the officer confirms; the import is
//! then one command ([`crate::command::Command::ImportProducts`]).

use egui::RichText;

use crate::app::AppState;
use crate::app::spreadsheet::{DuplicateChoice, ImportSheet, SheetChoice, name_and_producer};
use crate::domain::catalog::Catalog;
use crate::domain::spreadsheet::{Confidence, ImportField, ImportPreview, ImportRow};

use super::text::{self, Lang};
use super::{UiAction, theme, widgets};

/// Rows listed per section; the rest are counted ("and 120 more rows").
const LISTED_ROWS: usize = 200;
/// Rows to add up to which their list is shown open.
const SHOWN_OPEN: usize = 40;

/// State of the import dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportDialog {
    /// The file read and the officer's choices.
    pub file: ImportSheet,
    /// What the import would do with the current choices.
    pub preview: ImportPreview,
}

impl ImportDialog {
    /// A dialog for `file`, previewed against `state`.
    pub fn new(file: ImportSheet, state: &AppState) -> Self {
        let preview = file.preview(&state.known_products(), state.catalog());
        ImportDialog { file, preview }
    }

    /// Products the import adds, and existing ones it updates, with the current choices.
    pub fn counts(&self) -> (usize, usize) {
        let choice = |c| {
            self.preview
                .existing
                .iter()
                .filter(|d| self.file.duplicate_choice(d.row.at) == c)
                .count()
        };
        (
            self.preview.good.len() + choice(DuplicateChoice::AddNew),
            choice(DuplicateChoice::UpdateCertificate),
        )
    }
}

/// What changed in the dialog this frame.
#[derive(Default)]
struct Changes {
    /// The sheets or columns: the preview is computed again.
    mapping: bool,
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
    let mut changes = Changes::default();
    egui::Modal::new(egui::Id::unique("import-products")).show(ctx, |ui| {
        // A fixed width: wrapped rows laid out against the last frame's size would move
        // the centred dialog from frame to frame.
        ui.set_width(ui.ctx().content_rect().width().clamp(600.0, 980.0) - 40.0);
        ui.heading(lang.t(text::XL_IMPORT_TITLE));
        ui.label(format!(
            "{}: {}",
            lang.t(text::XL_IMPORT_FILE),
            dialog.file.path.display()
        ));
        sheets_ui(ui, &mut dialog.file, lang, &mut changes);
        ui.add_space(4.0);
        ui.strong(lang.t(text::XL_IMPORT_MAPPING));
        mapping_ui(ui, &mut dialog.file, lang, &mut changes);
        ui.separator();
        let (added, updated) = dialog.counts();
        if dialog.file.has_required() {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("{added} {}", lang.t(text::XL_IMPORT_WILL_ADD)))
                        .color(theme::ok())
                        .strong(),
                );
                if updated > 0 {
                    ui.label(
                        RichText::new(format!(
                            "· {updated} {}",
                            lang.t(text::XL_IMPORT_WILL_UPDATE)
                        ))
                        .color(theme::ok()),
                    );
                }
            });
        } else {
            ui.colored_label(
                theme::error(),
                text::import_missing_columns(&dialog.file.missing_required(), lang, true),
            );
        }
        // The rows scroll; everything else stays in view, also in a 700-pixel window.
        let rows_height = (ui.ctx().content_rect().height() - 520.0).clamp(140.0, 320.0);
        egui::ScrollArea::vertical()
            .max_height(rows_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                rows_ui(ui, dialog, state.catalog(), lang);
            });
        ui.separator();
        ui.label(RichText::new(lang.t(text::XL_IMPORT_ONLY_GOOD)).color(theme::muted()));
        // Under its own id: the rows above vary, the buttons' ids must not.
        ui.push_id("import-buttons", |ui| {
            ui.horizontal(|ui| {
                let total = added + updated;
                let can_import = total > 0 && dialog.file.has_required() && !state_locked(state);
                if ui
                    .add_enabled(
                        can_import,
                        egui::Button::new(format!("{} {total}", lang.t(text::XL_IMPORT_CONFIRM))),
                    )
                    .clicked()
                {
                    actions.push(UiAction::ConfirmImport(Box::new(dialog.clone())));
                    close = true;
                }
                if ui.button(lang.t(text::CANCEL)).clicked() {
                    close = true;
                }
            })
        });
    });
    if changes.mapping {
        dialog.preview = dialog
            .file
            .preview(&state.known_products(), state.catalog());
    }
    close
}

/// The sheet chooser (a workbook with several sheets) and where the header was found.
fn sheets_ui(ui: &mut egui::Ui, file: &mut ImportSheet, lang: Lang, changes: &mut Changes) {
    if file.tables.len() > 1 {
        ui.horizontal(|ui| {
            let label = ui.label(lang.t(text::XL_IMPORT_SHEET));
            let shown = match file.choice {
                SheetChoice::One(i) => file.sheet_name(i).to_owned(),
                SheetChoice::All => lang.t(text::XL_IMPORT_ALL_SHEETS).to_owned(),
            };
            let mut chosen = file.choice;
            egui::ComboBox::from_id_salt("import-sheet")
                .selected_text(shown)
                .width(300.0)
                .show_ui(ui, |ui| {
                    for i in 0..file.tables.len() {
                        let name = file.sheet_name(i).to_owned();
                        ui.selectable_value(&mut chosen, SheetChoice::One(i), name);
                    }
                    ui.selectable_value(
                        &mut chosen,
                        SheetChoice::All,
                        lang.t(text::XL_IMPORT_ALL_SHEETS),
                    );
                })
                .response
                .labelled_by(label.id);
            if chosen != file.choice {
                file.choose_sheets(chosen);
                changes.mapping = true;
            }
            if file.choice == SheetChoice::All {
                let label = ui.label(lang.t(text::XL_IMPORT_COLUMNS_OF));
                let mut editing = file.editing;
                egui::ComboBox::from_id_salt("import-sheet-columns")
                    .selected_text(file.sheet_name(editing).to_owned())
                    .show_ui(ui, |ui| {
                        for i in file.chosen() {
                            let name = file.sheet_name(i).to_owned();
                            ui.selectable_value(&mut editing, i, name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                file.editing = editing;
            }
        });
    }
    let layout = file.layout_line(file.editing, lang);
    ui.label(RichText::new(layout.trim_end_matches(':')).color(theme::muted()));
}

/// Short words for how sure a column is, and the hover text.
fn confidence_badge(ui: &mut egui::Ui, confidence: Option<Confidence>, lang: Lang) {
    let Some(confidence) = confidence else {
        ui.label("");
        return;
    };
    let (short, color) = match confidence {
        Confidence::Exact => ("✓", theme::ok()),
        Confidence::Words => ("?", theme::warn()),
        Confidence::Chosen => ("✎", theme::muted()),
    };
    let long = lang.t(text::confidence_name(confidence));
    ui.label(
        RichText::new(format!("{short} {long}"))
            .color(color)
            .small(),
    );
}

/// One combo box per field (two fields a line), with how sure each guess is.
fn mapping_ui(ui: &mut egui::Ui, file: &mut ImportSheet, lang: Lang, changes: &mut Changes) {
    let Some(table) = file.table_mut() else {
        return;
    };
    let headers = table.headers();
    egui::Grid::new("import-mapping")
        .num_columns(6)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (i, field) in ImportField::ALL.into_iter().enumerate() {
                let name = if field == ImportField::Name {
                    format!(
                        "{} ({})",
                        lang.t(text::import_field_name(field)),
                        lang.t(text::XL_IMPORT_REQUIRED)
                    )
                } else {
                    lang.t(text::import_field_name(field)).to_owned()
                };
                let label = ui.label(name);
                let current = table.mapping.get(&field).copied();
                let shown = current
                    .and_then(|c| headers.get(c).cloned())
                    .unwrap_or_else(|| lang.t(text::XL_IMPORT_NOT_USED).to_owned());
                let mut chosen = current;
                egui::ComboBox::from_id_salt(("import-field", i))
                    .selected_text(shown)
                    .width(200.0)
                    .truncate()
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, lang.t(text::XL_IMPORT_NOT_USED));
                        for (col, header) in headers.iter().enumerate() {
                            ui.selectable_value(&mut chosen, Some(col), header);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                confidence_badge(ui, table.confidence.get(&field).copied(), lang);
                if chosen != current {
                    table.choose(field, chosen);
                    changes.mapping = true;
                }
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}

/// The sections of rows: to add, already there, with problems, skipped, to check.
fn rows_ui(ui: &mut egui::Ui, dialog: &mut ImportDialog, catalog: &Catalog, lang: Lang) {
    let ImportDialog { file, preview } = dialog;
    if !preview.good.is_empty() {
        let good = preview.good.len();
        if preview.good.iter().any(|r| r.scoring_set.is_none()) {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(lang.t(text::XL_IMPORT_SETS)).strong());
                if ui.button(lang.t(text::XL_IMPORT_USE_PROPOSALS)).clicked() {
                    file.set_choices.clear();
                }
                if ui.button(lang.t(text::XL_IMPORT_NO_SETS)).clicked() {
                    for row in preview.good.iter().filter(|r| r.scoring_set.is_none()) {
                        file.set_choices.insert(row.at, None);
                    }
                }
            });
        }
        // A short list is shown open; a long one (a province's list) when asked.
        egui::CollapsingHeader::new(format!("{} ({good})", lang.t(text::XL_IMPORT_GOOD_ROWS)))
            .default_open(good <= SHOWN_OPEN)
            .show(ui, |ui| {
                for row in preview.good.iter().take(LISTED_ROWS) {
                    good_row_ui(ui, file, row, catalog, lang);
                }
                more(ui, preview.good.len(), lang);
            });
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
        for duplicate in preview.existing.iter().take(LISTED_ROWS) {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(format!(
                    "{}: {} · {} {} ({}: {})",
                    file.row_label(duplicate.row.at, lang),
                    name_and_producer(&duplicate.row.name, &duplicate.row.producer),
                    lang.t(text::XL_IMPORT_IN_WORKSPACE),
                    duplicate.existing,
                    lang.t(text::FIELD_PRODUCER).to_lowercase(),
                    duplicate.existing_producer,
                ));
                let current = file.duplicate_choice(duplicate.row.at);
                let mut chosen = current;
                let name = |c| {
                    lang.t(match c {
                        DuplicateChoice::Skip => text::XL_IMPORT_SKIP,
                        DuplicateChoice::UpdateCertificate => text::XL_IMPORT_UPDATE_CERT,
                        DuplicateChoice::AddNew => text::XL_IMPORT_ADD_NEW,
                    })
                };
                egui::ComboBox::from_id_salt(("import-duplicate", duplicate.row.at))
                    .selected_text(name(current))
                    .show_ui(ui, |ui| {
                        for c in [
                            DuplicateChoice::Skip,
                            DuplicateChoice::UpdateCertificate,
                            DuplicateChoice::AddNew,
                        ] {
                            ui.selectable_value(&mut chosen, c, name(c));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if chosen != current {
                    file.duplicate_choices.insert(duplicate.row.at, chosen);
                }
            });
        }
        more(ui, preview.existing.len(), lang);
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
        for (at, problems) in rows.iter().take(LISTED_ROWS) {
            ui.colored_label(
                theme::error(),
                format!(
                    "{}: {}",
                    file.row_label(*at, lang),
                    file.problems_text(*at, problems, lang)
                ),
            );
        }
        more(ui, rows.len(), lang);
    }
    if !preview.warnings.is_empty() {
        ui.label(
            RichText::new(lang.t(text::XL_IMPORT_WARNINGS))
                .color(theme::warn())
                .strong(),
        );
        for (at, warning) in preview.warnings.iter().take(LISTED_ROWS) {
            ui.label(format!(
                "{}: {}",
                file.row_label(*at, lang),
                text::import_warning(warning, lang)
            ));
        }
    }
    if !preview.skipped.is_empty() {
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            lang.t(text::XL_IMPORT_SKIPPED),
            preview.skipped.len()
        ))
        .show(ui, |ui| {
            for (at, reason) in preview.skipped.iter().take(LISTED_ROWS) {
                ui.label(
                    RichText::new(format!(
                        "{}: {}",
                        file.row_label(*at, lang),
                        text::import_skip_reason(*reason, lang)
                    ))
                    .color(theme::muted()),
                );
            }
            more(ui, preview.skipped.len(), lang);
        });
    }
}

/// A row to add: its name and producer, and the set it gets (a picker for rows whose list
/// gives none, the proposal's reason beside it).
fn good_row_ui(
    ui: &mut egui::Ui,
    file: &mut ImportSheet,
    row: &ImportRow,
    catalog: &Catalog,
    lang: Lang,
) {
    ui.horizontal_wrapped(|ui| {
        let star = row
            .certificate
            .as_ref()
            .map(|c| format!(" · {}★ {}", c.star, c.number))
            .unwrap_or_default();
        let label = ui.label(format!(
            "{}: {}{star}",
            file.row_label(row.at, lang),
            name_and_producer(&row.name, &row.producer)
        ));
        if let Some(set) = row.scoring_set {
            ui.label(RichText::new(widgets::set_label(set, catalog, lang)).color(theme::muted()));
            return;
        }
        let current = file.set_for(row);
        let mut chosen = current.unwrap_or(crate::domain::criteria::NO_SET);
        egui::ComboBox::from_id_salt(("import-set", row.at))
            .selected_text(widgets::set_label(chosen, catalog, lang))
            .width(260.0)
            .truncate()
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut chosen,
                    crate::domain::criteria::NO_SET,
                    lang.t(text::XL_IMPORT_NOT_CHOSEN),
                );
                for number in crate::domain::criteria::SETS {
                    ui.selectable_value(
                        &mut chosen,
                        number,
                        widgets::set_label(number, catalog, lang),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        let chosen = crate::domain::criteria::chosen_set(chosen);
        if chosen != current {
            file.set_choices.insert(row.at, chosen);
        }
        let reason = match &row.proposal {
            Some(p) => format!(
                "{} {}: {}",
                lang.t(text::XL_IMPORT_PROPOSED),
                p.set,
                text::proposal_reason(&p.reason, lang)
            ),
            None => lang.t(text::XL_IMPORT_NO_PROPOSAL).to_owned(),
        };
        ui.label(RichText::new(reason).color(theme::muted()).small());
    });
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
