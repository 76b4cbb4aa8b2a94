//! The commune's periodic report ("Báo cáo kết quả thực hiện Chương trình OCOP") as
//! counts: products by stage at the period's end, certificates issued in the period by
//! star, certificates expiring or due for re-rating in the next period, products by
//! scoring set and by product group, and the product list as the annex.
//!
//! Pure: no egui, no files, no clock. The period and "today" are parameters; the words
//! are `text::summary`, the Word and Excel files `documents::summary` and
//! `storage::spreadsheet`.
//!
//! Implementation notes:
//! - The stage at the period's end comes from each product's append-only change log
//!   ([`stage_at`]): the logged stage moves after that day are undone, newest first.
//!   The log dates a move by when the officer recorded it, not by the day it happened in
//!   the real world; and a product whose log does not reach back to the day (the demo,
//!   files from before the log, a product imported later) keeps its earliest known stage,
//!   counted as approximated so the document can say so.
//! - The annex reuses [`PortfolioRow`], the row the portfolio screen and its Excel export
//!   show: the status is computed in one place only.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::catalog::Catalog;
use super::history::Change;
use super::model::{
    ApplicationKind, CURRENT_RULE_VERSION, CertificateStanding, Product, ProductId, Workspace,
};
use super::spreadsheet::{OutCell, PortfolioRow, portfolio_rows};
use super::stage::Stage;

/// The period a report covers, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// How a period reads in a title: the usual reporting periods by name, else by dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// 1 January – 30 June ("6 tháng đầu năm").
    FirstHalf(i32),
    /// 1 July – 31 December ("6 tháng cuối năm").
    SecondHalf(i32),
    /// The calendar year.
    Year(i32),
    /// Any other dates ("từ ngày … đến ngày …").
    Dates,
}

/// Why a period is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The last day is before the first.
    #[error("the period ends ({to}) before it starts ({from})")]
    EndsBeforeStart {
        /// First day asked for.
        from: NaiveDate,
        /// Last day asked for.
        to: NaiveDate,
    },
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

impl Period {
    /// The period from `from` to `to`, both included.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::EndsBeforeStart { from, to });
        }
        Ok(Period { from, to })
    }

    /// A named period of `year`: 1/1–30/6, 1/7–31/12 or the whole year.
    pub fn of(kind: PeriodKind, year: i32) -> Option<Period> {
        let (from, to) = match kind {
            PeriodKind::FirstHalf(_) => (ymd(year, 1, 1)?, ymd(year, 6, 30)?),
            PeriodKind::SecondHalf(_) => (ymd(year, 7, 1)?, ymd(year, 12, 31)?),
            PeriodKind::Year(_) => (ymd(year, 1, 1)?, ymd(year, 12, 31)?),
            PeriodKind::Dates => return None,
        };
        Some(Period { from, to })
    }

    /// What the period is called: a half or a whole year when its dates are exactly one.
    pub fn kind(&self) -> PeriodKind {
        let year = self.from.year();
        [
            PeriodKind::FirstHalf(year),
            PeriodKind::SecondHalf(year),
            PeriodKind::Year(year),
        ]
        .into_iter()
        .find(|kind| Period::of(*kind, year) == Some(*self))
        .unwrap_or(PeriodKind::Dates)
    }

    /// Whether `day` falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Whether the period and `[from, to]` share a day.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= self.to && self.from <= to
    }

    /// The period of the same length right after this one. Whole months stay whole
    /// months (the first half is followed by 1/7–31/12, a year by the next year); other
    /// dates give the same number of days.
    pub fn next(&self) -> Option<Period> {
        let from = self.to.checked_add_days(Days::new(1))?;
        let whole_months = self.from.day() == 1 && from.day() == 1;
        let to = if whole_months {
            let months = (i64::from(from.year()) - i64::from(self.from.year())) * 12
                + i64::from(from.month())
                - i64::from(self.from.month());
            let months = u32::try_from(months).ok()?;
            from.checked_add_months(Months::new(months))?
                .checked_sub_days(Days::new(1))?
        } else {
            let days = u64::try_from((self.to - self.from).num_days()).ok()?;
            from.checked_add_days(Days::new(days))?
        };
        Some(Period { from, to })
    }
}

