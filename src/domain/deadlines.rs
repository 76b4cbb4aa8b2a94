//! Deadlines of the OCOP process (Decision 26/2026/QĐ-TTg, Art. 7; domain brief §5.2–5.3).
//!
//! Every date is computed here, purely, with the rule that produces it named by
//! [`DeadlineKind`]. "Today" is always passed in, so tests and the demo can pin it.
//! No egui, no files.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::model::{Application, Product};
use super::stage::Stage;

/// Working-day calendar: weekends plus public holidays (data, loaded by storage).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorkCalendar {
    /// Non-working weekdays (public holidays, compensatory days off).
    pub holidays: BTreeSet<NaiveDate>,
    /// Weekend days that are worked (make-up working days), if the government moves days.
    pub working_weekends: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.working_weekends.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// The date `n` working days after `start` (the receipt day itself does not count).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = start;
        let mut left = n;
        // Bounded: even a year of holidays cannot hold more than 366 consecutive days off.
        let mut guard = 0u32;
        while left > 0 && guard < n.saturating_mul(7).saturating_add(400) {
            guard += 1;
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days in `year`.
    pub fn working_days_in_year(&self, year: i32) -> u32 {
        match (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            (Some(first), Some(last)) => {
                self.working_days_between(first, last) + u32::from(self.is_working_day(first))
            }
            _ => 0,
        }
    }

    /// Of `years`, those with fewer than [`MIN_PLAUSIBLE_WORKING_DAYS`] working days,
    /// with their count: almost surely a mistake in hand-edited holiday data, which
    /// would silently push every working-day deadline out.
    pub fn implausible_years(&self, years: impl IntoIterator<Item = i32>) -> Vec<(i32, u32)> {
        years
            .into_iter()
            .map(|year| (year, self.working_days_in_year(year)))
            .filter(|(_, days)| *days < MIN_PLAUSIBLE_WORKING_DAYS)
            .collect()
    }

    /// Working days from `start` (exclusive) up to `end` (inclusive); 0 if `end <= start`.
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> u32 {
        let mut count = 0;
        let mut date = start;
        while date < end {
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
            if self.is_working_day(date) {
                count += 1;
            }
        }
        count
    }
}

/// An overdue deadline stays "next" for this many days after it passed, so that it is
/// not hidden behind later ones while it still needs doing (the app's choice, not law).
pub const OVERDUE_SHOWN_DAYS: i64 = 60;
/// Fewer working days than this in a year means the holiday data is wrong: Vietnam has
/// about 250 (365 − 104 weekend days − about 11 public holidays).
pub const MIN_PLAUSIBLE_WORKING_DAYS: u32 = 200;

/// A yearly date, (month, day).
pub type YearDay = (u32, u32);

/// The deadlines one legal basis sets, keyed by rule version the way the dossier
/// templates and the scoring criteria are: an application is dated by the rules it was
/// filed under, and a certificate by the rules of the application that won it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRules {
    /// The decision these rules come from (an application's `rule_version`).
    pub rule_version: &'static str,
    /// The commune's processing time in working days from receipt.
    pub commune_working_days: u32,
    /// Yearly dates by which forwarded dossiers reach the province (one per round).
    pub province_cutoffs: &'static [YearDay],
    /// Yearly dates by which the provincial council finishes (one per round).
    pub provincial_results: &'static [YearDay],
    /// National (5★) rounds: a dossier sent by the first date is decided by the second.
    pub national_rounds: &'static [(YearDay, YearDay)],
    /// Certificate validity in months from the issue date.
    pub certificate_months: u32,
    /// The re-rating submission window opens this many days before expiry.
    pub rerating_opens_days_before: u64,
    /// The re-rating submission window closes this many days before expiry.
    pub rerating_closes_days_before: u64,
    /// Transitional grace after expiry when the window was missed (days).
    pub grace_days_after_expiry: u64,
}

/// The deadline rules this build knows, newest first.
pub const DEADLINE_RULES: &[DeadlineRules] = &[DeadlineRules {
    // Decision 26/2026/QĐ-TTg, Art. 7 (domain brief §5.2–5.3), all marked [certain]:
    // step 2, 15 working days and the 30 April / 30 October cut-offs; steps 5–6, the
    // provincial rounds end 30 June / 30 December; step 9, 5★ dossiers sent by 30 July are
    // decided by 30 September, by 30 January by 30 March; certificates last 36 months;
    // re-rating is filed 180 to 120 days before expiry, with 180 days of grace after it.
    rule_version: super::model::CURRENT_RULE_VERSION,
    commune_working_days: 15,
    province_cutoffs: &[(4, 30), (10, 30)],
    provincial_results: &[(6, 30), (12, 30)],
    national_rounds: &[((7, 30), (9, 30)), ((1, 30), (3, 30))],
    certificate_months: 36,
    rerating_opens_days_before: 180,
    rerating_closes_days_before: 120,
    grace_days_after_expiry: 180,
}];

