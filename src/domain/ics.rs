//! iCalendar (RFC 5545) export of deadlines as all-day events with reminders, so an
//! officer can put a product's dates into Outlook, Google Calendar or a phone.
//!
//! Only text is produced here; writing the `.ics` file is the caller's job. The
//! output follows RFC 5545:
//! - lines end in CRLF (§3.1) and are folded at 75 octets, never inside a UTF-8
//!   character (§3.1: "a multi-octet character MUST NOT be split");
//! - TEXT values escape `\`, `;`, `,` and newlines (§3.3.11);
//! - every event has a `UID` and a `DTSTAMP` (§3.6.1); the time stamp is passed in,
//!   so output is reproducible;
//! - all-day events are `DTSTART;VALUE=DATE` with `DTEND` the next day (§3.6.1);
//! - reminders are `VALARM` with `ACTION:DISPLAY` and a `TRIGGER` relative to the
//!   start (§3.6.6).
//!
//! Re-exporting must update events in the officer's calendar, not duplicate them, so
//! UIDs have to be the same on every run and every platform: [`stable_uid`] hashes
//! the event's identity with FNV-1a (128-bit), never with std's randomly seeded
//! hasher.
//!
//! Pure: no I/O, no clock.

use chrono::{DateTime, NaiveDate, Utc};

/// `PRODID` of the calendars written here (RFC 5545 §3.7.3).
pub const PRODID: &str = "-//ocop-tracker//OCOP deadlines//VI";

/// Domain part of the UIDs made by [`stable_uid`].
pub const UID_DOMAIN: &str = "ocop-tracker";

/// Maximum octets of one physical line, without the CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable identifier; see [`stable_uid`].
    pub uid: String,
    /// The day of the event.
    pub date: NaiveDate,
    /// Title shown in the calendar.
    pub summary: String,
    /// Longer text; may contain newlines.
    pub description: String,
    /// A reminder this many days before the event (0 = at the start of its day).
    pub alarm_days_before: Vec<u32>,
}

/// 128-bit FNV-1a offset basis.
const FNV128_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
/// 128-bit FNV prime, 2^88 + 2^8 + 0x3b.
const FNV128_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

fn fnv1a_128(hash: u128, bytes: &[u8]) -> u128 {
    bytes
        .iter()
        .fold(hash, |h, &b| (h ^ u128::from(b)).wrapping_mul(FNV128_PRIME))
}

