//! The start screen, "Việc cần làm": overdue and upcoming items across the workspace,
//! grouped by week, each linking to its product; filters by product and kind; and charts
//! of the portfolio (stage funnel, stars, certificates expiring per quarter) drawn with
//! plain egui painting. Everything is computed once per data revision and date.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};

use crate::app::AppState;
use crate::domain::agenda::{self, AgendaItem, Bucket, Stats};
use crate::domain::deadlines::DeadlineKind;
use crate::domain::search;
use crate::domain::stage::Stage;

use super::product::ProductTab;
use super::text::{self, Lang};
use super::{UiAction, theme, widgets};

/// One line of the agenda list: a group header or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Header(Bucket, usize),
    Item(usize),
}

/// All deadline kinds, for the kind filter.
const KINDS: [DeadlineKind; 9] = DeadlineKind::ALL;

/// State and caches of the dashboard.
#[derive(Debug, Default)]
pub struct DashboardUi {
    /// Product filter text (folded match on the product name).
    pub product_query: String,
    /// Kinds hidden by the filter.
    pub hidden_kinds: BTreeSet<DeadlineKind>,
    items: Vec<AgendaItem>,
    stats: Stats,
    cache_key: Option<(u64, NaiveDate)>,
    lines: Vec<Line>,
    lines_key: Option<(u64, NaiveDate, String, BTreeSet<DeadlineKind>)>,
}

impl DashboardUi {
    /// Brings the caches up to date.
    pub fn refresh(&mut self, state: &AppState) {
        let key = (state.revision(), state.today());
        if self.cache_key != Some(key) {
            self.items = agenda::agenda(state.workspace(), state.catalog(), state.today());
            self.stats = agenda::stats(state.workspace(), state.catalog(), state.today());
            self.cache_key = Some(key);
        }
        let lines_key = (
            state.revision(),
            state.today(),
            self.product_query.clone(),
            self.hidden_kinds.clone(),
        );
        if self.lines_key.as_ref() != Some(&lines_key) {
            let query = search::fold(&self.product_query);
            let words: Vec<&str> = query.split_whitespace().collect();
            let mut lines = Vec::new();
            let mut current: Option<(Bucket, usize)> = None;
            for (index, item) in self.items.iter().enumerate() {
                if self.hidden_kinds.contains(&item.kind)
                    || !search::matches_words(&search::fold(&item.product_name), &words)
                {
                    continue;
                }
                let b = agenda::bucket(item.date, state.today());
                if current.map(|(cb, _)| cb) != Some(b) {
                    lines.push(Line::Header(b, 0));
                    current = Some((b, lines.len() - 1));
                }
                lines.push(Line::Item(index));
                if let Some((_, header_at)) = current
                    && let Some(Line::Header(_, count)) = lines.get_mut(header_at)
                {
                    *count += 1;
                }
            }
            self.lines = lines;
            self.lines_key = Some(lines_key);
        }
    }

    /// Agenda items currently listed (for tests).
    pub fn visible_items(&self) -> Vec<&AgendaItem> {
        self.lines
            .iter()
            .filter_map(|l| match l {
                Line::Item(i) => self.items.get(*i),
                Line::Header(..) => None,
            })
            .collect()
    }

