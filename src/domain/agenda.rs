//! The workspace's agenda ("Việc cần làm"): every dated obligation across all products,
//! what is overdue, what falls due this week and this month, and the counts behind the
//! dashboard's charts; plus the calendar events for iCalendar export.
//! Pure: no egui, no files. "Today" is a parameter.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::catalog::Catalog;
use super::deadlines::{self, DeadlineKind};
use super::ics::{self, IcsEvent};
use super::model::{CertificateStanding, Product, ProductId, Workspace, WorkspaceKind};
use super::scoring::{self, Outcome};
use super::stage::Stage;
use super::store::DigestOf;

/// How far back an overdue item is still shown, in days.
pub const OVERDUE_WINDOW_DAYS: i64 = 365;
/// How far ahead the agenda looks, in days.
pub const HORIZON_DAYS: i64 = 400;

/// One dated item of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    /// Product.
    pub product_id: ProductId,
    /// Product name (for display and search).
    pub product_name: String,
    /// The day.
    pub date: NaiveDate,
    /// The rule behind it.
    pub kind: DeadlineKind,
    /// Dossier document key, for document deadlines.
    pub document_key: Option<String>,
    /// Days from today (negative: overdue).
    pub days_left: i64,
}

/// Groups of the agenda, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// The date has passed and the obligation still stands.
    Overdue,
    /// Today up to Sunday of this week.
    ThisWeek,
    /// Next Monday to Sunday.
    NextWeek,
    /// Within 30 days.
    ThisMonth,
    /// Later, within the horizon.
    Later,
}

impl Bucket {
    /// Every bucket in display order.
    pub const ALL: [Bucket; 5] = [
        Bucket::Overdue,
        Bucket::ThisWeek,
        Bucket::NextWeek,
        Bucket::ThisMonth,
        Bucket::Later,
    ];
}

/// Which bucket a date falls in, seen from `today` (weeks run Monday to Sunday).
pub fn bucket(date: NaiveDate, today: NaiveDate) -> Bucket {
    let days = (date - today).num_days();
    if days < 0 {
        return Bucket::Overdue;
    }
    let days_to_sunday = 6 - i64::from(today.weekday().num_days_from_monday());
    if days <= days_to_sunday {
        Bucket::ThisWeek
    } else if days <= days_to_sunday + 7 {
        Bucket::NextWeek
    } else if days <= 30 {
        Bucket::ThisMonth
    } else {
        Bucket::Later
    }
}

/// Whether a deadline whose date has passed is still an open obligation.
fn still_open_when_past(kind: DeadlineKind, stage: Stage) -> bool {
    match kind {
        DeadlineKind::CommuneProcessing => stage.is_at_commune(),
        DeadlineKind::ProvincialResult => {
            matches!(
                stage,
                Stage::ForwardedToProvince | Stage::ProvincialEvaluation
            )
        }
        DeadlineKind::NationalResult => stage == Stage::SentToMinistry,
        DeadlineKind::DocumentValidUntil
        | DeadlineKind::CertificateExpiry
        | DeadlineKind::ReRatingCloses
        | DeadlineKind::GraceEnds => true,
        // A passed cut-off is replaced by the next one; an opening is not a duty.
        DeadlineKind::ProvinceRoundCutoff | DeadlineKind::ReRatingOpens => false,
    }
}

/// Every agenda item of the workspace, by date (each product's from its digest).
pub fn agenda(workspace: &Workspace, catalog: &Catalog, today: NaiveDate) -> Vec<AgendaItem> {
    let of = DigestOf {
        catalog,
        today,
        side: workspace.info.kind,
    };
    let mut items: Vec<AgendaItem> = workspace
        .products
        .digests(of)
        .flat_map(|d| {
            d.agenda
                .iter()
                .map(|due| due.item(&d.row.id, &d.row.name, today))
                .collect::<Vec<_>>()
        })
        .collect();
    items.sort_by(|a, b| {
        (a.date, a.kind, &a.product_id, &a.document_key).cmp(&(
            b.date,
            b.kind,
            &b.product_id,
            &b.document_key,
        ))
    });
    items
}

/// One agenda item of a product without the product (what its digest keeps: the id and
/// name are the digest's row's, the days left follow from the day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The day.
    pub date: NaiveDate,
    /// The rule behind it.
    pub kind: DeadlineKind,
    /// Dossier document key, for document deadlines.
    pub document_key: Option<Box<str>>,
}

