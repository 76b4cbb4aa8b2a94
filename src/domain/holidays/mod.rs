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
    DuplicateYear { year: i32 },
    /// A date more than a year away from the entry's year (probably a typo).
    DateFarFromYear {
        /// The entry's year.
        year: i32,
        date: NaiveDate,
    },
    /// The same date listed twice as a day off.
    DuplicateDayOff {
        /// The entry's year.
        year: i32,
        date: NaiveDate,
    },
    /// A make-up working day that is not a Saturday or Sunday.
    WorkingDayNotWeekend {
        /// The entry's year.
        year: i32,
        date: NaiveDate,
    },
    /// A date that is both a day off and a make-up working day.
    DayOffAndWorkingDay {
        /// The entry's year.
        year: i32,
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

mod computed;
#[cfg(test)]
mod tests;

pub use computed::{
    computed_year, hung_kings_day, national_day_second_day, statutory_holidays, tet,
};
