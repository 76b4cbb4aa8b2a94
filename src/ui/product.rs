//! The product screen: the stage stepper with what comes next, the product's fields,
//! and the dossier checklist of the current application. Also the stage dialog that
//! asks for what a move needs.

use std::collections::BTreeMap;

use egui::RichText;

use crate::app::AppState;
use crate::command::{Command, CommandError, DocDate, ProductField};
use crate::domain::deadlines;
use crate::domain::dossier::{self, DocStatus};
use crate::domain::history::{Change, Origin};
use crate::domain::model::{ApplicationKind, ProducerKind, Product, ProductId};
use crate::domain::stage::{self, Stage, StageError, StageField, StageInput};

use super::text::{self, Lang};
use super::widgets::{self, DateEdit};
use super::{UiAction, theme};

/// Text for a refused command, naming the field where there is one.
pub fn command_error_text(err: &CommandError, lang: Lang) -> String {
    match err {
        CommandError::Stage(StageError::Invalid { field, reason }) => {
            format!("{}: {reason}", lang.t(text::stage_field_name(*field)))
        }
        CommandError::Stage(StageError::Missing { fields }) => {
            let names: Vec<&str> = fields
                .iter()
                .map(|f| lang.t(text::stage_field_name(*f)))
                .collect();
            format!("{} {}", lang.t(text::STAGE_DIALOG_NEEDS), names.join(", "))
        }
        other => other.to_string(),
    }
}

/// Tabs of the product screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProductTab {
    /// Process, fields, history.
    #[default]
    Overview,
    /// Dossier checklist.
    Dossier,
    /// Score sheets.
    Scoring,
}

/// UI state of the product screen (not model data).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductView {
    /// Selected tab.
    pub tab: ProductTab,
    /// Score sheet shown on the scoring tab.
    pub sheet: crate::command::SheetKind,
    /// Dossier document to highlight (opened from the dashboard).
    pub highlight_doc: Option<String>,
    /// Whether the highlighted document still has to be scrolled into view.
    pub scroll_pending: bool,
}

/// Draws the product screen.
pub fn product_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    view: &mut ProductView,
    lang: Lang,
    commands: &mut Vec<Command>,
    actions: &mut Vec<UiAction>,
) {
    let read_only = state.read_only.contains(&product.id);
    let id = &product.id;
    ui.horizontal(|ui| {
        if ui.button(lang.t(text::BACK)).clicked() {
            actions.push(UiAction::Back);
        }
        ui.heading(&product.name);
        if product.is_example {
            ui.label(RichText::new(format!("({})", lang.t(text::EXAMPLE))).color(theme::MUTED));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add_enabled(!read_only, egui::Button::new(lang.t(text::DELETE_PRODUCT)))
                .clicked()
            {
                actions.push(UiAction::AskDelete(id.clone()));
            }
        });
    });
    if read_only {
        ui.colored_label(theme::WARN, lang.t(text::READ_ONLY_EXPLAIN));
    }
    ui.horizontal(|ui| {
        for (tab, label) in [
            (ProductTab::Overview, text::TAB_OVERVIEW),
            (ProductTab::Dossier, text::TAB_DOSSIER),
            (ProductTab::Scoring, text::TAB_SCORING),
        ] {
            ui.selectable_value(&mut view.tab, tab, RichText::new(lang.t(label)).size(16.0));
        }
    });
    ui.separator();
    if view.tab == ProductTab::Scoring {
        super::scoring::scoring_ui(
            ui,
            state,
            product,
            &mut view.sheet,
            lang,
            read_only,
            commands,
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt(("product-scroll", view.tab == ProductTab::Dossier))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.tab == ProductTab::Dossier {
                dossier_ui(ui, state, product, view, lang, read_only, commands, actions);
                return;
            }
            process_ui(ui, state, product, lang, read_only, commands, actions);
            ui.add_space(8.0);
            egui::CollapsingHeader::new(lang.t(text::SECTION_PRODUCT))
                .default_open(true)
                .show(ui, |ui| {
                    fields_ui(ui, state, product, lang, read_only, commands)
                });
            if product.applications.len() > 1 {
                egui::CollapsingHeader::new(lang.t(text::SECTION_HISTORY))
                    .default_open(false)
                    .show(ui, |ui| {
                        for app in product.applications.iter().rev().skip(1) {
                            ui.label(format!(
                                "{} {} · {} · {}",
                                lang.t(text::application_kind_name(app.kind)),
                                app.year,
                                lang.t(text::stage_name(app.stage)),
                                app.certificate
                                    .as_ref()
                                    .map(|c| format!(
                                        "{} {} ({})",
                                        widgets::stars(c.star),
                                        c.number,
                                        lang.date(c.issued_on)
                                    ))
                                    .unwrap_or_default()
                            ));
                        }
                    });
            }
            egui::CollapsingHeader::new(lang.t(text::SECTION_CHANGELOG))
                .default_open(false)
                .show(ui, |ui| changelog_ui(ui, state, product, lang));
        });
}