impl Due {
    /// The agenda item of product `id` named `name`, seen on `today`.
    pub fn item(&self, id: &ProductId, name: &str, today: NaiveDate) -> AgendaItem {
        AgendaItem {
            product_id: id.clone(),
            product_name: name.to_owned(),
            date: self.date,
            kind: self.kind,
            document_key: self.document_key.as_deref().map(str::to_owned),
            days_left: (self.date - today).num_days(),
        }
    }
}

/// The agenda items of one product for `side`, in no particular order.
pub fn dues_of(
    product: &Product,
    side: WorkspaceKind,
    catalog: &Catalog,
    today: NaiveDate,
) -> Vec<Due> {
    let mut items = Vec::new();
    let Some(app) = product.current() else {
        return items;
    };
    let all = deadlines::application_deadlines(product, app, today, &catalog.calendar);
    for deadline in deadlines::for_side(all, side) {
        let days_left = (deadline.date - today).num_days();
        let relevant = if days_left < 0 {
            days_left >= -OVERDUE_WINDOW_DAYS && still_open_when_past(deadline.kind, app.stage)
        } else {
            days_left <= HORIZON_DAYS
        };
        if relevant {
            items.push(Due {
                date: deadline.date,
                kind: deadline.kind,
                document_key: deadline.document_key.map(String::into_boxed_str),
            });
        }
    }
    items
}

/// Counts behind the dashboard's charts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    /// Products per stage of the current application (the funnel).
    pub per_stage: BTreeMap<Stage, usize>,
    /// Stars of certificates valid today → products.
    pub official_stars: BTreeMap<u8, usize>,
    /// Products whose latest certificate has expired (not counted as starred).
    pub expired_certificates: usize,
    /// Products whose latest certificate was revoked (not counted as starred).
    pub revoked_certificates: usize,
    /// Predicted stars from the score sheets (0 = below 3★ or eliminated) → products.
    pub predicted_stars: BTreeMap<u8, usize>,
    /// Products with no score sheet answers yet.
    pub not_scored: usize,
    /// Certificates expiring per (year, quarter 1–4), from this quarter on.
    pub expiring_per_quarter: BTreeMap<(i32, u32), usize>,
    /// Products whose scoring set is not chosen yet (a task), by name: (id, name).
    pub without_set: Vec<(ProductId, String)>,
}

/// What one product adds to the dashboard's counts (kept in its digest).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductStats {
    /// Stage of the current application.
    pub stage: Stage,
    /// Its name when its scoring set is not chosen yet.
    pub without_set: Option<String>,
    /// Its latest certificate's star and standing today.
    pub standing: Option<(u8, CertificateStanding)>,
    /// The predicted star (0: below 3★ or eliminated), when not officially rated and
    /// the sheet has answers; None with `scored` false: not scored yet.
    pub predicted: Option<u8>,
    /// Whether it counts as rated or predicted (false: "not scored yet").
    pub scored: bool,
    /// Year and quarter its certificate expires in, when it still can.
    pub expiring: Option<(i32, u32)>,
}

/// What `product` adds to the counts; None without a current application.
pub fn product_stats(
    product: &Product,
    catalog: &Catalog,
    today: NaiveDate,
) -> Option<ProductStats> {
    let app = product.current()?;
    let without_set =
        (product.scoring_set == super::criteria::NO_SET).then(|| product.name.clone());
    // Only a certificate valid today counts as an official star.
    let standing = product.certificate_standing(today);
    let official = app
        .scores
        .official
        .star
        .or(standing.as_ref().map(|(c, _)| c.star));
    let sheet = if app.scores.commune_view.answers.is_empty() {
        &app.scores.self_assessment
    } else {
        &app.scores.commune_view
    };
    let (predicted, scored) = match catalog.scoring_set(&app.rule_version, product.scoring_set) {
        // Once officially rated, a product is counted there, not as a prediction.
        _ if official.is_some() => (None, true),
        Some(set) if !sheet.answers.is_empty() => {
            let star = match scoring::evaluate(set, sheet).outcome() {
                Outcome::Recognised(s) => s,
                Outcome::NotRecognised | Outcome::Eliminated => 0,
            };
            (Some(star), true)
        }
        _ => (None, false),
    };
    let expiring = if matches!(app.stage, Stage::Revoked | Stage::Expired) {
        None
    } else {
        product
            .latest_certificate_expiry()
            .map(|expiry| (expiry.year(), expiry.month0() / 3 + 1))
    };
    Some(ProductStats {
        stage: app.stage,
        without_set,
        standing: standing.map(|(c, s)| (c.star, s)),
        predicted,
        scored,
        expiring,
    })
}

