//! File → Export → the commune's periodic report: a small dialog for the period (a half
//! year, the year, or dates), the format (Word or Excel) and, for Word, the officer's
//! own words for Parts II–IV. "Export" queues [`UiAction::ExportSummary`]; the save
//! dialog and the writing are `actions.rs` and `AppState::export_summary`.

use chrono::{Datelike, NaiveDate};
use egui::RichText;

use crate::app::summary::{SummaryFormat, SummaryRequest};
use crate::domain::summary::{Period, PeriodKind, SummaryTexts};

use super::text::{self, Lang};
use super::{OcopApp, UiAction, theme, widgets};

/// Which period the officer picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    /// 1/1 – 30/6 of the year.
    FirstHalf,
    /// 1/7 – 31/12 of the year.
    SecondHalf,
    /// The whole year.
    Year,
    /// From one date to another.
    Dates,
}

/// The dialog's state while it is open.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryDialog {
    pub choice: PeriodChoice,
    /// The year of a half or whole year.
    pub year: i32,
    /// First day as typed (dd/mm/yyyy), for [`PeriodChoice::Dates`].
    pub from: String,
    /// Last day as typed.
    pub to: String,
    pub format: SummaryFormat,
    /// The officer's words for Parts II–IV (Word only).
    pub texts: SummaryTexts,
}

impl SummaryDialog {
    /// The dialog as it opens on `today`: the half year just ending from May to August,
    /// the year from September, last year in its first months (when reports are due).
    pub fn new(today: NaiveDate, lang: Lang) -> SummaryDialog {
        let (choice, year) = match today.month() {
            1..=4 => (PeriodChoice::Year, today.year() - 1),
            5..=8 => (PeriodChoice::FirstHalf, today.year()),
            _ => (PeriodChoice::Year, today.year()),
        };
        let first_of_year = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        SummaryDialog {
            choice,
            year,
            from: lang.date(first_of_year),
            to: lang.date(today),
            format: SummaryFormat::Word,
            texts: SummaryTexts::default(),
        }
    }

    /// The period chosen, or why it is not one (in `lang`).
    pub fn period(&self, lang: Lang) -> Result<Period, String> {
        let named = |kind: PeriodKind| {
            Period::of(kind, self.year).ok_or_else(|| lang.t(text::SUM_DIALOG_BAD_DATE).to_owned())
        };
        match self.choice {
            PeriodChoice::FirstHalf => named(PeriodKind::FirstHalf(self.year)),
            PeriodChoice::SecondHalf => named(PeriodKind::SecondHalf(self.year)),
            PeriodChoice::Year => named(PeriodKind::Year(self.year)),
            PeriodChoice::Dates => {
                let date = |label: text::Tr, raw: &str| {
                    widgets::parse_date(raw).ok_or_else(|| {
                        format!("{}: {}", lang.t(label), lang.t(text::SUM_DIALOG_BAD_DATE))
                    })
                };
                let from = date(text::SUM_DIALOG_FROM, &self.from)?;
                let to = date(text::SUM_DIALOG_TO, &self.to)?;
                Period::new(from, to).map_err(|_| lang.t(text::SUM_DIALOG_BACKWARDS).to_owned())
            }
        }
    }
}

impl OcopApp {
    /// The report dialog, while open.
    pub(super) fn summary_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
        let lang = self.lang;
        // While a task runs the report cannot be written: the button waits (the officer's
        // words stay in the dialog).
        let task_running = self.exchange.is_some();
        let Some(dialog) = self.summary.as_mut() else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("summary-report")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(lang.t(text::SUM_DIALOG_TITLE));
            ui.add_space(4.0);
            ui.label(RichText::new(lang.t(text::SUM_DIALOG_PERIOD)).strong());
            ui.horizontal_wrapped(|ui| {
                for (choice, label) in [
                    (PeriodChoice::FirstHalf, text::SUM_DIALOG_FIRST_HALF),
                    (PeriodChoice::SecondHalf, text::SUM_DIALOG_SECOND_HALF),
                    (PeriodChoice::Year, text::SUM_DIALOG_YEAR),
                    (PeriodChoice::Dates, text::SUM_DIALOG_DATES),
                ] {
                    ui.radio_value(&mut dialog.choice, choice, lang.t(label));
                }
            });
            ui.horizontal(|ui| {
                if dialog.choice == PeriodChoice::Dates {
                    for (label, value) in [
                        (text::SUM_DIALOG_FROM, &mut dialog.from),
                        (text::SUM_DIALOG_TO, &mut dialog.to),
                    ] {
                        let label = ui.label(lang.t(label));
                        ui.add(
                            egui::TextEdit::singleline(value)
                                .hint_text(lang.t(text::DATE_HINT))
                                .desired_width(100.0),
                        )
                        .labelled_by(label.id);
                    }
                } else {
                    let label = ui.label(lang.t(text::SUM_DIALOG_YEAR_LABEL));
                    ui.add(egui::DragValue::new(&mut dialog.year).range(2000..=2100))
                        .labelled_by(label.id);
                }
            });
            // The dates the choice stands for, as the report will print them, or why they
            // are not dates (then nothing can be exported).
            let period = dialog.period(lang);
            match &period {
                Ok(period) => {
                    ui.colored_label(theme::muted(), text::from_to(period, lang));
                }
                Err(why) => {
                    ui.colored_label(theme::error(), why.as_str());
                }
            }
            ui.add_space(6.0);
            ui.label(RichText::new(lang.t(text::SUM_DIALOG_FORMAT)).strong());
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut dialog.format,
                    SummaryFormat::Word,
                    lang.t(text::SUM_DIALOG_WORD),
                );
                ui.radio_value(
                    &mut dialog.format,
                    SummaryFormat::Excel,
                    lang.t(text::SUM_DIALOG_EXCEL),
                );
            });
            if dialog.format == SummaryFormat::Word {
                ui.add_space(6.0);
                ui.collapsing(lang.t(text::SUM_DIALOG_TEXTS), |ui| {
                    for (label, value) in [
                        (text::SUM_PART_ASSESSMENT, &mut dialog.texts.assessment),
                        (text::SUM_PART_DIFFICULTIES, &mut dialog.texts.difficulties),
                        (text::SUM_PART_PROPOSALS, &mut dialog.texts.proposals),
                    ] {
                        let label = ui.label(lang.t(label));
                        ui.add(
                            egui::TextEdit::multiline(value)
                                .desired_rows(2)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    }
                });
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let export = ui.add_enabled(
                    period.is_ok() && !task_running,
                    egui::Button::new(lang.t(text::SUM_DIALOG_EXPORT)),
                );
                if export.clicked()
                    && let Ok(period) = period
                {
                    actions.push(UiAction::ExportSummary(Box::new(SummaryRequest {
                        period,
                        format: dialog.format,
                        texts: dialog.texts.clone(),
                    })));
                    close = true;
                }
                if ui.button(lang.t(text::CANCEL)).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.summary = None;
        }
    }

    /// Asks where to save the report (a name proposed from the period and the
    /// workspace), then writes it and says so.
    pub(super) fn export_summary(&mut self, request: &SummaryRequest) {
        let Some(name) = self.state.as_ref().map(|s| s.summary_file_name(request)) else {
            return;
        };
        if let Some(path) = self.save_path(&name) {
            self.run_export(crate::app::Export::Summary {
                request: Box::new(request.clone()),
                path,
            });
        }
    }
}
