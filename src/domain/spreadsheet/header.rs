//! Where a list's header is and what each column holds: title rows above it skipped, a
//! header over one, two or three rows with merged cells read as one heading per column
//! ("Quyết định công nhận – Số"), and the columns matched to product fields by the words
//! of their heading, with a confidence the preview shows.
//!
//! Lists as provinces publish them start with the issuing body, the title and "(Kèm theo
//! Quyết định số …)" rows, then a header whose group headings are merged over their
//! sub-headings; every other heading is merged over both rows. Matching by whole aliases
//! missed "Chủ thể sản xuất" and "Quyết định công nhận": a heading now matches a field
//! when it contains one of the field's phrases as whole words; an exact heading is sure,
//! a phrase inside a longer heading is a guess the officer should look at.

use std::collections::BTreeMap;

use super::{Cell, Sheet};
use crate::domain::search::fold;

/// A product field an imported column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportField {
    /// Product name (required).
    Name,
    /// Producer name.
    Producer,
    Commune,
    ProductCode,
    /// Scoring set 1–26 (when no column gives it, a set is proposed per row).
    ScoringSet,
    /// The product group as published lists give it ("Thực phẩm chế biến"): used to
    /// propose a scoring set, not stored.
    Group,
    /// Stage of the current application.
    Stage,
    /// Star on the certificate.
    Star,
    /// The council's score (0–100), kept as the official result's average score.
    Score,
    CertificateNumber,
    /// Certificate issue date.
    IssuedOn,
    /// Certificate expiry date (checked against the issue date).
    ExpiresOn,
    /// Producer phone.
    Phone,
    /// Producer address (also where the commune is read from when no column gives it).
    Address,
}

impl ImportField {
    /// Every field, in the order the mapping shows them.
    pub const ALL: [ImportField; 14] = [
        ImportField::Name,
        ImportField::Producer,
        ImportField::Commune,
        ImportField::ProductCode,
        ImportField::ScoringSet,
        ImportField::Group,
        ImportField::Stage,
        ImportField::Star,
        ImportField::Score,
        ImportField::CertificateNumber,
        ImportField::IssuedOn,
        ImportField::ExpiresOn,
        ImportField::Phone,
        ImportField::Address,
    ];

    /// Headings that name this field, folded (`search::fold`) and with punctuation as
    /// spaces: Vietnamese as communes and provinces write them, English, and the export's
    /// own headers in both languages. A heading equal to one is a sure match; a heading
    /// containing one of two or more words is a guess (single words match only whole
    /// headings: "Tên" alone is the product, "Tên chủ thể" is not).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::Name => &[
                "san pham",
                "ten san pham",
                "ten sp",
                "ten san pham ocop",
                "ten hang hoa",
                "product",
                "product name",
                "name",
                "ten",
            ],
            ImportField::Producer => &[
                "chu the",
                "ten chu the",
                "chu the ocop",
                "ten chu the ocop",
                "chu the san xuat",
                "co so san xuat",
                "don vi san xuat",
                "ten co so",
                "ten don vi",
                "chu the kinh doanh",
                "htx",
                "producer",
                "producer name",
                "manufacturer",
            ],
            ImportField::Commune => &[
                "xa",
                "xa phuong",
                "phuong xa",
                "xa phuong thi tran",
                "ten xa",
                "dia ban",
                "commune",
                "ward",
            ],
            ImportField::ProductCode => &["ma san pham", "ma sp", "product code", "code"],
            ImportField::ScoringSet => &[
                "bo tc",
                "bo tieu chi",
                "bo tieu chi so",
                "bo san pham",
                "set",
                "scoring set",
                "criteria set",
            ],
            ImportField::Group => &[
                "nhom",
                "nhom san pham",
                "nganh hang",
                "nhom nganh",
                "phan nhom",
                "nhom nganh hang",
                "loai san pham",
                "product group",
                "group",
            ],
            ImportField::Stage => &["buoc", "giai doan", "trang thai", "stage", "status"],
            ImportField::Star => &[
                "hang sao chinh thuc",
                "hang sao",
                "so sao",
                "sao",
                "phan hang",
                "xep hang",
                "ket qua phan hang",
                "hang",
                "official star",
                "star",
                "stars",
                "rating",
            ],
            ImportField::Score => &[
                "so diem",
                "diem",
                "tong diem",
                "diem danh gia",
                "diem trung binh",
                "score",
                "points",
            ],
            ImportField::CertificateNumber => &[
                "so giay chung nhan",
                "so gcn",
                "giay chung nhan",
                "giay chung nhan so",
                "so quyet dinh",
                "quyet dinh so",
                "so qd",
                "qd so",
                "quyet dinh cong nhan so",
                "quyet dinh cong nhan",
                "quyet dinh",
                "certificate number",
                "certificate no",
                "certificate",
                "decision number",
            ],
            ImportField::IssuedOn => &[
                "ngay cap",
                "ngay cap gcn",
                "ngay cap giay chung nhan",
                "ngay cong nhan",
                "ngay quyet dinh",
                "ngay qd",
                "ngay ban hanh",
                "quyet dinh cong nhan ngay",
                "quyet dinh ngay",
                "giay chung nhan ngay",
                "nam cong nhan",
                "nam dat",
                "thoi gian cong nhan",
                "issued on",
                "issue date",
                "issued",
                "date issued",
                "decision date",
            ],
            ImportField::ExpiresOn => &[
                "ngay het han",
                "het han",
                "han gcn",
                "thoi han",
                "hieu luc den",
                "expires on",
                "expiry date",
                "expiry",
                "expires",
            ],
            ImportField::Phone => &["dien thoai", "so dien thoai", "sdt", "phone", "telephone"],
            ImportField::Address => &["dia chi", "address", "dia chi san xuat"],
        }
    }
}

