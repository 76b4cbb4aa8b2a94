//! What one cell of a list says, read as people write it: dates (a day, or only a year
//! or month), a decision's number with its date, the commune in an address, stars,
//! the council's score and the scoring set.

use chrono::{Datelike, NaiveDate};

use super::Cell;
use super::header::header_key;

/// A date as a list writes it: a whole day, or only a year or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRead {
    Day(NaiveDate),
    /// "năm 2023", "2023".
    Year(i32),
    /// "08/2023", "tháng 8/2023".
    Month(i32, u32),
}

impl DateRead {
    /// The day recorded: the day itself, else the first day of the year or month.
    pub fn first_day(self) -> Option<NaiveDate> {
        match self {
            DateRead::Day(d) => Some(d),
            DateRead::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            DateRead::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
        }
    }
}

/// Years a list's dates may name (an OCOP certificate is from 2018 on; a little margin).
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Excel's day numbers for 1954–2119: a date typed into a cell formatted as a number.
const EXCEL_DAYS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

/// A date from a date cell, an Excel day number, or text as people write it: dd/mm/yyyy,
/// d-m-yyyy, dd.mm.yyyy, yyyy-mm-dd, dd/mm/yy, "ngày 15 tháng 8 năm 2023"; a year alone
/// ("2023", "năm 2023") or a month ("08/2023", "tháng 8 năm 2023").
pub fn read_date(cell: &Cell) -> Option<DateRead> {
    match cell {
        Cell::Date(d) => Some(DateRead::Day(*d)),
        Cell::Number(n) if n.fract() == 0.0 && YEARS.contains(&(*n as i32)) && *n < 3000.0 => {
            Some(DateRead::Year(*n as i32))
        }
        Cell::Number(n) if n.fract() == 0.0 && EXCEL_DAYS.contains(n) => {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
            // Within EXCEL_DAYS: a positive whole number well inside u64.
            #[expect(clippy::cast_sign_loss, reason = "checked positive just above")]
            let days = *n as u64;
            base.checked_add_days(chrono::Days::new(days))
                .map(DateRead::Day)
        }
        Cell::Text(t) => read_date_text(t),
        _ => None,
    }
}

/// [`read_date`] of a text.
fn read_date_text(text: &str) -> Option<DateRead> {
    let t = text.trim();
    let day = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .filter(|d| YEARS.contains(&d.year()))
        .or_else(|| {
            // Two-digit years only as dd/mm/yy (20xx).
            NaiveDate::parse_from_str(t, "%d/%m/%y")
                .ok()
                .filter(|d| t.len() <= 8 && YEARS.contains(&d.year()))
        });
    if let Some(day) = day {
        return Some(DateRead::Day(day));
    }
    // Words: "ngày 15 tháng 8 năm 2023", "tháng 8/2023", "năm 2023", "2023".
    let key = header_key(t);
    let numbers: Vec<i64> = key
        .split(' ')
        .filter_map(|w| w.parse::<i64>().ok())
        .collect();
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| w.parse::<i64>().is_err())
        .collect();
    if !words
        .iter()
        .all(|w| ["ngay", "thang", "nam", "nam:"].contains(w))
    {
        return None;
    }
    let year = |n: i64| i32::try_from(n).ok().filter(|y| YEARS.contains(y));
    let month = |n: i64| u32::try_from(n).ok().filter(|m| (1..=12).contains(m));
    match numbers.as_slice() {
        [y] => year(*y).map(DateRead::Year),
        [m, y] => Some(DateRead::Month(year(*y)?, month(*m)?)),
        [d, m, y] => NaiveDate::from_ymd_opt(year(*y)?, month(*m)?, u32::try_from(*d).ok()?)
            .map(DateRead::Day),
        _ => None,
    }
}

/// A whole day from a cell (dates as [`read_date`] reads them; a year or month alone is
/// not a day).
pub fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match read_date(cell)? {
        DateRead::Day(d) => Some(d),
        DateRead::Year(_) | DateRead::Month(..) => None,
    }
}

/// A decision's number and date from one text, as lists write it in one column: "Số
/// 123/QĐ-UBND ngày 15/8/2023" → ("123/QĐ-UBND", 15/08/2023).
pub fn split_decision(text: &str) -> (String, Option<DateRead>) {
    let lower = text.to_lowercase();
    let Some(at) = lower.find("ngày").or_else(|| lower.find("ngay")) else {
        return (text.trim().to_owned(), None);
    };
    let (number, date) = (text.get(..at).unwrap_or(text), text.get(at..).unwrap_or(""));
    let number = number.trim().trim_end_matches([',', ';', '-']).trim();
    let number = ["Số", "số", "QĐ số", "Quyết định số", "quyết định số"]
        .iter()
        .find_map(|p| number.strip_prefix(p))
        .unwrap_or(number)
        .trim();
    let date_text = date.trim_start_matches(|c: char| c.is_alphabetic()).trim();
    let date = read_date(&Cell::Text(date_text.to_owned()))
        .or_else(|| read_date(&Cell::Text(date.to_owned())));
    match date {
        Some(date) if !number.is_empty() => (number.to_owned(), Some(date)),
        _ => (text.trim().to_owned(), None),
    }
}

