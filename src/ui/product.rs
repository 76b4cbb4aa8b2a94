//! The product screen: tabs, the stage stepper with what comes next and every deadline,
//! the product's fields. The dossier tab, the history timeline and the stage dialog live
//! in `dossier.rs`, `history.rs` and `stage_dialog.rs`.

use egui::RichText;

use crate::app::sides;
use crate::command::{Command, CommandError, TextField};
use crate::domain::deadlines;
use crate::domain::model::{
    Application, ApplicationKind, Certificate, FormText, ProducerKind, Product, ProductId,
};
use crate::domain::sides::Part;
use crate::domain::stage::Stage;

use super::context::ScreenCtx;
use super::text::{self, Lang};
use super::widgets::{self, DateEdit};
use super::{UiAction, theme};

pub use super::history::change_text;
pub use super::stage_dialog::{StageDialog, stage_dialog_ui};

/// Text for a refused command, naming the field where there is one.
pub fn command_error_text(err: &CommandError, lang: Lang) -> String {
    text::command_error(err, lang)
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
    pub sheet: crate::command::Sheet,
    /// The officer picked a sheet (else each side starts on its own).
    pub sheet_chosen: bool,
    /// Dossier document to highlight (opened from the dashboard).
    pub highlight_doc: Option<String>,
    /// Whether the highlighted document still has to be scrolled into view.
    pub scroll_pending: bool,
    /// Dossier tab: show only documents still to do (not ready, not "not applicable").
    pub only_missing: bool,
    /// The document whose status was just changed here: it stays in the "only missing"
    /// list, ticked, until another is changed or the screen is left, so that a click
    /// never makes a row vanish without a trace (Ctrl+Z is still at hand).
    pub just_changed: Option<String>,
    /// The change history's lines as last worded (kept per product, revision and
    /// language: a frame with the section open only draws them).
    pub changelog: super::history::ChangelogLines,
}

/// Draws the product screen.
pub fn product_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    view: &mut ProductView,
) {
    let (state, lang) = (ctx.state, ctx.lang);
    // A product that must not be written (newer schema, unknown fields), or a window in
    // which nothing is edited (another window holds the workspace, a bundle under review,
    // many communes: the reason is in the banner at the top).
    let file_read_only = state.read_only().contains(&product.id);
    let mut ctx = ctx.read_only_if(file_read_only || state.workspace_locked().is_some());
    let id = &product.id;
    title_bar_ui(ui, &mut ctx, product);
    if file_read_only && state.source().is_workspace() {
        ui.colored_label(theme::warn(), lang.t(text::READ_ONLY_EXPLAIN));
    }
    super::conflict::banner_ui(ui, state, product, lang, ctx.actions());
    tabs_ui(ui, view, lang);
    ui.separator();
    if view.tab == ProductTab::Scoring {
        // Each side starts on its own sheet: the commune's view in a commune's
        // workspace (the self-assessment there is the producer's, view only).
        if !view.sheet_chosen {
            view.sheet = match state.side() {
                crate::domain::model::WorkspaceKind::Commune => crate::command::Sheet::Commune,
                crate::domain::model::WorkspaceKind::Producer => {
                    crate::command::Sheet::SelfAssessment
                }
            };
        }
        let shown = view.sheet;
        super::scoring::scoring_ui(ui, &mut ctx, product, &mut view.sheet);
        view.sheet_chosen |= view.sheet != shown;
        return;
    }
    egui::ScrollArea::vertical()
        // Per product: each product opens at its top, not where the last one was left.
        .id_salt((
            "product-scroll",
            id.as_str(),
            view.tab == ProductTab::Dossier,
        ))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.tab == ProductTab::Dossier {
                super::dossier::dossier_ui(ui, &mut ctx, product, view);
                return;
            }
            overview_ui(ui, &mut ctx, product, &mut view.changelog);
        });
}

/// Back, the product's name and where it came from; delete and export on the right.
fn title_bar_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, product: &Product) {
    let (state, lang, read_only) = (ctx.state, ctx.lang, ctx.read_only);
    let id = &product.id;
    ui.horizontal(|ui| {
        if ui.button(lang.t(text::BACK)).clicked() {
            ctx.action(UiAction::Back);
        }
        ui.heading(&product.name);
        if product.is_example {
            ui.label(RichText::new(format!("({})", lang.t(text::EXAMPLE))).color(theme::muted()));
        }
        // In the many-communes view: which commune's folder or which bundle it came from.
        if let Some(source) = state.source_of(&product.id) {
            ui.label(
                RichText::new(format!("· {}: {source}", lang.t(text::MANY_SOURCE)))
                    .color(theme::muted()),
            );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add_enabled(!read_only, egui::Button::new(lang.t(text::DELETE_PRODUCT)))
                .clicked()
            {
                ctx.action(UiAction::AskDelete(id.clone()));
            }
            super::glance::export_menu(
                ui,
                product,
                lang,
                state.source().is_workspace(),
                ctx.actions(),
            );
        });
    });
}