    /// Draws the screen.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        lang: Lang,
        actions: &mut Vec<UiAction>,
    ) {
        self.refresh(state);
        ui.horizontal(|ui| {
            ui.heading(lang.t(text::DASHBOARD));
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    lang.t(text::TODAY),
                    lang.date(state.today())
                ))
                .color(theme::muted()),
            );
        });
        // The charts take a share of the window: narrow at 1024 px so every agenda column
        // stays visible, wider on a large screen.
        let charts_width = (ui.available_width() * 0.3).clamp(280.0, 640.0);
        // Keyed by the window width (in steps), so a new window size lays it out again.
        let width_step = (ui.available_width() / 160.0).round() as i32;
        egui::Panel::right(egui::Id::unique(("dashboard-charts", width_step)))
            .resizable(true)
            .default_size(charts_width)
            .min_size(260.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("charts-scroll")
                    .show(ui, |ui| charts_ui(ui, &self.stats, lang));
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(lang.t(text::FILTER_PRODUCT));
                let filter = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.product_query)
                            .hint_text(lang.t(text::SEARCH_HINT))
                            .desired_width(240.0),
                    )
                    .labelled_by(label.id);
                // Ctrl+F finds, here as on the portfolio.
                if ui.input_mut(|i| {
                    i.consume_shortcut(&egui::KeyboardShortcut::new(
                        egui::Modifiers::COMMAND,
                        egui::Key::F,
                    ))
                }) {
                    filter.request_focus();
                }
                ui.menu_button(lang.t(text::FILTER_KIND), |ui| {
                    for kind in KINDS {
                        let mut shown = !self.hidden_kinds.contains(&kind);
                        if ui
                            .checkbox(&mut shown, lang.t(text::deadline_name(kind)))
                            .changed()
                        {
                            if shown {
                                self.hidden_kinds.remove(&kind);
                            } else {
                                self.hidden_kinds.insert(kind);
                            }
                        }
                    }
                });
                if (!self.hidden_kinds.is_empty() || !self.product_query.is_empty())
                    && ui.button(lang.t(text::CLEAR_FILTERS)).clicked()
                {
                    self.hidden_kinds.clear();
                    self.product_query.clear();
                }
            });
            self.refresh(state);
            without_set_ui(ui, &self.stats, lang, actions);
            ui.separator();
            if self.lines.is_empty() {
                ui.label(lang.t(text::NOTHING_DUE));
                return;
            }
            self.list_ui(ui, state, lang, actions);
        });
    }

    fn list_ui(
        &self,
        ui: &mut egui::Ui,
        state: &AppState,
        lang: Lang,
        actions: &mut Vec<UiAction>,
    ) {
        let available = ui.available_width();
        // Plain labels must not take the click for text selection: the row takes it.
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .id_salt(("agenda-table", (available / 32.0).round() as i32))
            .striped(true)
            // The whole row opens the product, not only its name.
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(100.0))
            .column(Column::exact(140.0))
            .column(
                Column::initial(((available - 260.0) * 0.4).max(140.0))
                    .at_least(120.0)
                    .clip(true),
            )
            .column(Column::remainder().at_least(160.0).clip(true))
            .body(|body| {
                body.rows(26.0, self.lines.len(), |mut row| {
                    let Some(line) = self.lines.get(row.index()) else {
                        return;
                    };
                    match *line {
                        Line::Header(b, count) => {
                            row.col(|ui| {
                                ui.label(
                                    RichText::new(lang.t(bucket_name(b)))
                                        .strong()
                                        .color(bucket_color(b, ui)),
                                );
                            });
                            row.col(|ui| {
                                ui.label(RichText::new(format!("({count})")).color(theme::muted()));
                            });
                            row.col(|_| {});
                            row.col(|_| {});
                        }
                        Line::Item(index) => {
                            let Some(item) = self.items.get(index) else {
                                return;
                            };
                            row.col(|ui| {
                                ui.label(lang.date(item.date));
                            });
                            row.col(|ui| {
                                let (relative, color) =
                                    super::portfolio::relative_days(item.days_left, lang);
                                ui.colored_label(color, relative);
                            });
                            let mut open = false;
                            row.col(|ui| {
                                open |= ui.link(&item.product_name).clicked();
                            });
                            row.col(|ui| {
                                let rule = lang.t(text::deadline_name_on(
                                    item.kind,
                                    item.date,
                                    state.today(),
                                ));
                                let doc = item
                                    .document_key
                                    .as_deref()
                                    .map(|key| document_name(state, item, key, lang))
                                    .map(|name| format!(": {name}"))
                                    .unwrap_or_default();
                                ui.label(format!("{rule}{doc}"));
                            });
                            if open || row.response().clicked() {
                                let tab = if item.document_key.is_some() {
                                    ProductTab::Dossier
                                } else {
                                    ProductTab::Overview
                                };
                                actions.push(UiAction::OpenProduct(
                                    item.product_id.clone(),
                                    tab,
                                    item.document_key.clone(),
                                ));
                            }
                        }
                    }
                });
            });
    }
}

/// The name of a dossier document of an agenda item's product.
pub fn document_name(state: &AppState, item: &AgendaItem, key: &str, lang: Lang) -> String {
    state.document_name(&item.product_id, key, lang)
}

/// Products whose scoring set is not chosen yet (imported from a list that gives only the
/// product group): a task above the agenda, each name opening the product's scoring tab
/// where the set is chosen.
fn without_set_ui(ui: &mut egui::Ui, stats: &Stats, lang: Lang, actions: &mut Vec<UiAction>) {
    /// Names listed; the rest are counted.
    const LISTED: usize = 8;
    if stats.without_set.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} {}:",
                stats.without_set.len(),
                lang.t(text::TASK_NO_SET)
            ))
            .color(theme::warn())
            .strong(),
        );
        for (id, name) in stats.without_set.iter().take(LISTED) {
            if ui.link(name).clicked() {
                actions.push(UiAction::OpenProduct(
                    id.clone(),
                    ProductTab::Overview,
                    None,
                ));
            }
        }
        if stats.without_set.len() > LISTED {
            ui.label(format!("… +{}", stats.without_set.len() - LISTED));
        }
    });
}

fn bucket_name(b: Bucket) -> text::Tr {
    match b {
        Bucket::Overdue => text::B_OVERDUE,
        Bucket::ThisWeek => text::B_THIS_WEEK,
        Bucket::NextWeek => text::B_NEXT_WEEK,
        Bucket::ThisMonth => text::B_THIS_MONTH,
        Bucket::Later => text::B_LATER,
    }
}