/// The deadline rules for `rule_version`. A version without its own entry (1048/QĐ-TTg:
/// its process deadlines were not collected, domain brief "unverified") is dated by the
/// newest rules. [inferred] For the dates that matter for such old applications, the
/// certificate's 36 months and the re-rating window, this is what communes apply today.
pub fn rules(rule_version: &str) -> &'static DeadlineRules {
    DEADLINE_RULES
        .iter()
        .find(|r| r.rule_version == rule_version)
        .unwrap_or(CURRENT_RULES)
}

/// The newest rules (the first of [`DEADLINE_RULES`]; an empty table fails to compile).
static CURRENT_RULES: &DeadlineRules = &DEADLINE_RULES[0];

impl DeadlineRules {
    /// The provincial round cut-off that a dossier forwarded on or after `from` must meet.
    pub fn province_cutoff(&self, from: NaiveDate) -> Option<NaiveDate> {
        next_yearly(from, self.province_cutoffs)
    }

    /// Round end for a dossier at the province since `from`.
    pub fn provincial_result_due(&self, from: NaiveDate) -> Option<NaiveDate> {
        next_yearly(from, self.provincial_results)
    }

    /// National round end for a 5★ candidate sent on `from`: the decision date of the
    /// first round whose sending date is on or after `from`.
    pub fn national_result_due(&self, from: NaiveDate) -> Option<NaiveDate> {
        let sent_by: Vec<YearDay> = self.national_rounds.iter().map(|(sent, _)| *sent).collect();
        let cutoff = next_yearly(from, &sent_by)?;
        let (_, (month, day)) = self
            .national_rounds
            .iter()
            .find(|((m, d), _)| (*m, *d) == (cutoff.month(), cutoff.day()))?;
        // The decision comes later in the same year, or in the next.
        let same_year = ymd(cutoff.year(), *month, *day)?;
        if same_year >= cutoff {
            Some(same_year)
        } else {
            ymd(cutoff.year() + 1, *month, *day)
        }
    }

    /// Certificate expiry: issue + the validity (29 February clamps to 28 February).
    pub fn certificate_expiry(&self, issued_on: NaiveDate) -> Option<NaiveDate> {
        issued_on.checked_add_months(Months::new(self.certificate_months))
    }

    /// The re-rating submission window (opens, closes) for a certificate expiring on
    /// `expiry`.
    pub fn rerating_window(&self, expiry: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        Some((
            expiry.checked_sub_days(Days::new(self.rerating_opens_days_before))?,
            expiry.checked_sub_days(Days::new(self.rerating_closes_days_before))?,
        ))
    }

    /// The end of the transitional grace for a certificate expiring on `expiry`.
    pub fn grace_ends(&self, expiry: NaiveDate) -> Option<NaiveDate> {
        expiry.checked_add_days(Days::new(self.grace_days_after_expiry))
    }
}

/// Which rule a deadline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineKind {
    /// Commune forwards within 15 working days of receipt.
    CommuneProcessing,
    /// Dossiers reach the province by 30 April (round 1) or 30 October (round 2).
    ProvinceRoundCutoff,
    /// The provincial council finishes by 30 June / 30 December.
    ProvincialResult,
    /// The ministry finishes 5★ evaluation by 30 September / 30 March.
    NationalResult,
    /// The re-rating submission window opens (expiry − 180 days).
    ReRatingOpens,
    /// The re-rating submission window closes (expiry − 120 days).
    ReRatingCloses,
    /// The certificate expires (issue + 36 months).
    CertificateExpiry,
    /// The transitional grace ends (expiry + 180 days).
    GraceEnds,
    /// A dossier document stops being valid.
    DocumentValidUntil,
}

impl DeadlineKind {
    /// Every kind (the dashboard's filter, the tests).
    pub const ALL: [DeadlineKind; 9] = [
        DeadlineKind::CommuneProcessing,
        DeadlineKind::ProvinceRoundCutoff,
        DeadlineKind::ProvincialResult,
        DeadlineKind::NationalResult,
        DeadlineKind::ReRatingOpens,
        DeadlineKind::ReRatingCloses,
        DeadlineKind::CertificateExpiry,
        DeadlineKind::GraceEnds,
        DeadlineKind::DocumentValidUntil,
    ];

    /// Whether it binds the commune itself (its 15 working days to forward a dossier):
    /// a producer's workspace does not list it.
    pub fn is_communes(self) -> bool {
        self == DeadlineKind::CommuneProcessing
    }
}