/// One history change in words, naming documents and stages as the screens do.
pub fn change_text(change: &Change, state: &AppState, product: &Product, lang: Lang) -> String {
    let doc_name = |key: &str| -> String {
        product
            .current()
            .and_then(|a| state.catalog.template(&a.rule_version))
            .and_then(|t| t.item(key))
            .map_or_else(
                || key.to_owned(),
                |i| lang.pick(&i.name_vi, &i.name_en).to_owned(),
            )
    };
    let date = |d: &Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_owned(), |d| lang.date(d));
    match change {
        Change::Created => lang.t(text::H_CREATED).to_owned(),
        Change::Restored => lang.t(text::H_RESTORED).to_owned(),
        Change::Stage { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::H_STAGE),
            lang.t(text::stage_name(*from)),
            lang.t(text::stage_name(*to))
        ),
        Change::DocStatus { key, from, to } => format!(
            "{}: {} → {}",
            doc_name(key),
            lang.t(text::doc_status_name(*from)),
            lang.t(text::doc_status_name(*to))
        ),
        Change::DocDate {
            key,
            which,
            from,
            to,
        } => {
            let label = if which == "issued" {
                text::DOC_ISSUED
            } else {
                text::DOC_VALID_UNTIL
            };
            format!(
                "{} · {}: {} → {}",
                doc_name(key),
                lang.t(label),
                date(from),
                date(to)
            )
        }
        Change::DocNote { key, to } => {
            format!("{} · {}: “{to}”", doc_name(key), lang.t(text::H_NOTE))
        }
        Change::Field { field, from, to } => format!("{field}: “{from}” → “{to}”"),
        Change::ScoringSet { from, to } => format!("{}: {from} → {to}", lang.t(text::H_SET)),
        Change::Score {
            sheet,
            item,
            from,
            to,
        } => {
            format!("{} ({sheet}) {item}: {from} → {to}", lang.t(text::H_SCORE))
        }
        Change::NewApplication { kind } => format!(
            "{}: {}",
            lang.t(text::H_NEW_APP),
            lang.t(text::application_kind_name(*kind))
        ),
        Change::Attached { key, file_name } => {
            format!(
                "{} · {}: {file_name}",
                doc_name(key),
                lang.t(text::H_ATTACHED)
            )
        }
        Change::Detached { key, file_name } => {
            format!(
                "{} · {}: {file_name}",
                doc_name(key),
                lang.t(text::H_DETACHED)
            )
        }
        Change::Other { summary } => summary.clone(),
    }
}