/// A product's stage at the end of a day, and how sure that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageAt {
    /// From the change log (or today's stage, for today or later).
    Known(Stage),
    /// The log does not reach back to the day, or does not add up: the earliest stage it
    /// shows (the current one when it is empty).
    Approximated(Stage),
    /// Added to the workspace after the day as a new product (its first stage was
    /// "Preparing", as "Add product" starts one): not yet in the programme then.
    NotYetAdded,
    /// The product has no application, so no stage.
    NoApplication,
}

/// The stage `product` had at the end of `day` ([`StageAt`] says how sure), `today`
/// being the day the current stage holds.
pub fn stage_at(product: &Product, day: NaiveDate, today: NaiveDate) -> StageAt {
    let Some(current) = product.current() else {
        return StageAt::NoApplication;
    };
    if day >= today {
        return StageAt::Known(current.stage);
    }
    let mut stage = current.stage;
    // Which application the replayed stage belongs to: a new application's entry, undone,
    // goes back to the one before, whose stage no longer changed once it was closed
    // (edits only ever touch the current application).
    let mut app_index = product.applications.len().saturating_sub(1);
    let mut consistent = true;
    for entry in product.history.iter().rev() {
        if entry.at.date() <= day {
            // The log reaches back to the day: every later move was undone above.
            return if consistent {
                StageAt::Known(stage)
            } else {
                StageAt::Approximated(stage)
            };
        }
        for change in entry.changes.iter().rev() {
            match change {
                Change::Stage { from, to } => {
                    // Histories merged from two workspaces may not chain: then the result
                    // is an estimate.
                    consistent &= *to == stage;
                    stage = *from;
                }
                Change::NewApplication { .. } => match app_index.checked_sub(1) {
                    Some(before) => {
                        app_index = before;
                        if let Some(app) = product.applications.get(before) {
                            stage = app.stage;
                        }
                    }
                    None => consistent = false,
                },
                Change::Created if stage == Stage::Preparing => return StageAt::NotYetAdded,
                // Created at a later stage: imported or received, so it was in the process
                // before it came into this workspace, at a stage the log does not know.
                Change::Created => return StageAt::Approximated(stage),
                _ => {}
            }
        }
    }
    StageAt::Approximated(stage)
}

/// A certificate issued in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCertificate {
    pub product_id: ProductId,
    /// Product name.
    pub product: String,
    /// Producer name.
    pub producer: String,
    pub star: u8,
    /// Certificate or decision number.
    pub number: String,
    pub issued_on: NaiveDate,
    /// First rating, upgrade or re-rating.
    pub kind: ApplicationKind,
}

/// New certificates of one star, by kind of application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StarCount {
    pub star: u8,
    pub first_rating: usize,
    pub upgrade: usize,
    pub re_rating: usize,
}

impl StarCount {
    /// All kinds together.
    pub fn total(&self) -> usize {
        self.first_rating + self.upgrade + self.re_rating
    }
}

/// A certificate that expires, or whose re-rating window is open, in the next period.
#[derive(Debug, Clone, PartialEq)]
pub struct DueCertificate {
    pub product_id: ProductId,
    /// Product name.
    pub product: String,
    /// Producer name.
    pub producer: String,
    pub star: u8,
    /// Certificate or decision number.
    pub number: String,
    pub issued_on: NaiveDate,
    /// Issue + 36 months (Decision 26/2026).
    pub expires_on: NaiveDate,
    /// The re-rating dossier is filed from this day (expiry − 180 days) …
    pub rerating_opens: NaiveDate,
    /// … to this day (expiry − 120 days).
    pub rerating_closes: NaiveDate,
    /// It expires within the next period.
    pub expires_in_next: bool,
    /// Its re-rating window is open on some day of the next period.
    pub rerating_in_next: bool,
    /// A re-rating application was already started after this certificate.
    pub rerating_started: bool,
}

/// Which scoring set a product is rated by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SetKey {
    /// Set number 0: not chosen yet (an imported row without a set).
    NotChosen,
    /// Set 1–26 (Appendix II).
    Set(u8),
}

