//! The dossier checklist of the current application: status, dates, notes and the
//! evidence files of each document.

use egui::RichText;

use crate::command::{Command, DocDateField};
use crate::domain::criteria::ScoringSet;
use crate::domain::dossier::{self, DocStatus, DossierEntry, Provider, TemplateItem};
use crate::domain::model::Product;

use super::context::ScreenCtx;
use super::product::ProductView;
use super::text::{self, Lang};
use super::theme;
use super::widgets::{self, DateEdit};

/// The dossier tab: each document with its status, dates, note and attachments.
pub fn dossier_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    view: &mut ProductView,
) {
    let (state, lang, base_read_only) = (ctx.state, ctx.lang, ctx.read_only);
    let Some(app) = product.current() else {
        return;
    };
    let template = state.catalog().template(&app.rule_version);
    let set = state
        .catalog()
        .scoring_set(&app.rule_version, product.scoring_set);
    let completeness = dossier::completeness(&app.dossier, template);
    ui.add(
        egui::ProgressBar::new(f32::from(completeness.percent()) / 100.0)
            .text(text::completeness_line(
                completeness.percent(),
                completeness.ready,
                completeness.applicable,
                completeness.required_missing,
                lang,
            ))
            .desired_width(460.0),
    );
    ui.checkbox(&mut view.only_missing, lang.t(text::DOSSIER_ONLY_MISSING));
    ui.add_space(4.0);
    let mut entries: Vec<&DossierEntry> = app.dossier.iter().collect();
    if view.only_missing {
        // What is still missing, required documents first (as the status report lists
        // them); otherwise the template's official order.
        entries.sort_by_key(|entry| {
            template
                .and_then(|t| t.item(&entry.key))
                .map_or(u8::MAX, |item| item.requirement.rank())
        });
    }
    for entry in entries {
        // Decided row by row: a row changed above already moved `just_changed`.
        let done = matches!(entry.status, DocStatus::Ready | DocStatus::NotApplicable);
        let keep = [&view.highlight_doc, &view.just_changed]
            .iter()
            .any(|k| k.as_deref() == Some(entry.key.as_str()));
        if view.only_missing && done && !keep {
            continue;
        }
        let item = template.and_then(|t| t.item(&entry.key));
        // The other side's documents are shown, not edited (`domain::sides`): the
        // commune's in a cooperative's workspace, the producer's in the commune's.
        let others = !crate::domain::sides::may_edit(
            state.side(),
            crate::domain::sides::Part::Document(&entry.key),
            Some(product),
            state.catalog(),
        );
        let row = DocRow {
            product,
            entry,
            item,
            name: item.map_or(entry.key.as_str(), |i| lang.pick(&i.name_vi, &i.name_en)),
            set,
            provider: crate::domain::exchange::provider_of(state.catalog(), app, &entry.key),
            others,
        };
        ctx.read_only = base_read_only || others;
        let read_only = ctx.read_only;
        let group = ui.group(|ui| document_ui(ui, ctx, view, &row));
        if view.highlight_doc.as_deref() == Some(entry.key.as_str()) {
            ui.painter().rect_stroke(
                group.response.rect.expand(2.0),
                4.0,
                egui::Stroke::new(2.5, theme::warn()),
                egui::StrokeKind::Outside,
            );
            if view.scroll_pending {
                group.response.scroll_to_me(Some(egui::Align::Center));
                view.scroll_pending = false;
            }
        }
        // Where files dropped on the window land: the document under the pointer (one
        // that can take them).
        if !read_only {
            super::evidence::register_drop_target(
                ui.ctx(),
                &product.id,
                &entry.key,
                group.response.rect,
            );
        }
    }
    ctx.read_only = base_read_only;
}

/// One document of the dossier tab and what it is drawn with.
struct DocRow<'a> {
    product: &'a Product,
    entry: &'a DossierEntry,
    /// Its template item (none for a key the template does not know).
    item: Option<&'a TemplateItem>,
    /// The name it is shown under.
    name: &'a str,
    /// The product's scoring set, which names the criteria the document backs.
    set: Option<&'a ScoringSet>,
    /// Who provides it.
    provider: Provider,
    /// It is the other side's document: shown, not edited (`ctx` is read-only then).
    others: bool,
}

/// The inside of one document's group: its ready checkbox, its kind, status and dates,
/// its note, its files and the remarks on it.
fn document_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    view: &mut ProductView,
    row: &DocRow<'_>,
) {
    let DocRow { product, entry, .. } = *row;
    let (lang, read_only) = (ctx.lang, ctx.read_only);
    let id = &product.id;
    ui.set_width(ui.available_width());
    ui.horizontal_wrapped(|ui| ready_checkbox_ui(ui, ctx, view, row));
    ui.horizontal_wrapped(|ui| {
        super::evidence::attach_button(ui, ctx, id, &entry.key);
        document_kind_ui(ui, ctx, row);
        status_ui(ui, ctx, view, row);
        dates_ui(ui, ctx, row);
    });
    let salt = format!("note-{}-{}", id.as_str(), entry.key);
    ui.horizontal(|ui| {
        if let Some(note) = widgets::text_field(
            ui,
            &salt,
            lang.t(text::DOC_NOTE),
            &entry.note,
            false,
            !read_only,
            lang,
        ) {
            ctx.command(Command::SetDocNote {
                id: id.clone(),
                key: entry.key.clone(),
                note,
            });
        }
    });
    super::evidence::attachments_ui(ui, ctx, product, entry);
    // Remarks on this document from both sides; this side may always add its own,
    // also on the other side's documents (that is how it asks for a change).
    super::remarks::remarks_ui(
        ui,
        &mut ctx.for_remarks(),
        product,
        &crate::domain::remarks::RemarkAbout::Document(entry.key.clone()),
        true,
    );
}

