//! The Overview tab's answer to the cooperative's question, at a glance: where the
//! product stands and the next step with its date, the predicted star, the required
//! documents still missing, and what stands between it and the next star. Computed by
//! `domain::status` (the same as the PDF status report). Also the editor of the form
//! texts (Form 02 Parts II/IV, Form 03) and the "Xuất…" (export) menu.

use egui::RichText;

use crate::command::{Command, TextField};
use crate::documents::DocKind;
use crate::domain::model::{FormText, Product};
use crate::domain::status::{self, ProductStatus};

use super::product::ProductTab;
use super::text::{self, Lang};
use super::widgets::{self, DateEdit};
use super::{UiAction, theme};
use crate::app::AppState;

/// How many next-star steps and missing documents the panel lists before "…".
const SHOWN: usize = 4;

/// The at-a-glance panel at the top of the Overview tab.
pub fn glance_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    lang: Lang,
    actions: &mut Vec<UiAction>,
) {
    // The self-assessment evaluated once per revision (`AppState::evaluation`).
    let evaluation = state.evaluation(&product.id, crate::domain::history::Sheet::SelfAssessment);
    let Some(status) = status::product_status_with(
        product,
        state.catalog(),
        state.today(),
        state.workspace().info.kind,
        evaluation.as_deref().map(|e| (&e.summary, e.plan.as_ref())),
    ) else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(lang.t(text::GLANCE_TITLE))
                .strong()
                .size(16.0),
        );
        stage_line(ui, state, product, &status, lang);
        if product.scoring_set == crate::domain::criteria::NO_SET {
            // Imported from a list that gives only the product group: the first thing to do.
            ui.colored_label(super::theme::warn(), lang.t(text::DOC_NO_SET_CHOSEN));
        }
        other_sides_remarks(ui, state, &status, lang);
        score_line(ui, &status, lang);
        missing_documents(ui, product, &status, lang, actions);
        next_star(ui, &status, lang);
        commune_notes(ui, state, product, lang);
    });
}

/// The other side's remarks, summed up where the summary is read first: how many, and the
/// latest ("Ý kiến của xã: 2 — mới nhất 05/12: cần bổ sung chữ ký…"); all of them are in
/// the remarks panel below and under each document.
fn other_sides_remarks(
    ui: &mut egui::Ui,
    state: &AppState,
    status: &status::ProductStatus<'_>,
    lang: Lang,
) {
    let other = match state.side() {
        crate::domain::model::WorkspaceKind::Commune => {
            crate::domain::model::WorkspaceKind::Producer
        }
        crate::domain::model::WorkspaceKind::Producer => {
            crate::domain::model::WorkspaceKind::Commune
        }
    };
    let theirs: Vec<_> =
        crate::domain::remarks::of_side(&status.application.remarks, other).collect();
    let Some(latest) = theirs.iter().max_by_key(|r| r.at) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                text::remarks_of(other, lang),
                theirs.len()
            ))
            .color(theme::warn()),
        );
        ui.label(format!(
            "— {} {}: {}",
            lang.t(text::REMARK_LATEST),
            latest.at.format("%d/%m/%Y"),
            latest.text
        ));
    });
}

/// The commune's remarks to the producer ("cần bổ sung …"): the application notes and
/// the notes on documents not ready yet. A cooperative reviewing a bundle sees them here.
fn commune_notes(ui: &mut egui::Ui, state: &AppState, product: &Product, lang: Lang) {
    let Some(app) = product.current() else {
        return;
    };
    let pending: Vec<&crate::domain::dossier::DossierEntry> = app
        .dossier
        .iter()
        .filter(|e| {
            !e.note.trim().is_empty() && e.status != crate::domain::dossier::DocStatus::Ready
        })
        .collect();
    if app.notes.trim().is_empty() && pending.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new(lang.t(text::COMMUNE_NOTES)).strong());
    if !app.notes.trim().is_empty() {
        ui.label(app.notes.trim());
    }
    for entry in pending.into_iter().take(SHOWN) {
        ui.label(format!(
            "• {}: {}",
            text::document_name(state.catalog(), product, &entry.key, lang),
            entry.note.trim()
        ));
    }
}