fn bucket_color(b: Bucket, ui: &egui::Ui) -> Color32 {
    match b {
        Bucket::Overdue => theme::error(),
        Bucket::ThisWeek | Bucket::NextWeek => theme::warn(),
        Bucket::ThisMonth | Bucket::Later => ui.visuals().strong_text_color(),
    }
}

/// A horizontal bar chart: one labelled bar per row, scaled to the largest value.
fn bars(ui: &mut egui::Ui, rows: &[(String, usize)], color: Color32) {
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let font = egui::FontId::proportional(13.0);
    let color_text = ui.visuals().text_color();
    // The label column fits the longest label when the panel allows (the bar and the
    // count get the rest, at least 110 points).
    let longest = rows
        .iter()
        .map(|(label, _)| {
            ui.painter()
                .layout_no_wrap(label.clone(), font.clone(), color_text)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    let label_width = (longest + 8.0).clamp(120.0, (ui.available_width() - 110.0).max(120.0));
    for (label, value) in rows {
        ui.horizontal(|ui| {
            let (rect, label_response) =
                ui.allocate_exact_size(egui::vec2(label_width, 18.0), egui::Sense::hover());
            // A narrow window shortens long stage names with "…": the whole name is one
            // hover away.
            label_response.on_hover_text(label);
            let mut job =
                egui::text::LayoutJob::simple_singleline(label.clone(), font.clone(), color_text);
            job.wrap = egui::text::TextWrapping {
                max_width: label_width,
                max_rows: 1,
                break_anywhere: true,
                overflow_character: Some('…'),
            };
            let galley = ui.painter().layout_job(job);
            let top = rect.center().y - galley.size().y / 2.0;
            ui.painter()
                .galley(egui::pos2(rect.left(), top), galley, color_text);
            let available = (ui.available_width() - 50.0).max(40.0);
            #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^24")]
            let width = available * (*value as f32) / (max as f32);
            let (bar, _) =
                ui.allocate_exact_size(egui::vec2(available, 16.0), egui::Sense::hover());
            let filled =
                egui::Rect::from_min_size(bar.min, egui::vec2(width.max(1.0), bar.height()));
            ui.painter().rect_filled(filled, 2.0, color);
            ui.label(value.to_string());
        });
    }
}

fn charts_ui(ui: &mut egui::Ui, stats: &Stats, lang: Lang) {
    ui.heading(lang.t(text::CHART_FUNNEL));
    let funnel: Vec<(String, usize)> = Stage::ALL
        .iter()
        .map(|s| {
            (
                lang.t(text::stage_name(*s)).to_owned(),
                stats.per_stage.get(s).copied().unwrap_or(0),
            )
        })
        .collect();
    bars(ui, &funnel, theme::accent());
    ui.add_space(12.0);
    ui.heading(lang.t(text::CHART_STARS));
    ui.label(RichText::new(lang.t(text::OFFICIAL_SHORT)).strong());
    let official: Vec<(String, usize)> = [3u8, 4, 5]
        .iter()
        .map(|s| {
            (
                widgets::stars(*s),
                stats.official_stars.get(s).copied().unwrap_or(0),
            )
        })
        .collect();
    bars(ui, &official, theme::ok());
    if stats.expired_certificates + stats.revoked_certificates > 0 {
        ui.label(
            RichText::new(format!(
                "{}: {} {} · {} {}",
                lang.t(text::LAPSED_CERTIFICATES),
                stats.expired_certificates,
                lang.t(text::STAR_EXPIRED),
                stats.revoked_certificates,
                lang.t(text::STAR_REVOKED),
            ))
            .color(theme::muted()),
        );
    }
    ui.label(RichText::new(lang.t(text::PREDICTED_SHORT)).strong());
    let mut predicted: Vec<(String, usize)> = [3u8, 4, 5]
        .iter()
        .map(|s| {
            (
                widgets::stars(*s),
                stats.predicted_stars.get(s).copied().unwrap_or(0),
            )
        })
        .collect();
    predicted.push((
        lang.t(text::BELOW_THREE).to_owned(),
        stats.predicted_stars.get(&0).copied().unwrap_or(0),
    ));
    predicted.push((lang.t(text::NOT_SCORED).to_owned(), stats.not_scored));
    bars(ui, &predicted, theme::muted());
    ui.add_space(12.0);
    ui.heading(lang.t(text::CHART_EXPIRING));
    if stats.expiring_per_quarter.is_empty() {
        ui.label(lang.t(text::NONE_EXPIRING));
    } else {
        let rows: Vec<(String, usize)> = stats
            .expiring_per_quarter
            .iter()
            .take(12)
            .map(|((year, q), n)| (format!("Q{q}/{year}"), *n))
            .collect();
        bars(ui, &rows, theme::warn());
    }
}