/// The document's name as a checkbox: ticked means ready.
fn ready_checkbox_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    view: &mut ProductView,
    row: &DocRow<'_>,
) {
    let (lang, read_only) = (ctx.lang, ctx.read_only);
    let entry = row.entry;
    let mut ready = entry.status == DocStatus::Ready;
    let checkbox = ui.add_enabled(!read_only, egui::Checkbox::new(&mut ready, row.name));
    // Who prepares it, why it matters and what it proves, one hover away.
    let checkbox = match row.item {
        // Built only while hovered (it folds the sheet's criterion names).
        Some(item) => checkbox.on_hover_ui(|ui| {
            ui.label(text::document_hint(item, row.set, lang));
        }),
        None => checkbox,
    };
    if checkbox.changed() {
        view.just_changed = Some(entry.key.clone());
        ctx.command(Command::SetDocStatus {
            id: row.product.id.clone(),
            key: entry.key.clone(),
            status: if ready {
                DocStatus::Ready
            } else {
                DocStatus::Missing
            },
        });
    }
}

/// Who provides the document and whether it is required, and the other side's tag on
/// its documents; a warning for a document the template does not know.
fn document_kind_ui(ui: &mut egui::Ui, ctx: &ScreenCtx<'_>, row: &DocRow<'_>) {
    let lang = ctx.lang;
    let Some(item) = row.item else {
        ui.label(
            RichText::new(lang.t(text::DOC_UNKNOWN))
                .small()
                .color(theme::warn()),
        );
        return;
    };
    ui.label(
        RichText::new(format!(
            "{} · {}",
            lang.t(text::provider_name(item.provider)),
            lang.t(text::requirement_name(item.requirement))
        ))
        .small()
        .color(theme::muted()),
    )
    .on_hover_ui(|ui| {
        ui.label(text::document_hint(item, row.set, lang));
    });
    if row.others {
        ui.label(
            RichText::new(lang.t(match row.provider {
                Provider::Province => text::PROVINCES_PART_TAG,
                Provider::Commune => text::COMMUNES_PART_TAG,
                Provider::Producer => text::PRODUCERS_PART_TAG,
            }))
            .small()
            .color(theme::muted()),
        )
        .on_hover_text(ctx.others_part_hint());
    }
}

/// The document's status as a combo box.
fn status_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, view: &mut ProductView, row: &DocRow<'_>) {
    let (lang, read_only) = (ctx.lang, ctx.read_only);
    let entry = row.entry;
    let status_label = ui.label(lang.t(text::DOC_STATUS));
    let mut status = entry.status;
    ui.add_enabled_ui(!read_only, |ui| {
        egui::ComboBox::from_id_salt(format!("status-{}", entry.key))
            .selected_text(lang.t(text::doc_status_name(status)))
            .width(130.0)
            .show_ui(ui, |ui| {
                for s in DocStatus::ALL {
                    ui.selectable_value(&mut status, s, lang.t(text::doc_status_name(s)));
                }
            })
            .response
            .labelled_by(status_label.id);
    });
    if status != entry.status {
        view.just_changed = Some(entry.key.clone());
        ctx.command(Command::SetDocStatus {
            id: row.product.id.clone(),
            key: entry.key.clone(),
            status,
        });
    }
}

/// The issue date, and the expiry date where the document has one (with how soon it
/// runs out).
fn dates_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, row: &DocRow<'_>) {
    let (lang, read_only) = (ctx.lang, ctx.read_only);
    let (id, entry) = (&row.product.id, row.entry);
    for (which, label, value) in [
        (DocDateField::Issued, text::DOC_ISSUED, entry.issued_on),
        (
            DocDateField::ValidUntil,
            text::DOC_VALID_UNTIL,
            entry.valid_until,
        ),
    ] {
        let show = which == DocDateField::Issued
            || value.is_some()
            || row.item.is_some_and(|i| i.has_validity);
        if !show {
            continue;
        }
        let salt = format!("date-{}-{}-{which:?}", id.as_str(), entry.key);
        match widgets::date_field(ui, &salt, lang.t(label), value, lang, !read_only) {
            Some(DateEdit::Set(date)) => ctx.command(Command::SetDocDate {
                id: id.clone(),
                key: entry.key.clone(),
                which,
                date,
            }),
            // Kept in the field and marked there ("Ngày không hợp lệ").
            Some(DateEdit::Invalid(_)) | None => {}
        }
        if which == DocDateField::ValidUntil
            && let Some(until) = value
        {
            validity_ui(ui, until, ctx.state.today(), lang);
        }
    }
}

/// "⚠ Overdue 3 days" or "11 days left" beside an expiry date; nothing while valid.
fn validity_ui(ui: &mut egui::Ui, until: chrono::NaiveDate, today: chrono::NaiveDate, lang: Lang) {
    match dossier::validity(until, today) {
        dossier::Validity::Expired(days) => {
            ui.colored_label(
                theme::error(),
                format!(
                    "⚠ {} {} {}",
                    lang.t(text::OVERDUE),
                    days,
                    lang.t(text::DAYS)
                ),
            );
        }
        dossier::Validity::Expiring(days) => {
            ui.colored_label(theme::warn(), format!("{days} {}", lang.t(text::DAYS_LEFT)));
        }
        dossier::Validity::Valid => {}
    }
}