fn changelog_ui(ui: &mut egui::Ui, state: &AppState, product: &Product, lang: Lang) {
    if product.history.is_empty() {
        ui.label(lang.t(text::NO_HISTORY));
        return;
    }
    // Newest first; the log only grows, so show the latest 300 lines.
    for entry in product.history.iter().rev().take(300) {
        let origin = match entry.origin {
            Origin::Edit => String::new(),
            Origin::Undo => format!("[{}] ", lang.t(text::ORIGIN_UNDO)),
            Origin::Redo => format!("[{}] ", lang.t(text::ORIGIN_REDO)),
        };
        let changes: Vec<String> = entry
            .changes
            .iter()
            .map(|c| change_text(c, state, product, lang))
            .collect();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    lang.date(entry.at.date()),
                    entry.at.format("%H:%M")
                ))
                .monospace()
                .color(theme::MUTED),
            );
            if !entry.by.is_empty() {
                ui.label(RichText::new(&entry.by).color(theme::ACCENT));
            }
            ui.label(format!("{origin}{}", changes.join("; ")));
        });
    }
}

fn process_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    lang: Lang,
    read_only: bool,
    commands: &mut Vec<Command>,
    actions: &mut Vec<UiAction>,
) {
    let id = &product.id;
    let Some(app) = product.current() else {
        return;
    };
    ui.heading(lang.t(text::SECTION_PROCESS));
    ui.label(format!(
        "{}: {} {} · {}: {}",
        lang.t(text::FIELD_KIND),
        lang.t(text::application_kind_name(app.kind)),
        app.year,
        lang.t(text::FIELD_RULES),
        app.rule_version
    ));
    // The stepper: done steps muted, the current one highlighted, later ones plain.
    let current_index = app.stage.path_index();
    ui.horizontal_wrapped(|ui| {
        for (index, step) in Stage::MAIN_PATH.iter().enumerate() {
            let is_current = index == current_index;
            let shown = if is_current { app.stage } else { *step };
            let mut label = RichText::new(format!(
                "{}. {}",
                index + 1,
                lang.t(text::stage_name(shown))
            ));
            if is_current {
                label = label.strong();
            } else if index < current_index {
                label = label.color(theme::MUTED);
            }
            let button = egui::Button::new(label).selected(is_current);
            if ui.add_enabled(!read_only, button).clicked() && !is_current {
                actions.push(UiAction::AskStage(id.clone(), *step));
            }
            if index + 1 < Stage::MAIN_PATH.len() {
                ui.label("→");
            }
        }
    });
    ui.label(RichText::new(lang.t(text::stage_explain(app.stage))).italics());
    ui.horizontal_wrapped(|ui| {
        if let Some(next) = app.stage.next() {
            let text = format!(
                "{}: {} →",
                lang.t(text::NEXT_STEP),
                lang.t(text::stage_name(next))
            );
            if ui
                .add_enabled(!read_only, egui::Button::new(text))
                .clicked()
            {
                actions.push(UiAction::AskStage(id.clone(), next));
            }
        }
        let outcomes = app.stage.other_outcomes();
        if !outcomes.is_empty() {
            ui.menu_button(lang.t(text::OTHER_OUTCOMES), |ui| {
                for target in outcomes {
                    if ui
                        .add_enabled(
                            !read_only,
                            egui::Button::new(lang.t(text::stage_name(*target))),
                        )
                        .clicked()
                    {
                        actions.push(UiAction::AskStage(id.clone(), *target));
                    }
                }
            });
        }
        if app.stage.is_closed() && app.certificate.is_some() || app.stage == Stage::NotRecognised {
            for (kind, label) in [
                (ApplicationKind::Upgrade, text::START_UPGRADE),
                (ApplicationKind::ReRating, text::START_RERATING),
            ] {
                if ui
                    .add_enabled(!read_only, egui::Button::new(lang.t(label)))
                    .clicked()
                {
                    commands.push(Command::StartApplication {
                        id: id.clone(),
                        kind,
                        year: chrono::Datelike::year(&state.today),
                    });
                }
            }
        }
    });
    if let Some(cert) = app.certificate.as_ref() {
        // The current application's certificate can be corrected (a typo in the number,
        // the wrong date); the expiry and re-rating dates follow.
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(lang.t(text::FIELD_CERTIFICATE)).strong());
            ui.label(widgets::stars(cert.star));
            let salt = format!("cert-number-{}", id.as_str());
            if let Some(number) = widgets::text_field_width(
                ui,
                &salt,
                lang.t(text::CERT_NUMBER),
                &cert.number,
                false,
                !read_only,
                160.0,
            ) && !number.trim().is_empty()
            {
                commands.push(Command::SetCertificate {
                    id: id.clone(),
                    number: number.trim().to_owned(),
                    issued_on: cert.issued_on,
                });
            }
            let salt = format!("cert-date-{}", id.as_str());
            match widgets::date_field(
                ui,
                &salt,
                lang.t(text::CERT_ISSUED),
                Some(cert.issued_on),
                lang,
                !read_only,
            ) {
                Some(DateEdit::Set(Some(date))) => commands.push(Command::SetCertificate {
                    id: id.clone(),
                    number: cert.number.clone(),
                    issued_on: date,
                }),
                Some(DateEdit::Set(None)) | Some(DateEdit::Invalid(_)) => {
                    actions.push(UiAction::Report(format!(
                        "{}: {}",
                        lang.t(text::CERT_ISSUED),
                        lang.t(text::INVALID_DATE)
                    )))
                }
                None => {}
            }
            let expiry = deadlines::certificate_expiry(cert.issued_on);
            ui.label(format!(
                "{} {}",
                lang.t(text::FIELD_EXPIRES),
                expiry.map(|d| lang.date(d)).unwrap_or_default()
            ));
        });
    } else if let Some(cert) = product.latest_certificate() {
        let expiry = deadlines::certificate_expiry(cert.issued_on);
        ui.label(format!(
            "{}: {} {} · {} · {} {}",
            lang.t(text::FIELD_CERTIFICATE),
            widgets::stars(cert.star),
            cert.number,
            lang.date(cert.issued_on),
            lang.t(text::FIELD_EXPIRES),
            expiry.map(|d| lang.date(d)).unwrap_or_default()
        ));
    }
    // Every deadline of this application, with its rule.
    let all = deadlines::application_deadlines(product, app, state.today, &state.catalog.calendar);
    let template = state.catalog.template(&app.rule_version);
    for deadline in &all {
        // Process deadlines always; document expiries when overdue or within 60 days.
        let doc_name = match &deadline.document_key {
            None => None,
            Some(key)
                if (deadline.date - state.today).num_days() <= super::evidence::EXPIRING_DAYS =>
            {
                Some(template.and_then(|t| t.item(key)).map_or_else(
                    || key.clone(),
                    |i| lang.pick(&i.name_vi, &i.name_en).to_owned(),
                ))
            }
            Some(_) => continue,
        };
        ui.horizontal(|ui| {
            let rule = lang.t(text::deadline_name(deadline.kind));
            match doc_name {
                Some(doc) => ui.label(format!("{rule}: {doc}")),
                None => ui.label(format!("{rule}:")),
            };
            super::portfolio::deadline_label(ui, deadline, state.today, lang);
        });
    }
}

