//! Evidence attachments on a dossier document: thumbnail (images, decoded off the UI
//! thread by egui_extras' loaders and cached), name, size, dates, validity and integrity
//! badges, Open / Show in folder / Remove; plus the drop targets for files dragged onto
//! the window, and the import progress bar.

use egui::RichText;

use crate::app::shell::EvidenceStatus;
use crate::command::{Command, DocDateField};
use crate::domain::dossier::{Attachment, DossierEntry};
use crate::domain::model::{Product, ProductId};
use crate::jobs::ImportJob;

use super::context::ScreenCtx;
use super::text::{self, Lang};
use super::widgets::{self, DateEdit};
use super::{UiAction, theme};

/// Days before a valid-until date from which a document counts as "expiring".
pub use crate::domain::dossier::{Validity, validity};

/// A document area that accepts dropped files, recorded while drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct DropTarget {
    pub product: ProductId,
    /// Dossier document key.
    pub key: String,
    /// Screen area of the document.
    pub rect: egui::Rect,
}

fn targets_id() -> egui::Id {
    egui::Id::unique("evidence-drop-targets")
}

/// Records a document's area for this frame.
pub fn register_drop_target(ctx: &egui::Context, product: &ProductId, key: &str, rect: egui::Rect) {
    ctx.data_mut(|d| {
        let targets: &mut Vec<DropTarget> = d.get_temp_mut_or_default(targets_id());
        targets.push(DropTarget {
            product: product.clone(),
            key: key.to_owned(),
            rect,
        });
    });
}

/// Takes the drop targets recorded this frame (and clears them for the next).
pub fn take_drop_targets(ctx: &egui::Context) -> Vec<DropTarget> {
    ctx.data_mut(|d| d.remove_temp::<Vec<DropTarget>>(targets_id()))
        .unwrap_or_default()
}

/// "1,5 MB" in the user's language.
pub fn human_size(bytes: u64, lang: Lang) -> String {
    #[expect(clippy::cast_precision_loss, reason = "display only")]
    let b = bytes as f64;
    let (value, unit) = if b >= 1024.0 * 1024.0 * 1024.0 {
        (b / (1024.0 * 1024.0 * 1024.0), "GB")
    } else if b >= 1024.0 * 1024.0 {
        (b / (1024.0 * 1024.0), "MB")
    } else if b >= 1024.0 {
        (b / 1024.0, "KB")
    } else {
        return format!("{bytes} B");
    };
    let text = format!("{value:.1} {unit}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

fn validity_label(ui: &mut egui::Ui, v: Validity, lang: Lang) {
    match v {
        Validity::Valid => ui.colored_label(theme::ok(), lang.t(text::VALID)),
        Validity::Expiring(days) => ui.colored_label(
            theme::warn(),
            format!(
                "{} ({days} {})",
                lang.t(text::EXPIRING),
                lang.t(text::DAYS_LEFT)
            ),
        ),
        Validity::Expired(days) => ui.colored_label(
            theme::error(),
            format!(
                "{} ({} {days})",
                lang.t(text::EXPIRED),
                lang.t(text::OVERDUE)
            ),
        ),
    };
}

fn status_label(ui: &mut egui::Ui, status: Option<&EvidenceStatus>, lang: Lang) {
    // A quiet, small word for the calm states; a coloured one for trouble.
    let small = |ui: &mut egui::Ui, word: text::Tr, color: egui::Color32| {
        ui.label(RichText::new(lang.t(word)).small().color(color))
    };
    match status {
        None => {
            small(ui, text::CHECKING, theme::muted());
        }
        Some(EvidenceStatus::Ok) => {
            small(ui, text::INTACT, theme::ok()).on_hover_text(lang.t(text::INTACT_HINT));
        }
        Some(EvidenceStatus::InBundle) => {
            small(ui, text::FILE_IN_BUNDLE, theme::muted())
                .on_hover_text(lang.t(text::FILE_IN_BUNDLE_HINT));
        }
        Some(EvidenceStatus::Missing) => {
            ui.colored_label(theme::error(), lang.t(text::FILE_MISSING));
        }
        Some(EvidenceStatus::Altered { .. }) => {
            ui.colored_label(theme::error(), lang.t(text::FILE_ALTERED));
        }
        Some(EvidenceStatus::Unsafe { .. }) => {
            ui.colored_label(theme::error(), lang.t(text::FILE_UNSAFE));
        }
        Some(EvidenceStatus::Unchecked { reason }) => {
            ui.colored_label(theme::warn(), lang.t(text::FILE_UNCHECKED))
                .on_hover_text(reason.as_str());
        }
    }
}

fn is_image(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e))
}

/// The attachments of one dossier document, and its "Attach…" button.
pub fn attachments_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    entry: &DossierEntry,
) {
    for attachment in &entry.attachments {
        attachment_row(ui, ctx, &product.id, entry, attachment);
    }
}