/// A header folded for matching: `search::fold`, punctuation to spaces, spaces collapsed.
pub fn header_key(header: &str) -> String {
    let folded = fold(header);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How sure a column's field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// The heading is one of the field's names.
    Exact,
    /// The heading contains one of the field's names among other words: a guess.
    Words,
    /// The officer chose the column (or `--map` on the command line).
    Chosen,
}

/// Which column fills each field: field → column index (0-based).
pub type Mapping = BTreeMap<ImportField, usize>;

/// The mapping guessed from the headings, and how sure each field is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Guess {
    pub mapping: Mapping,
    pub confidence: BTreeMap<ImportField, Confidence>,
}

/// Whether `phrase` occurs in `key` as whole words.
fn contains_words(key: &str, phrase: &str) -> bool {
    let (key, phrase) = (format!(" {key} "), format!(" {phrase} "));
    key.contains(&phrase)
}

/// Guesses the mapping from the column headings (one per column, as [`find_layout`]
/// combines them). Every (field, column) pair gets a score: a heading equal to an alias
/// scores highest, then a heading containing a longer alias; pairs are taken best first,
/// each column serving one field and each field one column. So "Mã sản phẩm" is the code
/// before "sản phẩm" can make it the name, and "Quyết định công nhận – Ngày" is the date
/// before "Quyết định công nhận" can make it the number.
pub fn guess(headings: &[String]) -> Guess {
    let keys: Vec<String> = headings.iter().map(|h| header_key(h)).collect();
    let mut candidates: Vec<(u32, ImportField, usize, Confidence)> = Vec::new();
    for field in ImportField::ALL {
        for (rank, alias) in field.aliases().iter().enumerate() {
            let words = alias.split(' ').count();
            // Earlier aliases win ties: "Hạng sao chính thức" before "Sao".
            let tie = u32::try_from(100 - rank.min(99)).unwrap_or(0);
            for (col, key) in keys.iter().enumerate() {
                if key.is_empty() {
                    continue;
                }
                if key == alias {
                    candidates.push((10_000 + tie, field, col, Confidence::Exact));
                } else if words >= 2 && contains_words(key, alias) {
                    let length = u32::try_from(alias.len()).unwrap_or(0);
                    candidates.push((
                        1_000 + length * 10 + tie / 10,
                        field,
                        col,
                        Confidence::Words,
                    ));
                }
            }
        }
    }
    // Best first; equal scores: the leftmost column, then the field order.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    let mut out = Guess::default();
    let mut used = vec![false; keys.len()];
    for (_, field, col, confidence) in candidates {
        if out.mapping.contains_key(&field) || used.get(col).copied().unwrap_or(true) {
            continue;
        }
        out.mapping.insert(field, col);
        out.confidence.insert(field, confidence);
        if let Some(u) = used.get_mut(col) {
            *u = true;
        }
    }
    out
}