/// The deadlines that concern the side keeping the workspace: a producer's workspace
/// leaves out the commune's own ([`DeadlineKind::is_communes`]).
pub fn for_side(deadlines: Vec<Deadline>, side: super::model::WorkspaceKind) -> Vec<Deadline> {
    match side {
        super::model::WorkspaceKind::Commune => deadlines,
        super::model::WorkspaceKind::Producer => deadlines
            .into_iter()
            .filter(|d| !d.kind.is_communes())
            .collect(),
    }
}

/// A dated obligation of one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The day.
    pub date: NaiveDate,
    /// The rule behind it.
    pub kind: DeadlineKind,
    /// Dossier document key for [`DeadlineKind::DocumentValidUntil`].
    pub document_key: Option<String>,
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The next date among the yearly (month, day) pairs that falls on or after `from`.
fn next_yearly(from: NaiveDate, days: &[(u32, u32)]) -> Option<NaiveDate> {
    let mut candidates: Vec<NaiveDate> = Vec::new();
    for year in [from.year(), from.year() + 1] {
        for (m, d) in days {
            if let Some(date) = ymd(year, *m, *d) {
                candidates.push(date);
            }
        }
    }
    candidates.into_iter().filter(|d| *d >= from).min()
}

/// Deadlines of one application (and the product's certificate), relative to `today`.
pub fn application_deadlines(
    product: &Product,
    app: &Application,
    today: NaiveDate,
    calendar: &WorkCalendar,
) -> Vec<Deadline> {
    let rules = rules(&app.rule_version);
    let mut out = Vec::new();
    let mut push = |date: Option<NaiveDate>, kind: DeadlineKind| {
        if let Some(date) = date {
            out.push(Deadline {
                date,
                kind,
                document_key: None,
            });
        }
    };
    match app.stage {
        Stage::SubmittedToCommune | Stage::CommuneAssessment => {
            if let Some(received) = app.dates.received_by_commune {
                push(
                    Some(calendar.add_working_days(received, rules.commune_working_days)),
                    DeadlineKind::CommuneProcessing,
                );
                push(
                    rules.province_cutoff(received.max(today)),
                    DeadlineKind::ProvinceRoundCutoff,
                );
            }
        }
        Stage::Preparing | Stage::DossierInPreparation => {
            push(
                rules.province_cutoff(today),
                DeadlineKind::ProvinceRoundCutoff,
            );
        }
        Stage::ForwardedToProvince | Stage::ProvincialEvaluation => {
            let from = app.dates.forwarded_to_province.unwrap_or(today);
            push(
                rules.provincial_result_due(from),
                DeadlineKind::ProvincialResult,
            );
        }
        Stage::SentToMinistry => {
            let from = app.dates.sent_to_ministry.unwrap_or(today);
            push(
                rules.national_result_due(from),
                DeadlineKind::NationalResult,
            );
        }
        Stage::Recognised | Stage::NotRecognised | Stage::Revoked | Stage::Expired => {}
    }
    // Certificate dates come from the latest certificate of the product, whichever
    // application holds it (a re-rating application runs while the old one is valid),
    // under the rules that application was filed under.
    if !matches!(app.stage, Stage::Revoked)
        && let Some(holder) = product.certificate_holder()
        && let Some(expiry) = holder.certificate_expiry()
    {
        let holder_rules = holder.deadline_rules();
        // The window to file the re-rating: while the certificate stands, and while the
        // re-rating itself is still being prepared (its filing deadline is this window's
        // close; once it is submitted, the filing is done).
        let filing_rerating = app.kind == super::model::ApplicationKind::ReRating
            && matches!(app.stage, Stage::Preparing | Stage::DossierInPreparation)
            && holder.revocation.is_none();
        if let Some((opens, closes)) = holder_rules.rerating_window(expiry)
            && (app.stage == Stage::Recognised || filing_rerating)
        {
            push(Some(opens), DeadlineKind::ReRatingOpens);
            push(Some(closes), DeadlineKind::ReRatingCloses);
        }
        push(Some(expiry), DeadlineKind::CertificateExpiry);
        if today > expiry {
            push(holder_rules.grace_ends(expiry), DeadlineKind::GraceEnds);
        }
    }
    for entry in &app.dossier {
        if entry.status == super::dossier::DocStatus::NotApplicable {
            continue;
        }
        // The document's own date, and each attached file's, count; the earliest per
        // document is the one that matters.
        let earliest = entry
            .valid_until
            .into_iter()
            .chain(entry.attachments.iter().filter_map(|a| a.valid_until))
            .min();
        if let Some(valid_until) = earliest {
            out.push(Deadline {
                date: valid_until,
                kind: DeadlineKind::DocumentValidUntil,
                document_key: Some(entry.key.clone()),
            });
        }
    }
    out.sort_by_key(|d| (d.date, d.kind));
    out
}