fn stage_line(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    status: &ProductStatus,
    lang: Lang,
) {
    let mut line = format!(
        "{}: {}",
        lang.t(text::R_STAGE),
        lang.t(text::stage_name(status.stage))
    );
    if let Some(next) = status.next_stage {
        line.push_str(&format!(
            " → {}: {}",
            lang.t(text::GLANCE_THEN),
            lang.t(text::step_to(next))
        ));
    }
    ui.label(line);
    if let Some(deadline) = &status.next_deadline {
        let overdue = deadline.date < state.today();
        let colour = if overdue {
            theme::error()
        } else {
            theme::warn()
        };
        ui.colored_label(
            colour,
            format!(
                "{}: {}",
                lang.t(text::R_NEXT_DEADLINE),
                text::deadline_line(deadline, product, state.catalog(), state.today(), lang)
            ),
        );
    }
}

fn score_line(ui: &mut egui::Ui, status: &ProductStatus, lang: Lang) {
    let Some(summary) = &status.summary else {
        return;
    };
    let verdict = text::verdict(summary, lang);
    ui.label(format!(
        "{verdict} · {} {}/{} · {} {}/{}",
        lang.t(text::R_TOTAL),
        summary.total,
        summary.max_total,
        lang.t(text::R_ANSWERED),
        summary.answered,
        summary.criteria_count
    ));
    for blocker in &status.blockers {
        ui.colored_label(theme::error(), text::blocker_line(blocker, lang));
    }
}

fn missing_documents(
    ui: &mut egui::Ui,
    product: &Product,
    status: &ProductStatus,
    lang: Lang,
    actions: &mut Vec<UiAction>,
) {
    let groups = status.missing_required_by_provider();
    if groups.is_empty() {
        ui.colored_label(theme::ok(), lang.t(text::R_REQUIRED_COMPLETE));
        return;
    }
    let count: usize = groups.iter().map(|(_, lines)| lines.len()).sum();
    // One line per party that owes documents ("Chủ thể (3): …", "UBND xã (2): …"): the
    // cooperative sees at once what is its own to do.
    let mut indent = 0.0;
    for (n, (provider, lines)) in groups.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let left = ui.cursor().left();
            if n == 0 {
                ui.label(
                    RichText::new(format!("{} ({count}):", lang.t(text::R_REQUIRED_MISSING)))
                        .color(theme::error()),
                );
                indent = ui.cursor().left() - left;
            } else {
                // Each party under the first, right of the heading.
                ui.add_space(indent);
            }
            ui.label(
                RichText::new(format!(
                    "{} ({}):",
                    lang.t(text::provider_name(*provider)),
                    lines.len()
                ))
                .strong(),
            );
            for (i, line) in lines.iter().take(SHOWN).enumerate() {
                if i > 0 {
                    ui.label("·");
                }
                if ui
                    .link(document_name(line, lang))
                    .on_hover_text(lang.t(text::GLANCE_OPEN_DOSSIER))
                    .clicked()
                {
                    actions.push(UiAction::OpenProduct(
                        product.id.clone(),
                        ProductTab::Dossier,
                        Some(line.entry.key.clone()),
                    ));
                }
            }
            if lines.len() > SHOWN {
                // The rest, by name, on hover.
                let rest: Vec<&str> = lines
                    .iter()
                    .skip(SHOWN)
                    .map(|line| document_name(line, lang))
                    .collect();
                ui.label("…").on_hover_text(rest.join("\n"));
            }
        });
    }
}

/// A dossier line's document name in the UI language (its key when the template lacks it).
fn document_name<'a>(line: &'a crate::domain::status::DocumentLine<'_>, lang: Lang) -> &'a str {
    line.item.map_or(line.entry.key.as_str(), |i| {
        lang.pick(&i.name_vi, &i.name_en)
    })
}

fn next_star(ui: &mut egui::Ui, status: &ProductStatus, lang: Lang) {
    let Some(plan) = &status.plan else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "{} {}{}",
            lang.t(text::R_WAY_TO),
            widgets::stars(plan.target_star),
            if plan.points_gap > 0 {
                format!(" · {}", text::points_short(plan.points_gap, lang))
            } else {
                String::new()
            }
        ))
        .strong(),
    );
    for step in status.star_steps.iter().take(SHOWN) {
        let documents: Vec<&str> = step
            .documents
            .iter()
            .map(|d| lang.pick(&d.name_vi, &d.name_en))
            .collect();
        let proof = if documents.is_empty() {
            String::new()
        } else {
            format!(" — {}: {}", lang.t(text::R_PROOF), documents.join("; "))
        };
        ui.label(format!(
            "• {} {}: {} (+{}){proof}",
            step.criterion_key,
            lang.pick(step.criterion_name_vi, step.criterion_name_en),
            lang.pick(step.target_option_vi, step.target_option_en),
            step.points_gain
        ));
    }
    if status.star_steps.len() > SHOWN {
        ui.label(RichText::new(lang.t(text::GLANCE_MORE_ON_SCORING)).color(theme::muted()));
    }
}

