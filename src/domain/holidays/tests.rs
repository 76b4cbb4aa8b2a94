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
