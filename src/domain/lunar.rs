//! The Vietnamese lunar calendar (âm lịch): conversion between solar (Gregorian)
//! dates and lunar dates.
//!
//! Lunar dates decide two statutory holidays: Tết Nguyên đán (1/1 lunar) and the Hùng
//! Kings' Commemoration Day (10/3 lunar), Labour Code 2019, Art. 112.1 (b) and (e).
//!
//! The algorithm is Hồ Ngọc Đức's ("Âm lịch Việt Nam", 2004), computed for Vietnam's
//! time zone, UTC+7. The time zone matters: the new moon can fall on different days in
//! Hanoi and Beijing, so Vietnamese and Chinese new years sometimes differ (1985,
//! 2007, 2030, 2053). Rules:
//! - a lunar month starts on the day (UTC+7) of the astronomical new moon;
//! - month 11 is the month that contains the winter solstice;
//! - in a year of 13 months, the first month after month 11 that contains no major
//!   solar term (trung khí) is the leap month and repeats the previous month's number.
//!
//! New moons and the sun's longitude use the low-precision formulas of Jean Meeus,
//! *Astronomical Algorithms*, which the original algorithm uses; they are good for
//! the years supported here ([`FIRST_SUPPORTED_YEAR`]..=[`LAST_SUPPORTED_YEAR`]).
//! Before 1968 North Vietnam used UTC+8 for its calendar, so dates before then can
//! differ from the calendars printed at the time.
//!
//! Closest call for the holidays of 2024–2030: the new moon that starts Tết 2030
//! comes at about 23:09 Hanoi time on 2 February (as computed here), so
//! Vietnam's Tết 2030 is 2 February while China's is 3 February. The formulas are
//! good to a few minutes, well inside that margin.
//!
//! Pure: no I/O, no egui, no files.

use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};

/// First year (solar and lunar) this module converts.
pub const FIRST_SUPPORTED_YEAR: i32 = 1900;
/// Last year (solar and lunar) this module converts.
pub const LAST_SUPPORTED_YEAR: i32 = 2199;

/// Vietnam's time zone, in hours from UTC (used for the calendar since 1968).
const TIME_ZONE_HOURS: f64 = 7.0;

/// Julian day number of 0001-01-01 (proleptic Gregorian) minus one, so that
/// `jd = days_from_ce + JD_OF_CE_DAY_ZERO`.
const JD_OF_CE_DAY_ZERO: i64 = 1_721_425;

/// Julian day of the new moon of 1900-01-01 (the algorithm's epoch, k = 0).
const EPOCH_NEW_MOON_JD: f64 = 2_415_021.076_998_695;

/// Mean length of a synodic month, in days.
const SYNODIC_MONTH_DAYS: f64 = 29.530_588_853;

/// A date in the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LunarDate {
    /// Lunar year (the year Tết opens; e.g. Bính Ngọ is 2026).
    pub year: i32,
    /// Month, 1..=12 (tháng Giêng is 1, tháng Chạp is 12).
    pub month: u32,
    /// Day of the month, 1..=30.
    pub day: u32,
    /// Whether this is the leap (nhuận) repetition of `month`.
    pub leap: bool,
}

/// The Julian day number of a solar date.
fn jd_from_date(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JD_OF_CE_DAY_ZERO
}

