//! The bundle dialogs: the verification result and the receive preview.

use egui::RichText;

use super::{ReceiveDialog, VerifyDialog};
use crate::app::AppState;
use crate::app::exchange::ImportPreview;
use crate::domain::exchange::Manifest;
use crate::domain::merge::Part;
use crate::domain::model::{Product, WorkspaceKind};
use crate::text::{self, Lang};
use crate::ui::{theme, widgets};

/// "from the producer HTX … (Ma Thị Hoa), 28/11/2026 09:14, máy DESKTOP-…".
fn origin_line(manifest: &Manifest, lang: Lang) -> String {
    let computer = if manifest.computer.is_empty() {
        String::new()
    } else {
        format!(" · {} {}", lang.t(text::CONFLICT_DEVICE), manifest.computer)
    };
    format!(
        "{}: {} {} · {} · {}{computer}",
        lang.t(text::IMPORT_FROM),
        text::made_in(manifest.made_in, lang),
        if manifest.workspace.is_empty() {
            &manifest.producer
        } else {
            &manifest.workspace
        },
        manifest.made_by,
        manifest.made_at.format("%d/%m/%Y %H:%M")
    )
}

/// "sửa lần cuối Nguyễn Văn An, 05/12/2026 10:14" from a product's history.
fn last_edit_line(product: &crate::domain::model::Product, lang: Lang) -> String {
    product.history.last().map_or_else(
        || "—".to_owned(),
        |e| {
            format!(
                "{} {}, {}",
                lang.t(text::CONFLICT_LAST_EDIT),
                e.by,
                e.at.format("%d/%m/%Y %H:%M")
            )
        },
    )
}

/// A part's value in words ("—" when empty); an answer names its option and points.
fn value_of(
    state: &AppState,
    part: &crate::domain::merge::Part,
    product: &crate::domain::model::Product,
    lang: Lang,
) -> String {
    // The preview compares versions with the same applications (or product-level parts
    // only: `domain::exchange`), so each is compared at its own current application.
    let plain = crate::ui::conflict::part_value(part, product, product, state.catalog(), lang);
    if plain.trim().is_empty() {
        "—".to_owned()
    } else {
        plain
    }
}

/// The verification result; true when closed.
pub(super) fn verify_dialog_ui(ctx: &egui::Context, dialog: &VerifyDialog, lang: Lang) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("bundle-verify")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(lang.t(text::BUNDLE_VERIFY).trim_end_matches('…'));
        match &dialog.result {
            Ok(verified) => {
                let m = &verified.manifest;
                ui.label(RichText::new(format!("{} · {}", m.product_name, m.producer)).strong());
                ui.label(origin_line(m, lang));
                if verified.problems.is_empty() {
                    ui.colored_label(theme::ok(), format!("✔ {}", lang.t(text::BUNDLE_SOUND)));
                    ui.label(format!("{} {}", m.files.len(), lang.t(text::FILES)));
                } else {
                    ui.colored_label(
                        theme::error(),
                        format!(
                            "✖ {} ({})",
                            lang.t(text::BUNDLE_HAS_PROBLEMS),
                            verified.problems.len()
                        ),
                    );
                    egui::ScrollArea::vertical()
                        .max_height(280.0)
                        .show(ui, |ui| {
                            for problem in &verified.problems {
                                ui.label(format!("• {}", text::problem(problem, lang)));
                            }
                        });
                }
            }
            Err(message) => {
                ui.colored_label(theme::error(), format!("✖ {message}"));
                if !dialog.path.as_os_str().is_empty() {
                    ui.label(dialog.path.display().to_string());
                }
            }
        }
        if ui.button(lang.t(text::CLOSE)).clicked() {
            close = true;
        }
    });
    close
}

