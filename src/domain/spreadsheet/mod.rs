//! Spreadsheets as data: the portfolio table that is exported to Excel, and the
//! product list that is imported from Excel or LibreOffice (column mapping guessed from
//! the headers, each row checked, duplicates of existing products found).
//!
//! Pure: no files, no egui, no clock ("today" is a parameter). Reading and writing the
//! `.xlsx`/`.ods` files is `storage/spreadsheet.rs`; the words are `text.rs`.

mod cells;
mod export;
mod header;
mod import;
mod propose;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_layout;

pub use cells::{DateRead, commune_in_address, parse_date, read_date, split_decision};
pub use export::*;
pub use header::*;
pub use import::*;
pub use propose::*;

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

/// One sheet of a workbook as read: its rows from the first row holding a value (title
/// rows, the header and the data alike: [`find_layout`] tells them apart), and its merged
/// cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's name as the workbook shows it on its tab ("" for a .csv file).
    pub name: String,
    /// Rows of cells, each cell at its column's position (column A is index 0).
    pub rows: Vec<Vec<Cell>>,
    /// Row number of `rows[0]` as the spreadsheet shows it (1 for the top row).
    pub first_row_number: u32,
    /// Merged cells, in the sheet's own 0-based coordinates (row 0 is the top row, not
    /// `rows[0]`). Empty when the format has none (.csv) or the reader gives none.
    pub merges: Vec<Merge>,
}

impl Sheet {
    /// A sheet of `rows` starting at the top row, with no merged cells.
    pub fn from_rows(rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: String::new(),
            rows,
            first_row_number: 1,
            merges: Vec::new(),
        }
    }

    /// The row number the spreadsheet shows for `rows[index]`.
    pub fn row_number(&self, index: usize) -> u32 {
        self.first_row_number
            .saturating_add(u32::try_from(index).unwrap_or(u32::MAX))
    }
}

/// A block of merged cells (inclusive, 0-based sheet coordinates): the value is in the
/// top-left cell, the others are empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u32,
    pub last_col: u32,
}

impl Merge {
    /// Whether the block covers the cell at (`row`, `col`).
    pub fn covers(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}
