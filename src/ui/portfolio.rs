//! The portfolio screen: every product in a sortable, filterable table.
//!
//! Rows are computed once per data revision and language ([`build_rows`]); the filtered
//! and sorted view once per query; the table builds only visible rows
//! (`TableBody::rows`). So a frame costs the same at 20 and 20,000 products.

use chrono::NaiveDate;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::app::AppState;
use crate::domain::deadlines::Deadline;
use crate::domain::digest::Digest;
use crate::domain::model::{CertificateStanding, ProductId};
use crate::domain::scoring;
use crate::domain::search;
use crate::domain::spreadsheet::PortfolioRow;
use crate::domain::stage::Stage;

use super::text::{self, Lang};
use super::{Screen, UiAction, theme, widgets};

/// One product as the table shows it (precomputed).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The product's figures, the same row the Excel export writes.
    pub product: PortfolioRow,
    /// Folded text for search (name, producer, commune, code).
    pub folded: String,
    /// Folded name, the sort key of the name column.
    pub sort_name: String,
    /// Opened read-only.
    pub read_only: bool,
    /// Conflict copies wait to be resolved.
    pub in_conflict: bool,
    /// Attached evidence files found missing, altered or unsafe.
    pub evidence_problems: usize,
    /// Many-communes view: the folder or bundle it was read from.
    pub source: Option<String>,
}

/// Columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Product name.
    #[default]
    Name,
    Producer,
    Commune,
    /// Scoring set.
    Set,
    Stage,
    /// Completeness.
    Dossier,
    /// Next deadline.
    Deadline,
    /// Official, else predicted star.
    Stars,
    /// Where the product was read from (the many-communes view).
    Source,
}

/// Computes the rows of every product (once per data revision).
pub fn build_rows(state: &AppState) -> Vec<Row> {
    state
        .digests()
        .map(|digest| build_row(state, &digest))
        .collect()
}

/// The row of one product, from its digest (nothing is decoded).
pub fn build_row(state: &AppState, digest: &Digest) -> Row {
    let row = &digest.row;
    let evidence_problems = state.evidence_problems(digest);
    Row {
        folded: search::fold(&format!(
            "{} {} {} {}",
            row.name, row.producer, row.commune, row.product_code
        )),
        sort_name: search::fold(&row.name),
        read_only: state.read_only().contains(&row.id),
        in_conflict: state.conflicts().iter().any(|c| c.of == row.id),
        evidence_problems,
        source: state.source_of(&row.id),
        product: row.clone(),
    }
}

/// Sort rank of a row's stars: official first, then predicted.
fn star_rank(row: &Row) -> (u8, u8) {
    let predicted = match row.product.predicted {
        Some(scoring::Outcome::Recognised(s)) => s,
        _ => 0,
    };
    (row.product.counted_star().unwrap_or(0), predicted)
}

/// Indices of all rows in display order.
pub fn sort_rows(rows: &[Row], sort: SortKey, ascending: bool) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..rows.len()).collect();
    indices.sort_by(|&a, &b| row_order(rows, sort, ascending, a, b));
    indices
}

/// Puts the rows in `changed` back in their places in `sorted` after their contents
/// changed: all of them taken out first (so the rest stays sorted), then each put in by a
/// binary search, instead of sorting every row again (the first frame after an edit at
/// 20,000 products).
fn resort_rows(
    rows: &[Row],
    sorted: &mut Vec<usize>,
    sort: SortKey,
    ascending: bool,
    changed: &std::collections::BTreeSet<usize>,
) {
    sorted.retain(|i| !changed.contains(i));
    for &row in changed {
        let place = sorted
            .binary_search_by(|&i| row_order(rows, sort, ascending, i, row))
            .unwrap_or_else(|place| place);
        sorted.insert(place, row);
    }
}