fn fields_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    lang: Lang,
    read_only: bool,
    commands: &mut Vec<Command>,
) {
    let id = &product.id;
    let enabled = !read_only;
    let set_text = |commands: &mut Vec<Command>, field: ProductField, value: Option<String>| {
        if let Some(value) = value {
            commands.push(Command::SetText {
                id: id.clone(),
                field,
                value,
            });
        }
    };
    egui::Grid::new("product-fields")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .min_col_width(140.0)
        .show(ui, |ui| {
            let rows: [(ProductField, text::Tr, &str, bool); 9] = [
                (ProductField::Name, text::FIELD_NAME, &product.name, false),
                (
                    ProductField::ProducerName,
                    text::FIELD_PRODUCER,
                    &product.producer.name,
                    false,
                ),
                (
                    ProductField::LegalRepresentative,
                    text::FIELD_REPRESENTATIVE,
                    &product.producer.legal_representative,
                    false,
                ),
                (
                    ProductField::Phone,
                    text::FIELD_PHONE,
                    &product.producer.phone,
                    false,
                ),
                (
                    ProductField::Address,
                    text::FIELD_ADDRESS,
                    &product.producer.address,
                    false,
                ),
                (
                    ProductField::Commune,
                    text::FIELD_COMMUNE,
                    &product.commune,
                    false,
                ),
                (
                    ProductField::ProductCode,
                    text::FIELD_CODE,
                    &product.product_code,
                    false,
                ),
                (
                    ProductField::Description,
                    text::FIELD_DESCRIPTION,
                    &product.description,
                    true,
                ),
                (ProductField::Notes, text::FIELD_NOTES, &product.notes, true),
            ];
            for (field, label, value, multiline) in rows {
                let salt = format!("field-{}-{field:?}", id.as_str());
                set_text(
                    commands,
                    field,
                    widgets::text_field(ui, &salt, lang.t(label), value, multiline, enabled),
                );
                ui.end_row();
            }
            let kind_label = ui.label(lang.t(text::FIELD_PRODUCER_KIND));
            let mut kind = product.producer.kind;
            ui.add_enabled_ui(enabled, |ui| {
                egui::ComboBox::from_id_salt("producer-kind")
                    .selected_text(lang.t(text::producer_kind_name(kind)))
                    .show_ui(ui, |ui| {
                        for k in ProducerKind::ALL {
                            ui.selectable_value(&mut kind, k, lang.t(text::producer_kind_name(k)));
                        }
                    })
                    .response
                    .labelled_by(kind_label.id);
            });
            if kind != product.producer.kind {
                commands.push(Command::SetProducerKind {
                    id: id.clone(),
                    kind,
                });
            }
            ui.end_row();
            let mut set = product.scoring_set;
            let set_label = ui.label(lang.t(text::FIELD_SET));
            ui.add_enabled_ui(enabled, |ui| {
                widgets::scoring_set_picker(
                    ui,
                    "product-set",
                    &mut set,
                    &state.catalog,
                    lang,
                    set_label.id,
                );
            });
            if set != product.scoring_set {
                commands.push(Command::SetScoringSet {
                    id: id.clone(),
                    scoring_set: set,
                });
            }
            ui.end_row();
            if let Some(app) = product.current() {
                let salt = format!("field-{}-app-notes", id.as_str());
                set_text(
                    commands,
                    ProductField::ApplicationNotes,
                    widgets::text_field(
                        ui,
                        &salt,
                        lang.t(text::FIELD_APP_NOTES),
                        &app.notes,
                        true,
                        enabled,
                    ),
                );
                ui.end_row();
            }
        });
}