/// The import preview: Some(true) confirmed, Some(false) cancelled.
pub(super) fn receive_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    dialog: &mut ReceiveDialog,
    lang: Lang,
) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("bundle-receive")).show(ctx, |ui| {
        ui.set_max_width(760.0);
        receive_summary_ui(ui, state, &dialog.preview, lang);
        let toggled = receive_parts_ui(ui, state, &dialog.preview, lang);
        apply_toggles(&mut dialog.preview.take, toggled);
        if state.workspace().info.kind == WorkspaceKind::Commune {
            receipt_ui(ui, dialog, lang);
        }
        answer = receive_buttons_ui(ui, dialog, lang);
    });
    answer
}

/// The top of the import preview: the product, where the bundle comes from, what the
/// import does in a word, the remarks that come in, and the last edit here.
fn receive_summary_ui(ui: &mut egui::Ui, state: &AppState, preview: &ImportPreview, lang: Lang) {
    let manifest = &preview.bundle.manifest;
    ui.heading(lang.t(text::IMPORT_TITLE));
    ui.label(
        RichText::new(format!(
            "{} · {}",
            preview.plan.product.name, manifest.producer
        ))
        .strong(),
    );
    ui.label(origin_line(manifest, lang));
    ui.colored_label(theme::ok(), format!("✔ {}", lang.t(text::BUNDLE_SOUND)));
    ui.separator();
    if preview.plan.is_new {
        ui.label(lang.t(text::IMPORT_NEW_PRODUCT));
    } else if preview.plan.changes.is_empty() && preview.plan.remarks_in.is_empty() {
        ui.label(lang.t(text::IMPORT_NO_CHANGES));
    }
    // The other side's remarks that come in (merged by rule, never a choice).
    if !preview.plan.remarks_in.is_empty() {
        incoming_remarks_ui(ui, state, preview, lang);
    }
    // Whose version each side is: the last edit here, and who made the bundle, on
    // which computer, when.
    if let Some(local) = preview.local.as_ref().filter(|p| !p.history.is_empty()) {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                lang.t(text::IMPORT_HERE),
                last_edit_line(local, lang)
            ))
            .color(theme::muted()),
        );
    }
}

/// The other side's remarks that come in with the bundle: a count and the first five.
fn incoming_remarks_ui(ui: &mut egui::Ui, state: &AppState, preview: &ImportPreview, lang: Lang) {
    ui.label(
        RichText::new(format!(
            "{} ({})",
            lang.t(text::REMARKS_NEW_FROM_BUNDLE),
            preview.plan.remarks_in.len()
        ))
        .strong(),
    );
    for remark in preview.plan.remarks_in.iter().take(5) {
        let about = match &remark.about {
            crate::domain::remarks::RemarkAbout::Product => lang.t(text::ABOUT_PRODUCT).to_owned(),
            crate::domain::remarks::RemarkAbout::Document(key) => {
                text::document_name(state.catalog(), &preview.plan.product, key, lang)
            }
            crate::domain::remarks::RemarkAbout::Criterion(key) => {
                format!("{} {key}", lang.t(text::ABOUT_CRITERION))
            }
        };
        let withdrawn = if remark.withdrawn {
            format!(" ({})", lang.t(text::REMARK_WITHDRAWN))
        } else {
            String::new()
        };
        ui.label(format!(
            "✎ {} · {about}: {}{withdrawn}",
            text::side_name(remark.side, lang),
            remark.text
        ));
    }
    if preview.plan.remarks_in.len() > 5 {
        ui.label(format!("… {}", preview.plan.remarks_in.len() - 5));
    }
}