/// The display order of rows `a` and `b` (ties by id, so the order is total).
fn row_order(
    rows: &[Row],
    sort: SortKey,
    ascending: bool,
    a: usize,
    b: usize,
) -> std::cmp::Ordering {
    let key_cmp = |a: &Row, b: &Row| -> std::cmp::Ordering {
        match sort {
            SortKey::Name => a.sort_name.cmp(&b.sort_name),
            SortKey::Producer => a.product.producer.cmp(&b.product.producer),
            SortKey::Commune => a.product.commune.cmp(&b.product.commune),
            SortKey::Source => a.source.cmp(&b.source),
            SortKey::Set => a.product.scoring_set.cmp(&b.product.scoring_set),
            SortKey::Stage => a.product.stage.cmp(&b.product.stage),
            SortKey::Dossier => a.product.completeness.cmp(&b.product.completeness),
            SortKey::Stars => star_rank(a).cmp(&star_rank(b)),
            SortKey::Deadline => {
                // Products without a deadline go last either way.
                let da = a
                    .product
                    .deadline
                    .as_ref()
                    .map(|d| d.date)
                    .unwrap_or(NaiveDate::MAX);
                let db = b
                    .product
                    .deadline
                    .as_ref()
                    .map(|d| d.date)
                    .unwrap_or(NaiveDate::MAX);
                da.cmp(&db)
            }
        }
    };
    match (rows.get(a), rows.get(b)) {
        (Some(ra), Some(rb)) => {
            let ord = key_cmp(ra, rb).then_with(|| ra.product.id.cmp(&rb.product.id));
            if ascending { ord } else { ord.reverse() }
        }
        _ => std::cmp::Ordering::Equal,
    }
}

/// The sorted indices whose rows match every word of `query` and the stage filter,
/// keeping the order (so a keystroke filters without sorting again).
pub fn filter_rows(
    rows: &[Row],
    sorted: &[usize],
    query: &str,
    stage: Option<Stage>,
) -> Vec<usize> {
    let folded_query = search::fold(query);
    let words: Vec<&str> = folded_query.split_whitespace().collect();
    sorted
        .iter()
        .copied()
        .filter(|&i| {
            rows.get(i).is_some_and(|row| {
                stage.is_none_or(|s| row.product.stage == Some(s))
                    && search::matches_words(&row.folded, &words)
            })
        })
        .collect()
}

/// State of the portfolio screen.
#[derive(Debug, Default)]
pub struct PortfolioUi {
    /// Search text.
    pub query: String,
    pub stage_filter: Option<Stage>,
    /// Sort column.
    pub sort: SortKey,
    /// Sort direction (false = ascending, so the default is A→Z).
    pub descending: bool,
    rows: Vec<Row>,
    rows_revision: u64,
    sorted: Vec<usize>,
    sorted_key: Option<(u64, SortKey, bool)>,
    view: Vec<usize>,
    view_key: Option<(u64, String, Option<Stage>, SortKey, bool)>,
    /// The query, filter or sort changed: show the table from its first row.
    scroll_to_top: bool,
}

impl PortfolioUi {
    /// Brings the caches up to date with `state`; cheap when nothing changed.
    pub fn refresh(&mut self, state: &AppState) {
        // Rows whose contents changed in place (their order is fixed without a sort).
        let mut changed_in_place = Some(std::collections::BTreeSet::new());
        if self.rows_revision != state.revision() {
            match state.changes_since(self.rows_revision) {
                // A few product edits: update their rows only (fast at 20,000 products).
                Some(ids) if !self.rows.is_empty() => {
                    for id in ids {
                        let at = self.rows.iter().position(|r| r.product.id == id);
                        match (at, state.digest(&id)) {
                            (Some(i), Some(digest)) => {
                                if let Some(row) = self.rows.get_mut(i) {
                                    *row = build_row(state, &digest);
                                }
                                if let Some(changed) = &mut changed_in_place {
                                    changed.insert(i);
                                }
                            }
                            (Some(i), None) => {
                                self.rows.remove(i);
                                changed_in_place = None;
                            }
                            (None, Some(digest)) => {
                                self.rows.push(build_row(state, &digest));
                                changed_in_place = None;
                            }
                            (None, None) => {}
                        }
                    }
                }
                _ => {
                    self.rows = build_rows(state);
                    changed_in_place = None;
                }
            }
            self.rows_revision = state.revision();
        }
        let key = (
            state.revision(),
            self.query.clone(),
            self.stage_filter,
            self.sort,
            self.descending,
        );
        let sorted_key = (state.revision(), self.sort, self.descending);
        if self.sorted_key != Some(sorted_key) {
            let same_order = self.sorted_key.is_some_and(|(_, sort, descending)| {
                (sort, descending) == (self.sort, self.descending)
            });
            match changed_in_place {
                Some(changed) if same_order && self.sorted.len() == self.rows.len() => {
                    resort_rows(
                        &self.rows,
                        &mut self.sorted,
                        self.sort,
                        !self.descending,
                        &changed,
                    );
                }
                _ => self.sorted = sort_rows(&self.rows, self.sort, !self.descending),
            }
            self.sorted_key = Some(sorted_key);
        }
        if self.view_key.as_ref() != Some(&key) {
            // A new search, filter or sort shows its first match, not the old scroll position.
            let same_view = self
                .view_key
                .as_ref()
                .is_some_and(|old| (&old.1, old.2, old.3, old.4) == (&key.1, key.2, key.3, key.4));
            if !same_view {
                self.scroll_to_top = true;
            }
            self.view = filter_rows(&self.rows, &self.sorted, &self.query, self.stage_filter);
            self.view_key = Some(key);
        }
    }