/// The deadline to show in the portfolio: the earliest one still relevant.
///
/// Deadlines in the past stay relevant (overdue) for 60 days, except passed round
/// cut-offs and window openings, which are replaced by the next one.
pub fn next_deadline(
    product: &Product,
    today: NaiveDate,
    calendar: &WorkCalendar,
) -> Option<Deadline> {
    next_deadline_for(
        product,
        today,
        calendar,
        super::model::WorkspaceKind::Commune,
    )
}

/// [`next_deadline`] among the deadlines that concern `side` ([`for_side`]).
pub fn next_deadline_for(
    product: &Product,
    today: NaiveDate,
    calendar: &WorkCalendar,
    side: super::model::WorkspaceKind,
) -> Option<Deadline> {
    let app = product.current()?;
    for_side(application_deadlines(product, app, today, calendar), side)
        .into_iter()
        .find(|d| {
            d.date >= today
                || (matches!(
                    d.kind,
                    DeadlineKind::CommuneProcessing
                        | DeadlineKind::DocumentValidUntil
                        | DeadlineKind::CertificateExpiry
                        | DeadlineKind::ReRatingCloses
                ) && (today - d.date).num_days() <= OVERDUE_SHOWN_DAYS)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn now() -> &'static DeadlineRules {
        rules(crate::domain::model::CURRENT_RULE_VERSION)
    }

    #[test]
    fn rules_are_keyed_by_version_and_an_unknown_one_uses_the_newest() {
        assert_eq!(
            now().rule_version,
            crate::domain::model::CURRENT_RULE_VERSION
        );
        assert_eq!(now().commune_working_days, 15);
        assert_eq!(now().certificate_months, 36);
        assert_eq!(
            rules(crate::domain::model::RULE_VERSION_1048),
            &DEADLINE_RULES[0]
        );
        let versions: std::collections::BTreeSet<_> =
            DEADLINE_RULES.iter().map(|r| r.rule_version).collect();
        assert_eq!(
            versions.len(),
            DEADLINE_RULES.len(),
            "one entry per version"
        );
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let mut cal = WorkCalendar::default();
        // Mon 2 Mar 2026 + 15 working days (weekends only) = Mon 23 Mar 2026.
        assert_eq!(cal.add_working_days(d(2026, 3, 2), 15), d(2026, 3, 23));
        // A holiday inside pushes it one day.
        cal.holidays.insert(d(2026, 3, 10));
        assert_eq!(cal.add_working_days(d(2026, 3, 2), 15), d(2026, 3, 24));
        // Received on a Friday: the clock starts Monday.
        assert_eq!(
            WorkCalendar::default().add_working_days(d(2026, 3, 6), 1),
            d(2026, 3, 9)
        );
        assert_eq!(
            WorkCalendar::default().working_days_between(d(2026, 3, 2), d(2026, 3, 9)),
            5
        );
    }

    #[test]
    fn round_cutoffs() {
        let cases = [
            (d(2026, 1, 5), d(2026, 4, 30)),
            (d(2026, 4, 30), d(2026, 4, 30)),
            (d(2026, 5, 1), d(2026, 10, 30)),
            (d(2026, 10, 30), d(2026, 10, 30)),
            (d(2026, 10, 31), d(2027, 4, 30)),
        ];
        for (from, expected) in cases {
            assert_eq!(now().province_cutoff(from), Some(expected), "{from}");
        }
        assert_eq!(
            now().provincial_result_due(d(2026, 5, 2)),
            Some(d(2026, 6, 30))
        );
        assert_eq!(
            now().provincial_result_due(d(2026, 7, 1)),
            Some(d(2026, 12, 30))
        );
        assert_eq!(
            now().national_result_due(d(2026, 7, 10)),
            Some(d(2026, 9, 30))
        );
        assert_eq!(
            now().national_result_due(d(2026, 8, 1)),
            Some(d(2027, 3, 30))
        );
        assert_eq!(
            now().national_result_due(d(2026, 1, 30)),
            Some(d(2026, 3, 30))
        );
        assert_eq!(
            now().national_result_due(d(2026, 12, 1)),
            Some(d(2027, 3, 30))
        );
    }

    #[test]
    fn expiry_and_rerating_window() {
        let cases = [
            (d(2026, 6, 25), d(2029, 6, 25)),
            (d(2024, 2, 29), d(2027, 2, 28)),
            (d(2025, 8, 31), d(2028, 8, 31)),
            (d(2023, 12, 31), d(2026, 12, 31)),
        ];
        for (issued, expiry) in cases {
            assert_eq!(now().certificate_expiry(issued), Some(expiry), "{issued}");
        }
        let (opens, closes) = now().rerating_window(d(2029, 6, 25)).expect("window");
        assert_eq!(opens, d(2028, 12, 27));
        assert_eq!(closes, d(2029, 2, 25));
    }
}