/// The parts that change and the parts kept here, in a scroll area; returns the kept
/// parts whose "take the bundle's" box was toggled this frame.
fn receive_parts_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &ImportPreview,
    lang: Lang,
) -> Vec<Part> {
    let before = preview.local.as_ref();
    let after = &preview.plan.product;
    let mut toggled: Vec<Part> = Vec::new();
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            if let Some(before) = before {
                if !preview.plan.changes.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{} ({})",
                            lang.t(text::IMPORT_CHANGES),
                            preview.plan.changes.len()
                        ))
                        .strong(),
                    );
                    part_rows_ui(ui, state, lang, &preview.plan.changes, before, after, None);
                }
                if !preview.plan.kept.is_empty() {
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!(
                            "{} ({})",
                            lang.t(text::IMPORT_KEPT),
                            preview.plan.kept.len()
                        ))
                        .strong(),
                    );
                    ui.label(
                        RichText::new(lang.t(text::IMPORT_KEPT_EXPLAIN))
                            .small()
                            .color(theme::muted()),
                    );
                    part_rows_ui(
                        ui,
                        state,
                        lang,
                        &preview.plan.kept,
                        after,
                        &preview.bundle.product,
                        Some((&preview.take, &mut toggled)),
                    );
                }
            }
        });
    toggled
}

/// One row per part: its name, its value here (`left`) and in the bundle (`right`); with
/// `take` (the parts chosen from the bundle, and where to note a toggle), a box to take
/// the bundle's version.
fn part_rows_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    lang: Lang,
    parts: &[Part],
    left: &Product,
    right: &Product,
    mut take: Option<(&[Part], &mut Vec<Part>)>,
) {
    for part in parts {
        ui.label(RichText::new(crate::ui::conflict::part_name(part, state, right, lang)).strong());
        for (side, product) in [(text::IMPORT_HERE, left), (text::IMPORT_IN_BUNDLE, right)] {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{}:", lang.t(side))).color(theme::muted()));
                ui.label(value_of(state, part, product, lang));
            });
        }
        // What stays here by rule can still be taken from the bundle, by choice.
        if let Some((taken, toggles)) = take.as_mut() {
            let mut chosen = taken.contains(part);
            if ui
                .checkbox(&mut chosen, lang.t(text::IMPORT_TAKE_THEIRS))
                .changed()
            {
                toggles.push(part.clone());
            }
        }
        ui.add_space(4.0);
    }
}

/// Flips each of `toggled` in `take`: removed when there, added when not.
fn apply_toggles(take: &mut Vec<Part>, toggled: Vec<Part>) {
    for part in toggled {
        if let Some(at) = take.iter().position(|p| *p == part) {
            take.remove(at);
        } else {
            take.push(part);
        }
    }
}

/// A commune's receipt: whether to record it, the date already recorded, and the date.
fn receipt_ui(ui: &mut egui::Ui, dialog: &mut ReceiveDialog, lang: Lang) {
    ui.separator();
    ui.checkbox(
        &mut dialog.record_receipt,
        lang.t(text::IMPORT_RECORD_RECEIPT),
    );
    if let Some(date) = dialog
        .preview
        .local
        .as_ref()
        .and_then(|p| p.current())
        .and_then(|a| a.dates.received_by_commune)
    {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                lang.t(text::IMPORT_ALREADY_RECEIVED),
                lang.date(date)
            ))
            .color(theme::muted()),
        );
    }
    if dialog.record_receipt
        && let Some(widgets::DateEdit::Set(date)) = widgets::date_field(
            ui,
            "receive-date",
            lang.t(text::IMPORT_RECEIVED_ON),
            dialog.received,
            lang,
            true,
        )
    {
        dialog.received = date;
    }
}

/// Confirm (once a receipt to record has its date) and Cancel: Some(true) confirmed,
/// Some(false) cancelled, None neither clicked.
fn receive_buttons_ui(ui: &mut egui::Ui, dialog: &ReceiveDialog, lang: Lang) -> Option<bool> {
    let mut answer = None;
    ui.horizontal(|ui| {
        let ready = !dialog.record_receipt || dialog.received.is_some();
        if ui
            .add_enabled(ready, egui::Button::new(lang.t(text::IMPORT_CONFIRM)))
            .clicked()
        {
            answer = Some(true);
        }
        if ui.button(lang.t(text::CANCEL)).clicked() {
            answer = Some(false);
        }
    });
    answer
}