#[allow(clippy::too_many_arguments)] // the screen's inputs plus its view state and outboxes
fn dossier_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    view: &mut ProductView,
    lang: Lang,
    read_only: bool,
    commands: &mut Vec<Command>,
    actions: &mut Vec<UiAction>,
) {
    let Some(app) = product.current() else {
        return;
    };
    let id = &product.id;
    let template = state.catalog.template(&app.rule_version);
    let completeness = dossier::completeness(&app.dossier, template);
    ui.add(
        egui::ProgressBar::new(f32::from(completeness.percent()) / 100.0)
            .text(format!(
                "{}% · {}/{} · {} {}",
                completeness.percent(),
                completeness.ready,
                completeness.applicable,
                completeness.required_missing,
                lang.t(text::DOC_REQUIRED)
            ))
            .desired_width(420.0),
    );
    ui.add_space(4.0);
    for entry in &app.dossier {
        let item = template.and_then(|t| t.item(&entry.key));
        let name = item.map_or(entry.key.as_str(), |i| lang.pick(&i.name_vi, &i.name_en));
        let group = ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let mut ready = entry.status == DocStatus::Ready;
                let checkbox = ui.add_enabled(!read_only, egui::Checkbox::new(&mut ready, name));
                if checkbox.changed() {
                    commands.push(Command::SetDocStatus {
                        id: id.clone(),
                        key: entry.key.clone(),
                        status: if ready {
                            DocStatus::Ready
                        } else {
                            DocStatus::Missing
                        },
                    });
                }
            });
            ui.horizontal_wrapped(|ui| {
                super::evidence::attach_button(ui, id, &entry.key, lang, read_only, actions);
                if let Some(item) = item {
                    ui.label(
                        RichText::new(format!(
                            "{} · {}",
                            lang.t(text::provider_name(item.provider)),
                            lang.t(text::requirement_name(item.requirement))
                        ))
                        .small()
                        .color(theme::MUTED),
                    );
                } else {
                    ui.label(
                        RichText::new(lang.t(text::DOC_UNKNOWN))
                            .small()
                            .color(theme::WARN),
                    );
                }
                let status_label = ui.label(lang.t(text::DOC_STATUS));
                let mut status = entry.status;
                ui.add_enabled_ui(!read_only, |ui| {
                    egui::ComboBox::from_id_salt(format!("status-{}", entry.key))
                        .selected_text(lang.t(text::doc_status_name(status)))
                        .width(130.0)
                        .show_ui(ui, |ui| {
                            for s in DocStatus::ALL {
                                ui.selectable_value(
                                    &mut status,
                                    s,
                                    lang.t(text::doc_status_name(s)),
                                );
                            }
                        })
                        .response
                        .labelled_by(status_label.id);
                });
                if status != entry.status {
                    commands.push(Command::SetDocStatus {
                        id: id.clone(),
                        key: entry.key.clone(),
                        status,
                    });
                }
                for (which, label, value) in [
                    (DocDate::Issued, text::DOC_ISSUED, entry.issued_on),
                    (
                        DocDate::ValidUntil,
                        text::DOC_VALID_UNTIL,
                        entry.valid_until,
                    ),
                ] {
                    let show = which == DocDate::Issued
                        || value.is_some()
                        || item.is_some_and(|i| i.has_validity);
                    if !show {
                        continue;
                    }
                    let salt = format!("date-{}-{}-{which:?}", id.as_str(), entry.key);
                    match widgets::date_field(ui, &salt, lang.t(label), value, lang, !read_only) {
                        Some(DateEdit::Set(date)) => commands.push(Command::SetDocDate {
                            id: id.clone(),
                            key: entry.key.clone(),
                            which,
                            date,
                        }),
                        Some(DateEdit::Invalid(raw)) => {
                            ui.ctx().data_mut(|d| {
                                d.insert_temp(
                                    egui::Id::unique("date-error"),
                                    format!(
                                        "{} ({name}): “{raw}” — {}",
                                        lang.t(label),
                                        lang.t(text::INVALID_DATE)
                                    ),
                                );
                            });
                        }
                        None => {}
                    }
                    if which == DocDate::ValidUntil
                        && let Some(until) = value
                    {
                        let days = (until - state.today).num_days();
                        if days < 0 {
                            ui.colored_label(
                                theme::ERROR,
                                format!(
                                    "⚠ {} {} {}",
                                    lang.t(text::OVERDUE),
                                    -days,
                                    lang.t(text::DAYS)
                                ),
                            );
                        } else if days <= 60 {
                            ui.colored_label(
                                theme::WARN,
                                format!("{days} {}", lang.t(text::DAYS_LEFT)),
                            );
                        }
                    }
                }
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
                ) {
                    commands.push(Command::SetDocNote {
                        id: id.clone(),
                        key: entry.key.clone(),
                        note,
                    });
                }
            });
            super::evidence::attachments_ui(
                ui, state, product, entry, lang, read_only, commands, actions,
            );
        });
        if view.highlight_doc.as_deref() == Some(entry.key.as_str()) {
            ui.painter().rect_stroke(
                group.response.rect.expand(2.0),
                4.0,
                egui::Stroke::new(2.5, theme::WARN),
                egui::StrokeKind::Outside,
            );
            if view.scroll_pending {
                group.response.scroll_to_me(Some(egui::Align::Center));
                view.scroll_pending = false;
            }
        }
        // Where files dropped on the window land: the document under the pointer.
        super::evidence::register_drop_target(
            ui.ctx(),
            &product.id,
            &entry.key,
            group.response.rect,
        );
    }
}