/// The mapping of one header row (cells as read): [`guess`] on their texts.
pub fn guess_mapping(headers: &[Cell]) -> Mapping {
    let headings: Vec<String> = headers.iter().map(Cell::text).collect();
    guess(&headings).mapping
}

/// Where the header of a sheet is and what its columns are called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Index in `Sheet::rows` of the header's first row (the rows above are titles).
    pub header_at: usize,
    /// How many rows the header spans (1–3).
    pub header_rows: usize,
    /// One heading per column; a sub-heading joined to its group's: "Quyết định công
    /// nhận – Số".
    pub headings: Vec<String>,
    /// A row of column numbers ("1 2 3 …", "(1) (2) …") right under the header, as
    /// official tables print: skipped.
    pub numbers_row: bool,
}

impl Layout {
    /// A one-row header at `rows[0]` (a sheet exported by this app, a simple list).
    pub fn first_row(sheet: &Sheet) -> Layout {
        Layout {
            header_at: 0,
            header_rows: 1,
            headings: combined_headings(sheet, 0, 1),
            numbers_row: false,
        }
    }

    /// Index in `Sheet::rows` of the first data row.
    pub fn data_start(&self) -> usize {
        self.header_at + self.header_rows + usize::from(self.numbers_row)
    }
}

/// Rows looked at for the header: a list may start with a few title rows.
const HEADER_SEARCH_ROWS: usize = 20;
/// The deepest header read (group, sub-group, column).
const MAX_HEADER_ROWS: usize = 3;

/// Finds the header: the first of the top rows that, read with the rows merged under it,
/// has at least two headings and names the product column. A sheet with none (the
/// officer maps the columns by hand) gets its first non-empty row as a one-row header;
/// `None` for a sheet with nothing in it.
pub fn find_layout(sheet: &Sheet) -> Option<Layout> {
    for at in 0..sheet.rows.len().min(HEADER_SEARCH_ROWS) {
        let Some(row) = sheet.rows.get(at) else { break };
        // A title ("DANH SÁCH SẢN PHẨM…") is one cell, merged across or not.
        if row.iter().filter(|c| !c.is_blank()).count() < 2 {
            continue;
        }
        let depth = header_depth(sheet, at);
        let headings = combined_headings(sheet, at, depth);
        if guess(&headings).mapping.contains_key(&ImportField::Name) {
            return Some(Layout {
                header_at: at,
                header_rows: depth,
                numbers_row: sheet
                    .rows
                    .get(at + depth)
                    .is_some_and(|r| is_numbers_row(r)),
                headings,
            });
        }
    }
    let first = sheet
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.is_blank()))?;
    Some(Layout {
        header_at: first,
        header_rows: 1,
        headings: combined_headings(sheet, first, 1),
        numbers_row: false,
    })
}

/// The sheet row (0-based) of `rows[index]`.
fn sheet_row(sheet: &Sheet, index: usize) -> u32 {
    sheet.row_number(index).saturating_sub(1)
}

/// How many rows the header starting at `rows[at]` spans: as far down as the cells merged
/// from its rows reach; without merged cells (a .csv, a sheet unmerged by hand), as many
/// rows as look like sub-headings ([`is_sub_heading_row`]).
fn header_depth(sheet: &Sheet, at: usize) -> usize {
    let top = sheet_row(sheet, at);
    let mut depth = 1;
    loop {
        let bottom = top + u32::try_from(depth).unwrap_or(0);
        let reach = sheet
            .merges
            .iter()
            .filter(|m| (top..bottom).contains(&m.first_row))
            .map(|m| m.last_row.saturating_sub(top) as usize + 1)
            .max()
            .unwrap_or(1);
        let next = reach.clamp(depth, MAX_HEADER_ROWS);
        if next == depth {
            break;
        }
        depth = next;
    }
    while depth < MAX_HEADER_ROWS && is_sub_heading_row(sheet, at, depth) {
        depth += 1;
    }
    depth
}