/// The solar date of a Julian day number.
fn date_from_jd(jd: i64) -> Option<NaiveDate> {
    let days = i32::try_from(jd - JD_OF_CE_DAY_ZERO).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Julian day (UT, with fraction) of the `k`-th new moon after 1900-01-01.
fn new_moon(k: i64) -> f64 {
    // k is at most a few thousand here: exact in f64.
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// The sun's apparent longitude in radians, 0..2π, at Julian day `jdn` (UT).
fn sun_longitude(jdn: f64) -> f64 {
    let t = (jdn - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Which of the 12 major-term sectors (0..=11, 30° each) the sun is in at the start
/// of local day `day_number`.
fn sun_sector(day_number: i64) -> i64 {
    let jd = day_number as f64 - 0.5 - TIME_ZONE_HOURS / 24.0;
    (sun_longitude(jd) / PI * 6.0).floor() as i64
}

/// The local (UTC+7) Julian day number on which the `k`-th new moon falls.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i64
}

/// The local Julian day on which the lunar month holding Julian day `jd` starts.
fn month_start_on_or_before(jd: i64) -> i64 {
    // The mean-month estimate can be off by one lunation either way, because true
    // new moons wander up to about 14 hours from the mean one. (Hồ Ngọc Đức's
    // original only corrected downwards and gave "day 0" for 7 May 2054.)
    let mut k = ((jd as f64 - EPOCH_NEW_MOON_JD) / SYNODIC_MONTH_DAYS).floor() as i64;
    for _ in 0..3 {
        if new_moon_day(k) > jd {
            k -= 1;
        } else if new_moon_day(k + 1) <= jd {
            k += 1;
        } else {
            break;
        }
    }
    new_moon_day(k)
}

/// Julian day on which lunar month 11 starts: the month holding the winter solstice
/// of solar year `year`.
fn lunar_month_11(year: i32) -> Option<i64> {
    let dec31 = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let off = jd_from_date(dec31) - 2_415_021;
    let k = (off as f64 / SYNODIC_MONTH_DAYS).floor() as i64;
    let new_moon_jd = new_moon_day(k);
    // Sector 9 starts at 270°, the winter solstice: a month starting past it is month 12.
    if sun_sector(new_moon_jd) >= 9 {
        Some(new_moon_day(k - 1))
    } else {
        Some(new_moon_jd)
    }
}

/// In a 13-month year starting with month 11 on Julian day `a11`: how many months
/// after month 11 the leap month comes (the first month without a major term).
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - EPOCH_NEW_MOON_JD) / SYNODIC_MONTH_DAYS + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        // Bounded: a lunar year has at most 13 months.
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

fn year_supported(year: i32) -> bool {
    (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&year)
}

/// The lunar date of a solar date, or `None` outside the supported years.
pub fn solar_to_lunar(date: NaiveDate) -> Option<LunarDate> {
    if !year_supported(date.year()) {
        return None;
    }
    let day_number = jd_from_date(date);
    let month_start = month_start_on_or_before(day_number);
    let solar_year = date.year();
    let mut a11 = lunar_month_11(solar_year)?;
    let b11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = solar_year;
        b11 = a11;
        a11 = lunar_month_11(solar_year - 1)?;
    } else {
        lunar_year = solar_year + 1;
        b11 = lunar_month_11(solar_year + 1)?;
    }
    let lunar_day = day_number - month_start + 1;
    let diff = (month_start - a11).div_euclid(29);
    let mut leap = false;
    let mut lunar_month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            lunar_month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if lunar_month > 12 {
        lunar_month -= 12;
    }
    if lunar_month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    Some(LunarDate {
        year: lunar_year,
        month: u32::try_from(lunar_month).ok()?,
        day: u32::try_from(lunar_day).ok()?,
        leap,
    })
}

/// The solar date of lunar `day`/`month`/`year` (`leap` for the leap repetition of
/// `month`).
///
/// `None` if the date does not exist: outside the supported years, a month outside
/// 1..=12, a day past the end of a 29-day month, or `leap` for a month that is not
/// repeated that year.
pub fn lunar_to_solar(year: i32, month: u32, day: u32, leap: bool) -> Option<NaiveDate> {
    if !year_supported(year) || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1)?, lunar_month_11(year)?)
    } else {
        (lunar_month_11(year)?, lunar_month_11(year + 1)?)
    };
    let k = ((a11 as f64 - EPOCH_NEW_MOON_JD) / SYNODIC_MONTH_DAYS + 0.5).floor() as i64;
    let mut off = (i64::from(month) - 11).rem_euclid(12);
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11);
        let leap_month = (leap_off - 2).rem_euclid(12);
        if leap && i64::from(month) != leap_month {
            return None;
        }
        if leap || off >= leap_off {
            off += 1;
        }
    } else if leap {
        return None;
    }
    let month_start = new_moon_day(k + off);
    let next_month_start = new_moon_day(k + off + 1);
    let jd = month_start + i64::from(day) - 1;
    if jd >= next_month_start {
        return None;
    }
    date_from_jd(jd)
}

