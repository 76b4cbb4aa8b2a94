//! Vietnam's public holidays (ngày nghỉ lễ, Tết) and the working-day calendar built
//! from them, for deadlines counted in working days (the commune's 15 working days,
//! Decision 26/2026/QĐ-TTg, Art. 7).
//!
//! The law, Labour Code 2019 (45/2019/QH14):
//! - Art. 112.1: eleven paid holidays: New Year 1 day (1 January); Tết Nguyên đán
//!   5 days; Victory Day 1 day (30 April); International Labour Day 1 day (1 May);
//!   National Day 2 days (2 September and one day before or after it); Hùng Kings'
//!   Commemoration Day 1 day (10th day of the 3rd lunar month).
//! - Art. 112.3: each year the Prime Minister fixes the exact Tết days and the
//!   National Day's second day.
//! - Art. 111.3: a holiday that falls on a weekly rest day is made up by a day off on
//!   the next working day (nghỉ bù).
//!
//! On top of that the government often swaps a working day with a Saturday
//! (hoán đổi ngày làm việc) so that a holiday joins a weekend, and the Saturday is
//! worked instead (làm bù). These arrangements bind public bodies (cán bộ, công
//! chức, viên chức), whose week is Monday to Friday; for private employers they are
//! a recommendation. The commune People's Committee is a public body, so its
//! working days follow them.
//!
//! The days the government actually announces are data ([`HolidayCalendar`], shipped
//! as `assets/holidays/vn.ron`, each year marked [`YearStatus::Official`] with its
//! source). For a year not announced yet, [`computed_year`] derives the days from
//! the rules above; the announcement may differ (it usually adds swaps), so such a
//! year is marked [`YearStatus::Computed`].
//!
//! Pure: no files, no RON, no egui. Reading the data file is the storage layer's job.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::deadlines::WorkCalendar;
use super::lunar;

/// The data format version of [`HolidayCalendar`] this code reads and writes.
pub const HOLIDAY_SCHEMA_VERSION: u32 = 1;

/// Whether a year's days were announced by the government or derived by rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum YearStatus {
    /// Taken from the government's notices for that year (source given).
    Official,
    /// Derived from the Labour Code's rules by [`computed_year`]; not yet announced.
    Computed,
}

/// Why a day is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DayOffKind {
    /// A statutory holiday itself (Labour Code 2019, Art. 112.1). Listed even when it
    /// falls on a weekend, so the compensation after it can be explained.
    #[default]
    Holiday,
    /// A day off in compensation for a holiday on a weekend (Art. 111.3).
    Compensatory,
    /// A working weekday given off in exchange for a make-up Saturday
    /// (hoán đổi ngày làm việc), listed in `working_weekends`.
    Swapped,
}

/// One day off, with its name in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayOff {
    /// The day.
    pub date: NaiveDate,
    /// Why the day is off.
    #[serde(default)]
    pub kind: DayOffKind,
    /// Vietnamese name, e.g. "Giỗ Tổ Hùng Vương".
    pub name_vi: String,
    /// English name, e.g. "Hùng Kings' Commemoration Day".
    pub name_en: String,
}

/// The days off and make-up working days of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayYear {
    /// Solar year.
    pub year: i32,
    /// Announced by the government, or derived by rule.
    pub status: YearStatus,
    /// Where the days come from: decision or notice numbers and dates.
    pub source: String,
    /// Caveats (what was not verified, what may still change).
    #[serde(default)]
    pub note: String,
    /// Holidays, compensatory and swapped days off, by date. Ordinary weekends are
    /// not listed.
    pub days_off: Vec<DayOff>,
    /// Saturdays (or Sundays) that public bodies work to make up a swapped day.
    /// May lie in the neighbouring year (a January swap can be made up in December).
    #[serde(default)]
    pub working_weekends: Vec<NaiveDate>,
}

/// The holiday data: one entry per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayCalendar {
    /// Data format version; see [`HOLIDAY_SCHEMA_VERSION`].
    #[serde(default = "default_schema_version")]
    pub schema_version: u32,
    /// The years, in any order; at most one entry per year.
    pub years: Vec<HolidayYear>,
}

fn default_schema_version() -> u32 {
    HOLIDAY_SCHEMA_VERSION
}