/// The row of tabs: overview, dossier, scoring.
fn tabs_ui(ui: &mut egui::Ui, view: &mut ProductView, lang: Lang) {
    ui.horizontal(|ui| {
        for (tab, label) in [
            (ProductTab::Overview, text::TAB_OVERVIEW),
            (ProductTab::Dossier, text::TAB_DOSSIER),
            (ProductTab::Scoring, text::TAB_SCORING),
        ] {
            if ui
                .selectable_value(&mut view.tab, tab, RichText::new(lang.t(label)).size(16.0))
                .clicked()
            {
                // Leaving the dossier lets a document just marked ready leave its list.
                view.just_changed = None;
            }
        }
    });
}

/// The overview tab: the product at a glance, remarks, the process, its fields, form
/// texts, earlier applications and the change log.
fn overview_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    changelog: &mut super::history::ChangelogLines,
) {
    let (state, lang) = (ctx.state, ctx.lang);
    let id = &product.id;
    super::glance::glance_ui(ui, state, product, lang, ctx.actions());
    ui.add_space(8.0);
    // The other side's remarks, then this side's: what the commune asks of the
    // cooperative, and its replies (`domain::remarks`).
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        super::remarks::overview_remarks_ui(ui, &mut ctx.for_remarks(), product);
    });
    ui.add_space(8.0);
    process_ui(ui, ctx, product);
    ui.add_space(8.0);
    egui::CollapsingHeader::new(lang.t(text::SECTION_PRODUCT))
        .default_open(true)
        .show(ui, |ui| fields_ui(ui, ctx, product));
    egui::CollapsingHeader::new(lang.t(text::SECTION_FORMS))
        .default_open(false)
        .show(ui, |ui| {
            let editable: Vec<FormText> = FormText::ALL
                .into_iter()
                .filter(|f| ctx.may_edit(id, Part::Form(*f)))
                .collect();
            super::glance::form_texts_ui(
                ui,
                product,
                lang,
                &|f| editable.contains(&f),
                state.side(),
                ctx.commands(),
            )
        });
    if product.applications.len() > 1 {
        egui::CollapsingHeader::new(lang.t(text::SECTION_HISTORY))
            .default_open(false)
            .show(ui, |ui| earlier_applications_ui(ui, product, lang));
    }
    egui::CollapsingHeader::new(lang.t(text::SECTION_CHANGELOG))
        .default_open(false)
        .show(ui, |ui| {
            super::history::changelog_ui(ui, state, product, lang, changelog)
        });
}

/// One line per earlier application (newest first): kind, year, stage, certificate.
fn earlier_applications_ui(ui: &mut egui::Ui, product: &Product, lang: Lang) {
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
}

/// The current application's process: the stage stepper, what comes next, the
/// certificate and every deadline.
fn process_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, product: &Product) {
    let lang = ctx.lang;
    let id = &product.id;
    let Some(app) = product.current() else {
        return;
    };
    // A cooperative's own workspace moves its copy only while preparing the dossier; the
    // rest of the process and the certificate are the commune's (`domain::sides`).
    let movable: Vec<Stage> = Stage::MAIN_PATH
        .iter()
        .chain(app.stage.other_outcomes())
        .copied()
        .filter(|target| {
            ctx.may_edit(
                id,
                Part::Stage {
                    current: app.stage,
                    target: *target,
                },
            )
        })
        .collect();
    ui.heading(lang.t(text::SECTION_PROCESS));
    ui.label(format!(
        "{}: {} {} · {}: {}",
        lang.t(text::FIELD_KIND),
        lang.t(text::application_kind_name(app.kind)),
        app.year,
        lang.t(text::FIELD_RULES),
        app.rule_version
    ));
    stepper_ui(ui, ctx, id, app, &movable);
    ui.label(RichText::new(lang.t(text::stage_explain(app.stage))).italics());
    next_steps_ui(ui, ctx, id, app, &movable);
    certificate_ui(ui, ctx, product, app);
    deadlines_ui(ui, ctx, product, app);
}

