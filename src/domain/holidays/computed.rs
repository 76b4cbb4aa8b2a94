//! The days off the law itself gives (Labour Code 2019, Art. 111–112), for a year the
//! government has not announced yet: the statutory holidays from the lunar calendar and
//! the make-up days for those falling on a weekend. The announcement may differ (it
//! usually adds swaps), so a year built here is marked [`YearStatus::Computed`].

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{DayOff, DayOffKind, HolidayYear, YearStatus, is_weekend};
use crate::domain::lunar;

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
