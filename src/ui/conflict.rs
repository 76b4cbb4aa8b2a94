//! Conflict copies on the product screen: a banner, and the comparison where the officer
//! keeps the current version, the copy, or both, part by part (`domain::merge`).

use std::collections::BTreeMap;

use egui::RichText;

use crate::app::AppState;
use crate::app::shell::ConflictCopy;
use crate::domain::history::Sheet;
use crate::domain::merge::{self, Keep, Part};
use crate::domain::model::Product;
use crate::domain::scoring::Answer;

use super::text::{self, Lang};
use super::{UiAction, theme};

/// The comparison being made (the copy is read once, when the comparison opens).
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictDialog {
    pub copy: ConflictCopy,
    /// The product as the copy has it.
    pub theirs: Box<Product>,
    /// The officer's choice per differing part (default: the current version).
    pub choices: BTreeMap<Part, Keep>,
}

/// A warning above the product when it has conflict copies, with the way to resolve.
pub fn banner_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    lang: Lang,
    actions: &mut Vec<UiAction>,
) {
    let copies = state.conflicts_of(&product.id);
    if copies.is_empty() {
        return;
    }
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, theme::warn()))
        .show(ui, |ui| {
            ui.label(RichText::new(lang.t(text::CONFLICT_BANNER)).color(theme::warn()));
            for copy in copies {
                ui.horizontal_wrapped(|ui| {
                    let name = copy
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    ui.label(format!(
                        "{} · {name}",
                        text::sync_tool_name(copy.tool, lang)
                    ));
                    if ui.button(lang.t(text::CONFLICT_OPEN)).clicked() {
                        actions.push(UiAction::OpenConflict(copy.clone()));
                    }
                });
            }
        });
    ui.add_space(6.0);
}

/// The name of a part, as the screens call it.
pub(crate) fn part_name(part: &Part, state: &AppState, product: &Product, lang: Lang) -> String {
    let doc = |key: &str| text::document_name(state.catalog(), product, key, lang);
    match part {
        Part::Text(field) => lang.t(text::text_field_name(*field)).to_owned(),
        Part::ProducerKind => lang.t(text::FIELD_PRODUCER_KIND).to_owned(),
        Part::ScoringSet => lang.t(text::FIELD_SET).to_owned(),
        Part::Process => lang.t(text::CONFLICT_PROCESS).to_owned(),
        Part::Applications => lang.t(text::CONFLICT_APPLICATIONS).to_owned(),
        Part::DocStatus(key) => format!("{} · {}", doc(key), lang.t(text::DOC_STATUS)),
        Part::DocNote(key) => format!("{} · {}", doc(key), lang.t(text::H_NOTE)),
        Part::DocDates(key) => format!(
            "{} · {} / {}",
            doc(key),
            lang.t(text::DOC_ISSUED),
            lang.t(text::DOC_VALID_UNTIL)
        ),
        Part::DocAttachments(key) => format!("{} · {}", doc(key), lang.t(text::H_ATTACHED)),
        Part::Answer(sheet, key) => {
            let criterion = product
                .current()
                .and_then(|a| {
                    state
                        .catalog()
                        .scoring_set(&a.rule_version, product.scoring_set)
                })
                .and_then(|set| set.criterion(key))
                .map_or_else(
                    || key.clone(),
                    |c| format!("{} {}", c.code, lang.pick(&c.name_vi, &c.name_en)),
                );
            format!("{} · {criterion}", lang.t(text::sheet_name(*sheet)))
        }
        Part::Eliminations(sheet) => format!(
            "{} · {}",
            lang.t(text::sheet_name(*sheet)),
            lang.t(text::CONFLICT_ELIMINATIONS)
        ),
        Part::SheetNotes(sheet) => format!(
            "{} · {}",
            lang.t(text::sheet_name(*sheet)),
            lang.t(text::CONFLICT_SHEET_NOTES)
        ),
        Part::Official => lang.t(text::H_OFFICIAL).to_owned(),
    }
}