/// The stepper: done steps muted, the current one highlighted, later ones plain; a step
/// this side may move to (one of `movable`) asks for the move.
fn stepper_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    id: &ProductId,
    app: &Application,
    movable: &[Stage],
) {
    let (lang, read_only) = (ctx.lang, ctx.read_only);
    let others_hint = ctx.others_part_hint();
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
                label = label.color(theme::muted());
            }
            let button = egui::Button::new(label).selected(is_current);
            let response = ui.add_enabled(movable.contains(step) || is_current, button);
            if response.clicked() && !is_current {
                ctx.action(UiAction::AskStage(id.clone(), *step));
            }
            if !read_only {
                response.on_disabled_hover_text(others_hint);
            }
            if index + 1 < Stage::MAIN_PATH.len() {
                ui.label("→");
            }
        }
    });
}

/// The next step, the other outcomes, and after a closed application the start of an
/// upgrade or a re-rating.
fn next_steps_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    id: &ProductId,
    app: &Application,
    movable: &[Stage],
) {
    let (state, lang, read_only) = (ctx.state, ctx.lang, ctx.read_only);
    let others_hint = ctx.others_part_hint();
    ui.horizontal_wrapped(|ui| {
        if let Some(next) = app.stage.next() {
            let text = format!(
                "{}: {} →",
                lang.t(text::NEXT_STEP),
                lang.t(text::stage_name(next))
            );
            let response = ui.add_enabled(movable.contains(&next), egui::Button::new(text));
            if response.clicked() {
                ctx.action(UiAction::AskStage(id.clone(), next));
            }
            if !read_only {
                response.on_disabled_hover_text(others_hint);
            }
        }
        let outcomes = app.stage.other_outcomes();
        if !outcomes.is_empty() {
            ui.menu_button(lang.t(text::OTHER_OUTCOMES), |ui| {
                for target in outcomes {
                    if ui
                        .add_enabled(
                            movable.contains(target),
                            egui::Button::new(lang.t(text::stage_name(*target))),
                        )
                        .clicked()
                    {
                        ctx.action(UiAction::AskStage(id.clone(), *target));
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
                    ctx.command(Command::StartApplication {
                        id: id.clone(),
                        kind,
                        year: chrono::Datelike::year(&state.today()),
                    });
                }
            }
        }
    });
}

/// The current application's certificate, editable; without one, the product's latest
/// certificate (struck through with the reason once lapsed).
fn certificate_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    app: &Application,
) {
    let (state, lang) = (ctx.state, ctx.lang);
    if let Some(cert) = app.certificate.as_ref() {
        certificate_edit_ui(ui, ctx, product, app, cert);
    } else if let Some((cert, standing)) = product.certificate_standing(state.today()) {
        let expiry = product.latest_certificate_expiry();
        let line = format!(
            "{}: {} {} · {} · {} {}",
            lang.t(text::FIELD_CERTIFICATE),
            widgets::stars(cert.star),
            cert.number,
            lang.date(cert.issued_on),
            lang.t(text::FIELD_EXPIRES),
            expiry.map(|d| lang.date(d)).unwrap_or_default()
        );
        let (short, detail) = super::portfolio::lapsed_text(&standing, lang);
        if short.is_empty() {
            ui.label(line);
        } else {
            ui.label(RichText::new(line).strikethrough().color(theme::muted()));
            ui.colored_label(theme::warn(), detail);
        }
    }
}

/// The current application's certificate can be corrected (a typo in the number, the
/// wrong date); the expiry and re-rating dates follow.
fn certificate_edit_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    app: &Application,
    cert: &Certificate,
) {
    let lang = ctx.lang;
    let id = &product.id;
    let certificate_editable = ctx.may_edit(id, Part::Certificate);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.t(text::FIELD_CERTIFICATE)).strong());
        ui.label(widgets::stars(cert.star));
        let salt = format!("cert-number-{}", id.as_str());
        if let Some(number) = widgets::text_field_width(
            ui,
            &salt,
            lang.t(text::CERT_NUMBER),
            &cert.number,
            certificate_editable,
            160.0,
            lang,
        ) && !number.trim().is_empty()
        {
            ctx.command(Command::SetCertificate {
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
            certificate_editable,
        ) {
            Some(DateEdit::Set(Some(date))) => ctx.command(Command::SetCertificate {
                id: id.clone(),
                number: cert.number.clone(),
                issued_on: date,
            }),
            Some(DateEdit::Set(None)) | Some(DateEdit::Invalid(_)) => {
                ctx.action(UiAction::Report(crate::app::Notice::InvalidDate {
                    field: text::CERT_ISSUED,
                    file: None,
                    typed: None,
                }))
            }
            None => {}
        }
        let expiry = app.certificate_expiry();
        ui.label(format!(
            "{} {}",
            lang.t(text::FIELD_EXPIRES),
            expiry.map(|d| lang.date(d)).unwrap_or_default()
        ));
    });
}