/// The "Xuất…" (export) menu of a product: every form and the status report, and the
/// electronic dossier when `bundle` (a workspace, not a review or many communes).
pub fn export_menu(
    ui: &mut egui::Ui,
    product: &Product,
    lang: Lang,
    bundle: bool,
    actions: &mut Vec<UiAction>,
) {
    ui.menu_button(lang.t(text::EXPORT_BUTTON), |ui| {
        for kind in DocKind::ALL {
            if ui.button(format!("{}…", lang.t(kind.name()))).clicked() {
                actions.push(UiAction::ExportDocument(product.id.clone(), kind));
                ui.close();
            }
        }
        if ui.button(lang.t(text::MENU_EXPORT_DOSSIER)).clicked() {
            actions.push(UiAction::ExportDossier(product.id.clone()));
            ui.close();
        }
        ui.separator();
        let response = ui.add_enabled(bundle, egui::Button::new(lang.t(text::BUNDLE_EXPORT_SHORT)));
        if response.clicked() {
            actions.push(UiAction::ExportBundle(product.id.clone()));
            ui.close();
        }
        response.on_disabled_hover_text(lang.t(text::BUNDLE_EXPORT_NOT_HERE));
    });
}

/// The form texts: the producer's Form 02 Parts II and IV, and Form 03 with the
/// producer's statement beside the commune's assessment of each item.
pub fn form_texts_ui(
    ui: &mut egui::Ui,
    product: &Product,
    lang: Lang,
    editable: &dyn Fn(FormText) -> bool,
    side: crate::domain::model::WorkspaceKind,
    commands: &mut Vec<Command>,
) {
    // Each side edits its own texts; the other's are shown only (`domain::sides`,
    // through `editable`).
    let producer = side == crate::domain::model::WorkspaceKind::Producer;
    let Some(app) = product.current() else {
        return;
    };
    let id = &product.id;
    let edit = |commands: &mut Vec<Command>, field: FormText, value: Option<String>| {
        if let Some(value) = value {
            commands.push(Command::SetText {
                id: id.clone(),
                field: TextField::Form(field),
                value,
            });
        }
    };
    let field = |ui: &mut egui::Ui, field: FormText| {
        widgets::text_field(
            ui,
            &format!("form-{}-{field:?}", id.as_str()),
            lang.t(text::form_text_name(field)),
            app.forms.get(field),
            true,
            editable(field),
            lang,
        )
    };
    ui.label(RichText::new(lang.t(text::FORMS_PRODUCER_PART)).strong());
    for f in [FormText::BusinessResults, FormText::BusinessPlan] {
        let value = field(ui, f);
        edit(commands, f, value);
    }
    ui.add_space(6.0);
    ui.label(RichText::new(lang.t(text::FORMS_FORM_03)).strong());
    ui.label(RichText::new(lang.t(text::FORMS_FORM_03_EXPLAIN)).color(theme::muted()));
    for (producer_field, commune_field) in FormText::FORM_03_ITEMS {
        ui.columns(2, |columns| {
            for (column, f) in columns.iter_mut().zip([producer_field, commune_field]) {
                let value = field(column, f);
                edit(commands, f, value);
            }
        });
        ui.add_space(4.0);
    }
    if producer {
        return;
    }
    ui.vertical(|ui| {
        for f in [
            FormText::ReportNumber,
            FormText::ReportPlace,
            FormText::RegistrationSlip,
        ] {
            let value = widgets::text_field_width(
                ui,
                &format!("form-{}-{f:?}", id.as_str()),
                lang.t(text::form_text_name(f)),
                app.forms.get(f),
                editable(f),
                240.0,
                lang,
            );
            edit(commands, f, value);
        }
        let salt = format!("form-{}-report-date", id.as_str());
        if let Some(DateEdit::Set(date)) = widgets::date_field(
            ui,
            &salt,
            lang.t(text::FORM_REPORT_DATE),
            app.forms.report_date,
            lang,
            editable(FormText::ReportNumber),
        ) {
            commands.push(Command::SetReportDate {
                id: id.clone(),
                date,
            });
        }
    });
}
