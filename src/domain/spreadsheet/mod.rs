//! Spreadsheets as data: the portfolio table that is exported to Excel, and the
//! product list that is imported from Excel or LibreOffice (column mapping guessed from
//! the headers, each row checked, duplicates of existing products found).
//!
//! Pure: no files, no egui, no clock ("today" is a parameter). Reading and writing the
//! `.xlsx`/`.ods` files is `storage/spreadsheet.rs`; the words are `text.rs`.

mod export;
mod import;
#[cfg(test)]
mod tests;

pub use export::*;
pub use import::*;

use chrono::NaiveDate;

use super::search::nfc;

/// One cell of a sheet, as read from a file (dates already converted).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    Text(String),
    Number(f64),
    /// A date (a date-formatted cell).
    Date(NaiveDate),
    /// TRUE/FALSE.
    Bool(bool),
}

impl Cell {
    /// The cell as trimmed NFC text ("" when empty; whole numbers without ".0").
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => nfc(t.trim()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// The first sheet of a workbook: its rows, and where they start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Rows of cells; the first is the header row.
    pub rows: Vec<Vec<Cell>>,
    /// Row number of `rows[0]` as the spreadsheet shows it (1 for the top row).
    pub first_row_number: u32,
}