/// The commune in an address, as this app writes communes (without the word "Xã"):
/// "Thôn Nà Khà, xã Hồng Quang, huyện Lâm Bình" → "Hồng Quang". Wards, towns and special
/// zones too ("phường", "thị trấn", "đặc khu").
pub fn commune_in_address(address: &str) -> Option<String> {
    for part in address.split([',', ';', '-', '–']) {
        let part = part.trim();
        let words: Vec<&str> = part.split_whitespace().collect();
        let folded: Vec<String> = words.iter().map(|w| header_key(w)).collect();
        let prefix = match folded.as_slice() {
            [a, b, ..] if a == "thi" && b == "tran" => 2,
            [a, b, ..] if a == "dac" && b == "khu" => 2,
            [a, ..] if a == "xa" || a == "phuong" => 1,
            _ => continue,
        };
        let name = words.get(prefix..).map(|w| w.join(" ")).unwrap_or_default();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

/// A whole number from a number cell or from text whose first word is one ("4 sao", "4★").
pub(super) fn whole_number(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e9 => Some(*n as i64),
        Cell::Text(t) => {
            let digits: String = t.trim().chars().take_while(char::is_ascii_digit).collect();
            let rest = t.trim().get(digits.len()..).unwrap_or("").trim();
            let rest_ok = rest.is_empty()
                || rest.starts_with('★')
                || rest.starts_with('*')
                || header_key(rest) == "sao"
                || header_key(rest) == "star"
                || header_key(rest) == "stars";
            if digits.is_empty() || !rest_ok {
                None
            } else {
                digits.parse().ok()
            }
        }
        _ => None,
    }
}

/// A star as lists write it: 3, "3 sao", "4★", "★★★", "***", "Hạng 4 sao".
pub(super) fn star_of(cell: &Cell) -> Option<u8> {
    let from_symbols = |t: &str| {
        let t = t.trim();
        let count = t.chars().filter(|c| matches!(c, '★' | '*' | '☆')).count();
        (count > 0 && t.chars().all(|c| matches!(c, '★' | '*' | '☆' | ' ')))
            .then_some(i64::try_from(count).unwrap_or(0))
    };
    let number = whole_number(cell).or_else(|| match cell {
        Cell::Text(t) => from_symbols(t).or_else(|| {
            // "Hạng 4 sao", "Đạt 3 sao": the number before "sao".
            let key = header_key(t);
            let words: Vec<&str> = key.split(' ').collect();
            let at = words
                .iter()
                .position(|w| *w == "sao" || *w == "star" || *w == "stars")?;
            words.get(at.checked_sub(1)?)?.parse().ok()
        }),
        _ => None,
    })?;
    u8::try_from(number).ok().filter(|n| (3..=5).contains(n))
}

/// The council's score 0–100: a number, or text with a decimal comma ("85,5").
pub(super) fn score_of(cell: &Cell) -> Option<f32> {
    let value = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => t.trim().replace(',', ".").parse::<f64>().ok()?,
        _ => return None,
    };
    (value.is_finite() && (0.0..=100.0).contains(&value)).then_some(value as f32)
}

/// A scoring set number 1–26 from a number cell, or from text as people write it: "6",
/// "6. Chế biến từ gạo, ngũ cốc" (the status report's form), "6 – Chế biến…" (the
/// screen's), "Bộ số 6", "Bộ 6", "Set 6".
pub(super) fn set_number(cell: &Cell) -> Option<u8> {
    let number = match cell {
        Cell::Text(t) => {
            // The text starts with the number or a word ("Bộ", "Set"), never with a sign
            // or a bracket: "-6" and "(6)" are not set 6.
            if !t.trim_start().starts_with(char::is_alphanumeric) {
                return None;
            }
            // Folded: no marks, no punctuation, single spaces ("6. Chế…" is "6 che…").
            let folded = header_key(t);
            let rest = [
                "bo tieu chi so ",
                "bo tieu chi ",
                "bo so ",
                "bo ",
                "set no ",
                "set ",
            ]
            .iter()
            .find_map(|prefix| folded.strip_prefix(prefix))
            .unwrap_or(&folded);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = rest.get(digits.len()..).unwrap_or("");
            // After the number: nothing, or the set's name (not more digits: "6.5").
            let separated = after.is_empty()
                || after.starts_with(' ') && !after.trim_start().starts_with(char::is_numeric);
            if digits.is_empty() || !separated {
                return None;
            }
            digits.parse::<i64>().ok()?
        }
        other => whole_number(other)?,
    };
    u8::try_from(number)
        .ok()
        .filter(|n| crate::domain::criteria::SETS.contains(n))
}