/// Computes the chart counts (each product's part from its digest).
pub fn stats(workspace: &Workspace, catalog: &Catalog, today: NaiveDate) -> Stats {
    let of = DigestOf {
        catalog,
        today,
        side: workspace.info.kind,
    };
    let mut stats = Stats::default();
    let this_quarter = (today.year(), today.month0() / 3 + 1);
    for (id, digest) in workspace
        .products
        .keys()
        .zip(workspace.products.digests(of))
    {
        let Some(part) = &digest.stats else {
            continue;
        };
        *stats.per_stage.entry(part.stage).or_default() += 1;
        if let Some(name) = &part.without_set {
            stats.without_set.push((id.clone(), name.clone()));
        }
        match &part.standing {
            Some((star, CertificateStanding::Valid)) => {
                *stats.official_stars.entry(*star).or_default() += 1;
            }
            Some((_, CertificateStanding::Expired { .. })) => stats.expired_certificates += 1,
            Some((_, CertificateStanding::Revoked { .. })) => stats.revoked_certificates += 1,
            Some((_, CertificateStanding::NotYetIssued)) | None => {}
        }
        match (part.predicted, part.scored) {
            (Some(star), _) => *stats.predicted_stars.entry(star).or_default() += 1,
            (None, true) => {}
            (None, false) => stats.not_scored += 1,
        }
        if let Some(quarter) = part.expiring
            && quarter >= this_quarter
        {
            *stats.expiring_per_quarter.entry(quarter).or_default() += 1;
        }
    }
    stats
}

/// Stable machine name of a deadline kind (used in calendar UIDs: never change these).
pub fn kind_code(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::CommuneProcessing => "commune-processing",
        DeadlineKind::ProvinceRoundCutoff => "province-cutoff",
        DeadlineKind::ProvincialResult => "provincial-result",
        DeadlineKind::NationalResult => "national-result",
        DeadlineKind::ReRatingOpens => "rerating-opens",
        DeadlineKind::ReRatingCloses => "rerating-closes",
        DeadlineKind::CertificateExpiry => "certificate-expiry",
        DeadlineKind::GraceEnds => "grace-ends",
        DeadlineKind::DocumentValidUntil => "document-valid-until",
    }
}

/// Calendar events for every upcoming agenda item (today or later), with reminders a week
/// and a day before. `label` names a deadline kind and a document key in the user's
/// language. The UID depends only on product, rule and document, so re-exporting after a
/// date moves updates the event instead of adding a second one.
pub fn calendar_events(
    items: &[AgendaItem],
    label: impl Fn(&AgendaItem) -> (String, String),
) -> Vec<IcsEvent> {
    items
        .iter()
        .filter(|item| item.days_left >= 0)
        .map(|item| {
            let (summary, description) = label(item);
            IcsEvent {
                uid: ics::stable_uid(&[
                    item.product_id.as_str(),
                    kind_code(item.kind),
                    item.document_key.as_deref().unwrap_or(""),
                ]),
                date: item.date,
                summary,
                description,
                alarm_days_before: vec![7, 1],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn buckets_from_a_thursday() {
        let today = d(2026, 11, 26); // Thursday
        let cases = [
            (d(2026, 11, 25), Bucket::Overdue),
            (d(2026, 11, 26), Bucket::ThisWeek),
            (d(2026, 11, 29), Bucket::ThisWeek),
            (d(2026, 11, 30), Bucket::NextWeek),
            (d(2026, 12, 6), Bucket::NextWeek),
            (d(2026, 12, 7), Bucket::ThisMonth),
            (d(2026, 12, 26), Bucket::ThisMonth),
            (d(2026, 12, 27), Bucket::Later),
        ];
        for (date, expected) in cases {
            assert_eq!(bucket(date, today), expected, "{date}");
        }
    }
}