/// Every deadline of this application, with its rule.
fn deadlines_ui(ui: &mut egui::Ui, ctx: &ScreenCtx<'_>, product: &Product, app: &Application) {
    let (state, lang) = (ctx.state, ctx.lang);
    let all = deadlines::for_side(
        deadlines::application_deadlines(product, app, state.today(), &state.catalog().calendar),
        state.workspace().info.kind,
    );
    for deadline in &all {
        // Every deadline, document expiries too (a product has a handful), in date order:
        // the dashboard lists the same ones, so both screens agree.
        let doc_name = deadline
            .document_key
            .as_ref()
            .map(|key| text::document_name(state.catalog(), product, key, lang));
        ui.horizontal(|ui| {
            let rule = lang.t(text::deadline_name_on(
                deadline.kind,
                deadline.date,
                state.today(),
            ));
            match doc_name {
                Some(doc) => ui.label(format!("{rule}: {doc}")),
                None => ui.label(format!("{rule}:")),
            };
            super::portfolio::deadline_label(ui, deadline, state.today(), lang);
        });
    }
}

fn fields_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, product: &Product) {
    let (state, lang, read_only) = (ctx.state, ctx.lang, ctx.read_only);
    let id = &product.id;
    let enabled = !read_only;
    let mut any_locked = false;
    let set_text = |commands: &mut Vec<Command>, field: TextField, value: Option<String>| {
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
            let rows: [(TextField, text::Tr, bool); 9] = [
                (TextField::Name, text::FIELD_NAME, false),
                (TextField::Producer, text::FIELD_PRODUCER, false),
                (
                    TextField::LegalRepresentative,
                    text::FIELD_REPRESENTATIVE,
                    false,
                ),
                (TextField::Phone, text::FIELD_PHONE, false),
                (TextField::Address, text::FIELD_ADDRESS, false),
                (TextField::Commune, text::FIELD_COMMUNE, false),
                (TextField::ProductCode, text::FIELD_CODE, false),
                (TextField::Description, text::FIELD_DESCRIPTION, true),
                (TextField::Notes, text::FIELD_NOTES, true),
            ];
            for (field, label, multiline) in rows {
                let value = field.get(product, None);
                let salt = format!("field-{}-{field:?}", id.as_str());
                // Each side edits its own fields (`domain::sides`): the producer its
                // details, the commune the commune and the OCOP code.
                let editable = ctx.may_edit(id, sides::text_part(field));
                any_locked |= enabled && !editable;
                set_text(
                    ctx.commands(),
                    field,
                    widgets::text_field(ui, &salt, lang.t(label), value, multiline, editable, lang),
                );
                ui.end_row();
            }
            let kind_label = ui.label(lang.t(text::FIELD_PRODUCER_KIND));
            let mut kind = product.producer.kind;
            ui.add_enabled_ui(ctx.may_edit(id, Part::ProducerDetails), |ui| {
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
                ctx.command(Command::SetProducerKind {
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
                    state.catalog(),
                    lang,
                    set_label.id,
                );
            });
            if set != product.scoring_set {
                ctx.command(Command::SetScoringSet {
                    id: id.clone(),
                    scoring_set: set,
                });
            }
            ui.end_row();
            if let Some(app) = product.current() {
                let salt = format!("field-{}-app-notes", id.as_str());
                let notes_editable = ctx.may_edit(id, Part::ApplicationNotes);
                set_text(
                    ctx.commands(),
                    TextField::ApplicationNotes,
                    widgets::text_field(
                        ui,
                        &salt,
                        lang.t(text::FIELD_APP_NOTES),
                        &app.notes,
                        true,
                        // The application's notes are the commune's (`domain::sides`).
                        notes_editable,
                        lang,
                    ),
                );
                ui.end_row();
            }
        });
    // The commune's switch: does the producer keep its own copy (its parts then view-only
    // here)? Turned on by receiving its bundle; off for a paper dossier the commune enters.
    if ctx.state.side() == crate::domain::model::WorkspaceKind::Commune {
        let mut kept = product.kept_by_producer;
        let enabled = ctx.may_edit(id, Part::KeptByProducer);
        if ui
            .add_enabled(
                enabled,
                egui::Checkbox::new(&mut kept, lang.t(text::KEPT_BY_PRODUCER)),
            )
            .on_hover_text(lang.t(text::KEPT_BY_PRODUCER_HINT))
            .changed()
        {
            ctx.command(Command::SetKeptByProducer {
                id: id.clone(),
                kept,
            });
        }
    }
    // Why some fields are grey: the other side's (`domain::sides`).
    if any_locked {
        ui.label(
            RichText::new(format!("⊘ {}", ctx.others_part_hint()))
                .small()
                .color(theme::muted()),
        );
    }
}