/// A UID that is the same for the same `parts` on every run and platform, e.g.
/// `stable_uid(&[product_id, "CommuneProcessing", ""])`.
///
/// Each part is hashed with its length first, so `["ab", "c"]` and `["a", "bc"]`
/// differ. The result is 32 hex digits `@ocop-tracker`.
pub fn stable_uid(parts: &[&str]) -> String {
    let mut hash = FNV128_OFFSET;
    for part in parts {
        // u64 little-endian length: the same bytes on 32- and 64-bit platforms.
        let len = u64::try_from(part.len()).unwrap_or(u64::MAX);
        hash = fnv1a_128(hash, &len.to_le_bytes());
        hash = fnv1a_128(hash, part.as_bytes());
    }
    format!("{hash:032x}@{UID_DOMAIN}")
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and line
/// breaks (CRLF, LF or CR become `\n`). Other control characters are not allowed in
/// TEXT and are dropped, except tab.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` to `out`, folded to at most 75 octets per physical line, each
/// ending in CRLF. Continuation lines start with one space, which counts in their
/// 75 octets. Folds only between characters.
fn push_folded(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// The calendar with `events`, as iCalendar text.
///
/// `calendar_name` goes into `X-WR-CALNAME` (shown by Google Calendar, Outlook and
/// Apple Calendar as the calendar's name; left out when empty). `dtstamp` is the
/// export time, written as every event's `DTSTAMP`.
pub fn to_ics(calendar_name: &str, events: &[IcsEvent], dtstamp: DateTime<Utc>) -> String {
    let stamp = dtstamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |text: &str| push_folded(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    if !calendar_name.is_empty() {
        line(&format!("X-WR-CALNAME:{}", escape_text(calendar_name)));
    }
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", ics_date(event.date)));
        // DTEND is exclusive: an all-day event ends at the start of the next day.
        let end = event.date.succ_opt().unwrap_or(event.date);
        line(&format!("DTEND;VALUE=DATE:{}", ics_date(end)));
        line(&format!("SUMMARY:{}", escape_text(&event.summary)));
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape_text(&event.description)));
        }
        // A deadline does not make the officer busy.
        line("TRANSP:TRANSPARENT");
        let mut days: Vec<u32> = event.alarm_days_before.clone();
        days.sort_unstable();
        days.dedup();
        for days_before in days {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            if days_before == 0 {
                line("TRIGGER:PT0S");
            } else {
                line(&format!("TRIGGER:-P{days_before}D"));
            }
            line(&format!("DESCRIPTION:{}", escape_text(&event.summary)));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn stamp() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 8, 30, 0)
            .single()
            .expect("valid time")
    }

    #[test]
    fn fnv1a_128_known_vectors() {
        // Published FNV-1a 128-bit test vectors (draft-eastlake-fnv).
        assert_eq!(
            fnv1a_128(FNV128_OFFSET, b""),
            0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
        );
        assert_eq!(
            fnv1a_128(FNV128_OFFSET, b"a"),
            0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964
        );
    }

    #[test]
    fn stable_uids() {
        let a = stable_uid(&["thit-trau-binh-an", "CommuneProcessing", ""]);
        assert_eq!(
            a,
            stable_uid(&["thit-trau-binh-an", "CommuneProcessing", ""])
        );
        assert!(a.ends_with("@ocop-tracker"));
        assert_eq!(a.len(), 32 + "@ocop-tracker".len());
        // Pinned (checked with an independent Python FNV-1a): changing the hash would
        // duplicate every event officers have already imported.
        assert_eq!(
            stable_uid(&["com-hong-quang", "CertificateExpiry"]),
            "81aec3a140b0ff4131e923dd4dab73a5@ocop-tracker"
        );
        assert_ne!(stable_uid(&["ab", "c"]), stable_uid(&["a", "bc"]));
        assert_ne!(stable_uid(&["a"]), stable_uid(&["a", ""]));
        assert_ne!(
            a,
            stable_uid(&["thit-trau-binh-an", "ProvinceRoundCutoff", ""])
        );
    }

    #[test]
    fn escaping() {
        let cases = [
            ("plain", "plain"),
            ("a,b;c\\d", "a\\,b\\;c\\\\d"),
            ("line 1\nline 2", "line 1\\nline 2"),
            ("crlf\r\nend", "crlf\\nend"),
            ("cr\rend", "cr\\nend"),
            ("bell\u{7}tab\t", "belltab\t"),
            ("Cốm Hồng Quang: 15 ngày", "Cốm Hồng Quang: 15 ngày"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_text(input), expected, "{input:?}");
        }
    }

    #[test]
    fn folding_respects_octets_and_characters() {
        // 74 ASCII octets then "ố" (3 octets): the character would straddle octet 75,
        // so the fold comes before it.
        let line = format!("{}ố{}", "x".repeat(74), "y".repeat(80));
        let mut out = String::new();
        push_folded(&mut out, &line);
        let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(physical.first().map(|l| l.len()), Some(74));
        for l in &physical {
            assert!(l.len() <= MAX_LINE_OCTETS, "{l:?}");
        }
        assert_eq!(out.replace("\r\n ", "").trim_end_matches("\r\n"), line);
        // A short line is untouched.
        let mut short = String::new();
        push_folded(&mut short, "SUMMARY:ngắn");
        assert_eq!(short, "SUMMARY:ngắn\r\n");
    }

    #[test]
    fn calendar_layout() {
        let event = IcsEvent {
            uid: stable_uid(&["p", "k"]),
            date: d(2026, 3, 10),
            summary: "Hạn xử lý của xã".to_owned(),
            description: String::new(),
            alarm_days_before: vec![3, 1, 3],
        };
        let text = to_ics("OCOP", &[event], stamp());
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
        assert!(text.contains("DTSTAMP:20260601T083000Z\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20260310\r\nDTEND;VALUE=DATE:20260311\r\n"));
        assert_eq!(text.matches("BEGIN:VALARM").count(), 2, "duplicates merged");
        assert!(text.contains("TRIGGER:-P1D\r\n"));
        assert!(text.contains("TRIGGER:-P3D\r\n"));
        assert!(
            !text.contains("DESCRIPTION:\r\n"),
            "empty description left out"
        );
        let day_of = IcsEvent {
            uid: "u".to_owned(),
            date: d(2026, 3, 10),
            summary: "s".to_owned(),
            description: "d".to_owned(),
            alarm_days_before: vec![0],
        };
        assert!(to_ics("", &[day_of], stamp()).contains("TRIGGER:PT0S\r\n"));
        assert!(!to_ics("", &[], stamp()).contains("X-WR-CALNAME"));
    }
}