impl SetKey {
    /// The key of a product's `scoring_set` field.
    pub fn of(scoring_set: u8) -> SetKey {
        if scoring_set == super::criteria::NO_SET {
            SetKey::NotChosen
        } else {
            SetKey::Set(scoring_set)
        }
    }
}

/// A row of the tables by set and by group: how many products, how many of them holding
/// a certificate valid at the period's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow<K> {
    pub key: K,
    /// Vietnamese name (from the rule data; empty when the data does not know it).
    pub name_vi: String,
    /// English name (may be empty: the Appendix I groups are named in Vietnamese only).
    pub name_en: String,
    pub products: usize,
    /// Of them, holding a certificate valid at the period's end.
    pub certified: usize,
}

/// A product group of Appendix I, as its sheet heading names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKey {
    /// Sector and group, e.g. ("Thực phẩm", "Thực phẩm chế biến"), ordered by the first
    /// set of the group.
    Group {
        /// Lowest set number of the group, for Appendix I order.
        first_set: u8,
        /// Roman numeral of Appendix I ("I" … "VI").
        roman: String,
    },
    /// The set is not chosen yet.
    NotChosen,
    /// A set the rule data does not know.
    Unknown,
}

/// Everything the periodic report says, in numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub period: Period,
    /// The period after it (same length).
    pub next: Period,
    /// The day the stage counts describe: the period's end, or today if that is earlier.
    pub as_of: NaiveDate,
    /// The day the report is made.
    pub today: NaiveDate,
    /// Products in the workspace (today).
    pub products: usize,
    /// Products by stage at `as_of`, every stage in process order (zeros included).
    pub by_stage: Vec<(Stage, usize)>,
    /// Products without any application (no stage).
    pub without_application: usize,
    /// Products added to the workspace after `as_of` (not in `by_stage`).
    pub added_after: usize,
    /// Of `by_stage`, products whose stage at `as_of` is approximated ([`StageAt`]).
    pub approximated: usize,
    /// Certificates issued in the period, in date order.
    pub new_certificates: Vec<NewCertificate>,
    /// Their counts for 3★, 4★, 5★ (always) and any other star found.
    pub new_by_star: Vec<StarCount>,
    /// Certificates expiring or due for re-rating in the next period, by expiry.
    pub due_next: Vec<DueCertificate>,
    /// Products by scoring set (sets with products only; "not chosen" first).
    pub by_set: Vec<GroupRow<SetKey>>,
    /// Products by product group of Appendix I.
    pub by_group: Vec<GroupRow<GroupKey>>,
    /// The annex: every product with its status today, in name order.
    pub annex: Vec<PortfolioRow>,
}

/// What the officer writes into the report's text part (each may stay empty: the
/// document then keeps dotted lines to write on).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SummaryTexts {
    /// "Đánh giá chung".
    pub assessment: String,
    /// "Khó khăn, vướng mắc".
    pub difficulties: String,
    /// "Kiến nghị, đề xuất".
    pub proposals: String,
}

/// One table of the report, its words already in the user's language: the shape both
/// the Word document and the Excel workbook are written from, so they say the same.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTable {
    /// The heading above it.
    pub heading: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Column widths in characters (Excel); relative widths in Word.
    pub widths: Vec<u16>,
    /// One row per line, as many cells as headers.
    pub rows: Vec<Vec<OutCell>>,
    /// The totals row, shown bold, if the table has one.
    pub total: Option<Vec<OutCell>>,
    /// Lines under the table (what is approximated, the rule behind it).
    pub notes: Vec<String>,
    /// Said instead of the table when it has no rows.
    pub when_empty: Option<String>,
    /// In the workbook, a sheet of its own with this name (a list the officer may sort
    /// and filter); the counts share the first sheet.
    pub own_sheet: Option<String>,
}

/// The report as a workbook: the counts on one sheet, each list on a sheet of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportBook {
    /// Name of the summary sheet.
    pub sheet_name: String,
    /// Lines above the tables (title, commune, period).
    pub title: Vec<String>,
    /// The tables, in the report's order.
    pub tables: Vec<ReportTable>,
    /// Name of the annex sheet.
    pub annex_name: String,
    /// The annex: every product with its status.
    pub annex: ReportTable,
    /// Date format of date cells (Excel number format).
    pub date_format: String,
}