/// The "Attach…" button of a document (system dialog, several files at once).
pub fn attach_button(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, id: &ProductId, key: &str) {
    let attach = egui::Button::new(ctx.lang.t(text::ATTACH));
    if ui
        .add_enabled(!ctx.read_only, attach)
        .on_hover_text(ctx.lang.t(text::ATTACH_HINT))
        .clicked()
    {
        ctx.action(UiAction::PickEvidence(id.clone(), key.to_owned()));
    }
}

fn attachment_row(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    id: &ProductId,
    entry: &DossierEntry,
    attachment: &Attachment,
) {
    let (state, lang, read_only) = (ctx.state, ctx.lang, ctx.read_only);
    let (status, path) = state.evidence_of(id, &attachment.stored_path);
    // A path from a RON file is untrusted: only a path `resolve` accepted (run by the
    // background check, never in a frame) is given back as a real one (`rejoin`), and an
    // unsafe one is never opened or shown.
    ui.horizontal(|ui| {
        match (&path, is_image(&attachment.file_name), status) {
            (Some(path), true, Some(EvidenceStatus::Ok)) => {
                let uri = format!("file://{}", path.display());
                ui.add(
                    egui::Image::new(uri)
                        .fit_to_exact_size(egui::vec2(64.0, 64.0))
                        .maintain_aspect_ratio(true)
                        .corner_radius(3.0),
                );
            }
            _ => {
                ui.label(RichText::new("▤").size(28.0).color(theme::muted()));
            }
        }
        ui.vertical(|ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&attachment.file_name).strong());
                ui.label(
                    RichText::new(format!(
                        "{} · {} {}",
                        human_size(attachment.size_bytes, lang),
                        lang.t(text::ADDED_ON),
                        lang.date(attachment.added_at.date())
                    ))
                    .small()
                    .color(theme::muted()),
                );
                status_label(ui, status, lang);
                if let Some(until) = attachment.valid_until {
                    validity_label(ui, validity(until, state.today()), lang);
                }
            });
            ui.horizontal_wrapped(|ui| {
                let short = attachment.sha256.get(..12).unwrap_or("");
                for (which, label, value) in [
                    (
                        DocDateField::Issued,
                        text::DOC_DATE,
                        attachment.document_date,
                    ),
                    (
                        DocDateField::ValidUntil,
                        text::DOC_VALID_UNTIL,
                        attachment.valid_until,
                    ),
                ] {
                    let salt = format!("att-{}-{}-{short}-{which:?}", id.as_str(), entry.key);
                    match widgets::date_field(ui, &salt, lang.t(label), value, lang, !read_only) {
                        Some(DateEdit::Set(date)) => ctx.command(Command::SetAttachmentDate {
                            id: id.clone(),
                            key: entry.key.clone(),
                            sha256: attachment.sha256.clone(),
                            which,
                            date,
                        }),
                        Some(DateEdit::Invalid(raw)) => {
                            ctx.action(UiAction::Report(crate::app::Notice::InvalidDate {
                                field: label,
                                file: Some(attachment.file_name.clone()),
                                typed: Some(raw),
                            }));
                        }
                        None => {}
                    }
                }
                let can_open = path.is_some() && matches!(status, Some(EvidenceStatus::Ok) | None);
                if ui
                    .add_enabled(can_open, egui::Button::new(lang.t(text::OPEN_FILE)))
                    .clicked()
                    && let Some(p) = &path
                {
                    ctx.action(UiAction::OpenEvidence {
                        stored: p.clone(),
                        file_name: attachment.file_name.clone(),
                    });
                }
                if ui
                    .add_enabled(
                        path.is_some(),
                        egui::Button::new(lang.t(text::SHOW_IN_FOLDER)),
                    )
                    .clicked()
                    && let Some(p) = &path
                {
                    ctx.action(UiAction::RevealFile(p.clone()));
                }
                if ui
                    .add_enabled(!read_only, egui::Button::new(lang.t(text::DETACH)))
                    .on_hover_text(lang.t(text::DETACH_HINT))
                    .clicked()
                {
                    ctx.command(Command::Detach {
                        id: id.clone(),
                        key: entry.key.clone(),
                        sha256: attachment.sha256.clone(),
                    });
                }
            });
        });
    });
}

/// The import progress bar with its Cancel button.
pub fn import_progress_ui(ui: &mut egui::Ui, job: &ImportJob, lang: Lang) -> bool {
    let mut cancel = false;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} {}",
            lang.t(text::COPYING),
            job.progress.current_file()
        ));
        ui.add(
            egui::ProgressBar::new(job.progress.fraction())
                .show_percentage()
                .desired_width(320.0),
        );
        if ui.button(lang.t(text::CANCEL)).clicked() {
            cancel = true;
        }
    });
    cancel
}
