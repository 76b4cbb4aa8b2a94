//! The stage dialog: what a move needs (dates, star, certificate), and warnings about
//! skipped steps and unfinished required documents.

use std::collections::BTreeMap;

use crate::app::AppState;
use crate::command::Command;
use crate::domain::dossier::{self};
use crate::domain::model::ProductId;
use crate::domain::scoring;
use crate::domain::stage::{self, Stage, StageField, StageInput};

use super::text::{self, Lang};
use super::theme;
use super::widgets::{self};

/// State of the "what does this move need" dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct StageDialog {
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
    /// Their names in both languages [vi, en], so the warning names them (as the
    /// Overview counts them).
    pub missing_names: Vec<[String; 2]>,
    /// Today, for the "Today" buttons of date fields.
    pub today: chrono::NaiveDate,
    /// The star the product's own score sheet predicts (0: below 3★ or eliminated;
    /// None: nothing scored), to warn when the certificate's star is higher.
    pub predicted_star: Option<u8>,
}

/// The star the current score sheet predicts: the commune's view once it has answers,
/// else the producer's self-assessment; 0 below 3★; None when nothing is scored.
fn predicted_star(state: &AppState, id: &ProductId) -> Option<u8> {
    let product = state.workspace().products.get(id)?;
    let app = product.current()?;
    let sheet = if app.scores.commune_view.answers.is_empty() {
        &app.scores.self_assessment
    } else {
        &app.scores.commune_view
    };
    if sheet.answers.is_empty() {
        return None;
    }
    let set = state
        .catalog()
        .scoring_set(&app.rule_version, product.scoring_set)?;
    Some(match scoring::evaluate(set, sheet).outcome() {
        scoring::Outcome::Recognised(star) => star,
        scoring::Outcome::NotRecognised | scoring::Outcome::Eliminated => 0,
    })
}

impl StageDialog {
    /// Whether the move needs the dialog at all (information to ask, or a warning).
    pub fn needed(&self) -> bool {
        !self.fields.is_empty() || !self.skipped.is_empty() || self.required_missing > 0
    }

    /// A dialog for moving `id` to `target`, asking only what is missing.
    pub fn new(state: &AppState, id: &ProductId, target: Stage) -> Self {
        let fields = state
            .workspace()
            .products
            .get(id)
            .and_then(|p| p.current())
            .map(|app| stage::missing_fields(app, target, &StageInput::default()))
            .unwrap_or_default();
        let mut values = BTreeMap::new();
        for field in &fields {
            // Everything starts empty: a pre-filled "today" or "3★" is too easy to save by
            // mistake.
            values.insert(*field, String::new());
        }
        let app = state.workspace().products.get(id).and_then(|p| p.current());
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
                    dossier::completeness(&app.dossier, state.catalog().template(&app.rule_version))
                        .required_missing
                } else {
                    0
                };
                (skipped, required_missing)
            }
            None => (Vec::new(), 0),
        };
        // Which ones: named in the warning (a count alone sends the officer searching).
        let missing_names = if required_missing > 0 {
            state
                .workspace()
                .products
                .get(id)
                .and_then(|p| {
                    crate::domain::status::product_status_for(
                        p,
                        state.catalog(),
                        state.today(),
                        state.side(),
                    )
                })
                .map(|status| {
                    status
                        .missing_required()
                        .map(|line| {
                            line.item.map_or_else(
                                || [line.entry.key.clone(), line.entry.key.clone()],
                                |i| [i.name_vi.clone(), i.name_en.clone()],
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        StageDialog {
            product: id.clone(),
            target,
            fields,
            values,
            error: None,
            skipped,
            required_missing,
            missing_names,
            today: state.today(),
            predicted_star: predicted_star(state, id),
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
                    if raw.is_empty() {
                        return Err(format!("{name}: {}", lang.t(text::STAR_NOT_CHOSEN)));
                    }
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
                theme::warn(),
                format!("{} {}", lang.t(text::SKIPS_STEPS), names.join(", ")),
            );
        }
        if dialog.required_missing > 0 {
            ui.colored_label(
                theme::warn(),
                format!(
                    "{} {}",
                    dialog.required_missing,
                    lang.t(text::REQUIRED_NOT_READY)
                ),
            );
            for [vi, en] in &dialog.missing_names {
                ui.label(
                    egui::RichText::new(format!("• {}", lang.pick(vi, en))).color(theme::warn()),
                );
            }
        }
        if !dialog.fields.is_empty() {
            ui.label(lang.t(text::STAGE_DIALOG_NEEDS));
        }
        let dialog_today = dialog.today;
        let values_before = dialog.values.clone();
        egui::Grid::new("stage-fields")
            .num_columns(2)
            .show(ui, |ui| {
                for field in dialog.fields.clone() {
                    let label = ui.label(lang.t(text::stage_field_name(field)));
                    let value = dialog.values.entry(field).or_default();
                    if field == StageField::CertificateStar {
                        ui.vertical(|ui| {
                            ui.horizontal(|ui| {
                                for star in ["3", "4", "5"] {
                                    ui.radio_value(value, star.to_owned(), format!("{star} ★"));
                                }
                            });
                            if let Some(warning) = star_warning(value, dialog.predicted_star, lang)
                            {
                                ui.colored_label(theme::warn(), warning);
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
        // An error shown for earlier input goes as soon as the input is fixed (typed, or
        // "Today" clicked); it is recomputed, so a remaining problem stays named.
        if dialog.error.is_some() && dialog.values != values_before {
            dialog.error = dialog.input(lang).err();
        }
        if let Some(err) = &dialog.error {
            ui.colored_label(theme::error(), err);
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

/// A warning when the chosen certificate star is above the score sheet's prediction.
fn star_warning(chosen: &str, predicted: Option<u8>, lang: Lang) -> Option<String> {
    let chosen: u8 = chosen.parse().ok()?;
    let predicted = predicted?;
    if chosen <= predicted {
        return None;
    }
    let prediction = if predicted == 0 {
        lang.t(text::NOT_RECOGNISABLE).to_owned()
    } else {
        format!(
            "{} ({predicted} {})",
            widgets::stars(predicted),
            lang.t(text::STARS)
        )
    };
    Some(format!(
        "⚠ {chosen} ★ {} {prediction}",
        lang.t(text::STAR_ABOVE_PREDICTION)
    ))
}