impl Default for HolidayCalendar {
    fn default() -> Self {
        Self {
            schema_version: HOLIDAY_SCHEMA_VERSION,
            years: Vec::new(),
        }
    }
}

/// Something wrong in holiday data (which is untrusted: officers edit it by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayProblem {
    /// The data was written for a newer format than this code knows.
    UnsupportedSchemaVersion {
        /// The version in the data.
        found: u32,
    },
    /// Two entries for the same year.
    DuplicateYear {
        /// The year.
        year: i32,
    },
    /// A date more than a year away from the entry's year (probably a typo).
    DateFarFromYear {
        /// The entry's year.
        year: i32,
        /// The date.
        date: NaiveDate,
    },
    /// The same date listed twice as a day off.
    DuplicateDayOff {
        /// The entry's year.
        year: i32,
        /// The date.
        date: NaiveDate,
    },
    /// A make-up working day that is not a Saturday or Sunday.
    WorkingDayNotWeekend {
        /// The entry's year.
        year: i32,
        /// The date.
        date: NaiveDate,
    },
    /// A date that is both a day off and a make-up working day.
    DayOffAndWorkingDay {
        /// The entry's year.
        year: i32,
        /// The date.
        date: NaiveDate,
    },
    /// An official year without its source.
    OfficialWithoutSource {
        /// The entry's year.
        year: i32,
    },
}

impl fmt::Display for HolidayProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnsupportedSchemaVersion { found } => write!(
                f,
                "holiday data has schema version {found}; this version of the app reads {HOLIDAY_SCHEMA_VERSION}"
            ),
            Self::DuplicateYear { year } => write!(f, "year {year} is listed more than once"),
            Self::DateFarFromYear { year, date } => {
                write!(f, "year {year}: date {date} is far from that year")
            }
            Self::DuplicateDayOff { year, date } => {
                write!(f, "year {year}: day off {date} is listed twice")
            }
            Self::WorkingDayNotWeekend { year, date } => {
                write!(
                    f,
                    "year {year}: make-up working day {date} is not a weekend day"
                )
            }
            Self::DayOffAndWorkingDay { year, date } => {
                write!(f, "year {year}: {date} is both a day off and a working day")
            }
            Self::OfficialWithoutSource { year } => {
                write!(f, "year {year} is marked official but names no source")
            }
        }
    }
}

impl std::error::Error for HolidayProblem {}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl HolidayYear {
    /// The working-day calendar of this year alone.
    pub fn to_work_calendar(&self) -> WorkCalendar {
        let mut calendar = WorkCalendar::default();
        self.add_to(&mut calendar);
        calendar
    }

    /// Adds this year's days to `calendar`. Days off on a weekend are skipped: they
    /// are rest days anyway, and [`WorkCalendar::holidays`] holds weekdays.
    fn add_to(&self, calendar: &mut WorkCalendar) {
        calendar.holidays.extend(
            self.days_off
                .iter()
                .map(|day| day.date)
                .filter(|date| !is_weekend(*date)),
        );
        calendar
            .working_weekends
            .extend(self.working_weekends.iter().copied());
    }

    /// The day off on `date`, if any.
    pub fn day_off(&self, date: NaiveDate) -> Option<&DayOff> {
        self.days_off.iter().find(|day| day.date == date)
    }

    /// Problems in this year's data; empty when it is consistent.
    pub fn problems(&self) -> Vec<HolidayProblem> {
        let year = self.year;
        let mut out = Vec::new();
        if self.status == YearStatus::Official && self.source.trim().is_empty() {
            out.push(HolidayProblem::OfficialWithoutSource { year });
        }
        let near = |date: NaiveDate| (date.year() - year).abs() <= 1;
        let mut seen = BTreeSet::new();
        for day in &self.days_off {
            if !near(day.date) {
                out.push(HolidayProblem::DateFarFromYear {
                    year,
                    date: day.date,
                });
            }
            if !seen.insert(day.date) {
                out.push(HolidayProblem::DuplicateDayOff {
                    year,
                    date: day.date,
                });
            }
        }
        for &date in &self.working_weekends {
            if !near(date) {
                out.push(HolidayProblem::DateFarFromYear { year, date });
            }
            if !is_weekend(date) {
                out.push(HolidayProblem::WorkingDayNotWeekend { year, date });
            }
            if seen.contains(&date) {
                out.push(HolidayProblem::DayOffAndWorkingDay { year, date });
            }
        }
        out
    }
}

