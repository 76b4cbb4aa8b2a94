//! The built-in holiday data (`assets/holidays/vn.ron`) checked against the rules and
//! the lunar calendar, and working-day deadlines counted on it.
//!
//! Reads only files inside this crate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, Weekday};
use ocop_tracker::domain::deadlines::WorkCalendar;
use ocop_tracker::domain::holidays::{
    DayOffKind, HOLIDAY_SCHEMA_VERSION, HolidayCalendar, YearStatus, computed_year, hung_kings_day,
    tet,
};
use ocop_tracker::domain::lunar::{LunarDate, solar_to_lunar};

const ASSET: &str = "assets/holidays/vn.ron";

fn load() -> HolidayCalendar {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(ASSET);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[test]
fn asset_parses_and_is_consistent() {
    let data = load();
    assert_eq!(data.schema_version, HOLIDAY_SCHEMA_VERSION);
    assert!(data.problems().is_empty(), "{:?}", data.problems());
    let years: Vec<i32> = data.years.iter().map(|y| y.year).collect();
    assert_eq!(years, (2024..=2030).collect::<Vec<_>>());
    // Round-trips through RON unchanged (what storage would write back).
    let text =
        ron::ser::to_string_pretty(&data, ron::ser::PrettyConfig::default()).expect("serialises");
    let again: HolidayCalendar = ron::from_str(&text).expect("parses again");
    assert_eq!(again, data);
}

#[test]
fn official_and_computed_years() {
    let data = load();
    for year in &data.years {
        let expected = if year.year <= 2026 {
            YearStatus::Official
        } else {
            YearStatus::Computed
        };
        assert_eq!(year.status, expected, "{}", year.year);
        assert!(!year.source.trim().is_empty(), "{}", year.year);
        for day in &year.days_off {
            assert!(
                !day.name_vi.is_empty() && !day.name_en.is_empty(),
                "{}",
                day.date
            );
        }
    }
}

/// Computed years in the file are exactly what the rules give, so the file and the
/// code cannot drift apart silently.
#[test]
fn computed_years_match_the_rules() {
    for year in load()
        .years
        .iter()
        .filter(|y| y.status == YearStatus::Computed)
    {
        let rules = computed_year(year.year);
        assert_eq!(year.days_off, rules.days_off, "{}", year.year);
        assert_eq!(
            year.working_weekends, rules.working_weekends,
            "{}",
            year.year
        );
    }
}

/// Tết and Hùng Kings' day in every year of the file agree with the lunar module, and
/// every Tết day's name ("29 tháng Chạp", "mùng 3 tháng Giêng") matches its lunar date.
#[test]
fn lunar_holidays_agree_with_the_lunar_calendar() {
    for year in load().years {
        let y = year.year;
        for (date, what) in [(tet(y), "Tết"), (hung_kings_day(y), "Hùng Kings")] {
            let date = date.unwrap_or_else(|| panic!("{what} {y}"));
            let day = year
                .day_off(date)
                .unwrap_or_else(|| panic!("{what} {y} ({date}) missing"));
            assert_eq!(day.kind, DayOffKind::Holiday, "{what} {y}");
        }
        for day in year
            .days_off
            .iter()
            .filter(|day| day.kind == DayOffKind::Holiday)
        {
            let lunar = solar_to_lunar(day.date).expect("in range");
            let name = day.name_vi.as_str();
            let expected = if let Some(rest) = name.strip_prefix("Tết Nguyên đán (mùng ") {
                let n: u32 = rest
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{name}"));
                Some(LunarDate {
                    year: y,
                    month: 1,
                    day: n,
                    leap: false,
                })
            } else if let Some(rest) = name.strip_prefix("Tết Nguyên đán (") {
                let n: u32 = rest
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{name}"));
                Some(LunarDate {
                    year: y - 1,
                    month: 12,
                    day: n,
                    leap: false,
                })
            } else if name.starts_with("Giỗ Tổ Hùng Vương") {
                Some(LunarDate {
                    year: y,
                    month: 3,
                    day: 10,
                    leap: false,
                })
            } else {
                None
            };
            if let Some(expected) = expected {
                assert_eq!(lunar, expected, "{} {name}", day.date);
            }
        }
    }
}

/// Each year gives 11 statutory weekdays off (Labour Code 2019, Art. 112.1, with
/// weekend holidays made up under Art. 111.3), plus one weekday per swap, which is
/// paid back by one make-up weekend day.
#[test]
fn weekdays_off_balance() {
    for year in load().years {
        let weekdays_off = year
            .days_off
            .iter()
            .filter(|day| !is_weekend(day.date))
            .count();
        let swapped = year
            .days_off
            .iter()
            .filter(|day| day.kind == DayOffKind::Swapped)
            .count();
        assert_eq!(swapped, year.working_weekends.len(), "{}", year.year);
        assert_eq!(weekdays_off, 11 + swapped, "{}", year.year);
    }
}

/// The announced arrangements, spot-checked.
#[test]
fn official_spans() {
    let calendar = load().to_work_calendar();
    // (first day off, last day off) of each break, with working days on both sides.
    let spans = [
        (d(2024, 2, 8), d(2024, 2, 14)),
        (d(2024, 4, 27), d(2024, 5, 1)),
        (d(2024, 8, 31), d(2024, 9, 3)),
        (d(2025, 1, 25), d(2025, 2, 2)),
        (d(2025, 4, 30), d(2025, 5, 4)),
        (d(2025, 8, 30), d(2025, 9, 2)),
        (d(2026, 1, 1), d(2026, 1, 4)),
        (d(2026, 2, 14), d(2026, 2, 22)),
        (d(2026, 4, 25), d(2026, 4, 27)),
        (d(2026, 4, 30), d(2026, 5, 3)),
        (d(2026, 8, 29), d(2026, 9, 2)),
    ];
    for (first, last) in spans {
        let mut date = first;
        while date <= last {
            assert!(!calendar.is_working_day(date), "{date} should be off");
            date = date.succ_opt().expect("next day");
        }
        let before = first.pred_opt().expect("day before");
        let after = last.succ_opt().expect("day after");
        assert!(calendar.is_working_day(before), "{before} should be worked");
        assert!(calendar.is_working_day(after), "{after} should be worked");
    }
    for saturday in [
        d(2024, 5, 4),
        d(2025, 4, 26),
        d(2026, 1, 10),
        d(2026, 8, 22),
    ] {
        assert!(calendar.is_working_day(saturday), "make-up {saturday}");
    }
}

/// The commune's 15 working days (Decision 26/2026/QĐ-TTg, Art. 7 step 2), counted
/// from the day after receipt on the calendar in the file. Expected dates worked out
/// by hand; "(n)" numbers the working days.
#[test]
fn fifteen_working_days() {
    let calendar: WorkCalendar = load().work_calendar_for(2024..=2030);
    let cases = [
        // Tue 10 Feb 2026, just before Tết (off Sat 14 – Sun 22 Feb): Wed 11 (1), Thu 12 (2),
        // Fri 13 (3); Mon 23 – Fri 27 Feb (4–8); Mon 2 – Fri 6 Mar (9–13); Mon 9 (14),
        // Tue 10 Mar (15).
        ("before Tết 2026", d(2026, 2, 10), d(2026, 3, 10)),
        // Mon 20 Jan 2025 (Tết off Sat 25 Jan – Sun 2 Feb): Tue 21 – Fri 24 (1–4);
        // Mon 3 – Fri 7 Feb (5–9); Mon 10 – Fri 14 (10–14); Mon 17 Feb (15).
        ("before Tết 2025", d(2025, 1, 20), d(2025, 2, 17)),
        // Wed 23 Apr 2025 (Sat 26 Apr worked; off Wed 30 Apr – Sun 4 May): Thu 24 (1),
        // Fri 25 (2), Sat 26 (3), Mon 28 (4), Tue 29 (5); Mon 5 – Fri 9 May (6–10);
        // Mon 12 – Fri 16 May (11–15).
        ("across 30/4–1/5 2025", d(2025, 4, 23), d(2025, 5, 16)),
        // Fri 19 Apr 2024 (off Sat 27 Apr – Wed 1 May, Sat 4 May worked): Mon 22 – Fri 26
        // (1–5); Thu 2 (6), Fri 3 (7), Sat 4 May (8); Mon 6 – Fri 10 (9–13); Mon 13 (14),
        // Tue 14 May (15).
        ("across 30/4–1/5 2024", d(2024, 4, 19), d(2024, 5, 14)),
        // Mon 25 Aug 2025 (off Sat 30 Aug – Tue 2 Sep): Tue 26 – Fri 29 (1–4); Wed 3 – Fri 5
        // Sep (5–7); Mon 8 – Fri 12 (8–12); Mon 15 (13), Tue 16 (14), Wed 17 Sep (15).
        ("across 2/9 2025", d(2025, 8, 25), d(2025, 9, 17)),
        // Mon 17 Aug 2026 (Sat 22 Aug worked; off Sat 29 Aug – Wed 2 Sep): Tue 18 – Sat 22
        // (1–5); Mon 24 – Fri 28 (6–10); Thu 3 (11), Fri 4 Sep (12); Mon 7 (13),
        // Tue 8 (14), Wed 9 Sep (15).
        ("across 2/9 2026", d(2026, 8, 17), d(2026, 9, 9)),
        // Received on a Friday with no holidays near: Mon 9 – Fri 13 Mar 2026 (1–5),
        // Mon 16 – Fri 20 (6–10), Mon 23 – Fri 27 Mar (11–15).
        ("received on a Friday", d(2026, 3, 6), d(2026, 3, 27)),
        // Received Friday 13 Feb 2026, the last day before Tết: Mon 23 – Fri 27 Feb (1–5),
        // Mon 2 – Fri 6 Mar (6–10), Mon 9 – Fri 13 Mar (11–15).
        (
            "received the Friday before Tết",
            d(2026, 2, 13),
            d(2026, 3, 13),
        ),
        // Received on New Year's Day 2026 (Fri 2 Jan swapped off, Sat 10 Jan worked):
        // Mon 5 – Fri 9 (1–5), Sat 10 (6); Mon 12 – Fri 16 (7–11); Mon 19 – Thu 22 Jan
        // (12–15).
        ("received on a holiday", d(2026, 1, 1), d(2026, 1, 22)),
        // Received on the 2nd day of Tết 2026 (Wed 18 Feb): as from the Friday before.
        ("received during Tết", d(2026, 2, 18), d(2026, 3, 13)),
        // Received on the make-up Saturday 26 Apr 2025: Mon 28 (1), Tue 29 (2); Mon 5 –
        // Fri 9 May (3–7); Mon 12 – Fri 16 (8–12); Mon 19 (13), Tue 20 (14), Wed 21 May (15).
        (
            "received on a make-up Saturday",
            d(2025, 4, 26),
            d(2025, 5, 21),
        ),
        // Fri 24 Apr 2026 (off Sat 25 – Mon 27 Apr for Hùng Kings on Sunday, and Thu 30 Apr
        // – Sun 3 May): Tue 28 (1), Wed 29 (2); Mon 4 – Fri 8 May (3–7); Mon 11 – Fri 15
        // (8–12); Mon 18 (13), Tue 19 (14), Wed 20 May (15).
        ("Hùng Kings on a Sunday", d(2026, 4, 24), d(2026, 5, 20)),
        // Mon 22 Dec 2025, across the new year: Tue 23 – Fri 26 (1–4); Mon 29 – Wed 31 Dec
        // (5–7); Thu 1 and Fri 2 Jan off; Mon 5 – Fri 9 (8–12), Sat 10 (13); Mon 12 (14),
        // Tue 13 Jan 2026 (15).
        ("across the new year", d(2025, 12, 22), d(2026, 1, 13)),
        // A computed year: Mon 1 Feb 2027, Tết by rule off Fri 5 – Thu 11 Feb: Tue 2 –
        // Thu 4 (1–3); Fri 12 (4); Mon 15 – Fri 19 (5–9); Mon 22 – Fri 26 (10–14);
        // Mon 1 Mar 2027 (15). (Recheck when the 2027 notice is out.)
        ("before Tết 2027 (computed)", d(2027, 2, 1), d(2027, 3, 1)),
    ];
    for (what, received, expected) in cases {
        assert_eq!(
            calendar.add_working_days(received, 15),
            expected,
            "{what}: received {received}"
        );
        assert_eq!(
            calendar.working_days_between(received, expected),
            15,
            "{what}: received {received}"
        );
    }
}

/// An officer's copy of the file replaces whole years of the built-in data.
#[test]
fn officer_update_overlays_the_built_in_file() {
    let built_in = load();
    let officer: HolidayCalendar = ron::from_str(
        r#"(
            years: [
                (
                    year: 2027,
                    status: Official,
                    source: "Notice 1234/TB-BNV (example)",
                    days_off: [
                        (date: "2027-01-01", name_vi: "Tết Dương lịch", name_en: "New Year's Day"),
                    ],
                    working_weekends: ["2027-02-20"],
                ),
            ],
        )"#,
    )
    .expect("officer file parses");
    let merged = built_in.overlay(&officer);
    assert_eq!(merged.years.len(), 7);
    let year = merged.year(2027).expect("2027");
    assert_eq!(year.status, YearStatus::Official);
    assert_eq!(year.days_off.len(), 1);
    assert_eq!(merged.year(2026), built_in.year(2026));
    let calendar = merged.to_work_calendar();
    assert!(calendar.is_working_day(d(2027, 2, 20)));
    assert!(
        calendar.is_working_day(d(2027, 2, 5)),
        "Tết 2027 left out by the officer"
    );
}

#[test]
fn typos_in_the_file_are_rejected() {
    let result: Result<HolidayCalendar, _> =
        ron::from_str(r#"(years: [(year: 2027, status: Official, source: "x", days_of: [])])"#);
    assert!(result.is_err());
}