    /// Ids of the rows currently shown, in order (for tests and keyboard use).
    pub fn visible_ids(&self) -> Vec<ProductId> {
        self.view
            .iter()
            .filter_map(|&i| self.rows.get(i).map(|r| r.product.id.clone()))
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
            ui.heading(lang.t(text::PORTFOLIO));
            if !state.workspace().info.name.is_empty() {
                ui.label(egui::RichText::new(&state.workspace().info.name).color(theme::muted()));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add_enabled(
                        state.workspace_locked().is_none(),
                        egui::Button::new(lang.t(text::ADD_PRODUCT)),
                    )
                    .clicked()
                {
                    actions.push(UiAction::AskAddProduct);
                }
            });
        });
        ui.horizontal(|ui| {
            let label = ui.label(lang.t(text::SEARCH));
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text(lang.t(text::SEARCH_HINT))
                        .desired_width(360.0),
                )
                .labelled_by(label.id);
            if ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::F)) {
                search.request_focus();
            }
            let filter_label = ui.label(lang.t(text::FILTER_STAGE));
            let selected = self
                .stage_filter
                .map_or(lang.t(text::ALL_STAGES), |s| lang.t(text::stage_name(s)));
            egui::ComboBox::from_id_salt("stage-filter")
                .selected_text(selected)
                .width(220.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.stage_filter, None, lang.t(text::ALL_STAGES));
                    for stage in Stage::ALL {
                        ui.selectable_value(
                            &mut self.stage_filter,
                            Some(stage),
                            lang.t(text::stage_name(stage)),
                        );
                    }
                })
                .response
                .labelled_by(filter_label.id);
            self.refresh(state);
            // "3 sản phẩm đang hiển thị trên 5"; nothing to count before the first product
            // (the list below says how to add one).
            if !self.rows.is_empty() {
                ui.label(format!(
                    "{} {} {} {}",
                    self.view.len(),
                    lang.t(text::PRODUCTS_SHOWN),
                    lang.t(text::OF),
                    self.rows.len()
                ));
            }
        });
        ui.separator();
        if self.rows.is_empty() {
            ui.label(lang.t(text::NO_PRODUCTS));
            return;
        }
        if self.view.is_empty() {
            ui.label(lang.t(text::NO_MATCH));
            return;
        }
        self.table_ui(ui, state, lang, actions);
    }

    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        lang: Lang,
        actions: &mut Vec<UiAction>,
    ) {
        // The many-communes view says where each product was read from, in a column of
        // its own (two copies of one product are told apart at a glance).
        let with_source = !state.source().is_workspace();
        let columns = table_columns(with_source);
        let mut new_sort = None;
        let row_height = 26.0;
        let available = ui.available_width();
        let widths = column_widths_for(available, ui.spacing().item_spacing.x, with_source);
        let column_count = widths.len();
        // Plain labels must not take the click for text selection: the row takes it.
        ui.style_mut().interaction.selectable_labels = false;
        let mut builder = TableBuilder::new(ui)
            // Initial widths follow the window: a new window size lays the columns out again.
            .id_salt(("portfolio-table", (available / 32.0).round() as i32))
            .striped(true)
            // The whole row opens the product, as on the dashboard.
            .sense(egui::Sense::click())
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        if std::mem::take(&mut self.scroll_to_top) {
            builder = builder.vertical_scroll_offset(0.0);
        }
        for (index, (width, minimum)) in widths.into_iter().enumerate() {
            let column = if index + 1 == column_count {
                Column::remainder()
            } else {
                Column::initial(width)
            };
            builder = builder.column(column.at_least(minimum).clip(true));
        }
        builder
            .header(row_height, |mut header| {
                for (key, title) in columns {
                    header.col(|ui| {
                        let arrow = if self.sort == key {
                            if self.descending { " ▼" } else { " ▲" }
                        } else {
                            ""
                        };
                        if ui
                            .add(
                                egui::Button::new(
                                    egui::RichText::new(format!("{}{arrow}", lang.t(title)))
                                        .strong(),
                                )
                                .frame(false),
                            )
                            .clicked()
                        {
                            new_sort = Some(key);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.view.len(), |mut row| {
                    let Some(data) = self.view.get(row.index()).and_then(|&i| self.rows.get(i))
                    else {
                        return;
                    };
                    let open = product_row_ui(&mut row, data, with_source, state, lang);
                    if open || row.response().clicked() {
                        actions.push(UiAction::Navigate(Screen::Product(data.product.id.clone())));
                    }
                });
            });
        if let Some(key) = new_sort {
            if self.sort == key {
                self.descending = !self.descending;
            } else {
                self.sort = key;
                self.descending = false;
            }
        }
    }
}

/// The table's columns in order, each with its sort key and title; the source column
/// (many-communes view) after the commune.
fn table_columns(with_source: bool) -> Vec<(SortKey, text::Tr)> {
    let mut columns: Vec<(SortKey, text::Tr)> = vec![
        (SortKey::Name, text::COL_PRODUCT),
        (SortKey::Producer, text::COL_PRODUCER),
        (SortKey::Commune, text::COL_COMMUNE),
    ];
    if with_source {
        columns.push((SortKey::Source, text::COL_SOURCE));
    }
    columns.extend([
        (SortKey::Set, text::COL_SET),
        (SortKey::Stage, text::COL_STAGE),
        (SortKey::Stars, text::COL_STARS),
        (SortKey::Dossier, text::COL_DOSSIER),
        (SortKey::Deadline, text::COL_DEADLINE),
    ]);
    columns
}

/// The cells of one product's row, in the order of [`table_columns`]. Returns whether
/// its name link was clicked.
fn product_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    data: &Row,
    with_source: bool,
    state: &AppState,
    lang: Lang,
) -> bool {
    let mut open = false;
    row.col(|ui| {
        open = name_cell(ui, data, lang);
    });
    row.col(|ui| {
        ui.label(&data.product.producer);
    });
    row.col(|ui| {
        ui.label(&data.product.commune);
    });
    if with_source {
        row.col(|ui| {
            ui.label(data.source.as_deref().unwrap_or("—"));
        });
    }
    row.col(|ui| {
        if data.product.scoring_set == crate::domain::criteria::NO_SET {
            // A task: the set is chosen in the product.
            ui.label(RichText::new("—").color(theme::warn()))
                .on_hover_text(lang.t(text::XL_IMPORT_NOT_CHOSEN));
        } else {
            ui.label(data.product.scoring_set.to_string())
                .on_hover_text(widgets::set_label(
                    data.product.scoring_set,
                    state.catalog(),
                    lang,
                ));
        }
    });
    row.col(|ui| {
        if let Some(stage) = data.product.stage {
            ui.label(lang.t(text::stage_name(stage)));
        }
    });
    row.col(|ui| {
        stars_cell(ui, data, lang);
    });
    row.col(|ui| {
        ui.add(
            egui::ProgressBar::new(f32::from(data.product.completeness) / 100.0)
                .text(format!("{}%", data.product.completeness))
                .desired_width(96.0),
        );
    });
    row.col(|ui| {
        if let Some(deadline) = &data.product.deadline {
            deadline_label(ui, deadline, state.today(), lang);
        }
    });
    open
}

/// The product's name as a link, with its marks: read-only, in conflict, evidence
/// problems. Returns whether the link was clicked.
fn name_cell(ui: &mut egui::Ui, data: &Row, lang: Lang) -> bool {
    let link = ui.link(&data.product.name);
    let clicked = link.clicked();
    if let Some(source) = &data.source {
        // Two copies of one product (a commune's folder and a bundle) are told apart
        // here.
        link.on_hover_text(format!("{}: {source}", lang.t(text::MANY_SOURCE)));
    }
    if data.read_only {
        ui.small(format!("({})", lang.t(text::READ_ONLY)));
    }
    if data.in_conflict {
        ui.colored_label(theme::warn(), lang.t(text::CONFLICT_MARK))
            .on_hover_text(lang.t(text::CONFLICT_BANNER));
    }
    if data.evidence_problems > 0 {
        ui.colored_label(theme::error(), format!("⚠ {}", data.evidence_problems))
            .on_hover_text(lang.t(text::EVIDENCE_PROBLEM));
    }
    clicked
}

/// (minimum width, share of the extra width) of the columns: product, producer, commune,
/// set, stage, stars, dossier, next deadline. The minima fit a 1024 px window, so every
/// column is reachable there; extra width goes mostly to the names that get cut.
const COLUMN_LAYOUT: [(f32, f32); 8] = [
    (150.0, 2.0),
    (130.0, 3.0),
    (96.0, 2.5),
    (44.0, 0.0),
    (124.0, 2.0),
    (90.0, 1.2),
    (90.0, 0.3),
    (200.0, 0.5),
];

/// (minimum width, share) of the many-communes view's source column, after the commune.
const SOURCE_COLUMN: (f32, f32) = (110.0, 1.5);

/// (initial width, minimum) per column for a table `available` pixels wide.
pub fn column_widths(available: f32, spacing: f32) -> Vec<(f32, f32)> {
    column_widths_for(available, spacing, false)
}

/// [`column_widths`], with the source column of the many-communes view when asked.
pub fn column_widths_for(available: f32, spacing: f32, with_source: bool) -> Vec<(f32, f32)> {
    let mut layout = COLUMN_LAYOUT.to_vec();
    if with_source {
        layout.insert(3, SOURCE_COLUMN);
    }
    #[expect(clippy::cast_precision_loss, reason = "eight or nine columns")]
    let gaps = spacing * layout.len() as f32 + 4.0;
    let minimum: f32 = layout.iter().map(|(m, _)| m).sum();
    let shares: f32 = layout.iter().map(|(_, w)| w).sum();
    let extra = (available - gaps - minimum).max(0.0);
    layout
        .iter()
        .map(|&(min, share)| ((min + extra * share / shares).floor(), min))
        .collect()
}

/// Official stars in full colour, expired and revoked ones struck through with the
/// reason, predicted ones muted with "(dự kiến)".
fn stars_cell(ui: &mut egui::Ui, row: &Row, lang: Lang) {
    if let Some(star) = row.product.counted_star() {
        ui.colored_label(theme::ok(), widgets::stars(star))
            .on_hover_text(lang.t(text::OFFICIAL_SHORT));
        return;
    }
    if let Some((star, standing)) = row.product.lapsed() {
        let (short, detail) = lapsed_text(standing, lang);
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(
                egui::RichText::new(widgets::stars(star))
                    .strikethrough()
                    .color(theme::muted()),
            );
            ui.label(egui::RichText::new(short).color(theme::muted()));
        })
        .response
        .on_hover_text(detail);
        return;
    }
    match row.product.predicted {
        Some(scoring::Outcome::Recognised(star)) => {
            ui.label(
                egui::RichText::new(format!(
                    "{} ({})",
                    widgets::stars(star),
                    lang.t(text::PREDICTED_SHORT)
                ))
                .color(theme::muted()),
            );
        }
        Some(scoring::Outcome::NotRecognised) => {
            ui.label(
                egui::RichText::new(format!("< 3★ ({})", lang.t(text::PREDICTED_SHORT)))
                    .color(theme::warn()),
            );
        }
        Some(scoring::Outcome::Eliminated) => {
            ui.colored_label(theme::error(), lang.t(text::ELIMINATED));
        }
        None => {}
    }
}