/// State of the "what does this move need" dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct StageDialog {
    /// Product.
    pub product: ProductId,
    /// Target stage.
    pub target: Stage,
    /// Fields to ask for.
    pub fields: Vec<StageField>,
    /// Typed values.
    pub values: BTreeMap<StageField, String>,
    /// Error naming the field.
    pub error: Option<String>,
    /// Main-path stages the move jumps over (shown as a warning).
    pub skipped: Vec<Stage>,
    /// Required dossier documents not ready yet (shown as a warning).
    pub required_missing: usize,
    /// Today, for the "Today" buttons of date fields.
    pub today: chrono::NaiveDate,
}

impl StageDialog {
    /// Whether the move needs the dialog at all (information to ask, or a warning).
    pub fn needed(&self) -> bool {
        !self.fields.is_empty() || !self.skipped.is_empty() || self.required_missing > 0
    }

    /// A dialog for moving `id` to `target`, asking only what is missing.
    pub fn new(state: &AppState, id: &ProductId, target: Stage) -> Self {
        let fields = state
            .workspace
            .products
            .get(id)
            .and_then(|p| p.current())
            .map(|app| stage::missing_fields(app, target, &StageInput::default()))
            .unwrap_or_default();
        let mut values = BTreeMap::new();
        for field in &fields {
            // Dates start empty: a pre-filled "today" is too easy to save by mistake.
            let default = match field {
                StageField::CertificateStar => "3".to_owned(),
                _ => String::new(),
            };
            values.insert(*field, default);
        }
        let app = state.workspace.products.get(id).and_then(|p| p.current());
        let (skipped, required_missing) = match app {
            Some(app) => {
                let from = app.stage.path_index();
                let to = target.path_index();
                let skipped: Vec<Stage> = Stage::MAIN_PATH
                    .iter()
                    .copied()
                    .filter(|s| s.path_index() > from && s.path_index() < to)
                    .collect();
                // Moving the dossier on to the commune or beyond with required items missing.
                let required_missing = if to >= Stage::SubmittedToCommune.path_index() && to > from
                {
                    dossier::completeness(&app.dossier, state.catalog.template(&app.rule_version))
                        .required_missing
                } else {
                    0
                };
                (skipped, required_missing)
            }
            None => (Vec::new(), 0),
        };
        StageDialog {
            product: id.clone(),
            target,
            fields,
            values,
            error: None,
            skipped,
            required_missing,
            today: state.today,
        }
    }