impl HolidayCalendar {
    /// The entry for `year`, if the data has one.
    pub fn year(&self, year: i32) -> Option<&HolidayYear> {
        self.years.iter().find(|entry| entry.year == year)
    }

    /// This data with every year that `newer` has replaced by `newer`'s entry
    /// (e.g. the built-in file overlaid with an officer's updated copy).
    pub fn overlay(&self, newer: &HolidayCalendar) -> HolidayCalendar {
        let mut by_year: BTreeMap<i32, HolidayYear> = BTreeMap::new();
        for entry in self.years.iter().chain(&newer.years) {
            by_year.insert(entry.year, entry.clone());
        }
        HolidayCalendar {
            schema_version: HOLIDAY_SCHEMA_VERSION,
            years: by_year.into_values().collect(),
        }
    }

    /// The years this data lists.
    pub fn listed_years(&self) -> Vec<i32> {
        self.years.iter().map(|y| y.year).collect()
    }

    /// The working-day calendar of every year in the data (and no others).
    pub fn to_work_calendar(&self) -> WorkCalendar {
        let mut calendar = WorkCalendar::default();
        for entry in &self.years {
            entry.add_to(&mut calendar);
        }
        calendar
    }

    /// The working-day calendar for `years`: each year from the data, or computed by
    /// rule where the data has none. Years outside the lunar module's range are left
    /// out (weekends only).
    pub fn work_calendar_for(&self, years: RangeInclusive<i32>) -> WorkCalendar {
        let first = (*years.start()).max(lunar::FIRST_SUPPORTED_YEAR);
        let last = (*years.end()).min(lunar::LAST_SUPPORTED_YEAR);
        let mut calendar = WorkCalendar::default();
        for year in first..=last {
            match self.year(year) {
                Some(entry) => entry.add_to(&mut calendar),
                None => computed_year(year).add_to(&mut calendar),
            }
        }
        calendar
    }

    /// Problems in the data; empty when it is consistent.
    pub fn problems(&self) -> Vec<HolidayProblem> {
        let mut out = Vec::new();
        if self.schema_version > HOLIDAY_SCHEMA_VERSION {
            out.push(HolidayProblem::UnsupportedSchemaVersion {
                found: self.schema_version,
            });
        }
        let mut seen = BTreeSet::new();
        for entry in &self.years {
            if !seen.insert(entry.year) {
                out.push(HolidayProblem::DuplicateYear { year: entry.year });
            }
            out.extend(entry.problems());
        }
        out
    }
}

/// Tết Nguyên đán, the 1st day of the 1st lunar month of `year`.
pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar::lunar_to_solar(year, 1, 1, false)
}

/// The Hùng Kings' Commemoration Day, the 10th day of the 3rd lunar month of `year`
/// (of the regular month when the 3rd month has a leap repetition).
pub fn hung_kings_day(year: i32) -> Option<NaiveDate> {
    lunar::lunar_to_solar(year, 3, 10, false)
}

/// The National Day's second day by rule: the neighbour of 2 September that joins
/// it to a weekend (Labour Code 2019, Art. 112.1 (đ): "2 September and one day
/// before or after").
///
/// Follows what the government chose since the second day was introduced in 2021:
/// Thursday 2021 → Friday 3rd; Friday 2022 → Thursday 1st; Saturday 2023 → Friday
/// 1st; Monday 2024 → Tuesday 3rd; Tuesday 2025 → Monday 1st; Wednesday 2026 →
/// Tuesday 1st (with Monday 31 August swapped). Sunday has no precedent yet; Monday
/// 3rd is the weekday next to it.
pub fn national_day_second_day(year: i32) -> Option<NaiveDate> {
    let sep2 = NaiveDate::from_ymd_opt(year, 9, 2)?;
    match sep2.weekday() {
        Weekday::Mon | Weekday::Thu | Weekday::Sun => sep2.succ_opt(),
        Weekday::Tue | Weekday::Wed | Weekday::Fri | Weekday::Sat => sep2.pred_opt(),
    }
}