/// A part's value on one side, in words.
/// `other` is the version it is compared with (an application's part shows the
/// application both have: `merge::compared_application`).
pub(crate) fn part_value(
    part: &Part,
    product: &Product,
    other: &Product,
    catalog: &crate::domain::catalog::Catalog,
    lang: Lang,
) -> String {
    let app = merge::compared_application(product, other);
    let entry = |key: &str| app.and_then(|a| a.dossier.iter().find(|e| e.key == key));
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_owned(), |d| lang.date(d));
    let sheet = |s: Sheet| {
        app.map(|a| match s {
            Sheet::SelfAssessment => &a.scores.self_assessment,
            Sheet::Commune => &a.scores.commune_view,
        })
    };
    match part {
        Part::Text(field) => merge::text_of(product, other, *field).to_owned(),
        Part::ProducerKind => lang
            .t(text::producer_kind_name(product.producer.kind))
            .to_owned(),
        Part::ScoringSet => product.scoring_set.to_string(),
        Part::Process => app.map_or_else(String::new, |a| {
            let certificate = a.certificate.as_ref().map_or_else(String::new, |c| {
                format!(" · {}★ {} {}", c.star, c.number, lang.date(c.issued_on))
            });
            format!("{}{certificate}", lang.t(text::stage_name(a.stage)))
        }),
        Part::Applications => product.applications.len().to_string(),
        Part::DocStatus(key) => entry(key).map_or_else(
            || "—".to_owned(),
            |e| lang.t(text::doc_status_name(e.status)).to_owned(),
        ),
        Part::DocNote(key) => entry(key).map_or_else(String::new, |e| e.note.clone()),
        Part::DocDates(key) => entry(key).map_or_else(String::new, |e| {
            format!("{} / {}", date(e.issued_on), date(e.valid_until))
        }),
        Part::DocAttachments(key) => entry(key).map_or_else(String::new, |e| {
            e.attachments
                .iter()
                .map(|a| a.file_name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        Part::Answer(s, key) => match sheet(*s).and_then(|sh| sh.answers.get(key)) {
            None => lang.t(text::UNANSWERED).to_owned(),
            Some(Answer::NotMet) => lang.t(text::NOT_MET).to_owned(),
            // The option as the sheet words it, with its points ("#3" meant nothing).
            Some(Answer::Chosen { option }) => app
                .and_then(|a| catalog.scoring_set(&a.rule_version, product.scoring_set))
                .and_then(|set| set.criterion(key))
                .and_then(|c| c.option(*option))
                .map_or_else(
                    || format!("{} {}", lang.t(text::OPTION_NUMBER), option + 1),
                    |o| {
                        format!(
                            "{} ({} {})",
                            lang.pick(&o.label_vi, &o.label_en),
                            o.points,
                            lang.t(text::POINTS_SHORT)
                        )
                    },
                ),
        },

        Part::Eliminations(s) => sheet(*s).map_or_else(String::new, |sh| {
            sh.eliminations_hit
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        }),
        Part::SheetNotes(s) => sheet(*s).map_or_else(String::new, |sh| {
            sh.notes
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        Part::Official => app.map_or_else(String::new, |a| {
            let o = &a.scores.official;
            format!(
                "{} · {} · {}",
                o.average_score
                    .map_or_else(|| "—".to_owned(), |s| format!("{s:.1}")),
                o.star.map_or_else(|| "—".to_owned(), |s| format!("{s}★")),
                date(o.date)
            )
        }),
    }
}

/// "Bản xung đột (Syncthing, máy ABCDEFG)": the tool, and the device Syncthing names in
/// the copy's file name (`….sync-conflict-20261205-101010-ABCDEFG.ron`).
fn copy_title(copy: &ConflictCopy, lang: Lang) -> String {
    let device = copy
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|stem| stem.split_once(".sync-conflict-"))
        .and_then(|(_, rest)| rest.rsplit('-').next())
        .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_alphanumeric()));
    match device {
        Some(device) => format!(
            "{} ({}, {} {device})",
            lang.t(text::CONFLICT_COPY),
            text::sync_tool_name(copy.tool, lang),
            lang.t(text::CONFLICT_DEVICE)
        ),
        None => format!(
            "{} ({})",
            lang.t(text::CONFLICT_COPY),
            text::sync_tool_name(copy.tool, lang)
        ),
    }
}

fn last_edit(product: &Product, lang: Lang) -> String {
    product.history.last().map_or_else(String::new, |e| {
        format!(
            " — {} {} {}",
            lang.t(text::CONFLICT_LAST_EDIT),
            e.by,
            e.at.format("%d/%m/%Y %H:%M")
        )
    })
}

/// The comparison dialog; returns true when it should close.
pub fn dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    dialog: &mut ConflictDialog,
    lang: Lang,
    actions: &mut Vec<UiAction>,
) -> bool {
    let Some(current) = state.workspace().products.get(&dialog.copy.of) else {
        return true;
    };
    let parts = merge::differences(current, &dialog.theirs);
    let mut close = false;
    let width = (ctx.content_rect().width() - 120.0).clamp(480.0, 1000.0);
    egui::Modal::new(egui::Id::unique("conflict-dialog")).show(ctx, |ui| {
        ui.set_width(width);
        ui.set_max_width(width);
        ui.heading(format!(
            "{}: {}",
            lang.t(text::CONFLICT_TITLE),
            current.name
        ));
        ui.label(format!(
            "{}{}",
            lang.t(text::CONFLICT_CURRENT),
            last_edit(current, lang)
        ));
        ui.label(format!(
            "{} ({}){}",
            lang.t(text::CONFLICT_COPY),
            text::sync_tool_name(dialog.copy.tool, lang),
            last_edit(&dialog.theirs, lang)
        ));
        ui.label(RichText::new(lang.t(text::CONFLICT_HISTORY_NOTE)).color(theme::muted()));
        ui.separator();
        if parts.is_empty() {
            ui.label(lang.t(text::CONFLICT_SAME));
        } else {
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for part in &parts {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            ui.set_width(width - 24.0);
                            ui.strong(part_name(part, state, current, lang));
                            ui.columns(2, |columns| {
                                for (column, (title, side)) in columns.iter_mut().zip([
                                    (text::CONFLICT_CURRENT, current),
                                    (text::CONFLICT_COPY, dialog.theirs.as_ref()),
                                ]) {
                                    // Whose version each column is: its last edit's
                                    // officer and time, and for the copy the tool (and
                                    // Syncthing's device) that made it.
                                    let whose = if std::ptr::eq(side, current) {
                                        lang.t(title).to_owned()
                                    } else {
                                        copy_title(&dialog.copy, lang)
                                    };
                                    column.label(
                                        RichText::new(format!("{whose}{}", last_edit(side, lang)))
                                            .color(theme::muted()),
                                    );
                                    let other = if std::ptr::eq(side, current) {
                                        &dialog.theirs
                                    } else {
                                        current
                                    };
                                    column.add(
                                        egui::Label::new(part_value(
                                            part,
                                            side,
                                            other,
                                            state.catalog(),
                                            lang,
                                        ))
                                        .wrap(),
                                    );
                                }
                            });
                            let keep = dialog.choices.entry(part.clone()).or_default();
                            ui.horizontal_wrapped(|ui| {
                                ui.label(lang.t(text::CONFLICT_KEEP));
                                ui.radio_value(
                                    keep,
                                    Keep::Current,
                                    lang.t(text::CONFLICT_KEEP_CURRENT),
                                );
                                ui.radio_value(keep, Keep::Copy, lang.t(text::CONFLICT_KEEP_COPY));
                                if part.can_keep_both() {
                                    ui.radio_value(
                                        keep,
                                        Keep::Both,
                                        lang.t(text::CONFLICT_KEEP_BOTH),
                                    );
                                }
                            });
                        });
                    }
                });
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(lang.t(text::CONFLICT_RESOLVE)).clicked() {
                actions.push(UiAction::ResolveConflict(Box::new(dialog.clone())));
                close = true;
            }
            if ui.button(lang.t(text::CONFLICT_LATER)).clicked() {
                close = true;
            }
        });
    });
    close
}
