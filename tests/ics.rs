//! The iCalendar export read back by an independent parser (the `icalendar` crate):
//! Vietnamese text survives escaping and folding, alarms are there, UIDs are stable.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use ocop_tracker::domain::ics::{IcsEvent, PRODID, stable_uid, to_ics};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn stamp(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, hour, 0, 0)
        .single()
        .expect("valid time")
}

/// Deadlines of the two demo products, with long Vietnamese text full of characters
/// that need escaping.
fn events() -> Vec<IcsEvent> {
    vec![
        IcsEvent {
            uid: stable_uid(&["thit-trau-binh-an", "CommuneProcessing", ""]),
            date: d(2026, 3, 10),
            summary: "Thịt trâu BA: hạn UBND xã gửi hồ sơ lên tỉnh (15 ngày làm việc)".to_owned(),
            description: "Quyết định 26/2026/QĐ-TTg, Điều 7, bước 2.\nHồ sơ gồm: Mẫu 01, Mẫu 02; \
                          phụ lục minh chứng; 5 mẫu sản phẩm.\r\nĐường dẫn: C:\\OCOP\\hồ-sơ"
                .to_owned(),
            alarm_days_before: vec![7, 1],
        },
        IcsEvent {
            uid: stable_uid(&["com-hong-quang", "CertificateExpiry", ""]),
            date: d(2029, 6, 25),
            summary: "Cốm Hồng Quang – giấy chứng nhận OCOP hết hạn; đánh giá, phân hạng lại trước 120 ngày"
                .to_owned(),
            description: "Nộp hồ sơ đánh giá lại trong khoảng 180–120 ngày trước khi hết hạn, \
                          tức từ 27/12/2028 đến 25/02/2029. Ghi chú: ưu tiên, khẩn; đừng quên!"
                .to_owned(),
            alarm_days_before: vec![180, 120, 30],
        },
        IcsEvent {
            uid: stable_uid(&["com-hong-quang", "DocumentValidUntil", "test-report"]),
            date: d(2027, 1, 15),
            summary: "Phiếu kết quả kiểm nghiệm hết hiệu lực".to_owned(),
            description: String::new(),
            alarm_days_before: vec![],
        },
    ]
}

fn parse(text: &str) -> Calendar {
    text.parse::<Calendar>()
        .unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

#[test]
fn parses_with_every_event_and_text_intact() {
    let events = events();
    let text = to_ics("OCOP – Bình An", &events, stamp(8));
    let calendar = parse(&text);
    let parsed: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(parsed.len(), events.len());
    assert_eq!(calendar.property_value("PRODID"), Some(PRODID));
    for (event, back) in events.iter().zip(parsed) {
        assert_eq!(back.get_uid(), Some(event.uid.as_str()));
        assert_eq!(back.get_summary(), Some(event.summary.as_str()));
        let expected_description = event.description.replace("\r\n", "\n");
        if expected_description.is_empty() {
            assert_eq!(back.get_description(), None);
        } else {
            assert_eq!(back.get_description(), Some(expected_description.as_str()));
        }
        assert_eq!(back.get_start(), Some(DatePerhapsTime::Date(event.date)));
        let next_day = event.date.succ_opt().expect("next day");
        assert_eq!(back.get_end(), Some(DatePerhapsTime::Date(next_day)));
        assert_eq!(back.get_timestamp(), Some(stamp(8)));
    }
}

#[test]
fn alarms_are_nested_in_their_events() {
    let events = events();
    let text = to_ics("", &events, stamp(8));
    let unfolded = icalendar::parser::unfold(&text);
    let raw = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let vevents: Vec<_> = raw
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(vevents.len(), events.len());
    for (event, vevent) in events.iter().zip(vevents) {
        let triggers: Vec<String> = vevent
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VALARM")
            .map(|alarm| {
                assert_eq!(
                    alarm.find_prop("ACTION").map(|p| p.val.as_str()),
                    Some("DISPLAY")
                );
                alarm
                    .find_prop("TRIGGER")
                    .map(|p| p.val.as_str().to_owned())
                    .unwrap_or_default()
            })
            .collect();
        let mut days = event.alarm_days_before.clone();
        days.sort_unstable();
        let expected: Vec<String> = days.iter().map(|n| format!("-P{n}D")).collect();
        assert_eq!(triggers, expected, "{}", event.summary);
    }
}

#[test]
fn lines_are_crlf_and_folded_between_characters() {
    let text = to_ics("OCOP", &events(), stamp(8));
    let bytes = text.as_bytes();
    assert!(bytes.ends_with(b"\r\n"));
    let mut folded_lines = 0;
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_empty() {
            continue; // after the final CRLF
        }
        let line = line.strip_suffix(b"\r").expect("every line ends in CRLF");
        assert!(line.len() <= 75, "{} octets", line.len());
        // Each physical line on its own is valid UTF-8: no character was split.
        let line = std::str::from_utf8(line).expect("fold inside a UTF-8 character");
        if line.starts_with(' ') {
            folded_lines += 1;
        }
    }
    assert!(folded_lines >= 3, "the long Vietnamese lines are folded");
}

#[test]
fn same_input_same_output() {
    let first = to_ics("OCOP", &events(), stamp(8));
    let again = to_ics("OCOP", &events(), stamp(8));
    assert_eq!(first, again);
    // A later export differs only in DTSTAMP, so calendars update the same events.
    let later = to_ics("OCOP", &events(), stamp(9));
    let without_stamp = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("DTSTAMP"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(without_stamp(&first), without_stamp(&later));
    let uids = |text: &str| -> Vec<String> {
        parse(text)
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => e.get_uid().map(str::to_owned),
                _ => None,
            })
            .collect()
    };
    assert_eq!(uids(&first), uids(&later));
    let distinct: std::collections::BTreeSet<_> = uids(&first).into_iter().collect();
    assert_eq!(distinct.len(), events().len());
}