fn holiday(date: NaiveDate, name_vi: &str, name_en: &str) -> DayOff {
    DayOff {
        date,
        name_vi: name_vi.to_owned(),
        name_en: name_en.to_owned(),
        kind: DayOffKind::Holiday,
    }
}

/// The five Tết days by rule: the last day of the old lunar year (29th or 30th of
/// the 12th month) and the 1st to 4th of the new year.
fn tet_days(year: i32) -> Vec<DayOff> {
    let Some(first) = tet(year) else {
        return Vec::new();
    };
    let mut days = Vec::new();
    if let Some(eve) = first.pred_opt() {
        let lunar_day = lunar::solar_to_lunar(eve).map_or(29, |l| l.day);
        days.push(DayOff {
            date: eve,
            name_vi: format!("Tết Nguyên đán ({lunar_day} tháng Chạp)"),
            name_en: format!("Lunar New Year (Tết), {lunar_day}th of the 12th lunar month"),
            kind: DayOffKind::Holiday,
        });
    }
    let mut date = first;
    for (n, en) in [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th")] {
        days.push(DayOff {
            date,
            name_vi: format!("Tết Nguyên đán (mùng {n} tháng Giêng)"),
            name_en: format!("Lunar New Year (Tết), {en} day"),
            kind: DayOffKind::Holiday,
        });
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    days
}

/// The statutory holidays of `year` by rule (Labour Code 2019, Art. 112.1), without
/// compensation: 11 days when the lunar dates are known, sorted by date.
pub fn statutory_holidays(year: i32) -> Vec<DayOff> {
    let mut days = Vec::new();
    let ymd = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    if let Some(date) = ymd(1, 1) {
        days.push(holiday(date, "Tết Dương lịch", "New Year's Day"));
    }
    days.extend(tet_days(year));
    if let Some(date) = hung_kings_day(year) {
        days.push(holiday(
            date,
            "Giỗ Tổ Hùng Vương (10/3 Âm lịch)",
            "Hùng Kings' Commemoration Day (10th of the 3rd lunar month)",
        ));
    }
    if let Some(date) = ymd(4, 30) {
        days.push(holiday(
            date,
            "Ngày Chiến thắng (Giải phóng miền Nam, thống nhất đất nước)",
            "Victory Day (Reunification Day)",
        ));
    }
    if let Some(date) = ymd(5, 1) {
        days.push(holiday(
            date,
            "Ngày Quốc tế Lao động",
            "International Labour Day",
        ));
    }
    if let Some(date) = ymd(9, 2) {
        days.push(holiday(date, "Quốc khánh", "National Day"));
    }
    if let Some(date) = national_day_second_day(year) {
        days.push(holiday(
            date,
            "Quốc khánh (ngày liền kề)",
            "National Day (adjacent day)",
        ));
    }
    days.sort_by_key(|day| day.date);
    days
}

/// Adds a compensatory day off after each holiday that falls on a weekend: the next
/// weekday that is not itself a holiday or already a compensation (Art. 111.3).
fn add_compensatory_days(days: &mut Vec<DayOff>) {
    let mut taken: BTreeSet<NaiveDate> = days.iter().map(|day| day.date).collect();
    let on_weekend: Vec<DayOff> = days
        .iter()
        .filter(|day| is_weekend(day.date))
        .cloned()
        .collect();
    for day in on_weekend {
        let mut candidate = day.date;
        // Bounded: a free weekday is always within a few weeks.
        for _ in 0..60 {
            match candidate.succ_opt() {
                Some(next) => candidate = next,
                None => return,
            }
            if !is_weekend(candidate) && !taken.contains(&candidate) {
                break;
            }
        }
        taken.insert(candidate);
        days.push(DayOff {
            date: candidate,
            name_vi: format!("Nghỉ bù {}", day.name_vi),
            name_en: format!("Compensatory day off for {}", day.name_en),
            kind: DayOffKind::Compensatory,
        });
    }
    days.sort_by_key(|day| day.date);
}

/// The days off of `year` derived from the rules, for a year whose official
/// arrangement is not known: the statutory holidays (Tết as the last day of the
/// lunar year plus the 1st to 4th; National Day's second day by
/// [`national_day_second_day`]) and a compensatory day for each one on a weekend.
/// No swaps: the government announces those (usually in October–December of the
/// year before), and then the year should be entered as official data.
pub fn computed_year(year: i32) -> HolidayYear {
    let mut days_off = statutory_holidays(year);
    add_compensatory_days(&mut days_off);
    let mut note = String::from(
        "Derived from the rules; the government's notice may move the Tết days and add swapped days.",
    );
    if tet(year).is_none() {
        note.push_str(" Lunar dates (Tết, Hùng Kings) are unavailable for this year.");
    }
    HolidayYear {
        year,
        status: YearStatus::Computed,
        source: String::from(
            "Labour Code 2019 (45/2019/QH14), Art. 111.3 and 112.1; lunar dates computed for UTC+7",
        ),
        note,
        days_off,
        working_weekends: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn dates(year: &HolidayYear) -> Vec<NaiveDate> {
        year.days_off.iter().map(|day| day.date).collect()
    }

    #[test]
    fn eleven_statutory_days() {
        for year in 2024..=2030 {
            assert_eq!(statutory_holidays(year).len(), 11, "{year}");
        }
    }

    #[test]
    fn national_day_second_day_matches_past_practice() {
        let cases = [
            (2021, d(2021, 9, 3)),
            (2022, d(2022, 9, 1)),
            (2023, d(2023, 9, 1)),
            (2024, d(2024, 9, 3)),
            (2025, d(2025, 9, 1)),
            (2026, d(2026, 9, 1)),
            (2029, d(2029, 9, 3)),
        ];
        for (year, expected) in cases {
            assert_eq!(national_day_second_day(year), Some(expected), "{year}");
        }
    }

    /// 2026 by rule: Tết Mon 16 (29 tháng Chạp) to Fri 20 Feb, as the official notice
    /// has it; Hùng Kings on Sunday 26 April is made up on Monday 27 April.
    #[test]
    fn computed_2026() {
        let year = computed_year(2026);
        assert_eq!(
            dates(&year),
            vec![
                d(2026, 1, 1),
                d(2026, 2, 16),
                d(2026, 2, 17),
                d(2026, 2, 18),
                d(2026, 2, 19),
                d(2026, 2, 20),
                d(2026, 4, 26),
                d(2026, 4, 27),
                d(2026, 4, 30),
                d(2026, 5, 1),
                d(2026, 9, 1),
                d(2026, 9, 2),
            ]
        );
        let compensation = year.day_off(d(2026, 4, 27)).expect("listed");
        assert_eq!(compensation.kind, DayOffKind::Compensatory);
        assert!(compensation.name_vi.contains("Hùng Vương"));
        assert_eq!(
            year.day_off(d(2026, 2, 16)).map(|day| day.name_vi.as_str()),
            Some("Tết Nguyên đán (29 tháng Chạp)")
        );
    }

    /// 2024 by rule: 30 Tết (Fri 9 Feb) to mùng 4 (Tue 13 Feb); mùng 1 and 2 fall on
    /// the weekend and are made up on Wed 14 and Thu 15. (The real arrangement was 8
    /// to 14 Feb: the rule is an estimate.)
    #[test]
    fn computed_tet_on_a_weekend() {
        let year = computed_year(2024);
        let tet_span: Vec<NaiveDate> = dates(&year)
            .into_iter()
            .filter(|date| date.month() == 2)
            .collect();
        assert_eq!(
            tet_span,
            vec![
                d(2024, 2, 9),
                d(2024, 2, 10),
                d(2024, 2, 11),
                d(2024, 2, 12),
                d(2024, 2, 13),
                d(2024, 2, 14),
                d(2024, 2, 15),
            ]
        );
        assert_eq!(
            year.day_off(d(2024, 2, 9)).map(|day| day.name_vi.as_str()),
            Some("Tết Nguyên đán (30 tháng Chạp)")
        );
    }

    /// 2028: 30 April on a Sunday is made up on Tuesday 2 May, because Monday 1 May
    /// is a holiday itself; 2 September on a Saturday gives Friday 1st plus Monday 4th.
    #[test]
    fn compensation_skips_other_holidays() {
        let year = computed_year(2028);
        for (date, kind) in [
            (d(2028, 1, 3), DayOffKind::Compensatory),
            (d(2028, 5, 1), DayOffKind::Holiday),
            (d(2028, 5, 2), DayOffKind::Compensatory),
            (d(2028, 9, 1), DayOffKind::Holiday),
            (d(2028, 9, 4), DayOffKind::Compensatory),
        ] {
            assert_eq!(year.day_off(date).map(|day| day.kind), Some(kind), "{date}");
        }
        let calendar = year.to_work_calendar();
        assert!(!calendar.is_working_day(d(2028, 5, 2)));
        assert!(calendar.is_working_day(d(2028, 5, 3)));
        // Weekend holidays are not put into `holidays` (weekdays only).
        assert!(!calendar.holidays.contains(&d(2028, 4, 30)));
    }

    #[test]
    fn every_computed_year_is_consistent() {
        for year in 1990..=2100 {
            let entry = computed_year(year);
            assert!(
                entry.problems().is_empty(),
                "{year}: {:?}",
                entry.problems()
            );
            let weekdays_off = entry
                .days_off
                .iter()
                .filter(|day| !is_weekend(day.date))
                .count();
            // 11 statutory days, each on a weekday or compensated by one.
            assert_eq!(weekdays_off, 11, "{year}");
        }
    }

    #[test]
    fn problems_are_reported() {
        let mut entry = computed_year(2027);
        entry.status = YearStatus::Official;
        entry.source.clear();
        entry.working_weekends = vec![d(2027, 1, 4), d(2027, 1, 1), d(2029, 1, 6)];
        let first = entry.days_off.first().cloned().expect("a day");
        entry.days_off.push(first);
        let problems = entry.problems();
        for expected in [
            HolidayProblem::OfficialWithoutSource { year: 2027 },
            HolidayProblem::DuplicateDayOff {
                year: 2027,
                date: d(2027, 1, 1),
            },
            HolidayProblem::WorkingDayNotWeekend {
                year: 2027,
                date: d(2027, 1, 4),
            },
            HolidayProblem::DayOffAndWorkingDay {
                year: 2027,
                date: d(2027, 1, 1),
            },
            HolidayProblem::DateFarFromYear {
                year: 2027,
                date: d(2029, 1, 6),
            },
        ] {
            assert!(problems.contains(&expected), "{expected}: {problems:?}");
        }
        let calendar = HolidayCalendar {
            schema_version: HOLIDAY_SCHEMA_VERSION + 1,
            years: vec![computed_year(2027), computed_year(2027)],
        };
        let problems = calendar.problems();
        assert!(problems.contains(&HolidayProblem::DuplicateYear { year: 2027 }));
        assert!(
            problems.contains(&HolidayProblem::UnsupportedSchemaVersion {
                found: HOLIDAY_SCHEMA_VERSION + 1
            })
        );
    }

    #[test]
    fn overlay_replaces_whole_years() {
        let base = HolidayCalendar {
            schema_version: HOLIDAY_SCHEMA_VERSION,
            years: vec![computed_year(2027), computed_year(2028)],
        };
        let mut updated_2027 = computed_year(2027);
        updated_2027.status = YearStatus::Official;
        updated_2027.source = "Notice X".to_owned();
        updated_2027.working_weekends = vec![d(2027, 2, 20)];
        let newer = HolidayCalendar {
            schema_version: HOLIDAY_SCHEMA_VERSION,
            years: vec![updated_2027.clone(), computed_year(2029)],
        };
        let merged = base.overlay(&newer);
        assert_eq!(
            merged.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2027, 2028, 2029]
        );
        assert_eq!(merged.year(2027), Some(&updated_2027));
        assert!(merged.to_work_calendar().is_working_day(d(2027, 2, 20)));
    }

    #[test]
    fn work_calendar_for_fills_missing_years_by_rule() {
        let data = HolidayCalendar::default();
        let calendar = data.work_calendar_for(2027..=2028);
        assert!(!calendar.is_working_day(d(2027, 4, 16)), "Hùng Kings 2027");
        assert!(
            !calendar.is_working_day(d(2028, 1, 3)),
            "New Year 2028 made up"
        );
        assert!(calendar.is_working_day(d(2029, 1, 1)), "2029 not requested");
        // A huge range is clamped to the lunar module's years.
        let wide = data.work_calendar_for(i32::MIN..=i32::MAX);
        assert!(!wide.is_working_day(d(2199, 1, 1)));
    }
}