    /// Parses the typed values; the error names the field.
    pub fn input(&self, lang: Lang) -> Result<StageInput, String> {
        let mut input = StageInput::default();
        for field in &self.fields {
            let raw = self
                .values
                .get(field)
                .map(String::as_str)
                .unwrap_or("")
                .trim();
            let name = lang.t(text::stage_field_name(*field));
            let date = || {
                widgets::parse_date(raw)
                    .ok_or_else(|| format!("{name}: “{raw}” — {}", lang.t(text::INVALID_DATE)))
            };
            match field {
                StageField::ReceivedByCommune => input.received_by_commune = Some(date()?),
                StageField::ForwardedToProvince => input.forwarded_to_province = Some(date()?),
                StageField::SentToMinistry => input.sent_to_ministry = Some(date()?),
                StageField::CertificateIssued => input.certificate_issued = Some(date()?),
                StageField::NotRecognisedOn => input.not_recognised_on = Some(date()?),
                StageField::RevocationDate => input.revocation_date = Some(date()?),
                StageField::ProvincialScore => {
                    let score: f32 = raw
                        .replace(',', ".")
                        .parse()
                        .map_err(|_| format!("{name}: “{raw}”"))?;
                    input.provincial_score = Some(score);
                }
                StageField::CertificateStar => {
                    let star: u8 = raw.parse().map_err(|_| format!("{name}: “{raw}”"))?;
                    input.certificate_star = Some(star);
                }
                StageField::CertificateNumber => {
                    if raw.is_empty() {
                        return Err(format!("{name}: {}", lang.t(text::NOT_SET)));
                    }
                    input.certificate_number = Some(raw.to_owned());
                }
                StageField::RevocationReason => {
                    if raw.is_empty() {
                        return Err(format!("{name}: {}", lang.t(text::NOT_SET)));
                    }
                    input.revocation_reason = Some(raw.to_owned());
                }
            }
        }
        Ok(input)
    }
}