/// The number of days (29 or 30) of the lunar month that contains `date`.
pub fn lunar_month_length(date: NaiveDate) -> Option<u32> {
    let lunar = solar_to_lunar(date)?;
    if lunar_to_solar(lunar.year, lunar.month, 30, lunar.leap).is_some() {
        Some(30)
    } else {
        Some(29)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn lunar(year: i32, month: u32, day: u32, leap: bool) -> LunarDate {
        LunarDate {
            year,
            month,
            day,
            leap,
        }
    }

    #[test]
    fn julian_day_round_trip() {
        assert_eq!(jd_from_date(d(2000, 1, 1)), 2_451_545);
        assert_eq!(jd_from_date(d(1900, 1, 1)), 2_415_021);
        assert_eq!(date_from_jd(2_451_545), Some(d(2000, 1, 1)));
    }

    /// Tết (1/1 lunar). 2024–2026 agree with the government's Tết notices (2024:
    /// Notice 5015/TB-LĐTBXH; 2025: MOLISA Notice 6150/TB-LĐTBXH; 2026: Notice
    /// 9441/TB-BNV); 2027–2029 with published calendars (and with China's date).
    ///
    /// 2030 is 2 February in Vietnam, NOT 3 February: the new moon falls at about
    /// 23:07 on 2 Feb in Hanoi (UTC+7) but 00:07 on 3 Feb in Beijing (UTC+8), and 3
    /// February is China's date. Vietnamese sources list 2030 (with 2007 and 2053)
    /// as a year when Vietnam's Tết comes a day before China's.
    #[test]
    fn tet_dates() {
        let cases = [
            (2024, d(2024, 2, 10)),
            (2025, d(2025, 1, 29)),
            (2026, d(2026, 2, 17)),
            (2027, d(2027, 2, 6)),
            (2028, d(2028, 1, 26)),
            (2029, d(2029, 2, 13)),
            (2030, d(2030, 2, 2)),
        ];
        for (year, tet) in cases {
            assert_eq!(lunar_to_solar(year, 1, 1, false), Some(tet), "{year}");
            assert_eq!(
                solar_to_lunar(tet),
                Some(lunar(year, 1, 1, false)),
                "{year}"
            );
        }
    }

    /// Years where the UTC+7 new moon gives Vietnam a different Tết from China's
    /// (UTC+8): 1985 (VN 21 Jan, CN 20 Feb), 2007 (VN 17 Feb, CN 18 Feb), 2030
    /// (VN 2 Feb, CN 3 Feb) and 2053 (VN 18 Feb, CN 19 Feb).
    #[test]
    fn tet_differs_from_china_where_the_time_zone_matters() {
        assert_eq!(lunar_to_solar(1985, 1, 1, false), Some(d(1985, 1, 21)));
        assert_eq!(lunar_to_solar(2007, 1, 1, false), Some(d(2007, 2, 17)));
        assert_eq!(lunar_to_solar(2030, 1, 1, false), Some(d(2030, 2, 2)));
        assert_eq!(lunar_to_solar(2053, 1, 1, false), Some(d(2053, 2, 18)));
    }

    /// 7 May 2054: the mean-month estimate lands a lunation late; the original
    /// algorithm gave day 0 here.
    #[test]
    fn month_start_estimate_is_corrected_both_ways() {
        assert_eq!(solar_to_lunar(d(2054, 5, 6)).map(|l| l.day), Some(29));
        let l = solar_to_lunar(d(2054, 5, 7)).expect("converts");
        assert_eq!((l.month, l.day), (3, 30));
        assert_eq!(
            solar_to_lunar(d(2054, 5, 8)).map(|l| (l.month, l.day)),
            Some((4, 1))
        );
    }

    /// Hùng Kings' day (10/3 lunar). 2024–2026 checked against the government's
    /// holiday notices (18 Apr 2024, 7 Apr 2025, Sunday 26 Apr 2026).
    #[test]
    fn hung_kings_dates() {
        let cases = [
            (2024, d(2024, 4, 18)),
            (2025, d(2025, 4, 7)),
            (2026, d(2026, 4, 26)),
            (2027, d(2027, 4, 16)),
            (2028, d(2028, 4, 4)),
            (2029, d(2029, 4, 23)),
            (2030, d(2030, 4, 12)),
        ];
        for (year, day) in cases {
            assert_eq!(lunar_to_solar(year, 3, 10, false), Some(day), "{year}");
            assert_eq!(
                solar_to_lunar(day),
                Some(lunar(year, 3, 10, false)),
                "{year}"
            );
        }
    }

    #[test]
    fn last_days_of_the_lunar_year() {
        // 2024: the 12th month of Quý Mão had 30 days: 9 Feb 2024 was "30 Tết"
        // (Notice 5015/TB-LĐTBXH: 8 Feb = 29 tháng Chạp).
        assert_eq!(
            solar_to_lunar(d(2024, 2, 8)),
            Some(lunar(2023, 12, 29, false))
        );
        assert_eq!(
            solar_to_lunar(d(2024, 2, 9)),
            Some(lunar(2023, 12, 30, false))
        );
        // 2025 and 2026 had no 30th: 28 Jan 2025 and 16 Feb 2026 were the 29th.
        assert_eq!(
            solar_to_lunar(d(2025, 1, 28)),
            Some(lunar(2024, 12, 29, false))
        );
        assert_eq!(lunar_to_solar(2024, 12, 30, false), None);
        assert_eq!(
            solar_to_lunar(d(2026, 2, 16)),
            Some(lunar(2025, 12, 29, false))
        );
        assert_eq!(lunar_month_length(d(2026, 2, 1)), Some(29));
        assert_eq!(lunar_month_length(d(2024, 1, 20)), Some(30));
    }

    /// Leap months: 2023 had a leap 2nd month (25 Mar 2023 = 4/2 nhuận), 2025 a leap
    /// 6th month (starting 25 Jul 2025), 2020 a leap 4th month (starting 23 May 2020).
    #[test]
    fn leap_months() {
        assert_eq!(
            solar_to_lunar(d(2023, 3, 25)),
            Some(lunar(2023, 2, 4, true))
        );
        assert_eq!(lunar_to_solar(2023, 2, 4, true), Some(d(2023, 3, 25)));
        assert_eq!(lunar_to_solar(2025, 6, 1, true), Some(d(2025, 7, 25)));
        assert_eq!(lunar_to_solar(2025, 6, 1, false), Some(d(2025, 6, 25)));
        assert_eq!(lunar_to_solar(2020, 4, 1, true), Some(d(2020, 5, 23)));
        // No leap 3rd month in 2025, no leap month at all in 2024.
        assert_eq!(lunar_to_solar(2025, 3, 1, true), None);
        assert_eq!(lunar_to_solar(2024, 6, 1, true), None);
        // 28 Sep 2026 is the 18th of the 8th month of Bính Ngọ.
        assert_eq!(
            solar_to_lunar(d(2026, 9, 28)),
            Some(lunar(2026, 8, 18, false))
        );
    }

    #[test]
    fn out_of_range_is_none() {
        assert_eq!(lunar_to_solar(2026, 0, 1, false), None);
        assert_eq!(lunar_to_solar(2026, 13, 1, false), None);
        assert_eq!(lunar_to_solar(2026, 1, 0, false), None);
        assert_eq!(lunar_to_solar(2026, 1, 31, false), None);
        assert_eq!(lunar_to_solar(1899, 1, 1, false), None);
        assert_eq!(lunar_to_solar(2200, 1, 1, false), None);
        assert_eq!(solar_to_lunar(d(1899, 12, 31)), None);
        assert_eq!(solar_to_lunar(d(2200, 1, 1)), None);
    }

    /// Every day of 1900–2199 converts and converts back, and consecutive days are
    /// consecutive lunar days (or day 1 of the next month after a 29th or 30th).
    #[test]
    fn round_trip_every_day() {
        let mut date = d(1900, 1, 1);
        let end = d(2199, 12, 31);
        let mut previous: Option<LunarDate> = None;
        while date <= end {
            let l = solar_to_lunar(date).unwrap_or_else(|| panic!("{date}"));
            assert!(
                (1..=12).contains(&l.month) && (1..=30).contains(&l.day),
                "{date}"
            );
            // January 1900 still belongs to lunar year 1899: outside the range.
            if year_supported(l.year) {
                assert_eq!(
                    lunar_to_solar(l.year, l.month, l.day, l.leap),
                    Some(date),
                    "{date} {l:?}"
                );
            }
            if let Some(p) = previous {
                if l.day == 1 {
                    assert!(p.day == 29 || p.day == 30, "{date}: {p:?} -> {l:?}");
                } else {
                    assert_eq!(l.day, p.day + 1, "{date}");
                    assert_eq!((l.year, l.month, l.leap), (p.year, p.month, p.leap));
                }
            }
            previous = Some(l);
            date = date.succ_opt().expect("next day");
        }
    }
}