/// The counts of the periodic report of `workspace` for `period`, made on `today`.
pub fn summarise(
    workspace: &Workspace,
    catalog: &Catalog,
    period: Period,
    today: NaiveDate,
) -> Summary {
    let as_of = period.to.min(today);
    let next = period.next().unwrap_or(period);
    let mut stage_counts: BTreeMap<Stage, usize> = BTreeMap::new();
    let (mut without_application, mut added_after, mut approximated) = (0, 0, 0);
    let mut new_certificates = Vec::new();
    let mut due_next = Vec::new();
    let mut by_set: BTreeMap<SetKey, GroupRow<SetKey>> = BTreeMap::new();
    let mut by_group: BTreeMap<GroupKey, GroupRow<GroupKey>> = BTreeMap::new();
    for product in workspace.products.values() {
        match stage_at(&product, as_of, today) {
            StageAt::Known(stage) => *stage_counts.entry(stage).or_default() += 1,
            StageAt::Approximated(stage) => {
                *stage_counts.entry(stage).or_default() += 1;
                approximated += 1;
            }
            StageAt::NotYetAdded => added_after += 1,
            StageAt::NoApplication => without_application += 1,
        }
        new_certificates.extend(certificates_in(&product, period));
        if let Some(due) = due_in(&product, period, next) {
            due_next.push(due);
        }
        let certified = matches!(
            product.certificate_standing(as_of),
            Some((_, CertificateStanding::Valid))
        );
        let (set_row, group_row) = set_and_group(&product, catalog);
        let set = by_set.entry(set_row.key).or_insert(set_row);
        set.products += 1;
        set.certified += usize::from(certified);
        let group = by_group.entry(group_row.key.clone()).or_insert(group_row);
        group.products += 1;
        group.certified += usize::from(certified);
    }
    new_certificates.sort_by(|a, b| {
        (a.issued_on, &a.product, &a.number).cmp(&(b.issued_on, &b.product, &b.number))
    });
    due_next.sort_by(|a, b| (a.expires_on, &a.product).cmp(&(b.expires_on, &b.product)));
    Summary {
        period,
        next,
        as_of,
        today,
        products: workspace.products.len(),
        by_stage: Stage::ALL
            .iter()
            .map(|s| (*s, stage_counts.get(s).copied().unwrap_or(0)))
            .collect(),
        without_application,
        added_after,
        approximated,
        new_by_star: star_counts(&new_certificates),
        new_certificates,
        due_next,
        by_set: by_set.into_values().collect(),
        by_group: by_group.into_values().collect(),
        annex: portfolio_rows(workspace, catalog, today),
    }
}

/// Every certificate of `product` issued in `period` (an upgrade in the same period
/// gives a second one).
fn certificates_in(product: &Product, period: Period) -> impl Iterator<Item = NewCertificate> + '_ {
    product.applications.iter().filter_map(move |app| {
        let certificate = app.certificate.as_ref()?;
        period
            .contains(certificate.issued_on)
            .then(|| NewCertificate {
                product_id: product.id.clone(),
                product: product.name.clone(),
                producer: product.producer.name.clone(),
                star: certificate.star,
                number: certificate.number.clone(),
                issued_on: certificate.issued_on,
                kind: app.kind,
            })
    })
}

/// 3★, 4★ and 5★ always (a table with its zeros), then any other star found.
fn star_counts(certificates: &[NewCertificate]) -> Vec<StarCount> {
    let mut counts: BTreeMap<u8, StarCount> = [3, 4, 5]
        .into_iter()
        .map(|star| {
            (
                star,
                StarCount {
                    star,
                    ..StarCount::default()
                },
            )
        })
        .collect();
    for certificate in certificates {
        let count = counts.entry(certificate.star).or_insert(StarCount {
            star: certificate.star,
            ..StarCount::default()
        });
        match certificate.kind {
            ApplicationKind::FirstRating => count.first_rating += 1,
            ApplicationKind::Upgrade => count.upgrade += 1,
            ApplicationKind::ReRating => count.re_rating += 1,
        }
    }
    counts.into_values().collect()
}