/// "07/12/2026 · 11 ngày nữa", coloured by urgency, with the rule on hover.
pub fn deadline_label(ui: &mut egui::Ui, deadline: &Deadline, today: NaiveDate, lang: Lang) {
    let (relative, color) = relative_days((deadline.date - today).num_days(), lang);
    ui.colored_label(color, format!("{} · {relative}", lang.date(deadline.date)))
        .on_hover_text(lang.t(text::deadline_name_on(deadline.kind, deadline.date, today)));
}

/// "quá hạn 3" / "hôm nay" / "11 ngày nữa" and its urgency colour.
pub fn relative_days(days: i64, lang: Lang) -> (String, egui::Color32) {
    let colour = match days {
        ..=0 => theme::error(),
        1..=14 => theme::warn(),
        _ => theme::muted(),
    };
    (text::relative_days(days, lang), colour)
}

/// ("đã hết hạn", "Giấy chứng nhận hết hạn ngày 05/01/2026") for a lapsed certificate.
pub fn lapsed_text(standing: &CertificateStanding, lang: Lang) -> (&'static str, String) {
    match standing {
        CertificateStanding::Expired { on } => (
            lang.t(text::STAR_EXPIRED),
            match on {
                Some(date) => format!("{} {}", lang.t(text::CERT_EXPIRED_ON), lang.date(*date)),
                None => lang.t(text::CERT_EXPIRED_ON).to_owned(),
            },
        ),
        CertificateStanding::Revoked { on, reason } => {
            let mut detail = lang.t(text::CERT_REVOKED_ON).to_owned();
            if let Some(date) = on {
                detail = format!("{detail} {}", lang.date(*date));
            }
            if !reason.trim().is_empty() {
                detail = format!("{detail}: {reason}");
            }
            (lang.t(text::STAR_REVOKED), detail)
        }
        CertificateStanding::Valid | CertificateStanding::NotYetIssued => ("", String::new()),
    }
}