/// Whether `rows[at + depth]` continues the header above it: it has text only, nothing in
/// the product column, and a heading under an empty cell of the row above (a group
/// heading spans it: "Quyết định công nhận" over "Số" and "Ngày").
fn is_sub_heading_row(sheet: &Sheet, at: usize, depth: usize) -> bool {
    let Some(row) = sheet.rows.get(at + depth) else {
        return false;
    };
    let Some(above) = sheet.rows.get(at + depth - 1) else {
        return false;
    };
    let filled: Vec<usize> = row
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_blank())
        .map(|(i, _)| i)
        .collect();
    if filled.is_empty()
        || row
            .iter()
            .any(|c| !c.is_blank() && !matches!(c, Cell::Text(_)))
    {
        return false;
    }
    let headings = combined_headings(sheet, at, depth);
    let Some(&name_col) = guess(&headings).mapping.get(&ImportField::Name) else {
        return false;
    };
    let under_empty = filled
        .iter()
        .any(|&i| above.get(i).is_none_or(Cell::is_blank));
    row.get(name_col).is_none_or(Cell::is_blank) && under_empty
}

/// The text shown at (`index`, `col`): the cell's own, or that of the merged block
/// covering it.
fn covering_text(sheet: &Sheet, index: usize, col: usize) -> String {
    let row = sheet_row(sheet, index);
    let col32 = u32::try_from(col).unwrap_or(u32::MAX);
    if let Some(m) = sheet.merges.iter().find(|m| m.covers(row, col32)) {
        let first = sheet.first_row_number.saturating_sub(1);
        let at = m.first_row.checked_sub(first).map(|r| r as usize);
        return at
            .and_then(|r| sheet.rows.get(r))
            .and_then(|r| r.get(m.first_col as usize))
            .map(Cell::text)
            .unwrap_or_default();
    }
    sheet
        .rows
        .get(index)
        .and_then(|r| r.get(col))
        .map(Cell::text)
        .unwrap_or_default()
}

/// One heading per column for a header of `depth` rows from `rows[at]`: the texts down
/// the column, each once, joined by " – ". Without merge information a group heading is
/// carried right over the empty cells above its sub-headings.
pub fn combined_headings(sheet: &Sheet, at: usize, depth: usize) -> Vec<String> {
    let width = sheet
        .rows
        .iter()
        .skip(at)
        .take(depth)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    // texts[r][c]: the heading text of header row r at column c.
    let mut texts: Vec<Vec<String>> = (0..depth)
        .map(|r| {
            (0..width)
                .map(|c| covering_text(sheet, at + r, c))
                .collect()
        })
        .collect();
    if sheet.merges.is_empty() {
        for r in 0..depth.saturating_sub(1) {
            for c in 1..width {
                let blank = texts
                    .get(r)
                    .and_then(|t| t.get(c))
                    .is_none_or(String::is_empty);
                let child = |col: usize| {
                    texts
                        .get(r + 1)
                        .and_then(|t| t.get(col))
                        .is_some_and(|s| !s.is_empty())
                };
                if blank && child(c) && child(c - 1) {
                    let parent = texts
                        .get(r)
                        .and_then(|t| t.get(c - 1))
                        .cloned()
                        .unwrap_or_default();
                    if let Some(slot) = texts.get_mut(r).and_then(|t| t.get_mut(c)) {
                        *slot = parent;
                    }
                }
            }
        }
    }
    (0..width)
        .map(|c| {
            let mut parts: Vec<&str> = Vec::new();
            for row in &texts {
                if let Some(text) = row.get(c).map(String::as_str)
                    && !text.is_empty()
                    && parts.last() != Some(&text)
                {
                    parts.push(text);
                }
            }
            parts.join(" – ")
        })
        .collect()
}

/// Whether a row holds only the column numbers an official table prints under its
/// header: 1, 2, 3 … or (1), (2) … in order.
fn is_numbers_row(row: &[Cell]) -> bool {
    let numbers: Vec<Option<i64>> = row
        .iter()
        .filter(|c| !c.is_blank())
        .map(|c| match c {
            Cell::Number(n) if n.fract() == 0.0 && (0.0..1000.0).contains(n) => Some(*n as i64),
            Cell::Text(t) => t
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim()
                .parse()
                .ok(),
            _ => None,
        })
        .collect();
    numbers.len() >= 3
        && numbers.iter().all(Option::is_some)
        && numbers.windows(2).all(|w| match w {
            [Some(a), Some(b)] => b > a,
            _ => false,
        })
}

/// The merges of `sheet` that span three or more columns of row `index`: a section
/// heading across the table ("I. HUYỆN LÂM BÌNH"), or a totals row.
pub fn spans_across(sheet: &Sheet, index: usize) -> bool {
    let row = sheet_row(sheet, index);
    sheet
        .merges
        .iter()
        .any(|m| m.first_row == row && m.last_col >= m.first_col + 2)
}