/// The product's latest certificate if it is still in force at the end of `period` and
/// expires, or must be re-rated, during `next`. The dates are the deadline rules of the
/// application that won it (Decision 26/2026: 36 months; re-rating filed 180 to 120 days
/// before expiry).
fn due_in(product: &Product, period: Period, next: Period) -> Option<DueCertificate> {
    let holder = product.certificate_holder()?;
    let certificate = holder.certificate.as_ref()?;
    if certificate.issued_on > period.to
        || holder
            .revocation
            .as_ref()
            .is_some_and(|r| r.date <= period.to)
        || product.current().map(|a| a.stage) == Some(Stage::Revoked)
    {
        return None;
    }
    let expires_on = holder.certificate_expiry()?;
    if expires_on < next.from {
        return None; // already expired before the next period starts
    }
    let (rerating_opens, rerating_closes) = holder.deadline_rules().rerating_window(expires_on)?;
    let expires_in_next = next.contains(expires_on);
    let rerating_in_next = next.overlaps(rerating_opens, rerating_closes);
    if !expires_in_next && !rerating_in_next {
        return None;
    }
    // A re-rating application after the certificate's own one.
    let holder_index = product
        .applications
        .iter()
        .rposition(|a| a.certificate.is_some())?;
    let rerating_started = product
        .applications
        .iter()
        .skip(holder_index + 1)
        .any(|a| a.kind == ApplicationKind::ReRating);
    Some(DueCertificate {
        product_id: product.id.clone(),
        product: product.name.clone(),
        producer: product.producer.name.clone(),
        star: certificate.star,
        number: certificate.number.clone(),
        issued_on: certificate.issued_on,
        expires_on,
        rerating_opens,
        rerating_closes,
        expires_in_next,
        rerating_in_next,
        rerating_started,
    })
}

/// The (empty) rows of the product's set and of its Appendix I group. The set is looked
/// up under the rule version of its current application, else the current rules.
fn set_and_group(product: &Product, catalog: &Catalog) -> (GroupRow<SetKey>, GroupRow<GroupKey>) {
    let key = SetKey::of(product.scoring_set);
    let empty = |name_vi: &str, name_en: &str| (name_vi.to_owned(), name_en.to_owned());
    if key == SetKey::NotChosen {
        return (
            GroupRow {
                key,
                name_vi: String::new(),
                name_en: String::new(),
                products: 0,
                certified: 0,
            },
            GroupRow {
                key: GroupKey::NotChosen,
                name_vi: String::new(),
                name_en: String::new(),
                products: 0,
                certified: 0,
            },
        );
    }
    let rule_version = product
        .current()
        .map_or(CURRENT_RULE_VERSION, |a| a.rule_version.as_str());
    let set = catalog
        .scoring_set(rule_version, product.scoring_set)
        .or_else(|| catalog.scoring_set(CURRENT_RULE_VERSION, product.scoring_set));
    let (set_vi, set_en) = set.map_or_else(|| empty("", ""), |s| empty(&s.name_vi, &s.name_en));
    let group = set.map(|s| {
        let name = match s.sector_and_group() {
            Some((sector, "")) => sector.to_owned(),
            Some((sector, group)) => format!("{sector} – {group}"),
            None => String::new(),
        };
        // The first set of the same group orders it (Appendix I order).
        let first_set = catalog
            .rule_set(rule_version)
            .and_then(|rules| {
                rules
                    .sets
                    .iter()
                    .filter(|other| other.sector_and_group() == s.sector_and_group())
                    .map(|other| other.number)
                    .min()
            })
            .unwrap_or(s.number);
        (
            GroupKey::Group {
                first_set,
                roman: s.product_group.clone(),
            },
            name,
        )
    });
    let (group_key, group_name) = group.unwrap_or((GroupKey::Unknown, String::new()));
    (
        GroupRow {
            key,
            name_vi: set_vi,
            name_en: set_en,
            products: 0,
            certified: 0,
        },
        GroupRow {
            key: group_key,
            name_vi: group_name,
            name_en: String::new(),
            products: 0,
            certified: 0,
        },
    )
}

#[cfg(test)]
mod tests;