/// Draws the stage dialog; returns true when it should close.
pub fn stage_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut StageDialog,
    lang: Lang,
    commands: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("stage-dialog")).show(ctx, |ui| {
        ui.heading(format!(
            "{} → {}",
            lang.t(text::STAGE_DIALOG_TITLE),
            lang.t(text::stage_name(dialog.target))
        ));
        if !dialog.skipped.is_empty() {
            let names: Vec<&str> = dialog
                .skipped
                .iter()
                .map(|s| lang.t(text::stage_name(*s)))
                .collect();
            ui.colored_label(
                theme::WARN,
                format!("{} {}", lang.t(text::SKIPS_STEPS), names.join(", ")),
            );
        }
        if dialog.required_missing > 0 {
            ui.colored_label(
                theme::WARN,
                format!(
                    "{} {}",
                    dialog.required_missing,
                    lang.t(text::REQUIRED_NOT_READY)
                ),
            );
        }
        if !dialog.fields.is_empty() {
            ui.label(lang.t(text::STAGE_DIALOG_NEEDS));
        }
        let dialog_today = dialog.today;
        egui::Grid::new("stage-fields")
            .num_columns(2)
            .show(ui, |ui| {
                for field in dialog.fields.clone() {
                    let label = ui.label(lang.t(text::stage_field_name(field)));
                    let value = dialog.values.entry(field).or_default();
                    if field == StageField::CertificateStar {
                        ui.horizontal(|ui| {
                            for star in ["3", "4", "5"] {
                                ui.radio_value(value, star.to_owned(), format!("{star} ★"));
                            }
                        });
                    } else {
                        let hint = match field {
                            StageField::ProvincialScore => "0–100",
                            StageField::CertificateNumber | StageField::RevocationReason => "",
                            _ => lang.t(text::DATE_HINT),
                        };
                        ui.horizontal(|ui| {
                            ui.add(egui::TextEdit::singleline(value).hint_text(hint))
                                .labelled_by(label.id);
                            let is_date = !matches!(
                                field,
                                StageField::ProvincialScore
                                    | StageField::CertificateNumber
                                    | StageField::RevocationReason
                            );
                            if is_date && ui.small_button(lang.t(text::TODAY_BUTTON)).clicked() {
                                *value = dialog_today.format("%d/%m/%Y").to_string();
                            }
                        });
                    }
                    ui.end_row();
                }
            });
        if let Some(err) = &dialog.error {
            ui.colored_label(theme::ERROR, err);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(text::CONFIRM)).clicked() {
                match dialog.input(lang) {
                    Ok(input) => {
                        commands.push(Command::ChangeStage {
                            id: dialog.product.clone(),
                            target: dialog.target,
                            input: Box::new(input),
                        });
                        close = true;
                    }
                    Err(err) => dialog.error = Some(err),
                }
            }
            if ui.button(lang.t(text::CANCEL)).clicked() {
                close = true;
            }
        });
    });
    close
}
